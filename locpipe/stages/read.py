"""The read stage: each article file becomes a Document (blocks with their inline markup as
numbered tags), by the reader of its format (`locpipe.formats.readers`: text, Markdown,
HTML). A file that cannot be read fails its article alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Draft, each
from locpipe.formats.readers import read_document

if TYPE_CHECKING:
    from locpipe.context import Context


@stage(requires=("path", "folder"), assigns=("document",), label="reading")
def read_articles(drafts: list[Draft], ctx: Context) -> None:
    """Stage: read each article (`settings.encoding`); its document is named by its folder
    (when it has one yet)."""
    def read(draft: Draft) -> None:
        draft.doc = read_document(draft.path, ctx.settings.encoding)
        if draft.folder:
            draft.doc.slug = draft.folder

    each(drafts, read)
