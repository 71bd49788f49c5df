"""The rules for numbers, quantities, dates and times (pure: no stage, no IO): finding them in
English source text, writing them in a target locale (Babel/CLDR), reading a translation's
numbers back, and checking that no value changed. The stages that mask and restore are in
locpipe.stages.localize.

Design: every value whose written form differs between locales (50,000 / 3.5 / 40 per cent /
$5 million / 1982 / Dec. 3, 2024 / 3 p.m.) is replaced by a `<n1/>` placeholder before
translation and restored afterwards from the parsed source value, formatted with Babel/CLDR for
the target locale. Masking holds up better than leaving digits to the model: NMT models copy
English separators ("50,000" in French), write continental ones ("50.000"), group years
("1 982"), mix digit systems, and turn "billion" into the French false friend "billion"
(10^12); a placeholder gives them nothing to mangle, and the Argos engine carries placeholders
through as single unknown tokens. What a model can still do — drop, duplicate, invent or move a
placeholder — is caught here. Small plain counts ("13 to 15 hours", "3 hospitals") are the
exception: they are written alike in every locale and the model needs them to make the noun
agree (Arabic number-noun agreement), so they stay in the text and are verified afterwards.
Every restored translation is verified against the source (`check_numbers`, also used by QA);
digits the engine saw are repaired when their value is certain (mixed digit systems, wrong
separators, Western digits in an Arabic-Indic page), otherwise flagged. Never silently wrong.

Phone numbers and URLs/e-mail addresses are masked too, as one value each, and restored
verbatim: they are dialled and typed, not read as quantities, so they keep the source's Latin
digits even with --digits arab (a page's reader can copy them into a dialer or a browser), and
typography isolates each as one left-to-right run. A date with a weekday but no year keeps the
source's weekday (CLDR's name for it), never one computed from a guessed year; 24-hour times
(14:30, 1615 GMT) stay on a 24-hour clock. Whatever repair does, it never merges two numbers
(a space between "2021 450" is not a thousands separator), and placeholders of any kind are
never read as digits.

Units (babel.units: "-3C" -> "-3 °C", "200 miles"), amounts in every ISO currency in use (CLDR
symbols, codes and English names; Indian crore/lakh read as millions), figures with their scale
word ("4.2 million" -> CLDR's long compact form in the figure's plural category), signed values,
quarters (CLDR quarter names), date ranges (CLDR interval formats) and race times are values of
their own, each one placeholder. Identifiers (ISBNs, versions, F-16, MH17) are not quantities:
kept verbatim. Values the source spells out ("thirty per cent") are values the translation may
carry as digits.

Hand-written (no library does it): recognising English news-style quantities and dates, and
reading localized numbers back. Everything locale-specific (separators, percent patterns,
month names, date and time patterns, "million"/"milliard" words, plural forms, native numbering
systems) comes from CLDR through Babel.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel import dates as bdates
from babel import numbers as bnumbers
from babel import units as bunits
from babel.core import get_global
from babel.localedata import locale_identifiers

from locpipe import languages
from locpipe.errors import ConfigError
from locpipe.languages import Profile, default_locale, language_name
from locpipe.markup import PLACEHOLDER_RE, TAG_RE, loose_placeholder_re, words_only
from locpipe.rules.urls import URL_RE

# --digits: these, any CLDR numbering system of a target language, or LANG=SYSTEM; "arab" keeps
# its first meaning for every target: Arabic-script digits where the locale's native digits
# are (Arabic ٠–٩, Persian and Urdu ۰–۹), Latin digits elsewhere
DIGIT_SYSTEMS = ("latn", "native", "default", "arab")
DATE_ORDERS = ("mdy", "dmy")

# CLDR numberingSystems.xml gives each numeric system as ten contiguous Unicode digits; Babel
# ships the system names (Locale.default/other_numbering_systems) and each system's symbols, but
# not the digits themselves, so the zero of each system is named here and checked against the
# Unicode database below (a system this Python's Unicode does not know yet is left out: it is
# written in Latin digits and its name is not offered). Han decimal (hanidec, the native digits
# of Chinese: 〇一二…九) is the one numeric system whose digits are not contiguous.
_ZERO_CODES = {
    "latn": 0x30, "arab": 0x660, "arabext": 0x6F0, "adlm": 0x1E950, "ahom": 0x11730,
    "bali": 0x1B50, "beng": 0x9E6, "bhks": 0x11C50, "brah": 0x11066, "cakm": 0x11136,
    "cham": 0xAA50, "deva": 0x966, "diak": 0x11950, "fullwide": 0xFF10, "gong": 0x11DA0,
    "gonm": 0x11D50, "gujr": 0xAE6, "guru": 0xA66, "hmng": 0x16B50, "hmnp": 0x1E140,
    "java": 0xA9D0, "kali": 0xA900, "kawi": 0x11F50, "khmr": 0x17E0, "knda": 0xCE6,
    "lana": 0x1A80, "lanatham": 0x1A90, "laoo": 0xED0, "lepc": 0x1C40, "limb": 0x1946,
    "mathbold": 0x1D7CE, "mathdbl": 0x1D7D8, "mathmono": 0x1D7F6, "mathsanb": 0x1D7EC,
    "mathsans": 0x1D7E2, "mlym": 0xD66, "modi": 0x11650, "mong": 0x1810, "mroo": 0x16A60,
    "mtei": 0xABF0, "mymr": 0x1040, "mymrshan": 0x1090, "mymrtlng": 0xA9F0, "nagm": 0x1E4F0,
    "newa": 0x11450, "nkoo": 0x7C0, "olck": 0x1C50, "orya": 0xB66, "osma": 0x104A0,
    "rohg": 0x10D30, "saur": 0xA8D0, "shrd": 0x111D0, "sind": 0x112F0, "sinh": 0xDE6,
    "sora": 0x110F0, "sund": 0x1BB0, "takr": 0x116C0, "talu": 0x19D0, "tamldec": 0xBE6,
    "telu": 0xC66, "thai": 0xE50, "tibt": 0xF20, "tirh": 0x114D0, "tnsa": 0x16AC0,
    "vaii": 0xA620, "wara": 0x118E0, "wcho": 0x1E2F0,
}
_ZERO = {name: chr(z) for name, z in _ZERO_CODES.items()
         if all(unicodedata.decimal(chr(z + i), None) == i for i in range(10))}
HANIDEC = "〇一二三四五六七八九"
DIGITS = {name: "".join(chr(ord(z) + i) for i in range(10)) for name, z in _ZERO.items()}
DIGITS["hanidec"] = HANIDEC
assert all(unicodedata.decimal(d) == i for n, s in DIGITS.items() if n != "hanidec"
           for i, d in enumerate(s))
_TO_NATIVE = {name: str.maketrans("0123456789", ds) for name, ds in DIGITS.items()}


# ----------------------------------------------------------------------------------------------
# Settings helpers (the CLI maps its options through these; errors are one line, exit 2)

def parse_locales(values: Iterable[str]) -> dict[str, str]:
    """`["ar=ar_SY"]` -> the profiles' default locales with ar's replaced (`{"fr": "fr_FR",
    "ar": "ar_SY", …}`), every locale checked against CLDR."""
    locales = languages.default_locales()
    for value in values:
        lang, sep, name = value.partition("=")
        lang, name = lang.strip().lower(), name.strip()
        if not sep or not lang or not name:
            raise ConfigError(f"bad locale '{value}'; write LANG=LOCALE, e.g. ar=ar_SY or "
                              "fr=fr_CA")
        locales[lang] = name
    for lang in locales:
        target_locale(lang, locales)
    return locales


def check_choice(option: str, value: str, choices: Iterable[str]) -> str:
    """Validate an enumerated option value (`--digits`, `--date-order`)."""
    choices = tuple(choices)
    if value not in choices:
        raise ConfigError(f"unknown {option} '{value}'; available: {', '.join(choices)}")
    return value


@lru_cache(maxsize=64)
def _parse_locale(name: str) -> Locale:
    return Locale.parse(name.replace("-", "_"))


def target_locale(lang: str, locales: dict[str, str] | None = None) -> Locale:
    """The Babel Locale a target language is written in (settings.locales, CLDR-checked)."""
    name = (locales or {}).get(lang) or default_locale(lang)
    try:
        loc = _parse_locale(name)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        known = sorted(x for x in locale_identifiers() if x.split("_")[0] == lang)
        raise ConfigError(f"unknown locale '{name}' for {lang}; use a CLDR locale name"
                          + (f" such as {', '.join(known[:8])}" if known else "")
                          + f" (--locale {lang}=LOCALE)") from exc
    if loc.language != lang:
        raise ConfigError(f"locale '{name}' is not for {language_name(lang)}; "
                          f"use --locale {lang}={default_locale(lang)} or another "
                          f"{lang}_* locale")
    return loc


def _settings_locale(lang: str, settings: Any) -> Locale:
    return target_locale(lang, getattr(settings, "locales", None))


def numbering_systems(loc: Locale) -> list[str]:
    """The CLDR numbering systems a locale's numbers can be written in with digits: latn, the
    locale's default and native systems and any other numeric one CLDR gives it (fa: latn,
    arabext; hi: latn, deva; zh: latn, hanidec). Algorithmic systems (Chinese hans, Hebrew
    hebr: numbers in letters) are not digits and are left out."""
    found = ["latn", loc.default_numbering_system, *loc.other_numbering_systems.values()]
    return [s for s in dict.fromkeys(found) if s in DIGITS]


def _digits_choice(lang: str, digits: str) -> str:
    """What --digits asks of `lang`: "fa=arabext,hi=deva" (per language) or one name for
    every language ("native", "latn", "thai"); a language not named gets the bare name."""
    bare = "latn"
    for item in digits.split(","):
        name, sep, system = item.strip().partition("=")
        if sep and name.strip().lower() == lang:
            return system.strip()
        if not sep and name:
            bare = name.strip()
    return bare


def numbering_system(loc: Locale, digits: str) -> str:
    """The CLDR numbering system to write `loc`'s numbers in for --digits `digits`: latn;
    native / default (CLDR's, e.g. native for hi is deva, default for fa is arabext); or a
    system's name (arab, arabext, deva, thai, hanidec…), used where it applies to the locale
    (numbering_systems). Anything else is latn (check_digits refused it beforehand)."""
    choice = _digits_choice(loc.language, digits or "latn")
    native = loc.other_numbering_systems.get("native", "latn")
    if choice == "native" or (choice == "arab" and native in ("arab", "arabext")):
        choice = native
    elif choice == "default":
        choice = loc.default_numbering_system
    return choice if choice in numbering_systems(loc) else "latn"


def check_digits(value: str, targets: str | Iterable[str],
                 locales: dict[str, str] | None = None) -> str:
    """Validate --digits for the target languages (`--to`, as given): latn, native, default,
    a CLDR numbering system that applies to at least one of them, or LANG=SYSTEM items
    ("fa=arabext,hi=deva") each applying to its language. One-line ConfigError otherwise."""
    langs = [x.strip().lower() for x in (targets.split(",") if isinstance(targets, str)
                                          else targets) if x.strip()]
    langs = [x for x in langs if languages.known(x)]
    items = [x.strip() for x in value.split(",") if x.strip()]
    if not items:
        raise ConfigError("empty --digits; use latn, native, default or a CLDR numbering "
                          "system name such as arab, arabext, deva, thai")

    def systems(lang: str) -> list[str]:
        try:
            return numbering_systems(target_locale(lang, locales))
        except ConfigError:
            return ["latn"]

    for item in items:
        name, sep, system = item.partition("=")
        name, system = name.strip().lower(), system.strip()
        if sep:
            if not languages.known(name):
                raise ConfigError(f"unknown language '{name}' in --digits {item}; write "
                                  "LANG=SYSTEM, e.g. fa=arabext")
            valid = systems(name)
            if system not in (*valid, "native", "default"):
                raise ConfigError(f"--digits {item}: {language_name(name)} is not written in "
                                  f"'{system}' digits in CLDR; available for {name}: "
                                  f"{', '.join(valid + ['native', 'default'])}")
        elif name not in DIGIT_SYSTEMS and not any(name in systems(x) for x in langs):
            offered = {s: [x for x in langs if s in systems(x)]
                       for x in langs for s in systems(x) if s not in DIGIT_SYSTEMS}
            listed = ", ".join([*DIGIT_SYSTEMS] + [f"{s} ({', '.join(ls)})"
                                                   for s, ls in offered.items()])
            raise ConfigError(f"unknown --digits '{name}' for {', '.join(langs) or 'the targets'};"
                              f" available: {listed}")
    return ",".join(items)


# ----------------------------------------------------------------------------------------------
# Recognising values in English source text

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
              "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SCALES = {"million": 6, "billion": 9, "trillion": 12, "bn": 9, "m": 6, "tn": 12}
CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
              "gbp": "GBP"}

_MON = (r"(?P<{g}>(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b|(?:"
        + "|".join(sorted(MONTH_ABBR, key=len, reverse=True)) + r")\b\.?)")
_WD = r"(?:(?P<wd{n}>" + "|".join(WEEKDAYS) + r"),?\s+)?"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_YEAR_END = r"(?![\d,.]\d)"

_MONTH_WORDS = "|".join(sorted(list(MONTHS) + list(MONTH_ABBR), key=len, reverse=True))
# Time zones wire copy writes after a clock time ("8:15 p.m. CET (1915 GMT)").
ZONES = ("GMT", "UTC", "CET", "CEST", "EET", "EEST", "WET", "WEST", "BST", "IST", "EST", "EDT",
         "CST", "CDT", "MST", "MDT", "PST", "PDT", "AST", "JST", "KST", "MSK", "GST", "PKT",
         "AEST", "AEDT", "ET", "PT", "local")
# The full stop of "a.m."/"p.m." is the abbreviation's when the sentence goes on (a comma, a
# bracket, a lower-case word, a weekday, a month or a time zone follows): it is consumed with
# the time so the target does not get "15 h. (". At the end of the sentence it is left.
_AMPM_STOP = (r"(?:\.(?=[,;:)\]]|\s+(?:(?-i:[a-z\d(\[\"“‘'—–-])|(?:" + "|".join(WEEKDAYS) + "|"
              + _MONTH_WORDS + r"|" + "|".join(ZONES) + r")\b)))?")
# Phone numbers: an international prefix and groups ("+963 11 333 4444"), or a trunk zero and
# at least two more groups ("011 555 0199", "(011) 555-0199"), one separator throughout (so
# "+963 11 333 4444 1.000" ends before the figure). Kept verbatim, as one value.
_PHONE_END = r"(?!\d|[.,\u066b\u066c]\d)"
PHONE = (r"\+\d{1,4}(?P<ps1>[ \u00a0\u202f.\-])\(?\d{1,4}\)?(?:(?P=ps1)\(?\d{1,4}\)?){0,4}"
         + _PHONE_END +
         r"|\(0\d{1,4}\) ?\d{2,4}(?:[ \-]\d{2,4}){1,3}" + _PHONE_END +
         r"|(?<![\d.,][ \u00a0\u202f])(?<![\d.,])0[1-9]\d{0,3}"
         r"(?P<ps2>[ \u00a0\u202f.\-])\d{2,4}(?:(?P=ps2)\d{2,4}){1,3}" + _PHONE_END)
PHONE_MIN_DIGITS = 7
# More layouts as directories print them (issue 21, measured on Recognizers-Text's phone
# specs): North American "541-754-3010", "(541) 754-3010", "+1 541-754-3010", "246.555.8888";
# a bracketed area code "(21) 99713-3601"; an international prefix with mixed separators or a
# trunk "(0)": "+49 176/ 12345678", "+44 (0)7123 129683"; "00" prefixes "0049 176 12345678";
# a trunk zero and one long group "07700 900873", "0176- 12345678".
PHONE = (
    r"(?<![\d.,\-])(?:\+?1[ .\-]?)?(?:\(\d{3}\) ?|\d{3}(?P<ps3>[.\-]))\d{3}[.\-]\d{4}"
    + _PHONE_END +
    r"|\( ?0?\d{1,4} ?\) ?\d{3,5}[ \-]?\d{4,}" + _PHONE_END +
    r"|\+\d{1,4}(?: ?\(0\) ?\d{0,8})?(?:[ \-/] ?\(?\d{1,8}\)?){1,4}" + _PHONE_END +
    r"|(?<![\d.,])00 ?\d{1,3}(?: \d{2,11}){1,3}" + _PHONE_END +
    r"|(?<![\d.,][ \u00a0\u202f])(?<![\d.,])0[1-9]\d{1,4}(?:[ /\-] ?| -)\d{6,8}" + _PHONE_END
    + "|" + PHONE)  # tried first: the layouts above are longer than the ones they start like


# -- Units (CLDR units through babel.units), every ISO currency, signs ---------------------------
# English unit words as wire copy writes them -> (CLDR unit id, the source spelled the word out).
# Spelled units are written long in the target ("200 miles" -> "200 miles", "200 ميل"), symbols
# short ("90 km/h", "-3 °C"). Imperial units stay imperial: a translator does not convert.
_DEG = r"(?:°\s?|degrees?\s+|deg\.?\s+)"
UNIT_WORDS: list[tuple[str, str, bool]] = [
    (_DEG + r"?(?:celsius|celcius|centigrade|centigrate)", "temperature-celsius", True),
    (_DEG + r"?(?:fahrenheit|farenheit)", "temperature-fahrenheit", True),
    (_DEG + r"c|°?(?-i:C)", "temperature-celsius", False),
    (_DEG + r"f|°?(?-i:F)", "temperature-fahrenheit", False),
    (r"km/h|kph|kmh|kilomet(?:er|re)s?\s(?:per|an)\shour", "speed-kilometer-per-hour", False),
    (r"mph|miles?\s(?:per|an)\shour", "speed-mile-per-hour", False),
    (r"knots?", "speed-knot", True),
    (r"square\skilomet(?:er|re)s?|sq\.?\s?km|km2|km²", "area-square-kilometer", False),
    (r"square\smet(?:er|re)s?|sq\.?\s?m|m2|m²", "area-square-meter", False),
    (r"square\smiles?|sq\.?\s?mi", "area-square-mile", True),
    (r"square\s(?:feet|foot)|sq\.?\s?ft", "area-square-foot", True),
    (r"hectares?|ha", "area-hectare", True),
    (r"acres?", "area-acre", True),
    (r"cubic\smet(?:er|re)s?|m3|m³", "volume-cubic-meter", False),
    (r"cubic\s(?:feet|foot)|cu\.?\s?ft", "volume-cubic-foot", True),
    (r"kilomet(?:er|re)s?|km", "length-kilometer", False),
    (r"centimet(?:er|re)s?|cm", "length-centimeter", False),
    (r"millimet(?:er|re)s?|mm", "length-millimeter", False),
    (r"met(?:er|re)s?|(?-i:m)(?=\s*(?:[.,;:)]|$|tall|high|long|deep|wide|away))",
     "length-meter", False),
    (r"nautical\smiles?", "length-nautical-mile", True),
    (r"light[\s-]years?", "length-light-year", True),
    (r"miles?|mi", "length-mile", True),
    (r"feet|foot|ft", "length-foot", True),
    (r"inch(?:es)?", "length-inch", True),
    (r"yards?|yd", "length-yard", True),
    (r"kilo(?:gram(?:me)?s?|s)?|kg", "mass-kilogram", False),
    (r"milligram(?:me)?s?|mg", "mass-milligram", False),
    (r"microgram(?:me)?s?|μg|mcg", "mass-microgram", False),
    (r"gram(?:me)?s?|(?-i:g)", "mass-gram", False),
    (r"(?:metric\s)?tonnes?|(?:metric\s)?tons?|(?-i:t)", "mass-tonne", True),
    (r"pounds?|lbs?\.?", "mass-pound", True),
    (r"ounces?|oz", "mass-ounce", True),
    (r"millilit(?:er|re)s?|ml", "volume-milliliter", False),
    (r"lit(?:er|re)s?|(?-i:[lL])", "volume-liter", False),
    (r"gallons?|gal", "volume-gallon", True),
    (r"barrels?|bbl", "volume-barrel", True),
    (r"tablespoons?|tbsp", "volume-tablespoon", True),
    (r"teaspoons?|tsp", "volume-teaspoon", True),
    (r"cups?", "volume-cup", True),
    (r"kilowatt[\s-]hours?|(?-i:kWh)", "energy-kilowatt-hour", False),
    (r"gigawatts?|(?-i:GW)", "power-gigawatt", False),
    (r"megawatts?|(?-i:MW)", "power-megawatt", False),
    (r"kilowatts?|(?-i:kW)", "power-kilowatt", False),
    # durations: abbreviated or glued ("3h", "45min", "3.5 years") are values; a whole count
    # spelled out ("15 hours", "29 years") stays a count the engine makes agree (see _quantity)
    (r"hours?|hrs?|(?-i:h)", "duration-hour", True),
    (r"minutes?|mins?", "duration-minute", True),
    (r"seconds?|secs?", "duration-second", True),
    (r"years?|yrs?", "duration-year", True),
    (r"months?", "duration-month", True),
    (r"weeks?|wks?", "duration-week", True),
    (r"days?", "duration-day", True),
    (r"°", "temperature-generic", False),
    (r"degrees?", "temperature-generic", True),
]
_UNIT_RES = [(re.compile(pat + r"\Z", re.I), unit, spelled) for pat, unit, spelled in UNIT_WORDS]
_UNIT_ALT = "|".join(f"(?:{pat})" for pat, _, _ in UNIT_WORDS)
_FULL_DURATION = re.compile(r"(?:hour|minute|second|year|month|week|day)s?", re.I)
_SPELLED_COUNT = {"duration-hour", "duration-minute", "duration-second", "duration-year",
                  "duration-month", "duration-week", "duration-day"}
# A sign: "−8" (U+2212), "-3", "+1.3%", "(+11)"; never the hyphen of a compound or range.
_SIGN = r"(?P<{g}>(?<![\w)\]\d.,-])[−+]|(?<![\w)\]\d.,-])-(?=\d))?"

SCALE_EXP = {"million": 6, "billion": 9, "trillion": 12, "bn": 9, "bln": 9, "m": 6, "mn": 6,
             "tn": 12, "tln": 12,
             "crore": 7, "lakh": 5, "thousand": 3, "k": 3}
_SCALE_ALT = r"million|billion|trillion|bn|mn|m|tn|crore|lakh"


def _symbols() -> dict[str, str]:
    """Currency symbols as English copy writes them (CLDR's en symbols: "$", "€", "¥", "₹",
    "CA$", "HK$"…, and the press forms "US$", "C$", "A$", "S$", "Rs", "元")."""
    out = {sym.lower(): code for code, sym in Locale.parse("en").currency_symbols.items()
           if sym != code and sym != "¤" and not sym.isalpha()}
    out.update({"us$": "USD", "c$": "CAD", "a$": "AUD", "s$": "SGD", "rs": "INR", "rs.": "INR",
                "元": "CNY", "£": "GBP", "€": "EUR", "$": "USD", "¥": "JPY"})
    return out


CURRENCY_SYMBOLS = _symbols()
# Every ISO 4217 code of a currency in use in a territory (CLDR territory data; historic codes
# such as AFA, "afghani (1927–2002)", are not read as amounts), written in capitals before or
# after a figure ("CHF 2bn", "2 billion USD"). Codes that are also English words ("ALL 40
# medics", "TOP 10") are read as currencies only after a figure ("5 billion TRY").
ISO_CODES = frozenset(code for lst in get_global("territory_currencies").values()
                      for code, _start, end, tender in lst if end is None and tender)
_WORD_CODES = frozenset({"ALL", "TOP", "CUP", "MOP", "BOB", "PEN", "SOS", "NIO", "TRY", "MAD",
                         "LAK", "BAM", "GEL", "PAB"})
def _currency_names() -> dict[str, str]:
    """English names of every currency in use, singular and plural, from CLDR ("australian
    dollars", "turkish lira", "swiss francs"), and the bare words wire copy uses for the
    main ones ("dollars", "euros", "yen", "rmb")."""
    en = Locale.parse("en")
    names: dict[str, str] = {}
    for code in sorted(ISO_CODES):
        for count in (1, 2):
            name = bnumbers.get_currency_name(code, count=count, locale=en).lower()
            if name and not any(ch.isdigit() for ch in name) and name != code.lower():
                names.setdefault(name, code)
    names.update({"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
                  "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR",
                  "rupee": "INR", "swiss francs": "CHF", "pounds sterling": "GBP",
                  "sterling": "GBP", "roubles": "RUB", "rubles": "RUB", "won": "KRW"})
    names.update({"rmb": "CNY", "us dollars": "USD", "us dollar": "USD"})
    return names


CURRENCY_NAMES = _currency_names()
_SYM_ALT = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
                    if not s[0].isalpha())
_NAME_ALT = "|".join(re.escape(n) for n in sorted(CURRENCY_NAMES, key=len, reverse=True))

SOURCE_RE = re.compile(
    r"(?P<url>" + URL_RE.pattern + r")"
    r"|(?P<pct>(?<![\w.,])" + _SIGN.format(g="psign") + r"(?P<pv>" + _NUM
    + r")\s?(?:%|per\s?cent\b|percent\b))"
    r"|(?P<phone>(?<![\w+])(?:" + PHONE + r"))"
    # identifiers: F-16, COVID-19, A320, MiG-29; anchored at the start of the letters and
    # taken whole (possessive), so a long word is scanned once, not once per letter
    # quarters: "Q2", "Q3 2019", "2019 Q1", "2017-Q1" (CLDR quarter names: "T2", "الربع الثاني")
    r"|(?P<quarter>\b(?:(?P<qy1>\d{4})[\s-])?[Qq](?P<q>[1-4])\b(?:[\s-](?P<qy2>\d{4})\b)?)"
    r"|(?P<skip>(?<![A-Za-z])[A-Za-z]++-?\d[\w-]*+"
    r"|\b\d+(?:[x×]\d+)+\b"  # dimensions and drives: 6x6, 4x4
    # ISBNs and other hyphen-joined codes (978-3-16-148410-0), versions (15.1.2): verbatim
    r"|\b(?!\d{4}-\d{2}-\d{2}\b)\d+(?:-\d+){2,}(?:-[\dX])?\b|\b\d+(?:\.\d+){2,}\b"
    r"|\bNo\.\s?\d+\b)"  # labels: No. 3 (a translation may write n° 3, numéro trois, الثالث)
    r"|(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b)"
    r"|(?P<slash>\b(?P<s1>\d{1,2})/(?P<s2>\d{1,2})/(?P<s3>\d{4})\b)"
    # date ranges: "March 3–5, 2026", "3-5 March 2026" (CLDR interval formats)
    r"|(?P<drange>\b" + _MON.format(g="rm1") + r"\s+(?P<rd1>\d{1,2})(?:st|nd|rd|th)?\s?[–-]\s?"
    r"(?P<rd2>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<ry1>\d{4})\b" + _YEAR_END + r")?"
    r"|\b(?P<rd3>\d{1,2})\s?[–-]\s?(?P<rd4>\d{1,2})\s+" + _MON.format(g="rm2")
    + r"(?:,?\s+(?P<ry2>\d{4})\b" + _YEAR_END + r")?)"
    r"|(?P<mdy>\b" + _WD.format(n=1) + _MON.format(g="m1") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    r"\b(?:,?\s+(?P<y1>\d{4})\b" + _YEAR_END + r")?)"
    r"|(?P<dmy>\b" + _WD.format(n=2) + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON.format(g="m2")
    + r"(?:,?\s+(?P<y2>\d{4})\b" + _YEAR_END + r")?)"
    r"|(?P<my>\b" + _MON.format(g="m3") + r",?\s+(?P<y3>\d{4})\b" + _YEAR_END + r")"
    r"|(?P<time>\b(?P<th>\d{1,2})(?:[:.](?P<tm>\d{2})(?::(?P<ts>[0-5]\d))?|(?P<tm2>[0-5]\d))?"
    r"\s?(?P<ap>[ap])\.?\s?m\b" + _AMPM_STOP + ")"
    # race times and durations: "2:01:25", "1:58.40" (not clock times)
    r"|(?P<race>(?<![\d:.,])(?P<ra>\d{1,2}):(?P<rb>[0-5]\d)(?::(?P<rc>[0-5]\d)(?:\.(?P<rf>\d{1,3}))?"
    r"|\.(?P<rg>\d{1,3}))(?![\d:]|[.,]\d))"
    r"|(?P<t24>(?<![\d:.,])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:]))"  # 14:30, 09:05
    r"|(?P<gmt>(?<![\d.,])(?P<hg>[01]\d|2[0-3])(?P<mg>[0-5]\d)(?=\s?(?:GMT|UTC)\b))"  # 1615 GMT
    r"|(?P<money>(?:(?P<sym>" + _SYM_ALT
    + r"|(?<![A-Za-z])(?:rs\.?|(?:us|u\.s\.?|hk|nz|[acs])\s?\$))\s?"
    r"|\b(?P<code>(?i:usd|eur|gbp)|(?-i:[A-Z]{3}))\s?)(?P<mv>" + _NUM + r")"
    r"(?:\s?(?P<scale>" + _SCALE_ALT + r"|thousand)\b)?"
    r"(?:\s(?P<cafter>dollars?|euros?)\b)?"  # "$5 million dollars": one amount
    r"|(?<![\w.,])(?P<mv2>" + _NUM + r")(?:\s?(?P<scale2>" + _SCALE_ALT + r"|thousand)\b)?"
    r"(?:\s?(?P<sym2>[€$£¥₹元])(?!\w)|\s(?P<code2>(?-i:[A-Z]{3})|usd|eur|gbp)\b"
    r"|\s(?P<cname>" + _NAME_ALT + r")\b|\s(?P<pounds>pounds)\b))"
    r"|(?P<unit>(?<![\w.,])" + _SIGN.format(g="usign") + r"(?P<uv>" + _NUM + r")"
    r"(?:\s?-\s?|\s?)(?P<uw>" + _UNIT_ALT + r")(?![\w²³/]))"
    r"|(?P<range>(?<![\w.,-])(?P<r1>" + _NUM + r")-(?P<r2>" + _NUM + r")(?![\w-]|[.,]\d))"
    r"|(?P<decade>(?<![\w.,])(?P<dv>\d{3}0)'?s\b)"
    r"|(?P<ordinal>(?<![\w.,])\d+(?:st|nd|rd|th)\b)"
    r"|(?P<num>(?<![\w.,])" + _SIGN.format(g="nsign") + r"(?P<nv>" + _NUM
    + r")(?:(?![\w]|[.,]\d)(?:\s(?P<nscale>million|billion|trillion|bn|bln|mn|tn|tln|crore|lakh)"
    r"\b)?|(?P<gscale>bn|mn|tn)\b))"
    r"|(?P<bad>(?<![\w.,])\d+(?:,\d+)+(?:\.\d+)?(?![\w]|[.,]\d))",
    re.I,
)


def _guarded(pattern: str) -> str:
    """The same alternatives in the same order, each run of consecutive ones that can only
    start with a digit, a sign or a bracket put behind one look-ahead: at the positions of a
    text that are letters (most of them) the run is skipped with one character test instead
    of one attempt per alternative (detection ran 40 % slower with this module's units,
    currencies and phone layouts before this)."""
    parts = _top_level(pattern)
    out: list[str] = []
    run: list[str] = []
    for part in parts + [""]:
        name = re.match(r"\(\?P<(\w+)>", part)
        if name and name.group(1) in _DIGIT_FIRST:
            run.append(part)
            continue
        if run:
            out.append(r"(?=[\d+\-−(])(?:" + "|".join(run) + ")" if len(run) > 1 else run[0])
            run = []
        if part:
            out.append(part)
    return "|".join(out)


def _top_level(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (brackets, classes and escapes respected)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


_DIGIT_FIRST = {"pct", "phone", "iso", "slash", "time", "race", "t24", "gmt", "unit", "range",
                "decade", "ordinal", "num", "bad"}
SOURCE_RE = re.compile(_guarded(SOURCE_RE.pattern), re.I)


@dataclass
class Quantity:
    """One value found in the source, with what restoring and checking need to know."""

    kind: str  # number | year | percent | money | range | date | time | decade | phone | url
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

    def keys(self) -> list[frozenset]:
        """What must appear in a translation for this value: one set of acceptable keys each
        (numbers ("n", value), clock times ("t", h, m), months ("m", k), scales ("s", exp),
        phone numbers ("p", digits)). A URL is verified by its own rule (locpipe.rules.urls)."""
        if self.kind == "url":
            return []
        if self.kind == "daterange" and self.date2:
            out = [frozenset({("m", self.date.month)}), frozenset({("n", Decimal(self.date.day))}),
                   frozenset({("n", Decimal(self.date2.day))})]
            return out + ([frozenset({("n", Decimal(self.date.year))})] if "y" in self.parts
                          else [])
        if self.kind == "duration":  # "1:58.40": minutes and seconds read as a clock pair
            return [frozenset({("t", int(self.value), int(self.value2))})]
        if self.kind == "quarter":  # "T2", "2e trimestre", "الربع الثاني": only the year reads
            return [frozenset({("n", self.value)})] if self.value is not None else []
        if self.kind == "phone":
            return [frozenset({("p", _phone_digits(self.text))})]
        if self.kind == "date" and self.date:
            d = self.date
            month = {("m", d.month)} | ({("n", Decimal(d.month))} if "#" in self.parts else set())
            out = [frozenset(month)]
            if "d" in self.parts:
                out.append(frozenset({("n", Decimal(d.day))}))
            if "y" in self.parts:
                out.append(frozenset({("n", Decimal(d.year))}))
            return out
        if self.kind == "time" and self.time:
            h, m = self.time.hour, self.time.minute
            alts = {("t", h, m), ("t", h % 12 or 12, m)}
            if m == 0:
                alts |= {("n", Decimal(h)), ("n", Decimal(h % 12 or 12))}
            return [frozenset(alts)]
        if self.kind == "decade":  # "the 1980s": "les années 1980/80", "الثمانينيات"
            alts = {("n", self.value), ("d", int(self.value))}
            if 1900 <= self.value < 2000:
                alts.add(("n", self.value - 1900))
            return [frozenset(alts)]
        out = [frozenset({("n", abs(self.value))})]  # a sign is CLDR's to write
        if self.unit == "duration-hour" and self.value == int(self.value) <= 24:
            out = [out[0] | {("t", int(self.value), 0)}]  # "3 h" reads as a clock time too
        if self.value2 is not None:
            out.append(frozenset({("n", self.value2)}))
        if self.scale:
            out.append(frozenset({("s", self.scale)}))
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


def detect(text: str, date_order: str = "mdy", reference: dt.date | None = None) -> Detection:
    """Find the values of an English text (markup tags and placeholders are never touched).
    `reference` is the article's date (its dateline, `reference_date`): a date the text gives
    without a year ("Friday, Oct. 4") takes its year from it, and its weekday is checked."""
    det = Detection(reference=reference)
    pos = 0
    protected = list(TAG_RE.finditer(text)) + list(PLACEHOLDER_RE.finditer(text))
    protected.sort(key=lambda m: m.start())
    for m in protected + [None]:
        end = m.start() if m else len(text)
        if end > pos:
            _detect_chunk(text, pos, end, date_order, det)
        if m:
            pos = max(pos, m.end())
    det.scales = [SCALES[w.lower()] for w in _SCALE_WORD_RE.findall(text)]
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
    for m in re.finditer(r"\b(?:(one|two|three)[\s-])?(half|third|quarter)s?\b", lower):
        k = _UNITS_W.get(m.group(1) or "one", 1) * _FRACTIONS_W[m.group(2)]
        out.extend({k.quantize(Decimal("0.01")).normalize(), (k * 100).quantize(Decimal(1))})
    return out


_SCALE_WORD_RE = re.compile(r"\b(million|billion|trillion)s?\b", re.I)


def _detect_chunk(text: str, start: int, end: int, date_order: str, det: Detection) -> None:
    for m in SOURCE_RE.finditer(text, start, end):
        q = _quantity(m, date_order, det)
        if q is not None:
            det.spans.append((m.start(), m.end(), q))


def _quantity(m: re.Match, order: str, det: Detection) -> Quantity | None:
    g = m.group
    kind = m.lastgroup
    text = m.group(0)
    if kind == "skip":
        det.ignored.extend(Decimal(x) for x in re.findall(r"\d+", text))
        return None
    if kind == "url":  # masked like a number, restored verbatim
        return Quantity("url", text)
    if kind == "phone":
        if len(re.sub(r"\D", "", text)) < PHONE_MIN_DIGITS:
            det.ignored.extend(Decimal(x) for x in re.findall(r"\d+", text))
            return None
        return Quantity("phone", text)
    if kind in ("t24", "gmt"):
        h, mi = (int(g("h24")), int(g("m24"))) if kind == "t24" else (int(g("hg")), int(g("mg")))
        return Quantity("time", text, time=dt.time(h, mi), clock24=True)
    if kind == "ordinal":
        det.ignored.append(Decimal(re.match(r"\d+", text).group(0)))
        return None
    if kind == "bad":
        det.problems.append(f"malformed number '{text}' in the source (groups of three digits "
                            "expected, e.g. 100,000); left to the translation — check it")
        det.ignored.extend(Decimal(x) for x in re.findall(r"\d+", text))
        det.ignored.append(_dec(text))
        return None
    if kind == "decade":
        return Quantity("decade", text, Decimal(g("dv")), masked=False)
    if kind == "drange":
        word = g("rm1") or g("rm2")
        if not word[0].isupper() and word.lower().rstrip(".") in ("may", "march", "mar"):
            return None
        month = _month(word)
        d1, d2 = int(g("rd1") or g("rd3")), int(g("rd2") or g("rd4"))
        year = g("ry1") or g("ry2")
        try:
            start = dt.date(int(year or 2000), month, d1)
            end = dt.date(int(year or 2000), month, d2)
        except ValueError:
            start = end = None
        if start is None or end <= start:
            det.problems.append(f"date range out of order or out of range '{text}' in the "
                                "source; left to the translation")
            det.ignored.extend(Decimal(x) for x in re.findall(r"\d+", text))
            return None
        return Quantity("daterange", text, date=start, date2=end, parts="y" * bool(year))
    if kind == "race":
        rest = [x for x in (g("rc"), g("rf"), g("rg")) if x]
        det.ignored.extend(Decimal(x) for x in rest)
        return Quantity("duration", text, time=dt.time(0, 0), value=Decimal(int(g("ra"))),
                        value2=Decimal(int(g("rb"))), masked=True)
    if kind == "iso":
        return _date(text, int(g("iy")), int(g("im")), int(g("id")), "dmy#", det)
    if kind == "slash":
        a, b, y = int(g("s1")), int(g("s2")), int(g("s3"))
        if a <= 12 and b <= 12:  # both readings possible: --date-order decides
            day, month = (a, b) if order == "dmy" else (b, a)
        else:  # only one reading is a date (or neither: out of range below)
            day, month = (a, b) if a > 12 else (b, a)
        q = _date(text, y, month, day, "dmy#", det)
        if q and a <= 12 and b <= 12 and a != b:
            det.notes.append(f"dates: ambiguous '{text}' read as {q.date:%-d %B %Y} "
                             f"(--date-order {order})")
        elif q and (day, month) != ((a, b) if order == "dmy" else (b, a)):
            det.notes.append(f"dates: '{text}' can only be {q.date:%-d %B %Y}, "
                             f"not --date-order {order}")
        return q
    if kind in ("mdy", "dmy", "my"):
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
                year = _year_with_weekday(month, day, weekday)
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
    if kind == "time":
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
    if kind == "quarter":
        year = g("qy1") or g("qy2")
        if year and not _valid_year(int(year)):
            return None
        q = int(g("q"))
        return Quantity("quarter", text, Decimal(int(year)) if year else None,
                        date=dt.date(int(year or 2000), 3 * q - 2, 1), parts="y" * bool(year))
    if kind == "money":
        return _amount(m, det)
    if kind == "unit":
        return _unit(m, det)
    if kind == "pct":
        return Quantity("percent", text, _signed(g("pv"), g("psign")), "," in g("pv"),
                        sign="+" if g("psign") == "+" else "")
    if kind == "range":
        return Quantity("range", text, _dec(g("r1")), "," in g("r1"), value2=_dec(g("r2")))
    if kind == "num":
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
    return None


def _signed(value: str, sign: str | None) -> Decimal:
    v = _dec(value)
    return -v if sign in ("-", "−") else v


def _scale_of(word: str | None, value: Decimal) -> tuple[Decimal, int]:
    """(value, power of ten) for a figure and its scale word, Indian scales in millions ("40
    crore" = 400 million, "25 lakh" = 2.5 million) and thousands kept as a plain figure."""
    exp = SCALE_EXP.get((word or "").lower(), 0)
    if exp in (3, 5, 7):
        value = value * 10 ** exp
        if exp == 3:
            return value, 0
        return value / 10 ** 6, 6
    return value, exp


def _amount(m: re.Match, det: Detection) -> Quantity | None:
    """An amount in any ISO currency CLDR knows: symbol ("¥980", "₹40 crore", "CA$5"), code
    ("CHF 2bn", "2 billion USD") or name ("323 million euros")."""
    g = m.group
    if g("mv") is not None:
        v, word = g("mv"), g("scale")
        cur = CURRENCY_SYMBOLS.get(re.sub(r"[\s.]|(?<=u)s", "", (g("sym") or "").lower())
                                   .replace("u$", "us$"))
        code = g("code")
        if code:
            cur = code.upper() if code.upper() in ISO_CODES and code not in _WORD_CODES else None
        start = m.start("mv")
    else:
        v, word = g("mv2"), g("scale2")
        start = m.start("mv2")
        if g("sym2"):
            cur = CURRENCY_SYMBOLS.get(g("sym2"))
        elif g("code2"):
            code = g("code2").upper()
            cur = code if code in ISO_CODES and code not in ("ALL", "TOP") else None
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
    unit, spelled = next(((u, sp) for rx, u, sp in _UNIT_RES if rx.match(word)), ("", False))
    v = g("uv")
    if not unit:
        return None
    if unit in _SPELLED_COUNT and spelled and v.isdigit() and not g("usign") and \
            _FULL_DURATION.fullmatch(word) and len(v) <= 3:
        # "15 hours", "29 years": a count the engine makes agree with its noun
        _detect_chunk(m.string, m.start("uv"), m.end("uv"), "mdy", det)
        return None
    if unit == "mass-pound" and det is not None and re.search(r"sterling", m.string[m.end():
                                                                           m.end() + 12]):
        _detect_chunk(m.string, m.start("uv"), m.end("uv"), "mdy", det)
        return None
    value = _signed(v, g("usign"))
    return Quantity("unit", m.group(0), value, "," in v, unit=unit,
                    spelled=spelled and bool(re.search(r"[a-z]{3,}", word, re.I)),
                    sign="+" if g("usign") == "+" else "")


def _year_near(month: int, day: int, reference: dt.date) -> int | None:
    """The year of a month/day that wire copy writes without one: the first of the
    reference's year before, its year and the next in which the day falls no earlier than
    about two months before the reference (a story dated Jan. 3 means the Dec. 28 just past,
    one dated Dec. 28 the Jan. 5 to come). None when the day exists in none of them."""
    floor = reference - dt.timedelta(days=61)
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            if dt.date(year, month, day) >= floor:
                return year
        except ValueError:
            continue
    return None


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


def _year_with_weekday(month: int, day: int, weekday: int) -> int:
    """A year in which month/day falls on `weekday` (2000 when the day does not exist: the
    date check then reports it). 28 consecutive years hold every weekday of every date."""
    for year in range(2000, 2029):
        try:
            if dt.date(year, month, day).weekday() == weekday:
                return year
        except ValueError:
            continue
    return 2000


def _date(text: str, y: int, mo: int, d: int, parts: str, det: Detection) -> Quantity | None:
    try:
        date = dt.date(y, mo, d)
    except ValueError:
        det.problems.append(f"date out of range '{text}' in the source; left to the translation")
        det.ignored.extend(Decimal(x) for x in re.findall(r"\d+", text))
        return None
    return Quantity("date", text, date=date, parts=parts)


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


@lru_cache(maxsize=100_000)
def _number(value: Decimal, grouped: bool, style: Style) -> str:
    text = bnumbers.format_decimal(value, locale=style.locale, group_separator=grouped,
                                   decimal_quantization=False, numbering_system=style.system)
    return style.digits(text)


@lru_cache(maxsize=100_000)
def _percent(value: Decimal, style: Style) -> str:
    text = bnumbers.format_percent(value / 100, locale=style.locale, decimal_quantization=False,
                                   numbering_system=style.system)
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
    words = style.profile.currency_words.get(q.currency)
    if q.scale:
        figure = _scaled(q.value, q.scale, style)
        return f"{figure} {words[0] if words else _currency_name(q, style)}"
    figure = _number(q.value, q.grouped, style)
    if not words:
        return f"{figure} {_currency_name(q, style)}"
    form = style.locale.plural_form(q.value)
    wanted = style.profile.currency_plural
    plural = form in wanted if wanted else form != "one"
    return f"{figure} {words[2] if plural else words[1]}"


def _currency_name(q: Quantity, style: Style) -> str:
    """CLDR's name of the currency, in the plural form the whole amount takes."""
    count = q.value * 10 ** q.scale  # 1.5 billion is a whole number: "1,5 миллиарда долларов"
    count = int(count) if count == count.to_integral_value() else count
    return bnumbers.get_currency_name(q.currency, count=count, locale=style.locale)


@lru_cache(maxsize=100_000)
def _date_text(date: dt.date, parts: str, style: Style) -> str:
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
    if q.kind == "unit":
        return _plus(_unit_text(q.value, q.unit, q.spelled, style), q, style)
    if q.kind == "quarter":
        return _quarter_text(q.date, "y" in q.parts, style)
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
    if q.kind == "time":
        return _time_text(q.time, style, q.clock24)
    if q.kind in ("phone", "url"):  # verbatim: dialled and typed, never localized
        return q.text
    raise ValueError(q.kind)


# ----------------------------------------------------------------------------------------------
# Reading numbers back from a translation

_SPACES = " \u00a0\u202f"
_TOKEN_RE = re.compile(
    r"(?P<hm>(?<!\d)(?P<h>\d{1,2})\s?(?:h|:)\s?(?P<mm>\d{2})(?!\d))"
    r"|(?P<hh>(?<!\d)(?P<h2>\d{1,2})\s?h\b)"
    # separators: every group and decimal symbol of CLDR (N'Ko ، and Adlam ⹁ among them)
    r"|(?P<num>\d+(?:(?:[.,'\u066b\u066c\u060c\u2e41]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*)"
    r"(?P<pct>[ \u00a0\u202f]?[%\u066a]\u061c?)?"
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


def _symbol(loc: Locale, system: str, name: str) -> str:
    """A number symbol of `system` in the locale; CLDR gives many systems (deva, thai,
    hanidec…) no symbols of their own: those write the latn ones."""
    symbols = loc.number_symbols
    for source in (system, "latn"):
        try:
            return symbols[source][name]
        except KeyError:
            continue
    return {"group": ",", "decimal": ".", "percentSign": "%"}.get(name, "")


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
    first = style.profile.first_of_month  # "1er": the first of the month, not an ordinal
    first_re = re.compile(re.escape(first[1:]) + r"\b") if first[1:] else None
    folded = text if text.isascii() else text.translate(_FOLD)
    if style.system == "hanidec" and not text.isascii():
        folded = _HANIDEC_RUN.sub(lambda m: m.group(0).translate(_FROM_HANIDEC), folded)
    tokens = []
    if "@" in folded or "/" in folded or "www." in folded:
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
                         and folded[end] in root_scales):
            return  # nor are ordinals (3e, 21st) and codes (3D); "1er décembre" is a date,
            # "1990s" a decade left in English (a pseudo-translation), "3.2M" (CLDR's root
            # compact form, what a locale without scale words writes) a figure
        keys, alt, pieces, grouped = _readings(num, groups, decimals)
        tokens.append(Token(start, end, raw, keys, alt, grouped, mixed, bool(pct), pieces))

    for m in _TOKEN_RE.finditer(folded):
        start, end = m.span()
        raw = text[start:end]
        mixed = folded is not text and _mixed(raw)
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
def _scale_re(style: Style) -> tuple[re.Pattern, dict[str, int]]:
    """The profile's scale words (abbreviations and variants news copy uses: "Md€", "Mio.",
    "ملايين"), then CLDR's, longest first ("mil millones" before "millones")."""
    scales = dict(style.profile.scale_words)
    cldr = _cldr_scale_words(style.locale)
    for word in sorted(cldr, key=len, reverse=True):
        flags = "(?i:" if len(word) > 1 else "(?:"  # "M" (root's 0M) is not "m" (metres)
        scales.setdefault(flags + r"\s+".join(map(re.escape, word.split())) + ")", cldr[word])
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
            exp = next((e for e in (12, 9, 6) if full and max(full) >= 10 ** e), 6)
            tok.keys = set(tok.keys) | {("n", v.scaleb(-exp).normalize()) for v in full}
            tok.counted = True
        extra.append(("s", exp))
    decade_re, years = _decade_re(lang)
    if decade_re is not None:  # decades named in words (Arabic الثمانينيات)
        extra.extend(("d", years[m.lastindex - 1]) for m in decade_re.finditer(text))
    return tokens, extra


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
    tokens, words = _target_keys(text, style)
    wanted = [(q, ks) for q in quantities for ks in q.keys()]
    res = Match()
    word_count = Counter(words)
    used_words: Counter = Counter()
    open_: list[tuple[Quantity, frozenset]] = []
    # word-borne keys (months, scales) first, then numbers read the target's way, then others
    for q, ks in wanted:
        hit = next((k for k in ks if k[0] in ("m", "s", "d") and word_count[k] > 0), None)
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
        open_ = still
    res.missing = open_
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
    # values the translation may carry (the digits of an identifier, an ordinal): each
    # accounts for one leftover token, the first in the source's order that it reads as
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
            res.extra.append(tok)
    return res


def _what(q: Quantity, ks: frozenset) -> str:
    if any(k[0] == "s" for k in ks):
        exp = next(k[1] for k in ks)
        return f"the scale of '{q.text}' ({_SCALE_NAMES[exp]})"
    if q.kind == "date" and any(k[0] == "m" for k in ks):
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
DIGIT_RUN = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d])")


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
        if tok is None or not any(k[0] == "n" for k in ks) or q.kind == "time" or \
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
