"""The review desk on large output folders: start-up time, desk-view load time, peak RSS.

For each size (default 1000 and 5000 articles) it writes an output folder of generated
manifests (tests/desk/scale.py: the desk view reads nothing else), starts `locpipe review OUT`
in a fresh process and measures:

* start-up: from spawning the process to the port accepting connections;
* desk view, cold: the first `GET /`, sent as soon as the port accepts (`--first-after S`:
  S seconds later, as an editor opening the printed URL would; the server reads the manifests
  in the background from its start), 50 rows a page;
* desk view, warm: `GET /` again (one stat per folder, manifests unchanged);
* filter + search: `GET /?filter=ready&q=Homs&sort=title`, warm;
* last page: `GET /?page=<last>`, warm;
* peak RSS of the server process (VmHWM from /proc/<pid>/status) after those requests;
* stop: Ctrl-C (SIGINT) to exit, and the exit code;
* restart: the desk started again on the same OUT (its listing cache, `.locpipe-desk.json`,
  now present) and the first `GET /` timed the same way (`restart_cold_s`).

`--checkout DIR` runs the server from another checkout of locpipe (for before/after ratios
from one run: `--checkout /tmp/old` then without).

Each request is timed 5 times after the cold one; the median is printed.
    python benchmarks/desk_scale.py                # 1000 and 5000
    python benchmarks/desk_scale.py --sizes 100,1000
    python benchmarks/desk_scale.py --first-after 1
    python benchmarks/desk_scale.py --checkout /tmp/before
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.desk.scale import write_articles  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as r:
        body = r.read()
    return time.perf_counter() - started, len(body)


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(size: int, work: Path, first_after: float = 0.0, root: Path = ROOT) -> dict:
    out = work / f"out-{size}"
    t0 = time.perf_counter()
    write_articles(out, size)
    generated = time.perf_counter() - t0
    found = run(out, size, work, first_after, root)
    again = run(out, size, work, first_after, root)
    return {"articles": size, "first_after_s": first_after, "generate_s": round(generated, 2),
            **found, "restart_startup_s": again["startup_s"],
            "restart_cold_s": again["desk_cold_s"],
            "peak_rss_mb": max(found["peak_rss_mb"], again["peak_rss_mb"])}


def run(out: Path, size: int, work: Path, first_after: float, root: Path) -> dict:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(root))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "locpipe", "review", str(out), "--port",
                             str(port), "--memory", str(work / "memory")], env=env, cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.05).close()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read()) from None
                time.sleep(0.01)
        startup = time.perf_counter() - started
        time.sleep(first_after)
        cold, size_bytes = get(port, "/")
        pages = -(-size // 50)
        timed = {}
        for name, path in (("warm", "/"), ("filter_search", "/?filter=ready&q=Homs&sort=title"),
                           ("last_page", f"/?page={pages}")):
            timed[name] = statistics.median(get(port, path)[0] for _ in range(5))
        rss = vm_hwm_mb(proc.pid)
        t1 = time.perf_counter()
        proc.send_signal(signal.SIGINT)
        code = proc.wait(30)
        stop = time.perf_counter() - t1
    finally:
        if proc.poll() is None:
            proc.kill()
    return {"startup_s": round(startup, 3),
            "desk_cold_s": round(cold, 3), "desk_warm_s": round(timed["warm"], 3),
            "filter_search_s": round(timed["filter_search"], 3),
            "last_page_s": round(timed["last_page"], 3), "page_kb": round(size_bytes / 1024, 1),
            "peak_rss_mb": round(rss, 1), "stop_s": round(stop, 3), "exit_code": code}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--first-after", type=float, default=0.0)
    ap.add_argument("--checkout", type=Path, default=ROOT,
                    help="the locpipe checkout the server runs from (default: this one)")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(x) for x in args.sizes.split(",")):
            rows.append(measure(size, Path(tmp), args.first_after, args.checkout.resolve()))
            print(json.dumps(rows[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
