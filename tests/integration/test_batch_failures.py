"""One bad article never stops the batch (issue 13 §2): each per-article failure is one line
naming the file, the other articles are written, the summary only lists what was written, the
exit code is 2; `po apply` says exactly what it wrote; a per-article lock keeps two runs from
interleaving; temp files of a killed run are cleaned."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from locpipe import fileio
from locpipe.cli import app
from locpipe.errors import LocpipeError
from locpipe.formats import memory as memory_format
from locpipe.formats.manifest import LOCK_NAME
from tests.po_workflow import review, runner

STORIES = {
    "a": "Bakeries reopen in Aleppo\n\nSeven bakeries reopened on Saturday after fuel arrived, "
         "the city council said.\n",
    "b": "Floods cut the road to Qusayr\n\nHeavy rain washed away a bridge on Friday, leaving "
         "3,000 families cut off.\n",
    "c": "Schools close in Raqqa\n\nAbout 12 schools closed this week because teachers were "
         "not paid, the UN said.\n",
}


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in STORIES.items():
        (tmp_path / f"{name}.txt").write_text(text)
    return tmp_path


def translate(*names: str, memory: str = "memory"):
    return runner.invoke(app, ["translate", *names, "--engine", "pseudo", "--to", "fr",
                               "--out", "output", "--memory", memory, "--format", "json"])


def written(desk: Path) -> list[str]:
    out = desk / "output"
    return sorted(p.parent.name for p in out.glob("*/fr.html")) if out.is_dir() else []


def summary_articles(result) -> list[str]:
    data = json.loads(result.stdout)
    return [a["identity"] for a in data["articles"] if a["status"] == "written"]


def test_broken_po_of_one_article(desk):
    assert translate("a.txt", "b.txt", "c.txt").exit_code == 0
    po_b = desk / "output" / "b" / "fr.po"
    po_b.write_text(po_b.read_text() + '\nmsgid "dangling\n')
    page_b = (desk / "output" / "b" / "fr.html").read_text()
    for name in "ac":
        (desk / "output" / name / "fr.html").unlink()
    result = translate("a.txt", "b.txt", "c.txt")
    assert result.exit_code == 2
    line = len(po_b.read_text().splitlines())
    assert result.stderr == (
        f"Error: output/b/fr.po:{line}: is not a valid PO file (unterminated string or unescaped "
        "double quote); fix this line or export the file again from Poedit; b.txt was not "
        "translated\n")
    assert written(desk) == ["a", "b", "c"]
    assert (desk / "output" / "b" / "fr.html").read_text() == page_b
    assert summary_articles(result) == ["a.txt", "c.txt"]


def test_output_folder_is_a_file(desk):
    (desk / "output").mkdir()
    (desk / "output" / "b").write_text("not a folder")
    result = translate("a.txt", "b.txt", "c.txt")
    assert result.exit_code == 2
    assert result.stderr == ("Error: output/b: is in the way: it is a file, not an article "
                             "folder; move it away or use another --out; b.txt was not "
                             "translated\n")
    assert written(desk) == ["a", "c"]
    assert summary_articles(result) == ["a.txt", "c.txt"]
    assert (desk / "output" / "b").read_text() == "not a folder"


def test_output_folder_cannot_be_written(desk, monkeypatch):
    real = fileio._temp_file

    def refuse_b(path):
        if path.parent.name == "b":
            raise PermissionError(13, "Permission denied", str(path.parent))
        return real(path)

    monkeypatch.setattr(fileio, "_temp_file", refuse_b)
    result = translate("a.txt", "b.txt", "c.txt")
    assert result.exit_code == 2
    assert result.stderr == ("Error: output/b: cannot be written (Permission denied); nothing of "
                             "this article was written; b.txt was not translated\n")
    assert written(desk) == ["a", "c"]
    assert not (desk / "output" / "b").exists()  # the folder this run created is gone again


def test_unreadable_input_and_empty_directory(desk):
    (desk / "b.txt").write_bytes(b"Floods\n\nThe \xff bridge fell.\n")
    (desk / "empty").mkdir()
    result = translate("a.txt", "b.txt", "empty", "c.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: empty: directory has no article files (.htm, .html, .markdown, .md, .text, "
        ".txt)",
        "Error: b.txt: is not valid utf-8 (byte 0xff at line 3); save it as UTF-8 or pass "
        "--encoding"]
    assert written(desk) == ["a", "c"]


def test_po_apply_with_a_memory_that_cannot_be_written(desk):
    assert translate("a.txt").exit_code == 0
    po_a = desk / "output" / "a" / "fr.po"
    review(po_a, {"a:1.1": "Les boulangeries rouvrent à Alep"})
    page = desk / "output" / "a" / "fr.html"
    before = page.read_text()
    (desk / "mem").write_text("a file where the memory should be")
    result = runner.invoke(app, ["po", "apply", str(po_a), "--memory", "mem"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: mem: translation memory cannot be written (File exists); "
                             "fix it or pass another --memory\n")
    assert "wrote" not in result.stdout
    assert page.read_text() == before  # all or nothing: the pages were left as they were


def test_po_apply_says_what_it_wrote_when_the_memory_fails_late(desk, monkeypatch):
    assert translate("a.txt").exit_code == 0
    po_a = desk / "output" / "a" / "fr.po"
    review(po_a, {"a:1.1": "Les boulangeries rouvrent à Alep"})

    def disk_full(path, content):
        raise LocpipeError("cannot be written (No space left on device); nothing was written",
                           path)

    monkeypatch.setattr(memory_format, "write_text", disk_full)
    result = runner.invoke(app, ["po", "apply", str(po_a), "--memory", "memory"])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: memory/a-")
    assert line.endswith(".fr.po: cannot be written (No space left on device); nothing was "
                         f"written; the pages and PO files of {desk / 'output' / 'a'} were "
                         "rewritten but the memory was not updated: fix it and run po apply "
                         "again")
    assert f"wrote {desk / 'output' / 'a' / 'fr.html'}" in result.stdout
    assert "Les boulangeries rouvrent à Alep" in (desk / "output" / "a" / "fr.html").read_text()


HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, f"{os.getpid()}\\n".encode())
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def held_lock(desk):
    """Another process holding the lock of output/b (as a running locpipe would)."""
    assert translate("b.txt").exit_code == 0
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(desk / "output" / "b" / LOCK_NAME)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    yield proc.pid
    proc.kill()
    proc.wait()


def test_translate_waits_for_nobody_and_says_who_holds_the_lock(desk, held_lock):
    page = (desk / "output" / "b" / "fr.html").read_text()
    result = translate("a.txt", "b.txt")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: output/b is being written by another locpipe run (pid "
                             f"{held_lock}); try again when it finishes; b.txt was not "
                             "translated\n")
    assert written(desk) == ["a", "b"]
    assert (desk / "output" / "b" / "fr.html").read_text() == page


def test_po_apply_on_a_locked_article(desk, held_lock):
    po_b = desk / "output" / "b" / "fr.po"
    review(po_b, {"b:1.1": "Les inondations coupent la route de Qusayr"})
    result = runner.invoke(app, ["po", "apply", str(po_b), "--memory", "memory"])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {desk / 'output' / 'b'} is being written by another "
                             f"locpipe run (pid {held_lock}); try again when it finishes\n")
    assert not (desk / "memory").exists()


def test_stale_lock_and_temp_files_of_a_killed_run(desk):
    assert translate("a.txt").exit_code == 0
    folder = desk / "output" / "a"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    (folder / LOCK_NAME).write_text(f"{dead}\n")  # its process is gone: no flock is held
    (folder / ".fr.html.k1ll3d.tmp").write_text("<p>half a pa")
    (folder / ".fr.po.x9.tmp").write_text("")
    result = translate("a.txt")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "fr.fragment.html", "fr.html", "fr.po", "index.html", "manifest.json", "report.html"]
