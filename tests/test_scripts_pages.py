"""Issue 24 in a real browser: pages break lines as each script needs. Chinese and Japanese
break between characters but never put a small kana, a prolonged sound mark or closing
punctuation at the start of a line (CSS line-break: strict, the kinsoku rules); Korean breaks
only at spaces (word-break: keep-all); Thai wraps at word boundaries without overflowing; Urdu
is set right to left in Nastaliq. Each rule is shown to matter: the same text without the
page's rule breaks otherwise. Text written for this test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from tests.chromium import evaluate, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

ARTICLE = """\
Engineers reopen the Raqqa bridge
Engineers reopened the main bridge over the Euphrates in Raqqa on Sunday.
"""

TEXT = {
    "ja": "チェックリストのアップデートでシャットダウンしたコンピューターのジャーナリストは"
          "ニュースセンターでキャッシュをクリアーし、ショッピングセンターのシャッターはキュッと"
          "しまった。" * 3,
    "zh": "工程师周日重新开放了拉卡幼发拉底河上的主桥，每天可让一万二千五百辆车再次过河。"
          "当地官员说，“这座桥的修复工作花了两年时间。”" * 3,
    "ko": "엔지니어들은 일요일 락까의 유프라테스강을 가로지르는 주요 다리를 다시 개통해 하루 "
          "만이천오백 대의 차량이 다시 강을 건널 수 있게 됐다고 현지 관리들이 밝혔다. " * 3,
    "th": "วิศวกรเปิดสะพานหลักข้ามแม่น้ำยูเฟรตีสในเมืองร็อกกาอีกครั้งเมื่อวันอาทิตย์ "
          "ทำให้รถยนต์หนึ่งหมื่นสองพันห้าร้อยคันต่อวันสามารถข้ามแม่น้ำได้อีกครั้ง " * 3,
}
# what may not start a line under the kinsoku rules of line-break: strict (CSS Text 3, UAX
# #14 class CJ, and closing punctuation)
NO_START = set("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー々。、，．」』）”：；！？")

LINES_JS = """
(() => {
  const out = {};
  for (const p of document.querySelectorAll('p[id^="probe"]')) {
    const node = p.firstChild, text = node.textContent, r = document.createRange();
    let top = null; const starts = [];
    for (let i = 0; i < text.length; i++) {
      if (/\\s/.test(text[i])) continue;
      r.setStart(node, i); r.setEnd(node, i + 1);
      const rects = r.getClientRects();
      if (!rects.length) continue;
      const t = Math.round(rects[0].top);
      if (top === null || t > top + 2) { starts.push(i); top = t; }
    }
    const cs = getComputedStyle(p);
    out[p.id] = {starts, text, lineBreak: cs.lineBreak, wordBreak: cs.wordBreak,
                 font: cs.fontFamily, direction: cs.direction,
                 overflow: p.scrollWidth > p.clientWidth + 1};
  }
  return out;
})()
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("breaking")
    article = root / "raqqa.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(article), "--to", "ja,zh,ko,th,ur",
                                      "--engine", "pseudo", "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return root / "out" / "raqqa"


def _probe(pages: Path, lang: str, without: str) -> dict:
    """The page's paragraph replaced by TEXT[lang] twice: as the page sets it, and with the
    script's rule overridden by `without`."""
    page = pages / f"{lang}.html"
    source = page.read_text(encoding="utf-8")
    probes = (f'<p id="probe">{TEXT[lang]}</p>'
              f'<p id="probe-without" style="{without}">{TEXT[lang]}</p>')
    probe_page = page.with_name(f"probe-{lang}.html")
    probe_page.write_text(re.sub(r"<p>.*?</p>", lambda m: probes, source, count=1,
                                 flags=re.S), encoding="utf-8")
    return evaluate(probe_page, LINES_JS, width=420)


def _first_chars(result: dict) -> list[str]:
    return [result["text"][i] for i in result["starts"][1:]]


def test_japanese_lines_follow_the_kinsoku_rules(pages):
    found = _probe(pages, "ja", "line-break: loose")
    page, loose = found["probe"], found["probe-without"]
    assert page["lineBreak"] == "strict" and len(page["starts"]) > 5
    assert not NO_START & set(_first_chars(page)), _first_chars(page)
    assert NO_START & set(_first_chars(loose))  # the rule is what keeps them off line starts


def test_chinese_lines_break_between_characters_not_before_punctuation(pages):
    page = _probe(pages, "zh", "")["probe"]
    assert page["lineBreak"] == "strict" and len(page["starts"]) > 3
    assert not page["overflow"]
    assert not NO_START & set(_first_chars(page))


def test_korean_lines_break_at_spaces_only(pages):
    found = _probe(pages, "ko", "word-break: normal")
    page, normal = found["probe"], found["probe-without"]
    assert page["wordBreak"] == "keep-all" and len(page["starts"]) > 5
    assert all(page["text"][i - 1] == " " for i in page["starts"][1:])
    assert any(normal["text"][i - 1] != " " for i in normal["starts"][1:])


def test_thai_wraps_without_overflow_or_broken_clusters(pages):
    found = _probe(pages, "th", "word-break: break-all")
    page = found["probe"]
    assert page["wordBreak"] == "normal" and len(page["starts"]) > 3
    assert not page["overflow"]
    # no line starts with a vowel sign or tone mark (a cluster cut in two)
    marks = {chr(c) for c in [0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)]}
    assert not marks & set(_first_chars(page))
    # dictionary breaking: lines of the page start where words start, unlike break-all's
    assert page["starts"] != found["probe-without"]["starts"]


def test_urdu_is_set_right_to_left_in_nastaliq(pages):
    page = evaluate(pages / "ur.html", "(() => { const p = document.querySelector('p');"
                    " const cs = getComputedStyle(p); return {font: cs.fontFamily,"
                    " direction: cs.direction, lineHeight: parseFloat(cs.lineHeight)"
                    " / parseFloat(cs.fontSize)}; })()")
    assert page["direction"] == "rtl"
    assert page["font"].startswith('"Noto Nastaliq Urdu"')
    assert page["lineHeight"] >= 2.2
