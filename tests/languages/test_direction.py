"""A language's direction is CLDR's character order, told from its script: a page that shows a
foreign quote (Swedish, Pashto, Dhivehi…) does not load that language's whole CLDR data,
which Babel would keep for the rest of the run."""

from __future__ import annotations

import pytest
from babel import Locale, localedata

from locpipe import languages
from locpipe.languages.base import is_rtl

CODES = ["ar", "ar_SY", "fa", "he", "iw", "ur", "ps", "ckb", "sd", "dv", "ug", "yi", "syr",
         "pa_Arab", "ms_Arab", "ff_Adlm", "fr", "sv", "pa", "ms", "ff", "zh_Hans", "sr_Latn",
         "tr", "ru", "ja"]


@pytest.mark.parametrize("code", CODES)
def test_direction_is_cldr_character_order(code):
    assert is_rtl(code) == (Locale.parse(code).character_order == "right-to-left")


def test_codes_cldr_does_not_know_read_left_to_right():
    assert not is_rtl("xx") and not is_rtl("not a code")
    assert languages.get("ps").direction == "rtl" and languages.get("sv").direction == "ltr"
    assert is_rtl("zh-cn") is False  # langdetect's spelling


def test_direction_loads_no_locale_data(monkeypatch):
    loaded: list[str] = []
    real = localedata.load
    monkeypatch.setattr(localedata, "load", lambda name, *a, **k: loaded.append(name)
                        or real(name, *a, **k))
    is_rtl.cache_clear()
    assert [is_rtl(code) for code in ("sv", "ps", "dv", "nl", "pa_Arab")] == [
        False, True, True, False, True]
    assert loaded == []
