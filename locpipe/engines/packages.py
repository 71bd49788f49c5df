"""Translation models: the Argos packages installed on this machine, and how to manage them.

Packages live where argostranslate keeps them, so models installed with `argospm` or
LibreTranslate are found here and the other way round. The directory follows argostranslate's
own rule (`argostranslate.settings`): `ARGOS_PACKAGES_DIR` from the environment, else from
`$XDG_CONFIG_HOME/argos-translate/settings.json`, else `$XDG_DATA_HOME/argos-translate/packages`
(`~/.local/share/argos-translate/packages`). When argostranslate is installed its settings are
used as they are; otherwise the same rule is applied here, so locpipe works without it.

Installing from a file never trusts the archive: zip, metadata (language codes), CTranslate2
model and SentencePiece model are checked first, then the package is extracted into a hidden
temporary directory inside the packages directory and renamed into place, so a failure leaves
the installed set exactly as it was. Only `install_online` touches the network.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
import time
import urllib.request
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from locpipe.errors import ConfigError, ModelError

PACKAGE_SUFFIX = ".argosmodel"
SOURCE_LANG = "en"
PROBE = "The United Nations said on Monday that 50,000 people had fled the city."
_TMP_PREFIX = ".locpipe-"  # hidden, so neither locpipe nor a listing mistakes it for a package

Progress = Callable[[str, int, int], None]  # (label, bytes done, bytes total or 0)


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


@dataclass(frozen=True)
class VerifyResult:
    package: InstalledPackage
    ok: bool
    output: str  # the probe's translation, or the error
    seconds: float


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


def _read_installed(path: Path) -> InstalledPackage | None:
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
                pkg = _read_installed(path)
                if pkg:
                    found.append(pkg)
    return sorted(found, key=lambda p: (p.pair, _version_key(p.package_version)))


def _version_key(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in version.replace("-", ".").split("."))


def install_command(source: str, target: str) -> str:
    return f"locpipe models install {source}-{target}"


def find_package(source: str, target: str) -> InstalledPackage | None:
    """The newest installed package for source->target, or None."""
    matches = [p for p in installed_packages() if (p.from_code, p.to_code) == (source, target)]
    return matches[-1] if matches else None


def require_package(source: str, target: str) -> InstalledPackage:
    """The package for source->target, or a ModelError saying how to install it."""
    pkg = find_package(source, target)
    if pkg is None:
        raise ModelError(
            f"no Argos model installed for {source}→{target} (looked in "
            f"{', '.join(map(str, package_dirs()))}); install it with "
            f"'{install_command(source, target)}' (offline: "
            f"'locpipe models install --from-file PATH{PACKAGE_SUFFIX}'), "
            "or use --engine pseudo")
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
    return list(dict.fromkeys(pairs))


# --- checking and installing a package file ----------------------------------------------

@dataclass(frozen=True)
class PackageFile:
    """A checked .argosmodel: its metadata and the directory name it installs as."""

    path: Path
    root: str  # the archive's top-level directory ('' when files are at the top)
    dirname: str  # the name it gets in the packages directory
    from_code: str
    to_code: str
    package_version: str


def check_package_file(path: Path, pairs: list[tuple[str, str]] | None = None) -> PackageFile:
    """Check an .argosmodel without extracting it; a ModelError names the file and the fault."""
    if not path.is_file():
        raise ModelError("no such file", path)
    if not zipfile.is_zipfile(path):
        raise ModelError(f"not an Argos package (not a zip archive); download the "
                         f"{PACKAGE_SUFFIX} file again", path)
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n and not n.startswith("__MACOSX/")]
            for name in names:
                pure = PurePosixPath(name)
                if pure.is_absolute() or ".." in pure.parts:
                    raise ModelError(f"unsafe path in archive: {name}", path)
            tops = {PurePosixPath(n).parts[0] for n in names}
            root = ""
            if "metadata.json" not in names:
                if len(tops) != 1:
                    raise ModelError("no metadata.json in the archive; this is not an Argos "
                                     "package", path)
                root = tops.pop()
            prefix = root + "/" if root else ""
            if prefix + "metadata.json" not in names:
                raise ModelError("no metadata.json in the archive; this is not an Argos "
                                 "package", path)
            bad = zf.testzip()
            if bad is not None:
                raise ModelError(f"corrupt archive (bad checksum for {bad}); download the "
                                 "file again", path)
            try:
                meta = json.loads(zf.read(prefix + "metadata.json").decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise ModelError(f"metadata.json is not valid JSON ({exc})", path) from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise ModelError(f"corrupt archive ({exc}); download the file again", path) from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise ModelError("metadata.json has no from_code/to_code", path)
    if meta.get("type", "translate") != "translate":
        raise ModelError(f"package type '{meta.get('type')}' is not a translation model", path)
    from_code, to_code = str(meta["from_code"]), str(meta["to_code"])
    if pairs and (from_code, to_code) not in pairs:
        wanted = ", ".join(f"{a}→{b}" for a, b in pairs)
        raise ModelError(f"package translates {from_code}→{to_code}, not {wanted}", path)
    needed = ["model/model.bin", "model/config.json", "sentencepiece.model"]
    missing = [n for n in needed if prefix + n not in names]
    if missing:
        hint = (" (it uses bpe.model, which locpipe's engine does not support)"
                if prefix + "bpe.model" in names else "")
        raise ModelError(f"incomplete package: missing {', '.join(missing)}{hint}", path)
    version = str(meta.get("package_version", ""))
    dirname = root or f"translate-{from_code}_{to_code}-{version.replace('.', '_') or '0'}"
    return PackageFile(path, root, dirname, from_code, to_code, version)


def _check_extracted(root: Path, source: Path) -> None:
    """Load what was extracted, so a broken model never gets installed."""
    import sentencepiece as spm

    try:
        spm.SentencePieceProcessor(model_file=str(root / "sentencepiece.model"))
    except (RuntimeError, OSError) as exc:
        raise ModelError(f"sentencepiece.model cannot be loaded ({exc})", source) from None
    try:
        json.loads((root / "model" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"model/config.json is not valid ({exc})", source) from None


def _clean_stale(directory: Path) -> None:
    for stale in directory.glob(_TMP_PREFIX + "*"):
        if stale.is_dir() and time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


def _install_checked(pkg_file: PackageFile) -> InstalledPackage:
    directory = packages_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _clean_stale(directory)
    tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX + "new-", dir=directory))
    old = directory / f"{_TMP_PREFIX}old-{tmp.name[len(_TMP_PREFIX) + 4:]}"
    try:
        with zipfile.ZipFile(pkg_file.path) as zf:
            zf.extractall(tmp)
        extracted = tmp / pkg_file.root if pkg_file.root else tmp
        _check_extracted(extracted, pkg_file.path)
        final = directory / pkg_file.dirname
        # packages for the same pair under another name would shadow or duplicate this one
        replaced = [p.path for p in installed_packages()
                    if (p.from_code, p.to_code) == (pkg_file.from_code, pkg_file.to_code)
                    and p.path.parent == directory]
        if final.exists() and final not in replaced:
            replaced.append(final)
        old.mkdir()
        for n, path in enumerate(replaced):
            path.rename(old / str(n))
        try:
            extracted.rename(final)
        except OSError:
            for n, path in enumerate(replaced):
                (old / str(n)).rename(path)
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    result = _read_installed(final)
    assert result is not None
    return result


def package_files(path: Path) -> list[Path]:
    """A .argosmodel file, or every .argosmodel in a directory."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == PACKAGE_SUFFIX)
        if not files:
            raise ModelError(f"no {PACKAGE_SUFFIX} files in this directory", path)
        return files
    return [path]


def install_from_file(path: Path, pairs: list[tuple[str, str]] | None = None
                      ) -> list[InstalledPackage]:
    """Install one .argosmodel or a directory of them, offline.

    Every file is checked before any is installed: one bad file installs nothing. With
    `pairs`, a single file must be for one of them; from a directory, only the files for
    those pairs are installed (and each pair must have one).
    """
    if path.is_dir() and pairs:
        checked = [c for c in (check_package_file(p) for p in package_files(path))
                   if (c.from_code, c.to_code) in pairs]
        missing = [f"{a}→{b}" for a, b in pairs
                   if not any((c.from_code, c.to_code) == (a, b) for c in checked)]
        if missing:
            raise ModelError(f"no {PACKAGE_SUFFIX} file for {', '.join(missing)} here", path)
    else:
        checked = [check_package_file(p, pairs) for p in package_files(path)]
    return [_install_checked(c) for c in checked]


# --- online ------------------------------------------------------------------------------

def _argos_package_module():
    try:
        from argostranslate import package
    except ImportError:
        raise ModelError(
            "online install needs argostranslate, which is not installed; run "
            "\"pip install 'locpipe[argos]'\", or install offline with "
            f"'locpipe models install --from-file PATH{PACKAGE_SUFFIX}'") from None
    return package


def _download(urls: list[str], dest: Path, label: str, on_progress: Progress | None) -> None:
    last: Exception | None = None
    for url in urls:
        try:
            with urllib.request.urlopen(url, timeout=60) as response, open(dest, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0)
                done = 0
                while chunk := response.read(1 << 20):
                    out.write(chunk)
                    done += len(chunk)
                    if on_progress:
                        on_progress(label, done, total)
            return
        except OSError as exc:
            last = exc
    raise ModelError(f"download of the {label} model failed ({last}); check the connection, "
                     f"or install offline with 'locpipe models install --from-file "
                     f"PATH{PACKAGE_SUFFIX}'")


def install_online(pairs: list[tuple[str, str]], on_progress: Progress | None = None
                   ) -> list[InstalledPackage]:
    """Download the packages for `pairs` from the Argos index and install them.

    The index comes through argostranslate.package; the download is done here (with
    progress), and the file then goes through the same checks as `install_from_file`.
    """
    if not pairs:
        raise ConfigError("say which models to install, e.g. 'locpipe models install fr ar'")
    package = _argos_package_module()
    from argostranslate import settings

    index = Path(settings.local_package_index)
    before = index.stat().st_mtime if index.exists() else None
    package.update_package_index()  # logs and returns on failure
    after = index.stat().st_mtime if index.exists() else None
    if after is None or after == before:
        raise ModelError(
            f"cannot reach the Argos package index ({settings.remote_package_index}); "
            f"install offline with 'locpipe models install --from-file PATH{PACKAGE_SUFFIX}'")
    available = package.get_available_packages()
    chosen = []
    for source, target in pairs:
        match = [p for p in available if (p.from_code, p.to_code) == (source, target)]
        if not match:
            raise ModelError(f"the Argos index has no model for {source}→{target}")
        chosen.append(max(match, key=lambda p: _version_key(p.package_version)))
    directory = packages_dir()
    directory.mkdir(parents=True, exist_ok=True)
    installed = []
    for pkg in chosen:
        label = f"{pkg.from_code}→{pkg.to_code} {pkg.package_version}"
        fd, name = tempfile.mkstemp(prefix=_TMP_PREFIX + "dl-", suffix=PACKAGE_SUFFIX,
                                    dir=directory)
        os.close(fd)
        try:
            _download(list(pkg.links), Path(name), label, on_progress)
            checked = check_package_file(Path(name), [(pkg.from_code, pkg.to_code)])
            installed.append(_install_checked(checked))
        finally:
            Path(name).unlink(missing_ok=True)
    return installed


# --- remove and verify -------------------------------------------------------------------

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
        trash = pkg.path.with_name(f"{_TMP_PREFIX}rm-{pkg.path.name}")
        pkg.path.rename(trash)  # atomic for argostranslate's view; then delete
        shutil.rmtree(trash, ignore_errors=True)
    return removed


def verify(pairs: list[tuple[str, str]] | None = None, probe: str = PROBE
           ) -> list[VerifyResult]:
    """Load each installed model (or those for `pairs`) and translate a short probe."""
    from locpipe.engines import EngineOptions
    from locpipe.engines.argos import load_model

    packages = installed_packages()
    if pairs:
        packages = [p for p in packages if (p.from_code, p.to_code) in pairs]
    if not packages:
        raise ModelError("no models installed to verify; install them with "
                         "'locpipe models install fr ar'")
    results = []
    for pkg in packages:
        start = time.perf_counter()
        try:
            output = load_model(pkg, EngineOptions()).translate([probe])[0]
            ok = bool(output.strip())
            if not ok:
                output = "empty translation"
        except Exception as exc:  # a broken model: report it, check the others
            ok, output = False, f"{type(exc).__name__}: {exc}"
        results.append(VerifyResult(pkg, ok, output, time.perf_counter() - start))
    return results
