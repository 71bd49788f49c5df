"""Identifiers on a right-to-left page in a real browser (issue 21): an IP address, an ISBN
written without its name, a version number and a hashtag keep their visual order inside
Arabic text (the first group drawn left of the last, the "#" left of its word), because the
page isolates each one as a left-to-right run. Each check is shown to matter: the same page
without the isolates draws the ISBN's groups right to left. Text written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from locpipe.document import Block, Document, Segment
from locpipe.formats.pages import Page, render_page
from tests.chromium import evaluate, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

ARABIC = ("أعاد الفنيون تشغيل الخادم 10.42.7.19 وطبعوا الدليل 0-19-853453-1 مع تحديث "
          "Android 15.1 بينما انتشر الوسم #Raqqa2026 على المنصات")
# the identifiers and, for each, the first and the last piece that must be drawn in that
# order from left to right
PIECES = {"ip": ("10.42", "7.19"), "isbn": ("0-19", "853453-1"), "version": ("Android", "15.1"),
          "hashtag": ("#", "Raqqa2026")}

PROBE = """(() => {
  const p = document.querySelector('article p');
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const nodes = []; while (walker.nextNode()) nodes.push(walker.currentNode);
  const box = (s, from) => { for (const n of nodes) { const i = n.data.indexOf(s, from || 0);
      if (i >= 0) { const r = document.createRange(); r.setStart(n, i);
        r.setEnd(n, i + s.length); const b = r.getBoundingClientRect();
        return [b.left, b.right]; } } return null; };
  const out = {};
  for (const [name, [a, b]] of Object.entries(%s)) out[name] = {first: box(a), last: box(b)};
  return out;
})()"""


def _page(tmp_path: Path, text: str) -> Path:
    seg = Segment("ids:0.0", 0, 0, "paragraph", "The technicians restarted the server.")
    doc = Document(Path("ids.txt"), "ids", "txt", [Block("paragraph", seg.text,
                                                         segments=[seg])])
    page = tmp_path / "ar.html"
    page.write_text(render_page(doc, {seg.id: text}, Page("ar", "t", ["ar"], "sig")),
                    encoding="utf-8")
    return page


def _order(page: Path) -> dict:
    import json

    return evaluate(page, PROBE % json.dumps(PIECES))


def test_identifiers_keep_their_order_on_an_arabic_page(tmp_path):
    page = _page(tmp_path, ARABIC)
    html = page.read_text(encoding="utf-8")
    for run in ("10.42.7.19", "0-19-853453-1", "Android 15.1", "#Raqqa2026"):
        assert f'<span dir="ltr">{run}</span>' in html
    got = _order(page)
    for name in PIECES:
        first, last = got[name]["first"], got[name]["last"]
        assert first[0] < last[0], (name, got[name])  # drawn left to right, as written


def test_without_the_isolates_the_isbn_and_the_hashtag_turn_around(tmp_path):
    page = _page(tmp_path, ARABIC)
    raw = page.read_text(encoding="utf-8")
    for run in ("0-19-853453-1", "#Raqqa2026"):
        raw = raw.replace(f'<span dir="ltr">{run}</span>', run)
    page.write_text(raw, encoding="utf-8")
    got = _order(page)
    assert got["isbn"]["first"][0] > got["isbn"]["last"][0]
    assert got["hashtag"]["first"][0] > got["hashtag"]["last"][0]
