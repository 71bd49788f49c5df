"""Issue 19 §3 (bidi controls where titles and file names are shown) and §5 (invisible-only
articles, SIGTERM, interrupted cluster runs, NFC identities, stale locks)."""

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from tests.integration.test_interrupt import SLOW_RUN
from tests.po_workflow import entries, review

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
STORY = ("Bakeries reopen in Aleppo\n"
         "Flour deliveries resumed on Monday after 13 days, the city council said.\n")


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _translate(*args: str):
    return runner.invoke(app, ["translate", *args, "--engine", "pseudo", "--to", "fr",
                               "--out", "out", "--memory", "tm"])


def test_bidi_overrides_are_shown_not_obeyed_in_index_and_titles(desk):
    name = "invoice\u202etxt.exe.txt"
    (desk / name).write_text("Aid \u202ereaches\u202c Homs \u2067convoy\n"
                             "Trucks crossed on Friday, the UN said.\n", encoding="utf-8")
    result = _translate(name)
    assert result.exit_code == 0, result.output
    index = (desk / "out" / "index.html").read_text(encoding="utf-8")
    assert "invoice[U+202E]txt.exe.txt" in index
    assert "Aid [U+202E]reaches[U+202C] Homs convoy" in index
    folder = next(p for p in (desk / "out").iterdir() if p.is_dir())
    landing = (folder / "index.html").read_text(encoding="utf-8")
    page = (folder / "fr.html").read_text(encoding="utf-8")
    title = page[page.index("<title>"):page.index("</title>")]
    for text in (index, landing, title):
        assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
                                          "\u2069")
    assert "<title>Aid [U+202E]reaches[U+202C] Homs convoy</title>" in landing


def test_article_of_only_invisible_characters_is_empty(desk):
    (desk / "blank.txt").write_text("\u3000\u2028\u200b\n\u200b\u3000\n", encoding="utf-8")
    result = _translate("blank.txt")
    assert result.exit_code == 2
    assert result.stderr == ("Error: blank.txt: contains only whitespace and invisible "
                             "characters (zero-width or bidi controls); there is nothing to "
                             "translate\n")
    assert not (desk / "out").exists()


def test_nfd_rename_keeps_the_folder_and_the_reviews(desk):
    nfc = unicodedata.normalize("NFC", "café-talks.txt")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    (desk / nfc).write_text(STORY, encoding="utf-8")
    assert _translate(nfc).exit_code == 0
    po = desk / "out" / "cafe-talks" / "fr.po"
    review(po, {"cafe-talks:1.1": "Les boulangeries rouvrent à Alep"})
    os.rename(desk / nfc, desk / nfd)
    result = _translate(nfd)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (desk / "out").iterdir()) == ["cafe-talks", "index.html"]
    manifest = json.loads((desk / "out" / "cafe-talks" / "manifest.json").read_text("utf-8"))
    assert manifest["identity"] == nfc
    assert manifest["source"] == f"../../{nfd}"
    assert entries(po)["cafe-talks:1.1"].msgstr == "Les boulangeries rouvrent à Alep"


def test_two_spellings_of_one_name_side_by_side_stay_two_articles(desk):
    nfc = unicodedata.normalize("NFC", "café.txt")
    nfd = unicodedata.normalize("NFD", nfc)
    (desk / nfc).write_text(STORY, encoding="utf-8")
    assert _translate(nfc).exit_code == 0
    (desk / nfd).write_text(STORY.replace("Aleppo", "Homs"), encoding="utf-8")
    assert _translate(nfd, nfc).exit_code == 0
    folders = sorted(p.name for p in (desk / "out").iterdir() if p.is_dir())
    assert len(folders) == 2
    first = json.loads((desk / "out" / "cafe" / "manifest.json").read_text("utf-8"))
    assert first["source"] == f"../../{nfc}"  # the first article kept its folder


def test_folder_holding_only_a_stale_lock_is_tidied(desk):
    (desk / "out" / "ghost").mkdir(parents=True)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout  # a killed run's
    (desk / "out" / "ghost" / ".locpipe.lock").write_text(gone)
    (desk / "out" / "ghost" / ".fr.html.x1.tmp").write_text("<p>half")
    (desk / "out" / "busy").mkdir()
    held = os.open(desk / "out" / "busy" / ".locpipe.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # another run is writing it
    try:
        (desk / "a.txt").write_text(STORY, encoding="utf-8")
        assert _translate("a.txt").exit_code == 0
    finally:
        os.close(held)
    assert sorted(p.name for p in (desk / "out").iterdir()) == ["a", "busy", "index.html"]


def test_real_sigterm_says_what_was_finished(desk):
    names = []
    for n, town in enumerate(("Idlib", "Daraa", "Tartus")):
        (desk / f"s{n}.txt").write_text(STORY.replace("Aleppo", town), encoding="utf-8")
        names.append(str(desk / f"s{n}.txt"))
    marker = desk / "started"
    out = desk / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(marker), *names,
                             "--engine", "slow", "--to", "fr", "--out", str(out)],
                            cwd=desk, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), proc.communicate()
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 143
    assert stderr == (f"Terminated while translating (0 of 6 segments): none of the 3 "
                      f"article(s) was written to {out}; nothing partial was left. Run the same "
                      "command again to finish.\n")


class _FakeCluster:
    """FAKE executor: the first shard runs (its articles written, as a worker writes them);
    Ctrl-C comes while the client waits for its result."""

    workers = 2

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __call__(self, fn, shards, settings, incremental):
        fn(shards[0], settings, incremental=incremental)
        raise KeyboardInterrupt
        yield  # pragma: no cover - a generator like the real executor


def test_ctrl_c_on_a_cluster_run_counts_what_the_workers_wrote(desk, monkeypatch):
    from locpipe import cluster

    monkeypatch.setattr(cluster, "connect", lambda workers, scheduler: _FakeCluster())
    for n, town in enumerate(("Idlib", "Daraa", "Tartus")):
        (desk / f"s{n}.txt").write_text(STORY.replace("Aleppo", town), encoding="utf-8")
    result = runner.invoke(app, ["translate", "s0.txt", "s1.txt", "s2.txt", "--engine",
                                 "pseudo", "--to", "fr", "--out", "out", "--workers", "2",
                                 "--shard-size", "1"])
    assert result.exit_code == 130
    written = [p for p in (desk / "out").iterdir() if (p / "manifest.json").exists()]
    assert len(written) == 1
    assert result.stderr == ("Interrupted: 1 of 3 article(s) written to out; the other 2 were "
                             "not; no file was left half-written. Run the same command again "
                             "to finish.\n")
