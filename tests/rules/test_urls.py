"""URLs and e-mail addresses in running text (locpipe.rules.urls)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.markup import TAG_RE
from locpipe.rules.urls import URL_RE, check_urls, find_urls

# fresh pieces: addresses, their parts, markup that may split them, punctuation after them
_PIECES = ["See ", "https://", "http://", "www.", "floods.example.org", "/maps", "?q=1", ".",
           ",", ")", "»", "<1>", "</1>", "<2/>", "relief@", "aid.example.net", "desk", "@",
           ":", "//", "w", "ww", " ", "\u00a0", "،", "mail ", "x.y@z.io"]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join) | st.text(max_size=40))
def test_urls_are_what_the_pattern_finds_in_the_text_without_tags(text):
    """A text without '://', 'www.' or '@' is answered at once: the same as the pattern."""
    assert find_urls(text) == URL_RE.findall(TAG_RE.sub("", text))


def test_an_address_split_by_markup_is_still_found():
    assert find_urls("Maps at www<1>.floods.example.org</1>/south.") == [
        "www.floods.example.org/south"]
    assert check_urls("Write to relief@aid.example.net today.", "Écrivez à relief@aid.example.net "
                      "aujourd'hui.") == []
