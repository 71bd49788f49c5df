"""The reuse stage: the reviewed translations of an article's existing PO file win over the
engine.

An editor reviewed OUT/<slug>/<lang>.po and cleared the fuzzy flag of some entries; on the next
`translate` (or `po apply`) those entries are used verbatim, matched to the segments the way
`locpipe.formats.po.match_entries` pairs them. An entry whose numbered tags no longer fit its
segment is not used: the unit gets an error finding naming the file and line instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Unit
from locpipe.formats.po import load_po, match_entries, po_path, reviewed, tag_problem

if TYPE_CHECKING:
    from locpipe.context import Context


@stage(requires=("segment",), assigns=("origin", "target", "notes"))
def reuse(units: list[Unit], ctx: Context) -> None:
    """Use the reviewed translations of each article's existing PO file instead of the engine."""
    by_slug: dict[str, list[Unit]] = {}
    for u in units:
        by_slug.setdefault(u.segment.id.rsplit(":", 1)[0], []).append(u)
    for slug, us in by_slug.items():
        path = po_path(ctx.settings.out_dir, slug, ctx.lang)
        if not path.exists():
            continue
        matches = match_entries([u.segment for u in us], load_po(path, ctx.lang, slug))
        for u in us:
            m = matches.get(u.segment.id)
            if m is None or not m.same or not reviewed(m.entry):
                continue  # (a reviewed entry wins over any origin, e.g. a copied quote)
            problem = tag_problem(u.segment.id, u.segment.text, m.entry.msgstr)
            if problem:
                u.flag("po", "error", f"{path}:{m.entry.linenum}: {problem}")
                continue
            u.target = m.entry.msgstr
            u.origin = "reviewed"
