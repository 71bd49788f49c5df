"""Markdown (CommonMark with GFM tables) into blocks, through the inline HTML reader."""

from __future__ import annotations

import re
from pathlib import Path

from locpipe.document import Attribute, Block
from locpipe.formats.readers.html import BlockParser, Builder
from locpipe.formats.readers.inline import inline_parser, tags_html
from locpipe.formats.readers.text import has_headline, promote_headline
from locpipe.markup import strip_tags

# YAML front matter (Jekyll, Hugo, Astro…) opening a Markdown file: `---` lines around it.
_FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n(?:.*?\r?\n)?(?:---|\.\.\.)[ \t]*)(?:\r?\n|\Z)",
                          re.S)


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
    kinds: list[str] = []  # stack of container kinds (blockquote, bullet_list, ordered_list)
    list_counter = 0
    list_ids: list[int] = []
    pending_kind = "paragraph"
    for i, tok in enumerate(tokens):
        line = (tok.map[0] + 1) if tok.map else 0
        if tok.type == "inline":
            inner = md.renderer.renderInline(tok.children or [], md.options, {})
            inline = inline_parser(inner, path, line, attributes)
            btext, btags = inline.result()
            if not strip_tags(btext).strip():  # no words, only elements (an image)
                out.markup(tags_html(btext, btags) if btags else inner)
                continue
            block = Block(kind=pending_kind, text=btext, tags=btags, line=line,
                          note=inline.merged_note())
            if pending_kind == "list_item" and list_ids:
                block.list_id = list_ids[-1]
                block.ordered = kinds[-1] == "ordered_list_open"
                block.list_depth = len(list_ids) - 1
            out.add(block)
            continue
        if tok.type == "html_block":
            # HTML written into the Markdown is read like an HTML file: its text is translated
            parser = BlockParser(path, out, attributes)
            parser.lineno = line  # HTMLParser's line counter: errors name the file's line
            parser.feed(tok.content)
            parser.finish()
            parser.close()
            continue
        if tok.type in ("fence", "code_block"):
            out.add(Block(kind="raw", raw_html=md.renderer.render([tok], md.options, {}),
                          line=line))
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            list_counter += 1
            list_ids.append(list_counter)
            kinds.append(tok.type)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_ids.pop()
            kinds.pop()
        elif tok.type == "blockquote_open":
            kinds.append("blockquote")
        elif tok.type == "blockquote_close":
            kinds.pop()
        elif tok.type == "heading_open":
            pending_kind = "headline" if tok.tag == "h1" and not has_headline(out.blocks) \
                else "subheading"
        elif tok.type in ("th_open", "td_open"):
            pending_kind = "paragraph"
        elif tok.type == "paragraph_open":
            if kinds and kinds[-1] in ("bullet_list_open", "ordered_list_open"):
                pending_kind = "list_item"
            elif "blockquote" in kinds:
                pending_kind = "quote"
            else:
                pending_kind = "paragraph"
        out.markup(md.renderer.renderToken(tokens, i, md.options, {}))
    blocks = out.finish()
    promote_headline(blocks)
    return blocks

