"""Turkish, added after the wiring as one file in locpipe/languages/: what a reader of the page
and the QA see. Sentences written for this test."""

from __future__ import annotations

from typer.testing import CliRunner

from locpipe import checks, languages
from locpipe.checks import Pair
from locpipe.cli import app
from locpipe.rules.numbers import check_numbers

ARTICLE = """\
Bakeries reopen in Hama as flour arrives

A convoy carried 80,000 loaves and $2.5 million of flour to Hama on April 9, 2025.

Officials said 15 percent of the bakeries were still closed.
"""


def test_turkish_is_a_curated_language_from_one_file():
    profile = languages.get("tr")
    assert profile.curated and "tr" in languages.CURATED
    assert profile.plural_forms.startswith("nplurals=2;")


def test_a_turkish_page_writes_figures_the_turkish_way(tmp_path):
    article = tmp_path / "hama-bread.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "places.csv").write_text("en,fr,type,policy\nHama,Hama,place,enforce\n",
                                               encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(article), "--to", "tr", "--engine",
                                      "pseudo", "--glossary", str(tmp_path / "g"),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "hama-bread" / "tr.html").read_text(encoding="utf-8")
    assert '<html lang="tr" dir="ltr"' in page
    for figure in ("80.000", "2,5 milyon dolar", "9 Nisan 2025", "%15"):
        assert figure in page


def test_the_checks_know_turkish_figures_and_words():
    source = "The fund pledged $3 million to 12,000 families, officials said."
    right = "Fon, 12.000 aileye 3 milyon dolar sözü verdi, dedi yetkililer."
    assert check_numbers(source, right, "tr", None) == []
    assert check_numbers(source, right.replace("12.000", "2.000"), "tr", None)
    english_left = "Fon, 12.000 aileye 3 milyon dolar and that was said by the officials."
    assert checks.untranslated(Pair(source, english_left, "tr"))
    assert checks.untranslated(Pair(source, right, "tr")) == []
