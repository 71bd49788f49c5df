"""The translate stage: every unit of a run, for one language, through the engine in one batch.

Segments that repeat (within an article or across articles) are sent once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.document import Unit

if TYPE_CHECKING:
    from locpipe.pipeline import Context


def translate_units(units: list[Unit], ctx: Context) -> None:
    """Fill `unit.output` for every unit that still needs a machine translation."""
    todo = [u for u in units if u.origin == "machine" and not u.output]
    unique = list(dict.fromkeys(u.engine_input for u in todo if u.engine_input.strip()))
    if not unique:
        return
    engine = ctx.engine()
    outputs = engine.translate(unique)
    if len(outputs) != len(unique):
        raise RuntimeError(f"engine {engine.name} returned {len(outputs)} texts "
                           f"for {len(unique)} inputs")
    table = dict(zip(unique, outputs, strict=True))
    for u in todo:
        u.output = table.get(u.engine_input, u.engine_input)
    ctx.progress("translated", len(todo))
