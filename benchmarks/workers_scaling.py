"""`--workers N` against one process: throughput ratio, CPU spent, where it is spent.

The same generated wire articles (the word-bigram generator of benchmarks/argos_speed.py)
are translated with the pseudo engine into fr+ar by `python -m locpipe translate` in a fresh
subprocess: once in one process, then with `--workers 1` and `--workers N` (a Dask
LocalCluster). For each run it prints the wall time, the CPU time of the whole process tree
(user + sys, `getrusage(RUSAGE_CHILDREN)` of a runner around the CLI), and the CPU time of
each process of the tree (psutil, sampled every 0.1 s; the CLI parent apart from the Dask
workers and nannies).

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

    python benchmarks/workers_scaling.py --articles 400 --workers 2
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
                    cmd = " ".join(p.cmdline())
            except psutil.Error:
                continue
            role = seen[p.pid][0] if p.pid in seen else (  # an exiting one says no cmdline
                "runner" if p.pid == pid else "cli" if "locpipe" in cmd and
                "translate" in cmd else "dask")
            seen[p.pid] = (role, t.user + t.system)
        stop.wait(0.1)


def run(args: list[str], out: Path, env: dict) -> dict:
    result_file = out.parent / f"{out.name}.result.json"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(result_file), sys.executable,
                             "-m", "locpipe", "translate", *args, "--out", str(out), "-q"],
                            env=env)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--words", type=int, default=550)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--to", default="fr,ar")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--overhead", action="store_true",
                    help="only the worker's own CPU beside the task (see the docstring)")
    ap.add_argument("--rounds", type=int, default=2, help="--overhead's rounds")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="locpipe-workers-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    pool = work / "all"
    write_articles(pool, args.articles, args.words)
    src = str(subset(pool, args.articles, work / "in"))
    if args.overhead:
        overhead(src, work, args.rounds)
        return
    one_src = str(subset(pool, 1, work / "in-1"))
    base = ["--engine", "pseudo", "--to", args.to]
    load_before = os.getloadavg()
    runs: dict[str, dict] = {}
    plan = [("start-1", [one_src, *base]), (f"start-{args.workers}w",
                                            [one_src, *base, "--workers", str(args.workers)]),
            ("one process", [src, *base]), ("--workers 1", [src, *base, "--workers", "1"]),
            (f"--workers {args.workers}", [src, *base, "--workers", str(args.workers)])]
    for i, (name, cmd) in enumerate(plan):
        r = run(cmd, work / f"out-{i}", env)
        runs[name] = r
        dask = r["cpu_dask"]
        print(f"{name:13} wall {r['wall']:7.2f} s  CPU {r['cpu_total']:7.2f} s (CLI "
              f"{r['cpu_cli']:6.2f} s; Dask processes "
              f"{', '.join(f'{s:.2f}' for s in dask) or '-'})  peak RSS {r['rss_mb']:.0f} MB",
              flush=True)
    load_after = os.getloadavg()
    n = args.workers
    one, many = runs["one process"], runs[f"--workers {n}"]
    startup = max(0.0, runs[f"start-{n}w"]["wall"] - runs["start-1"]["wall"])
    busiest = max([many["cpu_cli"], *many["cpu_dask"]])
    bound = max(many["cpu_total"] / n, busiest) + startup
    cpu_speedup = one["cpu_total"] / bound
    wall_speedup = one["wall"] / many["wall"]
    per_article = {k: 1000 * v["cpu_total"] / args.articles for k, v in runs.items()
                   if not k.startswith("start")}
    print(f"\n{args.articles} articles of ~{args.words} words, pseudo engine, --to {args.to}; "
          f"{os.cpu_count()} CPUs; load average before "
          f"{' '.join(f'{x:.2f}' for x in load_before)}, after "
          f"{' '.join(f'{x:.2f}' for x in load_after)}")
    print("CPU per article (ms, whole tree): "
          + ", ".join(f"{k} {v:.1f}" for k, v in per_article.items()))
    print(f"cluster start-up (wall, {n} workers, 1 article, over one process): {startup:.2f} s")
    print(f"CPU-bound speed-up on {n} idle cores, the cluster's start-up aside: "
          f"{one['cpu_total'] / (bound - startup):.2f}x")
    print(f"CPU-bound speed-up on {n} idle cores: {cpu_speedup:.2f}x "
          f"(target >= {0.8 * n:.1f}x; {cpu_speedup / n:.0%} of linear)")
    print(f"wall speed-up measured here: {wall_speedup:.2f}x ({wall_speedup / n:.0%} of "
          "linear; trust it only when the load average is below 0.5)")
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "startup": startup,
                                         "cpu_speedup": cpu_speedup,
                                         "wall_speedup": wall_speedup,
                                         "load": [load_before, load_after]}, indent=2))
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
