"""Each check catches what its title says, and passes correct translations."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe import checks
from locpipe.checks import (
    CHECKS,
    Pair,
    doubled_punctuation,
    empty,
    length,
    markup,
    mixed_script,
    punctuation,
    repetition,
    untranslated,
)
from locpipe.rules.numbers import NumberState
from locpipe.stages import check

REFS = json.loads((Path(__file__).parent / "data" / "qa" / "references.json").read_text("utf-8"))


def fails(check, source: str, target: str, lang: str = "fr") -> bool:
    return bool(check(Pair(source, target, lang)))


def passes(check, source: str, target: str, lang: str = "fr") -> bool:
    return not fails(check, source, target, lang)


def test_every_check_has_title_and_severity():
    for name, chk in CHECKS.items():
        assert chk.title and not chk.title.endswith((":", ".")), name
        assert chk.severity in checks.SEVERITIES
    assert {"empty", "numbers", "terms", "markup", "untranslated", "length", "repetition",
            "punctuation", "mixed_script", "doubled_punctuation", "urls", "acronyms",
            "doubled_words"} <= set(CHECKS)


@pytest.mark.parametrize("ref", REFS, ids=[r["id"] for r in REFS])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_reference_translations_pass_every_check(ref, lang):
    result = checks.check_pair(Pair(ref["en"], ref[lang], lang))
    assert [(c.name, m) for c, m in result.findings] == []


def test_empty():
    assert fails(empty, "The army said.", "")
    assert fails(empty, "The army said.", "   ")
    assert fails(empty, "The army <1>said</1>.", "<1></1>.")
    assert passes(empty, "The army said.", "L’armée a déclaré.")
    assert passes(empty, "2024", "2024")


def test_markup():
    assert fails(markup, "The <1>UN</1> said.", "L’ONU a déclaré.")
    assert fails(markup, "The <1>UN</1> said.", "L’<2>ONU</2> a déclaré.")
    assert fails(markup, "A <1>b</1> <2>c</2>.", "<1>b <2>c</1></2>.")
    assert fails(markup, "Aid arrived.", "L’aide <n1/> est arrivée.")
    assert fails(markup, "Aid <1/>arrived.", "L’aide < 1/>est arrivée.")
    assert markup(Pair("The <1>UN</1>.", "L’ONU.", "fr")) == ["markup tag <1> is missing",
                                                           "markup tag </1> is missing"]
    assert passes(markup, "The <1>UN</1> said<2/>.", "L’<1>ONU</1> a déclaré<2/>.")
    assert passes(markup, "Plain.", "Simple.")


def test_untranslated():
    assert fails(untranslated, "The army said it was ready.", "The army said it was ready.")
    assert fails(untranslated, "The army said it was ready.",
                 "The army said it was ready.", "ar")
    assert fails(untranslated, "The talks failed.", "The talks have failed in the end.")
    assert fails(untranslated, "The talks failed.", "The talks failed in Geneva.", "ar")
    assert untranslated(Pair("The government in Damascus has not commented on the reports.",
                             "Le gouvernement de Damas not commented on the reports.", "fr")
                        ) == ["part of the translation is still English: “not commented on the "
                              "reports”"]
    assert fails(untranslated, "Residents said the power had been cut for 13 to 15 hours a day.",
                 "قال سكان إن الكهرباء كانت تنقطع for 13 to 15 hours a day.", "ar")
    assert passes(untranslated, "The Syrian Observatory for Human Rights said it was ready.",
                  "Selon la Syrian Observatory for Human Rights, elle est prête.")
    assert passes(untranslated, "Bashar al-Assad", "Bashar al-Assad")  # names only
    assert passes(untranslated, "HTS", "HTS")
    assert passes(untranslated, "The talks failed.", "Les pourparlers ont échoué.")
    assert passes(untranslated, "The talks failed.", "فشلت المحادثات.", "ar")
    assert passes(untranslated, "The AFP said.", "قالت وكالة AFP.", "ar")


def test_length():
    src = "Local officials said water supplies had been restored in parts of the old city."
    assert fails(length, src, "Des responsables locaux.")
    assert fails(length, src, "قال مسؤولون.", "ar")
    assert fails(length, src, " ".join(["Des responsables locaux ont indiqué que l’eau."] * 5))
    assert passes(length, src, REFS[20]["fr"])
    assert passes(length, src, REFS[20]["ar"], "ar")
    assert passes(length, "A truce", "Une trêve fragile et longue")  # too short to judge
    assert length(Pair(src, "Des responsables.", "fr"))[0].startswith(
        "the translation is 0.22× the source length; en→fr usually 0.60–2.30×")


def test_repetition():
    assert fails(repetition, "The army entered the city.",
                 "L’armée est entrée dans la ville dans la ville dans la ville.")
    assert fails(repetition, "The army entered the city.", "L’armée armée armée est entrée.")
    assert fails(repetition, "Aid arrived.", "وصلت المساعدات وصلت المساعدات وصلت المساعدات.",
                 "ar")
    assert fails(repetition, "Talks failed.", "Les pourparlers ont échoué à Genève mardi soir "
                 "les pourparlers ont échoué à Genève mardi soir.")  # 7 words, twice
    assert passes(repetition, "Very, very cold.", "Très, très froid.")
    assert passes(repetition, "It rained, rained and rained.", "Il a plu, plu et plu.")
    assert passes(repetition, REFS[0]["en"], REFS[0]["fr"])


def test_punctuation():
    assert fails(punctuation, "The army said.", "L’armée a déclaré")
    assert fails(punctuation, "A fragile truce", "Une trêve fragile.")
    assert fails(punctuation, "Why did talks fail?", "Pourquoi les pourparlers ont échoué.")
    assert fails(punctuation, "Why did talks fail?", "لماذا فشلت المحادثات.", "ar")
    assert passes(punctuation, "Why did talks fail?", "لماذا فشلت المحادثات؟", "ar")
    assert passes(punctuation, "Why did talks fail?", "Pourquoi ont-ils échoué\u202f?")
    assert passes(punctuation, "“We left,” she said.", "« Nous sommes partis », a-t-elle dit.")
    assert passes(punctuation, "He said: “We left.”", "Il a dit : « Nous sommes partis. »")


def test_mixed_script():
    assert fails(mixed_script, "The city.", "المدينةa.", "ar")
    assert fails(mixed_script, "HTS fighters.", "مقاتلو الHTS.", "ar")
    assert passes(mixed_script, "AFP said.", "قالت وكالة AFP.", "ar")
    assert passes(mixed_script, "The city.", "المدينة.", "ar")
    assert "mixed_script" not in [c.name for c, _ in
                                     checks.check_pair(Pair("x", "villea", "fr")).findings]


def test_doubled_punctuation():
    assert fails(doubled_punctuation, "Why?", "لماذا؟?", "ar")
    assert fails(doubled_punctuation, "It ended.", "C’est fini..")
    assert fails(doubled_punctuation, "Food, water.", "De la nourriture,, de l’eau.")
    assert fails(doubled_punctuation, "Food, water.", "الغذاء،, والماء.", "ar")
    assert passes(doubled_punctuation, "And then...", "Et puis...")
    assert passes(doubled_punctuation, "Really?!", "Vraiment ?!")
    assert passes(doubled_punctuation, "About 12,500 families.", "Environ 12 500 familles.")


def test_summary_counts_per_severity_and_check():
    from locpipe.document import Finding

    found = [Finding("a:1.0", "markup", "error", "x"), Finding("a:1.1", "length", "warning", "y"),
             Finding("a:1.2", "markup", "error", "z")]
    assert checks.summary(found) == {"severity": {"error": 2, "warning": 1},
                                     "check": {"length": 1, "markup": 2}}


class DoubledMarkEngine:
    """FAKE engine: fixed French translations with a doubled final mark, as a bad
    punctuation restore would leave them."""

    name = "fake-doubled-mark"
    model_id = "fake"
    pseudo = False
    TABLE = {
        "Bakeries reopen": "Les boulangeries rouvrent",
        "The bakeries of the old town reopened on the first day of the week.":
            "Les boulangeries de la vieille ville ont rouvert le premier jour de la semaine..",
        "Queues were long, residents said.":
            "Les files d’attente étaient longues, selon des habitants..",
    }

    def __init__(self, source="en", target="fr", options=None):
        self.source, self.target = source, target

    def translate(self, texts):
        return [self.TABLE.get(t, t) for t in texts]


def test_run_checks_stage_flags_each_finding_once():
    from locpipe.context import Context, Settings
    from locpipe.document import Segment, Unit

    ctx = Context("fr", Settings(targets=["fr"]), _engine=DoubledMarkEngine())
    seg = Segment("a:2.1", 2, 1, "paragraph", "The road remains closed to traffic.")
    unit = Unit(seg, "fr", target="La route reste fermée à la circulation..")
    unit.flag("doubled_punctuation", "warning", "doubled punctuation: '..'")  # a stage said it
    copy = Unit(seg, "fr", target=seg.text, origin="copy")
    check.run_checks([unit, copy], ctx)
    assert [(f.segment_id, f.check, f.severity, f.message, f.lang) for f in unit.findings] == [
        ("a:2.1", "doubled_punctuation", "warning", "doubled punctuation: '..'", "fr")]
    assert copy.findings == []


def test_translate_summary_counts_findings(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    import locpipe.engines
    from locpipe.cli import app

    monkeypatch.setitem(locpipe.engines.ENGINES, "fake-doubled",
                        "tests.test_checks:DoubledMarkEngine")
    article = tmp_path / "road.txt"
    article.write_text("Bakeries reopen\n\nThe bakeries of the old town reopened on the first "
                       "day of the week. Queues were long, residents said.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(article), "--engine", "fake-doubled",
                                      "--to", "fr", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Findings — fr: warning: 2 (doubled_punctuation 2)" in result.stdout


CALLS: list[str] = []


def fake_check_numbers(source, target, lang, settings):
    """FAKE numbers rule: reports every call, finds '2024' missing when it is."""
    CALLS.append(target)
    return ["'2024' is missing"] if "2024" in source and "2024" not in target else []


def test_delegated_check_skipped_where_its_stage_already_checked(monkeypatch):
    from locpipe.context import Context, Settings
    from locpipe.document import Segment, Unit

    monkeypatch.setattr(checks, "check_numbers", fake_check_numbers)
    seg = Segment("a:2.1", 2, 1, "paragraph", "Talks resume in 2024.")
    machine = Unit(seg, "fr", target="Les pourparlers reprennent.")
    machine.put(NumberState(checked=True))  # the numbers stage did it (and flagged it)
    reviewed = Unit(seg, "fr", target="Les pourparlers reprennent en 2023.", origin="reviewed")
    CALLS.clear()
    check.run_checks([machine, reviewed], Context("fr", Settings(targets=["fr"])))
    assert CALLS == ["Les pourparlers reprennent en 2023."]
    assert [(f.check, f.message) for f in reviewed.findings] == [("numbers",
                                                                 "'2024' is missing")]


# --- languages beyond fr/ar: facts from the language profile ---------------------------------

# Fresh wire sentences, each with a correct translation and one with English left in.
TRANSLATIONS = {
    "es": ("Rescue teams reached the flooded villages on Sunday after the river burst its banks.",
           "Los equipos de rescate llegaron el domingo a los pueblos inundados después de que el "
           "río se desbordara.",
           "Los equipos de rescate reached the flooded villages on Sunday after the river burst "
           "its banks."),
    "de": ("The hospital said it had run out of fuel for its generators.",
           "Das Krankenhaus teilte mit, dass der Treibstoff für die Generatoren ausgegangen sei.",
           "Das Krankenhaus teilte mit, it had run out of fuel for its generators."),
    "pt": ("Farmers said the drought had destroyed most of the harvest this year.",
           "Os agricultores disseram que a seca destruiu a maior parte da colheita deste ano.",
           "Os agricultores disseram que the drought had destroyed most of the harvest."),
    "ru": ("The ferry service across the strait was suspended because of the storm.",
           "Паромное сообщение через пролив было приостановлено из-за шторма.",
           "Паромное сообщение was suspended because of the storm across the strait."),
    "he": ("The museum will reopen its doors to visitors next month.",
           "המוזיאון יפתח מחדש את שעריו למבקרים בחודש הבא.",
           "המוזיאון will reopen its doors to visitors next month."),
}


def findings(source: str, target: str, lang: str) -> list[tuple[str, str]]:
    return [(c.name, m) for c, m in checks.check_pair(Pair(source, target, lang)).findings]


@pytest.mark.parametrize("lang", sorted(TRANSLATIONS))
def test_correct_translation_has_no_finding(lang):
    source, good, _ = TRANSLATIONS[lang]
    assert findings(source, good, lang) == []


@pytest.mark.parametrize("lang", sorted(TRANSLATIONS))
def test_english_left_in_the_translation_is_untranslated(lang):
    source, _, leaked = TRANSLATIONS[lang]
    assert "untranslated" in [name for name, _ in findings(source, leaked, lang)]
    assert fails(untranslated, source, source, lang)  # not translated at all


def test_untranslated_messages_name_the_language_or_script():
    source, _, leaked = TRANSLATIONS["es"]
    assert untranslated(Pair(source, leaked, "es")) == [
        "the translation looks English (4 English function words, 2 Spanish)"]
    source, _, leaked = TRANSLATIONS["he"]
    assert untranslated(Pair(source, leaked, "he"))[0].startswith(
        "the translation is not in Hebrew script (")
    assert untranslated(Pair("The storm.", "The storm hit the coast.", "ru")) == [
        "the translation is not in Cyrillic script (0% Cyrillic letters)"]


def test_latin_acronyms_and_names_in_russian_and_hebrew_pass():
    assert findings("NATO ministers met Reuters reporters in Brussels.",
                    "Министры NATO встретились с журналистами Reuters в Брюсселе.", "ru") == []
    assert findings("The IAEA said the inspectors of the UN agency had left.",
                    "МАГАТЭ (IAEA) сообщило, что инспекторы агентства ООН уехали.", "ru") == []
    assert findings("Shares of Teva fell after the Bank of Israel decision.",
                    "מניות Teva ירדו לאחר החלטת בנק ישראל.", "he") == []
    assert findings("The UNRWA chief visited Gaza.", "ראש UNRWA ביקר בעזה.", "he") == []


def test_spanish_words_that_look_english_do_not_make_it_english():
    # "a", "no", "he" are English too; the Spanish function words outweigh them
    assert passes(untranslated, "He said no to the offer.",
                  "Él dijo que no a la oferta de la empresa.", "es")


@settings(max_examples=50, deadline=None, derandomize=True)
@given(acronym=st.text(alphabet="ABCDEFGHIKLMNOPRSTUVWXYZ", min_size=2, max_size=5),
       lang=st.sampled_from(["ru", "he", "ar"]))
def test_an_acronym_standing_alone_in_a_non_latin_translation_passes(acronym, lang):
    words = {"ru": ("Представители", "заявили во вторник, что переговоры продолжатся."),
             "he": ("נציגי", "אמרו ביום שלישי כי השיחות יימשכו."),
             "ar": ("قال ممثلو", "يوم الثلاثاء إن المحادثات ستستمر.")}[lang]
    target = f"{words[0]} {acronym} {words[1]}"
    assert findings(f"Representatives of {acronym} said on Tuesday that talks would go on.",
                    target, lang) == []


def test_mixed_script_for_hebrew_and_russian_not_for_latin_targets():
    assert mixed_script(Pair("The city closed.", "городa закрыт.", "ru")) == [
        "Latin letters inside Cyrillic word(s): городa"]
    assert fails(mixed_script, "The city closed.", "העירa נסגרה.", "he")
    assert passes(mixed_script, "Reuters said.", "סוכנות Reuters אמרה.", "he")
    assert not CHECKS["mixed_script"].applies("de")  # Latin script: nothing to mix
    assert not CHECKS["mixed_script"].applies("zh")  # Han: Latin next to it is normal writing
    assert CHECKS["mixed_script"].applies("fa")


def test_length_band_comes_from_the_profile():
    src = "Officials said the water network in the eastern districts had been repaired."
    assert length(Pair(src, "Los funcionarios.", "es"))[0].startswith(
        "the translation is 0.22× the source length; en→es usually 0.60–2.30×")
    assert passes(length, src, "Los funcionarios dijeron que la red de agua de los distritos "
                               "orientales había sido reparada.", "es")
    assert not CHECKS["length"].applies("ru")  # no profile, no band: skipped, not guessed


def test_skip_note_names_what_is_skipped_and_why():
    assert checks.skip_note("fr") == ""
    assert checks.skip_note("es") == ""
    assert checks.skip_note("ru") == "QA for Russian: length skipped (no curated language profile)"
    assert checks.skip_note("it") == ("QA for Italian: untranslated catches only output "
                                      "identical to the source, length skipped (no curated "
                                      "language profile)")


def test_untranslated_without_word_list_catches_only_identical_output():
    assert fails(untranslated, "The talks failed again.", "The talks failed again.", "it")
    assert passes(untranslated, "The talks failed.", "I colloqui sono falliti in Siria.", "it")


def test_run_checks_says_once_per_article_what_it_skipped():
    from locpipe.context import Context, Settings
    from locpipe.document import Segment, Unit

    units = [Unit(Segment(f"{art}:{b}.0", b, 0, "paragraph", src), "ru", target=tgt)
             for art in ("storm", "museum") for b, (src, tgt) in enumerate([
                 ("The port was closed.", "Порт был закрыт."),
                 ("Ships waited offshore.", "Суда ждали на рейде.")])]
    check.run_checks(units, Context("ru", Settings(targets=["ru"])))
    assert [(f.segment_id, f.check, f.severity, f.message) for u in units for f in u.findings] == [
        ("storm:0.0", "skipped", "info", "QA for Russian: length skipped (no curated language "
                                         "profile)"),
        ("museum:0.0", "skipped", "info", "QA for Russian: length skipped (no curated language "
                                          "profile)")]
    units = [Unit(Segment("storm:0.0", 0, 0, "paragraph", "The port was closed."), "es",
                  target="El puerto fue cerrado.")]
    check.run_checks(units, Context("es", Settings(targets=["es"])))
    assert units[0].findings == []


def test_a_regional_code_uses_its_language_profile():
    source, _, leaked = TRANSLATIONS["pt"]
    assert fails(untranslated, source, leaked, "pt_BR")
    assert checks.skip_note("pt_BR") == "" and checks.skip_note("es-419") == ""


def test_an_abbreviation_stop_before_a_comma_is_not_doubled_punctuation():
    source = "It started on March 3, 2025, in Idlib, officials said."
    assert checks.doubled_punctuation(
        Pair(source, "Это началось 3 марта 2025 г., в Идлибе, сообщили власти.", "ru")) == []
    assert checks.doubled_punctuation(
        Pair(source, "Это началось 3 марта 2025,, в Идлибе, сообщили власти.", "ru")) == [
        "doubled punctuation: ',,'"]
    assert checks.doubled_punctuation(
        Pair(source, "Cela a commencé le 3 mars 2025 à Idleb, ont dit.,", "fr")) == [
        "doubled punctuation: '.,'"]


# --- acronyms and doubled words (fresh wire text) ----------------------------------------

def _glossary():
    from locpipe.formats.glossary import load_glossary

    return load_glossary([Path(__file__).parents[1] / "glossary"])


def found(name: str, source: str, target: str, lang: str = "fr", glossary=None) -> list[str]:
    """What the registered check `name` says about a pair, run the way QA runs it."""
    result = checks.check_pair(Pair(source, target, lang, glossary=glossary), [name])
    return [m for _, m in result.findings]


def test_a_dropped_acronym_is_caught():
    src = "Medical teams from MSF and ACTED reached Maarat al-Numan late on Saturday."
    assert found("acronyms", src, "Des équipes médicales de MSF sont arrivées samedi soir à "
                 "Maarat al-Nouman.") == [
        "acronym 'ACTED' of the source is missing from the translation"]
    assert found("acronyms", src, "Des équipes médicales de MSF et d’ACTED sont arrivées "
                 "samedi soir à Maarat al-Nouman.") == []
    assert CHECKS["acronyms"].severity == "warning"
    assert CHECKS["acronyms"].title == "Acronyms kept"


def test_acronyms_in_any_case_and_plural():
    assert found("acronyms", "UNICEF trucks left at dawn.", "Les camions de l’Unicef sont "
                 "partis à l’aube.") == []
    assert found("acronyms", "The OCHA said so.", "Thé ÕÇHÀ sàîd sõ.") == []  # pseudo-localized
    assert found("acronyms", "Two NGOs said the camp was full.",
                 "Deux ONG ont déclaré que le camp était plein.") == []  # NGO -> ONG
    assert found("acronyms", "The ICJ will rule in June.",
                 "La Cour rendra son arrêt en juin.") == [
        "acronym 'ICJ' of the source is missing from the translation"]


def test_an_acronym_the_glossary_translates_is_left_to_the_terms_check():
    glossary = _glossary()
    src = "The WFP said the UN convoy was turned back near Saraqeb."
    tgt = "Le PAM a déclaré que le convoi de l’ONU avait été refoulé près de Saraqeb."
    assert found("acronyms", src, tgt, glossary=glossary) == []
    # without the glossary, the translation's own acronyms stand for the missing ones
    assert found("acronyms", src, tgt) == []
    dropped = "Le PAM a déclaré que le convoi avait été refoulé près de Saraqeb."
    assert found("acronyms", src, dropped, glossary=glossary) == []  # terms says it
    assert found("terms", src, dropped, glossary=glossary) != []


def test_what_only_looks_like_an_acronym_is_not_one():
    for src, tgt in [
        ("Details at https://www.OCHA-example.org/SYR/hama.", "Détails sur https://www.ocha"
         "-example.org/syr/hama."),
        ("HOMS, Syria (AP) — Shelling resumed overnight.", "HOMS, Syrie (AP) — Les "
         "bombardements ont repris dans la nuit."),
        ("Veterans of World War II and the Gulf War marched.", "Des anciens combattants de la "
         "Seconde Guerre mondiale et de la guerre du Golfe ont défilé."),
        ("An SA-7 missile and a MiG-29 were seen over H5N1 farms.", "Un missile et un "
         "chasseur ont été vus au-dessus des fermes."),
        ("The curfew starts at 9 PM GMT.", "Le couvre-feu commence à 21 h."),
        ("U.S. officials declined to comment.", "Les responsables américains n’ont pas "
         "commenté."),
        ("BREAKING: SHELLING HITS HAMA", "DERNIÈRE MINUTE : DES OBUS TOMBENT SUR HAMA"),
    ]:
        assert found("acronyms", src, tgt) == [], src


def test_acronyms_do_not_concern_a_non_latin_target():
    assert "acronyms" not in {c.name for c in checks.plan("ar", None)}
    assert "acronyms" in {c.name for c in checks.plan("de", None)}
    assert checks.skip_note("ar") == ""  # quietly: Arabic spells acronyms out


def test_a_doubled_word_is_caught():
    src = "The bakery on the main square reopened on Monday."
    assert found("doubled_words", src, "La boulangerie de la la place principale a rouvert "
                 "lundi.") == ["the word 'la' is doubled"]
    assert found("doubled_words", "The the army said.", "L’armée a dit.") == []
    assert found("doubled_words", src, "The bakery on the The main square.", "en") == [
        "the word 'the' is doubled"]
    assert found("doubled_words", "and then", "و و قال", "ar") == ["the word 'و' is doubled"]
    assert CHECKS["doubled_words"].severity == "warning"


def test_legitimate_repeats_pass():
    assert found("doubled_words", "We met at the port.", "Nous nous sommes retrouvés au "
                 "port.") == []
    assert found("doubled_words", "Did you find yourselves alone?", "Vous vous êtes "
                 "retrouvés seuls ?") == []
    assert found("doubled_words", "People who left the city returned.", "Menschen, die die "
                 "Stadt verlassen hatten, kehrten zurück.", "de") == []
    assert found("doubled_words", "Water returned little by little.",
                 "عادت المياه رويداً رويداً.", "ar") == []
    assert found("doubled_words", "Tourists left Bora Bora.", "Les touristes ont quitté "
                 "Bora Bora.") == []  # doubled in the source too
    assert found("doubled_words", "Aid from <t1/> to <t2/>.", "L’aide de <t1/> de <t2/>.") == []
    assert found("doubled_words", "x", "dans la la la ville") == []  # three: repetition's


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from("les camions de l’aide sont arrivés hier soir à Idleb selon "
                                "des témoins".split()), min_size=2, max_size=12),
       st.integers(min_value=0, max_value=11))
def test_doubling_any_one_word_is_caught(words, k):
    words = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]
    src = "Aid trucks arrived in Idlib last night, witnesses said."
    assert found("doubled_words", src, " ".join(words)) == []
    k %= len(words)
    doubled = words[:k + 1] + words[k:]
    assert found("doubled_words", src, " ".join(doubled)) == [
        f"the word '{words[k].lower()}' is doubled"]


def test_an_arabic_translation_with_a_url_is_not_untranslated():
    src = "The list of open crossings is updated daily at https://crossings.example.org/list."
    tgt = "تُحدَّث قائمة المعابر المفتوحة يوميًا على https://crossings.example.org/list."
    assert found("untranslated", src, tgt, "ar") == []
    assert found("urls", src, tgt, "ar") == []


# --- nesting: identical elements the reader could not keep are an error, never silence ------

_MERGED = ("markup: 8 <em>, <b> elements nested more than 32 deep inside identical ones were "
           "merged into them")
_MERGED_SAID = ("its block nests 8 <em>, <b> elements more than 32 deep inside identical ones, "
                "read as part of them: the translation loses that nesting; nest them less "
                "deeply in the source and translate it again")


def test_nesting_is_an_error_for_a_segment_whose_identical_elements_were_merged():
    chk = CHECKS["nesting"]
    assert (chk.severity, chk.title) == ("error", "Nested markup kept")
    pair = Pair("<1>Residents fled Hama.</1>", "<1>Les habitants ont fui Hama.</1>", "fr",
                note=_MERGED)
    assert checks.nesting(pair) == [_MERGED_SAID]
    assert [(c.name, m) for c, m in checks.check_pair(pair).findings] == [("nesting",
                                                                          _MERGED_SAID)]


def test_nesting_reads_the_note_among_wrapped_po_comment_lines():
    """A PO entry's `#.` lines: the tag legend, then the note, wrapped by the PO writer."""
    comment = ("<1>…</1> = emphasis (em)\nmarkup: 8 <em>, <b> elements nested more than 32\n"
               "deep inside identical ones were merged into them")
    assert checks.nesting(Pair("<1>Aid came.</1>", "<1>L'aide est arrivée.</1>", "fr",
                               note=comment)) == [_MERGED_SAID]


@pytest.mark.parametrize("note", ["", "<img alt> in block 3", "<1>…</1> = emphasis (em)",
                                  "qa error nesting: " + _MERGED_SAID])
def test_nesting_passes_segments_the_reader_kept_whole(note):
    assert checks.nesting(Pair("<1>Aid came.</1>", "<1>L'aide est arrivée.</1>", "fr",
                               note=note)) == []


_INLINE = st.sampled_from(["em", "strong", "b", "span", "i"])


@settings(max_examples=60, deadline=None, derandomize=True)
@given(levels=st.lists(_INLINE, min_size=1, max_size=40),
       sentences=st.integers(min_value=1, max_value=3))
def test_nested_inline_elements_come_back_or_every_segment_of_the_block_has_an_error(
        tmp_path_factory, levels, sentences):
    """Well-nested elements at any depth: the reader keeps every one (as many tags as
    elements), refuses the file (more than 32 different ones open: exit 2, said), or merges
    identical ones past 32 into those around them — and then each segment of the block gets
    a `nesting` error counting them. Never a silent loss."""
    from locpipe.errors import InputError
    from locpipe.formats.readers import read_document
    from locpipe.stages.segment import segment_document

    text = " ".join(["Residents of Hama fled the shelling."] * sentences)
    body = "".join(f"<{t}>" for t in levels) + text + "".join(f"</{t}>" for t in reversed(levels))
    path = tmp_path_factory.mktemp("nest") / "nest.html"
    path.write_text(f"<h1>Hama empties</h1>\n<p>{body}</p>\n", encoding="utf-8")
    try:
        doc = segment_document(read_document(path))
    except InputError as e:
        assert "inline elements are open at once" in str(e)
        return
    block = doc.blocks[1]
    lost = len(levels) - len(block.tags)
    for seg in block.segments:
        found = [m for c, m in checks.check_pair(Pair(seg.text, seg.text, "fr", note=seg.note),
                                                  ["nesting"]).findings]
        if lost:
            assert len(found) == 1 and found[0].startswith(f"its block nests {lost} <")
        else:
            assert found == []


def test_merged_nesting_fails_the_gate_and_shows_in_the_report_and_qa(tmp_path, monkeypatch):
    """At the command line: `translate --fail-on error` exits 1 after writing everything, the
    report and the PO say why, and `qa` over the PO finds the same error."""
    from typer.testing import CliRunner

    from locpipe.cli import app

    monkeypatch.chdir(tmp_path)
    deep = ("<em>" * 34 + "Residents of Hama fled the shelling. Nobody came back."
            + "</em>" * 34)
    (tmp_path / "hama.html").write_text(
        f"<h1>Hama empties as shelling nears</h1>\n<p>The governor said the city was calm.</p>"
        f"\n<p>{deep}</p>\n", encoding="utf-8")
    said = ("its block nests 2 <em> elements more than 32 deep inside identical ones, read as "
            "part of them: the translation loses that nesting; nest them less deeply in the "
            "source and translate it again")
    runner = CliRunner()
    result = runner.invoke(app, ["translate", "hama.html", "--engine", "pseudo", "--to", "fr",
                                 "--out", "out", "--fail-on", "error"])
    assert result.exit_code == 1, result.output
    assert result.stderr == ("Error: --fail-on error: QA found 2 errors; the pages were "
                             "written, see report.html in each article's folder\n")
    assert "fr: error: 2 (nesting 2)" in result.stdout
    report = (tmp_path / "out" / "hama" / "report.html").read_text(encoding="utf-8")
    assert report.count(said.replace("<", "&lt;").replace(">", "&gt;")) == 2
    qa = runner.invoke(app, ["qa", "out/hama/fr.po"])
    assert qa.exit_code == 1, qa.output
    lines = [x for x in qa.stdout.splitlines() if " error nesting: " in x]
    assert [x.split(": ", 1)[1] for x in lines] == [
        f"hama:3.{n} [fr] error nesting: {said}" for n in (1, 2)]
    # nested identical elements within the bound all come back: nothing to say
    (tmp_path / "report.html").write_text(
        "<h1>Aid report disputed</h1>\n<p><em>The report, titled <em>Hunger in Homs</em>, "
        "was wrong</em>, the agency said.</p>\n", encoding="utf-8")
    ok = runner.invoke(app, ["translate", "report.html", "--engine", "pseudo", "--to", "fr",
                             "--out", "out2", "--fail-on", "error"])
    assert (ok.exit_code, ok.stderr) == (0, ""), ok.output


# --- the doubled-words prefilter ----------------------------------------------------------------

_DOUBLING_PIECES = ["le", "Le", "LE", "de", "des", "l'", "l’", "a", "à", "À", "و", "ال", "ولد",
                    "aujourd'hui", "-", "'", "’", "(", ")", "é", "e\u0301", "İ", "i", "Σ", "σ",
                    "ς", "ß", "SS", "ǅ", "ǆ", "K", "\u212a", "k", "ſ", "s", "ﬁ", "fi", "2", "²",
                    "Ⅻ", "ⅻ", "\x00", "_", "\u0651", "\u093f", "ध", "«", "."]
_SEPARATORS = [" ", "  ", "\u00a0", "\u202f", "\t", "\n", "", "\u2009"]


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(_DOUBLING_PIECES), st.sampled_from(_SEPARATORS)),
                max_size=8))
def test_the_doubled_words_prefilter_lets_every_doubling_through(parts):
    """_may_double only spares the regex texts it cannot match (fresh pieces: case pairs,
    clitics, elisions, marks, the capitals that lower-case otherwise in a word)."""
    from locpipe.checks import _DOUBLED_RE, _may_double

    text = "".join(a + b for a, b in parts)
    if _DOUBLED_RE.search(text):
        assert _may_double(text), text


def test_the_prefilter_spares_sentences_without_a_doubling():
    from locpipe.checks import _may_double

    assert not _may_double("Les pompiers de des villages voisins sont arrivés à l'aube.")
    assert _may_double("Les pompiers sont arrivés arrivés à l'aube.")
    assert _may_double("Ils ont dit « le le » deux fois.")


# --- patterns written for speed match what the plain patterns match ----------------------------

_ACRONYM_PIECES = ["UN", "WFP", "A", "s", "S", "NGOs", "H5N1", "U.S.", "AT&T", "@", "/", ".", "-",
                   "&", " ", "x", "é", "É", "7", "_", "(", "\u00a0", "ÉU", "Ab", "II", ".com"]


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_ACRONYM_PIECES), max_size=10))
def test_the_acronym_pattern_finds_what_the_plain_pattern_finds(pieces):
    """_ACRONYM_RE (capital first, lookbehind after it) gives the plain pattern's matches."""
    import re

    from locpipe.checks import _ACRONYM_RE

    plain = re.compile(r"(?<![\w@/.\-&])([A-Z][A-Z0-9&]*[A-Z])(s?)(?![\w@/\-&]|\.\w)")
    text = "".join(pieces)
    assert [(m.span(), m.groups()) for m in _ACRONYM_RE.finditer(text)] == [
        (m.span(), m.groups()) for m in plain.finditer(text)]


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["ال", "مدينة", "a", "HTS", "Z", " ", "ـ", "5", "é", "город",
                                 "אב", "x", "و"]), max_size=10),
       st.sampled_from(["Arab", "Cyrl", "Hebr"]))
def test_the_mixed_script_pattern_finds_what_the_plain_pattern_finds(pieces, script):
    """_mixed_re (one class first) finds the pairs the two-alternative pattern finds."""
    import re

    from locpipe.checks import _mixed_re
    from locpipe.rules.langid import SCRIPTS

    block = SCRIPTS[script].block
    plain = re.compile(rf"[{block}][A-Za-z]|[A-Za-z][{block}]")
    text = "".join(pieces)
    assert [m.span() for m in _mixed_re(script).finditer(text)] == [
        m.span() for m in plain.finditer(text)]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from("aeÉéñÑüǅﬁ²\u0301\u0651ÕWHO Etats-Unis"), max_size=16))
def test_folding_drops_exactly_the_combining_marks(text):
    import unicodedata

    from locpipe.checks import _fold

    assert _fold(text) == "".join(c for c in unicodedata.normalize("NFKD", text)
                                  if not unicodedata.combining(c))
