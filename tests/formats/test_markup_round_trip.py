"""Issue 12, classes 11-13: a CMS fragment comes back with the source's element tree (tags,
attributes, comments, order), its alt/title/aria-label text translated, and as
`<lang>.fragment.html` ready to paste back. Fragments written for these tests."""

from __future__ import annotations

import html
from pathlib import Path

import html5lib
import polib
import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.engines.pseudo import PseudoEngine
from locpipe.formats.pages import LRI, PDI, Page, render_fragment
from locpipe.formats.readers import read_document
from locpipe.stages.segment import segment_document
from tests.chromium import evaluate, needs_chromium

runner = CliRunner()

GUTENBERG = """<!-- wp:heading {"level":2} -->
<h2 class="wp-block-heading" id="water">Water trucks return to Raqqa</h2>
<!-- /wp:heading -->

<!-- wp:paragraph {"className":"lede"} -->
<p class="lede" data-paragraph-id="p-1">Residents of Raqqa queued for 6 hours on Sunday as \
<a href="https://relief.example/raqqa" title="Read the full relief appeal">the first tankers</a> \
arrived, the council said.<sup><a href="#note-1" id="ref-1">1</a></sup></p>
<!-- /wp:paragraph -->

<!-- wp:image {"id":88} -->
<figure class="wp-block-image size-large"><img src="tanker.jpg" alt="Two tankers parked \
beside a bakery" class="wp-image-88"/><figcaption class="wp-element-caption">A tanker in \
Raqqa.</br>Photo: Reuters</figcaption></figure>
<!-- /wp:image -->

<!-- wp:list {"className":"facts"} -->
<ul class="facts"><li>Each tanker carries 12,000 litres<ul class="sub" data-level="2"><li \
data-id="a">Enough for 300 families</li></ul></li><li>Deliveries resume on Tuesday</li></ul>
<!-- /wp:list -->
"""

NEWSROOM = """<table class="aid" data-source="council"><caption>Water delivered this week\
</caption><thead><tr><th scope="col">District</th><th scope="col" \
title="Litres per person">Litres</th></tr></thead><tbody><tr><td>Al-Mashlab</td><td>1,450\
</td></tr></tbody></table>
<blockquote cite="https://council.example/statement" class="pull"><p>“The pumps need spare \
parts,” an engineer said.</p><footer>— Council engineer</footer></blockquote>
<p dir="ltr">Call the hotline on <span dir="ltr" class="tel">+963 22 555 0134</span> before \
noon.</p>
<button type="button" aria-label="Close the map of the districts">×</button>
<footer class="footnotes"><ol><li id="note-1">Figures from the <abbr \
title="United Nations Children's Fund">UNICEF</abbr> field office.</li></ol></footer>
"""

MARKDOWN = """---
title: Water trucks return
tags: [raqqa, water]
---

# Water trucks return to Raqqa

Residents queued for hours on Sunday.

| District | Litres |
|:---------|-------:|
| Al-Mashlab | 1,450 |
| *Al-Rumaila* | 980 |

![A tanker in Raqqa](tanker.jpg "Tanker at dawn")
"""


def tree(markup: str) -> list[tuple]:
    """The element tree as a browser builds it (html5lib): (tag, sorted attributes) per
    element and the comments, in document order, with text and attribute values of
    translated attributes left out (their values are what a translation changes)."""
    frag = html5lib.parseFragment(markup, namespaceHTMLElements=False)
    out: list[tuple] = []

    def walk(el) -> None:
        for child in el:
            if not isinstance(child.tag, str):  # a comment
                out.append(("#comment", child.text))
            else:
                attrs = tuple(sorted((k, "*" if k in ("alt", "title", "aria-label") else v)
                                     for k, v in child.attrib.items()))
                out.append((child.tag, attrs))
            walk(child)

    walk(frag)
    return out


def _translate(tmp_path: Path, name: str, text: str, *args: str) -> Path:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", str(src), "--engine", "pseudo", "--to", "fr,ar",
                                 "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out / src.stem


def _without_notice(fragment: str) -> str:
    """The fragment after its leading notice (a pseudo run always has one)."""
    head, _, rest = fragment.partition("\n")
    assert 'role="note"' in head and "must not be published" in head
    return rest


def _unwrap_rtl(fragment: str, lang: str) -> str:
    opening = f'<div lang="{lang}" dir="rtl">\n'
    assert fragment.startswith(opening) and fragment.rstrip().endswith("</div>")
    return fragment[len(opening):fragment.rstrip().rindex("</div>")]


@pytest.mark.parametrize("name,source", [("raqqa.html", GUTENBERG), ("aid.html", NEWSROOM)])
def test_fragment_has_the_source_element_tree_in_french_and_arabic(tmp_path, name, source):
    folder = _translate(tmp_path, name, source)
    fr = _without_notice((folder / "fr.fragment.html").read_text(encoding="utf-8"))
    ar = _without_notice((folder / "ar.fragment.html").read_text(encoding="utf-8"))
    if "wp:" not in source:
        ar = _unwrap_rtl(ar, "ar")  # one wrapper gives the direction, except for WordPress
    expected = tree(source.replace("</br>", "<br>"))  # </br> is a <br> to a browser
    assert tree(fr) == expected
    assert tree(ar) == expected
    # the text is translated, none of the English is left but the kept names
    assert "queued" not in fr + ar and "Litres per person" not in fr + ar


def test_wordpress_fragment_is_not_wrapped_and_keeps_its_block_comments(tmp_path):
    folder = _translate(tmp_path, "raqqa.html", GUTENBERG)
    ar = _without_notice((folder / "ar.fragment.html").read_text(encoding="utf-8"))
    assert ar.startswith('<!-- wp:heading {"level":2} -->\n<h2 class="wp-block-heading" '
                         'id="water">')
    assert ar.count("<!-- wp:") == 4 and ar.count("<!-- /wp:") == 4
    assert "<div" not in ar and "<span" not in ar  # no element added
    # the <h2> stays an <h2> although the reader takes it for the headline
    assert "<h1" not in ar and "<h1" not in (folder / "fr.fragment.html").read_text()


def test_fragment_html_is_the_body_alone(tmp_path):
    folder = _translate(tmp_path, "aid.html", NEWSROOM)
    for lang in ("fr", "ar"):
        text = (folder / f"{lang}.fragment.html").read_text(encoding="utf-8")
        for chrome in ("<html", "<head", "<body", "<meta", "<nav", "<article",
                       "report.html\">", "locpipe-signature"):
            assert chrome not in text, (lang, chrome)
    ar = (folder / "ar.fragment.html").read_text(encoding="utf-8")
    assert ar.split("\n")[1] == '<div lang="ar" dir="rtl">'
    assert "report.html in the article's folder" not in ar  # (pseudo: its own banner)
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert '<a href="ar.fragment.html">Arabic fragment, to paste into the CMS</a>' in index


def test_page_keeps_the_source_markup_too(tmp_path):
    folder = _translate(tmp_path, "raqqa.html", GUTENBERG)
    page = (folder / "fr.html").read_text(encoding="utf-8")
    article = page.split("<article>\n", 1)[1].split("\n</article>", 1)[0]
    assert tree(article) == tree(GUTENBERG.replace("</br>", "<br>"))
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def test_attributes_are_translated_units_shown_with_their_element(tmp_path):
    folder = _translate(tmp_path, "aid.html", NEWSROOM)
    po = polib.pofile(str(folder / "fr.po"))
    attrs = {e.msgctxt: (e.msgid, e.comment.splitlines()[0]) for e in po
             if ".th." in e.msgctxt or ".button." in e.msgctxt or ".abbr." in e.msgctxt}
    assert attrs == {
        "aid:3.th.title": ("Litres per person", "<th title> in block 3"),
        "aid:9.button.aria-label": ("Close the map of the districts",
                                    "<button aria-label> in block 9"),
        "aid:10.abbr.title": ("United Nations Children's Fund", "<abbr title> in block 10"),
    }
    fr = (folder / "fr.fragment.html").read_text(encoding="utf-8")
    ar = (folder / "ar.fragment.html").read_text(encoding="utf-8")
    to_ar = PseudoEngine("en", "ar").translate(["Close the map of the districts"])[0]
    assert f'aria-label="{html.escape(to_ar)}"' in ar
    fr_title = po.find("aid:10.abbr.title", by="msgctxt").msgstr
    assert f'<abbr title="{html.escape(fr_title, quote=True)}">' in fr


def test_attribute_numbers_are_localized_and_reviewed_translations_used(tmp_path):
    source = ('<p>The camp holds <img src="c.jpg" alt="A queue of 1,200 people at dawn"> '
              "thousands.</p>")
    folder = _translate(tmp_path, "queue.html", source)
    fr = (folder / "fr.fragment.html").read_text(encoding="utf-8")
    assert "1\u202f200" in fr.split('alt="')[1].split('"')[0]  # French grouping in the alt text
    po_path = folder / "fr.po"
    po = polib.pofile(str(po_path))
    entry = po.find("queue:1.img.alt", by="msgctxt")
    entry.msgstr, entry.flags = "Une file de 1 200 personnes à l’aube", []
    po.save(str(po_path))
    _translate(tmp_path, "queue.html", source)
    fr = (folder / "fr.fragment.html").read_text(encoding="utf-8")
    # the editor's words, in French typography: the figure's space made no-break (U+202F)
    assert 'alt="Une file de 1\u202f200 personnes à l’aube"' in fr


def test_markdown_front_matter_tables_and_images(tmp_path):
    doc = segment_document(read_document(_md(tmp_path)))
    assert [s.text for s in doc.segments if s.kind != "attribute"][:4] == [
        "Water trucks return to Raqqa", "Residents queued for hours on Sunday.", "District",
        "Litres"]  # the front matter is not text to translate
    assert [(s.id, s.text) for s in doc.segments if s.kind == "attribute"] == [
        ("raqqa:8.img.alt", "A tanker in Raqqa"), ("raqqa:8.img.title", "Tanker at dawn")]
    folder = _translate(tmp_path, "raqqa.md", MARKDOWN)
    fr = _without_notice((folder / "fr.fragment.html").read_text(encoding="utf-8"))
    assert fr.startswith("<!--\n---\ntitle: Water trucks return\ntags: [raqqa, water]\n---\n-->")
    expected = ["#comment", "h1", "p", "table", "thead", "tr", "th", "th", "tbody", "tr", "td",
                "td", "tr", "td", "em", "td", "p", "img"]
    assert [t for t, *_ in tree(fr)] == expected
    assert '<th style="text-align:right">' in fr and "| District |" not in fr
    assert "Al-Mashlab" not in fr  # each cell translated (pseudo accents)


def _md(tmp_path: Path) -> Path:
    path = tmp_path / "raqqa.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return path


def test_text_input_fragment_is_the_body_html(tmp_path):
    folder = _translate(tmp_path, "curfew.txt", "Curfew lifted in Deir ez-Zor\n\nShops opened "
                        "at 7 a.m. on Monday, residents said.\n")
    ar = _without_notice((folder / "ar.fragment.html").read_text(encoding="utf-8"))
    assert [t for t, *_ in tree(_unwrap_rtl(ar, "ar"))] == ["h1", "p"]


def test_reviewed_fragment_has_no_notice():
    doc = read_document(Path(__file__).parent.parent / "data" / "aleppo-bakeries.md")
    segment_document(doc)
    from locpipe.formats.pages import Provenance

    every = len(doc.segments)
    page = Page("fr", "t", ["fr"], "sig",
                provenance=Provenance("Argos en→fr 1.9", every, every))
    fragment = render_fragment(doc, {}, page)
    assert 'role="note"' not in fragment and not fragment.startswith("<div")
    unreviewed = Page("fr", "t", ["fr"], "sig",
                      provenance=Provenance("Argos en→fr 1.9", every, every - 1))
    notice = render_fragment(doc, {}, unreviewed).split("\n")[0]
    assert "Machine translation — not reviewed." in notice and "<a " not in notice
    assert "see report.html in the article's folder" in notice


def test_right_to_left_fragment_isolates_latin_runs_with_characters_not_elements(tmp_path):
    src = tmp_path / "cement.html"
    src.write_text("<p class=\"x\">Aid from Holcim Ltd. arrived.</p>", encoding="utf-8")
    doc = segment_document(read_document(src))
    seg = doc.segments[0]
    fragment = render_fragment(doc, {seg.id: "وصلت مساعدات من Holcim Ltd."},
                               Page("ar", "t", ["ar"], "sig"))
    assert fragment == (f'<div lang="ar" dir="rtl">\n<p class="x">وصلت مساعدات من '
                        f"{LRI}Holcim Ltd{PDI}.</p>\n</div>\n")


@needs_chromium
@pytest.mark.browser
def test_fragment_pasted_into_a_cms_template_renders_its_table_and_footnote_link(tmp_path):
    folder = _translate(tmp_path, "aid.html", NEWSROOM.replace(
        "</footer>\n", "</footer>\n<p>Another paragraph with a <a href=\"#note-1\">second "
        "reference</a>.</p>\n", 1) + "<div style=\"height:3000px\"></div>\n")
    for lang in ("fr", "ar"):
        fragment = (folder / f"{lang}.fragment.html").read_text(encoding="utf-8")
        template = tmp_path / f"cms-{lang}.html"  # what a CMS article template does with it
        template.write_text(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
                            f"</head><body><div class=\"entry\">{fragment}</div></body></html>",
                            encoding="utf-8")
        found = evaluate(template, """(() => {
            const table = document.querySelector('table.aid');
            const link = document.querySelector('a[href="#note-1"]');
            const before = document.getElementById('note-1').getBoundingClientRect().top;
            link.click();
            return {rows: table.rows.length, cells: table.rows[1].cells.length,
                    caption: table.caption.textContent.length > 0,
                    width: table.getBoundingClientRect().width,
                    header: getComputedStyle(table.rows[0].cells[0]).fontWeight,
                    hash: location.hash, before: before,
                    after: document.getElementById('note-1').getBoundingClientRect().top};
        })()""")
        assert found["rows"] == 2 and found["cells"] == 2 and found["caption"], lang
        assert found["width"] > 50 and int(found["header"]) >= 600, lang  # a real <th> row
        assert found["hash"] == "#note-1", lang
        assert found["before"] > found["after"] and abs(found["after"]) < 5, lang  # scrolled to
