"""Readers for translation test sets, in the conventions public test sets use.

- Line-aligned plain text (WMT, FLORES, NTREX): one segment per line; the source file and
  one reference file per language, with the same number of lines.
- TSV: `source<TAB>reference[<TAB>reference…]`, one segment per row. A first row of language
  codes (`en<TAB>fr<TAB>ar`) names the columns; without it, the reference languages are the
  bare `--ref LANG` given, in column order.
- TMX 1.4: one `<tu>` per segment with a `<tuv xml:lang=…><seg>` per language (regions are
  dropped: fr-FR is fr). Every language present in every unit is a reference, so no `--ref`
  is needed. Inline codes become locpipe's numbered tags (`<bpt i="1">`/`<ept i="1">` →
  `<1>`/`</1>`, `<ph>`, `<it>`, `<x/>` → `<N/>`), so markup survival is measured too.
Every problem is one line naming the file (and the line or unit): line counts that differ,
a broken TMX, a TSV row with the wrong number of columns.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from locpipe.errors import InputError
from locpipe.fileio import read_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class TestSet:
    """Source segments and, per language, the reference of each (line-aligned)."""

    __test__ = False  # not a pytest class

    path: Path
    sources: list[str]
    refs: dict[str, list[str]] = field(default_factory=dict)
    ref_paths: dict[str, Path] = field(default_factory=dict)


def _lines(path: Path, encoding: str) -> list[str]:
    text = read_text(path, encoding)
    return text.removeprefix("\ufeff").splitlines()


def read_plain(source: Path, refs: dict[str, Path], encoding: str = "utf-8") -> TestSet:
    """A line-aligned source file and one reference file per language."""
    sources = _lines(source, encoding)
    ts = TestSet(source, sources)
    for lang, path in refs.items():
        if path.suffix.lower() == ".tsv" or path.suffix.lower() == ".tmx":
            raise InputError(f"the reference for {lang} must be a plain text file, one line per "
                             "segment (a TSV or TMX set goes as SOURCE)", path)
        lines = _lines(path, encoding)
        if len(lines) != len(sources):
            raise InputError(f"{path} has {len(lines)} lines, source has {len(sources)} "
                             f"({source}); reference files must be line-aligned with the source")
        ts.refs[lang], ts.ref_paths[lang] = lines, path
    return ts


def read_tsv(path: Path, ref_langs: list[str], source_lang: str = "en",
             encoding: str = "utf-8") -> TestSet:
    """source<TAB>reference rows; a header row of language codes names the columns."""
    rows = [line.split("\t") for line in _lines(path, encoding)]
    if not rows:
        raise InputError("the TSV file is empty; write source<TAB>reference, one per line", path)
    header = [c.strip().lower() for c in rows[0]]
    from locpipe.languages import known

    if len(header) > 1 and header[0] == source_lang and all(known(c) for c in header[1:]):
        langs, rows, first = header[1:], rows[1:], 2
    else:
        langs, first = ref_langs, 1
        if not langs:
            raise InputError("the TSV file has no header row of language codes "
                             f"({source_lang}<TAB>fr…); name the reference column with "
                             "--ref LANG, e.g. --ref fr", path)
    width = 1 + len(langs)
    ts = TestSet(path, [], {lang: [] for lang in langs})
    for n, row in enumerate(rows, start=first):
        if len(row) != width:
            raise InputError(f"has {len(row)} column(s), expected {width} (source, "
                             f"{', '.join(langs)}) separated by tabs", path, n)
        ts.sources.append(row[0])
        for lang, cell in zip(langs, row[1:], strict=True):
            ts.refs[lang].append(cell)
    ts.ref_paths = {lang: path for lang in langs}
    return ts


def _seg_text(seg: ET.Element) -> str:
    """The segment's text with TMX inline codes as numbered tags."""
    out = [seg.text or ""]
    numbers: dict[str, int] = {}
    count = 0
    for child in seg:
        tag = child.tag.split("}")[-1]
        if tag in ("bpt", "ept"):
            key = child.get("i") or str(len(numbers) + 1)
            if key not in numbers:
                count += 1
                numbers[key] = count
            out.append(f"<{numbers[key]}>" if tag == "bpt" else f"</{numbers[key]}>")
        elif tag in ("ph", "it", "x", "hi", "ut"):
            count += 1
            out.append(f"<{count}/>")
            if tag == "hi":  # highlighted text: keep the words
                out.append("".join(child.itertext()))
        out.append(child.tail or "")
    return " ".join("".join(out).split())


def read_tmx(path: Path, source_lang: str = "en") -> TestSet:
    """A TMX file: every language present in every unit, besides the source, is a reference."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"is not a valid TMX file ({exc}); fix the XML or export it again",
                         path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path) from None
    body = root.find("body")
    if root.tag != "tmx" or body is None:
        raise InputError("is not a TMX file (no <tmx><body>); export the test set as TMX 1.4",
                         path)
    units: list[dict[str, str]] = []
    for n, tu in enumerate(body.iter("tu"), start=1):
        segs: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").split("-")[0].split("_")[0]
            seg = tuv.find("seg")
            if not lang or seg is None:
                raise InputError(f"translation unit {n} has a <tuv> without xml:lang or <seg>",
                                 path)
            segs[lang.lower()] = _seg_text(seg)
        if source_lang not in segs:
            raise InputError(f"translation unit {n} has no '{source_lang}' segment", path)
        units.append(segs)
    if not units:
        raise InputError("has no translation units (<tu>)", path)
    langs = sorted(set.intersection(*(set(u) for u in units)) - {source_lang})
    missing = sorted(set.union(*(set(u) for u in units)) - set(langs) - {source_lang})
    for lang in missing:
        n = next(i for i, u in enumerate(units, start=1) if lang not in u)
        raise InputError(f"translation unit {n} has no '{lang}' segment; every unit needs "
                         "every language of the file", path)
    ts = TestSet(path, [u[source_lang] for u in units],
                 {lang: [u[lang] for u in units] for lang in langs})
    ts.ref_paths = {lang: path for lang in langs}
    return ts


def read_testset(source: Path, refs: dict[str, Path | None], source_lang: str = "en",
                 encoding: str = "utf-8") -> TestSet:
    """The test set at `source` (.txt, .tsv or .tmx) with the references `refs` names
    (LANG -> file for plain text; LANG -> None for a TSV column or a TMX language)."""
    if not source.is_file():
        raise InputError("no such file", source)
    suffix = source.suffix.lower()
    if suffix == ".tmx":
        ts = read_tmx(source, source_lang)
        given = [lang for lang, path in refs.items() if path is None]
        for lang in given:
            if lang not in ts.refs:
                raise InputError(f"has no '{lang}' segments; it has: "
                                 f"{', '.join(ts.refs) or 'none'}", source)
        if given:
            ts.refs = {lang: ts.refs[lang] for lang in given}
        return ts
    if suffix == ".tsv":
        return read_tsv(source, [lang for lang, p in refs.items() if p is None], source_lang,
                        encoding)
    bare = [lang for lang, path in refs.items() if path is None]
    if bare:
        raise InputError(f"--ref {bare[0]} needs a reference file for a plain-text source: "
                         f"--ref {bare[0]}=FILE", source)
    if not refs:
        raise InputError("no reference given; add --ref LANG=FILE (e.g. --ref fr=ref.fr.txt)",
                         source)
    return read_plain(source, {k: v for k, v in refs.items() if v is not None}, encoding)
