"""Translation engines, registered by name and imported only when used.

An engine translates a batch of strings for one (source, target) pair. Which pairs it can do is
its own business: an engine class may define `pairs()` (the pairs it can translate now, e.g. the
installed Argos packages) and `require_pair(source, target)` (raise a one-line error saying how
to get a missing pair); an engine without `pairs()` translates any pair (the pseudo engine).
Importing this package is cheap: `locpipe --help` never loads ctranslate2.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Protocol

from locpipe.errors import ConfigError
from locpipe.languages import known

ENGINES = {
    "argos": "locpipe.engines.argos:ArgosEngine",
    "pseudo": "locpipe.engines.pseudo:PseudoEngine",
}
DEFAULT_ENGINE = "argos"


@dataclass
class EngineOptions:
    """Settings an engine may use; each engine ignores what does not apply to it."""

    threads: int = 0  # 0 = engine default
    beam_size: int = 4
    length_penalty: float = 0.2
    max_length_ratio: float = 2.0
    extra: dict = field(default_factory=dict)


class Engine(Protocol):
    """The contract: a batch of strings in, a batch of strings out, same length and order."""

    name: str
    model_id: str
    pseudo: bool
    source: str
    target: str

    def translate(self, texts: list[str]) -> list[str]: ...


Pair = tuple[str, str]  # (source, target) language codes

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def is_language_code(code: str) -> bool:
    """Whether `code` is a plain ISO 639 language code that CLDR knows ("es", "fil"): what
    engines translate between. Regions and scripts ("pt-BR") are locales, not targets; "und"
    is no language."""
    return bool(_LANGUAGE_CODE.fullmatch(code)) and code != "und" and known(code)


def engine_class(name: str) -> type:
    """The class registered as `name` (its module is imported now, not before)."""
    if name not in ENGINES:
        raise ConfigError(f"unknown engine '{name}'; available: {', '.join(sorted(ENGINES))}")
    module, cls = ENGINES[name].split(":")
    return getattr(importlib.import_module(module), cls)


def available_pairs(name: str) -> list[Pair] | None:
    """The (source, target) pairs engine `name` can translate now, sorted; None: any pair."""
    pairs = getattr(engine_class(name), "pairs", None)
    return None if pairs is None else sorted(set(pairs()))


def require_pair(name: str, source: str, target: str) -> None:
    """Raise a one-line error (what is missing, how to get it) unless engine `name` can
    translate source->target."""
    cls = engine_class(name)
    if hasattr(cls, "require_pair"):
        cls.require_pair(source, target)
        return
    pairs = available_pairs(name)
    if pairs is not None and (source, target) not in pairs:
        have = ", ".join(f"{a}→{b}" for a, b in pairs) or "none"
        raise ConfigError(f"the {name} engine cannot translate {source}→{target}; it can "
                          f"translate: {have}")


def load_engine(name: str, source: str, target: str, options: EngineOptions | None = None
                ) -> Engine:
    """Create the engine `name` for source->target."""
    return engine_class(name)(source, target, options or EngineOptions())
