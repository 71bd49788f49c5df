"""The llm engine (issue 25 §3) against a real HTTP server process on 127.0.0.1
(tests/engines/fake_llm_server.py, a named fake model per fault): batching, glossary forms in
the prompt, bounded concurrency, timeouts, retries, the repair path for broken placeholders,
and no request to any host but the configured one."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.context import RetryBudget
from locpipe.engines import EngineOptions, load_engine
from locpipe.engines.base import realign
from locpipe.errors import ConfigError, ModelError

runner = CliRunner()
SERVER = Path(__file__).with_name("fake_llm_server.py")
STORY = ("Bread queues return\n\n"
         "The council said on Monday that trucks reached the city.\n\n"
         "Bakeries reopened after a week without flour.\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("llm") / "requests.jsonl"
    log.touch()
    proc = subprocess.Popen([sys.executable, str(SERVER), str(log)], stdout=subprocess.PIPE,
                            text=True)
    try:
        port = int(proc.stdout.readline())
        yield f"http://127.0.0.1:{port}/v1", log
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    # every request of the module came from and went to 127.0.0.1
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert entries and {e["client"] for e in entries} == {"127.0.0.1"}
    assert {e["host"] for e in entries} == {f"127.0.0.1:{port}"}


@pytest.fixture
def connections(monkeypatch):
    """Every address this process connects to (the engine's client included)."""
    seen = []
    real = socket.socket.connect

    def connect(self, address):
        seen.append(address)
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


def requests(log: Path, model: str) -> list[dict]:
    return [e for line in log.read_text(encoding="utf-8").splitlines()
            if (e := json.loads(line))["model"] == model]


def engine(server, model: str, target: str = "fr", **options):
    url, _ = server
    extra = {"url": url, "model": model, "timeout": "1", "backoff": "0", **options}
    return load_engine("llm", "en", target, EngineOptions(extra=extra))


def test_batches_run_concurrently_and_come_back_in_order(server):
    e = engine(server, "fake-clean", batch="2", concurrency="2")
    texts = ["The council said on Monday.", "", "Trucks reached the city.", "Rain fell.",
             "Aid arrived at <n1/> hours.", "Bread and water."]
    out = e.translate(texts)
    assert out == ["le conseil a dit le lundi.", "", "camions ont atteint le ville.",
                   "pluie est tombée.", "l'aide est arrivée à <n1/> heures.",
                   "pain et l'eau."]
    # 5 segments with text in requests of 2 (the blank one is not sent), any order
    assert sorted(r["segments"] for r in requests(server[1], "fake-clean")) == [1, 2, 2]
    assert e.markup_path(texts[4]) == "masked" and e.markup_path(texts[0]) == "none"
    assert e.model_id == f"fake-clean@{server[0]}"


def test_the_glossary_forms_are_in_the_prompt(server):
    e = engine(server, "fake-glossary-clean")
    text = "<t1/> said on Monday that trucks reached Homs."
    e.use_terms({text: [("<t1/> (Bashar al-Assad)", "Bachar al-Assad"),
                        ("Homs", "Homs")]})
    e.translate([text])
    [request] = requests(server[1], "fake-glossary-clean")
    assert ("Glossary (the newsroom's agreed forms; a placeholder keeps its place and stands "
            "for this form): <t1/> (Bashar al-Assad) → Bachar al-Assad; Homs → Homs"
            ) in request["system"]
    assert "into French for publication" in request["system"]


@pytest.mark.parametrize("fault", ["flaky", "malformed", "truncated", "count"])
def test_a_failed_answer_is_asked_again_and_then_right(server, fault):
    e = engine(server, f"fake-{fault}")
    assert e.translate(["Trucks reached the city.", "Rain fell all night."]) == [
        "camions ont atteint le ville.", "pluie est tombée toute la nuit."]
    assert [r["attempt"] for r in requests(server[1], f"fake-{fault}")] == [1, 2]


def test_a_timeout_is_retried(server):
    e = engine(server, "fake-slow", timeout="0.5")
    assert e.translate(["Rain fell."]) == ["pluie est tombée."]
    assert [r["attempt"] for r in requests(server[1], "fake-slow")] == [1, 2]


def test_a_server_that_keeps_failing_is_one_line_after_the_retries(server):
    e = engine(server, "fake-500", retries="1")
    with pytest.raises(ModelError) as err:
        e.translate(["Rain fell.", "Trucks reached the city."])
    assert str(err.value) == (
        f"the llm engine's server {server[0]}/chat/completions failed for a segment after 2 "
        "attempts (HTTP 500); check that it runs and serves model 'fake-500'")
    # the batch (2 attempts), then its first half alone (2 attempts)
    assert [r["segments"] for r in requests(server[1], "fake-500")] == [2, 2, 1, 1]


def test_a_redirect_to_another_host_is_not_followed(server, connections):
    e = engine(server, "fake-redirect", retries="0")
    with pytest.raises(ModelError, match="it redirects to http://example.invalid/v1/chat, "
                                         "which locpipe does not follow"):
        e.translate(["Rain fell."])
    assert {host for host, _ in connections} == {"127.0.0.1"}


def test_proxies_from_the_environment_are_not_used(server, monkeypatch, connections):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy"):
        monkeypatch.setenv(name, "http://10.255.255.1:9")
    assert engine(server, "fake-clean").translate(["Rain fell."]) == ["pluie est tombée."]
    assert {host for host, _ in connections} == {"127.0.0.1"}


@pytest.mark.parametrize("fault", ["drop", "dup"])
def test_broken_placeholders_take_the_repair_path_within_the_budget(server, fault):
    e = engine(server, f"fake-{fault}", batch="4")
    texts = ["Aid arrived at <n1/> hours.", "<1>Trucks</1> reached the city.",
             "Rain fell all night."]
    first = e.translate(texts)
    assert first[0] != texts[0] and [e.markup_path(t) for t in texts] == ["lost", "lost",
                                                                           "none"]
    budget = RetryBudget(0.0)
    budget.allowed = len(texts[0])  # room for one repair only
    fixed = realign(e, texts, budget.grant)
    assert fixed == {texts[0]: "l'aide est arrivée à <n1/> heures."}
    assert [e.markup_path(t) for t in texts] == ["aligned", "lost", "none"]
    repair = requests(server[1], f"fake-{fault}")[-1]
    assert repair["segments"] == 1 and "Keep each of these exactly once: <n1/>" in repair[
        "system"]


@pytest.mark.parametrize(("extra", "message"), [
    ({}, "the llm engine needs the server's address: --engine-option "
         "url=http://127.0.0.1:8080/v1 (or engine-option in locpipe.toml's [translate] table)"),
    ({"url": "ftp://127.0.0.1/v1"}, "--engine-option url=ftp://127.0.0.1/v1 is not an http(s) "
                                    "address with a host; give the server's address, e.g. "
                                    "url=http://127.0.0.1:8080/v1"),
    ({"url": "http://127.0.0.1:1/v1", "concurrency": "0"},
     "--engine-option concurrency=0 is not allowed for the llm engine; give a whole number "
     "from 1 to 32 (requests in flight at once)"),
])
def test_bad_settings_are_one_line(extra, message):
    with pytest.raises(ConfigError) as err:
        load_engine("llm", "en", "fr", EngineOptions(extra=extra))
    assert str(err.value) == message


def test_translate_with_the_server_in_locpipe_toml_names_it_in_the_summary(server, tmp_path,
                                                                           connections):
    url, _ = server
    (tmp_path / "locpipe.toml").write_text(
        '[translate]\nengine = "llm"\n'
        f'engine-option = ["url={url}", "model=fake-clean", "timeout=5"]\n', encoding="utf-8")
    article = tmp_path / "bread.txt"
    article.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["--config", str(tmp_path / "locpipe.toml"), "translate",
                                 str(article), "--to", "fr,ar", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"fr: llm (fake-clean@{url}), ar: llm (fake-clean@{url})" in result.stdout
    page = (tmp_path / "out" / "bread" / "fr.html").read_text(encoding="utf-8")
    assert "le conseil a dit le lundi que camions ont atteint le ville" in page.lower()
    assert {host for host, _ in connections} == {"127.0.0.1"}


def test_an_answer_in_the_wrong_language_is_caught_and_flagged(server, tmp_path):
    url, _ = server
    article = tmp_path / "bread.txt"
    article.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--to", "fr", "--engine", "llm",
                                 "--engine-option", f"url={url}", "--engine-option",
                                 "model=fake-english", "--out", str(tmp_path / "out"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    po = (tmp_path / "out" / "bread" / "fr.po").read_text(encoding="utf-8")
    # the detect stage retried it through the engine like any other, then flagged it
    assert po.count("#. qa error language: output is not French: detected English") == 2
    assert len(requests(server[1], "fake-english")) == 2  # the first pass, then the retry


def test_eval_compares_the_llm_with_another_engine_and_a_failing_server_is_a_row(server,
                                                                                 tmp_path):
    url, _ = server
    source, ref = tmp_path / "src.en.txt", tmp_path / "ref.fr.txt"
    source.write_text("The council said on Monday that trucks reached the city.\n"
                      "Rain fell all night.\n", encoding="utf-8")
    ref.write_text("Le conseil a dit lundi que des camions ont atteint la ville.\n"
                   "La pluie est tombée toute la nuit.\n", encoding="utf-8")
    args = ["eval", str(source), "--ref", f"fr={ref}", "--engine", "llm,pseudo",
            "--engine-option", f"url={url}", "--engine-option", "retries=0",
            "--out", str(tmp_path / "out"), "--format", "json"]
    result = runner.invoke(app, [*args, "--engine-option", "model=fake-clean"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["languages"]["fr"]
    assert rows["llm"]["model"] == f"fake-clean@{url}" and rows["llm"]["chrf"] > rows[
        "pseudo"]["chrf"]
    result = runner.invoke(app, [*args, "--engine-option", "model=fake-500"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["languages"]["fr"]
    assert rows["llm"] == {"error": f"the llm engine's server {url}/chat/completions failed "
                                    "for a segment after 1 attempt (HTTP 500); check that it "
                                    "runs and serves model 'fake-500'"}
    assert "chrf" in rows["pseudo"]


@pytest.mark.parametrize("concurrency", [1, 3])
def test_no_more_requests_in_flight_than_concurrency(server, concurrency):
    model = f"fake-steady-{concurrency}"
    e = engine(server, model, batch="1", concurrency=str(concurrency))
    e.translate([f"Rain fell for {n} hours." for n in range(6)])
    seen = [r["in_flight"] for r in requests(server[1], model)]
    assert len(seen) == 6 and max(seen) == concurrency
