"""The few dataclasses every stage shares.

Inline markup travels inside segment text as numbered tags an editor can read and move:
`<1>…</1>` for an element around words, `<2/>` for an element kept whole (a `<br>`, an inline
`<code>`, anything marked translate="no"). `Segment.tags` maps each number to the original HTML,
attributes intact, so rendering puts back exactly what the source had.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from locpipe.markup import strip_tags

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
    list_id: int = 0  # consecutive list items with the same id form one list
    list_depth: int = 0  # 0 for an item of a top-level list, 1 inside it, …
    ordered: bool = False
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Document:
    """An article as read from one file."""

    path: Path
    slug: str
    format: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        return [s for b in self.blocks for s in b.segments]

    @property
    def title(self) -> str:
        for b in self.blocks:
            if b.kind == "headline":
                return strip_tags(b.text)
        return self.slug


SEVERITIES = ("error", "warning", "info")  # what Finding.severity can be, most severe first


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


def failing(findings: list[Finding], fail_on: str) -> list[Finding]:
    """The findings at `fail_on` severity or worse ("warning" takes errors too; "never": none),
    for desks whose scripts gate publishing on the exit code."""
    if fail_on == "never":
        return []
    worst = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return [f for f in findings if f.severity in worst]
