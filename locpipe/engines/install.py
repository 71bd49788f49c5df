"""Installing Argos packages: offline from .argosmodel files, online from the Argos index.

Installing from a file never trusts the archive: zip, metadata (language codes), CTranslate2
model and SentencePiece model are checked first, then the package is extracted into a hidden
temporary directory inside the packages directory and renamed into place, so a failure leaves
the installed set exactly as it was. Only `install_online` touches the network.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import time
import urllib.request
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from locpipe.engines import is_language_code
from locpipe.engines.argos import forget
from locpipe.engines.packages import (
    PACKAGE_SUFFIX,
    TMP_PREFIX,
    InstalledPackage,
    find_package,
    installed_packages,
    packages_dir,
    parse_pairs,
    read_installed,
    version_key,
)
from locpipe.engines.verify import probe_fault
from locpipe.errors import ConfigError, ModelError

Progress = Callable[[str, int, int], None]  # (label, bytes done, bytes total or 0)


# --- checking and installing a package file ----------------------------------------------

MAX_UNPACKED = 4 * 1024**3  # bytes a package may unpack to (real Argos packages: < 1 GB)
MAX_RATIO = 100.0  # how much larger than stored a member may unpack (model weights: ~1.1×)
_RATIO_FLOOR = 1 << 20  # members smaller than this are not ratio-checked (text compresses well)
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,127}")  # a directory name we create
_SAFE_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,31}")


@dataclass(frozen=True)
class Limits:
    """What an archive may unpack to, checked before anything is extracted (zip bombs)."""

    max_bytes: int = MAX_UNPACKED
    max_ratio: float = MAX_RATIO


@dataclass(frozen=True)
class PackageFile:
    """A checked .argosmodel: its metadata and the directory name it installs as."""

    path: Path
    root: str  # the archive's top-level directory ('' when files are at the top)
    dirname: str  # the name it gets in the packages directory
    from_code: str
    to_code: str
    package_version: str
    limits: Limits = Limits()


def _mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} kB"


def _check_members(zf: zipfile.ZipFile, path: Path, limits: Limits) -> list[zipfile.ZipInfo]:
    """Every member's name stays inside the package, none is a link, and the whole archive
    unpacks to a bounded size at a plausible ratio — decided from the zip's directory alone."""
    members = [i for i in zf.infolist() if i.filename and not i.filename.startswith("__MACOSX/")]
    for info in members:
        pure = PurePosixPath(info.filename)
        if pure.is_absolute() or ".." in pure.parts or "\\" in info.filename \
                or any(ord(c) < 32 for c in info.filename):
            raise ModelError(f"unsafe path in archive: {info.filename!r}; this is not an Argos "
                             "package", path)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ModelError(f"symbolic link in archive: {info.filename!r}; this is not an "
                             "Argos package", path)
    total = sum(i.file_size for i in members)
    if total > limits.max_bytes:
        raise ModelError(f"archive would unpack to {_mb(total)}, more than the "
                         f"{_mb(limits.max_bytes)} a package may take; nothing was extracted",
                         path)
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= _RATIO_FLOOR and ratio > limits.max_ratio:
            raise ModelError(f"{info.filename} would unpack {ratio:,.0f} times larger than "
                             f"stored (at most {limits.max_ratio:g}×): a zip bomb, not an Argos "
                             "package; nothing was extracted", path)
    return members


def _code(meta: dict, key: str, path: Path) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not is_language_code(value):
        raise ModelError(f"metadata.json has an invalid {key} {value!r}; it must be a language "
                         "code CLDR knows, such as 'en' or 'fr'", path)
    return value


def check_package_file(path: Path, pairs: list[tuple[str, str]] | None = None,
                       limits: Limits | None = None) -> PackageFile:
    """Check an .argosmodel without extracting it; a ModelError names the file and the fault."""
    limits = limits or Limits()
    if not path.is_file():
        raise ModelError("no such file", path)
    if not zipfile.is_zipfile(path):
        raise ModelError(f"not an Argos package (not a zip archive); download the "
                         f"{PACKAGE_SUFFIX} file again", path)
    try:
        with zipfile.ZipFile(path) as zf:
            names = [i.filename for i in _check_members(zf, path, limits)]
            tops = {PurePosixPath(n).parts[0] for n in names}
            root = ""
            if "metadata.json" not in names:
                if len(tops) != 1:
                    raise ModelError("no metadata.json in the archive; this is not an Argos "
                                     "package", path)
                root = tops.pop()
                if not _SAFE_NAME.fullmatch(root):
                    raise ModelError(f"unsafe directory name in archive: {root!r}; this is "
                                     "not an Argos package", path)
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
    from_code, to_code = _code(meta, "from_code", path), _code(meta, "to_code", path)
    version = meta.get("package_version", "")
    if version != "" and not (isinstance(version, str) and _SAFE_VERSION.fullmatch(version)):
        raise ModelError(f"metadata.json has an invalid package_version {version!r}; write it "
                         "as digits and dots, such as '1.9'", path)
    if pairs and (from_code, to_code) not in pairs:
        wanted = ", ".join(f"{a}→{b}" for a, b in pairs)
        raise ModelError(f"package translates {from_code}→{to_code}, not {wanted}", path)
    needed = ["model/model.bin", "model/config.json", "sentencepiece.model"]
    missing = [n for n in needed if prefix + n not in names]
    if missing:
        hint = (" (it uses bpe.model, which locpipe's engine does not support)"
                if prefix + "bpe.model" in names else "")
        raise ModelError(f"incomplete package: missing {', '.join(missing)}{hint}", path)
    dirname = root or f"translate-{from_code}_{to_code}-{version.replace('.', '_') or '0'}"
    return PackageFile(path, root, dirname, from_code, to_code, version, limits)


def _extract(pkg_file: PackageFile, dest: Path) -> None:
    """Unpack member by member, each path resolved inside `dest`, never more bytes than the
    zip's directory declared (a lying header cannot make it write more)."""
    base = dest.resolve()
    budget = pkg_file.limits.max_bytes
    with zipfile.ZipFile(pkg_file.path) as zf:
        for info in _check_members(zf, pkg_file.path, pkg_file.limits):
            target = (base / info.filename).resolve()
            if not target.is_relative_to(base):
                raise ModelError(f"unsafe path in archive: {info.filename!r}; this is not an "
                                 "Argos package", pkg_file.path)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "xb") as out:
                while chunk := src.read(1 << 20):
                    budget -= len(chunk)
                    if budget < 0:
                        raise ModelError("archive unpacks to more than its directory says; "
                                         "this is not an Argos package", pkg_file.path)
                    out.write(chunk)


def _check_extracted(root: Path, pkg_file: PackageFile) -> None:
    """Load what was extracted and translate a probe with it, in its temporary directory, so
    a broken model never replaces a working one."""
    import sentencepiece as spm

    source = pkg_file.path
    if any(p.is_symlink() for p in root.rglob("*")):
        raise ModelError("symbolic link in archive; this is not an Argos package", source)
    try:
        spm.SentencePieceProcessor(model_file=str(root / "sentencepiece.model"))
    except (RuntimeError, OSError) as exc:
        raise ModelError(f"sentencepiece.model cannot be loaded ({exc})", source) from None
    try:
        json.loads((root / "model" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"model/config.json is not valid ({exc})", source) from None
    candidate = read_installed(root)
    assert candidate is not None  # metadata.json was checked in the archive
    fault = probe_fault(candidate)
    if fault:
        kept = find_package(pkg_file.from_code, pkg_file.to_code)
        keep = (f"; the installed {kept.from_code}→{kept.to_code} "
                f"{kept.package_version} is kept" if kept else "")
        raise ModelError(f"{fault}; nothing was installed{keep}", source)


def _clean_stale(directory: Path) -> None:
    for stale in directory.glob(TMP_PREFIX + "*"):
        if stale.is_dir() and time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


def _packages_folder() -> Path:
    """The folder packages are installed in, created if missing; a ModelError when it cannot
    be one (ARGOS_PACKAGES_DIR naming a file, a read-only place)."""
    directory = packages_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = ("it is a file, not a folder" if isinstance(exc, FileExistsError | NotADirectoryError)
               else exc.strerror or str(exc))
        raise ModelError(f"cannot hold the models: {why}; set ARGOS_PACKAGES_DIR to a folder "
                         "(or unset it)", directory) from None
    return directory


def _install_checked(pkg_file: PackageFile) -> InstalledPackage:
    directory = _packages_folder()
    _clean_stale(directory)
    tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX + "new-", dir=directory))
    old = directory / f"{TMP_PREFIX}old-{tmp.name[len(TMP_PREFIX) + 4:]}"
    try:
        _extract(pkg_file, tmp)
        extracted = tmp / pkg_file.root if pkg_file.root else tmp
        _check_extracted(extracted, pkg_file)
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
            for path in [*replaced, final]:
                forget(path)  # a process that loaded the old model reloads the new one
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


def install_from_file(paths: Path | list[Path], pairs: list[tuple[str, str]] | None = None,
                      limits: Limits | None = None) -> list[InstalledPackage]:
    """Install .argosmodel files (or directories of them), offline.

    Every file is checked before any is installed: one bad file installs nothing. With
    `pairs`, a file must be for one of them; from a directory, only the files for those pairs
    are installed (and each pair must have one). `limits` bound what an archive may unpack to.
    """
    checked: list[PackageFile] = []
    for path in [paths] if isinstance(paths, Path) else paths:
        if path.is_dir() and pairs:
            found = [c for c in (check_package_file(p, None, limits) for p in package_files(path))
                     if (c.from_code, c.to_code) in pairs]
            missing = [f"{a}→{b}" for a, b in pairs
                       if not any((c.from_code, c.to_code) == (a, b) for c in found)]
            if missing:
                raise ModelError(f"no {PACKAGE_SUFFIX} file for {', '.join(missing)} here", path)
            checked += found
        else:
            checked += [check_package_file(p, pairs, limits) for p in package_files(path)]
    return [_install_checked(c) for c in checked]


def split_arguments(args: list[str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """`models install` arguments -> (package files or folders, language pairs): an argument
    ending in .argosmodel or holding a path separator is a file, anything else a pair."""
    files = [Path(a) for a in args if a.endswith(PACKAGE_SUFFIX) or "/" in a or os.sep in a]
    return files, parse_pairs([a for a in args if Path(a) not in files])


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
    _packages_folder()  # before the index is fetched: a folder that cannot hold them fails now
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
    directory = _packages_folder()
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
