import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.engines.pseudo import PseudoEngine
from locpipe.markup import INLINE_RE

TEXT = 'The <1>Red Crescent</1> said <n1/> trucks crossed at <t2/>, why? "Slowly"<3/>'


def pseudo(lang: str, text: str = TEXT) -> str:
    return PseudoEngine("en", lang).translate([text])[0]


def scripts(text: str) -> set[str]:
    return {unicodedata.name(c).split()[0] for c in INLINE_RE.sub("", text) if c.isalpha()}


def test_french_and_arabic_output_is_unchanged():
    # (the outputs of the fr/ar-only engine this one replaced)
    assert pseudo("fr", "Nine convoys, why? Slowly <n1/>") == "Ñîîîñé çõñvõýs, whý? Slõõõwlý <n1/>"
    assert pseudo("ar", "Nine convoys, why? Slowly <n1/>") == "ظذصج تضصكضنغ، لدن؟ كسضلسن <n1/>"


@pytest.mark.parametrize("lang, script", [
    ("ru", "CYRILLIC"), ("he", "HEBREW"), ("fa", "ARABIC"), ("el", "GREEK"),
    ("es", "LATIN"), ("de", "LATIN"), ("pt", "LATIN"), ("tr", "LATIN"),
])
def test_any_language_is_written_in_its_script_with_markup_intact(lang, script):
    out = pseudo(lang)
    assert INLINE_RE.findall(out) == INLINE_RE.findall(TEXT)
    assert scripts(out) == {script}
    assert out != TEXT


def test_latin_script_languages_run_longer_like_french():
    out = pseudo("es", "The convoy of nine trucks crossed the river at dawn")
    assert len(out) > len("The convoy of nine trucks crossed the river at dawn")
    assert re.search("[àéîõû]", out)


def test_a_script_cldr_names_do_not_spell_is_bracketed_in_its_direction():
    # Tai Viet: CLDR's month and day names give fewer than ten letters
    assert pseudo("blt", "Nine convoys <n1/>") == "[Nine convoys ]<n1/>"


def test_japanese_and_korean_are_written_in_kana_and_hangul():
    # CLDR's ja and ko month names (3月, 3월) spell too few letters: kana and hangul are named
    out = pseudo("ja", "Nine convoys <n1/>")
    assert re.fullmatch(r"[\u30a0-\u30ff]+ [\u30a0-\u30ff]+ <n1/>", out)
    out = pseudo("ko", "Nine convoys <n1/>")
    assert re.fullmatch(r"[\uac00-\ud7af]+ [\uac00-\ud7af]+ <n1/>", out)


@pytest.mark.parametrize("lang", ["ar", "ru", "fr"])
def test_a_possessive_after_a_placeholder_is_left_for_restoring_to_drop(lang):
    out = pseudo(lang, "<t1/>'s forces and <t2/>’s office met the ship's crew.")
    assert out.startswith("<t1/>'s ") and "<t2/>’s " in out
    assert "'s crew" not in out  # not after a placeholder: transformed as any word


_PIECES = ["a", "e", "i", "o", "u", "y", "c", "n", "A", "E", "Y", "N", "b", "Z", "é", "ñ", "ß",
           " ", "  ", ",", "5,000", "?", ";", "“", "”", "’", "—", "…", "\u00a0", "\u202f",
           "Ā", "ǅ", "حلب", "Москва", "中", "😀", "\u0301", "\n"]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=24))
def test_lengthening_writes_what_the_plain_rule_writes(pieces):
    """The str.replace accents change nothing _lengthen writes: every
    third word (split on single spaces) gets its first ASCII vowel three times unless it is in
    capitals, then exactly the eight letters are accented (str.translate with a plain table)."""
    import re

    from locpipe.engines.pseudo import _lengthen

    def plain_rule(chunk: str) -> str:
        words = chunk.split(" ")
        for i in range(0, len(words), 3):
            w = words[i]
            m = re.search(r"[aeiouAEIOU]", w)
            if m and not w.isupper():
                words[i] = w[: m.end()] + w[m.start()] * 2 + w[m.end():]
        return " ".join(words).translate(str.maketrans("aeiouycnAEIOUYCN", "àéîõûýçñÀÉÎÕÛÝÇÑ"))

    text = "".join(pieces)
    assert _lengthen(text) == plain_rule(text)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=24), st.sampled_from(["ar", "ru", "he", "ja"]))
def test_a_script_table_maps_exactly_the_latin_letters(pieces, lang):
    from locpipe.engines.pseudo import _letters, _script_table, _table

    text = "".join(pieces)
    assert text.translate(_table(lang)) == text.translate(_script_table(_letters(lang)))
