"""The progress display of `translate` in a real terminal (a pty read back through the pyte
terminal emulator) at 40, 60, 80 and 120 columns: laid out by priority, articles n/N and the
time left first, the segment total known from the start; the summary wraps between words."""

from __future__ import annotations

import os
import re
import select
import struct
import subprocess
import sys
import textwrap
import time
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from locpipe.cli import SEPARATOR, _status_line
from tests.conftest import ROOT

pyte = pytest.importorskip("pyte", reason="pyte is not installed (pip install -e '.[dev]')")

SLOW_RUN = textwrap.dedent("""
    import sys, time
    import locpipe.engines
    from locpipe.engines.pseudo import PseudoEngine

    class Slow(PseudoEngine):
        name = "slow"
        def translate(self, texts):
            time.sleep(0.35)
            return super().translate(texts)

    locpipe.engines.ENGINES["slow"] = "__main__:Slow"
    sys.argv = ["locpipe", "translate", *sys.argv[1:]]
    from locpipe.cli import main
    main()
""")

PLACES = ["Jableh", "Baniyas", "Safita", "Masyaf", "Salamiyah", "Qardaha"]


def _articles(folder):
    folder.mkdir()
    for n, place in enumerate(PLACES):
        (folder / f"{place.lower()}.txt").write_text(
            f"Power returns to {place}\n\n"
            f"Electricity came back to {place} on Monday after {n + 3} days, the grid "
            "operator said.\n\n"
            f"Engineers replaced {n + 2} transformers damaged by the storm.\n", encoding="utf-8")


def _run_in_pty(tmp_path, columns: int, rows: int = 30
                ) -> tuple[list[list[str]], list[str], str]:
    """Run a slow translate in a pty of `columns`; the screen as seen after each read, the
    final screen, and what the program wrote (escape sequences removed)."""
    import fcntl
    import termios

    _articles(tmp_path / "wires")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(PYTHONPATH=str(ROOT), TERM="xterm-256color", LOCPIPE_NO_GLOSSARY="1",
               LOCPIPE_NO_MEMORY="1")
    env.pop("LOCPIPE_MEMORY", None)
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, "wires", "--engine", "slow",
                             "--to", "fr,ar", "--out", "out", "--shard-size", "12"],
                            cwd=tmp_path, env=env, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    seen: list[list[str]] = []
    raw = b""
    fresh = False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if not select.select([master], [], [], 0.05)[0]:
            if fresh:  # the program paused: a whole frame is on the screen
                seen.append(list(screen.display))
                fresh = False
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the pty
            break
        if not chunk:
            break
        stream.feed(chunk)
        raw += chunk
        fresh = True
    proc.wait(timeout=30)
    os.close(master)
    assert proc.returncode == 0, "\n".join(screen.display)
    written = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r", "",
                     raw.decode("utf-8", "replace"))
    return seen, list(screen.display), written


STATUS = re.compile(r"^(\d+)/6( articles)?( · |$)")


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
def test_the_status_line_fits_and_says_the_most_important_first(tmp_path, columns):
    seen, final, written = _run_in_pty(tmp_path, columns)
    status = [row.rstrip() for screen in seen for row in screen if STATUS.match(row)]
    assert status, "no status line was shown"
    for line in status:
        assert cell_len(line) < columns
        parts = line.split(SEPARATOR)
        assert re.fullmatch(r"\d+/6 articles", parts[0])  # first, whole, at every width
        assert re.fullmatch(r"(about )?(\d+:\d\d left|estimating time left|ETA …)", parts[1])
    if columns >= 60:
        assert any(re.search(r" · (fr|ar): ", line) for line in status)  # language and stage
    if columns >= 120:
        totals = {m.group(1) for line in status
                  for m in [re.search(r"[\d,]+/([\d,]+) segments", line)] if m}
        assert totals == {"36"}  # 6 articles x 3 segments x 2 languages, from the start
    # the summary: locpipe breaks its lines between words, so the terminal never has to
    # (a line the terminal wraps itself is cut wherever the column ends, mid-word)
    summary = written[written.rindex("Articles — "):].split("\n")
    assert len(summary) > 6
    for line in summary:
        assert cell_len(line) <= columns, line
    words = " ".join(summary).split()
    assert "Articles — 6 written, 0 up to date (skipped); see out/index.html" in " ".join(words)
    assert any(row.startswith("Findings — fr: ") for row in final)
    assert not any(STATUS.match(row) for row in final)  # the status line is gone


def _display(**state):
    base = dict(done={"written": 0, "skipped": 0, "failed": 0, "translated": 0, "total": 0},
                articles=0, planned=0, dropped=0, lang="", stage="finding articles",
                article="", where="", start=time.monotonic())
    base.update(state)
    d = SimpleNamespace(**base)
    d._finished = lambda: d.done["written"] + d.done["skipped"] + d.done["failed"]
    d.segments = lambda: (d.done["translated"], max(d.planned - d.dropped,
                                                     d.done["translated"]))
    d.eta = lambda: 75.0 if d.done["translated"] else None
    return d


@settings(max_examples=200, deadline=None, derandomize=True)
@given(width=st.integers(1, 200), written=st.integers(0, 3000),
       articles=st.integers(1, 3000), translated=st.integers(0, 10**6),
       stage=st.sampled_from(["translating", "QA checks", "writing",
                              "restoring glossary terms (n-best re-ranking, retries)"]),
       article=st.text(alphabet="abcصلاح-. ", max_size=40))
def test_status_line_never_exceeds_the_width_nor_cuts_a_part(width, written, articles,
                                                              translated, stage, article):
    d = _display(done={"written": min(written, articles), "skipped": 0, "failed": 0,
                       "translated": translated, "total": 0},
                 articles=articles, planned=translated * 2, lang="ar", stage=stage,
                 article=article)
    line = _status_line(d, width)
    assert cell_len(line) <= max(width - 1, 0)
    full = _status_line(d, 10_000).split(SEPARATOR)
    longs_and_shorts = set(full)
    n = d._finished()
    longs_and_shorts |= {f"{n}/{articles}", "1:15 left", "ETA …", "ar",
                         f"{translated:,}/{translated * 2:,}"}
    for part in line.split(SEPARATOR) if line else []:
        assert part in longs_and_shorts or re.fullmatch(r"\d+:\d\d( elapsed)?", part)
    if width > len(f"{n}/{articles}") + 1:
        assert line.startswith(f"{n}/{articles}")
