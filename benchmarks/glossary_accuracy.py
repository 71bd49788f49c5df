"""Term accuracy under a fault-injecting FAKE engine (locpipe/testing/fake_terms.py).

Runs the real pipeline stages over tests/data/terms/corpus.txt (terms in [brackets]) into French
and Arabic with FaultyTermsEngine and checks every term occurrence independently of
locpipe.stages.glossary's own verification: the expected target form (looked up from the bracketed
source form) must appear as often as the source has it. Prints, per language: occurrences,
faults injected, right, wrong-but-flagged, and wrong-and-silent (must be 0).

    python benchmarks/glossary_accuracy.py [--rate 0.3] [--seed 0]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe import pipeline  # noqa: E402
from locpipe.context import Resources  # noqa: E402
from locpipe.document import Segment, Unit  # noqa: E402
from locpipe.formats.glossary import load_glossary  # noqa: E402
from locpipe.stages.translate import translate_units  # noqa: E402
from locpipe.testing.fake_terms import FaultyTermsEngine  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "terms" / "corpus.txt"
_BRACKET = re.compile(r"\[([^\]]+)\]")


def read_corpus(path: Path = CORPUS) -> list[tuple[str, list[str]]]:
    """(source text, bracketed terms) per segment."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append((_BRACKET.sub(r"\1", line), _BRACKET.findall(line)))
    return rows


def _pattern(form: str, lang: str) -> str:
    """`form` as a whole word (Arabic: with clitics و ف ب ل ك before it); a lower-case form may
    start with a capital (sentence start)."""
    esc = re.escape(form)
    if form[:1].islower():
        esc = f"[{re.escape(form[0].upper())}{re.escape(form[0])}]" + re.escape(form[1:])
    if lang == "ar":
        if form.startswith("ال"):
            return (rf"(?<![\u0621-\u064A])(?:[وف]?[بك]?{esc}|[وف]?لل{re.escape(form[2:])})"
                    rf"(?![\u0621-\u064A])")
        return rf"(?<![\u0621-\u064A])[وف]?[بلك]?{esc}(?![\u0621-\u064A])"
    return rf"(?<![\w]){esc}(?![\w])"


def count_forms(forms: list[str], text: str, lang: str) -> Counter[str]:
    """Occurrences of each form; longer forms first and consumed, so that "تنظيم الدولة" is
    not counted inside "تنظيم الدولة الإسلامية"."""
    text = text.replace("’", "'")
    counts: Counter[str] = Counter()
    for form in sorted(set(forms), key=len, reverse=True):
        pat = re.compile(_pattern(form, lang))
        counts[form] = len(pat.findall(text))
        text = pat.sub(lambda m: "\x01" * len(m.group(0)), text)
    return counts


class _OneBestEngine(FaultyTermsEngine):
    """The same FAKE engine without n-best output (as an engine that offers only 1-best)."""

    translate_nbest = None  # type: ignore[assignment]


def run(rate: float, seed: int, nbest: bool = True) -> int:
    glossary = load_glossary([ROOT / "glossary"])
    lookup = {f.replace("-", " "): e for e in glossary.entries if e.policy != "forbid"
              for f in e.source_forms}
    corpus = read_corpus()
    failures = 0
    for lang in ("fr", "ar"):
        cls = FaultyTermsEngine if nbest else _OneBestEngine
        engine = cls("en", lang, glossary=glossary, rate=rate, seed=seed)
        settings = pipeline.Settings(targets=[lang])
        ctx = pipeline.Context(lang, settings, Resources(glossary=glossary))
        ctx._engine = engine
        units = [Unit(Segment(f"terms:{i}", 0, i, "paragraph", text), lang)
                 for i, (text, _) in enumerate(corpus)]
        stages = pipeline.TARGET_PIPELINE.stages
        after = stages[stages.index(translate_units) + 1]
        snap: dict[str, Counter[str]] = {}
        pipeline.TARGET_PIPELINE.run(units, ctx, lambda fn, e=engine, s=snap, a=after: (
            s.setdefault("first", Counter(e.applied)) if fn is a else None))
        first_pass = snap.get("first", Counter())
        total = right = flagged = silent = 0
        for unit, (text, terms) in zip(units, corpus, strict=True):
            wanted: Counter[tuple[str, bool]] = Counter()
            accept: list[list[str]] = []
            prev = None
            for t in terms:
                key = t.replace("-", " ")
                e = lookup.get(key) or lookup[key[0].lower() + key[1:]]
                form = e.preferred(lang)
                # "Name (ACR)" is written once when both have the same target form
                if prev is not None and prev == form and f"({t})" in text:
                    prev = None
                    continue
                prev = form
                if e.policy == "accept":
                    accept.append(e.target_forms(lang))
                else:
                    wanted[(form, form[:1].islower())] += 1
            is_flagged = any(f.check == "terms" and f.severity in ("error", "warning")
                             for f in unit.findings)
            residue = bool(re.search(r"<\s*/?\s*[tT]\s*\d+", unit.target))
            every = [f for f, _ in wanted] + [f for forms in accept for f in forms]
            every += [f for e in glossary.entries for f in e.target_forms(lang)
                      if any(f != g and g in f for g in every)]
            counts = count_forms(every, unit.target, lang)
            for (form, _), n in wanted.items():
                got = counts[form]
                ok = min(n, got) if not residue and got <= n else 0
                total += n
                right += ok
                bad = n - ok
                flagged += bad if is_flagged else 0
                silent += 0 if is_flagged else bad
            for forms in accept:
                ok = not residue and any(counts[f] for f in forms)
                total += 1
                right += ok
                flagged += (not ok) and is_flagged
                silent += (not ok) and not is_flagged
        faults = first_pass
        later = sum(Counter(engine.applied).values()) - sum(faults.values())
        wrong = total - right
        print(f"{lang}: {total} term occurrences, {sum(faults.values())} faults injected in "
              f"the first translation ({', '.join(f'{k} {v}' for k, v in sorted(faults.items()))})"
              f", {later} more in n-best hypotheses and retries")
        print(f"{lang}: right {right}/{total} = {100 * right / total:.2f} %; wrong {wrong}, "
              f"of which flagged {flagged} ({100 * flagged / wrong if wrong else 100:.0f} %), "
              f"silently wrong {silent}")
        failures += silent + (right / total < 0.99)
    return failures


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=float, default=0.3, help="fault probability per term")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-nbest", action="store_true", help="engine without n-best output")
    args = ap.parse_args()
    sys.exit(1 if run(args.rate, args.seed, not args.no_nbest) else 0)
