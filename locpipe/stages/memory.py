"""The memory stage: reviewed translations of earlier articles reused for identical segments,
close ones offered to the editor as a PO comment (the store is `locpipe.formats.memory`; the
run loads it once into `ctx.resources.memories`, and the lookups the pipeline made for its
staleness digest come down in `ctx.recalled`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit
from locpipe.formats.memory import lookup

if TYPE_CHECKING:
    from locpipe.context import Context


@stage(requires=("segment", "origin"), assigns=("origin", "target", "notes"),
       label="looking up the translation memory")
def recall(units: list[Unit], ctx: Context) -> None:
    """Reuse reviewed translations from the memory for identical segments; suggest close ones."""
    mem = ctx.resources.memories.get(ctx.lang)
    if not mem:
        return
    for u in units:
        if u.origin != "machine":
            continue
        found = ctx.recalled.get(u.segment.id)
        hit, near = found if found is not None else lookup(mem, u.segment.text)
        if hit is not None:
            u.target, u.origin = hit.target, "memory"
            u.notes.append(f"memory: reviewed translation reused from {hit.origin}")
        elif near is not None:
            u.notes.append(f"memory suggestion ({near.score:g} % similar, {near.origin}): "
                           f"{near.source} => {near.target}")
