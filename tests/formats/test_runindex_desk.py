"""OUT/index.html as a desk reads it: pseudo pages labelled, every source shown the same
way, the day of the last run never wrapped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from locpipe import pipeline
from locpipe.context import Settings
from tests.chromium import evaluate, needs_chromium

STORY = ("Bakeries reopen in Douma\n\n"
         "Three bakeries reopened on Thursday after repairs, the local council said.\n")


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wires" / "day2").mkdir(parents=True)
    (tmp_path / "wires" / "douma.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "wires" / "day2" / "harasta.txt").write_text(
        STORY.replace("Douma", "Harasta"), encoding="utf-8")
    settings = Settings(targets=["fr"], engine="pseudo", out_dir=Path("output"),
                        use_glossary=False, memory_dir=None)
    pipeline.run([Path("wires/douma.txt")], settings)  # a file given...
    pipeline.run([Path("wires")], settings, incremental=True)  # ...then its folder
    return tmp_path


def test_sources_are_shown_one_way_and_pseudo_pages_say_so(desk):
    index = (desk / "output" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<small>([^<]*)</small>", index) == ["wires/douma.txt",
                                                            "wires/day2/harasta.txt"]
    assert index.count('<span class="pseudo">pseudo-translation</span>') == 2
    assert ('<p class="pseudo-note"><b>PSEUDO-TRANSLATION, not for publication:</b> 2 of the '
            "2 article(s) were made by the pseudo engine to check layout; their pages are not "
            "translations.</p>") in index
    assert "tbody td:last-child{white-space:nowrap}" in index  # the day of the last run


def test_a_source_outside_the_desk_is_shown_whole(desk, tmp_path_factory):
    away = tmp_path_factory.mktemp("elsewhere") / "zabadani.txt"
    away.write_text(STORY.replace("Douma", "Zabadani"), encoding="utf-8")
    pipeline.run([away], Settings(targets=["fr"], engine="pseudo", out_dir=Path("output"),
                                  use_glossary=False, memory_dir=None))
    index = (desk / "output" / "index.html").read_text(encoding="utf-8")
    assert f"<small>{away.as_posix()}</small>" in index


@pytest.mark.browser
@needs_chromium
def test_the_day_of_the_last_run_stays_on_one_line_in_a_narrow_window(desk):
    lines = evaluate(desk / "output" / "index.html",
                     "Array.from(document.querySelectorAll('tbody tr td:last-child')).map(d => {"
                     " const r = document.createRange(); r.selectNodeContents(d);"
                     " return r.getClientRects().length; })", width=360)
    assert lines == [1, 1]
    overflow = evaluate(desk / "output" / "index.html",
                        "document.documentElement.scrollWidth - window.innerWidth", width=360)
    assert overflow <= 0  # the table scrolls inside its box; the page never does
