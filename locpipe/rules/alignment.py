"""Markup and placeholders projected onto a translation through the model's attention.

The approach of the browser translation engines (Bergamot / Firefox Translations, `html.cpp`):
translate the text WITHOUT its tags, ask the model which source token each target token
attends to most (a hard alignment), and put each tag back around the target tokens aligned
with the source tokens it wrapped. Written here as pure functions over token lists and an
attention matrix (rows: target tokens, columns: source tokens), so any engine that can return
attention can use it and tests can drive it with hand-made matrices.

What the model reads (`plan`): markup tags (`<1>`, `</1>`, `<2/>`) are removed; each
placeholder (`<t1/>`, `<n1/>`) stands for words (a glossary term, a number), so it is kept as
one stand-in character chosen by the engine (an unknown token the model can copy), and the
sentence keeps its shape.

How codes come back (`project`), each exactly once, the nesting always valid:
- a placeholder the model copied stays where it was copied (the copy is itself chosen by
  attention); if it was copied more than once, the copy that attends most to the stand-in is
  kept; if it was dropped, it goes next to the target token that attends most to the stand-in;
- a paired tag wraps the smallest run of whole target words covering every target token
  aligned to a source token it wrapped (a contiguous hull: crossing alignments cannot split a
  tag). Tags are placed from the outside in: a tag is clipped to its parent's span, and a
  sibling that overlaps one already placed is trimmed to the part outside it (or, with no part
  left, becomes an empty pair beside it). A tag with no aligned target token wraps the target
  word with the most attention mass on its source span;
- a void tag goes before the first target token aligned to the source token that followed it
  (after the last one aligned to the token before it when none is), clipped to its parent's
  span;
- boundaries snap to whole words (SentencePiece's "▁" marks a word start) and leave
  punctuation outside a span's end.
Ties in the attention go to the earliest token. Hand-written: no maintained Python library
projects markup through attention (Bergamot's code is C++ inside its translator).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from locpipe.markup import INLINE_RE, PLACEHOLDER_RE, TAG_RE, misnested_tag

WORD_MARK = "▁"  # SentencePiece: this token starts a word


# --------------------------------------------------------------------------- verification


def markup_problem(source: str, output: str) -> str | None:
    """Why `output` does not carry the tags and placeholders of `source` (lost, duplicated,
    added, misnested, or a pair emptied of its words), or None when it does."""
    want, got = Counter(INLINE_RE.findall(source)), Counter(INLINE_RE.findall(output))
    for code in sorted(want | got):
        if got[code] < want[code]:
            return f"lost {code}"
        if got[code] > want[code]:
            return f"duplicated {code}" if want[code] else f"added {code}"
    bad = misnested_tag(output)
    if bad:
        return f"misnested {bad}"
    for m in TAG_RE.finditer(output):
        closing, num, void = m.groups()
        if not closing and not void:
            empty = f"<{num}></{num}>"
            if empty in output and empty not in source:
                return f"emptied <{num}>"
    return None


# --------------------------------------------------------------------------- what the model reads


@dataclass
class Code:
    """One tag or placeholder of the source: its text, its kind and where it sat in the
    model's text (`pos`, a character offset)."""

    text: str
    kind: str  # open | close | void | placeholder
    pos: int
    number: int = 0  # the tag's number (pairs an open with its close)


@dataclass
class Plan:
    """The model's text (tags removed, placeholders as stand-ins) and the codes taken out."""

    source: str
    text: str
    codes: list[Code]

    @property
    def placeholders(self) -> list[Code]:
        return [c for c in self.codes if c.kind == "placeholder"]


def plan(source: str, stand_in: Callable[[int], str]) -> Plan:
    """Strip the markup of `source`; the k-th placeholder (0-based) becomes `stand_in(k)`."""
    out: list[str] = []
    codes: list[Code] = []
    pos, length, k = 0, 0, 0
    for m in INLINE_RE.finditer(source):
        piece = source[pos:m.start()]
        out.append(piece)
        length += len(piece)
        tag = TAG_RE.fullmatch(m.group(0))
        if tag is None:  # a placeholder: keep a stand-in the model can copy
            codes.append(Code(m.group(0), "placeholder", length, k))
            ch = stand_in(k)
            out.append(ch)
            length += len(ch)
            k += 1
        else:
            closing, num, void = tag.groups()
            kind = "void" if void else "close" if closing else "open"
            codes.append(Code(m.group(0), kind, length, int(num)))
        pos = m.end()
    out.append(source[pos:])
    return Plan(source, "".join(out), codes)


def _visible(text: str) -> int:
    """Characters SentencePiece keeps as piece text: NFKC form, whitespace left out."""
    return sum(not c.isspace() for c in unicodedata.normalize("NFKC", text))


def token_starts(tokens: Sequence[str]) -> list[int]:
    """For each token, how many visible characters come before it."""
    starts, n = [], 0
    for tok in tokens:
        starts.append(n)
        n += _visible(tok.replace(WORD_MARK, " "))
    return starts


# --------------------------------------------------------------------------- projection


@dataclass
class _Node:
    code: Code | None  # None: the root; an open tag for pairs; a void tag
    close: Code | None = None
    children: list[_Node] = field(default_factory=list)
    src: tuple[int, int] = (0, 0)  # source token span [a, b) (a void: (b, b))
    span: tuple[int, int] = (0, 0)  # target item span [a, b) (a void or empty pair: (x, x))


def _tree(plan: Plan, starts: list[int], n_src: int) -> _Node:
    """The source tags as a tree with source token spans; unmatched tags become voids."""
    text = plan.text

    def boundary(pos: int) -> int:
        c = _visible(text[:pos])
        return sum(1 for s in starts if s < c) if starts else 0

    root = _Node(None, src=(0, n_src))
    stack = [root]
    opened: dict[int, _Node] = {}
    parent: dict[int, _Node] = {}
    for code in plan.codes:
        if code.kind == "placeholder":
            continue
        b = boundary(code.pos)
        if code.kind == "open":
            node = _Node(code, src=(b, b))
            stack[-1].children.append(node)
            parent[id(node)] = stack[-1]
            stack.append(node)
            opened[code.number] = node
        elif code.kind == "close" and stack[-1] is opened.get(code.number) and len(stack) > 1:
            node = stack.pop()
            node.close = code
            node.src = (node.src[0], b)
        else:  # a void tag, or a close that does not fit the nesting
            stack[-1].children.append(_Node(code, src=(b, b)))
    for node in reversed(stack[1:]):  # opened, never closed: a void, its children lifted
        up = parent[id(node)]
        at = up.children.index(node) + 1
        up.children[at:at] = node.children
        node.children = []
    return root


def _argmax(values: Sequence[float]) -> int:
    best, where = None, 0
    for i, v in enumerate(values):
        if best is None or v > best:
            best, where = v, i
    return where


@dataclass
class _Item:
    token: int | None  # index into the target tokens, or None for a placeholder
    align: int  # the source token it is aligned with
    word_start: bool
    punct: bool = False
    code: str = ""


def _placeholder_tokens(plan: Plan, source_tokens: Sequence[str], starts: list[int]
                        ) -> dict[int, int]:
    """Placeholder number -> the source token it stands in (the token its position falls
    in, else the one after it, at most the last)."""
    n_src = len(source_tokens)
    ph_token: dict[int, int] = {}
    for code in plan.placeholders:
        c = _visible(plan.text[:code.pos])
        inside = [i for i, s in enumerate(starts)
                  if s <= c < s + _visible(source_tokens[i].replace(WORD_MARK, " "))]
        ph_token[code.number] = inside[0] if inside else min(
            sum(1 for s in starts if s < c), max(n_src - 1, 0))
    return ph_token


def project(plan: Plan, source_tokens: Sequence[str], target_tokens: Sequence[str],
            attention: Sequence[Sequence[float]], stand_ins: Sequence[int | None]
            ) -> list[int | str]:
    """The translation with the source's codes put back: a list of target token indexes (in
    order, each kept token once) and code strings between them. `attention[t][s]` is how
    much target token t attends to source token s; `stand_ins[t]` is the placeholder number
    (0-based) target token t is a copy of, or None. Every code of `plan` appears exactly once
    and the tags are well nested."""
    n_src = len(source_tokens)
    starts = token_starts(source_tokens)
    holders = plan.placeholders
    ph_token = _placeholder_tokens(plan, source_tokens, starts)

    def col(t: int, s: int) -> float:
        row = attention[t] if t < len(attention) else ()
        return row[s] if s < len(row) else 0.0

    # 1. target items: ordinary tokens with their hard alignment; placeholder copies chosen
    kept: dict[int, int] = {}  # placeholder number -> the target token copy kept
    for t, k in enumerate(stand_ins):
        if k is None or k not in ph_token:
            continue
        if k not in kept or col(t, ph_token[k]) > col(kept[k], ph_token[k]):
            kept[k] = t
    items: list[_Item] = []
    for t, tok in enumerate(target_tokens):
        k = stand_ins[t] if t < len(stand_ins) else None
        if k is not None:
            if kept.get(k) == t:
                items.append(_Item(None, ph_token[k], True, code=holders[k].text))
            continue
        row = attention[t] if t < len(attention) else ()
        bare = tok.replace(WORD_MARK, "")
        items.append(_Item(t, _argmax(row) if n_src and row else 0, tok.startswith(WORD_MARK),
                           bool(bare) and not any(ch.isalnum() for ch in bare)))
    for code in holders:  # dropped by the model: next to the token that attends most
        if code.number in kept:
            continue
        s = ph_token[code.number]
        tokens = [i for i, it in enumerate(items) if it.token is not None]
        if not tokens:
            items.append(_Item(None, s, True, code=code.text))
            continue
        best = max(tokens, key=lambda i: (col(items[i].token, s), -i))
        at = best if items[best].align >= s else best + 1
        at = _snap_left(items, at) if at == best else _snap_right(items, at)
        items.insert(at, _Item(None, s, True, code=code.text))

    # 2. tags, from the outside in
    root = _tree(plan, starts, n_src)
    root.span = (0, len(items))
    _place_children(root, items, attention, col)

    # 3. the output: items and codes, walking the tree
    out: list[int | str] = []
    _emit(root, items, out)
    return out


def _boundary(items: list[_Item], x: int) -> bool:
    """May a tag go at position x (between items x-1 and x) without cutting a word?"""
    if x <= 0 or x >= len(items):
        return True
    prev, cur = items[x - 1], items[x]
    return cur.word_start or cur.punct or prev.punct or prev.token is None \
        or cur.token is None


def _snap_left(items: list[_Item], x: int) -> int:
    while not _boundary(items, x):
        x -= 1
    return x


def _snap_right(items: list[_Item], x: int) -> int:
    while not _boundary(items, x):
        x += 1
    # a span's end leaves trailing punctuation outside (<1>Homs</1>.)
    return x


def _place_children(node: _Node, items: list[_Item], attention, col) -> None:
    lo, hi = node.span
    placed: list[tuple[int, int]] = []
    for child in node.children:
        a, b = child.src
        if child.close is None:  # a void tag
            x = _void_position(a, items, lo, hi, col)
            child.span = (x, x)
            continue
        inside = [i for i in range(lo, hi) if a <= items[i].align < b]
        if a == b:
            x = _void_position(a, items, lo, hi, col)
            span = (x, x)
        elif inside:
            end = max(inside) + 1
            while end - 1 > min(inside) and items[end - 1].punct:
                end -= 1  # punctuation at the end stays outside
            span = (_snap_left(items, min(inside)), _snap_right(items, end))
        else:  # nothing aligned: the word with the most attention on the source span
            tokens = [i for i in range(lo, hi) if items[i].token is not None]
            if tokens:
                best = max(tokens, key=lambda i: (sum(col(items[i].token, s)
                                                      for s in range(a, b)), -i))
                span = (_snap_left(items, best), _snap_right(items, best + 1))
            else:
                span = (lo, lo)
        span = (max(lo, min(span[0], hi)), max(lo, min(span[1], hi)))
        child.span = _trim(span, placed)
        if child.span[0] < child.span[1]:
            placed.append(child.span)
        _place_children(child, items, attention, col)


def _trim(span: tuple[int, int], placed: list[tuple[int, int]]) -> tuple[int, int]:
    """`span` made disjoint from the sibling spans already placed."""
    a, b = span
    for _ in range(len(placed) + 1):
        changed = False
        for c, d in placed:
            if b <= c or a >= d:
                continue
            changed = True
            left, right = (a, min(b, c)), (max(a, d), b)
            if a < c and (c - a >= b - d or b <= d):
                a, b = left
            elif b > d:
                a, b = right
            else:  # entirely inside a sibling: an empty pair right after it
                a = b = d
        if not changed:
            break
    if a < b:
        return a, b
    x = a  # empty: not strictly inside any sibling
    for c, d in placed:
        if c < x < d:
            x = d
    return x, x


def _void_position(b: int, items: list[_Item], lo: int, hi: int, col) -> int:
    """Where a void tag that sat before source token b goes, within [lo, hi]."""
    after = [i for i in range(lo, hi) if items[i].align == b]
    if after:
        return max(lo, min(_snap_left(items, after[0]), hi))
    before = [i for i in range(lo, hi) if items[i].align == b - 1]
    if before:
        return max(lo, min(_snap_right(items, before[-1] + 1), hi))
    tokens = [i for i in range(lo, hi) if items[i].token is not None]
    if not tokens or b <= 0:
        return lo
    best = max(tokens, key=lambda i: (col(items[i].token, b), -i))
    return max(lo, min(_snap_left(items, best), hi))


def _emit(node: _Node, items: list[_Item], out: list[int | str]) -> None:
    lo, hi = node.span
    if node.code is not None:
        out.append(node.code.text)
        if node.close is None:  # a void tag
            return
    children = sorted(enumerate(node.children),
                      key=lambda c: (c[1].span[0], c[1].span[0] < c[1].span[1], c[0]))
    pos = lo
    for _, child in children:
        start, end = child.span
        for i in range(pos, start):
            out.append(items[i].token if items[i].token is not None else items[i].code)
        pos = max(pos, start)
        _emit(child, items, out)
        pos = max(pos, end)
    for i in range(pos, hi):
        out.append(items[i].token if items[i].token is not None else items[i].code)
    if node.close is not None:
        out.append(node.close.text)


def placeholders_of(text: str) -> list[str]:
    """The placeholders of `text`, in order."""
    return [m.group(0) for m in PLACEHOLDER_RE.finditer(text)]


def spaced(out: Sequence[int | str], target_tokens: Sequence[str]) -> list[str]:
    """The tokens of `project`'s result with the codes inserted as tokens, SentencePiece
    spacing kept: an opening tag takes the space before its first word ("▁<1>", then "Homs"),
    a closing tag sticks to the word before it, a void tag or a placeholder is a word of its
    own (a space before it, the next word keeps its own)."""
    result: list[str] = []
    pending: list[str] = []

    def flush(token: str | None) -> None:
        orig = token is not None and token.startswith(WORD_MARK)
        space = orig
        for code in pending:
            tag = TAG_RE.fullmatch(code)
            if tag and tag.group(1):  # closing
                result.append(code)
            elif tag and not tag.group(3):  # opening
                result.append((WORD_MARK if space else "") + code)
                space = False
            else:  # void tag or placeholder: a word of its own
                result.append(WORD_MARK + code)
                space = orig
        pending.clear()
        if token is not None:
            bare = token[1:] if orig else token
            result.append((WORD_MARK + bare) if space else bare)

    for x in out:
        if isinstance(x, str):
            pending.append(x)
        else:
            flush(target_tokens[x])
    flush(None)
    # a lone "▁" (SentencePiece writes one before an unknown character) next to another
    # space would double it
    return [p for i, p in enumerate(result)
            if p != WORD_MARK or (i + 1 < len(result) and not result[i + 1].startswith(WORD_MARK))]
