"""Run pages in a real headless Chromium (Debian's `chromium`) for layout assertions.

`evaluate` injects a script into a copy of the page that stores a JSON result in the DOM, then
reads it back with --dump-dom: no driver or extra package needed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--virtual-time-budget=3000"]

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                    "(apt-get install chromium; .ci/run does it)")


def _run(args: list[str], timeout: int = 90) -> str:
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"chromium failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return proc.stdout


def screenshot(page: Path, png: Path, width: int = 1000, height: int = 1400) -> Path:
    """Save a screenshot of `page` for humans to look at."""
    _run([f"--window-size={width},{height}", f"--screenshot={png}", page.resolve().as_uri()])
    return png


def evaluate(page: Path, expression: str, width: int = 1000, height: int = 1400):
    """Evaluate a JS expression in the rendered page (after layout) and return its JSON value."""
    source = page.read_text(encoding="utf-8")
    script = ("<script>window.addEventListener('load', () => { const r = (() => ("
              + expression + "))(); const pre = document.createElement('pre');"
              " pre.id = '__locpipe_result'; pre.textContent = JSON.stringify(r);"
              " document.documentElement.appendChild(pre); });</script>")
    probe = page.with_name(f".probe-{page.name}")
    probe.write_text(source.replace("</body>", script + "</body>"), encoding="utf-8")
    try:
        dom = _run([f"--window-size={width},{height}", "--dump-dom", probe.resolve().as_uri()])
    finally:
        probe.unlink(missing_ok=True)
    m = re.search(r'<pre id="__locpipe_result">(.*?)</pre>', dom, re.S)
    if not m:
        raise RuntimeError("the probe script did not run; DOM was:\n" + dom[-2000:])
    import html

    return json.loads(html.unescape(m.group(1)))
