"""The number stages: mask each value of the source as a `<nK/>` placeholder before
translation, and restore it afterwards in the target locale's form, verified.

A thin layer over locpipe.rules.numbers (which holds the design note: why values are masked,
what is repaired, what is flagged). The check itself (`check_numbers`) lives there too, so
QA runs the same rule over PO files.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit
from locpipe.markup import DEBRIS_RE, between, placeholder, words_only
from locpipe.rules.numbers import (
    DIGIT_RUN,
    LOOSE_PLACEHOLDER_RE,
    NumberState,
    Quantity,
    Style,
    align,
    describe,
    detect,
    ordinal_note,
    reference_date,
    repair,
    restore_text,
    style_for,
)

if TYPE_CHECKING:
    from locpipe.context import Context

@stage(requires=("engine_input",), assigns=("engine_input", "numbers"),
       label="masking localizable values")
def mask(units: list[Unit], ctx: Context) -> None:
    """Replace each value in the engine input of machine units by a `<nK/>` placeholder."""
    _protect(units, ctx, masked=True)


@stage(requires=("engine_input",), assigns=("numbers",), label="verifying localizable values")
def verify_only(units: list[Unit], ctx: Context) -> None:
    """The alternative design, kept for comparison (benchmarks/locale_fidelity.py
    --verify-only): the engine sees the digits; restore only repairs and verifies."""
    _protect(units, ctx, masked=False)


# The first blocks of an article where its dateline or date line can be (headline, byline,
# date line, first paragraph).
DATELINE_BLOCKS = 5


def _article(u: Unit) -> str:
    return u.segment.id.rsplit(":", 1)[0]


def _reference_dates(units: list[Unit]) -> dict[str, dt.date]:
    """Each article's date, from its dateline or date line (`reference_date` over the first
    sentence of each of its first blocks): dates without a year take their year from it."""
    heads: dict[str, dict[int, tuple[int, str]]] = {}
    for u in units:
        seg = u.segment
        blocks = heads.setdefault(_article(u), {})
        if seg.block not in blocks or seg.index < blocks[seg.block][0]:
            blocks[seg.block] = (seg.index, seg.text)
    out = {}
    for article, blocks in heads.items():
        first = [blocks[b][1] for b in sorted(blocks)[:DATELINE_BLOCKS]]
        if (date := reference_date(first)) is not None:
            out[article] = date
    return out


def _protect(units: list[Unit], ctx: Context, masked: bool) -> None:
    style_for(ctx.lang, ctx.settings)  # a bad locale fails before anything is translated
    order = getattr(ctx.settings, "date_order", "mdy")
    references = _reference_dates(units)
    for u in units:
        if u.origin != "machine" or not u.engine_input:
            continue
        det = u.segment.once(detect, u.engine_input, order, references.get(_article(u)))
        for problem in det.problems:
            u.flag("numbers", "warning", problem)
        u.notes.extend(det.notes)
        for note in det.notes:
            u.flag("numbers", "info", note.removeprefix("dates: "))
        values: dict[int, Quantity] = {}
        out, pos = [], 0
        for start, end, q in sorted(det.spans, key=lambda s: s[0]):
            q.masked = q.masked and masked
            if not q.masked:
                continue
            n = len(values) + 1
            values[n] = q
            out.append(u.engine_input[pos:start])
            out.append(placeholder("n", n))
            pos = end
        if values:
            out.append(u.engine_input[pos:])
            u.engine_input = "".join(out)
        u.put(NumberState(values, [q for *_, q in det.spans if not q.masked], det.ignored,
                          det.scales))


@stage(requires=("output", "numbers"), assigns=("output",), label="restoring localized values")
def restore(units: list[Unit], ctx: Context) -> None:
    """Put each masked value back in the target locale's form, repair digits the engine
    mangled when the value is certain, and flag every value still missing or changed."""
    style = style_for(ctx.lang, ctx.settings)
    # a pseudo-translation spells every word out of its language: the scale words it had to
    # translate ("1.2 million people") cannot be asked of it
    words = not (any(u.origin == "machine" and u.get(NumberState) for u in units)
                 and ctx.engine().pseudo)
    for u in units:
        state = u.get(NumberState)
        if u.origin != "machine" or state is None:
            continue
        # (every form of the placeholder starts with "<": most outputs have none)
        found = LOOSE_PLACEHOLDER_RE.findall(u.output) if "<" in u.output else []
        seen = list(dict.fromkeys(n for n in map(int, found) if n in state.values))
        in_order = len(seen) < 2 or seen == sorted(seen)
        if not in_order:
            shown = ", ".join(f"'{state.values[n].text}'" for n in seen)
            u.flag("numbers", "warning", f"the translation has the values in another order "
                   f"({shown}); check that each is in its place")
        text, problems = (restore_text(u.output, state.values, style) if found
                          else (u.output, []))
        for note in filter(None, (ordinal_note(q, style) for q in state.values.values())):
            u.notes.append(f"numbers: {note}")  # a fallback profile: the figure alone
            u.flag("numbers", "info", note)
        if not problems and in_order and _intact(u.output, state, found):
            # every value rendered from the source, the small counts kept: correct
            if state.unmasked and style.system != "latn":
                text = restore_text(_native_counts(u.output, style), state.values, style)[0]
            u.output = text
            state.checked = True
            continue
        quantities = list(state.values.values()) + state.unmasked
        scales = state.scales
        match = align(quantities, state.ignored, words_only(text), style, scales)
        text, repaired = repair(text, quantities, state.ignored, style, match)
        u.output = text
        for note in repaired:
            u.notes.append(f"numbers: {note}")
        if repaired:
            match = align(quantities, state.ignored, words_only(text), style, scales)
        messages = problems + describe(match, style, words)
        for msg in dict.fromkeys(messages):
            u.flag("numbers", "error", msg)
        state.checked = True


def _intact(output: str, state: NumberState, found: list[str]) -> bool:
    """True when the engine kept each placeholder exactly once, kept the small counts it was
    given as they were, and wrote no digits of its own (nor owes a scale word): the restored
    values are then right by construction. `found`: the output's number placeholders
    (LOOSE_PLACEHOLDER_RE's numbers)."""
    values, unmasked = state.values, state.unmasked
    if len(found) != len(values):
        return False
    if values and (any(q.scale and q.kind != "money" and not q.worded
                       for q in values.values()) or set(map(int, found)) != set(values)):
        return False
    if unmasked and any(q.kind != "number" for q in unmasked):
        return False
    # placeholders of every kind (<t1/> of a glossary term too) hold no digit of the engine's
    rest = words_only(LOOSE_PLACEHOLDER_RE.sub(" ", output)) if "<" in output else output
    if not unmasked:
        return DIGIT_RUN.search(rest) is None
    return sorted(DIGIT_RUN.findall(rest)) == sorted(q.text for q in unmasked)


# What travels through the engine whole (tags, placeholders, even damaged or re-cased ones).
_CODES_RE = re.compile(DEBRIS_RE.pattern, re.I)
# A count the engine kept: digits standing alone, not inside an identifier (MiG-29, H5N1).
# Not a piece of a hyphen-joined code either (an ISBN 978-3-16-148410-0 is copied, never
# converted to Arabic-Indic digits).
_COUNT_RE = re.compile(r"(?<![\w.,/:+])(?<![^\W\d_]-)(?<!\d-)\d+(?![^\W\d_]|\d|[.,/:]\d|-\d)")


def _native_counts(output: str, style: Style) -> str:
    """The engine's (verified) ASCII counts in the locale's digits, before the placeholders
    are restored; tags, placeholders and identifiers untouched."""
    if style.system == "latn":
        return output
    return between(_CODES_RE, output,
                   lambda chunk: _COUNT_RE.sub(lambda m: style.digits(m.group(0)), chunk))
