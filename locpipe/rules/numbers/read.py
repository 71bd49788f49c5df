"""Reading localized numbers back from a translation.

Part of locpipe.rules.numbers (the design note is in its __init__)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale
from babel import numbers as bnumbers
from babel.localedata import locale_identifiers

from locpipe import languages
from locpipe.rules.numbers.detect import _phone_digits
from locpipe.rules.numbers.options import HANIDEC, _symbol
from locpipe.rules.numbers.patterns import PHONE, PHONE_MIN_DIGITS
from locpipe.rules.numbers.render import Style
from locpipe.rules.urls import URL_RE, may_hold_url

# ----------------------------------------------------------------------------------------------
# Reading numbers back from a translation

_SPACES = " \u00a0\u202f"
_TOKEN_RE = re.compile(
    # every alternative starts with a digit: one test at the other positions of the text
    # (most of them) instead of one attempt per alternative
    r"(?=\d)(?:"
    # a race time written out ("1 min 58 s 40", "3 د 40 ث": CLDR's short duration units, the
    # hundredths after the seconds read as a figure of their own), before the clock forms
    r"(?P<ms>(?<!\d)(?P<mi>\d{1,2})\s?(?:min|د)\.?\s?(?P<ss>[0-5]\d)\s?(?:s|ث)(?!\w))"
    # a clock time: "19 h 42", "19:42", the AFP wire's capital "19H42"
    r"|(?P<hm>(?<!\d)(?P<h>\d{1,2})\s?(?:[hH]|:)\s?(?P<mm>\d{2})(?!\d))"
    r"|(?P<hh>(?<!\d)(?P<h2>\d{1,2})\s?[hH]\b)"
    # separators: every group and decimal symbol of CLDR (N'Ko ، and Adlam ⹁ among them)
    r"|(?P<num>\d+(?:(?:[.,'\u066b\u066c\u060c\u2e41]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*)"
    r"(?P<pct>[ \u00a0\u202f]?[%\u066a]\u061c?)?"
    r")"
)
_ORDINAL_AFTER = re.compile(r"(?:er|re|e|ème|eme|nd|nde|st|rd|th)\b")


@dataclass
class Token:
    start: int
    end: int
    text: str
    keys: set  # readings in the target language's conventions
    alt: set  # readings under other conventions (English, continental)
    grouped: bool = False
    mixed: bool = False
    percent: bool = False
    pieces: frozenset = frozenset()  # values of the digit groups of a malformed number
    counted: bool = False  # the figure of a counting unit (320万): read in millions
    seconds: Token | None = None  # "1 min 58 s": the seconds' token, which the minutes'
    # token stands for too when it is read as the pair ("t", 1, 58)

    @property
    def readings(self) -> frozenset:
        """Every value the token as a whole can stand for (not its pieces)."""
        return frozenset(self.keys) | frozenset(self.alt)


def _indian(pieces: list[str]) -> bool:
    """Whether digit groups are CLDR's Indian grouping (hi, bn, te, en_IN: "#,##,##0"):
    12,50,000 is 1,250,000 — three digits last, pairs before; it means nothing else."""
    return (len(pieces) > 2 and len(pieces[-1]) == 3 and 1 <= len(pieces[0]) <= 2
            and all(len(p) == 2 for p in pieces[1:-1]))


def _read(num: str, groups: str, decimals: str) -> Decimal | None:
    """The value of `num` if it is well-formed with these group/decimal separators."""
    int_part, frac = num, ""
    for d in decimals:
        if d in num:
            if num.count(d) != 1:
                return None
            int_part, frac = num.split(d)
            break
    pieces = re.split("[" + re.escape(groups) + "]", int_part) if groups else [int_part]
    if any(not p.isdigit() for p in pieces) or (frac and not frac.isdigit()):
        return None
    if len(pieces) > 1 and (len(pieces[0]) > 3 or any(len(p) != 3 for p in pieces[1:])) and \
            not _indian(pieces):
        return None
    try:
        return Decimal("".join(pieces) + ("." + frac if frac else ""))
    except InvalidOperation:
        return None


def _written_symbols(loc: Locale, system: str) -> tuple[str, str]:
    """(group, decimal) as Babel writes numbers of `system` in the locale (a system without
    symbols of its own: root's latn ones), else the locale's own (_symbol)."""
    try:
        return (bnumbers.get_group_symbol(loc, numbering_system=system),
                bnumbers.get_decimal_symbol(loc, numbering_system=system))
    except (KeyError, bnumbers.UnsupportedNumberingSystemError):
        return _symbol(loc, system, "group"), _symbol(loc, system, "decimal")


@lru_cache(maxsize=64)
def conventions(style: Style) -> tuple[str, str]:
    """The group and decimal separators readers of the locale use, from CLDR: those of its
    Latin and native numbering systems (fr_FR: U+202F and ","; ar: "," "٬" and "." "٫";
    ar_MA: "." "٬" and "," "٫"). Any space groups digits where CLDR groups with one. The
    system the page is written in comes first, with the symbols Babel writes it with; another
    system whose symbols swap them (lo: latn groups with ".", laoo as Babel writes it with ",")
    is left out."""
    groups, decimals = set(), set()
    native = style.locale.other_numbering_systems.get("native", "latn")
    for system in dict.fromkeys((style.system, "latn", native)):
        group, decimal = _written_symbols(style.locale, system)
        if group in decimals or decimal in groups:
            continue
        groups.add(group)
        decimals.add(decimal)
    if groups & set(_SPACES):
        groups |= set(_SPACES)
    return "".join(sorted(groups)), "".join(sorted(decimals - groups))


_OTHER = [(",", "."), (".", ","), (_SPACES, ","), (_SPACES, ".")]


class _DigitFold(dict):
    """str.translate table folding every Unicode decimal digit to ASCII (same length, so
    positions are kept). Filled per character on first sight: building it for all code points
    cost 0.4 s at every start of the CLI."""

    def __missing__(self, code: int) -> str:
        digit = unicodedata.decimal(chr(code), None)
        self[code] = value = chr(code) if digit is None else str(digit)
        return value


_FOLD = _DigitFold()
_SCALE_LETTER = re.compile(r"[KMGBT](?![A-Za-z])")
_IDENT_BEFORE = re.compile(r"[A-Za-z]-?$")
_LETTER = re.compile(r"[A-Za-z]")
_PHONE_RE = re.compile(r"(?<![\w+])(?:" + PHONE + ")")
_DECADE_AFTER = re.compile(r"'?s\b")
_PIECE_RE = re.compile(r"[^ \u00a0\u202f]+")


# Han decimal digits read as digits where they stand for a number: two or more in a row
# ("二〇二五"), or one before a date or percent word ("三月", "九日"); a lone 一 in a word
# (一些 "some", 统一 "unify") is a letter.
_HANIDEC_RUN = re.compile(rf"[{HANIDEC}](?:[{HANIDEC}.,]*[{HANIDEC}])?(?=[年月日号%％])"
                          rf"|[{HANIDEC}](?:[.,]?[{HANIDEC}])+")
_FROM_HANIDEC = str.maketrans(HANIDEC, "0123456789")


def _blank(pattern: re.Pattern, text: str) -> str:
    """The text with each match of `pattern` replaced by as many spaces (positions kept)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _space_grouped(num: str) -> bool:
    """Whether the spaces of `num` can be thousands separators ("50 000", "1 234,5"); if not
    ("2021 450": a year, then a count), they separate two numbers."""
    return any(_read(num, _SPACES, d) is not None for d in ",.")


def read_tokens(text: str, style: Style) -> list[Token]:
    """Numbers, clock times and phone numbers in a translation, with their possible readings.
    URLs and e-mail addresses are not read (their digits are theirs; rules.urls checks them);
    distinct numbers that only a space separates are never read as one."""
    groups, decimals = conventions(style)
    # "3.2M": where CLDR has no scale words for the locale, only root's "0M"
    root_scales = {w for w in _cldr_scales(style.locale) if len(w) == 1 and w.isascii()}
    glued = _glued_scale_re(style.locale)  # "2,5M", "720M£": the locale's short abbreviation
    first = style.profile.first_of_month  # "1er": the first of the month, not an ordinal
    first_re = re.compile(re.escape(first[1:]) + r"\b") if first[1:] else None
    folded = text if text.isascii() else text.translate(_FOLD)
    if style.system == "hanidec" and not text.isascii():
        folded = _HANIDEC_RUN.sub(lambda m: m.group(0).translate(_FROM_HANIDEC), folded)
    tokens = []
    if may_hold_url(folded):
        folded = _blank(URL_RE, folded)
    if "0" in folded or "+" in folded:
        for m in _PHONE_RE.finditer(folded):
            digits = _phone_digits(m.group(0))
            if len(digits.lstrip("+")) >= PHONE_MIN_DIGITS:
                tokens.append(Token(m.start(), m.end(), text[m.start():m.end()],
                                    {("p", digits)}, set()))
        if tokens:
            folded = _blank(_PHONE_RE, folded)

    def number(start: int, end: int, num: str, pct: str | None) -> None:
        raw = text[start:end]
        mixed = folded is not text and _mixed(raw)
        if start and _IDENT_BEFORE.search(folded, max(0, start - 2), start):
            return  # identifiers (F-16, A320) are not values
        if not pct and end < len(folded) and (_LETTER.match(folded, end) or
                                              _ORDINAL_AFTER.match(folded, end)) and \
                not (num == "1" and first_re and first_re.match(folded, end)) and \
                not (len(num) == 4 and num.endswith("0") and _DECADE_AFTER.match(folded, end)) \
                and not (root_scales and _SCALE_LETTER.match(folded, end)
                         and folded[end] in root_scales) \
                and not (glued is not None and glued.match(folded, end)):
            return  # nor are ordinals (3e, 21st) and codes (3D); "1er décembre" is a date,
            # "1990s" a decade left in English (a pseudo-translation), "3.2M" (CLDR's root
            # compact form, what a locale without scale words writes) a figure
        keys, alt, pieces, grouped = _readings(num, groups, decimals)
        tokens.append(Token(start, end, raw, keys, alt, grouped, mixed, bool(pct), pieces))

    for m in _TOKEN_RE.finditer(folded):
        start, end = m.span()
        raw = text[start:end]
        mixed = folded is not text and _mixed(raw)
        if m.group("ms"):  # the minutes read as a clock pair with the seconds, as "1:58"
            # is, or as a figure of their own with the seconds another ("3 min" and "40 s")
            mi, ss = int(m.group("mi")), int(m.group("ss"))
            seconds = Token(m.start("ss"), end, text[m.start("ss"):end], {("n", Decimal(ss))},
                            set())
            tokens.append(Token(start, m.start("ss"), text[start:m.start("ss")],
                                {("n", Decimal(mi)), ("t", mi, ss)}, set(), mixed=mixed,
                                seconds=seconds))
            tokens.append(seconds)
            continue
        if m.group("hm") or m.group("hh"):
            h = int(m.group("h") or m.group("h2"))
            mi = int(m.group("mm") or "0")
            if h <= 24 and mi <= 59:
                tokens.append(Token(start, end, raw, {("t", h, mi)}, set(), mixed=mixed))
                continue
        num = m.group("num")
        if not num:
            continue
        pct = m.group("pct")
        if any(c in num for c in _SPACES) and not _space_grouped(num):
            parts = list(_PIECE_RE.finditer(num))
            for i, piece in enumerate(parts):
                last = i == len(parts) - 1
                number(start + piece.start(), end if last else start + piece.end(),
                       piece.group(0), pct if last else None)
            continue
        number(start, end, num, pct)
    tokens.sort(key=lambda t: t.start)
    return tokens


def _mixed(raw: str) -> bool:
    zeros = {ord(ch) - unicodedata.decimal(ch) for ch in raw if ch.isdigit()}
    return len(zeros) > 1


@lru_cache(maxsize=65_536)
def _readings(num: str, groups: str, decimals: str
              ) -> tuple[frozenset, frozenset, frozenset, bool]:
    """(readings in the locale's conventions, readings under other conventions, values of
    the digit groups when neither reads the whole, grouped)."""
    if num.isdigit():
        return frozenset({("n", Decimal(num))}), frozenset(), frozenset(), False
    primary = _read(num, groups, decimals)
    keys = {("n", primary)} if primary is not None else set()
    alt = {("n", v) for g, d in _OTHER if (v := _read(num, g, d)) is not None} - keys
    pieces: set = set()
    if primary is None and not alt:  # not a number in any convention: read the pieces
        pieces = {("n", Decimal(p)) for p in re.split(r"\D+", num) if p}
    grouped = primary is not None and any(c in num for c in groups) and \
        _read(num, "", decimals) is None
    return frozenset(keys), frozenset(alt), frozenset(pieces), grouped


@lru_cache(maxsize=16)
def _month_names(lang: str) -> dict[str, int]:
    """Month names of every CLDR locale of a language (regional Arabic names included)."""
    names: dict[str, int] = {}
    for loc in _locales_of(lang):
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for k, name in loc.months[ctx][width].items():
                    if len(name.rstrip(".")) >= 2:
                        names[name.lower().rstrip(".")] = k
    return names


def _locales_of(lang: str) -> list[Locale]:
    return [Locale.parse(ident) for ident in locale_identifiers() if ident.split("_")[0] == lang]


# Letters a CLDR date pattern writes onto the month name (Hebrew "d בMMMM y": "3 בדצמבר").
_MONTH_PREFIX_RE = re.compile(r"([^\W\d_A-Za-z]+)M{3,4}")


@lru_cache(maxsize=16)
def _month_re(lang: str) -> re.Pattern:
    names = sorted(_month_names(lang), key=len, reverse=True)
    prefixes = {p for loc in _locales_of(lang) for fmt in ("full", "long", "medium")
                for p in _MONTH_PREFIX_RE.findall(loc.date_formats[fmt].pattern)}
    prefix = "(?:" + "|".join(map(re.escape, sorted(prefixes))) + ")?" if prefixes else ""
    if not languages.get(lang).spaced:  # 2025年3月9日: no space around a month name
        return re.compile(r"(?<!\d)" + prefix + "(" + "|".join(map(re.escape, names)) + ")",
                          re.I)
    return re.compile(r"(?<!\w)" + prefix + "(" + "|".join(map(re.escape, names)) + r")(?!\w)",
                      re.I)


@lru_cache(maxsize=64)
def _cldr_scale_words(locale: Locale) -> dict[str, int]:
    """Scale words of the locale from CLDR's long compact patterns, every plural form
    (ru "0 миллиона" -> миллиона: 6): how a translation writes "5 million" in any language."""
    return {word: exp for word, (exp, _shift) in _cldr_scales(locale).items()}


@lru_cache(maxsize=64)
def _cldr_scales(locale: Locale) -> dict[str, tuple[int, int]]:
    """word -> (power of ten it is read for, power of ten it stands for), from every plural
    form of CLDR's long compact patterns: "millions" -> (6, 6) in fr; "万" -> (6, 4) in zh
    (CLDR writes a million "000万", 100 ten-thousands), "亿" -> (9, 8), hi "करोड़" -> (7, 7).
    The word is the pattern without its figure and quotes, its vowel signs kept (Thai ล้าน,
    Hindi लाख: Python's \\w does not take combining marks)."""
    words: dict[str, tuple[int, int]] = {}
    for forms in locale.compact_decimal_formats.get("long", {}).values():
        for key in sorted(forms, key=len):
            positive = forms[key].pattern.split(";")[0]
            zeros = re.search(r"0+", positive)
            word = " ".join(re.sub(r"[0#.,¤'\u00a0\u202f\u200e\u200f\u061c]+", " ",
                                   positive).split())
            power = len(key) - 1 - (len(zeros.group(0)) - 1 if zeros else 0)
            if word and power >= 4:  # also "万", and "M" where CLDR has only root's "0M"
                exp = len(key) - 1
                old = words.get(word)
                if old is None or (old[0] not in (6, 9, 12) and exp in (6, 9, 12)):
                    words[word] = (exp, power)
    return words


@lru_cache(maxsize=64)
def _cldr_short_scales(locale: Locale) -> dict[str, int]:
    """Scale abbreviations of the locale from CLDR's short compact patterns, for millions and
    above, that are not its long words (fr "M", "Md", "Bn"; de "Mio.", "Mrd."): how the press
    abbreviates "2,5 M de personnes", "720 M£"."""
    long_words = _cldr_scale_words(locale)
    words: dict[str, int] = {}
    for forms in locale.compact_decimal_formats.get("short", {}).values():
        for key, pattern in forms.items():
            word = " ".join(re.sub(r"[0#.,¤'\u00a0\u202f\u200e\u200f\u061c]+", " ",
                                   pattern.pattern.split(";")[0]).split())
            if word and len(key) - 1 >= 6 and word not in long_words and " " not in word:
                words.setdefault(word, len(key) - 1)
    return words


@lru_cache(maxsize=64)
def _glued_scale_re(locale: Locale) -> re.Pattern | None:
    """The locale's short scale abbreviations as written glued to a figure ("2,5M", "3Md€")."""
    short = _cldr_short_scales(locale)
    if not short:
        return None
    return re.compile("(?:" + "|".join(map(re.escape, sorted(short, key=len, reverse=True)))
                      + rf")(?:[A-Z]{{0,3}}[{_SC}][A-Z]{{0,3}})?(?!\w)")


# Currency symbols (Unicode category Sc) a French-style abbreviation carries: "M£", "Md$"
_SC = "".join(sorted({chr(c) for c in range(0x20, 0x20C1)
                      if unicodedata.category(chr(c)) == "Sc"}))
_AFTER_FIGURE = r"(?:(?<=\d)|(?<=\d[ \u00a0\u202f]))"


@lru_cache(maxsize=64)
def _scale_re(style: Style) -> tuple[re.Pattern, dict[str, int]]:
    """The profile's scale words (abbreviations and variants news copy uses: "Md€", "Mio.",
    "ملايين"), then CLDR's, longest first ("mil millones" before "millones"), then CLDR's
    short abbreviations right after a figure, with a currency symbol glued to them or not
    ("2,5 M", "720 M£", "3 Md$US": a capital "M" anywhere else is a title, "M. Dupont")."""
    scales = dict(style.profile.scale_words)
    cldr = _cldr_scale_words(style.locale)
    for word in sorted(cldr, key=len, reverse=True):
        flags = "(?i:" if len(word) > 1 else "(?:"  # "M" (root's 0M) is not "m" (metres)
        scales.setdefault(flags + r"\s+".join(map(re.escape, word.split())) + ")", cldr[word])
    short = _cldr_short_scales(style.locale)
    symbol = rf"(?:[A-Z]{{0,3}}[{_SC}][A-Z]{{0,3}})?"
    for word in sorted(short, key=len, reverse=True):
        scales.setdefault(_AFTER_FIGURE + re.escape(word) + symbol, short[word])
    if not scales:
        return re.compile(r"(?!x)x"), {}
    groups = {f"s{i}": exp for i, exp in enumerate(scales.values())}
    pattern = "|".join(f"(?P<s{i}>{pat})" for i, pat in enumerate(scales))
    if style.profile.spaced:
        return re.compile(r"(?<![^\W\d])(?:" + pattern + r")(?!\w)"), groups
    # no spaces (zh "320万美元", "三二〇万"): a scale word is one written after a figure
    figure = rf"[\d{HANIDEC}]"
    return re.compile(rf"(?:(?<={figure})|(?<={figure}[ \u00a0]))(?:" + pattern + ")"), groups


@lru_cache(maxsize=16)
def _decade_re(profile: str) -> tuple[re.Pattern | None, list[int]]:
    decades = languages.get(profile).decades
    if not decades:
        return None, []
    pattern = "|".join(f"({pat})" for pat in decades)
    return re.compile(pattern), list(decades.values())


_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Counts:
    """The counts a language's translation may spell out, keyed by their words."""

    forms: dict[tuple[str, ...], int]  # ("vingt", "et", "une") -> 21
    parts: frozenset[str]  # every word of every form
    longest: int
    clitic: re.Pattern | None  # the profile's clitics (Arabic و ب ال…), stripped from a word
    conjunction: str  # a word joining the parts that may stand alone or be glued (Arabic و)


# The counts whose spelling is read whole (num2words' forms): 0-100, the hundreds, and one
# and two of each scale ("ألف", "ألفا" two thousand, "مليار", "un million"); the rest is
# composed from these and the scale words (_spelled_counts)
_SPELLED = (*range(101), *range(200, 1000, 100), *(k * 10 ** e for e in (3, 6, 9) for k in (1, 2)))


@lru_cache(maxsize=64)
def _number_words(lang: str) -> _Counts | None:
    """Counts a translation may spell out ("trois", "vingt et un", "ثلاثة", "ثلاث",
    "ثلاثمائة", "مليار"): num2words' forms for the language (_SPELLED), with the profile's
    gender, case and dual forms (inside compounds too: "vingt et une"). None for a language
    without spaces (its numerals stand inside words) or without any form."""
    profile = languages.get(lang)
    if not profile.spaced:
        return None
    words: dict[str, int] = {}
    try:
        from num2words import num2words
    except ImportError:  # an optional reading: without it, digits only
        num2words = None
    for n in _SPELLED if num2words else ():
        try:
            words.setdefault(num2words(n, lang=lang).lower(), n)
        except (NotImplementedError, KeyError, AttributeError, ValueError, TypeError,
                OverflowError):
            if n <= 100:
                break
    base = {n: w for w, n in words.items()}
    for word, n in profile.number_words.items():
        word = word.lower()
        words.setdefault(word, n)
        plain = base.get(n)
        if not plain or plain == word:
            continue
        for form, value in list(words.items()):  # the same form inside compounds: "vingt et
            # une", "vinte e duas", "ثلاث وعشرون", "ثلاثة وعشرين"
            if value > 10 and form.endswith(plain):
                words.setdefault(form[:-len(plain)] + word, value)
            if value > 10 and form.startswith(plain + " "):
                words.setdefault(word + form[len(plain):], value)
    if not words:
        return None
    conjunction = "و" if profile.clitics and "و" in profile.clitics else ""
    forms = {tuple(w for w in _WORD_RE.findall(form) if w != conjunction): n
             for form, n in words.items()}
    # "deux mille", "un million" are composed from their words (_spelled_counts), so that
    # "six cent deux mille" is 602,000
    forms = {f: n for f, n in forms.items() if n < 1000 or len(f) == 1}
    forms.pop((), None)
    clitic = re.compile(f"(?:{profile.clitics})") if profile.clitics else None
    return _Counts(forms, frozenset(w for f in forms for w in f), max(map(len, forms)),
                   clitic, conjunction)


def _count_word(word: str, counts: _Counts) -> str:
    """A word of the translation as the forms have it: a clitic stripped where the rest is a
    number word ("وعشرون" -> "عشرون", "الثلاثة" -> "ثلاثة")."""
    word = word.lower()
    if word in counts.parts or counts.clitic is None:
        return word
    for k in (1, 2, 3):
        if counts.clitic.fullmatch(word, 0, k) and word[k:] in counts.parts:
            return word[k:]
    return word


@lru_cache(maxsize=64)
def _word_scale_re(lang: str) -> tuple[re.Pattern | None, dict[str, int]]:
    """A word that is a scale word of the language (the profile's, CLDR's long ones)."""
    profile = languages.get(lang)
    words = dict(profile.scale_words)
    for word, exp in _cldr_scale_words(profile.cldr).items():
        if " " not in word:
            words.setdefault(re.escape(word.lower()), exp)
    if not words:
        return None, {}
    return (re.compile("|".join(f"(?P<w{i}>{pat})" for i, pat in enumerate(words)), re.I),
            {f"w{i}": exp for i, exp in enumerate(words.values())})


@lru_cache(maxsize=65_536)
def _scale_word(word: str, lang: str) -> tuple[str, int]:
    """(the scale word, its power of ten) that `word` is, a clitic written onto it or not
    ("بمليار" -> ("مليار", 9)); (word, 0) for any other word. Asked once per distinct word."""
    pattern, exps = _word_scale_re(lang)
    if pattern is None:
        return word, 0
    m = pattern.fullmatch(word)
    if m:
        return word, exps[m.lastgroup]
    clitic = _number_words(lang).clitic
    for k in (1, 2, 3) if clitic is not None else ():
        if clitic.fullmatch(word, 0, k) and (m := pattern.fullmatch(word, k)):
            return word[k:], exps[m.lastgroup]
    return word, 0


@lru_cache(maxsize=65_536)
def _word_of(word: str, lang: str) -> tuple[str, int]:
    """A word of the translation as the forms have it (_count_word) and the power of ten of
    the scale word it is, 0 if none ("ألفا": two thousand alone, a scale word after a count;
    "بمليار" -> "مليار", 9). Asked once per distinct word."""
    counts = _number_words(lang)
    form = _count_word(word, counts)
    bare, exp = _scale_word(form, lang)
    return (form if form in counts.parts else bare), exp


# vowel marks (tanween: "ألفًا") and tatweel, which a word's spelling does not depend on
_HARAKAT = str.maketrans("", "", "".join(map(chr, range(0x064B, 0x0653))) + "\u0670\u0640")
_HARAKAT_RE = re.compile("[\u064b-\u0652\u0670\u0640]")


def _spelled_counts(text: str, lang: str) -> list[tuple]:
    """("w", value) for each number the translation spells out, longest forms first, its
    words composed with the scale words after them ("خمسين ألفا" 50,000, "مئتين وخمسين
    ألفا" 250,000, "deux millions" 2,000,000). A scale word alone is one of it, its dual two
    ("مليار دولار": a billion, "ملياري فرنك": two billion; the forms say which); one that
    follows digits is the digits' (read_tokens). A value of millions or more is also read as
    its figure before the scale word ("سبعة ملايين": 7 and 7,000,000), as a source writes
    "7 million"."""
    counts = _number_words(lang)
    if counts is None:
        return []
    if not text.isascii() and _HARAKAT_RE.search(text):
        text = text.translate(_HARAKAT)
    parts, conjunction = counts.parts, counts.conjunction
    words, scales = [], {}  # (where, word as the forms have it); where -> power of ten
    for m in _WORD_RE.finditer(text):
        word, exp = _word_of(m.group(0), lang)
        if word == conjunction:  # "مائة و ثلاثة": one number, the conjunction standing alone
            continue
        if exp:
            scales[m.start()] = exp
        words.append((m.start(), word))
    out: list[tuple] = []
    total = current = None

    def close() -> None:
        if total is None and current is None:
            return
        value = Decimal((total or 0) + (current or 0))
        out.append(("w", value))
        exp = next((e for e in (12, 9, 6) if value >= 10 ** e), 0)
        if exp:
            out.append(("w", value.scaleb(-exp).normalize()))

    i = 0
    while i < len(words):
        at, word = words[i]
        exp = scales.get(at, 0) if scales else 0
        if not exp and word not in parts:  # most words: no number word
            if total is not None or current is not None:
                close()
                total = current = None
            i += 1
            continue
        if exp and current is not None:  # "خمسين ألفا", "deux millions"
            total, current = (total or 0) + current * 10 ** exp, None
            i += 1
            continue
        value, size = None, 0
        if word in counts.parts:
            for size in range(min(counts.longest, len(words) - i), 0, -1):
                value = counts.forms.get(tuple(w for _, w in words[i:i + size]))
                if value is not None:
                    break
        if value is None or (exp and text[:at].rstrip()[-1:].isdigit()):
            close()  # not a number word, or the scale word of digits ("3 مليارات")
            total = current = None
            i += 1
            continue
        if value >= 1000 and current is not None and str(value).strip("0") == "1":
            total, current = (total or 0) + current * value, None  # "tres mil", "drei tausend"
        elif value >= 1000:  # a scale word alone or its dual: "ألف", "مليار", "ملياري"
            total = (total or 0) + value
        elif value == 100 and current is not None and current < 10:  # "trois cent", "ثلاث مئة"
            current *= 100
        else:
            current = (current or 0) + value
        i += size
    close()
    return out


@lru_cache(maxsize=16)
def _days_hours_re(lang: str) -> re.Pattern | None:
    """The profile's day words before a month's name, and its hour words before one of
    CLDR's day periods for the locale (ar "مساءً", "صباحًا", "ليلاً"), without vowel marks."""
    profile = languages.get(lang)
    if not (profile.day_words or profile.hour_words):
        return None

    def alt(words) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.translate(_HARAKAT).split()))
                        for w in sorted(words, key=len, reverse=True))

    parts = []
    if profile.day_words:
        parts.append(rf"(?P<day>{alt(profile.day_words)}){profile.day_of}"
                     rf"(?:{alt(_month_names(lang))})(?!\w)")
    if profile.hour_words:
        periods = {name for ctx in ("format", "stand-alone") for width in
                   ("wide", "abbreviated", "narrow")
                   for name in profile.cldr.day_periods[ctx][width].values() if len(name) > 1}
        parts.append(rf"(?P<hour>{alt(profile.hour_words)})\s+(?:{alt(periods)})(?!\w)")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.I)


@lru_cache(maxsize=16)
def _days_hours(lang: str) -> tuple[dict[str, int], dict[str, int]]:
    """The profile's day and hour words as _days_hours_re finds them (no vowel marks)."""
    profile = languages.get(lang)
    return tuple({" ".join(w.translate(_HARAKAT).split()): n for w, n in words.items()}
                 for words in (profile.day_words, profile.hour_words))


def _worded_days_and_hours(text: str, lang: str) -> list[tuple]:
    """("w", value) for a day of the month in words before its month ("الأول من مارس": 1)
    and an hour of the clock in words before a day period ("الثامنة مساءً": 8), read like
    the counts a translation spells out: values the source writes as figures."""
    pattern = _days_hours_re(lang)
    if pattern is None:
        return []
    days, hours = _days_hours(lang)
    out = []
    if _HARAKAT_RE.search(text):
        text = text.translate(_HARAKAT)
    for m in pattern.finditer(text):
        found = m.groupdict()
        value = days.get(" ".join(found["day"].split())) if found.get("day") else \
            hours.get(" ".join(found["hour"].split()))
        if value is not None:
            out.append(("w", Decimal(value)))
    return out


_COUNT_CATEGORY = {"zero": 0, "one": 1, "two": 2}
# Combining marks (vowel signs, tanween: "يومًا", "يومَين") are left out where a word is matched
_MARKS = re.compile("[" + "".join(chr(c) for c in range(0x0300, 0x0900)
                                  if unicodedata.category(chr(c)) == "Mn") + "]")


@lru_cache(maxsize=64)
def _duration_words(style: Style) -> tuple[re.Pattern | None, dict[str, tuple[str, int]]]:
    """The words a translation counts none, one or two of a duration unit with, no figure
    beside them: CLDR's forms without a figure (Arabic "يوم", "يومان"), the dual's oblique
    case (the profile's `dual_oblique`: "يومين") and the profile's other words ("عامين"), a
    clitic allowed before each ("بيومين"), the singular's accusative ("يوما"), vowel signs
    ignored. (pattern or None, word -> (unit, count))."""
    profile = style.profile
    words: dict[str, tuple[str, int]] = {}
    for unit, lengths in style.locale._data["unit_patterns"].items():
        if not unit.startswith("duration-"):
            continue
        for length in ("long", "short"):
            for category, count in _COUNT_CATEGORY.items():
                pattern = lengths.get(length, {}).get(category)
                if pattern and "{0}" not in pattern:
                    words.setdefault(pattern.lower(), (unit, count))
    words.update({w.lower(): v for w, v in profile.unit_words.items()})
    if profile.dual_oblique:
        nominative, oblique = profile.dual_oblique
        for word, (unit, count) in list(words.items()):
            if count == 2 and word.endswith(nominative):
                words.setdefault(word[:-len(nominative)] + oblique, (unit, count))
    if profile.singular_accusative:
        pattern, replacement = profile.singular_accusative
        for word, (unit, count) in list(words.items()):
            if count == 1:
                words.setdefault(re.sub(pattern, replacement, word, count=1), (unit, count))
    words = {_MARKS.sub("", w): v for w, v in words.items()}
    if not words:
        return None, {}
    clitic = f"(?:{profile.clitics})?" if profile.clitics else ""
    alt = "|".join(r"\s+".join(map(re.escape, w.split()))
                   for w in sorted(words, key=len, reverse=True))
    # a word right after a figure is that figure's noun ("45 ساعة"), not a count of its own
    return re.compile(r"(?<![^\W_])(?<!\d[ \u00a0\u202f])" + clitic + "(" + alt + r")(?!\w)",
                      re.I), words


def _target_keys(text: str, style: Style) -> tuple[list[Token], list[tuple]]:
    lang = style.lang
    tokens = read_tokens(text, style)
    names = _month_names(lang)
    # month names with digits (ja 3月, ko 3월, root's M03) are matched in Latin digits
    latin = text if text.isascii() else text.translate(_FOLD)
    if style.system == "hanidec" and not text.isascii():
        latin = _HANIDEC_RUN.sub(lambda m: m.group(0).translate(_FROM_HANIDEC), latin)
    months = list(_month_re(lang).finditer(latin))
    extra = [("m", names[m.group(1).lower()]) for m in months]
    if months:  # ja "3月", zh "三月" are month names, not numbers
        tokens = [t for t in tokens if not any(m.start() <= t.start and t.end <= m.end()
                                               for m in months)]
    scale_re, groups = _scale_re(style)
    powers = _cldr_scales(style.locale)
    for m in scale_re.finditer(text):
        exp = groups[m.lastgroup]
        power = powers.get(" ".join(m.group(0).split()), (0, exp))[1]
        before = [t for t in tokens if t.end <= m.start()
                  and not text[t.end:m.start()].strip()]
        if power not in (6, 9, 12) and before:
            # a counting unit (万 10^4, 亿 10^8, लाख 10^5, करोड़ 10^7): "320万" is 3.2
            # million and "1.2亿" 120 million, read in the largest of million, billion,
            # trillion the value reaches
            tok = before[-1]
            full = [v.scaleb(power) for kind, v in tok.readings if kind == "n"]
            exp = next((e for e in (12, 9, 6) if full and max(full) >= 10 ** e), 0)
            # below a million (a thousands word: "50 ألف", "50 mil", "50 mille") the figure
            # itself: 50,000
            tok.keys = set(tok.keys) | {("n", v.scaleb(-exp).normalize()) for v in full}
            tok.counted = True
        if exp in (6, 9, 12):
            extra.append(("s", exp))
    decade_re, years = _decade_re(lang)
    if decade_re is not None:  # decades named in words (Arabic الثمانينيات)
        extra.extend(("d", years[m.lastindex - 1]) for m in decade_re.finditer(text))
    extra.extend(_spelled_counts(text, lang))  # "trois hôpitaux" for "3 hospitals"
    durations, counted = _duration_words(style)
    if durations is not None:  # "يومين" for "2 days": ("u", unit, count)
        extra.extend(("u", *counted[" ".join(m.group(1).lower().split())])
                     for m in durations.finditer(_MARKS.sub("", latin)))
    extra.extend(_worded_days_and_hours(text, lang))  # "الأول من مارس", "الثامنة مساءً"
    return tokens, extra

