"""Glossary stages: enforce/keep terms masked before the engine, restored and verified after.

Why this enforcement design (see `mask_terms` / `restore_terms`):
1. enforce/keep terms are masked as `<tN/>` placeholders: the engine cannot misspell what it
   does not see, and restoring writes exactly the glossary form. NMT damages placeholders in
   known ways, so restoring is tolerant: case or spacing changes (`<T1/>`, `< t1 />`), quotes
   the source did not have, Arabic clitics glued or detached (و + حماة → وحماة; ال + الأسد does
   not double the article; ل + الأسد → للأسد; ال is dropped before a name that has none),
   French elision (de + Alep → d'Alep), a stray possessive 's, a repeated placeholder (the
   extra copy is removed and flagged). (The rules: locpipe.rules.terms.restore_text.)
2. accept terms are not masked (masking would freeze the inflection the sentence needs). If
   none of the listed forms appears and the engine offers n-best hypotheses
   (`translate_nbest(texts, n)`), the hypothesis that best satisfies the glossary is chosen;
   the same re-ranking also rescues dropped placeholders.
3. Segments still wrong (placeholder dropped, name transliterated) are translated once more with
   the target forms written into the source ("inline" constraints, which NMT models usually
   copy); that output is kept only if it verifies.
4. Every unit is then verified against the glossary (the same rule `check_terms` gives QA);
   whatever is still not as the glossary says gets a "terms" finding. Nothing is silently wrong.
Only units with origin "machine" are masked or restored; reviewed translations are never touched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from locpipe.context import GLOSSARY_HYPOTHESES, Hypotheses, stage
from locpipe.document import Unit
from locpipe.engines.base import realign
from locpipe.rules.numbers import NumberState, style_for
from locpipe.rules.numbers import restore_text as restore_values
from locpipe.rules.terms import (
    PH_ANY,
    Glossary,
    Occurrence,
    Span,
    TermState,
    forbid_message,
    inline_forms,
    may_hold_placeholder,
    repair_case,
    restore_text,
    source_terms,
    term_state,
    verify,
)

if TYPE_CHECKING:
    from locpipe.context import Context

HYPOTHESES = GLOSSARY_HYPOTHESES


# --------------------------------------------------------------------------- pipeline stages


def _with_values(u: Unit, result: tuple[str, list, set], ctx: Context
                 ) -> tuple[str, list, set]:
    """A hypothesis chosen here comes from the engine after the number stage restored the
    first output: put its values back in the locale's form, and leave them to be verified
    again by the QA stage (the number stage's own verification was of the first output)."""
    state = u.get(NumberState)
    if state is None or not state.values:
        return result
    text, problems = restore_values(result[0], state.values, style_for(ctx.lang, ctx.settings))
    for problem in problems:
        u.flag("numbers", "error", problem)
    state.checked = False
    return text, result[1], result[2]


def _grant(ctx: Context, reason: str, inputs: list[str], units: list[Unit],
           key: Callable[[Unit], str] = lambda u: u.engine_input) -> list[int]:
    """The indices of `inputs` the run's retry budget allows (all when there is none)."""
    budget = getattr(ctx, "budget", None)
    if budget is None:
        return list(range(len(inputs)))
    counts = Counter(key(u) for u in units)
    return budget.grant(reason, inputs, [counts[t] for t in inputs])


@stage(requires=("engine_input",), assigns=("engine_input", "terms"),
       label="masking glossary terms")
def mask_terms(units: list[Unit], ctx: Context) -> None:
    """Replace enforce/keep terms of machine units by `<tN/>` placeholders; report forbids."""
    glossary = ctx.resources.glossary
    if not glossary.entries:
        return
    for u in units:
        source = u.engine_input or u.segment.text
        occs, forbidden = source_terms(source, u.lang, glossary)
        for m in forbidden:
            u.flag("terms", "warning", forbid_message(m))
        state = TermState(found=occs, found_in=source)
        u.put(state)
        if u.origin != "machine" or not occs:
            continue
        pieces, pos, n = [], 0, 0
        for occ in occs:
            if occ.entry.policy == "accept":
                continue
            n += 1
            ph = f"<t{n}/>"
            pieces += [source[pos:occ.start], occ.wrap[0] + ph + occ.wrap[1]]
            pos = occ.end
            if occ.drop[1]:  # "Name (ACR)" written once: keep the tags closing after the name
                pieces.append(source[occ.end:occ.drop[0]])
                pos = occ.drop[1]
            quoted = source[occ.start - 1:occ.start] in "\"“‘«'" and occ.start > 0
            state.spans[n] = Span(occ.form, occ.source, quoted)
        pieces.append(source[pos:])
        u.engine_input = "".join(pieces)
        state.source = source


@stage(requires=("output", "terms"), assigns=("output",),
       label="restoring glossary terms (n-best re-ranking, retries)")
def restore_terms(units: list[Unit], ctx: Context) -> None:
    """Restore masked terms, repair or re-rank, verify, and flag what is still not right."""
    glossary = ctx.resources.glossary
    if not glossary.entries:
        return
    states = {id(u): s for u in units if (s := term_state(u)) is not None}
    # a unit with no term masked or found and no placeholder of the engine's has nothing to
    # restore, re-rank, repair or verify (about half of them): left as it is
    todo = [u for u in units if u.origin == "machine" and u.output and id(u) in states
            and not _untouched(u, states[id(u)])]
    results: dict[int, tuple[str, list, set]] = {}
    for u in todo:
        results[id(u)] = restore_text(u.output, states[id(u)].spans, u.lang)
    check = _Verifier(glossary, states)

    def failing(u: Unit) -> bool:
        text, _, lost = results[id(u)]
        return bool(lost) or any(not o.right for o in check(u, text))

    bad = [u for u in todo if failing(u)]
    engine = ctx.engine() if bad else None
    nbest = engine.translate_nbest if engine is not None and engine.nbest else None
    table: dict[str, list[str]] = {}
    for u in bad:  # the first pass's n-best lists: re-ranking costs no decode
        hyps = u.get(Hypotheses)
        if hyps is not None and len(hyps.texts) > 1:
            table.setdefault(u.engine_input, hyps.texts)
    if bad and nbest is not None:
        inputs = list(dict.fromkeys(u.engine_input for u in bad if u.engine_input not in table))
        inputs = [inputs[i] for i in _grant(ctx, "glossary", inputs, bad)]
        if inputs:
            table.update(zip(inputs, nbest(inputs, HYPOTHESES), strict=True))
            # the best hypothesis lost tags: the engine's aligned step, within the budget
            for text, out in realign(engine, inputs, lambda reason, lost: _grant(
                    ctx, reason, lost, bad)).items():
                table[text] = [out, *table[text][1:]]
    if bad and table:
        for u in bad:
            if u.engine_input not in table:
                continue
            best = None
            for rank, hyp in enumerate(table[u.engine_input]):
                res = restore_text(hyp, states[id(u)].spans, u.lang)
                wrong = len(res[2]) + sum(not o.right for o in check(u, res[0]))
                if best is None or wrong < best[0]:
                    best = (wrong, rank, hyp, res)
            if best and best[1] > 0:
                u.output = best[2]
                results[id(u)] = _with_values(u, best[3], ctx)
                u.notes.append(f"glossary: hypothesis {best[1] + 1} of "
                               f"{len(table[u.engine_input])} chosen for its terms")
        bad = [u for u in bad if failing(u)]
    retry = [u for u in bad if states[id(u)].spans]
    if retry and engine is not None:
        inputs = list(dict.fromkeys(inline_forms(u.engine_input, states[id(u)].spans)
                                    for u in retry))
        inputs = [inputs[i] for i in _grant(ctx, "glossary", inputs, retry,
                                            lambda u: inline_forms(u.engine_input,
                                                                   states[id(u)].spans))]
        # the engine sends these in chunks like the first pass (argos: max_batch_inputs)
        retried = dict(zip(inputs, engine.translate(inputs), strict=True)) if inputs else {}
        for u in retry:
            out = retried.get(inline_forms(u.engine_input, states[id(u)].spans))
            if out is None:
                continue  # over the retry budget: the first output stands, and is flagged
            if not any(not o.right for o in check(u, out)) and not PH_ANY.search(out):
                results[id(u)] = _with_values(u, (out, [], set()), ctx)
                u.notes.append("glossary: retranslated with the glossary forms written in")
    for u in todo:
        text, issues, _ = results[id(u)]
        u.output = repair_case(u.segment.text, text, u.lang, glossary, check(u, text))
        for severity, message in issues:
            u.flag("terms", severity, message)
    _verify_all(units, states, check)


def _untouched(u: Unit, state: TermState) -> bool:
    """No span masked, no term in the unit's source (as `_Verifier` reads it) and nothing like
    a term placeholder in its output: `restore_text` and `verify` have nothing to do."""
    return (not state.spans and not state.found and bool(state.found_in)
            and state.found_in == u.segment.text and not may_hold_placeholder(u.output))


class _Verifier:
    """`verify` of a unit's source terms against a text, with the terms the masking stage
    found on the unit (not looked for again), and the last verdict per unit kept: restoring
    asks about the same output up to three times (is it failing, its case, the final
    verdict). Verdicts are read, never changed."""

    def __init__(self, glossary: Glossary, states: dict[int, TermState]) -> None:
        self.glossary = glossary
        self.states = states
        self.last: dict[int, tuple[str, list[Occurrence]]] = {}

    def __call__(self, u: Unit, target: str) -> list[Occurrence]:
        kept = self.last.get(id(u))
        if kept is not None and kept[0] == target:
            return kept[1]
        state = self.states.get(id(u))
        found = (state.found if state is not None and state.found_in
                 and state.found_in == u.segment.text else None)
        verified = verify(u.segment.text, target, u.lang, self.glossary, found)
        self.last[id(u)] = (target, verified)
        return verified


def _verify_all(units: list[Unit], states: dict[int, TermState], check: _Verifier) -> None:
    """Verify every unit's terms as the page will print them: a note for each right one, an
    error finding for each wrong one in machine output (an editor's text is only noted)."""
    for u in units:
        state = states.get(id(u))
        if state is None or not state.found:
            continue
        target = u.output if u.origin == "machine" else u.target
        if not target:
            continue
        state.verified = check(u, target)
        noted = set(u.notes)
        for o in state.verified:
            if o.right:
                note = f"glossary: {o.source} → {o.form}"
                if note not in noted:
                    noted.add(note)
                    u.notes.append(note)
            elif u.origin == "machine":
                u.flag("terms", "error", o.message)
                state.flagged += 1

