"""Writing a value in the target locale (Babel/CLDR).

Part of locpipe.rules.numbers (the design note is in its __init__)."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel import Locale
from babel import dates as bdates
from babel import lists as blists
from babel import numbers as bnumbers
from babel import units as bunits

from locpipe import languages
from locpipe.languages import Profile, language_name
from locpipe.rules.numbers.detect import Quantity
from locpipe.rules.numbers.options import _TO_NATIVE, _settings_locale, _symbol, numbering_system

# ----------------------------------------------------------------------------------------------
# Formatting in the target locale (Babel/CLDR)

@dataclass(frozen=True)
class Style:
    """How one target language is written: CLDR locale and numbering system."""

    lang: str
    locale: Locale
    system: str  # CLDR numbering system (latn, arab)

    def digits(self, text: str) -> str:
        return text.translate(_TO_NATIVE[self.system]) if self.system != "latn" else text

    @property
    def profile(self) -> Profile:
        """The language's profile: the words news copy uses around figures."""
        return languages.get(self.lang)


def style_for(lang: str, settings: Any) -> Style:
    loc = _settings_locale(lang, settings)
    return Style(lang, loc, numbering_system(loc, getattr(settings, "digits", "latn")))


def _number(value: Decimal, grouped: bool, style: Style) -> str:
    """The figure in CLDR's decimal pattern, with the decimals the source wrote ("$3.50" ->
    "3,50 dollars", not "3,5": Babel drops trailing zeros)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return _number_places(value, places, grouped, style)  # 20 == 20.00: the places are keys


@lru_cache(maxsize=100_000)
def _number_places(value: Decimal, places: int, grouped: bool, style: Style) -> str:
    if places:
        pattern = copy.copy(style.locale.decimal_formats[None])
        pattern.frac_prec = (places, max(places, pattern.frac_prec[1]))
        text = pattern.apply(value, style.locale, decimal_quantization=False,
                             group_separator=grouped, numbering_system=style.system)
        return style.digits(text)
    text = bnumbers.format_decimal(value, locale=style.locale, group_separator=grouped,
                                   decimal_quantization=False, numbering_system=style.system)
    return style.digits(text)


def _percent(value: Decimal, style: Style) -> str:
    """CLDR's percent pattern, with the decimals the source wrote ("4.50%" -> "4,50 %")."""
    exponent = value.as_tuple().exponent
    return _percent_places(value, -exponent if isinstance(exponent, int) and exponent < 0
                           else 0, style)


@lru_cache(maxsize=100_000)
def _percent_places(value: Decimal, places: int, style: Style) -> str:
    if places:
        pattern = copy.copy(style.locale.percent_formats[None])
        pattern.frac_prec = (places, max(places, pattern.frac_prec[1]))
        text = pattern.apply(value / 100, style.locale, decimal_quantization=False,
                             numbering_system=style.system)
    else:
        text = bnumbers.format_percent(value / 100, locale=style.locale,
                                       decimal_quantization=False, numbering_system=style.system)
    if style.system != "latn":  # Babel keeps "%" from the pattern; CLDR's symbol is "٪؜"
        text = text.replace("%", _symbol(style.locale, style.system, "percentSign"))
    return style.digits(text)


@lru_cache(maxsize=100_000)
def _scaled(value: Decimal, scale: int, style: Style) -> str:
    """"5 millions" / "3 milliards" / "5 ملايين" from CLDR's long compact patterns. Where
    CLDR counts in other units ("000万" for a million: zh, ja, ko count in 万 and 亿, hi and
    ur in लाख and करोड़), the figure is written in the unit CLDR uses for its magnitude, as a
    reader of the language says it: 3.2 million is 320万 and 32 लाख, 120 million 1.2亿 and
    12 करोड़."""
    patterns = style.locale.compact_decimal_formats["long"]
    key = str(10 ** scale)
    other = patterns["other"]
    zeros = re.search(r"0+", other[key].pattern.split(";")[0]) if key in other else None
    if zeros is not None and len(zeros.group(0)) > 1:  # a locale counting in other units
        full = value.scaleb(scale)
        key = max((k for k in other if Decimal(k) <= full), key=len, default=key)
    positive = (patterns.get(style.locale.plural_form(value)) or other).get(key, other[key])
    positive = positive.pattern.split(";")[0]  # sw "milioni 0;milioni -0": negative after ;
    zeros = re.search(r"0+", positive)
    if zeros is None:
        return positive
    shown = value.scaleb(scale - (len(key) - 1) + len(zeros.group(0)) - 1).normalize()
    shown = shown.quantize(Decimal(1)) if shown == shown.to_integral_value() else shown
    return positive[:zeros.start()] + _number(shown, True, style) + positive[zeros.end():]


def _money(q: Quantity, style: Style) -> str:
    """"5 millions de dollars", "500 dollars": the profile's currency words as the press
    writes them after a figure, else CLDR's currency names ("5 миллионов долларов США")."""
    if q.minor:
        return _minor_money(q, style)
    words = style.profile.currency_words.get(q.currency)
    if q.scale:
        figure = _scaled(q.value, q.scale, style)
        if words:
            return f"{figure} {words[0]}"
        name = _currency_name(q, style)
        of, elided = style.profile.scale_of
        return f"{figure} {elided if name[:1].lower() in 'aeiouéèêâîôû' else of}{name}"
    figure = _number(q.value, q.grouped, style)
    if not words:
        return f"{figure} {_currency_name(q, style)}"
    form = style.locale.plural_form(q.value)
    wanted = style.profile.currency_plural
    plural = form in wanted if wanted else form != "one"
    return f"{figure} {words[2] if plural else words[1]}"


def _minor_money(q: Quantity, style: Style) -> str:
    """"50 cents", "470 pence": counted in the minor unit with the profile's word for it (the
    press does not convert a share price in pence to pounds); a profile without the word
    gets the amount in the major unit from CLDR ("0,50 dollar des États-Unis")."""
    words = style.profile.minor_units.get(q.currency)
    if not words:
        return _money(replace(q, value=q.value.scaleb(-q.minor), minor=0), style)
    form = style.locale.plural_form(q.value)
    wanted = style.profile.currency_plural
    plural = form in wanted if wanted else form != "one"
    return f"{_number(q.value, q.grouped, style)} {words[1] if plural else words[0]}"


def _currency_name(q: Quantity, style: Style) -> str:
    """CLDR's name of the currency, in the plural form the whole amount takes."""
    count = q.value * 10 ** q.scale  # 1.5 billion is a whole number: "1,5 миллиарда долларов"
    count = int(count) if count == count.to_integral_value() else count
    return bnumbers.get_currency_name(q.currency, count=count, locale=style.locale)


@lru_cache(maxsize=100_000)
def _date_text(date: dt.date, parts: str, style: Style) -> str:
    if "2" in parts or "m" not in parts:
        return style.digits(_short_date_text(date, parts, style.locale))
    if "y" in parts and "d" in parts:
        text = bdates.format_date(date, "full" if "w" in parts else "long", locale=style.locale)
    elif "y" in parts:
        text = bdates.format_skeleton("yMMMM", date, locale=style.locale)
    elif "w" in parts:  # the full form without its year: the weekday written in full
        text = bdates.format_date(date, _full_without_year(style.locale), locale=style.locale)
    else:
        text = bdates.format_skeleton("MMMMd", date, locale=style.locale)
    first = style.profile.first_of_month
    if first and date.day == 1 and "d" in parts:  # press style: "1er décembre"
        text = re.sub(r"(?<!\d)1(?= )", first, text, count=1)
    return style.digits(text)


def _short_date_text(date: dt.date, parts: str, locale: Locale) -> str:
    """A two-digit year ("12/12/30" -> "12/12/30" in French, "April of 87" -> "avril 87"):
    CLDR's short date pattern (or its month-and-year pattern) with a two-digit year field
    ("yy"), so no century is guessed; a weekday and a day without a month ("Friday the 26th")
    -> CLDR's weekday-and-day pattern with the weekday in full ("vendredi 26")."""
    if "m" not in parts:  # CLDR's weekday-and-day pattern ("E d"), the weekday in full
        pattern = locale.datetime_skeletons[bdates.match_skeleton(
            "Ed", locale.datetime_skeletons)].pattern
        pattern = re.sub(r"c+", "cccc", re.sub(r"E+", "EEEE", pattern))  # ru "ccc, d"
        return bdates.format_date(date, pattern, locale=locale)
    if "d" in parts:  # in figures as the source wrote it, or with the month's name (also
        # where the short pattern joins figures by full stops, "30.06.31": a number to a reader)
        pattern = locale.date_formats["short"].pattern
        if "#" not in parts or re.search(r"[dMy]\.[dMy]", pattern):
            pattern = locale.date_formats["long"].pattern
    else:
        pattern = locale.datetime_skeletons[bdates.match_skeleton(
            "yMMMM", locale.datetime_skeletons)].pattern
    return bdates.format_date(date, re.sub(r"y+", "yy", pattern), locale=locale)


# The year field of a CLDR date pattern with what belongs to it: ", y" (en), " 'de' y" (es, pt),
# " y 'г'." (ru), "y年" (ja, zh).
_YEAR_FIELD_RE = re.compile(r"[\s,،]*(?:'[^']*'\s*)?y+(?:\s*'[^']*'\.?|[年년]\s*)?")


@lru_cache(maxsize=64)
def _full_without_year(locale: Locale) -> str:
    """CLDR's full date pattern (weekday in full) with its year removed: "EEEE d MMMM" (fr),
    "EEEE، d MMMM" (ar), "EEEE, MMMM d" (en)."""
    return _YEAR_FIELD_RE.sub("", locale.date_formats["full"].pattern).strip()


@lru_cache(maxsize=4096)
def _time_text(time: dt.time, style: Style, clock24: bool = False) -> str:
    h24 = "H" in style.locale.time_formats["short"].pattern
    patterns = style.profile.time_patterns  # press style where CLDR differs (fr "15 h 30")
    if time.second:  # "7:56:30 p.m.": CLDR's form with seconds ("19:56:30", "7:56:30 م")
        text = bdates.format_skeleton("Hms" if h24 or clock24 else "hms", time,
                                      locale=style.locale)
    elif clock24 and not h24:
        # the source wrote a 24-hour time: a 12-hour locale still reads CLDR's 24-hour form
        # (ar "09:05", "16:15"); rewriting it on a 12-hour clock would add a period word
        text = bdates.format_skeleton("Hm", time, locale=style.locale)
    elif patterns:
        text = bdates.format_time(time, patterns[time.minute != 0], locale=style.locale)
    elif time.minute == 0:
        text = bdates.format_skeleton("H" if h24 else "h", time, locale=style.locale)
    else:
        text = bdates.format_skeleton("Hm" if h24 else "hm", time, locale=style.locale)
    return style.digits(text)


@lru_cache(maxsize=100_000)
def _unit_text(value: Decimal, unit: str, spelled: bool, style: Style) -> str:
    """"-3 °C", "200 miles", "90 كم/س" from CLDR's unit patterns (babel.units), in the plural
    form the value takes. Where CLDR writes the figure as a word (Arabic dual "متران", singular
    "متر") the figure is kept, in the pattern of the "other" form: a value is never only a
    word."""
    length = "long" if spelled else "short"
    text = bunits.format_unit(value, unit, length=length, locale=style.locale,
                              numbering_system=style.system)
    if not any(ch.isdigit() for ch in text):
        pattern = style.locale._data["unit_patterns"][unit][length]["other"]
        text = pattern.replace("{0}", bnumbers.format_decimal(
            value, locale=style.locale, decimal_quantization=False,
            numbering_system=style.system))
    return style.digits(text)


@lru_cache(maxsize=100_000)
def _duration_text(value: Decimal, unit: str, spelled: bool, style: Style) -> str:
    """A count and its duration unit, CLDR's form for the count's plural category ("45
    minutes", "45 دقيقة", "3 أيام"). Where CLDR writes the count as the unit's word alone
    (Arabic "يوم", dual "يومان") and the profile writes durations so (`duration_words`), the
    word is the value, the dual in the case running text gives it (`dual_oblique`: "يومين");
    elsewhere the figure is kept, as for every unit."""
    p = style.profile
    if p.duration_words and value == value.to_integral_value() and \
            value.as_tuple().exponent >= 0:
        category = style.locale.plural_form(value)
        pattern = style.locale._data["unit_patterns"][unit][
            "long" if spelled else "short"].get(category, "{0}")
        if "{0}" not in pattern:
            return _oblique(pattern, category, p)
    return _unit_text(value, unit, spelled, style)


def _oblique(word: str, category: str, profile: Profile) -> str:
    """CLDR's dual (nominative: "يومان") in the profile's oblique case ("يومين")."""
    if category != "two" or not profile.dual_oblique:
        return word
    nominative, oblique = profile.dual_oblique
    return word[:-len(nominative)] + oblique if word.endswith(nominative) else word


def _durations_text(q: Quantity, style: Style) -> str:
    """Two duration units together ("1 hour and 30 minutes"): each in its CLDR form, joined
    by CLDR's list pattern for units ("1 heure et 30 minutes", "ساعة و30 دقيقة")."""
    parts = [_duration_text(q.value, q.unit, q.spelled, style),
             _duration_text(q.value2, q.unit2, q.spelled, style)]
    return style.digits(_unit_list(parts, style.locale))


def _unit_list(parts: list[str], locale: Locale) -> str:
    """CLDR's list pattern for units ("1 heure et 30 minutes"). Two parts take the first "2"
    pattern along Babel's own fallback from "unit" (unit-short, then standard): Babel 2.19's
    Arabic unit patterns have none and its format_list then repeats the last part ("ساعة، و30
    دقيقة، و30 دقيقة"); Arabic's standard "2" gives "ساعة و30 دقيقة"."""
    if len(parts) == 2:
        for name in ("unit", "unit-short", "standard"):
            try:
                two = locale.list_patterns[name]["2"]
            except KeyError:
                continue
            return two.format(*parts)
    return blists.format_list(parts, style="unit", locale=locale)


def _per_unit_text(q: Quantity, style: Style) -> str:
    """"50 km/ms", "50 mètres par milliseconde": CLDR's compound of a unit per another."""
    text = bunits.format_compound_unit(q.value, q.unit, denominator_unit=q.per,
                                       length="long" if q.spelled else "short",
                                       locale=style.locale, numbering_system=style.system)
    return style.digits(text)


def _fraction_unit_text(q: Quantity, style: Style) -> str:
    """"1/2 tasse", "10 1/2 miles": the fraction as written, in CLDR's unit pattern for the
    plural form its value takes (the "other" form where CLDR spells the figure out)."""
    figure = f"{int(q.value)}/{int(q.value2)}"
    amount = q.value / q.value2
    if q.whole is not None:
        figure = f"{int(q.whole)} {figure}"
        amount += q.whole
    patterns = style.locale._data["unit_patterns"][q.unit]["long" if q.spelled else "short"]
    pattern = patterns.get(style.locale.plural_form(amount), patterns["other"])
    if "{0}" not in pattern:
        pattern = patterns["other"]
    return style.digits(pattern.replace("{0}", figure))


def _scaled_unit_text(value: Decimal, scale: int, unit: str, style: Style) -> str:
    """A unit after a figure with its scale word: CLDR's long compact form of the figure,
    then CLDR's long name of the unit in its "other" form (the profile's `scale_of` between:
    French "2,4 milliards de gallons")."""
    figure = _scaled(value, scale, style)
    pattern = style.locale._data["unit_patterns"][unit]["long"]["other"]
    if pattern.startswith("{0}"):
        name = pattern[3:].strip()
        of, elided = style.profile.scale_of
        joiner = elided if name[:1].lower() in "aeiouéèêâîôû" else of
        text = f"{figure} {joiner}{name}"
    else:
        text = pattern.replace("{0}", figure)
    return style.digits(text)


@lru_cache(maxsize=4096)
def _interval_text(start: dt.date, end: dt.date, year: bool, style: Style) -> str:
    """CLDR's interval format for a date range ("3–5 mars 2026", "3–5 مارس 2026")."""
    text = bdates.format_interval(start, end, "yMMMMd" if year else "MMMMd",
                                  locale=style.locale)
    return style.digits(text)


@lru_cache(maxsize=4096)
def _quarter_text(date: dt.date, year: bool, style: Style) -> str:
    """CLDR's abbreviated quarter ("T2", "Q2", "الربع الثاني"), with the year when the source
    gives one ("T3 2019")."""
    if year:
        text = bdates.format_skeleton("yQQQ", date, locale=style.locale)
    else:
        text = bdates.format_date(date, "QQQ", locale=style.locale)
    return style.digits(text)


def _period_text(q: Quantity, style: Style) -> str:
    """A half-year ("H1 2025" -> "S1 2025", "النصف الأول من 2025") or a fiscal year ("FY2026"
    -> "exercice 2026") as the profile writes it; a profile without the words keeps the
    source's form (CLDR has no half-year or fiscal-year names)."""
    p = style.profile
    if q.kind == "fiscal" and q.parts:  # "année civile 2008", "العام الدراسي 2018"
        return _named_year_text(q, style)
    year = _number(q.value, False, style) if q.value is not None else ""
    if q.kind == "fiscal":
        if not p.fiscal_year:
            return style.digits(q.text)
        if q.value2 is not None:  # "FY 2025/26"
            year += "/" + style.digits(f"{int(q.value2):02d}")
        return p.fiscal_year.replace("{year}", year)
    if not p.half_years:
        return style.digits(q.text)
    half = p.half_years[int(q.value2) - 1]
    return p.half_year_of.replace("{half}", half).replace("{year}", year) if year else half


def _named_year_text(q: Quantity, style: Style) -> str:
    """A calendar or school year ("CY2008" -> "année civile 2008", "SY 2025/26" -> "année
    scolaire 2025/26") in the profile's words; a profile without them keeps the source's form
    (CLDR names neither)."""
    p = style.profile
    pattern = p.calendar_year if q.parts == "c" else p.school_year
    if not pattern:
        return style.digits(q.text)
    year = _number(q.value, False, style)
    if q.value2 is not None:
        year += "/" + style.digits(f"{int(q.value2):02d}")
    return pattern.replace("{year}", year)


def _span_text(q: Quantity, style: Style) -> str:
    """A span from one date to another: CLDR's interval format (`format_interval`: "28 mars –
    3 avril 2026", "décembre 2018 – mai 2019") where its ends write the same fields and the
    year the source leaves out is one the interval writes once; otherwise each end as CLDR
    writes what the source gives, in CLDR's fallback interval pattern ("novembre – 5 février
    2017": no year is written that the source does not write; also where the locale has no
    interval format for the fields, French "yMMMMd", whose nearest abbreviates the months)."""
    first, last = q.parts.split("-")
    skeleton = ("y" if "y" in last else "") + "MMMM" + ("d" if "d" in last else "")
    if first.replace("y", "") == last.replace("y", "") and \
            ("y" in first or q.date.year == q.date2.year) and \
            skeleton in style.locale.interval_formats:  # (fr has no "yMMMMd": not "avr.")
        text = bdates.format_interval(q.date, q.date2, skeleton, locale=style.locale)
        return style.digits(text)
    ends = [_date_text(d, p, style) if p != "m" else  # "LLLL": the month's name alone
            style.digits(bdates.format_date(d, "LLLL", locale=style.locale))
            for d, p in ((q.date, first), (q.date2, last))]
    return style.locale.interval_formats[None].replace("{0}", ends[0]).replace("{1}", ends[1])


def _datetime_text(q: Quantity, style: Style) -> str:
    """A date and a clock time written together: CLDR's date-time combination pattern
    ("{1}, {0}": "23 avril 2022, 14 h 55"; "{1}، {0}") chosen by the date's length (with a
    weekday "full", a month's name "long", in figures "short"). Two clock times are a range:
    CLDR's interval format (`format_interval`, "10:00–11:30 ص") where the profile writes
    times in CLDR's form, else each end in the profile's form in CLDR's fallback interval
    pattern ("10 h – 11 h 30")."""
    date = _date_text(q.date, q.parts, style)
    if q.time2 is None:
        time = _time_text(q.time, style, q.clock24)
    elif style.profile.time_patterns or q.time.second or q.time2.second:
        time = style.locale.interval_formats[None].replace(
            "{0}", _time_text(q.time, style, q.clock24)).replace(
            "{1}", _time_text(q.time2, style, q.clock24))
    else:
        h24 = q.clock24 or "H" in style.locale.time_formats["short"].pattern
        whole = q.time.minute == 0 and q.time2.minute == 0
        skeleton = ("H" if h24 else "h") + ("" if whole else "m")
        time = style.digits(bdates.format_interval(q.time, q.time2, skeleton,
                                                   locale=style.locale))
    length = "full" if "w" in q.parts else "short" if "#" in q.parts or "2" in q.parts \
        else "long"
    glue = re.sub(r"'([^']*)'", r"\1", str(style.locale.datetime_formats[length]))  # 'à'
    return glue.replace("{1}", date).replace("{0}", time)


# Periods and spans the profile's words or CLDR's interval formats write (kind -> writer)
_PERIODS = {"half": _period_text, "fiscal": _period_text, "datespan": _span_text}


def _plus(text: str, q: Quantity, style: Style) -> str:
    """An explicit plus of the source ("+1.3%") in the locale's plus sign."""
    if q.sign != "+":
        return text
    return style.locale.number_symbols.get(style.system, style.locale.number_symbols["latn"]
                                           ).get("plusSign", "+") + text


def render(q: Quantity, style: Style) -> str:
    """The value as the target locale writes it."""
    if q.kind in ("number", "year", "decade"):
        if q.scale and q.worded:
            return _scaled(q.value, q.scale, style)
        if q.scale:
            return _number(q.value, True, style)
        return _plus(_number(q.value, q.grouped, style), q, style)
    if q.kind == "percent":
        return _plus(_percent(q.value, style), q, style)
    if q.kind == "unit" and q.per:  # "50 km/ms"
        return _per_unit_text(q, style)
    if q.kind == "fraction" and q.unit:  # "1/2 tasse"
        return _fraction_unit_text(q, style)
    if q.kind == "unit" and q.unit2.startswith("duration-"):  # "1 heure et 30 minutes"
        return _durations_text(q, style)
    if q.kind == "unit" and q.unit2:  # "5 pieds 2 pouces", "5 قدم 2 بوصة"
        return _unit_text(q.value, q.unit, q.spelled, style) + " " + \
            _unit_text(q.value2, q.unit2, q.spelled, style)
    if q.kind == "unit" and q.value2 is not None:  # "20-30 cm": CLDR's unit after the second
        return _number(q.value, q.grouped, style) + "-" + \
            _unit_text(q.value2, q.unit, q.spelled, style)
    if q.kind in _PERIODS:  # "S1 2025", "exercice 2026", "novembre – 5 février 2017"
        return _PERIODS[q.kind](q, style)
    if q.kind == "hmin":  # "3 h 15 min", "3 س 15 د"
        return _unit_text(q.value, "duration-hour", False, style) + " " + \
            _unit_text(q.value2, "duration-minute", False, style)
    if q.kind in ("fraction", "season", "list"):  # as written, in the target's digits
        return style.digits(q.text)
    if q.kind == "unit" and q.scale:  # "2,4 milliards de gallons", "2.4 مليار غالون"
        return _plus(_scaled_unit_text(q.value, q.scale, q.unit, style), q, style)
    if q.kind == "unit" and q.unit.startswith("duration-"):  # "45 دقيقة", "يومين"
        return _plus(_duration_text(q.value, q.unit, q.spelled, style), q, style)
    if q.kind == "unit":
        return _plus(_unit_text(q.value, q.unit, q.spelled, style), q, style)
    if q.kind == "quarter":
        return _quarter_text(q.date, "y" in q.parts, style)
    if q.kind == "daterange" and q.parts == "my":  # "juin – août 2026"
        return style.digits(bdates.format_interval(q.date, q.date2, "yMMMM",
                                                   locale=style.locale))
    if q.kind == "daterange":
        return _interval_text(q.date, q.date2, "y" in q.parts, style)
    if q.kind == "duration":  # "1:58,40" in French: only the decimal sign and digits change
        symbols = style.locale.number_symbols.get(style.system) or \
            style.locale.number_symbols["latn"]
        return style.digits(q.text.replace(".", symbols.get("decimal", ".")))
    if q.kind == "range":
        return _number(q.value, q.grouped, style) + "-" + _number(q.value2, q.grouped, style)
    if q.kind == "money":
        return _money(q, style)
    if q.kind == "date":
        return _date_text(q.date, q.parts, style)
    if q.kind == "datetime":
        return _datetime_text(q, style)
    if q.kind == "time":
        return _time_text(q.time, style, q.clock24)
    if q.kind == "timerange":  # "17 h-18 h", "5 م-6 م": each end in the target's clock
        return _time_text(q.time, style) + "-" + _time_text(q.time2, style)
    if q.kind in ("phone", "url", "code"):  # verbatim: dialled and typed, never localized
        return q.text
    if q.kind in ("ordinal", "century"):
        return ordinal_text(int(q.value), q.kind == "century", style)
    raise ValueError(q.kind)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """The Roman numeral of 1 <= n < 4000 (centuries: "XVIII"); other figures as digits."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def ordinal_text(n: int, century: bool, style: Style) -> str:
    """An ordinal ("43rd" -> "43e", "43.º", "الـ43") or a century's ("18th" before "century"
    -> "XVIIIe", "XVIII", "18.") as the target profile writes it; a profile without the
    form (CLDR has no ordinal patterns with digits) writes the figure alone."""
    p = style.profile
    pattern, one = (p.century, p.century_one) if century else (p.ordinal, p.ordinal_one)
    if n == 1 and one:
        return style.digits(one)
    if not pattern:
        return style.digits(str(n))
    return pattern.replace("{n}", style.digits(str(n))).replace("{roman}", roman(n))


def ordinal_note(q: Quantity, style: Style) -> str | None:
    """What a profile without ordinal forms could not do, with the CLDR ordinal category of
    the figure (the form a translator picks): None where the profile has the form."""
    p = style.profile
    if q.kind not in ("ordinal", "century") or (p.century if q.kind == "century" else p.ordinal):
        return None
    category = style.locale.ordinal_form(int(q.value))
    return (f"'{q.text}' written as the figure {ordinal_text(int(q.value), False, style)}: the "
            f"{language_name(style.lang)} profile has no ordinal form (CLDR ordinal category "
            f"'{category}') — check the wording around it")

