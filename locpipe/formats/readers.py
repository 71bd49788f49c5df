"""Readers: plain text (wire style), Markdown and HTML into one Document model.

Inline markup becomes numbered tags (see `document.py`); Markdown is rendered to HTML per block
with markdown-it-py, then goes through the same inline HTML path, so every format keeps its
emphasis and links the same way. HTML is read with the standard library's tolerant parser:
what a browser would recover from (unclosed <p>, stray end tags) is accepted; what would
change the meaning (mis-nested inline tags, a file cut inside a tag) is an error naming the
line. Tables, figures and definition lists keep their tags, their cells become paragraphs.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from locpipe.document import Block, Document, Tag
from locpipe.errors import InputError
from locpipe.fileio import read_text
from locpipe.markup import TAG_RE, strip_tags

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html"}

INLINE = {"a", "em", "strong", "b", "i", "span", "abbr", "br", "u", "s", "sub", "sup", "small",
          "mark", "cite", "q", "time", "img", "wbr", "del", "ins"}
PASSTHROUGH = {"script", "style", "code", "pre", "template", "svg", "math", "noscript",
               "iframe", "object", "video", "audio", "kbd", "samp", "var"}
VOID = {"br", "img", "wbr", "hr", "input", "meta", "link", "source", "area", "col", "embed",
        "param", "track", "base"}
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
               "hgroup", "menu", "fieldset", "footer"}  # footer: of a quote (else skipped)
SKIP = {"head", "nav", "footer", "form", "button", "select", "textarea", "option", "label"}

# The most text one article may have to translate: about 300,000 words, ten times a long
# report; a wire story is under 10,000 characters. It bounds what one article of a batch can
# cost (hours of engine time at this size) and is far above anything a desk publishes.
MAX_ARTICLE_CHARS = 2_000_000
# Inline elements that look the same nested in themselves: a <b> inside an open, identical <b>
# is read as part of it, so a paragraph of unclosed <b> tags is one <b>, not thousands nested.
_IDEMPOTENT = {"b", "strong", "i", "em", "u", "s", "mark", "span", "del", "ins", "cite", "abbr"}
# More inline elements open at once than this is not an article's markup; each open element is
# reopened in every sentence it spans, so the depth multiplies the cost of the paragraph.
MAX_INLINE_DEPTH = 32

_SUBHEADING_MAX_WORDS = 10
_FINAL_PUNCT = tuple(".!?:;,\"'”’»…)")
_END_PUNCT = tuple(".!?\"'”’»…)")


# HTML's own whitespace; a no-break space (&nbsp;) is text and is kept.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "article"


def read_document(path: Path, encoding: str = "utf-8") -> Document:
    """Read an article file into a Document; the format follows the extension."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None and path.exists() and not path.is_dir():
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"unknown file type '{path.suffix or '(none)'}'; use one of {known}",
                         path)
    text = read_text(path, encoding)
    doc = Document(path=path, slug=slugify(path.stem), format=fmt or "text")
    if fmt == "markdown":
        doc.blocks = read_markdown(text, path)
    elif fmt == "html":
        doc.blocks = read_html(text, path)
    else:
        doc.blocks = read_plain(text)
    if not any(strip_tags(b.text).strip() for b in doc.blocks if b.kind != "raw"):
        raise InputError("has no text to translate (only markup)", path)
    size = sum(len(strip_tags(b.text)) for b in doc.blocks)
    if size > MAX_ARTICLE_CHARS:
        raise InputError(f"has {size:,} characters of text to translate, more than the "
                         f"{MAX_ARTICLE_CHARS:,} one article may have; split it into several "
                         "articles", path)
    return doc


# ---------------------------------------------------------------- plain text


def read_plain(text: str) -> list[Block]:
    """Wire style: first non-empty line is the headline; a short line without final
    punctuation between paragraphs is a subheading; other lines are paragraphs.

    Files that separate paragraphs with blank lines may also be hard-wrapped: there a line
    continues the previous one when the previous is long and unfinished or the line starts in
    lower case.
    """
    blocks: list[Block] = []
    lines = text.split("\n")
    logical = _unwrap(lines) if _uses_blank_lines(lines) else [
        (n, " ".join(raw.split())) for n, raw in enumerate(lines, start=1) if raw.strip()]
    for i, (lineno, line) in enumerate(logical):
        if not blocks:
            kind = "headline"
        elif _looks_like_subheading(line) and i + 1 < len(logical):
            kind = "subheading"
        else:
            kind = "paragraph"
        blocks.append(Block(kind=kind, text=_escape_tag_lookalikes(line), line=lineno))
    return blocks


def _uses_blank_lines(lines: list[str]) -> bool:
    body = "\n".join(lines).strip()
    return "\n\n" in re.sub(r"\n[ \t]+\n", "\n\n", body)


def _unwrap(lines: list[str]) -> list[tuple[int, str]]:
    """(first line number, text) of each paragraph of a blank-line separated file."""
    out: list[tuple[int, str]] = []
    previous = ""
    for lineno, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        if not line:
            previous = ""
            continue
        continues = previous and (line[0].islower() or (
            not previous.endswith(_END_PUNCT) and len(previous.split()) > _SUBHEADING_MAX_WORDS))
        if continues:
            out[-1] = (out[-1][0], out[-1][1] + " " + line)
        else:
            out.append((lineno, line))
        previous = line
    return out


def _looks_like_subheading(line: str) -> bool:
    return len(line.split()) <= _SUBHEADING_MAX_WORDS and not line.endswith(_FINAL_PUNCT)


def _escape_tag_lookalikes(text: str) -> str:
    """Literal text like '<3>' would read as a markup tag; use a look-alike bracket instead."""
    return re.sub(r"<(/?\d+/?)>", "‹\\1›", text)


# ---------------------------------------------------------------- Markdown


def read_markdown(text: str, path: Path) -> list[Block]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    tokens = md.parse(text)
    blocks: list[Block] = []
    kinds: list[str] = []  # stack of container kinds (blockquote, bullet_list, ordered_list)
    list_counter = 0
    list_ids: list[int] = []
    pending_kind = "paragraph"
    for tok in tokens:
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
            pending_kind = "headline" if tok.tag == "h1" and not _has_headline(blocks) \
                else "subheading"
        elif tok.type == "paragraph_open":
            if kinds and kinds[-1] in ("bullet_list_open", "ordered_list_open"):
                pending_kind = "list_item"
            elif "blockquote" in kinds:
                pending_kind = "quote"
            else:
                pending_kind = "paragraph"
        elif tok.type == "html_block":
            # HTML written into the Markdown is read like an HTML file: its text is translated
            line = (tok.map[0] + 1) if tok.map else 1
            parser = _BlockParser(path)
            parser.feed("\n" * (line - 1) + tok.content)
            blocks.extend(b for b in parser.finish() if b.kind != "title")
            parser.close()
        elif tok.type in ("fence", "code_block"):
            blocks.append(Block(kind="raw", raw_html=_md_raw(md, tok),
                                line=(tok.map[0] + 1) if tok.map else 0))
        elif tok.type == "inline":
            inner = md.renderer.renderInline(tok.children or [], md.options, {})
            line = (tok.map[0] + 1) if tok.map else 0
            btext, btags = parse_inline(inner, path, line)
            block = Block(kind=pending_kind, text=btext, tags=btags, line=line)
            if pending_kind == "list_item" and list_ids:
                block.list_id = list_ids[-1]
                block.ordered = kinds[-1] == "ordered_list_open"
                block.list_depth = len(list_ids) - 1
            if strip_tags(btext).strip():
                blocks.append(block)
            elif btags:  # no words, only elements (an image): pass it through whole
                blocks.append(Block(kind="raw", raw_html=f"<p>{inner}</p>", line=line))
    _promote_headline(blocks)
    return blocks


def _promote_headline(blocks: list[Block]) -> None:
    """Without a top heading, the first heading, or a first paragraph that reads like a
    headline (short, no final punctuation), is the headline; a lede stays a paragraph."""
    if _has_headline(blocks):
        return
    first = next((b for b in blocks if b.kind != "raw"), None)
    if first is not None and (first.kind == "subheading" or first.kind == "paragraph"
                              and _looks_like_subheading(strip_tags(first.text))):
        first.kind = "headline"


def _has_headline(blocks: list[Block]) -> bool:
    return any(b.kind == "headline" for b in blocks)


def _md_raw(md, tok) -> str:
    return md.renderer.render([tok], md.options, {})


# ---------------------------------------------------------------- HTML


def _attrs_html(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag]
    for k, v in attrs:
        parts.append(k if v is None else f'{k}="{html.escape(v, quote=True)}"')
    return "<" + " ".join(parts) + ">"


class _InlineParser(HTMLParser):
    """Turns an HTML fragment of inline content into text with numbered tags."""

    def __init__(self, path: Path, line_offset: int):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.line_offset = line_offset
        self.out: list[str] = []
        self.tags: dict[int, Tag] = {}
        # open elements, innermost last: (tag, number), number 0 for an identical element
        # nested in an open one (it writes nothing); `open_count` counts them by tag
        self.stack: list[tuple[str, int]] = []
        self.open_count: dict[str, int] = {}
        self.open_keys: set[tuple[str, str]] = set()  # (tag, start tag) of written elements
        self.keys: dict[int, tuple[str, str] | None] = {}
        self.depth = 0  # written elements open
        self.raw_depth = 0
        self.raw_tag = ""
        self.raw_buf: list[str] = []

    def _err(self, msg: str) -> InputError:
        return InputError(msg, self.path, self.line_offset + self.getpos()[0] - 1)

    def handle_starttag(self, tag, attrs):
        html_open = self.get_starttag_text() or _attrs_html(tag, attrs)
        if self.raw_depth:
            self.raw_buf.append(html_open)
            if tag == self.raw_tag:
                self.raw_depth += 1
            return
        if tag in PASSTHROUGH or dict(attrs).get("translate") == "no":
            if tag in VOID:
                self._void(tag, html_open)
                return
            self.raw_tag, self.raw_depth, self.raw_buf = tag, 1, [html_open]
            return
        if tag in VOID:
            self._void(tag, html_open)
            return
        if tag == "a" and self.open_count.get("a"):
            while self.stack:  # a link inside a link: browsers end the first one here
                t, _ = self.stack[-1]
                self._pop()
                if t == "a":
                    break
        key = (tag, _attrs_html(tag, attrs))
        if tag in _IDEMPOTENT and key in self.open_keys:
            self._push(tag, 0)
            return
        if self.depth >= MAX_INLINE_DEPTH:
            raise self._err(f"malformed HTML: more than {MAX_INLINE_DEPTH} inline elements are "
                            f"open at once (<{tag}>); close the elements left open")
        num = len(self.tags) + 1
        self.tags[num] = Tag(tag, html_open, f"</{tag}>")
        self.open_keys.add(key)
        self._push(tag, num, key)
        self.out.append(f"<{num}>")

    def _push(self, tag: str, num: int, key: tuple[str, str] | None = None) -> None:
        self.stack.append((tag, num))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        if num:
            self.depth += 1
            self.keys[num] = key

    def _pop(self) -> None:
        tag, num = self.stack.pop()
        self.open_count[tag] -= 1
        if num:
            self.depth -= 1
            self.open_keys.discard(self.keys.pop(num))
            self.out.append(f"</{num}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and not self.raw_depth:
            self.handle_endtag(tag)

    def _void(self, tag: str, html_open: str) -> None:
        num = len(self.tags) + 1
        self.tags[num] = Tag(tag, html_open, "")
        self.out.append(f"<{num}/>")

    def handle_endtag(self, tag):
        if self.raw_depth:
            self.raw_buf.append(f"</{tag}>")
            if tag == self.raw_tag:
                self.raw_depth -= 1
                if self.raw_depth == 0:
                    self._void(self.raw_tag, "".join(self.raw_buf))
            return
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            if self.open_count.get(tag):
                raise self._err(f"malformed HTML: </{tag}> closes <{self.stack[-1][0]}> "
                                "out of order; fix the nesting")
            return  # stray end tag: browsers ignore it, so do we
        self._pop()

    def handle_data(self, data):
        if self.raw_depth:
            self.raw_buf.append(html.escape(data, quote=False))
            return
        # collapse runs of whitespace but keep them: 'reach <em>' must not become 'reach<em>'
        self.out.append(_escape_tag_lookalikes(_HTML_SPACE.sub(" ", data)))

    def result(self) -> tuple[str, dict[int, Tag]]:
        if self.raw_depth:
            raise self._err(f"malformed HTML: <{self.raw_tag}> is never closed; add "
                            f"</{self.raw_tag}>")
        while self.stack:  # unclosed inline tags close at block end
            self._pop()
        text = _HTML_SPACE.sub(" ", "".join(self.out)).strip(" ")
        return text, self.tags


def _tags_html(text: str, tags: dict[int, Tag]) -> str:
    """Numbered tags back to HTML, for a block that holds only elements (no words)."""
    def sub(m: re.Match) -> str:
        tag = tags[int(m.group(2))]
        return tag.close if m.group(1) else tag.open
    return TAG_RE.sub(sub, text)


def parse_inline(fragment: str, path: Path, line: int = 1) -> tuple[str, dict[int, Tag]]:
    """Inline HTML -> (text with numbered tags, tag table)."""
    parser = _InlineParser(path, line)
    parser.feed(fragment)
    parser.close()
    return parser.result()


class _BlockParser(HTMLParser):
    """Splits a page or CMS fragment into blocks, collecting each block's inline HTML."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=False)
        self.path = path
        self.blocks: list[Block] = []
        self.current: list[str] | None = None
        self.current_kind = ""
        self.current_line = 0
        self.current_tag = ""
        self.depth_in_block = 0
        self.quote_depth = 0
        self.skip_depth = 0
        self.raw_tag = ""
        self.raw_depth = 0
        self.raw_buf: list[str] = []
        self.raw_line = 0
        self.lists: list[tuple[int, bool]] = []
        self.list_counter = 0
        self.title = ""
        self.in_head = False
        self.skeleton: Block | None = None  # the raw block structural tags are collected in
        self.open_structure: list[str] = []  # structural elements open, outermost first
        self.li_stack: list[int] = []  # list depth of each open <li>

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
        text, tags = parse_inline(fragment, self.path, self.current_line)
        if not strip_tags(text).strip():
            if tags:  # no words, only elements (an image, an embed): pass it through whole
                tag = self.current_tag or "div"
                self.blocks.append(Block(kind="raw", raw_html=f"<{tag}>{_tags_html(text, tags)}"
                                                              f"</{tag}>",
                                         line=self.current_line))
            return
        if kind == "paragraph" and self.quote_depth:
            kind = "quote"
        if kind == "headline" and any(b.kind == "headline" for b in self.blocks):
            kind = "subheading"
        block = Block(kind=kind, text=text, tags=tags, line=self.current_line)
        if kind == "list_item" and self.lists:
            block.list_id, block.ordered = self.lists[-1]
            block.list_depth = len(self.lists) - 1
        self.blocks.append(block)

    def _structure(self, html_tag: str) -> None:
        """A structural tag (or an element outside any block, like an <img>) goes out as is."""
        self._flush()
        if self.skeleton is not None and self.blocks and self.blocks[-1] is self.skeleton:
            self.skeleton.raw_html += html_tag
            return
        self.skeleton = Block(kind="raw", raw_html=html_tag, line=self.getpos()[0])
        self.blocks.append(self.skeleton)

    def _flow(self) -> None:
        """Content about to start directly in a <table>, <tr> or <dl> goes into a cell, as
        its author meant, rather than being moved out of the table by browsers."""
        top = self.open_structure[-1] if self.open_structure else ""
        if top in ("table", "thead", "tbody", "tfoot"):
            self._open_structure("tr", "<tr>")
            top = "tr"
        if top == "tr":
            self._open_structure("td", "<td>")
        elif top == "dl":
            self._open_structure("dd", "<dd>")

    def _open_structure(self, tag: str, html_tag: str) -> None:
        """Open a table/figure/list part, closing siblings left open as HTML allows (<td>
        after <td>); a part out of place (a <td> outside any table) is dropped."""
        parents = _PARENTS.get(tag)
        if parents is None:
            self._flow()  # a table or figure inside a table goes in a cell
        else:
            depth = max((i for i, t in enumerate(self.open_structure) if t in parents),
                        default=None)
            if depth is None:
                return
            self._close_structure(depth + 1)
        self.open_structure.append(tag)
        self._structure(html_tag)

    def _close_structure(self, depth: int) -> None:
        """Close the open structural elements from `depth` inward."""
        while len(self.open_structure) > depth:
            self._structure(f"</{self.open_structure.pop()}>")

    def _in_list_item(self) -> bool:
        return bool(self.li_stack) and self.li_stack[-1] == len(self.lists)

    def _open_block(self, tag: str, kind: str) -> None:
        self._flush()
        self._flow()
        if kind == "paragraph" and self._in_list_item():
            kind = "list_item"  # <li><p>…</p></li>
        self.current = []
        self.current_kind = kind
        self.current_tag = tag
        self.current_line = self.getpos()[0]
        self.depth_in_block = 0

    # -- events
    def handle_starttag(self, tag, attrs):
        text = self.get_starttag_text() or _attrs_html(tag, attrs)
        if self.raw_depth:
            self.raw_buf.append(text)
            if tag == self.raw_tag:
                self.raw_depth += 1
            return
        if self.skip_depth:
            if tag not in VOID:
                self.skip_depth += 1
            return
        if tag == "head":
            self.in_head = True
            return
        if tag == "body":
            self.in_head = False
        if self.in_head and tag != "title":
            # the source page's own scripts, styles and metadata are not article content
            if tag not in VOID:
                self.skip_depth = 1
            return
        if tag in SKIP and not (tag == "footer" and self.quote_depth):  # a quote's source
            if tag not in VOID:
                self.skip_depth = 1
            return
        is_no_translate = dict(attrs).get("translate") == "no"
        if (tag in PASSTHROUGH or is_no_translate) and (
                tag in _BLOCK_PASSTHROUGH or self.current is None and tag in PASSTHROUGH):
            self._flush()  # a block-level element ends the paragraph it interrupts
            self._flow()
            if tag in VOID:
                self.blocks.append(Block(kind="raw", raw_html=text, line=self.getpos()[0]))
                return
            self.raw_tag, self.raw_depth, self.raw_buf = tag, 1, [text]
            self.raw_line = self.getpos()[0]
            return
        if tag in ("ul", "ol"):
            self._flush()
            self._flow()
            self.list_counter += 1
            self.lists.append((self.list_counter, tag == "ol"))
            return
        if tag == "li":
            while self.li_stack and self.li_stack[-1] >= len(self.lists):
                self.li_stack.pop()  # the previous <li> was left unclosed, as HTML allows
            self.li_stack.append(len(self.lists))
        if tag == "blockquote":
            self._flush()
            self._flow()
            self.quote_depth += 1
            return
        if tag in STRUCTURAL:
            self._open_structure(tag, text)
            return
        if tag in _CONTAINERS:
            self._flush()
            return
        if tag == "hr":
            self._flush()  # <hr> ends a paragraph in HTML
        if self.current is None and tag in VOID:
            if tag not in ("br", "wbr"):
                self._flow()
                self._structure(text)  # an image or rule between blocks
            return
        if self.current is None and tag in INLINE:
            self._open_block("", "paragraph")  # loose text that starts with <b>, <a>…
        kind = BLOCK_TAGS.get(tag)
        if kind and (self.current is None or tag != "div" and self.current_tag == "div"
                     and not "".join(self.current).strip()):
            if kind == "quote":
                kind = "paragraph"
            self._open_block(tag, kind)
            return
        if kind and self.current is not None and tag not in INLINE:
            # a block inside a block (e.g. <p> in <li>, <div> in <div>): start a new one
            if tag == "div":
                self._open_block(tag, "paragraph")
                return
            self._open_block(tag, kind)
            return
        if self.current is not None:
            self.current.append(text)
            if tag == self.current_tag:
                self.depth_in_block += 1

    def handle_startendtag(self, tag, attrs):
        if self.current is not None and not self.raw_depth and not self.skip_depth:
            self.current.append(self.get_starttag_text() or _attrs_html(tag, attrs))
            return
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.raw_depth:
            self.raw_buf.append(f"</{tag}>")
            if tag == self.raw_tag:
                self.raw_depth -= 1
                if self.raw_depth == 0:
                    self._flush_raw()
            return
        if self.skip_depth:
            if tag not in VOID:
                self.skip_depth -= 1
            return
        if tag == "head":
            self.in_head = False
            return
        if tag in ("ul", "ol"):
            self._flush()
            while self.li_stack and self.li_stack[-1] >= len(self.lists):
                self.li_stack.pop()
            if self.lists:
                self.lists.pop()
            return
        if tag == "li" and self._in_list_item():
            self.li_stack.pop()
        if tag == "blockquote":
            self._flush()
            self.quote_depth = max(0, self.quote_depth - 1)
            return
        if tag in STRUCTURAL:
            if tag in self.open_structure:
                self._close_structure(self.open_structure.index(tag))
            return
        if tag in _CONTAINERS:
            self._flush()
            return
        if self.current is not None:
            if tag == self.current_tag:
                if self.depth_in_block:
                    self.depth_in_block -= 1
                    self.current.append(f"</{tag}>")
                else:
                    self._flush()
                return
            if tag in BLOCK_TAGS and tag not in INLINE:
                self._flush()
                return
            self.current.append(f"</{tag}>")

    def _flush_raw(self) -> None:
        raw = "".join(self.raw_buf)
        if self.current is not None:
            self.current.append(raw)
        else:
            self.blocks.append(Block(kind="raw", raw_html=raw, line=self.raw_line))

    def handle_data(self, data):
        if self.raw_depth:
            self.raw_buf.append(data)
            return
        if self.skip_depth:
            return
        if self.current is None:
            if data.strip():
                # loose text (a fragment without <p>): make it a paragraph
                self._open_block("", "paragraph")
                self.current.append(data)
            return
        self.current.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

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
        self._flush()
        self._close_structure(0)
        return self.blocks


def read_html(text: str, path: Path) -> list[Block]:
    parser = _BlockParser(path)
    parser.feed(text)
    blocks = parser.finish()
    parser.close()
    if not any(b.kind == "headline" for b in blocks):
        if parser.title:
            ttext, ttags = parse_inline(parser.title, path)
            blocks.insert(0, Block(kind="headline", text=ttext, tags=ttags, line=1))
        else:
            _promote_headline(blocks)  # a CMS body fragment
    return [b for b in blocks if b.kind != "title"]
