"""The few dataclasses every stage shares.

Inline markup travels inside segment text as numbered tags an editor can read and move:
`<1>…</1>` for an element around words, `<2/>` for an element kept whole (a `<br>`, an inline
`<code>`, anything marked translate="no"). `Segment.tags` maps each number to the original HTML,
attributes intact, so rendering puts back exactly what the source had.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from locpipe.markup import ATTRIBUTE_MARK_RE, strip_tags

T = TypeVar("T")

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

    @property
    def plain(self) -> str:
        """The text as a reader sees it, tags removed."""
        return strip_tags(self.text)


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
        return [s for b in self.blocks for s in (*b.segments, *b.attributes)]

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


FAIL_ON = ("error", "warning", "never")  # `translate --fail-on`: the least severe that fails


def failing(severities: dict[str, int], fail_on: str) -> dict[str, int]:
    """Of findings counted per severity (`tally(...)["severity"]`), those at `fail_on`
    severity or worse ("warning" takes errors too; "never": none), for desks whose scripts
    gate publishing on the exit code."""
    if fail_on == "never":
        return {}
    worst = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return {s: n for s, n in severities.items() if s in worst and n}
