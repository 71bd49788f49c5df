"""Translation-memory lookup speed at 100,000 reviewed entries.

    python benchmarks/memory_speed.py [--entries 100000] [--exact 100000] [--fuzzy 1000]

Builds a memory of synthetic wire-style sentences (deterministic), then times exact lookups
(half hits written with other quotes/spacing, half misses) and fuzzy lookups (one word changed,
so most score >= 85 %). Also times loading the same entries from PO files on disk, as
`translate` does. Prints the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from locpipe.formats.memory import Memory, load_memories  # noqa: E402

SUBJECTS = ["The UN", "The EU's envoy", "HTS fighters", "Government forces", "AFP", "Residents",
            "The Syrian Observatory for Human Rights", "Aid agencies", "Turkish officials",
            "A spokesman for the Red Crescent", "Doctors in Idlib", "The World Food Programme"]
VERBS = ["said", "reported", "warned", "confirmed", "denied", "estimated", "told reporters"]
CLAUSES = ["that {n} people had fled {place} since {year}",
           "that a convoy of {k} trucks reached {place} on {day}",
           "that fighting lasted {a} to {b} hours near {place}",
           "“we have waited {k} weeks for this,” in {place}",
           "that prices in {place} rose by {k}% since {year}",
           "that talks would resume in Geneva on {day} after {k} days"]
PLACES = ["Hama", "Homs", "Idlib", "Aleppo", "al-Waer", "Deraa", "Raqqa", "Latakia", "Douma"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def clause(rng: random.Random) -> str:
    return rng.choice(CLAUSES).format(
        n=f"{rng.randint(1, 300) * 250:,}", place=rng.choice(PLACES), year=rng.randint(1980, 2025),
        k=rng.randint(2, 99), day=rng.choice(DAYS), a=rng.randint(2, 12), b=rng.randint(13, 30))


def sentence(rng: random.Random) -> str:
    """One to three clauses: about 40 to 250 characters, like wire-copy sentences."""
    extra = "".join(f", and {clause(rng)}" for _ in range(rng.choice((0, 0, 1, 1, 2))))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {clause(rng)}{extra}."


def variant(text: str) -> str:
    """The same sentence as another desk might type it: straight quotes, double spaces."""
    return text.replace("“", '"').replace("”", '"').replace("'", "’").replace(" ", "  ", 1)


def perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    i = rng.randrange(len(words))
    words[i] = rng.choice(["several", "nearly", "officials", "Hama", "about"])
    return " ".join(words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--exact", type=int, default=100_000)
    ap.add_argument("--fuzzy", type=int, default=1_000)
    args = ap.parse_args()
    rng = random.Random(42)

    sources: dict[str, None] = {}
    while len(sources) < args.entries:
        sources[sentence(rng)] = None
    pairs = [(s, f"[fr] {s}") for s in sources]

    t0 = time.perf_counter()
    mem = Memory()
    for i, (s, t) in enumerate(pairs):
        mem.add(s, t, f"memory/bench.fr.po:{i}")
    build = time.perf_counter() - t0
    lengths = sorted(len(s) for s, _ in pairs)
    print(f"memory: {len(mem):,} entries ({lengths[0]}-{lengths[-1]} characters, median "
          f"{lengths[len(lengths) // 2]}), built in {build:.2f} s")

    queries = []
    for i in range(args.exact):
        queries.append(variant(pairs[rng.randrange(len(pairs))][0]) if i % 2 == 0
                       else sentence(rng) + " Officials added nothing.")
    t0 = time.perf_counter()
    hits = sum(1 for q in queries if mem.exact(q) is not None)
    dt = time.perf_counter() - t0
    print(f"exact: {len(queries):,} lookups in {dt:.3f} s = {len(queries) / dt:,.0f} lookups/s "
          f"({hits:,} hits)")

    fq = [perturb(pairs[rng.randrange(len(pairs))][0], rng) for _ in range(args.fuzzy)]
    t0 = time.perf_counter()
    found = sum(1 for q in fq if mem.fuzzy(q) is not None)
    dt = time.perf_counter() - t0
    print(f"fuzzy (>= 85 %): {len(fq):,} lookups in {dt:.3f} s = {len(fq) / dt:,.0f} lookups/s "
          f"({found:,} suggestions)")

    with tempfile.TemporaryDirectory() as tmp:
        catalog = polib.POFile(wrapwidth=0)
        catalog.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
        for i, (s, t) in enumerate(pairs):
            catalog.append(polib.POEntry(msgctxt=f"bench:{i}", msgid=s, msgstr=t))
        catalog.save(str(Path(tmp) / "bench.fr.po"))
        for label in ("load from PO (cold, builds the cache)", "load from PO (cached)"):
            t0 = time.perf_counter()
            loaded = load_memories(Path(tmp))["fr"]
            dt = time.perf_counter() - t0
            print(f"{label}: {len(loaded):,} entries in {dt:.2f} s")


if __name__ == "__main__":
    main()
