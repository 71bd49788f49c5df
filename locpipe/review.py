"""`locpipe qa`: re-run the checks on PO files after editors changed them.

This is where a format and the checks meet (like Translate Toolkit's pofilter): the PO reader
(locpipe.formats.po, the same strict reader `po apply` uses) and locpipe.checks are both used
here, and neither imports the other. The PO shape is the one `translate` writes:
OUT/<slug>/<lang>.po, msgctxt = segment id, msgid = source text, msgstr = target text,
`Language` header.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import polib

from locpipe import checks
from locpipe.document import Finding
from locpipe.errors import InputError
from locpipe.formats.po import OPTIONS_HEADER, language, load_po, restore_options
from locpipe.rules import langid

KNOWN_LANGS = ("fr", "ar")


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
    lang = language(po)
    if not lang and path.stem in KNOWN_LANGS:
        lang = path.stem
    if not lang:
        raise InputError("the PO header has no Language; add e.g. 'Language: fr'", path)
    return lang


def _load_glossary(dirs: list[Path] | None):
    """The glossary for the `terms` check: the directories given, else ./glossary (as
    `translate` does); None when there is none."""
    from locpipe.stages import glossary

    found = glossary.resolve_dirs(dirs)
    return glossary.load_glossary(found) if found else None


def run_qa(paths: list[Path], glossary_dirs: list[Path] | None = None,
           source_lang: str = "en") -> QaReport:
    """Check every translated entry of the PO files under `paths`."""
    from locpipe.context import Settings

    report = QaReport(files=find_po_files(paths))
    gloss = None
    loaded = False
    for path in report.files:
        po = load_po(path)
        lang = _language(po, path)
        settings = Settings(targets=[lang], source_lang=source_lang)
        # check with the options the article was translated with (locale, digits…)
        restore_options(settings, po.metadata.get(OPTIONS_HEADER, ""))
        if not loaded:
            gloss, loaded = _load_glossary(glossary_dirs), True
        for entry in po:
            if entry.obsolete:
                continue
            report.segments += 1
            if entry.msgstr == entry.msgid and langid.foreign_lang(entry.msgid,
                                                                    settings.source_lang):
                continue  # a foreign quote kept on purpose
            pair = checks.Pair(entry.msgid, entry.msgstr, lang, settings.source_lang, settings,
                               gloss)
            result = checks.check_pair(pair)
            for chk, message in result.findings:
                finding = Finding(entry.msgctxt or entry.msgid[:40], chk.name, chk.severity,
                                  message, lang)
                report.findings.append(Located(path, entry.linenum, finding, chk.title))
    return report


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
