"""The glossary exchanged with other tools: Google Cloud Translation CSV, DeepL TSV, TBX-Basic.

Export writes text (the CLI prints it); import reads a TBX file (TBX-Basic 2008 `martif` or
TBX v3 `tbx`) into glossary CSV text. Checking the imported entries against the glossary and
writing the file is `locpipe.terminology.import_into`.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from locpipe.errors import ConfigError, InputError
from locpipe.fileio import read_text
from locpipe.formats.glossary import META_COLUMNS, as_text
from locpipe.rules.terms import SOURCE_LANG, Glossary

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
    for term in (x for row in rows.items() for x in row):
        if any(c in term for c in "\t\n\r\x00"):  # a broken row is never written
            raise ConfigError(f"the term {term!r} holds a tab, a line break or a NUL; fix the "
                              "glossary ('locpipe glossary lint' names the row)")
    cells = [(as_text(s), as_text(t)) for s, t in rows.items()]  # no cell runs as a formula
    if fmt == "deepl-tsv":
        return "".join(f"{s}\t{t}\n" for s, t in cells)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(cells)
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


def _ranked_terms(lang_set: ET.Element) -> list[tuple[int, str]]:
    """The terms of one language of a TBX entry, each with its rank by administrative
    status: 0 preferred, 1 admitted (or none said), 2 deprecated."""
    terms: list[tuple[int, str]] = []
    for t in lang_set.iter():
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
    return terms


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
                terms = _ranked_terms(child)
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
    for row in rows:  # cells as text: a TBX term "=HYPERLINK(...)" is no formula in the CSV
        writer.writerow([as_text(row.get(c, "")) for c in columns])
    return buf.getvalue()


