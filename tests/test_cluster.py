"""Dask runs (`--workers N`, `--scheduler tcp://…`): real clusters on 127.0.0.1 (a LocalCluster
of 2 worker processes; a `dask scheduler` and 2 `dask worker` processes started here), pages
byte-identical to a run in one process, and a worker killed mid-run losing nothing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from locpipe.testing import fake_cluster as fakes

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parent.parent
DASK = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
WORKER = [sys.executable, "-m", "distributed.cli.dask_worker"]

CLIENT = textwrap.dedent(f"""
    import sys
    import locpipe.engines
    locpipe.engines.ENGINES["{fakes.NAME}"] = "{fakes.TARGET}"
    sys.argv = ["locpipe", "translate", *sys.argv[1:]]
    from locpipe.cli import main
    main()
""")


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **extra}


def _translate(args: list[str], cwd: Path, timeout: float = 90, **env: str
               ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CLIENT, *args], cwd=cwd, env=_env(**env),
                          capture_output=True, text=True, timeout=timeout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def articles(tmp_path):
    fakes.write_articles(tmp_path / "in", 10)
    return tmp_path / "in"


@pytest.fixture
def single(articles, tmp_path):
    """The same run in one process: what every cluster run must write."""
    result = _translate(["in", "--engine", fakes.NAME, "--to", "fr,ar", "--out", "single",
                         "--shard-size", "8", "-q"], tmp_path)
    assert result.returncode == 0, result.stderr
    return fakes.outputs(tmp_path / "single")


@pytest.fixture
def dask_cluster(tmp_path):
    """`dask scheduler` and 2 `dask worker` processes (no nanny: a killed worker stays dead)
    on 127.0.0.1; yields (address, worker processes); tears everything down."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    markers = tmp_path / "markers"
    markers.mkdir()
    env = _env(LOCPIPE_TEST_SLEEP="0.4", LOCPIPE_TEST_MARKERS=str(markers))
    procs = [subprocess.Popen([*DASK, "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", ":0", "--no-show"], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        workers = [subprocess.Popen([*WORKER, address, "--nthreads", "1", "--no-nanny",
                                     "--no-dashboard", "--host", "127.0.0.1"], env=env,
                                    cwd=tmp_path, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL) for _ in range(2)]
        procs += workers
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=30)
        yield address, workers, markers
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_local_cluster_writes_the_same_pages_as_one_process(articles, single, tmp_path):
    result = _translate(["in", "--engine", fakes.NAME, "--to", "fr,ar", "--out", "local",
                         "--shard-size", "8", "--workers", "2"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ("Articles — 10 written, 0 up to date (skipped); "
                                             "see local/index.html")
    assert fakes.outputs(tmp_path / "local") == single
    again = _translate(["in", "--engine", fakes.NAME, "--to", "fr,ar", "--out", "local",
                        "--shard-size", "8", "--workers", "2"], tmp_path)
    assert again.stdout.splitlines()[0] == ("Articles — 0 written, 10 up to date (skipped); "
                                            "see local/index.html")


def test_scheduler_and_workers_started_with_the_dask_cli(articles, single, tmp_path,
                                                         dask_cluster):
    address, workers, markers = dask_cluster
    result = _translate(["in", "--engine", fakes.NAME, "--to", "fr,ar", "--out", "remote",
                         "--shard-size", "8", "--scheduler", address, "--format", "json"],
                        tmp_path)
    assert result.returncode == 0, result.stderr
    assert fakes.outputs(tmp_path / "remote") == single
    ran = {int(p.name) for p in markers.iterdir()}
    assert ran and ran <= {w.pid for w in workers}  # the workers translated, not the client


def test_a_worker_killed_mid_run_loses_nothing(articles, single, tmp_path, dask_cluster):
    address, workers, markers = dask_cluster
    client = subprocess.Popen([sys.executable, "-c", CLIENT, "in", "--engine", fakes.NAME,
                               "--to", "fr,ar", "--out", "killed", "--shard-size", "8",
                               "--scheduler", address], cwd=tmp_path, env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        pids = {w.pid for w in workers}
        busy: set[int] = set()
        while not busy and time.monotonic() < deadline and client.poll() is None:
            busy = {int(p.name) for p in markers.iterdir()} & pids
            time.sleep(0.05)
        assert busy, "no worker started translating"
        victim = min(busy)
        time.sleep(0.2)  # mid-shard: it sleeps 0.4 s per engine call
        os.kill(victim, signal.SIGKILL)
        stdout, stderr = client.communicate(timeout=60)
    finally:
        if client.poll() is None:
            client.kill()
    assert client.returncode == 0, stderr
    assert stdout.splitlines()[0] == ("Articles — 10 written, 0 up to date (skipped); see "
                                      "killed/index.html")
    assert next(w for w in workers if w.pid == victim).wait(timeout=10) == -signal.SIGKILL
    assert fakes.outputs(tmp_path / "killed") == single
    assert not list((tmp_path / "killed").rglob(".*.tmp"))


def test_workers_and_scheduler_together_are_refused(articles, tmp_path):
    result = _translate(["in", "--engine", "pseudo", "--to", "fr", "--workers", "2",
                         "--scheduler", "tcp://127.0.0.1:1"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("Error: give --workers (a cluster on this machine) or --scheduler "
                             "(an existing cluster), not both\n")
    assert not (tmp_path / "output").exists()


def _worker_settings() -> tuple:
    import dask

    return tuple(dask.config.get(key) for key in ("distributed.worker.profile.enabled",
                                                  "distributed.admin.tick.interval"))


def _worker_start() -> tuple:
    """Whether this worker process was forked by a fork server, and whether the pipeline was
    already imported (asked before any shard ran here)."""
    import psutil

    return ("multiprocessing.forkserver" in " ".join(psutil.Process().parent().cmdline()),
            "locpipe.pipeline" in sys.modules)


def test_local_workers_do_not_profile_the_run():
    """A worker sampling its task's stack every 10 ms burnt a quarter more CPU per article
    (benchmarks/workers_scaling.py --overhead): the local cluster's workers do not. They are
    forked from a fork server that imported the pipeline once, not spawned to import it
    again each."""
    from locpipe import cluster

    with cluster.connect(workers=2) as executor:
        seen = executor.client.run(_worker_settings)
        started = executor.client.run(_worker_start)
    assert list(seen.values()) == [(False, "1s")] * 2
    assert list(started.values()) == [(True, True)] * 2
