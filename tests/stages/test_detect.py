"""Language detection: source verified, foreign segments kept, English output retried."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.context import Context, Settings
from locpipe.document import Segment, Unit
from locpipe.engines.pseudo import PseudoEngine
from locpipe.rules import langid
from locpipe.rules.langid import OutputLanguage
from locpipe.stages import detect

DATA = Path(__file__).parents[1] / "data" / "qa"
runner = CliRunner()


def run_pseudo(article: Path, out: Path, *options: str):
    return runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--out", str(out),
                               *options])


class EnglishLeakEngine:
    """FAKE engine behaving like Argos en→ar on long sentences: inputs longer than eight words
    come back untranslated (English); shorter ones are 'translated' (pseudo Arabic)."""

    name = "fake-english-leak"
    model_id = "fake"
    pseudo = False

    def __init__(self, source="en", target="ar", options=None):
        self.source, self.target = source, target
        self.inner = PseudoEngine(source, target)
        self.calls: list[list[str]] = []

    def translate(self, texts):
        self.calls.append(list(texts))
        return [t if len(t.split()) > 8 else self.inner.translate([t])[0] for t in texts]


class StubbornEnglishEngine(EnglishLeakEngine):
    """FAKE engine that never translates: every output is its input."""

    name = "fake-stubborn"

    def translate(self, texts):
        self.calls.append(list(texts))
        return list(texts)


def test_french_article_is_refused_with_language_and_probability(tmp_path):
    result = run_pseudo(DATA / "french-article.txt", tmp_path)
    assert result.exit_code == 2
    assert re.fullmatch(
        r"Error: .*french-article.txt: the article looks French \(fr, probability 1\.00: 3 of 3 "
        r"sentences of 6 words or more read French, 246 letters\), not English; pass "
        r"--source-lang fr if that is right, or --force to translate it anyway\n",
        result.stderr)
    assert not any(tmp_path.iterdir())


def test_force_translates_a_french_article(tmp_path):
    result = run_pseudo(DATA / "french-article.txt", tmp_path, "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "french-article" / "ar.html").exists()
    assert "foreign" not in result.stdout  # forced: every sentence goes to the engine


def test_source_lang_option_sets_expected_language(tmp_path):
    result = run_pseudo(DATA / "french-article.txt", tmp_path, "--source-lang", "fr", "--to", "ar")
    assert result.exit_code == 0, result.output


def test_quoted_french_sentence_is_kept_and_marked(tmp_path):
    result = run_pseudo(DATA / "mixed-quote.txt", tmp_path)
    assert result.exit_code == 0, result.output
    ar = (tmp_path / "mixed-quote" / "ar.html").read_text()
    # kept as written (typography may isolate the Latin run), inside its own lang="fr"
    assert re.search(r'<p><span lang="fr">«[^<]*(<span dir="ltr">)?Nous n’avons plus de '
                     r"médicaments et les enfants meurent dans les couloirs de l’hôpital\.", ar)
    assert "foreign" in result.output  # reported in the summary


def test_only_confident_foreign_segments_are_marked(sample):
    from locpipe.formats.readers import read_document
    from locpipe.stages.segment import segment_document

    doc = segment_document(read_document(sample, "utf-8"))
    detect.verify_source(doc, Settings(targets=["fr"]))
    assert [s.id for s in doc.segments if s.lang] == []
    doc = segment_document(read_document(DATA / "mixed-quote.txt", "utf-8"))
    detect.verify_source(doc, Settings(targets=["fr"]))
    assert [(s.id, s.lang) for s in doc.segments if s.lang] == [("mixed-quote:4.1", "fr")]


def _units(texts):
    units = []
    for i, t in enumerate(texts):
        u = Unit(Segment(f"a:{i}.0", i, 0, "paragraph", t), "ar")
        u.engine_input = t
        units.append(u)
    return units


LONG = ("The army said on Tuesday, after a night of heavy shelling, that its forces had "
        "entered the city.")


def test_english_output_is_retried_clause_by_clause():
    engine = EnglishLeakEngine()
    ctx = Context("ar", Settings(targets=["ar"]), _engine=engine)
    units = _units([LONG, "Aid arrived."])
    for u in units:
        u.output = engine.translate([u.engine_input])[0]
    detect.check_output(units, ctx)
    assert engine.calls[-1] == ["The army said on Tuesday,", "after a night of heavy shelling,",
                                "that its forces had entered the city."]
    assert langid.script_share(units[0].output, "Arab") > 0.9
    assert [(f.check, f.severity) for f in units[0].findings] == [("language", "info")]
    assert units[0].get(OutputLanguage).retried == "clause by clause"
    assert units[1].findings == []
    assert units[1].get(OutputLanguage).guess.method == "script"


def test_output_still_english_after_retry_is_flagged():
    engine = StubbornEnglishEngine()
    ctx = Context("ar", Settings(targets=["ar"]), _engine=engine)
    units = _units([LONG])
    units[0].output = LONG
    detect.check_output(units, ctx)
    assert units[0].output == LONG
    (finding,) = units[0].findings
    assert finding.severity == "error"
    assert finding.message == ("output is not Arabic: detected English (en, p=1.00, langdetect), "
                               "still after a retry clause by clause")


def test_pseudo_engine_output_is_not_language_checked():
    ctx = Context("fr", Settings(targets=["fr"]), _engine=PseudoEngine("en", "fr"))
    units = _units([LONG])
    units[0].output = "[English kept]"
    detect.check_output(units, ctx)
    assert units[0].findings == []


def test_translate_with_leaky_engine_retries_and_reports(monkeypatch, tmp_path):
    import locpipe.engines

    monkeypatch.setitem(locpipe.engines.ENGINES, "fake-leak",
                        "tests.stages.test_detect:EnglishLeakEngine")
    monkeypatch.setitem(locpipe.engines.ENGINES, "fake-stubborn",
                        "tests.stages.test_detect:StubbornEnglishEngine")
    article = tmp_path / "leak.txt"
    article.write_text("Convoy reaches the city\n\n" + LONG + "\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "fake-leak", "--to", "ar",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Findings — ar: info: 1 (language 1)" in result.stdout
    result = runner.invoke(app, ["translate", str(article), "--engine", "fake-stubborn",
                                 "--to", "ar", "--out", str(tmp_path / "out2")])
    assert result.exit_code == 0, result.output
    assert re.search(r"Findings — ar: error: \d+ \(language 2, untranslated 2\)", result.stdout)
    report = (tmp_path / "out2" / "leak" / "report.html").read_text()
    assert "output is not Arabic: detected English (en, p=1.00, langdetect)" in report


def test_output_in_a_third_language_is_a_warning_without_retry():
    engine = StubbornEnglishEngine("en", "fr")
    ctx = Context("fr", Settings(targets=["fr"]), _engine=engine)
    units = _units([LONG])
    units[0].output = "El ejército dijo el martes que sus fuerzas habían entrado en la ciudad."
    detect.check_output(units, ctx)
    assert engine.calls == []
    (finding,) = units[0].findings
    assert (finding.check, finding.severity) == ("language", "warning")
    assert finding.message.startswith("output does not look French: detected Spanish (es, p=")


class FullStopEngine(EnglishLeakEngine):
    """FAKE engine that gives up on any input ending in a full stop (returns it as is)."""

    name = "fake-full-stop"

    def translate(self, texts):
        self.calls.append(list(texts))
        return [t if t.endswith(".") else self.inner.translate([t])[0] for t in texts]


def test_single_clause_is_retried_without_final_punctuation():
    engine = FullStopEngine()
    ctx = Context("ar", Settings(targets=["ar"]), _engine=engine)
    units = _units(["The talks between the two delegations failed again in Geneva on Monday."])
    units[0].output = units[0].engine_input
    detect.check_output(units, ctx)
    assert engine.calls == [["The talks between the two delegations failed again in Geneva on "
                             "Monday"]]
    assert units[0].output.endswith(".") and langid.script_share(units[0].output, "Arab") > 0.9
    assert units[0].findings[0].message.endswith("retried without final punctuation, now Arabic")


# --- any target language ------------------------------------------------------------------

class TableEngine:
    """FAKE engine with fixed translations; anything not in the table comes back as it was
    given (untranslated), like an engine that gives up."""

    name = "fake-table"
    model_id = "fake"
    pseudo = False
    TABLE: dict[str, str] = {}

    def __init__(self, source="en", target="he", options=None):
        self.source, self.target = source, target
        self.calls: list[list[str]] = []

    def translate(self, texts):
        self.calls.append(list(texts))
        return [self.TABLE.get(t, t) for t in texts]


class HebrewEngine(TableEngine):
    TABLE = {
        "The municipality said on Sunday,": "העירייה אמרה ביום ראשון,",
        "after a week of heavy rain,": "לאחר שבוע של גשמים כבדים,",
        "that the main road would reopen.": "כי הכביש הראשי ייפתח מחדש.",
    }


def _target_units(texts, lang):
    units = []
    for i, t in enumerate(texts):
        u = Unit(Segment(f"a:{i}.0", i, 0, "paragraph", t), lang)
        u.engine_input = u.output = t
        units.append(u)
    return units


def test_english_left_in_a_hebrew_page_is_retried_and_then_hebrew():
    engine = HebrewEngine()
    ctx = Context("he", Settings(targets=["he"]), _engine=engine)
    units = _target_units(["The municipality said on Sunday, after a week of heavy rain, that "
                           "the main road would reopen."], "he")
    detect.check_output(units, ctx)
    assert units[0].output == ("העירייה אמרה ביום ראשון, לאחר שבוע של גשמים כבדים, כי הכביש "
                               "הראשי ייפתח מחדש.")
    (finding,) = units[0].findings
    assert (finding.check, finding.severity) == ("language", "info")
    assert finding.message.startswith("engine answered in English (en, p=")
    assert finding.message.endswith("retried clause by clause, now Hebrew")


@pytest.mark.parametrize(("lang", "output"), [
    ("es", "Los precios del pan subieron un tercio en los mercados de la capital."),
    ("es", "de la capital"),  # short: Spanish words, not French ones
    ("de", "Die Brotpreise sind auf den Märkten der Hauptstadt um ein Drittel gestiegen."),
    ("pt", "Os preços do pão subiram um terço nos mercados da capital."),
    ("ru", "Цены на хлеб на рынках столицы выросли на треть."),
    ("he", "מחירי הלחם בשווקי הבירה עלו בשליש."),
])
def test_translations_in_any_target_pass_the_output_check(lang, output):
    engine = TableEngine(target=lang)
    ctx = Context(lang, Settings(targets=[lang]), _engine=engine)
    units = _target_units(["Bread prices in the capital's markets rose by a third."], lang)
    units[0].output = output
    detect.check_output(units, ctx)
    assert units[0].findings == [] and engine.calls == []


class QuestionEngine(EnglishLeakEngine):
    """FAKE engine that gives up on questions (returns them as they are)."""

    def translate(self, texts):
        self.calls.append(list(texts))
        return [t if t.endswith("?") else self.inner.translate([t])[0] for t in texts]


def test_retried_question_gets_the_target_s_question_mark():
    engine = QuestionEngine()
    ctx = Context("ar", Settings(targets=["ar"]), _engine=engine)
    units = _target_units(["Will the border crossing open again before the winter comes?"], "ar")
    detect.check_output(units, ctx)
    assert units[0].output.endswith("؟")


def test_hebrew_and_russian_quotes_in_an_english_article_are_kept(tmp_path):
    from locpipe.formats.readers import read_document
    from locpipe.stages.segment import segment_document

    article = tmp_path / "quotes.txt"
    article.write_text(
        "Ministers meet in the north\n\n"
        "The ministers met on Monday in a hotel near the border to discuss the water supply.\n\n"
        "“אנחנו לא נוותר על המים של הכפרים שלנו”\n\n"
        "“Мы не откажемся от воды наших деревень”\n\n"
        "Officials said a further meeting was planned for next month in the capital.\n",
        encoding="utf-8")
    doc = segment_document(read_document(article, "utf-8"))
    detect.verify_source(doc, Settings(targets=["fr"]))
    assert [s.lang for s in doc.segments] == [None, None, "he", "ru", None]


def test_short_english_labels_and_lists_are_not_refused(tmp_path):
    """Issue 22: block-editor labels ("Accordion Title") were refused as Italian, a list of
    names as Indonesian, a schedule as Somali."""
    langid = Path(__file__).parents[1] / "data" / "langid" / "articles"
    for name in ("en-accordion.html", "en-names.txt", "en-schedule.txt"):
        result = run_pseudo(langid / name, tmp_path / name)
        assert result.exit_code == 0, result.output


def test_an_italian_article_is_refused_naming_the_evidence(tmp_path):
    result = run_pseudo(Path(__file__).parents[1] / "data" / "langid" / "articles" / "it.txt",
                        tmp_path)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "it.txt: the article looks Italian (it, probability 1.00: 5 of 5 sentences of 6 words "
        "or more read Italian, 351 letters), not English; pass --source-lang it if that is "
        "right, or --force to translate it anyway\n")
