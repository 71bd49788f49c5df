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


@pytest.mark.parametrize(("command", "option", "value", "choices"), [
    (["translate", "wire.txt", "--engine", "pseudo"], "--fail-on", "often",
     "error, warning, never"),
    (["po", "apply", "wire.fr.po"], "--fail-on", "often", "error, warning, never"),
    (["translate", "wire.txt", "--engine", "pseudo"], "--date-order", "ymd", "mdy, dmy"),
])
def test_a_choice_nobody_offers_is_refused_before_anything_is_read(tmp_path, monkeypatch,
                                                                   command, option, value,
                                                                   choices):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wire.txt").write_text("Ferries sail again\n\nThe ferry left at noon.\n",
                                       encoding="utf-8")
    result = runner.invoke(app, [*command, option, value])
    assert result.exit_code == 2
    assert result.stderr == f"Error: unknown {option} '{value}'; available: {choices}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wire.txt"]  # nothing written


def test_translate_builds_its_settings_from_the_options_in_one_place(tmp_path):
    from locpipe.context import Settings

    settings = Settings.from_options("fr,ar", engine="pseudo", locale=["ar=ar_SY"],
                                     digits="ar=arab", beam_size=2, out_dir=tmp_path,
                                     date_order="dmy")
    assert settings.targets == ["fr", "ar"] and settings.engine == "pseudo"
    assert settings.locales["ar"] == "ar_SY" and settings.engine_options.beam_size == 2
    assert settings.out_dir == tmp_path and settings.date_order == "dmy"
    with pytest.raises(Exception, match="--retry-budget"):
        Settings.from_options("fr", engine="pseudo", retry_budget=-1)
