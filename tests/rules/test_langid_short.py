"""Language identification on short text (issue 15): langdetect restricted to the languages
that can occur in the run, and the cheap script/function-word check that goes first."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.rules import langid

FRAGMENTS = json.loads((Path(__file__).parents[1] / "data" / "langid" /
                        "short_fragments.json").read_text("utf-8"))


def test_run_languages_are_source_targets_and_the_likely_quoted_ones():
    among = langid.run_languages("en", ("fr", "ar"))
    assert {"en", "fr", "ar", "es", "de", "ru", "tr"} <= among
    assert "af" not in among and "ca" not in among and "nl" not in among
    assert "xx" not in langid.run_languages("en", ("xx",))  # langdetect has no profile


@pytest.mark.parametrize(("text", "lang", "unrestricted"), [
    ("Schools reopen next week", "en", "nl"),
    ("Aid workers were evacuated", "en", "af"),
    ("El hospital sin combustible", "es", "ca"),
    ("L'hôpital manque de carburant", "fr", "ca"),
])
def test_restricted_langdetect_gets_short_fragments_right(text, lang, unrestricted):
    assert langid.ranked_languages(text)[0][0] == unrestricted
    assert langid.ranked_languages(text, langid.run_languages("en", ("fr", "ar")))[0][0] == lang


def test_restriction_is_more_accurate_on_every_fragment_set():
    among = langid.run_languages("en", ("fr", "ar"))
    before = after = total = 0
    for lang in ("en", "fr", "es", "de", "ar"):
        for text in FRAGMENTS[lang]:
            total += 1
            before += langdetect_top(text) == lang
            after += langdetect_top(text, among) == lang
    assert after > before and after / total >= 0.95


def langdetect_top(text, among=None):
    found = langid.ranked_languages(text, among)
    return found[0][0] if found else ""


def test_cheap_check_settles_clear_output_without_langdetect(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("langdetect was asked")

    monkeypatch.setattr(langid, "ranked_languages", refuse)
    ok, g = langid.in_language("Les habitants de la ville ont fui pendant la nuit.", "fr")
    assert ok and g.method == "function-words"
    ok, g = langid.in_language("قال المجلس المحلي إن القافلة وصلت إلى المدينة يوم الأحد.", "ar")
    assert ok and g.method == "script"


def test_mixed_output_is_not_settled_by_the_cheap_check():
    text = "Les habitants de la ville said that the convoy had arrived in the city."
    ok, g = langid.in_language(text, "fr")
    assert g.method == "langdetect"


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(FRAGMENTS["en"]), min_size=2, max_size=4))
def test_english_sentences_never_pass_as_french_by_the_cheap_check(parts):
    text = ", and ".join(parts) + "."
    assert langid._cheap_verdict(text, "fr", "en") is None
