"""XLIFF 2.0 export of an article's PO file, for CAT tools that do not read PO.

One <unit> per PO entry (id = the segment id), numbered markup tags as XLIFF inline codes:
`<1>…</1>` becomes `<pc id="1">…</pc>`, `<2/>` becomes `<ph id="2"/>`, a placeholder `<n1/>`
becomes `<ph id="n1"/>`; each code says what it stands for (disp, equiv, and the source HTML
in <originalData>), read from the entry's tag notes (`#. <2/> = `coast` (code)`). Machine
output (fuzzy) is exported with state "initial", reviewed entries with state "reviewed"; `#.`
comments become <note>s. Export only: the PO file stays the
file of record that `po apply` reads.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from locpipe.document import tag_from_note
from locpipe.errors import InputError
from locpipe.fileio import write_all
from locpipe.formats.po import (
    ARTICLE_HEADER,
    OPTIONS_HEADER,
    SOURCE_HEADER,
    escape_header,
    load_po,
    reviewed,
    visible,
)
from locpipe.markup import CODE_RE, TAG_RE

NS = "urn:oasis:names:tc:xliff:document:2.0"
# Characters XML 1.0 cannot contain, even escaped.
_NOT_XML = re.compile("([\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff])")


def _attr(value: str) -> str:
    """An attribute value XML can hold (control characters percent-encoded, as in the PO
    header)."""
    return escape_header(value) if _NOT_XML.search(value) else value


# What a numbered tag stands for, read from the entry's tag notes (document.tag_note):
# number -> (void, description, (start, end) source HTML or None).
Codes = dict[int, tuple[bool, str, tuple[str, str] | None]]


def codes(comment: str) -> Codes:
    """The tag notes among an entry's `#.` lines."""
    found: Codes = {}
    for line in comment.splitlines():
        note = tag_from_note(line)
        if note is not None:
            number, void, what, source = note
            found[number] = (void, what, source)
    return found


def _add_text(parent: ET.Element, last: ET.Element | None, chunk: str) -> ET.Element | None:
    """Append `chunk` to `parent` (after `last`, if any); what XML 1.0 cannot hold, even
    escaped, becomes XLIFF 2.0's <cp hex=…/>. Returns the element the next text follows."""
    for piece in _NOT_XML.split(chunk):
        if _NOT_XML.fullmatch(piece):
            last = ET.SubElement(parent, f"{{{NS}}}cp", hex=f"{ord(piece):04X}")
        elif piece and last is None:
            parent.text = (parent.text or "") + piece
        elif piece:
            last.tail = (last.tail or "") + piece
    return last


def inline(parent: ET.Element, text: str, path: Path, line: int | None,
           known: Codes | None = None) -> None:
    """Append `text` to `parent`, numbered tags turned into <pc>/<ph> elements; with `known`
    (the entry's tag notes) each says what it stands for: `disp`/`dispStart`/`dispEnd` (the
    reviewer's description), `equiv` (the text a code span shows) and, where the note carries
    the source HTML, `dataRef`s into the unit's <originalData> (data ids `d<n>`, `d<n>e`)."""
    known = known or {}
    stack = [parent]
    last: ET.Element | None = None  # element whose tail takes the next text
    pos = 0

    def add_text(chunk: str) -> None:
        nonlocal last
        if chunk:
            last = _add_text(stack[-1], last, chunk)

    for m in CODE_RE.finditer(text):
        add_text(text[pos:m.start()])
        pos = m.end()
        closing, num, void = m.groups()
        code = known.get(int(num)) if num.isdigit() else None
        if void:
            last = ET.SubElement(stack[-1], f"{{{NS}}}ph", id=num)
            if code is not None:
                what = code[1]
                last.set("disp", _attr(what))
                last.set("equiv", _attr(what[1:-1] if what.startswith("`") else ""))
                if code[2] is not None:
                    last.set("dataRef", f"d{num}")
        elif not closing:
            el = ET.SubElement(stack[-1], f"{{{NS}}}pc", id=num)
            if code is not None:
                what = code[1]
                el.set("dispStart", _attr(what))
                el.set("dispEnd", _attr(f"end of {what.split()[0]}"))
                el.set("equivStart", "")
                el.set("equivEnd", "")
                if code[2] is not None:
                    el.set("dataRefStart", f"d{num}")
                    el.set("dataRefEnd", f"d{num}e")
            stack.append(el)
            last = None
        else:
            if len(stack) == 1 or stack[-1].get("id") != num:
                raise InputError(f"tag </{num}> closes a tag that is not open; fix the entry "
                                 "before exporting", path, line)
            last = stack.pop()
    add_text(text[pos:])
    if len(stack) > 1:
        raise InputError(f"tag <{stack[-1].get('id')}> is never closed; fix the entry before "
                         "exporting", path, line)


def original_data(unit: ET.Element, known: Codes, text: str) -> None:
    """The unit's <originalData>: the source HTML of each code in `text` whose note has it."""
    data: list[tuple[str, str]] = []
    for number in dict.fromkeys(int(m.group(2)) for m in TAG_RE.finditer(text)):
        code = known.get(number)
        if code is None or code[2] is None:
            continue
        start, end = code[2]
        data.append((f"d{number}", start))
        if not code[0]:
            data.append((f"d{number}e", end))
    if data:
        od = ET.SubElement(unit, f"{{{NS}}}originalData")
        for ident, value in data:
            _add_text(ET.SubElement(od, f"{{{NS}}}data", id=ident), None, value)


def _indent(elem: ET.Element, level: int = 0) -> None:
    """Pretty-print the structure but never touch mixed content (source, target, note)."""
    if elem.tag in (f"{{{NS}}}source", f"{{{NS}}}target", f"{{{NS}}}note",
                    f"{{{NS}}}data") or not len(elem):
        return
    pad = "\n" + "  " * (level + 1)
    elem.text = pad
    for child in elem:
        _indent(child, level + 1)
        child.tail = pad
    elem[-1].tail = "\n" + "  " * level


def bcp47(code: str) -> str:
    """A PO Language value ("pt_BR", "sr@latin") as the BCP 47 tag XLIFF wants ("pt-BR")."""
    return code.strip().split("@")[0].split(".")[0].replace("_", "-")


def _source_lang(options: str) -> str:
    """The run's source language, recorded in the PO header's options (default English)."""
    try:
        value = json.loads(options).get("source_lang") if options else None
    except (ValueError, AttributeError):
        value = None
    return value if isinstance(value, str) and value else "en"


def to_xliff(po_file: Path) -> str:
    """The XLIFF 2.0 document for one article PO file."""
    catalog = load_po(po_file)
    lang = bcp47(catalog.metadata.get("Language", ""))
    source = bcp47(_source_lang(catalog.metadata.get(OPTIONS_HEADER, "")))
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}xliff", version="2.0", srcLang=source, trgLang=lang)
    f = ET.SubElement(root, f"{{{NS}}}file",
                      id=_attr(catalog.metadata.get(ARTICLE_HEADER, po_file.parent.name)
                               or "article"),
                      original=_attr(catalog.metadata.get(SOURCE_HEADER, "")))
    for e in catalog:
        if e.obsolete or not e.msgid:
            continue
        unit = ET.SubElement(f, f"{{{NS}}}unit", id=_attr(e.msgctxt or f"entry{e.linenum}"))
        if e.comment:
            notes = ET.SubElement(unit, f"{{{NS}}}notes")
            for line in e.comment.splitlines():
                ET.SubElement(notes, f"{{{NS}}}note").text = visible(line)
        known = codes(e.comment)
        original_data(unit, known, e.msgid)
        seg = ET.SubElement(unit, f"{{{NS}}}segment",
                            state="reviewed" if reviewed(e) else "initial")
        inline(ET.SubElement(seg, f"{{{NS}}}source"), e.msgid, po_file, e.linenum, known)
        if e.msgstr:
            in_source = {int(m.group(2)) for m in TAG_RE.finditer(e.msgid)}
            inline(ET.SubElement(seg, f"{{{NS}}}target"), e.msgstr, po_file, e.linenum,
                   {n: c for n, c in known.items() if n in in_source})
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def export(po_files: list[Path]) -> list[Path]:
    """Write `<lang>.xlf` next to each PO file; all files are checked before any is written."""
    files = {p.with_suffix(".xlf"): to_xliff(p) for p in po_files}
    write_all(files)
    return list(files)
