"""Publishing one article: its pages, fragments, report, PO files and manifest rendered in
memory (`render_article`, `manifest`), written together, all or none (`write_files`), and what
the run is told about it (`summarise`: an ArticleSummary, which crosses from a Dask worker).

The pipeline translates; this module only turns an article's translated units into files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from locpipe import __version__
from locpipe.context import RunSignature, Settings
from locpipe.document import Document, Finding, Unit, tally
from locpipe.engines import Engine, contract, describe
from locpipe.errors import LocpipeError
from locpipe.fileio import write_all
from locpipe.formats import po, report, runindex
from locpipe.formats.manifest import (
    MANIFEST_NAME,
    ArticleLock,
    Manifest,
    data_hash,
    render_manifest,
)
from locpipe.formats.memory import Hit
from locpipe.formats.pages import Page, Provenance, render_fragment, render_index, render_page
from locpipe.identity import identity
from locpipe.languages import language_name
from locpipe.markup import strip_tags
from locpipe.rules.terms import term_counts


@dataclass
class Article:
    doc: Document
    units: dict[str, list[Unit]] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    identity: str = ""  # see locpipe.identity
    lock: ArticleLock | None = None
    # read once per run and handed down: the existing PO file per language (None: none), and
    # the memory lookups per language and segment id (see `Context.reviewed` / `.recalled`)
    earlier: dict[str, po.Reviewed | None] = field(default_factory=dict)
    recalled: dict[str, dict[str, tuple[Hit | None, Hit | None]]] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return [f for us in self.units.values() for u in us for f in u.findings]


def manifest_engines(m: Manifest) -> dict[str, EngineInfo]:
    """The engine that wrote each language of an article, as its manifest recorded it (from
    its signature for a manifest from before engines were recorded: one for all)."""
    if m.engines:
        return {lang: EngineInfo(str(e.get("name", "?")), str(e.get("model", "?")),
                                 bool(e.get("pseudo", False)), "", lang)
                for lang, e in m.engines.items() if isinstance(e, dict)}
    fields = dict(part.split(":", 1) for part in m.signature.split("|") if ":" in part)
    if "engine" not in fields:
        return {}
    return {lang: EngineInfo(fields["engine"], fields.get("model", "?"),
                             fields["engine"] == "pseudo", "", lang) for lang in m.languages}


def any_pseudo(engines: dict[str, Engine]) -> bool:
    """Whether any page of the run is pseudo-translation (and must say so)."""
    return any(contract(e).pseudo for e in engines.values())


@dataclass
class ArticleSummary:
    """What a shard tells the run about one article (from a Dask worker too): the run adds it
    to its counts and totals and keeps only the first few."""

    identity: str
    source: Path
    folder: str
    title: str = ""
    status: str = "written"  # or "skipped" (up to date)
    position: int = 0  # in the run's input order
    segments: int = 0
    languages: list[str] = field(default_factory=list)
    findings: list[tuple[str, str]] = field(default_factory=list)  # (severity, check) each
    reviewed: tuple[int, int] = (0, 0)
    terms: dict[str, dict[str, int]] = field(default_factory=dict)
    by_language: dict[str, dict] = field(default_factory=dict)  # lang -> its findings' tally
    recorded: dict | None = None  # up to date: the findings its manifest recorded
    engines: dict[str, EngineInfo] = field(default_factory=dict)  # up to date: from the manifest


@dataclass
class EngineInfo:
    """An engine as a summary names it (what crosses from a worker: no model)."""

    name: str
    model_id: str
    pseudo: bool
    source: str
    target: str

    @classmethod
    def of(cls, engine: Engine) -> EngineInfo:
        engine = contract(engine)
        return cls(engine.name, engine.model_id, bool(engine.pseudo), engine.source,
                   engine.target)


def summarise(art: Article, files: dict[Path, str], settings: Settings) -> ArticleSummary:
    findings = art.findings
    asked = [u for us in art.units.values() for u in us if u.origin != "copy"]
    titles = [strip_tags(next((u.target for u in us if u.segment.kind == "headline"),
                              art.doc.title)) for us in art.units.values()]
    return ArticleSummary(
        identity=art.identity, source=art.doc.path, folder=art.doc.slug,
        title=strip_tags(art.doc.title) or (titles[0] if titles else ""),
        segments=len(art.doc.segments), languages=list(art.units),
        findings=[(f.severity, f.check) for f in findings],
        reviewed=(sum(u.origin in ("reviewed", "memory") for u in asked), len(asked)),
        terms=term_counts(u for us in art.units.values() for u in us),
        by_language={lang: tally((f.severity, f.check) for u in us for f in u.findings)
                     for lang, us in art.units.items()})


def encoded(files: dict[Path, str]) -> dict[Path, bytes]:
    """An article's files as they are written (UTF-8): encoded once for their hashes in the
    manifest and for the disk."""
    return {path: text.encode("utf-8") for path, text in files.items()}


def manifest(art: Article, files: dict[Path, bytes], settings: Settings,
             engines: dict[str, Engine], sha: str, inputs: dict,
             summary: ArticleSummary) -> str:
    """The article's manifest.json text; `files` are its other files, `encoded`."""
    out = settings.out_dir / art.doc.slug
    hashes = {p.name: data_hash(data) for p, data in files.items() if p.name != MANIFEST_NAME}
    return render_manifest(out, art.doc.path, art.identity or identity(art.doc.path),
                           RunSignature(settings).short(next(iter(engines.values())), "*"),
                           list(art.units), sha256=sha, title=summary.title,
                           findings={**tally(summary.findings),
                                     "language": summary.by_language},
                           reviewed=summary.reviewed, segments=summary.segments,
                           inputs=inputs, files=hashes,
                           engines={lang: {"name": engines[lang].name,
                                           "model": engines[lang].model_id,
                                           "pseudo": bool(contract(engines[lang]).pseudo)}
                                    for lang in art.units})


def write_files(files: dict[Path, str] | dict[Path, bytes], root: Path | None = None
                ) -> None:
    """Write one article's files together (all or none, all inside `root`), saying so when it
    fails."""
    try:
        write_all(files, root)
    except LocpipeError as exc:
        cause = exc.__cause__
        if cause is None:  # refused before writing (a link out of the output folder)
            failure = LocpipeError(f"{exc}; nothing of this article was written")
            failure.path = exc.path
            raise failure from None
        why = getattr(cause, "strerror", None) or cause or "write failed"
        raise LocpipeError(f"cannot be written ({why}); nothing of this article was written",
                           exc.path) from exc


def provenance(units: list[Unit], engine: Engine) -> Provenance:
    """What the page of these units says about who wrote it (kept foreign quotes aside)."""
    asked = [u for u in units if u.origin != "copy"]
    findings = [f.severity for u in units for f in u.findings]
    return Provenance(describe(engine), len(asked),
                      sum(u.origin in ("reviewed", "memory") for u in asked),
                      findings.count("error"), findings.count("warning"),
                      f"locpipe {__version__}")


def render_article(art: Article, settings: Settings, engines: dict[str, Engine]
                   ) -> dict[Path, str]:
    """All files of one article but its manifest, in memory, ready to be written together
    (the run adds the manifest last, with the source's hash it already has: `manifest`)."""
    out = settings.out_dir / art.doc.slug
    sign = RunSignature(settings)
    files: dict[Path, str] = {}
    titles: dict[str, str] = {}
    unreviewed = False
    fragments: dict[Path, str] = {}  # after the pages (the order files are written in)
    for lang, units in art.units.items():
        engine = engines[lang]
        targets = {u.segment.id: u.target for u in units}
        foreign = {u.segment.id: u.segment.lang for u in units if u.segment.lang}
        title = next((u.target for u in units if u.segment.kind == "headline"), art.doc.title)
        titles[lang] = runindex.shown(strip_tags(title))  # no bidi override in a <title>
        page = Page(lang=lang, title=titles[lang], languages=list(art.units),
                    signature=sign.short(engine, lang),
                    pseudo=contract(engine).pseudo,
                    provenance=provenance(units, engine), trusted_html=settings.trust_html)
        unreviewed = unreviewed or page.unreviewed
        shared: dict = {}  # what the fragment can reuse of the page
        files[out / f"{lang}.html"] = render_page(art.doc, targets, page, foreign, shared)
        fragments[out / f"{lang}.fragment.html"] = render_fragment(art.doc, targets, page,
                                                                   foreign, shared)
    files.update(fragments)
    run_signature = sign.short(next(iter(engines.values())), "*")
    files[out / "report.html"] = report.render_report(art.doc, art.units, run_signature)
    links = {f"{lang}.fragment.html": f"{language_name(lang)} fragment, to paste into the CMS"
             for lang in art.units}
    links["report.html"] = "Review report (QA findings)"
    links.update({f"{lang}.po": f"{language_name(lang)} PO file, to review in Poedit"
                  for lang in art.units})
    files[out / "index.html"] = runindex.shown(  # a navigation page: its title, headline and
        render_index(art.doc, titles, run_signature, links,  # file name show no bidi override
                     pseudo=any_pseudo(engines), noindex=unreviewed))
    source = po.source_ref(art.doc, out)  # the same in every PO file of the folder
    options = sign.options()
    for lang, units in art.units.items():  # PO files after the pages
        files[out / f"{lang}.po"] = po.render_po(art.doc, lang, units,
                                                 sign.short(engines[lang], lang),
                                                 engines[lang].name, out / f"{lang}.po",
                                                 earlier=art.earlier.get(lang),
                                                 options=options,
                                                 languages=list(settings.targets),
                                                 source=source)
    return files
