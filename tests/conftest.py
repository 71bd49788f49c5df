import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "homs-aid-convoy.txt"


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def sample() -> Path:
    return SAMPLE


def pytest_configure(config):
    os.environ.setdefault("LOCPIPE_TESTING", "1")
