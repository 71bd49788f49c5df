"""The reuse stage: a later `translate` uses the reviewed entries of the article's PO file."""

import shutil
from pathlib import Path

import pytest

from locpipe.cli import app
from tests.po_workflow import (
    HEADLINE,
    QUOTE,
    SLUG,
    entries,
    line_of,
    review,
    runner,
    translate,
    write_article,
)
from tests.po_workflow import reviewed_po as make_reviewed_po


@pytest.fixture
def article(tmp_path) -> Path:
    return write_article(tmp_path)


@pytest.fixture
def reviewed_po(article, tmp_path) -> Path:
    return make_reviewed_po(article, tmp_path)


def test_translate_reuses_reviewed_po(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    review(out / SLUG / "fr.po", {HEADLINE: "Reprise des pourparlers sur l’eau d’Idlib"})
    translate(article, out)
    assert "<h1>Reprise des pourparlers sur l’eau d’Idlib</h1>" in (out / SLUG / "fr.html"
                                                                      ).read_text()
    assert not entries(out / SLUG / "fr.po")[HEADLINE].fuzzy


def test_translate_flags_reviewed_entry_with_broken_tags(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    fr_po = out / SLUG / "fr.po"
    review(fr_po, {QUOTE: "« Il nous faut du courant », a dit Samir Khoury à l’AFP."})
    line = line_of(fr_po, QUOTE)
    translate(article, out)
    entry = entries(fr_po)[QUOTE]
    assert entry.msgstr == "« Il nous faut du courant », a dit Samir Khoury à l’AFP."
    assert not entry.fuzzy
    assert entry.comment.splitlines()[-1] == (
        f"qa error po: {fr_po}:{line}: msgstr of {QUOTE} lacks <1> </1> from msgid; put every "
        "numbered tag back (entry not applied)")


def test_translate_finds_po_of_another_article(article, reviewed_po, tmp_path):
    # The editor saved the idlib review over another article's PO file.
    other = tmp_path / "homs.md"
    other.write_text("# Aid reaches Homs\n\nA convoy of 42 trucks reached Homs on Monday.\n")
    target = tmp_path / "out" / "homs" / "fr.po"
    target.parent.mkdir()
    shutil.copy(reviewed_po, target)
    line = target.read_text().splitlines().index(f'"X-Locpipe-Article: {SLUG}\\n"') + 1
    result = runner.invoke(app, ["translate", str(other), "--engine", "pseudo", "--out",
                                 str(tmp_path / "out"), "--to", "fr", "--memory",
                                 str(tmp_path / "memory")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {target}:{line}: is the PO file of article '{SLUG}', not "
                             f"'homs'; move it to {tmp_path / 'out' / SLUG}/ or delete it; "
                             f"{other} was not translated\n")
    assert not (target.parent / "fr.html").exists()


def test_translate_refuses_broken_po_and_writes_nothing(article, reviewed_po, tmp_path):
    html = reviewed_po.parent / "fr.html"
    html_before = html.read_text()
    reviewed_po.write_text(reviewed_po.read_text() + '\nmsgid "dangling\n')
    before = reviewed_po.read_text()
    line = len(before.splitlines())
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--out",
                                 str(tmp_path / "out"), "--memory", str(tmp_path / "memory")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {reviewed_po}:{line}: is not a valid PO file")
    assert reviewed_po.read_text() == before and html.read_text() == html_before


