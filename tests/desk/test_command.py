"""`locpipe review`: prints its URL, serves, stops cleanly on Ctrl-C; --host requires a token."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from locpipe.desk.app import listen, prepare

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_serves_and_stops_cleanly_on_ctrl_c(desk_out):
    sock = listen("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()
    proc = subprocess.Popen([sys.executable, "-m", "locpipe", "review", str(desk_out.out),
                             "--port", str(port), "--memory", str(desk_out.memory)],
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert r.status == 200 and b"Tabqa dam" in r.read()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert out == (f"locpipe review: http://127.0.0.1:{port}/ (Ctrl-C to stop)\n"
                   "locpipe review: stopped\n")
    assert err == ""


def test_host_needs_a_token(tmp_path):
    desk, url = prepare(tmp_path, 8800, "0.0.0.0", None, None)
    assert desk.token and url == f"http://0.0.0.0:8800/?token={desk.token}"
    assert desk.hosts is None
    local, url = prepare(tmp_path, 8800, None, None, None)
    assert local.token is None and url == "http://127.0.0.1:8800/"
    assert local.hosts == {"127.0.0.1:8800", "localhost:8800", "[::1]:8800"}
    assert desk.csrf != local.csrf and len(desk.csrf) >= 40


def test_review_has_help():
    from typer.testing import CliRunner

    from locpipe.cli import app

    result = CliRunner().invoke(app, ["review", "--help"])
    assert result.exit_code == 0
    assert "Review desk in the browser" in result.output and "--port" in result.output
