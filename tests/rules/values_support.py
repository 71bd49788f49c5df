"""What the value tests share (issue 21): the values found in a sentence and their CLDR
renderings, and the proof that the QA is silent on a correct translation — by the check
functions and by `locpipe qa` over real PO files."""

from __future__ import annotations

from pathlib import Path

import polib

from locpipe import checks
from locpipe.checks import Pair
from locpipe.cli import app
from locpipe.context import Settings
from locpipe.rules.numbers import detect, render, style_for
from tests.po_workflow import runner

FR_AR = Settings(targets=["fr", "ar"])


def found(text: str) -> list[tuple[str, str]]:
    """(kind, text as written) of each value detected, in text order."""
    return [(q.kind, q.text) for _, _, q in sorted(detect(text).spans, key=lambda s: s[0])]


def rendered(text: str, lang: str, settings: Settings = FR_AR) -> list[str]:
    """Each value detected, as the target language's profile writes it."""
    style = style_for(lang, settings)
    return [render(q, style) for _, _, q in sorted(detect(text).spans, key=lambda s: s[0])]


def loud_findings(source: str, target: str, lang: str, settings: Settings = FR_AR
                  ) -> list[tuple[str, str]]:
    """The errors and warnings every QA check raises on one translated sentence."""
    result = checks.check_pair(Pair(source, target, lang, settings=settings))
    return [(c.name, m) for c, m in result.findings if c.severity in ("error", "warning")]


def qa_over_po_files(folder: Path, article: str, pairs: list[tuple[str, str, str]]) -> str:
    """Write (English, French, Arabic) pairs as `article/fr.po` and `article/ar.po` under
    `folder`, run `locpipe qa` on it, and return its last line (exit code 0 asserted)."""
    for col, lang in ((1, "fr"), (2, "ar")):
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
        for i, pair in enumerate(pairs, 1):
            po.append(polib.POEntry(msgctxt=f"{article}:{i}.1", msgid=pair[0],
                                    msgstr=pair[col]))
        (folder / article).mkdir(exist_ok=True)
        po.save(str(folder / article / f"{lang}.po"))
    result = runner.invoke(app, ["qa", str(folder)])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[-1]
