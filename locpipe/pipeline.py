"""The pipeline: read and segment each article, then run the target stages per language over
all segments of all articles at once (so the engine sees one big batch), then render.

The stage order is declared once, in TARGET_STAGES, and checked against each stage's declared
contract (what it requires and assigns) before a run starts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import babel

from locpipe import __version__
from locpipe.context import Context, RetryBudget, Settings, Stage, check_order
from locpipe.document import Document, Finding, Unit
from locpipe.engines import (
    DEFAULT_ENGINE,
    Engine,
    describe,
    is_language_code,
    require_pair,
)
from locpipe.errors import ConfigError, InputError, LocpipeError
from locpipe.fileio import write_all
from locpipe.formats import po, report
from locpipe.formats.manifest import MANIFEST_NAME, ArticleLock, FolderIndex, render_manifest
from locpipe.formats.pages import Page, Provenance, render_fragment, render_index, render_page
from locpipe.formats.readers import FORMATS, read_document
from locpipe.identity import identity
from locpipe.languages import language_name
from locpipe.markup import strip_tags
from locpipe.stages import (
    check,
    detect,
    glossary,
    localize,
    memory,
    protect,
    reuse,
    translate,
    typography,
)
from locpipe.stages.segment import segment_document

DEFAULT_TARGETS = ("fr", "ar")  # --to when none is given; any language an engine can do works

# Per target language, in this order, over every unit of the run.
TARGET_STAGES: list[Stage] = [
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
]


@dataclass
class Article:
    doc: Document
    units: dict[str, list[Unit]] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    identity: str = ""  # see locpipe.identity
    lock: ArticleLock | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for us in self.units.values() for u in us for f in u.findings]


@dataclass
class RunResult:
    articles: list[Article]
    failures: list[LocpipeError]
    engines: dict[str, Engine]
    budgets: dict[str, RetryBudget] = field(default_factory=dict)  # per language

    @property
    def pseudo(self) -> bool:
        return any_pseudo(self.engines)


def any_pseudo(engines: dict[str, Engine]) -> bool:
    """Whether any page of the run is pseudo-translation (and must say so)."""
    return any(getattr(e, "pseudo", False) for e in engines.values())


def parse_targets(value: str | list[str], engine: str = DEFAULT_ENGINE,
                  source: str = "en") -> list[str]:
    """`--to` ("fr,ar,es" or a list) -> language codes, each one CLDR knows and `engine` can
    translate from `source` (for argos: an installed package; pseudo: any language)."""
    given = [str(x).strip() for x in (value.split(",") if isinstance(value, str) else value)]
    given = [x for x in given if x]
    if not given:
        raise ConfigError(f"no target language given; use --to {','.join(DEFAULT_TARGETS)}")
    for spelled in given:
        if not is_language_code(spelled.lower()):
            raise ConfigError(
                f"unknown target language '{spelled}' (not a CLDR language code); write language "
                "codes separated by commas, e.g. --to fr,ar,es (a region goes in --locale, "
                "e.g. --locale pt=pt_BR)")
    langs = list(dict.fromkeys(x.lower() for x in given))
    for lang in langs:
        require_pair(engine, source, lang)
    return langs


@dataclass
class Source:
    """An article file to translate and its identity (see `locpipe.identity`)."""

    path: Path
    identity: str


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


def load_articles(sources: list[Source], encoding: str, index: FolderIndex
                  ) -> tuple[list[Article], list[LocpipeError]]:
    """Read each source and give it its output folder (its slug: also the prefix of its
    segment ids); a source that cannot be read or placed is a failure of its own."""
    articles: list[Article] = []
    failures: list[LocpipeError] = []
    for src in sources:
        try:
            doc = read_document(src.path, encoding)
            doc.slug = index.assign(src.path, src.identity)
            segment_document(doc)
        except LocpipeError as exc:
            failures.append(_not_translated(src.path, exc))
            continue
        articles.append(Article(doc, identity=src.identity))
    return articles, failures


def _prepare(art: Article, settings: Settings) -> None:
    """Lock the article's folder (cleaning what a killed run left) and check the PO files
    the run will merge with; raises a LocpipeError for this article."""
    art.lock = ArticleLock(settings.out_dir / art.doc.slug)
    art.lock.acquire()
    for lang in settings.targets:
        path = po.po_path(settings.out_dir, art.doc.slug, lang)
        if path.exists():
            po.load_po(path, lang, art.doc.slug)


def signature(engine: Engine, lang: str, settings: Settings) -> str:
    """A reproducibility signature for pages and PO headers: what produced the text and the
    settings that change how it reads (locale, digits, decoding)."""
    locale = settings.locales.get(lang, lang) if lang != "*" else "*"
    opts = settings.engine_options
    return (f"engine:{engine.name}|model:{engine.model_id}|lang:{lang}|locale:{locale}|"
            f"digits:{settings.digits}|beam:{opts.beam_size}|lp:{opts.length_penalty:g}|"
            f"babel:{babel.__version__}|locpipe {__version__}")


def run(inputs: list[Path], settings: Settings,
        on_progress: Callable[[str, int], None] | None = None, *,
        folders: dict[str, str] | None = None) -> RunResult:
    """Translate every article into every target language and write the pages.

    A failure of one article (its input, its output folder, its existing PO files, writing
    its files) is reported in `RunResult.failures` and the other articles are written;
    `RunResult.articles` holds only the articles whose files were written. `folders` maps a
    source's real path to the folder it must use (po apply: the folder of the PO file)."""
    stages = check_order(TARGET_STAGES)
    sources, failures = find_sources(inputs, settings.out_dir)
    index = FolderIndex(settings.out_dir, folders)
    articles, more = load_articles(sources, settings.encoding, index)
    failures += more
    bad = detect.verify_sources([a.doc for a in articles], settings)
    failures += bad
    articles = [a for a in articles if a.doc.path not in {e.path for e in bad}]
    try:
        ready = []
        for art in articles:
            try:
                _prepare(art, settings)
            except LocpipeError as exc:
                failures.append(_not_translated(art.doc.path, exc))
                if art.lock is not None:
                    art.lock.release()
                continue
            ready.append(art)
        articles = ready
        budgets: dict[str, RetryBudget] = {}
        engines = _translate(articles, settings, on_progress, stages, budgets)
        written = []
        for art in articles:
            try:
                files = render_article(art, settings, engines)
                _write(files)
            except LocpipeError as exc:
                failures.append(_not_translated(art.doc.path, exc))
                continue
            art.written = list(files)
            written.append(art)
            if on_progress:
                on_progress("written", 1)  # articles whole on disk (what a Ctrl-C leaves)
    finally:
        for art in articles:
            if art.lock is not None:
                art.lock.release()
    return RunResult(written, failures, engines, budgets)


def _translate(articles: list[Article], settings: Settings,
               on_progress: Callable[[str, int], None] | None,
               stages: list[Stage], budgets: dict[str, RetryBudget] | None = None
               ) -> dict[str, Engine]:
    """Run the stages per language over every segment of every article at once (each
    language's retry budget is put in `budgets`)."""
    engines: dict[str, Engine] = {}
    resources: dict[str, Any] = {}
    contexts = [Context(lang, settings, resources, on_progress) for lang in settings.targets]
    if on_progress:  # every segment of every language is reported "translated" once
        on_progress("total", sum(len(a.doc.segments) for a in articles) * len(contexts))
    if articles:
        for ctx in contexts:
            ctx.engine()  # a missing model fails the run before any work is done
    for ctx in contexts:
        if not articles:
            break
        lang = ctx.lang
        units = [Unit(seg, lang) for art in articles for seg in art.doc.segments]
        for stage in stages:
            stage(units, ctx)
        engines[lang] = ctx.engine()
        if budgets is not None and ctx.budget is not None:
            budgets[lang] = ctx.budget
        it = iter(units)
        for art in articles:
            art.units[lang] = [next(it) for _ in art.doc.segments]
    return engines


def _write(files: dict[Path, str]) -> None:
    """Write one article's files together (all or none), saying so when it fails."""
    try:
        write_all(files)
    except LocpipeError as exc:
        cause = exc.__cause__
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
    """All files of one article, in memory, ready to be written together."""
    out = settings.out_dir / art.doc.slug
    files: dict[Path, str] = {}
    titles: dict[str, str] = {}
    unreviewed = False
    fragments: dict[Path, str] = {}  # after the pages (the order files are written in)
    for lang, units in art.units.items():
        engine = engines[lang]
        targets = {u.segment.id: u.target for u in units}
        foreign = {u.segment.id: u.segment.lang for u in units if u.segment.lang}
        title = next((u.target for u in units if u.segment.kind == "headline"), art.doc.title)
        titles[lang] = strip_tags(title)
        page = Page(lang=lang, title=titles[lang], languages=list(art.units),
                    signature=signature(engine, lang, settings),
                    pseudo=getattr(engine, "pseudo", False),
                    provenance=provenance(units, engine))
        unreviewed = unreviewed or page.unreviewed
        files[out / f"{lang}.html"] = render_page(art.doc, targets, page, foreign)
        fragments[out / f"{lang}.fragment.html"] = render_fragment(art.doc, targets, page,
                                                                   foreign)
    files.update(fragments)
    run_signature = signature(next(iter(engines.values())), "*", settings)
    files[out / "report.html"] = report.render_report(art.doc, art.units, run_signature)
    links = {f"{lang}.fragment.html": f"{language_name(lang)} fragment, to paste into the CMS"
             for lang in art.units}
    links["report.html"] = "Review report (QA findings)"
    links.update({f"{lang}.po": f"{language_name(lang)} PO file, to review in Poedit"
                  for lang in art.units})
    files[out / "index.html"] = render_index(art.doc, titles, run_signature, links,
                                             pseudo=any_pseudo(engines), noindex=unreviewed)
    identity_ = art.identity or identity(art.doc.path)
    for lang, units in art.units.items():  # PO files after the pages
        files[out / f"{lang}.po"] = po.render_po(art.doc, lang, units,
                                                 signature(engines[lang], lang, settings),
                                                 engines[lang].name, out / f"{lang}.po", settings)
    files[out / MANIFEST_NAME] = render_manifest(out, art.doc.path, identity_, run_signature,
                                                 list(art.units))  # last: the folder is its own
    return files
