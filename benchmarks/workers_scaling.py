"""`--workers N` against one process: throughput ratio, CPU spent, where it is spent.

The same generated wire articles (the word-bigram generator of benchmarks/argos_speed.py)
are translated with the pseudo engine into fr+ar by `python -m locpipe translate` in a fresh
subprocess: once in one process, then with `--workers 1` and `--workers N` (a Dask
LocalCluster). For each run it prints the wall time, the CPU time of the whole process tree
(user + sys: `getrusage(RUSAGE_CHILDREN)` of a runner around the CLI, or the sum over the
processes polled, whichever is larger: a fork server's workers are not waited for by the CLI,
so getrusage misses them), and the CPU time of each process of the tree (psutil, sampled
every 0.1 s; the CLI parent apart from the Dask processes).

`--revs main,.` runs every step with each checkout in turn (git archive of each, '.' this
working tree), so a change is measured against main under the same load; each checkout's
figures come with its one-process CPU per article (the single-process path gets faster too,
which makes the cluster's fixed costs weigh more).

Two speed-ups are printed:

* wall: one-process wall / N-worker wall — the target (>= 0.8 N on N cores) — which needs
  N idle cores (the load average before and after is printed beside it);
* CPU-bound: what N idle cores would give, from CPU time alone: one-process CPU divided by
  max(N-worker run's tree CPU / N, its busiest process's CPU), printed without and with the
  cluster's start-up (wall of an N-worker run of one article minus a one-process run of one
  article: meaningful only on a quiet machine). On a shared machine the first is the figure
  to trust; wall is the check when the machine is quiet.

`--overhead`: what a Dask worker burns beside the task, with Dask's default worker settings
and with locpipe's (`cluster.LOCAL_WORKER_CONFIG`): the shards of `--articles` articles run
in a one-worker LocalCluster, after a first shard that warms up; CPU per article of the task's
thread (`time.thread_time`) against the whole worker process (`time.process_time`), in
alternating rounds.

    python benchmarks/workers_scaling.py --articles 400 --workers 2 --revs main,.
    python benchmarks/workers_scaling.py --articles 80 --overhead --rounds 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale import subset, write_articles  # noqa: E402
from benchmarks.speed_ratio import checkout  # noqa: E402  (git archive of a revision)

RUNNER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - start
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(json.dumps({"wall": wall, "rss_mb": u.ru_maxrss / 1024,
                                        "cpu": u.ru_utime + u.ru_stime, "rc": proc.returncode,
                                        "stderr": proc.stderr[-2000:]}))
"""


def _tree_cpu(pid: int, seen: dict[int, tuple[str, float]], stop: threading.Event) -> None:
    """Poll the CPU time of `pid` and its descendants into `seen` (pid -> (role, seconds))."""
    while not stop.is_set():
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            procs = []
        for p in procs:
            try:
                with p.oneshot():
                    t = p.cpu_times()
                    parent = p.ppid()
            except psutil.Error:
                continue
            # by place, not command line: a process just forked, not yet exec'd, still shows
            # the CLI's command line; the CLI is the runner's child, the rest are Dask's
            role = seen[p.pid][0] if p.pid in seen else (
                "runner" if p.pid == pid else "cli" if parent == pid else "dask")
            seen[p.pid] = (role, t.user + t.system)
        stop.wait(0.1)


def run(args: list[str], out: Path, env: dict, cwd: Path = ROOT) -> dict:
    result_file = out.parent / f"{out.name}.result.json"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(result_file), sys.executable,
                             "-m", "locpipe", "translate", *args, "--out", str(out), "-q"],
                            env=env, cwd=cwd)
    seen: dict[int, tuple[str, float]] = {}
    stop = threading.Event()
    t = threading.Thread(target=_tree_cpu, args=(proc.pid, seen, stop))
    t.start()
    proc.wait()
    wall = time.perf_counter() - start
    stop.set()
    t.join()
    data = json.loads(result_file.read_text())
    if data["rc"] != 0:
        raise SystemExit(f"run failed ({data['rc']}): {data['stderr']}")
    usage = data["cpu"]
    data["wall_outer"] = wall
    data["cpu_cli"] = sum(s for role, s in seen.values() if role == "cli")
    procs = sorted((s for role, s in seen.values() if role == "dask"), reverse=True)
    data["cpu_dask"] = procs
    data["cpu_total"] = usage
    # getrusage counts the processes waited for: not a fork server's workers (the fork
    # server outlives the CLI's wait), which the polled tree sees (to its last 0.1 s)
    data["cpu"] = max(usage, data["cpu_cli"] + sum(procs))
    return data


def shard_cpu(src: str, out: str) -> dict:
    """On a worker: the shards of `src` (pseudo, fr+ar) one by one; CPU per article of the
    task's thread and of the whole process, the first shard (warm-up) left out."""
    from locpipe import pipeline
    from locpipe.context import Settings, initialize
    from locpipe.formats.manifest import FolderIndex

    settings = Settings(targets=["fr", "ar"], engine="pseudo", out_dir=Path(out))
    sources, _ = pipeline.find_sources([Path(src)], Path(out))
    index = FolderIndex(Path(out), None)
    placed = [(s, index.assign(s.path, s.identity)) for s in sources]
    resources = initialize(settings)
    process = thread = 0.0
    articles = 0
    for i, shard in enumerate(pipeline.plan_shards(placed, pipeline.DEFAULT_SHARD_SEGMENTS,
                                                   pipeline.DEFAULT_SHARD_ARTICLES)):
        p, t = time.process_time(), time.thread_time()
        pipeline.run_shard(shard, settings, resources=resources)
        if i:
            process += time.process_time() - p
            thread += time.thread_time() - t
            articles += len(shard.items)
    return {"process": 1000 * process / articles, "thread": 1000 * thread / articles}


def overhead(src: str, work: Path, rounds: int) -> None:
    import dask
    import distributed

    from locpipe.cluster import LOCAL_WORKER_CONFIG

    variants = {"Dask defaults": {}, "locpipe's": LOCAL_WORKER_CONFIG}
    for k in range(rounds):
        for name, config in variants.items():
            with dask.config.set({"logging.distributed": "error", **config}), \
                    distributed.LocalCluster(n_workers=1, threads_per_worker=1,
                                             dashboard_address=None) as cluster, \
                    distributed.Client(cluster) as client:
                m = client.submit(shard_cpu, src, str(work / f"overhead-{k}-{len(config)}"),
                                  pure=False).result()
            print(f"worker settings {name:14}: task thread {m['thread']:5.1f} ms/article, "
                  f"worker process {m['process']:5.1f}, the worker's own threads "
                  f"{m['process'] - m['thread']:5.1f} (load {os.getloadavg()[0]:.1f})",
                  flush=True)


def report(rev: str, runs: dict[str, dict], n: int, articles: int) -> dict:
    """One checkout's figures from its runs: CPU per article, start-up, the speed-ups."""
    one, many = runs["one process"], runs[f"--workers {n}"]
    startup = max(0.0, runs[f"start-{n}w"]["wall"] - runs["start-1"]["wall"])
    busiest = max([many["cpu_cli"], *many["cpu_dask"]])
    bound = max(many["cpu"] / n, busiest)
    figures = {
        "one_ms": 1000 * (one["cpu"] - runs["start-1"]["cpu"]) / max(1, articles - 1),
        "per_article": {k: 1000 * v["cpu"] / articles for k, v in runs.items()
                        if not k.startswith("start")},
        "extra_cpu": many["cpu"] - one["cpu"], "startup": startup,
        "cpu_speedup_aside": one["cpu"] / bound, "cpu_speedup": one["cpu"] / (bound + startup),
        "wall_speedup": one["wall"] / many["wall"]}
    print(f"[{rev}] CPU per article (ms, whole tree): "
          + ", ".join(f"{k} {v:.1f}" for k, v in figures["per_article"].items()))
    print(f"[{rev}] --workers {n} spends {figures['extra_cpu']:.2f} s of CPU more than one "
          f"process; cluster start-up (wall, {n} workers, 1 article, over one process): "
          f"{startup:.2f} s")
    print(f"[{rev}] CPU-bound speed-up on {n} idle cores: {figures['cpu_speedup_aside']:.2f}x "
          f"the start-up aside, {figures['cpu_speedup']:.2f}x with it (target >= "
          f"{0.8 * n:.1f}x); wall {figures['wall_speedup']:.2f}x; one process "
          f"{figures['one_ms']:.1f} ms CPU/article (start-up aside)")
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--words", type=int, default=550)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--to", default="fr,ar")
    ap.add_argument("--revs", default=".", help="checkouts to compare in one run, e.g. "
                    "main,. (git archive of each; '.' is this working tree)")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--overhead", action="store_true",
                    help="only the worker's own CPU beside the task (see the docstring)")
    ap.add_argument("--rounds", type=int, default=2, help="--overhead's rounds")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="locpipe-workers-"))
    pool = work / "all"
    write_articles(pool, args.articles, args.words)
    src = str(subset(pool, args.articles, work / "in"))
    if args.overhead:
        overhead(src, work, args.rounds)
        return
    revs = args.revs.split(",")
    trees = {rev: checkout(rev, work) for rev in revs}
    one_src = str(subset(pool, 1, work / "in-1"))
    base = ["--engine", "pseudo", "--to", args.to]
    n = args.workers
    load_before = os.getloadavg()
    runs: dict[str, dict[str, dict]] = {rev: {} for rev in revs}
    plan = [("start-1", [one_src, *base]), (f"start-{n}w", [one_src, *base, "--workers", str(n)]),
            ("one process", [src, *base]), ("--workers 1", [src, *base, "--workers", "1"]),
            (f"--workers {n}", [src, *base, "--workers", str(n)])]
    for i, (name, cmd) in enumerate(plan):  # each step by every checkout in turn
        for k, rev in enumerate(revs if i % 2 == 0 else revs[::-1]):
            env = dict(os.environ, PYTHONPATH=str(trees[rev]), NO_COLOR="1")
            r = run(cmd, work / f"out-{i}-{k}", env, trees[rev])
            runs[rev][name] = r
            dask = r["cpu_dask"]
            print(f"[{rev}] {name:13} wall {r['wall']:7.2f} s  CPU {r['cpu']:7.2f} s (CLI "
                  f"{r['cpu_cli']:6.2f} s; Dask processes "
                  f"{', '.join(f'{s:.2f}' for s in dask) or '-'})  peak RSS {r['rss_mb']:.0f} MB"
                  f"  load {os.getloadavg()[0]:.1f}", flush=True)
    load_after = os.getloadavg()
    print(f"\n{args.articles} articles of ~{args.words} words, pseudo engine, --to {args.to}; "
          f"{os.cpu_count()} CPUs; load average before "
          f"{' '.join(f'{x:.2f}' for x in load_before)}, after "
          f"{' '.join(f'{x:.2f}' for x in load_after)} (wall figures mean something only "
          "below 0.5)")
    figures = {rev: report(rev, runs[rev], n, args.articles) for rev in revs}
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "figures": figures,
                                         "load": [load_before, load_after]}, indent=2))
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
