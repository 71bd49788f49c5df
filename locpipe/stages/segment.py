"""Sentence segmentation of English news text, offline and deterministic.

Written by hand: the maintained splitters either need a downloaded model (NLTK punkt, stanza,
spaCy) or are unmaintained and slow (pysbd). Wire copy is regular enough for rules: a sentence
ends at . ! ? or an ellipsis, plus any closing quotes or brackets, when the next word starts a
sentence; abbreviations, initials and decimals are the exceptions handled below, and a quote
closing with ? or ! followed by its attribution ('“Why now?” Mr. Saleh asked.') goes on.
`benchmarks/segmentation_f1.py` scores it on the gold corpus in tests/data/segmentation.

Every step looks at a bounded window around each candidate end, never back to the paragraph's
start, so segmenting is linear in the text's length (tests/integration/test_scaling.py). A
sentence longer than MAX_SEGMENT_CHARS is cut at a clause mark or a space near the limit (see
there why).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from locpipe.context import stage
from locpipe.document import Document, Draft, Segment, Tag, attribute_segments, each
from locpipe.markup import TAG_RE

if TYPE_CHECKING:
    from locpipe.context import Context

# Titles and ranks written before a name ("Gov. Greg Abbott", "Lt. Col. Sarah Jones", "Brig.
# Gen. Pat Ryder"), with their plurals before two names ("Reps. Ilhan Omar and …", "Sens.",
# "Gens."): a name follows them, so they never end a sentence.
TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
    "pvt", "pfc", "adm", "cmdr", "cmdt", "brig", "det", "gov", "sen", "rep", "rev", "fr",
    "pres", "supt", "insp", "hon", "amb", "messrs", "mmes", "mme", "mlle", "atty", "sec",
}
TITLES |= {t + "s" for t in TITLES if t not in ("messrs", "mmes", "ms", "mrs", "pres")}
TITLES |= {"drs", "mss"}
# Month abbreviations: before a day or a year they go on ("Sept. 30", "Jan. 2024"); before any
# other capitalised word they end the sentence ("…expires in Sept. Officials say…").
MONTHS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
# Abbreviations that are (almost) never sentence-final in news copy (titles: see above).
NEVER_FINAL = TITLES | {
    "mt", "ft", "vs", "v", "no", "nos", "art", "para", "fig", "approx", "est", "dept", "univ",
    "assn", "e.g", "i.e", "cf", "ca", "al", "int'l", "nat'l", "govt",
}
# Abbreviations of references written before a number ("p. 55", "pp. 12–14", "No. 10",
# "Vol. 2", "ch. 4", "Art. 51", "para. 7"): before a number they never end the sentence (the
# number does: "see p. 4. The photos…"). "p", "pp", "n" only in lower case ("P. 55" may be
# an initial before a number).
BEFORE_NUMBER = {
    "p", "pp", "no", "nos", "vol", "vols", "ch", "chap", "sec", "secs", "para", "paras", "art",
    "arts", "fig", "figs", "app", "appx", "ed", "eds", "eq", "ref", "refs", "tab", "pl", "n",
    "nn", "pt", "pts", "cl", "reg", "sch", "ex", "ser", "bk", "vs", "v",
}
_INITIAL_LIKE = {"p", "pp", "n", "nn", "v"}  # capitalised, these may be initials ("P. 55")
# Abbreviations that often end a sentence too: split only before a typical sentence opener.
SOMETIMES_FINAL = {
    "u.s", "u.n", "u.k", "e.u", "u.a.e", "a.m", "p.m", "etc", "d.c", "n.y", "l.a", "s.a",
    "inc", "ltd", "co", "corp", "jr", "sr", "bros", "st", "ave", "rd", "blvd",
}
# Words that typically open a sentence (function words, pronouns, sentence adverbs): after an
# ambiguous abbreviation or an initial, a capitalised one of these means a new sentence.
OPENERS = set("""
a an the this that these those there here it its he she they we i you his her their our my your
but and or nor yet so however meanwhile moreover still also instead thus then now later earlier
today yesterday tomorrow tonight in on at by for with from to into under over after before since
during despite although though while when whenever where why how what who which whose if unless
until as among about amid along across against around between beyond near without within
some many most few several all any each every both either neither no none nobody not one two
three four five other another such only even more less much officials residents witnesses
according asked speaking is was are were do does did can could will would should may might must
has have had let
""".split())
# After a.m./p.m. a capitalised word usually opens a new sentence, unless it names the day,
# the month or the time zone ("at 9 a.m. Monday", "6 p.m. GMT", "10 a.m. Damascus time").
TIME_ABBREVIATIONS = {"a.m", "p.m"}
TIME_FOLLOWERS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "local", "gmt", "utc", "et", "est", "edt", "pt", "pst", "cet",
}
# After a quote that ends with ? or !, a capitalised word either opens a new sentence or starts
# an attribution ('“Why now?” Haddad asked.'). The rule is structural (_is_attribution): a
# name, then a lower-case word that ends the clause ("Haddad snapped.", "Umm Ali sighed,
# wiping her eyes.") is an attribution whatever the verb. (A lower-case word right after the
# quote — '“Enough!” she shouted', '“Where will we go?” asked a farmer' — never ends the
# sentence at all.) These verbs only help where the attribution goes on after the verb ('…”
# Haddad told reporters on Sunday.'); a verb missing here is cut only in that longer form.
SPEECH_VERBS = {
    "said", "says", "asked", "asks", "told", "tells", "added", "adds", "shouted", "shouts",
    "cried", "yelled", "screamed", "replied", "answered", "wrote", "writes", "wondered",
    "exclaimed", "insisted", "demanded", "pleaded", "recalled", "continued", "explained",
    "warned", "warns", "chanted", "whispered", "tweeted", "posted", "noted", "declared",
    "urged", "reported", "vowed", "muttered", "snapped", "sighed", "murmured", "joked",
    "protested", "stated", "announced", "argued", "countered", "retorted", "complained",
    "grumbled", "repeated", "responded", "admitted", "conceded", "remarked", "mused",
    "scoffed", "cautioned", "promised", "begged", "laughed", "sobbed", "wailed",
}
_ATTRIBUTION_WINDOW = 6  # words after the quote in which the attribution's verb must come
PRONOUNS = {"he", "she", "they", "we", "i", "you"}
# Lower-case parts of names ("Bashar al-Assad" is one token; "Hamad bin Jassim", "Abu Omar").
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "del", "van", "von",
                  "der", "la", "le", "ben"}

_CLOSERS = "\"'”’»)]"
_QUOTE_CLOSERS = "\"'”’»"
_OPENERS_CHARS = "\"'“‘«(["
# A candidate end: terminal punctuation, then optional closers, then whitespace. It starts only
# where a run of punctuation starts and never backtracks into the run (possessive `*+`), so a
# long run of dots is read once, not once per dot. Every alternative starts with its mark, the
# lookbehind after it ("not after another mark"): the regex engine then skips to a mark at C
# speed instead of trying the lookbehinds at every character (6x faster over an article).
_CANDIDATE = re.compile(r"(\.(?<![.!?]\.)\.\.(?![.!?])|…|\.(?<![.!?]\.)[.!?]*+"
                        r"|!(?<![.!?]!)[.!?]*+|\?(?<![.!?]\?)[.!?]*+)([" + re.escape(_CLOSERS)
                        + r"]*+)(\s+)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’]*)$")
_WORD_CHAR = re.compile(r"[A-Za-z.'’]")
_MARKS = re.compile(r"[.'’]*")
_WORD_WINDOW = 24  # longer than any abbreviation or initialism the rules know ("int'l", "u.a.e")
_NEXT = re.compile(r"[" + re.escape(_OPENERS_CHARS) + r"]*([^\s]*)")
_WORDS = re.compile(r"\S+")
# A time at the very start of a sentence, before its a.m./p.m.: "At 5", "By 9.30", "Shortly
# after 6".
_FRONTED_TIME = re.compile(
    r"(?:\A|([.!?][\"'”’»)\]]*\s+))(?:At|By|Before|After|Until|Till|From|Around|About|Since|"
    r"Shortly (?:after|before)|Just (?:after|before))\s+(?:about\s+|around\s+)?"
    r"\d{1,2}(?:[:.]\d{2})?\s*\Z")
_QUOTE_OPENINGS = re.compile("[“\"«]")

# A sentence longer than this (plain characters) is cut into segments of at most this length,
# at the last clause mark (, ; : or a dash) or space before the limit, at the limit itself if
# there is neither. No news sentence comes near it (wire copy tops out around 600
# characters); what does is a table or a transcript without punctuation, or junk. Cutting
# rather than refusing keeps every word of the article translated, and keeps each segment
# well inside what a translation model reads whole: CTranslate2 truncates its input silently
# at 1,024 tokens, about 4,000 characters of English and fewer of digits or non-Latin text.
# It also bounds what one segment can cost every later stage.
MAX_SEGMENT_CHARS = 2000
_CLAUSE_MARK = re.compile(r"[,;:](?=\s)|\s(?=[—–-]\s)")


def sentence_ends(text: str) -> list[int]:
    """Offsets in `text` (plain, no tags) where a sentence ends, excluding the text's end."""
    ends = []
    quote_openings = [m.start() for m in _QUOTE_OPENINGS.finditer(text)]
    markers, items = _enumeration(text)
    for m in _CANDIDATE.finditer(text):
        punct, closers = m.group(1, 2)
        if markers and m.start() in markers:
            continue  # the period of a list marker: '1. The convoy…'
        quoted = bool(closers) and any(c in _QUOTE_CLOSERS for c in closers)
        if quoted and _CITATION.match(text, m.end()):
            continue  # a citation after a quotation: '“…sleep.” (Haddad 2019, p. 14).'

        nxt_match = _NEXT.match(text, m.end())
        next_word = nxt_match.group(1) if nxt_match else ""
        if not next_word:
            continue
        first = next_word[0]
        if not (first.isupper() or first.isdigit() or nxt_match.group(0)[:1] in _OPENERS_CHARS):
            continue  # lower-case continuation: '“Go!” he said', 'at 3 p.m. on Monday'
        if punct == "." and not closers and _is_abbreviation(text, m.start(), next_word,
                                                              nxt_match.end()):
            continue
        if punct != "." and quoted \
                and _is_attribution(text, m.end(), m.start(2), quote_openings):
            continue
        ends.append(m.start(3))
    if items:
        ends = sorted({*ends, *items})
    return ends


# A parenthesised reference closed by the sentence's own end, right after a quotation:
# "(Smith 55).", "(Al-Watan, 3 May)." — no sentence inside, so no period before the ")".
_CITATION = re.compile(r"\([^()\n.!?]{0,60}(?:\bp{1,2}\. ?[\d–-]+[^()\n.!?]{0,20})?\)[.!?]")
# A list marker at an item's start: "1.", "1)", "1.)", "a)", "b.", "iii." (optionally after a
# bullet), followed by a space.
_MARKER = re.compile(r"(?:(?<=\s)|\A)(?:[•·▪‣◦\-–—*]\s*)?(\d{1,2}|[a-z]|[ivx]{1,4})(\.\)|\.|\))"
                     r"(?=\s)")
_ROMAN = {r: n for n, r in enumerate(
    ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"), start=1)}


def _enumeration(text: str) -> tuple[set[int], list[int]]:
    """An inline enumeration that opens the paragraph ("1. The convoy leaves 2. The trucks
    stop…", "a) Food b) Blankets", "i. … ii. …"): the offsets of its markers' periods (never
    sentence ends) and the offsets where each item after the first starts a sentence (the
    space before its marker). Markers must count on (1, 2, 3…; a, b, c…; i, ii, iii…) in one
    style, the first at the text's start; one pass over the markers, so linear."""
    first = _MARKER.match(text, len(text) - len(text.lstrip()))
    if first is None or not _marker_value(first.group(1), None)[1] == 1:
        return set(), []
    kind, _ = _marker_value(first.group(1), None)
    style = first.group(2)
    periods = {first.start(2)} if style.startswith(".") else set()
    items: list[int] = []
    expected = 2
    for m in _MARKER.finditer(text, first.end()):
        if m.group(2) != style or _marker_value(m.group(1), kind) != (kind, expected):
            continue
        if style.startswith("."):
            periods.add(m.start(2))
        start = m.start()
        while start > 0 and text[start - 1].isspace():
            start -= 1
        items.append(start)
        expected += 1
    if not items:
        return set(), []
    return periods, items


def _marker_value(token: str, kind: str | None) -> tuple[str, int]:
    """("digit" | "roman" | "letter", value) of a list marker's token, in a list of `kind`
    (None for the first marker: there "i" opens a roman list)."""
    if token.isdigit():
        return "digit", int(token)
    if kind == "roman" or kind is None and token == "i":
        return ("roman", _ROMAN[token]) if token in _ROMAN else ("none", 0)
    return ("letter", ord(token) - ord("a") + 1) if len(token) == 1 else ("none", 0)


def split_sentences(text: str) -> list[str]:
    """Plain text (no markup tags) -> its sentences, whitespace at the cuts dropped."""
    cuts = [0, *_cap_lengths(text, sentence_ends(text)), len(text)]
    return [p for a, b in zip(cuts, cuts[1:], strict=False) if (p := text[a:b].strip())]


def _cap_lengths(text: str, ends: list[int], limit: int | None = None) -> list[int]:
    """`ends` with more cuts added so that no piece of `text` is longer than `limit`
    (MAX_SEGMENT_CHARS): at the last clause mark, else the last space, in the second half of
    the window; else at the limit itself (a token without spaces)."""
    limit = limit or MAX_SEGMENT_CHARS
    out: list[int] = []
    start = 0
    for end in [*ends, len(text)]:
        while end - start > limit:
            lo, hi = start + limit // 2, start + limit
            cut = max((m.end() for m in _CLAUSE_MARK.finditer(text, lo, hi)), default=-1)
            if cut < 0:
                space = max(text.rfind(" ", lo, hi), text.rfind("\n", lo, hi))
                cut = space if space > lo else hi
            out.append(cut)
            start = cut
        if end < len(text):
            out.append(end)
            start = end
    return out


def _word_before(text: str, dot: int) -> str | None:
    """The word that ends at `dot` (letters, periods, apostrophes; starting with a letter),
    looked for in a short window only: a longer word is no abbreviation."""
    lo = max(0, dot - _WORD_WINDOW)
    wm = _WORD_BEFORE.search(text, lo, dot)
    if not wm:
        return None
    if lo > 0 and _WORD_CHAR.match(text, lo - 1) and _MARKS.fullmatch(text, lo, wm.start()):
        return None  # the word goes on before the window
    return wm.group(1)


def _is_abbreviation(text: str, dot: int, next_word: str, next_end: int) -> bool:
    """Is the period at `dot` part of an abbreviation or initial rather than a sentence end?"""
    found = _word_before(text, dot)
    if not found:
        return False
    word = found.lstrip(".").replace("’", "'")
    low = word.lower().rstrip(".")
    nxt = _bare(next_word)
    opener = nxt in OPENERS
    if next_word[:1].isdigit() and low in BEFORE_NUMBER and (
            word.islower() or low not in _INITIAL_LIKE):
        return True  # 'p. 55', 'No. 10', 'Vol. 2'
    if low in TIME_ABBREVIATIONS:
        if not next_word[:1].isupper():
            return True
        after = _WORDS.search(text, next_end)
        if nxt in TIME_FOLLOWERS or bool(after) and _bare(after.group()) == "time":
            return True
        # a time that opens its sentence ('At 5 a.m. Mr. Haddad drove…', 'By 9 p.m. Colonel
        # Saleh had…'): the capitalised word after it is the subject, not a new sentence
        start = dot - len(found)
        lo = max(0, start - _WORD_WINDOW * 2)
        fronted = _FRONTED_TIME.search(text, lo, start)
        return bool(fronted) and (lo == 0 or fronted.group(1) is not None)
    if low in SOMETIMES_FINAL or _DOTTED.fullmatch(low):
        # U.S., U.N.-style acronyms: a sentence ends there only before a typical opener.
        return not opener
    if low in MONTHS:
        return next_word[:1].isdigit()  # 'Sept. 30', 'Jan. 2024'; 'in Sept. Officials say'
    if low in NEVER_FINAL:
        if low in ("no", "nos") and not next_word[:1].isdigit():
            return False  # 'said no.' vs 'No. 10'
        return True
    if len(word) == 1 and word.isupper():
        return not opener  # initial: 'John F. Kennedy', but 'no Plan B. Officials say'
    return False


_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")  # u.n, e.u: acronyms written with periods


def _bare(word: str) -> str:
    return word.strip(_CLOSERS + _OPENERS_CHARS + ".,;:!?").lower()


def _is_attribution(text: str, start: int, end: int, quote_openings: list[int]) -> bool:
    """After a quote closing with ? or ! at `end`, do the words from `start` attribute it
    ('“Why now?” Mr. Saleh asked.') rather than start a new sentence? Not if the quote was
    already introduced ('He asked, “Why now?” Nobody answered.') or the next word is one
    that opens sentences ('“Why?” The question hung.'). `quote_openings`: the offsets of
    every opening quotation mark in `text`, in order."""
    i = bisect_left(quote_openings, end)
    opening = quote_openings[i - 1] if i else -1
    if opening > 0:
        before = opening
        while before > 0 and text[before - 1].isspace():
            before -= 1
        if before > 0 and text[before - 1] in ",:":
            return False
    tokens = [w.group() for _, w in zip(range(_ATTRIBUTION_WINDOW),
                                        _WORDS.finditer(text, start), strict=False)]
    if tokens and _bare(tokens[0]) in PRONOUNS:  # '“Why?” He asked.' (a careless capital)
        return len(tokens) > 1 and _bare(tokens[1]) in SPEECH_VERBS and tokens[1][-1] in ".,;"
    if tokens and _bare(tokens[0]) in OPENERS:
        return False
    names = 0
    for token in tokens:
        bare = _bare(token)
        if bare in SPEECH_VERBS:
            return names > 0
        if token[:1].isupper() or bare in NAME_PARTICLES:
            if token[-1] in ",;:!?" or token.endswith(".") and bare not in NEVER_FINAL \
                    and not (len(bare) == 1 and token[:1].isupper()):
                return False  # the name ends a clause: '“Why?” Saleh. Again.'
            names += 1
            continue
        # the first lower-case word after a name: an attribution if it ends the clause
        return names > 0 and token[-1] in ".,;" and token[:-1].isalpha()
    return False


def split_tagged(text: str, tags: dict[int, Tag], sentences: bool = True
                 ) -> list[tuple[str, dict[int, Tag]]]:
    """Split block text (with markup tags) into sentences (or, with `sentences=False`, only
    where it is longer than MAX_SEGMENT_CHARS).

    An element that spans a sentence boundary is closed at the end of one sentence and
    reopened at the start of the next, so each sentence is well-formed on its own.
    Tags are renumbered from 1 in each sentence.
    """
    plain, to_text = _plain(text, tags) if "<" in text else (text, None)
    ends = sentence_ends(plain) if sentences else []
    cuts = _cap_lengths(plain, ends)
    if to_text is not None:
        cuts = [to_text(e) for e in cuts]

    pieces: list[str] = []
    start = 0
    for cut in cuts:
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])

    result: list[tuple[str, dict[int, Tag]]] = []
    if "<" not in text:  # no markup (most blocks): nothing to close, reopen or renumber
        return [(body, {}) for piece in pieces if (body := _trim(piece))]
    open_stack: list[int] = []  # source tag numbers open at the start of the next piece
    for piece in pieces:
        reopened = "".join(f"<{n}>" for n in open_stack)
        stack = list(open_stack)
        for m in TAG_RE.finditer(piece):
            closing, num, void = m.group(1), int(m.group(2)), m.group(3)
            if void:
                continue
            if closing:
                if stack and stack[-1] == num:
                    stack.pop()
                elif num in stack:
                    stack.remove(num)
            else:
                stack.append(num)
        body = reopened + piece + "".join(f"</{n}>" for n in reversed(stack))
        open_stack = stack
        body = _trim(body)
        if body:
            result.append(_renumber(body, tags))
    return result


def _plain(text: str, tags: dict[int, Tag]):
    """The text as sentence rules read it (tags removed, a <br> read as a space), and a
    function mapping an offset in it back to an offset in `text`. A cut at a <br> goes after
    it ('said.<br>Dr. Haddad')."""
    parts: list[str] = []
    starts: list[int] = []  # where each part starts in the plain text
    origins: list[int] = []  # and in `text`
    length = pos = 0

    def add(part: str, origin: int) -> None:
        nonlocal length
        if part:
            parts.append(part)
            starts.append(length)
            origins.append(origin)
            length += len(part)

    for m in TAG_RE.finditer(text):
        add(text[pos:m.start()], pos)
        pos = m.end()
        tag = tags.get(int(m.group(2)))
        if m.group(3) and tag is not None and tag.name == "br":
            add(" ", m.end())
    add(text[pos:], pos)

    def to_text(offset: int) -> int:
        i = bisect_left(starts, offset + 1) - 1
        return origins[i] + offset - starts[i] if i >= 0 else 0

    return "".join(parts), to_text


_LEADING_OPENS = re.compile(r"((?:<\d+>)+)\s+")
_CLOSING_TAG = re.compile(r"</\d+>")


def _trim(text: str) -> str:
    """Strip whitespace at both ends, including whitespace just inside leading/trailing tags."""
    text = text.strip()
    m = _LEADING_OPENS.match(text)
    if m:
        text = m.group(1) + text[m.end():]
    end = len(text)  # walk back over the closing tags at the end, one at a time
    while end and text[end - 1] == ">":
        lt = text.rfind("<", 0, end)
        if lt < 0 or not _CLOSING_TAG.fullmatch(text, lt, end):
            break
        end = lt
    if end < len(text) and text[end - 1:end].isspace():
        text = text[:end].rstrip() + text[end:]
    return text


def _renumber(text: str, tags: dict[int, Tag]) -> tuple[str, dict[int, Tag]]:
    mapping: dict[int, int] = {}

    def sub(m: re.Match) -> str:
        old = int(m.group(2))
        if old not in mapping:
            mapping[old] = len(mapping) + 1
        return f"<{m.group(1)}{mapping[old]}{m.group(3)}>"

    new_text = TAG_RE.sub(sub, text)
    return new_text, {new: tags[old] for old, new in mapping.items() if old in tags}


def segment_document(doc: Document) -> Document:
    """Fill each block's segments; ids are `slug:block.index`, both 1-based."""
    for bno, block in enumerate(doc.blocks, start=1):
        block.segments = []
        if block.kind == "raw":
            block.attributes = attribute_segments(doc, bno, block)
            continue
        parts = split_tagged(block.text, block.tags,
                             sentences=block.kind not in ("headline", "subheading"))
        for sno, (text, tags) in enumerate(parts, start=1):
            block.segments.append(
                Segment(
                    id=f"{doc.slug}:{bno}.{sno}",
                    block=bno,
                    index=sno,
                    kind=block.kind,
                    text=text,
                    line=block.line,
                    tags=tags,
                    note=block.note,
                )
            )
        block.attributes = attribute_segments(doc, bno, block)  # alt, title, aria-label
    return doc


@stage(requires=("document",), assigns=("segments",), label="segmenting")
def segment_articles(drafts: list[Draft], ctx: Context) -> None:
    """Stage: each article's blocks cut into segments (`segment_document`)."""
    each(drafts, lambda draft: segment_document(draft.doc))  # type: ignore[arg-type]
