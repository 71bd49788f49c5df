"""The desk view's rows: one per article folder of OUT, read from its manifest only.

A folder's row is kept (small: names and counts) and re-read only when its manifest changes,
so a listing costs one `stat` per folder; no PO file is opened. The state agrees with
`translate --fail-on error` (`locpipe.document.failing`) and with the run index (same
manifest fields).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from locpipe.document import failing
from locpipe.errors import LocpipeError
from locpipe.formats.manifest import MANIFEST_NAME, Manifest, read_manifest
from locpipe.formats.po import load_po, reviewed

FILTERS = ("all", "needs-review", "has-errors", "ready")
SORTS = ("folder", "title", "last-run", "reviewed", "errors")
PAGE_SIZE = 50


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


def reviewed_counts(path: Path) -> tuple[int, int]:
    """(reviewed entries, entries) of an article's PO file, as the manifest counts them (read
    with the format module alone: the pipeline is not imported to list articles)."""
    active = [e for e in load_po(path) if not e.obsolete and e.msgid]
    return sum(reviewed(e) for e in active), len(active)


class Listing:
    """The article folders of one output directory, re-read as their manifests change."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._rows: dict[str, tuple[tuple[int, int], Row]] = {}
        self._shares: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {}
        self._lock = threading.Lock()

    def shares(self, row: Row) -> list[tuple[str, int, int]]:
        """(language, reviewed, entries) of each language of one listed article, from its PO
        files (only for the rows of the page shown; re-read when a file changes). A missing or
        unreadable file is left out (the article view says what is wrong with it)."""
        found = []
        for lang in row.languages:
            path = self.out_dir / row.folder / f"{lang}.po"
            try:
                st = os.stat(path)
            except OSError:
                continue
            key = (st.st_mtime_ns, st.st_size)
            cached = self._shares.get(str(path))
            if cached is None or cached[0] != key:
                try:
                    cached = (key, reviewed_counts(path))
                except LocpipeError:
                    continue
                if len(self._shares) > 4 * PAGE_SIZE * 8:  # bounded: pages, not the archive
                    self._shares.clear()
                self._shares[str(path)] = cached
            found.append((lang, *cached[1]))
        return found

    def rows(self) -> list[Row]:
        """Every article folder with a readable manifest, by folder name."""
        found: list[Row] = []
        with os.scandir(self.out_dir) as it:
            names = sorted(e.name for e in it if e.is_dir(follow_symlinks=False))
        with self._lock:
            seen = set()
            for name in names:
                path = os.path.join(self.out_dir, name, MANIFEST_NAME)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                key = (st.st_mtime_ns, st.st_size)
                cached = self._rows.get(name)
                if cached is None or cached[0] != key:
                    try:
                        m = read_manifest(self.out_dir / name)
                    except LocpipeError:
                        continue
                    if m is None:
                        continue
                    cached = (key, row_of(name, m))
                    self._rows[name] = cached
                seen.add(name)
                found.append(cached[1])
            for gone in set(self._rows) - seen:
                del self._rows[gone]
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
