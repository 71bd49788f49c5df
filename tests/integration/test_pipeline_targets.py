"""`--to`: any language CLDR knows that the chosen engine can translate (context.parse_targets
behind the CLI); exact one-line errors otherwise."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.context import DEFAULT_TARGETS, parse_targets
from locpipe.engines.install import install_from_file
from locpipe.errors import ConfigError

runner = CliRunner()


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "curfew.txt"
    path.write_text("Curfew lifted in Daraa\nThe night curfew ended on Sunday after 12 days, "
                    "the governor's office said.\n", encoding="utf-8")
    return path


def translate(article: Path, *args: str):
    out = article.parent / "out"
    return runner.invoke(app, ["translate", str(article), "--out", str(out), *args]), out


def test_pseudo_engine_writes_any_cldr_language(article):
    result, out = translate(article, "--engine", "pseudo", "--to", "es,RU, he,fil")
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (out / "curfew").glob("*.html"))
    assert [p for p in pages if ".fragment." not in p] == [
        "es.html", "fil.html", "he.html", "index.html", "report.html", "ru.html"]
    assert [p for p in pages if ".fragment." in p] == [
        "es.fragment.html", "fil.fragment.html", "he.fragment.html", "ru.fragment.html"]


def test_default_targets_stay_french_and_arabic(article):
    assert DEFAULT_TARGETS == ("fr", "ar")
    result, out = translate(article, "--engine", "pseudo")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "curfew").glob("??.html")) == ["ar.html", "fr.html"]


@pytest.mark.parametrize("spelled", ["xq", "pt-BR", "français", "e"])
def test_unknown_code_says_the_valid_form(article, spelled):
    result, out = translate(article, "--engine", "pseudo", "--to", f"fr,{spelled}")
    assert result.exit_code == 2
    assert result.output == (
        f"Error: unknown target language '{spelled}' (not a CLDR language code); write "
        "language codes separated by commas, e.g. --to fr,ar,es (a region goes in --locale, "
        "e.g. --locale pt=pt_BR)\n")
    assert not out.exists()


def test_argos_without_the_model_names_the_installed_pairs(article, argos_packages,
                                                           argos_home):
    install_from_file([argos_packages["fr"], argos_packages["ar"]])
    result, out = translate(article, "--engine", "argos", "--to", "fr,es")
    assert result.exit_code == 2
    assert result.output == (
        "Error: no installed Argos model for en→es; installed: en→ar, en→fr; install one with "
        "'locpipe models install es' or use --engine pseudo\n")
    assert not out.exists()


def test_argos_with_no_model_at_all_says_where_it_looked(article, argos_home):
    result, out = translate(article, "--to", "de")
    assert result.exit_code == 2
    assert result.output == (
        f"Error: no installed Argos model for en→de; installed: none in {argos_home}; install "
        "one with 'locpipe models install de' or use --engine pseudo\n")


def test_empty_and_repeated_targets():
    with pytest.raises(ConfigError, match="no target language given; use --to fr,ar"):
        parse_targets(" , ", "pseudo")
    assert parse_targets("es,ES, es", "pseudo") == ["es"]
    assert parse_targets(["de", "pt"], "pseudo") == ["de", "pt"]
