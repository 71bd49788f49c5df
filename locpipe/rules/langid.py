"""Language identification: pure functions over text (no stage, no IO).

langdetect does the work where it is reliable; it is seeded so a run is reproducible. On short
strings it is not. Measured with benchmarks/qa_detect.py on every word prefix of the 42
en/fr/ar sentences of tests/data/qa/references.json: langdetect was right 73 % of the time
below 10 letters, 88 % at 10-19, 99.6 % at 20-29 and 99.2-100 % from 30 letters; the
script/word check below was right 86 %, 93 %, 98.5 % and 99.6-100 % on the same prefixes. So
below LANGDETECT_MIN_LETTERS = 20 the script-based check decides — the share of Arabic letters
for Arabic, and for Latin-script text the count of English vs French function words (short
hand-written lists: no library ships them) — and above it langdetect. Every verdict records
which method applied. Caveat: the word lists and the sentences come from the same hands; the
crossover, not the exact percentages, is what the threshold relies on.

Foreign source segments need more: langdetect p >= 0.99 and >= 30 letters (or Arabic script
of any length), which marked 0 of 572 English news segments as foreign (langdetect alone:
also 0) and found 39/39 French and 32/32 Arabic sentences of that length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import UnknownLocaleError

from locpipe import languages
from locpipe.errors import LocpipeError
from locpipe.markup import words_only

# Measured thresholds (see module docstring and benchmarks/qa_detect.py).
LANGDETECT_MIN_LETTERS = 20  # below this langdetect guesses; use the script/word check
ARTICLE_MIN_PROB = 0.5  # the article is "not English" when another language is the top guess
FOREIGN_MIN_PROB = 0.99  # a source segment is foreign only when langdetect is this sure...
FOREIGN_MIN_LETTERS = 30  # ...and it has at least this many letters
ARABIC_MIN_SHARE = 0.5  # Arabic output: at least half of the letters in Arabic script

LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
ARABIC_LETTER_RE = re.compile(r"[\u0620-\u064A\u0671-\u06D3\u06FA-\u06FF\u0750-\u077F"
                              r"\uFB50-\uFDFF\uFE70-\uFEFF]")

# Frequent function words; words both languages share ("a", "en", "on", "as") are left out.
EN_WORDS = frozenset("""the of and to in is was for that with by said has have had it from at
are were be been this his her their they he she not will would which who its after but or
an than into about over says we our did does do""".split())
FR_WORDS = frozenset("""le la les de des du un une et est à au aux que qui dans pour par sur il
elle ils elles ont été ne pas se sont avec selon plus ce cette ces son sa ses leur leurs d l
n s qu y mais ou où nous vous déjà après été était avait""".split())


# Lower case and Capitalized forms only: an acronym such as UN is not French "un".
_EN_CASED = EN_WORDS | {w.capitalize() for w in EN_WORDS}
_FR_CASED = FR_WORDS | {w.capitalize() for w in FR_WORDS}


def function_words(text: str) -> tuple[int, int]:
    """How many English and how many French function words `text` has."""
    words = WORD_RE.findall(text)
    return sum(map(_EN_CASED.__contains__, words)), sum(map(_FR_CASED.__contains__, words))


def clearly_english(text: str, min_words: int = 1) -> bool:
    """The cheap test that lets English text skip langdetect: English function words and
    far fewer French ones (a French quote has many)."""
    en, fr = function_words(text)
    return en >= min_words and fr * 3 < en


def language_name(code: str) -> str:
    """English name of a language code as langdetect or the user spells it ("French"; "zh-cn":
    "Chinese"); the code itself when CLDR does not know it."""
    try:
        return languages.get(code.split("-")[0]).name
    except (LocpipeError, ValueError, UnknownLocaleError):
        return code


@dataclass(frozen=True)
class Guess:
    """A language verdict: the language code, how sure, and which method gave it."""

    lang: str  # "" when nothing can be said (digits, names only)
    prob: float
    method: str  # "langdetect" | "script" | "function-words" | "none"

    def describe(self) -> str:
        name = language_name(self.lang) if self.lang else "undetermined"
        return f"{name} ({self.lang or '?'}, p={self.prob:.2f}, {self.method})"


def letters(text: str) -> int:
    return len(LETTER_RE.findall(text))


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic script (0 when there are no letters)."""
    n = letters(text)
    return len(ARABIC_LETTER_RE.findall(text)) / n if n else 0.0


def ranked_languages(text: str) -> list[tuple[str, float]]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        return [(g.lang, g.prob) for g in detect_langs(text)]
    except LangDetectException:
        return []


def by_script(text: str) -> Guess:
    """The cheap check for short strings: Arabic script share, else English/French word counts."""
    text = words_only(text)
    if not letters(text):
        return Guess("", 0.0, "none")
    share = arabic_share(text)
    if share >= ARABIC_MIN_SHARE:
        return Guess("ar", share, "script")
    en, fr = function_words(text)
    if en == fr:
        return Guess("", 0.0, "function-words")  # names only, or no evidence either way
    return Guess("en" if en > fr else "fr", max(en, fr) / (en + fr), "function-words")


def guess(text: str) -> Guess:
    """langdetect where the text is long enough, the script/word check otherwise."""
    plain = words_only(text)
    if letters(plain) < LANGDETECT_MIN_LETTERS:
        return by_script(plain)
    found = ranked_languages(plain)
    if not found:
        return by_script(plain)
    lang, prob = found[0]
    return Guess(lang, prob, "langdetect")


def in_language(text: str, lang: str) -> tuple[bool, Guess]:
    """Is `text` in `lang`? Undetermined text (names, numbers) counts as yes."""
    g = guess(text)
    if lang == "ar" and g.method == "langdetect" and g.lang != "ar":
        # langdetect calls Arabic-script Persian/Urdu-like strings fa/ur; script decides for ar
        s = by_script(text)
        if s.lang == "ar":
            return True, s
    return (not g.lang or g.lang == lang), g


def foreign_lang(text: str, expected: str) -> str | None:
    """The language of a source segment when it is confidently not `expected`, else None."""
    if (expected != "ar" and ARABIC_LETTER_RE.search(text) and letters(text) >= 3
            and arabic_share(text) >= ARABIC_MIN_SHARE):
        return "ar"  # the script settles it, whatever the length
    if len(text) < FOREIGN_MIN_LETTERS or (expected == "en" and clearly_english(text)):
        return None  # too short to tell, or plainly English: no need to ask langdetect
    if letters(text) < FOREIGN_MIN_LETTERS:
        return None
    found = ranked_languages(words_only(text))
    if not found or found[0][0] == expected or found[0][1] < FOREIGN_MIN_PROB:
        return None
    lang = found[0][0]
    # a second opinion for French, the case newsrooms meet most (quoted statements)
    if lang == "fr" and by_script(text).lang != "fr":
        return None
    return lang


CLAUSE_RE = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–]\s)|\s+(?=(?:and|but|while|after|because|"
                       r"which|who|as)\s)")


def split_clauses(text: str) -> list[str]:
    """Split at clause boundaries (after , ; : and before dashes and conjunctions), never
    inside a markup pair, so each piece keeps whole tags."""
    pieces: list[str] = []
    start = 0
    for m in CLAUSE_RE.finditer(text):
        head = text[start:m.start()]
        if _balanced(head) and letters(head) >= 3:
            pieces.append(head)
            start = m.end()
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


def _balanced(text: str) -> bool:
    opened = re.findall(r"<(\d+)>", text)
    closed = re.findall(r"</(\d+)>", text)
    return sorted(opened) == sorted(closed)
