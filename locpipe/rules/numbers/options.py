"""Options: --locale, --digits, --date-order; CLDR numbering systems and their digits.

Part of locpipe.rules.numbers (the design note is in its __init__)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

from locpipe import languages
from locpipe.errors import ConfigError
from locpipe.languages import default_locale, language_name

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
