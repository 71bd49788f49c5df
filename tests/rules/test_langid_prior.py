"""The English prior (plainly_english) settles plain English source segments without
langdetect; it must change no answer of foreign_lang, and the Arabic-script and profile
shortcuts neither. Sentences written for these tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.rules import langid

ENGLISH = [
    "Jordan’s foreign minister said on Sunday that the two countries would share the water.",
    "The river’s level rose two metres overnight, and farmers said they lost most of their crops.",
    "Qatar’s emir and Egypt’s president spoke by phone about the hostages, officials said.",
    "Turkey’s central bank said it would keep its main rate at 50 per cent for a fourth month.",
]
# English sentences quoting a short phrase in another language: the quote's function words
# keep the prior out, langdetect decides as before
QUOTING = [
    "The minister called the plan “une mesure de bon sens” before she flew back to Paris.",
    "Residents told the council that the new road was “una locura total para el barrio”.",
    "The coach said the defeat was “eine bittere Niederlage für die ganze Mannschaft” on Sunday.",
]
# mostly another language, with English names in it
FOREIGN_WITH_NAMES = {
    "Le président Joe Biden a rencontré Keir Starmer et Justin Trudeau à la Maison Blanche "
    "mardi.": "fr",
    "El ministro Rishi Sunak y la senadora Elizabeth Warren hablaron con los periodistas del "
    "Washington Post.": "es",
    "Der Außenminister traf Antony Blinken und Jake Sullivan am Montag in der Hauptstadt.": "de",
}


def _same_as_without_prior(text: str) -> str | None:
    found = langid._foreign_lang(text, "en")
    assert found == langid._foreign_lang(text, "en", prior=False), text
    return found


def test_english_news_with_possessives_is_settled_by_the_prior():
    for text in ENGLISH:
        assert langid.plainly_english(text), text
        assert _same_as_without_prior(text) is None


def test_a_possessive_is_not_french_s():
    # "’s" split off by the word pattern is French "s" (s’il) to the word lists
    assert langid.plainly_english("Syria’s health ministry said the clinic would reopen soon.")
    assert not langid.clearly_english("Syria’s health ministry said the clinic would reopen soon.")


def test_an_english_sentence_quoting_a_phrase_is_left_to_langdetect():
    for text in QUOTING:
        assert not langid.plainly_english(text), text
        assert _same_as_without_prior(text) is None  # a short quote: the sentence is English


def test_a_foreign_sentence_with_english_names_is_still_foreign():
    for text, lang in FOREIGN_WITH_NAMES.items():
        assert not langid.plainly_english(text), text
        assert _same_as_without_prior(text) == lang
        assert langid.foreign_lang(text, "en") == lang


def test_no_prior_for_other_scripts_or_other_source_languages():
    assert not langid.plainly_english("The talks in «جنيف» resumed on Monday with the envoy.")
    # the prior is English's: a French source is not asked
    text = "The river’s level rose two metres overnight, and farmers said they lost most."
    assert langid.foreign_lang(text, "fr") == langid._foreign_lang(text, "fr", prior=False)


def test_arabic_script_quotes_keep_their_language():
    """_in_script stops langdetect once no language but Arabic can be sure: Persian and Urdu
    quotes are still told from Arabic."""
    assert langid.foreign_lang("«ما به کمک فوری نیاز داریم و مردم در خیابان‌ها می‌خوابند»، "
                               "یک مقام محلی گفت.", "en") == "fa"
    assert langid.foreign_lang("«ہمیں فوری مدد کی ضرورت ہے اور لوگ سڑکوں پر سو رہے ہیں»، ایک "
                               "مقامی اہلکار نے کہا۔", "en") == "ur"
    assert langid.foreign_lang("«نحن بحاجة إلى مساعدة عاجلة والناس ينامون في الشوارع»، قال "
                               "مسؤول محلي.", "en") == "ar"


# Word lists for generated sentences: common English words, names, and words of languages
# with no function-word list (Italian, Dutch, Polish, Indonesian, Swedish), which the prior
# cannot see, so only the share of English words keeps it out.
EN_BITS = ("the of and to in said on at with for was by from that after they were his her "
           "a an as their this than over about into two three more who which has had been "
           "people city officials government army forces police village farmers bridge water "
           "prices bread market hospital road border talks flood").split()
NAMES = "Khaled Amman Homs Mosul Reuters Sunday Tuesday Layla Haddad Kyiv Basra".split()
OTHER = ("abbiamo bisogno aiuto subito situazione drammatica nelle zone colpite alluvione "
         "hebben niets meer eten kinderen huilen iedereen woont werkt ramp "
         "mamy nic jedzenia dzieci płaczą bencana semua orang tinggal sini "
         "ingenting barnen gråter perdita tempo tutti quanti").split()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(EN_BITS) | st.sampled_from(NAMES) | st.sampled_from(OTHER),
                min_size=4, max_size=24), st.booleans())
def test_the_prior_never_says_english_where_langdetect_is_sure_of_another(words, lower):
    """Wherever the prior settles a sentence, foreign_lang without it (langdetect, 55
    languages, p >= 0.99, function words as second opinion) finds no foreign language."""
    text = " ".join(w.lower() if lower else w for w in words)
    text = text[0].upper() + text[1:] + "."
    if langid.plainly_english(text):
        assert langid._foreign_lang(text, "en", prior=False) is None, text
    else:
        assert langid._foreign_lang(text, "en") == langid._foreign_lang(text, "en",
                                                                         prior=False)


def _foreign_lang_by_public_checks(text: str, expected: str) -> str | None:
    """_foreign_lang as first written: each cheap check reads the text itself."""
    n = None
    if langid._NON_LATIN_LETTER_RE.search(text) and (n := langid.letters(text)) >= 3:
        script, _ = langid.dominant_script(text, n)
        if script != "Latn" and script != langid.script_of(expected):
            return langid._in_script(text, script)
    if len(text) < langid.FOREIGN_MIN_LETTERS or (expected == "en" and (
            langid.clearly_english(text) or langid.plainly_english(text))):
        return None
    if (langid.letters(text) if n is None else n) < langid.FOREIGN_MIN_LETTERS:
        return None
    found = langid.ranked_languages(langid.words_only(text), unless=expected,
                                    below=langid.FOREIGN_MIN_PROB)
    if not found or found[0][0] == expected or found[0][1] < langid.FOREIGN_MIN_PROB:
        return None
    lang = found[0][0]
    if langid.has_words(lang) and langid.by_script(text, (expected, lang)).lang != lang:
        return None
    return lang


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(EN_BITS) | st.sampled_from(NAMES) | st.sampled_from(OTHER)
                | st.sampled_from(["Syria’s", "l’eau", "le", "el", "der", "«حماة»", "Москва",
                                   "42", "—", "qu'il", "city's"]), min_size=1, max_size=24),
       st.sampled_from(["en", "fr"]))
def test_the_words_read_once_give_the_same_answer(words, expected):
    """_foreign_lang reads a text's words once for letters, clearly_english and
    plainly_english: the answer of each check reading the text itself."""
    text = " ".join(words)
    assert langid._foreign_lang(text, expected) == _foreign_lang_by_public_checks(text,
                                                                                 expected)


def test_the_words_read_once_give_the_same_answer_on_written_sentences():
    for text in [*ENGLISH, *QUOTING, *FOREIGN_WITH_NAMES]:
        assert langid._foreign_lang(text, "en") == _foreign_lang_by_public_checks(text, "en")
