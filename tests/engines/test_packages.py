import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.engines import packages as models

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def snapshot(directory: Path) -> dict[str, int]:
    if not directory.exists():
        return {}
    return {str(p.relative_to(directory)): p.stat().st_size
            for p in sorted(directory.rglob("*"))}


# --- where packages live ---------------------------------------------------------------

def test_package_dir_rule_env_then_settings_json_then_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.delenv("SNAP", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert models.argos_rule_package_dirs() == [tmp_path / "data/argos-translate/packages"]
    settings = tmp_path / "config/argos-translate/settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-json")}))
    assert models.argos_rule_package_dirs() == [tmp_path / "from-json"]
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "from-env"))
    assert models.argos_rule_package_dirs() == [tmp_path / "from-env"]


@pytest.mark.skipif(importlib.util.find_spec("argostranslate") is None,
                    reason="argostranslate not installed")
def test_package_dir_rule_matches_argostranslate(tmp_path):
    code = ("import json; from argostranslate import settings; "
            "from locpipe.engines import packages as models; "
            "print(json.dumps([[str(p) for p in settings.package_dirs], "
            "[str(p) for p in models.argos_rule_package_dirs()]]))")
    for env in ({}, {"ARGOS_PACKAGES_DIR": str(tmp_path / "env")}):
        full = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "d"),
                "XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_CACHE_HOME": str(tmp_path / "k"),
                "PATH": "/usr/bin:/bin", **env}
        out = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True,
                             text=True, check=True, cwd=Path(__file__).parents[2]).stdout
        theirs, ours = json.loads(out)
        assert theirs == ours


# --- list and remove ---------------------------------------------------------------------

def test_remove(argos_packages, argos_home):
    invoke("models", "install", "--from-file", str(argos_packages["fr"].parent))
    result = invoke("models", "remove", "fr")
    assert result.exit_code == 0, result.output
    assert "Removed en-fr 1.0" in result.output
    assert [p.pair for p in models.installed_packages()] == ["en-ar"]
    again = invoke("models", "remove", "en-fr")
    assert again.exit_code == 2
    assert again.output.strip() == "Error: no model installed for en→fr (installed: en-ar)"


def test_bad_pair_spelling():
    result = invoke("models", "remove", "en-fr-ar")
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: 'en-fr-ar' is not a language pair; "
                                     "write it as 'fr' or 'en-fr'")


def test_models_commands_have_help():
    for name in ("list", "install", "remove", "verify"):
        result = invoke("models", name, "--help")
        assert result.exit_code == 0
        assert "Usage" in result.output
