"""The `locpipe glossary check | export | import` tools around the glossary.

Checking an article's English before translation (variant and deprecated spellings, near-misses
of multi-word names, acronyms used before they are defined, with line:column and `--fix`), and
exchanging the glossary with other tools: Google Cloud Translation CSV, DeepL TSV, TBX-Basic.
The glossary itself (files, matching, the translation stages) is `locpipe.stages.glossary`.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from locpipe.errors import ConfigError, InputError
from locpipe.fileio import read_text, write_all
from locpipe.stages.glossary import (
    DEFAULT_DIR,
    META_COLUMNS,
    SOURCE_LANG,
    Entry,
    Glossary,
    Match,
    cross_check,
    glossary_files,
    load_glossary,
    parse_file,
    parse_text,
    resolve_dirs,
)

# --------------------------------------------------------------------------- source check


@dataclass
class SourceFinding:
    """A consistency problem in an article: where, what, and the fix if there is a sure one."""

    path: Path
    line: int
    column: int
    message: str
    start: int = 0
    end: int = 0
    replacement: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w'’\-]*")
NEAR_MISS_SCORE = 88


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_source(path: Path, glossary: Glossary) -> list[SourceFinding]:
    """Variant spellings, deprecated forms, near-misses of multi-word names and acronyms used
    before they are defined, in one article (raw text, so line:column are the editor's)."""
    read_text(path)  # one-line errors for missing, binary, empty or non-UTF-8 files
    text = path.read_bytes().decode("utf-8")
    findings: list[SourceFinding] = []

    def add(start: int, end: int, message: str, replacement: str | None = None) -> None:
        line, col = _position(text, start)
        findings.append(SourceFinding(path, line, col, message, start, end, replacement))

    markup = [(t.start(), t.end()) for t in re.finditer(r"<[^<>]*>", text)]
    matches = [m for m in glossary.find(text)  # names inside HTML tags/attributes are not text
               if not any(a <= m.start < b for a, b in markup)]
    defined: set[int] = set()
    for m in matches:
        entry = m.entry
        if entry.policy == "forbid":
            add(m.start, m.end, f"'{m.text}' is deprecated; write '{entry.canonical}'",
                entry.canonical)
            continue
        if entry.policy != "accept" and m.text != entry.canonical and not (
                entry.canonical[:1].islower() and m.text == entry.canonical[:1].upper()
                + entry.canonical[1:]):
            add(m.start, m.end, f"variant spelling '{m.text}'; the glossary writes "
                                f"'{entry.canonical}'", entry.canonical)
        if entry.type == "acronym" and id(entry) not in defined:
            defined.add(id(entry))
            if not (text[m.start - 1:m.start] == "(" and text[m.end:m.end + 1] == ")"):
                full = entry.note or "its full name"
                add(m.start, m.end, f"acronym '{m.text}' used before it is defined; write "
                                    f"'{full} ({entry.canonical})' at its first mention")
    findings += _near_misses(text, path, matches, glossary, markup)
    findings.sort(key=lambda f: (f.start, f.message))
    return findings


def _near_misses(text: str, path: Path, matches: list[Match], glossary: Glossary,
                 skip: list[tuple[int, int]]) -> list[SourceFinding]:
    """Capitalised word sequences within a small edit distance of a multi-word name."""
    from rapidfuzz import fuzz, process

    choices: dict[str, Entry] = {}
    for e in glossary.entries:
        if e.policy != "forbid":
            for f in e.source_forms:
                if " " in f.strip() and len(f) >= 8:
                    choices[f] = e
    if not choices:
        return []
    sizes = sorted({len(f.split()) for f in choices})
    covered = bytearray(len(text) + 1)
    for a, b in [(m.start, m.end) for m in matches] + skip:
        covered[a:b] = b"\x01" * (b - a)
    words = [(w.start(), w.end()) for w in _WORD.finditer(text)]
    names = list(choices)
    found: list[SourceFinding] = []
    i = 0
    while i < len(words):
        start = words[i][0]
        if not text[start].isupper() or covered[start]:
            i += 1
            continue
        best = None
        for k in sizes:
            if i + k > len(words):
                break
            end = words[i + k - 1][1]
            phrase = re.sub(r"['’]s$", "", text[start:end])
            if "\n" in phrase or any(covered[start:end]):
                break
            hit = process.extractOne(phrase, names, scorer=fuzz.ratio,
                                     score_cutoff=NEAR_MISS_SCORE)
            if hit and hit[0] != phrase and (best is None or hit[1] > best[1]):
                best = (hit[0], hit[1], k, start + len(phrase))
        if best is None:
            i += 1
            continue
        line, col = _position(text, start)
        canonical = choices[best[0]].canonical
        found.append(SourceFinding(path, line, col,
                                   f"'{text[start:best[3]]}' looks like a misspelling of "
                                   f"'{canonical}'", start, best[3]))
        i += best[2]
    return found


def fix_source(path: Path, findings: list[SourceFinding]) -> int:
    """Rewrite the article with the sure fixes applied, keeping `<name>.bak`; returns how many
    were applied. Both files are written atomically together."""
    original = path.read_bytes().decode("utf-8")
    text = original
    fixes = sorted((f for f in findings if f.replacement is not None),
                   key=lambda f: f.start, reverse=True)
    for f in fixes:
        text = text[:f.start] + (f.replacement or "") + text[f.end:]
    if fixes:
        write_all({path.with_name(path.name + ".bak"): original, path: text})
    return len(fixes)


# --------------------------------------------------------------------------- export / import

EXPORT_FORMATS = ("google-csv", "deepl-tsv", "tbx")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
           "deprecated": "deprecatedTerm-admn-sts"}


def parse_pair(pair: str, glossary: Glossary) -> tuple[str, str]:
    langs = glossary.languages
    parts = pair.lower().split("-")
    if len(parts) != 2 or not all(p in langs for p in parts) or parts[0] == parts[1]:
        raise ConfigError(f"unknown language pair '{pair}'; the glossary has: "
                          f"{', '.join(langs)} (e.g. --pair en-fr)")
    return parts[0], parts[1]


def export_glossary(glossary: Glossary, fmt: str, pair: str | None) -> str:
    """The glossary as a Google Cloud glossary CSV, a DeepL TSV or TBX-Basic."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown format '{fmt}'; available: {', '.join(EXPORT_FORMATS)}")
    if fmt == "tbx":
        langs = list(parse_pair(pair, glossary)) if pair else glossary.languages
        return _export_tbx(glossary, langs)
    if not pair:
        raise ConfigError(f"--pair is required for {fmt} (e.g. --pair en-fr)")
    src, tgt = parse_pair(pair, glossary)
    rows: dict[str, str] = {}
    for e in glossary.entries:
        if e.policy == "forbid":
            continue
        target = e.preferred(tgt)
        sources = e.source_forms if src == SOURCE_LANG else e.target_forms(src)
        if not target or not sources:
            continue
        for s in sources:
            rows.setdefault(s, target)  # both services want each source term once
    if fmt == "deepl-tsv":
        return "".join(f"{s}\t{t}\n" for s, t in rows.items())
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows.items())
    return buf.getvalue()


def _export_tbx(glossary: Glossary, langs: list[str]) -> str:
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: SOURCE_LANG})
    header = ET.SubElement(ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc"),
                           "sourceDesc")
    ET.SubElement(header, "p").text = "locpipe newsroom glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for i, e in enumerate(glossary.entries, 1):
        te = ET.SubElement(body, "termEntry", {"id": f"e{i}"})
        if e.type:
            ET.SubElement(te, "descrip", {"type": "subjectField"}).text = e.type
        ET.SubElement(te, "note").text = f"policy: {e.policy}" + (f"; {e.note}" if e.note else "")
        for lang in langs:
            forms = e.forms.get(lang, [])
            if not forms:
                continue
            ls = ET.SubElement(te, "langSet", {_XML_LANG: lang})
            for j, form in enumerate(forms):
                status = "preferred" if j == 0 else "admitted"
                if e.policy == "forbid" and lang == SOURCE_LANG and j > 0:
                    status = "deprecated"
                tig = ET.SubElement(ls, "tig")
                ET.SubElement(tig, "term").text = form
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = \
                    _STATUS[status]
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
            + ET.tostring(root, encoding="unicode") + "\n")


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def read_tbx(path: Path) -> str:
    """A TBX (TBX-Basic 2008 `martif` or TBX v3 `tbx`) file as glossary CSV text."""
    read_text(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        reason = str(exc).split(":", 1)[0]
        raise InputError(f"is not valid TBX: not well-formed XML ({reason}); export it again "
                         "as TBX", path, line) from exc
    if _local(root.tag) not in ("martif", "tbx"):
        raise InputError(f"is XML but not TBX (root element <{_local(root.tag)}>, expected "
                         "<martif> or <tbx>)", path)
    rows: list[dict[str, str]] = []
    langs: list[str] = []
    for te in root.iter():
        if _local(te.tag) not in ("termEntry", "conceptEntry"):
            continue
        row: dict[str, str] = {"type": "", "policy": "", "note": ""}
        deprecated_only = False
        for child in te:
            tag = _local(child.tag)
            if tag == "descrip" and child.get("type") == "subjectField":
                row["type"] = (child.text or "").strip()
            elif tag == "note":
                note = (child.text or "").strip()
                m = re.match(r"policy:\s*(\w+)\s*;?\s*(.*)", note)
                if m:
                    row["policy"], row["note"] = m.group(1), m.group(2)
                else:
                    row["note"] = note
            elif tag in ("langSet", "langSec"):
                lang = (child.get(_XML_LANG) or child.get("lang") or "").lower()
                terms: list[tuple[int, str]] = []
                for t in child.iter():
                    if _local(t.tag) not in ("tig", "ntig", "termSec"):
                        continue
                    term = next((x.text or "" for x in t.iter() if _local(x.tag) == "term"), "")
                    status = next(((x.text or "") for x in t.iter()
                                   if _local(x.tag) == "termNote"
                                   and x.get("type") == "administrativeStatus"), "")
                    rank = 0 if status.startswith("preferred") else \
                        2 if status.startswith("deprecated") else 1
                    if term.strip():
                        terms.append((rank, term.strip()))
                if lang and terms:
                    if lang == SOURCE_LANG and all(r == 2 for r, _ in terms):
                        deprecated_only = True
                    terms.sort(key=lambda x: x[0])
                    row[lang] = " | ".join(t for _, t in terms)
                    if lang not in langs:
                        langs.append(lang)
        if deprecated_only and not row["policy"]:
            row["policy"] = "forbid"
        rows.append(row)
    if not rows:
        raise InputError("has no term entries (termEntry or conceptEntry)", path)
    langs = [SOURCE_LANG] + sorted(x for x in langs if x != SOURCE_LANG)
    columns = langs + list(META_COLUMNS)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buf.getvalue()


def import_tbx(path: Path, dest: Path, existing: list[Path]) -> int:
    """Convert a TBX file into the glossary CSV `dest`, checked against the glossary files in
    `existing` first: nothing is written if any entry is bad or conflicts. Returns entries."""
    if dest.exists():
        raise ConfigError("already exists; choose another file with --output", dest)
    text = read_tbx(path)
    entries, problems = parse_text(text, dest)
    if problems:
        raise ConfigError(f"imported entry is not valid: {problems[0].message}", path)
    current: list[Entry] = []
    for f in glossary_files(existing) if existing else []:
        current += parse_file(f)[0]
    clash = cross_check(current + entries)
    if clash:
        raise ConfigError(f"imported entries conflict with the glossary: {clash[0]}", path)
    write_all({dest: text})
    return len(entries)


# --------------------------------------------------------------------------- command helpers


def check_articles(paths: list[Path], dirs: list[Path] | None, fix: bool = False
                   ) -> tuple[list[SourceFinding], int]:
    """Source findings for every article (after fixing, only what is left) and fixes made."""
    glossary = load_glossary(resolve_dirs(dirs) or [DEFAULT_DIR])
    remaining: list[SourceFinding] = []
    fixed = 0
    for path in paths:
        findings = check_source(path, glossary)
        if fix:
            fixed += fix_source(path, findings)
            findings = [f for f in findings if f.replacement is None]
        remaining += findings
    return remaining, fixed


def export_from(dirs: list[Path] | None, fmt: str, pair: str | None) -> str:
    """Load the glossary and export it (see `export_glossary`)."""
    return export_glossary(load_glossary(resolve_dirs(dirs) or [DEFAULT_DIR]), fmt, pair)


def import_into(path: Path, dirs: list[Path] | None, output: Path | None) -> tuple[Path, int]:
    """Import a TBX file as a new CSV in the (first) glossary directory, or `output`."""
    existing = resolve_dirs(dirs)
    if output is None:
        folder = existing[0] if existing and existing[0].is_dir() else DEFAULT_DIR
        output = folder / f"{path.stem}.csv"
    return output, import_tbx(path, output, existing)
