"""Reading values back from a translation (issue 21, the QA's reading gaps): forms a careful
desk translator writes that the numbers check could not read — the AFP clock "19H42", a race
time written out, a race named by its distance ("the 400m record") and "12 noon" in the
source, CLDR's short scale abbreviations with a currency symbol ("720 M£", "2,5 M"),
India's crore kept in French, a scaled figure written in full ("2 500 000"), and Arabic
numbers in words (a scale word alone, its dual, counts with their scale; the day of a month
before its name, "الأول من مارس"; the hour before one of CLDR's day periods, "الثامنة
مساءً"). Each form is silent when the value is right and still caught when it is wrong.

Arabic number words: pyarabic (number.text2number) reads them, but it is GPL-licensed
(locpipe is MIT), prints debugging lines on stdout and does not read the duals ("ملياري");
text2num and Recognizers-Text's Python port have no Arabic. So locpipe composes the words
itself (rules/numbers/read._spelled_counts) from num2words' spellings of 0-100, the hundreds
and one or two of each scale; the properties below write whole numbers with num2words, which
the reader never sees whole."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from locpipe import checks
from locpipe.checks import Pair
from locpipe.rules.numbers.read import _spelled_counts
from tests.rules.values_support import FR_AR, found, loud_findings, qa_over_po_files, rendered

NNBSP = "\u202f"


def numbers_findings(en: str, target: str, lang: str) -> list[str]:
    """What the numbers check alone says (the generated sentences are not built to keep the
    other checks' length and repetition bands)."""
    return [m for _, m in checks.check_pair(Pair(en, target, lang, settings=FR_AR),
                                            ["numbers"]).findings]

# (English, a correct translation, its language, a wrong one in the same form)
FORMS = [
    # the AFP clock, capital or small h
    ("The ferry sank at 2317 GMT.", "Le ferry a sombré à 23H17 GMT.", "fr",
     "Le ferry a sombré à 23H47 GMT."),
    ("The ferry sank at 2317 GMT.", "Le ferry a sombré à 23h17 GMT.", "fr",
     "Le ferry a sombré à 22h17 GMT."),
    # a race time written out with CLDR's short duration units
    ("Mutua won the 1500m final in 3:34.12.", "Mutua a remporté la finale du 1500 m en "
     "3 min 34 s 12.", "fr", "Mutua a remporté la finale du 1500 m en 3 min 43 s 12."),
    ("Her split was 2:07.5.", "بلغ توقيتها 2 د 07 ث 5.", "ar", "بلغ توقيتها 2 د 17 ث 5."),
    # CLDR's short scale abbreviations after a figure, a currency symbol glued or not
    ("The club paid £85m for the striker.", "Le club a payé 85 M£ pour l’attaquant.", "fr",
     "Le club a payé 58 M£ pour l’attaquant."),
    ("The club paid £85m for the striker.", "Le club a payé 85M£ pour l’attaquant.", "fr",
     "Le club a payé 85 Md£ pour l’attaquant."),
    ("The merger is worth $6.4 billion.", "La fusion est évaluée à 6,4 Md$.", "fr",
     "La fusion est évaluée à 6,4 M$."),
    ("Floods displaced 1.7 million people.", "Les crues ont déplacé 1,7 M de personnes.",
     "fr", "Les crues ont déplacé 7,1 M de personnes."),
    # India's counting units kept by the French press
    ("Infosys set aside ₹12 crore.", "Infosys a provisionné 12 crores de roupies.", "fr",
     "Infosys a provisionné 21 crores de roupies."),
    ("The state paid ₹30 lakh.", "L’État a versé 30 lakhs de roupies.", "fr",
     "L’État a versé 30 crores de roupies."),
    # a scaled figure written in full
    ("Vaccines reached 3.6 million children.",
     f"Les vaccins ont atteint 3{NNBSP}600{NNBSP}000 enfants.", "fr",
     f"Les vaccins ont atteint 3{NNBSP}500{NNBSP}000 enfants."),
    ("Vaccines reached 3.6 million children.", "وصلت اللقاحات إلى 3,600,000 طفل.", "ar",
     "وصلت اللقاحات إلى 3,060,000 طفل."),
    # forms of the source detected: a race named by its distance, "12 noon"
    ("She broke the 400m record.", f"Elle a battu le record du 400{NNBSP}m.", "fr",
     f"Elle a battu le record du 100{NNBSP}m."),
    ("She broke the 400m record.", "حطمت الرقم القياسي لسباق 400 متر.", "ar",
     "حطمت الرقم القياسي لسباق 100 متر."),
    ("The strike ends at 12 noon.", "La grève prend fin à 12 h.", "fr",
     "La grève prend fin à 10 h."),
    ("The curfew starts at 12 midnight.", "Le couvre-feu commence à 0 h.", "fr",
     "Le couvre-feu commence à 1 h."),
    # Arabic numbers in words: a scale word alone, its dual, counts with their scale
    ("The port needs $1 billion.", "يحتاج الميناء إلى مليار دولار.", "ar",
     "يحتاج الميناء إلى ملياري دولار."),
    ("Donors gave $2 million.", "قدم المانحون مليوني دولار.", "ar",
     "قدم المانحون مليون دولار."),
    ("About 30,000 marched.", "سار نحو ثلاثين ألفا.", "ar", "سار نحو ثلاثة آلاف."),
    ("Some 250,000 lost power.", "فقد نحو مئتين وخمسين ألف شخص الكهرباء.", "ar",
     "فقد نحو مئة وخمسين ألف شخص الكهرباء."),
    # Arabic days of the month and hours of the clock in words
    ("Schools reopen on September 1.", "تعيد المدارس فتح أبوابها في الأول من سبتمبر.", "ar",
     "تعيد المدارس فتح أبوابها في الثاني من سبتمبر."),
    ("The talks resume on May 23.", "تُستأنف المحادثات في الثالث والعشرين من مايو.", "ar",
     "تُستأنف المحادثات في الثالث عشر من مايو."),
    ("The curfew starts at 9 p.m.", "يبدأ حظر التجول في التاسعة مساءً.", "ar",
     "يبدأ حظر التجول في العاشرة مساءً."),
    ("Flights resume at 6 a.m.", "تُستأنف الرحلات في السادسة صباحًا.", "ar",
     "تُستأنف الرحلات في السابعة صباحًا."),
    ("Exports hit 7 billion dollars.", "بلغت الصادرات سبعة مليارات دولار.", "ar",
     "بلغت الصادرات تسعة مليارات دولار."),
]


@pytest.mark.parametrize(("en", "right", "lang", "wrong"), FORMS,
                         ids=[f"{lang}-{i}" for i, (_, _, lang, _) in enumerate(FORMS)])
def test_a_correct_form_is_silent_and_a_wrong_value_in_it_is_caught(en, right, lang, wrong):
    assert loud_findings(en, right, lang) == []
    assert [name for name, _ in loud_findings(en, wrong, lang)] and \
        {name for name, _ in loud_findings(en, wrong, lang)} == {"numbers"}


def test_locpipe_qa_over_po_files_is_silent_on_the_forms(tmp_path):
    pairs = [("The ferry sank at 2317 GMT.", "Le ferry a sombré à 23H17 GMT.",
              "غرقت العبارة في الساعة 23:17 بتوقيت غرينتش."),
             ("Vaccines reached 3.6 million children.",
              f"Les vaccins ont atteint 3{NNBSP}600{NNBSP}000 enfants.",
              "وصلت اللقاحات إلى 3,600,000 طفل."),
             ("The port needs $1 billion.", "Le port a besoin de 1 Md$.",
              "يحتاج الميناء إلى مليار دولار."),
             ("About 30,000 marched.", f"Environ 30{NNBSP}000 personnes ont défilé.",
              "سار نحو ثلاثين ألفا.")]
    assert qa_over_po_files(tmp_path, "readback", pairs).endswith("no findings")


def test_a_race_named_by_its_distance_and_12_noon_are_values_cldr_writes():
    """The source's forms the detection missed: metres before an event's word, the hour
    "12 noon"/"12 midnight" (CLDR's units and the profile's clock)."""
    text = "Kipyegon broke the 1500m world record at 12 noon; the 800m final starts at 12 midnight."
    assert found(text) == [("unit", "1500m"), ("time", "12 noon"), ("unit", "800m"),
                           ("time", "12 midnight")]
    assert rendered(text, "fr") == [f"1{NNBSP}500{NNBSP}m", "12 h", f"800{NNBSP}m", "0 h"]
    assert rendered(text, "ar") == ["1,500 متر", "12:00", "800 متر", "00:00"]


def test_a_glued_m_without_an_event_word_is_left_alone():
    """"800m" alone may be millions (a currency makes it an amount): not read as metres."""
    assert found("They raised 800m last year.") == []
    assert found("They raised £800m last year.") == [("money", "£800m")]


def test_a_capital_m_that_is_not_after_a_figure_is_no_scale():
    """"M. Dupont" is a title: no stray million is reported."""
    assert loud_findings("Mr Dupont paid 5 euros.", "M. Dupont a payé 5 euros.", "fr") == []


def test_the_scale_word_of_digits_is_not_read_as_one_of_it():
    """"3 مليارات": the scale word belongs to the figure, not a billion of its own."""
    assert ("w", Decimal(1_000_000_000)) not in _spelled_counts("3 مليارات دولار", "ar")


@settings(max_examples=150, deadline=None, derandomize=True)
@given(n=st.integers(min_value=1, max_value=999_999))
def test_any_count_written_as_arabic_words_reads_back_as_its_value(n):
    words = num2words(n, lang="ar")
    assert ("w", Decimal(n)) in _spelled_counts(f"فرّ {words} شخص من المدينة.", "ar"), words
    # and the QA accepts it for the figure of the source
    en = f"Officials said {n:,} people fled the city."
    assert numbers_findings(en, f"قال المسؤولون إن {words} شخص فروا من المدينة.", "ar") == []


@settings(max_examples=80, deadline=None, derandomize=True)
@given(tenths=st.integers(min_value=1, max_value=9_999),
       scale=st.sampled_from([("million", "M", 6), ("billion", "Md", 9)]),
       symbol=st.sampled_from(["", "€", "$", "£"]))
def test_any_french_scaled_amount_with_m_or_md_is_read(tenths, scale, symbol):
    value = Decimal(tenths) / 10
    word, abbr, _exp = scale
    en = f"The fund raised {symbol}{value} {word}."
    figure = format_decimal(value, locale="fr_FR")
    fr = f"Le fonds a levé {figure} {abbr}{symbol}."
    assert numbers_findings(en, fr, "fr") == [], fr
    other = format_decimal(value + 1, locale="fr_FR")
    assert numbers_findings(en, f"Le fonds a levé {other} {abbr}{symbol}.", "fr"), other


@settings(max_examples=60, deadline=None, derandomize=True)
@given(tenths=st.integers(min_value=11, max_value=9_999), exp=st.sampled_from([6, 9]))
def test_a_scaled_figure_written_in_full_is_the_same_value(tenths, exp):
    value = Decimal(tenths) / 10
    word = {6: "million", 9: "billion"}[exp]
    en = f"The census counted {value} {word} residents."
    full = format_decimal(value.scaleb(exp), locale="fr_FR")
    assert numbers_findings(en, f"Le recensement a compté {full} habitants.", "fr") == [], full
    wrong = format_decimal((value + 1).scaleb(exp), locale="fr_FR")
    assert numbers_findings(en, f"Le recensement a compté {wrong} habitants.", "fr"), wrong
