import socket
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.engines import DEFAULT_ENGINE, EngineOptions, install, load_engine
from locpipe.engines import argos as argos_engine
from locpipe.engines import packages as models
from locpipe.engines.argos import ArgosEngine, mask_inline, unmask_inline
from locpipe.engines.base import realign
from locpipe.formats.readers import read_document
from locpipe.markup import INLINE_RE, misnested_tag
from locpipe.rules.alignment import markup_problem
from locpipe.stages.segment import segment_document

runner = CliRunner()
DATA = Path(__file__).parents[1] / "data"
FLOODS = DATA / "qusayr-floods.txt"
BAKERIES = DATA / "aleppo-bakeries.md"


@pytest.fixture
def installed(argos_packages, argos_home):
    for path in argos_packages.values():
        install.install_from_file(path)
    return argos_home


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during a translate run")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


class SpyTranslator:
    """Wraps the real CTranslate2 translator and records every translate_batch call."""

    def __init__(self, real, echo: bool = False):
        self.real, self.echo, self.calls = real, echo, []

    def translate_batch(self, batch, **kwargs):
        self.calls.append((batch, kwargs))
        if self.echo:  # an identity "model": the source tokens come back as the output
            return [type("R", (), {"hypotheses": [list(tokens)]})() for tokens in batch]
        return self.real.translate_batch(batch, **kwargs)


def spy_on(lang: str, echo: bool = False) -> SpyTranslator:
    model = argos_engine.load_model(models.require_package("en", lang), EngineOptions())
    spy = SpyTranslator(model.translator, echo)
    model.translator = spy
    return spy


def test_argos_is_the_default_engine():
    assert DEFAULT_ENGINE == "argos"


def test_translate_end_to_end_offline(installed, no_network, tmp_path):
    result = runner.invoke(app, ["translate", str(FLOODS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert no_network == []
    out = tmp_path / "out" / "qusayr-floods"
    assert sorted(p.name for p in out.iterdir()) == ["ar.fragment.html", "ar.html", "ar.po",
                                                     "fr.fragment.html", "fr.html", "fr.po",
                                                     "index.html", "manifest.json", "report.html"]
    fr = (out / "fr.html").read_text()
    assert "engine:argos|model:argos-en-fr-1.0|lang:fr" in fr
    assert "locpipe-pseudo-translation" not in fr
    assert "fr: argos (argos-en-fr-1.0), ar: argos (argos-en-ar-1.0)" in result.output
    assert "stanza" not in sys.modules and "argostranslate.translate" not in sys.modules


def test_missing_model_names_pair_and_install_command(argos_packages, argos_home, tmp_path):
    install.install_from_file(argos_packages["fr"])
    result = runner.invoke(app, ["translate", str(FLOODS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: no installed Argos model for en→ar; installed: en→fr; install one with "
        "'locpipe models install ar' or use --engine pseudo")
    assert not (tmp_path / "out").exists()


def test_pseudo_engine_still_works_without_models(argos_home, tmp_path):
    result = runner.invoke(app, ["translate", str(FLOODS), "--engine", "pseudo",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_bad_article_among_good_ones(installed, tmp_path):
    folder = tmp_path / "in"
    (folder / "desk").mkdir(parents=True)
    (folder / "qusayr-floods.txt").write_text(FLOODS.read_text())
    (folder / "desk" / "aleppo-bakeries.md").write_text(BAKERIES.read_text())
    bad = folder / "broken.txt"
    bad.write_bytes(b"Shelling resumes\n\nThe \xff\xfe UN said.\n")
    result = runner.invoke(app, ["translate", str(folder), "--to", "fr",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert (tmp_path / "out" / "qusayr-floods" / "fr.html").is_file()
    assert (tmp_path / "out" / "aleppo-bakeries" / "fr.html").is_file()  # desk/ left out
    assert not (tmp_path / "out" / "broken").exists()
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {bad}: is not valid utf-8 (byte 0xff at line 3); save it as UTF-8 or pass "
        "--encoding")
    summary = result.output
    assert "qusayr-floods.txt" in summary and "aleppo-bakeries.md" in summary


def test_one_batch_per_language_with_repeats_sent_once(installed, tmp_path):
    spies = {lang: spy_on(lang) for lang in ("fr", "ar")}
    result = runner.invoke(app, ["translate", str(FLOODS), str(BAKERIES), "--out",
                                 str(tmp_path), "--glossary", str(DATA.parents[1] / "glossary")])
    assert result.exit_code == 0, result.output
    segments = {s.text for path in (FLOODS, BAKERIES)
                for s in segment_document(read_document(path)).segments}
    for spy in spies.values():
        # the first pass is two calls: the segments without glossary terms (1 hypothesis) and
        # those with terms (4 hypotheses, for the glossary's re-ranking); later calls, if any,
        # are retries of a few segments (output left in English, glossary forms written in)
        # (calls with return_attention re-translate outputs that lost a tag: not first pass)
        decodes = [c for c in spy.calls if not c[1].get("return_attention")]
        (plain, kwargs), (terms, kwargs4) = decodes[:2]
        batch = plain + terms
        # the flood sentence repeated in the second article is translated once
        assert len(batch) == len(segments) == len({tuple(tokens) for tokens in batch})
        assert [len(b) for b in plain] == sorted(len(b) for b in plain)  # shortest first
        assert kwargs["beam_size"] == kwargs4["beam_size"] == 4
        assert kwargs["length_penalty"] == 0.2
        assert kwargs["replace_unknowns"] is True and kwargs["batch_type"] == "tokens"
        assert (kwargs["num_hypotheses"], kwargs4["num_hypotheses"]) == (1, 4)
        assert kwargs["max_decoding_length"] <= 256


def test_decoding_options_are_passed(installed):
    spy = spy_on("fr")
    engine = load_engine("argos", "en", "fr",
                         EngineOptions(beam_size=2, length_penalty=1.0, max_length_ratio=1.5,
                                       extra={"max_batch_tokens": 64}))
    engine.translate(["Aid reached Homs.", "Convoys waited for 13 to 15 hours."])
    _, kwargs = spy.calls[-1]
    assert kwargs["beam_size"] == 2 and kwargs["length_penalty"] == 1.0
    assert kwargs["max_batch_size"] == 64
    longest = max(len(b) for b in spy.calls[-1][0])
    assert kwargs["max_decoding_length"] == -(-longest * 3 // 2) + 10


def test_threads_option_reaches_the_model(installed, tmp_path):
    result = runner.invoke(app, ["translate", str(FLOODS), "--to", "fr", "--threads", "1",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = str(models.require_package("en", "fr").path)
    assert (path, 1, 0, "auto") in argos_engine._MODELS
    model = argos_engine._MODELS[(path, 1, 0, "auto")]
    assert (model.workers, model.threads, model.translator.num_translators) == (1, 1, 1)


@pytest.mark.parametrize(("cpus", "threads", "workers", "layout"), [
    (2, 0, 0, (2, 1)), (1, 0, 0, (1, 1)), (8, 0, 0, (4, 2)), (16, 0, 0, (4, 4)),
    (2, 1, 0, (1, 1)), (8, 4, 0, (4, 1)), (8, 0, 2, (2, 4)), (2, 0, 1, (1, 2)),
    (8, 6, 4, (4, 1)),
])
def test_thread_layout_from_the_core_count(cpus, threads, workers, layout):
    from locpipe.engines import thread_layout

    assert thread_layout(threads, workers, cpus) == layout


def test_workers_option_reaches_the_model(installed, tmp_path):
    result = runner.invoke(app, ["translate", str(FLOODS), "--to", "fr", "--threads", "2",
                                 "--workers-per-model", "2", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    model = argos_engine._MODELS[(str(models.require_package("en", "fr").path), 2, 2, "auto")]
    assert (model.workers, model.threads, model.translator.num_translators) == (2, 1, 2)


def test_model_is_loaded_once_and_reused(installed):
    first = ArgosEngine("en", "fr")
    second = ArgosEngine("en", "fr")
    assert first.model is second.model


def test_markup_tags_travel_as_single_unknown_tokens(installed):
    spy = spy_on("fr", echo=True)
    engine = ArgosEngine("en", "fr")
    text = "<1>Hama</1> fell to HTS<t1/> on Monday, <2/> officials told <n1/> AFP."
    assert engine.translate([text, ""]) == [text, ""]
    (tokens,), _ = spy.calls[-1]
    masked = [t for t in tokens if any(ord(c) >= 0xF0000 for c in t)]
    assert len(masked) == 5  # each tag is one token the model can copy back
    assert not any("<" in t for t in tokens)


def test_mask_roundtrip_and_dropped_tags():
    masked, tags = mask_inline("<1>Idlib</1> and <t2/>")
    assert tags == ["<1>", "</1>", "<t2/>"]
    assert "<" not in masked
    assert unmask_inline(masked, tags) == "<1>Idlib</1> and <t2/>"
    # a tag the model dropped stays dropped: restore/QA stages flag it
    assert unmask_inline(masked.replace(chr(0xF0001), ""), tags) == "<1>Idlib and <t2/>"


def test_broken_model_is_one_line_error(argos_packages, argos_home, tmp_path):
    install.install_from_file(argos_packages["fr"])
    package = models.require_package("en", "fr")
    (package.path / "model" / "model.bin").write_bytes(b"broken")
    result = runner.invoke(app, ["translate", str(FLOODS), "--to", "fr",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith(f"Error: {package.path}: the en→fr model cannot be loaded (")
    assert line.endswith("reinstall it with 'locpipe models install fr'")
    assert len(line.splitlines()) == 1


def test_nbest_for_the_glossary_reranker(installed):
    spy = spy_on("fr")
    engine = ArgosEngine("en", "fr")
    hyps = engine.translate_nbest(["Aid reached Homs.", ""], 4)
    assert len(hyps[0]) == 4 and hyps[1] == [""]
    _, kwargs = spy.calls[-1]
    assert kwargs["num_hypotheses"] == 4 and kwargs["beam_size"] == 4


# --- any target: an en→es package from the test builder --------------------------------

@pytest.fixture(scope="module")
def spanish_package(tmp_path_factory) -> Path:
    from locpipe.testing.argos_package import PackageSpec, build_package

    return build_package(tmp_path_factory.mktemp("es-package"),
                         PackageSpec(to_code="es", seed=7))


def test_spanish_package_installs_lists_and_translates(spanish_package, argos_packages,
                                                        argos_home, tmp_path):
    article = tmp_path / "market.txt"
    article.write_text("Prices rise in Deir ez-Zor\nBread cost 4,500 pounds on Tuesday, "
                       "twice last month's price, traders told AFP.\n", encoding="utf-8")
    result = runner.invoke(app, ["models", "install", str(spanish_package),
                                 str(argos_packages["fr"])])
    assert result.exit_code == 0, result.output
    assert "Installed en-es 1.0" in result.output
    listing = runner.invoke(app, ["models", "list"])
    pairs = [line.split("│")[1].strip() for line in listing.output.splitlines()
             if line.startswith("│") and "en-" in line]
    assert pairs == ["en-es", "en-fr"]
    result = runner.invoke(app, ["translate", str(article), "--engine", "argos", "--to", "es",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "market"
    assert sorted(p.name for p in out.iterdir()) == ["es.fragment.html", "es.html", "es.po",
                                                     "index.html",
                                                     "manifest.json", "report.html"]
    page = (out / "es.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in page
    assert "engine:argos|model:argos-en-es-1.0|lang:es" in page
    assert "Engine — es: argos (argos-en-es-1.0)" in result.output


# --- markup that survives any model: the alignment path -----------------------------------

class DroppingTranslator:
    """A fake CTranslate2 translator: without attention it echoes the source tokens but drops
    every unknown (masked) token, as a model that never copies them would; with
    `return_attention=True` it echoes the source with a diagonal attention matrix (or the
    matrix `attention_for` gives)."""

    def __init__(self, attention_for=None, keep_masked=False):
        self.calls, self.attention_for, self.keep_masked = [], attention_for, keep_masked

    def translate_batch(self, batch, **kwargs):
        self.calls.append((batch, kwargs))
        out = []
        for tokens in batch:
            if kwargs.get("return_attention"):
                att = (self.attention_for(tokens) if self.attention_for else
                       [[1.0 if s == t else 0.0 for s in range(len(tokens))]
                        for t in range(len(tokens))])
                out.append(type("R", (), {"hypotheses": [list(tokens)], "attention": [att]})())
            else:
                kept = [t for t in tokens if self.keep_masked
                        or not argos_engine._MASK_RE.search(t)]
                out.append(type("R", (), {"hypotheses": [kept]})())
        return out


def checked(engine, texts: list[str], grant=None) -> list[str]:
    """The first pass, then the pipeline's aligned re-translation step over it."""
    outputs = engine.translate(texts)
    fixed = realign(engine, texts, grant)
    return [fixed.get(t, out) for t, out in zip(texts, outputs, strict=True)]


def fake_engine(installed_lang: str, translator) -> ArgosEngine:
    model = argos_engine.load_model(models.require_package("en", installed_lang),
                                    EngineOptions())
    model.translator = translator
    return load_engine("argos", "en", installed_lang)


def test_lost_tags_are_projected_through_attention(installed):
    fake = DroppingTranslator()
    engine = fake_engine("fr", fake)
    text = "Officials in <1>Deir ez-Zor</1> counted <n1/> displaced families."
    [out] = checked(engine, [text])
    assert out == text  # the echo "model" with a diagonal attention puts each code back
    assert engine.markup_path(text) == "aligned"
    assert [kw.get("return_attention", False) for _, kw in fake.calls] == [False, True]
    plain = fake.calls[1][0][0]  # the second call reads the text without its tags
    assert "<" not in "".join(plain) and not any("1>" in t for t in plain)


def test_output_that_kept_its_codes_takes_the_masked_path(installed):
    fake = DroppingTranslator(keep_masked=True)
    engine = fake_engine("fr", fake)
    texts = ["Rain hit <1>Latakia</1> on <n1/>.", "No markup in this sentence."]
    assert engine.translate(texts) == texts
    assert [engine.markup_path(t) for t in texts] == ["masked", "none"]
    assert len(fake.calls) == 1  # nothing decoded twice


def test_crossing_attention_through_the_engine_gives_valid_nesting(installed):
    # every target token attends to the source token mirrored around the middle: a fully
    # reversed alignment, so nested spans come back reversed but still nested
    def mirror(tokens):
        n = len(tokens)
        return [[1.0 if s == n - 1 - t else 0.0 for s in range(n)] for t in range(n)]

    engine = fake_engine("fr", DroppingTranslator(mirror))
    text = "<1>Trucks <2>carrying flour</2></1> crossed at <3/>Bab al-Hawa <t1/> today."
    [out] = checked(engine, [text])
    assert misnested_tag(out) is None
    assert Counter(INLINE_RE.findall(out)) == Counter(INLINE_RE.findall(text))
    assert engine.markup_path(text) == "aligned"


MARKED = [
    "The <1>World Food Programme</1> said <n1/> trucks reached <2>Idlib</2> on <n2/>.",
    "<1>Update:</1> <2>the <3>Syrian</3> Civil Defence</2> rescued <n1/> people.<4/>",
    "Talks led by <t1/> resumed in <1>Geneva</1>, <t2/> said.",
    "A <1>convoy</1> of <n1/> trucks<2/> waited <n2/> hours at <3>the crossing</3>.",
    "Residents of <1><t1/></1> queued for bread before dawn.",
    "No markup and no placeholder in this sentence about the harvest in Hasakah.",
]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_random_weight_model_keeps_every_tag_once_and_records_the_path(installed, lang):
    engine = load_engine("argos", "en", lang)
    outputs = checked(engine, MARKED)
    for text, out in zip(MARKED[:-1], outputs, strict=False):
        assert Counter(INLINE_RE.findall(out)) == Counter(INLINE_RE.findall(text)), out
        assert misnested_tag(out) is None, out
        assert engine.markup_path(text) in ("masked", "aligned")
        assert markup_problem(text, out) in (None, *(f"emptied <{n}>" for n in range(1, 5)))
    assert engine.markup_path(MARKED[-1]) == "none"
    # random weights lose tags: the alignment path is exercised, not just declared
    assert any(engine.markup_path(t) == "aligned" for t in MARKED)


@pytest.mark.parametrize("count", [5, 41])
def test_calls_are_chunked_by_inputs_sorted_and_come_back_in_place(installed, count):
    spy = spy_on("fr", echo=True)
    engine = load_engine("argos", "en", "fr", EngineOptions(max_batch_inputs=4,
                                                            max_batch_tokens=256))
    texts = [f"Trucks {'reached the town ' * (i % 7)}on day {i}." for i in range(count)]
    before = len(spy.calls)
    out = engine.translate(texts)
    calls = spy.calls[before:]
    assert out == texts  # the echo model gives each input back, in its place
    assert [len(batch) for batch, _ in calls] == [4] * (count // 4) + ([count % 4]
                                                                       if count % 4 else [])
    sizes = [len(tokens) for batch, _ in calls for tokens in batch]
    assert sizes == sorted(sizes)
    assert {kw["max_batch_size"] for _, kw in calls} == {256}
    assert engine.chunk_size == 16  # four calls per engine call, pipelined


def test_nbest_first_hypothesis_is_checked_like_translate(installed):
    engine = ArgosEngine("en", "fr")
    text = "Aid reached <1>Homs</1> on <n1/>."
    (hyps,) = engine.translate_nbest([text], 4)
    assert len(hyps) == 4
    assert engine.markup_path(text) in ("masked", "lost")  # checked, path recorded
    best = realign(engine, [text]).get(text, hyps[0])  # the pipeline's step re-places tags
    assert markup_problem(text, best) is None  # masked or aligned, never lost
    assert engine.markup_path(text) in ("masked", "aligned")


def test_aligned_retranslation_draws_on_the_retry_budget(installed):
    from locpipe.context import RetryBudget

    engine = ArgosEngine("en", "fr")
    budget = RetryBudget(0.0)
    budget.record_first(1_000)
    engine.retry_budget = budget
    texts = ["Aid reached <1>Homs</1> on <n1/> after <2>a long wait</2>.",
             "The <1>UN</1> said <t1/> had left <n1/> trucks."]
    out = checked(engine, texts, budget.grant)
    lost = [t for t, o in zip(texts, out, strict=True) if markup_problem(t, o)]
    assert [engine.markup_path(t) for t in lost] == ["lost"] * len(lost)
    assert budget.refused.get("markup", 0) == len(lost) and budget.spent == 0


def test_the_first_pass_is_counted_in_tokens_and_retries_stay_within_the_budget(installed):
    """On the random-weight model every masked output loses tags, so every tagged segment
    asks for the aligned re-translation: the budget must hold in tokens actually decoded."""
    from locpipe.context import Context, Settings
    from locpipe.document import Segment, Unit
    from locpipe.stages import translate as translate_stage

    spy = spy_on("fr")
    ctx = Context("fr", Settings(targets=["fr"], engine="argos", retry_budget=0.5))
    texts = [f"Crews from <1>the {place} council</1> cleared <n1/> roads on day {day}, "
             f"and <2>residents</2> returned." for day in range(1, 13)
             for place in ("Hama", "Idlib", "Raqqa", "Deir ez-Zor", "Homs")]
    units = []
    for i, text in enumerate(texts):
        unit = Unit(Segment(f"a:{i}.0", i, 0, "paragraph", text), "fr")
        unit.engine_input = text
        units.append(unit)
    before = len(spy.calls)
    translate_stage.translate_units(units, ctx)
    calls = spy.calls[before:]
    budget = ctx.budget
    assert budget.unit == "tokens"

    def decoded(kind):
        total = 0
        for batch, kw in calls:
            if kw.get("return_attention", False) == (kind == "retry"):
                sync = {k: v for k, v in kw.items() if k != "asynchronous"}
                results = spy.real.translate_batch(batch, **sync)  # same call, same output
                total += sum(len(s) + len(r.hypotheses[0]) for s, r in zip(batch, results,
                                                                           strict=True))
        return total

    assert budget.first == decoded("first")
    kinds = [kw.get("return_attention", False) for _, kw in calls]
    assert kinds == sorted(kinds)  # every re-translation after the whole first pass, together
    assert budget.refused.get("markup", 0) > 0  # the budget, not the supply, ran out
    assert budget.spent <= budget.limit
    assert decoded("retry") <= 1.2 * budget.limit  # priced by the first decode of each text


class FutureTranslator:
    """An echo translator that answers `asynchronous=True` with futures and logs when each
    call is submitted and when its results are taken."""

    def __init__(self):
        self.log = []

    def translate_batch(self, batch, asynchronous=False, **kwargs):
        call = len([e for e in self.log if e[0] == "submit"])
        self.log.append(("submit", call))
        log = self.log

        class Future:
            def __init__(self, tokens):
                self.tokens = tokens

            def result(self):
                if ("collect", call) not in log:
                    log.append(("collect", call))
                return type("R", (), {"hypotheses": [list(self.tokens)]})()

        assert asynchronous, "calls are submitted asynchronously"
        return [Future(tokens) for tokens in batch]


def test_calls_are_pipelined_two_at_a_time_and_come_back_in_place(installed):
    """While one call's last sub-batch runs, the next call is already queued (no worker
    idles at a call's end), and never more than IN_FLIGHT calls are pending."""
    fake = FutureTranslator()
    engine = load_engine("argos", "en", "fr", EngineOptions(max_batch_inputs=3))
    engine.model.translator = fake
    texts = [f"Crews cleared {'the road ' * (i % 5)}near Hama on day {i}." for i in range(10)]
    assert engine.translate(texts) == texts
    assert fake.log == [("submit", 0), ("submit", 1), ("collect", 0), ("submit", 2),
                        ("collect", 1), ("submit", 3), ("collect", 2), ("collect", 3)]
