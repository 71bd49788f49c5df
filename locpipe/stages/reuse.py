"""The reuse stage: the reviewed translations of an article's existing PO file win over the
engine.

An editor reviewed OUT/<slug>/<lang>.po and cleared the fuzzy flag of some entries; on the next
`translate` (or `po apply`) those entries are used verbatim, matched to the segments the way
`locpipe.formats.po.match_entries` pairs them. The pipeline reads and matches each article's
file once (`po.read_reviewed`) and hands it down in `ctx.reviewed`; an article without one
there has nothing to reuse. An entry whose numbered tags no longer fit its segment is not used:
the unit gets an error finding naming the file and line instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit
from locpipe.formats.po import reviewed, tag_problem

if TYPE_CHECKING:
    from locpipe.context import Context


@stage(requires=("segment",), assigns=("origin", "target", "notes"),
       label="reusing reviewed PO entries")
def reuse(units: list[Unit], ctx: Context) -> None:
    """Use the reviewed translations of each article's existing PO file instead of the engine."""
    for u in units:
        earlier = ctx.reviewed.get(u.segment.id.rsplit(":", 1)[0])
        m = earlier.matches.get(u.segment.id) if earlier is not None else None
        if m is None or not m.same or not reviewed(m.entry):
            continue  # (a reviewed entry wins over any origin, e.g. a copied quote)
        problem = tag_problem(u.segment.id, u.segment.text, m.entry.msgstr)
        if problem:
            u.flag("po", "error", f"{earlier.path}:{m.entry.linenum}: {problem}")
            continue
        u.target = m.entry.msgstr
        u.origin = "reviewed"
