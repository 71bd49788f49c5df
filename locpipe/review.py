"""After the editor: `locpipe po apply` and `locpipe qa` over the PO files editors changed.

`po apply` checks every edited PO file, then re-runs each article through the pipeline (whose
`reuse` stage takes the reviewed entries) and records the reviewed entries in the translation
memory. `qa` re-runs the checks on PO files.

This is where a format and the checks meet (like Translate Toolkit's pofilter): the PO reader
(locpipe.formats.po, the same strict reader `po apply` uses) and locpipe.checks are both used
here, and neither imports the other. The PO shape is the one `translate` writes:
OUT/<slug>/<lang>.po, msgctxt = segment id, msgid = source text, msgstr = target text,
`Language` header.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import polib

from locpipe import checks, pipeline
from locpipe.context import RunSignature, Settings
from locpipe.document import Document, Finding
from locpipe.engines import DEFAULT_ENGINE
from locpipe.errors import InputError, LocpipeError
from locpipe.fileio import read_text, write_text
from locpipe.formats import glossary, memory
from locpipe.formats.manifest import ArticleLock, read_manifest
from locpipe.formats.po import (
    ARTICLE_HEADER,
    ENGINE_HEADER,
    LANGUAGES_HEADER,
    OPTIONS_HEADER,
    SOURCE_HEADER,
    article_languages,
    header_line,
    language,
    load_po,
    match_entries,
    read_options,
    reviewed,
    tag_problem,
    unescape_header,
)
from locpipe.identity import folder_candidates, nfc
from locpipe.identity import slug as make_slug
from locpipe.languages import known
from locpipe.rules import langid


@dataclass
class Located:
    """A finding with the file and line of its PO entry."""

    path: Path
    line: int
    finding: Finding
    title: str


@dataclass
class QaReport:
    files: list[Path] = field(default_factory=list)
    segments: int = 0
    findings: list[Located] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.finding.severity == "error" for f in self.findings)


def find_po_files(paths: list[Path]) -> list[Path]:
    """PO files given directly, or found under output directories."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            files = sorted(p.rglob("*.po"))
            if not files:
                raise InputError("no .po files here; give an output directory written by "
                                 "`locpipe translate` or .po files", p)
            found.extend(files)
        elif p.is_file():
            if p.suffix != ".po":
                raise InputError("not a PO file; give .po files or output directories", p)
            found.append(p)
        else:
            raise InputError("no such file or directory", p)
    return list(dict.fromkeys(found))


def _language(po: polib.POFile, path: Path) -> str:
    """The file's language: its Language header, else its name (ar.po) if that is a code."""
    lang = language(po)
    if not lang and known(path.stem):
        return path.stem
    if not lang:
        raise InputError("the PO header has no Language; add e.g. 'Language: fr'", path)
    if not known(lang):
        raise InputError(f"Language header is '{lang}', not a language code CLDR knows; set "
                         "the target language's ISO 639 code, e.g. 'Language: fr'", path,
                         header_line(read_text(path), "Language"))
    return lang


def run_qa(paths: list[Path], glossary_dirs: list[Path] | None = None,
           source_lang: str = "en", only: Callable[[polib.POEntry], bool] | None = None,
           use_glossary: bool = True) -> QaReport:
    """Check every translated entry of the PO files under `paths` (those `only` keeps)."""
    report = QaReport(files=find_po_files(paths))
    gloss = None
    loaded = False
    for path in report.files:
        po = load_po(path)
        lang = _language(po, path)
        settings = qa_settings(po, lang, source_lang)
        if not loaded:
            gloss = glossary.load_found(glossary_dirs) if use_glossary else None
            loaded = True
        # a run made with --no-glossary is checked without one, unless one is given here
        file_gloss = gloss if glossary_dirs or settings.use_glossary else None
        for entry in po:
            if entry.obsolete or (only is not None and not only(entry)):
                continue
            report.segments += 1
            for chk, message in check_entry(entry.msgid, entry.msgstr, lang, settings,
                                            file_gloss, entry.comment):
                finding = Finding(entry.msgctxt or entry.msgid[:40], chk.name, chk.severity,
                                  message, lang)
                report.findings.append(Located(path, entry.linenum, finding, chk.title))
    return report


def qa_settings(po: polib.POFile, lang: str, source_lang: str = "en"):
    """The settings `qa` checks a PO file's entries with: the options the article was
    translated with (locale, digits…), from its header."""
    from locpipe.context import RunSignature, Settings

    settings = Settings(targets=[lang], source_lang=source_lang)
    return RunSignature.restore(settings, read_options(po.metadata.get(OPTIONS_HEADER, "")))


def check_entry(msgid: str, msgstr: str, lang: str, settings, gloss, comment: str = ""
                ) -> list[tuple[checks.Check, str]]:
    """The QA findings of one PO entry, as `qa` reports them (the review desk's live check);
    `comment`, the entry's `#.` lines, holds what the reader said of the segment."""
    if msgstr == msgid and langid.foreign_lang(msgid, settings.source_lang):
        return []  # a foreign quote kept on purpose
    pair = checks.Pair(msgid, msgstr, lang, settings.source_lang, settings, gloss, comment)
    return list(checks.check_pair(pair).findings)


def format_text(report: QaReport) -> str:
    """One line per finding (path:line: id [lang] severity check: message) and a summary."""
    lines = [f"{x.path}:{x.line}: {x.finding.segment_id} [{x.finding.lang}] "
             f"{x.finding.severity} {x.finding.check}: {x.finding.message}"
             for x in report.findings]
    counts = checks.summary([x.finding for x in report.findings])
    sev = ", ".join(f"{k}: {v}" for k, v in counts["severity"].items()) or "no findings"
    lines.append(f"{len(report.files)} file(s), {report.segments} segment(s) — {sev}")
    return "\n".join(lines) + "\n"


def format_json(report: QaReport) -> str:
    """Machine-readable findings for CI and CMS integration."""
    return json.dumps({
        "ok": report.errors == 0,
        "files": [str(p) for p in report.files],
        "segments": report.segments,
        "summary": checks.summary([x.finding for x in report.findings]),
        "findings": [{"file": str(x.path), "line": x.line, "segment_id": x.finding.segment_id,
                      "lang": x.finding.lang, "check": x.finding.check, "title": x.title,
                      "severity": x.finding.severity, "message": x.finding.message}
                     for x in report.findings],
    }, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# po apply


@dataclass
class ApplyReport:
    """What `po apply` did: problems are per-entry `file:line: message` lines (exit 1)."""

    applied: dict[Path, int] = field(default_factory=dict)  # PO file -> reviewed entries used
    problems: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    recorded: list[Path] = field(default_factory=list)
    results: list[pipeline.RunResult] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line per article not applied (exit 2)
    qa: QaReport = field(default_factory=QaReport)  # the QA of the reviewed entries applied


@dataclass
class _Checked:
    path: Path
    lang: str
    slug: str
    source: Path
    engine: str
    options: str
    languages: str  # X-Locpipe-Languages: the run's target languages, in order


def _not_linked(path: Path) -> None:
    """A PO file applied must be the article's own: not a link to another article's file (nor
    in a folder that is a link), whose reviews would be applied to the wrong article."""
    for link in (path, path.parent):
        if link.is_symlink():
            raise InputError(f"is a symbolic link to {os.path.realpath(path)}; po apply reads "
                             "only an article's own PO file: replace the link with the file "
                             "or apply the file it names", path)


def _within_input(path: Path, folder: Path, source: Path, ident: str, ref: str,
                  line: int | None) -> None:
    """Raise unless the recorded source stays inside the input folder it was found in: the
    identity (relative to that folder, see locpipe.identity) has no `..`, the source path ends
    with it, the file is no link out of that folder, and the article's output folder carries
    a name locpipe gives that identity. An edited manifest and PO header can then not have
    another file (../../../private/plans.txt) read into the pages, PO files and report."""
    ident = nfc(ident)  # identities are NFC (see locpipe.identity)
    parts = PurePosixPath(ident).parts if ident else (source.name,)
    absolute = bool(ident) and PurePosixPath(ident).is_absolute()
    full = Path(nfc(os.path.abspath(source)))
    why = ""
    if PurePosixPath(ref).is_absolute():
        why = "it is an absolute path (a recorded source is relative to the PO file)"
    elif ".." in parts or not parts:
        why = "its identity climbs out of the input folder"
    elif (PurePosixPath(full.as_posix()) != PurePosixPath(ident) if absolute
          else tuple(full.parts[-len(parts):]) != tuple(parts)):
        why = f"it is not the file its identity names ('{ident}')"
    else:
        root = full.parent if absolute else Path(*full.parts[: len(full.parts) - len(parts)])
        real_root = nfc(os.path.realpath(root))
        real = nfc(os.path.realpath(source))
        if os.path.commonpath([real_root, real]) != real_root:
            why = f"it is a link out of its input folder (to {real})"
        else:
            names = folder_candidates(ident or source.name)
            numbered = re.fullmatch(rf"{re.escape(names[0])}-[0-9]+", folder.name)
            if folder.name not in names and not numbered:
                why = f"its identity '{ident}' is not the article of {folder.name}/"
    if why:
        raise InputError(f"{SOURCE_HEADER} '{ref}' cannot be this article's source: {why}; a "
                         "recorded source stays inside the folder it was translated from: fix "
                         "the header and manifest.json or translate the article again",
                         path, line)


def _is_po_file(path: Path) -> None:
    """po apply takes the PO files themselves: a folder or an article is one clear line."""
    if path.is_dir():
        inside = sorted(path.glob("*.po"))
        example = " ".join(str(p) for p in inside) if inside else str(path / "fr.po")
        raise InputError(f"is a folder; po apply takes the reviewed PO files themselves, e.g. "
                         f"locpipe po apply {example}", path)
    if path.suffix.lower() != ".po" and path.exists():
        raise InputError("is not a PO file; po apply takes the reviewed PO files "
                         "(OUT/<article>/<lang>.po) that translate wrote", path)


def _check_file(path: Path) -> tuple[_Checked, polib.POFile]:
    _not_linked(path)
    catalog = load_po(path)
    text = read_text(path)
    lang = _language(catalog, path)
    if known(path.stem) and path.stem != lang:
        raise InputError(f"Language header is '{lang}' but the file is {path.name}; set "
                         f"\"Language: {path.stem}\" or rename the file",
                         path, header_line(text, "Language"))
    if path.name != f"{lang}.po":
        raise InputError(f"apply reads the article's {lang}.po; save this file as {lang}.po in "
                         "the article's output folder and apply that", path)
    slug = catalog.metadata.get(ARTICLE_HEADER, "")
    if not slug:
        raise InputError(f"has no {ARTICLE_HEADER} header; only PO files written by locpipe "
                         "translate can be applied", path, 1)
    if path.resolve().parent.name != slug:
        raise InputError(f"is the PO file of article '{slug}' but sits in "
                         f"{path.resolve().parent.name}/; put it back in OUT/{slug}/{lang}.po",
                         path, header_line(text, ARTICLE_HEADER))
    ref = unescape_header(catalog.metadata.get(SOURCE_HEADER, ""))
    source = Path(os.path.normpath(path.parent / ref)) if ref else None
    if source is None or not source.is_file():
        raise InputError(f"source article '{ref}' ({SOURCE_HEADER}) not found; put the article "
                         "back there or fix the header", path, header_line(text, SOURCE_HEADER))
    folder = path.resolve().parent
    owner = read_manifest(folder)
    if owner is not None:  # the folder says which source it belongs to
        if os.path.realpath(owner.source_path(folder)) != os.path.realpath(source):
            raise InputError(f"{SOURCE_HEADER} '{ref}' is not the source of {folder.name}/ (its "
                             f"manifest names '{owner.source}'); fix the header", path,
                             header_line(text, SOURCE_HEADER))
        _within_input(path, folder, source, owner.identity, ref,
                      header_line(text, SOURCE_HEADER))
    elif make_slug(source.stem) != slug:  # a folder from before manifests: named by the file
        raise InputError(f"{SOURCE_HEADER} '{ref}' is not article '{slug}'; fix the header",
                         path, header_line(text, SOURCE_HEADER))
    else:
        _within_input(path, folder, source, "", ref, header_line(text, SOURCE_HEADER))
    engine = catalog.metadata.get(ENGINE_HEADER, "")
    return _Checked(path, lang, slug, source, engine, catalog.metadata.get(OPTIONS_HEADER, ""),
                    catalog.metadata.get(LANGUAGES_HEADER, "")), catalog


def _entry_problems(path: Path, catalog: polib.POFile, doc: Document) -> tuple[list[str], int]:
    segments = {s.id: s for s in doc.segments}
    matches = match_entries(doc.segments, catalog)
    used = {id(m.entry): sid for sid, m in matches.items() if m.same}
    changed = {id(m.entry) for m in matches.values() if not m.same}
    problems: list[str] = []
    applied = 0
    for e in catalog:
        if e.obsolete or not e.msgid or not reviewed(e):
            continue
        where = f"{path}:{e.linenum}: "
        if id(e) in used:
            seg = segments[used[id(e)]]
            problem = tag_problem(seg.id, seg.text, e.msgstr)
            if problem:
                problems.append(where + problem)
            else:
                applied += 1
        elif id(e) in changed or e.msgctxt in segments:
            problems.append(where + f"msgid of {e.msgctxt} no longer matches the sentence in "
                            f"{doc.path} (edited since?); the translation was kept for review, "
                            "not applied")
        else:
            problems.append(where + f"msgctxt '{e.msgctxt or ''}' is not a segment of {doc.path}; "
                            "the entry was kept as obsolete, not applied")
    return problems, applied


def _run_languages(art_dir: Path, infos: list[_Checked]) -> list[str]:
    """Every language the article has output for, plus those of the files applied, in the
    order the last run gave them (its X-Locpipe-Languages header), the rest by code."""
    found = set(article_languages(art_dir)) | {i.lang for i in infos}
    recorded = [x.strip() for x in infos[0].languages.split(",") if x.strip() in found]
    return list(dict.fromkeys(recorded)) + sorted(found - set(recorded))


def _memory_writable(memory_dir: Path) -> None:
    """Raise unless a file can be written in the memory directory (created if missing)."""
    try:
        memory_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=memory_dir, prefix=".locpipe-probe.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise LocpipeError(f"translation memory cannot be written ({exc.strerror or exc}); fix "
                           "it or pass another --memory", memory_dir) from exc


def article_sources(po_files: list[Path]) -> list[Path]:
    """The articles the PO files were made from (as their folders' manifests say): where
    translate found the desk's glossary and memory, so po apply and the review desk find the
    same ones."""
    found = []
    for path in po_files:
        try:
            m = read_manifest(path.parent)
        except LocpipeError:
            m = None
        if m is not None:
            found.append(m.source_path(path.parent))
    return found


def apply(paths: list[Path], memory_dir: Path | None = None, engine: str | None = None,
          glossary_dirs: list[Path] | None = None) -> ApplyReport:
    """Use the reviewed entries of edited PO files and regenerate their articles.

    Every file is checked first; a bad file (an InputError) fails its article — nothing of that
    article is written — and the other articles are applied. Each article is then re-run through
    the pipeline, whose `reuse` stage takes the reviewed entries, for every language it already
    has output for, under the article's lock. Per-entry problems (broken tags, unknown segments)
    are reported and those entries left out; the rest is applied. Finally the reviewed entries
    are merged into the translation memory (`memory.record`), which is checked to be writable
    before the article's pages are. Per-article failures are in `ApplyReport.failures`.
    `glossary_dirs`: the glossary the pages are made with ([]: none; None: ./glossary if
    present); a translate run recorded without one stays without one.
    """
    report = ApplyReport()
    checked: dict[Path, list[_Checked]] = {}  # article folder -> its files
    broken: set[Path] = set()
    for path in dict.fromkeys(paths):
        folder = path.resolve().parent
        try:
            _is_po_file(path)
            info, catalog = _check_file(path)
            doc = pipeline.read_article(info.source, folder=info.slug)
        except LocpipeError as exc:
            report.failures.append(str(exc))  # names the file; nothing of the article written
            broken.add(folder)
            continue
        problems, applied = _entry_problems(path, catalog, doc)
        report.problems += problems
        report.applied[path] = applied
        checked.setdefault(folder, []).append(info)

    for folder, infos in checked.items():
        if folder in broken:
            for info in infos:
                report.applied.pop(info.path, None)
            continue
        try:
            _apply_article(folder, infos, memory_dir, engine, report, glossary_dirs)
        except LocpipeError as exc:
            report.failures.append(str(exc))
    # what the editor wrote, checked as `qa` checks it, in the files as they are now
    applied = [p for p in report.applied if p.is_file()]
    if applied:
        report.qa = run_qa(applied, glossary_dirs, only=reviewed,
                           use_glossary=glossary_dirs != [])
    return report


def _apply_article(folder: Path, infos: list[_Checked], memory_dir: Path | None,
                   engine: str | None, report: ApplyReport,
                   glossary_dirs: list[Path] | None = None) -> None:
    """Re-run one article and record its reviewed entries: all or nothing up to the memory."""
    langs = _run_languages(folder, infos)
    settings = Settings(
        targets=langs,
        engine=engine or infos[0].engine or DEFAULT_ENGINE,
        out_dir=folder.parent,
    )
    # use_glossary and the rest: as translate ran
    settings = RunSignature.restore(settings, read_options(infos[0].options))
    settings.memory_dir = memory_dir  # (None: none, neither read nor recorded in)
    if glossary_dirs is not None:
        settings.glossary_dirs = list(glossary_dirs)
        settings.use_glossary = settings.use_glossary and bool(glossary_dirs)
    with ArticleLock(folder):
        if memory_dir is not None:
            _memory_writable(memory_dir)
        result = pipeline.run([infos[0].source], settings, folders={
            os.path.realpath(infos[0].source): folder.name})
        if result.failures:
            for info in infos:
                report.applied.pop(info.path, None)
            raise result.failures[0]
        report.results.append(result)
        for art in result.articles:
            report.written += art.written
        if memory_dir is not None:
            for info in infos:
                try:
                    report.recorded.append(memory.record(info.path, memory_dir))
                except LocpipeError as exc:
                    raise LocpipeError(f"{exc}; the pages and PO files of {folder} were "
                                       "rewritten but the memory was not updated: fix it and "
                                       "run po apply again") from exc


# ---------------------------------------------------------------------------------------------
# One entry at a time (the review desk, locpipe.desk)


class Conflict(LocpipeError):
    """The entry changed since the editor loaded it (another tab, another editor, Poedit)."""

    exit_code = 1

    def __init__(self, message: str, current: polib.POEntry | None):
        super().__init__(message)
        self.current = current


def entry_version(entry: polib.POEntry) -> str:
    """What an edit is made against: a digest of the entry's source, translation and reviewed
    state (not its comments, which every run rewrites)."""
    text = "\0".join((entry.msgctxt or "", entry.msgid, entry.msgstr, str(reviewed(entry))))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


_SAVING = threading.Lock()  # one save at a time in this process (ArticleLock is per process)


def save_entry(path: Path, segment_id: str, version: str, msgstr: str | None,
               memory_dir: Path | None = None) -> ApplyReport:
    """Review one entry of an article's PO file and apply the file as `po apply` does.

    The entry gets `msgstr` (None: keeps its translation) and loses its fuzzy flag, as Poedit
    does when an editor edits or approves it (there is no way back to machine output: the
    memory would bring the reviewed translation back on the next run). Under the article's
    lock: the entry must still be at `version` (else `Conflict`, carrying the entry as it is
    now), the new translation must keep the source's tags (else InputError); the PO file is
    written atomically, then re-applied (pages regenerated, reviewed entries recorded in the
    memory) before the lock is released. A problem `po apply` reports with this entry is
    raised; those of other entries (left out as `po apply` leaves them) are not.
    """
    folder = path.resolve().parent
    with _SAVING, ArticleLock(folder):
        catalog = load_po(path)
        entry = next((e for e in catalog if not e.obsolete and e.msgctxt == segment_id), None)
        if entry is None:
            raise Conflict(f"segment {segment_id} is no longer in {path.name} (the article was "
                           "re-run); reload the page", None)
        if entry_version(entry) != version:
            raise Conflict(f"segment {segment_id} was changed meanwhile (another tab, editor "
                           "or Poedit); its current version is shown: redo your edit on it",
                           entry)
        if msgstr is not None:
            problem = tag_problem(segment_id, entry.msgid, msgstr)
            if problem:
                raise InputError(problem.replace(" (entry not applied)", "")
                                 + " (not saved)", path, entry.linenum)
            entry.msgstr = msgstr
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        write_text(path, str(catalog) + ("" if str(catalog).endswith("\n") else "\n"))
        report = apply([path], memory_dir)
    if report.failures:
        raise LocpipeError(report.failures[0])
    mine = [p for p in report.problems if f" {segment_id} " in p or f"'{segment_id}'" in p]
    if mine:
        raise InputError(mine[0])
    return report


def number_forms(msgid: str, lang: str, settings) -> list[tuple[int, int, str, str]]:
    """The numbers and dates of a source sentence and the CLDR form the pipeline writes them in
    for `lang` (start, end, as in the source, as in the target), for the editor to compare."""
    from locpipe.rules import numbers

    style = numbers.style_for(lang, settings)
    found = []
    for start, end, q in numbers.detect(msgid, getattr(settings, "date_order", "mdy")).spans:
        if q.kind in ("url", "phone", "code"):  # kept as written: nothing to compare
            continue
        try:
            form = numbers.render(q, style)
        except (ValueError, TypeError, ArithmeticError):  # a value the renderer cannot write
            continue
        found.append((start, end, msgid[start:end], form))
    return found

