"""CI fails a run whose browser or cluster tests were skipped (tests/ci_skips.py); elsewhere a
skip stays a skip and says why (-rs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONFTEST = "from tests.ci_skips import pytest_make_collect_report, pytest_runtest_makereport\n"
TESTS = '''
import pytest

@pytest.mark.browser
def test_page_in_chromium():
    pytest.skip("chromium is not installed")

@pytest.mark.cluster
@pytest.mark.skipif(True, reason="dask is missing")
def test_two_workers():
    pass

@pytest.mark.skipif(True, reason="malloc_trim is glibc's")
def test_glibc_only():
    pass

def test_online_extra():
    pytest.skip("argostranslate not installed")  # an optional extra CI does not install

def test_plain():
    assert True
'''
MODULE_SKIP = 'import pytest\npytest.importorskip("no_such_module_for_locpipe")\n\n' \
              'def test_never():\n    pass\n'


def _pytest(tmp_path: Path, ci: bool, module_skip: bool = False) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_mixed.py").write_text(TESTS, encoding="utf-8")
    if module_skip:
        (tmp_path / "test_module_skip.py").write_text(MODULE_SKIP, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(ROOT)
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           "-W", "ignore::pytest.PytestUnknownMarkWarning", str(tmp_path)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def test_outside_ci_skips_are_skips_with_their_reason(tmp_path):
    proc = _pytest(tmp_path, ci=False)
    assert proc.returncode == 0, proc.stdout
    assert "1 passed, 4 skipped" in proc.stdout
    assert "chromium is not installed" in proc.stdout  # -rs: the reason is printed


def test_in_ci_a_browser_or_cluster_skip_fails_the_run(tmp_path):
    proc = _pytest(tmp_path, ci=True)
    assert proc.returncode == 1, proc.stdout
    # (a skipif skips in setup: its failure is counted as an error)
    assert "1 failed, 1 passed, 2 skipped, 1 error" in proc.stdout
    assert ("browser test skipped in CI (chromium is not installed): CI installs what it "
            "needs, so this skip is a broken install (see .ci/run)") in proc.stdout
    assert "cluster test skipped in CI (dask is missing)" in proc.stdout
    assert "malloc_trim is glibc's" in proc.stdout  # still skips: not browser or cluster
    assert "argostranslate not installed" in proc.stdout


def test_in_ci_a_module_skipped_at_import_fails_the_run(tmp_path):
    proc = _pytest(tmp_path, ci=True, module_skip=True)
    assert proc.returncode != 0, proc.stdout
    assert "test_module_skip.py skipped in CI" in proc.stdout
