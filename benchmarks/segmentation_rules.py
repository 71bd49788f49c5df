"""Agreement of locpipe's splitter with the sentence-boundary rule set (issue 22).

    python benchmarks/segmentation_rules.py [RULES_FILE]

Each rule (tests/data/segmentation_rules/rules.txt) is a paragraph with its gold sentences one
per line and a `# class: …` line; it agrees when the paragraph joined with spaces splits into
exactly those lines. Prints the agreement overall and per class, and every rule missed.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe.stages.segment import split_sentences  # noqa: E402

RULES = ROOT / "tests" / "data" / "segmentation_rules" / "rules.txt"


def load_rules(path: Path = RULES) -> list[tuple[str, int, list[str]]]:
    """(class, first line number, gold sentences) of every rule."""
    rules: list[tuple[str, int, list[str]]] = []
    kind, start, current = "", 0, []
    lines = path.read_text(encoding="utf-8").split("\n")
    for lineno, line in enumerate([*lines, ""], start=1):
        if line.startswith("# class:"):
            kind = line.partition(":")[2].strip()
        elif line.startswith("#"):
            continue
        elif line.strip():
            if not current:
                start = lineno
            current.append(line.strip())
        elif current:
            rules.append((kind, start, current))
            current = []
    return rules


def agreement(rules: list[tuple[str, int, list[str]]]) -> tuple[int, list[str]]:
    """How many rules the splitter gets exactly right, and a line per miss."""
    missed = []
    for kind, line, gold in rules:
        got = split_sentences(" ".join(gold))
        if got != gold:
            missed.append(f"{kind} (line {line}): expected {gold}, got {got}")
    return len(rules) - len(missed), missed


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else RULES
    rules = load_rules(path)
    right, missed = agreement(rules)
    total = Counter(k for k, _, _ in rules)
    wrong = Counter(m.split(" ", 1)[0] for m in missed)
    for m in missed:
        print(m)
    print(f"rules: {path}")
    print(f"agreement {right}/{len(rules)}; per class: "
          + ", ".join(f"{k} {total[k] - wrong[k]}/{total[k]}" for k in total))


if __name__ == "__main__":
    main()
