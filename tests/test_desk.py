"""A desk's run: which glossary and memory it uses (found like a config file, or refused in
one line), a publishing gate and JSON that count the up-to-date articles too, `--to fr ar`,
and a summary with segments and findings per language."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from tests.conftest import ROOT

runner = CliRunner()

STORY = ("Ferry service resumes at Tartus\n\n"
         "The ferry between Tartus and Arwad island sailed on Tuesday for the first time in "
         "13 days, the port authority said.\n\n"
         "About 1,200 passengers crossed before noon, officials said.\n\n"
         "Traders said goods from Turkey would reach the island again this week.\n")
PLACES = "en,fr,ar,type,policy\nTartus,Tartous,طرطوس,place,enforce\n"
NO_GLOSSARY = ("Error: no glossary found: no --glossary, LOCPIPE_GLOSSARY or locpipe.toml "
               "setting, and no glossary/ folder above the articles or the working directory; "
               "point at the desk's with --glossary DIR, or run with --no-glossary to translate "
               "without one\n")
NO_MEMORY = ("Error: no translation memory found: no --memory, LOCPIPE_MEMORY or locpipe.toml "
             "setting, and no memory/ folder above the articles or the working directory; "
             "point at the desk's with --memory DIR, or run with --no-memory to translate "
             "without one\n")


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    """/desk/glossary, /desk/memory, /desk/wires/ferry.txt; run from an unrelated folder
    with neither variable set (conftest sets them for the other tests)."""
    for name in ("LOCPIPE_NO_GLOSSARY", "LOCPIPE_MEMORY", "LOCPIPE_GLOSSARY",
                 "LOCPIPE_NO_MEMORY"):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "desk"
    (root / "glossary").mkdir(parents=True)
    (root / "glossary" / "places.csv").write_text(PLACES, encoding="utf-8")
    (root / "memory").mkdir()
    (root / "wires").mkdir()
    (root / "wires" / "ferry.txt").write_text(STORY, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return root


def _translate(*args: str, out: Path | None = None):
    return runner.invoke(app, ["translate", *map(str, args), "--engine", "pseudo", "--to", "fr",
                               "--out", str(out or Path("out"))])


def _line(result, prefix: str) -> str:
    return next(line for line in result.stdout.splitlines() if line.startswith(prefix))


# --- 1. glossary and memory found like a config file ------------------------------------


def test_the_glossary_and_memory_above_the_articles_are_found(desk):
    result = _translate(desk / "wires" / "ferry.txt")
    assert result.exit_code == 0, result.output
    assert _line(result, "Glossary") == f"Glossary — 1 entries from {desk / 'glossary'}"
    assert _line(result, "Memory") == f"Memory — 0 reviewed segment(s) from {desk / 'memory'}"
    page = (Path("out") / "ferry" / "fr.html").read_text(encoding="utf-8")
    assert "Tartous" in page  # enforced: the pseudo engine never saw the name


def test_then_above_the_working_directory(desk, monkeypatch, tmp_path):
    article = tmp_path / "ferry.txt"  # nothing above it
    article.write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(desk / "wires")
    result = _translate(article)
    assert result.exit_code == 0, result.output
    assert _line(result, "Glossary") == f"Glossary — 1 entries from {desk / 'glossary'}"


def test_none_found_stops_with_one_line_and_writes_nothing(desk, tmp_path):
    article = tmp_path / "ferry.txt"
    article.write_text(STORY, encoding="utf-8")
    result = _translate(article)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", NO_GLOSSARY)
    assert not Path("out").exists()
    result = _translate(article, "--no-glossary")
    assert (result.exit_code, result.stderr) == (2, NO_MEMORY)
    result = _translate(article, "--no-glossary", "--no-memory")
    assert result.exit_code == 0, result.output
    assert _line(result, "Glossary") == "Glossary — none (--no-glossary)"
    assert _line(result, "Memory") == "Memory — none (--no-memory)"
    assert "Tartous" not in (Path("out") / "ferry" / "fr.html").read_text(encoding="utf-8")


def test_command_line_then_environment_then_locpipe_toml(desk, monkeypatch, tmp_path):
    other = tmp_path / "agency-glossary"
    other.mkdir()
    (other / "places.csv").write_text(PLACES + "Arwad,Arouad,أرواد,place,enforce\n",
                                      encoding="utf-8")
    env_dir = tmp_path / "env-glossary"
    env_dir.mkdir()
    (env_dir / "a.csv").write_text(PLACES + "Arwad,Arouad,أرواد,place,enforce\n"
                                   "Tuesday,mardi,الثلاثاء,term,accept\n", encoding="utf-8")
    Path("locpipe.toml").write_text(f'[translate]\nglossary = ["{other}"]\n', encoding="utf-8")
    article = desk / "wires" / "ferry.txt"
    assert _line(_translate(article), "Glossary") == f"Glossary — 2 entries from {other}"
    monkeypatch.setenv("LOCPIPE_GLOSSARY", str(env_dir))
    assert _line(_translate(article, out=Path("o2")), "Glossary") == (
        f"Glossary — 3 entries from {env_dir}")
    result = _translate(article, "--glossary", desk / "glossary", out=Path("o3"))
    assert _line(result, "Glossary") == f"Glossary — 1 entries from {desk / 'glossary'}"
    result = _translate(article, "--no-glossary", out=Path("o4"))  # beats the variable
    assert _line(result, "Glossary") == "Glossary — none (--no-glossary)"
    data = json.loads(_translate(article, "--format", "json", out=Path("o5")).stdout)
    assert data["glossary"] == {"paths": [str(env_dir)], "chosen_by": "LOCPIPE_GLOSSARY",
                                "entries": 3}
    assert data["memory"] == {"paths": [str(desk / "memory")],
                              "chosen_by": f"found above {article}", "entries": {}}


def test_contradictions_and_two_desks_are_one_line(desk, tmp_path):
    result = _translate(desk / "wires" / "ferry.txt", "--glossary", desk / "glossary",
                        "--no-glossary")
    assert (result.exit_code, result.stderr) == (
        2, "Error: --glossary and --no-glossary contradict each other; give one\n")
    second = tmp_path / "other-desk"
    (second / "glossary").mkdir(parents=True)
    (second / "glossary" / "p.csv").write_text(PLACES, encoding="utf-8")
    (second / "story.txt").write_text(STORY, encoding="utf-8")
    result = _translate(desk / "wires" / "ferry.txt", second / "story.txt")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: the articles are under different glossary folders ({desk / 'glossary'}, "
           f"{second / 'glossary'}); translate them separately, or choose one with "
           "--glossary DIR\n")
    assert not Path("out").exists()


def test_po_apply_records_in_the_memory_translate_found(desk):
    result = _translate(desk / "wires" / "ferry.txt")
    assert result.exit_code == 0, result.output
    po = Path("out") / "ferry" / "fr.po"
    text = po.read_text(encoding="utf-8").replace("#, fuzzy\n", "", 1)
    po.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["po", "apply", str(po)])
    assert result.exit_code == 0, result.output
    assert [p.suffix for p in (desk / "memory").iterdir()] == [".po"]
    # the pages are made again with the glossary translate used, found the same way
    assert f"Glossary — 1 entries from {desk / 'glossary'}\n" in result.stdout
    assert "Tartous" in (Path("out") / "ferry" / "fr.html").read_text(encoding="utf-8")
    assert _line(_translate(desk / "wires" / "ferry.txt"), "Memory").startswith(
        "Memory — 1 reviewed segment(s) (fr 1) from ")


def test_the_readme_first_command_runs_from_the_repo_root(tmp_path, monkeypatch):
    for name in ("LOCPIPE_NO_GLOSSARY", "LOCPIPE_MEMORY"):
        monkeypatch.delenv(name)
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["translate", "samples/homs-aid-convoy.txt", "--to", "fr,ar",
                                 "--engine", "pseudo", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    entries = _line(result, "Glossary")
    assert entries.startswith("Glossary — ") and entries.endswith(f" from {ROOT / 'glossary'}")
    assert _line(result, "Memory").endswith(f" from {ROOT / 'memory'}")


# --- 2. the gate and --format json judge every article, skipped or not --------------------


def test_fail_on_judges_the_up_to_date_articles_from_their_manifests(desk):
    article = desk / "wires" / "ferry.txt"
    args = ("--glossary", ROOT / "glossary", "--to", "fr,ar")  # pseudo: terms findings
    first = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", *map(str, args),
                                "--out", "out", "--format", "json"])
    assert first.exit_code == 0, first.output
    errors = json.loads(first.stdout)["findings"]["severity"].get("error", 0)
    assert errors > 0
    again = runner.invoke(app, ["translate", str(article), "--engine", "pseudo",
                                *map(str, args), "--out", "out", "--fail-on", "error"])
    assert again.exit_code == 1, again.output
    assert "Articles — 0 written, 1 up to date (skipped)" in again.stdout
    assert again.stderr == (f"Error: --fail-on error: QA found {errors} error"
                            f"{'s' if errors > 1 else ''}; the pages were written, see "
                            "report.html in each article's folder\n")
    data = json.loads(runner.invoke(app, ["translate", str(article), "--engine", "pseudo",
                                          *map(str, args), "--out", "out", "--format",
                                          "json"]).stdout)
    first_data = json.loads(first.stdout)
    assert (data["written"], data["skipped"]) == (0, 1)
    assert data["findings"] == first_data["findings"]
    assert data["findings_per_language"] == first_data["findings_per_language"]
    assert data["engines"] == {"fr": {"name": "pseudo", "model": "pseudo-en-fr"},
                               "ar": {"name": "pseudo", "model": "pseudo-en-ar"}}
    assert data["pseudo"] is True
    assert data["segments"] == {"written": 0, "up_to_date": 4}
    (record,) = data["articles"]
    assert record["segments"] == 4 and record["findings"]["severity"] == {"error": errors}


# --- 4. --to fr ar ------------------------------------------------------------------------


def test_a_language_given_as_an_article_says_how_to_write_it(desk):
    result = runner.invoke(app, ["translate", str(desk / "wires" / "ferry.txt"), "ar", "de",
                                 "--to", "fr", "--engine", "pseudo", "--out", "out"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: no article file 'ar': to translate into several languages, write "
               "--to fr,ar,de\n")
    assert not Path("out").exists()
    Path("ar").write_text(STORY, encoding="utf-8")  # a real file of that name is an article
    result = runner.invoke(app, ["translate", str(desk / "wires" / "ferry.txt"), "ar",
                                 "--to", "fr", "--engine", "pseudo", "--out", "out"])
    assert "no article file" not in result.output


# --- 6. the summary: segments, findings per language --------------------------------------


def test_summary_prints_segments_and_findings_per_language(desk):
    result = runner.invoke(app, ["translate", str(desk / "wires" / "ferry.txt"), "--engine",
                                 "pseudo", "--to", "fr,ar", "--out", "out", "--glossary",
                                 str(ROOT / "glossary")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Segments — 4 in the 1 article(s) written" in lines
    findings = [line for line in lines if line.startswith("Findings — ")]
    assert [f.split(":")[0] for f in findings] == ["Findings — fr", "Findings — ar"]
    again = runner.invoke(app, ["translate", str(desk / "wires" / "ferry.txt"), "--engine",
                                "pseudo", "--to", "fr,ar", "--out", "out", "--glossary",
                                str(ROOT / "glossary")])
    assert "Segments — 4 in the 1 article(s) up to date" in again.stdout.splitlines()
    assert [line for line in again.stdout.splitlines() if line.startswith("Findings")] == \
        findings  # the up-to-date article's findings, from its manifest


def test_every_env_variable_is_documented_in_the_help():
    result = runner.invoke(app, ["translate", "--help"], env={"COLUMNS": "200"})
    for name in ("LOCPIPE_GLOSSARY", "LOCPIPE_MEMORY", "LOCPIPE_NO_GLOSSARY",
                 "LOCPIPE_NO_MEMORY"):
        assert name in result.stdout
    assert os.sep  # (paths in messages are the OS's)
