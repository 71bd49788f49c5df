"""The trailing closing tags of a segment are found from its end, with the regex's answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe import document

PIECES = st.sampled_from(["</1>", "</2>", "</12>", "<3>", "word", " ", "\n", "</", ">", "1",
                          "\u00a0", "</٣>", "x</4>"])


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_same_match_as_the_regex_search(text):
    want = document._TRAILING_CLOSES.search(text)
    got = document._trailing_closes(text)
    assert (got is None) == (want is None)
    if want is not None:
        assert (got.start(), got.end(), got.group(1)) == (want.start(), want.end(),
                                                          want.group(1))
