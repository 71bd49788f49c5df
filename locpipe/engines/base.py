"""The engine contract, declared: every capability an engine may have, with its default.

An engine translates a batch of strings for one (source, target) pair: `translate(texts)`
returns as many strings, in order. Everything else the pipeline asks of an engine is declared
here with what an engine that does not provide it gives, so no caller probes an engine:

- `translate_nbest(texts, n)`: the n best hypotheses per text, best first. Default: lists of
  one (`translate`'s output). `nbest` says whether the engine really offers more than one
  (derived from whether the class overrides `translate_nbest`): a stage that would decode
  again only to re-rank asks only when it does.
- `translate_aligned(texts)`: the texts translated again without their tags and placeholders,
  and each put back where the engine's alignment says (Argos: the attention). `aligns` says
  whether the engine can (derived the same way); default: it cannot, and `translate_aligned`
  gives nothing back. `realign` is the step the translate stage runs after its first pass:
  the texts whose `markup_path` is "lost", as many as the run's retry budget grants.
- `markup_path(text)`: how the tags of `text` came through ("none", "masked", "aligned",
  "lost"); default None (the engine does not say; callers infer "none" or "masked").
- `decode_cost(text)` and `cost_unit`: what decoding `text` costs the run's retry budget.
  Default: its characters; an engine that counts tokens overrides `decode_cost` (and its
  `cost_unit` becomes "tokens").
- `retry_budget`: the run's `RetryBudget`, set by the Context for every engine (None outside a
  run); an engine that counts tokens reports its first-pass decodes to it.
- `chunk_size`: inputs per engine call the translate stage sends (default CHUNK).
- `pairs()`, `require_pair(source, target)`, `model_id_for(source, target)` (class methods):
  which pairs it can translate now (None: any), a one-line error unless it can translate a
  pair, and the model id it would use without loading the model (None: load it to know).
- `use_terms(terms)`: the glossary's agreed forms for the terms of each text about to be
  translated ({text: [(source term or its placeholder, form)]}); default: ignored (an NMT
  model cannot be told; the glossary stages mask and restore the terms around it).
- `unload()` (class method): free the models the engine class keeps loaded in this process
  (default: nothing is kept).
- `OPTIONS`: the engine's own settings (`Option`), validated with one-line errors before a
  model is loaded (`check_settings`) and listed in `locpipe translate --help`; `FLAGS`: the
  shared command-line options (`EngineOptions`: --threads, --beam-size…) it reads, listed too.
- `name`, `model_id`, `pseudo` (its pages are no translation), `source`, `target`, `summary`
  (one line for `--help`), `endpoint` (where the engine sends text, "" for a local model).

Engines written before the contract (a class with `translate` and some of the above) are
given the defaults by `declared(cls)`: a subclass of theirs and `Engine`, so what they define
wins and what they lack comes from here. Adding an engine = one module in `engines/`
subclassing `Engine`, its line in `ENGINES`, and its tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from locpipe.errors import ConfigError

if TYPE_CHECKING:
    from collections.abc import Callable

CHUNK = 128  # distinct segments per engine call, for engines that do not say
Pair = tuple[str, str]  # (source, target) language codes


@dataclass(frozen=True)
class Option:
    """One setting of one engine: `--engine-option NAME=VALUE` (or the `engine-option` list
    in locpipe.toml). `kind` is int, float or str; numbers are checked against [low, high],
    strings against `choices` when given."""

    name: str
    kind: type
    default: Any
    help: str
    low: float = -math.inf
    high: float = math.inf
    choices: tuple[str, ...] = ()

    def parse(self, engine: str, value: Any) -> Any:
        """`value` (a string from the command line, or a TOML value) as this option's type,
        or a one-line ConfigError naming the engine, the option and what it takes."""
        where = f"--engine-option {self.name}"
        if self.kind is str:
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where} for the {engine} engine needs a value ({self.help})")
            if self.choices and value not in self.choices:
                raise ConfigError(f"{where}={value} is not allowed for the {engine} engine; "
                                  f"give one of: {', '.join(self.choices)}")
            return value
        number = value
        if isinstance(value, str):
            try:
                number = self.kind(value.strip())
            except ValueError:
                number = None
        whole = self.kind is int
        ok = (isinstance(number, int | float) and not isinstance(number, bool)
              and math.isfinite(number) and (not whole or float(number).is_integer())
              and self.low <= number <= self.high)
        if not ok:
            kind = "a whole number" if whole else "a number"
            raise ConfigError(f"{where}={value} is not allowed for the {engine} engine; give "
                              f"{kind} from {self.low:g} to {self.high:g} ({self.help})")
        return self.kind(number)


def parse_engine_options(values: list[str]) -> dict[str, str]:
    """`--engine-option url=http://127.0.0.1:8080/v1` (repeatable) -> {name: value}."""
    out: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"--engine-option {value} is not NAME=VALUE; write it as e.g. "
                              "--engine-option url=http://127.0.0.1:8080/v1")
        out[name.strip().replace("-", "_")] = text.strip()
    return out


class Engine:
    """The contract (see the module docstring). Subclasses set `name` and implement
    `translate`; every other capability has its default here."""

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    OPTIONS: ClassVar[tuple[Option, ...]] = ()
    FLAGS: ClassVar[tuple[str, ...]] = ()
    pseudo: bool = False
    model_id: str = ""
    source: str = "?"
    target: str = "?"
    endpoint: str = ""
    chunk_size: int = CHUNK
    cost_unit: str = "characters"
    retry_budget: Any = None  # the run's RetryBudget (locpipe.context), set by the Context
    nbest: ClassVar[bool] = False  # derived: the class overrides translate_nbest
    aligns: ClassVar[bool] = False  # derived: the class overrides translate_aligned

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = vars(cls)
        if "nbest" not in own:
            cls.nbest = cls.translate_nbest is not Engine.translate_nbest
        if "aligns" not in own:
            cls.aligns = cls.translate_aligned is not Engine.translate_aligned
        if "cost_unit" not in own and cls.decode_cost is not Engine.decode_cost \
                and all(vars(k).get("cost_unit") is None for k in cls.__mro__[1:]
                        if k is not Engine):
            cls.cost_unit = "tokens"

    def translate(self, texts: list[str]) -> list[str]:
        raise NotImplementedError(f"engine {self.name} does not translate")

    def translate_nbest(self, texts: list[str], n: int) -> list[list[str]]:
        return [[out] for out in self.translate(texts)]

    def translate_aligned(self, texts: list[str]) -> list[str]:
        return []

    def markup_path(self, text: str) -> str | None:
        return None

    def use_terms(self, terms: dict[str, list[tuple[str, str]]]) -> None:
        return None

    def decode_cost(self, text: str) -> int:
        return len(text)

    @classmethod
    def pairs(cls) -> list[Pair] | None:
        return None

    @classmethod
    def require_pair(cls, source: str, target: str) -> None:
        pairs = cls.pairs()
        if pairs is not None and (source, target) not in pairs:
            have = ", ".join(f"{a}→{b}" for a, b in sorted(pairs)) or "none"
            raise ConfigError(f"the {cls.name} engine cannot translate {source}→{target}; it "
                              f"can translate: {have}")

    @classmethod
    def model_id_for(cls, source: str, target: str) -> str | None:
        return None

    @classmethod
    def unload(cls) -> None:
        return None

    @classmethod
    def check_settings(cls, extra: dict[str, Any]) -> dict[str, Any]:
        """The engine's own settings from `extra` (`--engine-option`), each checked, the
        others at their defaults; an unknown name is a one-line error listing the known."""
        known = {o.name: o for o in cls.OPTIONS}
        unknown = [k for k in extra if k not in known and k != "max_batch_tokens"]
        if unknown:
            have = ", ".join(known) or "none"
            raise ConfigError(f"the {cls.name} engine has no option '{unknown[0]}'; its "
                              f"options: {have}")
        return {name: (o.parse(cls.name, extra[name]) if name in extra else o.default)
                for name, o in known.items()}

    @classmethod
    def help_line(cls) -> str:
        """`name (options: a, b…): summary` for --help (no square brackets: Rich reads them
        as markup)."""
        said = ([f"options: {', '.join(o.name for o in cls.OPTIONS)}"] if cls.OPTIONS else []) + (
            [f"uses {', '.join(cls.FLAGS)}"] if cls.FLAGS else [])
        opts = f" ({'; '.join(said)})" if said else ""
        return f"{cls.name}{opts}" + (f": {cls.summary}" if cls.summary else "")


_DECLARED: dict[type, type] = {}


def declared(cls: type) -> type[Engine]:
    """`cls` under the contract: itself when it subclasses Engine, else a subclass of it and
    Engine (its own members win; what it lacks takes Engine's default)."""
    if isinstance(cls, type) and issubclass(cls, Engine):
        return cls
    if cls not in _DECLARED:
        _DECLARED[cls] = type(cls.__name__, (cls, Engine),
                              {"__module__": cls.__module__, "__qualname__": cls.__qualname__})
    return _DECLARED[cls]


def contract(engine: object) -> Engine:
    """`engine` under the contract (the same object, its class given Engine's defaults)."""
    if not isinstance(engine, Engine):
        engine.__class__ = declared(type(engine))
    return engine  # type: ignore[return-value]


def realign(engine: Engine, texts: list[str],
            grant: Callable[[str, list[str]], list[int]] | None = None) -> dict[str, str]:
    """The aligned re-translation step: of `texts` (translated already), those whose tags the
    engine lost (`markup_path` "lost") are translated again through `translate_aligned`, as
    many as `grant("markup", lost)` allows (the run's retry budget), in one call;
    {text: translation}. The others keep their output (the markup check flags them)."""
    if not engine.aligns:
        return {}
    lost = list(dict.fromkeys(t for t in texts if engine.markup_path(t) == "lost"))
    if grant is not None and lost:
        lost = [lost[i] for i in grant("markup", lost)]
    if not lost:
        return {}
    outputs = engine.translate_aligned(lost)
    if len(outputs) != len(lost):
        raise RuntimeError(f"engine {engine.name} returned {len(outputs)} aligned texts for "
                           f"{len(lost)} inputs")
    return dict(zip(lost, outputs, strict=True))
