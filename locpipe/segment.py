"""Sentence segmentation of English news text, offline and deterministic.

Written by hand: the maintained splitters either need a downloaded model (NLTK punkt, stanza,
spaCy) or are unmaintained and slow (pysbd). Wire copy is regular enough for rules: a sentence
ends at . ! ? or an ellipsis, plus any closing quotes or brackets, when the next word starts a
sentence; abbreviations, initials and decimals are the exceptions handled below.
"""

from __future__ import annotations

import re

from locpipe.document import TAG_RE, Block, Document, Segment, Tag

# Abbreviations that are (almost) never sentence-final in news copy: titles, months before a day.
NEVER_FINAL = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
    "adm", "cmdr", "gov", "sen", "rep", "rev", "fr", "st", "mt", "ft", "pres", "supt", "insp",
    "hon", "amb", "sr", "jr", "messrs", "mme", "mlle", "vs", "v", "no", "nos", "art", "para",
    "fig", "approx", "est", "dept", "univ", "assn", "bros", "corp", "inc", "ltd", "co",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "cf", "ca", "al", "int'l", "nat'l", "govt",
}
# Abbreviations that often end a sentence too: split only before a typical sentence opener.
SOMETIMES_FINAL = {
    "u.s", "u.n", "u.k", "e.u", "u.a.e", "a.m", "p.m", "etc", "d.c", "n.y", "l.a", "s.a",
    "inc", "ltd", "co", "corp", "jr", "sr", "bros",
}
# Words that typically open a sentence: after an ambiguous abbreviation, they mean a new one.
OPENERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
    "our", "this", "that", "these", "those", "there", "but", "and", "yet", "so", "however",
    "meanwhile", "in", "on", "at", "after", "before", "when", "while", "as", "if", "some",
    "many", "most", "officials", "residents", "no", "one", "two", "three", "what", "why",
    "how", "who", "where", "since", "during", "despite", "although", "though", "earlier",
    "later", "last", "on", "according", "asked", "speaking", "now", "still", "also", "both",
}

_CLOSERS = "\"'”’»)]"
_OPENERS_CHARS = "\"'“‘«(["
# A candidate end: terminal punctuation, then optional closers, then whitespace.
_CANDIDATE = re.compile(r"(\.\.\.|…|[.!?]+)([" + re.escape(_CLOSERS) + r"]*)(\s+)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’]*)$")
_NEXT = re.compile(r"[" + re.escape(_OPENERS_CHARS) + r"]*([^\s]*)")


def sentence_ends(text: str) -> list[int]:
    """Offsets in `text` (plain, no tags) where a sentence ends, excluding the text's end."""
    ends = []
    for m in _CANDIDATE.finditer(text):
        punct, closers = m.group(1), m.group(2)
        nxt_match = _NEXT.match(text, m.end())
        next_word = nxt_match.group(1) if nxt_match else ""
        if not next_word:
            continue
        first = next_word[0]
        if not (first.isupper() or first.isdigit() or nxt_match.group(0)[:1] in _OPENERS_CHARS):
            continue  # lower-case continuation: '“Go!” he said', 'at 3 p.m. on Monday'
        if punct == "." and not closers and _is_abbreviation(text, m.start(), next_word):
            continue
        ends.append(m.start(3))
    return ends


def _is_abbreviation(text: str, dot: int, next_word: str) -> bool:
    """Is the period at `dot` part of an abbreviation or initial rather than a sentence end?"""
    wm = _WORD_BEFORE.search(text, 0, dot)
    if not wm:
        return False
    word = wm.group(1).lstrip(".")
    low = word.lower().rstrip(".")
    nxt = next_word.strip(_CLOSERS + ".,;:").lower()
    opener = nxt in OPENERS
    if low in SOMETIMES_FINAL or re.fullmatch(r"(?:[a-z]\.)+[a-z]", low):
        # U.S., a.m., U.N.-style acronyms: a sentence ends there only before a typical opener.
        return not opener
    if low in NEVER_FINAL:
        if low in ("no", "nos") and not next_word[:1].isdigit():
            return False  # 'said no.' vs 'No. 10'
        return True
    if len(word) == 1 and word.isupper():
        return True  # initial: 'John F. Kennedy'
    return False


def split_tagged(text: str, tags: dict[int, Tag]) -> list[tuple[str, dict[int, Tag]]]:
    """Split block text (with markup tags) into sentences.

    An element that spans a sentence boundary is closed at the end of one sentence and
    reopened at the start of the next, so each sentence is well-formed on its own.
    Tags are renumbered from 1 in each sentence.
    """
    plain_chars: list[str] = []
    plain_to_text: list[int] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        for i in range(pos, m.start()):
            plain_chars.append(text[i])
            plain_to_text.append(i)
        pos = m.end()
    for i in range(pos, len(text)):
        plain_chars.append(text[i])
        plain_to_text.append(i)
    plain = "".join(plain_chars)
    cuts = [plain_to_text[e] for e in sentence_ends(plain)]

    pieces: list[str] = []
    start = 0
    for cut in cuts:
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])

    result: list[tuple[str, dict[int, Tag]]] = []
    open_stack: list[int] = []  # source tag numbers open at the start of the next piece
    for piece in pieces:
        reopened = "".join(f"<{n}>" for n in open_stack)
        body = reopened + piece
        stack = list(open_stack)
        for m in TAG_RE.finditer(piece):
            closing, num, void = m.group(1), int(m.group(2)), m.group(3)
            if void:
                continue
            if closing:
                if num in stack:
                    stack.remove(num)
            else:
                stack.append(num)
        body = body + "".join(f"</{n}>" for n in reversed(stack))
        open_stack = stack
        body = _trim(body)
        if body:
            result.append(_renumber(body, tags))
    return result


def _trim(text: str) -> str:
    """Strip whitespace at both ends, including whitespace just inside leading/trailing tags."""
    text = text.strip()
    text = re.sub(r"^((?:<\d+>)+)\s+", r"\1", text)
    text = re.sub(r"\s+((?:</\d+>)+)$", r"\1", text)
    return text


def _renumber(text: str, tags: dict[int, Tag]) -> tuple[str, dict[int, Tag]]:
    mapping: dict[int, int] = {}

    def sub(m: re.Match) -> str:
        old = int(m.group(2))
        if old not in mapping:
            mapping[old] = len(mapping) + 1
        return f"<{m.group(1)}{mapping[old]}{m.group(3)}>"

    new_text = TAG_RE.sub(sub, text)
    return new_text, {new: tags[old] for old, new in mapping.items() if old in tags}


def segment_document(doc: Document) -> Document:
    """Fill each block's segments; ids are `slug:block.index`, both 1-based."""
    for bno, block in enumerate(doc.blocks, start=1):
        block.segments = []
        if block.kind == "raw":
            continue
        parts = [(block.text.strip(), block.tags)] if block.kind in ("headline", "subheading") \
            else split_tagged(block.text, block.tags)
        for sno, (text, tags) in enumerate(parts, start=1):
            block.segments.append(
                Segment(
                    id=f"{doc.slug}:{bno}.{sno}",
                    block=bno,
                    index=sno,
                    kind=block.kind,
                    text=text,
                    line=block.line,
                    tags=tags,
                )
            )
    return doc


