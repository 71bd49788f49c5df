"""Each kind of bad input: one line on stderr naming the file and the problem, exit 2, and
nothing written in --out."""

import os
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.engines.pseudo import PseudoEngine

runner = CliRunner()
GOOD = "Truce holds in Homs\nThe ceasefire held for a third day, residents said.\n"


def _translate(tmp_path: Path, *args: str):
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", *args, "--engine", "pseudo", "--out", str(out)])
    return result, out


def _assert_refused(result, out: Path, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message}\n"
    assert not out.exists()


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.txt"
    result, out = _translate(tmp_path, str(path))
    _assert_refused(result, out, f"{path}: file not found; check the path and the file name")


def test_directory_without_articles(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"PK")
    result, out = _translate(tmp_path, str(folder))
    _assert_refused(result, out, f"{folder}: directory has no article files "
                                 "(.htm, .html, .markdown, .md, .text, .txt)")


def test_segment_refuses_a_directory(tmp_path):
    result = runner.invoke(app, ["segment", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path}: is a directory; give an article file "
                             "(.txt, .md or .html)\n")


def test_empty_file(tmp_path):
    path = _file(tmp_path, "empty.txt", b"")
    result, out = _translate(tmp_path, str(path))
    _assert_refused(result, out, f"{path}: is empty; there is nothing to translate")


def test_whitespace_only_file(tmp_path):
    path = _file(tmp_path, "blank.md", b"\xef\xbb\xbf \n\t\r\n  \n")
    result, out = _translate(tmp_path, str(path))
    _assert_refused(result, out,
                    f"{path}: contains only whitespace; there is nothing to translate")


def test_binary_file(tmp_path):
    path = _file(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    result, out = _translate(tmp_path, str(path))
    _assert_refused(result, out, f"{path}: is a binary file, not a text article; give a .txt, "
                                 ".md or .html file")


def test_non_utf8_file_then_encoding_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./glossary: pseudo output compared word for word (Homs, HTS)
    path = _file(tmp_path, "cafe.txt", "Café reopens in Homs\nThe café opened.\n".encode("latin-1"))
    result, out = _translate(tmp_path, str(path))
    _assert_refused(result, out, f"{path}: is not valid utf-8 (byte 0xe9 at line 1); save it as "
                                 "UTF-8 or pass --encoding")
    result, out = _translate(tmp_path, str(path), "--encoding", "latin-1")
    assert result.exit_code == 0, result.output
    headline = PseudoEngine("en", "fr").translate(["Café reopens in Homs"])[0]
    assert f"<h1>{headline}</h1>" in (out / "cafe" / "fr.html").read_text(encoding="utf-8")


def test_unknown_encoding(tmp_path):
    path = _file(tmp_path, "a.txt", GOOD.encode())
    result, out = _translate(tmp_path, str(path), "--encoding", "klingon")
    _assert_refused(result, out, f"{path}: unknown encoding 'klingon'")


def test_unknown_extension(tmp_path):
    path = _file(tmp_path, "story.docx", GOOD.encode())
    result, out = _translate(tmp_path, str(path))
    _assert_refused(result, out, f"{path}: unknown file type '.docx'; use one of .htm, .html, "
                                 ".markdown, .md, .text, .txt")


def test_unknown_target_language(tmp_path):
    path = _file(tmp_path, "a.txt", GOOD.encode())
    result, out = _translate(tmp_path, str(path), "--to", "fr,xq")
    _assert_refused(result, out, "unknown target language 'xq' (not a CLDR language code); "
                    "write language codes separated by commas, e.g. --to fr,ar,es (a region "
                    "goes in --locale, e.g. --locale pt=pt_BR)")


@pytest.mark.parametrize("name, html, message", [
    ("truncated.html", '<h1>Truce holds</h1>\n<p>It held, <a href="https://ex',
     "2: malformed HTML: the file ends inside a tag; it looks truncated, export it again"),
    ("nesting.html", "<h1>Truce holds</h1>\n<p>It <b><i>held</b></i> again.</p>",
     "2: malformed HTML: </b> closes <i> out of order; fix the nesting"),
    ("script.html", "<h1>Truce holds</h1>\n<p>It held.</p>\n<script>var a = 1;",
     "3: malformed HTML: <script> opened on line 3 is never closed; add </script>"),
    ("markup-only.html", "<div><span></span><p> </p></div>",
     " has no text to translate (only markup)"),
])
def test_unrecoverable_html(tmp_path, name, html, message):
    path = _file(tmp_path, name, html.encode())
    result, out = _translate(tmp_path, str(path))
    _assert_refused(result, out, f"{path}:{message}")


def test_recoverable_html_is_accepted(tmp_path):
    # unclosed <p> and inline elements, stray end tags: browsers recover, so do we
    path = _file(tmp_path, "sloppy.html", b"<h1>Truce holds</h1><p>It <b>held<p>Shops</span> "
                                          b"reopened.")
    result, out = _translate(tmp_path, str(path))
    assert result.exit_code == 0, result.output
    fr = (out / "sloppy" / "fr.html").read_text(encoding="utf-8")
    assert re.search(r"<p>[^<]+ <b>[^<]+</b></p>\n?<p>[^<]+</p>", fr)


def test_one_bad_file_among_good_ones_is_reported_and_fails_the_run(tmp_path):
    good = _file(tmp_path, "good.txt", GOOD.encode())
    bad = _file(tmp_path, "bad.txt", b"")
    result, out = _translate(tmp_path, str(good), str(bad))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {bad}: is empty; there is nothing to translate\n"
    assert not (out / "bad").exists()


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin",
                    reason="the file system must accept a name that is not UTF-8")
def test_a_file_name_that_is_not_utf8_fails_its_article_alone(tmp_path):
    # Latin-1 "café" from an old CMS export: the pages and the index name their article
    good = _file(tmp_path, "good.txt", GOOD.encode())
    bad = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9-news.txt"))
    bad.write_bytes(GOOD.encode())
    result, out = _translate(tmp_path, str(good), str(bad), "--to", "fr", "--no-glossary",
                             "--no-memory")
    assert result.exit_code == 2
    shown = str(bad).encode("utf-8", "backslashreplace").decode()  # "caf\\udce9": printable
    assert result.stderr.splitlines() == [
        f"Error: {shown}: has a file name that is not valid UTF-8 (the pages and the index name "
        "their article); rename the file"]
    assert (out / "good" / "fr.html").exists()
