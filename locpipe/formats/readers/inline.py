"""Inline HTML (the content of one block) into text with numbered tags and a tag table.

`alt`, `title` and `aria-label` values are replaced by marks (markup.attribute_mark) and become
units of their own (Document.attributes; see document.attribute_segments).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from locpipe.document import Attribute, Tag
from locpipe.errors import InputError
from locpipe.formats.readers.text import escape_tag_lookalikes
from locpipe.formats.sanitise import Html5Tokens
from locpipe.markup import ATTRIBUTE_MARK_RE, TAG_RE, attribute_mark
from locpipe.markup import merged_note as note_of_merged

INLINE = {"a", "em", "strong", "b", "i", "span", "abbr", "br", "u", "s", "sub", "sup", "small",
          "mark", "cite", "q", "time", "img", "wbr", "del", "ins"}
PASSTHROUGH = {"script", "style", "code", "pre", "template", "svg", "math", "noscript",
               "iframe", "object", "video", "audio", "kbd", "samp", "var"}
VOID = {"br", "img", "wbr", "hr", "input", "meta", "link", "source", "area", "col", "embed",
        "param", "track", "base"}
# Attributes whose text a reader sees or hears: translated as units of their own.
TRANSLATED_ATTRIBUTES = ("alt", "title", "aria-label")

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


# HTML's own whitespace; a no-break space (&nbsp;) is text and is kept.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
SPACE_CHARS = " \t\n\r\f"


def attrs_html(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    parts = [tag]
    for k, v in attrs:
        parts.append(k if v is None else f'{k}="{html.escape(v, quote=True)}"')
    return "<" + " ".join(parts) + ">"


def mark_attributes(tag: str, attrs: list[tuple[str, str | None]], start: str,
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
            attributes.append(Attribute(tag, k, escape_tag_lookalikes(" ".join(v.split())),
                                        first))
            v = attribute_mark(len(attributes) - 1)
            if in_place:
                m = found[i]
                quoted = m.group(2)[:1] in ("'", '"')
                spans.append((m.start(2) + quoted, m.end(2) - quoted,
                              v if quoted else f'"{v}"'))
        marked.append((k, v))
    if not in_place:
        return attrs_html(tag, marked)
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


class InlineParser(Html5Tokens):
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
        html_open = self.get_starttag_text() or attrs_html(tag, attrs)
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
        html_open = mark_attributes(tag, attrs, html_open, self.attributes)
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
        key = (tag, attrs_html(tag, attrs))
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
        self.out.append(escape_tag_lookalikes(_HTML_SPACE.sub(" ", data)))

    def handle_comment(self, data):
        comment = f"<!--{data}-->"
        if self.raw_depth:
            self.raw_buf.append(comment)
        else:
            self._void("comment", comment)  # kept whole where it was, like an inline <code>

    def merged_note(self) -> str:
        """What an editor is told when identical elements nested past MAX_INLINE_DEPTH were
        read as part of the one around them (their text kept, the extra levels not); the QA
        check `nesting` makes it an error finding of the block's segments."""
        return note_of_merged(self.merged, MAX_INLINE_DEPTH) if self.merged else ""

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


def tags_html(text: str, tags: dict[int, Tag]) -> str:
    """Numbered tags back to HTML, for a block that holds only elements (no words)."""
    def sub(m: re.Match) -> str:
        tag = tags[int(m.group(2))]
        return tag.close if m.group(1) else tag.open
    return TAG_RE.sub(sub, text)


def parse_inline(fragment: str, path: Path, line: int = 1,
                 attributes: list[Attribute] | None = None) -> tuple[str, dict[int, Tag]]:
    """Inline HTML -> (text with numbered tags, tag table); translated attributes are added
    to `attributes` when given (see mark_attributes)."""
    return inline_parser(fragment, path, line, attributes).result()


def inline_parser(fragment: str, path: Path, line: int = 1,
                  attributes: list[Attribute] | None = None) -> InlineParser:
    parser = InlineParser(path, line, attributes)
    parser.feed(fragment)
    parser.close()
    return parser

