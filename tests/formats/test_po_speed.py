"""PO writing costs: entries are laid out by hand, exactly as polib lays them out unwrapped
(polib's generic output step was a twelfth of a pseudo run), and the file is unchanged."""

from __future__ import annotations

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.po_workflow import SLUG, translate, write_article


def test_po_files_are_written_as_polib_writes_them_without_its_output_step(tmp_path,
                                                                          monkeypatch):
    calls: list[int] = []
    original = polib.POFile.__unicode__

    def counted(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(polib.POFile, "__unicode__", counted)
    out = tmp_path / "out"
    translate(write_article(tmp_path), out)
    assert calls == []
    for lang in ("fr", "ar"):
        text = (out / SLUG / f"{lang}.po").read_text("utf-8")
        assert text.endswith("\n") and not text.endswith("\n\n\n")
        assert text == original(polib.pofile(str(out / SLUG / f"{lang}.po"), wrapwidth=0))


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


# ---------------------------------------------------------------- entries written by hand

# what a field can hold: line breaks of every kind str.splitlines knows, the characters
# polib escapes, quotes, markup codes, right-to-left text, and characters that are not
# printable but break no line (no-break spaces, controls, a bidi mark: _field's fast test)
_FIELD = st.lists(st.sampled_from(
    list("ab é\\\"'\t\r\n\v\b\f\x1c\x1d\x1e\x85\u2028\u2029#:,~|%\xa0\u202f\x01\x1f\x7f\u200e")
    + ["<1>", "</1>", "<n1/>", "سوريا", "\r\n"]), max_size=12).map("".join)
_NOTE = st.lists(st.sampled_from(list("ab é\"\\\t\n:#,") + ["qa error", "<2/> = x"]),
                 max_size=20).map("".join)


@st.composite
def _entries(draw) -> polib.POEntry:
    obsolete = draw(st.booleans())
    entry = polib.POEntry(
        msgid=draw(_FIELD), msgstr=draw(_FIELD), msgctxt=draw(st.none() | _FIELD),
        comment=draw(_NOTE), tcomment=draw(_NOTE), obsolete=obsolete,
        flags=draw(st.lists(st.sampled_from(["fuzzy", "c-format", "no-wrap"]), max_size=2)),
        occurrences=draw(st.lists(st.tuples(st.sampled_from(["a.txt", "../in/b c.md", "x"]),
                                            st.sampled_from(["", "1", "42"])), max_size=2)))
    for name in ("previous_msgctxt", "previous_msgid", "previous_msgid_plural"):
        setattr(entry, name, draw(st.none() | _FIELD))
    if draw(st.integers(0, 9)) == 0:  # plural entries (never written by locpipe): polib's
        entry.msgid_plural = draw(_FIELD)
        entry.msgstr_plural = {0: draw(_FIELD), 1: draw(_FIELD)}
    return entry


@settings(max_examples=600, deadline=None, derandomize=True)
@given(_entries())
def test_an_entry_is_written_as_polib_writes_it_unwrapped(entry):
    from locpipe.formats.po import _entry_text

    assert _entry_text(entry) == entry.__unicode__(0)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_entries(), max_size=5), _NOTE,
       st.dictionaries(st.sampled_from(["Language", "X-Locpipe-Article", "Plural-Forms",
                                        "X-b10", "X-b9", "Project-Id-Version"]), _NOTE),
       st.booleans())
def test_a_catalog_is_written_as_polib_writes_it_unwrapped(entries, header, metadata, fuzzy):
    from locpipe.formats.po import po_text

    catalog = polib.POFile(wrapwidth=0)
    catalog.header, catalog.metadata, catalog.metadata_is_fuzzy = header, metadata, fuzzy
    catalog.extend(entries)
    assert po_text(catalog) == str(catalog)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=12)
       | st.lists(st.sampled_from(list("ab é:  \t\n\xa0\u202f\u2028\x01\ufffe\udc80")),
                  max_size=12).map("".join))
def test_a_comment_line_is_unchanged(text):
    from locpipe.formats import po

    assert po._one_line(text) == po.visible(po._SPACE.sub(" ", text).strip())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_FIELD, _FIELD, _FIELD, st.integers(0, 3), _NOTE,
       st.sampled_from(["machine", "reviewed", "memory", "copy"]), st.lists(_NOTE, max_size=2),
       st.sampled_from(["../in/tram line.txt", "a.md"]))
def test_a_first_entry_is_laid_out_as_the_merged_one_is_written(sid, text, target, line, note,
                                                               origin, notes, source):
    from locpipe.document import Finding, Segment, Unit
    from locpipe.formats.po import _entry_text, _first_entry, _merged_entry, _occurrence

    unit = Unit(Segment(sid, 0, 0, "paragraph", text, line=line, note=note), "fr",
                target=target, origin=origin, notes=notes,
                findings=[Finding(sid, "terms", "error", note)] if note else [])
    occurrence = _occurrence(source)
    assert _first_entry(unit, occurrence) == _entry_text(_merged_entry(unit, occurrence, {}))
