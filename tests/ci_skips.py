"""In CI (CI=true), a skipped browser or cluster test is a failure, not a quiet "15 skipped".

CI installs what those tests need (.ci/run: Debian's chromium and gettext, locpipe[cluster]),
so a skip there means a broken install, and a green run would hide that the pages were never
rendered or the cluster never started. Imported by tests/conftest.py (pytest finds the hooks
by name there). Elsewhere skips stay skips, and `-rs` prints each one's reason.
"""

from __future__ import annotations

import os

import pytest

MUST_RUN = ("browser", "cluster")  # markers whose tests CI must run


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _reason(longrepr: object) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (in_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    markers = [m for m in MUST_RUN if item.get_closest_marker(m) is not None]
    if markers:
        report.outcome = "failed"
        report.longrepr = (f"{markers[0]} test skipped in CI ({_reason(report.longrepr)}): CI "
                           "installs what it needs, so this skip is a broken install (see "
                           ".ci/run)")


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """A whole module skipped at import (`pytest.importorskip("distributed")`) in CI."""
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped:
        report.outcome = "failed"
        report.longrepr = (f"{collector.nodeid} skipped in CI ({_reason(report.longrepr)}): CI "
                           "installs what it needs, so this skip is a broken install "
                           "(see .ci/run)")
