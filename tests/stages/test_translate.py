"""The translate stage: chunked engine calls and the progress a long run shows."""

from locpipe import pipeline
from locpipe.stages.translate import CHUNK, translate_all


class RecordingEngine:
    """FAKE engine: upper-cases each text and records the batches it was given."""

    name = "recording"

    def __init__(self):
        self.calls: list[list[str]] = []

    def translate(self, texts):
        self.calls.append(list(texts))
        return [t.upper() for t in texts]


def test_many_segments_go_in_length_sorted_chunks_and_come_back_in_place():
    texts = [f"Sentence {i} " + "word " * (i % 37) for i in range(3 * CHUNK + 5)]
    engine = RecordingEngine()
    table = translate_all(engine, texts)
    assert table == {t: t.upper() for t in texts}
    assert [len(c) for c in engine.calls] == [CHUNK, CHUNK, CHUNK, 5]
    sent = [t for call in engine.calls for t in call]
    assert [len(t) for t in sent] == sorted(len(t) for t in texts)


def test_progress_counts_every_segment_of_every_language_once(sample, tmp_path):
    events: list[tuple[str, int]] = []
    settings = pipeline.Settings(targets=["fr", "ar"], engine="pseudo", out_dir=tmp_path)
    pipeline.run([sample, sample], settings, lambda event, n: events.append((event, n)))
    totals = [n for event, n in events if event == "total"]
    done = sum(n for event, n in events if event == "translated")
    assert len(totals) == 1 and done == totals[0] > 0


class NBestEngine(RecordingEngine):
    """FAKE engine with n-best lists: hypothesis k is the text upper-cased with k marks."""

    def __init__(self):
        super().__init__()
        self.nbest_calls: list[tuple[list[str], int]] = []

    def translate_nbest(self, texts, n):
        self.nbest_calls.append((list(texts), n))
        return [[t.upper() + "!" * k for k in range(n)] for t in texts]


def test_segments_with_glossary_terms_get_their_n_best_in_the_first_pass():
    from locpipe.context import Context, Hypotheses, Settings
    from locpipe.document import Segment, Unit
    from locpipe.rules.terms import TermState
    from locpipe.stages.translate import translate_units

    engine = NBestEngine()
    ctx = Context("fr", Settings(targets=["fr"], engine="pseudo"), _engine=engine)
    units = []
    for i, text in enumerate(["Aid reached <t1/> on Monday.", "Rain fell all night.",
                              "Aid reached <t1/> on Monday.", "Talks resumed in <t1/>."]):
        u = Unit(Segment(f"a:{i}", 0, i, "paragraph", text), "fr")
        u.engine_input = text
        if "<t1/>" in text:
            u.put(TermState(found=["a term"]))
        units.append(u)
    translate_units(units, ctx)
    assert engine.calls == [["Rain fell all night."]]
    assert engine.nbest_calls == [(["Talks resumed in <t1/>.", "Aid reached <t1/> on Monday."],
                                   4)]
    assert [u.output for u in units] == ["AID REACHED <T1/> ON MONDAY.", "RAIN FELL ALL NIGHT.",
                                         "AID REACHED <T1/> ON MONDAY.", "TALKS RESUMED IN <T1/>."]
    assert units[0].get(Hypotheses).texts[3] == "AID REACHED <T1/> ON MONDAY.!!!"
    assert units[1].get(Hypotheses) is None
    assert ctx.budget.first == sum(len(t) for t in {u.engine_input for u in units})
