"""The desk's view of one PO entry (locpipe.desk.article.segment): its live QA is `qa`'s."""

from __future__ import annotations

import polib

from locpipe.context import Settings
from locpipe.desk.article import segment


def test_the_live_check_reads_the_readers_note_in_the_entry_comments():
    """An entry whose block nested identical elements past the reader's bound shows the same
    `nesting` error in the desk as in `qa`."""
    entry = polib.POEntry(
        msgctxt="souq:2.1", msgid="<1>Traders reopened the covered souq.</1>",
        msgstr="<1>Les commerçants ont rouvert le souk couvert.</1>",
        comment=("<1>…</1> = emphasis (em)\nmarkup: 3 <i> elements nested more than 32 deep "
                 "inside identical ones were merged into them"))
    seg = segment(entry, "fr", Settings(targets=["fr"]), None, None)
    assert [(f["severity"], f["check"], f["title"], f["message"]) for f in seg.findings] == [
        ("error", "nesting", "Nested markup kept",
         "its block nests 3 <i> elements more than 32 deep inside identical ones, read as part "
         "of them: the translation loses that nesting; nest them less deeply in the source and "
         "translate it again")]
    entry.comment = "<1>…</1> = emphasis (em)"
    assert segment(entry, "fr", Settings(targets=["fr"]), None, None).findings == []
