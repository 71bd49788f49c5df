"""The manifest of an output folder, the folder's lock, and which folder an article gets.

Every article folder holds `manifest.json`, written atomically together with the article's pages
and PO files: the source it belongs to (its path relative to the folder, so moving the whole tree
keeps it valid, and the article identity — see `locpipe.identity`), the source's sha256, the run
signature, the languages and the time. For incremental runs it also records what the article's
outputs were made from (`inputs`: a digest of the settings that change the text, of the glossary
entries the article's source matches, and of the memory entries its segments hit), the sha256 of
every file written with it (`files`: an editor's edit of a PO file makes the article stale), and
what the run index and `translate --format json` show (title, findings per severity and check,
reviewed share, segments);
`stale_reason` says why an article must be redone, or None when it is up to date.

Before anything is written, `FolderIndex.assign` gives each article a folder that is free or already
its own; a folder owned by another source is never written into — the article takes the next
readable name instead (`day2-syria`, `a-md`, `syria-2`), and keeps it on every later run because the
index finds folders by the source they record. A folder from before manifests (no manifest) is
adopted by the article of the same name unless its PO files name another source that still exists.

`ArticleLock` is a per-article lock (`.locpipe.lock` in the folder, `fcntl.flock`, the holder's
pid written in it) so `translate` and `po apply` on one article never interleave. The kernel
drops a flock when its process dies, so the lock of a killed run is simply taken over. Under the
lock the temp files a killed run left (`.*.tmp`, see `locpipe.fileio.write_all`) are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from locpipe.errors import LocpipeError
from locpipe.fileio import stamp_time
from locpipe.identity import folder_candidates, numbered

try:  # POSIX; elsewhere runs are not locked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
MANIFEST_NAME = "manifest.json"
LOCK_NAME = ".locpipe.lock"
VERSION = 1
_PO_HEADER = re.compile(r'^"(X-Locpipe-Source|X-Locpipe-Article): (.*)\\n"\s*$', re.M)


@dataclass
class Manifest:
    source: str  # the source file, relative to the folder (POSIX)
    identity: str
    sha256: str = ""
    signature: str = ""
    languages: tuple[str, ...] = ()
    written: str = ""
    title: str = ""
    findings: dict | None = None  # {"severity": {...}, "check": {...}}
    reviewed: tuple[int, int] = (0, 0)  # segments reviewed (PO or memory), segments asked
    segments: int = 0  # source segments (0 in manifests from before they were counted)
    inputs: dict | None = None  # what the outputs were made from (see stale_reason)
    files: dict | None = None  # file name -> sha256 of what was written
    engines: dict | None = None  # language -> {"name", "model", "pseudo"} that wrote its text

    def source_path(self, folder: Path) -> Path:
        return Path(os.path.normpath(folder / self.source))


def content_hash(path: Path) -> str:
    """sha256 of the source file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest; None when it has none (a folder from before manifests)."""
    path = folder / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise LocpipeError(f"cannot be read ({getattr(exc, 'strerror', None) or exc}); it says "
                           "which article owns the folder: delete it only if you know", path
                           ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("source"), str):
        raise LocpipeError("is not a locpipe manifest (no \"source\"); delete it only if you "
                           "know which article owns the folder", path)
    return Manifest(source=data["source"], identity=str(data.get("identity", "")),
                    sha256=str(data.get("sha256", "")), signature=str(data.get("signature", "")),
                    languages=tuple(data.get("languages") or ()),
                    written=str(data.get("written", "")), title=str(data.get("title", "")),
                    findings=data.get("findings") if isinstance(data.get("findings"), dict)
                    else None,
                    reviewed=tuple(data.get("reviewed") or (0, 0))[:2],  # type: ignore[arg-type]
                    segments=data["segments"] if isinstance(data.get("segments"), int) else 0,
                    inputs=data.get("inputs") if isinstance(data.get("inputs"), dict) else None,
                    files=data.get("files") if isinstance(data.get("files"), dict) else None,
                    engines=data.get("engines") if isinstance(data.get("engines"), dict)
                    else None)


def render_manifest(folder: Path, source: Path, identity: str, signature: str,
                    languages: list[str], *, sha256: str = "", title: str = "",
                    findings: dict | None = None, reviewed: tuple[int, int] | None = None,
                    segments: int | None = None, inputs: dict | None = None,
                    files: dict[str, str] | None = None, engines: dict | None = None) -> str:
    """The manifest text for `folder` owned by `source` (the keyword fields are for
    incremental runs and the run index; `sha256` saves hashing the source again)."""
    rel = Path(os.path.relpath(os.path.abspath(source), os.path.abspath(folder))).as_posix()
    data = {
        "locpipe_manifest": VERSION,
        "source": rel,
        "identity": identity,
        "sha256": sha256 or content_hash(source),
        "signature": signature,
        "languages": list(languages),
        "written": stamp_time().strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if title:
        data["title"] = title
    if findings is not None:
        data["findings"] = findings
    if reviewed is not None:
        data["reviewed"] = list(reviewed)
    if segments is not None:
        data["segments"] = segments
    if inputs is not None:
        data["inputs"] = inputs
    if files is not None:
        data["files"] = files
    if engines is not None:
        data["engines"] = engines
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def text_hash(text: str) -> str:
    """sha256 of a text as locpipe writes it (UTF-8, "\\n" line ends)."""
    return data_hash(text.encode("utf-8"))


def data_hash(data: bytes) -> str:
    """sha256 of a file's bytes as they are written."""
    return hashlib.sha256(data).hexdigest()


def stale_reason(folder: Path, manifest: Manifest | None, sha256: str, languages: list[str],
                 inputs: dict) -> str | None:
    """Why the article in `folder` must be translated again, in a few words, or None when its
    outputs are up to date: same source bytes, same languages, same `inputs` (settings,
    glossary entries used, memory entries hit) and every file it wrote still as written."""
    if manifest is None or manifest.files is None or manifest.inputs is None:
        return "new"
    if manifest.sha256 != sha256:
        return "source changed"
    if list(manifest.languages) != list(languages):
        return "languages changed"
    for key in ("settings", "glossary", "memory"):
        if manifest.inputs.get(key) != inputs.get(key):
            return f"{key} changed"
    for name, digest in manifest.files.items():
        try:
            if content_hash(folder / name) != digest:
                return f"{name} changed"
        except OSError:
            return f"{name} missing"
    return None


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _key(path: Path) -> str:
    """The real path as folders recorded in manifests are matched to sources: links resolved,
    NFC (a file renamed from its NFC to its NFD spelling — macOS, some zip tools — keeps its
    folder). Within one run, a folder is claimed by the exact real path."""
    return unicodedata.normalize("NFC", os.path.realpath(path))


def written_since(out_dir: Path, since: float) -> int:
    """How many article folders of `out_dir` had their manifest written since `since` (a
    time.time()): what an interrupted run finished, whichever process wrote it."""
    count = 0
    try:
        with os.scandir(out_dir) as it:
            for entry in it:
                if not entry.is_dir(follow_symlinks=False):
                    continue
                try:
                    if os.stat(os.path.join(entry.path, MANIFEST_NAME)).st_mtime >= since - 0.5:
                        count += 1
                except OSError:
                    continue
    except OSError:
        return 0
    return count


def _dead(pid_text: bytes) -> bool:
    """Whether a lock file's pid names a process that is gone."""
    try:
        pid = int(pid_text.decode("ascii").strip())
    except ValueError:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive under another user
        return False
    return False


def tidy(out_dir: Path) -> list[Path]:
    """Remove the article folders of `out_dir` holding nothing but a lock no process holds (and
    temp files): what a run killed with `kill -9` leaves of the folders it had just made.
    Returns the folders removed."""
    removed: list[Path] = []
    if fcntl is None:
        return removed
    try:
        with os.scandir(out_dir) as it:
            folders = [Path(e.path) for e in it if e.is_dir(follow_symlinks=False)]
    except OSError:
        return removed
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        if LOCK_NAME not in names or any(n != LOCK_NAME and not (n.startswith(".")
                                                                and n.endswith(".tmp"))
                                         for n in names):
            continue
        try:
            fd = os.open(folder / LOCK_NAME, os.O_RDWR | _NOFOLLOW | _NONBLOCK)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if not _dead(os.read(fd, 32)):  # a fresh lock (no pid yet) is a run starting
                continue
            for name in names:
                (folder / name).unlink()
            folder.rmdir()
            removed.append(folder)
        except OSError:  # held (a run is writing it) or changed meanwhile: leave it
            pass
        finally:
            os.close(fd)
    return removed


def _legacy_source(folder: Path) -> Path | None:
    """The source a folder from before manifests names in the headers of its own PO files (a
    PO file of another article copied in is not the folder's: the PO reader reports it)."""
    for po in sorted(folder.glob("*.po")):
        try:
            with po.open(encoding="utf-8", errors="replace") as fh:
                head = dict((m.group(1), m.group(2)) for m in _PO_HEADER.finditer(fh.read(8192)))
        except OSError:
            continue
        ref = head.get("X-Locpipe-Source")
        if ref and head.get("X-Locpipe-Article") == folder.name:
            return Path(os.path.normpath(folder / unquote(ref)))
    return None


class FolderIndex:
    """Which folders of OUT belong to which source, read from their manifests on first need."""

    def __init__(self, out_dir: Path, known: dict[str, str] | None = None) -> None:
        self.out_dir = out_dir
        self.claimed: dict[str, str] = {}  # folder name -> real source path, in this run
        self._owned: dict[str, str] | None = None  # real source path -> folder name
        self._known = {unicodedata.normalize("NFC", k): v for k, v in (known or {}).items()}
        # (real source path -> folder name, given by the caller)

    def _scan(self) -> dict[str, str]:
        if self._owned is None:
            self._owned = {}
            if self.out_dir.is_dir():
                for path in sorted(self.out_dir.glob(f"*/{MANIFEST_NAME}")):
                    try:
                        m = read_manifest(path.parent)
                    except LocpipeError:
                        continue  # reported if an article ever needs that folder
                    if m is not None:
                        self._owned.setdefault(_key(m.source_path(path.parent)),
                                               path.parent.name)
            self._owned.update(self._known)
        return self._owned

    def owner(self, name: str) -> str | None:
        """Display form of the source owning folder `name`, or None if it is free or adoptable
        by an article of that name (raises when the folder cannot hold an article)."""
        folder = self.out_dir / name
        if name in self.claimed:
            return self.claimed[name]
        if not folder.exists() and not folder.is_symlink():
            return None
        if not folder.is_dir():
            raise LocpipeError("is in the way: it is a file, not an article folder; move it "
                               "away or use another --out", folder)
        m = read_manifest(folder)
        if m is not None:
            return _real(m.source_path(folder))
        legacy = _legacy_source(folder)
        if legacy is not None and legacy.exists():
            return _real(legacy)
        return None

    def assign(self, source: Path, ident: str) -> str:
        """The folder name for the article at `source` (identity `ident`): the one it already
        owns, else the first candidate that is free, else a numbered one. Raises a
        LocpipeError naming the folder when the one it owns cannot be used."""
        real = _real(source)
        key = _key(source)
        names = folder_candidates(ident)
        owned = self._scan().get(key)
        if owned is not None and owned not in self.claimed:
            recorded = self.owner(owned)  # another spelling of this path (NFD for NFC) is
            if recorded not in (None, real) and os.path.exists(recorded):  # this file only
                owned = None  # when that other file is gone (renamed to this spelling)
        if owned is not None and self.claimed.get(owned, real) == real:
            self.owner(owned)  # still a folder?
            self.claimed[owned] = real
            return owned
        n = 1
        while True:
            for name in names if n == 1 else [numbered(names[0], n)]:
                holder = self.owner(name)
                if holder is None or holder == real:
                    self.claimed[name] = real
                    return name
            n += 1


def _write_pid(fd: int) -> None:
    """This process's id in the lock file, over what a killed run left, then the file cut to
    its length: truncating it to zero first would have ext4 flush it when it is closed (its
    replace-by-truncate guard, auto_da_alloc), a wait of milliseconds per article for a file
    deleted unread."""
    pid = f"{os.getpid()}\n".encode("ascii")
    os.pwrite(fd, pid, 0)
    os.ftruncate(fd, len(pid))


class ArticleLock:
    """An exclusive lock on one article folder (re-entrant within a process)."""

    _held: dict[str, list] = {}  # real folder path -> [count, fd]

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.created: list[Path] = []  # folders this lock made, innermost first
        self._key = ""
        self._locked = False

    def _make_folder(self) -> None:
        """The article folder, created with its missing parents (remembered, to be removed
        again by `_undo`), or a one-line LocpipeError: a link, a file in the way."""
        if not self.folder.exists():
            missing = [p for p in (self.folder, *self.folder.parents) if not p.exists()]
            try:
                for p in reversed(missing):
                    try:
                        p.mkdir()
                    except FileExistsError:  # made meanwhile by another process (a cluster's
                        if not p.is_dir():   # workers start on a fresh --out together)
                            raise
                        continue
                    self.created.insert(0, p)
            except OSError as exc:
                self._undo()
                raise LocpipeError(f"cannot be created ({exc.strerror or exc}); check --out",
                                   self.folder) from exc
        elif self.folder.is_symlink():
            raise LocpipeError(f"is a symbolic link (to {os.readlink(self.folder)}); locpipe "
                               "writes only inside its output folder, never through a link: "
                               "remove it and run again", self.folder)
        elif not self.folder.is_dir():
            raise LocpipeError("is in the way: it is a file, not an article folder; move it "
                               "away or use another --out", self.folder)

    def acquire(self) -> None:
        """Lock the folder (created if missing) or raise a one-line LocpipeError."""
        self._make_folder()
        self._key = _real(self.folder)
        held = self._held.get(self._key)
        if held is not None:
            held[0] += 1
            self._locked = True
            return
        path = self.folder / LOCK_NAME
        for _ in range(3):
            try:  # never through a link: a planted one would have any file truncated
                fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK, 0o644)
            except FileNotFoundError:  # tidied away by another run meanwhile (see `tidy`)
                with contextlib.suppress(FileExistsError):
                    self.folder.mkdir()
                    self.created.insert(0, self.folder)
                continue
            except OSError as exc:
                self._undo()
                if path.is_symlink():
                    raise LocpipeError(f"is a symbolic link (to {os.readlink(path)}); locpipe "
                                       "never writes through a link: remove it and run again",
                                       path) from exc
                raise LocpipeError(f"cannot be written ({exc.strerror or exc}); check the "
                                   "folder's permissions or use another --out",
                                   self.folder) from exc
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO or device planted there
                os.close(fd)
                self._undo()
                raise LocpipeError("is not a regular file; remove it and run again", path)
            if fcntl is None:
                break
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                pid = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
                os.close(fd)
                raise LocpipeError(f"{self.folder} is being written by another locpipe run "
                                   f"(pid {pid}); try again when it finishes") from exc
            try:  # the file may have been removed by its last holder meanwhile: lock anew
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        else:  # removed under us three times: another run keeps tidying or locking it
            self._undo()
            raise LocpipeError(f"{self.folder} keeps changing under this run (another locpipe "
                               "run?); try again when it finishes")
        _write_pid(fd)
        self._held[self._key] = [1, fd]
        self._locked = True
        for tmp in self.folder.glob(".*.tmp"):  # left by a killed run
            with contextlib.suppress(OSError):
                tmp.unlink()

    def release(self) -> None:
        held = self._held.get(self._key)
        if held is None or not self._locked:
            return
        self._locked = False
        held[0] -= 1
        if held[0]:
            return
        del self._held[self._key]
        with contextlib.suppress(OSError):
            (self.folder / LOCK_NAME).unlink()
        os.close(held[1])
        self._undo()

    def _undo(self) -> None:
        """Remove the folders this lock created if nothing was written in them."""
        for folder in self.created:
            try:
                folder.rmdir()
            except OSError:
                break
        self.created = []

    def __enter__(self) -> ArticleLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
