"""Ctrl-C (issue 13 §5): exit 130 with one line saying what was finished and what was not;
every file written is whole."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import locpipe.engines
from locpipe import pipeline
from locpipe.cli import app
from locpipe.engines.pseudo import PseudoEngine

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
STORIES = {
    "a-market.txt": "Market reopens in Idlib\n\nStalls opened again on Friday, traders said.\n",
    "b-school.txt": "Schools close in Daraa\n\nClasses stopped after heavy rain, parents said.\n",
    "c-power.txt": "Power cut in Tartus\n\nThe port lost power for nine hours on Monday.\n",
}


class InterruptedEngine(PseudoEngine):
    """FAKE engine: the user presses Ctrl-C while it translates."""

    name = "interrupted"

    def translate(self, texts):
        raise KeyboardInterrupt


@pytest.fixture
def articles(tmp_path, monkeypatch) -> list[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(locpipe.engines.ENGINES, "interrupted",
                        "tests.integration.test_interrupt:InterruptedEngine")
    paths = []
    for name, text in STORIES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


def _translate(articles, out: Path, engine: str = "pseudo"):
    return runner.invoke(app, ["translate", *map(str, articles), "--engine", engine, "--to",
                               "fr", "--out", str(out)])


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) \
        if folder.exists() else []


def test_ctrl_c_while_translating(articles, tmp_path):
    out = tmp_path / "out"
    result = _translate(articles, out, "interrupted")
    assert result.exit_code == 130
    assert result.stderr == (f"Interrupted while translating (0 of 6 segments): none of the 3 "
                             f"article(s) was written to {out}; nothing partial was left. Run "
                             "the same command again to finish.\n")
    assert _files(out) == []


def test_ctrl_c_between_articles(articles, tmp_path, monkeypatch):
    real = pipeline.render_article
    calls = []

    def render(art, *args):
        calls.append(art.doc.slug)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(art, *args)

    monkeypatch.setattr(pipeline, "render_article", render)
    out = tmp_path / "out"
    result = _translate(articles, out)
    assert result.exit_code == 130
    assert result.stderr == (f"Interrupted: 1 of 3 article(s) written to {out}; the other 2 "
                             "were not; no file was left half-written. Run the same command "
                             "again to finish.\n")
    assert _files(out) == ["a-market", "a-market/fr.fragment.html", "a-market/fr.html",
                           "a-market/fr.po", "a-market/index.html", "a-market/manifest.json",
                           "a-market/report.html", "index.html"]


def test_ctrl_c_in_another_command(tmp_path, monkeypatch):
    from locpipe import review

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(review, "apply", interrupted)
    po = tmp_path / "fr.po"
    po.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["po", "apply", str(po)])
    assert result.exit_code == 130
    assert result.stderr == ("Interrupted: locpipe po apply did not finish; every file it wrote "
                             "is complete (none is left half-written). Run it again to "
                             "finish.\n")


SLOW_RUN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import locpipe.engines
    from locpipe.engines.pseudo import PseudoEngine

    MARKER = Path(sys.argv[1])

    class Slow(PseudoEngine):
        name = "slow"
        def translate(self, texts):
            MARKER.write_text("started")
            time.sleep(60)
            return super().translate(texts)

    locpipe.engines.ENGINES["slow"] = "__main__:Slow"
    sys.argv = ["locpipe", "translate", *sys.argv[2:]]
    from locpipe.cli import main
    main()
""")


def test_real_sigint_exits_130_with_one_line(articles, tmp_path):
    out = tmp_path / "out"
    marker = tmp_path / "started"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(marker), *map(str, articles),
                             "--engine", "slow", "--to", "fr", "--out", str(out)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), proc.communicate()
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert stderr == (f"Interrupted while translating (0 of 6 segments): none of the 3 "
                      f"article(s) was written to {out}; nothing partial was left. Run the same "
                      "command again to finish.\n")
    assert stdout == ""
    assert _files(out) == []
