"""FAKE engine for glossary tests: it damages term placeholders the way real NMT models do.

`FaultyTermsEngine` is deterministic (faults drawn from a RNG seeded by the text), so tests and
benchmarks are reproducible. It never translates: words go through the pseudo engine, glossary
terms it sees unmasked (accept terms, or forms written into the source on a retry) come out as
the glossary's target form unless a fault hits them. `translate_nbest` returns n hypotheses,
the first equal to `translate`.
"""

from __future__ import annotations

import random
import re

from locpipe.engines.pseudo import _ARABIC, PseudoEngine
from locpipe.rules.terms import Glossary

PLACEHOLDER_FAULTS = ("drop", "duplicate", "swap", "glue", "quotes", "case", "space", "replace")
WORD_FAULTS = ("transliterate", "case", "glue", "translate_keep")
ALL_FAULTS = PLACEHOLDER_FAULTS + WORD_FAULTS
_PH = re.compile(r"<t\d+/>")
_TAG = re.compile(r"<[^<>]*>")


class FaultyTermsEngine:
    """A FAKE engine injecting placeholder and term faults at `rate` per term."""

    name = "faulty-terms"
    pseudo = True

    def __init__(self, source: str, target: str, options: object = None, *,
                 glossary: Glossary | None = None, rate: float = 0.3,
                 faults: tuple[str, ...] = ALL_FAULTS, seed: int = 0):
        self.source, self.target = source, target
        self.model_id = f"fake-faulty-terms-{source}-{target}"
        self.rate, self.faults, self.seed = rate, faults, seed
        self.pseudo_engine = PseudoEngine(source, target)
        self.lexicon: dict[str, str] = {}  # accept terms the engine sees: en form -> target
        self.inline: set[str] = set()  # target forms written into the source on a retry
        self.keep: set[str] = set()
        self.applied: list[str] = []  # every fault injected (for reports)
        for e in (glossary.entries if glossary else []):
            if e.policy == "forbid":
                continue
            if e.policy == "accept":
                form = e.preferred(target)
                for f in e.source_forms:
                    self.lexicon[f] = form
                    self.lexicon[f[:1].upper() + f[1:]] = form[:1].upper() + form[1:]
            elif e.preferred(target):
                self.inline.add(e.preferred(target))
                if e.policy == "keep" and not e.forms.get(target):
                    self.keep.add(e.preferred(target))
        words = sorted(set(self.lexicon) | self.inline, key=len, reverse=True)
        alts = "|".join(re.escape(w) for w in words) or "(?!x)x"
        self.token = re.compile(rf"<t\d+/>|<[^<>]*>|(?<!\w)(?:{alts})(?!\w)")

    def translate(self, texts: list[str]) -> list[str]:
        return [self._one(t, 0) for t in texts]

    def translate_nbest(self, texts: list[str], n: int) -> list[list[str]]:
        return [[self._one(t, k) for k in range(n)] for t in texts]

    def _fault(self, rng: random.Random, kinds: tuple[str, ...]) -> str | None:
        usable = [k for k in kinds if k in self.faults]
        if not usable or rng.random() >= self.rate:
            return None
        return rng.choice(usable)

    def _one(self, text: str, k: int) -> str:
        rng = random.Random(f"{self.seed}:{k}:{text}")
        parts: list[str] = []
        pos = 0
        for m in self.token.finditer(text):
            parts.append(self.pseudo_engine._words(text[pos:m.start()]) if m.start() > pos
                         else "")
            parts.append(self._term(m.group(0), rng))
            pos = m.end()
        parts.append(self.pseudo_engine._words(text[pos:]))
        out = "".join(parts)
        phs = _PH.findall(out)
        if len(phs) >= 2 and "swap" in self.faults and rng.random() < self.rate:
            a, b = phs[0], phs[1]
            out = out.replace(a, "\x00").replace(b, a).replace("\x00", b)
            self.applied.append("swap")
        return out

    def _term(self, tok: str, rng: random.Random) -> str:
        ar = self.target == "ar"
        if _PH.fullmatch(tok):
            kinds = tuple(f for f in PLACEHOLDER_FAULTS if f != "swap" and (ar or f != "glue"))
            fault = self._fault(rng, kinds)
            if fault:
                self.applied.append(fault)
            if fault == "drop":
                return ""
            if fault == "duplicate":
                return f"{tok} {tok}"
            if fault == "glue":
                return rng.choice(["و", "ب", "ل", "ال", "ف", "ك", "و ", "لل", "وال"]) + tok
            if fault == "quotes":
                return rng.choice(["«{}»", "“{}”", '"{}"', "« {} »"]).format(tok)
            if fault == "case":
                return tok.upper()
            if fault == "space":
                return rng.choice(["< {} />", "<{}>", "<{} />", "<{}", "{}/>"]).format(tok[1:-2])
            if fault == "replace":
                return "Xanadu" if not ar else "زانادو"
            return tok
        if _TAG.fullmatch(tok):
            return tok
        if tok in self.lexicon:  # an accept term the engine translates itself
            form = self.lexicon[tok]
            fault = self._fault(rng, ("transliterate", "case"))
            if fault:
                self.applied.append(fault)
            if fault == "transliterate":
                return tok.translate(_ARABIC) if ar else tok
            if fault == "case" and not ar:
                return form.upper()
            return form
        # a glossary form written into the source (retry)
        kinds = ("transliterate",) + (("glue",) if ar else ()) + \
            (("translate_keep",) if tok in self.keep else ())
        fault = self._fault(rng, kinds)
        if fault:
            self.applied.append(fault)
        if fault == "transliterate":
            return tok[::-1] if ar else tok.upper()
        if fault == "glue":
            return "ال" + tok
        if fault == "translate_keep":
            return self.pseudo_engine._words(tok)
        return tok
