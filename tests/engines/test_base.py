"""The declared engine contract (issue 25 §1): every capability has a default, engines written
before the contract get them, engines declare their own options, the aligned re-translation is
a step within the retry budget, and nothing outside engines/ probes an engine."""

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

import locpipe.engines
from locpipe.cli import app
from locpipe.context import RetryBudget
from locpipe.engines import EngineOptions, load_engine
from locpipe.engines.base import CHUNK, Engine, Option, contract, declared, realign
from locpipe.errors import ConfigError

runner = CliRunner()
PACKAGE = Path(locpipe.engines.__file__).resolve().parents[1]
CAPABILITIES = {"translate_nbest", "translate_aligned", "markup_path", "decode_cost",
                "retry_budget", "chunk_size", "pairs", "require_pair", "model_id_for",
                "realign_lost", "pseudo", "model_id", "source", "target", "nbest", "aligns"}


class Bare(Engine):
    """FAKE: the least an engine is, a translate method (reverses each text)."""

    name = "bare"

    def __init__(self, source="en", target="fr", options=None):
        self.source, self.target = source, target

    def translate(self, texts):
        return [t[::-1] for t in texts]


def test_an_engine_with_translate_only_has_every_default():
    engine = Bare()
    assert engine.translate_nbest(["Aid reached Homs.", "Rain."], 4) == [
        [".smoH dehcaer diA"], [".niaR"]]  # lists of one
    assert (engine.nbest, engine.aligns, engine.pseudo) == (False, False, False)
    assert (engine.cost_unit, engine.decode_cost("Twelve trucks.")) == ("characters", 14)
    assert engine.markup_path("<1>Homs</1>") is None and engine.translate_aligned(["x"]) == []
    assert (Bare.pairs(), Bare.model_id_for("en", "fr"), engine.chunk_size) == (None, None, CHUNK)
    Bare.require_pair("en", "xh")  # any pair
    assert Bare.unload() is None  # keeps nothing loaded
    assert engine.retry_budget is None


class OldStyle:
    """FAKE written before the contract: n-best lists and a token price, no base class."""

    name = "old"

    def __init__(self, source="en", target="fr", options=None):
        self.source, self.target = source, target
        self.asked: list[int] = []

    def translate(self, texts):
        return [t.upper() for t in texts]

    def translate_nbest(self, texts, n):
        self.asked.append(n)
        return [[t.upper() + "!" * k for k in range(n)] for t in texts]

    def decode_cost(self, text):
        return 3 * len(text.split())


def test_an_engine_without_the_base_class_keeps_its_own_and_takes_the_defaults():
    engine = OldStyle()
    assert contract(engine) is engine  # the same object: its state stays readable
    assert isinstance(engine, Engine) and isinstance(engine, OldStyle)
    assert (engine.nbest, engine.cost_unit, engine.decode_cost("a b c")) == (True, "tokens", 9)
    assert engine.translate_nbest(["ok"], 2) == [["OK", "OK!"]] and engine.asked == [2]
    assert engine.markup_path("x") is None and engine.pseudo is False
    assert declared(OldStyle) is declared(OldStyle)  # one derived class, cached


def test_a_pair_list_refuses_what_it_lacks_in_one_line():
    class TwoPairs(Bare):
        name = "two"

        @classmethod
        def pairs(cls):
            return [("en", "fr"), ("en", "ar")]

    TwoPairs.require_pair("en", "ar")
    with pytest.raises(ConfigError) as err:
        TwoPairs.require_pair("en", "de")
    assert str(err.value) == ("the two engine cannot translate en→de; it can translate: "
                              "en→ar, en→fr")


class Aligning(Bare):
    """FAKE: loses the tags of texts with "<", re-places them when asked."""

    name = "aligning"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.paths: dict[str, str] = {}
        self.aligned_calls: list[list[str]] = []

    def translate(self, texts):
        self.paths.update((t, "lost" if "<" in t else "none") for t in texts)
        return [t.replace("<1>", "").replace("</1>", "") for t in texts]

    def markup_path(self, text):
        return self.paths.get(text)

    def translate_aligned(self, texts):
        self.aligned_calls.append(list(texts))
        self.paths.update((t, "aligned") for t in texts)
        return list(texts)


def test_realign_asks_the_engine_once_for_what_the_budget_grants():
    engine = Aligning()
    texts = ["Aid reached <1>Homs</1>.", "No tags here.", "The <1>UN</1> said so, at length."]
    engine.translate(texts)
    budget = RetryBudget(0.0)
    budget.allowed = 30  # characters the retries may decode
    fixed = realign(engine, texts, budget.grant)
    assert fixed == {texts[0]: texts[0]}  # 24 characters fit, the next 33 do not
    assert engine.aligned_calls == [[texts[0]]]
    assert (budget.retried, budget.refused) == ({"markup": 1}, {"markup": 1})
    assert [engine.markup_path(t) for t in texts] == ["aligned", "none", "lost"]


def test_realign_leaves_an_engine_that_cannot_align_alone():
    assert realign(Bare(), ["<1>x</1>"]) == {}


def test_the_translate_stage_runs_the_aligned_step_after_the_first_pass():
    from locpipe.context import Context, Settings
    from locpipe.document import Segment, Unit
    from locpipe.stages.translate import translate_units

    engine = Aligning("en", "fr")
    ctx = Context("fr", Settings(targets=["fr"], engine="pseudo"), _engine=engine)
    units = []
    for i, text in enumerate(["Crews reached <1>Hama</1> at dawn.", "Rain fell all night."]):
        u = Unit(Segment(f"a:{i}", 0, i, "paragraph", text), "fr")
        u.engine_input = text
        units.append(u)
    translate_units(units, ctx)
    assert [u.output for u in units] == ["Crews reached <1>Hama</1> at dawn.",
                                         "Rain fell all night."]
    assert engine.aligned_calls == [["Crews reached <1>Hama</1> at dawn."]]


def test_an_option_parses_and_refuses_in_one_line():
    opt = Option("timeout", float, 30.0, "seconds per request", 0.1, 600)
    assert opt.parse("llm", "2.5") == 2.5
    with pytest.raises(ConfigError) as err:
        opt.parse("llm", "forever")
    assert str(err.value) == ("--engine-option timeout=forever is not allowed for the llm "
                              "engine; give a number from 0.1 to 600 (seconds per request)")


def test_unknown_engine_option_is_one_line_exit_2_nothing_written(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Trucks reach Idlib\n\nTwelve tankers arrived.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--to", "fr",
                                 "--out", str(tmp_path / "out"), "--engine-option", "beam=5"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: the pseudo engine has no option 'beam'; its options: none\n")
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--to", "fr",
                                 "--out", str(tmp_path / "out"), "--engine-option", "beam"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: --engine-option beam is not NAME=VALUE; write it as e.g. --engine-option "
           "url=http://127.0.0.1:8080/v1\n")
    assert not (tmp_path / "out").exists()


def test_load_engine_checks_the_engines_own_options_first():
    with pytest.raises(ConfigError, match="^the pseudo engine has no option 'url'"):
        load_engine("pseudo", "en", "fr", EngineOptions(extra={"url": "http://x"}))


def test_help_lists_every_engine():
    result = runner.invoke(app, ["translate", "--help"], terminal_width=200)
    text = " ".join(result.stdout.replace("│", " ").split())
    for name in locpipe.engines.ENGINES:
        assert f"{name}" in text
    assert "--engine-option" in text
    assert "argos (uses --threads, --workers-per-model, --batch-tokens" in text
    assert ("llm (options: url, model, batch, concurrency, timeout, retries, backoff, "
            "temperature, max_tokens): a local OpenAI-compatible chat server") in text


def _probes(path: Path) -> list[str]:
    """getattr/hasattr calls in `path` that ask an object for an engine capability."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("getattr",
                                                                             "hasattr"):
            target = ast.unparse(node.args[0]) if node.args else ""
            name = node.args[1].value if len(node.args) > 1 and isinstance(
                node.args[1], ast.Constant) else ""
            if "engine" in target.lower() or (name in CAPABILITIES
                                              and "settings" not in target):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: "
                             f"{ast.unparse(node)}")
    return found


def test_no_engine_is_probed_outside_engines():
    probes = [p for path in sorted(PACKAGE.rglob("*.py"))
              if "engines" not in path.relative_to(PACKAGE).parts[:1]
              for p in _probes(path)]
    assert probes == []


def test_the_translate_stage_tells_the_engine_the_glossary_forms():
    from locpipe.context import Context, Settings
    from locpipe.document import Segment, Unit
    from locpipe.rules.terms import Span, TermState
    from locpipe.stages.translate import translate_units

    class Told(Bare):
        told: dict = {}

        def use_terms(self, terms):
            self.told = terms

    engine = Told()
    ctx = Context("fr", Settings(targets=["fr"], engine="pseudo"), _engine=engine)
    text = "<t1/> visited Homs."
    u = Unit(Segment("a:0", 0, 0, "paragraph", text), "fr")
    u.engine_input = text
    u.put(TermState(spans={1: Span("Bachar al-Assad", "Bashar al-Assad")}))
    translate_units([u], ctx)
    assert engine.told == {text: [("<t1/> (Bashar al-Assad)", "Bachar al-Assad")]}
    assert Bare().use_terms({text: []}) is None  # the default: an engine not told anything


class LeakyAligning(Engine):
    """FAKE: answers pseudo-Arabic that drops every tag; re-places them when asked alone."""

    name = "leaky"

    def __init__(self, source="en", target="ar", options=None):
        from locpipe.engines.pseudo import PseudoEngine

        self.source, self.target = source, target
        self.inner = PseudoEngine(source, target)
        self.paths: dict[str, str] = {}
        self.aligned: list[list[str]] = []

    def translate(self, texts):
        import re

        self.paths.update((t, "lost" if "<" in t else "none") for t in texts)
        return self.inner.translate([re.sub(r"</?\d+>", "", t) for t in texts])

    def markup_path(self, text):
        return self.paths.get(text)

    def translate_aligned(self, texts):
        self.aligned.append(list(texts))
        self.paths.update((t, "aligned") for t in texts)
        return self.inner.translate(texts)


def test_the_language_retry_puts_lost_tags_back_through_the_aligned_step():
    from locpipe.context import Context, Settings
    from locpipe.document import Segment, Unit
    from locpipe.stages import detect

    engine = LeakyAligning()
    ctx = Context("ar", Settings(targets=["ar"]), _engine=engine)
    text = "The army said on <1>Tuesday</1>, after a night of heavy shelling, that it won."
    u = Unit(Segment("a:0.0", 0, 0, "paragraph", text), "ar")
    u.engine_input, u.output = text, text  # the first pass left it in English
    detect.check_output([u], ctx)
    assert engine.aligned and all("<1>" in t or "</1>" in t for t in engine.aligned[0])
    assert u.output.count("<1>") == 1 and u.output.count("</1>") == 1
    assert ctx.budget.retried.get("markup", 0) >= 1
