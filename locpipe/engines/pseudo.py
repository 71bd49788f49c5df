"""Pseudo-localisation: a deterministic, visibly transformed text per target language.

It lets layout, right-to-left rendering and markup round-trips be checked without a model:
French gets accented letters and is about 30 % longer (French runs longer than English);
Arabic gets Latin letters mapped to Arabic ones, so the text is real right-to-left script.
Markup tags and placeholders pass through unchanged. It is never a translation, and every
page it produces says so.
"""

from __future__ import annotations

import re

from locpipe.engines import EngineOptions
from locpipe.markup import between

# Anything between angle brackets (markup tags, placeholders) or ⟦…⟧ is kept verbatim.
_KEEP = re.compile(r"<[^<>]*>|⟦[^⟦⟧]*⟧")

_ACCENTS = str.maketrans("aeiouycnAEIOUYCN", "àéîõûýçñÀÉÎÕÛÝÇÑ")
_AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_ARABIC = str.maketrans(
    {c: _AR_LETTERS[i % len(_AR_LETTERS)] for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}
    | {c: _AR_LETTERS[(i + 3) % len(_AR_LETTERS)]
       for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
    | {";": "؛", "?": "؟"}
)
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")  # a comma, but not a thousands separator


class PseudoEngine:
    name = "pseudo"
    pseudo = True

    def __init__(self, source: str, target: str, options: EngineOptions | None = None):
        self.source = source
        self.target = target
        self.model_id = f"pseudo-{source}-{target}"

    def translate(self, texts: list[str]) -> list[str]:
        return [between(_KEEP, t, self._words) for t in texts]

    def _words(self, chunk: str) -> str:
        if self.target == "ar":
            return _COMMA.sub("،", chunk.translate(_ARABIC))
        if self.target == "fr":
            # lengthen by repeating a vowel of every third word: stays readable, grows ~30 %
            words = chunk.split(" ")
            for i in range(0, len(words), 3):
                w = words[i]
                m = re.search(r"[aeiouAEIOU]", w)
                if m and not w.isupper():
                    words[i] = w[: m.end()] + w[m.start()] * 2 + w[m.end():]
            return " ".join(words).translate(_ACCENTS)
        return "[" + chunk + "]" if chunk.strip() else chunk
