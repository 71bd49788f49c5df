"""The article view's rows: one per entry of an article's PO file for one language, with its
QA findings (`locpipe.review.check_entry`, what `locpipe qa` reports), its glossary terms
(agreed forms found in source and target), the memory's reviewed translation and the entry's
version (`locpipe.review.entry_version`, what a save is made against)."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from locpipe.formats import glossary as glossary_files
from locpipe.formats.memory import Memory, load_memories
from locpipe.formats.po import load_po, reviewed
from locpipe.markup import INLINE_RE

# A piece of displayed text: ("text", s), ("code", "<1>"), ("term", s) for a glossary form or
# ("num", s) for a number or date.
Token = tuple[str, str]


def tokens(text: str, marks: list[tuple[int, int, str]] = ()) -> list[Token]:
    """`text` cut into plain text, inline codes (tags and placeholders, shown as chips) and
    marked spans (glossary forms, numbers; a span crossing a code or an earlier span is left
    unmarked)."""
    codes = [(m.start(), m.end()) for m in INLINE_RE.finditer(text)]
    keep = sorted((s, e, k) for s, e, k in marks
                  if s < e and not any(cs < e and s < ce for cs, ce in codes))
    cuts: list[tuple[int, int, str]] = [(s, e, "code") for s, e in codes]
    last = -1
    for s, e, kind in keep:
        if s >= last:
            cuts.append((s, e, kind))
            last = e
    cuts.sort()
    out: list[Token] = []
    pos = 0
    for s, e, kind in cuts:
        if s > pos:
            out.append(("text", text[pos:s]))
        out.append((kind, text[s:e]))
        pos = e
    if pos < len(text):
        out.append(("text", text[pos:]))
    return out


@dataclass
class Term:
    source: str  # as written in the source
    target: str  # the agreed form for the language
    policy: str
    found: bool  # an agreed form is in the translation
    note: str = ""


@dataclass
class Segment:
    id: str
    source: str
    target: str
    reviewed: bool
    version: str
    findings: list[dict[str, str]] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    memory: dict[str, Any] | None = None
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (source, CLDR target form)
    source_tokens: list[Token] = field(default_factory=list)
    target_tokens: list[Token] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "target": self.target,
                "reviewed": self.reviewed, "version": self.version,
                "findings": self.findings, "target_tokens": self.target_tokens,
                "terms": [vars(t) for t in self.terms], "memory": self.memory,
                "numbers": self.numbers}


class Resources:
    """The glossary and memory the desk shows, loaded when first needed."""

    def __init__(self, memory_dir: Path | None, glossary_dirs: list[Path] | None) -> None:
        self.memory_dir = memory_dir
        self.glossary_dirs = glossary_dirs
        self._glossary: Any = None
        self._loaded = False
        self._memories: tuple[tuple, dict[str, Memory]] | None = None
        self._lock = threading.Lock()
        self.reading = threading.Lock()

    def glossary(self) -> Any:
        with self._lock:
            if not self._loaded:
                self._glossary = glossary_files.load_found(self.glossary_dirs)
                self._loaded = True
            return self._glossary

    def memory(self, lang: str) -> Memory:
        """The memory as it is now: re-read when one of its files changed (saves record into
        it), else the one loaded before."""
        if self.memory_dir is None or not self.memory_dir.is_dir():
            return Memory()
        with os.scandir(self.memory_dir) as it:
            key = tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in it
                               if e.name.endswith(".po")))
        with self._lock:
            if self._memories is None or self._memories[0] != key:
                self._memories = (key, load_memories(self.memory_dir))
            return self._memories[1].get(lang, Memory())


def segment(entry: polib.POEntry, lang: str, settings: Any, gloss: Any,
            memory: Memory | None) -> Segment:
    from locpipe import review  # imports the pipeline: only when an article is opened

    findings = [{"severity": chk.severity, "check": chk.name, "title": chk.title,
                 "message": message}
                for chk, message in review.check_entry(entry.msgid, entry.msgstr, lang,
                                                       settings, gloss, entry.comment)]
    terms: list[Term] = []
    src_marks: list[tuple[int, int, str]] = []
    tgt_marks: list[tuple[int, int, str]] = []
    if gloss is not None:
        in_target = gloss.find_target(entry.msgstr, lang) if entry.msgstr else []
        tgt_marks = [(m.start, m.end, "term") for m in in_target]
        found_entries = {id(m.entry) for m in in_target}
        for m in gloss.find(entry.msgid):
            src_marks.append((m.start, m.end, "term"))
            terms.append(Term(m.text, m.entry.preferred(lang), m.entry.policy,
                              id(m.entry) in found_entries, m.entry.note))
    hit = None
    if memory is not None and len(memory):
        hit = memory.exact(entry.msgid) or memory.fuzzy(entry.msgid)
    suggestion = ({"target": hit.target, "score": hit.score, "origin": hit.origin}
                  if hit is not None and hit.target != entry.msgstr else None)
    forms = review.number_forms(entry.msgid, lang, settings)
    src_marks += [(start, end, "num") for start, end, _, _ in forms]
    return Segment(entry.msgctxt or "", entry.msgid, entry.msgstr, reviewed(entry),
                   review.entry_version(entry), findings, terms, suggestion,
                   [(text, form) for _, _, text, form in forms if text != form],
                   tokens(entry.msgid, src_marks), tokens(entry.msgstr, tgt_marks))


def segments(po_path: Path, lang: str, resources: Resources) -> list[Segment]:
    """Every active entry of the PO file, in file order."""
    from locpipe import review

    catalog = load_po(po_path)
    settings = review.qa_settings(catalog, lang)
    gloss = resources.glossary()
    memory = resources.memory(lang)
    with resources.reading:  # the memory's lookup cache is not shared between threads
        return [segment(e, lang, settings, gloss, memory) for e in catalog
                if not e.obsolete and e.msgid]


def one(po_path: Path, lang: str, segment_id: str, resources: Resources) -> Segment | None:
    """One entry as it is on disk now."""
    return next((s for s in segments(po_path, lang, resources) if s.id == segment_id), None)
