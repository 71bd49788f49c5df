"""Held-out names: glossary names correct on new wire-style articles (issue 12, "names").

tests/data/heldout_names/ holds articles (plain text, Markdown, CMS HTML) written after the
name fixes, and expected.tsv: per article and language, each glossary form a reader must see
on the page and how many times. The articles go through `locpipe translate --engine pseudo`
(names are restored from the glossary, so every one must come back exactly), the text of each
page's <article> is read, and each expected form is counted (longest forms first, each
occurrence taken out of the text once counted, so a short form is not counted inside a long
one). A form seen more or fewer times than expected scores the difference as wrong (a name
written twice, "Name (Name)", is an error like a dropped one).

    python benchmarks/heldout_names.py [--folder tests/data/heldout_names]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "data" / "heldout_names"


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def page_text(path: Path) -> str:
    """What a reader sees in the page's <article>."""
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def expected(folder: Path) -> dict[tuple[str, str], dict[str, int]]:
    table: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for line in (folder / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            article, lang, form, count = line.split("\t")
            table[(article, lang)][form] = int(count)
    return table


def count(text: str, forms: dict[str, int]) -> dict[str, int]:
    seen = {}
    for form in sorted(forms, key=len, reverse=True):
        seen[form] = text.count(form)
        text = text.replace(form, "\x00")
    return seen


def score(folder: Path = FOLDER) -> tuple[int, int, list[str]]:
    """(names correct, total, one line per wrong count)."""
    table = expected(folder)
    articles = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html"))
    langs = sorted({lang for _, lang in table})
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run(
            [sys.executable, "-c", "from locpipe.cli import main; main()", "translate",
             *map(str, articles), "--engine", "pseudo", "--to", ",".join(langs),
             "--glossary", str(ROOT / "glossary"), "--out", out],
            capture_output=True, text=True, cwd=ROOT)
        if run.returncode not in (0, 1):
            raise SystemExit(f"translate failed: {run.stderr.strip()}")
        correct, total, wrong = 0, 0, []
        for (article, lang), forms in sorted(table.items()):
            text = page_text(Path(out) / article / f"{lang}.html")
            for form, n in count(text, forms).items():
                want = forms[form]
                total += want
                correct += max(0, want - abs(n - want))
                if n != want:
                    wrong.append(f"{article} {lang}: '{form}' {n} times, expected {want}")
    return correct, total, wrong


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=FOLDER)
    correct, total, wrong = score(ap.parse_args().folder)
    print(f"names correct: {correct} / {total}")
    for w in wrong:
        print(f"  {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
