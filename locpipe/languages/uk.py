"""Ukrainian (Ukrinform, Ukrainska Pravda style)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="uk",
    curated=True,
    locale="uk_UA",
    # typography: «» quotes (CLDR's for uk), the apostrophe of м’ясо, п’ять as ’
    quotes=("«", "»"),
    apostrophe="’",
    scale_words={r"мільйон(?:а|ів)?|млн\.?": 6, r"мільярд(?:а|ів)?|млрд\.?": 9,
                 r"трильйон(?:а|ів)?|трлн\.?": 12},
    # currency names: CLDR's (their plural forms follow Ukrainian's one/few/many rules)
    length_ratio=(0.6, 2.0),  # 0.93-1.03 on tests/languages/test_scripts_profiles.py
    # "що що" is a fault; "так так" (yes, yes) is speech
    doubled_words=frozenset({"так"}),
    century="{roman}",  # "XVIII століття"; ordinals decline ("43-й/-го"): the figure alone
)
