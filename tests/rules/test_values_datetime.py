"""Issue 21, round 4 (dates and times): a date and a clock time written together are one value,
written with CLDR's date-time combination and interval patterns; weekdays joined to their
dates; two-digit years kept two-digit; dotted, spaced and ISO dates; odd clock spellings. Every
sentence here was written for these tests."""

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


rendered = partial(values_support.rendered, settings=S)


# -- a date and a clock time: one value, CLDR's date-time combination pattern ------------------

def test_a_date_and_its_clock_time_are_one_value():
    text = "The ceasefire takes effect on Nov. 4, 2026, 6:00 a.m., the ministry said."
    assert found(text) == [("datetime", "Nov. 4, 2026, 6:00 a.m.")]
    assert rendered(text, "fr") == ["4 novembre 2026, 6 h"]
    assert rendered(text, "ar") == ["4 نوفمبر 2026، 6\u202fص"]


def test_a_clock_time_before_its_date_and_a_dotted_date():
    text = "The last convoy left Aleppo, the log reads 14:40 21.05.2026."
    assert found(text) == [("datetime", "14:40 21.05.2026")]
    # a date in figures takes CLDR's short combination pattern ("{1} {0}" in French)
    assert rendered(text, "fr") == ["21 mai 2026 14 h 40"]
    assert rendered(text, "ar") == ["21 مايو 2026، 14:40"]


def test_a_unix_time_stamp_is_one_value_with_its_weekday_checked():
    text = "The wire stamp read Tue Mar 3 09:41:07 2026 when the alert went out."
    assert found(text) == [("datetime", "Tue Mar 3 09:41:07 2026")]
    assert rendered(text, "fr") == ["mardi 3 mars 2026, 09:41:07"]
    assert detect(text).problems == []


def test_a_weekday_before_an_iso_date_joins_it_or_is_reported():
    assert rendered("Markets reopen Monday 2026-6-1 after the holiday.", "fr") == [
        "lundi 1er juin 2026"]
    det = detect("Markets reopen Friday 2026-6-1 after the holiday.")
    assert [q.text for _, _, q in det.spans] == ["2026-6-1"]
    assert det.problems == ["'Friday 2026-6-1': 1 June 2026 is a Monday, not a Friday"]


def test_a_weekday_and_a_day_without_a_month():
    text = "The vote is set for Tuesday the 3rd, 7pm, and the count for fri the 6th."
    assert found(text) == [("datetime", "Tuesday the 3rd, 7pm"), ("date", "fri the 6th")]
    assert rendered(text, "fr") == ["mardi 3, 19 h", "vendredi 6"]
    assert all(not LATIN.search(out) for out in rendered(text, "ar"))


def test_a_time_at_then_on_a_date_stays_two_values():
    # "at 4 a.m. on Nov. 27": each placed by the engine with its preposition
    assert found("The truce began at 4 a.m. on Nov. 27, 2026.") == [
        ("time", "4 a.m."), ("date", "Nov. 27, 2026")]


def test_a_bare_hour_next_to_a_date_keeps_the_sources_figure():
    # "at 6" says no a.m. or p.m.: none is guessed, the figure is kept on the 24-hour clock
    text = "Crews were told to report Friday the 13th at 6, before dawn."
    assert found(text) == [("datetime", "Friday the 13th at 6")]
    assert rendered(text, "fr") == ["vendredi 13, 6 h"]


def test_a_figure_after_a_weekday_is_no_day_without_a_time():
    assert found("On Friday 23 people died; stir in 1/2 cup.") == [
        ("number", "23"), ("fraction", "1/2 cup")]  # a fraction before a unit is one value


def test_words_that_look_like_weekdays_or_hours_stay_apart():
    # "wed", "sat" are words; a count after a date is no hour; two bare figures are no range
    assert found("They wed Oct. 3, 2026 in Rome; he sat 3/4 of the exam.") == [
        ("date", "Oct. 3, 2026"), ("fraction", "3/4")]
    assert detect("They wed Oct. 3, 2026 in Rome.").problems == []
    assert found("On Friday the 13th 20 people died.") == [
        ("date", "Friday the 13th"), ("number", "20")]
    assert found("Between 5 and 10 on March 3 were hurt.") == [
        ("number", "5"), ("number", "10"), ("date", "March 3")]


# -- a date with a range of clock times: one value, CLDR's interval formats ---------------------

def test_a_date_with_a_range_of_clock_times():
    text = "Polling stations open Sunday, March 1, 2026, 7:00 AM - 7:00 PM."
    assert found(text) == [("datetime", "Sunday, March 1, 2026, 7:00 AM - 7:00 PM")]
    assert rendered(text, "fr") == ["dimanche 1er mars 2026, 7 h\u2009–\u200919 h"]
    assert rendered(text, "ar") == ["الأحد، 1 مارس 2026، 7\u202fص\u2009–\u20097\u202fم"]


def test_between_two_hours_on_a_date_shares_the_period():
    text = "Shelling resumed on 3/14 between 2 and 4pm, residents said."
    assert found(text) == [("datetime", "3/14 between 2 and 4pm")]
    assert rendered(text, "fr") == ["14 mars 14 h\u2009–\u200916 h"]
    assert rendered(text, "ar") == ["14 مارس، 2–4\u202fم"]  # format_interval: one period for both
    text = "Talks are scheduled between 9 and 11:30 on July 14, 2026, in Geneva."
    assert found(text) == [("datetime", "between 9 and 11:30 on July 14, 2026")]
    assert rendered(text, "fr") == ["14 juillet 2026, 9 h\u2009–\u200911 h 30"]


def test_a_morning_start_before_an_afternoon_end():
    text = "The clinic is open Monday 21 between 9:30 and 3:00 pm."
    q = detect(text).spans[0][2]
    assert (q.kind, q.time, q.time2) == ("datetime", dt.time(9, 30), dt.time(15, 0))


# -- two-digit years, spaced and year-first dates ------------------------------------------------

def test_two_digit_years_stay_two_digit():
    text = "The bonds mature 06/30/31 and the notes in March of 98."
    assert found(text) == [("date", "06/30/31"), ("date", "March of 98")]
    assert rendered(text, "fr") == ["30/06/31", "mars 98"]
    assert rendered(text, "ar") == ["30\u200f/6\u200f/31", "مارس 98"]


def test_spaced_and_year_first_dates():
    text = "Results are expected 2026 10 05, and the summit opens in 2027 March."
    assert found(text) == [("date", "2026 10 05"), ("date", "2027 March")]
    assert rendered(text, "fr") == ["5 octobre 2026", "mars 2027"]


def test_dotted_dates_are_not_phone_numbers():
    text = "The decree is dated 05.11.2026 and takes effect on 07.11.2026 at 00:01."
    assert found(text) == [("date", "05.11.2026"), ("datetime", "07.11.2026 at 00:01")]
    assert rendered(text, "fr") == ["5 novembre 2026", "7 novembre 2026 0 h 01"]


def test_loose_commas_and_in_before_a_year():
    assert found("The bank failed on Dec. 31 , 1998 and reopened on 2 June in 2003.") == [
        ("date", "Dec. 31 , 1998"), ("date", "2 June in 2003")]


# -- odd clock spellings ------------------------------------------------------------------------

def test_odd_clock_spellings_are_clock_times():
    text = "The curfew starts at 10 o'clock, shops shut at 9.pm and open at 9:00a or 8 a . m ."
    assert found(text) == [("time", "10 o'clock"), ("time", "9.pm"), ("time", "9:00a"),
                           ("time", "8 a . m")]
    assert rendered(text, "fr") == ["10 h", "21 h", "9 h", "8 h"]


# -- not dates ----------------------------------------------------------------------------------

def test_a_day_the_calendar_does_not_have_is_reported_not_masked():
    det = detect("The treaty was signed Feb. 30, 2026, a date that does not exist.")
    assert det.spans == []
    assert det.problems == ["date out of range 'Feb. 30, 2026' in the source; left to the "
                            "translation"]


def test_letter_codes_are_not_durations():
    assert found("The swap has a 10D tenor and a 3Y leg.") == []


# -- the QA is silent on a correct translation ---------------------------------------------------

PAIRS = [
    ("The ceasefire takes effect on Nov. 4, 2026, 6:00 a.m., the ministry said.",
     "Le cessez-le-feu entre en vigueur le 4 novembre 2026 à 6 h, a indiqué le ministère.",
     "يدخل وقف إطلاق النار حيز التنفيذ في 4 نوفمبر 2026، الساعة 6 صباحا، بحسب الوزارة."),
    ("The last convoy left Aleppo, the log reads 14:40 21.05.2026.",
     "Le dernier convoi a quitté Alep, indique le journal le 21 mai 2026 à 14 h 40.",
     "غادرت القافلة الأخيرة حلب، بحسب السجل في 21 مايو 2026 الساعة 14:40."),
    ("Polling stations open Sunday, March 1, 2026, 7:00 AM - 7:00 PM.",
     "Les bureaux de vote sont ouverts le dimanche 1er mars 2026, de 7 h à 19 h.",
     "تفتح مراكز الاقتراع يوم الأحد 1 مارس 2026 من 7 صباحا حتى 7 مساء."),
    ("Talks are scheduled between 9 and 11:30 on July 14, 2026, in Geneva.",
     "Les pourparlers sont prévus entre 9 h et 11 h 30 le 14 juillet 2026 à Genève.",
     "من المقرر أن تجري المحادثات بين 9 و11:30 يوم 14 يوليو 2026 في جنيف."),
    ("The bonds mature 06/30/31 and the notes in March of 98.",
     "Les obligations arrivent à échéance le 30/06/31 et les billets en mars 98.",
     "تستحق السندات في 30/6/31 والأوراق في مارس 98."),
    ("Markets reopen Monday 2026-6-1 after the holiday.",
     "Les marchés rouvrent lundi 1er juin 2026 après le jour férié.",
     "تعيد الأسواق فتح أبوابها يوم الاثنين 1 يونيو 2026 بعد العطلة."),
    ("The vote is set for Tuesday the 3rd, 7pm, officials said.",
     "Le vote est prévu mardi 3, à 19 h, selon des responsables.",
     "حُدد موعد التصويت يوم الثلاثاء 3، الساعة 7 مساء، بحسب مسؤولين."),
    ("The curfew starts at 10 o'clock and the market opens at 9:00a.",
     "Le couvre-feu commence à 10 h et le marché ouvre à 9 h.",
     "يبدأ حظر التجول الساعة 10 ويفتح السوق الساعة 9 صباحا."),
    ("Results are expected 2026 10 05, and the summit opens in 2027 March.",
     "Les résultats sont attendus le 5 octobre 2026 et le sommet s’ouvre en mars 2027.",
     "يُنتظر صدور النتائج في 5 أكتوبر 2026، وتفتتح القمة في مارس 2027."),
    ("Shelling resumed on 3/14 between 2 and 4pm, residents said.",
     "Les bombardements ont repris le 14 mars entre 14 h et 16 h, selon des habitants.",
     "استؤنف القصف في 14 مارس بين 2 و4 مساء، بحسب سكان."),
    ("The decree is dated 05.11.2026 and takes effect on 07.11.2026 at 00:01.",
     "Le décret est daté du 5 novembre 2026 et entre en vigueur le 7 novembre 2026 à 0 h 01.",
     "صدر المرسوم بتاريخ 5 نوفمبر 2026 ويدخل حيز التنفيذ في 7 نوفمبر 2026 الساعة 00:01."),
    ("The wire stamp read Tue Mar 3 09:41:07 2026 when the alert went out.",
     "L’horodatage de la dépêche indiquait mardi 3 mars 2026, 09:41:07, quand l’alerte a été "
     "lancée.",
     "كان ختم البرقية يشير إلى الثلاثاء 3 مارس 2026، 09:41:07 عند إطلاق الإنذار."),
]


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("pair", PAIRS, ids=[p[0][:30] for p in PAIRS])
def test_no_error_and_no_warning_on_a_correct_translation(pair, lang):
    source, fr, ar = pair
    assert loud_findings(source, fr if lang == "fr" else ar, lang, S) == []


def test_locpipe_qa_over_po_files_of_these_translations_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./glossary here: the values alone are checked
    assert qa_over_po_files(tmp_path, "dates", PAIRS) == (
        f"2 file(s), {2 * len(PAIRS)} segment(s) — no findings")


def test_a_wrong_day_or_hour_is_still_caught():
    source, fr, _ = PAIRS[0]
    assert check_numbers(source, fr.replace("4 novembre", "5 novembre"), "fr", S) != []
    assert check_numbers(source, fr.replace("6 h", "7 h"), "fr", S) != []


# -- any date with a time or a range of times ---------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _clock12(t: dt.time) -> str:
    return f"{t.hour % 12 or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


@settings(max_examples=120, deadline=None, derandomize=True)
@given(date=st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
       start=st.integers(0, 23 * 60 - 1), length=st.integers(0, 600),
       form=st.sampled_from(["mdy", "dmy", "iso", "between"]), lang=st.sampled_from(["fr", "ar"]))
def test_any_date_with_a_time_or_range_renders_and_reads_back(date, start, length, form, lang):
    t1 = dt.time(start // 60, start % 60 // 5 * 5)
    end = min(t1.hour * 60 + t1.minute + length, 23 * 60 + 55)
    t2 = dt.time(end // 60, end % 60) if length and end > t1.hour * 60 + t1.minute else None
    month = MONTHS[date.month - 1]
    if form == "between" and t2 is not None:
        value = (f"between {t1:%H:%M} and {t2:%H:%M} on {month} {date.day}, {date.year}")
    elif form == "dmy":
        value = f"{date.day} {month} {date.year} at {t1:%H:%M}" + (
            f" - {t2:%H:%M}" if t2 else "")
    elif form == "iso":
        value = f"{date:%Y-%m-%d} {t1:%H:%M}"
        t2 = None
    else:
        value = f"{month} {date.day}, {date.year}, {_clock12(t1)}" + (
            f" - {_clock12(t2)}" if t2 else "")
    if form == "between" and t2 is None:
        value, form = f"{month} {date.day}, {date.year}, {_clock12(t1)}", "mdy"
    source = f"The hearing was set for {value}, the court said."
    spans = detect(source).spans
    assert [(q.kind, q.text) for _, _, q in spans] == [("datetime", value)]
    q = spans[0][2]
    assert (q.date, q.time, q.time2) == (date, t1, t2)
    out = render(q, style_for(lang, S))
    if lang == "ar":
        assert not LATIN.search(out)
    assert check_numbers(source, f"— {out} —", lang, S) == []


# -- every profile language ----------------------------------------------------------------------

PROFILE_LANGS = ["ar", "de", "es", "fa", "fr", "hi", "ja", "pt", "tr", "uk", "ur", "zh"]
SAMPLES = ["Polls open Sunday, March 1, 2026, 7:00 AM - 7:00 PM.",
           "The stamp read Tue Mar 3 09:41:07 2026.", "Crews report Friday the 13th at 6.",
           "Bonds mature 06/30/31, notes in March of 98.", "The log reads 14:40 21.05.2026.",
           "Shelling resumed on 3/14 between 2 and 4pm."]


@pytest.mark.parametrize("lang", PROFILE_LANGS)
def test_every_profile_language_writes_these_values_and_reads_them_back(lang):
    settings = Settings(targets=[lang])
    style = style_for(lang, settings)
    for text in SAMPLES:
        out = " ; ".join(render(q, style) for _, _, q in detect(text).spans)
        assert check_numbers(text, out, lang, settings) == [], (text, out)


def test_a_year_and_its_month_in_iso_form_but_not_a_span_of_years():
    # no span of years ends in an earlier one: "2015-12" is December 2015; "2008-12" a span
    assert found("The index peaked in 2015-12, after the 2008-12 slump and the 2011-12 season.") \
        == [("date", "2015-12"), ("year", "2008"), ("season", "2011-12")]
    assert rendered("It peaked in 2015-12.", "fr") == ["décembre 2015"]


def test_a_decade_with_a_stray_space_but_not_a_capital_s():
    assert found("Prices doubled in the 1990 s. In 2020 S. Korea grew.") == [
        ("decade", "1990 s"), ("year", "2020")]


@settings(max_examples=120, deadline=None, derandomize=True)
@given(date=st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
       form=st.sampled_from(["dotted", "spaced", "iso", "yy", "weekday"]),
       lang=st.sampled_from(["fr", "ar"]))
def test_any_date_in_the_new_written_forms_is_one_value_read_back(date, form, lang):
    value = {"dotted": f"{date.day}.{date.month:02d}.{date.year}",
             "spaced": f"{date:%Y %m %d}",
             "iso": f"{date.year}-{date.month}-{date.day}",
             "yy": f"{date.month}/{date.day}/{date:%y}",
             "weekday": f"{WEEKDAY_NAMES[date.weekday()]} {date.year}-{date.month}-{date.day}",
             }[form]
    source = f"The ruling, dated {value}, was published."
    spans = detect(source).spans
    assert [(q.kind, q.text) for _, _, q in spans] == [("date", value)]
    q = spans[0][2]
    assert (q.date.month, q.date.day, q.date.year % 100) == (date.month, date.day,
                                                             date.year % 100)
    out = render(q, style_for(lang, S))
    if lang == "ar":
        assert not LATIN.search(out)
    assert check_numbers(source, f"— {out} —", lang, S) == []


WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def test_a_weekday_before_feb_29_without_a_year_finds_a_leap_year():
    q = detect("The count resumes Mon Feb 29 at 9am.").spans[0][2]
    assert (q.kind, q.date.weekday(), q.date.month, q.date.day) == ("datetime", 0, 2, 29)
    assert render(q, style_for("fr", S)) == "lundi 29 février, 9 h"
