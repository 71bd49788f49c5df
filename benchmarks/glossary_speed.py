"""Matching speed: a generated glossary of 100, 1,000 and 10,000 entries over a 1,000-word article.

The automaton (pyahocorasick) makes matching cost grow with the text, not with the number of
entries. Prints build time (once per run) and matching time (best of N) per glossary size.

Then the source check (`glossary check`: variants, near-misses, acronyms) with the shipped
glossary over the same article and over a plain 1,000-word article, as a ratio to matching
alone; with `--against REV` also the source check of git revision REV in the same run (the
before/after ratio of a change to locpipe/rules/source.py).

    python benchmarks/glossary_speed.py [--repeat 20] [--against REV]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe.formats.glossary import load_glossary  # noqa: E402
from locpipe.rules.terms import Entry, Glossary  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "terms" / "corpus.txt"
SYLLABLES = ["al", "ba", "dar", "el", "fa", "gha", "ha", "ja", "ka", "la", "ma", "na", "qa",
             "ra", "sa", "ta", "wa", "ya", "za", "mir", "hus", "sham", "tah", "rir", "ab"]


def generated(n: int, seed: int = 0) -> list[Entry]:
    """n made-up names (1-4 words), plus the starter glossary so real terms are found too."""
    rng = random.Random(seed)
    starter = load_glossary([ROOT / "glossary"]).entries
    entries = list(starter)
    seen = {f for e in starter for f in e.source_forms}
    while len(entries) < n:
        words = [("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))).title()
                 for _ in range(rng.randint(1, 4))]
        name = " ".join(words)
        if name in seen:
            continue
        seen.add(name)
        entries.append(Entry({"en": [name], "fr": [name], "ar": ["اسم"]}, "person"))
    return entries[:n]


def article(words: int = 1000) -> str:
    text = re.sub(r"[\[\]]", "", " ".join(
        line for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")))
    out: list[str] = []
    while len(out) < words:
        out += text.split()
    return " ".join(out[:words])


def plain_article(words: int = 1000) -> str:
    """Wire copy with few glossary names (the segmentation corpus), about `words` long."""
    out: list[str] = []
    for path in sorted((ROOT / "tests" / "data" / "segmentation").glob("*.txt")):
        out += path.read_text(encoding="utf-8").split()
        if len(out) >= words:
            break
    return " ".join(out[:words])


def _revision(rev: str):
    """locpipe.rules.source as it was at git revision `rev`, as a module."""
    import importlib.util
    import subprocess
    import tempfile

    code = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:locpipe/rules/source.py"],
                          check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "source_at_rev.py"
    path.write_text(code, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("source_at_rev", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["source_at_rev"] = module
    spec.loader.exec_module(module)
    return module


def source_check(repeat: int, against: str | None) -> None:
    from locpipe.rules import source

    glossary = load_glossary([ROOT / "glossary"])
    checks = [("now", source.check_text)]
    if against:
        checks.append((against, _revision(against).check_text))
    for name, text in (("glossary-dense article", article()), ("plain article", plain_article())):
        glossary.find("warm up")
        best: dict[str, float] = {}
        for _ in range(repeat):
            runs = [("match", lambda t=text: glossary.find(t))] + [
                (label, lambda t=text, f=fn: f(t, glossary, Path("a.txt")))
                for label, fn in checks]
            for label, fn in runs:
                t0 = time.perf_counter()
                fn()
                best[label] = min(best.get(label, 1e9), time.perf_counter() - t0)
        line = (f"source check, {name} ({len(text.split())} words): "
                f"match {best['match'] * 1000:.2f} ms")
        for label, _ in checks:
            line += (f"; check ({label}) {best[label] * 1000:.2f} ms = "
                     f"{best[label] / best['match']:.1f}x match")
        if against:
            line += f"; now / {against} = {best['now'] / best[against]:.2f}"
        print(line)


def main(repeat: int, against: str | None = None) -> int:
    text = article()
    print(f"article: {len(text.split())} words, {len(text)} characters")
    worst = 0.0
    for n in (100, 1_000, 10_000):
        glossary = Glossary(generated(n))
        t0 = time.perf_counter()
        glossary.find("warm up")  # builds the automaton
        build = time.perf_counter() - t0
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            matches = glossary.find(text)
            times.append(time.perf_counter() - t0)
        best = min(times)
        worst = max(worst, best)
        print(f"{n:>6} entries: build {build * 1000:7.1f} ms; match {best * 1000:6.2f} ms "
              f"(median {sorted(times)[len(times) // 2] * 1000:6.2f} ms) = "
              f"{best * 1e6 / len(text.split()):5.2f} µs/word; {len(matches)} matches")
    print(f"slowest match at 10,000 entries: {worst * 1000:.2f} ms (budget 50 ms)")
    source_check(max(repeat, 50), against)
    return 0 if worst <= 0.050 else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--against", help="git revision whose source check to time too")
    args = ap.parse_args()
    sys.exit(main(args.repeat, args.against))
