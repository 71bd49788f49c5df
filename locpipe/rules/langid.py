"""Language identification: pure functions over text (no stage, no IO).

langdetect does the work where it is reliable; it is seeded so a run is reproducible. On short
strings it is not. Measured with benchmarks/qa_detect.py on every word prefix of the 42
en/fr/ar sentences of tests/data/qa/references.json: langdetect was right 73 % of the time
below 10 letters, 88 % at 10-19, 99.6 % at 20-29 and 99.2-100 % from 30 letters; the
script/word check below was right 86 %, 93 %, 98.5 % and 99.6-100 % on the same prefixes. So
below LANGDETECT_MIN_LETTERS = 20 the script-based check decides — the share of letters in a
non-Latin script (SCRIPTS: Arabic, Hebrew, Cyrillic…), and for Latin-script text the count of
English vs the candidate language's function words (English here, the others in their language
profiles: no library ships them) — and above it langdetect. Every verdict records which method
applied. Caveat: the word lists and the sentences come from the same hands; the crossover, not
the exact percentages, is what the threshold relies on.

Foreign source segments need more: langdetect p >= 0.99 and >= 30 letters (or a non-Latin
script other than the source's, at any length), which marked 0 of 572 English news segments as
foreign (langdetect alone: also 0) and found 39/39 French and 32/32 Arabic sentences of that
length.

The article as a whole (source_verdict) is refused only on strong evidence, named in the
message: its script, or langdetect sure (p >= 0.9) on its long segments and the top guess of most
of them, or (short text) function words of one language and none of the declared one. On
benchmarks/source_language.py: short fragments 115/140 -> 122/140 (English labels and headlines
60/60 accepted, were 53/60), whole articles 22/26 -> 26/26.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from locpipe import languages
from locpipe.errors import LocpipeError
from locpipe.languages import language_name  # noqa: F401  (callers read langid.language_name)
from locpipe.languages.base import Profile
from locpipe.markup import words_only

# Measured thresholds (see module docstring and benchmarks/qa_detect.py).
LANGDETECT_MIN_LETTERS = 20  # below this langdetect guesses; use the script/word check
FOREIGN_MIN_PROB = 0.99  # a source segment is foreign only when langdetect is this sure...
FOREIGN_MIN_LETTERS = 30  # ...and it has at least this many letters
SCRIPT_MIN_SHARE = 0.5  # text "is in" a script when at least half of its letters are

LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


# --- scripts ----------------------------------------------------------------------------------
# Python's `re` has no \p{Script=...} and unicodedata has no script property, so each ISO 15924
# script (what CLDR and the language profiles name: profile.script) gets its Unicode blocks here.
# `letters` counts the letters of the script; `block` is the whole block, marks and the script's
# own punctuation included (for "Latin glued to a word of this script"); `spaced` says whether
# words are separated by spaces (Latin glued to Han or Kana is normal writing, not a fault). The
# Arabic letter class is the one locpipe has always used (0620-064A, 0671-06D3, 06FA-06FF,
# supplement, presentation forms), kept as is so that Arabic verdicts do not move. A script not
# in this table has no script test: checks that need one say they were skipped.

def _letters_of(block: str) -> re.Pattern[str]:
    # the block's range first (most characters fail it at once), then the letter test
    return re.compile(rf"[{block}](?<=[^\W\d_])")


@dataclass(frozen=True)
class Script:
    code: str  # ISO 15924
    letters: re.Pattern[str]
    block: str  # a regex character class body
    spaced: bool = True


_SCRIPT_BLOCKS = {
    "Latn": r"A-Za-z\u00AA\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF",
    "Hebr": r"\u0590-\u05FF\uFB1D-\uFB4F",
    "Cyrl": r"\u0400-\u052F\u1C80-\u1C8F\uA640-\uA69F",
    "Grek": r"\u0370-\u03FF\u1F00-\u1FFF",
    "Armn": r"\u0531-\u058F",
    "Geor": r"\u10A0-\u10FF\u1C90-\u1CBF",
    "Deva": r"\u0900-\u097F",
    "Beng": r"\u0980-\u09FF",
    "Thai": r"\u0E00-\u0E7F",
}
_HAN = r"\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF"
_KANA = r"\u3040-\u30FF\u31F0-\u31FF"
_HANGUL = r"\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF"
ARABIC_LETTER_RE = re.compile(r"[\u0620-\u064A\u0671-\u06D3\u06FA-\u06FF\u0750-\u077F"
                              r"\uFB50-\uFDFF\uFE70-\uFEFF]")
SCRIPTS: dict[str, Script] = {
    "Arab": Script("Arab", ARABIC_LETTER_RE, r"\u0600-\u06FF"),
    **{code: Script(code, _letters_of(block), block) for code, block in _SCRIPT_BLOCKS.items()},
    **{code: Script(code, _letters_of(block), block, spaced=False) for code, block in (
        ("Hans", _HAN), ("Hant", _HAN), ("Jpan", _HAN + _KANA), ("Kore", _HANGUL + _HAN))},
}
LATIN_LETTER_RE = SCRIPTS["Latn"].letters
_NON_LATIN_LETTER_RE = re.compile(rf"(?=[^\W\d_])[^{_SCRIPT_BLOCKS['Latn']}]")
_LATIN_RUN_RE = re.compile(rf"[{_SCRIPT_BLOCKS['Latn']}]+")
_UNSCRIPTED_RUN_RE = re.compile(rf"[\x00-\x7f{_SCRIPT_BLOCKS['Latn']}]+")  # no script's letters
# Whatever any non-Latin script of SCRIPTS counts as its letters: letters outside the Latin
# block, and the Arabic class (which has a few signs that are not letters). No script can have
# more letters in a text than this matches.
_ANY_SCRIPT_LETTER_RE = re.compile(rf"[^{_SCRIPT_BLOCKS['Latn']}](?<=[^\W\d_])|"
                                   rf"{ARABIC_LETTER_RE.pattern}")


@lru_cache(maxsize=256)
def profile(lang: str) -> Profile:
    """The language profile for a code as langdetect, a PO header or a locale spells it
    ("zh-cn", "pt_BR" -> zh, pt): word lists and ratios belong to the language, not the
    region. Raises ConfigError for a code CLDR does not know."""
    return languages.get(re.split(r"[-_]", lang, maxsplit=1)[0].lower())


_LETTER_RUN_RE = re.compile(LETTER_RE.pattern + "+")


def letters(text: str) -> int:
    """How many letters `text` has (LETTER_RE), counted by runs: one match per word, not
    per letter (a whole article is counted 1.6x faster)."""
    return sum(map(len, _LETTER_RUN_RE.findall(text)))


def script_share(text: str, script: str) -> float:
    """Share of letters written in `script` (ISO 15924; 0 when there are no letters or the
    script has no letter test in SCRIPTS)."""
    n = letters(text)
    found = SCRIPTS.get(script)
    return len(found.letters.findall(text)) / n if n and found else 0.0


def dominant_script(text: str, n: int | None = None) -> tuple[str, float]:
    """The non-Latin script at least SCRIPT_MIN_SHARE of the letters are written in, with its
    share; ("Latn", share of Latin letters) otherwise (also for scripts not in SCRIPTS).
    `n`: `letters(text)`, when the caller has counted them."""
    n = letters(text) if n is None else n
    if n and _NON_LATIN_LETTER_RE.search(text) and (found := _non_latin(text, n)):
        return found
    # every character of the Latin block is a letter (a test says so): counted by runs
    return "Latn", (sum(map(len, _LATIN_RUN_RE.findall(text))) / n if n else 0.0)


def _non_latin(text: str, n: int) -> tuple[str, float] | None:
    """dominant_script's non-Latin answer for a text of `n` letters (n > 0) that has a letter
    outside the Latin block, or None (the Latin share, which callers that only ask "another
    script?" do not read, is not counted)."""
    # the non-Latin scripts' letters are counted in what is left without ASCII and the Latin
    # block (each pattern matches one character by itself: the same counts, and an English
    # article quoting a few Arabic words leaves little to read)
    rest = _UNSCRIPTED_RUN_RE.sub("", text)
    if len(_ANY_SCRIPT_LETTER_RE.findall(rest)) >= SCRIPT_MIN_SHARE * n:
        # (when fewer than half the letters are in any non-Latin script, none of them is
        # asked: a long English text quoting a few Arabic words)
        for code, script in SCRIPTS.items():
            if code != "Latn" and (share := len(script.letters.findall(rest)) / n) >= \
                    SCRIPT_MIN_SHARE:
                return code, share
    return None


def script_name(script: str) -> str:
    """English name of an ISO 15924 script from CLDR ("Arabic", "Cyrillic")."""
    return Locale("en").scripts.get(script, script)


def script_of(lang: str) -> str:
    """The ISO 15924 script a language is written in (its profile; CLDR likely subtags)."""
    try:
        return profile(lang).script
    except (LocpipeError, ValueError, UnknownLocaleError):
        return "Latn"


def script_language(script: str, among: Iterable[str] = ()) -> str:
    """The language text in `script` most likely is: one of `among` written in it, else CLDR's
    likely language for the script (Arab: ar, Hebr: he, Cyrl: ru)."""
    for lang in among:
        if script_of(lang) == script:
            return lang
    likely = get_global("likely_subtags").get(f"und_{script}", "")
    return likely.split("_")[0]


# --- function words ---------------------------------------------------------------------------

# English is the source language: its frequent function words stay here. Other languages' lists
# are in their profiles (profile.function_words); words both sides share are not evidence.
EN_WORDS = frozenset("""the of and to in is was for that with by said has have had it from at
are were be been this his her their they he she not will would which who its after but or
an than into about over says we our did does do""".split())
# Words of other languages' lists that are English words too ("war" is German "was", "al" is
# Spanish "to the" and the "al-" of Arabic names): with English among the candidates they are
# no evidence for either side. Without this, every "war" in a Syria story counted as German.
EN_LOOKALIKES = frozenset("al am die hat man sin war um".split())


def word_list(lang: str) -> frozenset[str]:
    """The function words of `lang` (English here, others from their profile; may be empty)."""
    if lang == "en":
        return EN_WORDS
    try:
        return profile(lang).function_words
    except (LocpipeError, ValueError, UnknownLocaleError):
        return frozenset()


@lru_cache(maxsize=64)
def _cased(langs: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Each language's words minus those of the others, in lower case and Capitalized forms
    only (an acronym such as UN is not French "un")."""
    lists = [word_list(lang) for lang in langs]
    if "en" in langs:
        lists = [w if lang == "en" else w - EN_LOOKALIKES for lang, w in zip(langs, lists,
                                                                             strict=True)]
    out = []
    for i, words in enumerate(lists):
        own = words.difference(*(w for j, w in enumerate(lists) if j != i))
        out.append(frozenset(own | {w.capitalize() for w in own}))
    return tuple(out)


@lru_cache(maxsize=64)
def _counted(langs: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """word -> the positions in `langs` of the languages it counts for (_cased)."""
    found: dict[str, tuple[int, ...]] = {}
    for i, cased in enumerate(_cased(langs)):
        for word in cased:
            found[word] = (*found.get(word, ()), i)
    return found


def word_counts(text: str, langs: Sequence[str]) -> list[int]:
    """How many function words of each language `text` has (words the languages share are
    counted for none of them). One look-up per word, not one per word and language."""
    return _word_counts(WORD_RE.findall(text), langs)


def _word_counts(words: list[str], langs: Sequence[str]) -> list[int]:
    """word_counts of a text's words (WORD_RE.findall)."""
    counts = [0] * len(langs)
    for hit in filter(None, map(_counted(tuple(langs)).get, words)):
        for i in hit:
            counts[i] += 1
    return counts


def has_words(lang: str) -> bool:
    return bool(word_list(lang))


def clearly_english(text: str, min_words: int = 1) -> bool:
    """The cheap test that lets English text skip langdetect: English function words and
    far fewer of any language with a word list (a quote in French or Spanish has many)."""
    return _clearly_english(WORD_RE.findall(text), min_words)


def _clearly_english(words: list[str], min_words: int = 1) -> bool:
    """clearly_english of a text's words (WORD_RE.findall)."""
    en, *rest = _word_counts(words, ("en", *_listed()))
    return en >= min_words and max(rest, default=0) * 3 < en


# English's closed classes beyond EN_WORDS (articles, pronouns, prepositions, conjunctions,
# auxiliaries, determiners, numerals to ten): what the English prior below counts. Open-class
# words ("village", "people") are left out: langdetect reads little English in them.
EN_COMMON = EN_WORDS | frozenset("""a an this that these those there here i me my you your him
them us who whom whose what when where why how on at up down off out under between against
during without within through across along around since until near as nor so yet if because
while though although whether am being having done can could may might must shall should no
any some all both each every more most other such only own same one two three four five six
seven eight nine ten""".split())
PLAIN_EN_SHARE = 0.3  # EN_COMMON words per word above which a sentence is plainly English...
PLAIN_EN_MIN = 3  # ...with at least this many of them, and no other language's function word
_POSSESSIVE_RE = re.compile(r"(?<=[^\W\d_])['’]s\b")  # Syria's: not French "s'"


@lru_cache(maxsize=1)
def _prior_words() -> tuple[frozenset[str], frozenset[str]]:
    """EN_COMMON and the listed languages' function words (Capitalized forms too), without
    the words both have ("do", "her": evidence for neither) or EN_LOOKALIKES."""
    theirs = frozenset().union(*map(word_list, _listed())) - EN_LOOKALIKES
    ours, theirs = EN_COMMON - theirs, theirs - EN_COMMON
    return tuple(words | {w.capitalize() for w in words} for words in (ours, theirs))


def plainly_english(text: str) -> bool:
    """The English prior that settles a source segment without langdetect: Latin letters
    only, at least PLAIN_EN_SHARE of its words (and PLAIN_EN_MIN) common English ones
    (EN_COMMON), and not one function word of another language with a list (French "a",
    Spanish "el": a quote). It catches what clearly_english misses on English news: few
    of its ten function words, or a possessive "’s" that counts as French "s".

    Measured on the 11,332 segments of 2,000 generated 550-word articles (the generator of
    benchmarks/argos_speed.py, seeds 7 and 11: text mixed from English, French, Spanish,
    Dutch, Arabic…) that reach langdetect: it settles 352 of the 6,862 that foreign_lang
    finds English or unsure, none of the 4,470 it finds foreign; and 818 of 6,000 random
    sentences of English words, names and Italian, Dutch, Polish, Indonesian and Swedish
    words (languages without a word list), none that foreign_lang finds foreign. Open-class
    words and a share of 0.25 let through sentences langdetect finds Danish or Somali."""
    if _NON_LATIN_LETTER_RE.search(text):
        return False
    return _plainly_english(text, WORD_RE.findall(text))


def _plainly_english(text: str, words: list[str]) -> bool:
    """plainly_english of a text in Latin letters only and its words (WORD_RE.findall)."""
    if _POSSESSIVE_RE.search(text):
        words = WORD_RE.findall(_POSSESSIVE_RE.sub("", text))
    ours, theirs = _prior_words()
    if any(map(theirs.__contains__, words)):
        return False
    common = sum(map(ours.__contains__, words))
    return common >= PLAIN_EN_MIN and common >= PLAIN_EN_SHARE * len(words)


@lru_cache(maxsize=1)
def _listed() -> tuple[str, ...]:
    """The curated languages that have a function-word list."""
    return tuple(c for c in languages.CURATED if c != "en" and has_words(c))


@dataclass(frozen=True)
class Guess:
    """A language verdict: the language code, how sure, and which method gave it."""

    lang: str  # "" when nothing can be said (digits, names only)
    prob: float
    method: str  # "langdetect" | "script" | "function-words" | "none"

    def describe(self) -> str:
        name = language_name(self.lang) if self.lang else "undetermined"
        return f"{name} ({self.lang or '?'}, p={self.prob:.2f}, {self.method})"


@dataclass
class OutputLanguage:
    """The output check's state on one unit: the verdict on the engine's output, and how the
    unit was retried when it came back in the source language ("" = not retried)."""

    guess: Guess
    retried: str = ""


# --- langdetect -------------------------------------------------------------------------------

def langdetect_knows(lang: str) -> bool:
    """Whether langdetect ships a profile for `lang`."""
    return lang in _langdetect_codes()


@lru_cache(maxsize=1)
def _langdetect_codes() -> frozenset[str]:
    return frozenset(p.name for p in resources.files("langdetect").joinpath("profiles").iterdir())


@lru_cache(maxsize=32)
def _factory(langs: frozenset[str]) -> Profiles:
    """langdetect's profiles of `langs` only (as its load_json_profile loads them: sorted).
    Restricted to the languages that can occur, it is far more accurate on short text."""
    return Profiles(sorted(langs))


@lru_cache(maxsize=1)
def _all_languages() -> Profiles:
    """langdetect's profiles of all its 55 languages, in the order its own default detector
    (detector_factory.init_factory, what langdetect.detect_langs uses) loads them: the
    directory's listing order, which the sums follow."""
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY

    return Profiles([name for name in os.listdir(PROFILES_DIRECTORY)
                     if not name.startswith(".")
                     and os.path.isfile(os.path.join(PROFILES_DIRECTORY, name))])


class Profiles:
    """What a langdetect DetectorFactory holds, loaded as arrays.

    langdetect's add_profile fills a dict of n-gram -> list of per-language probabilities,
    one Python assignment per n-gram per language (184,129 for its 55 languages: 0.3 s, a
    fifth of the source-language check on 200 articles). Here each n-gram of 1 to 3
    characters (the only ones a text can give) is packed into an integer (_pack), `keys` holds
    them sorted, and row i of the float64 array `rows` holds the probabilities of keys[i],
    each made by one array division per profile (freq / n_words[len - 1], the same float
    operation, so the same floats). A text's n-grams are found with one np.searchsorted
    (_ngram_rows). Nothing here is a Python container of floats, which the garbage collector
    would visit: langdetect's 87,598 lists were three in five of the objects a run kept."""

    def __init__(self, codes: Sequence[str]) -> None:
        import json

        import numpy as np

        folder = resources.files("langdetect").joinpath("profiles")
        self.langlist: list[str] = []
        keys, columns, probabilities = [], [], []
        for column, code in enumerate(codes):
            profile = json.loads(folder.joinpath(code).read_text("utf-8"))
            self.langlist.append(profile["name"])
            freq = profile["freq"]
            grams = list(freq)
            counts = np.fromiter(freq.values(), dtype=np.float64, count=len(freq))
            length = np.fromiter(map(len, grams), dtype=np.intp, count=len(grams))
            keep = (length >= 1) & (length <= 3)
            if "\0" in "".join(grams):  # normalised text has no NUL: such an n-gram never
                keep &= np.fromiter(("\0" not in w for w in grams), dtype=bool)  # counts
            if not keep.all():
                grams = [w for w, k in zip(grams, keep.tolist(), strict=True) if k]
                counts, length = counts[keep], length[keep]
            n_words = np.array([0.0, *profile["n_words"]], dtype=np.float64)  # by length
            keys.append(_pack(grams, length))
            columns.append(np.full(len(grams), column, dtype=np.intp))
            # 1.0 * freq / n_words[length - 1]: both exact as doubles, one IEEE division
            probabilities.append(counts / n_words[length])
        self.keys, at = np.unique(np.concatenate(keys), return_inverse=True)
        self.rows = np.zeros((len(self.keys), len(codes)), dtype=np.float64)
        self.rows[at.ravel(), np.concatenate(columns)] = np.concatenate(probabilities)

    def row_of(self, ngram: str) -> int:
        """The row of an n-gram of the profiles (KeyError if none has it)."""
        import numpy as np

        key = _pack([ngram], np.array([len(ngram)]))[0]
        at = int(np.searchsorted(self.keys, key))
        if at == len(self.keys) or self.keys[at] != key:
            raise KeyError(ngram)
        return at


def _pack(grams: Sequence[str], length):
    """Each n-gram of 1 to 3 characters (`length`: theirs, an array) as one int64: its code
    points (21 bits each) side by side, the last one lowest, so "a" < 2**21 <= " a" < 2**42
    <= "ab " (no code point but NUL is 0: lengths never collide)."""
    import numpy as np

    points = np.frombuffer("".join(grams).encode("utf-32-le"), dtype="<u4").astype(np.int64)
    starts = np.cumsum(length) - length
    of = np.repeat(np.arange(len(grams)), length)  # the n-gram of each character
    shift = 21 * (length[of] - 1 - (np.arange(len(points)) - starts[of]))
    return np.add.reduceat(points << shift, starts) if len(grams) else points


def ranked_languages(text: str, among: Iterable[str] | None = None, *,
                     unless: str | None = None, below: float = 0.0
                     ) -> list[tuple[str, float]]:
    """langdetect's languages for `text`, most likely first (seeded: reproducible). `among`
    restricts it to those languages (the ones langdetect knows; at least two are needed, else
    all 55 are used).

    `unless`/`below`: the caller only wants to know whether a language other than `unless`
    comes first with at least `below`; [] as soon as langdetect's trials make that impossible
    (see _bounded_probabilities). Any other answer is langdetect's, unchanged."""
    known = frozenset(among or ()) & _langdetect_codes()
    factory = _factory(known) if len(known) >= 2 else _all_languages()
    rows = _ngram_rows(_detector_text(text), factory)
    if not len(rows):
        return []  # langdetect: "No features in text."
    return _bounded_probabilities(rows, factory, unless, below)


# --- langdetect's Detector, replayed ------------------------------------------------------------
# langdetect (Detector.get_probabilities) runs 7 trials: in each, alpha = 0.5 + gauss * 0.05,
# then n-grams drawn with random.choice multiply the language probabilities, normalised every
# 5 draws until one language has > 0.99999 (or 1,000 draws). Its Python loops (per character,
# per draw, per language) were most of the source-language check. Replayed here with the same
# float operations in the same order, so the same floats (tests/rules/test_langid_replay.py
# compares with langdetect itself on the repo's test texts and generated ones, and each part
# with what it replaces; `benchmarks/source_language.py --exact` on the corpus too):
# * the text: Detector.append and cleaning_text as regular expressions (_detector_text);
# * the n-grams: NGram's buffer as array arithmetic on the code points (_ngram_rows);
# * the random numbers: every call seeds a random.Random with 0, so the 32-bit Mersenne Twister
#   words it draws are the same stream for every text: made once (_STREAM, grown on demand).
#   random.choice(ngrams) is getrandbits(k) = word >> (32 - k) (k = len(ngrams).bit_length())
#   drawn until below len(ngrams): a trial's draws are the stream's words from its position,
#   shifted, those below the size kept, in one array operation (_draws). random.gauss takes
#   two random() = four words every other trial (it keeps its second value): _gauss.
# * 5 draws between normalisations: `prob * f1 * ... * f5` left to right is
#   np.multiply.reduce over the rows [prob, f1, ..., f5] (a reduction along the first axis is
#   the elementwise products row after row; tested against the step-by-step loop);
# * the sums: Python's sum() of the list, as langdetect's (whatever sum() does on this Python).
# What stays is one normalisation every five draws (a few array operations each): 90,707 of
# them for the 1,137 segments of 200 generated articles, most in the 7 trials of the foreign
# ones, which must all run (each starts where the last one's draws ended).

_DETECTOR_SPACES = re.compile(" {2,}")
_DETECTOR_LATIN = re.compile("[A-z]")  # cleaning_text's 'A' <= ch <= 'z', [\]^_` included
_DETECTOR_NON_LATIN = re.compile("[\u0300-\U0010ffff]")


def _detector_text(text: str) -> str:
    """The text langdetect's Detector reads: append (URLs and e-mail addresses out, Vietnamese
    letters composed, the first 10,000 characters, a run of spaces kept as one) and
    cleaning_text (Latin letters dropped when under a third of the letters... as langdetect
    counts them: characters 'A'..'z' against all from U+0300: its test for the Latin Extended
    Additional block compares a block number with a name, so never holds)."""
    from langdetect.detector import Detector
    from langdetect.utils.ngram import NGram

    text = Detector.URL_RE.sub(" ", text)
    text = Detector.MAIL_RE.sub(" ", text)
    text = _DETECTOR_SPACES.sub(" ", NGram.normalize_vi(text)[:10000])
    if not text.isascii() and \
            len(_DETECTOR_LATIN.findall(text)) * 2 < len(_DETECTOR_NON_LATIN.findall(text)):
        text = _DETECTOR_LATIN.sub("", text)  # (ASCII text has nothing from U+0300)
    return text


class _Normalised(dict):
    """code point -> langdetect's NGram.normalize of its character (for str.translate),
    each asked once."""

    def __missing__(self, point: int) -> str:
        from langdetect.utils.ngram import NGram

        found = self[point] = NGram.normalize(chr(point))
        return found


class _Upper(dict):
    """code point -> "\\1" if its character isupper() else "\\0" (for str.translate)."""

    def __missing__(self, point: int) -> str:
        found = self[point] = "\1" if chr(point).isupper() else "\0"
        return found


_NORMALISED, _UPPER = _Normalised(), _Upper()


def _ngram_rows(text: str, profiles: Profiles):
    """The rows (in `profiles`) of the n-grams langdetect's Detector._extract_ngrams finds in
    `text` (a _detector_text), in its order.

    NGram reads the normalised characters; a space starts its buffer anew (a second space
    adds nothing), so over s = " " + the normalised text with runs of spaces as one, the
    character at i >= 1 gives, unless it and the one before are both upper case (a word in
    capitals): itself (not a space), s[i-1:i+1], and s[i-2:i+1] unless s[i-1] is a space;
    each only if a profile has it."""
    import numpy as np

    s = _DETECTOR_SPACES.sub(" ", " " + text.translate(_NORMALISED))
    if len(s) < 2:
        return np.empty(0, dtype=np.intp)
    points = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    upper = np.frombuffer(s.translate(_UPPER).encode("latin-1"), dtype=np.uint8)
    cur, prev = points[1:], points[:-1]
    keys = np.full((len(cur), 3), -1, dtype=np.int64)
    keys[:, 0] = np.where(cur != 32, cur, -1)
    keys[:, 1] = (prev << 21) | cur
    if len(cur) > 1:
        keys[1:, 2] = np.where(prev[1:] != 32, (points[:-2] << 42) | (prev[1:] << 21) | cur[1:],
                               -1)
    keys[(upper[1:] & upper[:-1]).astype(bool)] = -1  # inside a word in capitals
    keys = keys.ravel()
    at = np.searchsorted(profiles.keys, keys)
    at[at == len(profiles.keys)] = 0
    return at[profiles.keys[at] == keys]


class _Stream:
    """The 32-bit words of random.Random(0), in order, as a numpy uint32 array grown on
    demand (getrandbits(32 * n) is n such words, the first lowest: CPython fills its
    integer from the least significant word up). Grown under a lock: threads share it."""

    def __init__(self) -> None:
        import random
        import threading

        import numpy as np

        self._random = random.Random(0)
        self._lock = threading.Lock()
        self.words = np.empty(0, dtype=np.uint32)

    def upto(self, end: int):
        """The stream, at least `end` words of it."""
        import numpy as np

        words = self.words
        if end > len(words):
            with self._lock:
                words = self.words
                if end > len(words):
                    more = max(end - len(words), len(words), 1 << 15)
                    new = np.frombuffer(self._random.getrandbits(32 * more).to_bytes(
                        4 * more, "little"), dtype="<u4")
                    words = self.words = np.concatenate((words, new))
        return words


_STREAM = _Stream()


def _random(words: list[int]) -> float:
    """Random.random() from its two words (CPython's random_random)."""
    return ((words[0] >> 5) * 67108864.0 + (words[1] >> 6)) * (1.0 / 9007199254740992.0)


def _gauss(at: int) -> tuple[float, float]:
    """Random.gauss(0.0, 1.0)'s two values (returned, kept for the next call) from the four
    words at `at` (Python's random.gauss, as written there)."""
    import math

    words = _STREAM.upto(at + 4)[at:at + 4].tolist()
    x2pi = _random(words[:2]) * (2.0 * math.pi)
    g2rad = math.sqrt(-2.0 * math.log(1.0 - _random(words[2:])))
    return math.cos(x2pi) * g2rad, math.sin(x2pi) * g2rad


def _draws(at: int, count: int, size: int):
    """random.choice's first `count` indices into `size` items from the stream position
    `at`, and the position after each."""
    shift = 32 - size.bit_length()
    span = 2 * count + 16  # at least half the words are kept (2**k < 2 * size)
    while True:
        words = _STREAM.upto(at + span)[at:at + span] >> shift
        kept = (words < size).nonzero()[0]
        if len(kept) >= count:
            kept = kept[:count]
            return words[kept], kept + (at + 1)
        span *= 2


def _bounded_probabilities(ngrams, profiles: Profiles, unless: str | None, below: float
                           ) -> list[tuple[str, float]]:
    """langdetect's Detector.get_probabilities for the n-grams (their rows in `profiles`),
    with the same floats, stopping early once no language but `unless` can reach `below`.

    langdetect averages n_trial (7) normalised trials: a language's final probability is its
    running sum plus at most 1/n_trial per trial still to run. When that bound is under `below`
    for every language but `unless`, the caller's answer ("another language, at least
    `below`") is no whatever the remaining trials say, and [] is returned. On English news
    this settles the foreign-segment check after one trial instead of seven."""
    import numpy as np  # a dependency of ctranslate2 (as in formats.memory)
    from langdetect.detector import Detector
    from langdetect.language import Language

    n, conv, limit = 7, Detector.CONV_THRESHOLD, Detector.ITERATION_LIMIT
    langs = profiles.langlist
    others = np.array([lang != unless for lang in langs])
    bounded = unless is not None and below > 0.0
    init = np.full(len(langs), 1.0 / len(langs))  # _init_probability
    langprob = np.zeros(len(langs))
    size, table = len(ngrams), profiles.rows
    reduce, divide = np.multiply.reduce, np.divide
    at, kept = 0, None  # the stream's position (seed(0): the start), gauss's second value
    chunk = 41  # draws gathered first (then twice as many): 1 + 5 per normalisation
    for t in range(n):  # Detector._detect_block
        if kept is None:
            z, kept = _gauss(at)
            at += 4
        else:
            z, kept = kept, None
        alpha = Detector.ALPHA_DEFAULT + (0.0 + z * 1.0) * Detector.ALPHA_WIDTH
        weight = alpha / Detector.BASE_FREQ
        draws, ends = _draws(at, chunk, size)
        factors = table[ngrams[draws]]  # a row per draw: weight + its probabilities
        factors += weight
        prob = init * factors[0]
        row = i = lead = 0  # the factor row and the draw (i) of the last update
        while True:
            values = prob.tolist()
            total = sum(values)  # Python's, in langdetect's order
            # _normalize_prob, into the row of the update done: [prob, f1..f5] are then the
            # next five updates, left to right
            divide(prob, total, out=factors[row])
            # its max is the largest probability divided by the sum (a correctly rounded
            # division keeps the order). The language that led at the last check, while it
            # has at least half the sum, is taken for the largest without asking max(): no
            # other can then pass the threshold (> 0.5), and if one is larger, both are
            # about half (so neither passes)
            top = values[lead]
            if top + top < total:
                top = max(values)
                lead = values.index(top)
            if top / total > conv or i >= limit:
                break
            if row + 5 >= len(factors):  # more draws: from after the last one gathered
                draws, more = _draws(int(ends[-1]), 2 * len(factors), size)
                fresh = table[ngrams[draws]]
                fresh += weight
                factors = np.concatenate((factors[row:], fresh))
                ends = np.concatenate((ends[row:], more))
                row = 0
            prob = reduce(factors[row:row + 6], axis=0)
            row += 5
            i += 5
        at = int(ends[row])
        chunk = max(41, i + 26)  # the next trial of the same text is often as long
        langprob += factors[row] / n
        still = (n - 1 - t) / n + 1e-9  # the most the remaining trials can add (float slack)
        if bounded and (langprob[others] + still < below).all():
            return []
    found = [Language(lang, p) for lang, p in zip(langs, langprob.tolist(), strict=True)
             if p > Detector.PROB_THRESHOLD]  # _sort_probability
    found.sort(reverse=True)
    return [(g.lang, g.prob) for g in found]


# --- verdicts ---------------------------------------------------------------------------------

def by_script(text: str, langs: Sequence[str]) -> Guess:
    """The cheap check for short strings, among the candidate `langs`: the script when most
    letters are in a non-Latin one (any script in SCRIPTS, candidate or not), else the count
    of each candidate's function words (no verdict when a Latin-script candidate has no word
    list). It is seldom wrong where langdetect is: on word prefixes of the reference sentences
    under 20 letters, langdetect restricted to {en, fr} named the wrong one 5-14 % of the time,
    this check never (it says nothing instead), and a check of the output must not cry wolf."""
    text = words_only(text)
    if not letters(text):
        return Guess("", 0.0, "none")
    script, share = dominant_script(text)
    if script != "Latn":
        return Guess(script_language(script, langs), share, "script")
    latin = [lang for lang in langs if script_of(lang) == "Latn"]
    if not all(map(has_words, latin)):
        # a Latin-script candidate without a word list: its words may be English ones ("in",
        # "was", "is" are Dutch too), so counting English words would guess; no verdict
        return Guess("", 0.0, "function-words")
    counts = word_counts(text, latin)
    best = max(counts, default=0)
    if not best or counts.count(best) > 1:
        return Guess("", 0.0, "function-words")  # names only, or no evidence either way
    return Guess(latin[counts.index(best)], best / sum(counts), "function-words")


# Languages a quote in an English wire story is most often in (besides the run's source and
# targets): langdetect restricted to these is far more accurate on short text than with all
# 55 of its profiles (benchmarks/qa_detect.py, "short fragments").
LIKELY_QUOTED = ("fr", "ar", "es", "de", "ru", "tr", "fa", "he", "it", "pt")


def run_languages(source: str, targets: Iterable[str] = ()) -> frozenset[str]:
    """The languages that can occur in a run: the source, the targets and LIKELY_QUOTED
    (the ones langdetect knows)."""
    return frozenset((source, *targets, *LIKELY_QUOTED)) & _langdetect_codes()


def guess(text: str, langs: Sequence[str], among: Iterable[str] | None = None) -> Guess:
    """langdetect where the text is long enough — restricted to `among` (the languages that
    can occur in the run, see `run_languages`) when given, else all its languages — and the
    script/word check among `langs` otherwise."""
    plain = words_only(text)
    if letters(plain) < LANGDETECT_MIN_LETTERS:
        return by_script(plain, langs)
    found = ranked_languages(plain, among)
    if not found:
        return by_script(plain, langs)
    lang, prob = found[0]
    return Guess(lang, prob, "langdetect")


CHEAP_MIN_WORDS = 3  # function words of the target that settle a Latin-script verdict


def in_language(text: str, lang: str, source: str = "en") -> tuple[bool, Guess]:
    """Is `text` in `lang` (translated from `source`)? Undetermined text (names, numbers)
    counts as yes. The cheap check goes first: most of the text in the target's own
    non-Latin script, or at least CHEAP_MIN_WORDS of the target's function words and none of
    the source's, settles it without langdetect (2 ms a segment). Otherwise langdetect,
    restricted to the languages of the run (`run_languages`). For a language in a non-Latin
    script the script decides when langdetect disagrees (it calls Arabic-script strings
    fa/ur, Russian ones bg/uk/mk)."""
    cheap = _cheap_verdict(text, lang, source)
    if cheap is not None:
        return True, cheap
    g = guess(text, (source, lang), run_languages(source, (lang,)))
    if g.lang != lang and g.method == "langdetect" and script_of(lang) != "Latn":
        s = by_script(text, (source, lang))
        if s.lang == lang:
            return True, s
    return (not g.lang or g.lang == lang), g


def _cheap_verdict(text: str, lang: str, source: str) -> Guess | None:
    """A sure "yes, `lang`" from the script or the function words, or None (ask more)."""
    plain = words_only(text)
    script = script_of(lang)
    if script != "Latn":
        if script != script_of(source) and script_share(plain, script) >= 0.9:
            return Guess(lang, script_share(plain, script), "script")
        return None
    if script_of(source) != "Latn" or not has_words(lang) or not has_words(source):
        return None
    mine, theirs = word_counts(plain, (lang, source))
    if mine >= CHEAP_MIN_WORDS and theirs == 0:
        return Guess(lang, 1.0, "function-words")
    return None


@lru_cache(maxsize=4096)
def foreign_lang(text: str, expected: str) -> str | None:
    """The language of a source segment when it is confidently not `expected`, else None."""
    return _foreign_lang(text, expected)


def _foreign_lang(text: str, expected: str, prior: bool = True) -> str | None:
    """foreign_lang; `prior=False` without the English prior (plainly_english), which
    must change no answer: the tests compare the two."""
    non_latin = _NON_LATIN_LETTER_RE.search(text) is not None
    if not non_latin and len(text) < FOREIGN_MIN_LETTERS:
        return None  # too short to tell
    words = WORD_RE.findall(text)  # (its letters are the text's: the same pattern, runs)
    n = sum(map(len, words))
    if non_latin and n >= 3 and (found := _non_latin(text, n)):
        if found[0] != script_of(expected):
            return _in_script(text, found[0])  # the script settles it, whatever the length
    if len(text) < FOREIGN_MIN_LETTERS or (expected == "en" and (
            _clearly_english(words) or (prior and not non_latin and
                                        _plainly_english(text, words)))):
        return None  # too short to tell, or plainly English: no need to ask langdetect
    if n < FOREIGN_MIN_LETTERS:
        return None
    found = ranked_languages(words_only(text), unless=expected, below=FOREIGN_MIN_PROB)
    if not found or found[0][0] == expected or found[0][1] < FOREIGN_MIN_PROB:
        return None
    lang = found[0][0]
    # a second opinion where the language has function words (French quotes are the case
    # newsrooms meet most): they must outnumber the expected language's
    if has_words(lang) and by_script(text, (expected, lang)).lang != lang:
        return None
    return lang


# --- the article's source language -----------------------------------------------------------
# A check that refuses an article must be sure (issue 22: short English headings and labels,
# "Accordion Title", were refused as Italian, a list of names as Somali). It decides on the whole
# article and names its evidence; short segments weigh little; without strong evidence the
# declared source language stands. Measured with benchmarks/source_language.py.
LONG_MIN_WORDS = 6  # a segment of fewer words is short: langdetect guesses on it
LONG_MIN_LETTERS = 30
PROSE_MIN_LOWER = 0.4  # ...and this share of its words in lower case: prose, not names
ARTICLE_LONG_MIN_LETTERS = 60  # langdetect decides only on at least this much long text
ARTICLE_REFUSE_PROB = 0.9  # ...and only when it is this sure of another language
SENTENCE_MAJORITY = 0.5  # ...and that language is the top guess of most long segments
# English function words per word above which no language without a word list is believed
# (English news text has 30-50 %, a Dutch or Italian article a few % of English look-alikes).
EN_DENSITY_MAX = 0.15
SHORT_PROB = 0.9  # short text: function words of one language, none of the source's, and this


@dataclass(frozen=True)
class SourceVerdict:
    """An article found not to be in its declared language: the language, how sure, and the
    evidence in words ("5 of 5 sentences of 6 words or more, 640 letters")."""

    lang: str
    prob: float
    evidence: str


def source_verdict(texts: Sequence[str], expected: str) -> SourceVerdict | None:
    """The article (its segments' plain `texts`) is not in `expected`, and why; or None.

    In order: most letters in a script that is not `expected`'s (any length: the script
    settles it); else plainly `expected` English (clearly_english, 10 function words) is
    accepted at once; else langdetect on the long segments (LONG_MIN_WORDS words,
    LONG_MIN_LETTERS letters, prose rather than names: _prose) only, which must name another
    language with ARTICLE_REFUSE_PROB, be the top guess of most long segments, and not be
    contradicted by function words; with no long text, the function words of one curated
    language and none of `expected`'s, confirmed by langdetect restricted to the two.
    Anything weaker: None."""
    plain = [words_only(t) for t in texts]
    whole = " ".join(plain)
    words = WORD_RE.findall(whole)  # (its letters: the same pattern as the letter runs)
    n = sum(map(len, words))
    if not n:
        return None
    if script_of(expected) == "Latn":  # only another script is read (not the Latin share)
        script, share = (_NON_LATIN_LETTER_RE.search(whole) and _non_latin(whole, n)) or \
            ("Latn", 0.0)
    else:
        script, share = dominant_script(whole, n)
    if script != "Latn" and script != script_of(expected) and n >= 3:
        found = _in_script(whole, script)
        return SourceVerdict(found, share, f"{round(share * n):,} of {n:,} letters in "
                                           f"{script_name(script)} script")
    if script_of(expected) != "Latn":
        if script != "Latn" or share < SCRIPT_MIN_SHARE:
            return None  # in its own script (or in none with most letters)
        # most letters Latin in an article declared in a non-Latin-script language
        found = ranked_languages(whole)
        lang = found[0][0] if found and found[0][0] != expected else "en"
        return SourceVerdict(lang, share, f"{round(share * n):,} of {n:,} letters in "
                                          f"{script_name('Latn')} script")
    if expected == "en" and _clearly_english(words, min_words=10):
        return None
    long = [t for t in plain if len(t.split()) >= LONG_MIN_WORDS
            and letters(t) >= LONG_MIN_LETTERS and _prose(t)]
    long_letters = sum(map(letters, long))
    if long_letters >= ARTICLE_LONG_MIN_LETTERS:
        return _long_verdict(long, long_letters, expected)
    return _short_verdict(whole, expected)


def _prose(text: str) -> bool:
    """Running text rather than names, a table row or a title: at least PROSE_MIN_LOWER of its
    words start in lower case (German prose has over half; "Omar Haddad 34 Homs Ali Saleh",
    which langdetect calls Somali, none). Text without case (most non-Latin scripts) is."""
    words = WORD_RE.findall(text)
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    return not cased or sum(w[0].islower() for w in cased) >= PROSE_MIN_LOWER * len(cased)


def _long_verdict(long: list[str], long_letters: int, expected: str) -> SourceVerdict | None:
    found = ranked_languages(" ".join(long), unless=expected, below=ARTICLE_REFUSE_PROB)
    if not found or found[0][0] == expected or found[0][1] < ARTICLE_REFUSE_PROB:
        return None
    lang, prob = found[0]
    agree = [t for t in long if (ranked_languages(t)[:1] or [("", 0.0)])[0][0] == lang]
    if sum(map(letters, agree)) < SENTENCE_MAJORITY * long_letters:
        return None  # one long foreign quote does not make the article foreign
    text = " ".join(long)
    if has_words(lang) and has_words(expected):
        if by_script(text, (expected, lang)).lang != lang:
            return None  # the function words say otherwise
    elif has_words(expected):
        words = len(WORD_RE.findall(text))
        if words and word_counts(text, (expected,))[0] / words > EN_DENSITY_MAX:
            return None  # full of the expected language's function words
    return SourceVerdict(lang, prob, f"{len(agree)} of {len(long)} sentences of "
                                     f"{LONG_MIN_WORDS} words or more read "
                                     f"{language_name(lang)}, {long_letters:,} letters")


def _short_verdict(text: str, expected: str) -> SourceVerdict | None:
    if not has_words(expected):
        return None
    langs = (expected, *(c for c in _listed() if c != expected))
    counts = word_counts(text, langs)
    if counts[0]:
        return None  # any function word of the declared language: it stands
    best = max(counts[1:], default=0)
    if not best or counts.count(best) > 1:
        return None
    lang = langs[counts.index(best)]
    found = ranked_languages(text, (expected, lang))
    if not found or found[0][0] != lang or found[0][1] < SHORT_PROB:
        return None
    return SourceVerdict(lang, found[0][1], f"{best} {language_name(lang)} function "
                                            f"word{'s' if best > 1 else ''}, none "
                                            f"{language_name(expected)}")


def _in_script(text: str, script: str) -> str:
    """Which language of `script` the text is in: langdetect restricted to the languages it
    knows in that script (ru/uk/bg/mk for Cyrillic; ar/fa/ur for Arabic: all 42 Arabic
    reference sentences stay "ar") when the text is long and the verdict sure, else CLDR's
    likely language for the script.

    Only another language than the likely one, surely, changes the answer: langdetect stops
    as soon as none can be (after one trial of seven on Arabic, not seven)."""
    among = _langdetect_in_script(script)
    likely = script_language(script)
    if len(among) >= 2 and letters(text) >= FOREIGN_MIN_LETTERS:
        found = ranked_languages(words_only(text), among, unless=likely, below=FOREIGN_MIN_PROB)
        if found and found[0][1] >= FOREIGN_MIN_PROB:
            return found[0][0]
    return likely


@lru_cache(maxsize=16)
def _langdetect_in_script(script: str) -> frozenset[str]:
    return frozenset(code for code in _langdetect_codes() if script_of(code) == script)


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
