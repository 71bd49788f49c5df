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
                                         "translate; did you mean 'digits'?\n",
        '[translate]\nspeed = 2\n': "'speed' in [translate] is not an option of locpipe "
                                    "translate; known: batch-inputs, batch-tokens, beam-size",
        '[tranlate]\ndigits = "arab"\n': "[tranlate] is not a locpipe command; did you mean "
                                         "[translate]?\n",
        '[po.aply]\nmemory = "m"\n': "[po.aply] is not a locpipe command; did you mean "
                                     "[po.apply]?\n",
        '[publish]\nfail-on = "error"\n': "[publish] is not a locpipe command; use tables "
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


def test_config_value_of_the_wrong_type_is_one_line_naming_the_file_and_key(sample, tmp_path,
                                                                           monkeypatch):
    monkeypatch.chdir(tmp_path)
    cases = {
        'beam_size = "x"': "'beam-size' in [translate] must be an integer, not \"x\"",
        "beam-size = 2.5": "'beam-size' in [translate] must be an integer, not 2.5",
        "threads = true": "'threads' in [translate] must be an integer, not true",
        'force = "maybe"': "'force' in [translate] must be true or false, not \"maybe\"",
        'length_penalty = "0.5"': "'length-penalty' in [translate] must be a number, "
                                  "not \"0.5\"",
        "digits = 1": "'digits' in [translate] must be a string, not 1",
        "to = 3": "'to' in [translate] must be a string or a list of strings, not 3",
        'to = ["fr", 3]': "'to' in [translate] must be a string or a list of strings, "
                          "not [\"fr\", 3]",
        "locale = [1]": "'locale' in [translate] must be a list of strings, not [1]",
        "glossary = 7": "'glossary' in [translate] must be a list of paths (strings), not 7",
        "out = {dir = 'x'}": "'out' in [translate] must be a path (a string), "
                             "not {\"dir\": \"x\"}",
    }
    for line, message in cases.items():
        (tmp_path / "locpipe.toml").write_text(f"[translate]\n{line}\n", encoding="utf-8")
        result = _translate(sample, tmp_path / "out")
        assert (result.exit_code, result.output) == (2, f"Error: locpipe.toml: {message}\n"), line
    assert not (tmp_path / "out").exists()


def test_config_wrong_type_in_a_subcommand_table_names_the_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk.toml").write_text("[po.apply]\nmemory = false\n", encoding="utf-8")
    result = runner.invoke(app, ["--config", "desk.toml", "qa", str(tmp_path)])
    assert (result.exit_code, result.output) == (
        2, "Error: desk.toml: 'memory' in [po.apply] must be a path (a string), not false\n")


def test_config_list_for_to_and_one_string_for_locale_are_accepted(sample, tmp_path,
                                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locpipe.toml").write_text('[translate]\nto = ["ar", "fr"]\n'
                                           'locale = "ar=ar_SY"\nforce = true\n',
                                           encoding="utf-8")
    result = runner.invoke(app, ["translate", str(sample), "--engine", "pseudo", "--out",
                                 str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (tmp_path / "out" / "homs-aid-convoy").glob("*.html"))
    assert pages == ["ar.fragment.html", "ar.html", "fr.fragment.html", "fr.html", "index.html",
                     "report.html"]
    assert "|locale:ar_SY|" in (tmp_path / "out" / "homs-aid-convoy" / "ar.html").read_text()
