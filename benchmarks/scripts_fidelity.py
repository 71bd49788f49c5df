"""Value fidelity in every script family (issue 24): the numbers corpus
(tests/data/numbers/corpus.tsv) through the locale stages with the fault-injecting fake engine
(locpipe/testing/fake_numbers.py), into Chinese, Japanese, Korean, Hindi, Thai, Persian, Urdu and
Ukrainian, in Latin and in native digits.

There are no hand-written expected forms for these languages: a value's expected form is what
CLDR writes for it (numbers.render, the form restore must produce). A value is *right* when
that form is in the final text, *flagged* when the unit carries a "numbers" error, *silent*
otherwise — the figure that must be 0. "clean-run flagged" counts false alarms on the
fault-free run.

    python benchmarks/scripts_fidelity.py [LANG[/DIGITS] ...]
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.locale_fidelity import _present, load_corpus, run_units  # noqa: E402
from locpipe.context import Settings  # noqa: E402
from locpipe.rules import numbers  # noqa: E402
from locpipe.rules.typography import typeset  # noqa: E402
from locpipe.testing import fake_numbers as fakes_numbers  # noqa: E402
from locpipe.testing.fake_numbers import FAULTS, FaultyNumbersEngine  # noqa: E402

VARIANTS = ["zh", "zh/native", "ja", "ko", "hi", "hi/native", "th/native", "fa/native",
            "ur/native", "uk"]


def expected_forms(text: str, style: numbers.Style) -> list[str]:
    """CLDR's form of each masked value, as the page sets it (zh, ja: no space before 美元)."""
    return [typeset(numbers.render(q, style), style.lang)
            for _, _, q in sorted(numbers.detect(text).spans, key=lambda s: s[0])
            if q.masked and q.kind not in ("phone", "url")]


def _fake_vocabulary(lang: str, style: numbers.Style) -> None:
    """The fake engine "translates" scale words (CLDR's, as for fr and ar) and per cent; its
    false friend writes the word for 10^12 for "billion"."""
    words = {exp: word for word, (exp, power) in
             reversed(numbers._cldr_scales(style.locale).items()) if exp == power}
    for pattern, exp in reversed(style.profile.scale_words.items()):  # zh 十亿 (not 亿 10^8)
        words[exp] = re.split(r"[|(?\\]", pattern)[0]
    fakes_numbers.VOCAB[lang] = [(rf"\b{en}\b", words.get(exp, en)) for en, exp in
                                 (("million", 6), ("billion", 9), ("trillion", 12))]
    fakes_numbers.VOCAB[lang].append((r"\bper cent\b|\bpercent\b", "%"))
    fakes_numbers.FALSE_FRIEND[lang] = (r"\bbillion\b", words.get(12, "trillion"))


def measure(variant: str, cases) -> dict:
    lang, _, digits = variant.partition("/")
    settings = Settings(targets=[lang], digits=digits or "latn")
    style = numbers.style_for(lang, settings)
    _fake_vocabulary(lang, style)
    expected = [expected_forms(c.en, style) for c in cases]
    stats: Counter = Counter()
    for fault in FAULTS:
        units = run_units(cases, lang, FaultyNumbersEngine("en", lang, faults=fault), settings)
        for forms, u in zip(expected, units, strict=True):
            flagged = any(f.check == "numbers" and f.severity == "error" for f in u.findings)
            if fault == "clean":
                stats["clean flagged"] += flagged
                stats["clean right"] += sum(_present(forms, u.target))
                stats["values"] += len(forms)
                continue
            for here in _present(forms, u.target):
                stats["right" if here else "flagged" if flagged else "silent"] += 1
    return stats


def main() -> None:
    cases = load_corpus()
    variants = sys.argv[1:] or VARIANTS
    print(f"corpus: {len(cases)} sentences; faults: {', '.join(FAULTS[1:])}")
    for variant in variants:
        start = time.perf_counter()
        s = measure(variant, cases)
        total = s["right"] + s["flagged"] + s["silent"]
        print(f"{variant}: fault-free run: {s['clean right']}/{s['values']} values in CLDR form, "
              f"{s['clean flagged']} segments flagged; under {len(FAULTS) - 1} faults: {total} "
              f"value checks — right {s['right']}, flagged {s['flagged']}, silently wrong "
              f"{s['silent']} ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
