"""Readers: plain text (wire style), Markdown and HTML into one Document model.

Inline markup becomes numbered tags (see `document.py`); Markdown is rendered to HTML per block
with markdown-it-py (CommonMark + GFM tables), then goes through the same inline HTML path, so
every format keeps its emphasis and links the same way (`inline.py`). HTML is read with an
HTML5 tokeniser (`html.py`): what a browser would recover from (unclosed <p>, stray end tags)
is accepted; what would change the meaning (mis-nested inline tags, a file cut inside a tag) is
an error naming the line. Plain text is `text.py`, Markdown `markdown.py`.
"""

from __future__ import annotations

from pathlib import Path

from locpipe.document import Document
from locpipe.errors import InputError
from locpipe.fileio import read_text
from locpipe.formats.readers.html import (
    BLOCK_TAGS,
    SKIP,
    STRUCTURAL,
    read_html,
)
from locpipe.formats.readers.inline import (
    INLINE,
    MAX_DEPTH,
    MAX_INLINE_DEPTH,
    PASSTHROUGH,
    TRANSLATED_ATTRIBUTES,
    VOID,
    parse_inline,
)
from locpipe.formats.readers.markdown import read_markdown
from locpipe.formats.readers.text import read_plain
from locpipe.identity import slug
from locpipe.markup import strip_tags

__all__ = ["BLOCK_TAGS", "FORMATS", "INLINE", "MAX_ARTICLE_CHARS", "MAX_DEPTH",
           "MAX_INLINE_DEPTH", "PASSTHROUGH", "SKIP", "STRUCTURAL", "TRANSLATED_ATTRIBUTES",
           "VOID", "parse_inline", "read_document", "read_html", "read_markdown", "read_plain"]

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html"}

# The most text one article may have to translate: about 300,000 words, ten times a long
# report; a wire story is under 10,000 characters. It bounds what one article of a batch can
# cost (hours of engine time at this size) and is far above anything a desk publishes.
MAX_ARTICLE_CHARS = 2_000_000


def read_document(path: Path, encoding: str = "utf-8") -> Document:
    """Read an article file into a Document; the format follows the extension."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None and path.exists() and not path.is_dir():
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"unknown file type '{path.suffix or '(none)'}'; use one of {known}",
                         path)
    text = read_text(path, encoding)
    doc = Document(path=path, slug=slug(path.stem), format=fmt or "text")
    doc.markup = fmt in ("markdown", "html")
    if fmt == "markdown":
        doc.blocks = read_markdown(text, path, doc.attributes)
    elif fmt == "html":
        doc.blocks = read_html(text, path, doc.attributes)
    else:
        doc.blocks = read_plain(text)
    if not doc.attributes and not any(strip_tags(b.text).strip() for b in doc.blocks
                                      if b.kind != "raw"):
        # attribute text (an image's alt, a title) is text: a gallery alone is translated
        raise InputError("has no text to translate (only markup)", path)
    size = sum(len(strip_tags(b.text)) for b in doc.blocks)
    if size > MAX_ARTICLE_CHARS:
        raise InputError(f"has {size:,} characters of text to translate, more than the "
                         f"{MAX_ARTICLE_CHARS:,} one article may have; split it into several "
                         "articles", path)
    return doc
