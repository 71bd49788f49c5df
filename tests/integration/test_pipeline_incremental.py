"""Streaming and incremental runs (issue 14): shards written as they finish, up-to-date
articles skipped and said so, changed ones redone, --force redoes all, a killed run resumes,
the run index, the short summary, --format json, --quiet, --device."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from locpipe import pipeline
from locpipe.cli import app
from locpipe.context import Settings
from locpipe.engines import EngineOptions
from locpipe.errors import ConfigError, ModelError
from locpipe.testing import fake_cluster as fakes

runner = CliRunner()


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fakes.write_articles(tmp_path / "in", 4)
    return tmp_path


def translate(*extra: str):
    return runner.invoke(app, ["translate", "in", "--engine", "pseudo", "--to", "fr,ar",
                               "--out", "out", "--memory", "memory", *extra])


def first_line(result) -> str:
    return result.stdout.splitlines()[0]


def test_a_second_run_skips_what_is_up_to_date_and_redoes_what_changed(desk):
    assert first_line(translate()) == ("Articles — 4 written, 0 up to date (skipped); see "
                                       "out/index.html")
    page = (desk / "out" / "story-002" / "fr.html").read_bytes()
    assert first_line(translate()) == ("Articles — 0 written, 4 up to date (skipped); see "
                                       "out/index.html")
    (desk / "in" / "story-001.txt").write_text(fakes.wire_article(1) + "\nA new paragraph.\n")
    po = desk / "out" / "story-003" / "ar.po"
    po.write_text(po.read_text() + "\n# an editor's note\n")  # an editor touched the PO file
    (desk / "out" / "story-000" / "fr.html").unlink()
    result = translate("--format", "json")
    data = json.loads(result.stdout)
    assert (data["written"], data["skipped"], data["failed"]) == (3, 1, 0)
    status = {a["identity"]: a["status"] for a in data["articles"]}
    assert status == {"story-000.txt": "written", "story-001.txt": "written",
                      "story-002.txt": "skipped", "story-003.txt": "written"}
    assert (desk / "out" / "story-002" / "fr.html").read_bytes() == page
    assert first_line(translate("--force")) == ("Articles — 4 written, 0 up to date (skipped); "
                                                "see out/index.html")


def test_settings_glossary_and_memory_that_matter_make_an_article_stale(desk):
    translate()
    assert first_line(translate("--digits", "arab")) == (
        "Articles — 4 written, 0 up to date (skipped); see out/index.html")
    gloss = desk / "glossary"
    gloss.mkdir()
    # story-001 is the only article about Maarat al-Numan
    (gloss / "places.csv").write_text("en,fr,ar,type,policy\nMaarat al-Numan,Maarat al-Nouman,"
                                      "معرة النعمان,place,enforce\n", encoding="utf-8")
    result = translate("--digits", "arab", "--glossary", "glossary", "--format", "json")
    data = json.loads(result.stdout)
    assert [a["identity"] for a in data["articles"] if a["status"] == "written"] == [
        "story-001.txt"]
    mem = desk / "memory"
    mem.mkdir()
    (mem / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '\nmsgid "Pumping stations"\nmsgstr "Stations de pompage"\n', encoding="utf-8")
    data = json.loads(translate("--digits", "arab", "--glossary", "glossary",
                                "--format", "json").stdout)
    assert data["written"] == 4  # every article has that subheading
    page = (desk / "out" / "story-003" / "fr.html").read_text(encoding="utf-8")
    assert "Stations de pompage" in page


def test_a_killed_run_resumes_where_it_stopped(desk, monkeypatch):
    fakes.write_articles(desk / "in", 8, start=4)  # 12 articles
    real = pipeline.render_article
    calls = []

    def render(art, *args):
        calls.append(art.identity)
        if len(calls) == 7:
            raise KeyboardInterrupt
        return real(art, *args)

    monkeypatch.setattr(pipeline, "render_article", render)
    result = translate("--shard-size", "8")  # about 3 articles a shard
    assert result.exit_code == 130
    done = sorted(p.parent.name for p in (desk / "out").glob("*/manifest.json"))
    assert len(done) == 6
    index = (desk / "out" / "index.html").read_text(encoding="utf-8")
    assert index.count('<tr><td><a href="') == 6  # the index was rebuilt on the way out
    monkeypatch.setattr(pipeline, "render_article", real)
    assert first_line(translate("--shard-size", "8")) == (
        "Articles — 6 written, 6 up to date (skipped); see out/index.html")


def test_files_are_written_shard_by_shard_and_memory_is_not_kept(desk):
    fakes.write_articles(desk / "in", 6, start=4)
    events: list[pipeline.Event] = []
    settings = Settings(targets=["fr"], engine="pseudo", out_dir=desk / "out")
    result = pipeline.run([desk / "in"], settings, on_event=events.append, keep=False,
                          shard_segments=8)
    kinds = [(e.kind, e.count) for e in events if e.kind in ("shard", "written")]
    shards = [n for k, n in kinds if k == "shard"]
    assert shards == list(range(1, len(shards) + 1)) and len(shards) >= 3
    # every article of a shard is on disk before the next shard starts
    first_written = kinds.index(("written", 1))
    assert kinds.index(("shard", 2)) > first_written
    assert result.written == 10 and result.articles == []
    placed = [(pipeline.Source(p, p.name), p.stem) for p in sorted((desk / "in").iterdir())]
    assert [len(s.items) for s in pipeline.plan_shards(placed, 8, 40)] == [2, 2, 2, 2, 2]
    assert [len(s.items) for s in pipeline.plan_shards(placed, 1000, 4)] == [4, 4, 2]


def test_every_long_step_is_labelled(desk):
    events: list[pipeline.Event] = []
    pipeline.run([desk / "in"], Settings(targets=["ar"], engine="pseudo",
                                         out_dir=desk / "out"), on_event=events.append)
    stages = [e.stage for e in events if e.kind == "stage"]
    assert stages[:3] == ["reading", "segmenting", "looking up the memory and the glossary"]
    assert stages.index("checking the source language") \
        < stages.index("loading the pseudo engine for ar")
    assert "translating" in stages and "QA checks" in stages and stages[-1] == "writing"
    assert all(e.article for e in events if e.kind == "stage")


def test_run_index_lists_every_article_across_runs(desk):
    translate()
    fakes.write_articles(desk / "other", 1, start=9)
    runner.invoke(app, ["translate", "other", "--engine", "pseudo", "--to", "fr",
                        "--out", "out", "--memory", "memory"])
    index = (desk / "out" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td><a href="([^"]+)/index.html">([^<]+)</a>', index)
    assert [r[0] for r in rows] == ["story-000", "story-001", "story-002", "story-003",
                                    "story-009"]
    assert rows[1][1] == "Water trucks reach Maarat al-Numan after 4 days of shelling"
    assert '<a href="story-009/fr.html" hreflang="fr">fr</a></td>' in index
    assert '<a href="story-000/report.html">none</a>' in index
    assert "<h1>5 article(s)</h1>" in index


def test_summary_is_short_at_any_width_and_quiet_is_silent(desk):
    fakes.write_articles(desk / "in", 14, start=4)  # 18 articles, as in the issue
    result = runner.invoke(app, ["translate", "in", "--engine", "pseudo", "--to", "fr,ar",
                                 "--out", "out"], env={"COLUMNS": "60"})
    lines = result.stdout.splitlines()
    assert len(lines) <= 20
    assert lines[0] == "Articles — 18 written, 0 up to date (skipped); see out/index.html"
    assert lines[12] == "  … and 8 more"
    quiet = runner.invoke(app, ["translate", "in", "--engine", "pseudo", "--to", "fr,ar",
                                "--out", "out", "--quiet", "--force"])
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_progress_lines_when_not_a_terminal(desk):
    fakes.write_articles(desk / "in", 4, start=4)
    result = translate("--shard-size", "8")
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("8/8 articles (8 written, 0 up to date), ")
    assert re.fullmatch(r"8/8 articles \(8 written, 0 up to date\), [\d,]+ segments "
                        r"translated, \d+:\d\d elapsed, about 0:00 left", lines[-1])


def test_device_choice(monkeypatch):
    import ctranslate2

    from locpipe.engines import argos

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert argos.pick_device("auto") == ("cpu", "int8")
    assert argos.pick_device("cpu") == ("cpu", "int8")
    with pytest.raises(ModelError) as err:
        argos.pick_device("cuda")
    assert str(err.value) == ("--device cuda: CTranslate2 sees no CUDA GPU on this machine "
                              "(check the driver and CUDA libraries); use --device cpu or auto")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 2)
    assert argos.pick_device("auto") == ("cuda", "int8_float16")
    assert argos.pick_device("cpu") == ("cpu", "int8")
    with pytest.raises(ConfigError) as err:
        EngineOptions(device="gpu")
    assert str(err.value) == "--device gpu is not allowed; give one of: auto, cpu, cuda"


def test_cuda_selection_reaches_ctranslate2(monkeypatch, tmp_path):
    import ctranslate2

    from locpipe.engines import argos

    seen = {}

    class Translator:
        def __init__(self, path, **kwargs):
            seen.update(kwargs)

    class Processor:
        def __init__(self, **kwargs):
            pass

    import sentencepiece

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(ctranslate2, "Translator", Translator)
    monkeypatch.setattr(sentencepiece, "SentencePieceProcessor", Processor)
    (tmp_path / "metadata.json").write_text("{}")
    package = type("P", (), {"path": tmp_path})()
    model = argos.ArgosModel(package, threads=1, device="auto")
    assert (seen["device"], seen["compute_type"]) == ("cuda", "int8_float16")
    assert (model.device, model.compute_type) == ("cuda", "int8_float16")
