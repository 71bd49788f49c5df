"""The `locpipe glossary check | export | import` workflows: files read, rules applied, files
written.

They sit beside `review.py` at the top: each combines formats (glossary files, TBX), pure rules
(locpipe.rules.source, locpipe.rules.terms) and atomic writes, which is neither a format, nor a
rule, nor a pipeline stage. The CLI makes one call here per command.
"""

from __future__ import annotations

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
from locpipe.rules.terms import Entry, Glossary


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


def import_tbx(path: Path, dest: Path, existing: list[Path]) -> int:
    """Convert a TBX file into the glossary CSV `dest`, checked against the glossary files in
    `existing` first: nothing is written if any entry is bad or conflicts. Returns entries."""
    if dest.exists():
        raise ConfigError("already exists; choose another file with --output", dest)
    text = read_tbx(path)
    entries, problems = parse_text(text, dest)
    if problems:
        raise ConfigError(f"imported entry is not valid: {problems[0].message}", path)
    current: list[Entry] = []
    for f in glossary_files(existing) if existing else []:
        current += parse_file(f)[0]
    clash = cross_check(current + entries)
    if clash:
        raise ConfigError(f"imported entries conflict with the glossary: {clash[0]}", path)
    write_all({dest: text})
    return len(entries)




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


def import_into(path: Path, dirs: list[Path] | None, output: Path | None) -> tuple[Path, int]:
    """Import a TBX file as a new CSV in the (first) glossary directory, or `output`."""
    existing = resolve_dirs(dirs)
    if output is None:
        folder = existing[0] if existing and existing[0].is_dir() else DEFAULT_DIR
        output = folder / f"{path.stem}.csv"
    return output, import_tbx(path, output, existing)

