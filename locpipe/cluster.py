"""Running a translation's shards on a Dask cluster (`pip install 'locpipe[cluster]'`).

`connect(workers=N)` starts a `LocalCluster` of N worker processes (one thread each: the
engine uses the cores itself); `connect(scheduler="tcp://HOST:PORT")` joins a running
cluster (`dask scheduler` + `dask worker`, or any deployment Dask supports). The executor it
yields runs `pipeline.run_shard` for each shard on the workers, which write the articles'
files straight into the output folder — so the folder must be on a filesystem every worker and
the client reach (the same machine, NFS, a cluster filesystem) — with the same per-article
atomic writes, locks and manifests as a run in one process. Each worker process keeps its
loaded models (Argos models are cached per process) and the run's glossary and memory
(`_RESOURCES`, a module-level cache keyed by the run) from one shard to the next.

A worker that dies mid-shard loses nothing that was finished (every article it wrote is whole
on disk); the scheduler gives its shard to another worker (Dask reschedules the tasks of a lost
worker, and `retries=RETRIES` retries a shard that raised). The shard is redone from the start;
its articles written before the death are written again with the same bytes.

Local worker processes are started by a fork server (`START_METHOD`): one clean process
imports Dask and locpipe once (`PRELOAD`) and forks each worker from itself, so a worker
starts with everything imported. Dask's default, spawn, has each worker start a fresh
interpreter and import Dask and locpipe again (about 1.2 s of CPU each, while the other
workers and the parent want the same cores). Plain fork would be cheaper still, but it forks
the parent, which by then runs the cluster's event loop and its queue threads (and the progress
display's refresh thread): a lock one of them holds at the fork stays held in the worker, and
a parent that used an engine's OpenMP or CUDA runtime hands the worker a runtime that hangs.
The fork server never runs a thread.

Dask is imported here only, and this module only when `--workers` or `--scheduler` is given.
It does not import the pipeline: the pipeline hands it the function to run (the fork server
imports it by name, `PRELOAD`).
"""

from __future__ import annotations

import contextlib
import importlib.util
import multiprocessing
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from locpipe.errors import ConfigError

RETRIES = 2  # a shard that raised is tried this many more times (worker loss: Dask reschedules)
# How local worker processes start (see the module docstring), and what the fork server
# imports before it forks them: Dask, the pipeline a shard runs, and numpy (the language
# check imports it at its first article). A module that fails to import is skipped there.
# (Windows has no fork server: there the workers are spawned.)
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
PRELOAD = ("distributed", "numpy", "locpipe.pipeline", "locpipe.cluster")

# The local workers' own bookkeeping, slowed down: with Dask's defaults a worker's event loop
# (the statistical profiler sampling the task's stack every 10 ms, the event-loop tick every
# 20 ms, the memory monitor every 100 ms, the system monitor every 500 ms) burnt 20-22 ms of
# CPU per article beside the 72-80 ms the shard itself took (pseudo engine, fr+ar): a quarter
# more CPU per article than one process, so 2 workers on 2 cores could not reach 1.6x. With
# these, 1.5-2.7 ms (benchmarks/workers_scaling.py --overhead).
# Nothing of locpipe reads the profile or the dashboard; memory limits still apply, checked
# every second.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.multiprocessing-method": START_METHOD,
}
_RESOURCES: dict[str, Any] = {}  # run token -> its Resources (glossary, memory, engines)


def engine_threads(workers: int) -> int:
    """Engine threads per local worker process: the machine's CPUs shared out (Dask starts
    its workers with OMP_NUM_THREADS=1, and N engines each taking every core would thrash)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, (cpus or 1) // max(1, workers))


def _require_dask() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError("--workers and --scheduler need Dask; install it with "
                          "pip install 'locpipe[cluster]'") from exc
    return distributed


def _on_worker(fn: Callable, shard: Any, settings: Any, incremental: bool, token: str,
               registry: dict[str, str]) -> Any:
    """Runs on a worker: the client's engine registry (engines registered at run time, e.g.
    by a plug-in) and this run's cached resources, then the shard."""
    from locpipe import engines

    engines.ENGINES.update(registry)
    if token not in _RESOURCES:
        from locpipe.context import initialize

        _RESOURCES.clear()  # one run at a time per worker: drop the last run's glossary
        _RESOURCES[token] = initialize(settings)  # kept for the run's next shard here
    return fn(shard, settings, incremental=incremental, keep=False,
              resources=_RESOURCES[token])


def _results(distributed: Any, futures: list) -> Iterator[Any]:
    try:
        for future in distributed.as_completed(futures):
            yield future.result()
    finally:
        for future in futures:
            future.release()


class DaskExecutor:
    """Runs shards on the cluster a `distributed.Client` is connected to."""

    def __init__(self, client: Any, stack: contextlib.ExitStack | None = None) -> None:
        self.client = client
        self._stack = stack or contextlib.ExitStack()

    def close(self) -> None:
        """Disconnect (and stop the LocalCluster this executor started)."""
        self._stack.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    def __call__(self, fn: Callable, shards: list, settings: Any, incremental: bool
                 ) -> Iterator[Any]:
        """Submit every shard now (the workers start at once, while the caller does its own
        bookkeeping), then yield each shard's result as it completes (completion order)."""
        distributed = _require_dask()
        from locpipe import engines

        token = uuid.uuid4().hex
        registry = dict(engines.ENGINES)
        futures = [self.client.submit(_on_worker, fn, shard, settings, incremental, token,
                                      registry, key=f"locpipe-shard-{shard.number}-{token}",
                                      retries=RETRIES, pure=False)
                   for shard in shards]
        return _results(distributed, futures)


def start_fork_server() -> None:
    """Start the fork server now, importing `PRELOAD`, before this process imports the
    pipeline and Dask and starts the scheduler: its imports (~0.8 s of CPU) then run on
    another core at the same time instead of after them (the CLI calls it first thing for
    --workers). Dask's `get_mp_context` uses this same server (one per process; a server
    already running keeps what it has, and the preload list set here replaces Dask's)."""
    if START_METHOD != "forkserver" or importlib.util.find_spec("distributed") is None:
        return
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(list(PRELOAD))
    forkserver.ensure_running()


def connect(workers: int = 0, scheduler: str = "") -> DaskExecutor:
    """An executor on `workers` local worker processes, or on the cluster at `scheduler`;
    `close()` it when done (it stops a LocalCluster it started)."""
    if workers and scheduler:
        raise ConfigError("give --workers (a cluster on this machine) or --scheduler (an "
                          "existing cluster), not both")
    if not scheduler and workers < 1:
        raise ConfigError(f"--workers {workers} is not allowed; give a whole number from 1")
    if scheduler and not scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        raise ConfigError(f"--scheduler '{scheduler}' is not a scheduler address; give "
                          "tcp://HOST:PORT (what 'dask scheduler' prints)")
    if not scheduler:
        start_fork_server()
    distributed = _require_dask()
    import dask

    stack = contextlib.ExitStack()
    try:
        stack.enter_context(dask.config.set({"logging.distributed": "error",
                                             **({} if scheduler else LOCAL_WORKER_CONFIG)}))
        if scheduler:
            try:
                client = stack.enter_context(distributed.Client(scheduler, timeout="10s"))
            except (OSError, TimeoutError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ("
                                  f"{' '.join(str(exc).split())[:120]}); start it with 'dask "
                                  "scheduler' or check the address") from exc
        else:
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=workers, processes=True, threads_per_worker=1,
                dashboard_address=None, silence_logs=50))
            client = stack.enter_context(distributed.Client(cluster))
    except BaseException:
        stack.close()
        raise
    return DaskExecutor(client, stack)
