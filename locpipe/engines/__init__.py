"""Translation engines, registered by name and imported only when used.

An engine translates a batch of strings for one (source, target) pair. Importing this package
is cheap: `locpipe --help` never loads ctranslate2.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Protocol

from locpipe.errors import ConfigError

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


def load_engine(name: str, source: str, target: str, options: EngineOptions | None = None
                ) -> Engine:
    """Create the engine `name` for source->target."""
    if name not in ENGINES:
        raise ConfigError(f"unknown engine '{name}'; available: {', '.join(sorted(ENGINES))}")
    module, cls = ENGINES[name].split(":")
    engine_cls = getattr(importlib.import_module(module), cls)
    return engine_cls(source, target, options or EngineOptions())
