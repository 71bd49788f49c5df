"""Readers: plain text (wire style), Markdown and HTML into one Document model.

Inline markup becomes numbered tags (see `document.py`); Markdown is rendered to HTML per block
with markdown-it-py (CommonMark + GFM tables), then goes through the same inline HTML path, so
every format keeps its emphasis and links the same way. HTML is read with the standard
library's tolerant parser: what a browser would recover from (unclosed <p>, stray end tags) is
accepted; what would change the meaning (mis-nested inline tags, a file cut inside a tag) is an
error naming the line.

The round trip to the CMS: everything around the text (block elements with their attributes,
lists, tables, figures, sections, comments such as WordPress's `<!-- wp:… -->` delimiters,
YAML front matter of Markdown as a comment) is kept verbatim in the blocks' `before`/`after`
(Document.markup), so pages and `<lang>.fragment.html` give the source's element tree back;
the text of a table cell, caption or list item is a block without an element of its own.
`alt`, `title` and `aria-label` values are replaced by marks (markup.attribute_mark) and
become units of their own (Document.attributes; see document.attribute_segments).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from locpipe.document import Attribute, Block, Document, Tag
from locpipe.errors import InputError
from locpipe.fileio import read_text
from locpipe.formats.sanitise import Html5Tokens
from locpipe.identity import slug
from locpipe.markup import ATTRIBUTE_MARK_RE, TAG_RE, attribute_mark, strip_tags

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
# Attributes whose text a reader sees or hears: translated as units of their own.
TRANSLATED_ATTRIBUTES = ("alt", "title", "aria-label")

# The most text one article may have to translate: about 300,000 words, ten times a long
# report; a wire story is under 10,000 characters. It bounds what one article of a batch can
# cost (hours of engine time at this size) and is far above anything a desk publishes.
MAX_ARTICLE_CHARS = 2_000_000
# Inline elements that look the same nested in themselves: a <b> inside an open, identical <b>
# that its own end tag never closes is read as part of it, so a paragraph of unclosed <b> tags
# is one <b>, not thousands nested; closed by its end tag it is an element of its own.
_IDEMPOTENT = {"b", "strong", "i", "em", "u", "s", "mark", "span", "del", "ins", "cite", "abbr"}
# More inline elements open at once than this is not an article's markup; each open element is
# reopened in every sentence it spans, so the depth multiplies the cost of the paragraph.
MAX_INLINE_DEPTH = 32
# More elements open at once than browsers nest (Chromium's parser stops nesting at 512): a
# file nested deeper is refused, so reading it stays linear in its size.
MAX_DEPTH = 512

_SUBHEADING_MAX_WORDS = 10
_FINAL_PUNCT = tuple(".!?:;,\"'”’»…)")
_END_PUNCT = tuple(".!?\"'”’»…)")


# HTML's own whitespace; a no-break space (&nbsp;) is text and is kept.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPACE_CHARS = " \t\n\r\f"


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
    out = _Builder()
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
            inline = _inline_parser(inner, path, line, attributes)
            btext, btags = inline.result()
            if not strip_tags(btext).strip():  # no words, only elements (an image)
                out.markup(_tags_html(btext, btags) if btags else inner)
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
            parser = _BlockParser(path, out, attributes)
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
            pending_kind = "headline" if tok.tag == "h1" and not _has_headline(out.blocks) \
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


# ---------------------------------------------------------------- HTML


def _attrs_html(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag]
    for k, v in attrs:
        parts.append(k if v is None else f'{k}="{html.escape(v, quote=True)}"')
    return "<" + " ".join(parts) + ">"


def _mark_attributes(tag: str, attrs: list[tuple[str, str | None]], start: str,
                     attributes: list[Attribute] | None) -> str:
    """`start` (a start tag) with each translated attribute's value (alt, title, aria-label
    with letters in it) replaced by its mark, the value added to `attributes`."""
    if attributes is None or dict(attrs).get("translate") == "no":
        return start

    def translated(name: str, value: str | None) -> bool:
        return (name in TRANSLATED_ATTRIBUTES and bool(value) and any(c.isalpha() for c in value)
                and not ATTRIBUTE_MARK_RE.search(value))

    if not any(translated(k, v) for k, v in attrs):
        return start
    found = list(_ATTRIBUTE_IN_TAG.finditer(start, _TAG_NAME.match(start).end()))
    in_place = [m.group(1).lower() for m in found] == [k for k, _ in attrs]
    marked: list[tuple[str, str | None]] = []
    spans: list[tuple[int, int, str]] = []  # (start, end, mark) of values written in place
    first = len(attributes)
    for i, (k, v) in enumerate(attrs):
        if translated(k, v):
            attributes.append(Attribute(tag, k, _escape_tag_lookalikes(" ".join(v.split())),
                                        first))
            v = attribute_mark(len(attributes) - 1)
            if in_place:
                m = found[i]
                quoted = m.group(2)[:1] in ("'", '"')
                spans.append((m.start(2) + quoted, m.end(2) - quoted,
                              v if quoted else f'"{v}"'))
        marked.append((k, v))
    if not in_place:
        return _attrs_html(tag, marked)
    # the source's start tag as it was (quotes, case, spacing, a closing slash), only the
    # translated values replaced: the fragment is byte-identical to the source elsewhere
    for a, b, mark in reversed(spans):
        start = start[:a] + mark + start[b:]
    return start


# A start tag's name, then its attributes as HTMLParser reads them (group 1 the name, group 2
# the value with its quotes, if any).
_TAG_NAME = re.compile(r"<[^\s/>]*")
_ATTRIBUTE_IN_TAG = re.compile(r"""[\s/]*((?<=[\s/])[^\s/>][^\s/=>]*)"""
                               r"""(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")


class _InlineParser(Html5Tokens):
    """Turns an HTML fragment of inline content into text with numbered tags."""

    def __init__(self, path: Path, line_offset: int,
                 attributes: list[Attribute] | None = None):
        super().__init__(convert_charrefs=True)
        self.attributes = attributes
        self.path = path
        self.line_offset = line_offset
        self.out: list[str] = []
        self.tags: dict[int, Tag] = {}
        # open elements, innermost last: (tag, number), number 0 for an identical element
        # nested in an open one past MAX_INLINE_DEPTH (it writes nothing); `open_count`
        # counts them by tag
        self.stack: list[tuple[str, int]] = []
        self.open_count: dict[str, int] = {}
        self.open_keys: dict[tuple[str, str], int] = {}  # (tag, start tag) -> open written
        self.keys: dict[int, tuple[str, str] | None] = {}
        # elements identical to an open one around them: number -> index of their start in
        # `out`, until their own end tag comes (see _pop)
        self.provisional: dict[int, int] = {}
        self.dropped: set[int] = set()
        self.merged: list[str] = []  # identical elements nested past MAX_INLINE_DEPTH
        # the fragment was not well-formed as written (a stray end tag, an element left
        # open, </br>): what comes out is the repaired markup, not the source's bytes
        self.repaired = False
        self.depth = 0  # written elements open
        self.raw_depth = 0
        self.raw_tag = ""
        self.raw_buf: list[str] = []
        self.raw_open = 0  # elements open inside the passed-through one

    def _err(self, msg: str) -> InputError:
        return InputError(msg, self.path, self.line_offset + self.getpos()[0] - 1)

    def handle_starttag(self, tag, attrs):
        html_open = self.get_starttag_text() or _attrs_html(tag, attrs)
        if self.raw_depth:
            self.raw_buf.append(html_open)
            if tag == self.raw_tag:
                self.raw_depth += 1
            self.raw_open += tag not in VOID  # bounded: the pages nest it all the same
            if self.raw_open > MAX_DEPTH:
                raise self._err(f"malformed HTML: more than {MAX_DEPTH} elements are open at "
                                f"once (<{tag}>), deeper than browsers nest; close the "
                                "elements left open")
            return
        html_open = _mark_attributes(tag, attrs, html_open, self.attributes)
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
                self.repaired = True
                self._pop()
                if t == "a":
                    break
        key = (tag, _attrs_html(tag, attrs))
        dup = tag in _IDEMPOTENT and self.open_keys.get(key, 0) > 0
        if dup and self.depth >= MAX_INLINE_DEPTH:
            self._push(tag, 0)  # identical to an open one, past the bound: read as part of it
            self.merged.append(tag)
            return
        if self.depth >= MAX_INLINE_DEPTH:
            raise self._err(f"malformed HTML: more than {MAX_INLINE_DEPTH} inline elements are "
                            f"open at once (<{tag}>); close the elements left open")
        num = len(self.tags) + 1
        self.tags[num] = Tag(tag, html_open, f"</{tag}>")
        self.open_keys[key] = self.open_keys.get(key, 0) + 1
        if dup:
            self.provisional[num] = len(self.out)  # kept only if its own end tag comes
        self._push(tag, num, key)
        self.out.append(f"<{num}>")

    def _push(self, tag: str, num: int, key: tuple[str, str] | None = None) -> None:
        self.stack.append((tag, num))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        if num:
            self.depth += 1
            self.keys[num] = key

    def _pop(self, explicit: bool = False) -> None:
        """Close the innermost open element; `explicit` when the source's end tag closes it.
        An element identical to an open one that encloses it and that only the block's end
        (or a browser's rule) closes is read as part of the outer one, as before: a paragraph
        of unclosed <b> tags is one <b>. Closed by its own end tag, it is an element of its
        own and comes back ('<em>the report, titled <em>Hunger in Homs</em>, was…</em>')."""
        tag, num = self.stack.pop()
        self.open_count[tag] -= 1
        if num:
            self.depth -= 1
            key = self.keys.pop(num)
            if key is not None:
                self.open_keys[key] -= 1
            at = self.provisional.pop(num, None)
            if at is not None and not explicit:
                self.out[at] = ""
                self.dropped.add(num)
                return
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
            self.raw_open = max(0, self.raw_open - 1)
            if tag == self.raw_tag:
                self.raw_depth -= 1
                if self.raw_depth == 0:
                    self._void(self.raw_tag, "".join(self.raw_buf))
                    self.raw_open = 0
            return
        if tag == "br":  # </br> is a line break to browsers (HTML's parsing rules)
            self.repaired = True
            self._void("br", "<br>")
            return
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            if self.open_count.get(tag):
                raise self._err(f"malformed HTML: </{tag}> closes <{self.stack[-1][0]}> "
                                "out of order; fix the nesting")
            self.repaired = True
            return  # stray end tag: browsers ignore it, so do we
        self._pop(explicit=True)

    def handle_data(self, data):
        if self.raw_depth:  # raw text (<script>, <noscript>…) comes unconverted: kept as it is
            self.raw_buf.append(data if self.cdata_elem else html.escape(data, quote=False))
            return
        # collapse runs of whitespace but keep them: 'reach <em>' must not become 'reach<em>'
        self.out.append(_escape_tag_lookalikes(_HTML_SPACE.sub(" ", data)))

    def handle_comment(self, data):
        comment = f"<!--{data}-->"
        if self.raw_depth:
            self.raw_buf.append(comment)
        else:
            self._void("comment", comment)  # kept whole where it was, like an inline <code>

    def merged_note(self) -> str:
        """What an editor is told when identical elements nested past MAX_INLINE_DEPTH were
        read as part of the one around them (their text kept, the extra levels not)."""
        if not self.merged:
            return ""
        names = ", ".join(f"<{t}>" for t in dict.fromkeys(self.merged))
        return (f"markup: {len(self.merged):,} {names} elements nested more than "
                f"{MAX_INLINE_DEPTH} deep inside identical ones were merged into them")

    def result(self) -> tuple[str, dict[int, Tag]]:
        if self.raw_depth:
            raise self._err(f"malformed HTML: <{self.raw_tag}> is never closed; add "
                            f"</{self.raw_tag}>")
        while self.stack:  # unclosed inline tags close at block end
            self.repaired = True
            self._pop()
        text = _HTML_SPACE.sub(" ", "".join(self.out)).strip(" ")
        if not self.dropped:
            return text, self.tags
        numbers: dict[int, int] = {}  # renumber without the merged elements, in order
        for old in sorted(self.tags):
            if old not in self.dropped:
                numbers[old] = len(numbers) + 1
        text = TAG_RE.sub(lambda m: f"<{m.group(1)}{numbers[int(m.group(2))]}{m.group(3)}>",
                          text)
        return text, {numbers[old]: tag for old, tag in self.tags.items() if old in numbers}


def _tags_html(text: str, tags: dict[int, Tag]) -> str:
    """Numbered tags back to HTML, for a block that holds only elements (no words)."""
    def sub(m: re.Match) -> str:
        tag = tags[int(m.group(2))]
        return tag.close if m.group(1) else tag.open
    return TAG_RE.sub(sub, text)


def parse_inline(fragment: str, path: Path, line: int = 1,
                 attributes: list[Attribute] | None = None) -> tuple[str, dict[int, Tag]]:
    """Inline HTML -> (text with numbered tags, tag table); translated attributes are added
    to `attributes` when given (see _mark_attributes)."""
    return _inline_parser(fragment, path, line, attributes).result()


def _inline_parser(fragment: str, path: Path, line: int = 1,
                   attributes: list[Attribute] | None = None) -> _InlineParser:
    parser = _InlineParser(path, line, attributes)
    parser.feed(fragment)
    parser.close()
    return parser


class _Builder:
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


class _BlockParser(Html5Tokens):
    """Splits a page or CMS fragment into blocks of text to translate and the markup around
    them. Every element, attribute and comment that is not text goes into the blocks' `before`
    and `after` as the source wrote it (start tags rewritten only where an attribute is to be
    translated), so the translated body has the source's element tree. End tags a browser
    would imply (a <p> ended by a <table>, elements left open) are written out, and stray ones
    dropped, so the output is valid HTML5 whatever the source."""

    def __init__(self, path: Path, builder: _Builder | None = None,
                 attributes: list[Attribute] | None = None):
        super().__init__(convert_charrefs=False)
        self.path = path
        self.out = builder or _Builder()
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
        parser = _inline_parser(fragment, self.path, self.current_line, self.attributes)
        text, tags = parser.result()
        if not strip_tags(text).strip():
            # no words, only elements (an image, an embed, a comment): markup as it was,
            # byte for byte unless it had to be repaired (stray end tags dropped)
            self.out.markup(_tags_html(text, tags) if parser.repaired else fragment)
            return
        # the whitespace around the text (indentation, line breaks before </p>) is the
        # source's layout, not text: it stays around the translation, as it was
        lead = fragment[:len(fragment) - len(fragment.lstrip(_SPACE_CHARS))]
        trail = fragment[len(fragment.rstrip(_SPACE_CHARS)):]
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
        text = self.get_starttag_text() or _attrs_html(tag, attrs)
        return _mark_attributes(tag, attrs, text, self.attributes)

    # -- events
    def handle_starttag(self, tag, attrs):
        if self.raw_depth:
            self.raw_buf.append(self.get_starttag_text() or _attrs_html(tag, attrs))
            if tag == self.raw_tag:
                self.raw_depth += 1
            if tag not in VOID:  # passed through whole, but the pages nest it all the same
                self.raw_open += 1
                if self.raw_open > MAX_DEPTH:
                    raise self._too_deep(tag)
            return
        if self.skip_depth:
            if tag not in VOID:
                self.skip_depth += 1
                if self.skip_depth > MAX_DEPTH:
                    raise self._too_deep(tag)
            return
        if tag in ("html", "head", "body"):
            self._flush()
            self.page = True
            self.in_head = tag == "head"
            return
        if self.in_head and tag != "title":
            # the source page's own scripts, styles and metadata are not article content
            if tag not in VOID:
                self.skip_depth = 1
            return
        if tag == "title":
            self._open_block("title")
            return
        if self.page and tag in SKIP and not (tag == "footer" and "blockquote" in self.stack):
            # a page's navigation, forms and footer are the site's, not the article's
            if tag not in VOID:
                self.skip_depth = 1
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
    _BlockParser); translatable attributes are added to `attributes`."""
    parser = _BlockParser(path, attributes=attributes)
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
            _promote_headline(blocks)  # a CMS body fragment
    return [b for b in blocks if b.kind != "title"]
