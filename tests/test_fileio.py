import errno
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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


# ------------------------------------------------------------------ what is not an article file

GOOD = "Bakeries reopen in Hama\nQueues formed at dawn outside the bakeries, residents said.\n"


@pytest.fixture
def deadline():
    """Fail the test, instead of hanging the run, if a read blocks."""
    import signal

    def expired(*_):
        raise TimeoutError("the read blocked")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _translate(tmp_path: Path, *paths: Path):
    out = tmp_path / "out"
    return runner.invoke(app, ["translate", *map(str, paths), "--engine", "pseudo", "--to",
                               "fr", "--out", str(out)]), out


def test_fifo_is_refused_without_blocking_and_the_rest_is_written(tmp_path, deadline):
    fifo = tmp_path / "wire.txt"
    os.mkfifo(fifo)  # nobody writes to it: reading it would wait forever
    good = tmp_path / "bakeries.txt"
    good.write_text(GOOD, encoding="utf-8")
    result, out = _translate(tmp_path, fifo, good)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {fifo}: is not a regular file (a named pipe); give an "
                             "article file (.txt, .md or .html)\n")
    assert _all_files(out) == ["bakeries", "bakeries/fr.fragment.html", "bakeries/fr.html",
                              "bakeries/fr.po",
                               "bakeries/index.html", "bakeries/manifest.json",
                               "bakeries/report.html", "index.html"]


def test_symlink_to_a_device_is_refused(tmp_path, deadline):
    link = tmp_path / "endless.txt"
    link.symlink_to("/dev/zero")
    result, out = _translate(tmp_path, link)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {link}: is not a regular file (a device); give an "
                             "article file (.txt, .md or .html)\n")
    assert not out.exists()


def test_file_over_the_size_limit_is_refused_after_reading_only_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", 2_000_000)
    big = tmp_path / "dump.txt"
    big.write_text("Shelling resumed. " * 120_000, encoding="utf-8")  # 2.16 MB
    result, out = _translate(tmp_path, big)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {big}: is larger than 2 MB, the most one article file "
                             "may hold; split it into several articles\n")
    assert not out.exists()


def test_article_with_too_much_text_is_refused_and_the_rest_written(tmp_path, monkeypatch):
    from locpipe.formats import readers

    monkeypatch.setattr(readers, "MAX_ARTICLE_CHARS", 5_000)
    long = tmp_path / "archive.md"
    long.write_text("# Ten years of war\n\n" + "The siege went on. " * 300, encoding="utf-8")
    good = tmp_path / "bakeries.txt"
    good.write_text(GOOD, encoding="utf-8")
    result, out = _translate(tmp_path, long, good)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {long}: has 5,715 characters of text to translate, more "
                             "than the 5,000 one article may have; split it into several "
                             "articles\n")
    assert sorted(p.name for p in out.iterdir()) == ["bakeries", "index.html"]


# ------------------------------------------------------------------ modes of written files


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the previous one back."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_files_honour_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    page = tmp_path / "out" / "fr.html"
    fileio.write_all({page: "<p>Les boulangeries rouvrent</p>", tmp_path / "fr.po": "msgid"})
    assert (page.stat().st_mode & 0o777, (tmp_path / "fr.po").stat().st_mode & 0o777) == (
        mode, mode)


def test_replaced_files_keep_their_mode(tmp_path, umask):
    umask(0o022)
    shared = tmp_path / "hama.txt"  # the editor's article, shared with the desk
    shared.write_text("Bakeries reopen\n", encoding="utf-8")
    shared.chmod(0o664)
    private = tmp_path / "notes.po"
    private.write_text("msgid", encoding="utf-8")
    private.chmod(0o600)
    fileio.write_all({shared: "Bakeries reopen in Hama\n", private: "msgid \"\""})
    assert shared.stat().st_mode & 0o777 == 0o664
    assert private.stat().st_mode & 0o777 == 0o600
    assert shared.read_text(encoding="utf-8") == "Bakeries reopen in Hama\n"


def test_translate_writes_pages_others_can_read(tmp_path, sample, umask):
    umask(0o022)
    result = runner.invoke(app, ["translate", str(sample), "--engine", "pseudo", "--to", "fr",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "out").rglob("*")
             if p.is_file()}
    assert modes == {"fr.fragment.html": 0o644, "fr.html": 0o644, "fr.po": 0o644,
                     "index.html": 0o644, "manifest.json": 0o644, "report.html": 0o644}


def test_outputs_are_stamped_with_source_date_epoch_when_it_is_set(monkeypatch, tmp_path):
    """Two runs of the same article a minute apart write the same folder when
    SOURCE_DATE_EPOCH is set (reproducible-builds.org): manifest, PO dates and run index."""
    article = tmp_path / "convoy.txt"
    article.write_text("Convoy reaches Homs\n\nTrucks crossed at dawn on Monday.\n",
                       encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733097600")  # 2024-12-02 00:00 UTC
    for out in ("a", "b"):
        result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo",
                                     "--to", "fr", "--out", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    manifest = (tmp_path / "a" / "convoy" / "manifest.json").read_text(encoding="utf-8")
    assert '"written": "2024-12-02T00:00:00Z"' in manifest
    assert '"PO-Revision-Date: 2024-12-02 00:00+0000\\n"' in (
        tmp_path / "a" / "convoy" / "fr.po").read_text(encoding="utf-8")
    assert "<td>2024-12-02</td>" in (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
            assert twin.read_bytes() == path.read_bytes(), path


def test_a_source_date_epoch_that_is_no_time_is_one_line(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(LocpipeError, match=r"^SOURCE_DATE_EPOCH='yesterday' is not a time; "
                                           r"give whole seconds since 1970-01-01 UTC"):
        fileio.stamp_time()


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([" ", "\n", "\t", "\u00a0", "\u200b", "\u200f", "\u2066",
                                 "\u00ad", "\ufeff", "a", "ح", "."]), min_size=1, max_size=10))
def test_an_article_of_invisibles_and_spaces_is_refused_whatever_comes_first(tmp_path, chars):
    """The whole-text test for invisible characters runs only when the first character that is
    not a space is invisible: the verdict is the same for any mix."""
    from locpipe.errors import InputError
    from locpipe.fileio import _INVISIBLE, read_text

    text = "".join(chars)
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    empty = not text.lstrip("\ufeff").translate(_INVISIBLE).strip()
    try:
        read_text(path)
        refused = False
    except InputError:
        refused = True
    assert refused == empty
