"""Translation-memory lookup speed at 100,000 reviewed entries.

    python benchmarks/memory_speed.py [--entries 100000] [--exact 100000] [--fuzzy 300]
                                      [--rounds 3] [--pivots 32]

Builds a memory of synthetic wire-style sentences (deterministic), then times exact lookups
(half hits written with other quotes/spacing, half misses) and fuzzy lookups on three kinds of
query, a third each: one word changed, siblings (names and numbers changed, as the next wire
story writes the sentence) and unrelated sentences. Fuzzy lookups are timed A/B, alternately
for `--rounds` rounds: the previous length-bucketed scan (copied below as `bucketed_scan`)
against the pivot index (`Memory.fuzzy`); it reports best and median lookups/s of each and the
ratio, the index's build time and extra RSS, and the agreement of the index with rapidfuzz over
every entry (`Memory.fuzzy_scan`), which must be 100 %. Also times loading the same entries
from PO files on disk, as `translate` does. Prints the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import locpipe.formats.memory as memory_module  # noqa: E402
from locpipe.formats.memory import Memory, _PivotIndex, load_memories  # noqa: E402
from locpipe.formats.po import normalise  # noqa: E402

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


def sibling(text: str, rng: random.Random) -> str:
    """Other names and numbers in the same sentence."""
    text = re.sub(r"\d+", lambda m: str(rng.randint(2, 999)), text)
    return re.sub("|".join(PLACES), lambda m: rng.choice(PLACES), text)


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024


def bucketed_scan(keys: list[str], buckets: dict[int, list[str]], text: str,
                  cutoff: float = 85.0) -> tuple[str, float] | None:
    """The fuzzy lookup before the index (length buckets of 8 characters, rapidfuzz over every
    entry whose length can reach the cutoff): the speed baseline."""
    from rapidfuzz import fuzz, process
    key = normalise(text)
    n = len(key)
    r = cutoff / (200.0 - cutoff)
    lo, hi = math.ceil(n * r), math.floor(n / r)
    best = None
    limit = 2
    for b in range(lo // 8, hi // 8 + 1):
        for found in process.extract(key, buckets.get(b, ()), scorer=fuzz.ratio, limit=limit,
                                     score_cutoff=best[1] if best else cutoff):
            if found[0] != key and (best is None or found[1] > best[1]):
                best = (found[0], found[1])
                break
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--exact", type=int, default=100_000)
    ap.add_argument("--fuzzy", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pivots", type=int, default=memory_module.PIVOTS)
    args = ap.parse_args()
    memory_module.PIVOTS = args.pivots
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

    third = args.fuzzy // 3
    fq = ([perturb(pairs[rng.randrange(len(pairs))][0], rng) for _ in range(third)]
          + [sibling(pairs[rng.randrange(len(pairs))][0], rng) for _ in range(third)]
          + [sentence(rng) + " Officials added nothing." for _ in range(args.fuzzy - 2 * third)])
    keys = [normalise(s) for s in sources]
    buckets: dict[int, list[str]] = {}
    for k in keys:
        buckets.setdefault(len(k) // 8, []).append(k)

    before = rss_mb()
    t0 = time.perf_counter()
    mem._index = _PivotIndex(keys)  # what the first fuzzy lookup builds
    build = time.perf_counter() - t0
    extra = rss_mb() - before
    print(f"fuzzy index: {len(mem._index.pivots)} pivots, built in {build:.2f} s, "
          f"+{extra:.0f} MB RSS")

    rates: dict[str, list[float]] = {"bucketed scan": [], "index": []}
    for _ in range(args.rounds):  # alternately, so a busy machine slows both alike
        for label in rates:
            t0 = time.perf_counter()
            if label == "index":
                found = [mem.fuzzy(q) for q in fq]
            else:
                old = [bucketed_scan(keys, buckets, q) for q in fq]
            rates[label].append(len(fq) / (time.perf_counter() - t0))
    for label, r in rates.items():
        print(f"fuzzy (>= 85 %), {label}: {len(fq):,} lookups x {args.rounds} rounds, best "
              f"{max(r):,.0f}, median {statistics.median(r):,.0f} lookups/s")
    fast, slow = rates["index"], rates["bucketed scan"]
    print(f"index / bucketed scan: best {max(fast) / max(slow):.1f}x, "
          f"median {statistics.median(fast) / statistics.median(slow):.1f}x")
    full = [mem.fuzzy_scan(q) for q in fq]
    agree = sum(a == b for a, b in zip(found, full, strict=True))
    same_old = sum((normalise(a.source), a.score) == (b[0], round(b[1], 1)) if a and b else a is b
                   for a, b in zip(found, old, strict=True))
    kinds = [sum(h is not None for h in found[i:j]) for i, j in
             ((0, third), (third, 2 * third), (2 * third, len(fq)))]
    print(f"agreement with rapidfuzz over every entry: {agree}/{len(fq)} "
          f"({100 * agree / len(fq):.1f} %); with the bucketed scan: {same_old}/{len(fq)}; "
          f"suggestions: one word {kinds[0]}/{third}, siblings {kinds[1]}/{third}, "
          f"unrelated {kinds[2]}/{len(fq) - 2 * third}")

    with tempfile.TemporaryDirectory() as tmp:
        for part in range(0, len(pairs), 10_000):  # one article file holds at most 10 MB
            catalog = polib.POFile(wrapwidth=0)
            catalog.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
            for i, (s, t) in enumerate(pairs[part:part + 10_000], start=part):
                catalog.append(polib.POEntry(msgctxt=f"bench:{i}", msgid=s, msgstr=t))
            catalog.save(str(Path(tmp) / f"bench{part}.fr.po"))
        for label in ("load from PO (cold, builds the cache)", "load from PO (cached)"):
            t0 = time.perf_counter()
            loaded = load_memories(Path(tmp))["fr"]
            dt = time.perf_counter() - t0
            print(f"{label}: {len(loaded):,} entries in {dt:.2f} s")


if __name__ == "__main__":
    main()
