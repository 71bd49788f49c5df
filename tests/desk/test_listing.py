"""The desk view's pieces as properties: text cut into tokens, rows cut into pages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.desk.article import tokens
from locpipe.desk.listing import FILTERS, SORTS, Row, select
from locpipe.markup import INLINE_RE

PIECES = st.lists(st.one_of(st.text(alphabet="ab <>/1tn,.é", max_size=6),
                            st.sampled_from(["<1>", "</1>", "<2/>", "<t1/>", "<n3/>"])),
                  max_size=12)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(PIECES, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=4))
def test_tokens_cover_the_text_and_keep_codes_whole(pieces, spans):
    text = "".join(pieces)
    marks = [(min(a, b), max(a, b), "term") for a, b in spans]
    got = tokens(text, marks)
    assert "".join(t for _, t in got) == text
    assert [t for k, t in got if k == "code"] == INLINE_RE.findall(text)
    for kind, piece in got:
        if kind != "code":  # a code is never split into text or crossed by a mark
            assert not INLINE_RE.search(piece)


ROWS = st.lists(st.builds(
    Row, folder=st.text(alphabet="abc-1", min_size=1, max_size=5), title=st.text(max_size=8),
    identity=st.text(max_size=5), languages=st.just(("fr",)), done=st.integers(0, 5),
    asked=st.integers(0, 5), errors=st.integers(0, 2), warnings=st.integers(0, 2),
    engine=st.sampled_from(["pseudo", "argos"]), written=st.text(max_size=4)),
    max_size=40, unique_by=lambda r: r.folder)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(ROWS, st.sampled_from(FILTERS), st.sampled_from(SORTS), st.integers(1, 7))
def test_pages_show_every_matching_row_once(rows, flt, sort, size):
    first = select(rows, flt, "", sort, 1, size)
    shown = [r for n in range(1, first.pages + 1) for r in select(rows, flt, "", sort, n,
                                                                   size).rows]
    wanted = [r for r in rows if flt == "all" or r.state == flt]
    assert sorted(r.folder for r in shown) == sorted(r.folder for r in wanted)
    assert first.total == len(wanted)
    assert sum(first.counts[s] for s in ("ready", "needs-review", "has-errors")) == len(rows)
