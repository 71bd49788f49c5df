import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe import fileio
from locpipe.cli import app
from locpipe.errors import LocpipeError

runner = CliRunner()


class _DiskFull:
    """A file object that writes part of its content, then fails like a full disk."""

    def __init__(self, fh):
        self.fh = fh

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()

    def write(self, text: str) -> int:
        self.fh.write(text[: len(text) // 2])
        self.fh.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def disk_full_on_second_file(monkeypatch):
    real = os.fdopen
    opened: list[int] = []

    def fdopen(fd, *args, **kwargs):
        fh = real(fd, *args, **kwargs)
        opened.append(fd)
        return _DiskFull(fh) if len(opened) == 2 else fh

    monkeypatch.setattr(fileio.os, "fdopen", fdopen)
    return opened


def _all_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_write_all_leaves_nothing_when_a_write_fails(tmp_path, disk_full_on_second_file):
    out = tmp_path / "out"
    files = {out / "slug" / "fr.html": "<p>un</p>" * 100, out / "slug" / "ar.html": "x" * 1000,
             out / "slug" / "index.html": "<p>index</p>"}
    with pytest.raises(LocpipeError) as info:
        fileio.write_all(files)
    assert str(info.value) == (f"{out / 'slug' / 'ar.html'}: cannot be written (No space left "
                               "on device); nothing was written")
    assert len(disk_full_on_second_file) == 2  # it failed midway, after a complete first file
    assert _all_files(tmp_path) == []  # no page, no temp file, no directory it created


def test_write_all_replaces_files_whole(tmp_path):
    page = tmp_path / "fr.html"
    page.write_text("old", encoding="utf-8")
    fileio.write_all({page: "new", tmp_path / "ar.html": "جديد"})
    assert page.read_text(encoding="utf-8") == "new"
    assert _all_files(tmp_path) == ["ar.html", "fr.html"]


def test_failed_run_keeps_previous_output_and_leaves_no_partial_files(
        tmp_path, sample, disk_full_on_second_file):
    out = tmp_path / "out"
    previous = out / "homs-aid-convoy" / "fr.html"
    previous.parent.mkdir(parents=True)
    previous.write_text("<p>the editor's last good page</p>", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(sample), "--engine", "pseudo",
                                 "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {out / 'homs-aid-convoy' / 'ar.html'}: cannot be written "
                             "(No space left on device); nothing of this article was written; "
                             f"{sample} was not translated\n")
    assert _all_files(out) == ["homs-aid-convoy", "homs-aid-convoy/fr.html"]
    assert previous.read_text(encoding="utf-8") == "<p>the editor's last good page</p>"


def test_read_text_refuses_a_directory(tmp_path):
    with pytest.raises(LocpipeError, match="is a directory; give an article file"):
        fileio.read_text(tmp_path)
