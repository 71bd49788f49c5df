"""Chinese (Simplified, mainland press: Xinhua style)."""

from locpipe.languages.base import Profile

PROFILE = Profile(
    code="zh",
    curated=True,
    locale="zh_Hans_CN",
    # typography: full-width punctuation with no space around it (，。？！：；), “” quotes
    # (CLDR's for zh); no space between two Chinese characters
    quotes=("“", "”"),
    punctuation={",": "，", ".": "。", "?": "？", "!": "！", ":": "：", ";": "；"},
    full_stop="。",
    # numbers: CLDR writes 3.2 million as "320万"; 亿 = 10^8
    scale_words={r"百万": 6, r"十亿": 9, r"万亿": 12},
    currency_words={"USD": ("美元", "美元", "美元"), "EUR": ("欧元", "欧元", "欧元"),
                    "GBP": ("英镑", "英镑", "英镑")},
    # QA: characters, spaces left out on both sides (checks.length): 0.27-0.49 on the
    # hand-written pairs of tests/languages/test_scripts_profiles.py, with a wide margin
    length_ratio=(0.12, 0.7),
    # function words that never stand twice in correct text ("的的", "了了" is a word: left out)
    function_words=frozenset("的 是 在 和 与 对 将 被 从 为 于 也 但 而".split()),
    # reduplication is grammar in Chinese (常常, 人人, 看看): only longer runs are faults
    doubled_words=frozenset("常常 人人 天天 年年 个个 渐渐 刚刚 慢慢 纷纷 看看".split()),
    ordinal="第{n}", century="{n}",  # "第43", "18世纪"
)
