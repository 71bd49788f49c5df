"""Held-out markup: CMS round trip on new fragments (issue 12, classes 11-13).

tests/data/heldout_markup/ holds CMS fragments (WordPress block HTML, a newsroom CMS body with
a full table, Markdown with front matter and a GFM table) written after the markup fixes. Each
goes through `locpipe translate --engine pseudo --to fr,ar` (run as a subprocess with this
checkout first on PYTHONPATH, so the same script measures another checkout: PYTHONPATH=…).
Scored per article and language, as a browser builds the trees (html5lib):

- markup: the source's elements (tag + attributes) and comments, in order, found in the output
  (difflib matching of the two event lists; the values of alt/title/aria-label are left out,
  since translating them is the point); the output is `<lang>.fragment.html` when the run
  writes one, else the page's <article> (what a desk had to copy before fragments);
- attributes: alt/title/aria-label values of the source that come out changed (translated)
  rather than in English;
- fragment: whether `<lang>.fragment.html` exists and its tree equals the source's exactly
  (after the leading notice and, in Arabic, the one `<div lang dir>` wrapper).

For Markdown the source tree is markdown-it-py's own HTML (CommonMark + tables) with the
front matter as a comment.

    python benchmarks/heldout_markup.py [--folder tests/data/heldout_markup]
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import html5lib

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "data" / "heldout_markup"
TRANSLATED = ("alt", "title", "aria-label")


def events(markup: str) -> tuple[list[tuple], list[str]]:
    """(element/comment events in document order, translated-attribute values)."""
    root = html5lib.parseFragment(markup, namespaceHTMLElements=False)
    out: list[tuple] = []
    values: list[str] = []

    def walk(el) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                out.append(("#comment", child.text.strip()))
            else:
                attrs = []
                for k, v in sorted(child.attrib.items()):
                    if k in TRANSLATED:
                        values.append(v)
                        v = "*"
                    attrs.append((k, v))
                out.append((child.tag, tuple(attrs)))
            walk(child)

    walk(root)
    return out, values


def source_markup(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".md":
        return text.replace("</br>", "<br>")  # what a browser reads </br> as
    from markdown_it import MarkdownIt

    comment = ""
    m = re.match(r"(---\n.*?\n---)\n", text, re.S)
    if m:
        comment, text = f"<!--\n{m.group(1)}\n-->", text[m.end():]
    return comment + MarkdownIt("commonmark").enable("table").render(text)


def output_markup(folder: Path, lang: str) -> tuple[str, bool]:
    """The fragment (notice and RTL wrapper removed) or the page's <article> content."""
    fragment = folder / f"{lang}.fragment.html"
    if fragment.exists():
        text = fragment.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        if 'role="note"' in first:
            text = rest
        m = re.fullmatch(r'<div lang="[^"]+" dir="rtl">\n(.*)\n</div>\n?', text, re.S)
        return (m.group(1) if m else text), True
    page = (folder / f"{lang}.html").read_text(encoding="utf-8")
    return page.split("<article>", 1)[1].rsplit("</article>", 1)[0], False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=FOLDER)
    args = ap.parse_args(argv)
    files = sorted(p for p in args.folder.iterdir() if p.suffix in (".html", ".md"))
    totals = {"markup": [0, 0], "attributes": [0, 0], "fragment": [0, 0]}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        x for x in (os.environ.get("PYTHONPATH", str(ROOT)),) if x)}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        proc = subprocess.run([sys.executable, "-m", "locpipe", "translate", *map(str, files),
                               "--engine", "pseudo", "--to", "fr,ar", "--out", str(out),
                               "--no-glossary", "--no-memory"],  # (as run from an empty dir)
                              capture_output=True, text=True, cwd=tmp, env=env)
        if proc.returncode not in (0, 1):
            print(proc.stderr, file=sys.stderr)
            return 2
        print(f"{'article':24} {'lang':4} {'markup':>9} {'attributes':>11} {'fragment':>9}")
        for path in files:
            source, source_values = events(source_markup(path))
            for lang in ("fr", "ar"):
                text, is_fragment = output_markup(out / path.stem, lang)
                got, values = events(text)
                sm = difflib.SequenceMatcher(None, source, got, autojunk=False)
                kept = sum(b.size for b in sm.get_matching_blocks())
                # values of the output not among the source's: translated (a dropped
                # attribute is not counted as translated)
                translated = min(len(source_values),
                                 sum(v not in set(source_values) for v in values))
                exact = is_fragment and got == source
                row = {"markup": (kept, len(source)),
                       "attributes": (translated, len(source_values)),
                       "fragment": (int(exact), 1)}
                for k, (a, b) in row.items():
                    totals[k][0] += a
                    totals[k][1] += b
                print(f"{path.name:24} {lang:4} {kept:>4}/{len(source):<4} "
                      f"{translated:>5}/{len(source_values):<5} {'exact' if exact else 'no':>9}")
    print("total: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in totals.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
