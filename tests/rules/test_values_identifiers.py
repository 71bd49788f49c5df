"""Identifiers are not quantities (issue 21, round 4): phone numbers without a country code,
URLs and e-mail addresses, IP addresses, ISBNs, versions, standards and street numbers are one
value each, kept as written (never regrouped, never in Arabic-Indic digits), while the runs of
digits news writes for other things stay what they are. Sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.context import Settings
from locpipe.rules.numbers import check_numbers
from locpipe.rules.urls import check_urls, find_urls
from locpipe.testing.fake_numbers import FaultyNumbersEngine
from tests.rules import values_support
from tests.rules.values_support import found, loud_findings
from tests.stages.test_localize import run

S = Settings(targets=["fr", "ar"])
ARAB = Settings(targets=["ar"], digits="arab")


def rendered(text: str, lang: str, st_: Settings = S) -> list[str]:
    return values_support.rendered(text, lang, st_)


def restored(text: str, lang: str, st_: Settings = S) -> str:
    unit, = run([text], lang, FaultyNumbersEngine("en", lang, faults="clean"), st_)
    assert unit.findings == []
    return unit.target


# -- phone numbers without a country code: a layout nothing else reads that way ---------------

@pytest.mark.parametrize("phone", [
    "0471 28 93 55", "02 9876 5432", "06 81234567", "089 441276-33", "030 - 418 72 90",
    "(0351) 448 2719", "(02) 9876 5432", "(0351)-4482719", "(713).555.0147", "2(718)555-0142",
    "963-21-447-2290", "44.20.7946.0958", "4412/3/8870", "21-77-93-40",
    "714 22 81 90", "963 21 447 2290", "300 1234 5678", "52 8112 4490",
])
def test_a_phone_layout_is_one_value_kept_verbatim(phone):
    text = f"The relief agency set up a line at {phone} for families."
    assert found(text) == [("phone", phone)]
    assert rendered(text, "fr") == [phone]
    assert rendered(text, "ar", ARAB) == [phone]  # dialled: Latin digits even so


@pytest.mark.parametrize("text,phone", [
    ("Call the hotline on 1800 7272 before Friday.", "1800 7272"),
    ("Tel: 44 812 903, ask for the duty editor.", "44 812 903"),
    ("The fax number is 12 345 678.", "12 345 678"),
    ("Families can phone 4471 9932 or write in.", "4471 9932"),
    ("Reach the crisis cell by WhatsApp: 71-334-09 any time.", "71-334-09"),
    ("Her mobile number is(+47)22-81-44-10.", "(+47)22-81-44-10"),
])
def test_after_a_phone_word_any_grouped_digits_are_the_number(text, phone):
    assert found(text) == [("phone", phone)]
    assert restored(text, "ar", ARAB).count(phone) == 1


@pytest.mark.parametrize("phone", [
    "0161 496 0732 ext. 214", "(413) 555-0190x22", "+44 161 496 0732 ext 9",
    "413.555.0190 x 4471", "01614960732x77",
])
def test_an_extension_is_part_of_the_number_as_dialled(phone):
    text = f"Press officers answer on {phone} until 6 p.m."
    assert [q for q in found(text) if q[0] == "phone"] == [("phone", phone)]


@pytest.mark.parametrize("text,kinds", [
    ("The census counted 12 345 678 people in the north.", {"number"}),
    ("In 2021 450 families left the valley.", {"year", "number"}),
    ("Arsenal 38 26 6 6 88 26 62 topped the final table.", {"number"}),
    ("The decree is dated 03/04/2024 and the appeal 16-04-2010.", {"date"}),
    ("Patrols ran between 0730-0930 and 1500-1730 each day.", {"range"}),
    ("Spain won the sets 25-21, 19-25 and 15-13.", {"range"}),
    ("Residents were told to call 911 at once.", {"number"}),
    ("The Tel Aviv index rose 1.2% to 2,104 points.", {"percent", "number"}),
])
def test_runs_of_digits_news_writes_for_other_things_are_not_phone_numbers(text, kinds):
    got = {kind for kind, _ in found(text)}
    assert "phone" not in got and got <= kinds


# -- URLs and e-mail addresses -----------------------------------------------------------------

def test_a_bare_host_name_is_a_url_but_a_clock_time_is_not():
    text = "Results go up on 24.ps and k9.am at 8.am, then on relief.d-org.99aid.org.lb/."
    assert found(text)[:2] == [("url", "24.ps"), ("url", "k9.am")]
    assert ("url", "relief.d-org.99aid.org.lb/") in found(text)
    assert ("url", "8.am") not in found(text)
    assert find_urls("The U.S.in brief; she said.It rained.") == []


def test_an_e_mail_address_may_name_an_ip_address_as_its_host():
    text = "Leaks went to desk_4@[203.0.113.9] overnight."
    assert found(text) == [("url", "desk_4@[203.0.113.9]")]
    assert check_urls(text, "Les fuites sont arrivées à desk_4@[203.0.113.9] dans la nuit.") == []


def test_the_digits_of_a_bare_host_are_not_read_as_figures_of_the_translation():
    source = "The archive moved to 24.ps in 2025."
    assert check_numbers(source, "Les archives ont migré vers 24.ps en 2025.", "fr", S) == []


# -- codes of digits: IP addresses, ISBNs, versions, standards, street numbers ----------------

CODES = ("The gateway 172.16.40.1/24 and the relay 198.51.100.7:8080 failed; the atlas "
         "(ISBN 9780198534532) and ISBN 0-19-853453-1 cover Android 15.1, iOS 18.2 and "
         "USB 3.2; plants follow ISO 14001 and ISO 3166-1; talks moved to 10 Downing Street.")


def test_codes_of_digits_are_one_value_each():
    assert found(CODES) == [
        ("code", "172.16.40.1/24"), ("code", "198.51.100.7:8080"), ("code", "9780198534532"),
        ("code", "0-19-853453-1"), ("code", "15.1"), ("code", "18.2"), ("code", "3.2"),
        ("code", "14001"), ("code", "3166-1"), ("code", "10")]


@pytest.mark.parametrize("lang,st_", [("fr", S), ("ar", S), ("ar", ARAB)])
def test_codes_come_back_as_written_in_any_digits(lang, st_):
    out = restored(CODES, lang, st_)
    for code in ("172.16.40.1/24", "198.51.100.7:8080", "9780198534532", "0-19-853453-1",
                 "Android 15.1", "iOS 18.2", "USB 3.2", "ISO 14001", "ISO 3166-1",
                 "10 Downing Street"):
        assert code in out
    assert "15,1" not in out and "14\u202f001" not in out


def test_a_version_is_not_a_decimal_but_a_decimal_after_another_word_is():
    assert rendered("Android 15.1 shipped; inflation hit 15.1 percent.", "fr") == [
        "15.1", "15,1\u00a0%"]


def test_a_letter_code_keeps_its_digits_when_the_engine_writes_its_letters_in_arabic():
    class Transliterating(FaultyNumbersEngine):
        def translate(self, texts: list[str]) -> list[str]:
            return [t.replace("Su-24", "سو-24").replace("flight MH17", "الرحلة MH17")
                    for t in super().translate(texts)]

    unit, = run(["A Su-24 shadowed flight MH17 for 40 minutes."], "ar",
                Transliterating("en", "ar", faults="clean"), ARAB)
    assert "سو-24" in unit.target and "MH17" in unit.target
    assert unit.findings == []


# -- the QA is silent on a correct translation, and still catches a changed identifier -------

PAIRS = [
    ("Call the hotline on 0471 28 93 55 or 963-21-447-2290 before 8 p.m.",
     "Appelez la ligne d’urgence au 0471 28 93 55 ou au 963-21-447-2290 avant 20 h.",
     "اتصلوا بالخط الساخن على الرقم 0471 28 93 55 أو 963-21-447-2290 قبل الساعة 8 مساءً."),
    ("The fax number is 12 345 678 and the desk answers on (0351) 448 2719 ext. 21.",
     "Le numéro de fax est le 12 345 678 et la rédaction répond au (0351) 448 2719 ext. 21.",
     "رقم الفاكس هو 12 345 678 وتجيب الرقابة على الرقم (0351) 448 2719 ext. 21."),
    ("The attack hit 172.16.40.1 and servers running Android 15.1 and ISO 14001 plants.",
     "L’attaque a visé 172.16.40.1 et des serveurs sous Android 15.1 et des usines ISO 14001.",
     "استهدف الهجوم 172.16.40.1 وخوادم تعمل بنظام Android 15.1 ومصانع ISO 14001."),
    ("The memoir (ISBN 978-0-19-853453-2) sold 12,000 copies at 10 Downing Street.",
     "Les mémoires (ISBN 978-0-19-853453-2) se sont vendus à 12\u202f000 exemplaires au "
     "10 Downing Street.",
     "بيعت 12 ألف نسخة من المذكرات (ISBN 978-0-19-853453-2) في 10 داونينغ ستريت."),
    ("Updates are posted on 24.ps and sent from desk_4@[203.0.113.9].",
     "Les mises à jour sont publiées sur 24.ps et envoyées depuis desk_4@[203.0.113.9].",
     "تُنشر التحديثات على 24.ps وتُرسل من desk_4@[203.0.113.9]."),
]


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("pair", PAIRS, ids=[p[0][:30] for p in PAIRS])
def test_no_error_and_no_warning_on_a_correct_translation(pair, lang):
    source, fr, ar = pair
    assert loud_findings(source, fr if lang == "fr" else ar, lang, S) == []


@pytest.mark.parametrize("target", [
    "Appelez le 622 15 31 23 poste 21 ou le (0351) 448 2719 poste 40.",
    "اتصلوا بالرقم 622 15 31 23 تحويلة 21 أو (0351) 448 2719 تحويلة 40.",
])
def test_an_extension_written_in_the_translation_s_words_is_the_same_number(target):
    source = "Call 622 15 31 23 ext. 21 or (0351) 448 2719 x40."
    assert check_numbers(source, target, "ar" if "ا" in target else "fr", S) == []


def test_a_phone_number_with_french_no_break_spaces_is_still_the_number():
    source = "The fax number is 12 345 678."
    assert check_numbers(source, "Le numéro de fax est le 12\u202f345\u202f678.", "fr", S) == []


@pytest.mark.parametrize("source,target", [
    ("Call the hotline on 0471 28 93 55 today.",
     "Appelez la ligne d’urgence au 0471 28 93 56 aujourd’hui."),
    ("The attack hit 172.16.40.1 overnight.", "L’attaque a visé 172.16.40.7 dans la nuit."),
    ("Servers run Android 15.1 now.", "Les serveurs tournent sous Android 15.2."),
])
def test_a_changed_phone_number_or_code_is_caught(source, target):
    assert check_numbers(source, target, "fr", S) != []


# -- properties --------------------------------------------------------------------------------

_groups = st.lists(st.integers(2, 4), min_size=2, max_size=2).map(
    lambda sizes: [str(7 * 10 ** (n - 1) + 3) for n in sizes])


@st.composite
def phones_with_evidence(draw) -> tuple[str, str]:
    """(sentence, phone): a layout with a trunk zero, an area code in brackets, a repeated
    separator, or any layout after a phone word."""
    sep = draw(st.sampled_from([" ", "-", "."]))
    groups = draw(_groups)
    kind = draw(st.sampled_from(["trunk", "bracket", "separator", "word"]))
    if kind == "trunk":  # at most 15 digits (E.164)
        phone = "0" + draw(st.sampled_from(["2", "31", "471"])) + " " + " ".join(
            groups[:1] + ["5566"])
    elif kind == "bracket":
        phone = "(" + draw(st.sampled_from(["02", "0351", "713"])) + ") " + " ".join(
            groups[:1] + ["4482"])
    elif kind == "separator":
        sep = sep.strip() or "-"
        phone = draw(st.sampled_from(["21", "963", "4412"])) + sep + sep.join(groups[:2] + ["90"])
    else:
        phone = sep.join(groups[:2] + ["4471"])
    lead = draw(st.sampled_from(["Call", "Phone", "Tel:", "The hotline is", "Fax"])) \
        if kind == "word" else "Families can reach the line at"
    return f"{lead} {phone} today.", phone


@settings(max_examples=80, deadline=None, derandomize=True)
@given(phones_with_evidence())
def test_any_phone_layout_with_evidence_is_one_value_kept_verbatim(case):
    text, phone = case
    # four dotted groups of up to three digits read as an IP address ("21.73.73.90"): a
    # code, verbatim all the same
    assert found(text) in ([("phone", phone)], [("code", phone)])
    assert rendered(text, "ar", ARAB) == [phone]


_octet = st.integers(0, 255).map(str)


@st.composite
def codes(draw) -> tuple[str, str]:
    kind = draw(st.sampled_from(["ip", "isbn", "version"]))
    if kind == "ip":
        code = ".".join(draw(st.lists(_octet, min_size=4, max_size=4)))
        return f"The server at {code} went offline.", code
    if kind == "isbn":
        digits = draw(st.lists(st.integers(0, 9), min_size=12, max_size=12))
        digits[:3] = [9, 7, 8]
        check = (10 - sum((3 if i % 2 else 1) * d for i, d in enumerate(digits)) % 10) % 10
        code = "".join(map(str, digits + [check]))
        return f"The report (ISBN {code}) is out.", code
    code = ".".join(map(str, draw(st.lists(st.integers(0, 40), min_size=2, max_size=4))))
    word = draw(st.sampled_from(["Android", "iOS", "version", "firmware", "Python"]))
    return f"Phones on {word} {code} were patched.", code


@settings(max_examples=80, deadline=None, derandomize=True)
@given(codes(), st.sampled_from(["fr", "ar"]))
def test_any_ip_isbn_or_version_is_never_written_differently(case, lang):
    text, code = case
    assert found(text) == [("code", code)]
    assert rendered(text, lang, ARAB if lang == "ar" else S) == [code]
    assert code in restored(text, lang, ARAB if lang == "ar" else S)
