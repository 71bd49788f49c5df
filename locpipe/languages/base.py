"""What a language profile holds, and the profile any language gets from CLDR alone.

A profile is data: typography, number and currency words, glossary clitics, the words and
ratios the QA checks need. Direction, script, month names, number/date/time formats and
plural rules always come from CLDR (Babel), never from a profile, so that a language without
a profile (`curated=False`) still gets correct numbers, dates and direction; checks that need
language knowledge see `curated=False` (or an empty field) and say that they were skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.plurals import get_plural


@lru_cache(maxsize=256)
def language_name(code: str, in_language: str = "en") -> str:
    """The language's CLDR name ("French"; `in_language=code`: "Français"), or the code."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_language_name(in_language or code)
    except (ValueError, UnknownLocaleError):
        return code
    return (name[:1].upper() + name[1:]) if name else code


# The scripts of every CLDR locale whose character order is right-to-left (Babel 2.x: 127 of
# its 1,147 locales, all in these scripts; no locale in them is left-to-right).
RTL_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Nkoo", "Rohg", "Syrc", "Thaa"})
# Scripts written without spaces between words (Unicode UAX #14 line breaking by dictionary
# or by character): Han, Japanese, Thai, Lao, Khmer, Myanmar, Tibetan's neighbours excluded.
UNSPACED_SCRIPTS = frozenset({"Hans", "Hant", "Hani", "Jpan", "Thai", "Laoo", "Khmr", "Mymr"})
# The mark a sentence ends with, by script, where it is not "." (a profile's full_stop; a
# CLDR-only profile takes it from here): Thai and Lao end a sentence with a space.
SCRIPT_FULL_STOP = {"Hans": "。", "Hant": "。", "Jpan": "。", "Deva": "।", "Beng": "।",
                    "Guru": "।", "Thai": "", "Laoo": "", "Khmr": "។", "Mymr": "။",
                    "Ethi": "።", "Armn": "։"}


@lru_cache(maxsize=256)
def is_rtl(code: str) -> bool:
    """Whether the language (or locale: "pa_Arab", "ar_SY") is written right to left: CLDR's
    character order, told by the script its likely subtags give. Asking the locale itself
    loads its whole CLDR data, about a megabyte that Babel keeps for the life of the process:
    a run meeting foreign quotes in one language after another grew by that for each."""
    try:
        loc = Locale.parse(code.replace("-", "_"))  # checks the code; loads no locale data
    except (ValueError, UnknownLocaleError):
        return False
    if loc.script:
        return loc.script in RTL_SCRIPTS
    likely = get_global("likely_subtags")
    keys = ([f"{loc.language}_{loc.territory}"] if loc.territory else []) + [loc.language]
    full = next((likely[k] for k in keys if k in likely), "")
    parts = full.split("_")
    return len(parts) > 1 and parts[1] in RTL_SCRIPTS


@lru_cache(maxsize=256)
def _script(code: str) -> str:
    """Profile.script, asked per language once (the QA checks ask it of every unit)."""
    likely = get_global("likely_subtags").get(code, "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else "Latn"


@dataclass(frozen=True)
class Profile:
    code: str  # ISO 639 code as locpipe and Argos use it ("fr", "pt", "he")
    curated: bool = False  # False: built from CLDR alone (languages/__init__.fallback)
    locale: str = ""  # default CLDR locale for numbers and dates ("fr_FR"); "" -> the code
    digits: str = "latn"  # default digits: latn | arab (the locale's native numbering system)

    # -- typography (applied to machine output only; empty = leave the engine's text alone)
    quotes: tuple[str, str] = ("", "")  # primary quotation marks, e.g. ("«", "»"), ("„", "“")
    quote_space: str = ""  # space inside the quotation marks (French: narrow no-break space)
    space_before: str = ""  # punctuation that takes a narrow no-break space before it (fr ;:!?)
    apostrophe: str = ""  # typographic apostrophe between letters ("’"); "" keeps the text
    punctuation: dict[str, str] = field(default_factory=dict)  # "," -> "،" (Arabic)

    # -- numbers (rendering is CLDR; these are the words news copy uses around figures)
    scale_words: dict[str, int] = field(default_factory=dict)  # regex -> power of ten
    currency_words: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # ISO code -> (after a scale word, singular, plural); missing: CLDR's currency names
    scale_of: tuple[str, str] = ("", "")  # between a scale word and CLDR's currency name
    # (French "de"/"d’" before a vowel: "5 millions de francs suisses", "… d’euros")
    currency_plural: tuple[str, ...] = ()  # CLDR plural categories taking the plural word
    # (empty: every category but "one"; Arabic: "few" only, 3-10)
    minor_units: dict[str, tuple[str, str]] = field(default_factory=dict)  # a currency's
    # minor unit as the press counts it (CLDR has none): ISO code -> (singular, plural), "USD":
    # ("cent", "cents"), "GBP": ("penny", "pence"); missing: the amount in the major unit
    time_patterns: tuple[str, str] | None = None  # (on the hour, with minutes), CLDR syntax
    first_of_month: str = ""  # how day 1 is written in dates ("1er" in French press style)
    decades: dict[str, int] = field(default_factory=dict)  # regex -> first year: decades the
    # press names in words (Arabic الثمانينيات = the 1980s); digits ("1980s") need no entry
    day_words: dict[str, int] = field(default_factory=dict)  # the day of a month in words,
    # before its month's name ("الأول من مارس" = March 1), read back by the QA
    day_of: str = r"\s+"  # regex: what joins a day word to its month's name (Arabic "من")
    hour_words: dict[str, int] = field(default_factory=dict)  # the hours of the clock in
    # words, before one of CLDR's day periods ("الثامنة مساءً" = 8 p.m.), read back by the QA

    # -- glossary (how a term attaches to the words around it)
    clitics: str = ""  # regex: prefixes written onto a term (Arabic و ف ب ك ل ال)
    article: str = ""  # the definite article among the clitics (Arabic ال): a term brings its
    # own article or none, so the one the engine wrote before a term is dropped, never doubled
    contractions: dict[str, str] = field(default_factory=dict)  # clitic + article as written:
    # {"ل": "لل"} (ل + الأسد → للأسد)
    elision: str = ""  # regex: words that elide before a vowel (French le la de que je)
    dateline_case: str = "upper"  # a name the source writes in capitals (a dateline:
    # "ALEPPO, Syria (AP) —"): "upper" writes the glossary form in capitals too ("ALEP"),
    # "as_glossary" writes it as the glossary does ("Damaskus (dpa) -"). Scripts without
    # case (Arabic) are unaffected. Default "upper": keep what the source did.

    # -- QA
    function_words: frozenset[str] = frozenset()  # frequent words not shared with English
    length_ratio: tuple[float, float] | None = None  # target/source characters vs English
    doubled_words: frozenset[str] = frozenset()  # words that may stand twice in a row in
    # correct text (French "nous nous", German "die die"): not a doubled-word fault

    # -- scripts (issue 24): writing without spaces, sentence ends, typefaces
    word_spaces: bool | None = None  # whether words are separated by spaces; None: from the
    # script (Han, Kana, Thai, Lao, Khmer, Myanmar: no -> UNSPACED_SCRIPTS)
    full_stop: str = "."  # the mark that ends a sentence ("。" zh/ja, "।" hi, "۔" ur; "" for
    # a language that ends sentences with a space, Thai): the final-punctuation check's
    font_script: str = ""  # ISO 15924 code of the typeface style pages set the language in
    # when it is not the script's usual one (Urdu: "Aran", Nastaliq); "" -> the script

    # -- ordinals and centuries (issue 21): "{n}" the figure in the target's digits, "{roman}"
    # the Roman numeral; "" -> the figure alone, with a note (a CLDR-only profile)
    ordinal: str = ""  # "43rd": French "{n}e" (43e), Spanish "{n}.º", German "{n}."
    ordinal_one: str = ""  # the first, where it differs: French "1er"
    century: str = ""  # "18th-century": French "{roman}e" (the engine writes "siècle")
    century_one: str = ""  # French "Ier"
    half_years: tuple[str, str] = ()  # "H1", "H2": French ("S1", "S2"); () -> as the source
    half_year_of: str = "{half} {year}"  # "H1 2025" -> "{half} de {year}" (Spanish)
    fiscal_year: str = ""  # "FY2026": French "exercice {year}"; "" -> as the source
    calendar_year: str = ""  # "CY2008": French "année civile {year}"; "" -> as the source
    school_year: str = ""  # "SY18", "SY 2025/26": French "année scolaire {year}"; "" -> as is
    number_words: dict[str, int] = field(default_factory=dict)  # spelled counts the QA reads
    # besides num2words' forms (0-100): gender and case forms ("une", "ثلاث", "اثنين")

    # -- durations (issue 21): a count and its CLDR duration unit are one value ("45 دقيقة")
    duration_words: bool = False  # a count CLDR writes as the unit's word alone (Arabic
    # singular "يوم", dual "يومان": the noun is the count) is written so, not as a figure
    dual_oblique: tuple[str, str] = ()  # the dual's ending in CLDR's form (nominative) and in
    # the case running text gives it after a preposition or as an object (Arabic ("ان", "ين"):
    # "لمدة يومين"); the QA reads both
    singular_accusative: tuple[str, str] = ()  # a pattern and its replacement giving the
    # accusative of CLDR's singular, which the QA reads too (Arabic "يوم" -> "يوما")
    unit_words: dict[str, tuple[str, int]] = field(default_factory=dict)  # other words the
    # QA reads as one or two of a unit (Arabic "عام", "عامان" beside CLDR's "سنة", "سنتان")

    @cached_property
    def cldr(self) -> Locale:
        return Locale.parse(self.locale or self.code)

    @property
    def name(self) -> str:
        """English name from CLDR ("French")."""
        return language_name(self.code)

    @property
    def typeset(self) -> bool:
        """Whether the profile has typography to apply (a CLDR-only profile has none)."""
        return bool(any(self.quotes) or self.space_before or self.apostrophe
                    or self.punctuation)

    @property
    def spaced(self) -> bool:
        """Whether the language separates words with spaces (zh, ja, th: no)."""
        if self.word_spaces is not None:
            return self.word_spaces
        return self.script not in UNSPACED_SCRIPTS

    @property
    def rtl(self) -> bool:
        return is_rtl(self.locale or self.code)

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def script(self) -> str:
        """ISO 15924 script the language is written in (CLDR likely subtags): Latn, Arab…"""
        return _script(self.code)

    @property
    def plural_forms(self) -> str:
        """The PO Plural-Forms header from CLDR plural rules (ru: 3 forms, ar: 6)."""
        return str(get_plural(self.code)).strip()
