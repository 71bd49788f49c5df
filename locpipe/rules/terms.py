"""Glossary terms as pure rules: the entry model, matching, verification, restoring `<tN/>`.

No files and no stages here (the CSV files are `locpipe.formats.glossary`, the pipeline
stages `locpipe.stages.glossary`): text and a `Glossary` in, matches and messages out.

Policies
- enforce: names. The preferred target form must appear.
- accept: inflecting words (alaouite/alaouites, المسلمون/المسلمين). Any listed form counts.
- keep: do not translate; languages whose cell is empty get the preferred source form.
- forbid: deprecated source forms (the en cell is `replacement | deprecated…`), reported.

Matching is an Aho-Corasick automaton (pyahocorasick) over a normalised copy of the text
(hyphens and spaces folded, curly apostrophes straightened, Arabic diacritics and tatweel
dropped) with an index map back to the original, so its cost grows with the text, not with the
glossary. Whole words only; entries with capitals match case-sensitively, lower-case entries
also match capitalised at a sentence start, and any entry also matches written wholly in
capitals (a dateline: "ALEPPO, Syria (AP) —"; a form that is in capitals already, like HTS,
matches only as written); overlapping matches resolve to the longest.
In Arabic targets a match may carry the clitics و ف ب ل ك (and ل+ال written لل).

`check_terms` is the rule the QA `terms` check and the glossary stages share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from locpipe import languages
from locpipe.document import Unit
from locpipe.languages.base import Profile
from locpipe.markup import strip_tags

POLICIES = ("enforce", "accept", "keep", "forbid")
SOURCE_LANG = "en"

_HYPHENS = "-\u2010\u2011"
_SPACES = "\u00a0\u202f\u2009\u2007\t"
_APOSTROPHES = "\u2019\u2018\u02bc"
_ARABIC_MARKS = re.compile(r"[\u064B-\u0652\u0670\u0640]")
# `_normalise` in two steps: one character for another (indices unchanged), then the few
# characters dropped (Arabic marks, a space after a space), which only some texts have.
_MAPPED = dict.fromkeys(_SPACES, " ") | dict.fromkeys(_APOSTROPHES, "'")
# The first step as (character, replacement) pairs: a str.replace per character a text has is
# 30x faster than str.translate with a table (which looks every character up in a dict), and
# the same text, as no replacement is itself replaced.
_MAP = {False: tuple(_MAPPED.items()),
        True: tuple((_MAPPED | dict.fromkeys(_HYPHENS, " ")).items())}
_ASCII_MAP = {fold: tuple((c, r) for c, r in pairs if c.isascii())  # (the tab, the hyphen)
              for fold, pairs in _MAP.items()}
# Invisible format characters are dropped too: a zero-width space or joiner (U+200B-U+200D,
# U+2060, U+FEFF, a soft hyphen) or a bidi control (U+200E, U+200F, U+202A-U+202E,
# U+2066-U+2069) pasted inside "Homs" must not hide the term (from the text and the forms
# alike, so a Persian form written with its ZWNJ still matches).
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE_SET = frozenset(INVISIBLE + BIDI_CONTROLS)
_DROPPED_CHAR = re.compile(r"[\u064B-\u0652\u0670\u0640" + INVISIBLE + BIDI_CONTROLS + "]")


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
class Match:
    """A glossary form found in a text; start/end index the original text."""

    start: int
    end: int
    entry: Entry
    form: str  # the glossary form that matched
    text: str  # the text as written


# --------------------------------------------------------------------------- matching


def _normalise(text: str, fold_hyphens: bool) -> tuple[str, Sequence[int]]:
    """A copy of `text` for matching and, per character, its index in `text`."""
    mapped = text
    if text.isascii():  # (most source text) no character to drop, only ASCII ones to map
        for char, replacement in _ASCII_MAP[fold_hyphens]:
            if char in mapped:
                mapped = mapped.replace(char, replacement)
        if "  " not in mapped:
            return mapped, range(len(mapped))
    else:
        for char, replacement in _MAP[fold_hyphens]:
            if char in mapped:
                mapped = mapped.replace(char, replacement)
        if "  " not in mapped and not _DROPPED_CHAR.search(mapped):  # most: no per-character
            return mapped, range(len(mapped))  # loop
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(mapped):
        if _ARABIC_MARKS.match(ch) or ch in _INVISIBLE_SET or (ch == " " and out
                                                                and out[-1] == " "):
            continue
        out.append(ch)
        index.append(i)
    return "".join(out), index


_LEAD = re.compile(r"(?:[\s\"“‘«(\[*#]|</?[a-z]?\d+/?>)*$")


def _sentence_start(norm: str, i: int) -> bool:
    return _opens_sentence(norm[max(0, i - 60):i], i <= 60)


def _opens_sentence(window: str, near_start: bool) -> bool:
    """Whether a word after `window` (the 60 characters before it) starts a sentence; with
    only quotes, brackets or markup before it, when it is `near_start` of the text."""
    stripped = _LEAD.sub("", window)
    if not stripped:
        return near_start
    return stripped[-1] in ".!?…:\n"


class Matcher:
    """An Aho-Corasick automaton over a set of forms.

    With a `profile` whose `clitics` are set (Arabic), a match may carry clitics written onto
    it, as long as they are written the way `attach` writes them (و + حماة → وحماة,
    ل + الأسد → للأسد, never ال + حماة)."""

    def __init__(self, items: Iterable[tuple[str, Entry]], *, fold_hyphens: bool,
                 profile: Profile | None = None):
        self.fold = fold_hyphens
        self.profile = profile
        # Chinese, Japanese, Thai: no spaces, so a term has no word boundary to stand between
        self.unspaced = profile is not None and not profile.spaced
        self.clitics = re.compile(profile.clitics) if profile and profile.clitics else None
        self.auto = ahocorasick.Automaton()
        # automaton key -> (entry, form, kind, the form's own key, clitic inside the key)
        table: dict[str, list[tuple[Entry, str, str, str, str]]] = {}
        article = profile.article if profile else ""
        contractions = profile.contractions if profile and self.clitics else {}
        for form, entry in items:
            key = _normalise(form, fold_hyphens)[0].strip()
            if not key:
                continue
            table.setdefault(key, []).append((entry, form, "", key, ""))
            if key.upper() != key:  # ALEPPO in a dateline; a form already in capitals (HTS)
                table.setdefault(key.upper(), []).append((entry, form, "upper", key, ""))
            if key[0].islower() and key[0].upper() != key[0]:
                table.setdefault(key[0].upper() + key[1:], []).append(
                    (entry, form, "initial", key, ""))
            if article and key.startswith(article) and len(key) > len(article):
                for clitic, written in contractions.items():  # ل + الأسد written للأسد
                    table.setdefault(written + key[len(article):], []).append(
                        (entry, form, "contracted", key, clitic))
        for key, values in table.items():
            values.sort(key=lambda v: v[2] == "upper")  # an entry written in capitals wins
            self.auto.add_word(key, (len(key), values))
        self.empty = not table
        if table:
            self.auto.make_automaton()

    def find(self, text: str) -> list[Match]:
        if self.empty:
            return []
        norm, index = _normalise(text, self.fold)
        n = len(norm)
        unspaced = self.unspaced
        candidates: list[tuple[int, int, Entry, str]] = []
        for end, (length, values) in self.auto.iter(norm):
            start, stop = end - length + 1, end + 1
            if stop < n and (norm[stop].isalnum() or norm[stop] == "_") and not unspaced:
                continue
            for entry, form, kind, own, clitic in values:
                if unspaced or self._boundary_ok(norm, start, stop, kind, own, clitic):
                    candidates.append((start, stop, entry, form))
                    break
        if not candidates:
            return []
        if _apart(candidates):  # (most texts: one match, or none overlapping)
            return [Match(index[start], index[stop - 1] + 1, entry, form,
                          text[index[start]:index[stop - 1] + 1])
                    for start, stop, entry, form in sorted(candidates)]
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

    def _boundary_ok(self, norm: str, start: int, stop: int, kind: str, own: str,
                     clitic: str) -> bool:
        if kind == "initial" and not _sentence_start(norm, start):
            return False
        if self.clitics is None or self.profile is None:
            return start == 0 or not (norm[start - 1].isalnum() or norm[start - 1] == "_")
        k = start
        while k > 0 and norm[k - 1].isalpha():
            k -= 1
        prefix = norm[k:start]
        full = prefix + clitic
        if not full:
            return True
        return bool(self.clitics.fullmatch(full)) and \
            attach(full, own, self.profile) == prefix + norm[start:stop]


def _apart(candidates: list[tuple[int, int, Entry, str]]) -> bool:
    """Whether no two candidate matches overlap (then the longest-first choice in
    `Matcher.find` takes them all)."""
    if len(candidates) == 1:
        return True
    spans = sorted((c[0], c[1]) for c in candidates)
    return all(b[0] >= a[1] for a, b in zip(spans, spans[1:], strict=False))


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """A word as spelling tables and near-miss matching compare it: lower case, accents and
    a possessive or final apostrophe dropped, apostrophes straightened (Médecins = medecins,
    Workers' = workers)."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    for a in _APOSTROPHES:
        w = w.replace(a, "'")
    w = w.lower()
    if w.endswith("'s"):
        w = w[:-2]
    return w.rstrip("'")


FOUND_KEPT = 4096  # source texts whose matches a Glossary keeps (Match is immutable)


class Glossary:
    """The merged entries of every glossary file, with matchers built on first use.

    `spellings` maps a word's other spellings to one key (`word_key` of each spelling ->
    the group's key), from the glossary folder's spellings.txt: the source check reads
    "Moslem Brotherhood" as "Muslim Brotherhood"."""

    def __init__(self, entries: list[Entry], files: list[Path] | None = None,
                 spellings: dict[str, str] | None = None):
        self.entries = entries
        self.files = files or []
        self.spellings = spellings or {}
        self._source: Matcher | None = None
        self._targets: dict[str, Matcher] = {}
        self._found: dict[str, tuple[Match, ...]] = {}  # source text -> its matches (`find`)
        # (id(entry), lang) -> (entry, the keys of its allowed target forms): `allowed_keys`
        self._allowed: dict[tuple[int, str], tuple[Entry, tuple[str, ...]]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def languages(self) -> list[str]:
        return sorted({lang for e in self.entries for lang in e.forms})

    def find(self, text: str) -> list[Match]:
        """Glossary terms in source text (including deprecated forms).

        A segment's source is asked about once per target language and again by QA and the
        run's digest: the matches of the last FOUND_KEPT texts are kept (a shard's segments,
        so every language of a shard finds them kept)."""
        found = self._found.get(text)
        if found is None:
            if self._source is None:
                self._source = Matcher(((f, e) for e in self.entries for f in e.source_forms),
                                       fold_hyphens=True)
            found = tuple(self._source.find(text))
            if len(self._found) >= FOUND_KEPT:
                del self._found[next(iter(self._found))]  # the oldest
            self._found[text] = found
        return list(found)

    def allowed_keys(self, entry: Entry, lang: str) -> tuple[str, ...]:
        """`term_key` of each target form `verify` accepts for `entry` in `lang` (all listed
        forms for accept, else the preferred one), worked out once per entry and language."""
        kept = self._allowed.get((id(entry), lang))
        if kept is None or kept[0] is not entry:
            kept = self._allowed[(id(entry), lang)] = (
                entry, tuple(term_key(f) for f in _allowed(entry, lang)))
        return kept[1]

    def find_target(self, text: str, lang: str) -> list[Match]:
        """Target-language forms in a translation (hyphens are significant there)."""
        if lang not in self._targets:
            items = ((f, e) for e in self.entries if e.policy != "forbid"
                     for f in e.target_forms(lang))
            self._targets[lang] = Matcher(items, fold_hyphens=False,
                                          profile=languages.get(lang))
        return self._targets[lang].find(text)


@lru_cache(maxsize=65536)
def term_key(form: str) -> str:
    return _normalise(form, True)[0].strip()



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
    drop: tuple[int, int] = (0, 0)  # " (ACR)" written once with the name: removed with it
    # (what lies between `end` and drop[0] is markup closing around the name, and is kept)
    wrap: tuple[str, str] = ("", "")  # markup around the dropped acronym ("(<1>WFP</1>)", an
    # <abbr>): it goes around the name


@dataclass(frozen=True)
class Span:
    """A term masked as `<tN/>`: the form restoring writes, the source it stands for, and
    whether the source had it in quotation marks (else quotes the engine adds are dropped)."""

    form: str
    source: str
    quoted: bool = False


@dataclass
class TermState:
    """What the glossary stages found and did on one unit: the source terms, the spans masked,
    and after restoring each term verified. The report and the run summary read this; the
    "glossary: X → Y" PO notes are for editors, not for code."""

    found: list[Occurrence] = field(default_factory=list)  # source terms to render
    found_in: str = ""  # the source text `found` was found in (verify reuses it for that text)
    spans: dict[int, Span] = field(default_factory=dict)  # masked: <tN/> number -> term
    source: str = ""  # the engine input before masking
    verified: list[Occurrence] = field(default_factory=list)  # after restore_terms
    flagged: int = 0  # "terms" errors the stage raised (machine units only)

    @property
    def right(self) -> list[Occurrence]:
        """Terms rendered as the glossary says."""
        return [o for o in self.verified if o.right]

    @property
    def failed(self) -> list[Occurrence]:
        """Terms not rendered as the glossary says (each with its message)."""
        return [o for o in self.verified if not o.right]

    @property
    def enforced(self) -> list[Occurrence]:
        """Names (policy enforce) rendered in the glossary's form."""
        return [o for o in self.right if o.entry.policy == "enforce"]

    @property
    def kept(self) -> list[Occurrence]:
        """Terms left untranslated as the glossary says (policy keep)."""
        return [o for o in self.right if o.entry.policy == "keep"]

    @property
    def accepted(self) -> list[Occurrence]:
        """Inflecting words found in one of their listed forms (policy accept)."""
        return [o for o in self.right if o.entry.policy == "accept"]


def term_state(unit: Unit) -> TermState | None:
    """The glossary's state on a unit, or None when the glossary stages did not see it."""
    return unit.get(TermState)


def term_counts(units: Iterable[Unit]) -> dict[str, dict[str, int]]:
    """Per target language: terms found in the source, rendered as the glossary says, flagged."""
    counts: dict[str, dict[str, int]] = {}
    for u in units:
        state = term_state(u)
        if state is None:
            continue
        c = counts.setdefault(u.lang, {"found": 0, "right": 0, "flagged": 0})
        c["found"] += len(state.found)
        c["right"] += sum(o.right for o in state.verified)  # (as `right`, without the list)
        c["flagged"] += state.flagged
    return counts


# "</1> (" between a name and its acronym, and markup opening around the acronym ("(<2>")
_ACRONYM_GAP = re.compile(r"((?:</\d+>)*) \(((?:<\d+>)*)")
_ACRONYM_END = re.compile(r"((?:</\d+>)*)\)")  # markup closing around the acronym, then ")"


def source_terms(text: str, lang: str, glossary: Glossary) -> tuple[list[Occurrence],
                                                                    list[Match]]:
    """The terms of a source text that must appear in `lang`, and its deprecated forms.

    "Hayat Tahrir al-Sham (HTS)" is one occurrence where the acronym has the same target form
    as the name (Arabic writes no acronym), also when the name is inside a link or emphasis
    ("<1>Syrian Observatory for Human Rights</1> (SOHR)": the tags are kept, " (SOHR)" goes).
    A name the source writes in capitals (a dateline) gets the target's `dateline_case`."""
    occs: list[Occurrence] = []
    forbidden: list[Match] = []
    upper = languages.get(lang).dateline_case == "upper"
    for m in glossary.find(text):
        if m.entry.policy == "forbid":
            forbidden.append(m)
            continue
        form = m.entry.preferred(lang)
        if not form:
            continue
        if upper and is_capitals(m):
            form = form.upper()
        gap = _ACRONYM_GAP.fullmatch(text, occs[-1].end, m.start) if occs else None
        end = _ACRONYM_END.match(text, m.end) if gap else None
        if (gap and end and gap.group(2).count("<") == end.group(1).count("<")
                and not occs[-1].drop[1] and occs[-1].form == form):
            last = occs[-1]
            last.drop = (gap.end(1), end.end())
            last.wrap = (gap.group(2), end.group(1))
            last.source = strip_tags(text[last.start:end.end()])
            continue
        occs.append(Occurrence(m.entry, _strip_possessive(m.text), form, m.start, m.end))
    return occs, forbidden


def is_capitals(m: Match) -> bool:
    """Whether a match is a mixed-case glossary form written wholly in capitals (ALEPPO)."""
    return m.text.isupper() and not m.form.isupper()


_POSSESSIVE_END = re.compile(r"['’]s?$")


def _strip_possessive(text: str) -> str:
    return _POSSESSIVE_END.sub("", text) if "'" in text or "’" in text else text


def _allowed(entry: Entry, lang: str) -> list[str]:
    forms = entry.target_forms(lang)
    return forms if entry.policy == "accept" else forms[:1]


def verify(source: str, target: str, lang: str, glossary: Glossary,
           found: Sequence[Occurrence] | None = None) -> list[Occurrence]:
    """Each source term with `right` set and, when wrong, a message saying what to write.

    `found`: the terms `source_terms(source, lang, glossary)` gave, when the caller has them
    (the glossary stages keep them on the unit): copied here, not looked for again."""
    if found is None:
        occs, _ = source_terms(source, lang, glossary)
    else:
        occs = [_fresh(o) for o in found]  # (verify sets right and message on its own)
    if not occs:
        return occs
    # a form written in capitals (a dateline's ALEP) is right only where the source wrote
    # the name in capitals too: "FRÈRES MUSULMANS" for "Muslim Brotherhood" is a case fault
    # (plain dicts read with .get: three Counters a call cost more than the rest of it)
    found: dict[str, int] = {}
    capitals: dict[str, int] = {}
    variants: dict[int, str] = {}
    for m in glossary.find_target(target, lang):
        pool = capitals if is_capitals(m) else found
        key = term_key(m.form)
        pool[key] = pool.get(key, 0) + 1
        variants.setdefault(id(m.entry), m.text)
    expected: dict[str, int] = {}
    for occ in occs:
        allowed = glossary.allowed_keys(occ.entry, lang)
        # a name in capitals (a dateline) takes the target's capitals first, so that the
        # same name later in the sentence still finds its form written in lower case
        pools = (capitals, found) if occ.source.isupper() else (found,)
        pool, hit = next(((c, k) for c in pools for k in allowed if c.get(k, 0) > 0),
                         (None, None))
        if pool is not None and hit is not None:
            pool[hit] -= 1
            occ.right = True
            if occ.entry.policy != "accept":
                expected[hit] = expected.get(hit, 0) + 1
            continue
        if not any(capitals.get(k, 0) > 0 for k in allowed) and any(
                o is not occ and o.entry is occ.entry and o.right and o.source.isupper()
                for o in occs):
            occ.right = True  # "ALEP (AFP) - Les habitants ont fui": the dateline names it
            continue
        if occ.entry.policy == "accept":
            occ.message = (f"'{occ.source}' should be one of: "
                           f"{', '.join(occ.entry.target_forms(lang))}")
        else:
            seen = variants.get(id(occ.entry))
            why = f"found '{seen}'" if seen else "not found in the translation"
            occ.message = f"'{occ.source}' should be '{occ.form}' ({why})"
    more = [(key, extra) for key, extra in found.items()
            if extra > 0 and expected.get(key, 0) > 0]
    if not more:
        return occs
    first: dict[str, Occurrence] = {}
    for o in occs:
        first.setdefault(term_key(o.form), o)
    for key, extra in more:
        occ = first[key]
        occ.message = (f"'{occ.form}' appears {expected[key] + extra} times in the "
                       f"translation but '{occ.source}' only {expected[key]} in the source")
        occ.right = False
    return occs


def _fresh(occ: Occurrence) -> Occurrence:
    """A copy of an occurrence, every field (copy.copy's way through __reduce_ex__ costs
    5x more)."""
    new = object.__new__(Occurrence)
    new.__dict__.update(occ.__dict__)
    return new


def check_terms(source: str, target: str, lang: str, glossary: Glossary) -> list[str]:
    """Glossary terms: every source term rendered as the glossary says (empty list = fine)."""
    if glossary is None:
        return []
    occs, forbidden = source_terms(source, lang, glossary)
    messages = [o.message for o in verify(source, target, lang, glossary, occs) if not o.right]
    messages += [forbid_message(m) for m in forbidden]
    return list(dict.fromkeys(messages))


def forbid_message(m: Match) -> str:
    return f"'{m.text}' is deprecated; write '{m.entry.canonical}'"


# <t1/> as engines return it: <T1/>, < t1 />, <t1>, </t1>, and with one bracket lost
# ("t1/>" at a word's start). Every alternative starts with a literal character, so the regex
# engine skips to a "<", "t" or "T" at C speed instead of trying each position (3x faster than
# the same pattern written with "\b[tT]"); the number is in the first group that is set.
PH_ANY = re.compile(r"<\s*/?\s*[tT]\s*(\d+)\s*/?\s*>|<\s*[tT](\d+)\b/?"
                    r"|t(?<!\wt)(\d+)\s*/>|T(?<!\wT)(\d+)\s*/>")


def may_hold_placeholder(text: str) -> bool:
    """Whether PH_ANY matches in `text` (each of its forms has a "<" or ends with "/>"): the
    substring tests first, the pattern (which tries every word boundary) only after them."""
    return ("<" in text or "/>" in text) and PH_ANY.search(text) is not None


_QUOTES = {"\"": "\"", "“": "”", "«": "»", "‘": "’", "'": "'", "”": "”"}
_BEFORE = r"(?:(?<=[\s(«\"“])|^)"  # a word start in the text before a placeholder


@lru_cache(maxsize=32)
def _trailing(words: str, space: str) -> re.Pattern:
    """`words` (a profile regex) ending the text before a placeholder, then `space`."""
    return re.compile(rf"{_BEFORE}({words}){space}$")


@lru_cache(maxsize=4096)
def _starts_with_vowel(form: str) -> bool:  # (asked of the same glossary forms again and again)
    return unicodedata.normalize("NFD", form[:1]).lower()[:1] in "aeiou"


def attach(prefix: str, form: str, profile: Profile) -> str:
    """Clitics written onto a term as the language writes them: the article never doubled
    (ال + الأسد → الأسد) nor added to a term that has none (ال + حماة → حماة), contractions
    applied (ل + الأسد → للأسد)."""
    article, p = profile.article, prefix
    for clitic, written in profile.contractions.items():
        if p.endswith(written):  # written contraction: the clitic and the article
            p = p[:-len(written)] + clitic + article
            break
    if article and p.endswith(article):
        p = p[:-len(article)]
    if article and form.startswith(article):
        for clitic, written in profile.contractions.items():
            if p.endswith(clitic):
                return p[:-len(clitic)] + written + form[len(article):]
    return p + form


# How much of the text before a placeholder the attachment rules look at (clitics, elision,
# quotation marks, a sentence start): bounded, so restoring is linear in the text.
_WINDOW = 64
_TERM_TOKEN = re.compile(r"\x00(\d+)\x00")
_SPACE_RUN = re.compile(r" {2,}")
# An English possessive the engine left after a name ("<t1/>'s", "<t1/> ’s", "<t1/>' S"): never
# part of a target language's text, whatever the language.
_POSSESSIVE_AFTER = re.compile(r" ?['’`´] ?[sS](?![^\W\d_])")


def restore_text(output: str, spans: dict[int, Span], lang: str
                 ) -> tuple[str, list[tuple[str, str]], set[int]]:
    """Put the glossary forms back in place of `<tN/>` in an engine output.

    Returns the text, (severity, message) issues and the span numbers that were lost. How a
    term attaches to the words before it (clitics, elision) comes from the language profile.
    One pass over the placeholders in text order; each looks only at the last `_WINDOW`
    characters written before it and the characters right after it."""
    if not spans and not may_hold_placeholder(output):
        return output, [], set()  # nothing masked, nothing to remove (most segments)
    profile = languages.get(lang)
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
                issues.append(("warning", f"the engine repeated '{spans[n].source}'; the "
                                          "extra copy was removed, check the sentence"))
            return ""
        order.append(n)
        return f"\x00{n}\x00"

    text = PH_ANY.sub(first_pass, output)
    if len(text) != len(output):
        if "  " in text:  # (what _SPACE_RUN needs)
            text = _SPACE_RUN.sub(" ", text)
        if not output.endswith(" "):
            text = text.rstrip(" ")
    if order != sorted(order) and len(order) > 1:
        names = [spans[n].source for n in order]
        issues.append(("info", f"terms in a different order than in the source "
                               f"({', '.join(names)}); check who does what"))
    lost = {n for n in spans if n not in seen}
    clitic_re = _trailing(profile.clitics, r"\s?") if profile.clitics else None
    elision_re = _trailing(profile.elision, r"\s+") if profile.elision else None
    done: list[str] = []  # the output so far, but for its last characters (`before`)
    written = 0  # the length of `done`
    before, pos = "", 0
    for m in _TERM_TOKEN.finditer(text):
        n = int(m.group(1))
        if n not in spans or m.start() < pos:
            continue
        before += text[pos:m.start()]
        if len(before) > 2 * _WINDOW:  # keep only a window open to the rules below
            done.append(before[:-_WINDOW])
            written += len(before) - _WINDOW
            before = before[-_WINDOW:]
        first = 1 if written else 0  # `^` in the rules means the start of the whole text
        span, form, pos = spans[n], spans[n].form, m.end()
        if not span.quoted and before[-1:] in _QUOTES and \
                text[pos:pos + 1] == _QUOTES[before[-1]]:
            before, pos = before[:-1], pos + 1
        elif not span.quoted and before.endswith(("« ", "«\u00a0", "«\u202f")) and \
                text.startswith((" »", "\u00a0»", "\u202f»"), pos):
            before, pos = before[:-2], pos + 2
        if possessive := _POSSESSIVE_AFTER.match(text, pos):
            pos = possessive.end()
        if clitic_re and (c := clitic_re.search(before, first)):
            form = attach(c.group(1), form, profile)
            before = before[:c.start()]
        elif elision_re and _starts_with_vowel(form) and (e := elision_re.search(before, first)):
            before = before[:e.start()] + e.group(1)[:-1] + "'"
        if form[:1].islower() and _opens_sentence(before[-60:], written + len(before) <= 60):
            form = form[0].upper() + form[1:]
        before += form
    done.append(before)
    done.append(text[pos:])
    return _written_once("".join(done), [spans[n].form for n in order]), issues, lost


def _written_once(out: str, forms: list[str]) -> str:
    """"Name (ACR)" where both have one target form (Arabic: برنامج الأغذية العالمي for the
    World Food Programme and for WFP) is written once."""
    if "(" in out:
        for form in dict.fromkeys(forms):
            if form and out.count(form) > 1:  # (the pattern needs it twice)
                out = _twice_re(form).sub(form, out)
    return out


@lru_cache(maxsize=4096)
def _twice_re(form: str) -> re.Pattern[str]:
    """`form`, then `form` again in brackets: "Name (ACR)" with one target form for both."""
    return re.compile(re.escape(form) + r"\s*\(\s*" + re.escape(form) + r"\s*\)")



def inline_forms(engine_input: str, spans: dict[int, Span]) -> str:
    """The engine input with each `<tN/>` replaced by its glossary form (for a retry)."""

    def form(m: re.Match) -> str:
        span = spans.get(int(next(g for g in m.groups() if g)))
        return span.form if span else m.group(0)

    return PH_ANY.sub(form, engine_input)


@lru_cache(maxsize=4096)
def _word_re(form: str) -> re.Pattern[str]:
    """`form` as a whole word, in any case."""
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)


def repair_case(source: str, target: str, lang: str, glossary: Glossary,
                verified: list[Occurrence] | None = None) -> str:
    """Accepted forms the engine wrote in the wrong case ("SYRIE") get the glossary's case.
    `verified`: `verify(source, target, lang, glossary)` when the caller has it."""
    if verified is None:
        verified = verify(source, target, lang, glossary)
    for occ in verified:
        if occ.right or occ.entry.policy != "accept" or occ.source.isupper():
            continue  # a name in capitals in the source (a dateline) may stay in capitals
        for form in occ.entry.target_forms(lang):
            m = _word_re(form).search(target)
            if m and m.group(0) != form:
                fixed = form
                if form[:1].islower() and _sentence_start(target, m.start()):
                    fixed = form[0].upper() + form[1:]
                target = target[:m.start()] + fixed + target[m.end():]
                break
    return target


