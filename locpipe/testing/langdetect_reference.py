"""langdetect's own answer, as the reference locpipe's replay of it (rules/langid) is held to
by its tests and by benchmarks/source_language.py --exact. No locpipe code runs here."""

from __future__ import annotations

from collections.abc import Iterable


def factory(among: Iterable[str]):
    """langdetect's own DetectorFactory of the languages `among` (load_json_profile, sorted
    as langid loads them; seed 0)."""
    from importlib import resources

    from langdetect import DetectorFactory

    made = DetectorFactory()
    folder = resources.files("langdetect").joinpath("profiles")
    made.load_json_profile([folder.joinpath(c).read_text("utf-8") for c in sorted(among)])
    made.set_seed(0)
    return made


def ranking(text: str, among: Iterable[str] | None = None) -> tuple[list[tuple[str, float]], int]:
    """langdetect's Detector.get_probabilities for `text` (seed 0; restricted to the profiles
    of `among`, loaded sorted as langid loads them, when given) and how many times it
    normalised (a trial that runs to ITERATION_LIMIT normalises 201 times); ([], 0) where
    langdetect finds no n-gram it knows."""
    from langdetect import DetectorFactory, detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    if among:
        detector = factory(among).create()
    else:
        DetectorFactory.seed = 0
        detector_factory.init_factory()
        detector = detector_factory._factory.create()
    detector.append(text)
    normalised = []
    norm = detector._normalize_prob
    detector._normalize_prob = lambda prob: normalised.append(1) or norm(prob)
    try:
        return [(g.lang, g.prob) for g in detector.get_probabilities()], len(normalised)
    except LangDetectException:  # no n-gram langdetect knows
        return [], 0
