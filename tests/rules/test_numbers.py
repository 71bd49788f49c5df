import pytest
from babel import Locale

from locpipe.context import Settings
from locpipe.errors import ConfigError
from locpipe.rules import numbers
from locpipe.rules.numbers import check_numbers, detect, numbering_system, render, style_for

NNBSP, NBSP = "\u202f", "\u00a0"
S = Settings(targets=["fr", "ar"])


def settings(**kw) -> Settings:
    return Settings(targets=["fr", "ar"], **kw)


def rendered(text: str, lang: str, st: Settings = S) -> list[str]:
    style = style_for(lang, st)
    return [render(q, style) for _, _, q in sorted(detect(text, st.date_order).spans,
                                                   key=lambda s: s[0])]


# -- detection ---------------------------------------------------------------------------------

def test_detects_news_quantities_and_leaves_words_and_identifiers():
    text = ("Syria's fourth-largest city lost 50,000 people, 3.5 per cent, 10% and 40 percent, "
            "in 13 to 15 hours, 2-3 days, $5 million, USD 120 million and €3bn; four years "
            "after 1982, F-16 jets and COVID-19 in the 1980s and the 21st century.")
    found = [(q.kind, q.text) for _, _, q in detect(text).spans]
    assert found == [
        ("number", "50,000"), ("percent", "3.5 per cent"), ("percent", "10%"),
        ("percent", "40 percent"), ("number", "13"), ("unit", "15 hours"),
        ("unit", "2-3 days"),
        ("money", "$5 million"), ("money", "USD 120 million"), ("money", "€3bn"),
        ("year", "1982"), ("decade", "1980s"), ("century", "21st")]


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
    assert numbers.DIGITS["arab"] == "٠١٢٣٤٥٦٧٨٩"


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


def test_unknown_locale_is_a_config_error_listing_what_to_do():
    with pytest.raises(ConfigError) as err:
        numbers.parse_locales(["ar=ar_XX"])
    assert str(err.value).startswith("unknown locale 'ar_XX' for ar; use a CLDR locale name "
                                     "such as ar, ar_001, ar_AE")
    with pytest.raises(ConfigError, match="locale 'fr_FR' is not for Arabic"):
        numbers.parse_locales(["ar=fr_FR"])
    # the other languages keep their profile's locale
    chosen = numbers.parse_locales(["ar=ar_SY"])
    assert chosen["ar"] == "ar_SY"
    assert chosen["fr"] == "fr_FR" and chosen["es"] == "es_ES" and chosen["pt"] == "pt_BR"


# -- any target language: curated profiles (fr, ar, es, de, pt) and CLDR alone (ru, he) ------

WIRE = ("Aid agencies said 50,000 people had fled Kherson by March 14, 2024, and donors "
        "pledged $5 million; 12.5 per cent of homes were damaged.")

# Hand-written translations of WIRE, as each language's press writes the figures.
CORRECT = {
    "fr": "Selon les agences humanitaires, 50 000 personnes avaient fui Kherson au 14 mars "
          "2024 et les donateurs ont promis 5 millions de dollars ; 12,5 % des logements ont "
          "été endommagés.",
    "ar": "قالت وكالات الإغاثة إن 50,000 شخص فروا من خيرسون بحلول 14 مارس 2024، وتعهد "
          "المانحون بـ5 ملايين دولار؛ وتضرر 12.5% من المنازل.",
    "es": "Las agencias de ayuda dijeron que 50.000 personas habían huido de Jersón antes del "
          "14 de marzo de 2024, y los donantes prometieron 5 millones de dólares; el 12,5 % de "
          "las viviendas sufrió daños.",
    "de": "Hilfsorganisationen zufolge waren bis zum 14. März 2024 50.000 Menschen aus Cherson "
          "geflohen, Geber sagten 5 Millionen Dollar zu; 12,5 % der Häuser wurden beschädigt.",
    "pt": "Agências humanitárias disseram que 50.000 pessoas fugiram de Kherson até 14 de março "
          "de 2024, e doadores prometeram 5 milhões de dólares; 12,5% das casas foram "
          "danificadas.",
    "ru": f"По данным гуманитарных организаций, к 14 марта 2024 года из Херсона бежали "
          f"50{NBSP}000 человек, а доноры пообещали 5 миллионов долларов; 12,5{NBSP}% домов "
          "повреждены.",
    "he": "סוכנויות הסיוע מסרו כי 50,000 בני אדם נמלטו מחרסון עד 14 במרץ 2024, והתורמים "
          "התחייבו ל-5 מיליון דולר; 12.5% מהבתים נפגעו.",
}
# The figure 50,000 as each translation writes it, and a wrong figure in the same form.
FIGURE = {"fr": ("50 000", "40 000"), "ar": ("50,000", "40,000"), "es": ("50.000", "40.000"),
          "de": ("50.000", "40.000"), "pt": ("50.000", "40.000"),
          "ru": (f"50{NBSP}000", f"40{NBSP}000"), "he": ("50,000", "40,000")}


@pytest.mark.parametrize("lang", sorted(CORRECT))
def test_correct_translations_pass_in_every_language(lang):
    assert check_numbers(WIRE, CORRECT[lang], lang, Settings(targets=[lang])) == []


@pytest.mark.parametrize("lang", sorted(CORRECT))
def test_a_wrong_figure_is_one_finding_in_every_language(lang):
    right, wrong = FIGURE[lang]
    assert right in CORRECT[lang]
    found = check_numbers(WIRE, CORRECT[lang].replace(right, wrong), lang,
                          Settings(targets=[lang]))
    assert found == ["'50,000' is missing from the translation or changed",
                     f"'{wrong}' in the translation is not in the source"]
    dropped = check_numbers(WIRE, CORRECT[lang].replace(right, ""), lang,
                            Settings(targets=[lang]))
    assert dropped == ["'50,000' is missing from the translation or changed"]


@pytest.mark.parametrize("lang, scale, wrong", [
    ("es", "5 millones", "5 mil millones"),
    ("de", "5 Millionen", "5 Milliarden"),
    ("pt", "5 milhões", "5 bilhões"),
    ("ru", "5 миллионов", "5 миллиардов"),  # CLDR's words: ru has no profile
    ("he", "5 מיליון", "5 מיליארד"),
])
def test_a_wrong_scale_is_caught_from_profile_or_cldr_words(lang, scale, wrong):
    assert check_numbers(WIRE, CORRECT[lang].replace(scale, wrong), lang,
                         Settings(targets=[lang])) == [
        "the scale of '$5 million' (million) is missing from the translation or changed"]


@pytest.mark.parametrize("lang, month, wrong", [
    ("es", "marzo", "mayo"), ("de", "März", "Mai"), ("pt", "março", "maio"),
    ("ru", "марта", "мая"), ("he", "במרץ", "במאי"),
])
def test_cldr_month_names_are_read_in_every_language(lang, month, wrong):
    assert check_numbers(WIRE, CORRECT[lang].replace(month, wrong), lang,
                         Settings(targets=[lang])) == [
        "the month of 'March 14, 2024' is missing from the translation or changed"]


@pytest.mark.parametrize("lang, forms", [
    ("es", ["50.000", "14 de marzo de 2024", "5 millones de dólares", "12,5\u00a0%", "15:30",
            "1,2 mil millones de euros"]),
    ("de", ["50.000", "14. März 2024", "5 Millionen Dollar", "12,5\u00a0%", "15:30",
            "1,2 Milliarden Euro"]),
    ("pt", ["50.000", "14 de março de 2024", "5 milhões de dólares", "12,5%", "15:30",
            "1,2 bilhão de euros"]),
    # no profile: CLDR's forms, separators and currency names
    ("ru", [f"50{NBSP}000", f"14 марта 2024{NNBSP}г.", "5 миллионов долларов США",
            f"12,5{NBSP}%", "15:30", "1,2 миллиарда евро"]),
    ("he", ["50,000", "14 במרץ 2024", "\u200f5 מיליון דולר אמריקאי", "12.5%", "15:30",
            "\u200f1.2 מיליארד אירו"]),
])
def test_forms_come_from_cldr_for_any_language(lang, forms):
    text = "50,000 fled by March 14, 2024; $5 million, 12.5 per cent, 3:30 p.m., €1.2bn."
    assert rendered(text, lang, Settings(targets=[lang])) == forms


def test_default_locale_comes_from_the_profile_or_the_code():
    assert str(style_for("pt", Settings(targets=["pt"])).locale) == "pt_BR"
    assert str(style_for("ru", Settings(targets=["ru"])).locale) == "ru"
    pt_pt = Settings(targets=["pt"], locales=numbers.parse_locales(["pt=pt_PT"]))
    assert rendered("$2 billion for 50,000", "pt", pt_pt) == [
        "2 mil milhões de dólares", f"50{NBSP}000"]


def test_any_language_locale_is_checked_against_cldr():
    assert numbers.parse_locales(["he=he_IL"])["he"] == "he_IL"
    with pytest.raises(ConfigError, match="locale 'ru_RU' is not for Hebrew; use --locale "
                                          "he=he or another he_"):
        numbers.parse_locales(["he=ru_RU"])
