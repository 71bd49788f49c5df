"""Language identification rules: langdetect where it is reliable, script and words elsewhere."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- any language: scripts from CLDR, function words from the profiles ------------------------

def test_script_share_for_the_target_script():
    assert langid.script_share("Переговоры в Женеве", "Cyrl") == 1.0
    assert langid.script_share("שיחות ב-Geneva", "Hebr") == 0.5
    assert langid.script_share("محادثات", "Arab") == 1.0
    assert langid.script_share("2024", "Cyrl") == 0.0
    assert langid.script_share("Text", "Ethi") == 0.0  # no letter test: never a share
    assert langid.dominant_script("ООН и NATO") == ("Cyrl", 0.5)  # 4 of 8 letters
    assert langid.dominant_script("The UN said") == ("Latn", 1.0)


def test_short_output_is_told_from_english_by_each_target_s_function_words():
    assert langid.by_script("Los precios de la comida", ("en", "es")).lang == "es"
    assert langid.by_script("The price of the food", ("en", "es")).lang == "en"
    assert langid.by_script("Die Preise sind gestiegen", ("en", "de")).lang == "de"
    assert langid.by_script("Os preços da comida", ("en", "pt")).lang == "pt"
    # Spanish "de la" used to count as French: among en/es it is Spanish, not a third language
    assert langid.by_script("de la ciudad", ("en", "es")).lang == "es"


def test_no_verdict_on_short_latin_text_for_a_target_without_word_list():
    # Dutch "het was koud" has English-looking "was": without a Dutch list, do not guess
    assert langid.by_script("Het was koud in de stad", ("en", "nl")) == langid.Guess(
        "", 0.0, "function-words")
    assert langid.in_language("Het was koud", "nl")[0]


@pytest.mark.parametrize(("text", "lang"), [
    ("Переговоры возобновятся на следующей неделе.", "ru"),
    ("השיחות יתחדשו בשבוע הבא.", "he"),
    ("Las conversaciones se reanudarán la próxima semana en Madrid.", "es"),
    ("Die Gespräche werden in der kommenden Woche fortgesetzt.", "de"),
    ("As negociações serão retomadas na próxima semana.", "pt"),
    ("Mladen", "ru"),  # a name: undetermined counts as yes
])
def test_translations_are_in_their_language(text, lang):
    ok, g = langid.in_language(text, lang)
    assert ok, g


@pytest.mark.parametrize("lang", ["ru", "he", "es", "de", "pt", "fa"])
def test_english_output_is_not_in_the_target_language(lang):
    ok, g = langid.in_language("The talks will resume next week in the capital.", lang)
    assert not ok and g.lang == "en"
    ok, g = langid.in_language("The talks failed.", lang)  # short: function words say so
    assert not ok and g == langid.Guess("en", 1.0, "function-words")


def test_foreign_source_segments_in_any_script():
    assert langid.foreign_lang("«אנחנו לא נעזוב את האנשים שלנו», אמר השר.", "en") == "he"
    assert langid.foreign_lang("«Мы не оставим наших людей без помощи», — сказал министр.",
                               "en") == "ru"
    # langdetect restricted to the Cyrillic languages it knows tells Ukrainian from Russian
    assert langid.foreign_lang("«Ми не залишимо наших людей без допомоги», заявив міністр.",
                               "en") == "uk"
    assert langid.foreign_lang("«Не уходим»", "en") == "ru"  # short: CLDR's language for Cyrl
    assert langid.foreign_lang("«No vamos a abandonar a nuestra gente», dijo el ministro.",
                               "en") == "es"
    assert langid.foreign_lang("The minister said they would not abandon their people.",
                               "en") is None
    assert langid.foreign_lang("Министр сказал, что помощь придёт.", "ru") is None
    assert langid.foreign_lang("Ministers met the UNHCR envoy in Kyiv on Monday.", "en") is None


def test_restricted_langdetect_only_answers_with_the_languages_given():
    found = langid.ranked_languages("Chegaram ontem", ["en", "pt"])
    assert {lang for lang, _ in found} <= {"en", "pt"}
    assert langid.ranked_languages("Chegaram ontem", ["en", "xx"]) == langid.ranked_languages(
        "Chegaram ontem")  # fewer than two known languages: all of them


def test_language_name_from_the_profile():
    assert langid.language_name("he") == "Hebrew"
    assert langid.language_name("zh-cn") == "Chinese"
    assert langid.language_name("qq") == "qq"


def _dominant_script_asking_every_script(text: str) -> tuple[str, float]:
    """dominant_script as written before it first bounded the non-Latin letters."""
    n = langid.letters(text)
    if n and langid._NON_LATIN_LETTER_RE.search(text):
        for code, script in langid.SCRIPTS.items():
            if code != "Latn" and (share := len(script.letters.findall(text)) / n) >= 0.5:
                return code, share
    return "Latn", (len(langid.LATIN_LETTER_RE.findall(text)) / n if n else 0.0)


# pieces of fresh text in several scripts, and the Arabic block's signs that are not letters
_PIECES = ["The river rose ", "overnight. ", "فاض النهر ", "ليلا ", "Река ", "разлилась ",
           "河水上涨", "かわ", "강물이 ", "נהר ", "ποταμός ", "\ufd3e", "\ufdfc", "\u06fd",
           "\ufeff", "2024 ", "« ", "!", "é", "ß"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_dominant_script_is_the_same_when_few_letters_are_not_latin(pieces):
    """A long English text with a few words of another script is settled by one count of
    the non-Latin letters; the answer is the one asking every script gives."""
    text = "".join(pieces)
    assert langid.dominant_script(text) == _dominant_script_asking_every_script(text)
    for code, script in langid.SCRIPTS.items():  # the letter tests, rewritten block first
        if code not in ("Arab", "Latn"):
            assert script.letters.findall(text) == [
                c for c in text if re.fullmatch(rf"[{script.block}]", c)
                and re.fullmatch(r"[^\W\d_]", c)]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text() | st.lists(st.sampled_from(_PIECES)).map("".join))
def test_letters_counted_by_runs_are_the_letters(text):
    assert langid.letters(text) == len(langid.LETTER_RE.findall(text))


def _every_function_word() -> list[str]:
    words = set(langid.EN_WORDS)
    for lang in langid._listed():
        words |= langid.word_list(lang)
    return sorted(words | {w.capitalize() for w in words} | {w.upper() for w in words})


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_every_function_word()) | st.sampled_from(
    ["UN", "Homs", "ferry", "l'eau", "d’un", "Syria’s", "42", "naïve"]), max_size=40),
       st.sampled_from([("en", "fr"), ("en", "fr", "es", "de"), ("fr", "en"), ("de", "es")]))
def test_word_counts_are_one_count_per_language_word_set(words, langs):
    """word_counts looks each word up once: the counts of one membership test per language
    (_cased) over the same words."""
    text = " ".join(words)
    langs = ("en", *langid._listed()) if langs == ("en", "fr", "es", "de") else langs
    found = langid.WORD_RE.findall(text)
    assert langid.word_counts(text, langs) == [sum(map(cased.__contains__, found))
                                               for cased in langid._cased(tuple(langs))]


def test_every_character_of_the_latin_block_is_a_letter():
    """dominant_script counts Latin letters by runs of the block: all of it must be letters."""
    block = re.compile(f"[{langid._SCRIPT_BLOCKS['Latn']}]")
    chars = [chr(c) for c in range(0x2000) if block.match(chr(c))]
    assert len(chars) > 700 and all(langid.LETTER_RE.match(c) for c in chars)


def _dominant_script_by_every_letter(text: str) -> tuple[str, float]:
    """dominant_script as it was written first: each script's letters counted in the whole
    text, one match per letter."""
    n = langid.letters(text)
    if n and langid._NON_LATIN_LETTER_RE.search(text) and \
            len(langid._ANY_SCRIPT_LETTER_RE.findall(text)) >= langid.SCRIPT_MIN_SHARE * n:
        for code, script in langid.SCRIPTS.items():
            if code != "Latn" and (share := len(script.letters.findall(text)) / n) >= \
                    langid.SCRIPT_MIN_SHARE:
                return code, share
    return "Latn", (len(langid.LATIN_LETTER_RE.findall(text)) / n if n else 0.0)


_SCRIPT_BITS = ["Homs", "ferry", "naïve", "Ḑ", "ǅ", "—", "’", " ", ".", "42", "\u0640", "\ufeff",
                "\ufd3e", "حماة", "שלום", "Москва", "Αθήνα", "Երևան", "თბილისი", "नई", "ঢাকা",
                "กรุง", "北京", "とうきょう", "서울", "ـ"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_SCRIPT_BITS) | st.characters(), max_size=60).map("".join))
def test_dominant_script_counts_as_every_letter_would(text):
    assert langid.dominant_script(text) == _dominant_script_by_every_letter(text)
