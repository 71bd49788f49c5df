"""Large runs: wall time, time per article, peak RSS and time to the first file, by run size.

Generates wire-style articles from the repo's own text (the word-bigram generator of
benchmarks/argos_speed.py, shorter articles: `--words`), then runs `locpipe translate` in a
fresh subprocess per measurement (peak RSS from `resource.getrusage(RUSAGE_CHILDREN)` of that
subprocess; time to first file by polling the output folder for the first manifest.json):

* `--engine pseudo --to fr,ar` on each of `--sizes` (default 10,100,1000,5000) articles;
* resume: the `--resume-size` (default 1000) article run is killed (SIGKILL) once a third of its
  articles are on disk, then run again: how many articles the second run wrote and skipped
  (every article finished before the kill must be skipped; only the shard in flight is redone);
* `--argos 10,50,200`: the real-size random-weight Argos package (6+6 layers, d_model 512,
  16k vocabulary, int8; see locpipe.testing.argos_package), one process and `--workers 2`.

Figures are printed as a table and written to `--json`. Example (quick):
    python benchmarks/scale.py --sizes 10,100 --argos 0
Full (slow; run it when the machine is otherwise idle):
    python benchmarks/scale.py --sizes 10,100,1000,5000 --argos 10,50,200
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNNER = """
import json, os, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
open(sys.argv[1], "w").write(json.dumps({"wall": wall, "rss_mb": rss, "rc": proc.returncode,
                                        "stderr": proc.stderr[-2000:]}))
"""


def _generator():
    spec = importlib.util.spec_from_file_location("argos_speed", ROOT / "benchmarks" /
                                                  "argos_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_articles


def write_articles(folder: Path, n: int, words: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = _generator()(n, words)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"wire-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def subset(all_dir: Path, n: int, into: Path) -> Path:
    """A folder with the first n articles (symlinks: the same bytes every size)."""
    into.mkdir(parents=True, exist_ok=True)
    for p in sorted(all_dir.iterdir())[:n]:
        (into / p.name).symlink_to(p)
    return into


def measure(args: list[str], out: Path, env: dict) -> dict:
    """Run `locpipe translate … --out out` in a subprocess; wall, peak RSS, first file."""
    result_file = out.parent / f"{out.name}.result.json"
    first: list[float] = []
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(result_file), sys.executable,
                             "-m", "locpipe", "translate", *args, "--out", str(out), "-q"],
                            env=env)
    def watch() -> None:
        while proc.poll() is None and not first:
            if out.is_dir() and next(out.glob("*/manifest.json"), None) is not None:
                first.append(time.perf_counter() - start)
                return
            time.sleep(0.02)
    t = threading.Thread(target=watch)
    t.start()
    proc.wait()
    t.join()
    data = json.loads(result_file.read_text())
    if data["rc"] != 0:
        raise SystemExit(f"run failed ({data['rc']}): {data['stderr']}")
    data["first_file"] = first[0] if first else None
    return data


def resume(articles: Path, work: Path, env: dict, shard: int) -> dict:
    """Kill a run once a third of its articles are written, then run it again."""
    out = work / "resume-out"
    n = len(list(articles.iterdir()))
    cmd = [sys.executable, "-m", "locpipe", "translate", str(articles), "--engine", "pseudo",
           "--to", "fr,ar", "--out", str(out), "-q"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None and len(list(out.glob("*/manifest.json"))) < n // 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = len(list(out.glob("*/manifest.json")))
    again = subprocess.run([*cmd[:-1], "--format", "json"], env=env, capture_output=True,
                           text=True)
    data = json.loads(again.stdout)
    return {"articles": n, "on_disk_at_kill": done, "resumed_written": data["written"],
            "resumed_skipped": data["skipped"], "redone_finished": done - data["skipped"],
            "shard_articles_max": shard}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10,100,1000,5000")
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--resume-size", type=int, default=1000, help="0: skip the resume run")
    ap.add_argument("--argos", default="0", help="article counts for the Argos package, "
                                                 "e.g. 10,50,200 (0: none)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if int(x)]
    argos_sizes = [int(x) for x in args.argos.split(",") if int(x)]
    work = Path(tempfile.mkdtemp(prefix="locpipe-scale-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    most = max([*sizes, args.resume_size, *argos_sizes])
    t0 = time.perf_counter()
    pool = work / "all"
    write_articles(pool, most, args.words)
    print(f"{most} articles of about {args.words} words generated in "
          f"{time.perf_counter() - t0:.1f} s in {pool}", flush=True)
    report: dict = {"pseudo": {}, "argos": {}, "argos_workers2": {}}
    for n in sizes:
        r = measure([str(subset(pool, n, work / f"in-{n}")), "--engine", "pseudo",
                     "--to", "fr,ar"], work / f"out-{n}", env)
        r["per_article"] = r["wall"] / n
        report["pseudo"][n] = r
        print(f"pseudo {n:>5} articles: {r['wall']:8.1f} s, {1000 * r['per_article']:6.1f} "
              f"ms/article, peak RSS {r['rss_mb']:6.0f} MB, first file "
              f"{r['first_file']:.2f} s", flush=True)
    if args.resume_size:
        from locpipe.pipeline import DEFAULT_SHARD_ARTICLES

        r = resume(subset(pool, args.resume_size, work / "in-resume"), work, env,
                   DEFAULT_SHARD_ARTICLES)
        report["resume"] = r
        print(f"resume: {r['on_disk_at_kill']} of {r['articles']} on disk at the kill; the "
              f"second run wrote {r['resumed_written']} and skipped {r['resumed_skipped']} "
              f"(finished articles redone: {r['redone_finished']})", flush=True)
    if argos_sizes:
        from locpipe.engines.install import install_from_file
        from locpipe.testing.argos_package import PackageSpec, build_package

        aenv = dict(env, ARGOS_PACKAGES_DIR=str(work / "packages"))
        os.environ["ARGOS_PACKAGES_DIR"] = aenv["ARGOS_PACKAGES_DIR"]
        spec = PackageSpec(to_code="fr", layers=6, d_model=512, heads=8, ffn=2048,
                           vocab_size=16000, quantization="int8", target_length=30)
        install_from_file(build_package(work / "built", spec))
        for n in argos_sizes:
            src = str(subset(pool, n, work / f"argos-in-{n}"))
            for key, extra in (("argos", []), ("argos_workers2", ["--workers", "2"])):
                r = measure([src, "--engine", "argos", "--to", "fr", *extra],
                            work / f"{key}-out-{n}", aenv)
                r["per_article"] = r["wall"] / n
                report[key][n] = r
                print(f"{key:15} {n:>4} articles: {r['wall']:8.1f} s, "
                      f"{r['per_article']:6.2f} s/article, peak RSS {r['rss_mb']:6.0f} MB "
                      f"(client), first file {r['first_file']:.1f} s", flush=True)
            one, two = report["argos"][n]["wall"], report["argos_workers2"][n]["wall"]
            print(f"--workers 2 speed-up on {n} articles: {one / two:.2f}x", flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
