"""Translation engines, registered by name and imported only when used.

An engine translates a batch of strings for one (source, target) pair; what else it can do is
declared in `locpipe.engines.base` (the contract, every capability with its default). Which
pairs it can do is its own business (`pairs()`, `require_pair`). Importing this package is
cheap: `locpipe --help` never loads ctranslate2.
"""

from __future__ import annotations

import functools
import importlib
import math
import os
import re
from dataclasses import dataclass, field

from locpipe.engines.base import Engine, Pair, contract, declared
from locpipe.errors import ConfigError
from locpipe.languages import known

__all__ = ["Engine", "EngineOptions", "Pair", "contract", "engine_class", "load_engine"]

ENGINES = {
    "argos": "locpipe.engines.argos:ArgosEngine",
    "llm": "locpipe.engines.llm:LLMEngine",
    "pseudo": "locpipe.engines.pseudo:PseudoEngine",
}
DEFAULT_ENGINE = "argos"
# CTranslate2 models installed from a directory are engines too, under their names
INSTALLED_MODELS = "locpipe.engines.ct2"


@dataclass
class EngineOptions:
    """Settings an engine may use; each engine ignores what does not apply to it."""

    threads: int = 0  # CPU threads in all; 0 = every core (see thread_layout)
    workers: int = 0  # translations run in parallel per model (inter_threads); 0 = auto
    max_batch_tokens: int = 0  # tokens per sub-batch; 0 = the engine's measured default
    max_batch_inputs: int = 0  # inputs per translate call; 0 = the engine's measured default
    beam_size: int = 4
    length_penalty: float = 0.2
    max_length_ratio: float = 2.0
    extra: dict = field(default_factory=dict)
    device: str = "auto"  # auto | cpu | cuda (engines that run on a GPU: argos)

    def __post_init__(self) -> None:
        """Refuse a value no engine can use, with one line naming the option and its range
        (CTranslate2 crashes on a negative or huge thread count, hangs on 1000 threads on a
        small machine, and silently accepts a beam of 0 or a NaN penalty)."""
        check_option("--threads", self.threads, 0, max_threads(), integer=True,
                     hint=f"0 lets the engine choose; this machine has "
                          f"{os.cpu_count() or 'an unknown number of'} CPUs")
        check_option("--beam-size", self.beam_size, 1, MAX_BEAM, integer=True,
                     hint="argos uses 4")
        check_option("--length-penalty", self.length_penalty, -MAX_LENGTH_PENALTY,
                     MAX_LENGTH_PENALTY, hint="argos uses 0.2")
        check_option("max_length_ratio", self.max_length_ratio, 0.1, MAX_LENGTH_RATIO,
                     hint="how many times longer than its input an output may grow; default 2")
        check_option("--workers-per-model", self.workers, 0, max_threads(), integer=True,
                     hint="0 chooses from the CPU count; each worker is one translation "
                          "running in parallel")
        check_option("--batch-tokens", self.max_batch_tokens, 0, MAX_BATCH_TOKENS, integer=True,
                     hint="0 uses the measured default")
        check_option("--batch-inputs", self.max_batch_inputs, 0, MAX_BATCH_INPUTS, integer=True,
                     hint="0 uses the measured default")
        if self.workers and self.threads and self.workers > self.threads:
            raise ConfigError(f"--workers-per-model {self.workers} is more than --threads "
                              f"{self.threads}; each worker needs at least one thread")
        if self.device not in DEVICES:
            raise ConfigError(f"--device {self.device} is not allowed; give one of: "
                              f"{', '.join(DEVICES)}")
        if "max_batch_tokens" in self.extra:
            check_option("max_batch_tokens", self.extra["max_batch_tokens"], 1, 1_000_000,
                         integer=True)


MAX_BATCH_TOKENS = 65_536  # a sub-batch this large already takes GBs of decoder cache at beam 4
MAX_BATCH_INPUTS = 100_000
MAX_AUTO_WORKERS = 4  # more parallel translations than this only multiply memory


def thread_layout(threads: int = 0, workers: int = 0, cpus: int | None = None
                  ) -> tuple[int, int]:
    """(workers, threads per worker) = CTranslate2's (inter_threads, intra_threads).

    `threads` is the total (0: every CPU), `workers` the parallel translations (0: auto).
    On 2 CPUs, 2 workers x 1 thread translated the 20-article benchmark 1.54x faster than
    1 x 2 (30.1 s vs 46.3 s, best of 3 on a quiet machine; raw translate_batch 1.48x), for
    ~330 MB more peak RSS (benchmarks/engine_limit.py --part layout) — a decoder step over a
    beam-4 sub-batch is too small to split over threads, while two sub-batches keep two cores
    busy. Above
    MAX_AUTO_WORKERS workers the remaining CPUs go to threads within each worker (each worker
    holds its own decoder state, so memory grows with workers, not with threads)."""
    total = threads or cpus or os.cpu_count() or 1
    count = workers or max(1, min(total, MAX_AUTO_WORKERS))
    return count, max(1, total // count)


def release_memory() -> None:
    """Give freed heap pages back to the operating system (glibc's `malloc_trim`; nothing
    elsewhere). CTranslate2 frees its beams after each call, but glibc keeps the pages, and
    fragmented, so a long run's peak crept up shard after shard (random-weight Argos package:
    965 MB for 10 articles, 1,191 MB for 50); trimmed after each language of a shard, RSS
    falls back to ~220 MB between shards and the 50-article peak is 1,093 MB."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    """glibc's malloc_trim, or None. Looked up once: ctypes.util.find_library runs
    `ldconfig -p` in a child process on every call (1.3 ms of CPU, twice a shard)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return None


DEVICES = ("auto", "cpu", "cuda")  # auto: a CUDA GPU when one is visible, else the CPU
MAX_BEAM = 16  # wider beams cost linearly more and do not improve NMT output (Koehn & Knowles)
MAX_LENGTH_PENALTY = 5.0
MAX_LENGTH_RATIO = 10.0
THREADS_PER_CPU = 4


def max_threads() -> int:
    """The most engine threads this machine is allowed: 4 per CPU (more only thrash; on a
    2-CPU machine CTranslate2 hangs at 1000 and crashes at 100,000)."""
    return (os.cpu_count() or 16) * THREADS_PER_CPU


def check_option(name: str, value: object, low: float, high: float, integer: bool = False,
                 hint: str = "") -> None:
    """Raise a one-line ConfigError unless `value` is a finite number in [low, high] (a whole
    number when `integer`)."""
    kind = "a whole number" if integer else "a number"
    ok = (isinstance(value, int | float) and not isinstance(value, bool)
          and math.isfinite(value) and (not integer or float(value).is_integer())
          and low <= value <= high)
    if not ok:
        shown = f"{value:g}" if isinstance(value, float) else repr(value) if isinstance(
            value, str) else str(value)
        bounds = f"{low:g} to {high:g}"
        raise ConfigError(f"{name} {shown} is not allowed; give {kind} from {bounds}"
                          + (f" ({hint})" if hint else ""))


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def is_language_code(code: str) -> bool:
    """Whether `code` is a plain ISO 639 language code that CLDR knows ("es", "fil"): what
    engines translate between. Regions and scripts ("pt-BR") are locales, not targets; "und"
    is no language."""
    return bool(_LANGUAGE_CODE.fullmatch(code)) and code != "und" and known(code)


def engine_class(name: str) -> type[Engine]:
    """The class registered as `name` (its module is imported now, not before), under the
    contract (`base.declared`). A name not registered is looked up among the CTranslate2
    models installed with `models install --from-dir` (OPUS-MT, NLLB-200, M2M-100)."""
    if name not in ENGINES:
        installed = importlib.import_module(INSTALLED_MODELS)  # by name: no import cycle
        found = installed.engine_for(name)
        if found is not None:
            return found
        models = installed.installed_names()
        raise ConfigError(f"unknown engine '{name}'; available: {', '.join(sorted(ENGINES))}"
                          + (f"; installed models: {', '.join(models)}" if models else ""))
    module, cls = ENGINES[name].split(":")
    return declared(getattr(importlib.import_module(module), cls))


def available_pairs(name: str) -> list[Pair] | None:
    """The (source, target) pairs engine `name` can translate now, sorted; None: any pair."""
    pairs = engine_class(name).pairs()
    return None if pairs is None else sorted(set(pairs))


def require_pair(name: str, source: str, target: str) -> None:
    """Raise a one-line error (what is missing, how to get it) unless engine `name` can
    translate source->target."""
    engine_class(name).require_pair(source, target)


def load_engine(name: str, source: str, target: str, options: EngineOptions | None = None
                ) -> Engine:
    """Create the engine `name` for source->target; its own settings (`options.extra`) are
    checked first (one-line errors)."""
    cls = engine_class(name)
    options = options or EngineOptions()
    cls.check_settings(options.extra)
    return contract(cls(source, target, options))


def model_id(name: str, source: str, target: str, options: EngineOptions | None = None) -> str:
    """The id of the model engine `name` would use for source->target, without loading it
    when the engine class can tell (`model_id_for`); incremental runs compare it."""
    known_id = engine_class(name).model_id_for(source, target)
    if known_id is not None:
        return known_id
    return load_engine(name, source, target, options).model_id


def describe(engine: Engine) -> str:
    """The engine as a reader can name it: "Argos en→fr 1.9" (name, pair, and the model's
    version when its id is the usual `name-source-target-version`)."""
    engine = contract(engine)
    source, target = engine.source, engine.target
    label = f"{engine.name[:1].upper()}{engine.name[1:]} {source}→{target}"
    stem = f"{engine.name}-{source}-{target}"
    model = str(engine.model_id or "")
    if model.startswith(stem + "-"):
        return f"{label} {model[len(stem) + 1:]}"
    return label if model in ("", stem) else f"{label} ({model})"


def check_settings(name: str, extra: dict) -> dict:
    """Engine `name`'s own settings from `--engine-option NAME=VALUE`, checked (one-line
    errors: unknown engine, unknown option, bad value) before anything is loaded."""
    return engine_class(name).check_settings(extra)


def engines_help() -> str:
    """Every registered engine with its own options, for --help."""
    return ("; ".join(engine_class(name).help_line() for name in sorted(ENGINES))
            + "; or the name of a model installed with 'locpipe models install --from-dir' "
              "(see 'locpipe models list'; it uses the same options as argos)")
