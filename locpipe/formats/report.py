"""The review report: OUT/<slug>/report.html, source and translations side by side.

Editors read it before publishing: one row per segment, findings under the text they concern,
glossary terms marked, a summary at the top and a checkbox that hides clean rows (CSS :has, so
the file works opened from disk, no server or script). Markup tags stay visible as the PO file
shows them, since the markup check talks about them; each says what it stands for (a code
span's text inline, a link's address on hover).

A format, so it imports no checks: findings arrive on the units (the pipeline ran the checks),
and the summary counts them here. One column per target language of the run, however many;
names, directions and fonts come from the language profiles (through locpipe.formats.pages).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from locpipe.document import SEVERITIES, Document, Tag, Unit, continued, tag_note, tally
from locpipe.formats.pages import direction, escape, escape_text, native_name, script_css
from locpipe.markup import PLACEHOLDER_RE, TAG_RE
from locpipe.rules.terms import term_state

STYLE = """
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.25rem 3rem; color: #1d1d1f;
       font: 15px/1.5 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.4rem; margin: .2rem 0 .8rem; overflow-wrap: anywhere; }
.summary { overflow-x: auto; max-width: 100%; margin-bottom: .8rem; }
.summary table { border-collapse: collapse; }
.summary td, .summary th { padding: .1rem .6rem; text-align: start; border-bottom: 1px solid #ddd; }
label.filter { display: inline-block; margin: .4rem 0 .8rem; font-weight: 600; }
table.segments { width: 100%; table-layout: fixed; border-collapse: collapse; }
table.segments th, table.segments td { vertical-align: top; padding: .45rem .55rem;
       border-bottom: 1px solid #d9d9de; overflow-wrap: anywhere; text-align: start; }
table.segments th.id, table.segments td.id { width: 7.5rem; color: #5f6368; font-size: 12px; }
.scroll { overflow-x: auto; max-width: 100%; }
tr.has-findings td { background: #fffaf0; }
.tag { font: 12px monospace; color: #6b3fa0; background: #f1eaf8; border-radius: 3px;
       padding: 0 .15rem; unicode-bidi: isolate; direction: ltr; }
.tag .orig { color: #1d1d1f; font-style: italic; }
mark.term { background: #dcefff; color: inherit; border-bottom: 2px solid #4a90d9; }
ul.findings { margin: .35rem 0 0; padding: 0; list-style: none; font: 13px/1.4 system-ui,
       "Noto Sans", "DejaVu Sans", sans-serif; text-align: left; }
ul.findings li { margin: .15rem 0; padding: .1rem .4rem; border-inline-start: 4px solid; }
li.error { border-color: #c5221f; background: #fce8e6; }
li.warning { border-color: #e37400; background: #fef3e0; }
li.info { border-color: #1a73e8; background: #e8f0fe; }
.copy { color: #5f6368; font-style: italic; font-size: 12px; }
td.reviewed { background: #f1f8f1; }
.reviewed-mark { color: #1e7b34; font-size: 12px; font-weight: bold; white-space: nowrap; }
ul.notes { margin: .3rem 0 0; padding: 0; list-style: none; color: #5f6368;
       font: 12px/1.4 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; text-align: left; }
body:has(#only-findings:checked) tr.clean { display: none; }
@media (max-width: 600px) { body { padding: .5rem; }
       table.segments th.id, table.segments td.id { width: 4rem; }
       table.segments th, table.segments td { padding: .3rem; } }
footer { margin-top: 2rem; color: #5f6368; font-size: 12px; overflow-wrap: anywhere; }
"""

# Cell text size per script where the report's 15px is too small to read (Arabic marks).
REPORT_SIZE = {"Arab": "font-size: 17px; line-height: 1.8;"}

_GLOSSARY_NOTE = re.compile(r"^glossary:\s*(.+?)\s*(?:→|->)\s*(.+?)\s*$")


_NO_TERMS: tuple[list[str], list[str]] = ([], [])


def glossary_terms(unit: Unit) -> tuple[list[str], list[str]]:
    """Source and target terms the glossary verified in the unit (its typed state)."""
    state = term_state(unit)
    if state is None or not state.verified:  # (most units: no term; nothing to build)
        return [], []
    sources, forms = [], []
    for o in state.verified:  # (state.right, read once)
        if o.right:
            sources.append(o.source)
            forms.append(o.form)
    return sources, forms


def mark_text(text: str, terms: list[str], tags: dict[int, Tag] | None = None) -> str:
    """Escape `text`, show markup tags and placeholders as chips, and mark glossary terms.
    With the segment's `tags`, each chip says what its tag stands for (document.tag_note): a
    tag kept whole shows its original inline (`<2/> `coast``), a pair names its element on
    hover (title)."""
    code = "<" in text  # (both kinds of code open with one)
    if not code and not terms:  # (most sentences: nothing to mark)
        return escape_text(text)
    tags = tags or {}
    spans: list[tuple[int, int, str]] = []
    if code:
        for rx in (TAG_RE, PLACEHOLDER_RE):
            spans.extend((m.start(), m.end(), "tag") for m in rx.finditer(text))
    for term in sorted(set(terms), key=len, reverse=True) if len(terms) > 1 else terms:
        spans.extend((start, start + len(term), "term") for start in _occurrences(term, text))
    if not spans:
        return escape_text(text)
    out: list[str] = []
    pos = 0
    for start, end, kind in sorted(spans):
        if start < pos:
            continue  # overlaps an earlier span
        out.append(escape_text(text[pos:start]))
        inner = escape_text(text[start:end])
        if kind == "tag":
            out.append(_chip(text[start:end], inner, tags))
        else:
            out.append(f'<mark class="term">{inner}</mark>')
        pos = end
    out.append(escape_text(text[pos:]))
    return "".join(out)


def _occurrences(term: str, text: str) -> list[int]:
    """Where `term` starts in `text`, without overlaps, left to right (re.finditer of the
    escaped term, found with str.find: a pattern per term filled re's cache)."""
    if not term:
        return [m.start() for m in re.finditer("", text)]
    found, i = [], text.find(term)
    while i >= 0:
        found.append(i)
        i = text.find(term, i + len(term))
    return found


def _chip(code: str, inner: str, tags: dict[int, Tag]) -> str:
    m = TAG_RE.fullmatch(code)
    tag = tags.get(int(m.group(2))) if m else None
    if tag is None:
        return f'<span class="tag">{inner}</span>'
    note = tag_note(int(m.group(2)), tag)
    what = note.partition(" = ")[2]
    shown = ""
    if tag.void:  # what stands in its place, inline: the reviewer reads the sentence whole
        shown = f' <span class="orig">{escape(what.rpartition(" (")[0], quote=False)}</span>'
    return f'<span class="tag" title="{escape(what)}">{inner}{shown}</span>'


@lru_cache(maxsize=256)  # (asked for every cell)
def _dir(lang: str) -> str:
    return ' dir="rtl"' if direction(lang) == "rtl" else ""


def _cell(unit: Unit | None, split: str = "", terms: list[str] | None = None) -> str:
    if unit is None:
        return "<td></td>"
    rtl = _dir(unit.lang)
    body = mark_text(unit.target, glossary_terms(unit)[1] if terms is None else terms,
                     unit.segment.tags)
    if unit.origin == "copy":  # source text kept: its own language and direction
        lang = unit.segment.lang or "en"
        body = (f'<span lang="{lang}"{_dir(lang) or " dir=ltr"}>{body}</span> '
                '<span class="copy" lang="en" dir="ltr">(kept as in the source)</span>')
    reviewed = _REVIEWED.get(unit.origin)
    if reviewed:  # an editor's text, not the machine's
        body = f'<span class="reviewed-mark" lang="en" dir="ltr">✓ {reviewed}</span> ' + body
    notes = [n for n in unit.notes if not _GLOSSARY_NOTE.match(n)] if unit.notes else []
    if split:
        notes.append(split)
    if notes:  # what stages did (retried, repaired, reused): context for the editor
        body += ('<ul class="notes" lang="en" dir="ltr">'
                 + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>")
    if unit.findings:
        items = "".join(f'<li class="{escape(f.severity)}"><b>{escape(f.check)}</b> '
                        f"({escape(f.severity)}): {escape(f.message)}</li>"
                        for f in unit.findings)
        body += f'<ul class="findings" lang="en" dir="ltr">{items}</ul>'
    mark = ' class="reviewed"' if reviewed else ""
    return f'<td lang="{unit.lang}"{rtl}{mark}>{body}</td>'


# How the report marks a sentence an editor reviewed (in the PO file, or earlier: the memory).
_REVIEWED = {"reviewed": "reviewed", "memory": "reviewed (memory)"}


def _summary(units: dict[str, list[Unit]]) -> str:
    rows = []
    for lang, us in units.items():
        counts = tally((f.severity, f.check) for u in us for f in u.findings)
        sev, by_check = counts["severity"], counts["check"]
        with_findings = sum(bool(u.findings) for u in us)
        asked = [u for u in us if u.origin != "copy"]
        done = sum(u.origin in _REVIEWED for u in asked)
        cells = "".join(f"<td>{sev.get(s, 0)}</td>" for s in SEVERITIES)
        checks = ", ".join(f"{k} {v}" for k, v in by_check.items()) or "—"
        name = f'<span lang="{lang}"{_dir(lang)}>{escape(native_name(lang))}</span>'
        rows.append(f"<tr><th>{name}</th>{cells}"
                    f"<td>{with_findings}/{len(us)}</td><td>{done}/{len(asked)}</td>"
                    f"<td>{escape(checks)}</td></tr>")
    head = "".join(f"<th>{s}</th>" for s in SEVERITIES)
    return ('<div class="summary"><table><thead><tr><th>language</th>' + head +
            "<th>segments with findings</th><th>reviewed</th><th>by check</th></tr></thead>"
            "<tbody>" +
            "".join(rows) + "</tbody></table></div>")


def _split_elements(doc: Document, by_id: dict[str, dict[str, Unit]]
                    ) -> dict[tuple[str, str], str]:
    """(language, segment id) -> a note where an element of the source that runs over two
    sentences (a link) is written as two elements in that language, because the translation
    does not keep it at the end of one sentence and the start of the next (pages join it
    where it does: document.join_continued)."""
    notes: dict[tuple[str, str], str] = {}
    for block in doc.blocks:
        for a, b in zip(block.segments, block.segments[1:], strict=False):
            if not a.tags or not b.tags:  # (no element of one can reopen in the other)
                continue
            names = continued(a.text, a.tags, b.text, b.tags)
            if not names or a.lang or b.lang:
                continue
            for lang, units in by_id.items():
                ua, ub = units.get(a.id), units.get(b.id)
                if ua is not None and ub is not None and not continued(
                        ua.target, a.tags, ub.target, b.tags):
                    notes[(lang, b.id)] = (
                        f"markup: the <{names[0]}> over this sentence and the one before is "
                        "written as two elements (the translation moved its edges)")
    return notes


def render_report(doc: Document, units: dict[str, list[Unit]], signature: str) -> str:
    """The report page for one article; `units` maps target language -> its units in order."""
    langs = list(units)
    by_id = {lang: {u.segment.id: u for u in us} for lang, us in units.items()}
    head = "".join(
        f'<th lang="{lang}"{_dir(lang)}>{escape(native_name(lang))}</th>'
        for lang in langs)
    split = _split_elements(doc, by_id)
    rows = []
    for seg in doc.segments:
        cells = [by_id[lang].get(seg.id) for lang in langs]
        flagged = any(u is not None and u.findings for u in cells)
        terms = [glossary_terms(u) if u is not None else _NO_TERMS for u in cells]
        src_terms = [t for source, _ in terms for t in source]
        src_lang = f' lang="{seg.lang}"' if seg.lang else ""
        sid = escape(seg.id)
        rows.append(
            f'<tr id="{sid}" class="{"has-findings" if flagged else "clean"}">'
            f'<td class="id">{sid}<br>{escape(seg.kind)}</td>'
            f"<td{src_lang}>{mark_text(seg.text, src_terms, seg.tags)}</td>"
            + "".join([_cell(u, split.get((lang, seg.id), "") if split else "", target)
                       for lang, u, (_, target) in zip(langs, cells, terms, strict=True)])
            + "</tr>")
    title = f"Review report — {doc.title}"
    cell = 'td[lang|="{lang}"]'
    fonts = script_css(langs + [s.lang for s in doc.segments if s.lang],
                       cell + ', th[lang|="{lang}"], .summary [lang|="{lang}"]', cell,
                       REPORT_SIZE)
    # Up to two languages the columns share the window; more keep a readable width each and
    # the table scrolls sideways inside its box (the page itself never does).
    wide = f' style="min-width: {8 + 15 * (len(langs) + 1)}rem"' if len(langs) > 2 else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="locpipe-signature" content="{html.escape(signature)}">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}{fonts}\n</style>\n</head>\n"
        "<body>\n"
        f'<nav><a href="index.html">⌂ {html.escape(doc.slug)}</a></nav>\n'
        f"<h1>{html.escape(title)}</h1>\n{_summary(units)}\n"
        '<label class="filter"><input type="checkbox" id="only-findings"> '
        "Only segments with findings</label>\n"
        f'<div class="scroll"><table class="segments"{wide}>\n<thead><tr><th class="id">'
        'segment</th><th lang="en">English</th>'
        f"{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) +
        f"\n</tbody>\n</table></div>\n<footer>{html.escape(signature)}</footer>\n</body>\n"
        "</html>\n"
    )
