"""The few dataclasses every stage shares.

Inline markup travels inside segment text as numbered tags an editor can read and move:
`<1>…</1>` for an element around words, `<2/>` for an element kept whole (a `<br>`, an inline
`<code>`, anything marked translate="no"). `Segment.tags` maps each number to the original HTML,
attributes intact, so rendering puts back exactly what the source had.
"""

from __future__ import annotations

import copy
import html
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from locpipe.errors import LocpipeError
from locpipe.markup import ATTRIBUTE_MARK_RE, TAG_RE, strip_tags

T = TypeVar("T")
R = TypeVar("R")

BLOCK_KINDS = ("headline", "subheading", "paragraph", "list_item", "quote", "raw")

@dataclass(frozen=True)
class Tag:
    """One inline element: `open`/`close` are its HTML; a void tag has `close == ""` and
    `open` holds the whole element (e.g. `<br>` or `<code>x</code>`)."""

    name: str
    open: str
    close: str = ""

    @property
    def void(self) -> bool:
        return self.close == ""


# What an element around words does, in a reviewer's words (the PO's `#.` lines, XLIFF disp).
_ROLES = {"a": "link", "em": "emphasis", "i": "italics", "strong": "bold", "b": "bold",
          "u": "underline", "s": "struck through", "del": "deleted", "ins": "inserted",
          "mark": "highlight", "sub": "subscript", "sup": "superscript", "small": "small print",
          "cite": "title of a work", "q": "quotation", "abbr": "abbreviation", "time": "time",
          "span": "span"}
_NOTE_HTML_MAX = 200  # longer source HTML is named, not quoted, in a tag note
_NOTE_TEXT_MAX = 80  # a longer code span's text is cut ("…") in its description
_SPACES = re.compile(r"\s+")
_ELEMENTS = re.compile(r"<[^>]*>")
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_NOTE = re.compile(r"^<(\d+)(/?)>(?:…</\1>)? = (.*\S) \((.+)\)$")


def tag_note(number: int, tag: Tag) -> str:
    """What numbered tag `number` stands for, for a reviewer: `<2/> = `coast` (code)`,
    `<1>…</1> = link to https://example.org/x (a)`. The part in parentheses is the element's
    name when the source HTML is exactly what the name and the description rebuild (see
    tag_from_note), else the source HTML itself (up to 200 characters; beyond, the name and
    the length)."""
    if tag.void:
        if tag.name == "br":
            what = "line break"
        elif tag.name == "img":
            what = "image"
        elif tag.name == "comment":
            what = "HTML comment"
        else:
            text = _SPACES.sub(" ", html.unescape(_ELEMENTS.sub("", tag.open))).strip()
            text = ATTRIBUTE_MARK_RE.sub("…", text)
            if len(text) > _NOTE_TEXT_MAX:
                text = text[:_NOTE_TEXT_MAX - 1].rstrip() + "…"
            what = f"`{text}`" if text else f"{tag.name} element"
        code = f"<{number}/>"
    else:
        what = _ROLES.get(tag.name, f"{tag.name} element")
        href = _HREF.search(tag.open) if tag.name == "a" else None
        if href:
            what = f"link to {html.unescape(next(g for g in href.groups() if g is not None))}"
        code = f"<{number}>…</{number}>"
    rebuilt = tag_from_note(f"{code} = {what} ({tag.name})")
    if rebuilt is not None and rebuilt[3] == (tag.open, tag.close):
        origin = tag.name
    elif len(tag.open) <= _NOTE_HTML_MAX:
        origin = ATTRIBUTE_MARK_RE.sub("…", tag.open)
    else:
        origin = f"{tag.name}, {len(tag.open):,} characters"
    return _SPACES.sub(" ", f"{code} = {what} ({origin})")


def tag_from_note(line: str) -> tuple[int, bool, str, tuple[str, str] | None] | None:
    """A tag note (tag_note) read back: (number, void, description, (open, close) HTML or
    None when the note does not carry it), or None for a line that is no tag note."""
    m = _NOTE.match(line)
    if not m:
        return None
    number, void, what, origin = int(m.group(1)), bool(m.group(2)), m.group(3), m.group(4)
    if origin.endswith(">") and " (<" in what:  # the source HTML starts at the first " (<"
        cut = m.group(0).index(" (<", m.start(3))
        what, origin = m.group(0)[m.start(3):cut], m.group(0)[cut + 2:-1]
    if origin.startswith("<"):
        name = re.match(r"<!--|<([^\s/>]+)", origin)
        close = "" if void or not name or not name.group(1) else f"</{name.group(1)}>"
        return number, void, what, (origin, close)
    if not re.fullmatch(r"[a-z][a-z0-9-]*", origin):
        return number, void, what, None  # "code, 2,400 characters"
    if void:
        if origin == "br" and what == "line break":
            return number, True, what, ("<br>", "")
        if what.startswith("`") and what.endswith("`") and len(what) > 2:
            text = html.escape(what[1:-1], quote=False)
            return number, True, what, (f"<{origin}>{text}</{origin}>", "")
        return number, True, what, None
    if origin == "a" and what.startswith("link to "):
        return number, False, what, (f'<a href="{html.escape(what[8:])}">', "</a>")
    if _ROLES.get(origin) == what:
        return number, False, what, (f"<{origin}>", f"</{origin}>")
    return number, False, what, None


def tag_notes(text: str, tags: dict[int, Tag]) -> list[str]:
    """The tag notes of the numbered tags in `text`, in the order they come."""
    numbers = dict.fromkeys(int(m.group(2)) for m in TAG_RE.finditer(text))
    return [tag_note(n, tags[n]) for n in numbers if n in tags]


_TRAILING_CLOSES = re.compile(r"((?:</\d+>)+)\s*\Z")
_LEADING_OPENS = re.compile(r"\A\s*((?:<\d+>)+)")
_ONE_CLOSE = re.compile(r"</\d+>")


def _trailing_closes(text: str) -> re.Match[str] | None:
    """_TRAILING_CLOSES.search(text), found from the end: the search tried every position
    of a text that grows as segments are joined (quadratic on a block of many segments)."""
    end = start = len(text.rstrip())
    while (j := text.rfind("</", 0, start)) >= 0 and _ONE_CLOSE.fullmatch(text, j, start):
        start = j
    return _TRAILING_CLOSES.match(text, start) if start < end else None


def join_continued(segments: list[Segment], texts: list[str], langs: list[str | None]
                   ) -> list[tuple[str, dict[int, Tag], str | None]]:
    """The block's segments as (text, tags, lang) to render, where an element the sentence
    split closed at the end of one segment and reopened at the start of the next (a link over
    two sentences) is one element again: the two texts become one, its tags renumbered. Only
    when the translation keeps them adjacent (the first still ends with the element, the next
    still starts with it) and neither segment is kept in another language."""
    out: list[tuple[str, dict[int, Tag], str | None]] = []
    for seg, text, lang in zip(segments, texts, langs, strict=True):
        if out and lang is None and out[-1][2] is None:
            joined = _join(out[-1][0], out[-1][1], text, seg.tags)
            if joined is not None:
                out[-1] = (*joined, None)
                continue
        out.append((text, seg.tags, lang))
    return out


def continued(a: str, tags_a: dict[int, Tag], b: str, tags_b: dict[int, Tag]) -> list[str]:
    """The names of the elements that close at the end of text `a` and reopen at the start of
    text `b` (one source element the sentence split cut in two), outermost first; [] when
    none does (or the texts no longer end and start with them)."""
    closes = _trailing_closes(a)
    opens = _LEADING_OPENS.match(b)
    if not closes or not opens:
        return []
    closed = [int(n) for n in re.findall(r"\d+", closes.group(1))][::-1]
    opened = [int(n) for n in re.findall(r"\d+", opens.group(1))]
    names = []
    for x, y in zip(closed, opened, strict=False):
        if x not in tags_a or tags_a[x] is not tags_b.get(y):
            break
        names.append(tags_a[x].name)
    return names


def _join(a: str, tags_a: dict[int, Tag], b: str, tags_b: dict[int, Tag]
          ) -> tuple[str, dict[int, Tag]] | None:
    closes = _trailing_closes(a)
    opens = _LEADING_OPENS.match(b)
    if not closes or not opens:
        return None
    closed = [int(n) for n in re.findall(r"\d+", closes.group(1))][::-1]  # outermost first
    opened = [int(n) for n in re.findall(r"\d+", opens.group(1))]
    same = len(continued(a, tags_a, b, tags_b))
    if not same:
        return None
    numbers = {opened[i]: closed[i] for i in range(same)}
    top = max(tags_a, default=0)
    for n in sorted(tags_b):
        if n not in numbers:
            top += 1
            numbers[n] = top
    kept_closes = "".join(f"</{n}>" for n in closed[same:][::-1])
    head = a[:closes.start()] + kept_closes
    rest = "".join(f"<{n}>" for n in opened[same:]) + b[opens.end():]
    rest = TAG_RE.sub(lambda m: f"<{m.group(1)}{numbers.get(int(m.group(2)), 0)}{m.group(3)}>",
                      rest)
    tags = dict(tags_a)
    tags.update({numbers[n]: t for n, t in tags_b.items()})
    return f"{head.rstrip()} {rest.lstrip()}", tags


def _copied(value: R) -> R:
    """copy.deepcopy(value), its own `__deepcopy__` called directly where it has one."""
    own = getattr(value, "__deepcopy__", None)
    return own({}) if own is not None else copy.deepcopy(value)


@dataclass
class Segment:
    """One sentence to translate, with a stable id (`slug:block.index`) PO and QA rely on."""

    id: str
    block: int
    index: int
    kind: str
    text: str  # source text with numbered markup tags
    line: int = 0
    tags: dict[int, Tag] = field(default_factory=dict)
    lang: str | None = None  # set when the segment is not in the source language
    note: str = ""  # what the unit is, for the editor (an attribute: "<img alt> in block 12")
    # results of `once`, by (function, arguments): kept as a copy, each caller gets its own
    _once: dict[tuple, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def plain(self) -> str:
        """The text as a reader sees it, tags removed."""
        return strip_tags(self.text)

    def once(self, fn: Callable[..., R], *args: Hashable) -> R:
        """`fn(*args)` computed once for this segment, whichever target language asks (a
        segment is the same source for every language: number detection is asked once per
        language with the same input). Each call gets a fresh copy: callers may change it.
        (copy.deepcopy: a result's own `__deepcopy__` where it knows a cheaper one, as number
        detection does; pickling each result both ways cost more.)"""
        key = (fn.__module__, fn.__qualname__, args)
        if key in self._once:
            return _copied(self._once[key])
        result = fn(*args)
        self._once[key] = _copied(result)
        return result


@dataclass
class Block:
    """A headline, subheading, paragraph, list item or quote; `raw` blocks pass through."""

    kind: str
    text: str = ""  # block text with numbered tags (before segmentation)
    tags: dict[int, Tag] = field(default_factory=dict)
    line: int = 0
    raw_html: str = ""  # for kind == "raw": emitted untouched
    # The source's own markup around the block's text (Document.markup): its element's start
    # tag and whatever came before it (list and table tags, comments, wrappers), its end tag
    # and what follows it at the end of the article. Empty for plain text.
    before: str = ""
    after: str = ""
    list_id: int = 0  # consecutive list items with the same id form one list
    list_depth: int = 0  # 0 for an item of a top-level list, 1 inside it, …
    ordered: bool = False
    segments: list[Segment] = field(default_factory=list)
    # Attribute texts of the block's elements (alt, title, aria-label): units of their own.
    attributes: list[Segment] = field(default_factory=list)
    note: str = ""  # what the reader could not keep as it was, for the editor (Segment.note)


@dataclass
class Attribute:
    """A translatable attribute value (alt, title, aria-label): the source HTML holds a mark
    (markup.attribute_mark) in its place, which rendering fills with the translation."""

    element: str  # "img"
    name: str  # "alt"
    text: str  # the value, decoded
    tag: int = 0  # its start tag in the document (one element's attributes share it)
    segment_id: str = ""  # set by segmentation


@dataclass
class Document:
    """An article as read from one file."""

    path: Path
    slug: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    # True when the blocks carry the source's markup (HTML, Markdown): pages and fragments
    # put it back as it was (`before`/`after`/`raw_html`) instead of building it from kinds.
    markup: bool = False
    attributes: list[Attribute] = field(default_factory=list)  # numbered by their marks

    @property
    def segments(self) -> list[Segment]:
        """Every segment in reading order: each block's, then its attributes' (a new list each
        time: the blocks are the truth)."""
        out: list[Segment] = []
        for b in self.blocks:
            out += b.segments
            if b.attributes:
                out += b.attributes
        return out

    @property
    def title(self) -> str:
        for b in self.blocks:
            if b.kind == "headline":
                return strip_tags(b.text)
        return self.slug


def attribute_segments(doc: Document, number: int, block: Block) -> list[Segment]:
    """The units of the attributes whose marks are in `block` (block `number`), in the order
    they come: ids name the element and the attribute (`slug:12.img.alt`, `slug:12.img2.alt`
    for a second image), the note says where an editor finds it ("<img alt> in block 12")."""
    html = [block.before, *(t.open for _, t in sorted(block.tags.items())), block.raw_html,
            block.after]
    if not any("\ue000" in part for part in html):  # no mark (most blocks): nothing to look up
        return []
    seen: dict[str, list[int]] = {}  # element name -> its start tags met in this block
    found: list[Segment] = []
    for n in dict.fromkeys(int(m.group(1)) for part in html
                           for m in ATTRIBUTE_MARK_RE.finditer(part)):
        attr = doc.attributes[n]
        tags = seen.setdefault(attr.element, [])
        if attr.tag not in tags:
            tags.append(attr.tag)
        k = tags.index(attr.tag) + 1
        attr.segment_id = f"{doc.slug}:{number}.{attr.element}{k if k > 1 else ''}.{attr.name}"
        found.append(Segment(id=attr.segment_id, block=number,
                             index=len(block.segments) + len(found) + 1, kind="attribute",
                             text=attr.text, line=block.line,
                             note=f"<{attr.element} {attr.name}> in block {number}"))
    return found


SEVERITIES = ("error", "warning", "info")  # what Finding.severity can be, most severe first


def tally(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """(severity, check) pairs counted: {"severity": {...}, "check": {...}}, severities most
    severe first (any unknown one after, by name), checks by name. The run summary, the QA
    report, `qa --format json` and the manifests all count findings this one way."""
    pairs = list(pairs)
    sev = Counter(s for s, _ in pairs)
    order = (*SEVERITIES, *sorted(set(sev) - set(SEVERITIES)))
    return {"severity": {s: sev[s] for s in order if sev[s]},
            "check": dict(sorted(Counter(c for _, c in pairs).items()))}


@dataclass
class Finding:
    """Something an editor should look at in one segment of one language."""

    segment_id: str
    check: str
    severity: str  # one of SEVERITIES
    message: str
    lang: str = ""


@dataclass
class Unit:
    """One segment on its way into one target language; stages fill it in turn."""

    segment: Segment
    lang: str
    engine_input: str = ""  # what the engine is given (after protection)
    output: str = ""  # what the engine returned
    target: str = ""  # final text, markup tags included
    origin: str = "machine"  # machine | reviewed | memory | copy
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the PO extracted comments
    state: dict[type, object] = field(default_factory=dict)  # one dataclass per stage

    def get(self, kind: type[T]) -> T | None:
        """The state a stage left on this unit (NumberState, TermState, OutputLanguage…), or
        None when that stage did not process it. Keyed by the state's type, so it is typed."""
        found = self.state.get(kind)
        return found if isinstance(found, kind) else None

    def put(self, value: object) -> None:
        """Record a stage's state (one per type)."""
        self.state[type(value)] = value

    def flag(self, check: str, severity: str, message: str) -> None:
        self.findings.append(Finding(self.segment.id, check, severity, message, self.lang))


@dataclass
class Draft:
    """One article on its way through the article stages (read, segment, the source-language
    check: `pipeline.ARTICLE_PIPELINE`), before any target language. A stage that cannot go
    on with it sets `failure` (a LocpipeError naming the file: `each`); one that finds it
    needs no work sets `settled` (up to date); later stages pass both by."""

    path: Path
    folder: str  # its output folder: the document's slug
    identity: str = ""  # see locpipe.identity
    position: int = 0  # in the run's input order
    doc: Document | None = None
    failure: LocpipeError | None = None
    settled: bool = False

    @property
    def going(self) -> bool:
        return self.failure is None and not self.settled


def each(drafts: list[Draft], fn: Callable[[Draft], None]) -> None:
    """`fn(draft)` for each draft still going; a LocpipeError fails that draft alone (the
    others of the batch go on: bad input is one article's failure, never the run's)."""
    for draft in drafts:
        if draft.going:
            try:
                fn(draft)
            except LocpipeError as exc:
                draft.failure = exc


FAIL_ON = ("error", "warning", "never")  # `translate --fail-on`: the least severe that fails


def failing(severities: dict[str, int], fail_on: str) -> dict[str, int]:
    """Of findings counted per severity (`tally(...)["severity"]`), those at `fail_on`
    severity or worse ("warning" takes errors too; "never": none), for desks whose scripts
    gate publishing on the exit code."""
    if fail_on == "never":
        return {}
    worst = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return {s: n for s, n in severities.items() if s in worst and n}
