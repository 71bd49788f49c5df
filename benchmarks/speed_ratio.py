"""Non-model CPU per article, two or more checkouts in one run (issue 20's speed target).

Each checkout is `git archive <rev>` into /tmp (or "." for this working tree as it is). The same
generated wire articles (benchmarks/scale.py's generator, `--words` long) are translated with
`--engine pseudo --to fr,ar` by each checkout in turn, alternating, `--rounds` times; the CPU
time (user+sys of the child, from getrusage) of an `--articles` run minus that of a 1-article
run (start-up, imports) divided by articles-1 is the per-article cost. Printed: median per
article per checkout and the ratio to the first. `--same-output A,B` also checks that two
checkouts wrote byte-identical folders (SOURCE_DATE_EPOCH is set).

    python benchmarks/speed_ratio.py --revs cccd292,main,. --articles 100 --rounds 2
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def checkout(rev: str, into: Path) -> Path:
    if rev == ".":
        return ROOT
    dest = into / f"rev-{rev.replace('/', '_')}"
    if not dest.exists():
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def cpu_run(tree: Path, src: Path, out: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree), SOURCE_DATE_EPOCH="1700000000")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "locpipe", "translate", str(src), "--to",
                           "fr,ar", "--engine", "pseudo", "--out", str(out)], cwd=tree, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"{tree}: exit {proc.returncode}: {proc.stderr[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def same_tree(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(a / d, b / d) for d in cmp.common_dirs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--revs", default="cccd292,main,.")
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--words", type=int, default=550)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--same-output", default="", help="two revs whose output must match")
    args = ap.parse_args()
    import scale

    revs = args.revs.split(",")
    with tempfile.TemporaryDirectory(prefix="speed-ratio-") as tmp:
        tmp = Path(tmp)
        trees = {rev: checkout(rev, tmp) for rev in revs}
        arts = tmp / "articles"
        scale.write_articles(arts, args.articles, args.words)
        one = scale.subset(arts, 1, tmp / "one")
        per: dict[str, list[float]] = {rev: [] for rev in revs}
        for r in range(args.rounds):
            for rev in (revs if r % 2 == 0 else revs[::-1]):  # alternate the order
                outs = tmp / f"out-{rev.replace('/', '_')}"
                for d in (outs, tmp / "out-one"):
                    shutil.rmtree(d, ignore_errors=True)
                base = cpu_run(trees[rev], one, tmp / "out-one")
                full = cpu_run(trees[rev], arts, outs)
                per[rev].append((full - base) / (args.articles - 1))
        first = statistics.median(per[revs[0]])
        print(f"{args.articles} articles of ~{args.words} words, fr+ar, pseudo engine; "
              f"CPU per article (median of {args.rounds}):")
        for rev in revs:
            med = statistics.median(per[rev])
            print(f"  {rev:>12}: {med * 1000:7.1f} ms   ratio to {revs[0]}: {med / first:.3f}"
                  f"   runs: {', '.join(f'{x * 1000:.1f}' for x in per[rev])}")
        if args.same_output:
            a, b = args.same_output.split(",")
            same = same_tree(tmp / f"out-{a.replace('/', '_')}", tmp / f"out-{b.replace('/', '_')}")
            print(f"  output of {a} and {b}: {'byte-identical' if same else 'DIFFERENT'}")
            if not same:
                raise SystemExit(1)


if __name__ == "__main__":
    main()
