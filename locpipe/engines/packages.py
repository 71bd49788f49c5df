"""Translation models: the Argos packages installed on this machine, and how to manage them.

Packages live where argostranslate keeps them, so models installed with `argospm` or
LibreTranslate are found here and the other way round. The directory follows argostranslate's
own rule (`argostranslate.settings`): `ARGOS_PACKAGES_DIR` from the environment, else from
`$XDG_CONFIG_HOME/argos-translate/settings.json`, else `$XDG_DATA_HOME/argos-translate/packages`
(`~/.local/share/argos-translate/packages`). When argostranslate is installed its settings are
used as they are; otherwise the same rule is applied here, so locpipe works without it.

This module only reads and removes what is installed; it never loads a model, so the engine
(`argos`) can import it. Installing lives in `install`, checking a model in `verify`: both load
models through the engine, so they sit above it and nothing points back down.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from locpipe.engines import is_language_code
from locpipe.errors import ConfigError, ModelError

PACKAGE_SUFFIX = ".argosmodel"
SOURCE_LANG = "en"
TMP_PREFIX = ".locpipe-"  # hidden, so neither locpipe nor a listing mistakes it for a package


@dataclass(frozen=True)
class InstalledPackage:
    """One installed Argos package (a directory with metadata.json and model/)."""

    path: Path
    from_code: str
    to_code: str
    package_version: str
    argos_version: str
    size: int  # bytes on disk

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"


# --- where packages live ---------------------------------------------------------------

def package_dirs() -> list[Path]:
    """Every directory argostranslate searches for packages; the first is where installs go."""
    if importlib.util.find_spec("argostranslate") is not None:
        from argostranslate import settings  # light: no stanza, no torch

        return [Path(p) for p in settings.package_dirs]
    return argos_rule_package_dirs()


def argos_rule_package_dirs() -> list[Path]:
    """argostranslate.settings' rule for its package directories, without argostranslate."""
    home = Path.home()
    if "SNAP" in os.environ:
        home = Path(os.environ["SNAP_USER_DATA"])
    data_dir = Path(os.getenv("XDG_DATA_HOME", default=home / ".local" / "share")) \
        / "argos-translate"
    config_dir = Path(os.getenv("XDG_CONFIG_HOME", default=home / ".config")) / "argos-translate"
    value = os.getenv("ARGOS_PACKAGES_DIR")
    if value is None:
        try:
            stored = json.loads((config_dir / "settings.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        value = stored.get("ARGOS_PACKAGES_DIR") if isinstance(stored, dict) else None
    dirs = [Path(value) if value is not None else data_dir / "packages"]
    if "SNAP" in os.environ:
        snap = Path(os.environ["SNAP"]) / "snap_custom"
        if (snap / "packages").is_dir():
            dirs.append(snap / "packages")
        if (snap / "content_snap_packages").is_dir():
            dirs.extend(p for p in (snap / "content_snap_packages").iterdir() if p.is_dir())
    return dirs


def packages_dir() -> Path:
    """Where `install` puts packages."""
    return package_dirs()[0]


# --- listing -----------------------------------------------------------------------------

def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def read_installed(path: Path) -> InstalledPackage | None:
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("type", "translate") != "translate":
        return None
    if not meta.get("from_code") or not meta.get("to_code"):
        return None
    return InstalledPackage(path, str(meta["from_code"]), str(meta["to_code"]),
                            str(meta.get("package_version", "")),
                            str(meta.get("argos_version", "")), _dir_size(path))


def installed_packages() -> list[InstalledPackage]:
    """Installed translation packages, sorted by pair then version."""
    found: list[InstalledPackage] = []
    for directory in package_dirs():
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.is_dir() and not path.name.startswith("."):
                pkg = read_installed(path)
                if pkg:
                    found.append(pkg)
    return sorted(found, key=lambda p: (p.pair, version_key(p.package_version)))


def version_key(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in version.replace("-", ".").split("."))


def install_command(source: str, target: str) -> str:
    """The command that installs source->target ("locpipe models install es" from English)."""
    return f"locpipe models install {target if source == SOURCE_LANG else f'{source}-{target}'}"


def installed_pairs() -> list[tuple[str, str]]:
    """Every (source, target) pair an installed package translates, sorted."""
    return sorted({(p.from_code, p.to_code) for p in installed_packages()})


def find_package(source: str, target: str) -> InstalledPackage | None:
    """The newest installed package for source->target, or None."""
    matches = [p for p in installed_packages() if (p.from_code, p.to_code) == (source, target)]
    return matches[-1] if matches else None


def missing_model_message(source: str, target: str) -> str:
    """What to say when no package translates source->target: what is installed, what to do."""
    have = (", ".join(f"{a}→{b}" for a, b in installed_pairs())
            or f"none in {', '.join(map(str, package_dirs()))}")
    return (f"no installed Argos model for {source}→{target}; installed: {have}; install one "
            f"with '{install_command(source, target)}' or use --engine pseudo")


def require_package(source: str, target: str) -> InstalledPackage:
    """The package for source->target, or a ModelError saying how to install it."""
    pkg = find_package(source, target)
    if pkg is None:
        raise ModelError(missing_model_message(source, target))
    return pkg


def parse_pairs(specs: list[str]) -> list[tuple[str, str]]:
    """'fr', 'en-fr' or 'en_fr' -> ('en', 'fr')."""
    pairs: list[tuple[str, str]] = []
    for spec in specs:
        parts = spec.strip().lower().replace("_", "-").split("-")
        if len(parts) == 1 and parts[0]:
            pairs.append((SOURCE_LANG, parts[0]))
        elif len(parts) == 2 and all(parts):
            pairs.append((parts[0], parts[1]))
        else:
            raise ConfigError(f"'{spec}' is not a language pair; write it as 'fr' or 'en-fr'")
        bad = [code for code in pairs[-1] if not is_language_code(code)]
        if bad:
            raise ConfigError(f"'{bad[0]}' in '{spec}' is not a language code CLDR knows; write "
                              f"a pair as 'fr' or 'en-fr', or give the path of a "
                              f"{PACKAGE_SUFFIX} file")
    return list(dict.fromkeys(pairs))


# --- remove ------------------------------------------------------------------------------

def remove(pairs: list[tuple[str, str]]) -> list[InstalledPackage]:
    """Remove the installed packages for `pairs` (all versions)."""
    if not pairs:
        raise ConfigError("say which models to remove, e.g. 'locpipe models remove en-fr'")
    installed = installed_packages()
    removed = []
    for source, target in pairs:
        match = [p for p in installed if (p.from_code, p.to_code) == (source, target)]
        if not match:
            have = ", ".join(p.pair for p in installed) or "none"
            raise ModelError(f"no model installed for {source}→{target} (installed: {have})")
        removed.extend(match)
    for pkg in removed:
        trash = pkg.path.with_name(f"{TMP_PREFIX}rm-{pkg.path.name}")
        pkg.path.rename(trash)  # atomic for argostranslate's view; then delete
        shutil.rmtree(trash, ignore_errors=True)
    return removed
