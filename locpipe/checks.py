"""QA checks: small named functions, each catching one kind of translation fault.

Like Translate Toolkit's checkers, a check is a lowercase-noun function over a source/target
pair whose docstring's first line is its title; `@check(severity)` registers it by name in
CHECKS (the registry is data, iterated by `run_checks` and `locpipe qa`). A check returns
messages (empty = the pair passes). Checks for numbers and glossary terms call the modules
that own those rules (locpipe.rules.numbers, locpipe.rules.terms).

The `locpipe.stages.check` stage runs every check over a run's units; `locpipe.review` runs them
over PO files. This module imports rules only; formats never import it.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import filterfalse
from typing import Any

from babel import Locale, UnknownLocaleError

from locpipe.document import SEVERITIES, tally
from locpipe.languages.base import Profile
from locpipe.markup import (
    DEBRIS_RE,
    MERGED_NOTE_RE,
    PLACEHOLDER_RE,
    TAG_RE,
    misnested_tag,
    strip_tags,
)
from locpipe.rules.langid import (
    EN_WORDS,
    LATIN_LETTER_RE,
    SCRIPT_MIN_SHARE,
    SCRIPTS,
    WORD_RE,
    letters,
    profile,
    script_name,
    script_share,
    word_counts,
)
from locpipe.rules.numbers import NumberState, check_numbers, detect
from locpipe.rules.numbers.render import render, style_for
from locpipe.rules.terms import TermState, check_terms
from locpipe.rules.urls import URL_RE, check_urls, find_urls

# The expected target/source length ratio (characters, markup removed) is the target profile's
# `length_ratio` (vs English). Measured on tests/data/qa/references.json (42 wire sentences,
# benchmarks/qa_recall.py prints them): en->fr 0.86-1.79 (mean 1.22), en->ar 0.60-1.31 (mean
# 0.87); the profiles add ~30 % margin on each side so that a correct but free translation
# passes and a half-missing or doubled one does not. Segments shorter than LENGTH_MIN_CHARS are
# not judged (ratios are noise there).
LENGTH_MIN_CHARS = 25

# Checks whose rule a pipeline stage already applies to machine output: the stage flags what
# it finds and leaves its state on the unit (see locpipe.stages.check).
STAGE_CHECKED: dict[str, type] = {"numbers": NumberState, "terms": TermState}


@dataclass
class Pair:
    """What a check looks at: source and target (markup tags included) and their context."""

    source: str
    target: str
    lang: str
    source_lang: str = "en"
    settings: Any = None
    glossary: Any = None
    note: str = ""  # the segment's note from the reader (a PO entry's `#.` comments)
    src: str = field(init=False, repr=False)  # source as read: markup and placeholders removed
    tgt: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.src = _plain(self.source)
        self.tgt = _plain(self.target)

    @functools.cached_property
    def profile(self) -> Profile:
        """(looked up once per pair: most checks ask)"""
        return profile(self.lang)


# --- what a check needs from the target's language profile ------------------------------------
# A need looks at the profile and answers: None (the check works), "" (the check does not apply
# to such a language at all, quietly: Latin letters glued to French words are French words) or
# a reason (the check would have to guess: it is skipped and the run says so, once per language).
# A need named "partial:…" does not stop the check: the check runs, doing what it can without it
# (the reason says what it leaves out).

def _missing(pr: Profile, what: str) -> str:
    return f"its language profile has no {what}" if pr.curated else "no curated language profile"


def _need_length_ratio(pr: Profile) -> str | None:
    return None if pr.length_ratio else _missing(pr, "length ratio")


def _need_spaced_script(pr: Profile) -> str | None:
    script = SCRIPTS.get(pr.script)
    if pr.script == "Latn" or (script and not script.spaced):
        return ""
    return None if script else f"no letter test for the {script_name(pr.script)} script"


def _need_english_evidence(pr: Profile) -> str | None:
    """English left in the output is seen by script (a non-Latin target) or by function words
    (a Latin-script target with a word list in its profile)."""
    if pr.script != "Latn":
        return None if pr.script in SCRIPTS else (
            f"no letter test for the {script_name(pr.script)} script")
    return None if pr.function_words else _missing(pr, "function words")


def _need_latin_script(pr: Profile) -> str | None:
    """Acronyms are compared as written: only a Latin-script target keeps them so."""
    return None if pr.script == "Latn" else ""


NEEDS: dict[str, Callable[[Profile], str | None]] = {
    "latin_script": _need_latin_script,
    "length_ratio": _need_length_ratio,
    "spaced_script": _need_spaced_script,
    "partial:english_evidence": _need_english_evidence,
}
PARTIAL_WHAT = {"partial:english_evidence": "catches only output identical to the source"}


@dataclass(frozen=True)
class Check:
    name: str
    severity: str
    title: str
    func: Callable[[Pair], list[str]]
    needs: tuple[str, ...] = ()  # names in NEEDS: what the target's profile must provide

    def applies(self, lang: str) -> bool:
        """Whether the check runs for `lang` (fully or, for a partial need, in part)."""
        pr = profile(lang)
        return all(NEEDS[n](pr) is None for n in self.needs if not n.startswith("partial:"))

    def skipped(self, lang: str) -> tuple[str, str] | None:
        """(what is left out, why) when the check does not run, or runs in part, for `lang`;
        None when there is nothing to say (it runs fully, or does not concern such a
        language)."""
        pr = profile(lang)
        for need in self.needs:
            reason = NEEDS[need](pr)
            if reason:
                return f"{self.name} {PARTIAL_WHAT.get(need, 'skipped')}", reason
        return None


CHECKS: dict[str, Check] = {}


def check(severity: str, needs: tuple[str, ...] = ()
          ) -> Callable[[Callable[[Pair], list[str]]], Callable[[Pair], list[str]]]:
    """Register a check under its function name with a severity and what it needs from the
    target's language profile (see NEEDS)."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity '{severity}'; available: {', '.join(SEVERITIES)}")
    unknown = [n for n in needs if n not in NEEDS]
    if unknown:
        raise ValueError(f"unknown need '{unknown[0]}'; available: {', '.join(NEEDS)}")

    def register(fn: Callable[[Pair], list[str]]) -> Callable[[Pair], list[str]]:
        title = (fn.__doc__ or fn.__name__).strip().splitlines()[0]
        CHECKS[fn.__name__] = Check(fn.__name__, severity, title, fn, tuple(needs))
        return fn

    return register


@functools.lru_cache(maxsize=64)
def skip_note(lang: str) -> str:
    """One line saying which checks are skipped or limited for `lang` and why ("" if none):
    "QA for Italian: length skipped, untranslated catches only output identical to the source
    (no curated language profile)"."""
    notes = [n for c in CHECKS.values() if (n := c.skipped(lang))]
    if not notes:
        return ""
    reasons = list(dict.fromkeys(why for _, why in notes))
    if len(reasons) == 1:
        said = ", ".join(what for what, _ in notes) + f" ({reasons[0]})"
    else:
        said = ", ".join(f"{what} ({why})" for what, why in notes)
    return f"QA for {profile(lang).name}: {said}"


def _plain(text: str) -> str:
    if "<" not in text:
        return text
    return PLACEHOLDER_RE.sub("", strip_tags(text))


# --- the checks ---------------------------------------------------------------------------

_WORDY_RE = re.compile(r"[^\W_]")  # a letter or a digit


@check("error")
def empty(p: Pair) -> list[str]:
    """Empty output

    Catches a target with no words where the source has some (the engine or an editor
    dropped the sentence)."""
    if not p.target.strip():
        return ["the translation is empty"] if p.source.strip() else []
    if _WORDY_RE.search(p.tgt) or not _WORDY_RE.search(p.src):
        return []
    return ["the translation has no words, only markup or punctuation"]


@check("error")
def numbers(p: Pair) -> list[str]:
    """Numbers and dates preserved

    Catches figures, years and dates changed, dropped or added (rules: locpipe.stages.localize)."""
    return list(check_numbers(p.src, p.tgt, p.lang, p.settings))


@check("error")
def terms(p: Pair) -> list[str]:
    """Glossary compliance

    Catches a glossary term translated otherwise than the newsroom glossary says (rules:
    locpipe.stages.glossary); needs a loaded glossary."""
    if p.glossary is None:
        return []
    return list(check_terms(p.src, p.tgt, p.lang, p.glossary))


@check("error")
def markup(p: Pair) -> list[str]:
    """Markup and placeholders intact

    Catches inline tags (<1>…</1>, <2/>) lost, added, renumbered or crossed, protected-span
    placeholders (<t1/>, <n1/>) left in the output, and tags garbled by the engine (< 1/>)."""
    if "<" not in p.source and "<" not in p.target and "&lt;" not in p.target:
        return []
    found: list[str] = []
    src, tgt = Counter(m.group(0) for m in TAG_RE.finditer(p.source)), Counter(
        m.group(0) for m in TAG_RE.finditer(p.target))
    for tag in src - tgt:  # in source order
        found.append(f"markup tag {tag} is missing")
    for tag in tgt - src:
        found.append(f"markup tag {tag} is not in the source")
    if not found and misnested_tag(p.target) is not None:
        found.append("markup tags are crossed or out of order")
    for m in PLACEHOLDER_RE.finditer(p.target):
        if m.group(0) not in p.source:
            found.append(f"placeholder {m.group(0)} was not restored")
    clean = TAG_RE.sub("", PLACEHOLDER_RE.sub("", p.target))
    for m in DEBRIS_RE.finditer(clean):
        found.append(f"damaged tag '{m.group(0)}'")
    return found


@check("error")
def nesting(p: Pair) -> list[str]:
    """Nested markup kept

    Catches a segment whose source nests identical inline elements (<em> in <em>…) deeper
    than the reader keeps: those levels were read as part of the ones around them, so no
    translation can give them back (the reader says so in the segment's note)."""
    m = MERGED_NOTE_RE.search(" ".join(p.note.split())) if p.note else None  # PO lines wrap
    if m is None:
        return []
    count, names, depth = m.groups()
    return [f"its block nests {count} {names} elements more than {depth} deep inside "
            "identical ones, read as part of them: the translation loses that nesting; nest "
            "them less deeply in the source and translate it again"]


_LETTER_RE = re.compile(r"[^\W\d_]")
_CONTENT_RE = re.compile(r"(?<![^\W\d_])[a-z]{3,}")  # a lowercase word: not names only


# A cheap gate before counting function words (a regex alternation costs 4x more).
_EN_HINT = frozenset("the of and was is with said has have had for from by that to in".split())


def _without_urls(text: str) -> str:
    """The text with its URLs and e-mail addresses blanked: they are copied, not translated
    (their Latin letters say nothing about an Arabic translation's language)."""
    if "://" not in text and "www." not in text and "@" not in text:
        return text
    return URL_RE.sub(" ", text)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@check("error", needs=("partial:english_evidence",))
def untranslated(p: Pair) -> list[str]:
    """Untranslated output

    Catches output identical to the source, output in the source language (more English
    function words than the target's own in a Latin-script language; Latin letters where the
    target writes Arabic, Hebrew, Cyrillic… script) and a clause left in English — what an
    engine returns when it gives up."""
    src, tgt = _without_urls(p.src), _without_urls(p.tgt)
    if not tgt.strip() or not _LETTER_RE.search(src):
        return []
    a, b = src.lstrip(), tgt.lstrip()
    if (abs(len(a) - len(b)) <= 3 and a[:4].casefold() == b[:4].casefold()
            and _CONTENT_RE.search(src) and _norm(src) == _norm(tgt)):
        return ["the translation is identical to the source"]
    pr = p.profile
    script = pr.script
    if script != "Latn" and script in SCRIPTS:
        if not LATIN_LETTER_RE.search(tgt):
            return []
        tgt = _without_names(src, tgt)
        share = script_share(tgt, script)
        if letters(tgt) >= 3 and share < SCRIPT_MIN_SHARE:
            # CLDR names Hans "Simplified": "Simplified Han script"
            name = script_name(script) + (" Han" if script in ("Hans", "Hant") else "")
            return [f"the translation is not in {name} script ({share:.0%} {name} letters)"]
    elif script == "Latn" and pr.function_words and p.source_lang == "en":
        if _EN_HINT.isdisjoint(tgt.lower().split()):
            return []
        tgt = _without_names(src, tgt)
        en, own = word_counts(tgt, ("en", p.lang))
        if en >= 2 and en > own:
            return [f"the translation looks English ({en} English function words, {own} "
                    f"{pr.name})"]
    else:
        return []
    if not pr.spaced:  # 大桥the bridge: a run of the script's letters is a word of its own
        tgt = _NON_LATIN_RUN_RE.sub(r" \g<0> ", tgt)
    run = _copied_run(src, tgt)
    if run:
        return [f"part of the translation is still English: “{run}”"]
    return []


_NON_LATIN_RUN_RE = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]+")
# A name or title in capitals: capitalised words (or figures), English title-case particles
# between them ("Dancing in the Dark", "Munich Re", "iPhone 16 Pro Max", "Galaxy S25 Ultra").
_TITLE_PARTICLES = "a|an|the|and|or|of|in|on|at|to|by|for|with|from|as|&"
_NAMED = r"(?:[A-Z]|[a-z]+[A-Z]|\d)[\w'’.&-]*"
_TITLE_RE = re.compile(rf"(?<![A-Za-z0-9'’-]){_NAMED}"
                       rf"(?:[ \u00a0]+(?:(?:{_TITLE_PARTICLES})[ \u00a0]+)*{_NAMED})*(?![\w'’-])")
_CASED_WORD_RE = re.compile(r"[a-z]*[A-Z]")  # matched at a word's start only (else quadratic)
_CAPITAL_RE = re.compile(r"[A-Z]")
_DIGIT_RE = re.compile(r"\d")
_LETTERED_WORD_RE = re.compile(r"(?<![\w])[A-Za-z]")
_INNER_CAPITAL_RE = re.compile(r"[a-z]++[A-Z]")


def _brand(word: str) -> bool:
    """A word written like a brand or a model: iPhone, iOS, S25, A220-300."""
    return bool(_INNER_CAPITAL_RE.match(word)) or (
        _CAPITAL_RE.search(word) is not None and _DIGIT_RE.search(word) is not None)


_LEAD_RE = re.compile(rf"\S+(?:[ \u00a0]+(?:{_TITLE_PARTICLES}))*[ \u00a0]+")
_NAME_WORDS = 8  # a run of capitalised words longer than this is a sentence, not a name


def _name_runs(src: str) -> tuple[set[str], set[str]]:
    """Every run of up to _NAME_WORDS words inside the source's runs in capitals (a name in
    the translation is one of them), and those that start the source (whose first word is
    capitalised as any sentence's is). Linear in the source."""
    runs: set[str] = set()
    opening: set[str] = set()
    head = len(src) - len(src.lstrip())
    for m in _TITLE_RE.finditer(src):
        words = _run_words(m.group(0))
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + _NAME_WORDS) + 1):
                run = " ".join(words[i:j])
                runs.add(run)
                if i == 0 and m.start() == head:
                    opening.add(run)
    return runs, opening


_TRAILING_FIGURES_RE = re.compile(r"(?:[ \u00a0]+[\d.,]+)+$")


def _run_words(text: str) -> list[str]:
    """The words of a run, without the full stop a sentence's last word carries ("Gamble.")."""
    return [w.rstrip(".") or w for w in text.split()]


def _copied_name(text: str, runs: tuple[set[str], set[str]]) -> str:
    """" " for a name or title of the source (two words of letters or more, or one word
    written like a brand or a model), else the text as it was. A run the source's first word
    starts is a name only from its next word on ("Shares of Swiss Re")."""
    words = _run_words(text)
    if len(words) > _NAME_WORDS:
        return text
    named, opening = runs
    lead = ""
    if len(words) > 1 and " ".join(words) in opening and not _brand(words[0]):
        m = _LEAD_RE.match(text)
        if m is None or m.end() == len(text):
            return text
        lead, text = m.group(0), text[m.end():]
        words = _run_words(text)
    if (_CASED_WORD_RE.match(text) and (len(_LETTERED_WORD_RE.findall(text)) > 1
                                        or (len(words) == 1 and _brand(text)))
            and " ".join(words) in named):
        return lead + " " + text[len(text.rstrip(".")):]
    figures = _TRAILING_FIGURES_RE.search(text)  # "Johnson & Johnson 2%": the name, then 2
    if figures is not None and figures.start() > 0:
        return lead + _copied_name(text[:figures.start()], (named, set())) + figures.group(0)
    return lead + text


def _without_names(src: str, tgt: str) -> str:
    """The translation without the names and titles it copies from the source in capitals
    ("Born in the USA", "Swiss Re", "iPhone 16 Pro Max"): a translator keeps them as they
    are, so their English words and Latin letters say nothing of the translation's language.
    What is left must still have letters to judge by; otherwise the text is judged whole (an
    English headline in capitals left as it was)."""
    if not _CAPITAL_RE.search(tgt):
        return tgt
    runs = _name_runs(src)
    out = _TITLE_RE.sub(lambda m: _copied_name(m.group(0), runs), tgt)
    return out if letters(out) >= 3 else tgt


def _copied_run(src: str, tgt: str) -> str:
    """Four or more words in a row copied from the source, at least two of them lower-case and
    one an English function word: a clause the engine did not translate. (Names copied as
    they are — "Hayat Tahrir al-Sham", "Syrian Observatory for Human Rights" — do not count.)"""
    seen = {w.lower() for w in WORD_RE.findall(src)}
    run: list[str] = []
    for word in [*WORD_RE.findall(tgt), ""]:
        if word and word.lower() in seen:
            run.append(word)
            continue
        if (len(run) >= 4 and sum(w.islower() for w in run) >= 2
                and any(w in EN_WORDS for w in run)):
            return " ".join(run)
        run = []
    return ""


@check("warning", needs=("length_ratio",))
def length(p: Pair) -> list[str]:
    """Length ratio outside the expected band

    Catches translations much shorter (a clause dropped) or much longer (text added or
    repeated) than translations of this language pair usually are."""
    band = p.profile.length_ratio if p.source_lang == "en" else None
    src, tgt = p.src.strip(), p.tgt.strip()
    if band is None or len(src) < LENGTH_MIN_CHARS or not tgt:
        return []
    if not p.profile.spaced:  # zh, ja, th: characters without spaces, on both sides
        src, tgt = "".join(src.split()), "".join(tgt.split())
    ratio = len(tgt) / len(src)
    low, high = band
    if ratio < low:
        return [f"the translation is {ratio:.2f}× the source length; {p.source_lang}→{p.lang} "
                f"usually {low:.2f}–{high:.2f}× (something left out?)"]
    if ratio > high and not (p.profile.spaced and _fits_written(p, len(tgt), high)):
        return [f"the translation is {ratio:.2f}× the source length; {p.source_lang}→{p.lang} "
                f"usually {low:.2f}–{high:.2f}× (something added or repeated?)"]
    return []


def _fits_written(p: Pair, tgt_len: int, high: float) -> bool:
    """Whether a translation longer than the band is so by what it writes, not translates:
    the band applies to the rest of the sentence, each glossary term counts as its longest
    form in the target and each value as CLDR's form for the target ("£720m": "720 millions
    de livres sterling", "WHO": "منظمة الصحة العالمية"); too little rest is not judged, as a
    short segment is not. Asked only of a segment over the band (detection costs); a
    translation shorter than the band is judged as before (a term or value it lost is
    shorter still)."""
    src = p.src.strip()
    spans: list[tuple[int, int, int]] = []  # start, end, written length in the target
    if p.glossary is not None:
        for m in p.glossary.find(src):
            forms = m.entry.target_forms(p.lang)
            if forms:
                spans.append((m.start, m.end, max(map(len, forms))))
    terms = sorted(spans)
    ends = [end for _, end, _ in terms]
    style = style_for(p.lang, p.settings)
    for start, end, q in detect(src).spans:
        i = bisect.bisect_right(ends, start)  # the first term ending after the value starts
        if i == len(terms) or terms[i][0] >= end:  # no term overlaps the value
            # a unit may be written out ("104F": "104 درجات فهرنهايت"): CLDR's long form
            forms = [q, replace(q, spelled=True)] if q.unit else [q]
            spans.append((start, end, max(end - start, *(len(render(f, style)) for f in forms))))
    if not spans:
        return False
    rest = len(src) - sum(end - start for start, end, _ in spans)
    if rest < LENGTH_MIN_CHARS:
        return True
    return tgt_len <= high * rest + sum(n for _, _, n in spans)


_TOKEN_WORD_RE = re.compile(r"\w+")


def _loops(text: str) -> list[str]:
    """Word n-grams repeated back to back: n = 1 or 2 three times in a row, n = 3..12 twice.

    One pass per n: mark each word equal to the word n places later; an n-gram repeated k
    times back to back is a run of n*(k-1) marks (found with bytes.find, at C speed). Such a
    loop repeats at least that many words, so only n up to the number of repeated words is
    tried."""
    words = _TOKEN_WORD_RE.findall(text.lower())
    repeated = len(words) - len(set(words))
    found: list[str] = []
    for n in range(1, min(12, repeated) + 1):
        need = n * (2 if n <= 2 else 1)
        if need > repeated:
            continue
        same = bytes(map(str.__eq__, words, words[n:]))  # 1 where a word recurs n later
        i = same.find(b"\x01" * need)
        if i >= 0:
            found.append(" ".join(words[i:i + n]))
    return found


@check("error")
def repetition(p: Pair) -> list[str]:
    """Repeated n-grams

    Catches hallucination loops: the same words repeated back to back ("in the city in the
    city in the city") where the source has no such repetition. A loop the source has is
    translated as one: a chant ("Champions, champions, champions": «أبطال، أبطال، أبطال»)
    repeats as many words in the translation, in other words."""
    loops = _loops(p.tgt)
    if loops:
        theirs = _loops(p.src)
        sizes = {len(g.split()) for g in theirs}
        loops = [g for g in loops if len(g.split()) not in sizes]  # (theirs among them)
    if not loops:
        return []
    return [f"repeated words “{loops[0]}” (a hallucination loop?)"]


_CLOSERS = "”\"’'»)]›」』）〉》】"
# Each script's marks as the one they stand for: Arabic ؟ ؛, Urdu ۔, Devanagari । ॥, the
# full-width marks of Chinese and Japanese (。．！？：；…), Armenian ։, Ethiopic ።
_FINAL = {".": ".", "!": "!", "?": "?", "؟": "?", "…": "…", ":": ":", ";": ";", "؛": ";",
          "۔": ".", "。": ".", "．": ".", "｡": ".", "！": "!", "？": "?", "：": ":", "；": ";",
          "।": ".", "॥": ".", "։": ".", "።": ".", "፧": "?", "፤": ";", "‥": "…",
          "។": ".", "။": "."}


_CLOSERS_AND_SPACES = _CLOSERS + " \u00a0\u202f"


def _final(text: str) -> str:
    text = _plain(text).rstrip()
    text = text.rstrip(_CLOSERS_AND_SPACES).rstrip()
    if text.endswith("...") and not text.endswith("...."):
        return "…"
    return _FINAL.get(text[-1:], "") if text else ""


@check("warning")
def punctuation(p: Pair) -> list[str]:
    """Sentence-final punctuation

    Catches a final full stop, question or exclamation mark lost or added (a subheading that
    gained a full stop, a question turned into a statement)."""
    s, t = _final(p.src), _final(p.tgt)
    if s == t or not p.tgt.strip():
        return []
    if s == "." and not t and not p.profile.full_stop:
        return []  # Thai ends a sentence with a space, not a full stop
    if not t:
        return [f"sentence-final '{s}' is missing"]
    if not s:
        return [f"the translation ends with '{t}' but the source has no final punctuation"]
    return [f"the translation ends with '{t}' but the source with '{s}'"]


_TOKEN_RE = re.compile(r"[^\s\d.,;:!?؟،؛۔।॥()\[\]«»“”\"'’/\-–—]+")


@functools.lru_cache(maxsize=16)
def _mixed_re(script: str) -> re.Pattern[str]:
    """A Latin letter right next to a character of `script` (its whole Unicode block)."""
    block = SCRIPTS[script].block  # (one class first: the regex engine skips to it at C speed)
    return re.compile(rf"[{block}A-Za-z](?:(?<=[{block}])[A-Za-z]|(?<=[A-Za-z])[{block}])")


@check("warning", needs=("spaced_script",))
def mixed_script(p: Pair) -> list[str]:
    """Latin letters inside words of a non-Latin script

    Catches words mixing scripts in an Arabic, Hebrew, Russian… translation ("المدينةa",
    "الHTS", "городa"): a transliteration cut short or a placeholder restored into the middle
    of a word. (Named latin_in_arabic before other scripts were checked.) A clitic of the
    language written onto a Latin name is no such fault: joined by a tatweel ("لـiPad"), or a
    clitic other than the article written straight onto it ("وMunich Re")."""
    script = p.profile.script
    if not LATIN_LETTER_RE.search(p.tgt) or not (mixed := _mixed_re(script)).search(p.tgt):
        return []
    bad = [tok for tok in _TOKEN_RE.findall(p.tgt)
           if mixed.search(tok) and not _clitic_on_name(tok, p.profile, mixed)]
    if not bad:
        return []
    return [f"Latin letters inside {script_name(script)} word(s): "
            f"{', '.join(dict.fromkeys(bad))}"]


_LATIN_NAME_RE = re.compile(r"[A-Za-z0-9][\w.&'’-]*")


@functools.lru_cache(maxsize=16)
def _clitic_re(clitics: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{clitics})(\u0640?)")


def _clitic_on_name(token: str, pr: Profile, mixed: re.Pattern[str]) -> bool:
    """Whether `token` is a clitic of the profile (Arabic و ف ب ل ك ال) written onto a Latin
    name: with a tatweel, or without one for a clitic that is not the article (the article
    written onto a Latin word, "الHTS", is what a restored placeholder leaves)."""
    if not pr.clitics:
        return False
    m = _clitic_re(pr.clitics).match(token)
    if m is None or not _LATIN_NAME_RE.fullmatch(token, m.end()) or mixed.search(token, m.end()):
        return False
    return bool(m.group(1)) or not (pr.article and token[:m.end()].endswith(pr.article))


_MARKS = ".,;:!?؟،؛。，、；：！？।"
_NORM = str.maketrans("؟،؛。，、；：！？।", "?,;.,,;:!?.")
_PAIR_RE = re.compile(rf"[{_MARKS}][ \u00a0\u202f]?[{_MARKS}]")


_ELLIPSIS_RE = re.compile(r"(?<!\.)\.\.\.(?!\.)|…")
# An abbreviation's full stop before a comma or semicolon is not a doubled mark: CLDR's
# Russian dates "3 марта 2025 г.,", "etc.,", German "Nr.;". A word of one or two letters, or
# one of a few common abbreviations (a longer word before ".," is a real doubled mark).
_ABBREVIATION_STOP_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]{1,2}|etc|usw|bzw|Nr|ca|cf)\."
                                   r"(?=[ \u00a0\u202f]?[,;:])")


def _doubles(text: str) -> list[str]:
    text = _ELLIPSIS_RE.sub(" ", text)  # an ellipsis is not a doubled mark
    text = _ABBREVIATION_STOP_RE.sub(r"\1", text)
    return ["".join(m.group(0).split()) for m in _PAIR_RE.finditer(text)]


@check("warning")
def doubled_punctuation(p: Pair) -> list[str]:
    """Doubled punctuation

    Catches two punctuation marks in a row that the source does not have ("؟?", "..", ",,",
    "،,") — usually the engine's mark plus a restored or localized one."""
    if not _PAIR_RE.search(p.tgt):
        return []
    src = Counter(x.translate(_NORM) for x in _doubles(p.src))
    extra = [x for x in _doubles(p.tgt) if not src.get(x.translate(_NORM))]
    if not extra:
        return []
    return [f"doubled punctuation: {' '.join(repr(x) for x in dict.fromkeys(extra))}"]


@check("error")
def urls(p: Pair) -> list[str]:
    """URLs and e-mail addresses preserved

    Catches a URL or e-mail address of the source changed, dropped or added
    (rules: locpipe.rules.urls)."""
    if not find_urls(p.src) and not find_urls(p.tgt):
        return []  # (most pairs: nothing to count)
    return check_urls(p.src, p.tgt)


# (the capital first, the lookbehind after it: the regex engine then skips to a capital at C
# speed instead of testing the lookbehind at every position; the same matches)
_ACRONYM_RE = re.compile(r"([A-Z](?<![\w@/.\-&][A-Z])[A-Z0-9&]*[A-Z])(s?)(?![\w@/\-&]|\.\w)")
_ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# after a number, possibly after another such word: "7:15 PM", "1615 GMT", "7 PM GMT", "500 MW",
# "8 p.m. CET" (a zone after a clock time: a translation gives the time in its own way)
_BY_NUMBER_RE = re.compile(r"\d(?:[\s\u00a0\u202f]*[ap]\.m\.)?(?:[\s\u00a0\u202f]+[A-Z]{1,4})?"
                           r"[\s\u00a0\u202f]*$")
_NUMBER_NEXT_RE = re.compile(r"\$?[\s\u00a0\u202f]*\d")  # "USD 5 million", "AUD$ 15"
# A wire dateline: "ALEPPO, Syria (AP) —", "HOMS (Reuters) -": the city in capitals is a name.
_DATELINE_RE = re.compile(r"\s*[A-Z][A-Z '’.\-]+(?:,[^()\n]{1,40})?\s*\([^()\n]{1,20}\)\s*[-—–]")
_CASED_RE = re.compile(r"[^\W\d_]")


def _spans(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in ranges)


def _acronyms(text: str, glossary: Any, lang: str | None = None) -> list[tuple[str, int]]:
    """The acronyms of a text ("AFP", "WFP", "NGO" of "NGOs") with their offsets, leaving out
    what only looks like one: capitals inside a URL or an e-mail address, an identifier glued
    to a hyphen, digit or dot (SA-7, H5N1, U.S.), a Roman numeral (World War II), a unit or
    time-zone word by a number (7 PM, 1615 GMT), a dateline city (ALEPPO, Syria (AP) —),
    a text written in capitals, and a glossary term or part of one (the `terms` check's
    business: given `lang`, target forms of the glossary in a translation)."""
    cased = _CASED_RE.findall(text)
    if not cased or sum(map(str.isupper, cased)) * 2 > len(cased):
        return []  # a headline in capitals: its words are not acronyms
    skip = [m.span() for m in URL_RE.finditer(text)]
    if (dl := _DATELINE_RE.match(text)) is not None:
        skip.append((0, text.index("(", 0, dl.end()) if "(" in text[:dl.end()] else dl.end()))
    if glossary is not None:
        found = glossary.find(text) if lang is None else glossary.find_target(text, lang)
        skip += [(m.start, m.end) for m in found]
    out = []
    for m in _ACRONYM_RE.finditer(text):
        word = m.group(1)
        if (_ROMAN_RE.fullmatch(word) or _spans(skip, m.start(), m.end())
                or _BY_NUMBER_RE.search(text, max(0, m.start() - 13), m.start())
                or _NUMBER_NEXT_RE.match(text, m.end())):
            continue
        out.append((word, m.start()))
    return out


def _has_acronym(text: str, acronym: str) -> bool:
    """Whether `text` writes `acronym` as a word (plural "s" allowed); an acronym of four
    letters or more in any case ("Unicef", "Covid" for UNICEF, COVID)."""
    return _acronym_re(acronym).search(text) is not None


@functools.lru_cache(maxsize=4096)
def _acronym_re(acronym: str) -> re.Pattern[str]:
    flags = re.IGNORECASE if len(acronym) >= 4 else 0
    return re.compile(rf"(?<![^\W_]){re.escape(acronym)}s?(?![^\W_])", flags)


def _fold(text: str) -> str:
    """The text without accents (decomposed, combining marks dropped)."""
    return "".join(filterfalse(unicodedata.combining, unicodedata.normalize("NFKD", text)))


@check("warning", needs=("latin_script",))
def acronyms(p: Pair) -> list[str]:
    """Acronyms kept

    Catches an acronym of the source (AFP, WFP, OCHA) that has no glossary translation and is
    missing from the translation. Glossary acronyms (UN: ONU) are the `terms` check's. An
    acronym the translation writes its own way (WHO: OMS) is accepted when the translation has
    one acronym of its own for each one missing; a non-Latin target writes acronyms in its own
    script or spelled out, so the check does not concern it."""
    if not _ACRONYM_RE.search(p.src):
        return []
    src = _acronyms(p.src, p.glossary)
    if not src:
        return []
    missing = list(dict.fromkeys(a for a, _ in src
                                 if a not in _WORD_ACRONYMS and not _has_acronym(p.tgt, a)))
    if missing:  # accents do not make another acronym (pseudo-localized "ÛÑ" is UN), nor
        # do the pseudo-localizer's lengthened vowels ("ÉÉÉÛ" is EU, "WHÕÕÕ" is WHO)
        folded = _fold(p.tgt)
        missing = [a for a in missing if not _has_acronym(folded, a)]
        if missing:
            short = _TRIPLED_RE.sub(r"\1", folded)
            missing = [a for a in missing if not _has_acronym(short, a)]
    if missing:  # a country's code written as its name (US: États-Unis, UK: Royaume-Uni)
        missing = [a for a in missing if not _country_named(a, folded, p.lang)]
    if not missing:
        return []
    theirs = {a for a, _ in src}
    own = {a for a, _ in _acronyms(p.tgt, p.glossary, p.lang) if a not in theirs}
    # matched, not counted: an acronym whose letters the target writes in its own order
    # (EU -> UE, NATO -> OTAN or Otan, as the glossary maps them) is there; only what is left
    # on both sides is counted, and what is reported is what is actually missing
    words = {w.upper() for w in _WORD_RE.findall(p.tgt)} | own
    for a in list(missing):
        twin = next((w for w in sorted(words) if w != a and len(w) == len(a)
                     and sorted(w) == sorted(a)), None)
        if twin is not None and (twin in own or len(a) >= 4):
            missing.remove(a)
            own.discard(twin)
            words.discard(twin)
    if not missing or len(own) >= len(missing):
        return []  # WHO -> OMS, IMF -> FMI: the translation's own acronyms
    return [f"acronym '{a}' of the source is missing from the translation" for a in missing]


# English abbreviations that are common nouns, not names: a translation writes the word
# (MPs: députés, TV: télévisé, ICU: réanimation), so their absence is no lost name.
_WORD_ACRONYMS = frozenset("""MP MEP PM TV ID ATM HQ IPO ICU ER CCTV GP POW IED PTSD PR EV SUV
VIP DJ""".split())
# English abbreviations of country names that are not their ISO 3166 code
_COUNTRY_CODES = {"UK": "GB", "USA": "US", "UAE": "AE", "DRC": "CD"}


@functools.lru_cache(maxsize=32)
def _country_names(lang: str) -> dict[str, str]:
    """CLDR's names of the countries in `lang`, by code, accents dropped and case folded
    ("US": "etats-unis")."""
    try:
        names = Locale.parse(lang).territories
    except (ValueError, UnknownLocaleError):
        return {}
    return {code: _fold(name).casefold() for code, name in names.items() if code.isalpha()}


def _country_named(acronym: str, folded_target: str, lang: str) -> bool:
    """Whether `acronym` is a country's code (US, UK, UAE) whose CLDR name in `lang` the
    translation writes (accents dropped: "Etats-Unis" as AFP writes it)."""
    code = _COUNTRY_CODES.get(acronym, acronym)
    name = _country_names(lang).get(code) if len(code) == 2 else None
    return bool(name) and name in folded_target.casefold()


_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_TRIPLED_RE = re.compile(r"([^\W\d_])\1{2,}")


# Two words in a row the same, separated by spaces only ("le le", "the the", "و و"), case and
# Arabic vowel marks ignored; a run of three or more is the `repetition` check's.
# Vowel signs and other combining marks (Devanagari ि ा, Thai ้) are part of a word, though
# Python's \w does not take them ("धीरे" is one word, not "ध" and "र").
_MARK_CHARS = "".join(chr(c) for c in range(0x300, 0x3000)
                      if unicodedata.category(chr(c)) in ("Mn", "Mc"))
_L = rf"(?:[^\W\d_]|[{_MARK_CHARS}])"
_DOUBLED_RE = re.compile(rf"(?<![^\W\d_'’-])(?<![{_MARK_CHARS}])({_L}+(?:['’-]{_L}+)*)"
                         rf"(?:[ \u00a0\u202f]+(\1))+(?!{_L}|['’-])", re.IGNORECASE)
_ARABIC_MARKS_RE = re.compile("[\u064b-\u0652\u0670\u0640]")


def _may_double(text: str) -> bool:
    """Whether _DOUBLED_RE can match: a word ends with what the next one (after spaces)
    starts with, case aside, the first piece not glued to a letter before it, the second not
    to a letter, an apostrophe or a hyphen after it ("le le", "l'le le"; not "de des"). The
    regex tries every position of every
    word (60 µs a sentence); this looks at each pair of words once. (Two capitals of Unicode
    lower-case otherwise one by one, as the regex compares them, than in a word: a text with
    İ or Σ goes to the regex.)"""
    if "\u0130" in text or "\u03a3" in text:
        return True
    words = text.lower().split()
    for a, b in zip(words, words[1:], strict=False):
        if a.isalpha():  # (most words) only the whole word can be the doubled one
            k = len(a)
            if b.startswith(a) and not (k < len(b) and (b[k].isalpha() or b[k] in "'’-")):
                return True
            continue
        i = a.find(b[0])
        while i >= 0:
            k = len(a) - i
            if b.startswith(a[i:]) and not (i and a[i - 1].isalpha()) and \
                    not (k < len(b) and (b[k].isalpha() or b[k] in "'’-")):
                return True
            i = a.find(b[0], i + 1)
    return False


def _doubled(text: str, spaced: bool = True, words: frozenset[str] = frozenset()
             ) -> list[str]:
    # a placeholder stands for a word: "de <t1/> de" is no doubled "de"
    if "<" in text:
        text = PLACEHOLDER_RE.sub(" \x00 ", strip_tags(text))
    text = _ARABIC_MARKS_RE.sub("", text)
    found = [m.group(1).lower() for m in _DOUBLED_RE.finditer(text)
             if len(m.group(0).split()) == 2] if _may_double(text) else []
    if not spaced:  # no spaces to find words by: a function word, or three letters or more
        # of the script, written twice in a row ("的的", "叙利亚叙利亚"; 人人, 看看 are words)
        found = [w for w in found if not _UNSPACED_RE.search(w)]
        found += [m.group(1) for m in _UNSPACED_RE.finditer(text)
                  if m.group(1) in words or len(m.group(1)) >= 3]
    return found


# A run of letters of a script without spaces repeated back to back (not inside a longer
# repetition, which the `repetition` check owns).
_UNSPACED_RE = re.compile(r"([^\W\d_A-Za-z\u00c0-\u024f]+?)\1(?!\1)")


@check("warning")
def doubled_words(p: Pair) -> list[str]:
    """Doubled words

    Catches a word written twice in a row ("le le", "the the", "و و") that the source does not
    double. Words the target's language profile says may stand twice (French "nous nous",
    German "die die") pass, and so does a word the source doubles, written its own way
    (Bora Bora: بورا بورا)."""
    pr = p.profile
    found = _doubled(p.target, pr.spaced, pr.function_words)
    if not found:
        return []
    theirs = list(dict.fromkeys(_doubled(p.source)))
    allowed = pr.doubled_words | set(theirs)
    bad = [w for w in dict.fromkeys(found) if w not in allowed]
    if bad:  # each doubling of the source the target does not repeat as written stands for one
        bad = bad[sum(w not in found for w in theirs):]
    return [f"the word '{w}' is doubled" for w in bad]


# --- running them -------------------------------------------------------------------------

@dataclass
class Result:
    """Findings of one pair: (check, message) in registry order."""

    findings: list[tuple[Check, str]] = field(default_factory=list)


@functools.lru_cache(maxsize=64)
def plan(lang: str, names: tuple[str, ...] | None) -> tuple[Check, ...]:
    """The checks to run for `lang` (computed once per combination)."""
    return tuple(c for n, c in CHECKS.items()
                 if c.applies(lang) and (names is None or n in names))


def check_pair(p: Pair, names: list[str] | None = None) -> Result:
    """Run the registered checks (or those named) that apply to the pair's language."""
    result = Result()
    findings = result.findings
    for chk in plan(p.lang, None if names is None else tuple(names)):
        for message in chk.func(p):
            findings.append((chk, message))
    return result


def summary(findings: list) -> dict[str, dict[str, int]]:
    """Counts per severity and per check: {"severity": {...}, "check": {...}}."""
    return tally((f.severity, f.check) for f in findings)


def summary_line(counts: dict[str, dict[str, int]]) -> str:
    """Findings counted (`summary`, `document.tally`) in words: "error: 1, warning: 2 (markup 1,
    length 2)" or "none"."""
    if not counts["severity"]:
        return "none"
    return (", ".join(f"{k}: {v}" for k, v in counts["severity"].items()) + " ("
            + ", ".join(f"{k} {v}" for k, v in counts["check"].items()) + ")")
