"""Each false alarm closed in locpipe.checks, silent on the correct translation and still
raised on the fault it exists for (fresh wire sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from locpipe import checks
from locpipe.checks import Pair
from locpipe.context import Settings
from locpipe.formats.glossary import load_found

GLOSSARY = load_found([Path(__file__).resolve().parent.parent.parent / "glossary"])
S = Settings(targets=["fr", "ar"])


def found(name: str, source: str, target: str, lang: str = "fr", glossary=None) -> list[str]:
    result = checks.check_pair(Pair(source, target, lang, settings=S, glossary=glossary), [name])
    return [m for _, m in result.findings]


# --- acronyms ---------------------------------------------------------------------------

def test_a_zone_after_a_clock_time_goes_with_the_time():
    src = "The ferry leaves at 6:40 a.m. CET and docks at 9 p.m. EET."
    assert found("acronyms", src, "Le ferry part à 6 h 40 et accoste à 21 h, heure "
                 "d’Athènes.") == []


def test_an_acronym_that_is_not_a_zone_is_still_asked_for():
    src = "The ferry leaves at 6:40 a.m. with ANEK crews."
    assert found("acronyms", src, "Le ferry part à 6 h 40 avec des équipages grecs.") == [
        "acronym 'ANEK' of the source is missing from the translation"]


@pytest.mark.parametrize("target", [
    "Les États-Unis, le Royaume-Uni et les Émirats arabes unis ont salué l’accord.",
    "Les Etats-Unis, le Royaume-Uni et les Emirats arabes unis ont salué l’accord.",  # AFP
])
def test_a_country_code_is_satisfied_by_the_countrys_cldr_name(target):
    src = "The US, the UK and the UAE welcomed the deal."
    assert found("acronyms", src, target) == []


def test_a_country_left_out_is_reported():
    src = "The US, the UK and the UAE welcomed the deal."
    assert found("acronyms", src, "Les États-Unis et le Royaume-Uni ont salué l’accord.") == [
        "acronym 'UAE' of the source is missing from the translation"]


def test_abbreviations_that_are_common_nouns_are_written_as_words():
    src = "Two MPs and a TV crew were held at the ICU entrance."
    assert found("acronyms", src, "Deux députés et une équipe de télévision ont été retenus à "
                 "l’entrée du service de réanimation.") == []
    assert found("acronyms", "Two MPs and an OSCE crew were held.",
                 "Deux députés et une équipe ont été retenus.") == [
        "acronym 'OSCE' of the source is missing from the translation"]


# --- length -----------------------------------------------------------------------------

SHORT_AMOUNTS = "Norvik paid €1.5bn and ¥90bn in fines."


def test_values_written_out_by_cldr_do_not_make_a_translation_too_long():
    assert found("length", SHORT_AMOUNTS, "Norvik a payé 1,5 milliard d’euros et 90 milliards "
                 "de yens japonais d’amendes.") == []


def test_a_translation_with_a_sentence_added_is_still_too_long():
    assert found("length", SHORT_AMOUNTS, "Norvik a payé 1,5 milliard d’euros et 90 milliards "
                 "de yens japonais d’amendes. Le groupe a contesté ces sanctions devant la "
                 "justice européenne pendant des années.") != []


def test_a_unit_written_out_in_full_is_counted_as_cldrs_long_form():
    src = "It hit 113F (45C) in Kuwait City on Monday."
    ar = "بلغت الحرارة 113 درجة فهرنهايت (45 درجة مئوية) في مدينة الكويت يوم الاثنين."
    assert found("length", src, ar, "ar") == []


def test_glossary_names_written_out_in_arabic_are_counted_as_written():
    src = "ICRC and WFP convoys left Damascus for Idlib at dawn."
    ar = ("غادرت قوافل اللجنة الدولية للصليب الأحمر وبرنامج الأغذية العالمي دمشق متوجهة إلى "
          "إدلب فجرا.")
    assert found("length", src, ar, "ar") != []  # without the glossary, names are unknown
    assert found("length", src, ar, "ar", GLOSSARY) == []
    assert found("length", src, ar + " " + ar, "ar", GLOSSARY) != []


# --- repetition -------------------------------------------------------------------------

CHANT = "Crowds chanted “Out, out, out” as the minister left the hall."


def test_a_chant_is_translated_as_one():
    assert found("repetition", CHANT, "La foule scandait « Dehors, dehors, dehors » tandis que "
                 "le ministre quittait la salle.") == []


def test_a_loop_of_another_shape_beside_a_chant_is_caught():
    assert found("repetition", CHANT, "La foule scandait « Dehors, dehors, dehors » tandis que "
                 "le ministre quittait la salle la salle de la salle de la salle de la salle.")


# --- doubled words ----------------------------------------------------------------------

def test_a_doubled_name_of_the_source_transliterated_is_no_doubled_word():
    src = "Flights to Baden Baden and Walla Walla resumed."
    assert found("doubled_words", src, "استؤنفت الرحلات إلى بادن بادن وفالا فالا.", "ar") == []


def test_a_doubling_the_source_cannot_explain_is_reported():
    src = "Flights to Baden Baden resumed."
    assert found("doubled_words", src, "استؤنفت الرحلات إلى بادن بادن في في الصباح.", "ar") == [
        "the word 'في' is doubled"]
    assert found("doubled_words", "Flights to Baden resumed.",
                 "استؤنفت الرحلات إلى بادن بادن.", "ar") == ["the word 'بادن' is doubled"]


# --- untranslated -----------------------------------------------------------------------

def test_english_titles_kept_in_quotes_are_not_english_output():
    src = "The festival opens with “Return of the King” and “Songs from the North”."
    assert found("untranslated", src, "Le festival s’ouvre avec « Return of the King » et "
                 "« Songs from the North ».") == []


def test_a_clause_left_in_english_beside_a_title_is_caught():
    src = "The festival opens with “Return of the King”, which was filmed in the city."
    assert found("untranslated", src, "Le festival s’ouvre avec « Return of the King », which "
                 "was filmed in the city.") != []


def test_latin_names_kept_in_arabic_are_not_english_output():
    src = "Shares of Banco Santander, Deutsche Bank and BNP Paribas fell on Monday."
    ar = "تراجعت أسهم Banco Santander وDeutsche Bank وBNP Paribas يوم الاثنين."
    assert found("untranslated", src, ar, "ar") == []


def test_names_joined_by_an_ampersand_are_one_name():
    src = "Shares of Procter & Gamble and Johnson & Johnson rose 2%."
    assert found("untranslated", src, "ارتفعت أسهم Procter & Gamble وJohnson & Johnson 2%.",
                 "ar") == []


def test_english_left_in_an_arabic_translation_with_names_is_caught():
    src = "Shares of Banco Santander, Deutsche Bank and BNP Paribas fell on Monday."
    assert found("untranslated", src, "Shares of Banco Santander, Deutsche Bank and BNP Paribas "
                 "fell يوم الاثنين.", "ar") != []


def test_an_english_headline_in_capitals_left_as_it_was_is_caught():
    src = "Flood Waters Reach Historic Old Town"
    assert found("untranslated", src, "Flood Waters Reach Historic Old Town.", "ar") != []


# --- mixed script -----------------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "صار التطبيق متاحا لـiPad ولأجهزة Android.",
    "صار التطبيق متاحا على iPad وAndroid.",
    "نقلت الـBBC الخبر.",
])
def test_a_clitic_joined_to_a_latin_name_is_arabic_typography(target):
    assert found("mixed_script", "The app is now on iPad and Android.", target, "ar") == []


@pytest.mark.parametrize(("target", "word"), [
    ("سيطرت الHTS على الطريق.", "الHTS"),  # the article glued to a restored name
    ("سيطرت الهيئةHTS على الطريق.", "الهيئةHTS"),
    ("سيطرت الهيئة على الطرHTSيق.", "الطرHTSيق"),
])
def test_latin_letters_inside_an_arabic_word_are_still_caught(target, word):
    assert found("mixed_script", "HTS took the road.", target, "ar") == [
        f"Latin letters inside Arabic word(s): {word}"]
