"""The glossary stages (mask_terms, restore_terms) against the fault-injecting fake engine."""

from pathlib import Path

import pytest

from locpipe import pipeline
from locpipe.context import Resources
from locpipe.document import Segment, Unit
from locpipe.formats.glossary import load_glossary
from locpipe.rules.terms import Entry, Glossary, check_terms, term_counts, term_state
from locpipe.stages import glossary as glossary_stage
from locpipe.testing.fake_terms import ALL_FAULTS, FaultyTermsEngine

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "glossary"


@pytest.fixture(scope="module")
def g() -> Glossary:
    return load_glossary([STARTER])


# --- stages against the fault-injecting FAKE engine -----------------------------------------

SOURCES = [
    "Hayat Tahrir al-Sham (HTS) fighters entered Hama, the Syrian Observatory for Human Rights "
    "said.",
    "Bashar al-Assad's forces withdrew from Aleppo and Homs, Human Rights Watch said.",
    "Alawite families fled Latakia for Damascus, AFP reported.",
    "Rami Abdel Rahman told AFP that Hezbollah had sent fighters to Homs.",
]


def run_stages(g, lang, engine, origins=None, retry_budget=0.5):
    ctx = pipeline.Context(lang, pipeline.Settings(targets=[lang], retry_budget=retry_budget),
                           Resources(glossary=g))
    ctx._engine = engine
    units = [Unit(Segment(f"t:{i}", 0, i, "paragraph", s), lang) for i, s in enumerate(SOURCES)]
    for u, origin in zip(units, origins or [], strict=False):
        u.origin = origin
        u.target = "reviewed text"
    return pipeline.TARGET_PIPELINE.run(units, ctx)


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("fault", ALL_FAULTS)
def test_every_term_right_or_flagged_under_each_fault(g, lang, fault):
    engine = FaultyTermsEngine("en", lang, glossary=g, rate=1.0, faults=(fault,))
    units = run_stages(g, lang, engine)
    for u in units:
        wrong = check_terms(u.segment.text, u.target, lang, g)
        if wrong:
            assert any(f.check == "terms" and f.severity == "error" for f in u.findings), \
                (fault, u.target, wrong)
        assert "<t" not in u.target.lower()


def test_notes_counts_and_reviewed_units_untouched(g):
    engine = FaultyTermsEngine("en", "ar", glossary=g, rate=0.0)
    units = run_stages(g, "ar", engine, origins=["machine", "reviewed"])
    assert "glossary: Hama → حماة" in units[0].notes
    assert "glossary: AFP → وكالة فرانس برس" not in units[0].notes
    assert units[1].target == "reviewed text" and units[1].engine_input == units[1].segment.text
    # no terms flagged (QA's other checks do flag the fake "reviewed text" of unit 0)
    assert all(f.check != "terms" for u in units if u.origin == "machine" for f in u.findings)
    counts = term_counts(units)["ar"]
    # 3 + 4 + 4 + 4 terms ("Hayat Tahrir al-Sham (HTS)" is one name in Arabic); the reviewed
    # unit's 4 terms are not in its (fake) reviewed text and are left to QA, not flagged here
    assert counts == {"found": 15, "right": 11, "flagged": 0}


def test_nbest_rescues_a_dropped_placeholder(g):
    engine = FaultyTermsEngine("en", "fr", glossary=g, rate=0.5, faults=("drop",), seed=3)
    units = run_stages(g, "fr", engine)
    assert any("hypothesis" in n for u in units for n in u.notes)
    for u in units:
        assert check_terms(u.segment.text, u.target, "fr", g) == [] or u.findings


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("second", ["transliterate", "translate_keep", "glue"])
def test_faults_on_the_retry_path_are_flagged(g, lang, second):
    """Placeholders dropped, then the retry with the names written in is damaged too."""
    engine = FaultyTermsEngine("en", lang, glossary=g, rate=1.0, faults=("drop", second))
    units = run_stages(g, lang, engine, retry_budget=10.0)  # every segment retried
    if second == "translate_keep" and lang == "fr":
        assert "translate_keep" in engine.applied
    for u in units:
        if check_terms(u.segment.text, u.target, lang, g):
            assert any(f.check == "terms" and f.severity == "error" for f in u.findings)
    if second == "translate_keep" and lang == "fr":
        assert any("'Human Rights Watch' should be 'Human Rights Watch'" in f.message
                   for u in units for f in u.findings)


@pytest.mark.parametrize("rate", [0.0, 1.0])
def test_each_source_is_searched_for_terms_once_per_language(g, monkeypatch, rate):
    """The masking stage finds a segment's terms; restoring, re-ranking, the case repair and
    the final verdict reuse them (before: up to 7 searches a segment and language)."""
    from locpipe.rules import terms

    searched = []
    real = terms.source_terms
    monkeypatch.setattr(terms, "source_terms", lambda text, *a: searched.append(text) or
                        real(text, *a))
    monkeypatch.setattr(glossary_stage, "source_terms", terms.source_terms)
    engine = FaultyTermsEngine("en", "fr", glossary=g, rate=rate)
    units = run_stages(g, "fr", engine)
    assert sorted(searched) == sorted(u.segment.text for u in units)


def test_translation_kept_when_terms_are_right(g):
    engine = FaultyTermsEngine("en", "fr", glossary=g, rate=0.0)
    units = run_stages(g, "fr", engine)
    assert units[1].target.startswith("Bachar al-Assad")
    assert "Human Rights Watch" in units[1].target


# --- a Spanish target -------------------------------------------------------------------------

DESK = Glossary([
    Entry({"en": ["White Helmets"], "fr": ["Casques blancs"], "es": ["Cascos Blancos"]}),
    Entry({"en": ["Euphrates"], "es": ["Éufrates"]}),
    Entry({"en": ["Medecins Sans Frontieres"]}, policy="keep"),
    Entry({"en": ["Qamishli"], "fr": ["Qamichli"]}),  # no Spanish form: the engine's to write
    Entry({"en": ["Kurd", "Kurds"], "es": ["kurdo", "kurdos", "kurda"]}, policy="accept"),
])


class SpanishDesk:
    """A deterministic stand-in engine: fixed Spanish for the masked sentences it knows."""

    name, model_id = "fake", "fake-es"
    OUT = {"<t1/> rescuers reached Qamishli and the <t2/> on Sunday.":
           "Los rescatistas de los <T1/> llegaron a Qamishli y al «<t2/>» el domingo.",
           "Kurds and <t1/> staff crossed the river.":
           "Los kurdos y el personal de < t1 /> cruzaron el río."}

    def translate(self, texts: list[str]) -> list[str]:
        return [self.OUT[t] for t in texts]


def test_mask_and_restore_for_a_spanish_target():
    ctx = pipeline.Context("es", pipeline.Settings(targets=["es"]), Resources(glossary=DESK))
    ctx._engine = SpanishDesk()
    units = [Unit(Segment(f"s:{i}", 0, i, "paragraph", text), "es") for i, text in enumerate([
        "White Helmets rescuers reached Qamishli and the Euphrates on Sunday.",
        "Kurds and Medecins Sans Frontieres staff crossed the river."])]
    glossary_stage.mask_terms(units, ctx)
    assert [u.engine_input for u in units] == list(SpanishDesk.OUT)
    for u in units:
        u.output = ctx.engine().translate([u.engine_input])[0]
    glossary_stage.restore_terms(units, ctx)
    assert [u.output for u in units] == [
        "Los rescatistas de los Cascos Blancos llegaron a Qamishli y al Éufrates el domingo.",
        "Los kurdos y el personal de Medecins Sans Frontieres cruzaron el río."]
    assert all(not u.findings for u in units)
    first, second = (term_state(u) for u in units)
    assert [(o.source, o.form) for o in first.enforced] == [
        ("White Helmets", "Cascos Blancos"), ("Euphrates", "Éufrates")]
    assert [(o.source, o.form) for o in second.kept] == [
        ("Medecins Sans Frontieres", "Medecins Sans Frontieres")]
    assert [o.form for o in second.accepted] == ["kurdo"] and not second.failed
    assert "glossary: Euphrates → Éufrates" in units[0].notes  # what the PO editor sees
    assert term_counts(units) == {"es": {"found": 4, "right": 4, "flagged": 0}}


def test_reranking_uses_the_first_pass_n_best_without_another_decode(g):
    """Issue 15: segments with terms get their 4-best list in the first pass; the glossary's
    re-ranking reads it instead of decoding again."""
    engine = FaultyTermsEngine("en", "fr", glossary=g, rate=0.5, faults=("drop",), seed=3)
    calls = []
    inner = engine.translate_nbest

    def counted(texts, n):
        calls.append(len(texts))
        return inner(texts, n)

    engine.translate_nbest = counted
    units = run_stages(g, "fr", engine)
    assert calls == [len(SOURCES)]  # one call: the translate stage's first pass
    assert any("glossary: hypothesis" in note for u in units for note in u.notes)


class _SecondHypothesisEngine:
    """FAKE engine: its first hypothesis drops the term's placeholder, its second keeps it;
    both carry the number placeholder the number stage masked."""

    name, model_id, pseudo, source, target = "fake-nbest", "fake", False, "en", "fr"

    def translate(self, texts):
        return [t.replace("<t1/>", "Idlib") for t in texts]

    def translate_nbest(self, texts, n):
        return [[t.replace("<t1/>", "Idlib"), t][:n] for t in texts]


def test_a_hypothesis_chosen_for_its_terms_gets_its_numbers_restored(tmp_path):
    from locpipe import pipeline
    from locpipe.context import Context, Settings
    from locpipe.document import Segment
    from locpipe.rules.terms import Entry, Glossary

    g = Glossary([Entry({"en": ["Idlib"], "fr": ["Idleb"]}, type="place")])
    ctx = Context("fr", Settings(targets=["fr"]), Resources(glossary=g),
                  _engine=_SecondHypothesisEngine())
    units = [Unit(Segment("t:1.0", 1, 0, "paragraph",
                          "Some 12,500 families returned to Idlib on Monday."), "fr")]
    pipeline.TARGET_PIPELINE.without("reuse", "memory", "detect", "typography").run(units, ctx)
    assert "12\u202f500" in units[0].target and "Idleb" in units[0].target
    assert "<n" not in units[0].target
    assert not [f for f in units[0].findings if f.check in ("numbers", "terms", "markup")]
