"""Matching speed: a generated glossary of 100, 1,000 and 10,000 entries over a 1,000-word article.

The automaton (pyahocorasick) makes matching cost grow with the text, not with the number of
entries. Prints build time (once per run) and matching time (best of N) per glossary size.

    python benchmarks/glossary_speed.py [--repeat 20]
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


def main(repeat: int) -> int:
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
    return 0 if worst <= 0.050 else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    sys.exit(main(ap.parse_args().repeat))
