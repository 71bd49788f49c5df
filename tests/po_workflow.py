"""The article and editor actions the PO workflow tests share (tests/formats/test_po.py,
tests/stages/test_reuse.py, tests/test_review.py)."""

from pathlib import Path

import polib
from typer.testing import CliRunner

from locpipe.cli import app

runner = CliRunner()

ARTICLE = """\
# Talks on Idlib water supply resume in Geneva

Negotiators from the UN and the EU met on Tuesday to discuss repairs to a *pumping station* \
that serves about 50,000 people.

“We need 13 to 15 hours of power a day to run the pumps,” said engineer Samir Khoury, \
quoted by [AFP](https://afp.example/idlib).

## Fuel shortages worsen

The price of diesel has tripled since 2023, according to local officials. \
HTS fighters control the main road.
"""

SLUG = "idlib-talks"
HEADLINE = f"{SLUG}:1.1"
QUOTE = f"{SLUG}:3.1"
NEGOTIATORS = f"{SLUG}:2.1"
HTS = f"{SLUG}:5.2"


def write_article(tmp_path: Path) -> Path:
    path = tmp_path / f"{SLUG}.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def translate(article: Path, out: Path, *extra: str):
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--out",
                                 str(out), "--memory", str(out.parent / "memory"), *extra])
    assert result.exit_code == 0, result.output
    return result


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in polib.pofile(str(path)) if not e.obsolete}


def review(path: Path, edits: dict[str, str]) -> None:
    """What an editor does in Poedit: type a translation and clear 'Needs work'."""
    catalog = polib.pofile(str(path))
    for e in catalog:
        if e.msgctxt in edits and not e.obsolete:
            e.msgstr = edits[e.msgctxt]
            e.flags = [f for f in e.flags if f != "fuzzy"]
    catalog.save()


def line_of(path: Path, ctxt: str) -> int:
    """The line polib reports for an entry (its first line), as the error messages do."""
    return next(e.linenum for e in polib.pofile(str(path)) if e.msgctxt == ctxt)


def quote_fr(path: Path) -> str:
    """A French translation of the quote keeping its link tag, built from the PO's msgid."""
    msgid = entries(path)[QUOTE].msgid
    assert "<1>" in msgid and "</1>" in msgid
    return "« Il nous faut 13 à 15 heures de courant par jour », a dit Samir Khoury à <1>l’AFP</1>."


def reviewed_po(article: Path, tmp_path: Path) -> Path:
    """Translate the article and review its French headline; returns the French PO file."""
    out = tmp_path / "out"
    translate(article, out)
    fr_po = out / SLUG / "fr.po"
    review(fr_po, {HEADLINE: "Reprise des pourparlers"})
    return fr_po


WELLS = """\
# Wells run dry in Deir ez-Zor as the Euphrates falls

The river has dropped by 4 metres since March, leaving about 70,000 people without piped water, \
the UN said on Thursday.

“We queue for 6 hours to fill two jerrycans,” said Huda Saleh, a teacher in the town of \
[Mayadin](https://news.example/mayadin).

## Farmers sell their herds

Wheat harvests in 2024 were the smallest since 1999, according to the Syrian Observatory for \
Human Rights.
"""

SEVEN = ["fr", "ar", "es", "de", "pt", "ru", "he"]


def run_pseudo(article: Path, out: Path, langs: list[str]):
    """A pseudo-engine run into `langs` through the library (the CLI's --to list is another
    module's business)."""
    from locpipe import pipeline
    from locpipe.context import Settings

    result = pipeline.run([article], Settings(targets=list(langs), engine="pseudo", out_dir=out,
                                              memory_dir=out.parent / "memory"))
    assert not result.failures, result.failures
    return result
