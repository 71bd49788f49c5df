"""The engine registry: which engines exist and which language pairs each can translate."""

import pytest
from babel.localedata import locale_identifiers
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.engines import available_pairs, is_language_code, load_engine, require_pair
from locpipe.engines.install import install_from_file
from locpipe.errors import ConfigError, ModelError

PLAIN_CODES = sorted({c for c in locale_identifiers() if "_" not in c and c != "root"})


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.sampled_from(PLAIN_CODES))
def test_every_cldr_language_is_a_code_the_pseudo_engine_translates(code):
    assert is_language_code(code)
    require_pair("pseudo", "en", code)  # no error: pseudo does any pair
    assert load_engine("pseudo", "en", code).translate([""]) == [""]


@pytest.mark.parametrize("code", ["pt-BR", "pt_br", "EN", "xq", "und", "", "e",
                                  "fr-1_0/../../../x", "fr\n", "root"])
def test_what_is_not_a_language_code(code):
    assert not is_language_code(code)


def test_pseudo_translates_any_pair_argos_what_is_installed(argos_packages, argos_home):
    assert available_pairs("pseudo") is None
    assert available_pairs("argos") == []
    install_from_file([argos_packages["ar"], argos_packages["fr"]])
    assert available_pairs("argos") == [("en", "ar"), ("en", "fr")]
    require_pair("argos", "en", "fr")
    with pytest.raises(ModelError) as err:
        require_pair("argos", "en", "he")
    assert str(err.value) == ("no installed Argos model for en→he; installed: en→ar, en→fr; "
                              "install one with 'locpipe models install he' or use --engine "
                              "pseudo")
    with pytest.raises(ModelError, match="install one with 'locpipe models install fr-de'"):
        require_pair("argos", "fr", "de")


def test_unknown_engine_lists_the_engines():
    with pytest.raises(ConfigError) as err:
        available_pairs("deepl")
    assert str(err.value) == "unknown engine 'deepl'; available: argos, llm, pseudo"
