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
    # QA: 0.81-0.98 on the hand-written pairs of tests/languages/test_scripts_profiles.py,
    # with a wide margin: only four pairs
    length_ratio=(0.45, 1.6),
    # distributive reduplication: "کم کم" (little by little), "یکی یکی" (one by one)
    doubled_words=frozenset("کم یکی آرام تک".split()),
)
