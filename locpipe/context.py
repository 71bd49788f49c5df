"""What every stage is given: the run's Settings and, per target language, a Context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from locpipe import languages
from locpipe.document import Unit
from locpipe.engines import DEFAULT_ENGINE, Engine, EngineOptions, load_engine

Stage = Callable[[list[Unit], "Context"], None]


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
