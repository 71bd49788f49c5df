"""PO files: the editor's side of the round trip (written and read with polib).

Every run writes OUT/<slug>/<lang>.po next to the HTML: one entry per segment, msgctxt = the
segment id, msgid = the source sentence with its numbered markup tags, msgstr = the machine output
flagged fuzzy. An editor reviews it in Poedit (or a text editor) and clears the fuzzy flag; from
then on that msgstr is used verbatim, by `po apply` and by every later `translate`.

Re-running on an edited article merges like gettext's msgmerge, written here because msgmerge
cannot do what we need: segments are matched by msgctxt *and* by source text (an inserted
paragraph shifts every later id), a changed segment gets a fresh machine translation marked fuzzy
with its previous msgid (`#|`) while the editor's old translation is kept in a translator comment,
removed segments become obsolete (`#~`), and the file is never rewritten with fewer reviewed
translations than it had (`kept_count`).

msgid shows terms and numbers as plain text, not as placeholders: the editor has to read and
localise them; the `#.` comments list the glossary's target forms and QA findings. Lines are not
wrapped (easier to edit in a text editor; Poedit re-wraps as it likes). The header records the
source article (X-Locpipe-Source, relative to the PO file), the engine and the run's options so
`po apply` can re-run the article the same way.

This module is the file format only (pure functions over polib catalogs, plus the strict
reader): the stage that reuses reviewed entries is `locpipe.stages.reuse`, and `po apply` is in
`locpipe.review`.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import polib
from rapidfuzz import fuzz, process

from locpipe import __version__
from locpipe.document import Document, Segment, Unit, tag_notes
from locpipe.errors import InputError, LocpipeError
from locpipe.fileio import read_text, stamp_time
from locpipe.languages import get as language_profile
from locpipe.languages import known
from locpipe.markup import PLACEHOLDER_RE, TAG_RE, misnested_tag

ARTICLE_HEADER = "X-Locpipe-Article"
SOURCE_HEADER = "X-Locpipe-Source"
ENGINE_HEADER = "X-Locpipe-Engine"
SIGNATURE_HEADER = "X-Locpipe-Signature"
OPTIONS_HEADER = "X-Locpipe-Options"
LANGUAGES_HEADER = "X-Locpipe-Languages"  # the run's target languages, in the order given
PREVIOUS_LABEL = "previous reviewed translation: "
# A changed segment is matched to its old entry when the source texts are this similar (msgmerge
# uses 0.6 too); below that, an entry with the same msgctxt still counts as the old version.
CHANGED_SIMILARITY = 60.0

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "″": '"'})
_SPACE = re.compile(r"\s+")
# What an editor must keep: numbered markup tags and protected-span placeholders, in text order.
_CODES = re.compile(f"{TAG_RE.pattern}|{PLACEHOLDER_RE.pattern}")


def normalise(text: str) -> str:
    """Source text as compared for reuse: whitespace collapsed, curly quotes made straight."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def language(catalog: polib.POFile) -> str:
    """The file's Language header as a locpipe target code: Poedit's "fr_FR" counts as "fr"."""
    return re.split(r"[_@.-]", catalog.metadata.get("Language", "").strip())[0].lower()


def po_path(out_dir: Path, slug: str, lang: str) -> Path:
    """Where an article's PO file for `lang` lives."""
    return out_dir / slug / f"{lang}.po"


def article_languages(art_dir: Path) -> list[str]:
    """The languages an article folder has PO files or pages for (`<lang>.po`, `<lang>.html`
    whose name is a language code CLDR knows), sorted by code."""
    if not art_dir.is_dir():
        return []
    found = {p.name.split(".")[0] for p in art_dir.iterdir()
             if p.suffix in (".po", ".html") and p.name.count(".") == 1}
    return sorted(code for code in found if code == code.lower() and known(code))


def plural_forms(lang: str) -> str:
    """The Plural-Forms header for `lang`, from CLDR's plural rules (Babel).

    French gets CLDR's three forms (one, many for exact millions — "1 000 000 de personnes" —
    and other), not gettext's traditional `nplurals=2; plural=(n > 1);` that Poedit proposes.
    Decided so because the header is never evaluated on a locpipe file (one entry per
    sentence, no msgid_plural), msgfmt --check --check-header accepts the CLDR expression
    (tests/formats/test_po.py runs it for fr, ar, es, de, pt, ru, he), and keeping gettext's
    table for some languages would need a per-language exception where CLDR is otherwise the
    one source of language facts. What an editor's tool writes wins: `render_po` keeps the
    Plural-Forms a file already has, so a French desk whose Poedit saved the two-form header
    keeps it on every re-run.
    """
    return language_profile(lang).plural_forms


def reviewed(entry: polib.POEntry) -> bool:
    """An editor's translation: non-empty msgstr without the fuzzy flag (obsolete or not)."""
    return bool(entry.msgstr.strip()) and "fuzzy" not in entry.flags


def kept_count(catalog: polib.POFile) -> int:
    """Reviewed translations a file holds, as msgstr (active or obsolete) or as a kept comment."""
    count = 0
    for e in catalog:
        if reviewed(e):
            count += 1
        count += sum(1 for line in e.tcomment.splitlines() if line.startswith(PREVIOUS_LABEL))
    return count


# ---------------------------------------------------------------------------------------------
# Reading


def header_line(text: str, name: str) -> int:
    """The line of header `name` in a PO file's text (1 if absent), for error messages."""
    for no, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f'"{name}:'):
            return no
    return 1


_STRING = r'"(?:[^"\\\n]|\\.)*"'
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
# A line that is none of: blank, comment (`#~|` and a bare `#~` too), `keyword "string"…`,
# `"string"…` (also after `#~`).
_BAD_LINE = re.compile(
    r"^(?![ \t]*$)(?![ \t]*\#(?!~))(?![ \t]*\#~[ \t]*(?:\|.*)?$)"
    rf"(?![ \t]*(?:\#~[ \t]*)?(?:{_KEYWORD}[ \t]+)?(?:{_STRING}[ \t]*)+$).*$", re.M)
_MSG_LINE = re.compile(r"^[ \t]*(?:#~[ \t]*)?(msgid|msgstr)\b", re.M)


def _syntax_error(text: str) -> tuple[int, str] | None:
    """The first line polib would let through but msgfmt rejects: unterminated or badly quoted
    strings, stray text, a msgid without msgstr. Hand-written because polib parses leniently;
    regular expressions over the whole text keep it fast on large memory files."""
    def line_at(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    bad = _BAD_LINE.search(text)
    first_error = None
    if bad:
        words = bad.group(0).replace("#~", "").split(None, 1)
        keyword = words[0] if words else ""
        quoted = re.fullmatch(_KEYWORD, keyword) or keyword.startswith('"')
        kind = "unterminated string or unescaped double quote" if quoted else "unexpected text"
        first_error = (line_at(bad.start()), kind)
    pending = None
    for m in _MSG_LINE.finditer(text):
        if first_error and m.start() > bad.start():
            break
        if m.group(1) == "msgid":
            if pending is not None:
                return line_at(pending), "msgid without msgstr"
            pending = m.start()
        else:
            pending = None
    if first_error:
        return first_error
    if pending is not None:
        return line_at(pending), "msgid without msgstr"
    return None


def load_po(path: Path, lang: str | None = None, slug: str | None = None) -> polib.POFile:
    """Parse a PO file strictly; with `lang`/`slug`, check it is that article's file."""
    text = read_text(path)
    bad = _syntax_error(text)
    if bad:
        raise InputError(f"is not a valid PO file ({bad[1]}); fix this line or export the file "
                         "again from Poedit", path, bad[0])
    try:
        catalog = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        m = re.search(r"\(line (\d+)\)(?::\s*(.*))?", str(exc))
        detail = m.group(2) if m and m.group(2) else "syntax error"
        raise InputError(f"is not a valid PO file ({detail}); fix this line or export the file "
                         "again from Poedit", path, int(m.group(1)) if m else None) from exc
    seen: set[tuple[str | None, str]] = set()
    for e in catalog:
        if e.obsolete:
            continue
        key = (e.msgctxt, e.msgid)
        if key in seen:
            raise InputError(f"segment {e.msgctxt} appears twice; delete one of the two entries",
                             path, e.linenum)
        seen.add(key)
    got = language(catalog)
    if lang is not None and got != lang:
        raise InputError(f"Language header is '{got}' but this file is for '{lang}'; set "
                         f"\"Language: {lang}\" or use the {got or 'right'} file",
                         path, header_line(text, "Language"))
    if slug is not None:
        article = catalog.metadata.get(ARTICLE_HEADER, "")
        if not article:
            raise InputError(f"has no {ARTICLE_HEADER} header; only PO files written by "
                             "locpipe translate can be used", path, 1)
        if article != slug:
            raise InputError(f"is the PO file of article '{article}', not '{slug}'; move it to "
                             f"{path.parent.parent / article}/ or delete it",
                             path, header_line(text, ARTICLE_HEADER))
    return catalog


def tag_problem(sid: str, source: str, msgstr: str) -> str | None:
    """Why `msgstr` cannot translate segment `sid` (text `source`): its numbered tags or
    placeholders differ from the source's, or are badly nested."""
    if "<" not in source and "<" not in msgstr:
        return None
    want = Counter(m.group(0) for m in _CODES.finditer(source))
    got = Counter(m.group(0) for m in _CODES.finditer(msgstr))
    missing, extra = want - got, got - want
    if missing:
        return (f"msgstr of {sid} lacks {' '.join(missing.elements())} from msgid; put every "
                "numbered tag back (entry not applied)")
    if extra:
        return (f"msgstr of {sid} has {' '.join(extra.elements())}, which msgid does not; "
                "remove it (entry not applied)")
    bad = misnested_tag(msgstr)  # counts match, so it is a closing tag out of place
    if bad:
        return (f"msgstr of {sid} closes {bad} before opening it or across another "
                "tag; nest the tags as in msgid (entry not applied)")
    return None


# ---------------------------------------------------------------------------------------------
# Matching segments to the entries of an earlier file


@dataclass
class Match:
    entry: polib.POEntry
    same: bool  # True: same source text (reuse); False: the segment changed since


@dataclass
class Reviewed:
    """An article's existing PO file for one language, parsed and matched to the article's
    segments once per run (`read_reviewed`): the reuse stage and `render_po` are handed it."""

    path: Path
    catalog: polib.POFile
    matches: dict[str, Match]


def read_reviewed(path: Path, lang: str, slug: str, segments: list[Segment]
                  ) -> Reviewed | None:
    """The article's PO file at `path` (None if there is none), checked (`load_po`) and
    matched to `segments`; raises an InputError for a broken or foreign file."""
    if not path.exists():
        return None
    catalog = load_po(path, lang, slug)
    return Reviewed(path, catalog, match_entries(segments, catalog))


def match_entries(segments: list[Segment], catalog: polib.POFile) -> dict[str, Match]:
    """Pair each segment with its entry in an earlier PO file, like msgmerge.

    Order of preference: same msgctxt and msgid; same msgid elsewhere (ids shift when a
    paragraph is inserted); most similar unmatched msgid (>= 60 %); unmatched same msgctxt.
    Obsolete entries take part, so a segment that comes back revives its translation.
    """
    entries = [e for e in catalog if e.msgid]
    by_key = {(e.msgctxt, normalise(e.msgid)): e for e in reversed(entries)}
    by_text: dict[str, list[polib.POEntry]] = {}
    for e in entries:
        by_text.setdefault(normalise(e.msgid), []).append(e)
    for lst in by_text.values():
        lst.sort(key=lambda e: (not reviewed(e), e.obsolete))
    used: set[int] = set()
    result: dict[str, Match] = {}

    for seg in segments:
        e = by_key.get((seg.id, normalise(seg.text)))
        if e is not None and id(e) not in used:
            result[seg.id] = Match(e, True)
            used.add(id(e))
    for seg in segments:
        if seg.id in result:
            continue
        same = by_text.get(normalise(seg.text), [])
        e = next((x for x in same if id(x) not in used), same[0] if same else None)
        if e is not None:
            result[seg.id] = Match(e, True)
            used.add(id(e))
    free = [e for e in entries if id(e) not in used]
    for seg in segments:
        if seg.id in result or not free:
            continue
        best = process.extractOne(normalise(seg.text), [normalise(e.msgid) for e in free],
                                  scorer=fuzz.ratio, score_cutoff=CHANGED_SIMILARITY)
        e = free[best[2]] if best else next((x for x in free if x.msgctxt == seg.id), None)
        if e is not None:
            result[seg.id] = Match(e, False)
            free.remove(e)
    return result


# ---------------------------------------------------------------------------------------------
# Writing


def _unsafe(c: str) -> bool:
    """A character that would break a PO line (or an XML file made from it): control
    characters, line and paragraph separators, lone surrogates (undecodable file-name bytes)
    and the two non-characters."""
    return unicodedata.category(c) in ("Cc", "Zl", "Zp", "Cs") or c in "\ufffe\uffff"


# _unsafe as one character class (Cc, Zl, Zp and Cs are fixed sets in Unicode; a test checks
# every code point against _unsafe): whole strings are scanned at C speed
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_HEADER_QUOTED_RE = re.compile("[%\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def escape_header(value: str) -> str:
    """A header value safe on one PO line: `%` and every unsafe character percent-encoded
    (UTF-8; an undecodable file-name byte as itself), reversed by `unescape_header`."""
    if not _HEADER_QUOTED_RE.search(value):
        return value
    return "".join(quote(c.encode("utf-8", "surrogateescape"), safe="")
                   if c == "%" or _unsafe(c) else c for c in value)


def unescape_header(value: str) -> str:
    """The value `escape_header` encoded (urllib's percent-decoding)."""
    return unquote(value, errors="surrogateescape") if "%" in value else value


def visible(text: str) -> str:
    """Text for a comment line: unsafe characters shown as escapes (`\\x01`, `\\u2028`)."""
    if not _UNSAFE_RE.search(text):
        return text
    return "".join(c.encode("unicode_escape", "backslashreplace").decode("ascii")
                   if _unsafe(c) else c for c in text)


def _one_line(text: str) -> str:
    """`text` on one comment line: whitespace runs as one space, unsafe characters shown.
    A printable text has no whitespace but the ASCII space and nothing unsafe, so one
    without double spaces only needs stripping (most notes and findings)."""
    if text.isprintable() and "  " not in text:
        return text.strip()
    return visible(_SPACE.sub(" ", text).strip())


def _occurrence(path: str) -> str:
    """A file name for a `#:` line: spaces and unsafe characters percent-encoded (polib splits
    references on whitespace)."""
    if not _HEADER_QUOTED_RE.search(path) and not any(c.isspace() for c in path):
        return path
    return "".join(quote(c.encode("utf-8", "surrogateescape"), safe="")
                   if c.isspace() or c == "%" or _unsafe(c) else c for c in path)


def _comments(u: Unit) -> str:
    """The entry's `#.` lines: what the unit is, what each numbered tag stands for
    (`<2/> = `coast` (code)`: a reviewer choosing gender or article sees it), what the
    stages did, the QA findings."""
    seg = u.segment
    if not (seg.note or seg.tags or u.notes or u.findings):  # (nothing to say: many units)
        return ""
    notes = tag_notes(seg.text, seg.tags) if seg.tags else ()  # (none without tags)
    lines = [_one_line(n) for n in (seg.note, *notes, *u.notes) if n]
    lines += [_one_line(f"qa {f.severity} {f.check}: {f.message}") for f in u.findings]
    return "\n".join(x for x in lines if x)


def _now() -> str:
    return stamp_time().strftime("%Y-%m-%d %H:%M+0000")


def source_ref(doc: Document, po_dir: Path) -> str:
    """The article's source as a PO file in `po_dir` records it (X-Locpipe-Source, `#:`):
    relative to the folder, resolved."""
    return Path(os.path.relpath(os.path.realpath(doc.path), os.path.realpath(po_dir))).as_posix()


def read_options(header: str) -> object:
    """The run options an OPTIONS_HEADER value records, parsed (None when it is not JSON);
    `context.RunSignature` writes and restores them."""
    try:
        return json.loads(unescape_header(header)) if header else {}
    except (ValueError, RecursionError):  # not JSON, or nested too deep to be ours
        return None


def _metadata(doc: Document, lang: str, previous: polib.POFile | None, source: str,
              signature: str, engine: str, options: str | None, languages: list[str] | None
              ) -> dict[str, str]:
    """The PO header: what an editor's tool wrote before is kept, locpipe's own lines are
    renewed."""
    name = language_profile(lang).name
    metadata = dict(previous.metadata) if previous else {}
    # Poedit fills these in when an editor saves; until then say who wrote the file.
    metadata.setdefault("POT-Creation-Date", _now())
    metadata.setdefault("PO-Revision-Date", metadata["POT-Creation-Date"])
    metadata.setdefault("Last-Translator", f"locpipe {__version__} (machine translation)")
    metadata.setdefault("Language-Team", name)
    metadata.setdefault("Plural-Forms", plural_forms(lang))  # kept if set: see plural_forms
    metadata.update({k: escape_header(v) for k, v in {
        "Project-Id-Version": doc.slug,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"locpipe {__version__}",
        ARTICLE_HEADER: doc.slug,
        SOURCE_HEADER: source,
        ENGINE_HEADER: engine,
        **({OPTIONS_HEADER: options} if options is not None else {}),
        **({LANGUAGES_HEADER: ", ".join(languages)} if languages is not None else {}),
        SIGNATURE_HEADER: signature,
    }.items()})
    return metadata


def render_po(doc: Document, lang: str, units: list[Unit], signature: str, engine: str,
              path: Path, *, earlier: Reviewed | None, options: str | None = None,
              languages: list[str] | None = None, source: str | None = None) -> str:
    """The article's PO file for `lang`, merged with `earlier`, the file already at `path`
    as the run read it (`read_reviewed`; None: there was none); `options` are the run's
    (`context.RunSignature.options`), `languages` its target languages; `source` is
    `source_ref(doc, path.parent)` when the caller has it (one per article folder)."""
    previous = earlier.catalog if earlier is not None else None
    matches = earlier.matches if earlier is not None else {}
    source = source_ref(doc, path.parent) if source is None else source
    occurrence = _occurrence(source)  # the same on every entry

    catalog = polib.POFile(wrapwidth=0)
    catalog.header = (f"{language_profile(lang).name} translation of “{_one_line(doc.title)}”.\n"
                      "Review each entry, then clear its fuzzy flag (Poedit: uncheck “Needs "
                      "work”);\nreviewed entries are used verbatim by `locpipe po apply` and "
                      "later runs.")
    catalog.metadata = _metadata(doc, lang, previous, source, signature, engine, options,
                                 languages)

    if previous is None:  # a first run: nothing to merge, each entry written as it is made
        text = po_text(catalog, [_first_entry(u, occurrence) for u in units])
        return text if text.endswith("\n") else text + "\n"
    for u in units:
        catalog.append(_merged_entry(u, occurrence, matches))
    _keep_obsolete(catalog, previous, matches, path)
    text = po_text(catalog)
    return text if text.endswith("\n") else text + "\n"


def _first_entry(u: Unit, occurrence: str) -> str:
    """A unit's entry in a file written for the first time, laid out at once (what
    `_merged_entry` makes without an earlier entry, and `_entry_text` writes: a polib entry in
    between cost as much as laying it out)."""
    seg = u.segment
    comment = _comments(u)
    # _layout's lines for these fields, written out: no translator comment, no previous
    # fields, one occurrence, one flag at most
    head = "#. " + comment.replace("\n", "\n#. ") + "\n" if comment else ""
    if seg.line:
        head += f"#: {occurrence}:{seg.line}\n"
    if u.origin not in ("reviewed", "memory"):
        head += "#, fuzzy\n"
    return (f'{head}{_field("", "msgctxt", seg.id)}\n{_field("", "msgid", seg.text)}\n'
            f'{_field("", "msgstr", u.target)}\n')


def _merged_entry(u: Unit, occurrence: str, matches: dict[str, Match]) -> polib.POEntry:
    """A unit's entry merged with its earlier one (`matches`), like msgmerge: a reviewed
    translation of the same text is kept; else the new one, fuzzy, with what was there."""
    seg = u.segment
    entry = polib.POEntry(msgctxt=seg.id, msgid=seg.text, comment=_comments(u),
                          occurrences=[(occurrence, str(seg.line))] if seg.line else [])
    m = matches.get(seg.id)
    old = m.entry if m else None
    if old is not None and m.same and reviewed(old):
        entry.msgstr, entry.tcomment = old.msgstr, old.tcomment
        return entry
    entry.msgstr = u.target
    fuzzy = u.origin not in ("reviewed", "memory")
    if fuzzy:
        entry.flags = ["fuzzy"]
    if old is not None:
        entry.tcomment = old.tcomment
        if not m.same and reviewed(old):
            kept = PREVIOUS_LABEL + _one_line(old.msgstr)
            entry.tcomment = "\n".join(x for x in (old.tcomment, kept) if x)
        if fuzzy and m.same:
            entry.previous_msgid = old.previous_msgid
            entry.previous_msgctxt = old.previous_msgctxt
        elif fuzzy:
            entry.previous_msgid = old.msgid
            if old.msgctxt != seg.id:
                entry.previous_msgctxt = old.msgctxt
    return entry


def _keep_obsolete(catalog: polib.POFile, previous: polib.POFile, matches: dict[str, Match],
                   path: Path) -> None:
    """The earlier file's reviewed entries no segment took, kept as obsolete (`#~`); raises
    when the new file would hold fewer reviewed translations than the earlier one."""
    matched = {id(m.entry) for m in matches.values()}
    active = {(e.msgctxt, e.msgid) for e in catalog}
    for e in previous:
        if not e.msgid or id(e) in matched or (e.msgctxt, e.msgid) in active:
            continue
        if not reviewed(e) and PREVIOUS_LABEL not in e.tcomment:
            continue  # machine output nobody reviewed: nothing to keep
        catalog.append(polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid, msgstr=e.msgstr,
                                     flags=list(e.flags), tcomment=e.tcomment,
                                     obsolete=True))
        active.add((e.msgctxt, e.msgid))
    if kept_count(catalog) < kept_count(previous):
        raise LocpipeError(f"would hold fewer reviewed translations ({kept_count(catalog)}) "
                           f"than it has ({kept_count(previous)}); the article was left as "
                           "it was — please report this bug", path)


def po_text(catalog: polib.POFile, laid_out: list[str] | None = None) -> str:
    """`str(catalog)` for an unwrapped catalog (wrapwidth 0, as locpipe writes them), with
    each entry written by `_entry_text`: polib's output step, generic over wrapping, escapes
    every field twice and counts its special characters for a wrap that width 0 turns off —
    it was a twelfth of a pseudo run, and it has no faster path to ask for. The metadata
    entry (its order, natural sort) is polib's; tests/formats/test_po_speed.py checks the
    result against polib's own on generated catalogs. `laid_out`: active entries written
    already (`_first_entry`), after the catalog's own active ones."""
    if catalog.wrapwidth > 0 and laid_out is None:
        return str(catalog)
    head = "".join("#\n" if not line else f"#{line}\n" if line[:1] in ",:" else f"# {line}\n"
                   for line in catalog.header.split("\n"))
    entries = [_entry_text(e) for e in (catalog.metadata_as_entry(),
                                        *(e for e in catalog if not e.obsolete))]
    entries += laid_out or ()
    entries += (_entry_text(e) for e in catalog if e.obsolete)
    return head + "\n".join(entries)


_NEEDS_ESCAPE = re.compile(r'[\\\t\r\n\v\b\f"]')
# What makes a field more than `name "text"`: a character polib escapes or a line break of
# str.splitlines's (those are all control characters or U+2028/U+2029: none is printable)
_NOT_PLAIN = re.compile(r'[\\"\t\n\v\b\f\r\x1c-\x1e\x85\u2028\u2029]')


def _field(prefix: str, name: str, text: str) -> str:
    """One field as polib writes it unwrapped: a text of several lines (str.splitlines's)
    opens with "" and puts each line on its own. Most fields are one line with nothing to
    escape, which str.isprintable tells at C speed (stopping at a no-break space, where the
    pattern decides)."""
    if text.isprintable():  # one line (every line break is unprintable), where polib's
        if '"' in text or "\\" in text:  # escape changes only backslashes and quotes
            text = text.replace("\\", "\\\\").replace('"', '\\"')
        return f'{prefix}{name} "{text}"'
    if not _NOT_PLAIN.search(text):
        return f'{prefix}{name} "{text}"'
    lines = text.splitlines(True)
    if len(lines) > 1:
        return f'{prefix}{name} ""\n' + "\n".join(f'{prefix}"{_escape(x)}"' for x in lines)
    return f'{prefix}{name} "{_escape(text)}"'


def _escape(text: str) -> str:
    return polib.escape(text) if _NEEDS_ESCAPE.search(text) else text


def _entry_text(e: polib.POEntry) -> str:
    """`e.__unicode__(0)`: polib's layout of an entry, unwrapped (plural entries, which
    locpipe never writes, are left to polib)."""
    if e.msgid_plural or e.msgstr_plural:
        return e.__unicode__(0)
    return _layout(e.msgctxt, e.msgid, e.msgstr, comment=e.comment, tcomment=e.tcomment,
                   occurrences=e.occurrences, flags=e.flags, obsolete=e.obsolete,
                   previous=(e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural))


def _layout(msgctxt: str | None, msgid: str, msgstr: str, *, comment: str = "",
            tcomment: str = "", occurrences: Sequence[tuple[str, str]] = (),
            flags: Sequence[str] = (), obsolete: bool = False,
            previous: tuple[str | None, str | None, str | None] = (None, None, None)) -> str:
    """An entry of one msgid and msgstr laid out as polib writes it unwrapped."""
    lines = [f"# {c}" for c in tcomment.split("\n")] if tcomment else []
    if not obsolete:
        if comment:
            lines += [f"#. {c}" for c in comment.split("\n")]
        if occurrences:
            lines.append("#: " + " ".join(f"{path}:{line}" if line else path
                                          for path, line in occurrences))
    if flags:
        lines.append("#, " + ", ".join(flags))
    before = "#~| " if obsolete else "#| "
    for name, value in zip(("msgctxt", "msgid", "msgid_plural"), previous, strict=True):
        if value is not None:
            lines.append(_field(before, name, value))
    mark = "#~ " if obsolete else ""
    if msgctxt is not None:
        lines.append(_field(mark, "msgctxt", msgctxt))
    lines.append(_field(mark, "msgid", msgid))
    lines.append(_field(mark, "msgstr", msgstr))
    return "\n".join(lines) + "\n"
