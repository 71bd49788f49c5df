"""The grammar of what travels inside segment text, defined once.

Inline markup is numbered tags an editor can read and move: `<1>…</1>` for an element around
words, `<2/>` for an element kept whole (a `<br>`, an inline `<code>`). Protected spans
(glossary terms, numbers, URLs) travel through the engine as void placeholders with a kind
letter: `<t1/>` (term), `<n1/>` (number or date). Everything that reads, writes, masks,
checks or exports these uses the patterns below.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Markup tags: <1>, </1>, <1/>  (groups: closing slash, number, void slash)
TAG_RE = re.compile(r"<(/?)(\d+)(/?)>")
# Placeholders: <t1/>, <n1/>  (groups: kind letter, number)
PLACEHOLDER_RE = re.compile(r"<([a-z])(\d+)/>")
# Either of the two: what an engine must carry through untouched.
INLINE_RE = re.compile(r"</?\d+/?>|<[a-z]\d+/>")
# Either, with the kind letter optional (groups: closing slash, kind+number, void slash).
CODE_RE = re.compile(r"<(/?)([a-z]?\d+)(/?)>")
# What an engine leaves of a tag or placeholder it damaged: "< 1/>", "<T 2 />", "&lt;n1/&gt;".
DEBRIS_RE = re.compile(r"<\s*/?\s*[a-z]?\s*\d+\s*/?\s*>|&lt;/?[a-z]?\d+/?&gt;")


def loose_placeholder_re(kind: str) -> re.Pattern:
    """A placeholder of `kind` as an engine may return it: case, spaces or a slash changed
    ("<N 1>", "< n1 />"). Group 1 is the number."""
    k = re.escape(kind.lower()) + re.escape(kind.upper())
    return re.compile(rf"<\s*[{k}]\s*(\d+)\s*/?\s*>")


def placeholder(kind: str, number: int) -> str:
    """The placeholder for the `number`-th protected span of `kind` in a segment."""
    return f"<{kind}{number}/>"


def strip_tags(text: str) -> str:
    """The text with markup tags removed (placeholders kept)."""
    return TAG_RE.sub("", text) if "<" in text else text  # (most segments have none)


def words_only(text: str) -> str:
    """The text with markup tags removed and placeholders turned into spaces: what language
    detection and number reading look at."""
    return PLACEHOLDER_RE.sub(" ", TAG_RE.sub("", text)) if "<" in text else text


def between(pattern: re.Pattern, text: str, fn: Callable[[str], str]) -> str:
    """`text` with `fn` applied to what lies between matches of `pattern`; matches unchanged."""
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(fn(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fn(text[pos:]))
    return "".join(out)


def misnested_tag(text: str) -> str | None:
    """The first numbered tag that breaks the nesting ("</2>" closed before it was opened or
    across another pair, "<3>" never closed), or None. An engine or an editor can move tags,
    but <1><2></1></2> cannot be rendered as HTML."""
    stack: list[str] = []
    for m in TAG_RE.finditer(text):
        closing, num, void = m.groups()
        if void:
            continue
        if not closing:
            stack.append(num)
        elif not stack or stack.pop() != num:
            return m.group(0)
    return f"<{stack[-1]}>" if stack else None


# Where a translatable attribute value (alt, title, aria-label) stood in the source HTML: a
# private-use mark around the attribute's number in Document.attributes (group 1). It never
# reaches an engine or an editor; rendering replaces it with the translated value.
ATTRIBUTE_MARK_RE = re.compile("\ue000(\\d+)\ue001")


def attribute_mark(number: int) -> str:
    """The mark standing for attribute `number` in source HTML (see ATTRIBUTE_MARK_RE)."""
    return f"\ue000{number}\ue001"


# What the HTML reader tells the editor when identical inline elements nested deeper than it
# keeps were read as part of the ones around them (their text kept, those levels lost): the
# segment's note and its PO entry's `#.` comment carry it; the QA check `nesting` finds it there.
# (groups: how many, the element names, the depth bound)
MERGED_NOTE_RE = re.compile(r"markup: ([\d,]+) ((?:<\w+>, )*<\w+>) elements nested more than "
                            r"(\d+) deep inside identical ones were merged into them")


def merged_note(names: list[str], depth: int) -> str:
    """The note for the identical elements named in `names` (one name per element, in the
    order met) nested past `depth` and merged into the ones around them."""
    listed = ", ".join(f"<{t}>" for t in dict.fromkeys(names))
    return (f"markup: {len(names):,} {listed} elements nested more than {depth} deep inside "
            "identical ones were merged into them")
