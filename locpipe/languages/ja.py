"""Japanese (national press: NHK, Kyodo style)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="ja",
    curated=True,
    locale="ja_JP",
    # typography: 「」 quotes, 、 and 。 with no space around them, full-width ？！：；
    quotes=("「", "」"),
    punctuation={",": "、", ".": "。", "?": "？", "!": "！", ":": "：", ";": "；"},
    full_stop="。",
    # numbers: CLDR writes 3.2 million as "320万"; 億 = 10^8
    scale_words={r"百万": 6, r"十億": 9, r"兆": 12},
    currency_words={"USD": ("ドル", "ドル", "ドル"), "EUR": ("ユーロ", "ユーロ", "ユーロ"),
                    "GBP": ("ポンド", "ポンド", "ポンド")},
    # QA: characters without spaces: 0.37-0.57 on the hand-written pairs of
    # tests/languages/test_scripts_profiles.py, with a wide margin
    length_ratio=(0.15, 0.85),
    function_words=frozenset("の は が を に で と も へ から まで".split()),
    # reduplicated words (人々 is written with 々; these are written out)
    doubled_words=frozenset("いろいろ ますます 時々 それぞれ".split()),
    ordinal="第{n}", century="{n}",  # "第43", "18世紀"
)
