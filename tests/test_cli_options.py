"""Options shared by several commands are declared once (cli.py's aliases): a --format no
command knows is refused in one line, the same way everywhere, before anything is read."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from locpipe.cli import app

runner = CliRunner()


@pytest.mark.parametrize(("command", "choices"), [
    (["translate", "wire.txt", "--engine", "pseudo"], "json, text"),
    (["qa", "wire.fr.po"], "json, text"),
    (["memory", "stats"], "json, text"),
    (["segment", "wire.txt"], "jsonl, text"),
    (["glossary", "check", "wire.txt"], "json, text"),
])
def test_an_unknown_format_is_one_line_and_exit_2(tmp_path, monkeypatch, command, choices):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*command, "--format", "yaml"])
    assert result.exit_code == 2
    assert result.stderr == f"Error: unknown format 'yaml'; available: {choices}\n"
    assert list(tmp_path.iterdir()) == []  # nothing read, nothing written


@pytest.mark.parametrize("command", [["translate"], ["po", "apply"]])
def test_memory_and_glossary_options_read_the_same_variables(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}, terminal_width=200)
    assert result.exit_code == 0
    for name in ("LOCPIPE_MEMORY", "LOCPIPE_NO_MEMORY", "LOCPIPE_GLOSSARY",
                 "LOCPIPE_NO_GLOSSARY"):
        assert name in result.output
