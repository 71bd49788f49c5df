"""Accuracy of the source-language check (detect.verify_source) on short fragments and on
whole articles, with English declared as the source.

    python benchmarks/source_language.py

Short fragments (at most 5 words): tests/data/langid/short_fragments.json (en, fr, es, de, ar)
and labels.json (English labels as CMS templates write them), each read as an article of one
line. Whole articles: tests/data/langid/articles (files named en-* are English: labels, tables,
lists of names; the others are in the language their name says), the English news text of
tests/data/segmentation, and the qa test articles (one French, one English with a French
quote). Right means: an English article is accepted, any other is refused. Every miss is
listed with the message or "accepted".

    python benchmarks/source_language.py --cost 200

instead times the check itself (stages/detect.check_source, CPU time, one fresh process) on
200 generated 550-word articles (benchmarks/scale.py's generator), read and segmented first,
and says how many segments langdetect ranked and how many were marked foreign.

    python benchmarks/source_language.py --cost-run 200

instead times it inside a real run (`locpipe translate --to fr,ar --engine pseudo`, in this
process, shards as the run cuts them): the CPU time of check_source's calls
(langid.source_verdict and langid.foreign_lang, as stages/detect calls them), of
ranked_languages within them (the n-gram profiles' loading included), and of the whole run.

    python benchmarks/source_language.py --exact

instead checks that locpipe's replay of langdetect (langid.ranked_languages) gives
langdetect's own Detector.get_probabilities, float for float, on every text within reach:
the inputs of the recognizers-text corpus (../shared/corpora, read there, never copied), every
line of the repo's test texts, and the generated articles' segments (N of them: --exact N,
default 1000), with all 55 languages and restricted to the run's likely ones; with the early
stop (unless/below) it must answer the same or stop only where langdetect's answer is no.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from locpipe import pipeline  # noqa: E402
from locpipe.context import Context, Settings  # noqa: E402
from locpipe.document import Draft  # noqa: E402

DATA = ROOT / "tests" / "data"


# read, segment, check the source language: the run's article stages, without its own
CHECKED = pipeline.ARTICLE_PIPELINE.without("rerun")


def verdict(path: Path) -> str:
    """"" when the article is accepted as English, else the refusal message."""
    settings = Settings(targets=["fr"])
    draft = CHECKED.run([Draft(path, "")], Context("en", settings))[0]
    return "" if draft.failure is None else str(draft.failure)


def fragments() -> list[tuple[str, str]]:
    """(language, text) of every short fragment."""
    out = []
    for name in ("short_fragments.json", "labels.json"):
        data = json.loads((DATA / "langid" / name).read_text(encoding="utf-8"))
        out += [(lang, t) for lang, texts in data.items() if isinstance(texts, list)
                for t in texts]
    return out


def articles() -> list[tuple[str, Path]]:
    """(language, path) of every whole article."""
    out = []
    for path in sorted((DATA / "langid" / "articles").iterdir()):
        out.append(("en" if path.name.startswith("en-") else path.stem.split("-")[0], path))
    out += [("en", p) for p in sorted((DATA / "segmentation").glob("*.txt"))]
    out += [("fr", DATA / "qa" / "french-article.txt"), ("en", DATA / "qa" / "mixed-quote.txt"),
            ("en", DATA / "qusayr-floods.txt"), ("en", DATA / "aleppo-bakeries.md")]
    return out


def score(cases: list[tuple[str, Path, str]]) -> tuple[str, list[str]]:
    right, misses = {"en": [0, 0], "other": [0, 0]}, []
    for lang, path, label in cases:
        message = verdict(path)
        ok = (message == "") == (lang == "en")
        side = right["en" if lang == "en" else "other"]
        side[0] += ok
        side[1] += 1
        if not ok:
            misses.append(f"  {lang} {label!r}: {message or 'accepted'}")
    total = sum(r[0] for r in right.values()), sum(r[1] for r in right.values())
    return (f"{total[0]}/{total[1]} right (English accepted {right['en'][0]}/{right['en'][1]}, "
            f"other languages refused {right['other'][0]}/{right['other'][1]})"), misses


def cost(n: int) -> None:
    """check_source's CPU time on `n` generated articles (after reading and segmenting)."""
    import time

    import scale

    from locpipe.rules import langid
    from locpipe.stages import detect

    with tempfile.TemporaryDirectory() as tmp:
        paths = scale.write_articles(Path(tmp), n, 550)
        ctx = Context("en", Settings(targets=["fr", "ar"]))
        drafts = [pipeline.READING.run([Draft(p, "")], ctx)[0] for p in paths]
    ranked = []
    rank = langid.ranked_languages
    langid.ranked_languages = lambda *a, **k: ranked.append(1) or rank(*a, **k)
    start = time.process_time()
    detect.check_source(drafts, ctx)
    spent = time.process_time() - start
    langid.ranked_languages = rank
    segments = [s for d in drafts for s in d.doc.segments]
    print(f"check_source on {n} articles ({len(segments):,} segments): {spent:.2f} s CPU, "
          f"{len(ranked):,} ranked by langdetect, {sum(bool(s.lang) for s in segments)} "
          f"marked foreign, {sum(d.failure is not None for d in drafts)} refused")


CORPUS = ROOT.parent.parent / "shared" / "corpora" / "recognizers-text-en"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpora/recognizers-text-en")


def exact(n: int) -> None:
    """langid.ranked_languages against langdetect itself on every text within reach."""
    import scale

    from locpipe.rules import langid
    from locpipe.testing.langdetect_reference import ranking

    texts: list[str] = []
    if CORPUS.is_dir():
        for path in sorted(CORPUS.rglob("*.json")):
            texts += [case["Input"] for case in json.loads(path.read_text("utf-8-sig"))
                      if isinstance(case, dict) and case.get("Input")]
    corpus = len(texts)
    for folder in ("langid/articles", "segmentation", "qa"):
        for path in sorted((DATA / folder).iterdir()):
            if path.suffix in (".txt", ".md", ".html"):
                texts += path.read_text(encoding="utf-8").splitlines()
    texts += [t for _, t in fragments()]
    for ref in json.loads((DATA / "qa" / "references.json").read_text(encoding="utf-8")):
        texts += [ref[k] for k in ("en", "fr", "ar") if k in ref]
    repo = len(texts) - corpus
    with tempfile.TemporaryDirectory() as tmp:
        paths = scale.write_articles(Path(tmp), max(1, n // 30), 550)
        ctx = Context("en", Settings(targets=["fr", "ar"]))
        for p in paths:
            texts += [s.plain for s in pipeline.READING.run([Draft(p, "")], ctx)[0].doc.segments]
    texts = list(dict.fromkeys(t for t in texts if t.strip()))[:corpus + repo + n]
    restricted = tuple(sorted(langid.run_languages("en", ("fr", "ar"))))
    wrong = checked = 0
    for text in texts:
        for among in (None, restricted):
            expected = ranking(text, among)[0]
            bounded = langid.ranked_languages(text, among, unless="en", below=0.99)
            ok = langid.ranked_languages(text, among) == expected and (
                bounded == expected or (bounded == [] and (
                    not expected or expected[0][0] == "en" or expected[0][1] < 0.99)))
            checked += 1
            if not ok:
                wrong += 1
                print(f"  differs ({among or 'all'}): {text[:80]!r}")
    print(f"{len(texts):,} texts ({corpus:,} corpus inputs, the repo's test texts, generated "
          f"segments), {checked:,} rankings: {checked - wrong:,} exactly langdetect's, "
          f"{wrong} differ")


def cost_run(n: int) -> None:
    """check_source's CPU time inside a real pseudo run of `n` generated articles."""
    import contextlib
    import os
    import time

    import scale

    from locpipe import cli
    from locpipe.rules import langid
    from locpipe.stages import detect

    spent = {"check": 0.0, "ranked": 0.0}

    def timed(fn, key):
        def call(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[key] += time.process_time() - start
        return call

    detect.foreign_lang = timed(detect.foreign_lang, "check")
    detect.source_verdict = timed(detect.source_verdict, "check")
    langid.ranked_languages = timed(langid.ranked_languages, "ranked")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    with tempfile.TemporaryDirectory() as tmp:
        scale.write_articles(Path(tmp) / "in", n, 550)
        argv = sys.argv
        sys.argv = ["locpipe", "translate", str(Path(tmp) / "in"), "--to", "fr,ar", "--engine",
                    "pseudo", "--out", str(Path(tmp) / "out")]
        start = time.process_time()
        with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), \
                contextlib.redirect_stderr(null):
            try:
                cli.main()
            except SystemExit:
                pass
        total = time.process_time() - start
        sys.argv = argv
    print(f"check_source in a run of {n} articles: {spent['check']:.2f} s CPU (ranked_languages "
          f"{spent['ranked']:.2f} s) of the run's {total:.2f} s")


def main() -> None:
    if sys.argv[1:2] == ["--cost-run"]:
        cost_run(int(sys.argv[2]) if len(sys.argv) > 2 else 200)
        return
    if sys.argv[1:2] == ["--cost"]:
        cost(int(sys.argv[2]) if len(sys.argv) > 2 else 200)
        return
    if sys.argv[1:2] == ["--exact"]:
        exact(int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
        return
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        for i, (lang, text) in enumerate(fragments()):
            path = Path(tmp) / f"fragment-{i}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            cases.append((lang, path, text))
        line, misses = score(cases)
        print("short fragments (<= 5 words):", line)
        print("\n".join(misses))
    line, misses = score([(lang, p, p.name) for lang, p in articles()])
    print("whole articles:", line)
    print("\n".join(misses))


if __name__ == "__main__":
    main()
