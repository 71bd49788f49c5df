"""Source check near-misses: recall and precision of `glossary check` on real variant spellings.

Reads tests/data/terms/variants.tsv (variant<TAB>the entry it must be reported as, or "-" when
nothing may be reported), checks each variant inside a neutral carrier sentence with the shipped
glossary, and also counts near-miss findings on the clean articles of the test data (each one is
a false alarm: those articles use the glossary's own spellings).

    python benchmarks/source_variants.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe.formats.glossary import load_glossary  # noqa: E402
from locpipe.rules.source import check_text  # noqa: E402
from locpipe.rules.terms import Glossary  # noqa: E402

VARIANTS = ROOT / "tests" / "data" / "terms" / "variants.tsv"
CARRIER = "On Tuesday a spokesman said that {} would respond within days."
CLEAN = sorted((ROOT / "tests" / "data" / "segmentation").glob("*.txt")) + [
    ROOT / "tests" / "data" / "qusayr-floods.txt", ROOT / "tests" / "data" / "aleppo-bakeries.md",
    ROOT / "samples" / "homs-aid-convoy.txt", ROOT / "tests" / "data" / "qa" / "mixed-quote.txt"]
NEAR_MISS = ("looks like",)  # the wording of near-miss findings


def cases(path: Path = VARIANTS) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            variant, expected = line.split("\t")
            rows.append((variant, expected))
    return rows


def score(glossary: Glossary, rows: list[tuple[str, str]]) -> dict[str, object]:
    """True positives, false alarms and misses over the variant corpus."""
    tp, wrong, missed, alarms = 0, [], [], []
    forms = {e.canonical: e.forms["en"] for e in glossary.entries}

    def names(f, expected: str) -> bool:  # the finding names the entry (any of its forms)
        return any(f"'{form}'" in f.message for form in forms.get(expected, [expected]))

    for variant, expected in rows:
        text = CARRIER.format(variant)
        start = text.index(variant)
        found = [f for f in check_text(text, glossary, Path("variant.txt"))
                 if f.start < start + len(variant) and f.end > start]
        if expected == "-":
            alarms += [f"{variant}: {f.message}" for f in found]
            continue
        if any(names(f, expected) for f in found):
            tp += 1
        else:
            missed.append(variant)
        wrong += [f"{variant}: {f.message}" for f in found if not names(f, expected)]
    positives = sum(1 for _, e in rows if e != "-")
    reported = tp + len(wrong) + len(alarms)
    return {"tp": tp, "positives": positives, "negatives": len(rows) - positives,
            "recall": tp / positives if positives else 1.0,
            "precision": tp / reported if reported else 1.0,
            "false": wrong + alarms, "missed": missed}


def clean_alarms(glossary: Glossary) -> list[str]:
    out = []
    for path in CLEAN:
        for f in check_text(path.read_text(encoding="utf-8"), glossary, path):
            if any(w in f.message for w in NEAR_MISS):
                out.append(str(f))
    return out


def main() -> int:
    glossary = load_glossary([ROOT / "glossary"])
    s = score(glossary, cases())
    print(f"variants: {s['positives']} real variants, {s['negatives']} names that must not be "
          "reported")
    print(f"recall {s['tp']}/{s['positives']} = {s['recall']:.2f}; "
          f"precision {s['precision']:.2f} ({len(s['false'])} false or wrong reports)")
    for m in s["missed"]:
        print(f"  missed: {m}")
    for f in s["false"]:
        print(f"  false: {f}")
    alarms = clean_alarms(glossary)
    print(f"near-miss findings on {len(CLEAN)} clean articles: {len(alarms)}")
    for a in alarms:
        print(f"  {a}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
