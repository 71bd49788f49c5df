"""Through `locpipe translate --engine pseudo`: "Name (ACR)" written once in Arabic when the
name is inside a link or emphasis (Markdown and HTML), and names in capitals in datelines."""

from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from locpipe.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
SOHR = "المرصد السوري لحقوق الإنسان"
HTS = "هيئة تحرير الشام"


class Article(HTMLParser):
    """The paragraphs of the page's <article> as a reader sees them, and its links."""

    def __init__(self, html: str):
        super().__init__()
        self.inside, self.blocks, self.links, self.href = False, [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.inside = True
        elif self.inside and tag in ("p", "h1", "h2", "li"):
            self.blocks.append("")
        elif self.inside and tag == "a":
            self.href = dict(attrs)["href"]
            self.links.append([self.href, ""])

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside = False
        elif tag == "a":
            self.href = None

    def handle_data(self, data):
        if self.inside and self.blocks:
            self.blocks[-1] += data
            if self.href is not None:
                self.links[-1][1] += data


def translate(tmp_path: Path, name: str, text: str, to: str) -> dict[str, Article]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", str(src), "--engine", "pseudo", "--to", to,
                                 "--glossary", str(ROOT / "glossary"), "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    return {lang: Article((out / src.stem / f"{lang}.html").read_text(encoding="utf-8"))
            for lang in to.split(",")}


def test_markdown_link_and_emphasis_name_written_once(tmp_path):
    pages = translate(tmp_path, "monitor.md", (
        "Monitor reports night raids near Idlib\n\n"
        "The [Syrian Observatory for Human Rights](https://example.org/sohr) (SOHR) "
        "counted 17 raids.\n\n"
        "Fighters of *Hayat Tahrir al-Sham* (HTS) withdrew at dawn.\n"), "ar,fr")
    ar = pages["ar"]
    assert ar.blocks[1].count(SOHR) == 1 and "SOHR" not in ar.blocks[1]
    assert "(" not in ar.blocks[1] and ")" not in ar.blocks[1]
    assert ar.links == [["https://example.org/sohr", SOHR]]
    assert ar.blocks[2].count(HTS) == 1 and "HTS" not in ar.blocks[2]
    fr = pages["fr"]  # French writes the acronym: nothing collapses
    assert "Observatoire syrien des droits de l’homme (OSDH)" in fr.blocks[1]
    assert fr.links == [["https://example.org/sohr",
                         "Observatoire syrien des droits de l’homme"]]


def test_html_link_and_emphasis_name_written_once(tmp_path):
    pages = translate(tmp_path, "raids.html", (
        "<h1>Raids near Idlib</h1>\n"
        '<p>The <a href="https://example.org/sohr">Syrian Observatory for Human Rights</a> '
        "(SOHR) and the <em>Syrian Democratic Forces</em> (SDF) gave 12 and 14.</p>\n"), "ar")
    ar = pages["ar"]
    text = ar.blocks[1]
    assert text.count(SOHR) == 1 and "SOHR" not in text and "SDF" not in text
    assert "قوات سوريا الديمقراطية (قسد)" in text  # Arabic has its own acronym: kept
    assert ar.links == [["https://example.org/sohr", SOHR]]
    assert "12" in text and "14" in text


def test_plain_text_dateline_in_capitals(tmp_path):
    pages = translate(tmp_path, "ferries.txt", (
        "Ferries sink off Latakia\n\n"
        "LATAKIA, Syria (AP) — Two ferries sank on Monday, officials said.\n\n"
        "DAMASCUS (Reuters) - Prices rose by 8 percent.\n"), "fr,ar")
    assert pages["fr"].blocks[1].startswith("LATTAQUIÉ, ")
    assert pages["fr"].blocks[2].startswith("DAMAS (Reuters) - ")
    assert pages["ar"].blocks[1].startswith("اللاذقية")
    assert pages["ar"].blocks[2].startswith("دمشق (رويترز)")


def test_html_abbr_acronym_after_its_name_written_once_inside_the_abbr(tmp_path):
    pages = translate(tmp_path, "rations.html", (
        "<h1>Rations cut in Idlib</h1>\n"
        '<p>The World Food Programme (<abbr title="World Food Programme">WFP</abbr>) will '
        "cut rations for 1.1 million people.</p>\n"), "ar,fr")
    out = tmp_path / "out" / "rations"
    wfp = "برنامج الأغذية العالمي"
    ar = pages["ar"].blocks[1]
    assert ar.count(wfp) == 1 and "WFP" not in ar and "(" not in ar
    # the <abbr> now holds the name (its title, translated too)
    assert f'<abbr title="{wfp}">{wfp}</abbr>' in (out / "ar.html").read_text(encoding="utf-8")
    assert "Programme alimentaire mondial (PAM)" in pages["fr"].blocks[1]
