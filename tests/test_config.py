"""Desk settings in locpipe.toml: defaults for every command's options, one error line if wrong."""

from typer.testing import CliRunner

from locpipe.cli import app

runner = CliRunner()


def _translate(sample, out, *args):
    return runner.invoke(app, [*args, "translate", str(sample), "--engine", "pseudo", "--to",
                               "ar", "--out", str(out)])


def test_config_file_in_the_working_directory_sets_defaults(sample, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locpipe.toml").write_text('[translate]\ndigits = "arab"\n'
                                           'locale = ["ar=ar_SY"]\ndate-order = "dmy"\n')
    result = _translate(sample, tmp_path / "out")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "homs-aid-convoy" / "ar.html").read_text()
    assert "|locale:ar_SY|digits:arab|" in page
    assert "٤٢" in page  # "42 trucks" in Arabic-Indic digits


def test_command_line_option_wins_over_the_config_file(sample, tmp_path):
    config = tmp_path / "desk.toml"
    config.write_text('[translate]\ndigits = "arab"\nbeam_size = 2\n')
    result = _translate(sample, tmp_path / "out", "--config", str(config))
    assert result.exit_code == 0, result.output
    assert "|digits:arab|beam:2|" in (tmp_path / "out" / "homs-aid-convoy" / "ar.html"
                                      ).read_text()
    result = runner.invoke(app, ["--config", str(config), "translate", str(sample), "--engine",
                                 "pseudo", "--to", "ar", "--digits", "latn", "--out",
                                 str(tmp_path / "out2")])
    assert result.exit_code == 0, result.output
    assert "|digits:latn|beam:2|" in (tmp_path / "out2" / "homs-aid-convoy" / "ar.html"
                                      ).read_text()


def test_bad_config_is_one_line_exit_2_and_nothing_written(sample, tmp_path):
    cases = {
        '[translate]\ndigts = "arab"\n': "'digts' in [translate] is not an option of locpipe "
                                         "translate; known: beam-size, date-order, digits",
        '[tranlate]\ndigits = "arab"\n': "[tranlate] is not a locpipe command; use tables "
                                         "named after commands: [translate], [qa]",
        "[translate\n": "is not valid TOML (Expected ']' at the end of a table declaration "
                        "(at line 1, column 11))",
    }
    for n, (text, message) in enumerate(cases.items()):
        config = tmp_path / f"bad{n}.toml"
        config.write_text(text)
        result = _translate(sample, tmp_path / "out", "--config", str(config))
        assert result.exit_code == 2
        assert result.output.count("\n") == 1
        assert result.output.startswith(f"Error: {config}: {message}")
    result = _translate(sample, tmp_path / "out", "--config", str(tmp_path / "none.toml"))
    assert result.output == f"Error: {tmp_path / 'none.toml'}: no such config file\n"
    assert not (tmp_path / "out").exists()
