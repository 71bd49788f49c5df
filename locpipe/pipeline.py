"""The pipeline: the stage order and the run over shards (an article's files are rendered and
written by `locpipe.publish`).

The stage order is declared once, in two `context.Pipeline` values, each checked against
every stage's declared contract (what it requires and assigns) when it is built:
ARTICLE_PIPELINE per article, before any target language (read, segment, what the article
uses, up to date?, the source-language check, its reviewed PO files: a stage that fails on
one article fails that article alone), and TARGET_PIPELINE per target language over every
segment of a shard.

A run streams: `run` finds the sources, gives each its output folder (one FolderIndex, in
this process, so two articles never take the same folder) and cuts them into shards of about
DEFAULT_SHARD_SEGMENTS segments / DEFAULT_SHARD_ARTICLES articles (`plan_shards`). Each shard
(`run_shard`) runs the article stages over its articles, the target stages per language over all
its segments at once (the engine still gets full batches), and writes each article — pages,
report, PO files and manifest, all or none — as soon as its languages are done; then the
shard is dropped, so memory stays flat however many articles there are. Loaded models and the
glossary and memory stay for the next shard (`resources`; Argos models are cached per
process). An incremental run (`incremental=True`) skips the articles whose manifest says their
outputs are up to date; a killed run therefore resumes where it stopped, redoing at most the
shards that were in flight. `executor` runs the shards somewhere else (a Dask cluster, see
`locpipe.cluster`): the same shards, the same per-article writes, from the workers. The run
itself keeps counts and totals, not one record per article (`RunResult`): at the end
`OUT/index.html` is rebuilt from the manifests (`formats.runindex`), and `RunResult.records`
reads them back for `--format json`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from locpipe.context import (
    ARTICLE_START,
    Context,
    Pipeline,
    Resources,
    RetryBudget,
    Settings,
    initialize,
)
from locpipe.document import SEVERITIES, Document, Draft, Unit, tally
from locpipe.engines import Engine, release_memory
from locpipe.errors import ConfigError, InputError, LocpipeError
from locpipe.formats import runindex
from locpipe.formats.manifest import (
    MANIFEST_NAME,
    FolderIndex,
    Manifest,
    read_manifest,
    tidy,
)
from locpipe.formats.readers import FORMATS
from locpipe.identity import identity
from locpipe.publish import (
    Article,
    ArticleSummary,
    EngineInfo,
    any_pseudo,
    encoded,
    manifest,
    manifest_engines,
    render_article,
    summarise,
    write_files,
)
from locpipe.stages import (
    check,
    detect,
    glossary,
    localize,
    memory,
    protect,
    read,
    rerun,
    reuse,
    segment,
    translate,
    typography,
)
from locpipe.stages.rerun import Incoming

# Per article, in this order, before any target language: a failed article stops here alone.
ARTICLE_PIPELINE = Pipeline([
    read.read_articles,
    segment.segment_articles,
    rerun.note_inputs,
    rerun.skip_up_to_date,
    detect.check_source,
    rerun.read_reviewed,
], start=ARTICLE_START)

# Reading and segmenting alone: a run's totals, `locpipe segment`, po apply.
READING = ARTICLE_PIPELINE.without("rerun", "detect")

# Per target language, in this order, over every unit of the run.
TARGET_PIPELINE = Pipeline([
    reuse.reuse,
    memory.recall,
    detect.keep_foreign,
    protect.prepare,
    glossary.mask_terms,
    localize.mask,
    translate.translate_units,
    detect.check_output,
    localize.restore,
    glossary.restore_terms,
    protect.finish,
    typography.typography,
    check.run_checks,
])


LISTED = 10  # written articles a run's summary names (the first, in input order)


@dataclass
class Counts:
    """Findings counted per severity and per check, added up from tallies (`document.tally`:
    a written article's own, or what an up-to-date article's manifest recorded)."""

    severity: Counter[str] = field(default_factory=Counter)
    check: Counter[str] = field(default_factory=Counter)

    def add(self, counted: dict | None) -> None:
        for key in ("severity", "check"):
            part = (counted or {}).get(key)
            if isinstance(part, dict):
                getattr(self, key).update({k: v for k, v in part.items()
                                           if isinstance(v, int) and v > 0})

    def tally(self) -> dict[str, dict[str, int]]:
        """As `document.tally` orders it: severities most severe first, checks by name."""
        order = (*SEVERITIES, *sorted(set(self.severity) - set(SEVERITIES)))
        return {"severity": {s: self.severity[s] for s in order if self.severity[s]},
                "check": dict(sorted((c, n) for c, n in self.check.items() if n))}


@dataclass
class RunResult:
    """What a run did, in a size that does not grow with the run: counts and totals over the
    written articles, the first LISTED of them, and where each article went; `records()`
    reads each article's detail back from its manifest, one at a time. `articles` holds the
    written articles themselves only when the run was asked to keep them."""

    articles: list[Article]
    failures: list[LocpipeError]
    engines: dict[str, Engine]
    budgets: dict[str, RetryBudget] = field(default_factory=dict)  # per language, all shards
    out_dir: Path | None = None
    index: Path | None = None  # OUT/index.html, rebuilt from the manifests
    written: int = 0  # articles written
    skipped: int = 0  # articles up to date
    listed: list[ArticleSummary] = field(default_factory=list)  # the first LISTED written
    findings: Counter[tuple[str, str]] = field(default_factory=Counter)  # (severity, check)
    terms: dict[str, dict[str, int]] = field(default_factory=dict)  # per language: found...
    placed: list[tuple[Source, str]] = field(default_factory=list)  # (source, folder), in order
    status: dict[str, str] = field(default_factory=dict)  # folder -> "written" or "skipped"
    glossary_entries: int = 0  # in the glossary the run used
    judged: Counts = field(default_factory=Counts)  # every article: written and up to date
    per_language: dict[str, Counts] = field(default_factory=dict)  # the same, per language
    segments: Counter[str] = field(default_factory=Counter)  # "written" / "skipped" articles'
    recorded_engines: dict[str, EngineInfo] = field(default_factory=dict)  # from manifests
    memory_entries: dict[str, int] = field(default_factory=dict)  # reviewed, per language

    @property
    def pseudo(self) -> bool:
        return any_pseudo(self.all_engines)

    @property
    def all_engines(self) -> dict[str, Any]:
        """Per language, the engine of this run, else the one the up-to-date articles'
        manifests recorded."""
        return {**self.recorded_engines, **self.engines}

    def tally(self) -> dict[str, dict[str, int]]:
        """The findings of the written articles, counted per severity and per check."""
        return tally(self.findings.elements())

    def tally_all(self) -> dict[str, dict[str, int]]:
        """The findings of every article of the run: those written now and those up to date
        (as their manifests recorded them) — what a publishing gate judges."""
        return self.judged.tally()

    def records(self) -> Iterator[dict[str, Any]]:
        """Every article the run wrote or found up to date (failures aside), in input order,
        as `--format json` lists it, read back from its manifest as it is asked for: a run of
        thousands of articles never holds them all."""
        for src, folder in self.placed:
            status = self.status.get(folder)
            if status is None or self.out_dir is None:
                continue
            out = self.out_dir / folder
            try:
                m = read_manifest(out)
            except LocpipeError:  # changed under us since it was written: say what we know
                m = None
            # an up-to-date article: what its manifest recorded when it was written
            yield {"identity": src.identity, "source": str(src.path), "folder": folder,
                   "status": status, "title": m.title if m else "",
                   "languages": list(m.languages) if m else [],
                   "segments": m.segments if m else 0,
                   "findings": (m.findings if m and m.findings is not None else tally(())),
                   "reviewed": list(m.reviewed) if m else [0, 0],
                   "engines": {lang: {"name": e.name, "model": e.model_id}
                               for lang, e in manifest_engines(m).items()} if m else {},
                   "written": m.written if m else "",
                   "files": ([str(out / name) for name in m.files or {}]
                             + [str(out / MANIFEST_NAME)]) if m else []}


@dataclass
class Source:
    """An article file to translate and its identity (see `locpipe.identity`)."""

    path: Path
    identity: str


DEFAULT_SHARD_SEGMENTS = 300  # segments per shard: fills the engine's batches, memory stays flat
DEFAULT_SHARD_ARTICLES = 40  # and never more articles than this in one shard
BYTES_PER_SEGMENT = 100  # measured on wire text (88-120 bytes a segment): sizes shards unread

# The events whose counts `on_progress(kind, count)` receives (the rest only go to on_event).
COUNTED = ("total", "translated", "retried", "written", "skipped", "failed")


@dataclass
class Event:
    """One progress event: `kind` is "plan" (count: articles in the run), "planned"
    (segments: segment-languages of the run, counted before the first shard), "shard" (a shard
    starts), "stage" (a stage starts), "total" (segment-languages to translate, added per
    shard), "translated" / "retried" (segment-languages done or retried), "written" /
    "skipped" / "failed" (one article each)."""

    kind: str
    count: int = 0
    article: str = ""
    lang: str = ""
    stage: str = ""
    segments: int = 0  # "planned": segment-languages of the run; "skipped" / "failed": the
    # article's, which will not be translated (0 when it could not be read)


@dataclass
class Shard:
    """Articles run together (their segments go to the engine as one batch per language)."""

    number: int
    items: list[tuple[Source, str]]  # (source, its output folder name)
    of: int = 0
    first: int = 0  # the position of its first article in the run


@dataclass
class ShardResult:
    summaries: list[ArticleSummary]
    failures: list[LocpipeError]
    engines: dict[str, EngineInfo]
    articles: list[Article] = field(default_factory=list)
    budgets: dict[str, RetryBudget] = field(default_factory=dict)  # per language


# Runs shards elsewhere: executor(run_shard, shards, settings, incremental) yields each
# shard's ShardResult as it completes (see locpipe.cluster).
Executor = Callable[..., Iterable[ShardResult]]


def find_sources(inputs: list[Path], out_dir: Path | None = None
                 ) -> tuple[list[Source], list[LocpipeError]]:
    """Files as given; directories searched recursively for article files, leaving out hidden
    files and folders and the pages of an earlier run (anything under `out_dir`). A directory
    without article files is a failure of its own; the same file reached twice counts once."""
    out = out_dir.resolve() if out_dir else None
    sources: list[Source] = []
    failures: list[LocpipeError] = []
    seen: set[str] = set()
    for p in inputs:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in FORMATS
                           and not any(part.startswith(".") for part in f.relative_to(p).parts)
                           and not (out and f.resolve().is_relative_to(out)))
            if not found:
                failures.append(InputError("directory has no article files "
                                           f"({', '.join(sorted(FORMATS))})", p))
            found_here = [Source(f, identity(f, root=p)) for f in found]
        else:
            found_here = [Source(p, identity(p))]
        for src in found_here:
            key = os.path.realpath(src.path)
            if key not in seen:
                seen.add(key)
                sources.append(src)
    return sources, failures


def expand_inputs(inputs: list[Path], out_dir: Path | None = None) -> list[Path]:
    """The article files of `inputs` (see `find_sources`); raises the first failure."""
    sources, failures = find_sources(inputs, out_dir)
    if failures:
        raise failures[0]
    return [s.path for s in sources]


def _not_translated(path: Path, exc: LocpipeError) -> LocpipeError:
    """A failure of one article, as one line that names the article's file."""
    if exc.path is not None and Path(str(exc.path)) == path:
        return exc
    failure = LocpipeError(f"{exc}; {path} was not translated")
    failure.path = path
    return failure


def run(inputs: list[Path], settings: Settings,
        on_progress: Callable[[str, int], None] | None = None, *,
        folders: dict[str, str] | None = None, on_event: Callable[[Event], None] | None = None,
        incremental: bool = False, keep: bool = True,
        shard_segments: int = DEFAULT_SHARD_SEGMENTS,
        shard_articles: int = DEFAULT_SHARD_ARTICLES,
        executor: Executor | None = None, stages: Pipeline | None = None,
        articles: Pipeline | None = None, count: bool = True) -> RunResult:
    """Translate every article into every target language and write the pages, shard by
    shard (see the module docstring).

    A failure of one article (its input, its output folder, its existing PO files, writing
    its files) is reported in `RunResult.failures` and the other articles are written;
    `RunResult.articles` holds the articles whose files were written (with their units), only
    when `keep`; otherwise the run keeps counts and totals (see `RunResult`). `folders` maps
    a source's real path to the folder it must use (po apply: the folder of the PO file).
    `incremental` skips the articles whose outputs are up to date
    (`formats.manifest.stale_reason`); `executor` runs the shards elsewhere (`locpipe.cluster`).
    `on_progress(kind, count)` gets the counts ("total", "translated", "retried", "written");
    `on_event(Event)` gets every event, labelled with article, language and stage. `stages`
    runs another pipeline than TARGET_PIPELINE (e.g. `TARGET_PIPELINE.without("check")`),
    `articles` another than ARTICLE_PIPELINE. `count=False` spares reading and segmenting
    every article once more for the "planned" event (a display without a live total)."""
    told: Counter[str] = Counter()  # events by kind: were articles written, up to date?
    report_ = _emitter(on_progress, on_event)

    def emit(event: Event) -> None:
        told[event.kind] += 1
        report_(event)
    if shard_segments < 1 or shard_articles < 1:
        raise ConfigError("--shard-size must be at least 1 (segments per shard)")
    placed, failures = place(inputs, settings.out_dir, folders)
    shards = plan_shards(placed, shard_segments, shard_articles)
    emit(Event("plan", len(placed), stage=f"{len(shards)} shard(s)"))
    result = RunResult([], failures, {}, out_dir=settings.out_dir, placed=placed)
    resources = initialize(settings)  # a broken glossary or memory stops the run here
    result.glossary_entries = len(resources.glossary.entries)
    result.memory_entries = {lang: len(mem) for lang, mem in sorted(resources.memories.items())
                             if lang}
    stream = None
    if executor is not None:  # submitted before the count below: the workers start at once
        shard_fn = run_shard if stages is None and articles is None else partial(
            run_shard, stages=stages, articles=articles)
        stream = executor(shard_fn, shards, settings, incremental)
    try:
        if on_event is not None and count:  # a display: the totals before the first shard's
            emit(Event("planned", segments=count_segments(placed, settings)
                       * len(settings.targets)))
        if stream is None:
            for shard in shards:
                _collect(result, run_shard(shard, settings, incremental=incremental, keep=keep,
                                           resources=resources, emit=emit, stages=stages,
                                           articles=articles))
        else:
            for shard_result in stream:
                _collect(result, shard_result)
                _retell(shard_result, emit)
    finally:  # even on Ctrl-C
        _index(result, told["written"], told["skipped"])
    return result


def _index(result: RunResult, written: int, skipped: int) -> None:
    """Rebuild OUT/index.html from the manifests; a run that wrote nothing and found nothing
    up to date (every article failed) leaves the index as it was."""
    out = result.out_dir or Path()
    if written or (skipped and (out / runindex.INDEX_NAME).exists()):
        try:
            result.index = runindex.rebuild(out)
        except LocpipeError as exc:
            result.failures.append(exc)


def place(inputs: list[Path], out_dir: Path, folders: dict[str, str] | None = None
          ) -> tuple[list[tuple[Source, str]], list[LocpipeError]]:
    """The run's sources (`find_sources`), each given its output folder (one FolderIndex, so
    two articles never take the same folder; `folders` imposes some), in input order; and
    the failures of those that could not be found or placed. Folders a killed run left
    holding only its lock are tidied first."""
    sources, failures = find_sources(inputs, out_dir)
    tidy(out_dir)
    index = FolderIndex(out_dir, folders)
    placed: list[tuple[Source, str]] = []
    for src in sources:
        try:
            placed.append((src, index.assign(src.path, src.identity)))
        except LocpipeError as exc:
            failures.append(_not_translated(src.path, exc))
    return placed, failures


def _retell(shard: ShardResult, emit: Callable[[Event], None]) -> None:
    """The events of a shard run elsewhere (a cluster's worker), told from its result."""
    for s in shard.summaries:
        segments = s.segments * len(s.languages)
        if s.status == "written":
            emit(Event("total", segments, article=s.identity))
            emit(Event("translated", segments, article=s.identity))
        emit(Event(s.status, 1, article=s.identity,
                   segments=0 if s.status == "written" else segments))
    for f in shard.failures:
        emit(Event("failed", 1, article=str(getattr(f, "path", "") or "")))


def count_segments(placed: list[tuple[Source, str]], settings: Settings) -> int:
    """The segments of the run's articles, read and segmented once more (about a millisecond
    an article): an article that cannot be read counts 0 (its failure comes with its shard)."""
    total = 0
    for src, folder in placed:  # one at a time: memory stays flat
        try:
            total += len(read_article(src.path, settings.encoding, folder).segments)
        except LocpipeError:
            continue
    return total


def read_article(path: Path, encoding: str = "utf-8", folder: str = "") -> Document:
    """One article read and segmented by the article stages (READING), its document named
    `folder` (default: the reader's slug of its file name); raises their failure."""
    return article(Draft(path, folder), Settings(targets=[], encoding=encoding), READING)


def article(draft: Draft, settings: Settings, stages: Pipeline) -> Document:
    """One article through article stages; its document, or raises its failure."""
    stages.run([draft], Context(settings.source_lang, settings))
    if draft.failure is not None:
        raise draft.failure
    return draft.doc  # type: ignore[return-value]


def _collect(result: RunResult, shard: ShardResult) -> None:
    """Add a shard's outcome to the run's counts and totals; its summaries go (but the first
    LISTED written ones, kept for the run's summary)."""
    for s in shard.summaries:
        result.status[s.folder] = s.status
        result.segments[s.status] += s.segments
        for lang, counted in s.by_language.items():
            result.per_language.setdefault(lang, Counts()).add(counted)
        if s.status != "written":
            result.skipped += 1
            result.judged.add(s.recorded)
            for lang, engine in s.engines.items():
                result.recorded_engines.setdefault(lang, engine)
            continue
        result.written += 1
        result.findings.update(s.findings)
        result.judged.add(tally(s.findings))
        for lang, c in s.terms.items():
            into = result.terms.setdefault(lang, {"found": 0, "right": 0, "flagged": 0})
            for k in into:
                into[k] += c.get(k, 0)
        if len(result.listed) < LISTED or s.position < result.listed[-1].position:
            # (shards from a cluster come in any order)
            result.listed = sorted([*result.listed, s], key=lambda x: x.position)[:LISTED]
    result.failures += shard.failures
    result.articles += shard.articles
    for lang, engine in shard.engines.items():
        result.engines.setdefault(lang, engine)
    for lang, budget in shard.budgets.items():  # each shard has its own; the run sums them
        result.budgets.setdefault(lang, RetryBudget(budget.ratio)).add(budget)


def plan_shards(placed: list[tuple[Source, str]], segments: int, articles: int
                ) -> list[Shard]:
    """Cut the run into shards of about `segments` segments (estimated from file sizes,
    BYTES_PER_SEGMENT each, so no article is read twice) and at most `articles` articles,
    in the order given: the same inputs always give the same shards (and the same batches,
    so a cluster run writes the same pages as one process)."""
    shards: list[Shard] = []
    items: list[tuple[Source, str]] = []
    size = first = 0
    for src, folder in placed:
        try:
            est = max(1, src.path.stat().st_size // BYTES_PER_SEGMENT)
        except OSError:
            est = 1
        if items and (size + est > segments or len(items) >= articles):
            shards.append(Shard(len(shards) + 1, items, first=first))
            first += len(items)
            items, size = [], 0
        items.append((src, folder))
        size += est
    if items:
        shards.append(Shard(len(shards) + 1, items, first=first))
    for shard in shards:
        shard.of = len(shards)
    return shards


def run_shard(shard: Shard, settings: Settings, *, incremental: bool = False,
              keep: bool = False, resources: Resources | None = None,
              emit: Callable[[Event], None] | None = None,
              stages: Pipeline | None = None, articles: Pipeline | None = None
              ) -> ShardResult:
    """Read, check, translate and write the articles of one shard (`articles`, then `stages`
    per language); each article's files are written (all or none) as soon as its languages
    are done. Runs in the main process or on a Dask worker (its files then go to the shared
    output folder from there)."""
    emit = emit or (lambda event: None)
    resources = initialize(settings) if resources is None else resources
    result = ShardResult([], [], {})
    emit(Event("shard", shard.number, stage=f"shard {shard.number}/{shard.of}"))
    drafts = [Incoming(src.path, folder, src.identity, position)
              for position, (src, folder) in enumerate(shard.items, start=shard.first)]
    articles = articles or ARTICLE_PIPELINE
    first = _first(drafts)
    try:
        articles.run(drafts, Context(settings.source_lang, settings, resources,
                                     incremental=incremental),
                     lambda fn: emit(Event("stage", article=first, stage=fn.label)))
        ready = _sort_out(drafts, settings, result, emit)
        # each shard its own engines (an engine keeps per-text state, e.g. markup paths, that
        # must not grow over a run; Argos models themselves are cached per process)
        engines = _translate([art for art, _ in ready], settings, emit,
                             replace(resources, engines={}), result.budgets,
                             stages or TARGET_PIPELINE)
        result.engines = {lang: EngineInfo.of(e) for lang, e in engines.items()}
        for art, d in ready:
            _write_article(art, d.sha, d.inputs, d.position, settings, engines, result, emit,
                           keep)
    finally:
        for d in drafts:
            if d.lock is not None:
                d.lock.release()
    return result


def _first(articles: list[Article] | list[Incoming]) -> str:
    """How progress names a batch of articles: "nile-ferry +3 more"."""
    more = f" +{len(articles) - 1} more" if len(articles) > 1 else ""
    return (articles[0].identity + more) if articles else ""


def _sort_out(drafts: list[Incoming], settings: Settings, result: ShardResult,
              emit: Callable[[Event], None]) -> list[tuple[Article, Incoming]]:
    """After the article stages: a failed article goes into the shard's failures, an up-to-date
    one into its summaries (each said as it is), the others on to translation, as Articles."""
    langs = len(settings.targets)
    ready: list[tuple[Article, Incoming]] = []
    for d in drafts:
        segments = len(d.doc.segments) * langs if d.doc is not None else 0
        if d.failure is not None:
            if d.lock is not None:
                d.lock.release()
            result.failures.append(_not_translated(d.path, d.failure))
            emit(Event("failed", 1, article=d.identity, segments=segments))
        elif d.settled:
            result.summaries.append(_up_to_date(d, d.recorded))
            emit(Event("skipped", 1, article=d.identity, segments=segments))
        else:
            ready.append((Article(d.doc, identity=d.identity, lock=d.lock,  # type: ignore[arg-type]
                                  recalled=d.recalled, earlier=d.earlier), d))
    return ready


def _write_article(art: Article, sha: str, inputs: dict, position: int, settings: Settings,
                   engines: dict[str, Engine], result: ShardResult,
                   emit: Callable[[Event], None], keep: bool) -> None:
    """Render and write one translated article's files (all or none), then release its
    folder; its summary (or its failure) goes into the shard's `result`."""
    emit(Event("stage", article=art.identity, stage="writing"))
    try:
        rendered = render_article(art, settings, engines)
        summary = summarise(art, rendered, settings)
        files = encoded(rendered)
        files[settings.out_dir / art.doc.slug / MANIFEST_NAME] = manifest(
            art, files, settings, engines, sha, inputs, summary).encode("utf-8")
        write_files(files, settings.out_dir)
    except LocpipeError as exc:
        result.failures.append(_not_translated(art.doc.path, exc))
        emit(Event("failed", 1, article=art.identity))
        return
    finally:
        if art.lock is not None:
            art.lock.release()
    art.written = list(files)
    summary.position = position
    result.summaries.append(summary)
    if keep:
        result.articles.append(art)
    emit(Event("written", 1, article=art.identity))  # whole on disk


def _up_to_date(d: Draft, m: Manifest | None) -> ArticleSummary:
    """An article skipped as up to date, as its manifest recorded it (what the run's summary
    and its publishing gate count)."""
    if m is None:
        return ArticleSummary(d.identity, d.path, d.folder, status="skipped",
                              position=d.position)
    findings = m.findings or {}
    by_language = findings.get("language")
    return ArticleSummary(d.identity, d.path, d.folder, title=m.title, status="skipped",
                          position=d.position, segments=m.segments, languages=list(m.languages),
                          reviewed=tuple(m.reviewed),  # type: ignore[arg-type]
                          by_language=by_language if isinstance(by_language, dict) else {},
                          recorded=findings, engines=manifest_engines(m))


def _translate(articles: list[Article], settings: Settings, emit: Callable[[Event], None],
               resources: Resources, budgets: dict[str, RetryBudget] | None = None,
               stages: Pipeline = TARGET_PIPELINE) -> dict[str, Engine]:
    """Run the stages per language over every segment of the shard's articles at once (each
    language's retry budget is put in `budgets`)."""
    engines: dict[str, Engine] = {}
    if not articles:
        return engines
    first = _first(articles)
    segments = [a.doc.segments for a in articles]  # (a property that builds a list each time)
    contexts = [Context(lang, settings, resources,
                        lambda kind, n, lang=lang: emit(Event(kind, n, article=first, lang=lang)),
                        reviewed={a.doc.slug: e for a in articles
                                  if (e := a.earlier.get(lang)) is not None},
                        recalled={sid: hits for a in articles
                                  for sid, hits in a.recalled.get(lang, {}).items()})
                for lang in settings.targets]
    emit(Event("total", sum(map(len, segments)) * len(contexts), article=first))
    for ctx in contexts:  # a missing model fails the run before any work is done
        emit(Event("stage", article=first, lang=ctx.lang,
                   stage=f"loading the {settings.engine} engine for {ctx.lang}"))
        ctx.engine()
    for ctx in contexts:
        lang = ctx.lang
        units = [Unit(seg, lang) for segs in segments for seg in segs]
        stages.run(units, ctx, lambda fn, lang=lang: emit(
            Event("stage", article=first, lang=lang, stage=fn.label)))
        engines[lang] = ctx.engine()
        release_memory()  # the engine's freed beams, before the next language or shard
        if budgets is not None and ctx.budget is not None:
            budgets[lang] = ctx.budget.detached()
        start = 0
        for art, segs in zip(articles, segments, strict=True):
            art.units[lang] = units[start:start + len(segs)]
            start += len(segs)
    return engines


def _emitter(on_progress: Callable[[str, int], None] | None,
             on_event: Callable[[Event], None] | None) -> Callable[[Event], None]:
    def emit(event: Event) -> None:
        if on_progress is not None and event.kind in COUNTED:
            on_progress(event.kind, event.count)
        if on_event is not None:
            on_event(event)
    return emit

