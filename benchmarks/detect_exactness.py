"""Number detection, two checkouts side by side: the same detections, and how long they take.

Each checkout (`git archive <rev>`, or "." for this working tree; speed_ratio's checkout) runs
`locpipe.rules.numbers.detect` in a fresh subprocess over the same texts: every sentence
(and every whole input) of the shared corpora (../shared/corpora: Recognizers-Text's specs),
every line and sentence of tests/data and samples/, and every line and sentence of `--articles`
generated wire articles (benchmarks/scale.py's generator), each under --date-order mdy and dmy,
with an article date for half of them. What each returns (spans and each Quantity's fields,
values ignored, scale words, notes, problems) must be identical; the CPU time of the detect
calls (best of `--rounds`) is printed for each.

    python benchmarks/detect_exactness.py --revs main,. [--articles 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed_ratio import checkout  # noqa: E402

CORPORA = ROOT.parent.parent / "shared" / "corpora"
if not CORPORA.is_dir():
    CORPORA = Path("/work/shared/corpora")

WORKER = r"""
import pickle, sys, time
from locpipe.rules.numbers import detect
cases = pickle.load(open(sys.argv[1], "rb"))
rounds = int(sys.argv[3])
best = None
for _ in range(rounds):
    start = time.process_time()
    out = [detect(*case) for case in cases]
    spent = time.process_time() - start
    best = spent if best is None else min(best, spent)
rows = [(repr(d.spans), repr(d.ignored), repr(d.scales), repr(d.notes), repr(d.problems))
        for d in out]
pickle.dump((best, rows), open(sys.argv[2], "wb"))
"""

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")


def texts(articles: int, work: Path) -> list[str]:
    """Every text to detect in: corpus inputs, project texts, generated articles (whole lines
    and their sentences)."""
    out: list[str] = []
    for path in sorted(CORPORA.rglob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8-sig")):
            if isinstance(case, dict) and isinstance(case.get("Input"), str):
                out.append(case["Input"])
    files = [p for d in ("tests/data", "samples") for p in sorted((ROOT / d).rglob("*"))
             if p.suffix in (".txt", ".md", ".tsv", ".html", ".po")]
    if articles:
        import scale
        files += scale.write_articles(work / "articles", articles, 550)
    for path in files:
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip()]
        out += lines + [s for line in lines for s in _SENTENCE.split(line) if s and s != line]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--revs", default="main,.")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="detect-exactness-") as tmp:
        work = Path(tmp)
        base = texts(args.articles, work)
        day = dt.date(2024, 10, 3)
        cases = [(t, order, day if i % 2 else None) for i, t in enumerate(base)
                 for order in ("mdy", "dmy")]
        (work / "cases.pkl").write_bytes(pickle.dumps(cases))
        results = {}
        for rev in args.revs.split(","):
            tree = checkout(rev, work)
            env = dict(os.environ, PYTHONPATH=str(tree))
            out = work / f"out-{len(results)}.pkl"
            subprocess.run([sys.executable, "-c", WORKER, str(work / "cases.pkl"), str(out),
                            str(args.rounds)], cwd=tree, env=env, check=True)
            results[rev] = pickle.loads(out.read_bytes())
            print(f"{rev:>10}: {len(cases)} detect calls, {results[rev][0]:.3f} s CPU "
                  f"(best of {args.rounds})")
        revs = list(results)
        first = results[revs[0]][1]
        for rev in revs[1:]:
            diff = [i for i, (a, b) in enumerate(zip(first, results[rev][1], strict=True))
                    if a != b]
            print(f"{revs[0]} vs {rev}: {len(diff)} texts detected differently")
            for i in diff[:5]:
                print("  ", repr(cases[i][:2]), "\n    ", first[i], "\n    ", results[rev][1][i])
            if diff:
                raise SystemExit(1)


if __name__ == "__main__":
    main()
