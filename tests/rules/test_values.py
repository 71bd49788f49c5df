"""Values a wire story carries beyond plain figures (issue 21): CLDR units, every ISO currency
with its scale word, signed values, time zones after a.m./p.m. — detected as one value each,
written by CLDR in the target locale, and compared as values by the QA. Sentences written for
these tests (sports, weather, markets, disasters)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale
from babel.numbers import format_decimal, get_currency_name, list_currencies
from babel.units import format_unit
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.context import Settings
from locpipe.rules.numbers import (
    _WORD_CODES,
    ISO_CODES,
    check_numbers,
    detect,
    render,
    style_for,
)
from locpipe.testing.fake_numbers import FaultyNumbersEngine
from tests.stages.test_localize import run

NNBSP, NBSP, THIN = "\u202f", "\u00a0", "\u2009"
S = Settings(targets=["fr", "ar"])


def found(text: str) -> list[tuple[str, str]]:
    return [(q.kind, q.text) for _, _, q in sorted(detect(text).spans, key=lambda s: s[0])]


def rendered(text: str, lang: str) -> list[str]:
    style = style_for(lang, S)
    return [render(q, style) for _, _, q in sorted(detect(text).spans, key=lambda s: s[0])]


def restored(text: str, lang: str) -> str:
    """The sentence through mask -> an engine that keeps the words -> restore."""
    unit, = run([text], lang, FaultyNumbersEngine("en", lang, faults="clean"))
    assert unit.findings == []
    return unit.target


# -- units -------------------------------------------------------------------------------------

WEATHER = ("Frost of -4C hit the camps near Azaz while Basra sweltered at 49°C and Tucson "
           "at 112F; gusts of 95 km/h and 55 mph tore the tents.")


def test_temperatures_and_speeds_are_one_value_each():
    assert found(WEATHER) == [("unit", "-4C"), ("unit", "49°C"), ("unit", "112F"),
                              ("unit", "95 km/h"), ("unit", "55 mph")]


def test_units_are_written_by_cldr_in_french_and_arabic():
    assert rendered(WEATHER, "fr") == [f"-4{NNBSP}°C", f"49{NNBSP}°C", f"112{NNBSP}°F",
                                       f"95{NNBSP}km/h", f"55{NNBSP}mi/h"]
    assert rendered(WEATHER, "ar") == ["-4°م", "49°م", "112°ف", "95 كم/س", "55 ميل/س"]


def test_spelled_units_are_written_long_and_imperial_stays_imperial():
    text = ("Rescuers dug through 14 feet of rubble, hauled 300 tonnes of debris over 12 miles "
            "and cleared 2,500 square meters.")
    assert found(text) == [("unit", "14 feet"), ("unit", "300 tonnes"), ("unit", "12 miles"),
                           ("unit", "2,500 square meters")]
    assert rendered(text, "fr") == ["14 pieds", f"300{NBSP}tonnes", f"12{NBSP}miles",
                                    f"2{NNBSP}500{NNBSP}m²"]


def test_a_whole_count_of_spelled_hours_is_a_duration_cldr_makes_agree():
    text = "The crossing took 11 to 14 hours; the sprint relay took 2h and the climb 3.5 hours."
    assert found(text) == [("number", "11"), ("unit", "14 hours"), ("unit", "2h"),
                           ("unit", "3.5 hours")]
    assert rendered(text, "fr")[2:] == [f"2{NNBSP}h", f"3,5{NBSP}heures"]


def test_arabic_keeps_the_figure_where_cldr_writes_only_a_word():
    # CLDR's Arabic dual and singular ("متران", "متر") have no figure: a value is never a word
    assert rendered("The wall was 2 metres high and 1 metre thick.", "ar") == [
        "2 متر", "1 متر"]


def test_pounds_are_a_weight_unless_a_scale_word_makes_them_money():
    text = "Each family got 20 pounds of rice; the appeal raised 45 million pounds."
    assert found(text) == [("unit", "20 pounds"), ("money", "45 million pounds")]
    assert rendered(text, "fr") == [f"20{NBSP}livres", "45 millions de livres sterling"]


UNITS = ["temperature-celsius", "temperature-fahrenheit", "speed-kilometer-per-hour",
         "speed-mile-per-hour", "length-kilometer", "length-mile", "length-foot",
         "area-square-kilometer", "area-hectare", "mass-kilogram", "mass-tonne",
         "volume-liter", "volume-barrel", "power-megawatt", "duration-minute"]
WORDS = {"temperature-celsius": "C", "temperature-fahrenheit": "F",
         "speed-kilometer-per-hour": " km/h", "speed-mile-per-hour": " mph",
         "length-kilometer": " km", "length-mile": " miles", "length-foot": " feet",
         "area-square-kilometer": " sq km", "area-hectare": " hectares", "mass-kilogram": " kg",
         "mass-tonne": " tonnes", "volume-liter": " litres", "volume-barrel": " barrels",
         "power-megawatt": " MW", "duration-minute": " mins"}
SPELLED = {"length-mile", "length-foot", "area-hectare", "mass-tonne", "volume-barrel",
           "duration-minute"}


@settings(max_examples=150, deadline=None, derandomize=True)
@given(unit=st.sampled_from(UNITS),
       whole=st.integers(min_value=1, max_value=99_999), tenths=st.integers(0, 9),
       lang=st.sampled_from(["fr", "ar", "de", "es"]))
def test_any_unit_and_value_round_trips_as_cldr_writes_it(unit, whole, tenths, lang):
    value = Decimal(whole) if not tenths else Decimal(f"{whole % 1000}.{tenths}")
    figure = f"{value:,}"
    text = f"Officials measured {figure}{WORDS[unit]} on Tuesday."
    (_, _, q), = detect(text).spans
    assert (q.kind, q.unit, q.value) == ("unit", unit, value)
    style = style_for(lang, Settings(targets=[lang]))
    out = render(q, style)
    length = "long" if unit in SPELLED else "short"
    cldr = format_unit(value, unit, length=length, locale=style.locale)
    assert out == cldr or not any(c.isdigit() for c in cldr)
    assert check_numbers(text, f"Mesuré {out} mardi.", lang, Settings(targets=[lang])) == []


# -- currencies and scale words ----------------------------------------------------------------

MARKETS = ("Tokyo shares cost ¥980, Zurich moved CHF 2bn, Mumbai pledged ₹40 crore, Frankfurt "
           "€3.8bn and London £720m; the IMF wants 2 billion USD and 640 million euros.")


def test_every_currency_sign_code_and_name_is_one_amount():
    assert [q for _, q in found(MARKETS)] == [
        "¥980", "CHF 2bn", "₹40 crore", "€3.8bn", "£720m", "2 billion USD", "640 million euros"]


def test_amounts_take_cldr_names_scale_words_and_plurals():
    assert rendered(MARKETS, "fr") == [
        "980 yens japonais", "2 milliards de francs suisses", "400 millions de roupies indiennes",
        "3,8 milliards d’euros", "720 millions de livres sterling", "2 milliards de dollars",
        "640 millions d’euros"]
    assert rendered(MARKETS, "ar") == [
        "980 ين ياباني", "2 مليار فرنك سويسري", "400 مليون روبية هندي", "3.8 مليار يورو",
        "720 مليون جنيه إسترليني", "2 مليار دولار", "640 مليون يورو"]


def test_a_capitalised_word_before_a_figure_is_not_a_currency():
    assert found("The NGO 12 teams and ALL 40 medics left.") == [
        ("number", "12"), ("number", "40")]


CODES = sorted(c for c in ISO_CODES if c not in _WORD_CODES and c != "XXX"
               and c in list_currencies())


@settings(max_examples=200, deadline=None, derandomize=True)
@given(code=st.sampled_from(CODES), amount=st.integers(min_value=1, max_value=10**9),
       lang=st.sampled_from(["fr", "ar", "es", "de"]))
def test_any_amount_in_any_cldr_currency(code, amount, lang):
    text = f"The ministry transferred {code} {amount:,} to the fund."
    (_, _, q), = detect(text).spans
    assert (q.kind, q.currency, q.value) == ("money", code, amount)
    st_ = Settings(targets=[lang])
    style = style_for(lang, st_)
    out = render(q, style)
    assert format_decimal(amount, locale=style.locale) in out
    if not style.profile.currency_words.get(code):
        assert out.endswith(get_currency_name(code, count=amount, locale=style.locale))
    assert check_numbers(text, f"Transfert de {out}.", lang, st_) == []


# -- signs, time zones -------------------------------------------------------------------------

def test_signed_values_keep_their_sign_in_cldr_form():
    text = "The index lost −8 points, the lira gained +1.3% and the goal difference is (+11)."
    assert found(text) == [("number", "−8"), ("percent", "+1.3%"), ("number", "+11")]
    assert rendered(text, "fr") == ["-8", f"+1,3{NBSP}%", "+11"]
    plus = Locale.parse("ar").number_symbols["latn"]["plusSign"]
    assert rendered(text, "ar")[2] == f"{plus}11"


def test_no_stray_full_stop_after_pm_when_a_zone_follows():
    out = restored("Polls closed at 8:15 p.m. CET (1915 GMT) in Warsaw.", "fr")
    assert out == "Polls closed at 20 h 15 CET (19 h 15 GMT) in Warsaw."


# -- the QA compares values, and is silent on a correct translation ------------------------

CORRECT = [
    ("Frost of -4C hit the camps near Azaz on Sunday.", "fr",
     "Un gel de -4\u00a0°C a frappé les camps près d’Azaz dimanche."),
    ("Gusts of 95 km/h tore the tents.", "ar", "مزقت هبات رياح بلغت 95 كم/س الخيام."),
    ("Rescuers hauled 300 tonnes of debris over 12 miles.", "fr",
     "Les secouristes ont transporté 300 tonnes de débris sur 12 miles."),
    ("Frankfurt lent €3.8bn and Tokyo ¥980.", "fr",
     "Francfort a prêté 3,8 milliards d’euros et Tokyo 980 yens japonais."),
    ("The lira gained +1.3% on Friday.", "fr", "La livre a gagné +1,3\u00a0% vendredi."),
    ("Mumbai pledged ₹40 crore for the victims.", "fr",
     "Bombay a promis 400 millions de roupies aux victimes."),
]


@pytest.mark.parametrize("src,lang,tgt", CORRECT)
def test_numbers_check_is_silent_on_a_correct_translation(src, lang, tgt):
    assert check_numbers(src, tgt, lang, S) == []


def test_numbers_check_still_catches_a_changed_value():
    assert check_numbers("Frankfurt lent €3.8bn.", "Francfort a prêté 3,5 milliards d’euros.",
                         "fr", S) == ["'€3.8bn' is missing from the translation or changed",
                                      "'3,5' in the translation is not in the source"]
    assert check_numbers("Frost of -4C hit Azaz.", "Un gel de -7\u00a0°C a frappé Azaz.", "fr",
                         S) != []
    assert check_numbers("A reviewer wrote 30,000 tents.", "Un relecteur a écrit 35 000 tentes.",
                         "fr", S) != []


def test_a_code_that_is_an_english_word_is_a_currency_only_after_the_figure():
    assert found("Ankara borrowed 5 billion TRY; TRY 40 more was refused.") == [
        ("money", "5 billion TRY"), ("number", "40")]


def test_currencies_named_in_words_and_spaced_symbols():
    text = ("Canberra lent 125 million Australian dollars, Ankara 10 Turkish lira a head, "
            "Hong Kong HK $ 3.2 billion and the bank US $ 40 million.")
    assert [(q.currency, q.value, q.scale) for _, _, q in detect(text).spans] == [
        ("AUD", 125, 6), ("TRY", 10, 0), ("HKD", Decimal("3.2"), 9), ("USD", 40, 6)]
    assert rendered(text, "fr")[0] == "125 millions de dollars australiens"


def test_phone_numbers_in_directory_layouts_are_one_verbatim_value():
    text = ("Call the hotline on 202-555-0143, (212) 555-0178, +1 415-555-0132, "
            "+49 30/ 5550 1234, +44 (0)20 7946 0958 or 07700 900461.")
    assert [q.text for _, _, q in detect(text).spans if q.kind == "phone"] == [
        "202-555-0143", "(212) 555-0178", "+1 415-555-0132", "+49 30/ 5550 1234",
        "+44 (0)20 7946 0958", "07700 900461"]
    assert rendered(text, "ar") == rendered(text, "fr") == [
        "202-555-0143", "(212) 555-0178", "+1 415-555-0132", "+49 30/ 5550 1234",
        "+44 (0)20 7946 0958", "07700 900461"]


# -- quarters, times with seconds or without a colon, months in lower case ---------------------

EARNINGS = ("Profits rose in Q3 2024 after a weak 2023-Q4; the Q2 call opened at 4:05:30 p.m. "
            "and trading resumed at 930 a.m. on 3 nov 2024.")


def test_quarters_and_compact_times_are_values():
    assert found(EARNINGS) == [
        ("quarter", "Q3 2024"), ("quarter", "2023-Q4"), ("quarter", "Q2"),
        ("time", "4:05:30 p.m."), ("time", "930 a.m."), ("date", "3 nov 2024")]


def test_quarters_take_cldr_quarter_names():
    assert rendered(EARNINGS, "fr") == [
        "T3 2024", "T4 2023", "T2", "16:05:30", "9 h 30", "3 novembre 2024"]
    assert rendered(EARNINGS, "ar")[:3] == ["الربع الثالث 2024", "الربع الرابع 2023",
                                            "الربع الثاني"]


def test_may_and_march_in_lower_case_stay_words():
    assert found("They may 5 times march 3 abreast.") == [("number", "5"), ("number", "3")]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_numbers_check_is_silent_on_the_restored_earnings_sentence(lang):
    assert check_numbers(EARNINGS, restored(EARNINGS, lang), lang, S) == []


# -- scale words on plain figures --------------------------------------------------------------

CENSUS = "About 4.2 million people voted, 3bn users logged in and 13 lakh farmers marched."


def test_a_figure_and_its_scale_word_are_one_value_written_by_cldr():
    assert found(CENSUS) == [("number", "4.2 million"), ("number", "3bn"),
                             ("number", "13 lakh")]
    assert rendered(CENSUS, "fr") == ["4,2 millions", "3 milliards", "1,3 million"]
    # Arabic plural from CLDR: 3-10 take ملايين, 11 and more مليون
    assert rendered("Some 7 million and 12 million fled.", "ar") == ["7 ملايين", "12 مليون"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_numbers_check_is_silent_on_the_restored_census_sentence(lang):
    assert check_numbers(CENSUS, restored(CENSUS, lang), lang, S) == []


# -- the detector's speed-up keeps every match -------------------------------------------------

@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(
    ["3", "12", "1,500", "4.2", " ", "-", "−", "+", "(", ")", "%", "$", "€", "¥", " million",
     "bn", " km", "C", " miles", " p.m.", ":30", "Q2", " 2024", "-Q1", "Dec.", " 5", "USD",
     " CHF", "F-16", "/", "0", "+1 ", "555-0143", "www.x.org", "hours", " lakh", "Monday"]),
    max_size=14))
def test_the_guarded_detector_matches_exactly_what_the_plain_alternation_matches(pieces):
    import re

    from locpipe.rules import numbers

    text = "".join(pieces)
    plain = re.compile("|".join(numbers._top_level(numbers.SOURCE_RE.pattern)).replace(
        r"(?=[\d+\-−(])(?:", "(?:"), re.I)
    assert [(m.span(), m.lastgroup) for m in numbers.SOURCE_RE.finditer(text)] == \
        [(m.span(), m.lastgroup) for m in plain.finditer(text)]


# -- date ranges, race times -------------------------------------------------------------------

ATHLETICS = ("The championships run Aug. 21-24, 2025 in Tokyo; Kenya's champion won in 2:06:34 "
             "and the 800 metres final took 1:43.15 on 23-24 August.")


def test_date_ranges_and_race_times_are_one_value_each():
    assert found(ATHLETICS) == [
        ("daterange", "Aug. 21-24, 2025"), ("duration", "2:06:34"), ("unit", "800 metres"),
        ("duration", "1:43.15"), ("daterange", "23-24 August")]


def test_date_ranges_take_cldr_interval_formats_and_race_times_the_decimal_sign():
    assert rendered(ATHLETICS, "fr") == [
        "21–24 août 2025", "2:06:34", f"800{NNBSP}m", "1:43,15", f"23{THIN}–{THIN}24 août"]
    assert rendered(ATHLETICS, "ar")[0] == "21–24 أغسطس 2025"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_numbers_check_is_silent_on_the_restored_athletics_sentence(lang):
    assert check_numbers(ATHLETICS, restored(ATHLETICS, lang), lang, S) == []


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(year=st.integers(1990, 2040), month=st.integers(1, 12), first=st.integers(1, 25),
       length=st.integers(1, 3), lang=st.sampled_from(["fr", "ar", "es", "de", "pt"]),
       dmy=st.booleans())
def test_any_date_range_is_written_as_cldr_writes_it(year, month, first, length, lang, dmy):
    import datetime as dt

    from babel.dates import format_interval

    name = MONTH_NAMES[month - 1]
    last = first + length
    text = (f"Talks are set for {first}-{last} {name} {year}." if dmy
            else f"Talks are set for {name} {first}-{last}, {year}.")
    (_, _, q), = detect(text).spans
    st_ = Settings(targets=[lang])
    style = style_for(lang, st_)
    out = render(q, style)
    assert out == format_interval(dt.date(year, month, first), dt.date(year, month, last),
                                  "yMMMMd", locale=style.locale)
    assert check_numbers(text, f"Négociations prévues {out}.", lang, st_) == []


# -- numbers written in words: the QA compares values, not spellings ---------------------------

@pytest.mark.parametrize("src,tgt", [
    ("Thirty per cent of the wells ran dry.", f"30{NBSP}% des puits se sont taris."),
    ("Thirty per cent of the wells ran dry.", "Trente pour cent des puits se sont taris."),
    ("Three-quarters of the crops failed.", f"Les trois quarts (75{NBSP}%) des récoltes ont "
     "été perdus."),
    ("Twenty-five families and a dozen medics left.", "25 familles et 12 soignants sont partis."),
])
def test_a_value_spelled_out_in_the_source_may_be_written_with_digits(src, tgt):
    assert check_numbers(src, tgt, "fr", S) == []


def test_a_spelled_value_written_as_another_figure_is_still_caught():
    assert check_numbers("Thirty per cent of the wells ran dry.",
                         f"35{NBSP}% des puits se sont taris.", "fr", S) == [
        f"'35{NBSP}%' in the translation is not in the source"]


# -- identifiers are not quantities ------------------------------------------------------------

def test_an_isbn_and_a_version_are_kept_verbatim_even_with_arabic_indic_digits():
    text = "The manual, ISBN 978-3-16-148410-0, covers firmware 15.1.2 and 3,200 devices."
    assert found(text) == [("code", "978-3-16-148410-0"), ("code", "15.1.2"),
                           ("number", "3,200")]
    unit, = run([text], "ar", FaultyNumbersEngine("en", "ar", faults="clean"),
                Settings(targets=["ar"], digits="arab"))
    assert "978-3-16-148410-0" in unit.target and "15.1.2" in unit.target
    assert "٣٬٢٠٠" in unit.target
    assert unit.findings == []


def test_an_isbn_is_one_left_to_right_run_on_a_right_to_left_page():
    from locpipe.rules.typography import ltr_runs

    text = "صدر الدليل برقم 978-3-16-148410-0 والإصدار 15.1.2 خلال 2-3 أيام"
    assert [text[a:b] for a, b in ltr_runs(text)] == ["978-3-16-148410-0", "15.1.2"]


ISBN_PROBE = """(() => {
  const p = document.querySelector('article p');
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const nodes = []; while (walker.nextNode()) nodes.push(walker.currentNode);
  const box = (s) => { for (const n of nodes) { const i = n.data.indexOf(s);
      if (i >= 0) { const r = document.createRange(); r.setStart(n, i);
        r.setEnd(n, i + s.length); const b = r.getBoundingClientRect();
        return [b.left, b.right]; } } return null; };
  return {first: box('978'), last: box('148410')};
})()"""


@pytest.mark.browser
def test_an_isbn_reads_left_to_right_in_chromium(tmp_path):
    from locpipe.document import Block, Document, Segment
    from locpipe.formats.pages import Page, render_page
    from tests.chromium import CHROMIUM, evaluate

    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    text = "صدر الدليل برقم 978-3-16-148410-0 هذا الأسبوع"
    seg = Segment("isbn:0.0", 0, 0, "paragraph", "The manual has ISBN 978-3-16-148410-0.")
    doc = Document(Path("isbn.txt"), "isbn", "txt", [Block("paragraph", seg.text,
                                                           segments=[seg])])
    page = tmp_path / "ar.html"
    page.write_text(render_page(doc, {seg.id: text}, Page("ar", "t", ["ar"], "sig")),
                    encoding="utf-8")
    raw = tmp_path / "raw.html"
    raw.write_text(page.read_text(encoding="utf-8").replace(
        '<span dir="ltr">978-3-16-148410-0</span>', "978-3-16-148410-0"), encoding="utf-8")
    assert evaluate(raw, ISBN_PROBE)["first"][0] > evaluate(raw, ISBN_PROBE)["last"][0]
    good = evaluate(page, ISBN_PROBE)
    assert good["first"][0] < good["last"][0]  # 978 is drawn left of 148410, as written


def test_the_article_before_a_dollar_sign_is_no_country():
    """"a $5 fee" was read as Australian dollars ("a" as in A$5): Australia's dollar is
    named only glued ("A$31"); the other prefixes may stand apart ("NZ $ 9", "c $ 2")."""
    cases = {"Entry costs a $7 donation this year.": ("$7", "USD"),
             "A $12 ticket buys a seat.": ("$12", "USD"),
             "Wages rose to A$31 an hour.": ("A$31", "AUD"),
             "Shares closed at c $ 2.15 in Toronto.": ("c $ 2.15", "CAD"),
             "The deal is worth NZ $ 9 million.": ("NZ $ 9 million", "NZD")}
    for text, (span, currency) in cases.items():
        assert [(text[s:e], q.currency) for s, e, q in detect(text).spans] == [(span, currency)]


def test_a_scale_word_in_turkish_capitals_is_read_without_failing():
    """"MİLLİON" (dotted capital I) matched the scale pattern case-insensitively and its lower
    case was no scale: detection raised KeyError and the article failed."""
    assert [q.kind for _, _, q in detect("Turnout hit 4 MİLLİON voters.").spans] == ["number"]
