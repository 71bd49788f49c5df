"""CPU seconds spent in chosen target stages over one pseudo run, per checkout (no profiler).

Each checkout (`git archive <rev>`, or "." for this working tree; speed_ratio's checkout)
translates the same generated wire articles (benchmarks/scale.py's generator) with `--engine
pseudo --to fr,ar` in a fresh subprocess whose run is given a copy of TARGET_PIPELINE with the
named stages wrapped in a CPU timer (time.process_time); checkouts alternate, `--rounds` times,
and the median of each stage is printed. A profiler's figures are skewed by its cost per
call; these are not.

    python benchmarks/stage_cpu.py --revs main,. --stages localize.mask,localize.restore \
        [--articles 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed_ratio import checkout  # noqa: E402

WORKER = r"""
import functools, json, sys, time
from locpipe import pipeline
from locpipe.cli import main
wanted = sys.argv[3].split(",")
spent = dict.fromkeys(wanted, 0.0)

def timed(fn, name):
    @functools.wraps(fn)  # (its requires, assigns and label too)
    def run(units, ctx):
        start = time.process_time()
        try:
            return fn(units, ctx)
        finally:
            spent[name] += time.process_time() - start
    return run

P = pipeline.TARGET_PIPELINE  # a new value with the stages timed, handed to the CLI's run
names = [f"{s.__module__.rsplit('.', 1)[-1]}.{s.__name__}" for s in P.stages]
pipeline.run = functools.partial(pipeline.run, stages=pipeline.Pipeline(
    [timed(s, n) if n in wanted else s for s, n in zip(P.stages, names)], P.start))
sys.argv = ["locpipe", "translate", sys.argv[1], "--to", "fr,ar", "--engine", "pseudo",
            "--out", sys.argv[2]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(spent))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--revs", default="main,.")
    ap.add_argument("--stages", default="localize.mask,localize.restore")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    import scale

    with tempfile.TemporaryDirectory(prefix="stage-cpu-") as tmp:
        work = Path(tmp)
        scale.write_articles(work / "in", args.articles, 550)
        revs = args.revs.split(",")
        trees = {rev: checkout(rev, work) for rev in revs}
        runs: dict[str, list[dict]] = {rev: [] for rev in revs}
        for n in range(args.rounds):
            for rev in revs:
                env = dict(os.environ, PYTHONPATH=str(trees[rev]),
                           SOURCE_DATE_EPOCH="1700000000")
                out = subprocess.run(
                    [sys.executable, "-c", WORKER, str(work / "in"), str(work / f"out{n}{rev}"),
                     args.stages], cwd=trees[rev], env=env, capture_output=True, text=True,
                    check=True).stdout
                runs[rev].append(json.loads(out.strip().splitlines()[-1]))
        stages = args.stages.split(",")
        print(f"{args.articles} articles, fr+ar, pseudo engine; CPU seconds (median of "
              f"{args.rounds}):")
        base = None
        for rev in revs:
            med = {s: statistics.median(r[s] for r in runs[rev]) for s in stages}
            total = sum(med.values())
            base = base if base is not None else total
            cells = "  ".join(f"{s} {v:.3f}" for s, v in med.items())
            print(f"  {rev:>8}: {cells}  total {total:.3f} ({total / base - 1:+.1%})")


if __name__ == "__main__":
    main()
