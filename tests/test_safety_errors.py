"""Issue 19 §4: no traceback, ever. Each fault a user can cause is one line on stderr and exit 2
(or the run's normal exit where the output was written); Click's usage errors too."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
STORY = ("Curfew lifted in Deir ez-Zor\n"
         "Shops reopened on Tuesday after 13 days of curfew, the governor said.\n")


def _article(folder: Path, name: str = "deir.txt") -> Path:
    path = folder / name
    path.write_text(STORY, encoding="utf-8")
    return path


def _locpipe(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command (its own process: stream encodings and exit codes as a shell sees)."""
    full = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "locpipe", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_unknown_short_option_is_one_line_naming_it(tmp_path):
    result = runner.invoke(app, ["translate", "-x.txt"])
    assert result.exit_code == 2
    assert result.stderr == "Error: No such option: -x. See 'root translate --help'.\n"


def test_bad_integer_is_one_line_naming_the_option(tmp_path):
    result = runner.invoke(app, ["translate", str(_article(tmp_path)), "--beam-size", "x"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: Invalid value for '--beam-size': ")
    assert result.stderr.endswith(" See 'root translate --help'.\n")


def test_unknown_command_is_one_line(tmp_path):
    result = runner.invoke(app, ["tranlsate"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: No such command")


def test_group_without_command_still_shows_its_help():
    result = runner.invoke(app, ["models"])
    assert "install" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("given", ["", "   "])
def test_empty_out_is_refused_and_nothing_written_in_cwd(tmp_path, monkeypatch, given):
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "index.html"
    mine.write_text("<p>my own page</p>", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(_article(tmp_path)), "--engine", "pseudo",
                                 "--out", given])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --out is empty; give the output folder, e.g. --out output "
                             "(use '.' to write into the current folder on purpose)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deir.txt", "index.html"]
    assert mine.read_text(encoding="utf-8") == "<p>my own page</p>"


def test_empty_out_in_config_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locpipe.toml").write_text('[translate]\nout = ""\nengine = "pseudo"\n')
    result = runner.invoke(app, ["translate", str(_article(tmp_path))])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --out is empty;")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deir.txt", "locpipe.toml"]


def test_out_longer_than_path_max_is_one_line(tmp_path):
    longest = "/".join(["d" * 200] * 25)
    result = runner.invoke(app, ["translate", str(_article(tmp_path)), "--engine", "pseudo",
                                 "--out", str(tmp_path / longest)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --out is longer than the system allows: ")
    assert result.stderr.endswith("; give a shorter path\n")


def test_out_with_a_name_longer_than_name_max_is_one_line(tmp_path):
    result = runner.invoke(app, ["translate", str(_article(tmp_path)), "--engine", "pseudo",
                                 "--out", str(tmp_path / ("n" * 300))])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --out is longer than the system allows: a folder name of "
                             "300 bytes (at most 255); give a shorter path\n")


def test_deeply_nested_toml_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "locpipe.toml"
    config.write_text("[translate]\nlocale = " + "[" * 50_000 + "]" * 50_000 + "\n")
    result = runner.invoke(app, ["translate", str(_article(tmp_path))])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: locpipe.toml: is nested too deeply to read (arrays or tables inside one another "
        "hundreds of levels deep); a desk's settings are flat tables like [translate]\n")


def test_deeply_nested_options_header_in_po_is_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    assert runner.invoke(app, ["translate", str(_article(tmp_path)), "--engine", "pseudo",
                               "--to", "fr", "--out", str(out)]).exit_code == 0
    po = out / "deir" / "fr.po"
    text = po.read_text(encoding="utf-8")
    deep = '[' * 100_000 + ']' * 100_000
    text = "\n".join(
        f'"X-Locpipe-Options: {deep}\\n"' if line.startswith('"X-Locpipe-Options:') else line
        for line in text.split("\n"))
    po.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["qa", str(po)])
    assert "Traceback" not in result.output and result.exception is None or \
        isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1)
    result = runner.invoke(app, ["po", "apply", str(po), "--memory", str(tmp_path / "tm")])
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_ascii_terminal_with_an_arabic_file_name_finishes_cleanly(tmp_path):
    _article(tmp_path, "حمص.txt")
    result = _locpipe("translate", "حمص.txt", "--engine", "pseudo", "--to", "fr",
                      "--out", "out", cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "\\u062d\\u0645\\u0635.txt" in result.stdout  # escaped, not a UnicodeEncodeError
    assert (tmp_path / "out" / "hms" / "fr.html").is_file()


def test_packages_dir_that_is_a_file_is_one_line(argos_packages, argos_home, tmp_path,
                                                 monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(blocker))
    result = runner.invoke(app, ["models", "install", "--from-file", str(argos_packages["fr"])])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {blocker}: cannot hold the models: it is a file, not a "
                             "folder; set ARGOS_PACKAGES_DIR to a folder (or unset it)\n")
    assert blocker.read_text() == "x"
