"""XLIFF 2.0 export of an article's PO file, for CAT tools that do not read PO.

One <unit> per PO entry (id = the segment id), numbered markup tags as XLIFF inline codes:
`<1>…</1>` becomes `<pc id="1">…</pc>`, `<2/>` becomes `<ph id="2"/>`, a placeholder `<n1/>`
becomes `<ph id="n1"/>`. Machine output (fuzzy) is exported with state "initial", reviewed
entries with state "reviewed"; `#.` comments become <note>s. Export only: the PO file stays the
file of record that `po apply` reads.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

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
from locpipe.markup import CODE_RE

NS = "urn:oasis:names:tc:xliff:document:2.0"
# Characters XML 1.0 cannot contain, even escaped.
_NOT_XML = re.compile("([\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff])")


def _attr(value: str) -> str:
    """An attribute value XML can hold (control characters percent-encoded, as in the PO
    header)."""
    return escape_header(value) if _NOT_XML.search(value) else value


def inline(parent: ET.Element, text: str, path: Path, line: int | None) -> None:
    """Append `text` to `parent`, numbered tags turned into <pc>/<ph> elements."""
    stack = [parent]
    last: ET.Element | None = None  # element whose tail takes the next text
    pos = 0

    def add_text(chunk: str) -> None:
        nonlocal last
        if not chunk:
            return
        for piece in _NOT_XML.split(chunk):
            if _NOT_XML.fullmatch(piece):  # XLIFF 2.0's <cp hex=…/> for what XML cannot hold
                last = ET.SubElement(stack[-1], f"{{{NS}}}cp", hex=f"{ord(piece):04X}")
            elif piece and last is None:
                stack[-1].text = (stack[-1].text or "") + piece
            elif piece:
                last.tail = (last.tail or "") + piece

    for m in CODE_RE.finditer(text):
        add_text(text[pos:m.start()])
        pos = m.end()
        closing, num, void = m.groups()
        if void:
            last = ET.SubElement(stack[-1], f"{{{NS}}}ph", id=num)
        elif not closing:
            el = ET.SubElement(stack[-1], f"{{{NS}}}pc", id=num)
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


def _indent(elem: ET.Element, level: int = 0) -> None:
    """Pretty-print the structure but never touch mixed content (source, target, note)."""
    if elem.tag in (f"{{{NS}}}source", f"{{{NS}}}target", f"{{{NS}}}note") or not len(elem):
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
        seg = ET.SubElement(unit, f"{{{NS}}}segment",
                            state="reviewed" if reviewed(e) else "initial")
        inline(ET.SubElement(seg, f"{{{NS}}}source"), e.msgid, po_file, e.linenum)
        if e.msgstr:
            inline(ET.SubElement(seg, f"{{{NS}}}target"), e.msgstr, po_file, e.linenum)
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def export(po_files: list[Path]) -> list[Path]:
    """Write `<lang>.xlf` next to each PO file; all files are checked before any is written."""
    files = {p.with_suffix(".xlf"): to_xliff(p) for p in po_files}
    write_all(files)
    return list(files)
