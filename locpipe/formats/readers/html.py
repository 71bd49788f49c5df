"""HTML pages and CMS fragments into blocks of text and the markup around them.

The round trip to the CMS: everything around the text (block elements with their attributes,
lists, tables, figures, sections, comments such as WordPress's `<!-- wp:… -->` delimiters,
YAML front matter of Markdown as a comment) is kept verbatim in the blocks' `before`/`after`
(Document.markup), so pages and `<lang>.fragment.html` give the source's element tree back;
the text of a table cell, caption or list item is a block without an element of its own.
The text of each block is read by the inline reader (`inline.py`).
"""

from __future__ import annotations

import html
from pathlib import Path

from locpipe.document import Attribute, Block
from locpipe.errors import InputError
from locpipe.formats.readers.inline import (
    INLINE,
    MAX_DEPTH,
    PASSTHROUGH,
    SPACE_CHARS,
    VOID,
    attrs_html,
    inline_parser,
    mark_attributes,
    parse_inline,
    tags_html,
)
from locpipe.formats.readers.text import promote_headline
from locpipe.formats.sanitise import Html5Tokens
from locpipe.markup import strip_tags

BLOCK_TAGS = {"h1": "headline", "h2": "subheading", "h3": "subheading", "h4": "subheading",
              "h5": "subheading", "h6": "subheading", "p": "paragraph", "li": "list_item",
              "div": "paragraph", "blockquote": "quote", "title": "title"}
# Containers whose own tags pass through as they are while the text in their cells is
# translated as paragraphs: tables, figures with captions, definition lists.
STRUCTURAL = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup",
              "figure", "figcaption", "dl", "dt", "dd"}
# Where each structural tag may appear; out of place, it is dropped (its text is kept).
_PARENTS = {"tr": {"table", "thead", "tbody", "tfoot"}, "td": {"tr"}, "th": {"tr"},
            "thead": {"table"}, "tbody": {"table"}, "tfoot": {"table"}, "caption": {"table"},
            "colgroup": {"table"}, "figcaption": {"figure"}, "dt": {"dl"}, "dd": {"dl"}}
# Elements that, passed through whole, stand as blocks of their own (never inside a <p>).
_BLOCK_PASSTHROUGH = {"pre", "div", "p", "figure", "section", "article", "aside", "table",
                      "blockquote", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
                      "template", "video", "audio", "hr"}
# Sectioning containers: they end the paragraph they interrupt; their content is read on.
_CONTAINERS = {"article", "aside", "header", "main", "section", "details", "address",
               "hgroup", "menu", "fieldset", "footer"}  # footer: of a page, skipped
# A whole page's navigation, forms and footer are the site's: not read. In a CMS fragment
# they are the article's and kept, their text translated.
SKIP = {"head", "nav", "footer", "form", "button", "select", "textarea", "option", "label"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Start tags that end an open <p> (HTML's parsing rules).
_CLOSES_P = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
             "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "main", "menu",
             "nav", "ol", "p", "pre", "section", "table", "ul", "li", "dd", "dt", "summary",
             *_HEADINGS}


class Builder:
    """Collects blocks and the source markup around them: markup waits in `pending` and goes
    into the next block's `before`, or the last block's `after` at the end, so the article's
    markup comes back in its order without a block of its own (segment ids stay those of the
    text blocks)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pending: list[str] = []

    def markup(self, html_text: str) -> None:
        if html_text:
            self.pending.append(html_text)

    def add(self, block: Block) -> None:
        block.before = "".join(self.pending) + block.before
        self.pending.clear()
        self.blocks.append(block)

    def finish(self) -> list[Block]:
        if self.pending and self.blocks:
            self.blocks[-1].after += "".join(self.pending)
            self.pending.clear()
        elif self.pending:  # only markup (a gallery, a figure): its attributes may be text
            self.blocks.append(Block(kind="raw", before="".join(self.pending)))
            self.pending.clear()
        return self.blocks


class BlockParser(Html5Tokens):
    """Splits a page or CMS fragment into blocks of text to translate and the markup around
    them. Every element, attribute and comment that is not text goes into the blocks' `before`
    and `after` as the source wrote it (start tags rewritten only where an attribute is to be
    translated), so the translated body has the source's element tree. End tags a browser
    would imply (a <p> ended by a <table>, elements left open) are written out, and stray ones
    dropped, so the output is valid HTML5 whatever the source."""

    def __init__(self, path: Path, builder: Builder | None = None,
                 attributes: list[Attribute] | None = None):
        super().__init__(convert_charrefs=False)
        self.path = path
        self.out = builder or Builder()
        self.attributes = attributes
        self.current: list[str] | None = None  # inline HTML of the block being read
        self.current_kind = ""
        self.current_line = 0
        self.skip_depth = 0
        self.raw_tag = ""
        self.raw_depth = 0
        self.raw_buf: list[str] = []
        self.raw_line = 0
        self.raw_open = 0  # elements open inside the passed-through one (bounded: MAX_DEPTH)
        self.lists: list[tuple[int, bool]] = []  # (id, ordered) of each open list
        self.list_counter = 0
        self.title = ""
        self.in_head = False
        self.page = False  # a whole page (<html>, <head> or <body> seen), not a CMS fragment
        self.stack: list[str] = []  # non-inline elements open (their start tag went out)

    @property
    def blocks(self) -> list[Block]:
        return self.out.blocks

    # -- helpers
    def _flush(self) -> None:
        if self.current is None:
            return
        fragment = "".join(self.current)
        kind = self.current_kind
        self.current = None
        if kind == "title":
            self.title = fragment
            return
        parser = inline_parser(fragment, self.path, self.current_line, self.attributes)
        text, tags = parser.result()
        if not strip_tags(text).strip():
            # no words, only elements (an image, an embed, a comment): markup as it was,
            # byte for byte unless it had to be repaired (stray end tags dropped)
            self.out.markup(tags_html(text, tags) if parser.repaired else fragment)
            return
        # the whitespace around the text (indentation, line breaks before </p>) is the
        # source's layout, not text: it stays around the translation, as it was
        lead = fragment[:len(fragment) - len(fragment.lstrip(SPACE_CHARS))]
        trail = fragment[len(fragment.rstrip(SPACE_CHARS)):]
        if kind == "paragraph" and "blockquote" in self.stack:
            kind = "quote"
        if kind == "headline" and any(b.kind == "headline" for b in self.blocks):
            kind = "subheading"
        block = Block(kind=kind, text=text, tags=tags, line=self.current_line,
                      note=parser.merged_note())
        if kind == "list_item" and self.lists:
            block.list_id, block.ordered = self.lists[-1]
            block.list_depth = len(self.lists) - 1
        self.out.markup(lead)
        self.out.add(block)
        self.out.markup(trail)

    def _markup(self, html_text: str) -> None:
        """Source markup outside any text: ends the text before it."""
        self._flush()
        self.out.markup(html_text)

    def _open_element(self, tag: str, html_text: str) -> None:
        """A non-inline element: its start tag goes out as markup; its end tag will."""
        self._markup(html_text)
        if tag not in VOID:
            if len(self.stack) >= MAX_DEPTH:
                raise self._too_deep(tag)
            self.stack.append(tag)
            if tag in ("ul", "ol"):
                self.list_counter += 1
                self.lists.append((self.list_counter, tag == "ol"))

    def _too_deep(self, tag: str) -> InputError:
        return InputError(f"malformed HTML: more than {MAX_DEPTH} elements are open at once "
                          f"(<{tag}>), deeper than browsers nest; close the elements left open",
                          self.path, self.getpos()[0])

    def _close_to(self, depth: int) -> None:
        """Close the open elements from `depth` inward, writing their end tags."""
        self._flush()
        while len(self.stack) > depth:
            tag = self.stack.pop()
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            self.out.markup(f"</{tag}>")

    def _implied_ends(self, tag: str) -> None:
        """Close what a browser closes when `tag` starts: a <p> before any block, a heading
        before a heading, an <li> before the next item of its list."""
        self._flush()
        if self.stack and self.stack[-1] == "p" and tag in _CLOSES_P:
            self._close_to(len(self.stack) - 1)
        if self.stack and tag in _HEADINGS and self.stack[-1] in _HEADINGS:
            self._close_to(len(self.stack) - 1)
        if tag == "li":
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i] == "li":
                    self._close_to(i)
                    break
                if self.stack[i] not in ("p", "div", "address"):
                    break

    def _flow(self) -> None:
        """Content about to start directly in a <table>, <tr> or <dl> goes into a cell, as
        its author meant, rather than being moved out of the table by browsers."""
        top = self.stack[-1] if self.stack else ""
        if top in ("table", "thead", "tbody", "tfoot"):
            self._open_structure("tr", "<tr>")
            top = "tr"
        if top == "tr":
            self._open_structure("td", "<td>")
        elif top == "dl":
            self._open_structure("dd", "<dd>")

    def _open_structure(self, tag: str, html_tag: str) -> None:
        """Open a table/figure/list part, closing what is open inside its parent as HTML
        allows (<td> after <td>); a part out of place (a <td> outside any table) is dropped."""
        parents = _PARENTS.get(tag)
        if parents is None:
            self._implied_ends(tag)
            self._flow()  # a table or figure inside a table goes in a cell
        else:
            depth = max((i for i, t in enumerate(self.stack) if t in parents), default=None)
            if depth is None:
                return
            self._close_to(depth + 1)
        self._open_element(tag, html_tag)

    def _in_list_item(self) -> bool:
        for t in reversed(self.stack):
            if t == "li":
                return True
            if t in ("ul", "ol"):
                return False
        return False

    def _open_block(self, kind: str) -> None:
        self._flush()
        self._flow()
        if kind == "paragraph" and self._in_list_item():
            kind = "list_item"  # <li><p>…</p></li>
        self.current = []
        self.current_kind = kind
        self.current_line = self.getpos()[0]

    def _start_text(self, tag: str, attrs) -> str:
        text = self.get_starttag_text() or attrs_html(tag, attrs)
        return mark_attributes(tag, attrs, text, self.attributes)

    def _not_read(self, tag: str, attrs) -> bool:
        """Whether a start tag is outside the article's text (inside an element passed through
        whole or skipped, the page's frame, head and title, its navigation, forms and
        footer): handled here, True."""
        if self.raw_depth:
            self.raw_buf.append(self.get_starttag_text() or attrs_html(tag, attrs))
            if tag == self.raw_tag:
                self.raw_depth += 1
            if tag not in VOID:  # passed through whole, but the pages nest it all the same
                self.raw_open += 1
                if self.raw_open > MAX_DEPTH:
                    raise self._too_deep(tag)
            return True
        if self.skip_depth:
            if tag not in VOID:
                self.skip_depth += 1
                if self.skip_depth > MAX_DEPTH:
                    raise self._too_deep(tag)
            return True
        if tag in ("html", "head", "body"):
            self._flush()
            self.page = True
            self.in_head = tag == "head"
            return True
        if self.in_head and tag != "title":
            # the source page's own scripts, styles and metadata are not article content
            if tag not in VOID:
                self.skip_depth = 1
            return True
        if tag == "title":
            self._open_block("title")
            return True
        if self.page and tag in SKIP and not (tag == "footer" and "blockquote" in self.stack):
            # a page's navigation, forms and footer are the site's, not the article's
            if tag not in VOID:
                self.skip_depth = 1
            return True
        return False

    # -- events
    def handle_starttag(self, tag, attrs):
        if self._not_read(tag, attrs):
            return
        text = self._start_text(tag, attrs)
        is_no_translate = dict(attrs).get("translate") == "no"
        if (tag in PASSTHROUGH or is_no_translate) and (
                tag in _BLOCK_PASSTHROUGH or self.current is None and tag in PASSTHROUGH):
            self._implied_ends(tag)  # a block-level element ends the paragraph it interrupts
            self._flow()
            if tag in VOID:
                self.out.add(Block(kind="raw", raw_html=text, line=self.getpos()[0]))
                return
            self.raw_tag, self.raw_depth, self.raw_buf = tag, 1, [text]
            self.raw_line, self.raw_open = self.getpos()[0], 0
            return
        if tag in STRUCTURAL:
            self._open_structure(tag, text)
            return
        kind = BLOCK_TAGS.get(tag)
        if tag in ("ul", "ol", "blockquote", "hr") or tag in _CONTAINERS or kind \
                or tag in SKIP and (tag in ("nav", "form") or self.current is None):
            self._implied_ends(tag)
            self._flow()
            self._open_element(tag, text)
            if kind and kind != "title":
                self._open_block("paragraph" if kind == "quote" else kind)
            return
        if self.current is None and tag in VOID:
            self._flow()
            self._markup(text)  # an image or a line break between blocks
            return
        if self.current is None:
            if tag not in INLINE:
                self._flow()
                self._open_element(tag, text)  # an element this reader does not know
                return
            self._open_block("paragraph")  # loose text that starts with <b>, <a>…
        self.current.append(text)

    def handle_startendtag(self, tag, attrs):
        if self.current is not None and not self.raw_depth and not self.skip_depth \
                and (tag in INLINE or tag not in BLOCK_TAGS and tag not in STRUCTURAL):
            self.current.append(self._start_text(tag, attrs))
            return
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.raw_depth:
            self.raw_buf.append(f"</{tag}>")
            self.raw_open = max(0, self.raw_open - 1)
            if tag == self.raw_tag:
                self.raw_depth -= 1
                if self.raw_depth == 0:
                    self._flush_raw()
            return
        if self.skip_depth:
            if tag not in VOID:
                self.skip_depth -= 1
            return
        if tag in ("html", "head", "body"):
            self._flush()
            self.in_head = False
            return
        if tag == "title" and self.current_kind == "title":
            self._flush()
            return
        if tag == "br":  # </br> is a line break to browsers (HTML's parsing rules)
            if self.current is not None:
                self.current.append("<br>")
            else:
                self._markup("<br>")
            return
        if tag in VOID:
            return
        if tag in self.stack and (self.current is None or tag not in INLINE):
            depth = len(self.stack) - 1 - self.stack[::-1].index(tag)
            self._close_to(depth)
            return
        if self.current is not None:
            self.current.append(f"</{tag}>")  # inline (the inline reader drops strays)

    def _flush_raw(self) -> None:
        raw = "".join(self.raw_buf)
        if self.current is not None:
            self.current.append(raw)
        else:
            self.out.add(Block(kind="raw", raw_html=raw, line=self.raw_line))

    def handle_data(self, data):
        if self.raw_depth:
            self.raw_buf.append(data)
            return
        if self.skip_depth or self.in_head and self.current is None:
            return
        if self.cdata_elem:  # raw text (<xmp>, <noembed>) is text to browsers, never markup
            data = html.escape(data, quote=False)
        if self.current is None:
            if data.strip():
                # loose text (a fragment without <p>, a table cell): a paragraph of its own
                self._open_block("paragraph")
                self.current.append(data)
            else:
                self.out.markup(data)  # the source's line breaks between elements
            return
        self.current.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def handle_comment(self, data):
        comment = f"<!--{data}-->"
        if self.raw_depth:
            self.raw_buf.append(comment)
        elif self.skip_depth or self.in_head:
            return
        elif self.current is not None and "".join(self.current).strip():
            self.current.append(comment)  # inside a sentence: kept whole, like an inline <code>
        else:  # WordPress block delimiters and other comments between blocks
            if self.current:  # only whitespace read so far: it stays before the comment
                self.out.markup("".join(self.current))
                self.current.clear()
            self.out.markup(comment)

    def finish(self) -> list[Block]:
        if self.raw_depth:
            raise InputError(f"malformed HTML: <{self.raw_tag}> opened on line "
                             f"{self.raw_line} is never closed; add </{self.raw_tag}>",
                             self.path, self.raw_line)
        rest = self.rawdata
        if rest.lstrip().startswith("<") and not rest.strip().endswith(">"):
            line = self.getpos()[0]
            raise InputError("malformed HTML: the file ends inside a tag; it looks truncated, "
                             "export it again", self.path, line)
        self._close_to(0)
        return self.blocks


def read_html(text: str, path: Path, attributes: list[Attribute] | None = None
              ) -> list[Block]:
    """The blocks of an HTML page or CMS fragment, with the markup around them (see
    BlockParser); translatable attributes are added to `attributes`."""
    parser = BlockParser(path, attributes=attributes)
    parser.feed(text)
    parser.finish()
    parser.close()
    blocks = parser.out.finish()
    if not any(b.kind == "headline" for b in blocks):
        if parser.title:
            ttext, ttags = parse_inline(parser.title, path)
            blocks.insert(0, Block(kind="headline", text=ttext, tags=ttags, line=1,
                                   before="<h1>", after="</h1>\n"))
        else:
            promote_headline(blocks)  # a CMS body fragment
    return [b for b in blocks if b.kind != "title"]
