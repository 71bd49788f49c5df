"""langdetect's Detector replayed (langid._bounded_probabilities and its parts): the random
stream made once, random.choice and random.gauss read from it, five updates as one
np.multiply.reduce. Every part against the thing it replaces, and the whole against
langdetect's own Detector.get_probabilities, float for float."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.rules import langid
from locpipe.testing.langdetect_reference import ranking

DATA = Path(__file__).resolve().parent.parent / "data"


def test_the_stream_is_random_random_0_word_by_word():
    """getrandbits(32 * n) as little-endian bytes, grown on demand: the words
    random.Random(0).getrandbits(32) gives one by one (100,000 of them: past a growth)."""
    r = random.Random(0)
    expected = [r.getrandbits(32) for _ in range(100_000)]
    assert langid._STREAM.upto(100_000)[:100_000].tolist() == expected


def test_threads_growing_the_stream_at_once_get_the_same_words():
    """A run's threads share the stream: growing it at once from 8 threads leaves it
    random.Random(0)'s words, in order."""
    from concurrent.futures import ThreadPoolExecutor

    stream = langid._Stream()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(stream.upto, [40_000 * k for k in range(1, 17)]))
    r = random.Random(0)
    assert stream.words.tolist() == [r.getrandbits(32) for _ in range(len(stream.words))]


_OPS = st.lists(st.one_of(st.just(0), st.integers(1, 3000)), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_OPS, st.integers(1, 60))
def test_gauss_and_choice_read_from_the_stream_as_random_does(ops, count):
    """A seeded Random's gauss (0) and runs of `count` choices among n items (n > 0), in any
    order, against _gauss and _draws reading the stream at the position they leave."""
    r = random.Random()
    r.seed(0)
    at, kept = 0, None
    for op in ops:
        if op == 0:
            expected = r.gauss(0.0, 1.0)
            if kept is None:
                got, kept = langid._gauss(at)
                at += 4
            else:
                got, kept = kept, None
            assert got == expected
        else:
            items = list(range(op))
            expected = [r.choice(items) for _ in range(count)]
            draws, ends = langid._draws(at, count, op)
            assert draws.tolist() == expected
            at = int(ends[-1])
            assert r.getrandbits(32) == int(langid._STREAM.upto(at + 1)[at])  # in step
            at += 1


_FLOATS = st.floats(min_value=1e-300, max_value=1e10, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(2, 60).flatmap(lambda n: st.lists(st.lists(_FLOATS, min_size=n, max_size=n),
                                                      min_size=6, max_size=6)))
def test_multiply_reduce_is_the_five_updates_left_to_right(rows):
    """np.multiply.reduce along the first axis of [prob, f1..f5] is ((prob * f1) * f2)...:
    the same floats as langdetect's five updates one after the other, in Python floats."""
    a = np.array(rows)
    step = list(rows[0])
    for factors in rows[1:]:
        step = [p * f for p, f in zip(step, factors, strict=True)]
    assert np.multiply.reduce(a, axis=0).tolist() == step


def _same(text, among=None) -> int:
    expected, normalised = ranking(text, among)
    assert langid.ranked_languages(text, among) == expected, (text, among)
    bounded = langid.ranked_languages(text, among, unless="en", below=0.99)
    assert bounded == expected or (bounded == [] and (
        not expected or expected[0][0] == "en" or expected[0][1] < 0.99)), (text, among)
    return normalised


def _repo_sentences() -> list[str]:
    """Every line of the repo's test texts (English news, French, Arabic, Spanish, German,
    Italian, Dutch, Portuguese; labels, names, tables) and every reference sentence."""
    lines: list[str] = []
    for folder in ("langid/articles", "segmentation", "qa"):
        for path in sorted((DATA / folder).glob("*.*")):
            if path.suffix in (".txt", ".md", ".html"):
                lines += path.read_text(encoding="utf-8").splitlines()
    for ref in json.loads((DATA / "qa" / "references.json").read_text(encoding="utf-8")):
        lines += [ref[k] for k in ("en", "fr", "ar") if k in ref]
    for name in ("short_fragments.json", "labels.json"):
        data = json.loads((DATA / "langid" / name).read_text(encoding="utf-8"))
        lines += [t for texts in data.values() if isinstance(texts, list) for t in texts]
    return list(dict.fromkeys(line for line in lines if line.strip()))


def test_every_sentence_of_the_repo_gets_langdetect_s_floats():
    sentences = _repo_sentences()
    assert len(sentences) > 400
    for text in sentences:
        _same(text)
    for text in sentences[::10]:
        _same(text, ("en", "fr", "es", "de", "it", "pt"))
        _same(text, ("ar", "fa", "ur"))


def test_trials_that_run_to_the_iteration_limit_get_langdetect_s_floats():
    """Text langdetect cannot settle: every trial runs 1,001 updates (201 normalisations)."""
    assert _same("e") == 7 * 201
    assert _same("de", ("bg", "mk", "ru", "uk")) > 1000
    assert _same("ja", ("es", "pt")) > 1000


# fresh sentences in six languages, written for this test
MIXED = [
    "The ferry to the island was cancelled again because of the storm, the harbour said.",
    "Le bac vers l'île a de nouveau été annulé à cause de la tempête, selon le port.",
    "El ferry a la isla fue cancelado otra vez por la tormenta, según el puerto.",
    "Die Fähre zur Insel wurde wegen des Sturms erneut abgesagt, teilte der Hafen mit.",
    "Il traghetto per l'isola è stato di nuovo cancellato a causa della tempesta.",
    "تم إلغاء العبارة إلى الجزيرة مرة أخرى بسبب العاصفة، بحسب الميناء.",
]
_MIXED_WORDS = sorted({w for s in MIXED for w in s.split()})


@settings(max_examples=120, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_MIXED_WORDS), min_size=1, max_size=60),
       st.sampled_from([None, ("en", "fr"), ("de", "en", "es", "fr", "it"), ("ar", "fa", "ur")]))
def test_text_mixing_languages_gets_langdetect_s_floats(words, among):
    _same(" ".join(words), among)


def test_lone_surrogates_and_astral_characters_get_langdetect_s_floats():
    """A file read with surrogateescape keeps undecodable bytes as lone surrogates; emoji are
    astral: langdetect reads both as characters, and so does the replay."""
    _same("Les habitants \udcc3\udca9vacu\udcc3\udca9s sont rentr\ud800s chez eux 😀 mardi")
    _same("The \udcff council 😀 voted")


def test_a_text_past_langdetect_s_10000_characters_gets_its_floats():
    """langdetect reads the first 10,000 characters (Detector.max_text_length)."""
    _same("  ".join(MIXED * 40))
    _same(" ".join(reversed(MIXED)) * 60, ("de", "en", "es", "fr", "it"))
