"""The number stages: mask each value of the source as a `<nK/>` placeholder before
translation, and restore it afterwards in the target locale's form, verified.

A thin layer over locpipe.rules.numbers (which holds the design note: why values are masked,
what is repaired, what is flagged). The check itself (`check_numbers`) lives there too, so
QA runs the same rule over PO files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit
from locpipe.markup import TAG_RE, between, placeholder, words_only
from locpipe.rules.numbers import (
    DIGIT_RUN,
    LOOSE_PLACEHOLDER_RE,
    Quantity,
    Style,
    align,
    describe,
    detect,
    repair,
    restore_text,
    style_for,
)

if TYPE_CHECKING:
    from locpipe.context import Context

KEY = "numbers"


@stage(requires=("engine_input",), assigns=("engine_input", "numbers"))
def mask(units: list[Unit], ctx: Context) -> None:
    """Replace each value in the engine input of machine units by a `<nK/>` placeholder."""
    _protect(units, ctx, masked=True)


@stage(requires=("engine_input",), assigns=("numbers",))
def verify_only(units: list[Unit], ctx: Context) -> None:
    """The alternative design, kept for comparison (benchmarks/locale_fidelity.py
    --verify-only): the engine sees the digits; restore only repairs and verifies."""
    _protect(units, ctx, masked=False)


def _protect(units: list[Unit], ctx: Context, masked: bool) -> None:
    style_for(ctx.lang, ctx.settings)  # a bad locale fails before anything is translated
    order = getattr(ctx.settings, "date_order", "mdy")
    for u in units:
        if u.origin != "machine" or not u.engine_input:
            continue
        det = detect(u.engine_input, order)
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
        u.data[KEY] = {"values": values, "unmasked": [q for *_, q in det.spans if not q.masked],
                       "ignored": det.ignored}


@stage(requires=("output", "numbers"), assigns=("output",))
def restore(units: list[Unit], ctx: Context) -> None:
    """Put each masked value back in the target locale's form, repair digits the engine
    mangled when the value is certain, and flag every value still missing or changed."""
    style = style_for(ctx.lang, ctx.settings)
    for u in units:
        state = u.data.get(KEY)
        if u.origin != "machine" or state is None:
            continue
        order = [int(n) for n in LOOSE_PLACEHOLDER_RE.findall(u.output)]
        seen = list(dict.fromkeys(n for n in order if n in state["values"]))
        if seen != sorted(seen):
            shown = ", ".join(f"'{state['values'][n].text}'" for n in seen)
            u.flag("numbers", "warning", f"the translation has the values in another order "
                   f"({shown}); check that each is in its place")
        text, problems = restore_text(u.output, state["values"], style)
        if not problems and seen == sorted(seen) and _intact(u.output, state, style):
            # every value rendered from the source, the small counts kept: correct
            u.output = _native_counts(text, style) if state["unmasked"] else text
            state["checked"] = True
            continue
        quantities = list(state["values"].values()) + state["unmasked"]
        match = align(quantities, state["ignored"], words_only(text), style)
        text, repaired = repair(text, quantities, state["ignored"], style, match)
        u.output = text
        for note in repaired:
            u.notes.append(f"numbers: {note}")
        if repaired:
            match = align(quantities, state["ignored"], words_only(text), style)
        messages = problems + describe(match, style)
        for msg in dict.fromkeys(messages):
            u.flag("numbers", "error", msg)
        state["checked"] = True


def _intact(output: str, state: dict, style: Style) -> bool:
    """True when the engine kept each placeholder exactly once, kept the small counts it was
    given as they were, and wrote no digits of its own (nor owes a scale word): the restored
    values are then right by construction."""
    values, unmasked = state["values"], state["unmasked"]
    if any(q.scale and q.kind != "money" for q in values.values()):
        return False
    if any(q.kind != "number" for q in unmasked):
        return False
    found = LOOSE_PLACEHOLDER_RE.findall(output)
    if len(found) != len(values) or set(map(int, found)) != set(values):
        return False
    rest = LOOSE_PLACEHOLDER_RE.sub(" ", TAG_RE.sub("", output))
    return sorted(DIGIT_RUN.findall(rest)) == sorted(q.text for q in unmasked)


def _native_counts(text: str, style: Style) -> str:
    """The engine's (verified) ASCII counts in the locale's digits; markup tags untouched."""
    if style.system == "latn":
        return text
    return between(TAG_RE, text, style.digits)
