"""Plain text in wire style into blocks, and the rules of what reads like a headline that the
Markdown and HTML readers share."""

from __future__ import annotations

import re

from locpipe.document import Block
from locpipe.markup import strip_tags

_SUBHEADING_MAX_WORDS = 10
_FINAL_PUNCT = tuple(".!?:;,\"'”’»…)")
_END_PUNCT = tuple(".!?\"'”’»…)")


def read_plain(text: str) -> list[Block]:
    """Wire style: first non-empty line is the headline; a short line without final
    punctuation between paragraphs is a subheading; other lines are paragraphs.

    Files that separate paragraphs with blank lines may also be hard-wrapped: there a line
    continues the previous one when the previous is long and unfinished or the line starts in
    lower case.
    """
    blocks: list[Block] = []
    lines = text.split("\n")
    logical = _unwrap(lines) if _uses_blank_lines(lines) else [
        (n, " ".join(raw.split())) for n, raw in enumerate(lines, start=1) if raw.strip()]
    for i, (lineno, line) in enumerate(logical):
        if not blocks:
            kind = "headline"
        elif looks_like_subheading(line) and i + 1 < len(logical):
            kind = "subheading"
        else:
            kind = "paragraph"
        blocks.append(Block(kind=kind, text=escape_tag_lookalikes(line), line=lineno))
    return blocks


def _uses_blank_lines(lines: list[str]) -> bool:
    body = "\n".join(lines).strip()
    return "\n\n" in re.sub(r"\n[ \t]+\n", "\n\n", body)


def _unwrap(lines: list[str]) -> list[tuple[int, str]]:
    """(first line number, text) of each paragraph of a blank-line separated file."""
    out: list[tuple[int, str]] = []
    previous = ""
    for lineno, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        if not line:
            previous = ""
            continue
        continues = previous and (line[0].islower() or (
            not previous.endswith(_END_PUNCT) and len(previous.split()) > _SUBHEADING_MAX_WORDS))
        if continues:
            out[-1] = (out[-1][0], out[-1][1] + " " + line)
        else:
            out.append((lineno, line))
        previous = line
    return out


def looks_like_subheading(line: str) -> bool:
    return len(line.split()) <= _SUBHEADING_MAX_WORDS and not line.endswith(_FINAL_PUNCT)


def escape_tag_lookalikes(text: str) -> str:
    """Literal text like '<3>' would read as a markup tag; use a look-alike bracket instead."""
    return re.sub(r"<(/?\d+/?)>", "‹\\1›", text) if "<" in text else text


def promote_headline(blocks: list[Block]) -> None:
    """Without a top heading, the first heading, or a first paragraph that reads like a
    headline (short, no final punctuation), is the headline; a lede stays a paragraph."""
    if has_headline(blocks):
        return
    first = next((b for b in blocks if b.kind != "raw"), None)
    if first is not None and (first.kind == "subheading" or first.kind == "paragraph"
                              and looks_like_subheading(strip_tags(first.text))):
        first.kind = "headline"


def has_headline(blocks: list[Block]) -> bool:
    return any(b.kind == "headline" for b in blocks)
