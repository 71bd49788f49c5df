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
