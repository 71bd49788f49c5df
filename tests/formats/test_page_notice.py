"""The page's own account of its text (formats.pages): the machine-translation notice, the
robots meta and the provenance footer, for any counts and any language; and in a real browser,
a notice a reader cannot miss."""

import re
from pathlib import Path

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.document import Block, Document, Segment
from locpipe.formats.pages import Page, Provenance, render_index, render_page
from tests.chromium import evaluate, needs_chromium

SIGNATURE = "engine:argos|model:argos-en-ar-1.9|lang:ar|locale:ar_SY|locpipe 0.1.0"


def _doc() -> Document:
    head = Segment("quake:1.1", 1, 1, "headline", "Aftershock shakes Latakia")
    body = Segment("quake:2.1", 2, 1, "paragraph", "Residents slept outside for a second night.")
    return Document(Path("quake.txt"), "quake", "text",
                    [Block("headline", head.text, segments=[head]),
                     Block("paragraph", body.text, segments=[body])])


def _page(lang="fr", prov=None, pseudo=False) -> Page:
    return Page(lang=lang, title="Titre", languages=["fr", "ar"], signature=SIGNATURE,
                pseudo=pseudo, provenance=prov)


def _parse(text: str):
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def _text(el) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


@settings(max_examples=50, deadline=None, derandomize=True)
@given(sentences=st.integers(0, 500), data=st.data(), errors=st.integers(0, 40),
       warnings=st.integers(0, 40), pseudo=st.booleans(),
       lang=st.sampled_from(["fr", "ar", "he", "fa", "sw", "de", "ja", "pt"]))
def test_notice_and_noindex_exactly_while_something_is_unreviewed(sentences, data, errors,
                                                                  warnings, pseudo, lang):
    reviewed = data.draw(st.integers(0, sentences))
    prov = Provenance("Argos en→x 1.9", sentences, reviewed, errors, warnings, "locpipe 0.1.0")
    doc = _parse(render_page(_doc(), {}, _page(lang, prov, pseudo)))
    notice = doc.find(".//div[@class='machine-notice']")
    robots = [m.get("content") for m in doc.iter("meta") if m.get("name") == "robots"]
    unreviewed = sentences - reviewed
    assert robots == (["noindex"] if unreviewed else [])
    assert (notice is not None) == (unreviewed > 0 and not pseudo)
    if notice is not None:
        text = _text(notice)
        assert text.startswith(f"Machine translation — not reviewed. {unreviewed} of "
                               f"{sentences} sentence")
        assert (f"QA found {errors} error" in text) == (errors > 0)
        assert (f"{warnings} warning" in text) == (warnings > 0)
    footer = _text(doc.find(".//footer"))
    how = "Pseudo-translation" if pseudo else "Translated by machine"
    counted = f", reviewed {reviewed}/{sentences} sentence" if sentences else ""
    assert footer.startswith(f"{how} (Argos en→x 1.9){counted}")
    assert footer.endswith(" · locpipe 0.1.0")


def test_without_provenance_the_footer_is_the_signature_as_before():
    doc = _parse(render_page(_doc(), {}, _page()))
    assert _text(doc.find(".//footer")) == SIGNATURE
    assert doc.find(".//div[@class='machine-notice']") is None


def test_notice_is_one_self_contained_element():
    """Pasted anywhere (a CMS body), it brings its look with it and restyles nothing else:
    an inline style, no class rule in the page's stylesheet, no script."""
    prov = Provenance("Argos en→fr 1.9", 2, 0, 1, 0, "locpipe 0.1.0")
    page = render_page(_doc(), {}, _page("fr", prov))
    notice = re.search(r'<div class="machine-notice".*?</div>', page, re.S).group(0)
    assert 'style="' in notice and "<script" not in notice
    assert ".machine-notice" not in page.split("</style>")[0]
    fragment = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(notice)
    assert _text(fragment) == (
        "Machine translation — not reviewed. 2 of 2 sentences on this French (Français) page "
        "are machine output no editor has reviewed; QA found 1 error (see the review report). "
        "Do not publish it before review.")


def test_one_unreviewed_sentence_reads_right():
    prov = Provenance("Argos en→de 1.0", 1, 0, 0, 0, "locpipe 0.1.0")
    doc = _parse(render_page(_doc(), {}, _page("de", prov)))
    assert _text(doc.find(".//div[@class='machine-notice']")).startswith(
        "Machine translation — not reviewed. 1 of 1 sentence on this German (Deutsch) page is "
        "machine output")
    assert _text(doc.find(".//footer")) == ("Translated by machine (Argos en→de 1.0), reviewed "
                                            "0/1 sentence · locpipe 0.1.0")


def test_index_noindex_follows_its_pages():
    doc = _doc()
    assert 'name="robots"' not in render_index(doc, {"fr": "Titre"}, SIGNATURE)
    assert '<meta name="robots" content="noindex">' in render_index(doc, {"fr": "Titre"},
                                                                    SIGNATURE, noindex=True)


@pytest.mark.browser
@needs_chromium
def test_notice_is_visible_on_top_of_an_arabic_page(tmp_path):
    prov = Provenance("Argos en→ar 1.9", 2, 0, 3, 1, "locpipe 0.1.0")
    targets = {"quake:1.1": "هزة ارتدادية تضرب اللاذقية",
               "quake:2.1": "نام السكان في العراء لليلة ثانية."}
    path = tmp_path / "ar.html"
    path.write_text(render_page(_doc(), targets, _page("ar", prov)), encoding="utf-8")
    seen = evaluate(path, """(() => {
        const n = document.querySelector('.machine-notice');
        const r = n.getBoundingClientRect();
        const h1 = document.querySelector('h1').getBoundingClientRect();
        const s = getComputedStyle(n);
        return {text: n.innerText, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                width: window.innerWidth, h1: h1.top, direction: s.direction,
                background: s.backgroundColor, display: s.display, visibility: s.visibility,
                opacity: s.opacity, footer: document.querySelector('footer').innerText,
                robots: document.querySelector('meta[name=robots]').content};
    })()""", width=390, height=900)
    assert seen["text"].startswith("Machine translation — not reviewed. 2 of 2 sentences on "
                                   "this Arabic (العربية) page")
    assert "QA found 3 errors and 1 warning" in seen["text"]
    assert (seen["display"], seen["visibility"], seen["opacity"]) == ("block", "visible", "1")
    assert seen["background"] == "rgb(253, 232, 232)"
    assert seen["direction"] == "ltr"  # English text inside a right-to-left page
    assert 0 <= seen["top"] < seen["bottom"] < 900  # on the first screen of a phone
    assert seen["bottom"] <= seen["h1"]  # above the headline
    assert 0 <= seen["left"] and seen["right"] <= seen["width"]  # not cut off
    assert seen["footer"] == ("Translated by machine (Argos en→ar 1.9), reviewed 0/2 sentences "
                              "· locpipe 0.1.0")
    assert seen["robots"] == "noindex"
