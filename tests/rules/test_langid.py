"""Language identification rules: langdetect where it is reliable, script and words elsewhere."""

import pytest

from locpipe.rules import langid

EN_FR_AR = ("en", "fr", "ar")


def test_guess_uses_langdetect_on_long_text_and_script_on_short():
    long_en = "The army said on Tuesday that more than 50,000 people had fled the city."
    assert langid.guess(long_en, EN_FR_AR) == langid.Guess("en", pytest.approx(1.0, abs=0.01),
                                                           "langdetect")
    assert langid.guess("هدنة هشّة", EN_FR_AR).method == "script"
    assert langid.guess("هدنة هشّة", EN_FR_AR).lang == "ar"
    assert langid.guess("Une trêve fragile pour les civils", EN_FR_AR).method in (
        "langdetect", "function-words")
    assert langid.guess("The talks failed.", EN_FR_AR) == langid.Guess("en", 1.0,
                                                                       "function-words")
    assert langid.guess("Bashar al-Assad", EN_FR_AR).lang == ""  # names only: no verdict
    assert langid.guess("2024", EN_FR_AR).method == "none"


def test_guess_is_deterministic():
    text = "Les délégations se retrouvent mardi à Genève pour un nouveau cycle."
    assert len({langid.guess(text, EN_FR_AR) for _ in range(5)}) == 1


def test_in_language_arabic_by_script_even_when_langdetect_says_persian():
    ok, g = langid.in_language("قال سكان إن الكهرباء كانت تنقطع من 13 إلى 15 ساعة يوميًا.", "ar")
    assert ok


def test_split_clauses_keeps_markup_pairs_whole():
    assert langid.split_clauses("He said <1>on Tuesday, in Geneva</1>, that talks failed.") == [
        "He said <1>on Tuesday, in Geneva</1>,", "that talks failed."]
