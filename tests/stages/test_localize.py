import pytest
from babel import Locale
from typer.testing import CliRunner

from locpipe import pipeline
from locpipe.cli import app
from locpipe.context import Context, Settings
from locpipe.document import Segment, Unit
from locpipe.errors import ConfigError
from locpipe.stages import localize, protect, translate
from locpipe.stages.localize import check_numbers, detect, numbering_system, render, style_for
from tests.fakes_numbers import FAULTS, FaultyNumbersEngine

NNBSP, NBSP = "\u202f", "\u00a0"
S = Settings(targets=["fr", "ar"])


def settings(**kw) -> Settings:
    return Settings(targets=["fr", "ar"], **kw)


def rendered(text: str, lang: str, st: Settings = S) -> list[str]:
    style = style_for(lang, st)
    return [render(q, style) for _, _, q in sorted(detect(text, st.date_order).spans,
                                                   key=lambda s: s[0])]


def run(texts: list[str], lang: str, engine, st: Settings = S, origin: str = "machine"
        ) -> list[Unit]:
    units = [Unit(Segment(f"t:{i}.0", i, 0, "paragraph", t), lang, origin=origin)
             for i, t in enumerate(texts)]
    ctx = Context(lang, st)
    ctx._engine = engine
    for stage in (protect.prepare, localize.mask, translate.translate_units, localize.restore,
                  protect.finish):
        stage(units, ctx)
    return units


# -- detection ---------------------------------------------------------------------------------

def test_detects_news_quantities_and_leaves_words_and_identifiers():
    text = ("Syria's fourth-largest city lost 50,000 people, 3.5 per cent, 10% and 40 percent, "
            "in 13 to 15 hours, 2-3 days, $5 million, USD 120 million and €3bn; four years "
            "after 1982, F-16 jets and COVID-19 in the 1980s and the 21st century.")
    found = [(q.kind, q.text) for _, _, q in detect(text).spans]
    assert found == [
        ("number", "50,000"), ("percent", "3.5 per cent"), ("percent", "10%"),
        ("percent", "40 percent"), ("number", "13"), ("number", "15"), ("range", "2-3"),
        ("money", "$5 million"), ("money", "USD 120 million"), ("money", "€3bn"),
        ("year", "1982"), ("decade", "1980s")]


def test_detects_dates_and_times():
    text = ("On Dec. 3, 2024, 3 December 2024, December 2024, 2024-12-03 and Tuesday, Dec. 3, "
            "2024, at 3 p.m. and 11:30 a.m. we may march.")
    found = [(q.kind, q.text) for _, _, q in detect(text).spans]
    assert found == [("date", "Dec. 3, 2024"), ("date", "3 December 2024"),
                     ("date", "December 2024"), ("date", "2024-12-03"),
                     ("date", "Tuesday, Dec. 3, 2024"), ("time", "3 p.m."),
                     ("time", "11:30 a.m.")]


def test_time_keeps_the_sentence_full_stop():
    det = detect("The curfew starts at 9 p.m.")
    (start, end, q), = det.spans
    assert "The curfew starts at 9 p.m."[start:end] == "9 p.m"


# -- formatting per locale (Babel/CLDR) --------------------------------------------------------

def test_french_forms_follow_cldr():
    assert rendered("50,000 people, 3.5 and 40 per cent, on Dec. 3, 2024, at 3 p.m. and "
                    "11:30 a.m. in 1982", "fr") == [
        f"50{NNBSP}000", "3,5", f"40{NBSP}%", "3 décembre 2024", "15 h", "11 h 30", "1982"]


def test_french_first_of_the_month_in_press_style():
    assert rendered("on Friday, Nov. 1, 2024 and Dec. 1", "fr") == [
        "vendredi 1er novembre 2024", "1er décembre"]
    assert check_numbers("On Dec. 1, 2024, in the 21st century.",
                         "Le 1er décembre 2024, au XXIe siècle.", "fr", None) == []


def test_french_money_and_scales():
    assert rendered("$5 million, USD 120 million, €3bn, €1bn, $1.2 billion, $500", "fr") == [
        "5 millions de dollars", "120 millions de dollars", "3 milliards d’euros",
        "1 milliard d’euros", "1,2 milliard de dollars", "500 dollars"]


def test_arabic_defaults_to_western_digits():
    assert rendered("50,000 people, 3.5 and 40 per cent on Dec. 3, 2024 and $5 million",
                    "ar") == ["50,000", "3.5", "40%", "3 ديسمبر 2024", "5 ملايين دولار"]


def test_arabic_indic_digits_and_regional_months():
    st = settings(digits="arab", locales={"fr": "fr_FR", "ar": "ar_SY"})
    assert rendered("50,000 people, 3.5 and 40 per cent on Dec. 3, 2024", "ar", st) == [
        "٥٠٬٠٠٠", "٣٫٥", "٤٠٪\u061c", "٣ كانون الأول ٢٠٢٤"]


def test_maghreb_locale_separators_come_from_cldr():
    st = settings(locales={"fr": "fr_FR", "ar": "ar_MA"})
    src = "50,000 fled, 3.5 per cent of them on Dec. 3, 2024."
    forms = rendered(src, "ar", st)
    assert forms == ["50.000", "3,5%", "3 دجنبر 2024"]
    assert check_numbers(src, " ".join(forms), "ar", st) == []
    assert check_numbers(src, "50,000 3.5% 3 دجنبر 2024", "ar", st) == [
        "'50,000' does not read as 50,000 in Arabic (ar_MA); write '50.000'",
        "'3.5%' does not read as 3.5 per cent in Arabic (ar_MA); write '3,5%'"]


def test_native_numbering_system_comes_from_cldr():
    assert numbering_system(Locale.parse("ar"), "arab") == "arab"
    assert numbering_system(Locale.parse("fr_FR"), "arab") == "latn"  # fr has no native digits
    assert numbering_system(Locale.parse("ar"), "latn") == "latn"
    assert localize.DIGITS["arab"] == "٠١٢٣٤٥٦٧٨٩"


# -- check_numbers (pure) ----------------------------------------------------------------------

SRC = "Nearly 50,000 people fled in 1982 and 3.5 per cent returned on Dec. 3, 2024."


@pytest.mark.parametrize("target", [
    f"Près de 50{NNBSP}000 personnes ont fui en 1982 et 3,5{NBSP}% sont rentrées le "
    "3 décembre 2024.",
    "Près de 50 000 personnes ont fui en 1982 et 3,5 % sont rentrées le 3 décembre 2024.",
    "<1>Près de 50 000</1> personnes ont fui en 1982 et 3,5 pour cent le 3 décembre 2024.",
])
def test_check_numbers_passes_french(target):
    assert check_numbers(SRC, target, "fr", S) == []


@pytest.mark.parametrize("target, message", [
    ("Près de 50,000 personnes ont fui en 1982 et 3,5 % le 3 décembre 2024.",
     f"'50,000' does not read as 50,000 in French (fr_FR); write '50{NNBSP}000'"),
    ("Près de 50.000 personnes ont fui en 1982 et 3,5 % le 3 décembre 2024.",
     f"'50.000' does not read as 50,000 in French (fr_FR); write '50{NNBSP}000'"),
    ("Près de 50 000 personnes ont fui en 1 982 et 3,5 % le 3 décembre 2024.",
     "'1 982' groups digits the source writes as 1982 (years and identifiers are never "
     "grouped)"),
    ("Près de personnes ont fui en 1982 et 3,5 % le 3 décembre 2024.",
     "'50,000' is missing from the translation or changed"),
    ("Près de 50 000 personnes ont fui en 1982 et 3,5 % le 3 novembre 2024.",
     "the month of 'Dec. 3, 2024' is missing from the translation or changed"),
    ("Près de 50 000 personnes ont fui en 1983 et 3,5 % le 3 décembre 2024.",
     "'1982' is missing from the translation or changed"),
])
def test_check_numbers_fails_french(target, message):
    assert message in check_numbers(SRC, target, "fr", S)


def test_check_numbers_reports_invented_numbers_and_mixed_digits():
    assert check_numbers("50,000 fled.", "فر 50,000 و7.", "ar", S) == [
        "'7' in the translation is not in the source"]
    assert check_numbers("50,000 fled.", "فر ٥٠,000.", "ar", S) == [
        "'٥٠,000' mixes digit systems"]
    assert check_numbers("50,000 fled.", "فر ٥٠٬٠٠٠.", "ar", S) == []


@pytest.mark.parametrize("target, lang", [
    ("Dans les années 1980, la ville a souffert.", "fr"),
    ("Dans les années 80, la ville a souffert.", "fr"),
    ("في الثمانينيات عانت المدينة.", "ar"),
    ("في ثمانينات القرن الماضي عانت المدينة.", "ar"),
])
def test_check_numbers_accepts_decades_as_the_press_writes_them(target, lang):
    assert check_numbers("In the 1980s, the city suffered.", target, lang, S) == []


def test_check_numbers_catches_the_billion_false_friend():
    assert check_numbers("Donors gave $5 billion.", "Les donateurs ont donné 5 billions de "
                         "dollars.", "fr", S) == [
        "the scale of '$5 billion' (billion) is missing from the translation or changed"]
    assert check_numbers("Donors gave $5 billion.", "Les donateurs ont donné 5 milliards de "
                         "dollars.", "fr", S) == []


def test_check_numbers_accepts_clock_times_in_either_cycle():
    assert check_numbers("at 3 p.m.", "à 15 h", "fr", S) == []
    assert check_numbers("at 3:30 p.m.", "عند 3:30 م", "ar", S) == []
    # the count 14 is not taken for "2 p.m." (14 h): the least flexible value chooses first
    assert check_numbers("2 p.m. in 14 towns", "عند ٢ م في ١٤ بلدة", "ar", S) == []
    assert check_numbers("at 3:30 p.m.", "à 16 h 30", "fr", S) == [
        "'3:30 p.m.' is missing from the translation or changed",
        "'16 h 30' in the translation is not in the source"]


# -- bad input ---------------------------------------------------------------------------------

def test_ambiguous_date_reading_is_noted_and_configurable():
    units = run(["The letter is dated 03/04/2024."], "fr",
                FaultyNumbersEngine("en", "fr", faults="clean"))
    assert units[0].target == "The letter is dated 4 mars 2024."
    assert units[0].notes == ["dates: ambiguous '03/04/2024' read as 4 March 2024 "
                              "(--date-order mdy)"]
    assert [(f.severity, f.message) for f in units[0].findings] == [
        ("info", "ambiguous '03/04/2024' read as 4 March 2024 (--date-order mdy)")]
    units = run(["The letter is dated 03/04/2024."], "fr",
                FaultyNumbersEngine("en", "fr", faults="clean"), settings(date_order="dmy"))
    assert units[0].target == "The letter is dated 3 avril 2024."


def test_malformed_and_out_of_range_values_are_flagged_and_left_alone():
    units = run(["About 1,00,000 fled on Feb. 30, 2024."], "fr",
                FaultyNumbersEngine("en", "fr", faults="clean"))
    assert units[0].target == "About 1,00,000 fled on Feb. 30, 2024."
    assert [(f.severity, f.message) for f in units[0].findings] == [
        ("warning", "malformed number '1,00,000' in the source (groups of three digits "
                    "expected, e.g. 100,000); left to the translation — check it"),
        ("warning", "date out of range 'Feb. 30, 2024' in the source; left to the "
                    "translation")]


def test_unknown_locale_is_a_config_error_listing_what_to_do():
    with pytest.raises(ConfigError) as err:
        localize.parse_locales(["ar=ar_XX"])
    assert str(err.value).startswith("unknown locale 'ar_XX' for ar; use a CLDR locale name "
                                     "such as ar, ar_001, ar_AE")
    with pytest.raises(ConfigError, match="locale 'fr_FR' is not for Arabic"):
        localize.parse_locales(["ar=fr_FR"])
    assert localize.parse_locales(["ar=ar_SY"]) == {"fr": "fr_FR", "ar": "ar_SY"}


def test_cli_rejects_bad_locale_and_digits(tmp_path, sample):
    runner = CliRunner()
    res = runner.invoke(app, ["translate", str(sample), "--out", str(tmp_path / "o"),
                              "--locale", "ar=klingon"])
    assert res.exit_code == 2
    assert res.output.startswith("Error: unknown locale 'klingon' for ar; use a CLDR locale")
    assert not (tmp_path / "o").exists()
    res = runner.invoke(app, ["translate", str(sample), "--out", str(tmp_path / "o"),
                              "--digits", "hindi"])
    assert res.exit_code == 2
    assert res.output == "Error: unknown --digits 'hindi'; available: latn, arab\n"
    res = runner.invoke(app, ["translate", str(sample), "--out", str(tmp_path / "o"),
                              "--locale", "ar"])
    assert res.output == "Error: bad locale 'ar'; write LANG=LOCALE, e.g. ar=ar_SY or fr=fr_CA\n"


def test_cli_writes_arabic_indic_digits_and_levantine_months(tmp_path):
    art = tmp_path / "convoy.txt"
    art.write_text("Aid reaches Homs\nThe UN said 50,000 people received aid on Dec. 3, 2024, "
                   "and 40 per cent of them were children.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["translate", str(art), "--out", str(tmp_path / "o"),
                                   "--engine", "pseudo",
                                   "--locale", "ar=ar_SY", "--digits", "arab"])
    assert res.exit_code == 0, res.output
    page = (tmp_path / "o" / "convoy" / "ar.html").read_text(encoding="utf-8")
    assert "٥٠٬٠٠٠" in page and "٣ كانون الأول ٢٠٢٤" in page and "٤٠٪\u061c" in page
    fr = (tmp_path / "o" / "convoy" / "fr.html").read_text(encoding="utf-8")
    assert f"50{NNBSP}000" in fr and "3 décembre 2024" in fr and f"40{NBSP}%" in fr


# -- the stages against a fault-injecting engine -----------------------------------------------

TEXTS = ["The fighting displaced 50,000 people in 13 to 15 hours, the UN said on "
         "Dec. 3, 2024.",
         "About 40 per cent of the $5 million pledged in 2023 arrived by 3 p.m."]


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_fault_ends_correct_or_flagged(fault, lang):
    clean = run(TEXTS, lang, FaultyNumbersEngine("en", lang, faults="clean"))
    units = run(TEXTS, lang, FaultyNumbersEngine("en", lang, faults=fault))
    for good, u in zip(clean, units, strict=True):
        severity = "warning" if fault == "swap" else "error"  # reordering can be legitimate
        flagged = [f for f in u.findings if f.check == "numbers" and f.severity == severity]
        if u.target != good.target:
            assert flagged, (fault, u.target)


def test_placeholder_faults_are_repaired_or_reported():
    eng = FaultyNumbersEngine("en", "fr", faults="spaced")
    assert run(TEXTS[:1], "fr", eng)[0].target == (
        f"The fighting displaced 50{NNBSP}000 people in 13 to 15 hours, the UN said on "
        "3 décembre 2024.")
    u = run(TEXTS[:1], "fr", FaultyNumbersEngine("en", "fr", faults="drop"))[0]
    assert [f.message for f in u.findings] == [
        "'50,000' is missing from the translation or changed"]
    u = run(TEXTS[:1], "fr", FaultyNumbersEngine("en", "fr", faults="invent"))[0]
    assert [f.message for f in u.findings] == [
        "the engine produced a number placeholder '<n9/>' the source does not have; it was "
        "removed"]
    u = run(TEXTS[:1], "fr", FaultyNumbersEngine("en", "fr", faults="duplicate"))[0]
    assert [f.message for f in u.findings] == [
        f"'50{NNBSP}000' in the translation is not in the source"]


class EmptyEngine(FaultyNumbersEngine):
    def translate(self, texts):
        return ["" for _ in texts]


def test_an_empty_translation_loses_every_value():
    u = run(["50,000 fled in 1982."], "fr", EmptyEngine("en", "fr"))[0]
    assert [f.message for f in u.findings] == [
        "'50,000' is missing from the translation or changed",
        "'1982' is missing from the translation or changed"]


def test_reordered_values_are_a_warning():
    u = run(TEXTS[:1], "fr", FaultyNumbersEngine("en", "fr", faults="swap"))[0]
    assert [(f.severity, f.message) for f in u.findings] == [
        ("warning", "the translation has the values in another order ('Dec. 3, 2024', "
                    "'50,000'); check that each is in its place")]


def test_small_counts_stay_with_the_engine_and_are_verified():
    units = run(["The 3 hospitals share 62 beds."], "ar",
                FaultyNumbersEngine("en", "ar", faults="clean"),
                settings(digits="arab", locales={"fr": "fr_FR", "ar": "ar_SY"}))
    assert units[0].engine_input == "The 3 hospitals share 62 beds."
    assert units[0].target == "The ٣ hospitals share ٦٢ beds."
    u = run(["The 3 hospitals share 62 beds."], "fr",
            FaultyNumbersEngine("en", "fr", faults="change_number"))[0]
    assert [f.message for f in u.findings] == [
        "'3' is missing from the translation or changed",
        "'4' in the translation is not in the source"]


def test_digits_the_engine_saw_are_repaired_when_certain():
    st = S
    units = [Unit(Segment("t:0.0", 0, 0, "paragraph", "In 1982, 50,000 fled."), "fr")]
    ctx = Context("fr", st)
    ctx._engine = FaultyNumbersEngine("en", "fr", faults="continental")
    for stage in (protect.prepare, localize.verify_only, translate.translate_units,
                  localize.restore, protect.finish):
        stage(units, ctx)
    assert units[0].target == f"In 1982, 50{NNBSP}000 fled."
    assert units[0].notes == [f"numbers: '50.000' → '50{NNBSP}000'"]
    assert units[0].findings == []


def test_markup_tags_and_urls_are_left_alone():
    text = "On <1>Dec. 3, 2024</1>, <2>50,000</2> read https://example.org/2024/12/03.html<3/>"
    u = run([text], "fr", FaultyNumbersEngine("en", "fr", faults="clean"))[0]
    assert u.engine_input == ("On <1><n1/></1>, <2><n2/></2> read "
                              "https://example.org/2024/12/03.html<3/>")
    assert u.target == (f"On <1>3 décembre 2024</1>, <2>50{NNBSP}000</2> read "
                        "https://example.org/2024/12/03.html<3/>")
    assert u.findings == []


def test_reviewed_units_are_never_touched():
    u = run(["50,000 fled."], "fr", FaultyNumbersEngine("en", "fr"), origin="reviewed")[0]
    assert u.engine_input == "50,000 fled." and "numbers" not in u.data


def test_stages_are_in_the_pipeline_in_order():
    names = [f"{s.__module__}.{s.__name__}" for s in pipeline.TARGET_STAGES]
    order = ["locpipe.stages.localize.mask", "locpipe.stages.translate.translate_units",
             "locpipe.stages.localize.restore", "locpipe.stages.protect.finish",
             "locpipe.stages.typography.typography"]
    assert [names.index(n) for n in order] == sorted(names.index(n) for n in order)


@pytest.mark.slow
def test_corpus_fidelity_is_total_under_faults():
    from benchmarks.locale_fidelity import measure

    stats = measure()
    assert stats["values"] >= 300
    for lang in ("fr", "ar", "ar_SY/arab"):
        assert stats[f"{lang} faults"].get("silent", 0) == 0
        ok, n = stats[f"{lang} formatting"]
        assert ok == n


class DroppingEngine(FaultyNumbersEngine):
    """FAKE: drops the first number placeholder of every text."""

    def __init__(self, source, target, options=None):
        super().__init__(source, target, options, faults="drop")


def test_a_run_with_a_faulty_engine_flags_the_sentence(tmp_path, monkeypatch):
    import locpipe.engines as engines

    monkeypatch.setitem(engines.ENGINES, "faulty", "tests.stages.test_localize:DroppingEngine")
    art = tmp_path / "a.txt"
    art.write_text("Aid reaches Homs\nThe convoy reached 50,000 people on Dec. 3, 2024.\n",
                   encoding="utf-8")
    st = Settings(targets=["fr"], engine="faulty", out_dir=tmp_path / "o")
    result = pipeline.run([art], st)
    units = result.articles[0].units["fr"]
    # (QA's other checks also see the fake's untranslated headline; numbers is what we test)
    assert [(f.check, f.severity, f.message) for u in units for f in u.findings
            if f.check == "numbers"] == [
        ("numbers", "error", "'50,000' is missing from the translation or changed")]
    page = (tmp_path / "o" / "a" / "fr.html").read_text(encoding="utf-8")
    assert "<n1/>" not in page and "&lt;n" not in page and "3 décembre 2024" in page
