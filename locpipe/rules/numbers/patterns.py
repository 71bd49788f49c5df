"""The patterns that find values in English source text (one alternation, named groups).

Part of locpipe.rules.numbers (the design note is in its __init__)."""

from __future__ import annotations

import re

from babel import Locale
from babel import numbers as bnumbers
from babel.core import get_global

from locpipe.rules.urls import URL_RE

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
_NUM = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
        r"|\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?"  # Indian grouping (CLDR en_IN): 12,34,567.89
        r"|\d+(?:\.\d+)?")
_YEAR_END = r"(?![\d,.]\d)"
# After a figure that only a space, a sign, a symbol or a word may follow (a unit, a currency, a
# scale word, "%", "-"): the figure is whole. The number pattern gives back its digits one at a
# time when what follows fails, and each shorter figure ("202" of "2024 people") tried every
# unit and currency name again; a shorter figure is followed by a digit, "." or ",", which
# starts none of them, so this look-ahead ends those tries at once and changes no match
# (test_numbers_scan compares the scan with and without it).
_FIGURE_END = r"(?![.,\d])"
# a two-digit year after "of" or an apostrophe: "April of 87", "15 April '87" (round 4)
_SHORT_YEAR = r"|(?<=of\s)\d\d\b(?![\d'’]|[.,]\d)|(?<=['’])\d\d\b(?![\d'’]|[.,]\d)"

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
# Round 2: an international prefix (bracketed or not) before groups of any length and mixed
# separators, eight digits at least ("+44 7700900397", "+447700 900 397", "(+55) 15 3702-7523",
# "+33(0)644444444"), and "00" prefixes with long groups ("0086-020-82803159").
_PHONE_INTL = (r"(?=\(?\+)(?=(?:[^\d\n]{0,3}\d){8})\(?\+\d{1,3}\)?(?: ?\(0\) ?)?"
               r"(?:[ \-/]{0,2}\(?\d{1,12}\)?){1,5}" + _PHONE_END +
               r"|(?<![\d.,])00\d{1,6}(?:[ \-/]\d{2,12}){1,4}" + _PHONE_END)
PHONE = (
    _PHONE_INTL + "|"
    r"(?<![\d.,\-])(?:\+?1[ .\-]?)?(?:\(\d{3}\) ?|\d{3}(?P<ps3>[.\-]))\d{3}[.\-]\d{4}"
    + _PHONE_END +
    r"|\( ?0?\d{1,4} ?\) ?\d{3,5}[ \-]?\d{4,}" + _PHONE_END +
    r"|\+\d{1,4}(?: ?\(0\) ?\d{0,8})?(?:[ \-/] ?\(?\d{1,8}\)?){1,4}" + _PHONE_END +
    r"|(?<![\d.,])00 ?\d{1,3}(?: \d{2,11}){1,3}" + _PHONE_END +
    r"|(?<![\d.,][ \u00a0\u202f])(?<![\d.,])0[1-9]\d{1,4}(?:[ /\-] ?| -)\d{6,8}" + _PHONE_END
    + "|" + PHONE)  # tried first: the layouts above are longer than the ones they start like

# Round 4 (issue 21): phone numbers without a country code. A run of grouped digits is also
# how news writes other things (a space-grouped "12 345 678", "in 2021 450 people", a score),
# so a layout alone counts only where nothing else reads that way: a trunk zero ("06 23456789",
# "(011) 44 161 234567"), an area code in brackets ("(03336) 24056", "1(516)733-3989"), one
# separator repeated over three groups or more ("971-50-123-4567", "971.4.123.4567",
# "3333/2/6666"; not a date: "16-04-2010" is left alone), or spaces between groups that are
# not thousands ("622 15 31 23", "189 1111 1111"). Any other layout needs a phone word before
# it ("call", "phone", "tel", "fax", "hotline"…: PHONE_WORDS). Seven digits at least, fifteen
# at most (E.164) before an extension ("x123", "ext. 123", "ext63888"), which is part of the
# number as dialled.
PHONE_EXT = r"(?:\s?(?:ext\.?|x)\s?\d{1,6}(?!\w))?"
_PSEP = r"(?:\s?[.\-/]\s?|\s)"


def _not_date(tag: str) -> str:
    """A look-ahead refusing a date written with one separator ("03/04/2024", "16-04-2010",
    "2010.04.16"); `tag` keeps its group names unique in the alternation."""
    return (rf"(?!\d{{1,2}}(?P<nd{tag}>[.\-/])\d{{1,2}}(?P=nd{tag})\d{{2,4}}(?!\d|[.\-/]\d))"
            rf"(?!\d{{4}}(?P<ny{tag}>[.\-/])\d{{1,2}}(?P=ny{tag})\d{{1,2}}(?!\d|[.\-/]\d))")


_PHONE_LAYOUT = (
    r"(?=(?:[^\d\n]{0,3}\d){7})"
    + _not_date("a") + r"(?:"
    # (two groups only when the second is long: "0730-0930" is a range of clock times)
    r"(?<![\d.,])0\d{1,4}" + _PSEP + r"(?:\d{5,12}(?:" + _PSEP + r"\d{2,12}){0,4}"
    r"|\(?\d{2,12}\)?(?:" + _PSEP + r"\d{2,12}){1,4})"
    # unbroken, with an extension: "01614960732x77" (a figure never starts with 0)
    r"|(?<![\d.,])0[1-9]\d{5,13}(?=\s?(?:ext\.?|x)\s?\d)"
    r"|(?<![\d.,])(?:\d{1,3}\s?)?\(\d{1,5}\)" + _PSEP + r"?\d{2,12}"
    r"(?:(?P<pbs>\s?[.\-/]\s?|\s)\d{2,12}(?:(?P=pbs)\d{2,12}){0,3})?"
    r"|(?<![\d.,/-])(?:\d{1,4}\s)?\d{2,5}(?P<pls>[.\-/])\d{1,4}(?:(?P=pls)\d{1,4}){1,3}(?![\w/]|[.,\-]\d)"
    r"|(?<![\d.,])(?!(?:19|20)\d\d )(?!\d{1,3}(?: \d{3})+(?![\d]|[.,]\d| \d))"
    r"\d{2,4}(?: \d{2,4}){2,4}(?![\w]|[.,]\d| \d)"
    r"|(?<![\d.,])\d{1,4} \d{6,11}(?![\w]|[.,]\d| \d)"
    r")" + PHONE_EXT + _PHONE_END)
# names a version number follows ("Android 15.1", "iOS 17.4", "firmware 3.2", "USB 3.0")
VERSION_WORDS = (r"(?-i:version|ver\.|firmware|Android|iOS|iPadOS|macOS|watchOS|tvOS|"
                 r"Windows|Linux|kernel|Ubuntu|Debian|Fedora|Python|Java|Chrome|Chromium|Firefox|"
                 r"Safari|Bluetooth|USB|HTTP|HTML|Wi-Fi|WiFi|Web|Industry|Version|Firmware)")
STREET_WORDS = (r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive|Square|Place|"
                r"Terrace|Court|Highway")
PHONE_WORDS = (r"phones?|telephone|tel|mobile|cell(?:phone)?|fax|hotline|helpline|whatsapp|"
               r"call|dial")
# a phone word, then at most a few words that lead to the number ("phone number is",
# "call us on", "Tel.:")
_PHONE_GAP = (r"(?:[\s:.#-]*(?:numbers?|no|nos|nr|is|are|was|at|on|us|me|line|directly)\b)"
              r"{0,4}[\s:.#-]*")
_PHONE_NUMBER = (r"(?=(?:[^\d\n]{0,3}\d){7})\(?\+?\d{1,5}\)?(?:" + _PSEP
                 + r"?\(?\d{1,12}\)?){0,7}" + PHONE_EXT + _PHONE_END)


_VULGAR = "¼½¾⅓⅔⅕⅛⅜⅝⅞"  # the vulgar fractions wire copy uses
# words after a distance that name a race or an event (athletics, swimming)
_EVENT_WORDS = (r"records?|finals?|semi-?finals?|heats?|races?|hurdles|freestyle|butterfly|"
                r"backstroke|breaststroke|medley|relay|steeplechase|sprint|dash|title|gold|"
                r"silver|bronze|champion|world")

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
    (r"km/hr?|kph|kmph|kmh|kilomet(?:er|re)s?\s(?:per|an)\shour", "speed-kilometer-per-hour",
     False),
    (r"m/s|met(?:er|re)s?\sper\ssecond", "speed-meter-per-second", False),
    # round 2: storage, frequency, pressure (hurricanes: "950 mb" is millibars), small lengths
    (r"terabytes?|(?-i:TB)", "digital-terabyte", False),
    (r"bits?", "digital-bit", True),  # "a 16-bit chip"
    (r"gigabytes?|(?-i:GB)", "digital-gigabyte", False),
    (r"megabytes?|(?-i:MB)", "digital-megabyte", False),
    (r"kilobytes?|(?-i:KB|kB)", "digital-kilobyte", False),
    (r"gigahertz|(?-i:GHz)", "frequency-gigahertz", False),
    (r"megahertz|(?-i:MHz)", "frequency-megahertz", False),
    (r"hectopascals?|(?-i:hPa)", "pressure-hectopascal", False),
    (r"millibars?|(?-i:mb|mbar)", "pressure-millibar", False),
    (r"horsepower|(?-i:hp)", "power-horsepower", True),
    (r"decimet(?:er|re)s?|(?-i:dm)", "length-decimeter", False),
    (r"micromet(?:er|re)s?|microns?|μm", "length-micrometer", False),
    (r"nanomet(?:er|re)s?", "length-nanometer", False),
    (r"picomet(?:er|re)s?", "length-picometer", False),
    (r"radians?|(?-i:rad)", "angle-radian", False),
    (r"megapixels?|(?-i:MP)", "graphics-megapixel", False),
    (r"milliseconds?", "duration-millisecond", True),
    (r"fluid\sounces?|fl\.?\s?oz", "volume-fluid-ounce", True),
    (r"pints?", "volume-pint", True),
    (r"quarts?|qt", "volume-quart", True),
    (r"mph|miles?\s(?:per|an)\shour", "speed-mile-per-hour", False),
    (r"knots?|(?-i:kn)", "speed-knot", True),
    (r"square\skilomet(?:er|re)s?|sq\.?\s?km|km2|km²", "area-square-kilometer", False),
    (r"square\smet(?:er|re)s?|sq\.?\s?m|m2|m²", "area-square-meter", False),
    (r"square\smiles?|sq\.?\s?mi", "area-square-mile", True),
    (r"square\s(?:feet|foot)|sq\.?\s?ft", "area-square-foot", True),
    (r"hectares?|ha", "area-hectare", True),
    (r"acres?", "area-acre", True),
    (r"cubic\smet(?:er|re)s?|m3|m³", "volume-cubic-meter", False),
    (r"cubic\s(?:feet|foot)|cu\.?\s?ft|ft³", "volume-cubic-foot", True),
    (r"kilomet(?:er|re)s?|km", "length-kilometer", False),
    (r"centimet(?:er|re)s?|cm", "length-centimeter", False),
    (r"millimet(?:er|re)s?|mm", "length-millimeter", False),
    (r"met(?:er|re)s?|(?-i:m)(?=\s*(?:[.,;:)]|$|tall|high|long|deep|wide|away"
     r"|[x×]\s*\d|\d+\s?(?:dm|cm|mm|m)\b))",
     "length-meter", False),
    (r"nautical\smiles?|nmi", "length-nautical-mile", True),
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
    # durations: a count and its duration unit are one value, CLDR's duration unit ("45
    # minutes", "a 10-day trip", "29 years old": "45 دقيقة", "10 jours", "29 ans"); the noun
    # agrees with the count in CLDR's plural form, so the engine has nothing to make agree
    (r"hours?|hrs?|(?-i:h)", "duration-hour", True),
    (r"minutes?|mins?", "duration-minute", True),
    (r"seconds?|secs?", "duration-second", True),
    (r"years?|yrs?", "duration-year", True),
    (r"months?", "duration-month", True),
    (r"weeks?|wks?", "duration-week", True),
    (r"days?", "duration-day", True),
    (r"nights?", "duration-night", True),
    (r"decades?", "duration-decade", True),
    (r"centur(?:y|ies)", "duration-century", True),
    (r"°", "temperature-generic", False),
    (r"degrees?|degs?", "temperature-generic", True),
]
_UNIT_RES = [(re.compile(pat + r"\Z", re.I), unit, spelled) for pat, unit, spelled in UNIT_WORDS]
_UNIT_ALT = "|".join(f"(?:{pat})" for pat, _, _ in UNIT_WORDS)
_SPELLED_COUNT = {"duration-hour", "duration-minute", "duration-second", "duration-year",
                  "duration-month", "duration-week", "duration-day", "duration-night",
                  "duration-decade", "duration-century"}
_DUR_ALT = "|".join(f"(?:{pat})" for pat, unit, _ in UNIT_WORDS if unit in _SPELLED_COUNT)
# A sign: "−8" (U+2212), "-3", "+1.3%", "(+11)"; never the hyphen of a compound or range.
_SIGN = r"(?P<{g}>(?<![\w)\]\d.,-])[−+]|(?<![\w)\]\d.,-])-(?=\d)(?!\d{{4}}-\d))?"

SCALE_EXP = {"million": 6, "billion": 9, "trillion": 12, "bn": 9, "bln": 9, "m": 6, "mn": 6,
             "tn": 12, "tln": 12,
             "crore": 7, "lakh": 5, "thousand": 3, "k": 3,
             "b": 9, "mil": 6, "mm": 6, "mln": 6}  # "1.2b", "2mil", "US$ 1MM" (finance)
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
_PAST_CODES = frozenset(code for lst in get_global("territory_currencies").values()
                        for code, _start, end, _tender in lst if end is not None) - ISO_CODES
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
    # currencies of the past, named after a figure only ("250 million Dutch guilders", "6.65
    # billion pesetas": archive copy); CLDR names them in every language
    for code in sorted(_PAST_CODES):
        for count in (1, 2):
            name = bnumbers.get_currency_name(code, count=count, locale=en).lower()
            if name and not any(ch.isdigit() for ch in name) and name != code.lower():
                names.setdefault(name, code)
    for bare, code in (("pesetas", "ESP"), ("peseta", "ESP"), ("guilders", "NLG"),
                       ("guilder", "NLG"), ("markka", "FIM"), ("markkaa", "FIM"),
                       ("markkas", "FIM"), ("deutsche marks", "DEM"), ("deutschmarks", "DEM"),
                       ("escudos", "PTE"), ("drachmas", "GRD"), ("drachmae", "GRD")):
        names.setdefault(bare, code)
    return names


CURRENCY_NAMES = _currency_names()
# -- Amounts and figures of round 4 (issue 21): minor units, crypto-currencies, scale suffixes
# A currency's minor unit -> (ISO code, its power of ten): "50 cents", "470 pence", "2 satoshis".
# "Cents" with no currency named are US cents (wire style names any other: "euro cents").
MINOR_UNITS = {"cent": ("USD", 2), "cents": ("USD", 2), "¢": ("USD", 2), "pence": ("GBP", 2),
               "penny": ("GBP", 2), "pennies": ("GBP", 2), "satoshi": ("BTC", 8),
               "satoshis": ("BTC", 8)}
_TEMP_ALT = "|".join(f"(?:{pat})" for pat, unit, _ in UNIT_WORDS
                     if unit in ("temperature-celsius", "temperature-fahrenheit")) + "|degrees?"
# the denominators of a unit "per" another that CLDR writes as one compound ("50 km/ms")
_PER_ALT = r"milliseconds?|ms|minutes?|mins?|days?"
_SCALE_WORDS = r"million|billion|trillion|bn|mn|m"

_SYM_ALT = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
                    if not s[0].isalpha())
_NAME_ALT = "|".join(re.escape(n) for n in sorted(CURRENCY_NAMES, key=len, reverse=True))

_AMOUNTS = (
    # a major and a minor amount together: "3 dollars 50 cents", "10 $ 30 cent", "15 USD 50"
    r"|(?P<cmix>(?<![\w.,])(?P<xv>\d{1,3}(?:,\d{3})+|\d+)\s?(?:(?P<xsym>[$€£])|"
    r"(?P<xname>dollars?|euros?|pounds?|usd|eur|gbp))\s(?:and\s)?(?:(?P<xc>\d{1,2})\s?"
    r"(?P<xcw>cents?|pence)\b|(?P<xc2>\d\d)(?=\s*(?:[.,;:!?)](?!\d)|$|(?:more|less|extra|each|"
    r"apiece)\b))))"
    # a minor unit: "50 cents", "a 12-cent dividend", "470 pence", "2 satoshis", "99¢"
    r"|(?P<minor>(?<![\w.,])(?P<cv>" + _NUM + ")" + _FIGURE_END
    + r"(?:[\s-]?(?P<cw>(?-i:cents?)|pence|penny|pennies|satoshis?)\b|\s?(?P<cw2>¢)))"
    # a crypto-currency (no ISO code, no CLDR name): "10000 bitcoins", "6.25 BTC", "₿21,000,000"
    r"|(?P<crypto>(?<![\w.,])(?P<bv>" + _NUM + ")" + _FIGURE_END + r"(?:\s?(?P<bscale>"
    + _SCALE_WORDS
    + r")\b)?\s?(?:bitcoins?|btc)\b|₿\s?(?P<bv2>" + _NUM + r")(?:\s?(?P<bscale2>"
    + _SCALE_WORDS + r")\b)?)"
    # a currency named before its figure: "RMB 10", "dollar 22.5 million" (a name, only with
    # a scale word: "a dollar 10 years ago" is no amount)
    r"|(?P<cpre>\b(?:(?P<pcode>rmb)\s?(?P<pqv1>" + _NUM + r")|(?P<pname>dollars?|euros?|yen|"
    r"yuan|rupees?)\s(?P<pqv2>" + _NUM + r")(?=\s?(?:" + _SCALE_WORDS + r")\b))(?:\s?(?P<pscale>"
    + _SCALE_WORDS + r")\b)?(?![\w]|[.,]\d))"
)
_FIGURES = (
    # a signed figure with its thousands or millions suffix, spaced: "- 10  k", "+5k", "−2M"
    # (a sign spaced off its figure not after a word: "5k - 10k" is a range, not -10k)
    r"|(?P<ksign>(?<![\w)\]\d.,-])(?<!\d\s)(?:(?<![\w%]\s)[-−+]\s|[-−+])(?P<ksv>" + _NUM
    + r")\s{0,2}(?-i:k|K|M)"
    r"(?![\w]|[.,]\d))"
    # a figure with a scale suffix: "10k", "2.33 k", "1.2b", "10M", "2mil SEK", "5k-20k"
    r"|(?P<kscale>(?<![\w.,])(?P<kv>" + _NUM + ")" + _FIGURE_END
    + r"(?P<ks>(?-i:k|K|M|MM)|mil|mln|\s(?-i:k|K|M|MM)"
    r"|\smil|(?-i:[bB]))(?:[–-](?P<kv2>" + _NUM + r")(?P=ks))?(?:\s(?P<kcode>(?-i:[A-Z]{3})))?"
    r"(?![\w]|[.,]\d))"
    # a unit per another: "50 km/ms", "50 meters per millisecond" (CLDR compound units)
    r"|(?P<uper>(?<![\w.,])(?P<pqv>" + _NUM + ")" + _FIGURE_END + r"\s?(?P<pqu>" + _UNIT_ALT
    + r")(?:\s?/\s?|\sper\s)"
    r"(?P<pqd>" + _PER_ALT + r")(?![\w²³/]))"
    # a unit in brackets, as tables write it: "20 (kg)", "20 [kg]"
    r"|(?P<ubrk>(?<![\w.,])(?P<bkv>" + _NUM + ")" + _FIGURE_END
    + r"\s?(?P<bko>[(\[{<])(?P<bku>" + _UNIT_ALT
    + r")(?P<bkc>[)\]}>]))"
    # a temperature below zero with a spaced sign: "- 20 degrees Fahrenheit"
    r"|(?P<uneg>(?<![\w)\]\d.,-])(?<!\d\s)[-−]\s(?P<unv>" + _NUM + ")" + _FIGURE_END
    + r"\s?(?P<unw>" + _TEMP_ALT
    + r")(?![\w²³/]))"
    # a fraction before a unit: "1/2 cup", "10 1/2 miles" (kept as written, CLDR's unit name)
    r"|(?P<ufrac>(?<![\w.,/])(?:(?P<ufw>\d{1,2})\s)?(?P<ufn>\d{1,2})/(?P<ufd>\d{1,2})\s"
    r"(?P<ufu>" + _UNIT_ALT + r")(?![\w²³/]))"
    # signed or double-spaced mixed fractions: "-4/5", "- 1 4/5", "2  1/4"
    r"|(?P<mfrac>(?:(?<![\w)\]\d.,/-])(?<!\d\s)(?P<mfs>[−-])\s?(?:(?P<mfw>\d{1,2})\s{1,2})?"
    r"|(?<![\w.,/])(?P<mfw2>\d{1,2})\s\s)(?P<mfn>\d{1,2})/(?P<mfd>\d{1,2})(?![\w/]|[.,]\d))"
    # a decimal without its zero: ".08" (not a calibre: ".22 rifle")
    r"|(?P<ldec>(?<![\w.,])\.(?P<lv>\d+)(?![\w]|[.,]\d|[\s-]?(?:cal|caliber|calibre|rifle|"
    r"pistol|magnum|special|acp)\b))"
    # thousands grouped by plain spaces after a short lead: "1 234 567" (a phone number is
    # grouped otherwise, or has a leading 0 or +)
    r"|(?P<sgroup2>(?<![\w.,])(?<!\d )(?P<sg2>\d{1,2}(?: \d{3}){2,})(?![\w]|[.,]\d| \d))"
    # a decimal comma where English cannot read it: "1.111,11", "5,00" (no list item starts
    # with 0); "1,3" could be a list and stays a malformed figure, flagged
    r"|(?P<eudec>(?<![\w.,])(?P<ev>\d{1,3}(?:\.\d{3})+,\d+|\d+,0\d?)(?![\w]|[.,]\d))"
    # "100 percentage" is a percentage ("1.3 percentage points" a figure and its points)
    r"|(?P<pctage>(?<![\w.,])(?P<pav>" + _NUM + ")" + _FIGURE_END
    + r"\s?percentage\b(?!\s+points?\b))"
    # a decimal comma before a percent sign: "8,1%" (no list reads so)
    r"|(?P<eupct>(?<![\w.,])(?P<epv>\d{1,3},\d{1,2})\s?%)"
    # a list of small figures: "Nos. 22,24,26,31" (two commas at least: never one number; a
    # run of more than twelve is no list a story prints: a malformed figure, flagged)
    r"|(?P<nlist>(?<![\w.,])\d{1,2}(?:,\d{1,2}){2,11}(?![\w]|[.,]\d))"
)

SOURCE_RE = re.compile(
    r"(?P<url>" + URL_RE.pattern + r")"
    r"|(?P<pct>(?<![\w.,])" + _SIGN.format(g="psign") + r"(?P<pv>" + _NUM
    + ")" + _FIGURE_END + r"\s?(?:%|per\s?cent\b|percent\b))"
    # a date written with full stops, day first: "23.04.2022", "05.11.2026" (before phone
    # numbers and versions, which a day, a month and a year of these centuries are not)
    r"|(?P<ddate>\b(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:1[89]|20)\d\d\b(?![.,]?\d))"
    # codes of digits kept verbatim, one value each (round 4): an IPv4 address (with its
    # prefix length or port), a street number ("10 Downing Street", "1600 Pennsylvania
    # Avenue": not a count, nor the year 1600)
    r"|(?P<ident>(?<![\w.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}"
    r"(?:/\d{1,2}|:\d{1,5})?(?![\w]|\.\d)"
    r"|(?<![\w.,])(?P<street>\d{1,5})(?=\s(?-i:[A-Z][a-z]+\s){1,3}(?-i:" + STREET_WORDS
    + r")\b))"
    # an ISBN after its name, a version after a software's name ("Android 15.1", "version
    # 2.4", "USB 3.0": not a decimal "15,1"), a standard's number after its body ("ISO 9001",
    # "ISO 3166-1", "IEEE 802.11"); only a word a figure follows is looked at
    r"|(?P<idword>(?=[A-Za-z/.-]{2,12}+[\s:-]*+\d)(?:(?-i:ISBN)(?:-1[03])?:?\s?"
    r"(?P<isbn>(?:\d[\s-]?){9,12}[\dX])(?![\w-])"
    r"|(?:" + VERSION_WORDS + r")\s(?P<ver>\d+(?:\.\d+)+)(?![\w]|\.\d)"
    r"|(?-i:ISO|IEC|ISO/IEC|IEEE|RFC|EN|DIN|ANSI)\s(?P<std>\d+(?:[-.:]\d+)*)(?![\w]|[-.:]\d)))"
    # phone layouts without a country code (round 4), before the layouts they start like
    r"|(?P<phlay>(?<![\w+])" + _PHONE_LAYOUT + ")"
    r"|(?P<phone>(?<![\w+])(?:" + PHONE + r")" + PHONE_EXT + ")"
    # any grouped digits after a phone word: "phone number is 12 345 678", "call 1234 5678"
    r"|(?P<phword>\b(?=[ptmcfhwd])(?:" + PHONE_WORDS + r")\b" + _PHONE_GAP + r"(?P<pwn>"
    + _PHONE_NUMBER + "))"
    # identifiers: F-16, COVID-19, A320, MiG-29; anchored at the start of the letters and
    # taken whole (possessive), so a long word is scanned once, not once per letter
    # quarters: "Q2", "Q3 2019", "2019 Q1", "2017-Q1" (CLDR quarter names: "T2", "الربع الثاني")
    r"|(?P<quarter>\b(?:(?P<qy1>\d{4})[\s-])?[Qq](?P<q>[1-4])\b(?:[\s-](?P<qy2>\d{4})\b)?)"
    # half-years and fiscal years: "H1", "H2 2025", "2025 H1", "FY2026", "FY 2025/26" (profile)
    r"|(?P<half>\b(?:(?P<hy1>\d{4})[\s-])?(?-i:H)(?P<hn>[12])\b(?:[\s-](?P<hy2>\d{4})\b)?)"
    r"|(?P<fiscal>\b(?-i:FY)\s?(?P<fy>\d{4}|\d{2})(?:/(?P<fy2>\d{2}))?\b)"
    # a month's name joined to figures by a hyphen or slash: "Sep-23-2026", "Dec-2026",
    # "Oct/2" (before identifiers, which "Dec-2026" would otherwise be)
    r"|(?P<xmon>\b(?=[a-z]{3,9}[-/]\d)(?P<xm3>" + _MONTH_WORDS + r")"
    r"(?:(?P<xs3>[-/])(?P<xd3>\d{1,2})(?P=xs3)(?P<xy3>\d{4})|[-/](?P<xy4>\d{4})|/(?P<xd5>\d{1,2}))(?![\w/-]|[.,]\d))"
    # Round 5 (dates2), before identifiers, which they would otherwise be; one look-ahead for
    # the three (a few letters, then a figure): most words are passed over by one test.
    # Calendar and school years: "CY2008", "cy 2008", "SY18", "SY 2025/26" (the profile's
    # words, like a fiscal year's: "année civile 2008", "العام الدراسي 2018"), in capitals or
    # in lower case, never mixed ("Cy" is a name); a month's name, its year and its day in
    # the order "September-2020-23" (the others read the other orders); a month's name glued
    # to its day: "Dec31", "mar3", "Dec31 , 1994"
    r"|(?=[a-z]{2,9}+[-/\s]?\d)(?:"
    r"(?P<cyear>\b(?:(?-i:CY|SY)|(?-i:cy|sy))\s?(?P<cyv>\d{4}|\d{2})(?:/(?P<cyb>\d{2}))?\b"
    r"(?![.,]\d))"
    r"|(?P<xmyd>\b(?=[a-z]{3,9}[-/]\d{4}[-/]\d)(?:" + _MONTH_WORDS + r")(?P<xms>[-/])\d{4}"
    r"(?P=xms)\d{1,2}(?![\w/-]|[.,]\d))"
    r"|(?P<gmon>\b(?=[a-z]{3,9}\d)(?:" + _MONTH_WORDS + r")\d{1,2}(?:st|nd|rd|th)?\b"
    r"(?:\s?,?\s+\d{4}\b" + _YEAR_END + r")?))"
    # identifiers (Su-24, MH17); "magnitude-6.2" is a quake's magnitude, read as a figure
    r"|(?P<skip>(?<![A-Za-z])(?!magnitude-|(?:usd|eur|gbp)\d)[A-Za-z]++-?\d[\w-]*+"
    r"|\b\d+(?:[x×]\d+)+(?!\d)"  # dimensions, drives, relays: 6x6, 4x4, 4x100m
    # ISBNs and other hyphen-joined codes (978-3-16-148410-0), versions (15.1.2): verbatim
    r"|\b(?!\d{4}-\d{1,2}-\d{1,2}\b)\d+(?:-\d+){2,}(?:-[\dX])?\b|\b\d+(?:\.\d+){2,}\b"
    r"|\bNo\.\s?\d+\b)"  # labels: No. 3 (a translation may write n° 3, numéro trois, الثالث)
    # a year, a day and a month's name in the orders "2020/23/Sep", "23-2020-September"
    r"|(?P<xdym>\b(?:\d{4}(?P<xds>[-/])\d{1,2}|\d{1,2}(?P<xds2>[-/])\d{4})(?:(?P=xds)|(?P=xds2))"
    r"(?:" + _MONTH_WORDS + r")\b(?![\w/-]|[.,]\d))"
    # figures joined to a month's name: "05-Aug-2026", "23/Sep/2026", "2026/aug/01"
    r"|(?P<xnum>\b(?:(?P<xd1>\d{1,2})(?P<xs1>[-/])(?P<xm1>" + _MONTH_WORDS + r")(?P=xs1)"
    r"(?P<xy1>\d{4})|(?P<xy2>\d{4})(?P<xs2>[-/])(?P<xm2>" + _MONTH_WORDS + r")(?P=xs2)"
    r"(?P<xd2>\d{1,2}))(?![\w/-]|[.,]\d))"
    r"|(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<slash>\b(?P<s1>\d{1,2})/(?P<s2>\d{1,2})/(?P<s3>\d{4})\b)"
    # a two-digit year: "12/12/30" (written back with two digits: no century is guessed)
    r"|(?P<sdate2>\b(?:\d{1,2})/(?:\d{1,2})/(?:\d{2})\b(?![/\w]|[.,]\d))"
    # year, month and day by spaces: "2016 10 16"; a year before a month's name: "2017 April"
    r"|(?P<spdate>\b(?:(?:19|20)\d\d) (?:[01]\d) (?:[0-3]\d)\b(?!\w|[.,]\d| \d))"
    r"|(?P<ymon>\b(?:\d{4})\s+(?:" + _MONTH_WORDS + r")\b(?!\.?\s*\d))"
    # date ranges: "March 3–5, 2026", "3-5 March 2026" (CLDR interval formats)
    r"|(?P<drange>\b" + _MON.format(g="rm1") + r"\s+(?P<rd1>\d{1,2})(?:st|nd|rd|th)?\s?[–-]\s?"
    r"(?P<rd2>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<ry1>\d{4})\b" + _YEAR_END + r")?"
    r"|\b(?P<rd3>\d{1,2})\s?[–-]\s?(?P<rd4>\d{1,2})\s+" + _MON.format(g="rm2")
    + r"(?:,?\s+(?P<ry2>\d{4})\b" + _YEAR_END + r")?)"
    # a range of months in one year: "June-August 2026", "Jan–Mar 2026" (CLDR interval)
    r"|(?P<mrange>\b(?P<mr1>" + _MONTH_WORDS + r")\.?\s?[–-]\s?(?P<mr2>" + _MONTH_WORDS
    + r")\.?,?\s+(?P<mry>\d{4})\b" + _YEAR_END + r")"
    # a span from one date to another, each end with its own month ("Dec. 28-Jan. 3, 2027",
    # "Nov-Feb 5th, 2017", "Dec/2018-May/2019"): a year at the end, or a day at both ends;
    # a year at the start only with one at the end (CLDR interval formats)
    r"|(?P<dspan>(?=[adfjmnos][a-z]{2,8}+\.?(?:\s\d{1,2}+(?:st|nd|rd|th)?)?(?:,?\s\d{4}|/\d{4})?"
    r"\s?[–-])"  # (a dash after the first end: one test passes most words over)
    r"\b(?P<dsm1>" + _MONTH_WORDS + r")\.?(?:\s(?P<dsd1>\d{1,2})(?:st|nd|rd|th)?\b)?"
    r"(?:(?:,?\s|/)(?P<dsy1>\d{4})\b)?\s?[–-]\s?(?P<dsm2>" + _MONTH_WORDS + r")\.?"
    r"(?(dsd1)\s(?P<dsd2>\d{1,2})(?:st|nd|rd|th)?\b|(?:\s(?P<dsd3>\d{1,2})(?:st|nd|rd|th)?\b)?)"
    r"(?(dsy1)(?:,?\s+|/)(?P<dsy2>\d{4})\b" + _YEAR_END + r"|(?:(?:,?\s+|/)(?P<dsy3>\d{4})\b"
    + _YEAR_END + r")?)(?(dsy3)|(?(dsy2)|(?(dsd1)|(?!)))))"
    r"|(?P<mdy>\b" + _WD.format(n=1) + _MON.format(g="m1")
    + r"(?:,(?=\s+\d{1,2}(?:st|nd|rd|th)\b))?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?"  # "October, 1st"
    r"\b(?:\s?,?\s+(?:of\s+|in\s+)?(?P<y1>\d{4})\b" + _YEAR_END + r")?)"
    r"|(?P<dmy>\b" + _WD.format(n=2) + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MON.format(g="m2") + r"(?:,?\s+(?:of\s+|in\s+|['’])?(?P<y2>\d{4}\b" + _YEAR_END
    + _SHORT_YEAR + r"))?)"
    r"|(?P<my>\b" + _MON.format(g="m3") + r",?\s+(?:of\s+|['’])?(?P<y3>\d{4}\b" + _YEAR_END
    + _SHORT_YEAR + r"))"
    # a range of clock times sharing one a.m./p.m.: "5-6 pm", "9:30–11 a.m."
    r"|(?P<trange>\b(?P<tr1>\d{1,2})(?::(?P<trm1>[0-5]\d))?\s?[–-]\s?(?P<tr2>\d{1,2})"
    r"(?::(?P<trm2>[0-5]\d))?\s?(?P<trap>[ap])\.?\s?m\b" + _AMPM_STOP + ")"
    r"|(?P<time>\b(?P<th>\d{1,2})(?:[:.](?P<tm>\d{2})(?::(?P<ts>[0-5]\d))?|(?P<tm2>[0-5]\d))?"
    r"(?:\s|\.(?=[ap]))?(?P<ap>[ap])\s?\.?\s?m\b" + _AMPM_STOP + ")"
    # "9:00a", "10 o'clock": a clock time with a one-letter period, an hour of the clock
    r"|(?P<tap>\b(?:\d{1,2}):(?:[0-5]\d)(?:[ap])\b(?!\.\w))"
    r"|(?P<oclock>\b(?:\d{1,2})\s?o['’]?\s?clock\b)"
    # "12 noon", "12 midnight": the hour of the clock the word names (12:00, 0:00)
    r"|(?P<noon>\b12\s?(?:noon|midday|midnight)\b)"
    # race times and durations: "2:01:25", "1:58.40" (not clock times)
    r"|(?P<race>(?<![\d:.,])(?P<ra>\d{1,2}):(?P<rb>[0-5]\d)(?::(?P<rc>[0-5]\d)(?:\.(?P<rf>\d{1,3}))?"
    r"|\.(?P<rg>\d{1,3}))(?![\d:]|[.,]\d))"
    r"|(?P<t24>(?<![\d:.,])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:]))"  # 14:30, 09:05
    r"|(?P<gmt>(?<![\d.,])(?P<hg>[01]\d|2[0-3])(?P<mg>[0-5]\d)(?=\s?(?:GMT|UTC)\b))"  # 1615 GMT
    + _AMOUNTS +
    r"|(?P<money>(?:(?P<sym>" + _SYM_ALT
    # a dollar's country before "$": "A$5", "HK$ 3", "US $5", "c $ 1.34"; Australia's only
    # glued ("a $5 fee" and "A $5 fee" have the article, not a country)
    + r"|(?<![A-Za-z])(?:rs\.?|(?:us|u\.s\.?|hk|nz|[acs])\$|(?:us|u\.s\.?|hk|nz|[cs])\s\$"
    r"|(?P<symcode>[a-z]{3})\$))\s?"
    # a code, or "M" and a code for millions ("MAUD 60", "30 MUSD": treasury shorthand)
    r"|\b(?P<code>(?i:usd|eur|gbp)|(?-i:M?[A-Z]{3}))\s?)(?P<mv>" + _NUM + r")"
    r"(?:\s?(?P<scale>" + _SCALE_ALT + r"|thousand|mm|mil|k)\b)?"
    r"(?:\s(?P<cafter>dollars?|euros?)\b)?"  # "$5 million dollars": one amount
    r"|(?<![\w.,])(?P<mv2>" + _NUM + ")" + _FIGURE_END + r"(?:\s?(?P<scale2>" + _SCALE_ALT
    + r"|thousand)\b)?"
    r"(?:\s?(?P<sym2>[€$£¥₹元])(?!\w)|(?:\s(?P<code2>(?-i:M?[A-Z]{3})|usd|eur|gbp)"
    r"|(?P<code2g>usd|eur|gbp))\b(?:\s(?P<scale3>million|billion|trillion)\b)?"
    r"|\s(?P<cname>" + _NAME_ALT + r")\b|\s(?P<pounds>pounds)\b))"
    + _FIGURES +
    # a duration in hours and minutes: "3h 15m", "2 hrs 40 mins" (CLDR units, one value)
    r"|(?P<hmin>(?<![\w.,])(?P<dh>\d{1,2})\s?(?:h|hrs?)\s?(?P<dm>[0-5]?\d)\s?m(?:ins?)?\b)"
    # two duration units together: "1 hour and 30 minutes", "3 years, 6 months" (one value,
    # CLDR's list pattern for units; read in detect._duration_pair)
    r"|(?P<dpair>(?<![\w.,])\d{1,4}\s?(?:" + _DUR_ALT + r")(?:,?\s(?:and\s)?)\d{1,4}\s?(?:"
    + _DUR_ALT + r")(?![\w²³/]))"
    # a height or weight in two imperial units: "5 ft 2 in", "6 feet and 1 inch", "7 lb 4 oz"
    r"|(?P<imp>(?<![\w.,])(?P<iv1>\d{1,3})\s?(?:(?P<iu1>feet|foot|ft)\s(?:and\s)?"
    r"(?P<iv2>\d{1,2})\s?(?:inch(?:es)?|in)|(?P<iu2>pounds?|lbs?)\s(?:and\s)?"
    r"(?P<iv3>\d{1,2})\s?(?:ounces?|oz))\b)"
    # seasons and fiscal spans: "2025/26", "2025-26" (the second year the next one)
    r"|(?P<season>(?<![\w.,/])(?P<sa>(?:19|20)\d\d)[/–-](?P<sb>\d\d)(?![\w/]|[.,-]\d))"
    # a race or event named by its distance in metres: "the 800m record", "1500m final"
    # ("800m" alone may be millions, "£800m": only an event's word after it says metres)
    r"|(?P<mevent>(?<![\w.,])\d{2,5}(?-i:m)(?=\s(?:" + _EVENT_WORDS + r")\b))"
    r"|(?P<unit>(?<![\w.,])" + _SIGN.format(g="usign") + r"(?P<uv>" + _NUM + ")" + _FIGURE_END
    # a range of the unit: "20-30 cm", "5–10 km/h"
    + r"(?:\s?[–-]\s?(?P<uv2>" + _NUM + ")" + _FIGURE_END + r")?"
    r"(?:\s(?P<uscale>million|billion|trillion|crore|lakh)\s|\s?-\s?|\s?)"  # "2.4 billion gallons"
    r"(?P<uw>" + _UNIT_ALT + r")(?![\w²³/]))"
    # fractions: "1/2 cup", "10 1/2 miles", "¾" (kept as written, in the target's digits)
    r"|(?P<frac>(?<![\w.,/])(?:(?P<fw>\d{1,2})\s)?(?P<fn>\d{1,2})/(?P<fd>\d{1,2})(?![\w/]|[.,]\d))"
    r"|(?P<range>(?<![\w.,-])(?P<r1>" + _NUM + ")" + _FIGURE_END + r"-(?P<r2>" + _NUM
    + r")(?![\w-]|[.,]\d))"
    r"|(?P<decade>(?<![\w.,])(?P<dv>\d{3}0)(?:'?s|(?-i: s))\b|(?<![\w.,])['’](?P<dv2>\d0)s\b)"
    # ordinals: "43rd", "the 67th minute"; before "century" a century ("18th-century")
    r"|(?P<ordinal>(?<![\w.,])(?P<ov>\d+)(?:st|nd|rd|th)\b(?P<oc>(?=[\s-]centur(?:y|ies)\b))?)"
    # thousands grouped by no-break or thin spaces (SI style): "40\u202f000"; by a plain
    # space only "40 000", a group no count starts with ("in 2021 450 people" is two numbers,
    # "679 124 898" a phone number, kept as written)
    r"|(?P<sgroup>(?<![\w.,])(?P<sgv>\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?"
    r"|\d{1,3} 0\d\d(?:\.\d+)?)"
    r"(?![\w\u00a0\u202f\u2009]|[.,]\d| \d))"
    r"|(?P<num>(?<![\w.,])" + _SIGN.format(g="nsign") + r"(?P<nv>" + _NUM
    + r")(?:(?![\w]|[.,]\d)(?:\s(?P<nscale>million|billion|trillion|bn|bln|mn|tn|tln|crore|lakh)"
    r"\b)?|(?P<gscale>bn|mn|tn)\b))"
    r"|(?P<bad>(?<![\w.,])\d+(?:,\d+)++(?:\.\d+)?(?![\w]|[.,]\d))"
    r"|(?P<vfrac>(?<![\w.,])(?:(?P<vw>\d{1,2})\s?)?(?P<vu>[" + _VULGAR + r"])(?![\w/]))",
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
            out.append(r"(?=[\d+\-−('’" + _VULGAR + "])(?:" + "|".join(run) + ")" if len(run) > 1
                       else run[0])
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


_DIGIT_FIRST = {"pct", "phone", "xnum", "iso", "slash", "trange", "time", "race", "t24", "gmt",
                "ddate", "sdate2", "spdate", "ymon", "tap", "oclock",
                "unit", "frac", "hmin", "imp", "season",
                "range", "phlay", "ident",
                "decade", "ordinal", "sgroup", "num", "bad", "vfrac"}

_DIGIT_FIRST |= {"dpair"}  # durations (issue 21)
_DIGIT_FIRST |= {"cmix", "minor", "kscale", "uper", "ubrk", "uneg", "ufrac", "mfrac", "sgroup2",
                 "eudec", "eupct", "nlist", "pctage"}  # round 4's amounts and figures
_DIGIT_FIRST |= {"xdym", "ksign"}  # round 5 (dates2): year-day-month orders, signed suffixes
_DIGIT_FIRST |= {"mevent", "noon"}
# Where a value can start (round 6: the scan tried every alternative at every word's start,
# 1.2 us a position; this look-ahead turns most words away in one short test). A necessary
# condition, alternative by alternative, at a position no letter precedes:
# * not at a letter (`[^\W\d_]`): its first character is one the alternatives start with:
#   a digit, a sign or bracket or quote (the guarded runs), "_", ".", "+", "-" (an address,
#   ".08"), "₿", a vulgar fraction, a currency symbol's first character; never a space or
#   other punctuation (tests/rules/test_numbers_scan.py reads each alternative's first
#   characters from the compiled pattern);
# * at a letter: the word (its whole run of letters, L) is a month's or a weekday's (their first
#   three letters: dates) or a phone word's (`phword`), or "www." (an address, whatever
#   follows): _WORD_STARTS, grouped by first letter; or what follows L is what the
#   alternatives that start with letters need there: a digit, "_", "-", "+", "@", "/", "$"
#   (identifiers "MH17", "F-16", addresses, "US$5", "Dec-2026"), "://" or ": 978" (a scheme,
#   "ISBN: …"), a full stop before a word character or a figure (host names, "u.s.$", "No. 3",
#   "ver. 3", "Rs. 5"), a space before "$" ("US $5"), or a space before a digit after a word
#   that takes one there: capitals (codes "USD 5", "FY 2025", "ISO 9001", "ISBN 978…"), a
#   version's software, a currency's name or code ("dollar 22.5 million", "rmb 10", "rs 5",
#   "cy 2008").
# (The look-ahead adds no group: every match, group and order is the same as without it;
# test_numbers_scan compares the two scans on generated texts and every corpus sentence.)
_SYM_FIRST = "".join(sorted({s[0] for s in CURRENCY_SYMBOLS if not s[0].isalpha()}))


def _by_first_letter(prefixes: list[str]) -> str:
    """An alternation of literal prefixes grouped by their first letter ("a(?:pr|ug)|…"): at
    a word's start one test per letter instead of one per prefix (only whether one matches
    is asked: a look-ahead)."""
    groups: dict[str, list[str]] = {}
    for p in prefixes:
        groups.setdefault(p[0], []).append(re.escape(p[1:]))
    return "|".join(f"{k}(?:{'|'.join(rest)})" for k, rest in sorted(groups.items()))


# the first letters of months' and weekdays' names, of the phone words (PHONE_WORDS), and
# "www.": the words a value may start with whatever follows them
_WORD_STARTS = _by_first_letter(
    "jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun "
    "pho tel mob cel fax hot hel wha cal dia www.".split())
_START = (
    r"(?=[\d+\-−('’_.₿" + _VULGAR + re.escape(_SYM_FIRST) + r"]"
    r"|(?:" + _WORD_STARTS + ")"
    r"|[^\W\d_]++(?:[\d_\-+@/$]|:(?://|\s?\d)|\.(?:[\w.+\-@]|\s?[\d$])|\s\$)"
    r"|(?:(?-i:[A-Z]++)|" + VERSION_WORDS + r"|usd|eur|gbp|rmb|rs|cy|sy|dollars?|euros?|yen"
    r"|yuan|rupees?)(?![^\W\d_])\s\d)"
)
# No value starts inside a word (after a letter): one test there instead of one per
# alternative (letters are most of a text's positions).
SOURCE_RE = re.compile(r"(?<![^\W\d_])" + _START + "(?:" + _guarded(SOURCE_RE.pattern) + ")",
                       re.I)


