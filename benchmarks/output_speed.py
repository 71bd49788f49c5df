"""CPU per article of what is written per article (the output side of issue 20's speed target),
two or more checkouts in one run.

The part of a run this measures: the typography stage (`typeset` and `bind_figures` on every
translation), rendering an article's files (`publish.render_article`: pages, fragments,
report, index, PO files — sanitising included), its summary and manifest, and writing them
(`write_files`, shown apart: it is fileio's). Each checkout (`git archive <rev>` into /tmp, or
"." for this working tree) translates the same generated wire articles (benchmarks/scale.py's
generator) with `--engine pseudo --to fr,ar` in a child process that wraps those functions and
sums their CPU time (time.process_time); checkouts alternate, `--rounds` times, and the median
per article is printed with the ratio to the first checkout; "writing" is what
`pipeline._write_article` spends (render, summary and manifest, write: all but typography),
with its own ratio.

    python benchmarks/output_speed.py --revs main,. --articles 100 --rounds 2
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

# Run inside each checkout: wrap the output side's functions, run the CLI, print the sums.
CHILD = r"""
import json, sys, time
from locpipe import pipeline
import locpipe.stages.typography as typo_stage

spent = {"typography": 0.0, "render": 0.0, "summary+manifest": 0.0, "write": 0.0}

def timed(part, fn):
    def run(*args, **kwargs):
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[part] += time.process_time() - start
    return run

if hasattr(typo_stage, "typesetter"):  # a language's rules made once, then set per text
    make = typo_stage.typesetter
    typo_stage.typesetter = lambda *a, **k: timed("typography", timed("typography", make)(*a, **k))
else:
    typo_stage.typeset = timed("typography", typo_stage.typeset)
typo_stage.bind_figures = timed("typography", typo_stage.bind_figures)
pipeline.render_article = timed("render", pipeline.render_article)
pipeline.summarise = timed("summary+manifest", pipeline.summarise)
pipeline.manifest = timed("summary+manifest", pipeline.manifest)
pipeline.write_files = timed("write", pipeline.write_files)
if hasattr(pipeline, "encoded"):  # files encoded once for the manifest's hashes and the disk
    pipeline.encoded = timed("summary+manifest", pipeline.encoded)
from locpipe.cli import main
sys.argv = ["locpipe", "translate", sys.argv[1], "--to", "fr,ar", "--engine", "pseudo",
            "--out", sys.argv[2]]
try:
    main()
except SystemExit as exc:
    if exc.code:
        raise
print(json.dumps(spent), file=sys.stderr)
"""


def run(tree: Path, src: Path, out: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree), SOURCE_DATE_EPOCH="1700000000")
    proc = subprocess.run([sys.executable, "-c", CHILD, str(src), str(out)], cwd=tree, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode:
        raise SystemExit(f"{tree}: exit {proc.returncode}: {proc.stderr[-500:]}")
    return json.loads(proc.stderr.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--revs", default="main,.")
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--words", type=int, default=550)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    import scale
    from speed_ratio import checkout

    revs = args.revs.split(",")
    with tempfile.TemporaryDirectory(prefix="output-speed-") as tmp:
        tmp = Path(tmp)
        trees = {rev: checkout(rev, tmp) for rev in revs}
        arts = tmp / "articles"
        scale.write_articles(arts, args.articles, args.words)
        per: dict[str, list[dict[str, float]]] = {rev: [] for rev in revs}
        for r in range(args.rounds):
            for i, rev in enumerate(revs if r % 2 == 0 else revs[::-1]):
                per[rev].append(run(trees[rev], arts, tmp / f"out-{r}-{i}"))
        parts = list(per[revs[0]][0])
        print(f"{args.articles} articles of ~{args.words} words, fr+ar, pseudo engine; "
              f"output-side CPU per article in ms (median of {args.rounds}):")
        print(f"  {'checkout':>12}  " + "  ".join(f"{p:>16}" for p in parts) + "  "
              f"{'all but write':>14}  {'writing':>8}")
        first = first_writing = None
        for rev in revs:
            med = {p: statistics.median(x[p] for x in per[rev]) * 1000 / args.articles
                   for p in parts}
            total = sum(v for p, v in med.items() if p != "write")
            # what pipeline._write_article spends: rendering, summary, manifest and the disk
            writing = total - med["typography"] + med["write"]
            first = first or total
            first_writing = first_writing or writing
            print(f"  {rev:>12}  " + "  ".join(f"{med[p]:16.2f}" for p in parts)
                  + f"  {total:14.2f}  {writing:8.2f}   ratio to {revs[0]}: {total / first:.3f}"
                  f" (writing {writing / first_writing:.3f})")


if __name__ == "__main__":
    main()
