"""PO writing costs: polib's output step runs once per PO file, and the file is unchanged."""

from __future__ import annotations

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.po_workflow import SLUG, translate, write_article


def test_each_po_file_is_rendered_by_polib_once(tmp_path, monkeypatch):
    calls: list[int] = []
    original = polib.POFile.__unicode__

    def counted(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(polib.POFile, "__unicode__", counted)
    out = tmp_path / "out"
    translate(write_article(tmp_path), out)
    assert len(calls) == 2  # fr.po and ar.po, once each
    text = (out / SLUG / "fr.po").read_text("utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n\n")
    assert text == original(polib.pofile(str(out / SLUG / "fr.po"), wrapwidth=0)) + "\n" \
        or text == original(polib.pofile(str(out / SLUG / "fr.po"), wrapwidth=0))


def test_unsafe_character_classes_agree_with_unsafe_on_every_code_point():
    from locpipe.formats import po

    for cp in range(0x110000):
        c = chr(cp)
        assert bool(po._UNSAFE_RE.match(c)) == po._unsafe(c), hex(cp)
        assert bool(po._HEADER_QUOTED_RE.match(c)) == (c == "%" or po._unsafe(c)), hex(cp)


def _occurrence_per_character(path: str) -> str:
    from urllib.parse import quote

    from locpipe.formats import po

    return "".join(quote(c.encode("utf-8", "surrogateescape"), safe="")
                   if c.isspace() or c == "%" or po._unsafe(c) else c for c in path)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=30)
       | st.text(alphabet="ab/ .%\t\u2028\x00\udc80é", max_size=20))
def test_escapes_are_unchanged(text):
    from locpipe.formats import po

    assert po._occurrence(text) == _occurrence_per_character(text)
    assert po.visible(text) == ("".join(
        c.encode("unicode_escape", "backslashreplace").decode("ascii") if po._unsafe(c) else c
        for c in text))
    assert po.escape_header(text) == "".join(
        __import__("urllib.parse").parse.quote(c.encode("utf-8", "surrogateescape"), safe="")
        if c == "%" or po._unsafe(c) else c for c in text)
