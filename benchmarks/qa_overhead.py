"""What QA costs in a pseudo-engine run of 20 articles (fr + ar).

The 20 articles are built from the repo's sample article and the reference sentences
(tests/data/qa/references.json), shuffled differently per article. Each configuration runs
`pipeline.run` ROUNDS times (interleaved, which one goes first alternating) and the median
(and the best) is kept:
  full      — the pipeline as shipped;
  no-checks — the same without the check.run_checks stage.
Times are CPU time (user + system) rather than wall-clock, so that other processes on a busy
machine do not blur the comparison. The checks' overhead is (full - no-checks) / no-checks,
measured twice: in-process (`pipeline.run` only) and end to end (`python -m locpipe translate
DIR --engine pseudo` in a fresh process, as an editor runs it: interpreter start and imports
included). These differences are noisy (a few %); the steadier figure is the time spent
inside run_checks itself, timed directly in the full in-process runs, as are language
detection (check_source, keep_foreign, check_output) and rendering report.html.

    python benchmarks/qa_overhead.py [ROUNDS]
"""

from __future__ import annotations

import functools
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe import pipeline  # noqa: E402
from locpipe.formats import report  # noqa: E402
from locpipe.stages import check, detect  # noqa: E402

REFS = json.loads((ROOT / "tests" / "data" / "qa" / "references.json").read_text("utf-8"))
SAMPLE = (ROOT / "samples" / "homs-aid-convoy.txt").read_text("utf-8").splitlines()
spent: dict[str, float] = defaultdict(float)


def timed(name: str, fn):
    @functools.wraps(fn)  # keeps the stage's declared contract (requires/assigns)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start
    return wrapper


PLACES = ["Homs", "Hama", "Idlib", "Aleppo", "Damascus", "Deir ez-Zor", "Raqqa", "Latakia",
          "Tartus", "Daraa"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def vary(text: str, i: int) -> str:
    """Make article i's copy of a sentence its own: other figures, places and days."""
    text = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 3 * i + 1), text)
    text = re.sub("|".join(PLACES), lambda m: PLACES[(PLACES.index(m.group(0)) + i) % 10], text)
    return re.sub("|".join(DAYS), lambda m: DAYS[(DAYS.index(m.group(0)) + i) % 7], text)


def write_articles(folder: Path, n: int = 20) -> None:
    body = [line for line in SAMPLE[1:] if line.strip()]
    for i in range(n):
        rng = random.Random(i)
        paras = body + [r["en"] for r in REFS if r["en"].endswith((".", "?"))]
        rng.shuffle(paras)
        text = [f"{SAMPLE[0]} ({i + 1})", ""]
        for k in range(0, len(paras), 2):
            text += [vary(" ".join(paras[k:k + 2]), i), ""]
        (folder / f"article-{i + 1:02d}.txt").write_text("\n".join(text), encoding="utf-8")


def one_run(inputs: Path, out: Path, stages: pipeline.Pipeline | None = None,
            articles: pipeline.Pipeline | None = None) -> tuple[float, int, int]:
    settings = pipeline.Settings(targets=["fr", "ar"], engine="pseudo", out_dir=out)
    start = time.process_time()
    result = pipeline.run([inputs], settings, stages=stages, articles=articles)
    elapsed = time.process_time() - start
    segs = [s.text for a in result.articles for s in a.doc.segments]
    return elapsed, len(segs), len(set(segs))


CLI = """
import sys
from functools import partial
from locpipe import pipeline
if sys.argv[1] == "no-checks":  # the CLI's run without the QA stage (the value, not edited)
    pipeline.run = partial(pipeline.run, stages=pipeline.TARGET_PIPELINE.without("check"))
from locpipe.cli import app
app(["translate", sys.argv[2], "--engine", "pseudo", "--out", sys.argv[3]])
"""


def cli_run(name: str, inputs: Path, out: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", CLI, name, str(inputs), str(out)], cwd=ROOT,
                   check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    full_stages = pipeline.TARGET_PIPELINE
    no_checks = full_stages.without("check")
    timed_stages = pipeline.Pipeline([
        timed(s.__name__, s) if s in (check.run_checks, detect.keep_foreign,
                                      detect.check_output) else s
        for s in full_stages])
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        write_articles(inputs)
        one_run(inputs, Path(tmp) / "warm")  # imports, langdetect profiles
        times: dict[str, list[float]] = {"full": [], "no-checks": []}
        segs = 0
        articles = pipeline.Pipeline(
            [timed("check_source", s) if s is detect.check_source else s
             for s in pipeline.ARTICLE_PIPELINE], pipeline.ARTICLE_PIPELINE.start)
        report.render_report = timed("render_report", report.render_report)
        full_spent: dict[str, float] = defaultdict(float)
        for r in range(rounds):
            order = [("full", timed_stages), ("no-checks", no_checks)]
            for name, stages in (order if r % 2 == 0 else order[::-1]):  # no order bias
                spent.clear()
                t, segs, unique = one_run(inputs, Path(tmp) / f"{name}-{r}", stages, articles)
                times[name].append(t)
                if name == "full":
                    for k, v in spent.items():
                        full_spent[k] += v
        cli: dict[str, list[float]] = {"full": [], "no-checks": []}
        for r in range(rounds):
            for name in (list(cli) if r % 2 == 0 else list(cli)[::-1]):
                cli[name].append(cli_run(name, inputs, Path(tmp) / f"cli-{name}-{r}"))
    full, base = statistics.median(times["full"]), statistics.median(times["no-checks"])
    print(f"20 articles, {segs} segments ({unique} distinct), targets fr+ar, pseudo engine, "
          f"{rounds} rounds")
    print(f"median CPU per run: full {full * 1000:.0f} ms, without run_checks {base * 1000:.0f} ms "
          f"-> checks add {(full - base) / base:+.1%}")
    lo, lo_base = min(times["full"]), min(times["no-checks"])
    print(f"best CPU per run:   full {lo * 1000:.0f} ms, without run_checks "
          f"{lo_base * 1000:.0f} ms -> checks add {(lo - lo_base) / lo_base:+.1%}")

    cfull, cbase = statistics.median(cli["full"]), statistics.median(cli["no-checks"])
    print(f"median CPU per CLI run: full {cfull * 1000:.0f} ms, without run_checks "
          f"{cbase * 1000:.0f} ms -> checks add {(cfull - cbase) / cbase:+.1%}")
    total = sum(times["full"])
    for name in ("run_checks", "check_source", "keep_foreign", "check_output",
                 "render_report"):
        print(f"  {name:15} {full_spent[name] / rounds * 1000:7.1f} ms per run "
              f"({full_spent[name] / total:5.1%} of a full run)")


if __name__ == "__main__":
    main()
