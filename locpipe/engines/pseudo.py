"""Pseudo-localisation: a deterministic, visibly transformed text for any target language.

It lets layout, right-to-left rendering and markup round-trips be checked without a model.
A language written in the Latin script gets accented letters and runs about 30 % longer (as
French, Spanish or German run longer than English); any other script gets the Latin letters
mapped onto letters of that script (CLDR's month and day names give them: Cyrillic for ru,
Hebrew for he, Arabic for ar and fa), so the page is real right-to-left or Cyrillic text, and
the profile's punctuation (Arabic ، ؛ ؟). Markup tags and placeholders pass through unchanged.
It is never a translation, and every page it produces says so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from locpipe import languages
from locpipe.engines import EngineOptions
from locpipe.engines.base import Engine
from locpipe.markup import between

# Anything between angle brackets (markup tags, placeholders) or ⟦…⟧ is kept verbatim, and
# so is an English possessive after a placeholder ("<t1/>'s"): restoring the name drops it,
# which it could not do once the "s" is mapped onto another script's letter ("الأسد'غ").
_KEEP = re.compile(r"<[^<>]*>(?:(?<=/>) ?['’]s(?![^\W\d_]))?|⟦[^⟦⟧]*⟧")

# Identity entries for Latin letters and common punctuation: str.translate raises (and drops)
# a LookupError inside for each character its table lacks, which made most of its cost.
_IDENTITY = {i: i for i in (*range(0x250), *range(0x2000, 0x2070))}
_LOWER = "abcdefghijklmnopqrstuvwxyz"
# The Arabic alphabet in its traditional order (CLDR's names would give a less readable set).
_SCRIPT_LETTERS = {"Arab": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
                   # frequent Han characters, none a numeral or a date word (CLDR's names
                   # give 一二三, which Chinese also writes numbers with), kana, hangul
                   # nor a word the doubled-word check looks for (的 是 在…, kana particles)
                   "Hans": ("了不人我他这中大来上国到说们子你地出道时得就那要"
                            "下生会自着去过家学可里后小么心多天方明见开"),
                   "Hant": ("了不人我他這中大來上國到說們子你地出道時得就那要"
                            "下生會自著去過家學可裡後小麼心多天方明見開"),
                   "Jpan": ("アイウエオカキクケコサシスセソタチツテトナニヌ"
                            "ネノハヒフヘホマミムメモヤユヨラリルレロワン"),
                   "Kore": ("가나다라마바사아자차카타파하거너더러머버서"
                            "어저처커터퍼허고노도로모보소오조초코토포호"),
}
_MIN_LETTERS = 10  # fewer letters than this in CLDR's names: bracket the text instead


def _script_table(letters: str) -> dict[int, str]:
    n = len(letters)
    return ({ord(c): letters[i % n] for i, c in enumerate(_LOWER)}
            | {ord(c.upper()): letters[(i + 3) % n] for i, c in enumerate(_LOWER)})


_ARABIC = str.maketrans(_script_table(_SCRIPT_LETTERS["Arab"]) | {";": "؛", "?": "؟"})


@lru_cache(maxsize=64)
def _letters(code: str) -> str:
    """Letters of the language's script, from CLDR's month and day names ("" for Latin)."""
    profile = languages.get(code)
    if profile.script == "Latn":
        return ""
    if profile.script in _SCRIPT_LETTERS:
        return _SCRIPT_LETTERS[profile.script]
    loc = profile.cldr
    names = [*loc.months["format"]["wide"].values(), *loc.days["format"]["wide"].values()]
    found = dict.fromkeys(c for name in names for c in name.lower()
                          if c.isalpha() and not c.isascii())
    return "".join(found) if len(found) >= _MIN_LETTERS else ""


@lru_cache(maxsize=64)
def _table(code: str) -> dict[int, int | str] | None:
    letters = _letters(code)
    return (_IDENTITY | _script_table(letters)) if letters else None


_VOWEL = re.compile(r"[aeiouAEIOU]")


@lru_cache(maxsize=64)
def _punctuation(code: str) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """The profile's punctuation (mark, its pattern, the native mark), each pattern compiled
    once: a comma, but not a thousands separator (50,000)."""
    return tuple((mark, re.compile(rf"(?<!\d){re.escape(mark)}|{re.escape(mark)}(?!\d)"),
                  native) for mark, native in languages.get(code).punctuation.items())


# The accents as (letter, accented) pairs: a str.replace per letter the text has is ~2x faster
# than str.translate, which looks every character up in a dict; the same text, as no accented
# letter is itself replaced.
_ACCENTED = tuple(zip("aeiouycnAEIOUYCN", "àéîõûýçñÀÉÎÕÛÝÇÑ", strict=True))


def _lengthen(chunk: str) -> str:
    """Repeat a vowel of every third word: stays readable, grows ~30 %, then accents."""
    words = chunk.split(" ")
    for i in range(0, len(words), 3):
        w = words[i]
        m = _VOWEL.search(w)
        if m and not w.isupper():
            words[i] = w[: m.end()] + w[m.start()] * 2 + w[m.end():]
    out = " ".join(words)
    for letter, accented in _ACCENTED:
        if letter in out:
            out = out.replace(letter, accented)
    return out


class PseudoEngine(Engine):
    name = "pseudo"
    summary = "pseudo-localisation for any language (no model; never a translation)"
    pseudo = True

    def __init__(self, source: str, target: str, options: EngineOptions | None = None):
        self.source = source
        self.target = target
        self.model_id = f"pseudo-{source}-{target}"
        self.profile = languages.get(target)

    def translate(self, texts: list[str]) -> list[str]:
        words = self._words
        # (most texts have nothing _KEEP matches: no "<" nor "⟦")
        return [between(_KEEP, t, words) if "<" in t or "⟦" in t else words(t) for t in texts]

    def _words(self, chunk: str) -> str:
        table = _table(self.target)
        if table is not None:
            out = chunk.translate(table)
        elif self.profile.script == "Latn":
            out = _lengthen(chunk)
        else:  # a script CLDR's names do not spell out: mark the text, in its direction
            mark = "\u200f" if self.profile.rtl else ""
            return mark + "[" + chunk + "]" if chunk.strip() else chunk
        for mark, pattern, native in _punctuation(self.target):
            if mark in out:
                out = pattern.sub(native, out)
        return out
