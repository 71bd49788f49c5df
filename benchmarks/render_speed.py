"""Time to take a ~1,000-word article through locpipe with the pseudo engine.

    python benchmarks/render_speed.py [RUNS]

The article is built from the segmentation corpus (tests/data/segmentation, locpipe's own
wire-style text): a headline, subheadings and paragraphs, cut at the first paragraph past 1,000
words. Prints the median (and min/max) of RUNS runs (default 15) of
  - read + segment,
  - the full run as `locpipe translate --engine pseudo --to fr,ar` does it (read, segment,
    every target stage, render fr/ar/index, atomic write), in a fresh output directory,
  - the same as a new process (`python -m locpipe translate ...`: interpreter start and
    imports included), 5 runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe import pipeline  # noqa: E402
from locpipe.pipeline import read_article  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "segmentation"


def build_article(words: int = 1000) -> str:
    """Wire-style text: one line per paragraph, headings as short unpunctuated lines."""
    lines: list[str] = []
    count = 0
    for path in sorted(CORPUS.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            text = " ".join(x for x in para.split("\n") if x and not x.startswith("#"))
            if not text:
                continue
            lines.append(text)
            count += len(text.split())
            if count >= words:
                return "\n".join(lines) + "\n"
    return "\n".join(lines) + "\n"


def _time(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _show(label: str, times: list[float]) -> None:
    print(f"{label}: median {statistics.median(times) * 1000:.1f} ms "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, {len(times)} runs)")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "benchmark-article.txt"
        article.write_text(build_article(), encoding="utf-8")
        doc = read_article(article)
        words = len(article.read_text(encoding="utf-8").split())
        print(f"article: {words} words, {len(doc.blocks)} blocks, {len(doc.segments)} segments")
        _show("read + segment", _time(lambda: read_article(article), runs))
        n = iter(range(runs * 2))

        def full_run() -> None:
            settings = pipeline.Settings(targets=["fr", "ar"], engine="pseudo",
                                         out_dir=Path(tmp) / f"out{next(n)}")
            pipeline.run([article], settings)

        full_run()  # warm-up: imports (Babel data, engine module) happen once per process
        _show("full run, fr+ar, pseudo engine (read, segment, stages, render, write)",
              _time(full_run, runs))
        command = [sys.executable, "-m", "locpipe", "translate", str(article), "--engine",
                   "pseudo", "--to", "fr,ar", "--out", str(Path(tmp) / "cli")]
        _show("new process: python -m locpipe translate --engine pseudo --to fr,ar",
              _time(lambda: subprocess.run(command, cwd=ROOT, check=True,
                                           capture_output=True), 5))


if __name__ == "__main__":
    main()
