"""What every stage is given: the run's Settings and, per target language, a Context; and the
stage contract: each stage declares what it reads on a unit and what it fills in, so the
pipeline can check its order once, when it is built (spaCy's components do the same)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from locpipe import languages
from locpipe.document import Unit
from locpipe.engines import DEFAULT_ENGINE, Engine, EngineOptions, load_engine

Stage = Callable[[list[Unit], "Context"], None]
S = TypeVar("S", bound=Callable)

# What a Unit holds before any stage runs.
UNIT_START = ("segment", "lang", "origin")


class StageOrderError(Exception):
    """A stage list whose order cannot work: a bug in the code, not a user error."""


def stage(*, requires: Sequence[str] = (), assigns: Sequence[str] = ()) -> Callable[[S], S]:
    """Declare what a stage requires on each unit (fields an earlier stage assigned, or
    UNIT_START) and what it assigns: Unit attributes ("engine_input", "output", "target",
    "origin", "findings") and stage states ("terms", "numbers", "language")."""
    def mark(fn: S) -> S:
        fn.requires = tuple(requires)  # type: ignore[attr-defined]
        fn.assigns = tuple(assigns)  # type: ignore[attr-defined]
        return fn
    return mark


def stage_name(fn: Callable) -> str:
    return f"{fn.__module__.rpartition('.')[2]}.{fn.__name__}"


def check_order(stages: Sequence[Callable]) -> list[Callable]:
    """The stages, once checked: every stage declares its contract, and everything it
    requires is assigned by a stage before it (or is there from the start)."""
    have = set(UNIT_START)
    for i, fn in enumerate(stages):
        if not hasattr(fn, "requires"):
            raise StageOrderError(f"stage '{stage_name(fn)}' declares no contract; decorate it "
                                  "with @stage(requires=..., assigns=...)")
        missing = [f for f in fn.requires if f not in have]
        if missing:
            before = ", ".join(stage_name(s) for s in stages[:i]) or "none"
            raise StageOrderError(f"stage '{stage_name(fn)}' requires '{missing[0]}', which no "
                                  f"stage before it assigns (stages before it: {before})")
        have.update(fn.assigns)
    return list(stages)


@dataclass
class Settings:
    """Everything a run is configured with (CLI options end up here)."""

    targets: list[str]
    engine: str = DEFAULT_ENGINE
    engine_options: EngineOptions = field(default_factory=EngineOptions)
    out_dir: Path = Path("output")
    encoding: str = "utf-8"
    source_lang: str = "en"
    force: bool = False  # translate even when the article is not in source_lang
    memory_dir: Path = Path("memory")
    glossary_dirs: list[Path] = field(default_factory=list)  # empty: ./glossary if present
    locales: dict[str, str] = field(default_factory=languages.default_locales)
    digits: str = "latn"  # latn | arab (the locale's native digits, CLDR numbering system)
    date_order: str = "mdy"  # how to read ambiguous source dates like 03/04/2024
    arabic_quotes: str = "«»"  # «» or ”“ (opening, closing) in Arabic pages


@dataclass
class Context:
    """What a stage sees for one target language. The engine is loaded on first use."""

    lang: str
    settings: Settings
    resources: dict[str, Any] = field(default_factory=dict)
    on_progress: Callable[[str, int], None] | None = None
    _engine: Engine | None = None

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = load_engine(self.settings.engine, self.settings.source_lang,
                                       self.lang, self.settings.engine_options)
        return self._engine

    def progress(self, event: str, count: int) -> None:
        if self.on_progress:
            self.on_progress(event, count)
