"""The number scan's look-aheads (round 6: patterns._START, where a value can start, and
patterns._FIGURE_END, a figure that must be whole): SOURCE_RE finds exactly what the same
alternatives find without them — every match, its span, its group and each group's text — on
generated texts (glued and spaced tokens of every kind of value, any sub-range) and on every
sentence of the project's texts and of the shared corpora."""

from __future__ import annotations

import importlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.rules.numbers.patterns import (
    _FIGURE_END,
    _START,
    _WORD_STARTS,
    CURRENCY_SYMBOLS,
    MONTH_ABBR,
    MONTHS,
    PHONE_WORDS,
    SOURCE_RE,
    WEEKDAYS,
)
from locpipe.rules.numbers.verify import DIGIT_RUN
from tests.conftest import ROOT

UNGUARDED = re.compile(SOURCE_RE.pattern.replace(_START, "", 1).replace(_FIGURE_END, ""), re.I)
CORPORA = ROOT.parent.parent / "shared" / "corpora"


def _scan(rx: re.Pattern, text: str, pos: int = 0, end: int | None = None) -> list:
    end = len(text) if end is None else end
    return [(m.span(), m.lastgroup, m.groups()) for m in rx.finditer(text, pos, end)]


def _same(text: str, pos: int = 0, end: int | None = None) -> None:
    assert _scan(SOURCE_RE, text, pos, end) == _scan(UNGUARDED, text, pos, end), text


def test_the_look_aheads_are_there_and_add_no_group():
    assert SOURCE_RE.pattern.count(_START) == 1 and SOURCE_RE.pattern.count(_FIGURE_END) == 12
    assert UNGUARDED.groups == SOURCE_RE.groups
    assert UNGUARDED.groupindex == SOURCE_RE.groupindex


def test_the_word_starts_cover_every_month_weekday_and_phone_word():
    phone_words = [re.sub(r"\(\?:\w+\)\?|s\?", "", w) for w in PHONE_WORDS.split("|")]
    for word in list(MONTHS) + list(MONTH_ABBR) + WEEKDAYS + phone_words + ["www."]:
        assert re.match(f"(?:{_WORD_STARTS})", word, re.I), word


# Tokens each value starts or ends with: month and weekday names in three cases, phone
# words, software names, codes and currency words, symbols, units, clock words, labels,
# addresses' pieces, figures of every shape, and the marks between them.
_NAMES = (list(MONTHS) + list(MONTH_ABBR) + WEEKDAYS + ["tues", "thurs", "sept"])
TOKENS = sorted(
    {w for n in _NAMES for w in (n, n.title(), n.upper())}
    | set("phone phones telephone tel mobile cell cellphone fax hotline helpline whatsapp call "
          "dial number no is at on us line directly version ver. firmware Android iOS macOS "
          "Windows Linux kernel Python Chrome Bluetooth USB HTTP HTML Wi-Fi WiFi Web Industry "
          "Version ISBN ISBN-13 ISO IEC ISO/IEC IEEE RFC EN DIN ANSI FY CY SY cy sy Q q H h "
          "No No. usd USD eur EUR gbp GBP MUSD MAUD CHF AUD ALL TOP NGO rmb RMB rs Rs Rs. us "
          "US u.s. U.S. hk HK nz a c s cad CAD mex Mex dollar dollars euro euros yen yuan rupee "
          "rupees pounds sterling bitcoins btc BTC cents pence satoshis million billion bn m mn "
          "k K M MM b mil mln crore lakh thousand km mph kg °C °F C F degrees per cent percent "
          "percentage points a.m. p.m. am pm o'clock noon midnight GMT UTC local hours hrs h "
          "min mins minutes years old ft in lb oz feet inches cup cups gallons m2 km² sq "
          "century centuries st nd rd th s 's x × MH Su F- magnitude- www. http:// https:// "
          "example.org bit.ly .com .net .ly @ desk@ news.example.com 7.am".split())
    | set(CURRENCY_SYMBOLS) | {"₿", "¢", "½", "¾", "⅓", "²", "_"})
FIGURES = st.from_regex(r"\A(?:\d{1,5}|\d{1,3}(?:,\d{3}){1,2}|\d+\.\d{1,2}|\d{1,2}[:/.-]\d{1,4}"
                        r"|\d{4}-\d{2}-\d{2}|0\d{2,4}[ -]\d{3,8}|\+\d{2} \d{2,4} \d{3,4}"
                        r"|\d{1,2}/\d{1,2}/\d{2,4}|\d \d{3} \d{3}|[٠-٩]{1,4})\Z", fullmatch=True)
GLUE = st.sampled_from(["", " ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u202f", ".", ". ", ",",
                        ", ", "-", "–", "—", "/", ":", ": ", "(", ")", "'", "’", "+", "−",
                        "$", "#", "“", "”", "%", "&"])
PIECE = st.one_of(st.sampled_from(TOKENS), FIGURES,
                  st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=4))


@st.composite
def texts(draw) -> str:
    pieces = draw(st.lists(st.tuples(PIECE, GLUE), max_size=12))
    return "".join(p + g for p, g in pieces)


@settings(max_examples=1500, deadline=None)
@given(texts(), st.integers(0, 40), st.integers(0, 40))
def test_generated_texts_and_their_ranges_are_scanned_alike(text, cut_start, cut_end):
    _same(text)
    start, end = min(cut_start, len(text)), max(0, len(text) - cut_end)
    if start <= end:
        _same(text, start, end)


def _project_sentences() -> list[str]:
    files = [p for d in ("tests/data", "samples") for p in (ROOT / d).rglob("*")
             if p.suffix in (".txt", ".md", ".tsv", ".html", ".po")]
    return [s for p in files
            for s in re.split(r"(?<=[.!?])\s+|\n", p.read_text(encoding="utf-8")) if s]


def test_every_sentence_of_the_projects_texts_is_scanned_alike():
    sentences = _project_sentences()
    assert len(sentences) > 1000
    for sentence in sentences:
        _same(sentence)


@pytest.mark.skipif(not CORPORA.is_dir(), reason="the shared corpora are not beside the checkout")
def test_every_sentence_of_the_shared_corpora_is_scanned_alike():
    inputs = [case["Input"] for path in sorted(CORPORA.rglob("*.json"))
              for case in json.loads(path.read_text(encoding="utf-8-sig"))
              if isinstance(case, dict) and isinstance(case.get("Input"), str)]
    assert len(inputs) > 1000
    for text in inputs:
        _same(text)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="0123456789.,٣٤ a-/", max_size=16))
def test_digit_runs_are_found_as_by_the_look_behind_first_pattern(text):
    plain = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d])")
    assert [m.span() for m in DIGIT_RUN.finditer(text)] == \
        [m.span() for m in plain.finditer(text)]


def _outcome(fn, text):
    try:
        return fn(text)
    except Exception as exc:  # noqa: BLE001 - the plain form's failures are compared too
        return type(exc)


SCALE_TEXT = st.lists(st.one_of(
    st.sampled_from(["million", "billion", "trillion", "MILLION", "Billions", "mİllİon", "bıllıon",
                     "ſ", "llion", "s", "5", " ", "-", ".", "lli̇on", "thousand", "bn"]),
    st.text(max_size=3)), max_size=8).map("".join)


@settings(max_examples=800, deadline=None)
@given(SCALE_TEXT)
def test_scale_words_are_read_as_by_the_plain_pattern(text):
    detection = importlib.import_module("locpipe.rules.numbers.detect")

    def plain(t):
        return [detection.SCALES[w.lower()] for w in detection._SCALE_WORD_RE.findall(t)]

    assert _outcome(detection._scale_words, text) == _outcome(plain, text)


FRACTION_TEXT = st.lists(st.one_of(
    st.sampled_from(["one", "two", "three", "half", "halves", "third", "thirds", "quarter",
                     "Quarters", "HALF", "twenty", "a dozen", "zero", " ", "-", "and"]),
    st.text(max_size=3)), max_size=8).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(FRACTION_TEXT)
def test_spelled_values_are_read_as_without_the_fraction_gate(text):
    detection = importlib.import_module("locpipe.rules.numbers.detect")
    lower = text.lower()
    plain = [m.groups() for m in re.finditer(
        r"\b(?:(one|two|three)[\s-])?(half|third|quarter)s?\b", lower)]
    assert [m.groups() for m in detection._FRACTION_WORD_RE.finditer(lower)] == plain
    # spelled_values' gate: a text it turns away has nothing the pattern finds
    if not any(word in lower for word in ("half", "third", "quarter")):
        assert not plain
