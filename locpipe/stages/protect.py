"""Protect and restore: what the engine must not change is masked before and put back after.

This module holds the generic first and last steps; numbers and dates (localize) and
glossary terms (glossary) add their own masking stages around the engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from locpipe.document import Unit, strip_tags

if TYPE_CHECKING:
    from locpipe.context import Context

# Protected spans (glossary terms, numbers, dates) travel through the engine as void tags with a
# kind letter: <t1/> (term), <n1/> (number or date). Markup tags are <1>, </1>, <1/> (document.py).
PLACEHOLDER_RE = re.compile(r"<([a-z])(\d+)/>")


def between(pattern: re.Pattern, text: str, fn: Callable[[str], str]) -> str:
    """`text` with `fn` applied to what lies between matches of `pattern`; matches unchanged."""
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(fn(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fn(text[pos:]))
    return "".join(out)


def words_only(text: str) -> str:
    """The text with markup tags removed and placeholders turned into spaces: what language
    detection and number reading look at."""
    return PLACEHOLDER_RE.sub(" ", strip_tags(text))


def placeholder(kind: str, number: int) -> str:
    """The placeholder for the `number`-th protected span of `kind` in a segment."""
    return f"<{kind}{number}/>"


def prepare(units: list[Unit], ctx: Context) -> None:
    """Start each unit's engine input from the segment's source text (markup tags included)."""
    for u in units:
        if not u.engine_input:
            u.engine_input = u.segment.text


def finish(units: list[Unit], ctx: Context) -> None:
    """Take the engine output as the target where no later stage has set one."""
    for u in units:
        if not u.target:
            u.target = u.output
