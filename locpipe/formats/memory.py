"""Translation memory: reviewed segments of earlier articles reused in later ones.

The memory is a directory (default `memory/`, `--memory DIR`) of PO files. `locpipe po apply`
merges each applied file's reviewed entries there, entry by entry, into one file per article and
language (`<folder>-<key>.<lang>.po`, the key a hash of the source's path: see `memory_file`), so
only what an editor has signed off enters the memory and nothing recorded is ever removed by
another article's `po apply`; PO files copied in by hand are read too. `translate` then reuses a
reviewed translation for an identical source segment (whitespace and quotes normalised, see
`po.normalise`), noting where it came from in the PO comment, and offers close matches (>= 85 %
similar, rapidfuzz) as a comment suggestion only.

Lookups: exact matches through a dict on normalised text; fuzzy matches with rapidfuzz over the
candidates a lossless metric filter keeps (`_PivotIndex`, built at the first fuzzy lookup): the
suggestion is always the one a scan of every entry would give.

This module is the memory store (a format); the stage that consults it during a run is
`locpipe.stages.memory.recall`.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import polib
from rapidfuzz import fuzz, process

from locpipe.fileio import write_text
from locpipe.formats.manifest import read_manifest
from locpipe.formats.po import (
    ARTICLE_HEADER,
    SOURCE_HEADER,
    escape_header,
    language,
    load_po,
    normalise,
    reviewed,
    tag_problem,
    unescape_header,
    visible,
)
from locpipe.identity import slug

FUZZY_CUTOFF = 85.0
PIVOTS = 32  # reference entries of the fuzzy index (benchmarks/memory_speed.py --pivots)
RECENT = 4_096  # fuzzy answers kept: a shard's segments (~300 per language) asked twice
CACHE_NAME = ".locpipe-cache.json"
CACHE_VERSION = 2
IDENTITY_HEADER = "X-Locpipe-Identity"  # the article a memory file records (locpipe.identity)


@dataclass(frozen=True)
class Hit:
    """A memory entry found for a segment; `score` is 100 for an exact match."""

    source: str
    target: str
    origin: str  # "file:line" of the reviewed entry
    score: float = 100.0


class Memory:
    """Reviewed (source, target) pairs of one target language, indexed for lookup."""

    def __init__(self) -> None:
        self._exact: dict[str, Hit] = {}
        self._keys: list[str] = []  # normalised sources in the order they were added
        self._index: _PivotIndex | None = None  # built at the first fuzzy lookup
        # the latest fuzzy answers: a run asks for each segment twice (is the article up to
        # date? then the memory stage), a few hundred segments apart; bounded, so flat
        self._recent: OrderedDict[tuple[str, float], Hit | None] = OrderedDict()

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, source: str, target: str, origin: str, key: str | None = None) -> None:
        """Add a reviewed pair; the first one recorded for a source text wins. `key` is
        `normalise(source)` when the caller has it already."""
        key = normalise(source) if key is None else key
        if not key or key in self._exact:
            return
        self._exact[key] = Hit(source, target, origin)
        self._keys.append(key)
        self._index = None  # rebuilt at the next fuzzy lookup
        self._recent.clear()

    def exact(self, text: str) -> Hit | None:
        """The reviewed translation of exactly this source text (normalised), if any."""
        return self._exact.get(normalise(text))

    def fuzzy(self, text: str, cutoff: float = FUZZY_CUTOFF) -> Hit | None:
        """The most similar different source text scoring at least `cutoff` (fuzz.ratio); of
        equal scores, the one added first. The same answer as `fuzzy_scan`, only faster."""
        key = normalise(text)
        if not key or not self._keys:
            return None
        asked = (key, cutoff)
        if asked in self._recent:
            self._recent.move_to_end(asked)
            return self._recent[asked]
        if self._index is None:
            self._index = _PivotIndex(self._keys)
        hit = self._hit(key, self._index.candidates(key, cutoff), cutoff)
        self._recent[asked] = hit
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return hit

    def fuzzy_scan(self, text: str, cutoff: float = FUZZY_CUTOFF) -> Hit | None:
        """`fuzzy` by brute force: rapidfuzz over every entry (the reference the index is
        tested and benchmarked against)."""
        key = normalise(text)
        return self._hit(key, range(len(self._keys)), cutoff) if key else None

    def _hit(self, key: str, ids, cutoff: float) -> Hit | None:
        """The best of the entries `ids` (ascending) other than `key` itself, if it reaches
        `cutoff`; ties go to the lowest id, as `process.extractOne` over every entry gives."""
        keys = self._keys
        choices = [keys[i] for i in ids]
        best: tuple[float, int] | None = None
        for found, score, i in process.extract(key, choices, scorer=fuzz.ratio, limit=None,
                                               score_cutoff=cutoff):
            if found != key and (best is None or score > best[0]
                                 or (score == best[0] and i < best[1])):
                best = (score, i)
        if best is None:
            return None
        hit = self._exact[choices[best[1]]]
        return Hit(hit.source, hit.target, hit.origin, round(best[0], 1))


class _PivotIndex:
    """A lossless candidate filter for `fuzz.ratio(a, b) >= cutoff` over many entries.

    fuzz.ratio is 100 * (1 - d / (|a| + |b|)), d the Indel distance (insertions and deletions),
    so a score >= cutoff needs d <= (1 - cutoff/100) * (|a| + |b|). The Indel distance is a
    metric, so for any reference entry p (a pivot), d(a, b) >= |d(a, p) - d(p, b)|: with the
    distances of every entry to PIVOTS pivots computed once (an int16/int32 matrix), a query
    needs only its own distances to the pivots to rule out, without scoring them, the entries
    whose lower bound already exceeds what the cutoff allows (LAESA, Mico et al. 1994). Nothing
    that could reach the cutoff is ever dropped, so the rapidfuzz scoring of what is left gives
    exactly the answer of a scan over every entry. Entries are kept sorted by length, so the
    length bound (|a| - |b| <= d) is a slice; the pivot nearest the query (the tightest bound)
    is applied first, the others only to what is still left. Hand-written: rapidfuzz has no
    index, and the q-gram count filter it was compared with kept ~24 % of a wire-style memory
    (benchmarks/memory_speed.py)."""

    def __init__(self, keys: list[str], pivots: int | None = None) -> None:
        import numpy as np  # a dependency of ctranslate2; imported here to keep imports light
        from rapidfuzz.distance import Indel

        self._np = np
        lens = np.fromiter(map(len, keys), np.int64, len(keys))
        self.order = np.argsort(lens, kind="stable")  # entry ids by length
        self.lens = lens[self.order]
        self.pivots = _spread(keys, PIVOTS if pivots is None else pivots)
        dtype = np.int16 if 2 * int(self.lens[-1]) < 2 ** 15 else np.int32
        self.dist = process.cdist(self.pivots, [keys[i] for i in self.order],
                                  scorer=Indel.distance, dtype=np.int32, workers=1).astype(dtype)
        self._indel = Indel.distance

    def candidates(self, key: str, cutoff: float):
        """Ids (ascending) of every entry that could score >= cutoff against `key`."""
        np = self._np
        n = len(key)
        slack = 1.0 - cutoff / 100.0
        if slack <= 0:  # only the text itself could score 100: it is never suggested
            return []
        r = cutoff / (200.0 - cutoff)  # length window: 2 * min / (n + m) >= the score
        # (one character wider on each side: a rounding can only let more through)
        start = int(np.searchsorted(self.lens, math.ceil(n * r) - 1, "left"))
        stop = int(np.searchsorted(self.lens, math.floor(n / r) + 1, "right"))
        if start >= stop:
            return []
        near = [self._indel(key, p) for p in self.pivots]
        # the largest distance allowed anywhere in the window, then per entry (1e-6: a
        # rounding of rapidfuzz's score can only let more through, never fewer)
        widest = math.floor(slack * (n + int(self.lens[stop - 1])) + 1e-6)
        first, *rest = sorted(range(len(near)), key=near.__getitem__)
        row = self.dist[first, start:stop]
        cand = np.flatnonzero(np.abs(row.astype(np.int32) - near[first]) <= widest) + start
        allowed = np.floor(slack * (n + self.lens[cand]) + 1e-6).astype(np.int64)
        for p in [first, *rest]:
            if len(cand) <= 16:
                break
            keep = np.abs(self.dist[p, cand].astype(np.int64) - near[p]) <= allowed
            cand, allowed = cand[keep], allowed[keep]
        return np.sort(self.order[cand]).tolist()


def _spread(keys: list[str], count: int) -> list[str]:
    """`count` pivots far from each other (farthest-first among a fixed sample of entries):
    pivots that resemble each other give the same bound twice."""
    import random

    rng = random.Random(0)
    sample = keys if len(keys) <= 2000 else rng.sample(keys, 2000)
    chosen = [sample[0]]
    nearest = [0.0] * len(sample)  # similarity of each sampled entry to its closest pivot
    while len(chosen) < min(count, len(sample)):
        scores = process.cdist([chosen[-1]], sample, scorer=fuzz.ratio, workers=1)[0]
        nearest = [max(a, float(b)) for a, b in zip(nearest, scores, strict=True)]
        far = min(range(len(sample)), key=nearest.__getitem__)
        if nearest[far] >= 100.0:
            break  # every sampled entry is a pivot already
        chosen.append(sample[far])
    return chosen


def _po_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*.po")
                  if not any(part.startswith(".") for part in p.relative_to(directory).parts))


def _usable(e: polib.POEntry) -> bool:
    """A reviewed, current entry whose tags match its source (broken ones never spread)."""
    return (bool(e.msgid) and not e.obsolete and reviewed(e)
            and tag_problem(e.msgctxt or "", e.msgid, e.msgstr) is None)


def _scan(directory: Path) -> dict[str, list[list]]:
    """Usable entries per language: [source, target, relative path, line, normalised source]."""
    entries: dict[str, list[list]] = {}
    for path in _po_files(directory):
        catalog = load_po(path)
        lang = language(catalog)
        rel = path.relative_to(directory).as_posix()
        entries.setdefault(lang, []).extend([e.msgid, e.msgstr, rel, e.linenum, normalise(e.msgid)]
                                            for e in catalog if _usable(e))
    return entries


def lookup(mem: Memory, text: str) -> tuple[Hit | None, Hit | None]:
    """A segment's memory lookup: (the exact hit, else None; the closest near one when there
    is no exact hit, else None)."""
    exact = mem.exact(text)
    return exact, (mem.fuzzy(text) if exact is None else None)


def load_memories(directory: Path) -> dict[str, Memory]:
    """Every reviewed entry of the PO files under `directory`, per language (missing dir: none).

    Parsing 100,000 entries with polib takes seconds, so the result is cached in
    `DIR/.locpipe-cache.json`, valid while no PO file under DIR is added, removed or changed
    (names, sizes and modification times are compared). The cache is disposable: one that
    cannot be read, or whose rows are not what this version writes (edited by hand, cut short,
    written by another tool), is rebuilt from the PO files without a word.
    """
    files = _po_files(directory)
    if not files:
        return {}
    stamp = [[p.relative_to(directory).as_posix(), p.stat().st_mtime_ns, p.stat().st_size]
             for p in files]
    cache = directory / CACHE_NAME
    prefix = {rel: f"{directory / rel}:" for rel, _, _ in stamp}

    def build(entries: dict) -> dict[str, Memory]:
        memories: dict[str, Memory] = {}
        for lang, rows in entries.items():
            mem = memories[lang] = Memory()
            for source, target, rel, line, key in rows:
                if not (isinstance(lang, str) and isinstance(source, str)
                        and isinstance(target, str) and isinstance(key, str)
                        and isinstance(line, int) and rel in prefix):
                    raise ValueError("not a row of this cache")
                mem.add(source, target, f"{prefix[rel]}{line}", key)
        return memories

    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("version") == CACHE_VERSION and data.get("files") == stamp:
            return build(data["entries"])
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        pass  # unreadable or malformed: rebuilt below
    entries = _scan(directory)
    try:
        write_text(cache, json.dumps({"version": CACHE_VERSION, "files": stamp,
                                      "entries": entries}, ensure_ascii=False))
    except OSError:
        pass  # a read-only memory still works, only slower
    return build(entries)


def load_memory(directory: Path, lang: str) -> Memory:
    """The memory of one target language (see `load_memories`)."""
    return load_memories(directory).get(lang, Memory())


def memory_file(po_file: Path, catalog: polib.POFile, memory_dir: Path) -> Path:
    """Where the reviewed entries of an article's PO file are recorded: one file per article
    and language, `<folder>-<key>.<lang>.po`, the key a hash of the article's source file (its
    real path), so same-named articles of different folders or output directories never share
    a memory file."""
    folder = po_file.resolve().parent
    ref = unescape_header(catalog.metadata.get(SOURCE_HEADER, ""))
    source = os.path.realpath(folder / ref) if ref else str(folder)
    key = hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    name = catalog.metadata.get(ARTICLE_HEADER, "") or folder.name
    return memory_dir / f"{slug(name)}-{key}.{language(catalog)}.po"


def record(po_file: Path, memory_dir: Path) -> Path:
    """Merge the reviewed entries of an article's PO file into the memory, entry by entry:
    an entry is keyed by the article (its memory file, see `memory_file`) and its segment
    (msgctxt and msgid); a newer translation of the same key replaces the older one and
    nothing recorded before is removed. Returns the memory file."""
    catalog = load_po(po_file)
    lang = language(catalog)
    target = memory_file(po_file, catalog, memory_dir)
    previous = load_po(target) if target.exists() else None
    folder = po_file.resolve().parent
    owner = read_manifest(folder)
    article = owner.identity if owner is not None else (
        catalog.metadata.get(ARTICLE_HEADER, "") or folder.name)
    kept = polib.POFile(wrapwidth=0)
    kept.header = (f"Reviewed entries of {visible(article)} ({lang}) recorded by `locpipe po "
                   "apply`; merged entry by entry, never removed.")
    kept.metadata = dict(catalog.metadata)
    kept.metadata[IDENTITY_HEADER] = escape_header(article)
    entries: dict[tuple[str | None, str], polib.POEntry] = {}
    for e in (previous or []):
        if _usable(e):
            entries[(e.msgctxt, e.msgid)] = polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid,
                                                          msgstr=e.msgstr)
    for e in catalog:
        if _usable(e):
            entries[(e.msgctxt, e.msgid)] = polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid,
                                                          msgstr=e.msgstr)
    for e in entries.values():
        kept.append(e)
    write_text(target, str(kept) + "\n")
    return target


@dataclass
class Stats:
    files: int
    entries: dict[str, int]  # language -> distinct reviewed source segments


def stats(directory: Path) -> Stats:
    """How big the memory is: PO files, and distinct reviewed segments per language."""
    memories = load_memories(directory)
    return Stats(len(_po_files(directory)),
                 {lang: len(mem) for lang, mem in sorted(memories.items()) if lang})
