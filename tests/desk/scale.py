"""Generated output folders for the desk's scaling test and benchmarks/desk_scale.py: `n`
article folders holding a manifest each (what the desk view reads), written directly."""

from __future__ import annotations

import json
import random
from pathlib import Path

PLACES = ["Idlib", "Hama", "Homs", "Raqqa", "Deir ez-Zor", "Aleppo", "Daraa", "Qamishli"]
EVENTS = ["Aid convoy reaches", "Talks resume on", "Power returns to", "Schools reopen in",
          "Shelling hits", "Bread prices rise in", "Water pumps repaired in"]


def title(i: int) -> str:
    rng = random.Random(i)
    return f"{rng.choice(EVENTS)} {rng.choice(PLACES)} (report {i})"


def po_text(i: int, lang: str, segments: int, done: int) -> str:
    """A small PO file of `segments` entries, the first `done` reviewed."""
    head = ('msgid ""\nmsgstr ""\n'
            f'"Language: {lang}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"X-Locpipe-Article: article-{i:05d}\\n"\n')
    entries = [("" if k < done else "#, fuzzy\n") + f'msgctxt "article-{i:05d}:{k + 1}.1"\n'
               f'msgid "Sentence {k} of report {i}."\nmsgstr "Phrase {k} ({lang}) {i}."\n'
               for k in range(segments)]
    return "\n".join([head, *entries])


def write_articles(out: Path, n: int, langs: tuple[str, ...] = ("fr", "ar")) -> Path:
    """OUT with `n` article folders `article-00000`…: every 3rd fully reviewed (ready), every
    7th with a QA error, the rest half reviewed; the engine is pseudo for every 5th. Each
    folder holds its manifest and a small PO file per language agreeing with it."""
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        folder = out / f"article-{i:05d}"
        folder.mkdir(exist_ok=True)
        segments = 10 + i % 30
        asked = segments * len(langs)
        done = asked if i % 3 == 0 else asked // 2
        errors = 1 if i % 7 == 0 else 0
        engine = "pseudo" if i % 5 == 0 else "argos"
        data = {
            "locpipe_manifest": 1, "source": f"../../articles/article-{i:05d}.txt",
            "identity": f"articles/article-{i:05d}.txt", "sha256": f"{i:064x}",
            "signature": f"engine:{engine}|model:{engine}-en|lang:*|locpipe 0.1.0",
            "languages": list(langs), "written": f"2026-12-{1 + i % 28:02d}T10:{i % 60:02d}:00Z",
            "title": title(i),
            "findings": {"severity": {"error": errors, "warning": i % 4} if errors or i % 4
                         else {}, "check": {"numbers": errors} if errors else {}},
            "reviewed": [done, asked], "segments": segments,
        }
        (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
        for lang in langs:
            (folder / f"{lang}.po").write_text(po_text(i, lang, segments, done // len(langs)),
                                               encoding="utf-8")
    return out


def expected_states(n: int) -> dict[str, int]:
    states = {"ready": 0, "needs-review": 0, "has-errors": 0}
    for i in range(n):
        states["has-errors" if i % 7 == 0 else "ready" if i % 3 == 0 else "needs-review"] += 1
    return states
