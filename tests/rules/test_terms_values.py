"""Glossary terms and the QA that does not cry wolf (issue 21): a dateline in capitals, an
acronym the target writes as its full name, possessives left by the engine."""

from pathlib import Path

import pytest

from locpipe.formats.glossary import load_glossary
from locpipe.rules.terms import Glossary, Span, check_terms, restore_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def g() -> Glossary:
    return load_glossary([ROOT / "glossary"])


SRC = "ALEPPO, Syria (AP) — Drones struck Aleppo before dawn."


def test_a_dateline_in_capitals_and_the_same_city_later_are_both_satisfied(g):
    assert check_terms(SRC, "ALEP, Syrie (AP) — Des drones ont frappé Alep avant l’aube.",
                       "fr", g) == []
    # the translation names the city once, in the dateline: not a missing term
    assert check_terms(SRC, "ALEP, Syrie (AP) — Des drones ont frappé la ville avant l’aube.",
                       "fr", g) == []


def test_a_later_mention_in_capitals_or_a_missing_dateline_is_still_caught(g):
    assert check_terms(SRC, "ALEP, Syrie (AP) — Des drones ont frappé ALEP avant l’aube.",
                       "fr", g) == ["'Aleppo' should be 'Alep' (found 'ALEP')"]
    assert check_terms(SRC, "Aleppo, Syrie (AP) — Des drones ont frappé la ville avant l’aube.",
                       "fr", g) == ["'ALEPPO' should be 'ALEP' (not found in the translation)",
                                    "'Aleppo' should be 'Alep' (not found in the translation)"]


WFP = "برنامج الأغذية العالمي"


def test_an_acronym_whose_arabic_form_is_the_full_name_is_not_written_twice():
    spans = {1: Span(WFP, "World Food Programme"), 2: Span(WFP, "WFP")}
    out, issues, lost = restore_text("قال <t1/> (<t2/>) إن الطحين وصل.", spans, "ar")
    assert out == f"قال {WFP} إن الطحين وصل."
    assert (issues, lost) == ([], set())


def test_the_glossary_check_is_silent_on_the_name_written_once(g):
    src = "The World Food Programme (WFP) airlifted flour to Kassala."
    assert check_terms(src, f"نقل {WFP} الطحين جوا إلى كسلا.", "ar", g) == []
    assert check_terms(src, f"نقل {WFP} ({WFP}) الطحين جوا إلى كسلا.", "ar", g) != []


@pytest.mark.parametrize("lang,output,want", [
    ("fr", "Les troupes <t1/>'s ont reculé.", "Les troupes Bachar al-Assad ont reculé."),
    ("fr", "Les troupes <t1/> ’s ont reculé.", "Les troupes Bachar al-Assad ont reculé."),
    ("ar", "تراجعت قوات <t1/>' S أمس.", "تراجعت قوات بشار الأسد أمس."),
    ("fr", "<t1/> s’est exprimé.", "Bachar al-Assad s’est exprimé."),
])
def test_no_possessive_is_left_after_a_restored_name(lang, output, want):
    form = "Bachar al-Assad" if lang == "fr" else "بشار الأسد"
    out, _, _ = restore_text(output, {1: Span(form, "Bashar al-Assad's")}, lang)
    assert out == want
