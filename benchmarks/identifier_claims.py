"""What the identifier rules claim on text that is not about identifiers: every span detected
as a phone number, a code (IP address, ISBN, version, standard, street number) or a URL in
the sentences of Microsoft Recognizers-Text's English specs other than the phone, URL and
e-mail ones (numbers, amounts, units, dates: read from ../shared/corpora, never copied), and
in the project's own articles (samples/, tests/data/); with the annotation it overlaps, if
any, so that each claim can be judged (a phone number or an identifier, or a false positive).

    python benchmarks/identifier_claims.py [--list]

Prints the number of sentences or lines read and of claims per kind; `--list` prints each.
A phone number must come with evidence (issue 21, round 4: locpipe.rules.numbers.patterns),
because a run of grouped digits is also how news writes counts, scores and table rows.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.value_coverage import CORPUS  # noqa: E402
from locpipe.rules.numbers import detect  # noqa: E402

KINDS = ("phone", "code", "url")


def spec_sentences() -> list[tuple[str, str, list[dict]]]:
    out = []
    for path in sorted(CORPUS.glob("*/English/*.json")):
        if "Sequence" in path.parts:
            continue
        for case in json.loads(path.read_text(encoding="utf-8-sig")):
            out.append((path.stem, case["Input"], case.get("Results") or []))
    return out


def article_lines() -> list[tuple[str, str, list[dict]]]:
    files = sorted(p for p in [*(ROOT / "samples").glob("*"), *(ROOT / "tests" / "data").rglob("*")]
                   if p.is_file() and p.suffix in (".txt", ".md", ".html", ".tsv"))
    out = []
    for f in files:
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip():
                out.append((f.name, re.sub(r"<[^>]+>", " ", line), []))
    return out


def claims(texts: list[tuple[str, str, list[dict]]]) -> list[tuple[str, str, str, list[str]]]:
    out = []
    for name, text, results in texts:
        for a, b, q in detect(text).spans:
            if q.kind not in KINDS:
                continue
            over = [f"{r.get('TypeName')}:{r['Text']}" for r in results
                    if r.get("Start") is not None and r["Start"] < b
                    and r["Start"] + len(r["Text"]) > a]
            out.append((name, q.kind, text[a:b], over))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    for label, texts in (("Recognizers-Text specs (not Sequence)", spec_sentences()),
                         ("project articles", article_lines())):
        found = claims(texts)
        counts = Counter(kind for _, kind, _, _ in found)
        print(f"{label}: {len(texts)} sentences or lines, {len(found)} claims "
              f"({', '.join(f'{k} {counts[k]}' for k in KINDS)})")
        if args.list:
            for name, kind, span, over in found:
                print(f"  {name}: {kind} {span!r} overlaps {over or 'no annotation'}")


if __name__ == "__main__":
    main()
