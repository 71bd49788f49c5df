"""The translate stage: every unit of a run, for one language, through the engine.

Segments that repeat (within an article or across articles) are sent once. The distinct inputs
are sorted by length and sent in chunks: one progress step each, and each chunk large enough
for the engine to fill its own token-based sub-batches in parallel (the engine says how large
with `chunk_size`). benchmarks/engine_limit.py measures this path against one
raw `translate_batch` call over the same tokens.

Segments that carry glossary terms are asked for GLOSSARY_HYPOTHESES hypotheses in this first
pass (when the engine offers n-best lists, `engine.nbest`): at beam 4, four hypotheses cost the
same decode as one and the best one is the same, so the glossary's re-ranking later needs no
second decode.
The n-best list is left on the unit (`Hypotheses`). What is decoded here is the first pass the
retry budget (`ctx.budget`) is measured against: tokens the engine reports as it decodes, or
characters of input for engines that count nothing (the engine's `cost_unit`). Outputs that
lost their tags (`engine.markup_path` "lost") are re-translated once this pass is over, all in
one batch and within the budget, by the engine's `translate_aligned` when it has one
(`engines.base.realign`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from locpipe.context import GLOSSARY_HYPOTHESES, Hypotheses, stage
from locpipe.document import Unit
from locpipe.engines.base import CHUNK, Engine, contract, realign
from locpipe.rules.terms import Occurrence, TermState

if TYPE_CHECKING:
    from locpipe.context import Context


def chunk_size(engine: Engine) -> int:
    """Inputs per engine call: the engine's own (argos: its inputs per translate_batch
    call; the contract's default CHUNK)."""
    size = contract(engine).chunk_size
    return size if isinstance(size, int) and size > 0 else CHUNK


def translate_all(engine: Engine, texts: list[str],
                  on_chunk: Callable[[list[str]], None] | None = None) -> dict[str, str]:
    """Translate distinct `texts`, shortest first, a chunk at a time; {text: translation}."""
    return {t: hyps[0] for t, hyps in translate_nbest_all(engine, texts, 1, on_chunk).items()}


def translate_nbest_all(engine: Engine, texts: list[str], n: int,
                        on_chunk: Callable[[list[str]], None] | None = None
                        ) -> dict[str, list[str]]:
    """Like `translate_all`, with the `n` best hypotheses of each text (best first) when
    n > 1 and the engine offers them (`engine.nbest`); {text: hypotheses}."""
    engine = contract(engine)
    nbest = engine.translate_nbest if n > 1 and engine.nbest else None
    order = sorted(texts, key=len)  # similar lengths batch with little padding
    size = chunk_size(engine)
    table: dict[str, list[str]] = {}
    for start in range(0, len(order), size):
        chunk = order[start:start + size]
        outputs = nbest(chunk, n) if nbest else [[t] for t in engine.translate(chunk)]
        if len(outputs) != len(chunk):
            raise RuntimeError(f"engine {engine.name} returned {len(outputs)} texts "
                               f"for {len(chunk)} inputs")
        table.update(zip(chunk, outputs, strict=True))
        if on_chunk:
            on_chunk(chunk)
    return table


def _carries_terms(u: Unit) -> bool:
    state = u.get(TermState)
    return state is not None and bool(state.found)


def _term_forms(units: list[Unit]) -> dict[str, list[tuple[str, str]]]:
    """{engine input: [(placeholder or source term, the glossary's form)]} for the engine."""
    forms: dict[str, list[tuple[str, str]]] = {}
    for u in units:
        state = u.get(TermState)
        if state is None or not (state.found or state.spans):
            continue
        pairs = [(f"<t{n}/> ({span.source})", span.form) for n, span in state.spans.items()]
        masked = {span.source for span in state.spans.values()}
        pairs += [(o.source, o.form) for o in state.found
                  if isinstance(o, Occurrence) and o.source not in masked]
        forms[u.engine_input] = list(dict.fromkeys(pairs))
    return forms


@stage(requires=("engine_input",), assigns=("output",), label="translating")
def translate_units(units: list[Unit], ctx: Context) -> None:
    """Fill `unit.output` for every unit that still needs a machine translation."""
    todo = [u for u in units if u.origin == "machine" and not u.output]
    waiting = Counter(u.engine_input for u in todo if u.engine_input.strip())
    ctx.progress("translated", len(units) - waiting.total())  # reused, copied, blank: done
    if not waiting:
        return
    engine = ctx.engine()
    if type(engine).use_terms is not Engine.use_terms:  # (the default ignores them)
        engine.use_terms(_term_forms(todo))
    with_terms = {u.engine_input for u in todo if _carries_terms(u)} if engine.nbest else set()
    plain = [t for t in waiting if t not in with_terms]
    nbest = [t for t in waiting if t in with_terms]  # in run order: reproducible batches

    budget = ctx.budget
    if budget is not None:  # the first pass: what every retry is measured against
        budget.record_first(0 if budget.engine_counts else sum(len(t) for t in waiting))

    def step(chunk: list[str]) -> None:
        ctx.progress("translated", sum(waiting[t] for t in chunk))

    if budget is not None:  # an engine that counts tokens reports this pass as it decodes
        budget.in_first_pass = True
    try:
        table = {t: [out] for t, out in translate_all(engine, plain, step).items()}
        if nbest:
            table.update(translate_nbest_all(engine, nbest, GLOSSARY_HYPOTHESES, step))
    finally:
        if budget is not None:
            budget.in_first_pass = False
    # lost tags, re-placed in one batch once the whole first pass is known
    fixed = realign(engine, list(waiting), budget.grant if budget is not None else None)
    for text, out in fixed.items():
        table[text] = [out, *table[text][1:]]
    if fixed:
        ctx.progress("retried", sum(waiting[t] for t in fixed))
    for u in todo:
        hyps = table.get(u.engine_input)
        if hyps is None:
            u.output = u.engine_input
            continue
        u.output = hyps[0]
        if len(hyps) > 1:
            u.put(Hypotheses(list(hyps)))
