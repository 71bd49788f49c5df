"""Detection: the values of an English source text, each read by a small reader per pattern group.

Part of locpipe.rules.numbers (the design note is in its __init__)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from locpipe.markup import PLACEHOLDER_RE, TAG_RE
from locpipe.rules.numbers.datetimes import (
    _day_month,
    _year_near,
    _year_with_weekday,
    join_datetimes,
)
from locpipe.rules.numbers.patterns import (
    _SPELLED_COUNT,
    _UNIT_RES,
    _WORD_CODES,
    CURRENCY_NAMES,
    CURRENCY_SYMBOLS,
    ISO_CODES,
    MINOR_UNITS,
    MONTH_ABBR,
    MONTHS,
    PHONE_MIN_DIGITS,
    SCALE_EXP,
    SCALES,
    SOURCE_RE,
    WEEKDAYS,
)
from locpipe.rules.urls import may_hold_url


@dataclass
class Quantity:
    """One value found in the source, with what restoring and checking need to know."""

    kind: str  # number | year | percent | money | range | date | time | decade | phone | url
    # | code (an IP address, ISBN or version number, kept verbatim)
    # | ordinal | century | fraction | unit | quarter | daterange | duration | datetime
    text: str  # as written in the source
    value: Decimal | None = None
    grouped: bool = False  # the source wrote thousands separators
    scale: int = 0  # 6 = million, 9 = billion, 12 = trillion
    currency: str = ""
    value2: Decimal | None = None  # second end of a range
    date: dt.date | None = None
    parts: str = ""  # date parts the source gives: "dmy", "my", "dm"; "w" weekday, "#" numeric
    time: dt.time | None = None
    masked: bool = True
    clock24: bool = False  # the source wrote a 24-hour time (14:30, 1615 GMT)
    unit: str = ""  # CLDR unit id ("temperature-celsius", "length-mile")
    spelled: bool = False  # the source spelled the unit out ("miles", not "mi"): long form
    sign: str = ""  # "+" when the source wrote an explicit plus ("+1.3%", "(+11)")
    worded: bool = False  # the value carries its scale word ("4.2 million"): CLDR writes it
    date2: dt.date | None = None  # the end of a date range
    whole: Decimal | None = None  # the whole part of a fraction ("10 1/2")
    unit2: str = ""  # the second unit of "5 ft 2 in" (CLDR unit id)
    minor: int = 0  # an amount in the currency's minor unit ("50 cents": 2, satoshis: 8)
    per: str = ""  # the CLDR unit a unit is per ("50 km/ms": "duration-millisecond")
    # (round 4 also: kind "list", small figures joined by commas, "22,24,26": kept as written)
    time2: dt.time | None = None  # the end of a range of clock times ("5-6 pm")
    # kind "datetime": a date (`date`, `parts`) and a clock time (`time`, `time2` for a range)
    # written together ("Jan 15, 1:00 PM", "23.04.2022 14:55"): one value
    # kind "datespan": from `date` to `date2`, each end with its own month ("Nov-Feb 5th,
    # 2017"); `parts` says what each end writes, "m-dmy". Kind "fiscal" with `parts` "c" or
    # "s": a calendar or a school year ("CY2008", "SY18")

    def keys(self) -> list[frozenset]:
        """What must appear in a translation for this value: one set of acceptable keys each
        (numbers ("n", value), clock times ("t", h, m), months ("m", k), scales ("s", exp),
        phone numbers ("p", digits)). A URL is verified by its own rule (locpipe.rules.urls)."""
        if self.kind in ("list", "datespan"):  # a span: each end's; a list ("22,24,26"):
            return _span_keys(self) if self.kind == "datespan" else []  # figures it may carry
        if self.kind in ("url", "ordinal", "century"):  # "43e", "XVIIIe", "الـ43": written
            return []  # by the profile, and read back as values the translation may carry
        if self.kind == "daterange" and self.date2 and "d" not in self.parts and \
                "m" in self.parts:  # "June-August 2026": two months and the year
            return [frozenset({("m", self.date.month)}), frozenset({("m", self.date2.month)}),
                    frozenset({("n", Decimal(self.date.year))})]
        if self.kind == "daterange" and self.date2:
            out = [frozenset({("m", self.date.month)}), frozenset({("n", Decimal(self.date.day))}),
                   frozenset({("n", Decimal(self.date2.day))})]
            return out + ([frozenset({("n", Decimal(self.date.year))})] if "y" in self.parts
                          else [])
        if self.kind == "duration":  # "1:58.40": minutes and seconds read as a clock pair
            return [frozenset({("t", int(self.value), int(self.value2))})]
        if self.kind == "hmin":  # "3 h 15 min" reads as a clock pair, or as two figures
            return [frozenset({("t", int(self.value), int(self.value2)), ("n", self.value)})]
        if self.kind == "season" or (self.kind == "fiscal" and self.value2 is not None):
            # "2024/25" read back as 2024/25 or 2024-2025
            end = self.value2 + self.value // 100 * 100
            return [frozenset({("n", self.value)}), frozenset({("n", self.value2), ("n", end)})]
        if self.kind in ("half", "fiscal"):  # "S1 2025", "exercice 2026": the year reads
            return [frozenset({("n", self.value)})] if self.value is not None else []
        if self.kind == "quarter":  # "T2", "2e trimestre", "الربع الثاني": only the year reads
            return [frozenset({("n", self.value)})] if self.value is not None else []
        if self.kind == "phone":  # "0161 123 4567 ext. 123": with its extension or without
            main = _EXT_RE.sub("", self.text)
            return [frozenset({("p", _phone_digits(self.text)), ("p", _phone_digits(main))})]
        if self.kind == "code":  # an IP address, an ISBN, a version: as written
            return [frozenset({("c", self.text)})]
        if self.kind == "datetime":  # the date's keys, then each clock time's
            return Quantity("date", self.text, date=self.date, parts=self.parts).keys() + \
                Quantity("timerange" if self.time2 else "time", self.text, time=self.time,
                         time2=self.time2).keys()
        if self.kind == "date" and self.date:
            d = self.date
            month = {("m", d.month)} | ({("n", Decimal(d.month))} if "#" in self.parts else set())
            out = [frozenset(month)] if "m" in self.parts else []  # "Friday the 26th": no month
            if "d" in self.parts:
                out.append(frozenset({("n", Decimal(d.day))}))
            if "y" in self.parts:  # "12/12/30": the two digits of the year
                out.append(frozenset({("n", Decimal(d.year % 100 if "2" in self.parts
                                                    else d.year))}))
            return out
        if self.kind in ("time", "timerange") and self.time:
            out = []
            for t in (self.time, self.time2) if self.time2 else (self.time,):
                h, m = t.hour, t.minute
                alts = {("t", h, m), ("t", h % 12 or 12, m)}
                if m == 0:
                    alts |= {("n", Decimal(h)), ("n", Decimal(h % 12 or 12))}
                out.append(frozenset(alts))
            return out
        if self.kind == "fraction":  # "10 1/2": 10, 1 and 2; "¾": nothing to read
            whole = [frozenset({("n", self.whole)})] if self.whole is not None else []
            if self.value2 is None:
                return whole
            return whole + [frozenset({("n", self.value)}), frozenset({("n", self.value2)})]
        if self.kind == "decade":  # "the 1980s": "les années 1980/80", "الثمانينيات"
            alts = {("n", self.value), ("d", int(self.value))}
            if 1900 <= self.value < 2000:
                alts.add(("n", self.value - 1900))
            if self.text[0] in "'’" and self.value <= 1920:  # "the '20s": 1920s or 2020s
                alts |= {("n", self.value + 100), ("d", int(self.value) + 100)}
            return [frozenset(alts)]
        if self.minor:  # "50 cents": 50, or 0.50 where the profile writes the major unit
            return [frozenset({("n", self.value), ("n", self.value.scaleb(-self.minor))})]
        out = [frozenset({("n", abs(self.value))})]  # a sign is CLDR's to write
        if self.unit == "duration-hour" and self.value == int(self.value) <= 24:
            out = [out[0] | {("t", int(self.value), 0)}]  # "3 h" reads as a clock time too
        if self.value2 is not None:
            out.append(frozenset({("n", self.value2)}))
        out = _unit_words(self, out) if self.unit.startswith("duration-") else out
        if self.scale:
            out.append(frozenset({("s", self.scale)}))
        return out


def _unit_words(q: Quantity, keys: list[frozenset]) -> list[frozenset]:
    """A duration's count may be its unit's word alone in the translation ("يومين" for "2
    days", "ساعة" for "1 hour"): ("u", unit, count) beside each figure's key."""
    units = (q.unit, q.unit2 or q.unit)
    keys = [ks | {("u", units[min(i, 1)], k[1]) for k in ks if k[0] == "n"}
            for i, ks in enumerate(keys)]
    if _clock_pair(q):  # "1 h 30" (French press) as for "3h 15m": the hours read as a clock
        return [keys[0] | {("t", int(q.value), int(q.value2))}]  # pair, the minutes carried
    return keys


def _clock_pair(q: Quantity) -> bool:
    """Whether a duration is hours and minutes a translation may write as a clock pair."""
    return (q.unit, q.unit2) == ("duration-hour", "duration-minute") and \
        q.value <= 24 and q.value2 is not None and q.value2 < 60


def _span_keys(q: Quantity) -> list[frozenset]:
    """A span's keys ("Nov-Feb 5th, 2017": November, February, 5, 2017): one year once when
    both ends write the same ("Jan 2026-May 2026" reads back as "janvier – mai 2026")."""
    out: list[frozenset] = []
    for date, parts in zip((q.date, q.date2), q.parts.split("-"), strict=True):
        out.append(frozenset({("m", date.month)}))
        if "d" in parts:
            out.append(frozenset({("n", Decimal(date.day))}))
        year = frozenset({("n", Decimal(date.year))})
        if "y" in parts and year not in out:
            out.append(year)
    return out


@dataclass
class Detection:
    """Values found in one source text: spans to mask, and notes/problems to report."""

    spans: list[tuple[int, int, Quantity]] = field(default_factory=list)
    ignored: list[Decimal] = field(default_factory=list)  # values the translation may carry
    scales: list[int] = field(default_factory=list)  # scale words of the source (6, 9, 12)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    reference: dt.date | None = None  # the article's date, for dates without a year

    def __deepcopy__(self, memo: dict) -> Detection:
        """A copy each language can change (Segment.once hands one to each): new lists and a
        new Quantity per span; a Quantity's fields are immutable values (str, int, bool,
        Decimal, date, time), so copying its attributes copies it. Ten times cheaper than
        copy.deepcopy's generic walk or a pickle round trip."""
        spans = []
        for start, end, q in self.spans:
            new = object.__new__(q.__class__)
            new.__dict__ = q.__dict__.copy()
            spans.append((start, end, new))
        return Detection(spans, self.ignored.copy(), self.scales.copy(), self.notes.copy(),
                         self.problems.copy(), self.reference)


@dataclass
class NumberState:
    """What the number stages left on one unit: the values masked (by placeholder number),
    those left in the text (small counts), values the translation may carry, the source's
    scale words, and whether the restored translation was verified."""

    values: dict[int, Quantity] = field(default_factory=dict)
    unmasked: list[Quantity] = field(default_factory=list)
    ignored: list[Decimal] = field(default_factory=list)
    scales: list[int] = field(default_factory=list)
    checked: bool = False


def _phone_digits(text: str) -> str:
    return "+" * text.lstrip().startswith("+") + re.sub(r"\D", "", text)


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR[w]


def _valid_year(y: int) -> bool:
    return 1000 <= y <= 2200


def _ignore_figures(text: str, det: Detection) -> None:
    """Every figure of `text` is part of something that is not a quantity (an identifier, a
    phone number, a list kept as written): the check does not ask for them one by one."""
    det.ignored.extend(map(Decimal, _FIGURES.findall(text)))


@lru_cache(maxsize=4096)
def _unit_of(word: str) -> tuple[str, bool]:
    """The CLDR unit a unit word names ("km", "miles", "°C") and whether the word is its
    spelled-out form; ("", False) for no unit. (Asked once per distinct word: each asking
    tries the unit patterns one by one.)"""
    return next(((u, sp) for rx, u, sp in _UNIT_RES if rx.match(word)), ("", False))


_LONG_WORD = re.compile(r"[a-z]{3,}", re.I)  # a unit written as a word, not a symbol


_FIGURE_CHAR = re.compile(r"[\d\u00bc-\u00be\u2150-\u215f\u2189]")  # a digit of any script, "½"


def may_hold_value(text: str) -> bool:
    """False when SOURCE_RE can match nothing in `text`: every value it reads has a digit or a
    vulgar fraction, but an address (its `url` group is URL_RE, which may_hold_url gates).
    About half of a news article's sentences have neither; the scan costs more than the test.
    (tests/rules/test_numbers_gate.py: generated texts and every corpus sentence.)"""
    return bool(_FIGURE_CHAR.search(text)) or may_hold_url(text)


def detect(text: str, date_order: str = "mdy", reference: dt.date | None = None) -> Detection:
    """Find the values of an English text (markup tags and placeholders are never touched).
    `reference` is the article's date (its dateline, `reference_date`): a date the text gives
    without a year ("Friday, Oct. 4") takes its year from it, and its weekday is checked."""
    det = Detection(reference=reference)
    if may_hold_value(text):
        pos = 0
        protected = list(TAG_RE.finditer(text)) + list(PLACEHOLDER_RE.finditer(text))
        protected.sort(key=lambda m: m.start())
        for m in protected + [None]:
            end = m.start() if m else len(text)
            if end > pos:
                _detect_chunk(text, pos, end, date_order, det)
            if m:
                pos = max(pos, m.end())
        join_datetimes(text, det, date_order)
    det.scales = _scale_words(text)
    det.ignored.extend(spelled_values(text))
    return det


_UNITS_W = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS_W = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_FRACTIONS_W = {"half": Decimal("0.5"), "third": Decimal(1) / 3, "quarter": Decimal("0.25")}
_NUMW = "|".join(sorted(list(_UNITS_W) + list(_TENS_W) + ["hundred", "thousand", "dozen"],
                        key=len, reverse=True))
_NUMBER_WORD_RE = re.compile(r"\b(?:a\s+)?(?:" + _NUMW + r")\b(?:[\s-]+(?:and\s+)?(?:" + _NUMW
                             + r")\b)*")


_NUMBER_HINT_RE = re.compile(r"\b(?:one|two|thr|thi|fo|fi|six|sev|eig|nin|ten|ele|twe|hun|tho|"
                             r"dozen|half|quarter)")
_FRACTION_WORD_RE = re.compile(r"\b(?:(one|two|three)[\s-])?(half|third|quarter)s?\b")


def spelled_values(text: str) -> list[Decimal]:
    """Values an English text spells out ("thirty per cent", "twenty-five", "two hundred",
    "a dozen", "three-quarters" = 0.75 and 75): a translation may write them with digits
    ("30 %"), which is then no figure of its own. The QA compares values, not spellings;
    these are values the translation may carry, never values it must."""
    lower = text.lower()
    if not _NUMBER_HINT_RE.search(lower):
        return []
    out: list[Decimal] = []
    for m in _NUMBER_WORD_RE.finditer(lower):
        words = [w for w in re.split(r"[\s-]+", m.group(0).strip()) if w]
        total, current, seen = 0, 0, False
        for w in words:
            if w in _UNITS_W:
                current += _UNITS_W[w]
            elif w in _TENS_W:
                current += _TENS_W[w]
            elif w == "hundred":
                current = (current or 1) * 100
            elif w == "thousand":
                total, current = total + (current or 1) * 1000, 0
            elif w == "dozen":
                current = (current or 1) * 12
            else:
                continue
            seen = True
        if seen:
            out.append(Decimal(total + current))
    if "half" not in lower and "third" not in lower and "quarter" not in lower:
        return out  # what _FRACTION_WORD_RE needs, tested as substrings (most texts: none)
    for m in _FRACTION_WORD_RE.finditer(lower):
        k = _UNITS_W.get(m.group(1) or "one", 1) * _FRACTIONS_W[m.group(2)]
        out.extend({k.quantize(Decimal("0.01")).normalize(), (k * 100).quantize(Decimal(1))})
    return out


# ASCII: with re.I alone "MİLLİON" matched, and its lower case ("mi̇lli̇on") is no key of SCALES
_SCALE_WORD_RE = re.compile(r"\b(million|billion|trillion)s?\b", re.I | re.A)
_SCALE_STEMS = ("llion",)  # what every match of _SCALE_WORD_RE holds once lower-cased


def _scale_words(text: str) -> list[int]:
    """The powers of ten of the scale words a text writes ("million" 6): most texts have
    none, and three substring tests cost less than the pattern's scan of every position."""
    lower = text.lower()
    if not any(stem in lower for stem in _SCALE_STEMS):
        return []
    return [SCALES[w.lower()] for w in _SCALE_WORD_RE.findall(text)]


def _detect_chunk(text: str, start: int, end: int, date_order: str, det: Detection) -> None:
    for m in SOURCE_RE.finditer(text, start, end):
        q = _quantity(m, date_order, det)
        if q is not None:
            det.spans.append((m.start(), m.end(), q))


def _skip(m: re.Match, order: str, det: Detection) -> Quantity | None:
    text = m.group(0)
    _ignore_figures(text, det)
    return None


def _url(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """A URL or e-mail address: masked like a number, restored verbatim."""
    text = m.group(0)
    return Quantity("url", text)


def _phone(m: re.Match, order: str, det: Detection) -> Quantity | None:
    text = m.group(0)
    if len(re.sub(r"\D", "", text)) < PHONE_MIN_DIGITS:
        _ignore_figures(text, det)
        return None
    return Quantity("phone", text)


_EXT_RE = re.compile(r"\s?(?:ext\.?|x)\s?(\d{1,6})$", re.I)


def _phone_layout(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """A phone number without a country code, told by its layout or by a phone word before
    it (round 4); verbatim like every phone number. A run the rules took that is not one (too
    few or too many digits, an ISBN) is left as its parts would be read."""
    start = m.start("pwn") if m.lastgroup == "phword" else m.start()
    text = m.string[start:m.end()]
    ext = _EXT_RE.search(text)
    digits = len(re.sub(r"\D", "", text[:ext.start()] if ext else text))
    if m.lastgroup == "phlay" and re.search(r"\d-[\dX]$", text) and _isbn(text):
        # an ISBN's last group is its check digit ("0-19-853453-1")
        det.spans.append((start, m.end(), Quantity("code", text)))
        return None
    if not PHONE_MIN_DIGITS <= digits <= 15:
        if m.lastgroup == "phword":  # "call 911": the figures after the word, as they are
            _detect_chunk(m.string, start, m.end(), order, det)
        else:
            _ignore_figures(text, det)
        return None
    if ext:  # a translation may write the extension in its own words ("poste 123")
        det.ignored.append(Decimal(ext.group(1)))
    det.spans.append((start, m.end(), Quantity("phone", text)))
    return None


def _isbn(text: str) -> bool:
    """Whether `text` is an ISBN-10 or ISBN-13 (its check digit holds)."""
    d = re.sub(r"[\s-]", "", text).upper()
    if re.fullmatch(r"\d{9}[\dX]", d):
        return sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(d)) % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", d):
        return sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(d)) % 10 == 0
    return False


def _identifier(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """A code of digits (an IP address, an ISBN, a version, a standard's or a street
    number): one value, kept as written (never regrouped, never in other digits), isolated
    left to right on a right-to-left page. Its figures are what a translation may carry."""
    group = next((g for g in ("isbn", "ver", "std", "street") if m.group(g)), None)
    start, end = m.span(group) if group else m.span()
    text = m.string[start:end]
    _ignore_figures(text, det)
    det.spans.append((start, end, Quantity("code", text)))
    return None


def _clock24(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    kind = m.lastgroup
    h, mi = (int(g("h24")), int(g("m24"))) if kind == "t24" else (int(g("hg")), int(g("mg")))
    return Quantity("time", text, time=dt.time(h, mi), clock24=True)


def _ordinal(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """An ordinal ("43rd") or the ordinal of a century ("18th-century"): written by the
    target profile ("43e", "XVIIIe"); the translation may carry its digits."""
    value = Decimal(m.group("ov"))
    det.ignored.append(value)
    kind = "century" if m.group("oc") is not None else "ordinal"
    return Quantity(kind, m.group(0), value)


def _malformed(m: re.Match, order: str, det: Detection) -> Quantity | None:
    text = m.group(0)
    det.problems.append(f"malformed number '{text}' in the source (groups of three digits "
                        "expected, e.g. 100,000); left to the translation — check it")
    _ignore_figures(text, det)
    det.ignored.append(_dec(text))
    return None


def _decade(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    if g("dv2"):  # "the '60s": the 1960s ("les années 60", "الستينيات")
        return Quantity("decade", text, Decimal(1900 + int(g("dv2"))), masked=False)
    return Quantity("decade", text, Decimal(g("dv")), masked=False)


def _date_range(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    word = g("rm1") or g("rm2")
    if not word[0].isupper() and word.lower().rstrip(".") in ("may", "march", "mar"):
        return None
    month = _month(word)
    d1, d2 = int(g("rd1") or g("rd3")), int(g("rd2") or g("rd4"))
    year = g("ry1") or g("ry2")
    dates = _in_order(text, (int(year or 2000), month, d1), (int(year or 2000), month, d2), det)
    if dates is None:
        return None
    return Quantity("daterange", text, date=dates[0], date2=dates[1], parts="y" * bool(year))


def _in_order(text: str, start: tuple[int, int, int], end: tuple[int, int, int],
              det: Detection) -> tuple[dt.date, dt.date] | None:
    """A range's two dates (year, month, day each), or None with the source problem reported
    when one is off the calendar or they run backwards: left to the translation."""
    try:
        first, last = dt.date(*start), dt.date(*end)
    except ValueError:
        first = last = None
    if first is None or last <= first:
        det.problems.append(f"date range out of order or out of range '{text}' in the "
                            "source; left to the translation")
        _ignore_figures(text, det)
        return None
    return first, last


def _month_range(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"June-August 2026": two months of one year (a range across the new year, "Nov-Feb
    2026", says only its end's year: a span, `_span`, the start's year not written)."""
    g = m.group
    m1, m2 = _month(g("mr1")), _month(g("mr2"))
    if m1 > m2 and not any(not w[0].isupper() and w.lower() in ("may", "march", "mar")
                           for w in (g("mr1"), g("mr2"))):  # across the new year
        return _span(m.group(0), (g("mr1"), None, None), (g("mr2"), None, g("mry")), det)
    if m1 >= m2 or (not g("mr1")[0].isupper() and g("mr1").lower() in ("may", "march", "mar")):
        _detect_chunk(m.string, m.start("mry"), m.end("mry"), order, det)
        return None
    year = int(g("mry"))
    return Quantity("daterange", m.group(0), date=dt.date(year, m1, 1),
                    date2=dt.date(year, m2, 1), parts="my")


def _race_time(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    rest = [x for x in (g("rc"), g("rf"), g("rg")) if x]
    det.ignored.extend(Decimal(x) for x in rest)
    return Quantity("duration", text, time=dt.time(0, 0), value=Decimal(int(g("ra"))),
                    value2=Decimal(int(g("rb"))), masked=True)


def _iso_date(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    return _date(text, int(g("iy")), int(g("im")), int(g("id")), "dmy#", det)


def _slash_date(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    a, b, y = int(g("s1")), int(g("s2")), int(g("s3"))
    day, month = _day_month(a, b, order)
    q = _date(text, y, month, day, "dmy#", det)
    if q and a <= 12 and b <= 12 and a != b:
        det.notes.append(f"dates: ambiguous '{text}' read as {q.date:%-d %B %Y} "
                         f"(--date-order {order})")
    elif q and (day, month) != ((a, b) if order == "dmy" else (b, a)):
        det.notes.append(f"dates: '{text}' can only be {q.date:%-d %B %Y}, "
                         f"not --date-order {order}")
    return q


# The groups of round 4's patterns are read from the match's text (each capturing group of
# SOURCE_RE costs on every repetition the engine tries, on every text).
_FIGURES = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")


def _dotted_date(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"23.04.2022": day, month and year separated by full stops (European order, always)."""
    d, mo, y = map(int, _FIGURES.findall(m.group(0)))
    return _date(m.group(0), y, mo, d, "dmy#", det)


def _short_year(yy: int) -> int:
    """The year of a two-digit year (POSIX's pivot: 69-99 are 1900s, 00-68 2000s); only its
    validity and weekday depend on it: the value is written back with two digits."""
    return yy + (1900 if yy >= 69 else 2000)


def _slash_date_yy(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"12/12/30", "03/18/40": a numeric date with a two-digit year, written back in the
    target's short date pattern with two digits (CLDR "yy"): the source gives no century."""
    a, b, yy = map(int, _FIGURES.findall(m.group(0)))
    day, month = _day_month(a, b, order)
    return _date(m.group(0), _short_year(yy), month, day, "dmy#2", det)


def _spaced_date(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"2016 10 16": year, month and day separated by spaces; else three figures."""
    try:
        date = dt.date(*map(int, _FIGURES.findall(m.group(0))))
    except ValueError:
        for f in _FIGURES.finditer(m.group(0)):  # three figures ("in 2016 13 15-year-olds")
            _detect_chunk(m.string, m.start() + f.start(), m.start() + f.end(), order, det)
        return None
    return Quantity("date", m.group(0), date=date, parts="dmy#")


def _year_month(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"2017 April": a year before its month (not "may"/"march" in lower case: words)."""
    year, word = int(m.group(0)[:4]), _WORD.search(m.group(0)).group(0)
    if not _valid_year(year) or (not word[0].isupper() and
                                 word.lower() in ("may", "march", "mar")):
        _detect_chunk(m.string, m.start(), m.start() + 4, order, det)
        return None
    return _date(m.group(0), year, _month(word), 1, "my", det)


def _clock_letter(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"9:00a", "7:30p": a clock time with a one-letter period."""
    h, mi = map(int, _FIGURES.findall(m.group(0)))
    if not 1 <= h <= 12:
        return None
    return Quantity("time", m.group(0),
                    time=dt.time(h % 12 + (12 if m.group(0)[-1] in "pP" else 0), mi))


def _oclock(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"10 o'clock": an hour of the clock with no period; written as its figure on the
    target's 24-hour clock ("10 h"), as the source wrote it (no a.m./p.m. is guessed)."""
    h = int(_FIGURES.match(m.group(0)).group(0))
    if not 0 <= h <= 24:
        return None
    return Quantity("time", m.group(0), time=dt.time(h % 24, 0), clock24=True)


def _joined_month_date(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """A month's name joined to its figures by hyphens or slashes ("05-Aug-2026",
    "2026/aug/01", "Sep-23-2026", "Dec-2026", "Oct/2"): a date written in the target's way."""
    g = m.group
    for n, mon, parts in (("1", "xm1", "dmy"), ("2", "xm2", "dmy"), ("3", "xm3", "dmy"),
                          ("4", "xm3", "my"), ("5", "xm3", "dm")):
        if g("xy" + n if "y" in parts else "xd" + n) is None:
            continue
        day = int(g("xd" + n)) if "d" in parts else 1
        year = int(g("xy" + n)) if "y" in parts else 2000  # a leap year: "Feb/29" stays valid
        return _date(m.group(0), year, _month(g(mon)), day, parts, det)
    return None


def _month_date(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    kind = m.lastgroup
    n = {"mdy": "1", "dmy": "2", "my": "3"}[kind]
    month = _month(g("m" + n))
    day = int(g("d" + n)) if kind != "my" else 1
    year_s = g("y" + n)
    parts = ("d" if kind != "my" else "") + "m" + ("y" if year_s else "")
    wd = g("wd" + n) if kind != "my" else None
    if not g("m" + n)[0].isupper() and \
            g("m" + n).lower().rstrip(".") in ("may", "march", "mar"):
        # "may", "march" in running text are not months ("14 nov" is): the figures around
        # them are still read
        for part in ("d" + n, "y" + n):
            if part in m.re.groupindex and g(part):
                _detect_chunk(m.string, m.start(part), m.end(part), order, det)
        return None
    year = int(year_s) if year_s else 2000  # a leap year: "Feb. 29" stays valid
    if year_s and len(year_s) == 2:  # "April of 87": written back with two digits
        year, parts = _short_year(year), parts + "2"
    if wd and not year_s:
        # No year: a weekday computed from a guessed year would invent a fact. With the
        # article's date the year is known and the weekday checked; either way the date is
        # put in a year where that day is the source's weekday, and only day, month and the
        # source's weekday word (CLDR's name in the target) are written, never a year.
        weekday = WEEKDAYS.index(wd.lower())
        known = _year_near(month, day, det.reference) if det.reference else None
        if known is not None and dt.date(known, month, day).weekday() == weekday:
            year = known
            det.notes.append(f"dates: '{text}' gives no year; {known} from the article's "
                             f"date ({det.reference:%-d %B %Y}), and the weekday matches")
        else:
            year = _year_with_weekday(month, day, weekday) or 2000  # no such day: _date says
            if known is not None:
                real = dt.date(known, month, day)
                det.notes.append(
                    f"dates: '{text}': the weekday does not match {real:%-d %B %Y} (a "
                    f"{WEEKDAYS[real.weekday()].title()}; the year is the article's date's, "
                    f"{det.reference:%-d %B %Y}); the source's weekday is kept — check it")
            else:
                det.notes.append(f"dates: '{text}' gives no year; the weekday is the "
                                 f"source's ({wd.title()}), translated, and no year is "
                                 "added")
    q = _date(text, year, month, day, parts + ("w" if wd else ""), det)
    if q and wd and year_s and WEEKDAYS.index(wd.lower()) != q.date.weekday():
        det.problems.append(f"'{text}': {q.date:%-d %B %Y} is a "
                            f"{WEEKDAYS[q.date.weekday()].title()}, not a {wd.title()}")
    return q


def _clock(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    h, mi, sec = int(g("th")), int(g("tm") or g("tm2") or 0), int(g("ts") or 0)
    if not 1 <= h <= 12 or mi > 59:
        det.problems.append(f"time out of range '{text}' in the source; left to the "
                            "translation")
        return None
    h = h % 12 + (12 if g("ap").lower() == "p" else 0)
    shown = text + "." if re.search(r"[ap]\.m$", text) else text  # the full stop was left
    if sec:  # "7:56:30 p.m.": the seconds are written, and read back, as a number
        det.ignored.append(Decimal(sec))
    return Quantity("time", shown, time=dt.time(h, mi, sec))


def _clock_range(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"5-6 pm", "9:30-11 a.m.": two clock times, the a.m./p.m. written once for both (the
    first an a.m. time when it is later than the second: "11-1 pm")."""
    g = m.group
    text = m.group(0)
    h1, m1, h2, m2 = int(g("tr1")), int(g("trm1") or 0), int(g("tr2")), int(g("trm2") or 0)
    if not (1 <= h1 <= 12 and 1 <= h2 <= 12):
        det.problems.append(f"time out of range '{text}' in the source; left to the "
                            "translation")
        return None
    pm = 12 if g("trap").lower() == "p" else 0
    t2 = (h2 % 12 + pm, m2)
    t1 = (h1 % 12 + pm, m1)
    if t1 > t2:
        t1 = (t1[0] - 12, m1) if pm else t1
    if t1 >= t2:  # "11-1 am", "6-6 pm": not a range read with certainty
        _detect_chunk(m.string, m.start("tr2"), m.end(), order, det)
        return None
    shown = text + "." if re.search(r"[ap]\.m$", text) else text  # the full stop was left
    return Quantity("timerange", shown, time=dt.time(*t1), time2=dt.time(*t2))


def _quarter(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    year = g("qy1") or g("qy2")
    if year and not _valid_year(int(year)):
        return None
    q = int(g("q"))
    return Quantity("quarter", text, Decimal(int(year)) if year else None,
                    date=dt.date(int(year or 2000), 3 * q - 2, 1), parts="y" * bool(year))


def _half_year(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"H1", "H2 2025": a half-year, written by the profile ("S1 2025", "النصف الأول")."""
    g = m.group
    year = g("hy1") or g("hy2")
    if year and not _valid_year(int(year)):
        return None
    return Quantity("half", m.group(0), Decimal(int(year)) if year else None,
                    value2=Decimal(int(g("hn"))), parts="y" * bool(year))


def _fiscal_year(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"FY2026", "FY26", "FY 2025/26": a fiscal year ("exercice 2026")."""
    g = m.group
    year = int(g("fy")) + (2000 if len(g("fy")) == 2 else 0)
    if not _valid_year(year):
        return None
    return Quantity("fiscal", m.group(0), Decimal(year),
                    value2=Decimal(int(g("fy2"))) if g("fy2") else None)


def _percent_value(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    return Quantity("percent", text, _signed(g("pv"), g("psign")), "," in g("pv"),
                    sign="+" if g("psign") == "+" else "")


def _fraction(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """A fraction ("1/2 cup", "10 1/2 miles", "¾", "2½"): one value, kept as written (the
    engine translates the unit word); its figures are what the translation must carry."""
    g = m.group
    whole = g("fw") or g("vw")
    whole = Decimal(int(whole)) if whole else None
    if g("fn"):
        return Quantity("fraction", m.group(0), Decimal(int(g("fn"))),
                        value2=Decimal(int(g("fd"))), whole=whole)
    return Quantity("fraction", m.group(0), whole=whole)


def _hours_minutes(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"3h 15m": one duration, written with CLDR's hour and minute units ("3 h 15 min")."""
    h, mi = int(m.group("dh")), int(m.group("dm"))
    det.ignored.append(Decimal(mi))  # "4 س 20 د": the hours read, the minutes carried
    return Quantity("hmin", m.group(0), Decimal(h), value2=Decimal(mi), time=dt.time(0, 0))


# duration units from the largest: two together make one duration when the larger comes first
_DURATION_ORDER = ("duration-century", "duration-decade", "duration-year", "duration-month",
                   "duration-week", "duration-day", "duration-hour", "duration-minute",
                   "duration-second")
_COUNT_UNIT = re.compile(r"(\d+)\s?([^\W\d_]+)")


def _duration_pair(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"1 hour and 30 minutes", "3 years, 6 months": one duration in two CLDR units, the
    larger first (written "1 heure et 30 minutes", "ساعة و30 دقيقة"); otherwise ("3 days and
    2 nights", "2 hours and 3 hours") each count and its unit are values of their own."""
    (v1, w1), (v2, w2) = ((f.group(1), f.group(2)) for f in _COUNT_UNIT.finditer(m.group(0)))
    u1, u2 = _unit_of(w1)[0], _unit_of(w2)[0]
    if u1 not in _DURATION_ORDER or u2 not in _DURATION_ORDER or \
            _DURATION_ORDER.index(u1) >= _DURATION_ORDER.index(u2):
        second = m.start() + m.group(0).rindex(v2, 0, len(m.group(0)) - len(w2))
        _detect_chunk(m.string, m.start(), second - 1, order, det)
        _detect_chunk(m.string, second, m.end(), order, det)
        return None
    spelled = bool(_LONG_WORD.search(w1) and _LONG_WORD.search(w2))
    q = Quantity("unit", m.group(0), Decimal(v1), unit=u1, value2=Decimal(v2), unit2=u2,
                 spelled=spelled)
    if _clock_pair(q):
        det.ignored.append(q.value2)
    return q


def _imperial_pair(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"5 ft 2 in", "7 lb 4 oz": one measure in two CLDR units (imperial stays imperial)."""
    g = m.group
    feet = g("iu1") is not None
    word = g("iu1") or g("iu2")
    return Quantity("unit", m.group(0), Decimal(g("iv1")),
                    unit="length-foot" if feet else "mass-pound",
                    value2=Decimal(g("iv2") if feet else g("iv3")),
                    unit2="length-inch" if feet else "mass-ounce", spelled=len(word) > 3)


def _season(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"2025/26": a season or fiscal span (kept as written); not if the years do not follow."""
    first, second = int(m.group("sa")), int(m.group("sb"))
    if (first + 1) % 100 != second and m.group(0)[4] == "-" and 1 <= second <= 12 and \
            second <= first % 100:
        # "2015-12": no span ends in an earlier year, so a year and its month (ISO 8601)
        return Quantity("date", m.group(0), date=dt.date(first, second, 1), parts="my#")
    if (first + 1) % 100 != second:
        _detect_chunk(m.string, m.start("sa"), m.end("sa"), order, det)
        det.ignored.append(Decimal(second))
        return None
    return Quantity("season", m.group(0), Decimal(first), value2=Decimal(second))


def _number_range(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    return Quantity("range", text, _dec(g("r1")), "," in g("r1"), value2=_dec(g("r2")))


def _plain_number(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    text = m.group(0)
    v = g("nv")
    word = g("nscale") or g("gscale")
    if word:  # "4.2 million people", "3bn users", "13 lakh": the figure and its scale
        # word are one value, written by CLDR's long compact pattern in the plural form
        # the figure takes ("4,2 millions", "7 ملايين"); the engine translates the noun
        value, exp = _scale_of(word, _dec(v))
        if not exp:
            return Quantity("number", text, value, True)
        return Quantity("number", text, value, "," in v, exp, worded=True)
    grouped = "," in v
    if g("nsign"):  # "−8", "(+11)": a signed value, masked, its sign written by CLDR
        return Quantity("number", text, _signed(v, g("nsign")), grouped,
                        sign="+" if g("nsign") == "+" else "")
    kind = "year" if len(v) == 4 and v.isdigit() and _valid_year(int(v)) else "number"
    # a small count is written alike in every locale: the engine keeps it so that it can
    # make the noun agree (Arabic number-noun agreement), and restore verifies it
    small = kind == "number" and v.isdigit() and len(v.lstrip("0")) <= 3
    return Quantity(kind, v, _dec(v), grouped, masked=not small)


def _space_grouped(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """A figure grouped by spaces ("40\u202f000", "1 234 567"): one number, regrouped by CLDR."""
    return Quantity("number", m.group(0), Decimal(re.sub(r"\s", "", m.group("sgv"))), True)


# -- round 4 (issue 21): amounts and figures --------------------------------------------------

def _major_minor(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"3 dollars 50 cents", "15 USD 50": one amount in the major unit (15.50), by CLDR."""
    g = m.group
    cur = CURRENCY_SYMBOLS.get(g("xsym")) if g("xsym") else \
        CURRENCY_NAMES.get(g("xname").lower()) or g("xname").upper()
    if g("xname") and g("xname").lower().startswith("pound"):
        cur = "GBP"
    cents = Decimal(int(g("xc") or g("xc2")))
    if cents >= 100:
        return None
    return Quantity("money", m.group(0), (_dec(g("xv")) + cents / 100).quantize(Decimal("0.01")),
                    "," in g("xv"), currency=cur)


def _minor_amount(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"50 cents", "470 pence", "2 satoshis": counted in the minor unit, as the source does
    (the profile's word for it), or the amount in the major unit (CLDR) where it has none."""
    word = (m.group("cw") or m.group("cw2")).lower()
    cur, power = MINOR_UNITS[word]
    v = m.group("cv")
    return Quantity("money", m.group(0), _dec(v), "," in v, currency=cur, minor=power)


def _crypto_amount(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"6.25 BTC", "₿21,000,000", "10000 bitcoins": an amount in bitcoin (no ISO code: the
    profile's word for it, else the ticker BTC that every market writes)."""
    v = m.group("bv") or m.group("bv2")
    value, exp = _scale_of(m.group("bscale") or m.group("bscale2"), _dec(v))
    return Quantity("money", m.group(0), value, "," in v, exp, "BTC")


def _currency_first(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"RMB 10", "dollar 22.5 million": a currency named before its figure."""
    g = m.group
    v = g("pqv1") or g("pqv2")
    cur = "CNY" if g("pcode") else CURRENCY_NAMES.get(g("pname").lower().rstrip("s")) or \
        CURRENCY_NAMES[g("pname").lower()]
    value, exp = _scale_of(g("pscale"), _dec(v))
    return Quantity("money", m.group(0), value, "," in v, exp, cur)


_RACE_AFTER = re.compile(r"\s+(?:(?:road|charity|fun|trail)\s+)?(?:race|run|runs|races|"
                         r"runners?|walk|course)\b", re.I)
_RACE_BEFORE = re.compile(r"\b(?:ran|run|runs|running|won|wins|win|finished|completed|"
                          r"clocked)\s+(?:the\s+|a\s+|her\s+|his\s+|their\s+)?\Z", re.I)


def _suffixed(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"10k", "2.33 k", "1.2b", "10M", "2mil SEK", "5k-20k": the figure times its suffix (a
    "10k race" is 10 km). A capital glued to one digit is a name ("4K" television, "3M" the
    company, "5G"), and "b" a suffix only after a decimal ("5B" is a label, "1.2b" a figure)."""
    g = m.group
    v, suffix = g("kv"), g("ks").strip()
    if (suffix.lower() == "b" and "." not in v) or \
            (suffix in ("K", "M", "MM") and suffix == g("ks") and len(v) == 1):
        det.ignored.append(_dec(v))
        return None
    if suffix.lower() == "k" and not g("kv2") and (
            _RACE_AFTER.match(m.string, m.end()) or
            _RACE_BEFORE.search(m.string, max(0, m.start() - 20), m.start())):
        return Quantity("unit", m.group(0), _dec(v), unit="length-kilometer")
    value, exp = _scale_of(suffix.lower(), _dec(v))
    if g("kv2"):
        if exp:  # "5M-20M": each figure its own value
            _detect_chunk(m.string, m.start(), m.start("kv2") - 1, order, det)
            _detect_chunk(m.string, m.start("kv2"), m.end(), order, det)
            return None
        return Quantity("range", m.group(0), value, True, value2=_scale_of(suffix.lower(),
                                                                          _dec(g("kv2")))[0])
    code = g("kcode")
    if code and code in ISO_CODES and code not in _WORD_CODES:
        return Quantity("money", m.group(0), value, True, exp, code)
    end = m.end("ks")
    if code:  # not a currency: the figure alone, the word left to the engine
        _detect_chunk(m.string, end, m.end(), order, det)
    q = Quantity("number", m.string[m.start():end], value, True, exp, worded=bool(exp))
    if code:
        det.spans.append((m.start(), end, q))
        return None
    return q


def _unit_per(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"50 km/ms", "50 meters per millisecond": CLDR's compound of the two units."""
    g = m.group
    unit, _ = _unit_of(g("pqu"))
    per, _ = _unit_of(g("pqd"))
    if g("pqd").lower() == "ms":
        per = "duration-millisecond"
    if not unit or not per or unit in _SPELLED_COUNT or unit.startswith("temperature"):
        _detect_chunk(m.string, m.start(), m.end("pqu"), order, det)  # "15 hours a day"
        return None
    spelled = any(_LONG_WORD.search(w) for w in (g("pqu"), g("pqd")))
    v = g("pqv")
    return Quantity("unit", m.group(0), _dec(v), "," in v, unit=unit, per=per, spelled=spelled)


def _bracketed_unit(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"20 (kg)", "20 [kg]": a figure and its unit in brackets, one value ("20 kg")."""
    g = m.group
    unit, spelled = _unit_of(g("bku"))
    if "([{<".index(g("bko")) != ")]}>".index(g("bkc")) or not unit or unit in _SPELLED_COUNT:
        _detect_chunk(m.string, m.start(), m.end("bkv"), order, det)  # "45{kg)": the figure
        return None
    v = g("bkv")
    return Quantity("unit", m.group(0), _dec(v), "," in v, unit=unit,
                    spelled=spelled and bool(_LONG_WORD.search(g("bku"))))


def _spaced_sign_temperature(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"- 20 degrees Fahrenheit": a temperature below zero, its sign spaced off."""
    g = m.group
    unit, _ = _unit_of(g("unw"))
    if not unit:
        return None
    spelled = bool(_LONG_WORD.search(g("unw")))
    return Quantity("unit", m.group(0), -_dec(g("unv")), "," in g("unv"), unit=unit,
                    spelled=spelled)


def _fraction_unit(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"1/2 cup", "10 1/2 miles": the fraction as written, CLDR's name of the unit."""
    g = m.group
    unit, spelled = _unit_of(g("ufu"))
    if not unit or int(g("ufd")) == 0:
        _detect_chunk(m.string, m.start(), m.start("ufu"), order, det)
        return None
    whole = Decimal(int(g("ufw"))) if g("ufw") else None
    return Quantity("fraction", m.group(0), Decimal(int(g("ufn"))), value2=Decimal(int(g("ufd"))),
                    whole=whole, unit=unit,
                    spelled=spelled and bool(_LONG_WORD.search(g("ufu"))))


def _signed_fraction(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"-4/5", "- 1 4/5", "2  1/4": a fraction, kept as written (spaces tidied)."""
    g = m.group
    whole = g("mfw") or g("mfw2")
    shown = re.sub(r"\s+", " ", m.group(0))
    shown = re.sub(r"^([−-]) ", r"\1", shown)
    q = Quantity("fraction", shown, Decimal(int(g("mfn"))), value2=Decimal(int(g("mfd"))),
                 whole=Decimal(int(whole)) if whole else None, sign=g("mfs") or "")
    return q


def _bare_decimal(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """".08": a decimal written without its zero, written by CLDR ("0,08")."""
    return Quantity("number", m.group(0), Decimal("0." + m.group("lv")), masked=True)


def _space_grouped_long(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"1 234 567": thousands grouped by plain spaces, regrouped by CLDR."""
    return Quantity("number", m.group(0), Decimal(m.group("sg2").replace(" ", "")), True)


def _decimal_comma(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"1.111,11", "5,00": a figure written the continental way, written by CLDR."""
    v = m.group("ev")
    return Quantity("number", v, Decimal(v.replace(".", "").replace(",", ".")),
                    "." in v)


def _comma_percent(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"8,1%": a percentage written with a decimal comma, written by CLDR ("8,1 %")."""
    return Quantity("percent", m.group(0), Decimal(m.group("epv").replace(",", ".")))


def _percentage_word(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"100 percentage": a percentage, written by CLDR ("100 %")."""
    v = m.group("pav")
    return Quantity("percent", m.group(0), _dec(v), "," in v)


def _figure_list(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"22,24,26,31": a list of small figures (no malformed number): one value kept as
    written, in the target's digits; a translation reads it back as one token of its pieces,
    whose figures are values it may carry."""
    _ignore_figures(m.group(0), det)
    return Quantity("list", m.group(0))


# -- round 5 (issue 21, dates2): spans of dates, dates in any order, calendar years -----------

def _month_word_date(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """A month's name with a four-digit year and a day, in whatever order ("September-2020-23",
    "2020/23/Sep", "23-2020-September"), or glued to its day ("Dec31 , 1994", "mar3"): the
    name makes the month certain and the year is the four-digit figure, so the order is never
    in doubt. A month's name in capitals glued to figures ("DEC31") is a code, as before."""
    text = m.group(0)
    word = _MONTH_WORD.search(text).group(0)
    figures = [f for f in _FIGURES.findall(text) if f]
    year = next((int(f) for f in figures if len(f) == 4), None)
    day = int(next(f for f in figures if len(f) <= 2))
    if m.lastgroup == "gmon" and (word.isupper() or not 1 <= day <= 31):
        return _skip(m, order, det)
    parts = "dm" + ("y" if year else "")
    return _date(text, year or 2000, _month(word), day, parts, det)  # 2000: "Feb29" stays valid


_MONTH_WORD = re.compile("|".join(sorted(list(MONTHS) + list(MONTH_ABBR), key=len, reverse=True)),
                         re.I)


def _date_span(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"Dec. 28-Jan. 3, 2027", "Nov-Feb 5th, 2017", "Dec/2018-May/2019": a span from one date
    to another, each end with its own month."""
    g = m.group
    first = (g("dsm1"), g("dsd1"), g("dsy1"))
    last = (g("dsm2"), g("dsd2") or g("dsd3"), g("dsy2") or g("dsy3"))
    if any(not w[0].isupper() and w.lower().rstrip(".") in ("may", "march", "mar")
           for w in (first[0], last[0])):  # words, not months: the figures are still read
        _detect_chunk(m.string, m.start(), m.start("dsm2"), order, det)
        _detect_chunk(m.string, m.start("dsm2"), m.end(), order, det)
        return None
    return _span(m.group(0), first, last, det)


def _span(text: str, first: tuple, last: tuple, det: Detection) -> Quantity | None:
    """A span between two dates given as (month's name, day or None, year or None) each: the
    start's year, where the source writes only the end's, is the end's or (a span across the
    new year, "Nov-Feb 2017") the one before; it is not written back (parts: what each end
    gives, "m-my"). Out of order or off the calendar: reported, left to the translation."""
    (w1, d1, y1), (w2, d2, y2) = first, last
    m1, m2 = _month(w1), _month(w2)
    day1, day2 = int(d1 or 1), int(d2 or 1)
    end_year = int(y2) if y2 else 2000
    across = (m1, day1) >= (m2, day2)
    start_year = int(y1) if y1 else end_year - across
    if not y2 and across:  # no year at all: a leap year for both ends' February 29
        start_year, end_year = 2003, 2004
    parts = "-".join(("d" * bool(d) + "m" + "y" * bool(y)) for _, d, y in (first, last))
    dates = _in_order(text, (start_year, m1, day1), (end_year, m2, day2), det)
    if dates is None:
        return None
    return Quantity("datespan", text, date=dates[0], date2=dates[1], parts=parts)


def _named_year(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"CY2008", "sy18", "SY 2025/26": a calendar or school year, written with the profile's
    words ("année civile 2008", "العام الدراسي 2018") as a fiscal year is; parts "c" or "s"."""
    v, second = m.group("cyv"), m.group("cyb")
    year = int(v) if len(v) == 4 else _short_year(int(v))
    if not _valid_year(year):
        return None
    return Quantity("fiscal", m.group(0), Decimal(year), parts=m.group(0)[0].lower(),
                    value2=Decimal(int(second)) if second else None)


def _signed_suffixed(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"- 10  k", "+5k", "−2M": a signed figure times its suffix; the sign written by CLDR."""
    text = m.group(0)
    value, exp = _scale_of(text.rstrip()[-1].lower(), _dec(m.group("ksv")))
    sign = text[0]
    return Quantity("number", text, -value if sign in "-−" else value, True, exp,
                    worded=bool(exp), sign="+" if sign == "+" else "")


def _noon(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"12 noon", "12 midnight": a clock time (12:00, 0:00) on the target's 24-hour clock."""
    hour = 0 if m.group(0).lower().endswith("midnight") else 12
    return Quantity("time", m.group(0), time=dt.time(hour, 0), clock24=True)


def _metre_event(m: re.Match, order: str, det: Detection) -> Quantity | None:
    """"the 800m record", "1500m final": a distance in metres (CLDR's "800 m", "800 متر")."""
    return Quantity("unit", m.group(0), Decimal(m.group(0)[:-1]), unit="length-meter")


# One small reader per named group of SOURCE_RE (its `lastgroup`)
_READERS: dict[str, Callable[[re.Match, str, Detection], Quantity | None]] = {
    "skip": _skip,
    "url": _url,
    "phone": _phone,
    "phlay": _phone_layout,
    "phword": _phone_layout,
    "ident": _identifier,
    "idword": _identifier,
    "t24": _clock24,
    "gmt": _clock24,
    "ordinal": _ordinal,
    "bad": _malformed,
    "decade": _decade,
    "drange": _date_range,
    "race": _race_time,
    "iso": _iso_date,
    "ddate": _dotted_date,
    "sdate2": _slash_date_yy,
    "spdate": _spaced_date,
    "ymon": _year_month,
    "tap": _clock_letter,
    "oclock": _oclock,
    "xnum": _joined_month_date,
    "xmon": _joined_month_date,
    "mrange": _month_range,
    "trange": _clock_range,
    "sgroup": _space_grouped,
    "slash": _slash_date,
    "mdy": _month_date,
    "dmy": _month_date,
    "my": _month_date,
    "time": _clock,
    "quarter": _quarter,
    "half": _half_year,
    "fiscal": _fiscal_year,
    "money": lambda m, order, det: _amount(m, det),
    "unit": lambda m, order, det: _unit(m, det),
    "pct": _percent_value,
    "range": _number_range,
    "frac": _fraction,
    "hmin": _hours_minutes,
    "imp": _imperial_pair,
    "dpair": _duration_pair,
    "season": _season,
    "vfrac": _fraction,
    "num": _plain_number,
    "cmix": _major_minor,
    "minor": _minor_amount,
    "crypto": _crypto_amount,
    "cpre": _currency_first,
    "kscale": _suffixed,
    "uper": _unit_per,
    "ubrk": _bracketed_unit,
    "uneg": _spaced_sign_temperature,
    "ufrac": _fraction_unit,
    "mfrac": _signed_fraction,
    "ldec": _bare_decimal,
    "sgroup2": _space_grouped_long,
    "eudec": _decimal_comma,
    "nlist": _figure_list,
    "eupct": _comma_percent,
    "pctage": _percentage_word,
    "xmyd": _month_word_date,
    "xdym": _month_word_date,
    "gmon": _month_word_date,
    "dspan": _date_span,
    "cyear": _named_year,
    "ksign": _signed_suffixed,


    "mevent": _metre_event,
    "noon": _noon,
}


def _quantity(m: re.Match, order: str, det: Detection) -> Quantity | None:
    reader = _READERS.get(m.lastgroup)
    return reader(m, order, det) if reader else None


def _signed(value: str, sign: str | None) -> Decimal:
    v = _dec(value)
    return -v if sign in ("-", "−") else v


def _scale_of(word: str | None, value: Decimal) -> tuple[Decimal, int]:
    """(value, power of ten) for a figure and its scale word, Indian scales in millions ("40
    crore" = 400 million, "25 lakh" = 2.5 million) and thousands kept as a plain figure."""
    exp = SCALE_EXP.get((word or "").lower(), 0)
    if exp in (3, 5, 7):
        value = value * 10 ** exp
        if exp == 3:  # "2.33k": 2330, not 2330.00 (the product keeps the decimals' places)
            return value.normalize(), 0
        return value / 10 ** 6, 6
    return value, exp


def _million_code(code: str) -> tuple[str, str | None]:
    """("AUD", "million") for "MAUD"; (code, None) for any other code."""
    if len(code) == 4:
        return code[1:], "million"
    return code, None


def _amount(m: re.Match, det: Detection) -> Quantity | None:
    """An amount in any ISO currency CLDR knows: symbol ("¥980", "₹40 crore", "CA$5"), code
    ("CHF 2bn", "2 billion USD") or name ("323 million euros")."""
    g = m.group
    if g("mv") is not None:
        v, word = g("mv"), g("scale")
        cur = CURRENCY_SYMBOLS.get(re.sub(r"[\s.]|(?<=u)s", "", (g("sym") or "").lower())
                                   .replace("u$", "us$"))
        code = g("code")
        if g("symcode"):  # "AUD$ 15", "Mex$ 10": the code (or "mex") names the dollar
            sc = g("symcode").upper()
            cur = "MXN" if sc == "MEX" else sc if sc in ISO_CODES else None
        if code:
            code, mil = _million_code(code)
            word = word or mil
            cur = code.upper() if code.upper() in ISO_CODES and code not in _WORD_CODES else None
        start = m.start("mv")
    else:
        v, word = g("mv2"), g("scale2")
        start = m.start("mv2")
        if g("sym2"):
            cur = CURRENCY_SYMBOLS.get(g("sym2"))
        elif g("code2") or g("code2g"):
            code, mil = _million_code(g("code2") or g("code2g"))
            code = code.upper()
            cur = code if code in ISO_CODES and code not in ("ALL", "TOP") else None
            if word and (mil or g("scale3")):
                cur = None  # "5 million MUSD", "5 bn USD million": not one amount
            word = word or mil or g("scale3")
        elif g("pounds"):
            cur = "GBP" if word else None  # "25 pounds": a weight, not an amount
        else:
            cur = CURRENCY_NAMES[g("cname").lower()]
    if cur is None and g("pounds"):  # "25 pounds": a weight, not an amount
        return Quantity("unit", m.group(0), _dec(v), "," in v, unit="mass-pound",
                        spelled=True)
    if cur is None:  # not a currency after all ("NGO 5"): read the figure
        _detect_chunk(m.string, start, m.end() if g("mv") is not None else m.end("mv2"),
                      "mdy", det)
        return None
    value, exp = _scale_of(word, _dec(v))
    return Quantity("money", m.group(0), value, "," in v, exp, cur)


def _unit(m: re.Match, det: Detection) -> Quantity | None:
    """A measure in a CLDR unit ("-3C", "90 km/h", "200 miles", "660 square meters")."""
    g = m.group
    word = g("uw")
    unit, spelled = _unit_of(word)
    v = g("uv")
    if not unit:
        return None
    if unit == "mass-pound" and det is not None and re.search(r"sterling", m.string[m.end():
                                                                           m.end() + 12]):
        _detect_chunk(m.string, m.start("uv"), m.end("uv"), "mdy", det)
        return None
    value = _signed(v, g("usign"))
    if g("uscale"):  # "2.4 billion gallons", "25 lakh tonnes": the figure with its scale
        if g("uv2"):
            _detect_chunk(m.string, m.start("uv"), m.end("uscale"), "mdy", det)
            return None
        value, exp = _scale_of(g("uscale"), value)
        return Quantity("unit", m.group(0), value, "," in v, exp, unit=unit, spelled=True,
                        sign="+" if g("usign") == "+" else "")
    if g("uv2"):  # "20-30 cm": one value, the unit written once, by CLDR, after the second
        if g("usign") or _dec(g("uv2")) <= value:
            _detect_chunk(m.string, m.start("uv"), m.end("uv2"), "mdy", det)
            return None
        return Quantity("unit", m.group(0), value, "," in v, unit=unit, value2=_dec(g("uv2")),
                        spelled=spelled and bool(_LONG_WORD.search(word)))
    return Quantity("unit", m.group(0), value, "," in v, unit=unit,
                    spelled=spelled and bool(_LONG_WORD.search(word)),
                    sign="+" if g("usign") == "+" else "")


# A dateline ("DAMASCUS, Syria, Oct. 3, 2024 (AP) —", "BEIRUT, 3 October 2024 (Reuters) -")
# or a date line ("Published: Thursday, October 3, 2024", "Updated Oct. 3, 2024 4:12 p.m.")
# at the top of an article: what comes before its date, and what may follow it.
_DATELINE_HEAD = re.compile(
    r"\s*(?:(?P<place>[A-Z][A-Z.'’ -]*[A-Z.](?:,\s+[A-Z][A-Za-z.'’ -]*?)*),\s+"
    r"|(?:(?:Published|Updated|Posted|Dated)(?:\s+on)?:?\s+)?)")
_DATELINE_CHARS = 400  # a dateline is at the very start of its line
_DATELINE_TAIL = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:[—–-]|$)")
_DATE_LINE_TAIL = re.compile(r"\s*(?:,?\s*(?:at\s+)?\d{1,2}(?::\d{2})?\s?[ap]\.?m\.?"
                             r"(?:\s*\(?[A-Z]{2,4}\)?)?)?\s*$")


def reference_date(texts: Iterable[str]) -> dt.date | None:
    """The date of an article from its first lines (headline, byline, first paragraph; markup
    tags are ignored): an agency dateline's date or a line that is only a date, with a year.
    A date inside running text is not taken (the first paragraph's "since March 3, 2011" is
    history, not the story's date). Hand-written: wire datelines follow AP/Reuters style."""
    for raw in texts:
        text = TAG_RE.sub("", raw[:_DATELINE_CHARS])
        head = _DATELINE_HEAD.match(text)
        m = SOURCE_RE.match(text, head.end())
        if m is None or m.lastgroup not in ("mdy", "dmy", "iso") or \
                not (m.group("y1") or m.group("y2") or m.group("iy")):
            continue
        tail = _DATELINE_TAIL if head.group("place") else _DATE_LINE_TAIL
        if not tail.match(text, m.end()):
            continue
        q = _quantity(m, "mdy", Detection())
        if q is not None and q.date is not None:
            return q.date
    return None


def _date(text: str, y: int, mo: int, d: int, parts: str, det: Detection) -> Quantity | None:
    try:
        date = dt.date(y, mo, d)
    except ValueError:
        det.problems.append(f"date out of range '{text}' in the source; left to the translation")
        _ignore_figures(text, det)
        return None
    return Quantity("date", text, date=date, parts=parts)
