"""Value fidelity and locale formatting on the numbers corpus (tests/data/numbers/corpus.tsv).

Every sentence goes through the locale stages (mask, engine, restore, typography) with the
fault-injecting FAKE engine (locpipe/testing/fake_numbers.py), once per fault and target language.
A value is *right* when its hand-written expected form (fr, ar) is in the final text, *flagged*
when the unit carries a "numbers" error; anything else is *silent* — the figure that must be 0.
"Formatting" counts expected forms found in the fault-free output.

    python benchmarks/locale_fidelity.py [--verify-only]

--verify-only skips masking (the engine sees the digits) to compare the two designs.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe.context import Context, Pipeline, Settings  # noqa: E402
from locpipe.document import Segment, Unit  # noqa: E402
from locpipe.stages import localize, protect, translate, typography  # noqa: E402
from locpipe.testing.fake_numbers import FAULTS, FaultyNumbersEngine  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "numbers" / "corpus.tsv"


@dataclass
class Case:
    en: str
    expected: dict[str, list[str]]


def _notation(lang: str, form: str) -> str:
    """The corpus notation (see its README) -> CLDR's exact characters."""
    if lang == "fr":
        form = re.sub(r"(?<=\d) (?=\d)", "\u202f", form).replace(" %", "\u00a0%")
    elif lang == "ar" and re.fullmatch(r"\d+ [مص]", form):
        form = form.replace(" ", "\u202f")
    return form


# For the ar_SY + Arabic-Indic variant, the hand-written ar forms are transcribed: Levantine
# month names (as the newsroom writes them), Arabic-Indic digits and separators, CLDR's
# Arabic percent sign.
LEVANTINE = {"يناير": "كانون الثاني", "فبراير": "شباط", "مارس": "آذار", "أبريل": "نيسان",
             "مايو": "أيار", "يونيو": "حزيران", "يوليو": "تموز", "أغسطس": "آب",
             "سبتمبر": "أيلول", "أكتوبر": "تشرين الأول", "نوفمبر": "تشرين الثاني",
             "ديسمبر": "كانون الأول"}


def _levantine_arab(form: str) -> str:
    for msa, lev in LEVANTINE.items():
        form = form.replace(msa, lev)
    form = re.sub(r"(?<=\d),(?=\d)", "\u066c", form)
    form = re.sub(r"(?<=\d)\.(?=\d)", "\u066b", form).replace("%", "\u066a\u061c")
    return form.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def load_corpus(path: Path = CORPUS) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        en, fr, ar = line.split("\t")
        ar_forms = [_notation("ar", f) for f in ar.split("|")]
        cases.append(Case(en, {"fr": [_notation("fr", f) for f in fr.split("|")],
                               "ar": ar_forms,
                               "ar_SY/arab": [_levantine_arab(f) for f in ar_forms]}))
    return cases


def run_units(cases: list[Case], lang: str, engine, settings: Settings, mask: bool = True
              ) -> list[Unit]:
    units = [Unit(Segment(f"corpus:{i}.0", i, 0, "paragraph", c.en), lang)
             for i, c in enumerate(cases)]
    ctx = Context(lang, settings)
    ctx._engine = engine
    return Pipeline([protect.prepare, localize.mask if mask else localize.verify_only,
                     translate.translate_units, localize.restore, protect.finish,
                     typography.typography]).run(units, ctx)


def _present(expected: list[str], text: str) -> list[bool]:
    """Whether each expected form is in the text as a whole number (not inside "2024")."""
    found, pool = [], text
    for form in expected:
        m = re.search(r"(?<![\d.,])" + re.escape(form) + r"(?![\d]|[.,]\d)", pool)
        found.append(m is not None)
        if m:
            pool = pool[:m.start()] + "\0" + pool[m.end():]
    return found


VARIANTS = {
    "fr": ("fr", Settings(targets=["fr"])),
    "ar": ("ar", Settings(targets=["ar"])),
    "ar_SY/arab": ("ar", Settings(targets=["ar"], digits="arab",
                                  locales={"fr": "fr_FR", "ar": "ar_SY"})),
}


def measure(mask: bool = True, variants: tuple[str, ...] = tuple(VARIANTS)) -> dict:
    cases = load_corpus()
    stats: dict = {"values": sum(len(c.expected["fr"]) for c in cases), "sentences": len(cases)}
    for variant in variants:
        lang, settings = VARIANTS[variant]
        clean = run_units(cases, lang, FaultyNumbersEngine("en", lang, faults="clean"),
                          settings, mask)
        ok = sum(sum(_present(c.expected[variant], u.target))
                 for c, u in zip(cases, clean, strict=True))
        false_alarms = sum(1 for u in clean if any(f.check == "numbers" and f.severity == "error"
                                                   for f in u.findings))
        stats[f"{variant} formatting"] = (ok, stats["values"])
        stats[f"{variant} clean-run flagged segments"] = false_alarms
        tally: Counter = Counter()
        silent_examples = []
        for fault in FAULTS:
            units = run_units(cases, lang, FaultyNumbersEngine("en", lang, faults=fault),
                              settings, mask)
            for c, u in zip(cases, units, strict=True):
                flagged = any(f.check == "numbers" and f.severity == "error" for f in u.findings)
                expected = c.expected[variant]
                for form, here in zip(expected, _present(expected, u.target), strict=True):
                    if here:
                        tally["right"] += 1
                    elif flagged:
                        tally["flagged"] += 1
                    else:
                        tally["silent"] += 1
                        silent_examples.append((fault, form, u.target))
        stats[f"{variant} faults"] = dict(tally)
        stats[f"{variant} silent examples"] = silent_examples[:5]
    return stats


def main() -> None:
    mask = "--verify-only" not in sys.argv
    stats = measure(mask)
    print(f"corpus: {CORPUS.relative_to(ROOT)} — {stats['sentences']} sentences, "
          f"{stats['values']} numbers/dates per language; design: "
          f"{'mask + restore + verify' if mask else 'verify only (digits left to the engine)'}")
    print(f"faults: {', '.join(FAULTS)}")
    for lang in VARIANTS:
        ok, n = stats[f"{lang} formatting"]
        t = stats[f"{lang} faults"]
        total = sum(t.values())
        alarms = stats[f"{lang} clean-run flagged segments"]
        print(f"{lang}: formatting correct (fault-free engine) {ok}/{n} = {100 * ok / n:.1f} %; "
              f"segments flagged in the fault-free run: {alarms}")
        print(f"{lang}: under {len(FAULTS)} faults: {total} value checks — right "
              f"{t.get('right', 0)}, flagged {t.get('flagged', 0)}, silently wrong "
              f"{t.get('silent', 0)}; fidelity (right or flagged) "
              f"{100 * (total - t.get('silent', 0)) / total:.2f} %")
        for ex in stats[f"{lang} silent examples"]:
            print("   silent:", ex)


if __name__ == "__main__":
    main()
