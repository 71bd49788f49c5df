"""The glossary files: `glossary/*.csv` read, checked and merged into one `Glossary`.

Files are CSV (UTF-8, BOM accepted) in `glossary/`: a header of language codes (`en` required)
plus optional `type`, `policy`, `note`; a cell lists forms separated by ` | `, the first one
preferred. All files are parsed and cross-checked before any is used, so a run never works with
a half-loaded glossary: the first problem raises `file:line: message` (exit 2); `lint` lists all.
What the entries mean and how they match: locpipe.rules.terms.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale

from locpipe import languages
from locpipe.errors import ConfigError
from locpipe.rules.terms import (
    BIDI_CONTROLS,
    INVISIBLE,
    POLICIES,
    SOURCE_LANG,
    Entry,
    Glossary,
    term_key,
    word_key,
)

META_COLUMNS = ("type", "policy", "note")
DEFAULT_DIR = Path("glossary")
SPELLINGS = "spellings.txt"  # other spellings of one word, one group a line (source check)

_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else \
            f"{self.path}: {self.message}"



# --------------------------------------------------------------------------- cells as text

# A cell beginning with one of these is a formula to Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"): `=HYPERLINK(...)` in a glossary opened in a spreadsheet runs. Such a
# cell is written as text with a leading apostrophe (`'-ism`), which spreadsheets show without
# it and locpipe reads back without it, so "-ism" and "+963" survive every round trip.
FORMULA_START = "=+-@\t\r"


def as_text(cell: str) -> str:
    """`cell` safe to open in a spreadsheet: a leading apostrophe when it would start a formula
    (or when it starts with apostrophes before such a character, so that `from_text` gives
    every text back unchanged)."""
    return "'" + cell if _starts_formula(cell.lstrip("'")) else cell


def _starts_formula(text: str) -> bool:
    return text[:1] != "" and text[:1] in FORMULA_START


def from_text(cell: str) -> str:
    """The text of a cell written by `as_text` (or typed as text in a spreadsheet)."""
    if cell.startswith("'") and _starts_formula(cell[1:].lstrip("'")):
        return cell[1:]
    return cell


def _formula(cell: str) -> bool:
    """A cell a spreadsheet would run as a formula (leading spaces do not stop it)."""
    return _starts_formula(cell.lstrip(" "))


_CONTROL_NAMES = {"\x00": "a NUL byte", "\t": "a tab", "\n": "a line break",
                  "\r": "a line break"}


def _hidden_problem(col: str, form: str) -> str:
    """A form holding a character no reader sees: a NUL, a tab or line break (it would break a
    DeepL TSV row in two), a zero-width character or a bidi control (it would hide the term
    from every match); "" when it has none. A zero-width (non-)joiner between two letters of
    a script that joins (Persian, Indic) is spelling, not an accident."""
    for i, ch in enumerate(form):
        if ch in _CONTROL_NAMES and ch != "\x00":  # a NUL is reported for its cell
            return (f"{col} form '{_shown(form)}' holds {_CONTROL_NAMES[ch]}; a term is one "
                    "line of visible text: delete it")
        if ch in INVISIBLE or ch in BIDI_CONTROLS:
            if ch in "\u200c\u200d" and 0 < i < len(form) - 1 and all(
                    c.isalpha() and ord(c) > 0x24F for c in (form[i - 1], form[i + 1])):
                continue
            name = unicodedata.name(ch, "a control character")
            return (f"{col} form '{_shown(form)}' holds an invisible U+{ord(ch):04X} {name}; "
                    "delete it (it hides the term from the glossary check)")
    return ""


def _shown(text: str) -> str:
    """`text` with its invisible and control characters as escapes (\\u200d)."""
    hidden = set(INVISIBLE + BIDI_CONTROLS) | set(_CONTROL_NAMES)
    return "".join(ch.encode("unicode_escape").decode("ascii") if ch in hidden else ch
                   for ch in text)


# --------------------------------------------------------------------------- loading


def _split(cell: str) -> list[str]:
    cell = cell.strip()
    return [p.strip() for p in cell.split("|")] if cell else []


def _known_language(code: str) -> bool:
    return bool(_LANG_CODE.match(code)) and languages.known(code)


# scripts CLDR gives a language that are written with letters of several Unicode scripts
_SCRIPT_PARTS = {"Jpan": {"Hani", "Hira", "Kana"}, "Kore": {"Hang", "Hani"},
                 "Hans": {"Hani"}, "Hant": {"Hani"}}


@lru_cache(maxsize=1)
def _script_codes() -> dict[str, str]:
    """ISO 15924 codes by the word Unicode character names start with ("ARABIC" -> Arab)."""
    table = {name.upper(): code for code, name in Locale("en").scripts.items()
             if " " not in name}
    table["CJK"] = "Hani"
    return table


def _letter_scripts(text: str) -> list[str]:
    """The scripts of the letters of `text`, in order of appearance (unknown ones left out)."""
    found: dict[str, None] = {}
    for ch in text:
        if ch.isalpha():
            code = _script_codes().get(unicodedata.name(ch, "").split(" ")[0])
            if code:
                found[code] = None
    return list(found)


def _script_name(code: str) -> str:
    return Locale("en").scripts.get(code, code)


def _column_script(col: str) -> str:
    return languages.get(col.split("-")[0]).script


def _script_problem(col: str, form: str, columns: list[str]) -> str:
    """A form not written in its column's script (CLDR): an es form in Arabic letters, a he
    form in Latin ones; "" when it is fine. Letterless forms (figures) are fine anywhere."""
    script = _column_script(col)
    scripts = _letter_scripts(form)
    expected = _SCRIPT_PARTS.get(script, {script})
    foreign = [s for s in scripts if s not in expected]
    if not foreign:
        return ""
    names = " and ".join(_script_name(s) for s in foreign)
    if script == "Latn":  # Latin letters are at home in any column; others belong elsewhere
        home = next((c for c in columns if c != col and _column_script(c) == foreign[0]), "")
        where = f"it belongs in the {home} column" if home else f"{col} is written in Latin"
        return f"{col} form '{form}' contains {names} script; {where}"
    if len(foreign) == len(scripts):
        return f"{col} form '{form}' has no {_script_name(script)} script"
    return f"{col} form '{form}' mixes {names} letters into {_script_name(script)}"


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

    for col, cell in row.items():
        if _formula(cell):
            shown = _shown(cell.strip()[:40])
            bad(f"{col} cell '{shown}' would run as a formula in a spreadsheet; start it "
                f"with an apostrophe to mark it as text: {_shown(as_text(cell.strip())[:41])}")
        elif "\x00" in cell:
            bad(f"{col} cell '{_shown(cell.strip()[:40])}' holds a NUL byte; delete it")
    row = {col: from_text(cell.strip()) for col, cell in row.items()}
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
            message = _hidden_problem(col, p) or _script_problem(
                col, p, [c for c in row if c not in META_COLUMNS])
            if message:
                bad(message)
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


def cross_check(entries: list[Entry]) -> list[Problem]:
    """Duplicate and conflicting entries across all files (the later one is reported)."""
    problems: list[Problem] = []
    seen: dict[str, Entry] = {}
    for entry in entries:
        for form in dict.fromkeys(term_key(f) for f in entry.source_forms):
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


def parse_spellings(text: str, path: Path) -> tuple[dict[str, str], list[Problem]]:
    """A spellings table (`Muslim | Moslem` a line, `#` comments): each spelling's `word_key`
    mapped to its group's (the first spelling's), and the problems found."""
    table: dict[str, str] = {}
    where: dict[str, int] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = [w for w in _split(line) if w]
        if len(words) < 2 or any(" " in w for w in words):
            problems.append(Problem(path, number, f"'{line.strip()}' is not a group of "
                                    "spellings of one word; write 'Muslim | Moslem'"))
            continue
        group = word_key(words[0])
        for w in words:
            key = word_key(w)
            if key in table and table[key] != group:
                problems.append(Problem(path, number, f"'{w}' is already in the group at line "
                                                      f"{where[key]}; a spelling belongs to "
                                                      "one group"))
                continue
            table[key], where[key] = group, number
    return table, problems


def load_spellings(dirs: Iterable[Path]) -> tuple[dict[str, str], list[Problem]]:
    """The spellings tables of the glossary directories (spellings.txt; optional), merged."""
    table: dict[str, str] = {}
    problems: list[Problem] = []
    for d in dirs:
        path = Path(d) / SPELLINGS
        if not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(path, None, f"cannot be read as UTF-8 ({exc})"))
            continue
        got, bad = parse_spellings(text, path)
        table.update(got)
        problems += bad
    return table, problems


def lint_glossary(dirs: Iterable[Path]) -> tuple[list[Problem], int]:
    """Every problem in the glossary files, and the number of entries read."""
    dirs = list(dirs)
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in glossary_files(dirs):
        got, bad = parse_file(path)
        entries += got
        problems += bad
    problems += cross_check(entries)
    problems += load_spellings(dirs)[1]
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
    spellings, bad = load_spellings(dirs)
    problems += bad
    if problems:
        first = problems[0]
        more = (f" ({len(problems) - 1} more; run 'locpipe glossary lint' to list them)"
                if len(problems) > 1 else "")
        raise ConfigError(first.message + more, first.path, first.line)
    return Glossary(entries, files, spellings)


def resolve_dirs(dirs: list[Path] | None) -> list[Path]:
    """The glossary directories to use: those given, else ./glossary if it exists."""
    if dirs:
        return list(dirs)
    return [DEFAULT_DIR] if DEFAULT_DIR.is_dir() else []


def load_found(dirs: list[Path] | None) -> Glossary | None:
    """The glossary of `dirs` (else ./glossary, see resolve_dirs); None when there is none."""
    found = resolve_dirs(dirs)
    return load_glossary(found) if found else None


