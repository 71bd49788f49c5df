"""URLs and e-mail addresses in running text (pure): how they are found, and the rule that
each one of the source comes back unchanged in the translation.

They are masked before translation like numbers (locpipe.rules.numbers gives them a `<nK/>`
placeholder and restores them verbatim), so an engine cannot transliterate, translate or
re-space them; `check_urls` verifies the result (QA check `urls`), which matters for reviewed
translations and for engines that damage placeholders. Hand-written: a URL ends where running
text punctuation begins (a sentence's full stop, a closing bracket or quotation mark), which
no URL library decides for prose.
"""

from __future__ import annotations

import re
from collections import Counter

from locpipe.markup import TAG_RE

# A URL (scheme or www.) or an e-mail address; a final . , ; : ! ? ) » ” ' (and the
# full-width 。、，！？ of Chinese and Japanese, Hindi ।, Urdu ۔, Arabic ، ؛ ؟) belongs to the
# sentence, not to the address ("see https://example.org/a." ends at "a"). An e-mail address
# starts where its run of address characters starts (the lookbehind), and that run is taken
# whole (possessive `++`): otherwise the pattern is retried at every letter of a long word,
# each attempt running to the word's end (quadratic on a token without spaces).
# Arabic, Persian and Urdu punctuation (، ؛ ؟ ۔ and the Arabic full stop ٫ is a decimal
# separator, not punctuation) is never part of an address: "https://example.org/a،" ends at "a".
URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"“”«»「」،؛؟۔]*[^\s<>\"“”«».,;:!?)\]'’。、，！？；：）।۔،؛؟]"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"
)


def find_urls(text: str) -> list[str]:
    """The URLs and e-mail addresses of a text, in order (markup tags removed first)."""
    plain = TAG_RE.sub("", text) if "<" in text else text
    if "://" not in plain and "www." not in plain and "@" not in plain:
        return []  # what URL_RE's addresses start with or hold: most sentences have none
    return URL_RE.findall(plain)


def check_urls(source: str, target: str) -> list[str]:
    """URLs: every URL and e-mail address of the source appears unchanged in the translation,
    and the translation has none the source does not. One message per problem."""
    want, got = Counter(find_urls(source)), Counter(find_urls(target))
    out = []
    for url, n in want.items():
        if got[url] < n:
            out.append(f"'{url}' is missing from the translation or changed; copy it exactly")
    for url, n in got.items():
        if want[url] < n:
            out.append(f"'{url}' in the translation is not in the source")
    return out
