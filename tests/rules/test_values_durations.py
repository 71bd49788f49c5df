"""Durations and ages (issue 21): a count before a duration unit ("45 minutes", "a 12-hour
curfew", "a 29-year-old man") is one value, CLDR's duration unit in French and Arabic; Arabic
writes one and two as the noun, the dual in the oblique case; the numbers check reads the
rendered forms back and either case of the dual. Sentences written for these tests."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.context import Context, Pipeline, Settings
from locpipe.document import Segment, Unit
from locpipe.rules.numbers import check_numbers
from locpipe.stages import localize, protect, translate
from locpipe.testing.fake_numbers import FaultyNumbersEngine
from tests.rules.values_support import found, loud_findings, qa_over_po_files, rendered

S = Settings(targets=["fr", "ar"])
ARAB = Settings(targets=["fr", "ar"], digits="arab", locales={"fr": "fr_FR", "ar": "ar_SY"})
NBSP = "\u00a0"
LATIN = re.compile(r"[A-Za-z]")


# -- one value: the count and its unit -----------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "fr", "ar"), [
    ("Commuters faced a 45-minute drive after the bridge closed.", "45-minute",
     "45 minutes", "45 دقيقة"),
    ("The army lifted the 12-hour curfew at dawn.", "12-hour", f"12{NBSP}heures", "12 ساعة"),
    ("Police said a 29-year-old man was held near the stadium.", "29-year", "29 ans",
     "29 سنة"),
    ("A court sentenced the former mayor to 15 years in prison.", "15 years", "15 ans",
     "15 سنة"),
    ("Talks in Doha stalled for 2 days.", "2 days", f"2{NBSP}jours", "يومين"),
    ("Shelling kept families in basements for 3 nights.", "3 nights", "3 nuits", "3 ليالٍ"),
    ("The ferry crossing took 1 hour.", "1 hour", f"1{NBSP}heure", "ساعة"),
])
def test_a_count_and_its_duration_unit_are_one_cldr_value(text, value, fr, ar):
    assert found(text) == [("unit", value)]
    assert rendered(text, "fr") == [fr]
    assert rendered(text, "ar") == [ar]


def test_what_old_becomes_is_the_engines_and_spelled_ages_stay_words():
    text = "Her five-year-old son and a 6-month-old girl were rescued."
    assert found(text) == [("unit", "6-month")]  # "-old" and "five-year-old" are words
    assert rendered(text, "fr") == [f"6{NBSP}mois"]


def test_two_units_together_are_one_duration_in_cldrs_unit_list():
    text = "The pumps ran for 1 hour and 40 minutes on Sunday."
    assert found(text) == [("unit", "1 hour and 40 minutes")]
    assert rendered(text, "fr") == [f"1{NBSP}heure et 40 minutes"]
    assert rendered(text, "ar") == ["ساعة و40 دقيقة"]  # not Babel's "ساعة، و40 دقيقة، و40…"
    assert rendered(text, "ar", ARAB) == ["ساعة و٤٠ دقيقة"]
    # French press writes hours and minutes as a clock pair: read as the same duration
    assert check_numbers(text, "Les pompes ont tourné 1 h 40 dimanche.", "fr", S) == []
    assert check_numbers(text, "Les pompes ont tourné 1 h 50 dimanche.", "fr", S) != []
    assert check_numbers("The siege lasted 3 years and 6 months.", "Le siège a duré 3 ans.",
                         "fr", S) == ["'3 years and 6 months' is missing from the translation "
                                      "or changed"]
    # the smaller unit first, or one unit twice: two values
    assert found("Crews rested 3 days and 2 nights.") == [("unit", "3 days"),
                                                           ("unit", "2 nights")]


def test_a_range_of_a_duration_keeps_its_figures():
    text = "He is thought to be 40 - 50 years old; the rains last 2-3 weeks."
    assert found(text) == [("unit", "40 - 50 years"), ("unit", "2-3 weeks")]
    assert rendered(text, "ar", ARAB) == ["٤٠-٥٠ سنة", "٢-٣ أسابيع"]


def test_the_engine_sees_a_placeholder_and_arabic_gets_the_oblique_dual():
    unit = Unit(Segment("t:0.0", 0, 0, "paragraph", "Talks stalled for 2 days."), "ar",
                origin="machine")
    ctx = Context("ar", S)
    ctx._engine = FaultyNumbersEngine("en", "ar", faults="clean")
    unit, = Pipeline([protect.prepare, localize.mask, translate.translate_units,
                      localize.restore, protect.finish]).run([unit], ctx)
    assert unit.engine_input == "Talks stalled for <n1/>."
    assert unit.target == "Talks stalled for يومين."
    assert [f for f in unit.findings if f.severity in ("error", "warning")] == []


# -- the numbers check reads them back ---------------------------------------------------------

@pytest.mark.parametrize("target", [
    "توقفت المحادثات لمدة يومين.",  # oblique, as rendered
    "مرّ يومان على توقف المحادثات.",  # nominative, CLDR's form
    "توقفت المحادثات يومين كاملين.",
    "توقفت المحادثات ليومين.",  # a clitic on the dual
])
def test_the_arabic_dual_in_either_case_is_the_count(target):
    assert check_numbers("Talks stalled for 2 days.", target, "ar", S) == []


@pytest.mark.parametrize("target", [
    "استمر الإضراب يوما.",  # accusative, unvocalized
    "استمر الإضراب يومًا.",  # with its tanween
    "استمر الإضراب لمدة يوم.",  # CLDR's singular, as rendered
])
def test_the_arabic_singular_in_either_case_is_one(target):
    assert check_numbers("The strike lasted 1 day.", target, "ar", S) == []
    assert check_numbers("The strike lasted 1 week.", target, "ar", S) != []


def test_a_changed_or_dropped_duration_is_still_caught():
    assert check_numbers("Talks stalled for 2 days.", "توقفت المحادثات لمدة يوم.", "ar", S) == [
        "'2 days' is missing from the translation or changed"]
    assert check_numbers("Talks stalled for 3 days.", "توقفت المحادثات يومين.", "ar", S) == [
        "'3 days' is missing from the translation or changed"]
    assert check_numbers("The drive took 45 minutes.", "Le trajet a duré 54 minutes.", "fr",
                         S) == ["'45 minutes' is missing from the translation or changed",
                                "'54' in the translation is not in the source"]
    # a unit's word after a figure is that figure's noun, not a count of one
    assert check_numbers("It took 1 hour.", "استغرق الأمر 45 ساعة.", "ar", S) != []


PAIRS = [
    ("Commuters faced a 45-minute drive after the bridge closed.",
     "Les automobilistes ont dû faire 45 minutes de route après la fermeture du pont.",
     "واجه المسافرون رحلة بالسيارة مدتها 45 دقيقة بعد إغلاق الجسر."),
    ("The army lifted the 12-hour curfew at dawn.",
     "L’armée a levé à l’aube le couvre-feu de 12\u00a0heures.",
     "رفع الجيش حظر التجول الذي استمر 12 ساعة عند الفجر."),
    ("Police said a 29-year-old man was held near the stadium.",
     "Un homme de 29 ans a été interpellé près du stade, selon la police.",
     "قالت الشرطة إن رجلا يبلغ من العمر 29 عاما احتُجز قرب الملعب."),
    ("A court sentenced the former mayor to 15 years in prison.",
     "Un tribunal a condamné l’ancien maire à 15 ans de prison.",
     "حكمت محكمة على رئيس البلدية السابق بالسجن 15 سنة."),
    ("Talks in Doha stalled for 2 days.",
     "Les pourparlers de Doha ont été suspendus pendant 2\u00a0jours.",
     "توقفت المحادثات في الدوحة لمدة يومين."),
    ("The pumps ran for 1 hour and 40 minutes on Sunday.",
     "Les pompes ont fonctionné 1\u00a0heure et 40 minutes dimanche.",
     "عملت المضخات ساعة و40 دقيقة يوم الأحد."),
    ("The envoy spent 2 years and 3 months in Sanaa.",
     "L’émissaire a passé 2 ans et 3 mois à Sanaa.",
     "أمضى المبعوث عامين و3 أشهر في صنعاء."),
]


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("pair", PAIRS, ids=[p[0][:30] for p in PAIRS])
def test_no_error_and_no_warning_on_a_correct_translation(pair, lang):
    source, fr, ar = pair
    assert loud_findings(source, fr if lang == "fr" else ar, lang, S) == []


def test_locpipe_qa_over_po_files_of_these_translations_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./glossary here: the values alone are checked
    assert qa_over_po_files(tmp_path, "durations", PAIRS) == (
        f"2 file(s), {2 * len(PAIRS)} segment(s) — no findings")


# -- any unit, any count ------------------------------------------------------------------------

UNITS = ["second", "minute", "hour", "day", "night", "week", "month", "year", "decade",
         "century"]
PLURAL = {"century": "centuries"}


@settings(max_examples=120, deadline=None, derandomize=True)
@given(unit=st.sampled_from(UNITS), n=st.integers(1, 999), hyphen=st.booleans(),
       lang=st.sampled_from(["fr", "ar", "ar-arab"]))
def test_any_duration_unit_and_count_is_one_value_read_back(unit, n, hyphen, lang):
    words = f"{n}-{unit}" if hyphen else f"{n} {PLURAL.get(unit, unit + 's') if n != 1 else unit}"
    source = f"Witnesses described a {words} wait at the border." if hyphen else \
        f"Witnesses said they waited {words} at the border."
    assert found(source) == [("unit", words)]
    code, st_ = (lang[:2], ARAB) if lang == "ar-arab" else (lang, S)
    form, = rendered(source, code, st_)
    if code == "ar":
        assert not LATIN.search(form)
        assert lang != "ar-arab" or not re.search(r"[0-9]", form)
    else:
        assert str(n) in form
    assert check_numbers(source, f"X {form} Y.", code, st_) == []
