"""Reading text files strictly and writing files atomically.

Atomic writes (temp file in the same directory, then rename) mean a crash or a failed run never
leaves a half-written page or PO file behind; `write_all` stages every file first so a run
either writes all its outputs or none.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import stat
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from locpipe.errors import ConfigError, InputError, LocpipeError

# The most one file may hold. A long article is a few hundred kilobytes and a CMS page with
# its scripts a few megabytes; more is an archive dump or a runaway export, and reading it
# whole would cost memory and time out of proportion. Reading stops one byte past the limit.
MAX_FILE_BYTES = 10_000_000

# Characters that show nothing and are not whitespace to str.strip (U+3000 and U+2028 are):
# zero-width spaces and joiners, the BOM, the soft hyphen, bidi marks and controls.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"
                                   "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_KINDS = {stat.S_ISFIFO: "a named pipe", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device",
          stat.S_ISSOCK: "a socket"}


def stamp_time() -> datetime:
    """The time written into outputs (manifest.json, PO header dates, the run index): the
    SOURCE_DATE_EPOCH of the environment when it is set (reproducible-builds.org), so that
    two runs over the same inputs write byte-identical folders; else now, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"SOURCE_DATE_EPOCH={epoch!r} is not a time; give whole seconds "
                          "since 1970-01-01 UTC (e.g. $(git log -1 --format=%ct))") from None


def _undecodable(name: str) -> bool:
    """Whether a file name holds bytes the file system's encoding could not decode (Python
    keeps them as lone surrogates, which no UTF-8 file can hold)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """Read a text file, refusing what is not text in `encoding` (BOM allowed), what is not
    a regular file (a pipe or a device would block or never end) and what is larger than
    MAX_FILE_BYTES; and a file whose name is not UTF-8 (its pages, the index and the manifest
    name it, and could not be written)."""
    if not str(path).isprintable() and _undecodable(str(path)):
        raise InputError("has a file name that is not valid UTF-8 (the pages and the index "
                         "name their article); rename the file", path)
    data = _read_bytes(path, MAX_FILE_BYTES)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("is a binary file, not a text article; give a .txt, .md or .html "
                         "file", path)
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(codec)
    except LookupError as exc:
        raise InputError(f"unknown encoding '{encoding}'", path) from exc
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"is not valid {encoding} (byte 0x{data[exc.start]:02x} at line {line}); "
            "save it as UTF-8 or pass --encoding",
            path,
        ) from exc
    text = text.lstrip("\ufeff")
    if not text:
        raise InputError("is empty; there is nothing to translate", path)
    if not text.strip():
        raise InputError("contains only whitespace; there is nothing to translate", path)
    # (translating the whole article only when its first visible-looking character is an
    # invisible one: else that character stays, and the text is not empty; ~0.2 ms an article)
    if ord(text.lstrip()[0]) in _INVISIBLE and not text.translate(_INVISIBLE).strip():
        raise InputError("contains only whitespace and invisible characters (zero-width or "
                         "bidi controls); there is nothing to translate", path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file; anything else is one InputError. The file is
    opened without blocking and checked again once open, so a FIFO swapped in is refused too."""
    try:
        os.stat(path)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError("file not found; check the path and the file name", path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path) from exc
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory; give an article file (.txt, .md or .html)", path)
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS.items() if test(mode)), "not a file")
            raise InputError(f"is not a regular file ({kind}); give an article file (.txt, "
                             ".md or .html)", path)
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path) from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputError(f"is larger than {limit // 1_000_000} MB, the most one article file "
                         "may hold; split it into several articles", path)
    return data


def inside(root: Path, path: Path) -> None:
    """Raise a LocpipeError unless writing `path` stays inside `root`: `path` itself is no
    symbolic link (a link planted at OUT/a/fr.po or OUT/a/.locpipe.lock would have the write
    land on whatever it names) and its folder, links resolved, lies under `root`'s (a folder
    OUT/b linked to /etc is not in OUT)."""
    if os.path.islink(path):
        raise _link_error(path)
    _folder_inside(root, os.path.realpath(root), path.parent)


def _link_error(path: Path) -> LocpipeError:
    return LocpipeError(f"is a symbolic link (to {os.readlink(path)}); locpipe never writes "
                        "through a link: remove it and run again", path)


def _folder_inside(root: Path, real_root: str, folder: Path) -> None:
    """`inside`'s second half: `folder`, links resolved, lies under `real_root`."""
    real = os.path.realpath(folder)
    if os.path.commonpath([real_root, real]) != real_root:
        raise LocpipeError(f"leads out of {root} (to {real}) through a symbolic link; "
                           "locpipe writes only inside its output folder: remove the link",
                           folder)


def _existing(path: Path) -> os.stat_result | None:
    """The file at `path` itself (a link not followed), or None when there is none (or it
    cannot be seen)."""
    try:
        return os.lstat(path)
    except OSError:
        return None


def _all_inside(root: Path, files: dict[Path, os.stat_result | None]) -> None:
    """`inside(root, path)` for every file (with what lstat saw there) whose folder exists,
    in order, each folder resolved once."""
    real_root = os.path.realpath(root)
    folders: dict[Path, bool | None] = {}  # None: not there yet (made by write_all), True: checked
    for path, st in files.items():
        folder = path.parent
        if folder not in folders:
            folders[folder] = False if folder.exists() or os.path.islink(folder) else None
        if folders[folder] is None:
            continue
        if st is not None and stat.S_ISLNK(st.st_mode):
            raise _link_error(path)
        if not folders[folder]:
            _folder_inside(root, real_root, folder)
            folders[folder] = True


def write_all(files: dict[Path, str | bytes | Iterable[str]], root: Path | None = None
              ) -> None:
    """Write every file atomically: each goes to a temp file in its own directory first and
    is renamed into place only when all are written. If any write fails, the temp files and
    the directories this call created are removed and nothing appears. A file's content may
    come in pieces (an iterable of strings: a large page is never joined in memory), or as
    bytes (its UTF-8 text encoded already, written as it is). With `root`, every file must
    be written inside it (see `inside`), else nothing is.

    Each file is looked at once (one lstat: is it a link, which mode does it keep) and each
    folder once (does it exist, does it lead out of `root`): an article's nine files share
    one folder, and resolving it for every file cost more than writing them."""
    staged: list[tuple[str, Path]] = []
    created: list[Path] = []
    there = {path: _existing(path) for path in files}
    folders = dict.fromkeys(path.parent for path in files)
    if root is not None:
        _all_inside(root, there)
    try:
        for folder in folders:
            if not folder.exists():
                for parent in reversed((folder, *folder.parents)):
                    if not parent.exists():
                        parent.mkdir()
                        created.append(parent)
        for path, content in files.items():
            fd, tmp = _temp_file(path)
            staged.append((tmp, path))
            st = there[path]
            if st is not None:  # a file replaced keeps its mode (a new one has the umask's)
                os.fchmod(fd, stat.S_IMODE(st.st_mode))
            if isinstance(content, bytes):  # (already encoded: publish.encoded)
                # unbuffered: a buffered file object asks the system for its position and
                # whether it is a terminal, for a file written in one call
                with os.fdopen(fd, "wb", buffering=0) as out:
                    data = memoryview(content)
                    while data:  # (a raw write may write less than it is given)
                        data = data[out.write(data):]
                continue
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                if isinstance(content, str):
                    fh.write(content)
                else:
                    fh.writelines(content)
    except BaseException as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, OSError):
            where = Path(exc.filename) if exc.filename else (staged[-1][1] if staged else None)
            raise LocpipeError(f"cannot be written ({exc.strerror or exc}); nothing was written",
                              where) from exc
        raise
    for tmp, path in staged:
        os.replace(tmp, path)


# tempfile.mkstemp's flags, writing only
_TEMP_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _temp_file(path: Path) -> tuple[int, str]:
    """A new temp file beside `path` (".fr.html.<random>.tmp"), opened for writing: what
    tempfile.mkstemp makes, but created with mode 0o666 for the system to take the umask
    from (a new file's mode, as any program creates one), where mkstemp's 0o600 had to be
    changed after reading the umask from /proc for every article (and mkstemp's name
    generator and path checks cost as much as the file's creation in Python)."""
    prefix = f"{path.parent}{os.sep}.{path.name}."
    for _ in range(100):
        tmp = f"{prefix}{random.getrandbits(48):012x}.tmp"  # (reseeded after a fork)
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o666), tmp
        except FileExistsError:
            continue  # (one chance in 2**48)
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def write_text(path: Path, content: str) -> None:
    """Write one file atomically."""
    write_all({path: content})
