"""Does a run's cost grow with its size? CPU per article and peak RSS by run size, measured
with the CLI as a desk runs it, under `/usr/bin/time -v` (its "Maximum resident set size"
and user + system time; one fresh process per run).

* pseudo (`--part pseudo`): `locpipe translate --engine pseudo --to fr,ar` over 250 and 2,000
  generated news-length articles (the word-bigram generator of benchmarks/argos_speed.py,
  ~550 words): CPU per article (whole run, and without the start-up: a one-article run's CPU
  taken off) and peak RSS; the ratios 2,000 / 250 (targets: CPU per article within ±15 %,
  peak RSS within ±20 %).
* argos (`--part argos`): `locpipe translate --engine argos --to fr` over 10 and 50
  ~500-word articles with the real-size random-weight Argos package (6+6 layers, d_model
  512, 16k vocabulary, int8: locpipe.testing.argos_package), built once into --workdir;
  peak RSS ratio 50 / 10 (target: within ±20 %).

* argos-trace (`--part argos-trace`): the 50-article Argos run in this process, RSS sampled
  every 10 ms: the peak of each shard while it translates and the RSS between shards (after
  `engines.release_memory`) — whether anything is kept from one shard to the next, or the
  peak is one shard's decoding.

    python benchmarks/rss_growth.py --part pseudo --part argos [--workdir DIR] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale import subset, write_articles  # noqa: E402


def timed(args: list[str], out: Path, env: dict) -> dict:
    """`locpipe translate ARGS --out OUT -q` under /usr/bin/time -v: wall, CPU, peak RSS."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "locpipe", "translate",
                           *args, "--out", str(out), "-q"], env=env, capture_output=True,
                          text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {proc.stderr[-2000:]}")

    def field(name: str) -> float:
        m = re.search(rf"^\s*{re.escape(name)}: ([\d.]+)$", proc.stderr, re.M)
        return float(m.group(1)) if m else float("nan")

    return {"wall": wall, "cpu": field("User time (seconds)") + field("System time (seconds)"),
            "rss_mb": field("Maximum resident set size (kbytes)") / 1024,
            "load": os.getloadavg()[0]}


def best(rs: list[dict]) -> dict:
    """Per measure, the least of the rounds (load from other jobs only ever adds)."""
    return {k: min(r[k] for r in rs) for k in rs[0]}


def pseudo(work: Path, env: dict, sizes: list[int], words: int, rounds: int) -> dict:
    pool = work / "all"
    write_articles(pool, max(sizes), words)
    runs: dict[int, list[dict]] = {n: [] for n in [1, *sizes]}
    for k in range(rounds):  # alternating rounds: load from other jobs hits every size alike
        for n in runs:
            src = work / f"in-{n}"
            if not src.exists():
                subset(pool, n, src)
            r = timed([str(src), "--engine", "pseudo", "--to", "fr,ar"],
                      work / f"out-{n}-{k}", env)
            runs[n].append(r)
            print(f"  pseudo {n:>5} articles: CPU {r['cpu']:7.2f} s, peak RSS "
                  f"{r['rss_mb']:5.0f} MB, wall {r['wall']:6.1f} s, load {r['load']:.1f}",
                  flush=True)
    start = best(runs[1])["cpu"]
    out = {}
    for n in sizes:
        b = best(runs[n])
        out[n] = {**b, "ms_per_article": 1000 * b["cpu"] / n,
                  "ms_per_article_net": 1000 * (b["cpu"] - start) / max(1, n - 1)}
    lo, hi = out[min(sizes)], out[max(sizes)]
    print(f"\npseudo, fr+ar, ~{words}-word articles, best of {rounds} (CPU = user + sys):")
    for n in sizes:
        o = out[n]
        print(f"  {n:>5} articles: {o['ms_per_article']:6.1f} ms CPU per article "
              f"({o['ms_per_article_net']:6.1f} without the start-up), peak RSS "
              f"{o['rss_mb']:5.0f} MB")
    print(f"  {max(sizes)} vs {min(sizes)}: CPU per article "
          f"{hi['ms_per_article'] / lo['ms_per_article'] - 1:+.1%} (without start-up "
          f"{hi['ms_per_article_net'] / lo['ms_per_article_net'] - 1:+.1%}), peak RSS "
          f"{hi['rss_mb'] / lo['rss_mb'] - 1:+.1%}", flush=True)
    return {"runs": {str(k): v for k, v in runs.items()}, "summary": out}


def argos(work: Path, workdir: Path, env: dict, sizes: list[int], words: int,
          rounds: int) -> dict:
    from locpipe.engines.install import install_from_file
    from locpipe.testing.argos_package import PackageSpec, build_package

    aenv = dict(env, ARGOS_PACKAGES_DIR=str(workdir / "packages"))
    if not (workdir / "packages").exists():
        os.environ["ARGOS_PACKAGES_DIR"] = aenv["ARGOS_PACKAGES_DIR"]
        spec = PackageSpec(to_code="fr", layers=6, d_model=512, heads=8, ffn=2048,
                           vocab_size=16000, quantization="int8", target_length=30)
        install_from_file(build_package(workdir / "built", spec))
    pool = work / "argos-all"
    write_articles(pool, max(sizes), words)
    runs: dict[int, list[dict]] = {n: [] for n in sizes}
    for k in range(rounds):
        for n in sizes:
            src = work / f"argos-in-{n}"
            if not src.exists():
                subset(pool, n, src)
            r = timed([str(src), "--engine", "argos", "--to", "fr"], work / f"argos-{n}-{k}",
                      aenv)
            runs[n].append(r)
            print(f"  argos {n:>4} articles: peak RSS {r['rss_mb']:5.0f} MB, CPU "
                  f"{r['cpu']:7.1f} s, wall {r['wall']:6.1f} s, load {r['load']:.1f}",
                  flush=True)
    lo, hi = (max(r["rss_mb"] for r in runs[n]) for n in (min(sizes), max(sizes)))
    print(f"\nargos, fr, real-size random-weight package, ~{words}-word articles: peak RSS "
          + ", ".join(f"{n} articles {'/'.join(format(r['rss_mb'], '.0f') for r in runs[n])} MB"
                      for n in sizes)
          + f"; {max(sizes)} vs {min(sizes)} (highest of each): {hi / lo - 1:+.1%}", flush=True)
    return {"runs": {str(k): v for k, v in runs.items()}, "ratio": hi / lo}


def argos_trace(work: Path, workdir: Path, n: int, words: int) -> dict:
    """Peak RSS per shard (translating) and RSS between shards, in this process."""
    import threading
    from collections import defaultdict

    from locpipe.context import Settings
    from locpipe.pipeline import run

    os.environ["ARGOS_PACKAGES_DIR"] = str(workdir / "packages")  # built by --part argos
    pool = work / "trace-all"
    write_articles(pool, n, words)
    page = os.sysconf("SC_PAGE_SIZE")
    where = ["start"]
    peaks: dict[str, float] = defaultdict(float)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            with open("/proc/self/statm") as f:
                rss = int(f.read().split()[1]) * page / 2**20
            peaks[where[0]] = max(peaks[where[0]], rss)
            done.wait(0.01)

    def on_event(event) -> None:  # noqa: ANN001
        if event.kind == "shard":
            where[0] = f"shard {event.count} before translating"
        elif event.kind == "stage":
            shard = where[0].split(" ")[1]
            where[0] = (f"shard {shard} translating" if event.stage == "translating" else
                        f"shard {shard} before translating" if "before" in where[0] else
                        f"shard {shard} after translating")
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    run(sorted(pool.iterdir()), Settings(targets=["fr"], engine="argos",
                                         out_dir=work / "trace-out"), on_event=on_event,
        keep=False)
    done.set()
    thread.join()
    shards = sorted({int(k.split()[1]) for k in peaks if k.startswith("shard")})
    print(f"\nargos in one process, {n} articles, {len(shards)} shards: peak RSS per shard "
          "(MB) before translating / translating / after:")
    for s in shards:
        print(f"  shard {s}: " + " / ".join(f"{peaks.get(f'shard {s} {k}', 0):.0f}" for k in
                                           ("before translating", "translating",
                                            "after translating")))
    return dict(peaks)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", action="append", choices=["pseudo", "argos", "argos-trace"])
    ap.add_argument("--sizes", default="250,2000", help="pseudo run sizes")
    ap.add_argument("--argos-sizes", default="10,50")
    ap.add_argument("--words", type=int, default=550, help="pseudo articles' length")
    ap.add_argument("--argos-words", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) /
                    "locpipe-rss-growth", help="keeps the built Argos package between runs")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    parts = args.part or ["pseudo", "argos"]
    args.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="locpipe-rss-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    print(f"{os.cpu_count()} CPUs; load average at start "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    report = {}
    if "pseudo" in parts:
        report["pseudo"] = pseudo(work, env, [int(x) for x in args.sizes.split(",")],
                                  args.words, args.rounds)
    if "argos" in parts:
        report["argos"] = argos(work, args.workdir, env,
                                [int(x) for x in args.argos_sizes.split(",")], args.argos_words,
                                args.rounds)
    if "argos-trace" in parts:
        report["argos_trace"] = argos_trace(work, args.workdir, max(
            int(x) for x in args.argos_sizes.split(",")), args.argos_words)
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"work folder: {work}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
