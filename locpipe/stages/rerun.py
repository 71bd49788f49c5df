"""The re-run stages: what lets a run redo only what changed, and keep what an editor did.

- `note_inputs`: each article's source digest and everything else its pages depend on (the
  run's settings, the glossary entries its text matches, the memory entries its segments
  hit): the staleness digest a manifest records. The memory lookups made for it are kept
  (`Incoming.recalled`) and handed to the memory stage (`Context.recalled`): one lookup per
  segment and language.
- `skip_up_to_date` (incremental runs): an article whose manifest says its outputs are up to
  date is settled, checked under its folder's lock.
- `read_reviewed`: each article's existing PO files, read and matched once, handed to the
  reuse stage (`Context.reviewed`) and to the PO writer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from locpipe.context import Resources, RunSignature, Settings, stage
from locpipe.document import Document, Draft, each
from locpipe.formats import po
from locpipe.formats.manifest import (
    MANIFEST_NAME,
    ArticleLock,
    Manifest,
    content_hash,
    read_manifest,
    stale_reason,
    text_hash,
)
from locpipe.formats.memory import Hit, lookup

if TYPE_CHECKING:
    from locpipe.context import Context


@dataclass
class Incoming(Draft):
    """A Draft as the run follows it through the article stages: what its pages depend on
    besides its text (`inputs`: the staleness digest), the memory lookups made for it, the
    lock on its folder, its manifest when up to date, its reviewed PO files (read once)."""

    sha: str = ""  # of the source file
    inputs: dict[str, Any] = field(default_factory=dict)
    recalled: dict[str, dict[str, tuple[Hit | None, Hit | None]]] = field(default_factory=dict)
    lock: ArticleLock | None = None
    recorded: Manifest | None = None  # settled (up to date): what its manifest recorded
    earlier: dict[str, po.Reviewed | None] = field(default_factory=dict)


@stage(requires=("segments",), assigns=("inputs",),
       label="looking up the memory and the glossary")
def note_inputs(drafts: list[Incoming], ctx: Context) -> None:
    """Stage: each article's source digest, memory lookups (made once: the memory stage uses
    them, `Context.recalled`) and the digest of everything its pages depend on."""
    settings, resources = ctx.settings, ctx.resources
    run_digest = RunSignature(settings).digest()

    def note(d: Incoming) -> None:
        d.sha = content_hash(d.path)
        d.recalled = recall_all(d.doc, settings, resources)  # type: ignore[arg-type]
        d.inputs = {"settings": run_digest,
                    **used(d.doc, settings, resources, d.recalled)}  # type: ignore[arg-type]

    each(drafts, note)


@stage(requires=("inputs",), assigns=("lock",), label="checking what is up to date")
def skip_up_to_date(drafts: list[Incoming], ctx: Context) -> None:
    """Stage (incremental runs, `Context.incremental`): an article whose manifest says its
    outputs are up to date is settled; checked under its folder's lock (a killed run's temp
    files go). Other runs translate every article: nothing to check."""
    if not ctx.incremental:
        return
    settings = ctx.settings

    def check(d: Incoming) -> None:
        out = settings.out_dir / d.folder
        if not (out / MANIFEST_NAME).exists():
            return
        d.lock = ArticleLock(out)
        d.lock.acquire()
        d.recorded = read_manifest(out)
        if stale_reason(out, d.recorded, d.sha, settings.targets, d.inputs) is None:
            d.lock.release()
            d.settled = True

    each(drafts, check)


@stage(requires=("segments",), assigns=("lock", "reviewed"),
       label="reading the reviewed PO files")
def read_reviewed(drafts: list[Incoming], ctx: Context) -> None:
    """Stage: lock each article's folder (cleaning what a killed run left) and read the PO
    files the run reuses and merges with, once (handed down in `Context.reviewed`)."""
    settings = ctx.settings

    def prepare(d: Incoming) -> None:
        if d.lock is None:  # (an incremental run took it to check the folder)
            d.lock = ArticleLock(settings.out_dir / d.folder)
            d.lock.acquire()
        for lang in settings.targets:
            path = po.po_path(settings.out_dir, d.folder, lang)
            d.earlier[lang] = po.read_reviewed(path, lang, d.folder,
                                               d.doc.segments)  # type: ignore[union-attr]

    each(drafts, prepare)


def recall_all(doc: Document, settings: Settings, resources: Resources
            ) -> dict[str, dict[str, tuple[Hit | None, Hit | None]]]:
    """Each segment's memory lookup per target language, made once: the staleness digest
    hashes it and the memory stage uses it (`Context.recalled`)."""
    found: dict[str, dict[str, tuple[Hit | None, Hit | None]]] = {}
    for lang in settings.targets:
        mem = resources.memories.get(lang)
        found[lang] = {seg.id: lookup(mem, seg.text) for seg in doc.segments} if mem else {}
    return found


def used(doc: Document, settings: Settings, resources: Resources,
          recalled: dict[str, dict[str, tuple[Hit | None, Hit | None]]]) -> dict[str, Any]:
    """Digests of the glossary entries the article's source matches and of the memory entries
    its segments hit (exactly or as a suggestion: `recalled`), per target language."""
    langs = (settings.source_lang, *settings.targets)
    gloss = resources.glossary
    entries = set()
    if gloss.entries:
        written: dict[int, str] = {}  # each entry's JSON, written once an article (not per match)
        for seg in doc.segments:
            for m in gloss.find(seg.text):
                e = m.entry
                text = written.get(id(e))
                if text is None:
                    text = written[id(e)] = json.dumps(
                        [e.policy, e.type, {k: e.forms.get(k) for k in langs}],
                        sort_keys=True, ensure_ascii=False)
                entries.add(text)
    memory_: dict[str, str] = {}
    for lang in settings.targets:
        found = recalled[lang]
        hits = [[hit.source, hit.target, hit.origin]
                for seg in doc.segments
                if (hit := next((h for h in found.get(seg.id, ()) if h), None))
                ] if found else []  # (no memory for the language: nothing to look through)
        memory_[lang] = text_hash(json.dumps(hits, ensure_ascii=False))
    return {"glossary": text_hash("\n".join(sorted(entries))), "memory": memory_}
