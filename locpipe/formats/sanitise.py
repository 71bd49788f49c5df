"""Pages and fragments that run no script: the HTML locpipe writes is sanitised, and HTML it
reads is tokenised the way browsers tokenise it.

`sanitise(html)` cleans a rendered body with nh3 (Rust's ammonia, an HTML5 parser of the
html5ever family, the way browsers parse) against the explicit allowlist below: no script or
other active element, no event-handler attribute, no `javascript:`/`vbscript:`/`data:` URL
except `data:image/*` in `src`, no iframe/object/embed/form. A CMS round trip must stay
byte-identical (classes, ids, `data-*`, `translate`, `lang`/`dir`, `title`/`alt`, WordPress
block comments with their JSON, tables, figures), and ammonia re-serialises everything it
reads (quotes, entities, `<br/>`): so the body parsed as a browser parses it (html5lib,
scripting on) is compared with the cleaned body parsed the same way, and where the two trees
are the same — the sanitiser removed nothing — the original bytes are kept. Where something
was removed, the cleaned serialisation is written: its tree is the one checked.

`Html5Tokens` is the standard library's HTMLParser corrected where it reads markup another way
than HTML5's tokeniser (the readers parse with it): comments (`<!-->`, `--!>`), bogus comments
(`<![CDATA[…]]>`, `<?…>`), start tags (`<p title=="x>` ends at the `>`), and the raw-text
elements a browser with scripting on does not parse inside (`<noscript>`, `<iframe>`,
`<noembed>`, `<noframes>`, `<xmp>` besides `<script>`, `<style>`), whose end is `</name`
followed by a space, `/` or `>`.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# ---------------------------------------------------------------- the allowlist (data)

# Elements kept; any other element is removed, its content kept as text and elements (unless
# it is in REMOVED_WITH_CONTENT). HTML elements only: no svg/math (their foreign-content
# parsing is where sanitisers and browsers have disagreed).
ALLOWED_TAGS: frozenset[str] = frozenset({
    "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote", "br",
    "button", "caption", "cite", "code", "col", "colgroup", "data", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "i", "img", "ins", "kbd", "li", "main", "mark",
    "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section",
    "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "track", "u", "ul", "var", "video", "wbr",
})
# Elements removed with everything inside them: active content, embeds, forms, raw text.
REMOVED_WITH_CONTENT: frozenset[str] = frozenset({
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object",
    "embed", "applet", "noembed", "noframes", "xmp", "plaintext", "form", "textarea",
    "select", "svg", "math", "title", "head", "meta", "link", "base",
})
# Attributes kept on every element, and names kept whatever follows these prefixes.
GLOBAL_ATTRIBUTES: frozenset[str] = frozenset({
    "class", "id", "lang", "dir", "title", "translate", "role", "hidden", "style",
})
GLOBAL_PREFIXES: frozenset[str] = frozenset({"data-", "aria-"})
# Attributes kept on one element (besides the global ones).
ELEMENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "rel", "target", "name", "type", "download"}),
    "img": frozenset({"src", "srcset", "sizes", "alt", "width", "height", "loading",
                      "decoding"}),
    "source": frozenset({"src", "srcset", "sizes", "type", "media", "width", "height"}),
    "track": frozenset({"src", "kind", "srclang", "label", "default"}),
    "video": frozenset({"src", "poster", "controls", "width", "height", "preload", "loop",
                        "muted", "playsinline"}),
    "audio": frozenset({"src", "controls", "preload", "loop", "muted"}),
    "blockquote": frozenset({"cite"}), "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}), "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}), "data": frozenset({"value"}),
    "ol": frozenset({"start", "reversed", "type"}), "li": frozenset({"value"}),
    "table": frozenset({"width", "border", "cellpadding", "cellspacing", "summary"}),
    "td": frozenset({"colspan", "rowspan", "headers", "width", "align", "valign"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr", "width", "align",
                     "valign"}),
    "col": frozenset({"span", "width"}), "colgroup": frozenset({"span", "width"}),
    "details": frozenset({"open"}), "button": frozenset({"type", "disabled"}),
    "abbr": frozenset({"title"}),
    "bdo": frozenset({"dir"}), "figure": frozenset(), "hr": frozenset(),
}
# Schemes a link or a source may have (relative URLs are kept); `data:` only as data:image/*
# in `src` (see _attribute).
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel", "data"})
_URL_ATTRIBUTES = {"href", "src", "cite", "poster", "srcset", "action", "formaction",
                   "longdesc", "background", "xlink:href"}
_ASCII_CONTROL_SPACE = re.compile(r"[\x00-\x20\x7f]+")


def _attribute(tag: str, name: str, value: str) -> str | None:
    """The value ammonia kept, or None: a `data:` URL only as an image in `src`."""
    if name in _URL_ATTRIBUTES:
        bare = _ASCII_CONTROL_SPACE.sub("", value).lower()
        if bare.startswith("data:") and not (name == "src" and bare.startswith("data:image/")):
            return None
        if name == "srcset" and re.search(r"(?:^|,)\s*(?:javascript|vbscript|data):", bare):
            return None
    return value


_cleaner = None


def _nh3():
    global _cleaner
    if _cleaner is None:
        import nh3

        attributes = {tag: set(names) for tag, names in ELEMENT_ATTRIBUTES.items()}
        attributes["*"] = set(GLOBAL_ATTRIBUTES)
        _cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS), clean_content_tags=set(REMOVED_WITH_CONTENT),
            attributes=attributes, generic_attribute_prefixes=set(GLOBAL_PREFIXES),
            url_schemes=set(URL_SCHEMES), attribute_filter=_attribute, strip_comments=False,
            link_rel=None)
    return _cleaner


@dataclass(frozen=True)
class Sanitised:
    html: str
    changed: bool  # the sanitiser removed something: `html` is its serialisation


def sanitise(body: str) -> Sanitised:
    """`body` (an HTML fragment: a page's article or a CMS fragment) with nothing that runs:
    the original bytes when the sanitiser removed nothing (the trees parsed as browsers parse
    them are equal), its cleaned serialisation otherwise."""
    cleaned = _nh3().clean(body)
    if cleaned == body or cleaned == _as_serialised(body) or tree(cleaned) == tree(body):
        return Sanitised(body, False)
    return Sanitised(cleaned, True)


def _as_serialised(body: str) -> str | None:
    """`body` as ammonia's serialiser writes it when nothing was removed, for the one
    difference a page we render has (typography's no-break spaces): U+00A0 is written
    `&nbsp;` in text and attribute values, where it reads back as U+00A0 — so a cleaned
    body equal to this has the same tree (the comparison of the two parses, which costs
    more than the rest of writing a page, would say so). Elsewhere (a comment, raw text, a
    name) ammonia writes U+00A0 as it is and the bodies differ: the trees are compared.
    None when there is no U+00A0."""
    return body.replace("\xa0", "&nbsp;") if "\xa0" in body else None


def tree(fragment: str) -> list[tuple]:
    """The fragment's node tree as browsers build it (HTML5 tree construction in a <div>,
    scripting on), flattened in document order: ("<", tag, attributes), (">",), ("#", text),
    ("!", comment). Built without recursion (a deep tree cannot overflow the stack)."""
    import html5lib

    root = html5lib.parseFragment(fragment, container="div", treebuilder="etree",
                                  namespaceHTMLElements=False, scripting=True)
    out: list[tuple] = []
    text = getattr(root, "text", None)
    if text:
        out.append(("#", text))
    stack: list = [(child, False) for child in reversed(list(root))]
    while stack:
        node, closing = stack.pop()
        if closing:
            out.append((">",))
            if node.tail:
                out.append(("#", node.tail))
            continue
        if not isinstance(node.tag, str):  # a comment (etree.Comment is a function)
            out.append(("!", node.text or ""))
            if node.tail:
                out.append(("#", node.tail))
            continue
        out.append(("<", node.tag, tuple(sorted(node.attrib.items()))))
        if node.text:
            out.append(("#", node.text))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node)))
    return _merged(out)


def _merged(nodes: list[tuple]) -> list[tuple]:
    """Adjacent text nodes as one (html5lib and the serialiser may split text differently)."""
    out: list[tuple] = []
    for node in nodes:
        if node[0] == "#" and out and out[-1][0] == "#":
            out[-1] = ("#", out[-1][1] + node[1])
        else:
            out.append(node)
    return out


_STYLE_ELEMENT = re.compile(r"\s*<style\b[^>]*>(?P<css>.*?)</style\s*>\s*", re.S | re.I)


def safe_style(block: str) -> bool:
    """A `<style>` block that is one style element to a browser too (its CSS holds no
    `</style` nor anything else that would end it early): safe in a page's <head>."""
    m = _STYLE_ELEMENT.fullmatch(block)
    return bool(m) and "</style" not in m.group("css").lower() and "<!--" not in m.group("css")


# ---------------------------------------------------------------- reading as browsers read

# HTML's whitespace inside a tag
_WS = "\t\n\f\r "
_COMMENT_END = re.compile(r"--!?>")
_TAG_OPEN = re.compile(r"</?[a-zA-Z]")


def scan_start_tag(raw: str, i: int) -> tuple[int, str, list[tuple[str, str | None]], bool] | None:
    """The start tag at `raw[i]` ('<' and a letter) as HTML5's tokeniser reads it: (index
    after its '>', lower-case name, attributes in order without later duplicates, self-closing);
    None when the text ends inside it. One pass, no backtracking."""
    n = len(raw)
    j = i + 1
    while j < n and raw[j] not in _WS and raw[j] not in "/>":
        j += 1
    name = raw[i + 1:j].lower().replace("\0", "\ufffd")
    attrs: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    self_closing = False
    while True:
        while j < n and (raw[j] in _WS or raw[j] == "/"):
            self_closing = raw[j] == "/" and j + 1 < n and raw[j + 1] == ">"
            j += 1
        if j >= n:
            return None
        if raw[j] == ">":
            return j + 1, name, attrs, self_closing
        self_closing = False
        start = j
        j += 1  # the first character may be '=' (a parse error, but part of the name)
        while j < n and raw[j] not in _WS and raw[j] not in "/=>":
            j += 1
        attr = raw[start:j].lower()
        k = j
        while k < n and raw[k] in _WS:
            k += 1
        value: str | None = None
        if k < n and raw[k] == "=":
            k += 1
            while k < n and raw[k] in _WS:
                k += 1
            if k >= n:
                return None
            if raw[k] in "\"'":
                end = raw.find(raw[k], k + 1)
                if end < 0:
                    return None
                value, j = raw[k + 1:end], end + 1
            else:
                end = k
                while end < n and raw[end] not in _WS and raw[end] != ">":
                    end += 1
                value, j = raw[k:end], end
            value = _html.unescape(value)
        if attr not in seen:
            seen.add(attr)
            attrs.append((attr, value))


_SCRIPT_END = re.compile(r"</script(?=[\t\n\f\r />])", re.I)
_ESCAPED = re.compile(r"-->|</script(?=[\t\n\f\r />])|<script(?=[\t\n\f\r />])", re.I)
_DOUBLE_ESCAPED = re.compile(r"-->|</script(?=[\t\n\f\r />])", re.I)


class _At:
    def __init__(self, index: int) -> None:
        self.index = index

    def start(self) -> int:
        return self.index


class _ScriptEnd:
    """Where a script's text ends, as HTML5's script-data states find it: a `<!--` in it
    escapes `</script>` only for a `<script>` opened inside, until `-->` (HTMLParser's
    `interesting` pattern, duck-typed: `search` and `match`)."""

    def search(self, raw: str, i: int) -> _At | None:
        state, j = "data", i
        while True:
            if state == "data":
                k = raw.find("<", j)
                if k < 0:
                    return None
                if _SCRIPT_END.match(raw, k):
                    return _At(k)
                if raw.startswith("<!--", k):
                    state, j = "escaped", k + 2  # (its '--' may already close it: '<!-->')
                else:
                    j = k + 1
                continue
            m = (_ESCAPED if state == "escaped" else _DOUBLE_ESCAPED).search(raw, j)
            if m is None:
                return None
            found = m.group().lower()
            if found == "-->":
                state = "data"
            elif state == "escaped" and found.startswith("</"):
                return _At(m.start())
            else:  # '<script' escapes twice; '</script' in a double escape undoes one
                state = "double" if state == "escaped" else "escaped"
            j = m.end()

    def match(self, raw: str, i: int) -> re.Match | None:
        return _SCRIPT_END.match(raw, i)


# Elements whose content a browser (scripting on) reads as text up to their end tag.
RAW_TEXT = ("script", "style", "noscript", "iframe", "noembed", "noframes", "xmp")


class Html5Tokens(HTMLParser):
    """HTMLParser reading tags, comments and raw text as HTML5's tokeniser does (see the
    module's docstring); the events and their arguments are HTMLParser's."""

    CDATA_CONTENT_ELEMENTS = RAW_TEXT

    def set_cdata_mode(self, elem: str) -> None:
        self.cdata_elem = elem.lower()
        self._escapable = False  # (newer Pythons' flag for RCDATA: raw text is never decoded)
        if self.cdata_elem == "script":
            self.interesting = _ScriptEnd()
        else:
            self.interesting = re.compile(
                "</" + re.escape(self.cdata_elem) + r"(?=[\t\n\f\r />])", re.I)

    def parse_starttag(self, i: int) -> int:
        scanned = scan_start_tag(self.rawdata, i)
        if scanned is None:
            return -1
        end, tag, attrs, self_closing = scanned
        self._HTMLParser__starttag_text = self.rawdata[i:end]
        self.lasttag = tag
        if self_closing and tag not in RAW_TEXT:
            self.handle_startendtag(tag, attrs)
        else:  # a browser ignores the '/' of a raw-text element: its text starts
            self.handle_starttag(tag, attrs)
            if tag in RAW_TEXT:
                self.set_cdata_mode(tag)
        return end

    def parse_endtag(self, i: int) -> int:
        raw = self.rawdata
        if self.cdata_elem is not None and not self.interesting.match(raw, i):
            self.handle_data("</")  # '</' that does not end the raw text
            return i + 2
        if not _TAG_OPEN.match(raw, i):
            if raw.startswith("</>", i):
                return i + 3  # nothing, to browsers
            return self.parse_bogus_comment(i)  # '</ a>', '</1>': a comment
        scanned = scan_start_tag(raw, i + 1)  # an end tag's attributes are read alike
        if scanned is None:
            return -1
        self.handle_endtag(scanned[1])
        if self.cdata_elem is not None:
            self.clear_cdata_mode()
        return scanned[0]

    def parse_comment(self, i: int, report: int = 1) -> int:
        raw = self.rawdata
        j = i + 4
        if raw.startswith(">", j):  # <!--> : an empty comment
            end, stop = j, j + 1
        elif raw.startswith("->", j):  # <!---> : an empty comment
            end, stop = j, j + 2
        else:
            m = _COMMENT_END.search(raw, j)
            if m is None:
                return -1
            end, stop = m.start(), m.end()
        if report:
            self.handle_comment(raw[j:end])
        return stop

    def parse_html_declaration(self, i: int) -> int:
        raw = self.rawdata
        if raw.startswith("<!--", i):
            return self.parse_comment(i)
        if raw[i:i + 9].lower() == "<!doctype":
            return super().parse_html_declaration(i)
        return self.parse_bogus_comment(i)  # <![CDATA[…]]> too, in HTML content

    def handle_pi(self, data: str) -> None:
        self.handle_comment("?" + data)  # <?…> is a comment to browsers

    def close(self) -> None:
        raw = self.rawdata
        if self.cdata_elem is None and raw.startswith("<!--"):
            # a comment left open runs to the end (less the dashes of an unfinished '-->')
            self.handle_comment(re.sub(r"(?:--!|--|-)\Z", "", raw[4:]))
            self.rawdata = ""
        elif self.cdata_elem is None and _TAG_OPEN.match(raw) and (
                raw[1] == "/" or scan_start_tag(raw, 0) is None):
            self.rawdata = ""  # the text ends inside a tag: browsers drop it
        elif self.cdata_elem is not None and self.interesting.match(raw, 0) and \
                scan_start_tag(raw, 1) is None:
            self.rawdata = ""  # the text ends inside the raw text's end tag: dropped alike
        elif self.cdata_elem is None and (raw.startswith(("<!", "<?")) or raw.startswith("</")
                                          and len(raw) > 2):
            self.handle_comment(raw[1 if raw[1] == "?" else 2:])  # a bogus comment, to the end
            self.rawdata = ""
        super().close()
