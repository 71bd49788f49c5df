"""Protect and restore: what the engine must not change is masked before and put back after.

This module holds the generic first and last steps; numbers and dates (localize) and
glossary terms (glossary) add their own masking stages around the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit

if TYPE_CHECKING:
    from locpipe.context import Context

@stage(requires=("segment",), assigns=("engine_input",), label="protecting numbers, dates and URLs")
def prepare(units: list[Unit], ctx: Context) -> None:
    """Start each unit's engine input from the segment's source text (markup tags included)."""
    for u in units:
        if not u.engine_input:
            u.engine_input = u.segment.text


@stage(requires=("output",), assigns=("target",), label="restoring protected text")
def finish(units: list[Unit], ctx: Context) -> None:
    """Take the engine output as the target where no later stage has set one."""
    for u in units:
        if not u.target:
            u.target = u.output
