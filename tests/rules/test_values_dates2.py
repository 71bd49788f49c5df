"""Issue 21, round 5 (dates2): a span from one date to another, each end with its own month
(CLDR's interval formats, or each end's CLDR form in the fallback interval pattern where the
source leaves a year out); a month's name glued to its day, or with its year and day in any
order; a date "for" a clock time with its a.m./p.m.; calendar and school years in the
profile's words; a signed figure with a spaced k suffix. Every sentence here was written
for these tests."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.context import Settings
from locpipe.rules.numbers import check_numbers, detect, render, style_for
from tests.rules import values_support
from tests.rules.values_support import found, loud_findings, qa_over_po_files

S = Settings(targets=["fr", "ar"])
LATIN = re.compile(r"[A-Za-z]")
THIN = "\u2009"  # CLDR's French interval pattern: thin spaces around the dash

rendered = partial(values_support.rendered, settings=S)


# -- a span from one date to another ------------------------------------------------------------

def test_a_span_across_the_new_year_with_days_is_one_value():
    text = "The festival runs Dec. 27-Jan. 4, 2027 in Muscat."
    assert found(text) == [("datespan", "Dec. 27-Jan. 4, 2027")]
    # the start's year (2026) is not written: the source does not write it
    assert rendered(text, "fr") == [f"27 décembre{THIN}–{THIN}4 janvier 2027"]
    assert rendered(text, "ar") == ["27 ديسمبر – 4 يناير 2027"]
    q = detect(text).spans[0][2]
    assert (q.date, q.date2) == (dt.date(2026, 12, 27), dt.date(2027, 1, 4))


def test_a_month_range_across_the_new_year_says_only_its_ends_year():
    text = "The harvest, Oct-Mar 2026, was the poorest in a decade."
    assert found(text) == [("datespan", "Oct-Mar 2026")]
    assert rendered(text, "fr") == [f"octobre{THIN}–{THIN}mars 2026"]
    assert rendered(text, "ar") == ["أكتوبر – مارس 2026"]
    text = "Rationing lasts Nov-Jan 12th, 2027, officials said."
    assert rendered(text, "fr") == [f"novembre{THIN}–{THIN}12 janvier 2027"]


def test_a_span_with_a_year_at_both_ends_is_cldrs_interval():
    text = "Subsidies ran Nov. 2024-Apr. 2025 before the cut, and Jan/2026-Jun/2026 after."
    assert found(text) == [("datespan", "Nov. 2024-Apr. 2025"),
                           ("datespan", "Jan/2026-Jun/2026")]
    # format_interval writes one year where both ends have the same
    assert rendered(text, "fr") == [f"novembre 2024{THIN}–{THIN}avril 2025",
                                    f"janvier{THIN}–{THIN}juin 2026"]
    assert rendered(text, "ar") == ["نوفمبر 2024 – أبريل 2025", "يناير – يونيو 2026"]


def test_a_span_within_one_year_writes_its_months_in_full():
    # French CLDR has no "yMMMMd" interval (its nearest abbreviates: "2 avr."): each end in
    # CLDR's long form instead
    assert rendered("The talks run March 30-April 2, 2026 in Doha.", "fr") == [
        f"30 mars{THIN}–{THIN}2 avril 2026"]
    assert rendered("The talks run March 30-April 2 in Doha.", "fr") == [
        f"30 mars{THIN}–{THIN}2 avril"]


def test_a_span_out_of_order_is_reported_not_masked():
    det = detect("The plan covered Dec 2026-Jan 2025, the audit found.")
    assert det.spans == []
    assert det.problems == ["date range out of order or out of range 'Dec 2026-Jan 2025' in "
                            "the source; left to the translation"]


def test_words_that_look_like_months_and_ranges_stay_apart():
    # lower-case "march" is a verb; "5k - 10k" is a range, not minus ten thousand
    assert found("The columns march 3-April 5 through the pass.") == [
        ("number", "3"), ("date", "April 5")]
    assert found("Same-month spans stay as they were: June-August 2026.") == [
        ("daterange", "June-August 2026")]


# -- a month's name glued to its day, or with its year and day in any order ----------------------

def test_a_months_name_glued_to_its_day():
    text = "Shares slid on Dec31 , 2025 and again on mar4."
    assert found(text) == [("date", "Dec31 , 2025"), ("date", "mar4")]
    assert rendered(text, "fr") == ["31 décembre 2025", "4 mars"]
    assert rendered(text, "ar") == ["31 ديسمبر 2025", "4 مارس"]


def test_a_months_name_in_capitals_glued_to_figures_is_a_code():
    assert found("The DEC31 contract and the JUN2 series expired.") == []


def test_a_months_name_makes_any_order_of_year_and_day_certain():
    text = "The decree, dated March-2026-14, was signed 2026/15/Apr and filed 16-2026-May."
    assert found(text) == [("date", "March-2026-14"), ("date", "2026/15/Apr"),
                           ("date", "16-2026-May")]
    assert rendered(text, "fr") == ["14 mars 2026", "15 avril 2026", "16 mai 2026"]
    assert rendered(text, "ar") == ["14 مارس 2026", "15 أبريل 2026", "16 مايو 2026"]


def test_a_day_the_month_does_not_have_is_reported():
    det = detect("The notice was dated February-2026-30.")
    assert det.spans == []
    assert det.problems == ["date out of range 'February-2026-30' in the source; left to the "
                            "translation"]


# -- a date "for" its clock time ----------------------------------------------------------------

def test_a_date_for_a_clock_time_with_its_period_is_one_value():
    text = "The hall is booked Nov. 3 for 7:30 p.m., the organisers said."
    assert found(text) == [("datetime", "Nov. 3 for 7:30 p.m.")]
    assert rendered(text, "fr") == ["3 novembre, 19 h 30"]
    assert rendered(text, "ar") == ["3 نوفمبر، 7:30 م"]


def test_a_date_for_a_duration_or_a_count_stays_two_values():
    # no a.m./p.m.: "for 2:10:30" is how long, "for 3 hours" a duration (a CLDR unit)
    assert found("She was held on March 3 for 2:10:30 and on June 2 for 3 hours.") == [
        ("date", "March 3"), ("duration", "2:10:30"), ("date", "June 2"), ("unit", "3 hours")]


# -- calendar and school years -------------------------------------------------------------------

def test_calendar_and_school_years_in_the_profiles_words():
    text = "Enrolment in SY 2025/26 beat CY2024 and sy19."
    assert found(text) == [("fiscal", "SY 2025/26"), ("fiscal", "CY2024"), ("fiscal", "sy19")]
    assert rendered(text, "fr") == ["année scolaire 2025/26", "année civile 2024",
                                    "année scolaire 2019"]
    assert rendered(text, "ar") == ["العام الدراسي 2025/26", "السنة التقويمية 2024",
                                    "العام الدراسي 2019"]


def test_a_profile_without_the_words_keeps_the_sources_form():
    it = Settings(targets=["it"])  # a CLDR-only profile: CLDR names no calendar year
    assert values_support.rendered("Revenue for CY2024 rose.", "it", it) == ["CY2024"]


def test_a_name_in_mixed_case_is_no_calendar_year():
    assert found("In Cy 2008 the club won.") == [("year", "2008")]


# -- a signed figure with a spaced suffix ---------------------------------------------------------

def test_a_signed_figure_with_a_spaced_k():
    text = "Net flows: - 15  k, then +4k."
    assert found(text) == [("number", "- 15  k"), ("number", "+4k")]
    assert rendered(text, "fr") == ["-15\u202f000", "+4\u202f000"]
    assert found("Crowds grew by 5k - 10k a day.") == [("number", "5k"), ("number", "10k")]


# -- the QA is silent on a correct translation ---------------------------------------------------

PAIRS = [
    ("The festival runs Dec. 27-Jan. 4, 2027 in Muscat.",
     "Le festival se tient du 27 décembre au 4 janvier 2027 à Mascate.",
     "يقام المهرجان من 27 ديسمبر إلى 4 يناير 2027 في مسقط."),
    ("The harvest, Oct-Mar 2026, was the poorest in a decade.",
     "La récolte d’octobre à mars 2026 a été la plus faible depuis dix ans.",
     "كان محصول أكتوبر – مارس 2026 الأضعف منذ عقد."),
    ("Subsidies ran Nov. 2024-Apr. 2025 before the cut.",
     "Les subventions ont couru de novembre 2024 à avril 2025 avant la coupe.",
     "استمر الدعم من نوفمبر 2024 إلى أبريل 2025 قبل خفضه."),
    ("Shares slid on Dec31 , 2025 and again on mar4.",
     "L’action a reculé le 31 décembre 2025 puis le 4 mars.",
     "تراجعت الأسهم في 31 ديسمبر 2025 ثم في 4 مارس."),
    ("The decree, dated March-2026-14, was signed 2026/15/Apr.",
     "Le décret, daté du 14 mars 2026, a été signé le 15 avril 2026.",
     "وُقّع المرسوم المؤرخ في 14 مارس 2026 في 15 أبريل 2026."),
    ("Enrolment in SY 2025/26 beat CY2024.",
     "Les inscriptions de l’année scolaire 2025/26 ont dépassé celles de l’année civile 2024.",
     "تجاوز التسجيل في العام الدراسي 2025/26 مستوى السنة التقويمية 2024."),
    ("The hall is booked Nov. 3 for 7:30 p.m., the organisers said.",
     "La salle est réservée le 3 novembre à 19 h 30, ont indiqué les organisateurs.",
     "القاعة محجوزة في 3 نوفمبر الساعة 7:30 مساء، بحسب المنظمين."),
    ("Net flows for the week: - 15  k.",
     "Flux nets de la semaine : -15 000.",
     "صافي التدفقات في الأسبوع: -15,000."),
]


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("pair", PAIRS, ids=[p[0][:30] for p in PAIRS])
def test_no_error_and_no_warning_on_a_correct_translation(pair, lang):
    source, fr, ar = pair
    assert loud_findings(source, fr if lang == "fr" else ar, lang, S) == []


def test_locpipe_qa_over_po_files_of_these_translations_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./glossary here: the values alone are checked
    assert qa_over_po_files(tmp_path, "dates2", PAIRS) == (
        f"2 file(s), {2 * len(PAIRS)} segment(s) — no findings")


def test_a_wrong_month_day_or_year_is_still_caught():
    source, fr, ar = PAIRS[0]
    assert check_numbers(source, fr.replace("27 décembre", "27 novembre"), "fr", S) != []
    assert check_numbers(source, fr.replace("4 janvier", "5 janvier"), "fr", S) != []
    assert check_numbers(source, ar.replace("2027", "2026"), "ar", S) != []
    source, fr, _ = PAIRS[5]
    assert check_numbers(source, fr.replace("2024", "2023"), "fr", S) != []


# -- any span between two months with a year -----------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(start=st.dates(dt.date(1950, 1, 1), dt.date(2098, 12, 31)), length=st.integers(1, 700),
       form=st.sampled_from(["months", "days", "slashes", "abbr"]),
       lang=st.sampled_from(["fr", "ar"]))
def test_any_span_between_two_months_is_one_value_read_back(start, length, form, lang):
    end = start + dt.timedelta(days=length)
    if (start.year, start.month) == (end.year, end.month) or \
            (form == "months" and start.month == end.month):
        return  # one month: a range of days, not a span ("January-January 2027": no span)
    # without its own year, the start is in the end's year, or the one before when its
    # month (and day) come later: the span the source can write so
    first = (start.month, start.day if form == "days" else 1)
    implied = end.year - (first >= (end.month, end.day if form == "days" else 1))
    if form in ("days", "months") and start.year != implied:
        return
    m1, m2 = MONTHS[start.month - 1], MONTHS[end.month - 1]
    if form == "days":
        value = f"{m1} {start.day}-{m2} {end.day}, {end.year}"
    elif form == "slashes":
        value = f"{m1[:3]}/{start.year}-{m2[:3]}/{end.year}"
    elif form == "abbr":
        value = f"{m1[:3]}. {start.year}-{m2[:3]}. {end.year}"
    else:
        value = f"{m1}-{m2} {end.year}"
    if form == "months" and start.year == end.year:
        kind = "daterange"  # a range of months in one year, as before
    else:
        kind = "datespan"
    source = f"The programme ran {value}, the agency said."
    spans = detect(source).spans
    assert [(q.kind, q.text) for _, _, q in spans] == [(kind, value)]
    q = spans[0][2]
    assert (q.date.year, q.date.month, q.date2.year, q.date2.month) == (
        start.year, start.month, end.year, end.month)
    out = render(q, style_for(lang, S))
    if lang == "ar":
        assert not LATIN.search(out)
    assert check_numbers(source, f"— {out} —", lang, S) == []


@settings(max_examples=120, deadline=None, derandomize=True)
@given(date=st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
       form=st.sampled_from(["glued", "glued_year", "myd", "ydm", "dym"]),
       abbr=st.booleans(), lang=st.sampled_from(["fr", "ar"]))
def test_any_date_a_months_name_makes_certain_is_one_value_read_back(date, form, abbr, lang):
    month = MONTHS[date.month - 1][:3] if abbr else MONTHS[date.month - 1]
    value = {"glued": f"{month}{date.day}", "glued_year": f"{month}{date.day}, {date.year}",
             "myd": f"{month}-{date.year}-{date.day}", "ydm": f"{date.year}/{date.day}/{month}",
             "dym": f"{date.day}-{date.year}-{month}"}[form]
    source = f"The filing, dated {value}, was published."
    spans = detect(source).spans
    assert [(q.kind, q.text) for _, _, q in spans] == [("date", value)]
    q = spans[0][2]
    assert (q.date.month, q.date.day) == (date.month, date.day)
    if form != "glued":
        assert q.date.year == date.year
    out = render(q, style_for(lang, S))
    if lang == "ar":
        assert not LATIN.search(out)
    assert check_numbers(source, f"— {out} —", lang, S) == []
