"""A run's memory stays flat in the number of articles (issue 14): the run keeps counts and
totals, and the per-article detail of `--format json` is read back from the manifests.

Counted in live objects, not timed: whether a run has 12 articles or 36, it holds no more
per-article objects when a shard starts than the summary's few names (`pipeline.LISTED`),
and exactly those once it is over."""

from __future__ import annotations

import gc
import json
from pathlib import Path

from typer.testing import CliRunner

from locpipe import pipeline
from locpipe.cli import app
from locpipe.context import Settings
from locpipe.document import Document
from locpipe.testing import fake_cluster as fakes

PER_ARTICLE = (pipeline.ArticleSummary, pipeline.Article, Document)


def _live() -> int:
    gc.collect()
    return sum(isinstance(o, PER_ARTICLE) for o in gc.get_objects())


def _held(tmp_path: Path, n: int) -> tuple[int, int]:
    """(most per-article objects alive as a shard starts, alive after the run)."""
    fakes.write_articles(tmp_path / f"in-{n}", n)
    settings = Settings(targets=["fr"], engine="pseudo", out_dir=tmp_path / f"out-{n}")
    at_shards: list[int] = []
    result = pipeline.run([tmp_path / f"in-{n}"], settings, keep=False, incremental=True,
                          shard_articles=3,
                          on_event=lambda e: at_shards.append(_live()) if e.kind == "shard"
                          else None)
    assert result.written == n and not result.failures
    return max(at_shards), _live()


def test_what_a_run_holds_does_not_grow_with_its_articles(tmp_path):
    before = _live()
    for n in (12, 36):
        at_shards, after = _held(tmp_path, n)
        assert at_shards - before <= pipeline.LISTED, n
        assert after - before == pipeline.LISTED, n


def test_json_lists_every_article_from_its_manifest_in_input_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fakes.write_articles(tmp_path / "in", 12)
    runner = CliRunner()
    args = ["translate", "in", "--engine", "pseudo", "--to", "fr,ar", "--out", "out",
            "--format", "json"]
    first = json.loads(runner.invoke(app, args).stdout)
    assert first["written"] == 12 and len(first["articles"]) == 12
    (tmp_path / "in" / "story-004.txt").write_text(fakes.wire_article(4) + "\nOne more line.\n")
    data = json.loads(runner.invoke(app, args).stdout)
    assert (data["written"], data["skipped"], data["failed"]) == (1, 11, 0)
    assert [a["identity"] for a in data["articles"]] == [f"story-{i:03d}.txt" for i in range(12)]
    redone = data["articles"][4]
    assert redone["status"] == "written" and redone["folder"] == "story-004"
    assert redone["title"] == "Water trucks reach Kafr Nabl after 7 days of shelling"
    assert redone["languages"] == ["fr", "ar"] and redone["segments"] == 7
    assert redone["files"][-1] == "out/story-004/manifest.json"
    assert {Path(f).name for f in redone["files"]} == {
        "fr.html", "ar.html", "fr.fragment.html", "ar.fragment.html", "report.html",
        "index.html", "fr.po", "ar.po", "manifest.json"}
    assert all(Path(f).is_file() for f in redone["files"])
    skipped = data["articles"][5]  # what its manifest recorded when the first run wrote it
    written_at = skipped.pop("written")
    assert written_at == first["articles"][5]["written"] != ""
    assert skipped == {"identity": "story-005.txt", "source": "in/story-005.txt",
                       "folder": "story-005", "status": "skipped",
                       "title": "Water trucks reach Taftanaz after 8 days of shelling",
                       "languages": ["fr", "ar"], "segments": 6,
                       "findings": {"severity": {}, "check": {},
                                    "language": {"fr": {"severity": {}, "check": {}},
                                                 "ar": {"severity": {}, "check": {}}}},
                       "reviewed": [0, 12],
                       "engines": {"fr": {"name": "pseudo", "model": "pseudo-en-fr"},
                                   "ar": {"name": "pseudo", "model": "pseudo-en-ar"}},
                       "files": first["articles"][5]["files"]}
    assert data["engines"] == first["engines"] and data["pseudo"] is True


def test_the_summary_names_the_first_articles_whatever_order_shards_finish_in(tmp_path):
    fakes.write_articles(tmp_path / "in", 14)

    def backwards(run_shard, shards, settings, incremental):  # as a cluster may finish them
        for shard in reversed(shards):
            yield run_shard(shard, settings, incremental=incremental)

    result = pipeline.run([tmp_path / "in"], Settings(targets=["fr"], engine="pseudo",
                                                      out_dir=tmp_path / "out"),
                          shard_articles=2, executor=backwards)
    assert [s.identity for s in result.listed] == [f"story-{i:03d}.txt" for i in range(10)]
    assert [r["identity"] for r in result.records()] == [
        f"story-{i:03d}.txt" for i in range(14)]
