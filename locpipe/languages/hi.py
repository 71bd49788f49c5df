"""Hindi (Indian press: PTI Bhasha, BBC Hindi style)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="hi",
    curated=True,
    locale="hi_IN",
    # typography: “” quotes, the danda । ending a sentence; digits Latin by default (as
    # most Hindi papers print them), Devanagari ०–९ with --digits deva (or native)
    quotes=("“", "”"),
    punctuation={".": "।"},
    full_stop="।",
    # numbers: CLDR writes a million as "10 लाख"; the press also uses मिलियन, अरब (10^9)
    scale_words={r"मिलियन": 6, r"बिलियन|अरब": 9, r"ट्रिलियन": 12},  # खरब: 10^11 (CLDR)
    currency_words={"USD": ("डॉलर", "डॉलर", "डॉलर"), "EUR": ("यूरो", "यूरो", "यूरो"),
                    "GBP": ("पाउंड", "पाउंड", "पाउंड")},
    # QA: 0.59-1.01 on the hand-written pairs of tests/languages/test_scripts_profiles.py
    # ("40 percent" is "40%"), with a wide margin: only four pairs
    length_ratio=(0.4, 1.9),
    # distributive reduplication: "धीरे धीरे" (slowly), "साथ साथ", "बार बार" (again and again)
    doubled_words=frozenset("धीरे साथ बार कभी जगह घर एक".split()),
)
