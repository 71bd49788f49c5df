"""Aligning source values with a translation's numbers, checking, restoring and repairing.

Part of locpipe.rules.numbers (the design note is in its __init__)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from locpipe.languages import language_name
from locpipe.markup import PLACEHOLDER_RE, TAG_RE, loose_placeholder_re, words_only
from locpipe.rules.numbers.detect import _EXT_RE, Quantity, detect
from locpipe.rules.numbers.read import _FOLD, Token, _target_keys
from locpipe.rules.numbers.render import Style, _number, _percent, render, style_for

# ----------------------------------------------------------------------------------------------
# Verification

@dataclass
class Match:
    """How the values of a source line up with the numbers of a translation."""

    pairs: list[tuple[Quantity, frozenset, Token | None, bool]] = field(default_factory=list)
    missing: list[tuple[Quantity, frozenset]] = field(default_factory=list)
    extra: list[Token] = field(default_factory=list)
    stray_scales: list[int] = field(default_factory=list)  # scale words the source lacks


def align(quantities: list[Quantity], ignored: list[Decimal], text: str, style: Style,
          scales: list[int] | None = None) -> Match:
    """Pair each value of the source with what stands for it in the translation: a word
    (month, scale, decade) or a number token, the least flexible values choosing first, each
    taking the first free token (in text order) that reads as it. Tokens are indexed by what
    they read as, so the pairing is linear in the number of values and tokens."""
    text, kept = _verbatim(quantities, text)
    tokens, words = _target_keys(text, style)
    wanted = [(q, ks) for q in quantities if id(q) not in kept for ks in q.keys()]
    res = Match()
    res.pairs = [(q, ks, None, False) for q in quantities if id(q) in kept for ks in q.keys()]
    word_count = Counter(words)
    used_words: Counter = Counter()
    open_: list[tuple[Quantity, frozenset]] = []
    # word-borne keys (months, scales, a duration's word: "يومين") first, then numbers read
    # the target's way, then others
    for q, ks in wanted:
        hit = next((k for k in ks if k[0] in ("m", "s", "d", "u") and word_count[k] > 0),
                   None)
        if hit:
            word_count[hit] -= 1
            used_words[hit] += 1
            res.pairs.append((q, ks, None, False))
        else:
            open_.append((q, ks))
    open_.sort(key=lambda item: len(item[1]))  # the least flexible values choose first
    used = [False] * len(tokens)
    for attr, changed in (("keys", False), ("alt", True), ("pieces", True)):
        index: dict[tuple, deque[int]] = {}
        for i, tok in enumerate(tokens):
            if not used[i]:
                for key in getattr(tok, attr):
                    index.setdefault(key, deque()).append(i)
        still = []
        for q, ks in open_:
            best = None
            for key in ks:
                queue = index.get(key)
                while queue and used[queue[0]]:
                    queue.popleft()
                if queue and (best is None or queue[0] < best):
                    best = queue[0]
            if best is None:
                still.append((q, ks))
                continue
            used[best] = True
            res.pairs.append((q, ks, tokens[best], changed))
            pair = tokens[best].seconds
            if pair is not None and any(k[0] == "t" for k in ks & getattr(tokens[best], attr)):
                used[tokens.index(pair)] = True  # "1 min 58 s" read whole as 1:58
        open_ = still
    open_ = _written_in_full(open_, tokens, used, res)
    res.missing = []
    for q, ks in open_:  # a count the translation spells out ("trois", "ثلاث"), read last:
        # the digits of the translation always pair first
        hit = next((("w", k[1]) for k in ks if k[0] == "n" and word_count[("w", k[1])] > 0),
                   None)
        if hit is None:
            res.missing.append((q, ks))
            continue
        word_count[hit] -= 1
        used_words[hit] += 1
        res.pairs.append((q, ks, None, False))
    if scales is not None:  # a scale word no source value or word accounts for ("billions")
        allowed = Counter(scales)
        for word in words:  # the words left after pairing, in text order
            if used_words[word]:
                used_words[word] -= 1
            elif word[0] == "s":
                if allowed[word[1]]:
                    allowed[word[1]] -= 1
                else:
                    res.stray_scales.append(word[1])
    res.extra = _uncarried(tokens, used, ignored)
    return res


def _written_in_full(open_: list[tuple[Quantity, frozenset]], tokens: list[Token],
                     used: list[bool], res: Match) -> list[tuple[Quantity, frozenset]]:
    """A scaled value the translation writes as one full figure ("2 500 000" for "2.5
    million"): a free token reading as the figure times its scale stands for both the figure
    and the scale word, which are then no longer missing; it is grouped as a full figure is,
    and left as written (repair does not turn it into the scaled form). (open_ left)"""
    scaled = {id(q) for q, ks in open_ if q.scale in (6, 9, 12) and ("s", q.scale) in ks}
    if not scaled:
        return open_
    found: set[int] = set()
    for q, ks in open_:
        if id(q) not in scaled or ("s", q.scale) in ks or id(q) in found:
            continue
        full = {("n", v.scaleb(q.scale).normalize()) for kind, v in ks if kind == "n"}
        best = next((i for i, tok in enumerate(tokens) if not used[i] and
                     {(k, v.normalize()) for k, v in tok.keys | tok.alt if k == "n"} & full),
                    None)
        if best is not None:
            used[best] = True
            found.add(id(q))
            res.pairs.append((q, ks, None, False))  # its grouping is the full figure's
    return [(q, ks) for q, ks in open_ if id(q) not in found]


_SPACES = str.maketrans("\u00a0\u202f\u2009", "   ")


def _verbatim(quantities: list[Quantity], text: str) -> tuple[str, set[int]]:
    """Phone numbers and codes (IP addresses, ISBNs, versions) the translation carries as the
    source wrote them (in any digits): paired at once, and blanked so that their groups are
    not read as figures ("622 15 31 23" is one number, not four). (text, ids of those found)"""
    kept: set[int] = set()
    folded = None
    for q in quantities:
        if q.kind not in ("phone", "code"):
            continue
        # a phone number's extension may be written in the translation's words ("poste 21")
        for written in dict.fromkeys((q.text, _EXT_RE.sub("", q.text))):
            i = text.find(written)
            if i < 0 and not text.isascii():  # other digits, no-break spaces (same lengths)
                folded = text.translate(_FOLD).translate(_SPACES) if folded is None else folded
                i = folded.find(written)
            if i >= 0:
                text = text[:i] + " " * len(written) + text[i + len(written):]
                folded = None
                kept.add(id(q))
                break
    return text, kept


def _uncarried(tokens: list[Token], used: list[bool], ignored: list[Decimal]) -> list[Token]:
    """The tokens left over that no value the translation may carry accounts for (the
    digits of an identifier, an ordinal): each such value accounts for one leftover token,
    the first in the source's order that it reads as."""
    extra: list[Token] = []
    pool: dict[Decimal, deque[int]] = {}
    for i, v in enumerate(ignored):
        pool.setdefault(v, deque()).append(i)
    for i, tok in enumerate(tokens):
        if used[i]:
            continue
        best_v, best_i = None, None
        for key in tok.keys | tok.alt | tok.pieces:
            if key[0] == "n" and pool.get(key[1]) and (best_i is None
                                                       or pool[key[1]][0] < best_i):
                best_v, best_i = key[1], pool[key[1]][0]
        if best_i is not None:
            pool[best_v].popleft()
        else:
            extra.append(tok)
    return extra


def _what(q: Quantity, ks: frozenset) -> str:
    if any(k[0] == "s" for k in ks):
        exp = next(k[1] for k in ks)
        return f"the scale of '{q.text}' ({_SCALE_NAMES[exp]})"
    if q.kind in ("date", "datetime") and any(k[0] == "m" for k in ks):
        return f"the month of '{q.text}'"
    return f"'{q.text}'"


_SCALE_NAMES = {6: "million", 9: "billion", 12: "trillion"}


def describe(m: Match, style: Style, words_translated: bool = True) -> list[str]:
    """One message per problem. `words_translated=False` (a pseudo-translation: the engine
    spells every word out of its language) does not ask for the scale words the engine had
    to translate; a scale word that changes the value is still reported."""
    name = language_name(style.lang)
    out = []
    for q, ks, tok, changed in m.pairs:
        if tok is None:
            continue
        if changed:
            out.append(f"'{tok.text.strip()}' does not read as {q.text} in {name} "
                       f"({style.locale}); write '{_form(q, ks, tok, style)}'")
        elif tok.mixed:
            out.append(f"'{tok.text.strip()}' mixes digit systems")
        elif tok.grouped and not q.grouped and q.kind in ("year", "date", "number", "decade"):
            out.append(f"'{tok.text.strip()}' groups digits the source writes as {q.text} "
                       "(years and identifiers are never grouped)")
    for q, ks in m.missing:
        if not words_translated and q.kind != "money" and any(k[0] == "s" for k in ks):
            continue
        out.append(f"{_what(q, ks)} is missing from the translation or changed")
    scale_missing = any(k[0] == "s" for _q, ks in m.missing for k in ks)
    for exp in [] if scale_missing and words_translated else m.stray_scales:
        out.append(f"the translation has a scale word for 10^{exp} ({_SCALE_NAMES[exp]}) "
                   "that the source does not have; check the figure")
    for tok in m.extra:
        out.append(f"'{tok.text.strip()}' in the translation is not in the source")
    return out


def _form(q: Quantity, ks: frozenset, tok: Token, style: Style) -> str:
    """How the target locale writes the number of `q` that `tok` stands for: the value the
    token reads as (a decade is 1990 or 90), chosen in a fixed order, never by set order."""
    values = sorted(k[1] for k in ks if k[0] == "n")
    value = next((v for v in values if ("n", v) in tok.readings), values[-1])
    if q.kind == "percent" and tok.percent:
        return _percent(value, style)
    return _number(value, q.grouped or (q.kind in ("money", "number") and q.scale > 0), style)


def check_numbers(source: str, target: str, lang: str, settings: Any) -> list[str]:
    """Numbers: every value of the source appears, unchanged, in the translation.

    Pure: compares an English source text with its translation into `lang` (markup tags and
    placeholders ignored) and returns one message per problem; empty means the values agree.
    """
    det = detect(TAG_RE.sub("", source), getattr(settings, "date_order", "mdy"))
    quantities = [q for _, _, q in det.spans]
    style = style_for(lang, settings)
    return describe(align(quantities, det.ignored, words_only(target), style, det.scales),
                    style)


# ----------------------------------------------------------------------------------------------
# Restoring: placeholders back in the target's form, digits the engine saw repaired

# Engines space out or re-case placeholders ("< n1 />", "<N1/>"); these are still ours.
LOOSE_PLACEHOLDER_RE = loose_placeholder_re("n")

_COMPOUND_BEFORE = re.compile(r"\d[-/:]$")
_COMPOUND_AFTER = re.compile(r"[-/:]\d")
# A run of digits with its separators, not inside another: the first digit is matched before
# the look-behind, so a search skips to the text's digits (most texts have none) instead of
# testing the look-behind at every position; the same runs as (?<![\d.,])\d+(?:[.,]\d+)*(?!\d).
DIGIT_RUN = re.compile(r"\d(?<![\d.,]\d)\d*(?:[.,]\d+)*(?!\d)")


# The sentence's own full stop (or an ellipsis) right after a value, closing tags between.
_STOP_AFTER = re.compile(r"(?:</\d+>)*\.")


def restore_text(output: str, values: dict[int, Quantity], style: Style
                 ) -> tuple[str, list[str]]:
    """Placeholders -> localized values. Unknown placeholders are removed and reported;
    dropped or duplicated ones show up in the value check that follows. A value whose CLDR
    form ends with a full stop ("3 марта 2025 г.", "15:30 ч.", "mart 2025.") before the
    sentence's full stop gives one stop, not two."""
    problems: list[str] = []

    def sub(m: re.Match) -> str:
        q = values.get(int(m.group(1)))
        if q is None:
            problems.append(f"the engine produced a number placeholder '{m.group(0)}' the "
                            "source does not have; it was removed")
            return ""
        text = render(q, style)
        if text.endswith(".") and _STOP_AFTER.match(output, m.end()):
            return text[:-1]  # "2025 г." ending the sentence: one full stop, not "г.."
        return text

    return LOOSE_PLACEHOLDER_RE.sub(sub, output), problems


def repair(text: str, quantities: list[Quantity], ignored: list[Decimal], style: Style,
           match: Match | None = None) -> tuple[str, list[str]]:
    """Rewrite numbers whose value is certain but whose form is wrong for the locale
    ("50.000" or "50,000" for 50 000 in French, "1 982", mixed digits, "40%" in French)."""
    plain = words_only(text)
    m = match or align(quantities, ignored, plain, style)
    edits = []
    for q, ks, tok, _changed in m.pairs:
        if tok is None or not any(k[0] == "n" for k in ks) or \
                q.kind in ("time", "timerange", "datetime") or \
                tok.counted:  # 320万 is not written as 3.2 (millions): left as it is
            continue
        if not tok.readings & ks:
            continue  # only a piece of the token is this value: never merge numbers into one
        if _COMPOUND_BEFORE.search(plain, max(0, tok.start - 3), tok.start) or \
                _COMPOUND_AFTER.match(plain, tok.end):
            continue  # part of a compound (2024-12-05, 03/04): leave it as written
        if tok.percent and q.kind != "percent":
            continue
        want = _form(q, ks, tok, style)
        if tok.text.strip() != want:
            edits.append((tok, want))
    if not edits:
        return text, []
    # positions in the plain text differ from those in the text (tags removed, placeholders
    # shortened to one space): mapped once, and the text is built from pieces
    to_text = _plain_to_text(text)
    out, notes, pos = [], [], 0
    for tok, want in sorted(edits, key=lambda e: e[0].start):
        raw = tok.text.strip()
        idx = to_text(tok.start + len(tok.text) - len(tok.text.lstrip()))
        if idx < pos or not text.startswith(raw, idx):
            continue  # the token runs across a tag: not one piece of the text to rewrite
        out.append(text[pos:idx])
        out.append(want)
        pos = idx + len(raw)
        notes.append(f"'{raw}' → '{want}'")
    out.append(text[pos:])
    return "".join(out), notes


def _plain_to_text(text: str) -> Callable[[int], int]:
    """Map a position of `words_only(text)` to the position of the same character in `text`
    (tags removed, each placeholder shortened to one space): computed once per text, then
    a binary search per position."""
    tag_at: list[int] = []  # where a tag was removed, in the text without tags
    tag_len: list[int] = []  # total length of the tags removed up to there
    total = 0
    for m in TAG_RE.finditer(text):
        total += m.end() - m.start()
        tag_at.append(m.end() - total)
        tag_len.append(total)
    stripped = TAG_RE.sub("", text)
    ph_at: list[int] = []  # in the plain text, the position just after a placeholder's space
    ph_len: list[int] = []  # total length the placeholders lost up to there
    total = 0
    for m in PLACEHOLDER_RE.finditer(stripped):
        ph_at.append(m.start() - total + 1)
        total += m.end() - m.start() - 1
        ph_len.append(total)

    def to_text(pos: int) -> int:
        k = bisect_right(ph_at, pos)
        pos += ph_len[k - 1] if k else 0
        k = bisect_right(tag_at, pos)
        return pos + (tag_len[k - 1] if k else 0)

    return to_text
