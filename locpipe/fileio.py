"""Reading text files strictly and writing files atomically.

Atomic writes (temp file in the same directory, then rename) mean a crash or a failed run never
leaves a half-written page or PO file behind; `write_all` stages every file first so a run
either writes all its outputs or none.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from locpipe.errors import InputError, LocpipeError


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """Read a text file, refusing what is not text in `encoding` (BOM allowed)."""
    if not path.exists():
        raise InputError("file not found; check the path and the file name", path)
    if path.is_dir():
        raise InputError("is a directory; give an article file (.txt, .md or .html)", path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path) from exc
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write_all(files: dict[Path, str]) -> None:
    """Write every file atomically: each goes to a temp file in its own directory first and
    is renamed into place only when all are written. If any write fails, the temp files and
    the directories this call created are removed and nothing appears."""
    staged: list[tuple[str, Path]] = []
    created: list[Path] = []
    try:
        for path, content in files.items():
            for parent in reversed(path.parents):
                if not parent.exists():
                    parent.mkdir()
                    created.append(parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(content)
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


def write_text(path: Path, content: str) -> None:
    """Write one file atomically."""
    write_all({path: content})
