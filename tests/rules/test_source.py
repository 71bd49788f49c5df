"""Source consistency of an article's English: check_text and fix_text (pure)."""

from pathlib import Path

import pytest

from locpipe.formats.glossary import load_glossary
from locpipe.rules.source import check_text, fix_text
from locpipe.rules.terms import Glossary

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "glossary"


@pytest.fixture(scope="module")
def g() -> Glossary:
    return load_glossary([STARTER])


ARTICLE = """Rebels push towards Hama
HTS fighters took 12 villages on Tuesday.
Hayat Tahrir al Sham (HTS) said Bashar Assad's forces had fled.
Hayat Tahrir al-Shams denied it, while ISIS cells stayed quiet.
"""


def test_check_source(g):
    p = Path("a.txt")
    messages = [str(f) for f in check_text(ARTICLE, g, p)]
    assert messages == [
        f"{p}:2:1: acronym 'HTS' used before it is defined; write 'Hayat Tahrir al-Sham (HTS)' "
        "at its first mention",
        f"{p}:3:1: variant spelling 'Hayat Tahrir al Sham'; the glossary writes "
        "'Hayat Tahrir al-Sham'",
        f"{p}:3:33: variant spelling 'Bashar Assad'; the glossary writes 'Bashar al-Assad'",
        f"{p}:4:1: 'Hayat Tahrir al-Shams' looks like a misspelling of 'Hayat Tahrir al-Sham'",
        f"{p}:4:40: 'ISIS' is deprecated; write 'Islamic State group'",
    ]


def test_fix_text(g):
    fixed, count = fix_text(ARTICLE, check_text(ARTICLE, g, Path("a.txt")))
    assert count == 3
    assert "Hayat Tahrir al-Sham (HTS) said Bashar al-Assad's forces" in fixed
    assert "while Islamic State group cells" in fixed


def test_check_source_ignores_markup(g):
    html = '<p><a href="/tags/Hayat Tahrir al-Shams">Hayat Tahrir al-Sham</a></p>\n'
    assert check_text(html, g, Path("a.html")) == []


def test_an_acronym_defined_in_brackets_with_markup_around_it_is_defined(g):
    # a CMS page marks the acronym up: "(<abbr>WFP</abbr>)" defines it like "(WFP)"
    html = ("<p>The World Food Programme (<abbr title=\"World Food Programme\">WFP</abbr>) "
            "flew in flour.</p>\n<p>WFP trucks followed on Sunday.</p>\n")
    assert [f.message for f in check_text(html, g, Path("a.html"))] == []
    bare = "<p>The <abbr>WFP</abbr> flew in flour.</p>\n"
    assert [f.message for f in check_text(bare, g, Path("a.html"))] == [
        "acronym 'WFP' used before it is defined; write 'World Food Programme (WFP)' at its "
        "first mention"]
