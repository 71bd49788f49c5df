"""The number scan's gate (detect.may_hold_value): a text it turns away holds nothing the
scan would have found — no value, no problem reported, no figure ignored."""

from __future__ import annotations

import importlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

# the module (the package exports its function `detect` under the same name)
detection = importlib.import_module("locpipe.rules.numbers.detect")
_detect = detection.detect


def _scanned(text: str):
    """detect() as it is without the gate."""
    gate = detection.may_hold_value
    detection.may_hold_value = lambda _text: True
    try:
        return _detect(text)
    finally:
        detection.may_hold_value = gate


def _same(text: str) -> None:
    gated, full = _detect(text), _scanned(text)
    assert (gated.spans, gated.problems, gated.ignored, gated.scales) == \
        (full.spans, full.problems, full.ignored, full.scales), text


# words a value may start or end with, without a figure: months, units, scales, periods,
# clock words, currency signs, codes, and what addresses are made of
WORDS = ("March Mar. Dec Friday noon midnight o'clock a.m. p.m. GMT CET km mph °C °F % "
         "percent per cent million bn m k $ € £ ¥ CHF USD Q H FY CY SY No. # @ www. .com "
         ".org bit.ly https:// ISBN MH Su- v. x ext. three twelve dozen half quarter "
         "first second 1st th s ' - – / : , . ( ) [ ] + − ± ~").split()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(
    alphabet=st.characters(blacklist_categories=("Nd", "No", "Cs")), max_size=6)),
    max_size=14))
def test_a_text_turned_away_holds_nothing_the_scan_finds(parts):
    _same(" ".join(parts))


def test_every_sentence_of_the_projects_texts_is_read_as_without_the_gate():
    texts = [p for p in (ROOT / "tests" / "data").rglob("*") if p.suffix in (".txt", ".md")]
    sentences = [s for p in texts for s in re.split(r"(?<=[.!?])\s+|\n",
                                                    p.read_text(encoding="utf-8")) if s]
    assert len(sentences) > 1000
    turned_away = [s for s in sentences if not detection.may_hold_value(s)]
    assert len(turned_away) > len(sentences) // 3  # what the gate saves
    for sentence in turned_away:
        _same(sentence)


def test_addresses_and_fractions_still_pass_the_gate():
    for text in ("Write to desk@example.org.", "See bit.ly/relief.", "About ½ cup.",
                 "Visit www.example.net", "٣ أيام"):
        assert detection.may_hold_value(text)
    assert [q.kind for *_, q in _detect("Write to desk@example.org.").spans] == ["url"]
