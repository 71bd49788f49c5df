"""Installing Argos packages: offline from .argosmodel files, online from the Argos index.

Installing from a file never trusts the archive: zip, metadata (language codes), CTranslate2
model and SentencePiece model are checked first, then the package is extracted into a hidden
temporary directory inside the packages directory and renamed into place, so a failure leaves
the installed set exactly as it was. Only `install_online` touches the network.
"""

from __future__ import annotations

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

from locpipe.engines.packages import (
    PACKAGE_SUFFIX,
    TMP_PREFIX,
    InstalledPackage,
    installed_packages,
    packages_dir,
    read_installed,
    version_key,
)
from locpipe.errors import ConfigError, ModelError

Progress = Callable[[str, int, int], None]  # (label, bytes done, bytes total or 0)


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
    for stale in directory.glob(TMP_PREFIX + "*"):
        if stale.is_dir() and time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


def _install_checked(pkg_file: PackageFile) -> InstalledPackage:
    directory = packages_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _clean_stale(directory)
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX + "new-", dir=directory))
    old = directory / f"{TMP_PREFIX}old-{tmp.name[len(TMP_PREFIX) + 4:]}"
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
    result = read_installed(final)
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
        chosen.append(max(match, key=lambda p: version_key(p.package_version)))
    directory = packages_dir()
    directory.mkdir(parents=True, exist_ok=True)
    installed = []
    for pkg in chosen:
        label = f"{pkg.from_code}→{pkg.to_code} {pkg.package_version}"
        fd, name = tempfile.mkstemp(prefix=TMP_PREFIX + "dl-", suffix=PACKAGE_SUFFIX,
                                    dir=directory)
        os.close(fd)
        try:
            _download(list(pkg.links), Path(name), label, on_progress)
            checked = check_package_file(Path(name), [(pkg.from_code, pkg.to_code)])
            installed.append(_install_checked(checked))
        finally:
            Path(name).unlink(missing_ok=True)
    return installed
