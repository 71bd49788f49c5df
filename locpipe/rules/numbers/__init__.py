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
placeholder — is caught here. Small plain counts ("3 hospitals", the "13" of "13 to 15 hours") are
the exception: they are written alike in every locale and the model needs them to make the noun
agree (Arabic number-noun agreement), so they stay in the text and are verified afterwards. A
count before a duration unit ("15 hours", "a 10-day trip", "29-year-old") is not: the count
and its unit are one value, CLDR's duration unit in the plural form the count takes ("15
heures", "15 ساعة", "3 أيام"); Arabic writes one and two as the noun alone, the dual in the
oblique case running text gives it ("لمدة يومين"; the check reads either case).
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
their own, each one placeholder; and (round 2) ranges of a unit ("20-30 cm"), fractions
("1/2 cup", "¾": kept as written), ordinals and centuries ("43e", "XVIIIe": the profile's
`ordinal`/`century` patterns), half-years and fiscal years (the profile's `half_years`,
`fiscal_year`); and (round 3) currency codes in treasury shorthand ("30 MUSD", "usd80", "AUD$
15", "75 USD million"), past currencies named after a figure ("310 million Dutch guilders":
CLDR names), units after a scaled figure ("3.1 billion gallons"), feet and inches ("6 ft 1
in"), a month joined to its figures ("07-Mar-2025", "Jan-2027"), ranges of clock times ("8-11
a.m.") and of months ("March-May 2025"), thousands grouped by no-break spaces ("40\u202f000").
Round 4: a date and a clock time written together are one value ("Jan 15, 1:00 PM",
"23.04.2022 14:55", "between 10 and 11:30 on 1/1/2015": CLDR's date-time combination and
interval patterns; module datetimes), a weekday joins its date ("Friday 2018-7-6", "tues the
4th"), two-digit years stay two-digit ("12/12/30", CLDR's short pattern with "yy").
Identifiers (ISBNs, versions, F-16, MH17) are not quantities:
kept verbatim. Values the source spells out ("thirty per cent") are values the translation may
carry as digits. Round 4: codes of digits (IP addresses, ISBNs, versions after a software's
name, standards, street numbers) are masked as one value each and restored as written; a phone
number without a country code is one when its layout says so (trunk zero, bracketed area
code, one separator over three groups, spaced groups that are not thousands) or a phone word
comes before it; the QA finds a phone number or code as written in the translation before it
reads figures there (so "622 15 31 23" is one number, not four).

Round 4 (amounts and figures): minor units ("50 cents", "470 pence": counted as the source
counts them, in the profile's `minor_units` words, or as CLDR's amount in the major unit where
a profile has none),
a major and a minor amount together ("3 dollars 50 cents" -> "3,50 dollars"), bitcoin (no ISO
code: the profile's word, else the ticker BTC), a currency named before its figure ("RMB 10"),
scale suffixes ("10k", "1.2b", "10M"; a "10k race" is 10 km), Indian and plain-space grouping
("12,34,567", "1 234 567"), ".08", a decimal comma English cannot read ("1.111,11", "5,00"),
lists of small figures ("22,24,26"), signed fractions, units per units ("50 km/ms": CLDR
compound units), in brackets ("20 (kg)") and after a fraction ("1/2 cup"); figures keep the
decimals the source wrote ("$3.50" -> "3,50 dollars").

Round 5 (dates): a span from one date to another, each end with its month ("Dec. 28-Jan. 3,
2027", "Nov-Feb 2017", "Dec/2018-May/2019": kind "datespan", CLDR's interval format, or each
end's CLDR form in the fallback interval pattern where the source leaves the start's year out:
no year is written that the source does not write), a month's name glued to its day ("Dec31")
or with its year and day in any order ("2020/23/Sep"), a date "for" a clock time with its
a.m./p.m., calendar and school years (the profile's `calendar_year`, `school_year`), a signed
figure with a spaced suffix ("- 10  k").

Reading back (issue 21, the QA's gaps): a translation's AFP clock ("19H42"), race time written
out ("1 min 58 s 40"), CLDR's short scale abbreviations after a figure ("2,5 M", "720 M£"),
a scaled figure written in full ("2 500 000" for "2.5 million") and numbers in words composed
with their scale words ("خمسين ألفا", "مليار", its dual "ملياري"; num2words' spellings, the
profile's forms; pyarabic reads Arabic number words but is GPL) are read as the values they
are; so are Arabic days and hours in words before a month's name or a CLDR day period
("الأول من مارس", "الثامنة مساءً": the profile's day_words, hour_words).

Hand-written (no library does it): recognising English news-style quantities and dates, and
reading localized numbers back. Everything locale-specific (separators, percent patterns,
month names, date and time patterns, "million"/"milliard" words, plural forms, native numbering
systems) comes from CLDR through Babel.

The package: options (--locale, --digits, --date-order, numbering systems), patterns (the
English source patterns), detect (one small reader per pattern group), render (CLDR forms),
read (a translation's numbers read back), verify (align, check, restore, repair).
"""

from __future__ import annotations

from locpipe.rules.numbers.detect import (
    Detection,
    NumberState,
    Quantity,
    detect,
    reference_date,
    spelled_values,
)
from locpipe.rules.numbers.options import (
    DATE_ORDERS,
    DIGIT_SYSTEMS,
    DIGITS,
    HANIDEC,
    check_digits,
    numbering_system,
    numbering_systems,
    parse_locales,
    target_locale,
)
from locpipe.rules.numbers.patterns import (
    _WORD_CODES,
    CURRENCIES,
    CURRENCY_NAMES,
    CURRENCY_SYMBOLS,
    ISO_CODES,
    MONTH_ABBR,
    MONTHS,
    PHONE,
    PHONE_MIN_DIGITS,
    SCALE_EXP,
    SCALES,
    SOURCE_RE,
    UNIT_WORDS,
    WEEKDAYS,
    ZONES,
    _top_level,
)
from locpipe.rules.numbers.read import (
    Token,
    _cldr_scales,
    _readings,
    conventions,
    read_tokens,
)
from locpipe.rules.numbers.render import (
    Style,
    _date_text,
    _number,
    _percent,
    _scaled,
    _time_text,
    ordinal_note,
    ordinal_text,
    render,
    roman,
    style_for,
)
from locpipe.rules.numbers.verify import (
    DIGIT_RUN,
    LOOSE_PLACEHOLDER_RE,
    Match,
    _form,
    align,
    check_numbers,
    describe,
    repair,
    restore_text,
)

__all__ = [
    "ordinal_note",
    "ordinal_text",
    "roman",
    "DATE_ORDERS",
    "DIGITS",
    "DIGIT_SYSTEMS",
    "HANIDEC",
    "check_digits",
    "numbering_system",
    "numbering_systems",
    "parse_locales",
    "target_locale",
    "CURRENCIES",
    "CURRENCY_NAMES",
    "CURRENCY_SYMBOLS",
    "ISO_CODES",
    "MONTHS",
    "MONTH_ABBR",
    "PHONE",
    "PHONE_MIN_DIGITS",
    "SCALES",
    "SCALE_EXP",
    "SOURCE_RE",
    "UNIT_WORDS",
    "WEEKDAYS",
    "ZONES",
    "_WORD_CODES",
    "_top_level",
    "Detection",
    "NumberState",
    "Quantity",
    "detect",
    "reference_date",
    "spelled_values",
    "Style",
    "_date_text",
    "_number",
    "_percent",
    "_scaled",
    "_time_text",
    "render",
    "style_for",
    "Token",
    "_cldr_scales",
    "_readings",
    "conventions",
    "read_tokens",
    "DIGIT_RUN",
    "LOOSE_PLACEHOLDER_RE",
    "Match",
    "_form",
    "align",
    "check_numbers",
    "describe",
    "repair",
    "restore_text",
]
