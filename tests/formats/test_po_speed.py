"""PO writing costs: polib's output step runs once per PO file, and the file is unchanged."""

from __future__ import annotations

import polib

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
