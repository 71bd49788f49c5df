"""The check stage (last): every QA check of the registry over the run's units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.checks import STAGE_CHECKED, Pair, plan, skip_note
from locpipe.context import stage
from locpipe.document import Unit

if TYPE_CHECKING:
    from locpipe.context import Context


@stage(requires=("target",), assigns=("findings",), label="QA checks")
def run_checks(units: list[Unit], ctx: Context) -> None:
    """Stage (last): add every check's findings to the units; verbatim copies are skipped.

    A delegated check (numbers, terms) is skipped for a machine unit its owning stage has
    processed — the stage leaves its state on the unit (NumberState, TermState) and flags what its
    rule finds, so running the rule again only doubled the QA time (measured: x3 to x7).
    Reviewed and memory units (an editor's text) always get every check.

    Checks a target's language profile cannot serve (no length ratio for a language without a
    curated profile…) are skipped; the first checked unit of each article says so, once, in
    one `info` finding (check "skipped")."""
    glossary = ctx.resources.glossary
    checks = plan(ctx.lang, None)
    note = skip_note(ctx.lang)
    noted: set[str] = set()
    delegated = [c for c in checks if c.name in STAGE_CHECKED]
    own = [c for c in checks if c.name not in STAGE_CHECKED]
    for u in units:
        if u.origin == "copy":
            continue
        if note and (article := u.segment.id.rpartition(":")[0]) not in noted:
            noted.add(article)
            u.flag("skipped", "info", note)
        pair = Pair(u.segment.text, u.target, ctx.lang, ctx.settings.source_lang, ctx.settings,
                    glossary, u.segment.note)
        found = [(chk, message) for chk in own for message in chk.func(pair)]
        for chk in delegated:
            state = u.get(STAGE_CHECKED[chk.name])
            if u.origin != "machine" or state is None or not getattr(state, "checked", True):
                found.extend((chk, message) for message in chk.func(pair))
        if not found:
            continue
        seen = {(f.check, f.message) for f in u.findings}
        for chk, message in found:
            if (chk.name, message) not in seen:  # a stage may already have said the same
                u.flag(chk.name, chk.severity, message)
                seen.add((chk.name, message))
