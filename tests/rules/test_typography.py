import pytest

from locpipe.context import Settings
from locpipe.rules.typography import isolate_html, ltr_runs, typeset

N = "\u202f"


def french(text: str) -> str:
    return typeset(text, "fr")


def arabic(text: str, quotes: str = "«»") -> str:
    return typeset(text, "ar", Settings(targets=["ar"], arabic_quotes=quotes))


@pytest.mark.parametrize("text, expected", [
    ("Il a dit : “Non” ; pourquoi ? C'est l'ONU , voilà .",
     f"Il a dit{N}: «{N}Non{N}»{N}; pourquoi{N}? C’est l’ONU, voilà."),
    ('Il a crié "non" !', f"Il a crié «{N}non{N}»{N}!"),
    ("« déjà »", f"«{N}déjà{N}»"),
    ("Quoi ?!", f"Quoi{N}?!"),
    (f"Déjà{N}? Oui", f"Déjà{N}? Oui"),  # idempotent
])
def test_french_punctuation(text, expected):
    assert french(text) == expected
    assert french(expected) == expected


def test_french_leaves_markup_placeholders_urls_times_and_decimals_alone():
    text = "À 15:30, voir https://example.org/a?b=1;c ; <1>mot</1> ? <n1/>: 3,5 % et 50 000,5."
    assert french(text) == (f"À 15:30, voir https://example.org/a?b=1;c{N}; <1>mot</1>{N}? "
                            f"<n1/>{N}: 3,5 % et 50 000,5.")


@pytest.mark.parametrize("text, expected", [
    ("قال, لماذا? نعم; لا", "قال، لماذا؟ نعم؛ لا"),
    ("هل انتهى؟?", "هل انتهى؟"),  # the Argos "؟?" bug
    ("هل انتهى ?", "هل انتهى؟"),
    ("قال “لا” و\"نعم\"", "قال «لا» و«نعم»"),
    ("بلغ العدد 50,000 شخص, و3.5%", "بلغ العدد 50,000 شخص، و3.5%"),
    ("وكالة Agence France-Presse, Inc. قالت", "وكالة Agence France-Presse, Inc. قالت"),
])
def test_arabic_punctuation(text, expected):
    out = arabic(text)
    assert out == expected
    assert "\u0640" not in out  # tatweel never inserted


def test_arabic_quotes_by_setting():
    assert arabic("قال “لا”", "”“") == "قال ”لا“"


@pytest.mark.parametrize("text, runs", [
    ("ذكرت وكالة Agence France-Presse (AFP) أن 40 % من السكان",
     ["Agence France-Presse (AFP)", "40 %"]),
    ("قالت (HTS) إن", ["HTS"]),  # brackets around the run belong to the Arabic sentence
    ("راجع https://example.org/x. ثم", ["https://example.org/x"]),
    ("نقلت وكالة AFP.", ["AFP"]),  # the full stop ends the Arabic sentence
    ("مسافة 50 km و40%", ["50 km", "40%"]),
    ("قالت شركة Lafarge Holcim Ltd. إنها", ["Lafarge Holcim Ltd."]),
    ("قالت شركة Lafarge Holcim Ltd., إنها", ["Lafarge Holcim Ltd."]),
    ("قال الاتحاد الأوروبي EU 2024 إن", ["EU 2024"]),
    ("انخفضت الحرارة إلى -5 درجات و-٣", ["-5", "-٣"]),
    ("بين 2-3 أيام", []),  # a range with a hyphen keeps its order by itself
])
def test_ltr_runs(text, runs):
    assert [text[a:b] for a, b in ltr_runs(text)] == runs


def test_isolate_html_escapes_and_wraps():
    assert isolate_html("قال <AT&T> إن") == ('قال &lt;<span dir="ltr">AT&amp;T</span>&gt; إن')


# -- driven by the language profile, for any language -------------------------------------

@pytest.mark.parametrize("lang, text, expected", [
    ("es", 'El alcalde dijo: "no hay agua" , y l\'ONU calló .',
     "El alcalde dijo: «no hay agua», y l’ONU calló."),
    ("de", 'Der Sprecher sagte: "Die Brücke ist zu" ?', "Der Sprecher sagte: „Die Brücke ist zu“?"),
    ("pt", 'O prefeito disse "basta" !', "O prefeito disse “basta”!"),
])
def test_curated_profiles_set_their_quotes_and_spacing(lang, text, expected):
    assert typeset(text, lang) == expected
    assert typeset(expected, lang) == expected


@pytest.mark.parametrize("lang, text", [
    ("ru", 'Мэр сказал: "воды нет" , 50 000 ушли .'),
    ("he", 'ראש העיר אמר: "אין מים" , 50,000 ברחו .'),
    ("it", 'Il sindaco ha detto "basta" !'),
])
def test_a_language_without_profile_keeps_the_engines_typography(lang, text):
    assert typeset(text, lang) == text


def test_markup_and_urls_are_shielded_in_every_profile():
    text = 'Siehe <1>"Bericht"</1> auf https://example.org/a?b=1 , <t1/>'
    assert typeset(text, "de") == "Siehe <1>„Bericht“</1> auf https://example.org/a?b=1, <t1/>"


@pytest.mark.parametrize("text, runs", [
    ("דובר Agence France-Presse (AFP) אמר כי 40 % מהתושבים", ["Agence France-Presse (AFP)",
                                                            "40 %"]),
    ("החברה Lafarge Holcim Ltd. הודיעה", ["Lafarge Holcim Ltd."]),
])
def test_ltr_runs_in_hebrew(text, runs):
    assert [text[a:b] for a, b in ltr_runs(text)] == runs


# -- issue 12: identifiers and phone numbers in right-to-left text, in a real browser ----------

@pytest.mark.browser
def test_identifiers_and_phone_numbers_read_right_in_chromium(tmp_path):
    from tests.chromium import CHROMIUM, evaluate
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    text = ("أقلعت ميغ-29 وطائرة MiG-29 قرب موقع إصابات H5N1، واتصلوا بالرقم +963 21 444 5566 "
            "أو 021 444 7788.")
    page = tmp_path / "ar.html"
    page.write_text('<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><body>'
                    f'<p id="p" style="font-size:24px">{isolate_html(text)}</p></body></html>',
                    encoding="utf-8")
    # x of the left edge of each character of `sub` (k-th character) in the rendered line
    result = evaluate(page, """(() => {
      const p = document.getElementById('p');
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const x = (sub, k) => { let n; walker.currentNode = p;
        while ((n = walker.nextNode())) { const i = n.data.indexOf(sub);
          if (i >= 0) { const r = document.createRange(); r.setStart(n, i + k);
            r.setEnd(n, i + k + 1); return r.getBoundingClientRect().left; } }
        return null; };
      return {
        arabic_ident: [x('ميغ-29', 0), x('ميغ-29', 3), x('ميغ-29', 4)],
        latin_ident: [x('MiG-29', 0), x('MiG-29', 3), x('MiG-29', 4)],
        h5n1: [x('H5N1', 0), x('H5N1', 1), x('H5N1', 3)],
        intl: [x('+963 21 444 5566', 0), x('+963 21 444 5566', 5),
               x('+963 21 444 5566', 8), x('+963 21 444 5566', 12)],
        national: [x('021 444 7788', 0), x('021 444 7788', 4), x('021 444 7788', 8)],
      };
    })()""")
    m, hyphen, two = result["arabic_ident"]
    assert m > hyphen > two  # right to left: ميغ, then the hyphen, then 29 — not "-29ميغ"
    for key in ("latin_ident", "h5n1", "intl", "national"):
        xs = result[key]
        assert xs == sorted(xs), (key, xs)  # one left-to-right run, groups in order
