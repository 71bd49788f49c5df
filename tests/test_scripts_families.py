"""Issue 24, as a reader sees it: one article through the pseudo engine into a language of every
script family (Latin, Cyrillic, Greek, Arabic with Persian and Urdu, Hebrew, Devanagari, Thai,
Han, Kana, Hangul). Each page has the language's direction, quotation marks, digits and a
number and a date in CLDR form; `locpipe qa` on the output never crashes and finds no error.
Article written for this test."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app

ARTICLE = """\
Engineers reopen the Raqqa bridge after two years of repairs
Traffic returns to the old crossing
Engineers reopened the main bridge over the Euphrates in Raqqa on Sunday, allowing 12,500 \
vehicles a day to cross the river again.
The works took 26 months, local officials said. About 40 percent of the money came from \
the UN, which lists the project on www.unocha.org.
“We have waited for this day since 2017,” said Ahmad, a taxi driver who crossed the bridge \
on March 9, 2025.
Repairs on a second bridge will begin in 2026
"""

NNBSP, NBSP = "\u202f", "\u00a0"
# family: (language, direction, 12,500, March 9, 2025, quotation marks) as CLDR and the
# language's profile write them (a CLDR-only profile leaves the engine's “” alone)
FAMILIES = {
    "Latin": ("fr", "ltr", f"12{NNBSP}500", "9 mars 2025", ("«", "»")),
    "Cyrillic": ("uk", "ltr", f"12{NBSP}500", f"9 березня 2025{NNBSP}р.", ("«", "»")),
    "Greek": ("el", "ltr", "12.500", "9 Μαρτίου 2025", ("“", "”")),
    "Arabic": ("ar", "rtl", "12,500", "9 مارس 2025", ("«", "»")),
    "Arabic (Persian)": ("fa", "rtl", "12,500", "9 مارس 2025", ("«", "»")),
    "Arabic (Urdu)": ("ur", "rtl", "12,500", "9 مارچ، 2025", ("“", "”")),
    "Hebrew": ("he", "rtl", "12,500", "9 במרץ 2025", ("“", "”")),
    "Devanagari": ("hi", "ltr", "12,500", "9 मार्च 2025", ("“", "”")),
    "Thai": ("th", "ltr", "12,500", "9 มีนาคม ค.ศ. 2025", ("“", "”")),
    "Han": ("zh", "ltr", "12,500", "2025年3月9日", ("“", "”")),
    "Kana": ("ja", "ltr", "12,500", "2025年3月9日", ("「", "」")),
    "Hangul": ("ko", "ltr", "12,500", "2025년 3월 9일", ("“", "”")),
}
LANGS = [v[0] for v in FAMILIES.values()]
# The same figures in each locale's native digits (--digits native)
NATIVE = {
    "ar": ("١٢٬٥٠٠", "٩ مارس ٢٠٢٥"),
    "fa": ("۱۲٬۵۰۰", "۹ مارس ۲۰۲۵"),
    "ur": ("۱۲٬۵۰۰", "۹ مارچ، ۲۰۲۵"),
    "hi": ("१२,५००", "९ मार्च २०२५"),
    "th": ("๑๒,๕๐๐", "๙ มีนาคม ค.ศ. ๒๐๒๕"),
    "zh": ("一二,五〇〇", "二〇二五年三月九日"),
}
# The sentence-final mark each page ends the first paragraph with
FULL_STOP = {"zh": "。", "ja": "。", "hi": "।", "ur": "۔"}


def _translate(root: Path, *options: str) -> Path:
    article = root / "raqqa-bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    langs = NATIVE if "--digits" in options else LANGS
    result = CliRunner().invoke(app, ["translate", str(article), "--to", ",".join(langs),
                                      "--engine", "pseudo", "--out", str(root / "out"),
                                      *options])
    assert result.exit_code == 0, result.output
    return root / "out" / "raqqa-bridge"


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    return _translate(tmp_path_factory.mktemp("families"))


@pytest.fixture(scope="module")
def native_run(tmp_path_factory) -> Path:
    return _translate(tmp_path_factory.mktemp("native"), "--digits", "native")


def _reader_text(page: str) -> str:
    body = page.split("<body", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", "", body)))


def _paragraphs(page: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", p))
            for p in re.findall(r"<p>(.*?)</p>", page, flags=re.S)]


@pytest.mark.parametrize("family", FAMILIES)
def test_the_page_reads_in_the_scripts_conventions(run, family):
    lang, direction, number, date, (open_q, close_q) = FAMILIES[family]
    page = (run / f"{lang}.html").read_text(encoding="utf-8")
    assert re.search(rf'<html lang="{lang}" dir="{direction}"', page)
    text = _reader_text(page)
    assert number in text and date in text
    quote = next(p for p in _paragraphs(page) if "2017" in p)
    assert quote.startswith(open_q) and close_q in quote
    assert "40%" in text.replace(NBSP, "").replace(NNBSP, "").replace("٪", "%")
    first = _paragraphs(page)[1]  # the first paragraph after the subheading
    assert first.rstrip().endswith(FULL_STOP.get(lang, "."))
    if lang in ("zh", "ja"):  # sentences follow each other without a space
        assert not [p for p in _paragraphs(page) if "。 " in p]
        assert any("。" in p[:-1] for p in _paragraphs(page))  # two sentences in one
    if direction == "rtl":  # the address is one left-to-right run inside the line
        assert '<span dir="ltr">www.unocha.org</span>' in page


@pytest.mark.parametrize("lang", NATIVE)
def test_native_digits_are_the_locales_own(native_run, lang):
    text = _reader_text((native_run / f"{lang}.html").read_text(encoding="utf-8"))
    number, date = NATIVE[lang]
    assert number in text and date in text
    assert "www.unocha.org" in text  # a URL keeps its Latin letters and digits


def _qa(out: Path) -> dict:
    result = CliRunner().invoke(app, ["qa", str(out), "--format", "json"])
    assert result.exit_code in (0, 1), result.output  # 1 = findings; never a traceback
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return json.loads(result.stdout)


def test_qa_finds_no_error_in_any_script(run):
    findings = _qa(run)["findings"]
    # pseudo-translation keeps the English length, which the length check rightly flags in
    # Chinese and Japanese (a third of the characters is expected): nothing else
    assert [f for f in findings if f["check"] != "length"] == []
    assert {f["lang"] for f in findings} <= {"zh", "ja"}


def test_qa_reads_native_digits_back(native_run):
    findings = _qa(native_run)["findings"]
    assert [f for f in findings if f["check"] != "length"] == []


def test_glossary_terms_are_found_inside_text_without_spaces(tmp_path):
    # a Chinese, Japanese or Thai term stands between other letters, not between spaces
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "places.csv").write_text(
        "en,zh,ja,th,type,policy\nRaqqa,拉卡,ラッカ,ร็อกกา,place,enforce\n", encoding="utf-8")
    article = tmp_path / "raqqa-bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(article), "--to", "zh,ja,th", "--engine",
                                      "pseudo", "--glossary", str(glossary),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "raqqa-bridge"
    assert "拉卡" in (out / "zh.html").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["qa", str(out), "--glossary", str(glossary),
                                      "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    assert [f for f in findings if f["check"] == "terms"] == []
