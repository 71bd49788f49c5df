"""Source consistency: an article's English checked against the glossary, before translation.

Variant and deprecated spellings, near-misses of multi-word names, acronyms used before they
are defined, each with line:column and, where there is a sure one, the fix. Pure: text in,
findings out (reading and rewriting the article is `locpipe.terminology`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rapidfuzz.distance import OSA

from locpipe.rules.terms import Entry, Glossary, Match, is_capitals, term_key, word_key


@dataclass
class SourceFinding:
    """A consistency problem in an article: where, what, and the fix if there is a sure one."""

    path: Path
    line: int
    column: int
    message: str
    start: int = 0
    end: int = 0
    replacement: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"




def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1



def check_text(text: str, glossary: Glossary, path: Path) -> list[SourceFinding]:
    """Variant spellings, deprecated forms, near-misses of multi-word names and acronyms used
    before they are defined, in one article's raw text (so line:column are the editor's);
    `path` only names the article in the findings."""
    findings: list[SourceFinding] = []

    def add(start: int, end: int, message: str, replacement: str | None = None) -> None:
        line, col = _position(text, start)
        findings.append(SourceFinding(path, line, col, message, start, end, replacement))

    markup = [(t.start(), t.end()) for t in re.finditer(r"<[^<>]*>", text)]
    starts = [a for a, _ in markup]

    def in_markup(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k >= 0 and i < markup[k][1]

    matches = [m for m in glossary.find(text)  # names inside HTML tags/attributes are not text
               if not in_markup(m.start)]
    defined: set[int] = set()
    for m in matches:
        entry = m.entry
        if entry.policy == "forbid":
            add(m.start, m.end, f"'{m.text}' is deprecated; write '{entry.canonical}'",
                entry.canonical)
            continue
        written, canonical = _apostrophes(m.text), _apostrophes(entry.canonical)
        if is_capitals(m):  # a dateline: the name in capitals is fine, a variant is not
            written, canonical = (m.text if m.form == entry.canonical else m.form).upper(), \
                canonical.upper()
        if entry.policy != "accept" and written != canonical and not (
                canonical[:1].islower() and written == canonical[:1].upper() + canonical[1:]):
            add(m.start, m.end, f"variant spelling '{m.text}'; the glossary writes "
                                f"'{canonical}'", canonical)
        if entry.type == "acronym" and id(entry) not in defined:
            defined.add(id(entry))
            if not _in_brackets(text, m.start, m.end):
                full = entry.note or "its full name"
                add(m.start, m.end, f"acronym '{m.text}' used before it is defined; write "
                                    f"'{full} ({entry.canonical})' at its first mention")
    findings += _near_misses(text, path, matches, glossary, markup)
    findings.sort(key=lambda f: (f.start, f.message))
    return findings



_TAGS_BEFORE = re.compile(r"\((?:\s*<[^<>]*>)*\s*$")  # "(", "(<abbr>", "( <b><abbr title=…>"
_TAGS_AFTER = re.compile(r"(?:\s*</?[^<>]*>)*\s*\)")  # ")", "</abbr>)"


def _in_brackets(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) is in brackets, markup around it allowed: "World Food
    Programme (WFP)", "(<abbr>WFP</abbr>)" both define WFP."""
    return bool(_TAGS_BEFORE.search(text, max(0, start - 200), start)
                and _TAGS_AFTER.match(text, end))


# Words a name keeps or loses without becoming another name: English function words and the
# Arabic article as transliterations write it (al-, el-, ash-, ez-…). Hand-written: small and
# closed; no library lists them for this purpose.
FUNCTION_WORDS = frozenset("""a an and at by de del der des di du for in la le of on the to
    van von al el ul ad ar as ash at az ad ed en er es et ez""".split())
_TOKEN = re.compile(r"[^\W\d_][\w'’]*")
_JOIN = frozenset(" \u00a0-\u2010\u2011")


class _Token(NamedTuple):
    start: int
    end: int  # without a possessive 's
    raw: str  # word_key of the word as written
    key: str  # the same through the spellings table (moslem -> muslim)
    joins: bool = False  # followed by a space or hyphen and another word (a name goes on)


def _key(word: str, spellings: dict[str, str]) -> tuple[str, str]:
    raw = word_key(word)
    key = spellings.get(raw)
    if key is None and raw.endswith("s") and raw[:-1] in spellings:
        key = spellings[raw[:-1]] + "s"  # Alawis -> alawites
    return raw, key or raw


def _tokens(text: str, spellings: dict[str, str]) -> list[_Token]:
    spans = [w.span() for w in _TOKEN.finditer(text)]
    memo: dict[str, tuple[str, str]] = {}
    out = []
    for i, (a, b) in enumerate(spans):
        word = text[a:b]
        keys = memo.get(word)
        if keys is None:
            keys = memo[word] = _key(word, spellings)
        possessive = b - a > 2 and word[-1] == "s" and word[-2] in "'’"
        joins = (not possessive and i + 1 < len(spans) and spans[i + 1][0] == b + 1
                 and text[b] in _JOIN)
        out.append(_Token(a, b - 2 if possessive else b, keys[0], keys[1], joins))
    return out


def _close(a: str, b: str) -> bool:
    """Two content words one typo apart: same first letter, edit distance (with
    transpositions, rapidfuzz OSA) at most 1 for words of 4-5 letters, 2 from 6 letters;
    words of 3 letters or fewer must be equal (UN / EU)."""
    longest = max(len(a), len(b))
    allowed = 0 if longest <= 3 else 1 if longest <= 5 else 2
    return allowed > 0 and a[:1] == b[:1] and \
        OSA.distance(a, b, score_cutoff=allowed) <= allowed


def _align(form: list[str], text: list[str]) -> str | None:
    """How a run of text words differs from a name's words (word keys), if by at most one
    word: "same" (only case, accents, apostrophes or a listed spelling), "function" (one
    function word inserted, dropped or changed inside the name), "typo" (one content word
    within `_close`); None otherwise."""
    n, m = len(form), len(text)
    if m == n:
        diff = [k for k in range(n) if form[k] != text[k]]
        if not diff:
            return "same"
        if len(diff) > 1:
            return None
        a, b = form[diff[0]], text[diff[0]]
        if a in FUNCTION_WORDS and b in FUNCTION_WORDS:
            return "function"
        if a not in FUNCTION_WORDS and b not in FUNCTION_WORDS and _close(a, b):
            return "typo"
        return None
    longer, shorter = (text, form) if m == n + 1 else (form, text) if m == n - 1 else ((), ())
    for k in range(1, len(longer) - 1):  # inside the name, never at its edges
        if longer[k] in FUNCTION_WORDS and longer[k] != shorter[k] and \
                list(longer[:k]) + list(longer[k + 1:]) == list(shorter):
            return "function"
    return None


class _Names:
    """The glossary's source forms as word keys, indexed by their content words."""

    def __init__(self, glossary: Glossary):
        self.forms: list[tuple[Entry, str, list[str]]] = []
        self.by_word: dict[str, list[tuple[int, int]]] = {}
        self.single: dict[str, tuple[Entry, str]] = {}
        for e in glossary.entries:
            for f in e.source_forms:
                keys = [_key(w, glossary.spellings)[1] for w in _TOKEN.findall(f)]
                if len(keys) == 1:
                    self.single.setdefault(keys[0], (e, f))
                if len(keys) < 2:
                    continue
                self.forms.append((e, f, keys))
                # one word at most differs, so one of the first two content words is written
                # as the glossary writes it: they are enough to find the name
                content = [pos for pos, k in enumerate(keys) if k not in FUNCTION_WORDS][:2]
                for pos in content:
                    self.by_word.setdefault(keys[pos], []).append((len(self.forms) - 1, pos))


_NAMES: dict[int, tuple[Glossary, _Names]] = {}


def _names(glossary: Glossary) -> _Names:
    cached = _NAMES.get(id(glossary))
    if cached is None or cached[0] is not glossary:
        cached = _NAMES[id(glossary)] = (glossary, _Names(glossary))
    return cached[1]


def _near_misses(text: str, path: Path, matches: list[Match], glossary: Glossary,
                 skip: list[tuple[int, int]]) -> list[SourceFinding]:
    """Names written with one word off: a function word changed, added or dropped ("League
    of the Arab States"), one content word misspelt ("Hayat Tahrir al-Shams"), or an older
    spelling from the spellings table ("Moslem Brotherhood", "Alawis"), also case and accents
    ("Médecins Sans Frontières"). Each text word is looked up in an index of the names'
    content words, and only the names sharing a word are aligned: linear in the text."""
    names = _names(glossary)
    tokens = _tokens(text, glossary.spellings)
    if not tokens:
        return []
    blocked = bytearray(len(text) + 1)
    for a, b in skip:
        blocked[a:b] = b"\x01" * (b - a)
    spans = sorted((m.start, m.end) for m in matches)
    owner, first, last = _owners(tokens, spans)
    keys = [t.key for t in tokens]
    reach = [0] * len(tokens)  # the last word of the run of joined words from each word
    for i in range(len(tokens) - 1, -1, -1):
        reach[i] = reach[i + 1] if tokens[i].joins and i + 1 < len(tokens) else i
    candidates: list[tuple[int, int, int, str, Entry, str]] = []

    def consider(s: int, e: int, entry: Entry, form: str, first: str, kind: str) -> None:
        a, b = tokens[s].start, tokens[e - 1].end
        if blocked[a] or any(blocked[a:b]):
            return
        if not (text[a].isupper() or text[a:tokens[s].end].startswith(first)):
            return  # a name starts with a capital (or as the glossary writes it: "al-")
        owned = [owner[k] for k in range(s, e) if owner[k] >= 0]
        if len(owned) == e - s or any(spans[o][0] < a or spans[o][1] > b for o in owned):
            return  # an exact match of the glossary wins
        if kind == "same" and _straight(text[a:b]) in {_straight(form), _straight(form).upper()}:
            return
        cost = 0 if kind == "same" else 1
        candidates.append((a, b, cost, kind, entry, form))

    seen: set[tuple[int, int, int]] = set()
    for i, k in enumerate(keys):
        for fi, pos in names.by_word.get(k, ()):
            entry, form, fkeys = names.forms[fi]
            n = len(fkeys)
            at = i - pos  # where the name starts if the words before the anchor are kept
            for s, m in ((at, n), (at, n + 1), (at, n - 1), (at - 1, n + 1), (at + 1, n - 1)):
                e = s + m
                if s < 0 or e > len(tokens) or s > i or e <= i or (fi, s, m) in seen:
                    continue
                seen.add((fi, s, m))
                if reach[s] < e - 1 or (owner[s] >= 0 and (first[owner[s]] < s or
                                                          last[owner[s]] >= e - 1)) or \
                        (owner[e - 1] >= 0 and last[owner[e - 1]] >= e):
                    continue  # not a run of joined words, cuts an exact match, or is one
                kind = _align(fkeys, keys[s:e])
                if kind:
                    consider(s, e, entry, form, _TOKEN.findall(form)[0], kind)
        if tokens[i].raw != k and k in names.single:  # Alawi, Shi'ites, Daash
            entry, form = names.single[k]
            consider(i, i + 1, entry, form, form, "same")
    return _longest_first(candidates, text, path)


def _owners(tokens: list[_Token], spans: list[tuple[int, int]]
            ) -> tuple[list[int], dict[int, int], dict[int, int]]:
    """For each word, the exact match (index in `spans`, sorted) it belongs to, or -1; and
    each exact match's first and last word."""
    owner = [-1] * len(tokens)
    j = 0
    for i, t in enumerate(tokens):
        while j < len(spans) and spans[j][1] <= t.start:
            j += 1
        if j < len(spans) and spans[j][0] <= t.start < spans[j][1]:
            owner[i] = j
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, o in enumerate(owner):
        if o >= 0:
            first.setdefault(o, i)
            last[o] = i
    return owner, first, last


def _longest_first(candidates: list[tuple[int, int, int, str, Entry, str]], text: str,
                   path: Path) -> list[SourceFinding]:
    """The near misses found: longest first, then cheapest, then leftmost; none overlaps
    one taken before it."""
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken = bytearray(len(text) + 1)
    found: list[SourceFinding] = []
    for a, b, _, kind, entry, form in candidates:
        if any(taken[a:b]):
            continue
        taken[a:b] = b"\x01" * (b - a)
        found.append(_near_miss(text, path, a, b, kind, entry, form))
    return found


def _straight(text: str) -> str:
    return _apostrophes(term_key(text))


def _apostrophes(text: str) -> str:
    """Curly and straight apostrophes are one spelling (the typography stage sets them)."""
    return text.replace("’", "'").replace("‘", "'")


def _near_miss(text: str, path: Path, a: int, b: int, kind: str, entry: Entry,
               form: str) -> SourceFinding:
    line, col = _position(text, a)
    written = text[a:b]
    target = entry.canonical if entry.policy != "accept" else form
    if written.isupper():
        target = target.upper()
    if kind == "same":
        message = (f"'{written}' is deprecated; write '{target}'" if entry.policy == "forbid"
                   else f"variant spelling '{written}'; the glossary writes '{target}'")
        return SourceFinding(path, line, col, message, a, b, target)
    what = "misspelling" if kind == "typo" else "variant"
    return SourceFinding(path, line, col, f"'{written}' looks like a {what} of "
                                          f"'{entry.canonical}'", a, b)



def fix_text(text: str, findings: list[SourceFinding]) -> tuple[str, int]:
    """The text with the sure fixes (those with a replacement) applied, and how many."""
    fixes = sorted((f for f in findings if f.replacement is not None),
                   key=lambda f: f.start, reverse=True)
    for f in fixes:
        text = text[:f.start] + (f.replacement or "") + text[f.end:]
    return text, len(fixes)
