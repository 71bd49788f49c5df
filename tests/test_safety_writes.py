"""Issue 19 §1: no write leaves the output folder. Links planted in OUT are never written
through, `po apply` applies only an article's own PO file and reads only a source inside the
folder it was translated from, and the run index never replaces a page locpipe did not write."""

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.formats.runindex import GENERATOR

runner = CliRunner()
STORY = ("Water returns to Daraa\n"
         "Pumping resumed on Sunday after a 13-day outage that left 50,000 people without "
         "water, the utility said.\n")
SECRET = "Private: the bureau moves to Amman in 2027.\n"


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    """A desk folder with articles/daraa.txt, and a private file beside the desk."""
    root = tmp_path / "desk"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "daraa.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "plans.txt").write_text(SECRET, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _translate(*args: str):
    return runner.invoke(app, ["translate", *args, "--engine", "pseudo", "--to", "fr,ar",
                               "--memory", "tm"])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_symlinked_lock_is_refused_and_its_target_untouched(desk, tmp_path):
    assert _translate("articles/daraa.txt", "--out", "out").exit_code == 0
    victim = tmp_path / "private" / "plans.txt"
    lock = desk / "out" / "daraa" / ".locpipe.lock"
    lock.symlink_to(victim)
    result = _translate("articles/daraa.txt", "--out", "out", "--force")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: out/daraa/.locpipe.lock: is a symbolic link (to {victim}); "
                             "locpipe never writes through a link: remove it and run again; "
                             "articles/daraa.txt was not translated\n")
    assert victim.read_text(encoding="utf-8") == SECRET
    assert lock.is_symlink()


def test_symlinked_output_file_is_not_written_through(desk):
    (desk / "articles" / "homs.txt").write_text(STORY.replace("Daraa", "Homs"), "utf-8")
    assert _translate("articles", "--out", "out").exit_code == 0
    other = desk / "out" / "homs" / "fr.html"
    before = other.read_bytes()
    page = desk / "out" / "daraa" / "fr.html"
    page.unlink()
    page.symlink_to(other)
    result = _translate("articles/daraa.txt", "--out", "out", "--force")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: out/daraa/fr.html: is a symbolic link (to {other}); "
                             "locpipe never writes through a link: remove it and run again; "
                             "nothing of this article was written; articles/daraa.txt was not "
                             "translated\n")
    assert other.read_bytes() == before


def test_article_folder_linked_out_of_out_is_refused(desk, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (desk / "out").mkdir()
    (desk / "out" / "daraa").symlink_to(elsewhere)
    result = _translate("articles/daraa.txt", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: out/daraa: is a symbolic link (to {elsewhere}); ")
    assert list(elsewhere.iterdir()) == []


def test_symlinked_po_is_refused_by_po_apply_naming_both(desk):
    (desk / "articles" / "homs.txt").write_text(STORY.replace("Daraa", "Homs"), "utf-8")
    assert _translate("articles", "--out", "out").exit_code == 0
    a_po = desk / "out" / "homs" / "fr.po"
    b_po = desk / "out" / "daraa" / "fr.po"
    b_po.unlink()
    b_po.symlink_to(a_po)
    before = _snapshot(desk / "out" / "homs")
    result = runner.invoke(app, ["po", "apply", "out/daraa/fr.po", "--memory", "tm"])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: out/daraa/fr.po: is a symbolic link to {a_po}; po apply "
                             "reads only an article's own PO file: replace the link with the "
                             "file or apply the file it names\n")
    assert _snapshot(desk / "out" / "homs") == before


def _point_at(folder: Path, ref: str, identity: str | None = None) -> None:
    """What an attacker does: the manifest's source and the PO headers edited to `ref`."""
    manifest = folder / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["source"] = ref
    if identity is not None:
        data["identity"] = identity
    manifest.write_text(json.dumps(data), encoding="utf-8")
    for po in folder.glob("*.po"):
        lines = po.read_text(encoding="utf-8").split("\n")
        po.write_text("\n".join(f'"X-Locpipe-Source: {ref}\\n"'
                                if x.startswith('"X-Locpipe-Source:') else x for x in lines),
                      encoding="utf-8")


@pytest.mark.parametrize("identity", [None, "plans.txt", "../../private/plans.txt"])
def test_po_apply_never_reads_a_source_out_of_its_input_folder(desk, identity):
    assert _translate("articles/daraa.txt", "--out", "out").exit_code == 0
    folder = desk / "out" / "daraa"
    _point_at(folder, "../../../private/plans.txt", identity)
    before = _snapshot(folder)
    result = runner.invoke(app, ["po", "apply", "out/daraa/fr.po", "out/daraa/ar.po",
                                 "--memory", "tm"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Error: out/daraa/fr.po:")
    assert "X-Locpipe-Source '../../../private/plans.txt' cannot be this article's source: " \
        in lines[0]
    assert _snapshot(folder) == before
    assert not any(b"Amman" in data for data in before.values())
    assert not (desk / "tm").exists() or not any(
        b"Amman" in p.read_bytes() for p in (desk / "tm").rglob("*") if p.is_file())


def test_po_apply_refuses_an_absolute_recorded_source(desk, tmp_path):
    assert _translate("articles/daraa.txt", "--out", "out").exit_code == 0
    folder = desk / "out" / "daraa"
    secret = str(tmp_path / "private" / "plans.txt")
    _point_at(folder, secret, secret)
    before = _snapshot(folder)
    result = runner.invoke(app, ["po", "apply", "out/daraa/fr.po", "--memory", "tm"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: out/daraa/fr.po:22: X-Locpipe-Source '{secret}' cannot be this article's "
        "source: it is an absolute path (a recorded source is relative to the PO file); a "
        "recorded source stays inside the folder it was translated from: fix the header and "
        "manifest.json or translate the article again\n")
    assert _snapshot(folder) == before


def test_po_apply_refuses_a_source_linked_out_of_its_input_folder(desk, tmp_path):
    assert _translate("articles/daraa.txt", "--out", "out").exit_code == 0
    article = desk / "articles" / "daraa.txt"
    article.unlink()
    article.symlink_to(tmp_path / "private" / "plans.txt")
    before = _snapshot(desk / "out" / "daraa")
    result = runner.invoke(app, ["po", "apply", "out/daraa/fr.po", "--memory", "tm"])
    assert result.exit_code == 2
    assert "it is a link out of its input folder" in result.stderr
    assert _snapshot(desk / "out" / "daraa") == before


def test_po_apply_still_applies_an_article_from_its_own_folder(desk):
    assert _translate("articles", "--out", "out").exit_code == 0
    result = runner.invoke(app, ["po", "apply", "out/daraa/fr.po", "--memory", "tm"])
    assert result.exit_code == 0, result.output


def test_run_index_never_replaces_a_page_locpipe_did_not_write(desk):
    mine = desk / "index.html"
    mine.write_text("<!DOCTYPE html><title>Desk home</title>", encoding="utf-8")
    result = _translate("articles/daraa.txt", "--out", ".")
    assert result.exit_code == 2
    assert result.stderr == ("Error: index.html: was not written by locpipe, so the run index "
                             "was not written over it (the articles were written); move it away "
                             "or use another --out\n")
    assert mine.read_text(encoding="utf-8") == "<!DOCTYPE html><title>Desk home</title>"
    assert (desk / "daraa" / "fr.html").is_file()


def test_run_index_is_marked_and_rewritten_by_the_next_run(desk):
    assert _translate("articles/daraa.txt", "--out", "out").exit_code == 0
    index = desk / "out" / "index.html"
    assert GENERATOR in index.read_text(encoding="utf-8")
    assert _translate("articles/daraa.txt", "--out", "out", "--force").exit_code == 0


def test_run_that_fails_every_article_leaves_the_index_alone(desk):
    assert _translate("articles/daraa.txt", "--out", "out").exit_code == 0
    index = desk / "out" / "index.html"
    before = (index.read_bytes(), os.stat(index).st_ino)
    (desk / "articles" / "empty.txt").write_text("", encoding="utf-8")
    result = _translate("articles/empty.txt", "--out", "out")
    assert result.exit_code == 2
    assert (index.read_bytes(), os.stat(index).st_ino) == before
