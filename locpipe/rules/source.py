"""Source consistency: an article's English checked against the glossary, before translation.

Variant and deprecated spellings, near-misses of multi-word names, acronyms used before they
are defined, each with line:column and, where there is a sure one, the fix. Pure: text in,
findings out (reading and rewriting the article is `locpipe.terminology`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from locpipe.rules.terms import Entry, Glossary, Match


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



def check_text(text: str, glossary: Glossary, path: Path) -> list[SourceFinding]:
    """Variant spellings, deprecated forms, near-misses of multi-word names and acronyms used
    before they are defined, in one article's raw text (so line:column are the editor's);
    `path` only names the article in the findings."""
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



def fix_text(text: str, findings: list[SourceFinding]) -> tuple[str, int]:
    """The text with the sure fixes (those with a replacement) applied, and how many."""
    fixes = sorted((f for f in findings if f.replacement is not None),
                   key=lambda f: f.start, reverse=True)
    for f in fixes:
        text = text[:f.start] + (f.replacement or "") + text[f.end:]
    return text, len(fixes)
