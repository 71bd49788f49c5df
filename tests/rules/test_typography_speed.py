"""bind_figures asks babel once per locale, and sets figures exactly as it did per call."""

from __future__ import annotations

import re

import babel.numbers
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.rules import typography
from locpipe.rules.typography import NNBSP, bind_figures


def _per_call(text: str, locale: str) -> str:
    """The rule as it was: babel asked on every call."""
    try:
        group = babel.numbers.get_group_symbol(locale)
        percent = babel.numbers.format_percent(0.18, locale=locale)
    except Exception:
        return text
    gap = percent[percent.find("18") + 2:percent.find("%")] if "%" in percent else ""
    if gap in ("\u00a0", NNBSP):
        text = re.sub(r"(?<=\d) (?=%)", gap, text)
    if group in ("\u00a0", NNBSP):
        text = typography._FIGURE_GROUPS.sub(
            lambda m: m.group(1) + m.group(2).replace(" ", group), text)
    return text


def test_babel_is_asked_once_per_locale(monkeypatch):
    calls: list[str] = []
    original = babel.numbers.format_percent

    def counted(*args, **kwargs):
        calls.append(kwargs.get("locale"))
        return original(*args, **kwargs)

    monkeypatch.setattr(babel.numbers, "format_percent", counted)
    typography._figure_spaces.cache_clear()
    for _ in range(3):  # French CLDR: a no-break space before %, a narrow one in groups
        assert bind_figures("Prices rose 12 % in 4 500 shops", "fr") == \
            "Prices rose 12\u00a0% in 4\u202f500 shops"
    assert calls == ["fr"]
    assert bind_figures("12 %", "xx-nowhere") == "12 %"  # unknown locale: unchanged


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet="0123456789 %,.ab\u00a0", max_size=40),
       st.sampled_from(["fr", "fr_CH", "de", "ar", "es", "ru", "en", "nope"]))
def test_same_result_as_asking_babel_each_time(text, locale):
    assert bind_figures(text, locale) == _per_call(text, locale)


# ---------------------------------------------------------------- the rules compiled once

_SHIELD_AS_IT_WAS = re.compile(typography.TAG_RE.pattern + "|" + typography.PLACEHOLDER_RE.pattern
                               + "|" + typography.URL_RE.pattern + "|" + typography.PHONE)
_SP = typography._SPACE


def _set_profile_as_it_was(text: str, profile, quotes) -> str:
    """set_profile as it was: every pattern built on each call, PHONE tried everywhere."""
    kept: list[str] = []
    mark = typography._marker(text)
    text = _SHIELD_AS_IT_WAS.sub(lambda m: kept.append(m.group(0)) or mark, text)
    open_q, close_q = quotes or profile.quotes
    if profile.apostrophe:
        text = re.sub(r"(?<=[^\W\d_])'(?=[^\W\d_])", profile.apostrophe, text)
    if open_q and close_q:
        text = re.sub(r'"([^"\n]*)"', lambda m: "“" + m.group(1) + "”", text)
        if (open_q, close_q) != ("“", "”"):
            text = re.sub(r"“([^“”\n]*)”", lambda m: open_q + m.group(1) + close_q, text)
            text = text.translate({ord(k): q for k, q in (("“", open_q), ("”", close_q))
                                   if k not in (open_q, close_q)})
        if profile.quote_space:
            sp = profile.quote_space
            text = re.sub(rf"{re.escape(open_q)}[{_SP}]*", lambda m: open_q + sp, text)
            text = re.sub(rf"(?<![{_SP}])[{_SP}]*{re.escape(close_q)}", lambda m: sp + close_q,
                          text)
    latin = f"[{typography._LATIN}]"
    stop = profile.punctuation.get(".")
    if stop:
        text = typography._full_stops(text, stop, profile.spaced, mark, kept)

    def around(t: str, i: int) -> bool:
        j = i
        while j and t[j - 1] in _SP:
            j -= 1
        k = i + 1
        while k < len(t) and t[k] in _SP:
            k += 1
        return bool(re.match(latin, t[j - 1] if j else " ")
                    and re.match(latin, t[k] if k < len(t) else " "))

    hanidec = typography.HANIDEC
    for m_, native in profile.punctuation.items():
        if m_ != ".":
            text = re.sub(rf"(?<![\d{hanidec}]){re.escape(m_)}|{re.escape(m_)}(?![\d{hanidec}])",
                          lambda m, t=text, n=native: m.group(0) if around(t, m.start()) else n,
                          text)
    question = profile.punctuation.get("?")
    if question:
        text = re.sub(rf"{re.escape(question)}[?{re.escape(question)}]+|\?{re.escape(question)}",
                      question, text)
    before = profile.space_before
    if before:
        marks = re.escape(before.replace(":", ""))
        alts = ([f"[{marks}]+"] if marks else []) + ([r":(?!\d)"] if ":" in before else [])
        text = re.sub(rf"(?<=[^{_SP}\n])[{_SP}]*({'|'.join(alts)})",
                      lambda m: typography.NNBSP + m.group(1), text)
    tight = "".join(dict.fromkeys(c for c in ".,!:;?" + "".join(profile.punctuation.values())
                                  if c not in before and c not in profile.punctuation))
    text = re.sub(rf"(?<![{_SP}])[{_SP}]+(?=[{re.escape(tight)}](?!\d))", "", text)
    wide = "".join(c for c in [*profile.punctuation.values(), open_q or "", close_q or ""]
                   if len(c) == 1 and typography._wide(c))
    if wide:
        text = re.sub(rf"(?<=[{re.escape(wide)}])[{_SP}]+", "", text)
        text = re.sub(rf"[{_SP}]+(?=[{re.escape(wide)}])", "", text)
    if not profile.spaced:
        cjk = typography._CJK + re.escape((open_q or "") + (close_q or ""))
        text = re.sub(rf"(?<=[{cjk}])[{_SP}]+(?=[{cjk}])", "", text)
    return typography._unshield(text, kept, mark)


_PIECES = ["a", "Le", "é", "ONU", "Inc", "U.S.", "سوريا", "و", "中国", "。", "हिन्दी", "ی",
           " ", " ", "\u00a0", "\u202f", "\n", ".", "..", ",", ";", ":", "!", "?", "؟", "،",
           '"', "“", "”", "«", "»", "„", "'", "’", "(", ")", "[", "]", "-", "–", "%", "+",
           "/", "@", "x@news.example", "www.un.org", "https://a.example/b", "+963 11 333 4444",
           "(021) 555-0199", "0049 176 12345678", "50,000", "15:30", "3.5", "978-3-16-148410-0",
           "<1>", "</1>", "<2/>", "<n1/>", "٣", "-5"]
_LANGS = ["fr", "ar", "de", "es", "pt", "uk", "tr", "fa", "ur", "hi", "zh", "ja"]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=16), st.sampled_from(_LANGS),
       st.sampled_from(["«»", "”“", ""]))
def test_compiled_rules_set_text_exactly_as_the_rules_built_per_call(pieces, lang, arabic):
    from locpipe import languages
    from locpipe.context import Settings

    text = "".join(pieces)
    profile = languages.get(lang)
    quotes = profile.quotes
    if quotes == ("«", "»") and profile.script == "Arab" and len(arabic) == 2:
        quotes = (arabic[0], arabic[1])
    expected = _set_profile_as_it_was(text, profile, quotes) if profile.typeset else text
    assert typography.typeset(text, lang, Settings(targets=[lang], arabic_quotes=arabic)
                              if arabic else None) == expected


_RUN_AS_IT_WAS = re.compile(typography.URL_RE.pattern + typography._RUNS.replace(
    typography._PHONE_AT, typography.PHONE))


def _ltr_runs_as_it_was(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _RUN_AS_IT_WAS.finditer(text):
        if m.lastgroup == "bare":
            continue
        start, end = m.span()
        count = {c: text.count(c, start, end) for c in "()[]"}
        while end > start:
            last = text[end - 1]
            if last not in typography._TRAIL and not (
                    last in typography._CLOSERS and count[last] > count[typography._CLOSERS[last]]):
                break
            if last in count:
                count[last] -= 1
            end -= 1
        run = text[start:end]
        if text[end:end + 1] == "." and re.match(f"[{typography._LATIN}]", text[end - 1:end]) \
                and re.compile(r"\S").search(text, end + 1) \
                and not re.match(r"https?:|www\.|\S+@", run):
            end += 1
        if run.strip():
            spans.append((start, end))
    return spans


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=16))
def test_ltr_runs_are_the_runs_found_trying_every_pattern_everywhere(pieces):
    text = "".join(pieces)
    assert typography.ltr_runs(text) == _ltr_runs_as_it_was(text)


# ------------------------------------------- patterns led by the characters they start with

_PLAIN = {  # each led pattern as it was written before the lookahead led it
    "_SHIELD_RE": typography.TAG_RE.pattern + "|" + typography.PLACEHOLDER_RE.pattern + "|"
    + typography.URL_RE.pattern + "|" + typography._PHONE_AT,
    "_SHIELD_NO_MAIL_RE": typography.TAG_RE.pattern + "|" + typography.PLACEHOLDER_RE.pattern
    + "|" + typography.WEB_PATTERN + "|" + typography._PHONE_AT,
    "_SHIELD_NO_URL_RE": typography.TAG_RE.pattern + "|" + typography.PLACEHOLDER_RE.pattern
    + "|" + typography._PHONE_AT,
    "_RUN_RE": typography.URL_RE.pattern + typography._RUNS,
    "_RUN_NO_MAIL_RE": typography.WEB_PATTERN + typography._RUNS,
    "_RUN_NO_URL_RE": typography._RUNS.removeprefix("|"),
    "_FIGURE_GROUPS": r"(?<![\d)] )\b(\d{1,3})((?: \d{3})+)\b(?! ?\d)",
}
_MORE = ["#Raqqa2026", "@AFP", "−5", "٪", "‰", "۴٥", "j_9@[129.126.118.1]", "Ltd.", "Dr.",
         "فرنسا", "مدينة", "x.y", "+", "(0)", "12 345 678", "ميغ-29", "و-٣", "٫", "_", "·"]


@settings(max_examples=800, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_PIECES + _MORE), st.text(max_size=3)), max_size=14))
def test_a_pattern_led_by_its_first_characters_finds_what_it_found_unled(pieces):
    """Each pattern given a lookahead of the characters its matches start with finds the
    same matches (spans and groups), anywhere, as the pattern without it."""
    text = "".join(pieces)
    for name, plain in _PLAIN.items():
        led = getattr(typography, name)
        assert [(m.span(), m.groups()) for m in led.finditer(text)] == \
            [(m.span(), m.groups()) for m in re.finditer(plain, text)], name


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=" \u00a0\u202f.,;:!?a1«»\n", max_size=24), st.sampled_from(_LANGS))
def test_the_rules_led_by_their_first_characters_match_as_they_did(text, lang):
    """The space rules (a fine space before ; : ! ?, none before other marks) written to
    start with a character re can skip to remove what they removed, on dense punctuation."""
    from locpipe import languages

    profile = languages.get(lang)
    if profile.typeset:
        assert typography.set_profile(text, profile) == _set_profile_as_it_was(
            text, profile, profile.quotes)
