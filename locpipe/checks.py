"""QA checks: small named functions, each catching one kind of translation fault.

Like Translate Toolkit's checkers, a check is a lowercase-noun function over a source/target
pair whose docstring's first line is its title; `@check(severity)` registers it by name in
CHECKS (the registry is data: `locpipe qa --checks` and the report read it). A check returns
messages (empty = the pair passes). Checks for numbers and glossary terms delegate to the
modules that own those rules (DELEGATES, imported only when used, like engines).

The `run_checks` stage runs every check over a run's units; `locpipe.qa` runs them over PO
files. Formats never import this module.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from locpipe.detect import ARABIC_MIN_SHARE, EN_WORDS, FR_WORDS, WORD_RE, arabic_share, letters
from locpipe.document import TAG_RE, Unit, strip_tags
from locpipe.protect import PLACEHOLDER_RE

if TYPE_CHECKING:
    from locpipe.pipeline import Context

SEVERITIES = ("error", "warning", "info")

# Expected target/source length ratio (characters, markup removed) per language pair. Measured
# on tests/data/qa/references.json (36 wire sentences, benchmarks/qa_recall.py prints them):
# en->fr 0.86-1.79 (mean 1.23), en->ar 0.60-1.27 (mean 0.84). The bands add ~30 % margin on
# each side so that a correct but free translation passes and a half-missing or doubled one
# does not. Segments shorter than LENGTH_MIN_LETTERS are not judged (ratios are noise there).
LENGTH_BANDS: dict[tuple[str, str], tuple[float, float]] = {
    ("en", "fr"): (0.6, 2.3),
    ("en", "ar"): (0.42, 1.7),
}
LENGTH_MIN_LETTERS = 20

# Modules owning the rules some checks apply: "module:function", imported on first use.
DELEGATES = {
    "numbers": "locpipe.localize:check_numbers",
    "terms": "locpipe.glossary:check_terms",
}


@dataclass
class Pair:
    """What a check looks at: source and target (markup tags included) and their context."""

    source: str
    target: str
    lang: str
    source_lang: str = "en"
    settings: Any = None
    glossary: Any = None

    @property
    def src(self) -> str:
        """Source as read, markup and placeholders removed."""
        return _plain(self.source)

    @property
    def tgt(self) -> str:
        return _plain(self.target)


@dataclass(frozen=True)
class Check:
    name: str
    severity: str
    title: str
    func: Callable[[Pair], list[str]]
    langs: frozenset[str] | None = None  # target languages it applies to (None = all)

    def applies(self, lang: str) -> bool:
        return self.langs is None or lang in self.langs


CHECKS: dict[str, Check] = {}


class CheckUnavailable(Exception):
    """A delegated check whose module is not part of this installation."""


def check(severity: str, langs: tuple[str, ...] | None = None
          ) -> Callable[[Callable[[Pair], list[str]]], Callable[[Pair], list[str]]]:
    """Register a check under its function name with a severity."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity '{severity}'; available: {', '.join(SEVERITIES)}")

    def register(fn: Callable[[Pair], list[str]]) -> Callable[[Pair], list[str]]:
        title = (fn.__doc__ or fn.__name__).strip().splitlines()[0]
        CHECKS[fn.__name__] = Check(fn.__name__, severity, title, fn,
                                    frozenset(langs) if langs else None)
        return fn

    return register


def _plain(text: str) -> str:
    return PLACEHOLDER_RE.sub("", strip_tags(text))


def _delegate(name: str) -> Callable[..., list[str]]:
    module, attr = DELEGATES[name].split(":")
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        raise CheckUnavailable(f"check '{name}' needs {module}, which is not installed") from exc
    return getattr(mod, attr)


# --- the checks ---------------------------------------------------------------------------

@check("error")
def empty(p: Pair) -> list[str]:
    """Empty output.

    Catches a target with no words where the source has some (the engine or an editor
    dropped the sentence)."""
    if not p.target.strip() and p.source.strip():
        return ["the translation is empty"]
    if letters(p.src) and not letters(p.tgt) and not re.search(r"\d", p.tgt):
        return ["the translation has no words, only markup or punctuation"]
    return []


@check("error")
def numbers(p: Pair) -> list[str]:
    """Numbers and dates preserved.

    Catches figures, years and dates changed, dropped or added (rules: locpipe.localize)."""
    return list(_delegate("numbers")(p.src, p.tgt, p.lang, p.settings))


@check("warning")
def terms(p: Pair) -> list[str]:
    """Glossary compliance.

    Catches a glossary term translated otherwise than the newsroom glossary says (rules:
    locpipe.glossary); needs a loaded glossary."""
    if p.glossary is None:
        return []
    return list(_delegate("terms")(p.src, p.tgt, p.lang, p.glossary))


_DEBRIS_RE = re.compile(r"<\s*/?\s*[a-z]?\s*\d+\s*/?\s*>|&lt;/?[a-z]?\d+/?&gt;")


@check("error")
def markup(p: Pair) -> list[str]:
    """Markup and placeholders intact.

    Catches inline tags (<1>…</1>, <2/>) lost, added, renumbered or crossed, protected-span
    placeholders (<t1/>, <n1/>) left in the output, and tags garbled by the engine (< 1/>)."""
    found: list[str] = []
    src, tgt = Counter(m.group(0) for m in TAG_RE.finditer(p.source)), Counter(
        m.group(0) for m in TAG_RE.finditer(p.target))
    for tag in src - tgt:  # in source order
        found.append(f"markup tag {tag} is missing")
    for tag in tgt - src:
        found.append(f"markup tag {tag} is not in the source")
    if not found and not _nested(p.target):
        found.append("markup tags are crossed or out of order")
    for m in PLACEHOLDER_RE.finditer(p.target):
        if m.group(0) not in p.source:
            found.append(f"placeholder {m.group(0)} was not restored")
    clean = TAG_RE.sub("", PLACEHOLDER_RE.sub("", p.target))
    for m in _DEBRIS_RE.finditer(clean):
        found.append(f"damaged tag '{m.group(0)}'")
    return found


def _nested(text: str) -> bool:
    stack: list[str] = []
    for m in TAG_RE.finditer(text):
        closing, num, void = m.groups()
        if void:
            continue
        if not closing:
            stack.append(num)
        elif not stack or stack.pop() != num:
            return False
    return not stack


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


@check("error")
def untranslated(p: Pair) -> list[str]:
    """Untranslated output.

    Catches output identical to the source, output in the source language (English function
    words in French; Latin script in Arabic) — what an engine returns when it gives up."""
    src, tgt = p.src, p.tgt
    if not letters(src) or not tgt.strip():
        return []
    content = [w for w in WORD_RE.findall(src) if len(w) >= 3 and w.islower()]
    if content and " ".join(src.split()).casefold() == " ".join(tgt.split()).casefold():
        return ["the translation is identical to the source"]
    if p.lang == "ar":
        share = arabic_share(tgt)
        if letters(tgt) >= 3 and share < ARABIC_MIN_SHARE:
            return [f"the translation is not in Arabic script ({share:.0%} Arabic letters)"]
    elif p.lang == "fr" and p.source_lang == "en":
        words = _words(tgt)
        en = sum(w in EN_WORDS for w in words)
        fr = sum(w in FR_WORDS for w in words)
        if en >= 2 and en > fr:
            return [f"the translation looks English ({en} English function words, {fr} French)"]
    return []


@check("warning")
def length(p: Pair) -> list[str]:
    """Length ratio outside the expected band.

    Catches translations much shorter (a clause dropped) or much longer (text added or
    repeated) than translations of this language pair usually are."""
    band = LENGTH_BANDS.get((p.source_lang, p.lang))
    src, tgt = " ".join(p.src.split()), " ".join(p.tgt.split())
    if band is None or letters(src) < LENGTH_MIN_LETTERS or not tgt:
        return []
    ratio = len(tgt) / len(src)
    low, high = band
    if ratio < low:
        return [f"the translation is {ratio:.2f}× the source length; {p.source_lang}→{p.lang} "
                f"usually {low:.2f}–{high:.2f}× (something left out?)"]
    if ratio > high:
        return [f"the translation is {ratio:.2f}× the source length; {p.source_lang}→{p.lang} "
                f"usually {low:.2f}–{high:.2f}× (something added or repeated?)"]
    return []


def _loops(words: list[str]) -> list[str]:
    """Word n-grams repeated back to back (n=1,2: three times; n>=3: twice) or, for n>=5,
    anywhere twice."""
    found: list[str] = []
    for n in range(1, 7):
        need = 3 if n <= 2 else 2
        for i in range(len(words) - n * need + 1):
            gram = words[i:i + n]
            if all(words[i + k * n:i + (k + 1) * n] == gram for k in range(1, need)):
                found.append(" ".join(gram))
                break
    for n in (5,):
        grams = Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
        found.extend(" ".join(g) for g, c in grams.items() if c >= 2)
    return list(dict.fromkeys(found))


@check("error")
def repetition(p: Pair) -> list[str]:
    """Repeated n-grams.

    Catches hallucination loops: the same words repeated back to back ("in the city in the
    city in the city") where the source has no such repetition."""
    src = set(_loops(_words(p.src)))
    loops = [g for g in _loops(_words(p.tgt)) if g not in src]
    if not loops:
        return []
    return [f"repeated words “{loops[0]}” (a hallucination loop?)"]


_CLOSERS = "”\"’'»)]›"
_FINAL = {".": ".", "!": "!", "?": "?", "؟": "?", "…": "…", ":": ":", ";": ";", "؛": ";",
          "۔": "."}


def _final(text: str) -> str:
    text = TAG_RE.sub("", PLACEHOLDER_RE.sub("", text)).rstrip()
    text = text.rstrip(_CLOSERS + " \u00a0\u202f").rstrip()
    if text.endswith("...") and not text.endswith("...."):
        return "…"
    return _FINAL.get(text[-1:], "") if text else ""


@check("warning")
def punctuation(p: Pair) -> list[str]:
    """Sentence-final punctuation.

    Catches a final full stop, question or exclamation mark lost or added (a subheading that
    gained a full stop, a question turned into a statement)."""
    s, t = _final(p.source), _final(p.target)
    if s == t or not p.tgt.strip():
        return []
    if not t:
        return [f"sentence-final '{s}' is missing"]
    if not s:
        return [f"the translation ends with '{t}' but the source has no final punctuation"]
    return [f"the translation ends with '{t}' but the source with '{s}'"]


_MIXED_RE = re.compile(r"[\u0600-\u06FF]+[A-Za-z]|[A-Za-z]+[\u0600-\u06FF]")
_TOKEN_RE = re.compile(r"[^\s\d.,;:!?؟،؛()\[\]«»“”\"'’/\-–—]+")


@check("warning", langs=("ar",))
def latin_in_arabic(p: Pair) -> list[str]:
    """Latin letters inside Arabic words.

    Catches words mixing scripts ("المدينةa", "الHTS"): a transliteration cut short or a
    placeholder restored into the middle of a word."""
    bad = [tok for tok in _TOKEN_RE.findall(p.tgt) if _MIXED_RE.search(tok)]
    if not bad:
        return []
    return [f"Latin letters inside Arabic word(s): {', '.join(dict.fromkeys(bad))}"]


_MARKS = ".,;:!?؟،؛"
_NORM = str.maketrans("؟،؛", "?,;")
_PAIR_RE = re.compile(rf"[{_MARKS}][ \u00a0\u202f]?[{_MARKS}]")


def _doubles(text: str) -> list[str]:
    text = re.sub(r"(?<!\.)\.\.\.(?!\.)|…", " ", text)  # an ellipsis is not a doubled mark
    out = []
    for m in _PAIR_RE.finditer(text):
        pair = re.sub(r"\s", "", m.group(0))
        if pair[0].isdigit():
            continue
        out.append(pair)
    return out


@check("warning")
def doubled_punctuation(p: Pair) -> list[str]:
    """Doubled punctuation.

    Catches two punctuation marks in a row that the source does not have ("؟?", "..", ",,",
    "،,") — usually the engine's mark plus a restored or localized one."""
    src = Counter(x.translate(_NORM) for x in _doubles(p.src))
    extra = [x for x in _doubles(p.tgt) if not src.get(x.translate(_NORM))]
    if not extra:
        return []
    return [f"doubled punctuation: {' '.join(repr(x) for x in dict.fromkeys(extra))}"]


# --- running them -------------------------------------------------------------------------

@dataclass
class Result:
    """Findings of one pair: (check, message) in registry order, and checks not available."""

    findings: list[tuple[Check, str]] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)


def check_pair(p: Pair, names: list[str] | None = None) -> Result:
    """Run the registered checks (or those named) that apply to the pair's language."""
    result = Result()
    for name, chk in CHECKS.items():
        if (names is not None and name not in names) or not chk.applies(p.lang):
            continue
        try:
            messages = chk.func(p)
        except CheckUnavailable:
            result.unavailable.append(name)
            continue
        result.findings.extend((chk, m) for m in messages)
    return result


def run_checks(units: list[Unit], ctx: Context) -> None:
    """Stage (last): add every check's findings to the units; verbatim copies are skipped."""
    glossary = ctx.resources.get("glossary")
    for u in units:
        if u.origin == "copy":
            continue
        pair = Pair(u.segment.text, u.target, ctx.lang, ctx.settings.source_lang, ctx.settings,
                    glossary)
        seen = {(f.check, f.message) for f in u.findings}
        for chk, message in check_pair(pair).findings:
            if (chk.name, message) not in seen:  # a stage may already have said the same
                u.flag(chk.name, chk.severity, message)
                seen.add((chk.name, message))


def summary(findings: list) -> dict[str, dict[str, int]]:
    """Counts per severity and per check: {"severity": {...}, "check": {...}}."""
    sev = Counter(f.severity for f in findings)
    return {"severity": {s: sev[s] for s in SEVERITIES if sev[s]},
            "check": dict(sorted(Counter(f.check for f in findings).items()))}
