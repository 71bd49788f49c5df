"""The memory stage: reviewed translations of earlier articles reused for identical segments,
close ones offered to the editor as a PO comment (the store is `locpipe.formats.memory`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit
from locpipe.formats.memory import Memory, load_memories

if TYPE_CHECKING:
    from locpipe.context import Context


@stage(requires=("segment", "origin"), assigns=("origin", "target", "notes"))
def recall(units: list[Unit], ctx: Context) -> None:
    """Reuse reviewed translations from the memory for identical segments; suggest close ones."""
    key = ("memory", str(ctx.settings.memory_dir))
    if key not in ctx.resources:  # loaded once per run, for every language
        memory_dir = ctx.settings.memory_dir
        ctx.resources[key] = load_memories(memory_dir) if memory_dir else {}  # --no-memory
    mem: Memory | None = ctx.resources[key].get(ctx.lang)
    if not mem:
        return
    for u in units:
        if u.origin != "machine":
            continue
        hit = mem.exact(u.segment.text)
        if hit is not None:
            u.target, u.origin = hit.target, "memory"
            u.notes.append(f"memory: reviewed translation reused from {hit.origin}")
            continue
        near = mem.fuzzy(u.segment.text)
        if near is not None:
            u.notes.append(f"memory suggestion ({near.score:g} % similar, {near.origin}): "
                           f"{near.source} => {near.target}")
