"""The review report: side by side, findings shown, terms marked, filter, RTL, no overflow."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.document import Unit
from locpipe.engines.pseudo import PseudoEngine
from locpipe.formats.readers import read_document
from locpipe.formats.report import mark_text, render_report
from locpipe.rules.terms import Entry, Occurrence, TermState
from locpipe.stages.segment import segment_document
from tests.chromium import evaluate, needs_chromium

DATA = Path(__file__).parents[1] / "data" / "qa"


def build(lang_targets=("fr", "ar")):
    doc = segment_document(read_document(DATA / "mixed-quote.txt", "utf-8"))
    units = {}
    for lang in lang_targets:
        engine = PseudoEngine("en", lang)
        units[lang] = []
        for seg in doc.segments:
            u = Unit(seg, lang, target=engine.translate([seg.text])[0])
            units[lang].append(u)
    ar = units["ar"]
    ar[1].flag("numbers", "error", "3,000 is missing")
    ar[1].notes.append("glossary: Idlib → إدلب")
    idlib = Entry({"en": ["Idlib"], "ar": ["إدلب"]})  # what the glossary stages leave
    ar[1].put(TermState(verified=[Occurrence(idlib, "Idlib", "إدلب", right=True)]))
    ar[1].notes.append("language: first output was English; retried clause by clause")
    ar[1].target = ar[1].target + " إدلب"
    units["fr"][4].flag("length", "warning", "the translation is 0.31× the source length")
    return doc, units


def test_mark_text_escapes_and_marks_tags_and_terms():
    assert mark_text("The <1>UN</1> & HTS", ["HTS"]) == (
        'The <span class="tag">&lt;1&gt;</span>UN<span class="tag">&lt;/1&gt;</span> &amp; '
        '<mark class="term">HTS</mark>')


def test_report_rows_findings_and_terms():
    doc, units = build()
    page = render_report(doc, units, "engine:pseudo")
    assert page.count('class="has-findings"') == 2
    assert page.count('class="clean"') == 4
    assert ('<li class="error"><b>numbers</b> (error): 3,000 is missing</li>') in page
    assert '<mark class="term">Idlib</mark>' in page  # source column
    assert '<mark class="term">إدلب</mark>' in page  # Arabic column
    assert '<td lang="ar" dir="rtl">' in page
    assert ('<ul class="notes" lang="en" dir="ltr"><li>language: first output was English; '
            "retried clause by clause</li></ul>") in page
    assert "<li>glossary: Idlib" not in page  # glossary notes show as marked terms instead
    assert ("<td>1</td><td>0</td><td>0</td><td>1/6</td><td>0/6</td><td>numbers 1</td>"
            in page)  # summary


def test_report_marks_the_sentences_an_editor_reviewed():
    doc, units = build()
    fr = units["fr"]
    fr[2].origin, fr[2].target = "reviewed", "Les secours sont arrivés à l’aube."
    fr[3].origin = "memory"
    page = render_report(doc, units, "engine:pseudo")
    assert ('<td lang="fr" class="reviewed"><span class="reviewed-mark" lang="en" dir="ltr">'
            "✓ reviewed</span> Les secours sont arrivés à l’aube.</td>") in page
    assert '<span class="reviewed-mark" lang="en" dir="ltr">✓ reviewed (memory)</span>' in page
    assert page.count('class="reviewed"') == 2  # machine sentences carry no mark
    assert "<td>0</td><td>1</td><td>0</td><td>1/6</td><td>2/6</td><td>length 1</td>" in page


def test_translate_writes_report_linked_from_index(sample, tmp_path):
    from typer.testing import CliRunner

    from locpipe.cli import app

    result = CliRunner().invoke(app, ["translate", str(sample), "--engine", "pseudo",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "homs-aid-convoy"
    assert "Review report — " in (out / "report.html").read_text()
    assert '<a href="report.html">Review report (QA findings)</a>' in (
        out / "index.html").read_text()


@pytest.fixture
def report_page(tmp_path):
    doc, units = build()
    page = tmp_path / "report.html"
    page.write_text(render_report(doc, units, "engine:pseudo"), encoding="utf-8")
    return page


@pytest.mark.browser
@needs_chromium
def test_report_in_chromium_rtl_filter_and_no_overflow(report_page):
    visible = ("(() => [...document.querySelectorAll('table.segments tbody tr')]"
               ".filter(r => r.offsetHeight > 0))()")
    result = evaluate(report_page, """{
      ar: getComputedStyle(document.querySelector('td[lang="ar"]')).direction,
      fr: getComputedStyle(document.querySelector('td[lang="fr"]')).direction,
      before: VISIBLE().length,
      after: (document.getElementById('only-findings').checked = true, VISIBLE().map(r => r.id)),
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }""".replace("VISIBLE()", visible))
    assert result["ar"] == "rtl" and result["fr"] == "ltr"
    assert result["before"] == 6
    assert result["after"] == ["mixed-quote:2.1", "mixed-quote:5.1"]
    assert result["overflow"] <= 0


@pytest.mark.browser
@needs_chromium
def test_report_narrow_window_has_no_horizontal_overflow(report_page):
    overflow = evaluate(report_page, "document.documentElement.scrollWidth - "
                                     "document.documentElement.clientWidth", width=420)
    assert overflow <= 0


def test_report_says_when_an_element_over_two_sentences_is_written_as_two(tmp_path):
    """Issue 22: a link over two sentences is one element where the translation keeps the
    sentences' edges; where it does not, the report says so under the second sentence."""
    from locpipe.document import Unit
    from locpipe.formats.readers import read_document
    from locpipe.formats.report import render_report
    from locpipe.stages.segment import segment_document

    src = tmp_path / "link.html"
    src.write_text('<h1>Hama</h1>\n<p>He read <a href="/r">the report. It was long</a> and '
                   "left.</p>\n", encoding="utf-8")
    doc = segment_document(read_document(src))
    first, second = doc.blocks[1].segments
    kept = [Unit(first, "fr", target="Il a lu <1>le rapport.</1>"),
            Unit(second, "fr", target="<1>Il était long</1> et il est parti.")]
    moved = [Unit(first, "fr", target="Il a lu <1>le rapport.</1>"),
             Unit(second, "fr", target="Il est parti, <1>il était long</1>.")]
    note = "markup: the &lt;a&gt; over this sentence and the one before is written as two"
    assert note not in render_report(doc, {"fr": kept}, "sig")
    assert note in render_report(doc, {"fr": moved}, "sig")


def _marked_as_it_was(text: str, terms: list[str]) -> str:
    """mark_text's spans as found before (a regular expression per term), for the test below."""
    import html
    import re

    from locpipe.markup import PLACEHOLDER_RE, TAG_RE

    spans = [(m.start(), m.end(), "tag") for rx in (TAG_RE, PLACEHOLDER_RE)
             for m in rx.finditer(text)]
    spans += [(m.start(), m.end(), "term") for term in sorted(set(terms), key=len, reverse=True)
              for m in re.finditer(re.escape(term), text)]
    out, pos = [], 0
    for start, end, kind in sorted(spans):
        if start >= pos:
            inner = html.escape(text[start:end], quote=False)
            out.append(html.escape(text[pos:start], quote=False) + (
                f'<span class="tag">{inner}</span>' if kind == "tag"
                else f'<mark class="term">{inner}</mark>'))
            pos = end
    return "".join(out) + html.escape(text[pos:], quote=False)


_REPORT_PIECES = ["HTS", "the HTS", "aa", "a", " ", "<1>", "</1>", "<n2/>", "&", "<", "Idlib",
                  "سوريا", "."]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_REPORT_PIECES), max_size=12),
       st.lists(st.sampled_from(["HTS", "the HTS", "aa", "a", "Idlib", "سوريا", "<1>", ""]),
                max_size=3))
def test_terms_are_marked_where_a_pattern_per_term_marked_them(pieces, terms):
    text = "".join(pieces)
    assert mark_text(text, terms) == _marked_as_it_was(text, terms)
