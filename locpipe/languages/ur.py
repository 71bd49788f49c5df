"""Urdu (Pakistani press: Jang, BBC Urdu style), set in Nastaliq."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="ur",
    curated=True,
    locale="ur",
    # typography: “” quotes (CLDR's for ur), ، ؛ ؟ and the full stop ۔ (U+06D4) at the end of
    # a sentence; digits Latin by default, Urdu ۰–۹ with --digits arabext (or native)
    quotes=("“", "”"),
    punctuation={",": "،", ";": "؛", "?": "؟", ".": "۔"},
    full_stop="۔",
    # numbers: CLDR writes a million as "10 لاکھ"; the press also writes ملین, ارب (10^9)
    scale_words={r"ملین": 6, r"ارب": 9, r"بلین": 9, r"ٹریلین": 12},  # کھرب: 10^11 (CLDR)
    currency_words={"USD": ("ڈالر", "ڈالر", "ڈالر"), "EUR": ("یورو", "یورو", "یورو"),
                    "GBP": ("پاؤنڈ", "پاؤنڈ", "پاؤنڈ")},
    # QA: 0.59-1.05 on the hand-written pairs of tests/languages/test_scripts_profiles.py,
    # with a wide margin: only four pairs
    length_ratio=(0.4, 1.7),
    # distributive reduplication: "آہستہ آہستہ" (slowly), "کبھی کبھی" (sometimes)
    doubled_words=frozenset("آہستہ کبھی جگہ ساتھ".split()),
    font_script="Aran",  # Nastaliq (pages: the Nastaliq font stack)
)
