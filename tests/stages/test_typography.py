from pathlib import Path

import pytest

from locpipe.context import Context, Settings
from locpipe.document import Block, Document, Segment, Unit
from locpipe.formats.pages import Page, render_page
from locpipe.stages.typography import typography
from tests.chromium import evaluate, needs_chromium

N = "\u202f"


def test_stage_sets_machine_and_reviewed_text_alike_but_not_copies():
    seg = Segment("a:0.0", 0, 0, "paragraph", "x")
    machine = Unit(seg, "fr", target="Pourquoi ?")
    # an editor's text: its spaces and marks are set, its words are kept
    reviewed = Unit(seg, "fr", target="Pourquoi ? Les loyers ont pris 18 % et 12 000 familles "
                                      "l'ont dit.", origin="reviewed")
    recalled = Unit(seg, "fr", target="Hausse de 7 % ?", origin="memory")
    copied = Unit(seg, "fr", target="Pourquoi ?", origin="copy")  # a foreign quote kept
    typography([machine, reviewed, recalled, copied], Context("fr", Settings(targets=["fr"])))
    assert machine.target == f"Pourquoi{N}?"
    assert reviewed.target == (f"Pourquoi{N}? Les loyers ont pris 18\u00a0% et 12{N}000 "
                               "familles l’ont dit.")
    assert recalled.target == f"Hausse de 7\u00a0%{N}?"
    assert copied.target == "Pourquoi ?"


SENTENCE = "أعلنت شركة Lafarge Holcim Ltd. أنها دفعت 40 % من المال في طقس -5 درجات"


def arabic_page(tmp_path: Path) -> Path:
    seg = Segment("bidi:0.0", 0, 0, "paragraph", "AFP said the attack began")
    doc = Document(Path("bidi.txt"), "bidi", "txt", [Block("paragraph", seg.text,
                                                           segments=[seg])])
    html = render_page(doc, {seg.id: SENTENCE}, Page("ar", "t", ["ar"], "sig"))
    page = tmp_path / "ar.html"
    page.write_text(html, encoding="utf-8")
    return page


def test_rendered_arabic_page_isolates_latin_runs(tmp_path):
    html = arabic_page(tmp_path).read_text(encoding="utf-8")
    assert '<span dir="ltr">Lafarge Holcim Ltd.</span>' in html
    assert '<span dir="ltr">40 %</span>' in html
    assert '<span dir="ltr">-5</span>' in html


PROBE = """(() => {
  const p = document.querySelector('article p');
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const nodes = []; while (walker.nextNode()) nodes.push(walker.currentNode);
  const box = (s) => { for (const n of nodes) { const i = n.data.indexOf(s);
      if (i >= 0) { const r = document.createRange(); r.setStart(n, i);
        r.setEnd(n, i + s.length); const b = r.getBoundingClientRect();
        return [b.left, b.right]; } } return null; };
  return {first: box('Lafarge'), last: box('Ltd'), stop: box('.'), arabic: box('شركة'),
          n40: box('40'), pct: box('%'), minus: box('-'), five: box('5')};
})()"""


@needs_chromium
@pytest.mark.browser
def test_latin_run_renders_in_order_in_chromium(tmp_path):
    # Without isolation the bidi algorithm gives the abbreviation's full stop to the Arabic
    # sentence: it is drawn left of "Lafarge" (reading ".Lafarge Holcim Ltd"). Check that the
    # probe sees that scramble on an unisolated copy, then that locpipe's page is right.
    page = arabic_page(tmp_path)
    raw = tmp_path / "raw.html"
    raw.write_text(page.read_text(encoding="utf-8").replace(
        '<span dir="ltr">Lafarge Holcim Ltd.</span>', "Lafarge Holcim Ltd.").replace(
        '<span dir="ltr">40 %</span>', "40 %").replace('<span dir="ltr">-5</span>', "-5"),
        encoding="utf-8")
    bad = evaluate(raw, PROBE)
    assert bad["stop"][1] <= bad["first"][0] + 0.5  # scrambled: "." left of the run
    assert bad["pct"][1] <= bad["n40"][0] + 0.5  # scrambled: "% 40"
    assert bad["minus"][0] > bad["five"][0]  # scrambled: "5-"
    good = evaluate(page, PROBE)
    assert good["n40"][1] <= good["pct"][0] + 0.5  # "40 %"
    assert good["minus"][0] < good["five"][0]  # "-5"
    assert good["first"][1] <= good["last"][0] <= good["stop"][0]  # left to right inside
    assert good["stop"][1] <= good["arabic"][0] + 0.5  # the run sits left of "شركة"


def test_every_right_to_left_page_isolates_latin_runs(tmp_path):
    seg = Segment("bidi:0.0", 0, 0, "paragraph", "Holcim Ltd. said 40 % of it")
    doc = Document(Path("bidi.txt"), "bidi", "txt", [Block("paragraph", seg.text,
                                                           segments=[seg])])
    for lang, text in (("he", "החברה Lafarge Holcim Ltd. אמרה כי 40 % ממנה"),
                       ("fa", "شرکت Lafarge Holcim Ltd. گفت 40 % آن")):
        html = render_page(doc, {seg.id: text}, Page(lang, "t", [lang], "sig"))
        assert 'dir="rtl"' in html
        assert '<span dir="ltr">Lafarge Holcim Ltd.</span>' in html
        assert '<span dir="ltr">40 %</span>' in html
    html = render_page(doc, {seg.id: "Lafarge Holcim Ltd. sagte"}, Page("de", "t", ["de"], "s"))
    assert '<span dir="ltr">' not in html and 'dir="rtl"' not in html


def test_stage_sets_spanish_quotes_and_leaves_russian_alone():
    seg = Segment("a:0.0", 0, 0, "paragraph", "x")
    es = Unit(seg, "es", target='Dijo "no" .')
    ru = Unit(seg, "ru", target='Сказал "нет" .')
    typography([es], Context("es", Settings(targets=["es"])))
    typography([ru], Context("ru", Settings(targets=["ru"])))
    assert (es.target, ru.target) == ("Dijo «no».", 'Сказал "нет" .')
