"""The typography stage: each machine translation set in its language's typography.

Runs last before the checks, on machine translations only (an editor's reviewed text is never
altered). The rules are in locpipe.rules.typography.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit
from locpipe.rules.typography import typeset

if TYPE_CHECKING:
    from locpipe.context import Context


@stage(requires=("target",), assigns=("target",))
def typography(units: list[Unit], ctx: Context) -> None:
    """Set each machine translation in the target language's typography."""
    for u in units:
        if u.origin == "machine" and u.target:
            u.target = typeset(u.target, ctx.lang, ctx.settings)
