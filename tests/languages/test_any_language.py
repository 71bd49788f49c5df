"""Issue 11's promise, as a reader sees it: one command writes a page per language with that
language's CLDR numbers and dates, direction and PO file, and the QA raises nothing that the
language itself causes. Article written for this test."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe import languages
from locpipe.cli import app

ARTICLE = """\
Water trucks reach eastern Idlib after months of drought

Aid agencies said on Tuesday that 50,000 people in eastern Idlib had received water \
since March 3, 2025.

The operation cost $4.5 million, and 12 percent of the wells in the region were still dry.

Local officials said 1,250 families had returned to their villages by the end of the week.
"""

LANGS = ["fr", "ar", "es", "de", "pt", "ru", "he"]
# What a reader of each page sees for 50,000 / March 3, 2025 / 1,250 (CLDR, default locale).
EXPECTED = {
    "fr": ("50\u202f000", "3 mars 2025", "1\u202f250", "ltr"),
    "ar": ("50,000", "3 مارس 2025", "1,250", "rtl"),
    "es": ("50.000", "3 de marzo de 2025", "1.250", "ltr"),  # Babel: no minimumGroupingDigits
    "de": ("50.000", "3. März 2025", "1.250", "ltr"),
    "pt": ("50.000", "3 de março de 2025", "1.250", "ltr"),
    "ru": ("50\u00a0000", "3 марта 2025", "1\u00a0250", "ltr"),
    "he": ("50,000", "3 במרץ 2025", "1,250", "rtl"),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seven")
    article = root / "idlib-water.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    glossary = root / "glossary"  # one name, with forms for two of the seven languages only
    glossary.mkdir()
    (glossary / "places.csv").write_text("en,fr,ar,type,policy\nIdlib,Idleb,إدلب,place,enforce\n",
                                         encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(article), "--to", ",".join(LANGS),
                                      "--engine", "pseudo", "--glossary", str(glossary),
                                      "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return root / "out" / "idlib-water"


def _reader_text(page: str) -> str:
    body = page.split("<body", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", "", body)))


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_reads_in_the_languages_conventions(run, lang):
    page = (run / f"{lang}.html").read_text(encoding="utf-8")
    number, date, families, direction = EXPECTED[lang]
    assert re.search(rf'<html lang="{lang}" dir="{direction}"', page)
    text = _reader_text(page)
    assert number in text and date in text and families in text
    # every language of the run is one click away
    for other in LANGS:
        assert f'href="{other}.html"' in page


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt not installed")
def test_the_po_file_passes_msgfmt_with_cldr_plural_forms(run, lang):
    po = run / f"{lang}.po"
    subprocess.run(["msgfmt", "--check", "--check-header", "-o", "/dev/null", str(po)],
                   check=True, capture_output=True)
    header = po.read_text(encoding="utf-8")
    assert f'"Plural-Forms: {languages.get(lang).plural_forms}\\n"' in header


def test_no_numbers_or_untranslated_findings_come_from_the_language(run):
    result = CliRunner().invoke(app, ["qa", str(run), "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    caused = [f for f in findings if f["check"] in ("numbers", "untranslated",
                                                     "doubled_punctuation", "punctuation")]
    assert caused == []
