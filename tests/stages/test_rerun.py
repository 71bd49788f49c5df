"""The re-run stages: what an incremental run skips, read from the run's Context."""

from __future__ import annotations

from pathlib import Path

from locpipe import pipeline
from locpipe.context import Context, Settings, initialize
from locpipe.stages import read, rerun, segment
from locpipe.stages.rerun import Incoming


def _drafts_after_checking(src: Path, folder: str, settings: Settings,
                           incremental: bool) -> list[Incoming]:
    drafts = [Incoming(src, folder)]
    ctx = Context(settings.source_lang, settings, initialize(settings), incremental=incremental)
    for stage in (read.read_articles, segment.segment_articles, rerun.note_inputs,
                  rerun.skip_up_to_date):
        stage(drafts, ctx)
    return drafts


def test_only_an_incremental_run_settles_an_article_that_is_up_to_date(tmp_path):
    src = tmp_path / "ferry.txt"
    src.write_text("Ferry service resumes on the river\n\nThe ferry between the two towns "
                   "carried 40 passengers on Monday, the operator said.\n", encoding="utf-8")
    settings = Settings(targets=["fr"], engine="pseudo", out_dir=tmp_path / "out",
                        memory_dir=None)
    first = pipeline.run([src], settings)
    assert first.written == 1
    folder = first.placed[0][1]

    again = _drafts_after_checking(src, folder, settings, incremental=False)
    assert not again[0].settled and again[0].lock is None  # translated again, as asked

    skipped = _drafts_after_checking(src, folder, settings, incremental=True)
    assert skipped[0].settled and skipped[0].recorded is not None
