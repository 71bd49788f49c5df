"""The desk view's rows: one per article folder of OUT, read from its manifest only.

A folder's row is kept (small: names and counts) and re-read only when its manifest changes,
so a listing costs one `stat` per folder; no PO file is opened. The rows (and the per-language
shares of the pages shown) are also kept between runs of the desk in `OUT/.locpipe-desk.json`,
each under its file's (inode, mtime_ns, size): a start reads that one file and stats every
manifest, and re-reads only the manifests that changed or are new (an atomic write always gives
a new inode), so the first desk view does not wait for thousands of manifests to be parsed. The
file is only a cache: unreadable, of another version or unwritable (a read-only OUT), it is
ignored and rebuilt. The state agrees with
`translate --fail-on error` (`locpipe.document.failing`) and with the run index (same
manifest fields).
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from locpipe.document import failing
from locpipe.errors import LocpipeError
from locpipe.fileio import write_all
from locpipe.formats.manifest import MANIFEST_NAME, Manifest, read_manifest
from locpipe.formats.po import load_po, reviewed

FILTERS = ("all", "needs-review", "has-errors", "ready")
SORTS = ("folder", "title", "last-run", "reviewed", "errors")
PAGE_SIZE = 50
CACHE_NAME = ".locpipe-desk.json"
CACHE_VERSION = 1  # bump when a Row's fields or how row_of derives them change


@dataclass(frozen=True)
class Row:
    folder: str
    title: str
    identity: str
    languages: tuple[str, ...]
    done: int
    asked: int
    errors: int
    warnings: int
    engine: str
    written: str

    @property
    def pseudo(self) -> bool:
        return self.engine == "pseudo"

    @property
    def share(self) -> int:
        return round(100 * self.done / self.asked) if self.asked else 0

    @property
    def state(self) -> str:
        """ready (every segment reviewed, no QA error), has-errors, or needs-review."""
        if self.errors:
            return "has-errors"
        if self.asked and self.done >= self.asked:
            return "ready"
        return "needs-review"


def row_of(folder: str, m: Manifest) -> Row:
    sev = {str(k): int(v) for k, v in ((m.findings or {}).get("severity") or {}).items()}
    done, asked = (list(m.reviewed) + [0, 0])[:2]
    engine = next((part.split(":", 1)[1] for part in m.signature.split("|")
                   if part.startswith("engine:")), "")
    return Row(folder, m.title or m.identity or folder, m.identity, tuple(m.languages),
               int(done), int(asked), sum(failing(sev, "error").values()),
               sev.get("warning", 0), engine, m.written)


def manifest_row(folder: str, path: str) -> Row | None:
    """`row_of` the manifest at `path`, read with the coercions of `read_manifest` but only the
    fields a row shows (no Path objects, the other fields left alone): the listing's reader for
    thousands of manifests. None when it is missing or not a locpipe manifest."""
    try:
        with open(path, "rb") as fh:
            data = json.loads(fh.read())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("source"), str):
        return None
    try:
        m = Manifest(source=data["source"], identity=str(data.get("identity", "")),
                     signature=str(data.get("signature", "")),
                     languages=tuple(data.get("languages") or ()),
                     written=str(data.get("written", "")), title=str(data.get("title", "")),
                     findings=data.get("findings") if isinstance(data.get("findings"), dict)
                     else None,
                     reviewed=tuple(data.get("reviewed") or (0, 0))[:2])  # type: ignore[arg-type]
        return row_of(folder, m)
    except (TypeError, ValueError, AttributeError):
        return None


def reviewed_counts(path: Path) -> tuple[int, int]:
    """(reviewed entries, entries) of an article's PO file, as the manifest counts them (read
    with the format module alone: the pipeline is not imported to list articles)."""
    active = [e for e in load_po(path) if not e.obsolete and e.msgid]
    return sum(reviewed(e) for e in active), len(active)


def _key(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _cached_row(name: str, v: list) -> tuple[tuple[int, int, int], Row]:
    """One row of the cache file (raises TypeError/ValueError/IndexError when malformed)."""
    if not isinstance(v, list) or len(v) != 12 or not isinstance(v[5], list):
        raise ValueError(name)
    key = (int(v[0]), int(v[1]), int(v[2]))
    return key, Row(name, str(v[3]), str(v[4]), tuple(str(x) for x in v[5]), int(v[6]),
                    int(v[7]), int(v[8]), int(v[9]), str(v[10]), str(v[11]))


class Listing:
    """The article folders of one output directory, re-read as their manifests change;
    `cache=False` neither reads nor writes OUT's listing cache."""

    def __init__(self, out_dir: Path, cache: bool = True) -> None:
        self.out_dir = out_dir
        self.cache = cache
        self._rows: dict[str, tuple[tuple[int, int, int], Row]] = {}
        self._shares: dict[str, tuple[tuple[int, int, int], tuple[int, int]]] = {}
        self._lock = threading.Lock()
        self._shares_lock = threading.Lock()
        self._loaded = not cache
        self._dirty = False

    @property
    def cache_path(self) -> Path:
        return self.out_dir / CACHE_NAME

    def _load(self) -> None:
        """The rows and shares of the cache file, if it is one of this version (under the
        lock; every entry is still checked against its file's stat before it is used)."""
        self._loaded = True
        try:
            with open(self.cache_path, encoding="utf-8") as fh:
                data = json.load(fh)
            if not isinstance(data, dict) or data.get("locpipe_desk_listing") != CACHE_VERSION:
                return
            rows = {str(name): _cached_row(str(name), v) for name, v in data["rows"].items()}
            shares = {str(k): ((int(v[0]), int(v[1]), int(v[2])), (int(v[3]), int(v[4])))
                      for k, v in data["shares"].items()}
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return
        self._rows.update(rows)
        self._shares.update(shares)

    def persist(self) -> None:
        """Write the cache file atomically if anything changed since it was read or written
        (a read-only or vanished OUT is no error: the cache is only a cache)."""
        with self._lock:
            if not self.cache or not self._dirty:
                return
            rows, shares = list(self._rows.items()), list(self._shares.items())
            self._dirty = False
        # outside the lock: a listing never waits for the write (two writes out of order
        # leave an older cache, whose stale entries the stats catch)
        def pieces():  # streamed, a row at a time: no second copy of the listing in memory
            yield f'{{"locpipe_desk_listing":{CACHE_VERSION},"rows":{{'
            for i, (name, (key, r)) in enumerate(rows):
                yield ("," if i else "") + json.dumps(name, ensure_ascii=False) + ":" + \
                    json.dumps([*key, r.title, r.identity, list(r.languages), r.done, r.asked,
                                r.errors, r.warnings, r.engine, r.written], ensure_ascii=False)
            yield '},"shares":'
            yield json.dumps({k: [*key, *counts] for k, (key, counts) in shares})
            yield "}\n"

        if not self.out_dir.is_dir():  # OUT removed meanwhile: never recreate it
            return
        if os.path.lexists(self.cache_path) and not os.path.isfile(self.cache_path):
            return  # a folder or device there is not ours to replace
        try:
            write_all({self.cache_path: pieces()})
        except (OSError, LocpipeError):
            pass

    def shares(self, row: Row) -> list[tuple[str, int, int]]:
        """(language, reviewed, entries) of each language of one listed article, from its PO
        files (only for the rows of the page shown; re-read when a file changes). A missing or
        unreadable file is left out (the article view says what is wrong with it)."""
        with self._shares_lock:  # two requests (or the warm-up) never parse one file twice
            return self._shares_of(row)

    def _shares_of(self, row: Row) -> list[tuple[str, int, int]]:
        found = []
        for lang in row.languages:
            path = self.out_dir / row.folder / f"{lang}.po"
            name = f"{row.folder}/{lang}.po"
            try:
                st = os.stat(path)
            except OSError:
                continue
            key = _key(st)
            cached = self._shares.get(name)
            if cached is None or cached[0] != key:
                try:
                    cached = (key, reviewed_counts(path))
                except LocpipeError:
                    continue
                with self._lock:
                    if len(self._shares) > 4 * PAGE_SIZE * 8:  # bounded: pages, not the archive
                        self._shares.clear()
                    self._shares[name] = cached
                    self._dirty = True
            found.append((lang, *cached[1]))
        return found

    def rows(self) -> list[Row]:
        """Every article folder with a readable manifest, by folder name."""
        found: list[Row] = []
        with os.scandir(self.out_dir) as it:
            names = sorted(e.name for e in it if e.is_dir(follow_symlinks=False))
        with self._lock:
            if not self._loaded:
                self._load()
            seen = set()
            for name in names:
                path = os.path.join(self.out_dir, name, MANIFEST_NAME)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                key = _key(st)
                cached = self._rows.get(name)
                if cached is None or cached[0] != key:
                    row = manifest_row(name, path)
                    if row is None:
                        continue
                    cached = (key, row)
                    self._rows[name] = cached
                    self._dirty = True
                seen.add(name)
                found.append(cached[1])
            for gone in set(self._rows) - seen:
                del self._rows[gone]
                self._dirty = True
        return found

    def row(self, folder: str) -> Row | None:
        """One folder's row, only if it is an article folder of OUT (its name as listed)."""
        if not self.known(folder):
            return None
        try:
            m = read_manifest(self.out_dir / folder)
        except LocpipeError:
            return None
        return row_of(folder, m) if m is not None else None

    def known(self, folder: str) -> bool:
        """Whether `folder` names an article folder directly under OUT with a manifest: the
        only names the desk turns into paths."""
        if not folder or folder in (".", "..") or "/" in folder or "\\" in folder \
                or "\0" in folder:
            return False
        path = self.out_dir / folder
        return (path.is_dir() and not path.is_symlink()
                and (path / MANIFEST_NAME).is_file()
                and os.path.realpath(path.parent) == os.path.realpath(self.out_dir))


@dataclass
class Page:
    rows: list[Row]
    total: int  # rows matching the filter and search
    counts: dict[str, int]  # filter -> rows (before the search)
    page: int
    pages: int


def select(rows: list[Row], filter: str = "all", query: str = "", sort: str = "folder",
           page: int = 1, size: int = PAGE_SIZE) -> Page:
    """Filter, search (title, identity or folder, case-insensitive), sort and cut one page."""
    counts = {f: 0 for f in FILTERS}
    for r in rows:
        counts["all"] += 1
        counts[r.state] += 1
    q = query.casefold().strip()
    chosen = [r for r in rows if (filter == "all" or r.state == filter)
              and (not q or q in r.title.casefold() or q in r.identity.casefold()
                   or q in r.folder.casefold())]
    keys = {"folder": lambda r: r.folder, "title": lambda r: (r.title.casefold(), r.folder),
            "last-run": lambda r: (r.written, r.folder),
            "reviewed": lambda r: (r.share, r.folder), "errors": lambda r: (-r.errors, r.folder)}
    chosen.sort(key=keys.get(sort, keys["folder"]), reverse=sort == "last-run")
    pages = max(1, -(-len(chosen) // size))
    page = min(max(1, page), pages)
    return Page(chosen[(page - 1) * size: page * size], len(chosen), counts, page, pages)
