"""Markdown (CommonMark with GFM tables) into blocks, through the inline HTML reader."""

from __future__ import annotations

import re
from pathlib import Path

from locpipe.document import Attribute, Block, Tag
from locpipe.formats.readers.html import BlockParser, Builder
from locpipe.formats.readers.inline import inline_parser, tags_html
from locpipe.formats.readers.text import has_headline, promote_headline
from locpipe.markup import strip_tags

# YAML front matter (Jekyll, Hugo, Astro…) opening a Markdown file: `---` lines around it.
_FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n(?:.*?\r?\n)?(?:---|\.\.\.)[ \t]*)(?:\r?\n|\Z)",
                          re.S)


class _Containers:
    """The Markdown containers open around the next token (lists, blockquotes) and the kind of
    block its inline run is (headline, subheading, list item, quote, paragraph)."""

    def __init__(self) -> None:
        self.kinds: list[str] = []  # container kinds (blockquote, bullet_list, ordered_list)
        self.list_counter = 0
        self.list_ids: list[int] = []
        self.pending_kind = "paragraph"

    def enter(self, tok, blocks: list[Block]) -> None:
        """Follow a structural token (an opening or closing list, quote, heading, cell…)."""
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            self.list_counter += 1
            self.list_ids.append(self.list_counter)
            self.kinds.append(tok.type)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            self.list_ids.pop()
            self.kinds.pop()
        elif tok.type == "blockquote_open":
            self.kinds.append("blockquote")
        elif tok.type == "blockquote_close":
            self.kinds.pop()
        elif tok.type == "heading_open":
            self.pending_kind = "headline" if tok.tag == "h1" and not has_headline(blocks) \
                else "subheading"
        elif tok.type in ("th_open", "td_open"):
            self.pending_kind = "paragraph"
        elif tok.type == "paragraph_open":
            if self.kinds and self.kinds[-1] in ("bullet_list_open", "ordered_list_open"):
                self.pending_kind = "list_item"
            elif "blockquote" in self.kinds:
                self.pending_kind = "quote"
            else:
                self.pending_kind = "paragraph"

    def block(self, text: str, tags: dict[int, Tag], line: int, note: str) -> Block:
        """The block of an inline run, placed in the list it belongs to."""
        block = Block(kind=self.pending_kind, text=text, tags=tags, line=line, note=note)
        if self.pending_kind == "list_item" and self.list_ids:
            block.list_id = self.list_ids[-1]
            block.ordered = self.kinds[-1] == "ordered_list_open"
            block.list_depth = len(self.list_ids) - 1
        return block


def read_markdown(text: str, path: Path, attributes: list[Attribute] | None = None
                  ) -> list[Block]:
    """Markdown (CommonMark with GFM tables) into blocks: each inline run is a block of text,
    markdown-it-py's HTML for everything else is the markup around it. HTML written into the
    Markdown is read like an HTML file. YAML front matter is the file's metadata, not text:
    kept verbatim in an HTML comment at the top, untranslated."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    out = Builder()
    front = _FRONT_MATTER.match(text)
    if front:
        out.markup("<!--\n" + front.group(1).replace("-->", "--&gt;") + "\n-->\n")
        text = "\n" * front.group(0).count("\n") + text[front.end():]  # same line numbers
    tokens = md.parse(text)
    where = _Containers()
    for i, tok in enumerate(tokens):
        line = (tok.map[0] + 1) if tok.map else 0
        if tok.type == "inline":
            inner = md.renderer.renderInline(tok.children or [], md.options, {})
            inline = inline_parser(inner, path, line, attributes)
            btext, btags = inline.result()
            if not strip_tags(btext).strip():  # no words, only elements (an image)
                out.markup(tags_html(btext, btags) if btags else inner)
            else:
                out.add(where.block(btext, btags, line, inline.merged_note()))
        elif tok.type == "html_block":
            # HTML written into the Markdown is read like an HTML file: its text is translated
            parser = BlockParser(path, out, attributes)
            parser.lineno = line  # HTMLParser's line counter: errors name the file's line
            parser.feed(tok.content)
            parser.finish()
            parser.close()
        elif tok.type in ("fence", "code_block"):
            out.add(Block(kind="raw", raw_html=md.renderer.render([tok], md.options, {}),
                          line=line))
        else:
            where.enter(tok, out.blocks)
            out.markup(md.renderer.renderToken(tokens, i, md.options, {}))
    blocks = out.finish()
    promote_headline(blocks)
    return blocks
