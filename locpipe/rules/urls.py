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
_END = r"[^\s<>\"“”«».,;:!?)\]'’。、，！？；：）।۔،؛؟]"  # the last character of a URL


def _top_level_domains() -> str:
    """Top-level domains a bare host name may end with: every country's (ISO 3166 codes from
    CLDR, through Babel; .uk and .eu beside them) and the generic ones news copy meets."""
    from babel import Locale

    codes = {c.lower() for c in Locale.parse("en").territories
             if len(c) == 2 and c.isalpha() and c not in ("EZ", "QO", "UN", "XA", "XB", "XK",
                                                           "ZZ")} | {"uk", "eu"}
    codes |= set("com net org edu gov mil int info biz name pro mobi asia tel travel jobs aero "
                 "coop museum app dev ai academy news online site store tech blog shop cloud "
                 "live media world today space website xyz top club aws".split())
    # grouped by first letter, two-letter codes as one class ("b(?:iz|log|[abd…z])"): a
    # smaller pattern, compiled faster and tried faster than ~300 alternatives
    groups: dict[str, list[str]] = {}
    for code in codes:
        groups.setdefault(code[0], []).append(code[1:])
    out = []
    for first, rests in sorted(groups.items()):
        longer = sorted((r for r in rests if len(r) > 1), key=len, reverse=True)
        single = "".join(sorted(r for r in rests if len(r) == 1))
        alts = longer + ([f"[{single}]"] if single else [])
        out.append(first + "(?:" + "|".join(alts) + ")")
    return "|".join(out)


# A bare host name (issue 21): "bit.ly", "27.pm", "abc.d-ef.123ghi.com.sa/" — labels of
# letters, digits and inner hyphens, the last a known top-level domain written in lower case
# ("said.It" is a missing space, not a host). Not a clock time ("7.am": an hour before am/pm
# is a time), nor an abbreviation of single letters ("U.S.in").
_HOST = (r"(?<![\w.@/+-])(?!(?:0?\d|1[0-2])\.[ap]m(?![\w-]|\.[A-Za-z0-9]))"
         r"(?!(?:[A-Za-z]\.)+[a-z]{2}\b)(?:[A-Za-z0-9]++(?:-++[A-Za-z0-9]++)*+\.)+"
         r"(?-i:(?:" + _top_level_domains() + r"))(?![\w@-]|\.[A-Za-z0-9])"
         r"(?:/(?:[^\s<>\"“”«»「」،؛؟۔]*" + _END + r")?)?")

_WEB = r"(?:https?://|www\.)[^\s<>\"“”«»「」،؛؟۔]*" + _END
# an e-mail address; its host may be an IP address in brackets ("j_9@[129.126.118.1]")
_MAIL = (r"(?<![\w.+-])[\w.+-]++@(?:[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"
         r"|\[\d{1,3}(?:\.\d{1,3}){3}\])")
URL_RE = re.compile(_WEB + "|" + _MAIL + "|" + _HOST)
# The same addresses without the e-mail branch: for a text with no "@" (tried at every word,
# that branch finds nothing there), the same matches, faster.
WEB_PATTERN = _WEB + "|" + _HOST
# What a text holds when it may hold an address: a scheme, "www.", an "@", or a full stop
# before a lower-case letter (a bare host's top-level domain is written in lower case). Tested
# as substrings and one literal-led pattern: a fast scan, unlike a pattern led by a class.
_DOT_LOWER = re.compile(r"\.[a-z]")


def may_hold_url(text: str) -> bool:
    """False when URL_RE cannot match in `text` (most sentences): the cheap test first."""
    return "@" in text or "://" in text or "www." in text or bool(_DOT_LOWER.search(text))


def find_urls(text: str) -> list[str]:
    """The URLs and e-mail addresses of a text, in order (markup tags removed first)."""
    plain = TAG_RE.sub("", text) if "<" in text else text
    if not may_hold_url(plain):
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
