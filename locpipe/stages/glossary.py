"""Glossary: editor-maintained names and terms, matched in the source, enforced in every target.

Files are CSV (UTF-8, BOM accepted) in `glossary/`: a header of language codes (`en` required)
plus optional `type`, `policy`, `note`; a cell lists forms separated by ` | `, the first one
preferred. All files are parsed and cross-checked before any is used, so a run never works with
a half-loaded glossary: the first problem raises `file:line: message` (exit 2); `lint` lists all.
Checking articles' English and exchanging the glossary with other tools: locpipe.rules.source.

Policies
- enforce: names. The preferred target form must appear.
- accept: inflecting words (alaouite/alaouites, المسلمون/المسلمين). Any listed form counts.
- keep: do not translate; languages whose cell is empty get the preferred source form.
- forbid: deprecated source forms (the en cell is `replacement | deprecated…`), reported.

Matching is an Aho-Corasick automaton (pyahocorasick) over a normalised copy of the text
(hyphens and spaces folded, curly apostrophes straightened, Arabic diacritics and tatweel
dropped) with an index map back to the original, so its cost grows with the text, not with the
glossary. Whole words only; entries with capitals match case-sensitively, lower-case entries
also match capitalised at a sentence start; overlapping matches resolve to the longest.
In Arabic targets a match may carry the clitics و ف ب ل ك (and ل+ال written لل).

Why this enforcement design (see `mask_terms` / `restore_terms`):
1. enforce/keep terms are masked as `<tN/>` placeholders: the engine cannot misspell what it
   does not see, and restoring writes exactly the glossary form. NMT damages placeholders in
   known ways, so restoring is tolerant: case or spacing changes (`<T1/>`, `< t1 />`), quotes
   the source did not have, Arabic clitics glued or detached (و + حماة → وحماة; ال + الأسد does
   not double the article; ل + الأسد → للأسد; ال is dropped before a name that has none),
   French elision (de + Alep → d'Alep), a stray possessive 's, a repeated placeholder (the
   extra copy is removed and flagged).
2. accept terms are not masked (masking would freeze the inflection the sentence needs). If
   none of the listed forms appears and the engine offers n-best hypotheses
   (`translate_nbest(texts, n)`), the hypothesis that best satisfies the glossary is chosen;
   the same re-ranking also rescues dropped placeholders.
3. Segments still wrong (placeholder dropped, name transliterated) are translated once more with
   the target forms written into the source ("inline" constraints, which NMT models usually
   copy); that output is kept only if it verifies.
4. Every unit is then verified against the glossary (the same rule `check_terms` gives QA);
   whatever is still not as the glossary says gets a "terms" finding. Nothing is silently wrong.
Only units with origin "machine" are masked or restored; reviewed translations are never touched.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ahocorasick

from locpipe.document import Unit
from locpipe.errors import ConfigError

if TYPE_CHECKING:
    from locpipe.context import Context

POLICIES = ("enforce", "accept", "keep", "forbid")
META_COLUMNS = ("type", "policy", "note")
SOURCE_LANG = "en"
RTL_ARABIC = ("ar", "fa", "ur", "ps")
DEFAULT_DIR = Path("glossary")
HYPOTHESES = 4

_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_HYPHENS = "-\u2010\u2011"
_SPACES = "\u00a0\u202f\u2009\u2007\t"
_APOSTROPHES = "\u2019\u2018\u02bc"
_ARABIC_MARKS = re.compile(r"[\u064B-\u0652\u0670\u0640]")


# --------------------------------------------------------------------------- data model


@dataclass
class Entry:
    """One glossary row."""

    forms: dict[str, list[str]]
    type: str = ""
    policy: str = "enforce"
    note: str = ""
    path: Path | None = None
    line: int = 0

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def source_forms(self) -> list[str]:
        """The forms matched in source text (for forbid: the deprecated ones)."""
        forms = self.forms.get(SOURCE_LANG, [])
        return forms[1:] if self.policy == "forbid" else forms

    @property
    def canonical(self) -> str:
        """The preferred source form (for forbid: the replacement)."""
        return self.forms.get(SOURCE_LANG, [""])[0]

    def target_forms(self, lang: str) -> list[str]:
        forms = self.forms.get(lang) or []
        if not forms and self.policy == "keep":
            return [self.canonical]
        return forms

    def preferred(self, lang: str) -> str:
        forms = self.target_forms(lang)
        return forms[0] if forms else ""


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else \
            f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Match:
    """A glossary form found in a text; start/end index the original text."""

    start: int
    end: int
    entry: Entry
    form: str  # the glossary form that matched
    text: str  # the text as written


# --------------------------------------------------------------------------- matching


def _normalise(text: str, fold_hyphens: bool) -> tuple[str, list[int]]:
    """A copy of `text` for matching and, per character, its index in `text`."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _SPACES or (fold_hyphens and ch in _HYPHENS):
            ch = " "
        elif ch in _APOSTROPHES:
            ch = "'"
        elif "\u064B" <= ch <= "\u0670" and _ARABIC_MARKS.match(ch) or ch == "\u0640":
            continue
        if ch == " " and out and out[-1] == " ":
            continue
        out.append(ch)
        index.append(i)
    return "".join(out), index


_LEAD = re.compile(r"(?:[\s\"“‘«(\[*#]|</?[a-z]?\d+/?>)*$")


def _sentence_start(norm: str, i: int) -> bool:
    window = norm[max(0, i - 60):i]
    stripped = _LEAD.sub("", window)
    if not stripped:
        return i <= 60
    return stripped[-1] in ".!?…:\n"


_AR_CLITICS_ART = re.compile(r"^[وف]?[بك]?$")  # before a form that starts with ال
_AR_CLITICS = re.compile(r"^[وف]?[بلك]?$")
_AR_LIL = re.compile(r"^[وف]?$")


class Matcher:
    """An Aho-Corasick automaton over a set of forms."""

    def __init__(self, items: Iterable[tuple[str, Entry]], *, fold_hyphens: bool,
                 arabic: bool = False):
        self.fold = fold_hyphens
        self.arabic = arabic
        self.auto = ahocorasick.Automaton()
        table: dict[str, list[tuple[Entry, str, str]]] = {}
        for form, entry in items:
            key = _normalise(form, fold_hyphens)[0].strip()
            if not key:
                continue
            table.setdefault(key, []).append((entry, form, ""))
            if key[0].islower() and key[0].upper() != key[0]:
                table.setdefault(key[0].upper() + key[1:], []).append((entry, form, "initial"))
            if arabic and key.startswith("ال") and len(key) > 2:
                table.setdefault("لل" + key[2:], []).append((entry, form, "lil"))
        for key, values in table.items():
            self.auto.add_word(key, (len(key), values))
        self.empty = not table
        if table:
            self.auto.make_automaton()

    def find(self, text: str) -> list[Match]:
        if self.empty:
            return []
        norm, index = _normalise(text, self.fold)
        n = len(norm)
        candidates: list[tuple[int, int, Entry, str]] = []
        for end, (length, values) in self.auto.iter(norm):
            start, stop = end - length + 1, end + 1
            if stop < n and (norm[stop].isalnum() or norm[stop] == "_"):
                continue
            for entry, form, kind in values:
                if self._boundary_ok(norm, start, form, kind):
                    candidates.append((start, stop, entry, form))
                    break
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(n)
        chosen: list[Match] = []
        for start, stop, entry, form in candidates:
            if any(taken[start:stop]):
                continue
            taken[start:stop] = b"\x01" * (stop - start)
            a, b = index[start], index[stop - 1] + 1
            chosen.append(Match(a, b, entry, form, text[a:b]))
        chosen.sort(key=lambda m: m.start)
        return chosen

    def _boundary_ok(self, norm: str, start: int, form: str, kind: str) -> bool:
        if kind == "initial" and not _sentence_start(norm, start):
            return False
        if not self.arabic:
            return start == 0 or not (norm[start - 1].isalnum() or norm[start - 1] == "_")
        k = start
        while k > 0 and norm[k - 1].isalpha():
            k -= 1
        prefix = norm[k:start]
        if kind == "lil":
            return bool(_AR_LIL.match(prefix))
        if form.startswith("ال"):
            return bool(_AR_CLITICS_ART.match(prefix))
        return bool(_AR_CLITICS.match(prefix))


class Glossary:
    """The merged entries of every glossary file, with matchers built on first use."""

    def __init__(self, entries: list[Entry], files: list[Path] | None = None):
        self.entries = entries
        self.files = files or []
        self._source: Matcher | None = None
        self._targets: dict[str, Matcher] = {}

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def languages(self) -> list[str]:
        return sorted({lang for e in self.entries for lang in e.forms})

    def find(self, text: str) -> list[Match]:
        """Glossary terms in source text (including deprecated forms)."""
        if self._source is None:
            self._source = Matcher(((f, e) for e in self.entries for f in e.source_forms),
                                   fold_hyphens=True)
        return self._source.find(text)

    def find_target(self, text: str, lang: str) -> list[Match]:
        """Target-language forms in a translation (hyphens are significant there)."""
        if lang not in self._targets:
            items = ((f, e) for e in self.entries if e.policy != "forbid"
                     for f in e.target_forms(lang))
            self._targets[lang] = Matcher(items, fold_hyphens=False, arabic=lang in RTL_ARABIC)
        return self._targets[lang].find(text)


# --------------------------------------------------------------------------- loading


def _split(cell: str) -> list[str]:
    cell = cell.strip()
    return [p.strip() for p in cell.split("|")] if cell else []


def _known_language(code: str) -> bool:
    from babel import localedata

    return bool(_LANG_CODE.match(code)) and localedata.exists(code.replace("-", "_"))


def parse_file(path: Path) -> tuple[list[Entry], list[Problem]]:
    """Entries of one CSV file and the problems found in it (nothing raised)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(path, None, f"cannot be read ({exc.strerror})")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [], [Problem(path, line, f"is not UTF-8 (byte 0x{data[exc.start]:02x}); "
                                        "save the file as UTF-8")]
    return parse_text(text, path)


def parse_text(text: str, path: Path) -> tuple[list[Entry], list[Problem]]:
    """Entries of CSV text (already decoded) and its problems."""
    problems: list[Problem] = []
    if not text.strip():
        return [], [Problem(path, 1, "is empty; expected a header line such as "
                                     "'en,fr,ar,type,policy,note'")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    entries: list[Entry] = []
    line = 1
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(path, line, f"malformed CSV ({exc}); check the quotes "
                                                "on this row: a cell with a comma or a quote "
                                                "must be \"quoted\", inner quotes doubled"))
            break
        if not header:
            header = [c.strip().lower() for c in row]
            problems += _check_header(header, path, line)
            if problems:
                return [], problems
            continue
        if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) != len(header):
            problems.append(Problem(path, line, f"has {len(row)} cells, the header has "
                                                f"{len(header)}; check for a missing or extra "
                                                "comma (quote cells that contain commas)"))
            continue
        entry, row_problems = _entry(dict(zip(header, row, strict=True)), path, line)
        problems += row_problems
        if entry is not None:
            entries.append(entry)
    if not header:
        problems.append(Problem(path, 1, "has no header line; expected e.g. "
                                         "'en,fr,ar,type,policy,note'"))
    return entries, problems


def _check_header(header: list[str], path: Path, line: int) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for col in header:
        if col in seen:
            problems.append(Problem(path, line, f"duplicate column '{col}' in the header"))
        seen.add(col)
        if col not in META_COLUMNS and not _known_language(col):
            problems.append(Problem(path, line, f"unknown column '{col}'; use language codes "
                                                "(en, fr, ar, …) and type, policy, note"))
    if SOURCE_LANG not in seen and not problems:
        problems.append(Problem(path, line, "no 'en' column; the header needs the source "
                                            "language, e.g. 'en,fr,ar,type,policy,note'"))
    return problems


def _entry(row: dict[str, str], path: Path, line: int) -> tuple[Entry | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(path, line, message))

    policy = row.get("policy", "").strip().lower() or "enforce"
    if policy not in POLICIES:
        bad(f"unknown policy '{row['policy'].strip()}'; use {', '.join(POLICIES)}")
    forms: dict[str, list[str]] = {}
    for col, cell in row.items():
        if col in META_COLUMNS:
            continue
        parts = _split(cell)
        if not parts:
            continue
        if not parts[0]:
            bad(f"empty preferred {col} form in '{cell.strip()}'; the first form is the "
                "preferred one")
        elif any(not p for p in parts):
            bad(f"empty form in the {col} cell '{cell.strip()}'")
        for p in parts:
            if not p:
                continue
            arabic, latin = _ARABIC_LETTER.search(p), _LATIN_LETTER.search(p)
            if col in RTL_ARABIC:
                if not arabic:
                    bad(f"{col} form '{p}' has no Arabic script")
                elif latin:
                    bad(f"{col} form '{p}' mixes Latin letters into Arabic")
            elif arabic:
                bad(f"{col} form '{p}' contains Arabic script; it belongs in the ar column")
        forms[col] = [p for p in parts if p]
    if not forms.get(SOURCE_LANG):
        bad("no en form; every entry needs the English form it matches")
    elif policy == "forbid" and len(forms[SOURCE_LANG]) < 2:
        bad("a forbid entry lists the replacement first, then the deprecated forms: "
            "'Islamic State group | ISIS'")
    if problems:
        return None, problems
    return Entry(forms, row.get("type", "").strip(), policy, row.get("note", "").strip(),
                 path, line), []


def _key(form: str) -> str:
    return _normalise(form, True)[0].strip()


def cross_check(entries: list[Entry]) -> list[Problem]:
    """Duplicate and conflicting entries across all files (the later one is reported)."""
    problems: list[Problem] = []
    seen: dict[str, Entry] = {}
    for entry in entries:
        for form in dict.fromkeys(_key(f) for f in entry.source_forms):
            other = seen.get(form)
            if other is None:
                seen[form] = entry
                continue
            if other is entry:
                continue
            same = other.forms == entry.forms and other.policy == entry.policy
            what = "duplicate of" if same else "conflicts with"
            detail = "" if same else " (different forms or policy)"
            problems.append(Problem(entry.path, entry.line,
                                    f"'{form}' {what} the entry at {other.where}{detail}"))
    return problems


def glossary_files(dirs: Iterable[Path]) -> list[Path]:
    """The CSV files of the given directories (or files), in a stable order."""
    files: list[Path] = []
    for d in dirs:
        d = Path(d)
        if d.is_dir():
            found = sorted(d.glob("*.csv"))
            if not found:
                raise ConfigError("no .csv glossary files in this directory", d)
            files += found
        elif d.is_file():
            files.append(d)
        else:
            raise ConfigError("glossary directory not found; pass an existing directory to "
                              "--glossary", d)
    return list(dict.fromkeys(files))


def lint_glossary(dirs: Iterable[Path]) -> tuple[list[Problem], int]:
    """Every problem in the glossary files, and the number of entries read."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in glossary_files(dirs):
        got, bad = parse_file(path)
        entries += got
        problems += bad
    problems += cross_check(entries)
    return problems, len(entries)


def load_glossary(dirs: list[Path]) -> Glossary:
    """All files merged, or a ConfigError naming the first problem; never half-loaded."""
    files = glossary_files(dirs)
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in files:
        got, bad = parse_file(path)
        entries += got
        problems += bad
    problems += cross_check(entries)
    if problems:
        first = problems[0]
        more = (f" ({len(problems) - 1} more; run 'locpipe glossary lint' to list them)"
                if len(problems) > 1 else "")
        raise ConfigError(first.message + more, first.path, first.line)
    return Glossary(entries, files)


def resolve_dirs(dirs: list[Path] | None) -> list[Path]:
    """The glossary directories to use: those given, else ./glossary if it exists."""
    if dirs:
        return list(dirs)
    return [DEFAULT_DIR] if DEFAULT_DIR.is_dir() else []


# --------------------------------------------------------------------------- verification


@dataclass
class Occurrence:
    """A term in a source segment and how it must appear in one target language."""

    entry: Entry
    source: str  # as written in the source
    form: str  # the target form it must become (preferred)
    start: int = 0
    end: int = 0
    right: bool = False
    message: str = ""


def source_terms(text: str, lang: str, glossary: Glossary) -> tuple[list[Occurrence],
                                                                    list[Match]]:
    """The terms of a source text that must appear in `lang`, and its deprecated forms.

    "Hayat Tahrir al-Sham (HTS)" is one occurrence where the acronym has the same target form
    as the name (Arabic writes no acronym)."""
    occs: list[Occurrence] = []
    forbidden: list[Match] = []
    for m in glossary.find(text):
        if m.entry.policy == "forbid":
            forbidden.append(m)
            continue
        form = m.entry.preferred(lang)
        if not form:
            continue
        if (occs and text[occs[-1].end:m.start] == " (" and text[m.end:m.end + 1] == ")"
                and occs[-1].form == form):
            occs[-1].end = m.end + 1
            occs[-1].source = text[occs[-1].start:occs[-1].end]
            continue
        occs.append(Occurrence(m.entry, _strip_possessive(m.text), form, m.start, m.end))
    return occs, forbidden


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s?$", "", text)


def _allowed(entry: Entry, lang: str) -> list[str]:
    forms = entry.target_forms(lang)
    return forms if entry.policy == "accept" else forms[:1]


def verify(source: str, target: str, lang: str, glossary: Glossary) -> list[Occurrence]:
    """Each source term with `right` set and, when wrong, a message saying what to write."""
    occs, _ = source_terms(source, lang, glossary)
    if not occs:
        return occs
    found = Counter(_key(m.form) for m in glossary.find_target(target, lang))
    variants: dict[int, str] = {}
    for m in glossary.find_target(target, lang):
        variants.setdefault(id(m.entry), m.text)
    expected: Counter[str] = Counter()
    for occ in occs:
        allowed = [_key(f) for f in _allowed(occ.entry, lang)]
        hit = next((k for k in allowed if found[k] > 0), None)
        if hit is not None:
            found[hit] -= 1
            occ.right = True
            if occ.entry.policy != "accept":
                expected[hit] += 1
            continue
        if occ.entry.policy == "accept":
            occ.message = (f"'{occ.source}' should be one of: "
                           f"{', '.join(occ.entry.target_forms(lang))}")
        else:
            seen = variants.get(id(occ.entry))
            why = f"found '{seen}'" if seen else "not found in the translation"
            occ.message = f"'{occ.source}' should be '{occ.form}' ({why})"
    for key, extra in found.items():
        if extra > 0 and expected[key] > 0:
            occ = next(o for o in occs if _key(o.form) == key)
            occ.message = (f"'{occ.form}' appears {expected[key] + extra} times in the "
                           f"translation but '{occ.source}' only {expected[key]} in the source")
            occ.right = False
    return occs


def check_terms(source: str, target: str, lang: str, glossary: Glossary) -> list[str]:
    """Glossary terms: every source term rendered as the glossary says (empty list = fine)."""
    if glossary is None:
        return []
    messages = [o.message for o in verify(source, target, lang, glossary) if not o.right]
    _, forbidden = source_terms(source, lang, glossary)
    messages += [_forbid_message(m) for m in forbidden]
    return list(dict.fromkeys(messages))


def _forbid_message(m: Match) -> str:
    return f"'{m.text}' is deprecated; write '{m.entry.canonical}'"


# --------------------------------------------------------------------------- pipeline stages


def _get_glossary(ctx: Context) -> Glossary:
    glossary = ctx.resources.get("glossary")
    if glossary is None:
        dirs = resolve_dirs(getattr(ctx.settings, "glossary_dirs", None))
        glossary = load_glossary(dirs) if dirs else Glossary([])
        ctx.resources["glossary"] = glossary
    return glossary


def mask_terms(units: list[Unit], ctx: Context) -> None:
    """Replace enforce/keep terms of machine units by `<tN/>` placeholders; report forbids."""
    glossary = _get_glossary(ctx)
    if not glossary.entries:
        return
    for u in units:
        source = u.engine_input or u.segment.text
        occs, forbidden = source_terms(source, u.lang, glossary)
        for m in forbidden:
            u.flag("terms", "warning", _forbid_message(m))
        state: dict[str, Any] = {"found": len(occs), "right": 0, "flagged": 0, "spans": {}}
        u.data["terms"] = state
        if u.origin != "machine" or not occs:
            continue
        pieces, pos, n = [], 0, 0
        for occ in occs:
            if occ.entry.policy == "accept":
                continue
            n += 1
            ph = f"<t{n}/>"
            pieces += [source[pos:occ.start], ph]
            pos = occ.end
            quoted = source[occ.start - 1:occ.start] in "\"“‘«'" and occ.start > 0
            state["spans"][n] = {"form": occ.form, "source": occ.source, "quoted": quoted}
        pieces.append(source[pos:])
        u.engine_input = "".join(pieces)
        state["source"] = source


# <t1/> as engines return it: <T1/>, < t1 />, <t1>, </t1>, and with one bracket lost.
_PH_ANY = re.compile(r"<\s*/?\s*[tT]\s*(\d+)\s*/?\s*>|<\s*[tT](\d+)\b/?|\b[tT](\d+)\s*/>")
_QUOTES = {"\"": "\"", "“": "”", "«": "»", "‘": "’", "'": "'", "”": "”"}
_AR_PREFIX = re.compile(r"(?:(?<=[\s(«\"“])|^)((?:[وف]?(?:لل|[بك]?ال|[بلك]))|[وف])\s?$")
_FR_ELISION = re.compile(r"(?:(?<=[\s(«\"“])|^)([Ll]e|[Ll]a|[Dd]e|[Qq]ue|[Jj]e)\s+$")
_FR_VOWEL = re.compile(r"^[AEIOUÉÈÊÀÂÎÔÛaeiouéèêàâîôû]")


def _attach(prefix: str, form: str) -> str:
    """Glue Arabic clitics to a form: no doubled article, ل + ال → لل, no article on a name
    that has none."""
    p = prefix
    if p.endswith("لل"):
        p = p[:-1]
    elif p.endswith("ال"):
        p = p[:-2]
    if form.startswith("ال") and p.endswith("ل"):
        return p[:-1] + "لل" + form[2:]
    return p + form


def restore_text(output: str, spans: dict[int, dict], lang: str
                 ) -> tuple[str, list[tuple[str, str]], set[int]]:
    """Put the glossary forms back in place of `<tN/>` in an engine output.

    Returns the text, (severity, message) issues and the span numbers that were lost."""
    issues: list[tuple[str, str]] = []
    seen: dict[int, int] = {}
    order: list[int] = []

    def first_pass(m: re.Match) -> str:
        n = int(next(g for g in m.groups() if g))
        if n not in spans:
            issues.append(("warning", f"the engine invented a term placeholder {m.group(0)}; "
                                      "removed"))
            return ""
        seen[n] = seen.get(n, 0) + 1
        if seen[n] > 1:
            if seen[n] == 2:
                issues.append(("warning", f"the engine repeated '{spans[n]['source']}'; the "
                                          "extra copy was removed, check the sentence"))
            return ""
        order.append(n)
        return f"\x00{n}\x00"

    text = _PH_ANY.sub(first_pass, output)
    if len(text) != len(output):
        text = re.sub(r" {2,}", " ", text)
        if not output.endswith(" "):
            text = text.rstrip(" ")
    if order != sorted(order) and len(order) > 1:
        names = [spans[n]["source"] for n in order]
        issues.append(("info", f"terms in a different order than in the source "
                               f"({', '.join(names)}); check who does what"))
    lost = {n for n in spans if n not in seen}
    for n in sorted(spans):
        span = spans[n]
        token = f"\x00{n}\x00"
        if token not in text:
            continue
        form = span["form"]
        i = text.index(token)
        before, after = text[:i], text[i + len(token):]
        if not span["quoted"] and before[-1:] in _QUOTES and after[:1] == _QUOTES[before[-1]]:
            before, after = before[:-1], after[1:]
        elif not span["quoted"] and before.endswith(("« ", "«\u00a0", "«\u202f")) and \
                after.startswith((" »", "\u00a0»", "\u202f»")):
            before, after = before[:-2], after[2:]
        after = re.sub(r"^ ?['’]s\b", "", after)
        if lang in RTL_ARABIC:
            m = _AR_PREFIX.search(before)
            if m:
                form = _attach(m.group(1), form)
                before = before[:m.start()]
        elif lang == "fr":
            m = _FR_ELISION.search(before)
            if m and _FR_VOWEL.match(form):
                before = before[:m.start()] + m.group(1)[:-1] + "'"
            if form[:1].islower() and _sentence_start(before + "x", len(before)):
                form = form[0].upper() + form[1:]
        text = before + form + after
    return text, issues, lost


def _inline(engine_input: str, spans: dict[int, dict]) -> str:
    return _PH_ANY.sub(lambda m: spans.get(int(next(g for g in m.groups() if g)), {})
                       .get("form", m.group(0)), engine_input)


def restore_terms(units: list[Unit], ctx: Context) -> None:
    """Restore masked terms, repair or re-rank, verify, and flag what is still not right."""
    glossary = ctx.resources.get("glossary")
    if glossary is None or not glossary.entries:
        return
    todo = [u for u in units if u.origin == "machine" and "terms" in u.data and u.output]
    results: dict[int, tuple[str, list, set]] = {}
    for u in todo:
        results[id(u)] = restore_text(u.output, u.data["terms"]["spans"], u.lang)

    def failing(u: Unit) -> bool:
        text, _, lost = results[id(u)]
        return bool(lost) or any(not o.right for o in verify(u.segment.text, text, u.lang,
                                                             glossary))

    bad = [u for u in todo if failing(u)]
    engine = ctx.engine() if bad else None
    nbest = getattr(engine, "translate_nbest", None)
    if bad and nbest is not None:
        inputs = list(dict.fromkeys(u.engine_input for u in bad))
        table = dict(zip(inputs, nbest(inputs, HYPOTHESES), strict=True))
        for u in bad:
            best = None
            for rank, hyp in enumerate(table[u.engine_input]):
                res = restore_text(hyp, u.data["terms"]["spans"], u.lang)
                wrong = len(res[2]) + sum(not o.right for o in verify(
                    u.segment.text, res[0], u.lang, glossary))
                if best is None or wrong < best[0]:
                    best = (wrong, rank, hyp, res)
            if best and best[1] > 0:
                u.output = best[2]
                results[id(u)] = best[3]
                u.notes.append(f"glossary: hypothesis {best[1] + 1} of {HYPOTHESES} chosen "
                               "for its terms")
        bad = [u for u in bad if failing(u)]
    retry = [u for u in bad if u.data["terms"]["spans"]]
    if retry and engine is not None:
        inputs = list(dict.fromkeys(_inline(u.engine_input, u.data["terms"]["spans"])
                                    for u in retry))
        table = dict(zip(inputs, engine.translate(inputs), strict=True))
        for u in retry:
            out = table[_inline(u.engine_input, u.data["terms"]["spans"])]
            if not any(not o.right for o in verify(u.segment.text, out, u.lang, glossary)) \
                    and not _PH_ANY.search(out):
                results[id(u)] = (out, [], set())
                u.notes.append("glossary: retranslated with the glossary forms written in")
    for u in todo:
        text, issues, _ = results[id(u)]
        u.output = _repair_case(u.segment.text, text, u.lang, glossary)
        for severity, message in issues:
            u.flag("terms", severity, message)
    for u in units:
        state = u.data.get("terms")
        if not state or not state["found"]:
            continue
        target = u.output if u.origin == "machine" else u.target
        if not target:
            continue
        occs = verify(u.segment.text, target, u.lang, glossary)
        state["right"] = sum(o.right for o in occs)
        for o in occs:
            if o.right:
                note = f"glossary: {o.source} → {o.form}"
                if note not in u.notes:
                    u.notes.append(note)
            elif u.origin == "machine":
                u.flag("terms", "error", o.message)
                state["flagged"] += 1


def _repair_case(source: str, target: str, lang: str, glossary: Glossary) -> str:
    """Accepted forms the engine wrote in the wrong case ("SYRIE") get the glossary's case."""
    for occ in verify(source, target, lang, glossary):
        if occ.right or occ.entry.policy != "accept":
            continue
        for form in occ.entry.target_forms(lang):
            m = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", target, re.IGNORECASE)
            if m and m.group(0) != form:
                fixed = form
                if form[:1].islower() and _sentence_start(target, m.start()):
                    fixed = form[0].upper() + form[1:]
                target = target[:m.start()] + fixed + target[m.end():]
                break
    return target


def term_counts(units: Iterable[Unit]) -> dict[str, dict[str, int]]:
    """Per target language: terms found in the source, rendered as the glossary says, flagged."""
    counts: dict[str, dict[str, int]] = {}
    for u in units:
        state = u.data.get("terms")
        if not state:
            continue
        c = counts.setdefault(u.lang, {"found": 0, "right": 0, "flagged": 0})
        for k in c:
            c[k] += state.get(k, 0)
    return counts
