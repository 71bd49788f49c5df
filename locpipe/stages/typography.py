"""The typography stage: each translation set in its language's typography.

Runs last before the checks, on machine translations and on an editor's reviewed ones (from
the PO file or the memory) alike: quotation marks, apostrophes, the spaces around punctuation
and inside figures ("18 %" typed with an ordinary space gets the no-break one) — never the
editor's words. Copied foreign quotes are left alone. The rules are in
locpipe.rules.typography.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit
from locpipe.rules.typography import bind_figures, typesetter

if TYPE_CHECKING:
    from locpipe.context import Context


@stage(requires=("target",), assigns=("target",), label="typography")
def typography(units: list[Unit], ctx: Context) -> None:
    """Set each translation, machine or reviewed, in the target language's typography."""
    locale = (getattr(ctx.settings, "locales", None) or {}).get(ctx.lang, ctx.lang)
    typeset = typesetter(ctx.lang, ctx.settings)  # (the profile's rules, once)
    for u in units:
        if u.origin in ("machine", "reviewed", "memory") and u.target:
            u.target = bind_figures(typeset(u.target), locale)
