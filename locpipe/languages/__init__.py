"""Language profiles, one module per language; any other language gets a CLDR fallback.

`get("fr")` imports `locpipe.languages.fr` on first use (so a run loads only its languages);
`get("ru")` builds a profile from CLDR alone. Adding a language touches only this folder: write
`<code>.py` with a PROFILE (the file's name is the language code; CURATED lists the files).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from locpipe.errors import ConfigError
from locpipe.languages.base import SCRIPT_FULL_STOP, Profile, is_rtl, language_name

__all__ = ["CURATED", "Profile", "default_locale", "default_locales", "fallback", "get",
           "is_rtl", "known", "language_name"]

# Languages with a profile module of their own: every module here named by a language code.
CURATED = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__)
                       if m.name.isalpha() and m.name.islower() and len(m.name) in (2, 3)))


def known(code: str) -> bool:
    """Whether CLDR knows the language code."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


@lru_cache(maxsize=64)
def get(code: str) -> Profile:
    """The profile of `code`: curated when one ships, else built from CLDR alone."""
    if code in CURATED:
        return importlib.import_module(f"locpipe.languages.{code}").PROFILE
    if not known(code):
        raise ConfigError(f"unknown language code '{code}' (not in CLDR); use an ISO 639 code "
                          f"such as {', '.join(CURATED)}")
    return fallback(code)


def fallback(code: str) -> Profile:
    """A profile from CLDR alone: numbers, dates, direction and plurals right, typography
    neutral, and no word lists (the checks that need them say they were skipped)."""
    profile = Profile(code=code, curated=False)
    stop = SCRIPT_FULL_STOP.get(profile.script)
    return profile if stop is None else replace(profile, full_stop=stop)


def default_locale(code: str) -> str:
    """The CLDR locale a language's numbers and dates are written in unless the desk chooses
    another (--locale): the profile's, else the language code itself (ru, he, it…)."""
    if not known(code):
        return code
    return get(code).locale or code


def default_locales() -> dict[str, str]:
    """The default locale of every curated language ({"fr": "fr_FR", "ar": "ar", …}); any
    other language is written in its own code's locale (default_locale)."""
    return {code: default_locale(code) for code in CURATED}
