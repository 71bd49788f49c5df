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


def _review_from_elsewhere(desk_out, monkeypatch, tmp_path_factory, *args: str):
    """`locpipe review OUT` run from an unrelated folder, the server replaced by a recorder."""
    from typer.testing import CliRunner

    from locpipe.cli import app
    from locpipe.desk import app as desk_app

    seen = {}
    monkeypatch.setattr(desk_app, "serve", lambda desk, host, port: seen.update(desk=desk))
    for name in ("LOCPIPE_MEMORY", "LOCPIPE_NO_GLOSSARY", "LOCPIPE_GLOSSARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    result = CliRunner().invoke(app, ["review", str(desk_out.out), *args])
    return result, seen.get("desk")


def test_the_desk_finds_the_glossary_and_memory_translate_used(desk_out, monkeypatch,
                                                               tmp_path_factory):
    desk_out.memory.mkdir(exist_ok=True)
    result, desk = _review_from_elsewhere(desk_out, monkeypatch, tmp_path_factory)
    assert result.exit_code == 0, result.output
    assert desk.memory_dir == desk_out.memory
    assert desk.glossary_dirs == [desk_out.root / "glossary"]


def test_the_desk_without_a_glossary_says_how_to_point_at_one(desk_out, monkeypatch,
                                                              tmp_path_factory):
    desk_out.memory.mkdir(exist_ok=True)
    for f in (desk_out.root / "glossary").iterdir():
        f.unlink()
    (desk_out.root / "glossary").rmdir()
    result, desk = _review_from_elsewhere(desk_out, monkeypatch, tmp_path_factory)
    assert result.exit_code == 2 and desk is None
    assert "no glossary found" in result.output and "--no-glossary to review" in result.output
