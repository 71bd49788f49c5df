"""The translate stage: every unit of a run, for one language, through the engine.

Segments that repeat (within an article or across articles) are sent once. The distinct inputs
are sorted by length and sent in chunks of CHUNK: one progress step each, and each chunk still
large enough for the engine to fill its own token-based sub-batches (benchmarks/argos_speed.py
measures this path).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit

if TYPE_CHECKING:
    from locpipe.context import Context
    from locpipe.engines import Engine

CHUNK = 128  # distinct segments per engine call


def translate_all(engine: Engine, texts: list[str],
                  on_chunk: Callable[[list[str]], None] | None = None) -> dict[str, str]:
    """Translate distinct `texts`, shortest first, CHUNK at a time; {text: translation}."""
    order = sorted(texts, key=len)  # similar lengths batch with little padding
    table: dict[str, str] = {}
    for start in range(0, len(order), CHUNK):
        chunk = order[start:start + CHUNK]
        outputs = engine.translate(chunk)
        if len(outputs) != len(chunk):
            raise RuntimeError(f"engine {engine.name} returned {len(outputs)} texts "
                               f"for {len(chunk)} inputs")
        table.update(zip(chunk, outputs, strict=True))
        if on_chunk:
            on_chunk(chunk)
    return table


@stage(requires=("engine_input",), assigns=("output",))
def translate_units(units: list[Unit], ctx: Context) -> None:
    """Fill `unit.output` for every unit that still needs a machine translation."""
    todo = [u for u in units if u.origin == "machine" and not u.output]
    waiting = Counter(u.engine_input for u in todo if u.engine_input.strip())
    ctx.progress("translated", len(units) - waiting.total())  # reused, copied, blank: done
    table = {}
    if waiting:
        table = translate_all(ctx.engine(), list(waiting),
                              lambda chunk: ctx.progress("translated",
                                                         sum(waiting[t] for t in chunk)))
    for u in todo:
        u.output = table.get(u.engine_input, u.engine_input)
