"""Persian (Iranian press: IRNA, BBC Persian style)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="fa",
    curated=True,
    locale="fa",
    # typography: «» quotes, ، ؛ ؟ in Persian text (not between Latin words or inside numbers);
    # digits: Latin by default, Persian ۰–۹ with --digits arabext (or native / default: CLDR's
    # numbering system for fa is arabext)
    quotes=("«", "»"),
    punctuation={",": "،", ";": "؛", "?": "؟"},
    scale_words={r"میلیون": 6, r"میلیارد": 9, r"هزار\s+میلیارد|تریلیون|بیلیون": 12},
    currency_words={"USD": ("دلار", "دلار", "دلار"), "EUR": ("یورو", "یورو", "یورو"),
                    "GBP": ("پوند", "پوند", "پوند")},  # Persian does not inflect after numbers
    # QA: a Persian translation runs about as long as the English (measured on hand-made
    # pairs in tests/languages/test_scripts_profiles.py: 0.8-1.0), +/- a wide margin
    length_ratio=(0.45, 1.6),
    # distributive reduplication: "کم کم" (little by little), "یکی یکی" (one by one)
    doubled_words=frozenset("کم یکی آرام تک".split()),
)
