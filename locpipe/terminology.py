"""The `locpipe glossary check | export | import` workflows: files read, rules applied, files
written.

They sit beside `review.py` at the top: each combines formats (glossary files, TBX), pure rules
(locpipe.rules.source, locpipe.rules.terms) and atomic writes, which is neither a format, nor a
rule, nor a pipeline stage. The CLI makes one call here per command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from locpipe.errors import ConfigError
from locpipe.fileio import read_text, write_all
from locpipe.formats.exchange import export_glossary, read_tbx
from locpipe.formats.glossary import (
    DEFAULT_DIR,
    cross_check,
    glossary_files,
    load_glossary,
    parse_file,
    parse_text,
    resolve_dirs,
)
from locpipe.rules.source import SourceFinding, check_text, fix_text
from locpipe.rules.terms import Entry, Glossary, term_key


def check_source(path: Path, glossary: Glossary) -> list[SourceFinding]:
    """The source findings of one article file (see `locpipe.rules.source.check_text`)."""
    read_text(path)  # one-line errors for missing, binary, empty or non-UTF-8 files
    return check_text(path.read_bytes().decode("utf-8"), glossary, path)


def fix_source(path: Path, findings: list[SourceFinding]) -> int:
    """Rewrite the article with the sure fixes applied, keeping `<name>.bak`; returns how many
    were applied. Both files are written atomically together."""
    original = path.read_bytes().decode("utf-8")
    text, count = fix_text(original, findings)
    if count:
        write_all({path.with_name(path.name + ".bak"): original, path: text})
    return count


ON_CONFLICT = ("report", "keep", "replace")  # `glossary import --on-conflict`


@dataclass
class ImportReport:
    """What `glossary import` did: the CSV written (None: nothing new), entries written,
    entries already in the glossary as they are, one line per conflict, and the rows of the
    glossary's files that imported entries replaced."""

    path: Path | None
    written: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)


def _differences(new: Entry, old: Entry) -> str:
    """How an imported entry differs from the glossary's: "fr 'Alep' here, 'Halab' in
    glossary/places.csv:4; policy …"."""
    parts = [f"{lang} '{' | '.join(forms)}' here, '{' | '.join(old.forms.get(lang, []))}' "
             "in the glossary" for lang, forms in new.forms.items()
             if forms != old.forms.get(lang, [])]
    if new.policy != old.policy:
        parts.append(f"policy {new.policy} here, {old.policy} in the glossary")
    return "; ".join(parts)


def _read_entries(path: Path, dest: Path) -> tuple[str, list[Entry]]:
    """A TBX file's text (as glossary CSV) and its entries, each valid and none contradicting
    another; else a one-line ConfigError naming the file."""
    text = read_tbx(path)
    entries, problems = parse_text(text, dest)
    if problems:
        raise ConfigError(f"imported entry is not valid: {problems[0].message}", path)
    inner = [p for p in cross_check(entries) if "conflicts with" in p.message]
    if inner:
        form = inner[0].message.split(" conflicts with")[0]
        raise ConfigError(f"contradicts itself: two entries for {form} with different forms "
                          "or policy; fix the TBX file", path)
    return text, entries


def _entries_by_form(existing: list[Path]) -> dict[str, Entry]:
    """The glossary's entries by each source form's key (the first entry of a form wins)."""
    current: list[Entry] = []
    for f in glossary_files(existing) if existing else []:
        current += parse_file(f)[0]
    by_form: dict[str, Entry] = {}
    for entry in current:
        for form in entry.source_forms:
            by_form.setdefault(term_key(form), entry)
    return by_form


def import_tbx(path: Path, dest: Path, existing: list[Path], on_conflict: str = "report"
               ) -> ImportReport:
    """Convert a TBX file into the glossary CSV `dest`, checked entry by entry against the
    glossary files in `existing`: an entry already there as it is (the glossary's own TBX
    export) is left out; an entry whose forms or policy differ is a conflict, every one
    reported. `on_conflict`: "report" writes nothing when there is one; "keep" keeps the
    glossary's entry and imports the rest; "replace" imports it and removes the glossary's
    row (the files are written together, all or none)."""
    if on_conflict not in ON_CONFLICT:
        raise ConfigError(f"unknown --on-conflict '{on_conflict}'; available: "
                          f"{', '.join(ON_CONFLICT)}")
    text, entries = _read_entries(path, dest)
    by_form = _entries_by_form(existing)
    report = ImportReport(None)
    keep: list[Entry] = []
    drop: dict[Path, set[int]] = {}
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        keys = [term_key(f) for f in entry.source_forms]
        if any(k in seen for k in keys):
            continue  # (the same entry twice in the file)
        seen.update(keys)
        matches = list({id(e): e for k in keys if (e := by_form.get(k)) is not None}.values())
        clashing = [e for e in matches if _differences(entry, e)]
        if matches and not clashing:
            report.unchanged += 1
            continue
        if not clashing:
            keep.append(entry)
            continue
        for other in clashing:
            report.conflicts.append(f"{path}: entry {n} '{entry.canonical}' conflicts with "
                                    f"{other.where}: {_differences(entry, other)}")
        if on_conflict == "replace":
            keep.append(entry)
            for other in clashing:
                if other.path is not None:
                    drop.setdefault(other.path, set()).add(other.line)
    if report.conflicts and on_conflict == "report":
        return report
    files: dict[Path, str] = {}
    for file, lines in drop.items():
        rows = file.read_text(encoding="utf-8").splitlines(keepends=True)
        files[file] = "".join(r for i, r in enumerate(rows, 1) if i not in lines)
        report.replaced += [f"{file}:{line}" for line in sorted(lines)]
    if keep:
        if dest.exists():
            raise ConfigError("already exists; choose another file with --output", dest)
        rows = text.splitlines(keepends=True)
        files[dest] = rows[0] + "".join(rows[e.line - 1] for e in keep)
        report.path, report.written = dest, len(keep)
    if files:
        write_all(files)
    return report


def check_articles(paths: list[Path], dirs: list[Path] | None, fix: bool = False
                   ) -> tuple[list[SourceFinding], int]:
    """Source findings for every article (after fixing, only what is left) and fixes made."""
    glossary = load_glossary(resolve_dirs(dirs) or [DEFAULT_DIR])
    remaining: list[SourceFinding] = []
    fixed = 0
    for path in paths:
        findings = check_source(path, glossary)
        if fix:
            fixed += fix_source(path, findings)
            findings = [f for f in findings if f.replacement is None]
        remaining += findings
    return remaining, fixed


def export_from(dirs: list[Path] | None, fmt: str, pair: str | None) -> str:
    """Load the glossary and export it (see `export_glossary`)."""
    return export_glossary(load_glossary(resolve_dirs(dirs) or [DEFAULT_DIR]), fmt, pair)


def import_into(path: Path, dirs: list[Path] | None, output: Path | None,
                on_conflict: str = "report") -> ImportReport:
    """Import a TBX file as a new CSV in the (first) glossary directory, or `output`."""
    existing = resolve_dirs(dirs)
    if output is None:
        folder = existing[0] if existing and existing[0].is_dir() else DEFAULT_DIR
        output = folder / f"{path.stem}.csv"
    return import_tbx(path, output, existing, on_conflict)

