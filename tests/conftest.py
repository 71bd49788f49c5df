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


@pytest.fixture(scope="session")
def argos_packages(tmp_path_factory) -> dict[str, Path]:
    """Tiny Argos-format packages (random weights) for en→fr and en→ar, built once per run."""
    from locpipe.testing.argos_package import PackageSpec, build_package, train_sentencepiece

    out = tmp_path_factory.mktemp("argos-packages")
    sp_model = train_sentencepiece(PackageSpec().vocab_size)
    return {lang: build_package(out, PackageSpec(to_code=lang, seed=n), sp_model)
            for n, lang in enumerate(("fr", "ar"))}


@pytest.fixture
def argos_home(tmp_path, monkeypatch) -> Path:
    """An empty argostranslate package directory for this test (nothing under ~ is touched)."""
    home = tmp_path / "argos-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    packages = home / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    return packages


# In CI a browser or cluster test that skips fails the run (tests/ci_skips.py).
from tests.ci_skips import pytest_make_collect_report, pytest_runtest_makereport  # noqa: E402,F401


@pytest.fixture(autouse=True, scope="session")
def _desk_folders_for_wider_fixtures(tmp_path_factory):
    """The same as `_desk_folders` below for module- and session-scoped fixtures (set up
    before any function-scoped one)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LOCPIPE_NO_GLOSSARY", "1")
        mp.setenv("LOCPIPE_MEMORY", str(tmp_path_factory.mktemp("session-memory")))
        yield


@pytest.fixture(autouse=True)
def _desk_folders(monkeypatch, tmp_path_factory):
    """What a test's `translate` uses unless its command line says otherwise: no glossary
    (LOCPIPE_NO_GLOSSARY; --glossary wins) and its own empty translation memory
    (LOCPIPE_MEMORY; --memory wins). Nothing above the checkout or the working directory
    leaks in, and the repo's glossary/ is used only where a test asks for it. Tests of the
    discovery itself unset both."""
    monkeypatch.setenv("LOCPIPE_NO_GLOSSARY", "1")
    monkeypatch.setenv("LOCPIPE_MEMORY", str(tmp_path_factory.mktemp("memory")))
    for name in ("LOCPIPE_GLOSSARY", "LOCPIPE_NO_MEMORY"):
        monkeypatch.delenv(name, raising=False)
