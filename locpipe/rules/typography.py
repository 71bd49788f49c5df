"""Typography rules (pure): punctuation, quotes and spacing as each language's press sets them
(data in the language profile: French « » and fine spaces, Arabic ، ؛ ؟, German „ “…), and bidi
isolation of left-to-right runs in right-to-left pages.

Markup tags, placeholders, URLs, e-mail addresses and numbers are shielded first so no rule
can touch them. Hand-written: CLDR has no punctuation-spacing rules (only the quotation-mark
characters), and the bidi algorithm itself is the browser's — this module only marks the runs
it must keep together. The stage that applies them is locpipe.stages.typography.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from locpipe import languages
from locpipe.languages import Profile
from locpipe.markup import PLACEHOLDER_RE, TAG_RE
from locpipe.rules.numbers import HANIDEC, PHONE
from locpipe.rules.urls import URL_RE, WEB_PATTERN, may_hold_url

NNBSP = "\u202f"  # narrow no-break space: French "fine" space (CLDR uses it too)
_SPACE = " \u00a0\u202f"
# Every phone number starts with a digit, "+" or "(": the lookahead skips the other
# positions without trying PHONE's dozen layouts at each (the same matches, 4x faster).
_PHONE_AT = r"(?=[\d+(])(?:" + PHONE + ")"
_LATIN = "A-Za-z\u00c0-\u024f"


def _led(first: str, pattern: str) -> re.Pattern:
    """`pattern` behind a lookahead for `first`, the characters any of its matches can start
    with: re tries every branch of an alternation at every position of the text, and most
    positions (a letter of an Arabic or French word) start none; the one class test skips
    them (the same matches, several times faster)."""
    return re.compile(f"(?={first})(?:{pattern})")


# What a tag, a placeholder ("<"), a phone number, and an address start with: a web address
# "h" or "w", a bare host a Latin letter or a digit, an e-mail address a word character, "."
# "+" or "-" (URL_RE's branches)
_SHIELD_RE = _led(r"[<\w.+(\-]",
                  TAG_RE.pattern + "|" + PLACEHOLDER_RE.pattern + "|" + URL_RE.pattern + "|"
                  + _PHONE_AT)
# URL_RE without its e-mail branch (tried at every word, it needs an "@"): for a text without
# one, the same matches
_SHIELD_NO_MAIL_RE = _led(r"[<\d+(A-Za-z]", TAG_RE.pattern + "|" + PLACEHOLDER_RE.pattern
                          + "|" + WEB_PATTERN + "|" + _PHONE_AT)
# ...and without any address branch: for a text that cannot hold one (`may_hold_url`: no
# "@", scheme, "www." nor ".x"), the same matches, without trying a host at every word
_SHIELD_NO_URL_RE = _led(r"[<\d+(]",
                         TAG_RE.pattern + "|" + PLACEHOLDER_RE.pattern + "|" + _PHONE_AT)
_LATIN_CHAR = re.compile(f"[{_LATIN}]")


def _marker(text: str) -> str:
    """A private-use character the text does not hold (the first free one, almost always
    U+E000): each shielded span becomes one such character while the rules run."""
    for code in range(0xE000, 0xF900):
        if chr(code) not in text:
            return chr(code)
    return next(chr(c) for c in range(0xF0000, 0xFFFFE) if chr(c) not in text)


def _shield(text: str) -> tuple[str, list[str], str]:
    """The text with each markup tag, placeholder, URL and phone number replaced by one
    marker character, the spans in order, and the marker. One marker for every span (not a
    code point per span): no rule adds, removes or reorders a marker, so the k-th marker is
    the k-th span, and any number of spans fits."""
    kept: list[str] = []
    mark = _marker(text)

    def sub(m: re.Match) -> str:
        kept.append(m.group(0))
        return mark

    shield = (_SHIELD_NO_URL_RE if not may_hold_url(text)
              else _SHIELD_RE if "@" in text else _SHIELD_NO_MAIL_RE)
    return shield.sub(sub, text), kept, mark


def _unshield(text: str, kept: list[str], mark: str) -> str:
    if not kept:
        return text
    pieces = text.split(mark)
    if len(pieces) != len(kept) + 1:  # a rule touched a marker: a bug, never a silent loss
        raise AssertionError(f"typography lost shielded spans ({len(pieces) - 1} markers "
                             f"for {len(kept)} spans)")
    out = [pieces[0]]
    for span, piece in zip(kept, pieces[1:], strict=True):
        out.append(span)
        out.append(piece)
    return "".join(out)


_STRAIGHT_PAIR = re.compile(r'"([^"\n]*)"')
_CURLY_PAIR = re.compile(r"“([^“”\n]*)”")


def _pair_quotes(text: str, open_q: str, close_q: str) -> str:
    """English quotes (“…” and paired "…") become the target's quotation marks. A mark left
    unpaired (a quotation running over sentences) is taken by its shape, unless it is one of
    the target's own marks (German „…“ closes with the English opening mark)."""
    if '"' in text:
        text = _STRAIGHT_PAIR.sub(lambda m: "“" + m.group(1) + "”", text)
    if (open_q, close_q) == ("“", "”"):
        return text
    if "“" in text:
        text = _CURLY_PAIR.sub(lambda m: open_q + m.group(1) + close_q, text)
    if "“" not in text and "”" not in text:  # (nothing left unpaired: the usual case)
        return text
    # (str.replace, not str.translate, which looks every character up: a mark replaced is
    # never one of the target's, so no replacement is replaced again)
    for mark, q in (("“", open_q), ("”", close_q)):
        if mark not in (open_q, close_q):
            text = text.replace(mark, q)
    return text


def typeset(text: str, lang: str, settings: Any = None) -> str:
    """The text with the typography of `lang`'s profile (a CLDR-only profile has none: the
    text is returned unchanged). `settings.arabic_quotes` chooses the quotation marks of
    Arabic-script pages («» or ”“)."""
    return typesetter(lang, settings)(text)


def typesetter(lang: str, settings: Any = None) -> Callable[[str], str]:
    """`typeset(·, lang, settings)` for many texts: the profile looked up, its quotation
    marks chosen and its rules compiled once (the typography stage sets every translation
    of a language with one; per text, those lookups cost a fifth of setting it)."""
    profile = languages.get(lang)
    if not profile.typeset:
        return _as_it_is
    quotes = profile.quotes
    override = getattr(settings, "arabic_quotes", "")
    # the choice between «» and ”“ of languages that quote «» (Arabic, Persian); Urdu's
    # press quotes “”, which CLDR gives too
    if quotes == ("«", "»") and profile.script == "Arab" and len(override) == 2:
        quotes = (override[0], override[1])
    open_q, close_q = quotes
    return partial(_set, rules=_profile_rules(profile, open_q, close_q), open_q=open_q,
                   close_q=close_q)


def _as_it_is(text: str) -> str:
    return text


def set_profile(text: str, profile: Profile, quotes: tuple[str, str] | None = None) -> str:
    """Apply a profile's typography: apostrophe, quotation marks (with the space inside them),
    the narrow no-break space before `space_before` marks, native punctuation (Arabic ، ؛ ؟,
    kept between Latin words and inside numbers), and no space before other marks."""
    open_q, close_q = quotes or profile.quotes
    return _set(text, _profile_rules(profile, open_q, close_q), open_q, close_q)


def _profile_rules(profile: Profile, open_q: str, close_q: str) -> _Rules:
    return _rules(profile.apostrophe, open_q, close_q, profile.quote_space,
                  tuple(profile.punctuation.items()), profile.space_before, profile.spaced)


def _set(text: str, rules: _Rules, open_q: str, close_q: str) -> str:
    """`set_profile` with the profile's rules compiled (`_rules`)."""
    text, kept, marker = _shield(text)
    # (each rule runs only on a text holding the character its pattern needs)
    if rules.apostrophe and "'" in text:
        # between two letters of any script (French aujourd'hui, Ukrainian п'ять)
        text = _APOSTROPHE.sub(rules.apostrophe, text)
    if open_q and close_q:
        text = _pair_quotes(text, open_q, close_q)
        if rules.quote_space:
            sp = rules.quote_space
            if open_q in text:
                text = rules.after_open.sub(lambda m: open_q + sp, text)
            if close_q in text:
                text = rules.before_close.sub(lambda m: sp + close_q, text)
    if rules.stop and "." in text:  # a sentence's full stop, not an abbreviation's or a
        text = _full_stops(text, rules.stop, rules.spaced, marker, kept)  # decimal point's
    for pattern, mark, native in rules.punctuation:
        # Western punctuation between native words (not inside Latin runs or numbers 50,000)
        if mark in text:
            text = pattern.sub(lambda m, t=text, n=native: m.group(0)
                               if _latin_around(t, m.start()) else n, text)
    if rules.question and rules.question_mark in text:  # "؟?" (an Argos habit) is one
        text = rules.question.sub(rules.question_mark, text)  # question mark
    if rules.space_before and any(c in text for c in rules.before):
        # a fine space before ; : ! ? (a run like "?!" counts as one), not in clock times 15:30
        text = rules.space_before.sub(lambda m: NNBSP + m.group(1), text)
    # a run of spaces is tried once, from its start (not again from each of its spaces)
    text = rules.tight.sub("", text)
    if rules.wide:  # full-width punctuation carries its own space: none after it (nor in quotes)
        text = rules.wide[0].sub("", text)
        text = rules.wide[1].sub("", text)
    if rules.cjk:  # Chinese, Japanese: no space between two of their characters
        text = rules.cjk.sub("", text)
    return _unshield(text, kept, marker)


_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


@dataclass(frozen=True)
class _Rules:
    """A profile's typography compiled (once per profile and quotation marks, not once per
    segment: building and looking up a dozen patterns cost more than applying them)."""

    apostrophe: str
    quote_space: str
    after_open: re.Pattern | None
    before_close: re.Pattern | None
    stop: str
    spaced: bool
    punctuation: tuple[tuple[re.Pattern, str, str], ...]  # (pattern, mark, native)
    question: re.Pattern | None
    question_mark: str
    space_before: re.Pattern | None
    before: str
    tight: re.Pattern
    wide: tuple[re.Pattern, re.Pattern] | None
    cjk: re.Pattern | None


@lru_cache(maxsize=64)
def _rules(apostrophe: str, open_q: str, close_q: str, quote_space: str,
           punctuation: tuple[tuple[str, str], ...], before: str, spaced: bool) -> _Rules:
    marks = dict(punctuation)
    after_open = before_close = None
    if open_q and close_q and quote_space:
        after_open = re.compile(rf"{re.escape(open_q)}[{_SPACE}]*")
        before_close = re.compile(rf"(?<![{_SPACE}])[{_SPACE}]*{re.escape(close_q)}")
    western = tuple(
        (re.compile(rf"(?<![\d{HANIDEC}]){re.escape(mark)}|{re.escape(mark)}(?![\d{HANIDEC}])"),
         mark, native) for mark, native in marks.items() if mark != ".")
    question = marks.get("?")
    question_re = re.compile(rf"{re.escape(question)}[?{re.escape(question)}]+|\?"
                             rf"{re.escape(question)}") if question else None
    space_before = None
    if before:
        escaped = re.escape(before.replace(":", ""))
        alts = ([f"[{escaped}]+"] if escaped else []) + ([r":(?!\d)"] if ":" in before else [])
        space_before = _led(f"[{_SPACE}{re.escape(before)}]",
                            rf"(?<=[^{_SPACE}\n])[{_SPACE}]*({'|'.join(alts)})")
    tight = "".join(dict.fromkeys(c for c in ".,!:;?" + "".join(marks.values())
                                  if c not in before and c not in marks))
    wide = "".join(c for c in [*marks.values(), open_q or "", close_q or ""]
                   if len(c) == 1 and _wide(c))
    cjk = _CJK + re.escape((open_q or "") + (close_q or ""))
    return _Rules(
        apostrophe=apostrophe, quote_space=quote_space, after_open=after_open,
        before_close=before_close, stop=marks.get(".", ""), spaced=spaced,
        punctuation=western, question=question_re, question_mark=question or "",
        space_before=space_before, before=before,
        # (a run of spaces not after a space, written to start with its first space: re
        # then skips to the spaces of the text instead of trying every position)
        tight=re.compile(rf"[{_SPACE}](?<![{_SPACE}]{{2}})[{_SPACE}]*"
                         rf"(?=[{re.escape(tight)}](?!\d))"),
        wide=(re.compile(rf"(?<=[{re.escape(wide)}])[{_SPACE}]+"),
              re.compile(rf"[{_SPACE}]+(?=[{re.escape(wide)}])")) if wide else None,
        cjk=None if spaced else re.compile(rf"(?<=[{cjk}])[{_SPACE}]+(?=[{cjk}])"))


# Han, kana and CJK punctuation: the characters Chinese and Japanese set without spaces.
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
_CLOSE = "”’»」』）)]"


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _full_stops(text: str, stop: str, spaced: bool, marker: str, kept: list[str]) -> str:
    """The full stops that end a sentence written `stop` (。 ।): the one ending the text
    (before closing quotes, brackets and markup), and, in a language without word spaces, one
    between two sentences ("…在2026年. 他说…"). A decimal point, a full stop inside a Latin
    run or after an abbreviation (U.S.), an ellipsis's, or one right after a URL
    (www.un.org.: a reader would take 。 for part of it) stays."""

    def sub(m: re.Match) -> str:
        i = m.start()
        if i and text[i - 1] == marker and URL_RE.fullmatch(kept[text.count(marker, 0, i) - 1]):
            return m.group(0)
        return stop

    return _full_stop_re(marker, spaced).sub(sub, text)


@lru_cache(maxsize=64)
def _full_stop_re(marker: str, spaced: bool) -> re.Pattern:
    end = rf"(?=[{re.escape(_CLOSE)}{marker}{_SPACE}]*$)"
    pattern = rf"(?<![.{_LATIN}])\.(?!\.){end}|(?<=[{_LATIN}]{{3}})\.(?!\.){end}"
    if not spaced:
        pattern += (rf"|(?<=[^\x00-\x7f])(?<![{HANIDEC}])\.(?=[{_SPACE}]*[^\x00-\x7f{_SPACE}])"
                    rf"|(?<=[^\x00-\x7f])\.(?=[{_SPACE}]+[^\x00-\x7f{_SPACE}])")
    return re.compile(pattern)


def _latin_around(text: str, i: int) -> bool:
    """Whether the nearest characters before and after position i (spaces skipped) are
    Latin letters. Only the spaces next to i are looked at (no copy of the text)."""
    j = i
    while j and text[j - 1] in _SPACE:
        j -= 1
    k, n = i + 1, len(text)
    while k < n and text[k] in _SPACE:
        k += 1
    before = text[j - 1] if j else " "
    after = text[k] if k < n else " "
    return bool(_LATIN_CHAR.match(before) and _LATIN_CHAR.match(after))


# ----------------------------------------------------------------------------------------------
# Bidi: runs that must stay left-to-right inside right-to-left text

_RUNS = (
    # a phone number is one run: "+963 11 333 4444", not four reordered groups
    "|" + _PHONE_AT
    # a hashtag or a handle takes its sign: "#Raqqa2026" (else the bidi algorithm draws the
    # "#" on the word's right in Arabic)
    + rf"|(?:(?<![\w#@])[#@](?=[0-9{_LATIN}]))?"
    + rf"(?:[0-9][0-9.,]*[{_SPACE}]?)?[{_LATIN}][{_LATIN}0-9{_SPACE}.,:;/&'’_@+#()\[\]\-–%]*"
    rf"|[0-9][0-9.,\u066b\u066c]*[{_SPACE}]?[%٪‰]"
    # signed numbers (-5), but not the hyphen of an identifier written in the page's script
    # (ميغ-29 is read by the bidi algorithm as it should be; isolating "-29" moved the hyphen);
    # after a one-letter Arabic clitic (و-٣ "and -3") it is a sign again
    r"|(?:(?<![\w.,])|(?<=(?<!\w)[وفبلك]))[-−+]"
    r"[0-9\u0660-\u0669\u06f0-\u06f9][0-9\u0660-\u0669\u06f0-\u06f9.,\u066b\u066c]*"
    # an ISBN or another code of three or more digit groups (978-3-16-148410-0, 15.1.2, 1/2/3):
    # after Arabic letters its digits turn Arabic-numeral class and the bidi algorithm draws
    # the groups right to left ("0-148410-16-3-978"); one isolate keeps it as written
    r"|[0-9]+(?:[\-‐/.][0-9]+){2,}(?:[\-‐][0-9X])?(?![0-9])"
    # a run of digits that none of the above takes is consumed whole and dropped: otherwise
    # the patterns above are retried at each of its digits, each time to its end
    r"|(?P<bare>[0-9][0-9.,]*+)"
)
# What a run starts with: a digit, a Latin letter, a sign, "#" or "@", a phone number's "+"
# or "("; with addresses, an e-mail address's word character or "." (see _SHIELD_RE)
_RUN_START = rf"[\d+(#@\-−{_LATIN}]"
_RUN_RE = _led(rf"[\w.+(#@\-−{_LATIN}]", URL_RE.pattern + _RUNS)
_RUN_NO_MAIL_RE = _led(_RUN_START, WEB_PATTERN + _RUNS)  # the same runs without an "@"
# ...and in a text that cannot hold an address at all (`may_hold_url`): most sentences
_RUN_NO_URL_RE = _led(_RUN_START, _RUNS.removeprefix("|"))
_NONSPACE = re.compile(r"\S")
_LINK_START = re.compile(r"https?:|www\.|\S+@")
_CLOSERS = {")": "(", "]": "["}
_TRAIL = set(_SPACE + ".,:;/&'’_@+#-–([")


def ltr_runs(text: str) -> list[tuple[int, int]]:
    """Spans of Latin-script runs (with their digits and inner punctuation), URLs, numbers
    with a percent sign and signed numbers: in a right-to-left paragraph the bidi algorithm
    would move their trailing punctuation ("Holcim Ltd." shows as ".Holcim Ltd", "40 %" as
    "% 40", "-5" as "5-") or split them; isolating keeps them whole.
    Trailing punctuation belongs to the surrounding sentence unless it closes a bracket
    opened inside the run or is an abbreviation's full stop inside the sentence."""
    return list(_ltr_runs(text))


@lru_cache(maxsize=1024)  # a right-to-left page and its fragment isolate the same texts
def _ltr_runs(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    runs = (_RUN_NO_URL_RE if not may_hold_url(text)
            else _RUN_RE if "@" in text else _RUN_NO_MAIL_RE)
    for m in runs.finditer(text):
        if m.lastgroup == "bare":
            continue
        start, end = m.span()
        # strip trailing punctuation; a closing bracket stays when the run opened it
        while end > start:
            last = text[end - 1]
            if last not in _TRAIL and not (last in _CLOSERS and text.count(last, start, end)
                                           > text.count(_CLOSERS[last], start, end)):
                break
            end -= 1
        run = text[start:end]
        if text[end:end + 1] == "." and _LATIN_CHAR.match(text[end - 1:end]) and \
                _NONSPACE.search(text, end + 1) and not _LINK_START.match(run):
            end += 1  # "Inc." or "U.S." inside the sentence: the abbreviation's full stop
        if run.strip():
            spans.append((start, end))
    return tuple(spans)


def isolate_html(text: str) -> str:
    """Escape `text` for HTML, wrapping each left-to-right run in `<span dir="ltr">` (which
    the HTML UA stylesheet isolates: `unicode-bidi: isolate`)."""
    runs = _ltr_runs(text)
    if not runs:  # (most sentences of a right-to-left page)
        return _escape(text)
    out, pos = [], 0
    for start, end in runs:
        out.append(_escape(text[pos:start]))
        out.append('<span dir="ltr">' + _escape(text[start:end]) + "</span>")
        pos = end
    out.append(_escape(text[pos:]))
    return "".join(out)


def _escape(text: str) -> str:
    """html.escape(text, quote=False), after substring tests: a text with nothing to escape
    (most) is not passed over three times."""
    if "&" in text or "<" in text or ">" in text:
        return html.escape(text, quote=False)
    return text


# a figure grouped by spaces, not a stretch of a longer run of digit groups (a phone number
# "021 444 7788", "+963 11 224 3300" is kept as written: issue 21)
_FIGURE_GROUPS = _led(r"\d", r"(?<![\d)] )\b(\d{1,3})((?: \d{3})+)\b(?! ?\d)")


_SPACE_PERCENT = re.compile(r"(?<=\d) (?=%)")


def bind_figures(text: str, locale: str) -> str:
    """Figures typed with ordinary spaces ("18 %", "45 000", as an editor types them) get
    the no-break space the locale's CLDR number format puts there (French: U+202F), so a
    page never breaks them across lines. Locales that group with a comma or a dot are left
    as they are; nothing but those spaces changes."""
    spaces = _figure_spaces(locale)
    if spaces is None:  # an unknown locale: nothing to go by
        return text
    gap, group = spaces
    if gap in ("\u00a0", NNBSP) and "%" in text:
        text = _SPACE_PERCENT.sub(gap, text)
    if group in ("\u00a0", NNBSP):
        text = _FIGURE_GROUPS.sub(lambda m: m.group(1) + m.group(2).replace(" ", group), text)
    return text


@lru_cache(maxsize=256)
def _figure_spaces(locale: str) -> tuple[str, str] | None:
    """The locale's space between a figure and % and its group separator (CLDR, through
    babel; looked up once per locale, not once per segment), or None for an unknown locale."""
    from babel.numbers import format_percent, get_group_symbol

    try:
        group = get_group_symbol(locale)
        percent = format_percent(0.18, locale=locale)
    except Exception:  # an unknown locale: nothing to go by
        return None
    gap = percent[percent.find("18") + 2:percent.find("%")] if "%" in percent else ""
    return gap, group
