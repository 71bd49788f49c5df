"""The run index: `OUT/index.html`, one row per article folder of the output directory.

It is rebuilt from the folders' manifests (`locpipe.formats.manifest`), never from what one run
remembers, so it stays right across runs, `po apply` and machines: a cluster's workers write
the article folders, the client rebuilds the index once at the end. Each row gives the title
(linking the article's own index.html), the languages (each linking its page), the findings
per severity (linking report.html), the reviewed share and the time of the last run. Reading
one small JSON file per folder keeps it linear in the number of articles; the rebuild holds
folder names and rendered rows, never the manifests, and writes the page in pieces.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

from locpipe.errors import LocpipeError
from locpipe.fileio import write_all
from locpipe.formats.manifest import Manifest, read_manifest
from locpipe.formats.pages import ROBOTS_META, STYLE

INDEX_NAME = "index.html"
# What marks an index.html as locpipe's own run index: a file without it (the desk's own page
# in a folder given as --out) is never written over. Indexes from before the marker are known
# by their title.
GENERATOR = '<meta name="generator" content="locpipe run index">'
_OLD_TITLE = "<title>locpipe output: "
_TABLE_STYLE = ("table{border-collapse:collapse;width:100%}th,td{text-align:start;padding:.3rem "
                ".5rem;border-bottom:1px solid #ddd;vertical-align:top}"
                ".error{color:#b00020}.warning{color:#8a5a00}"
                "tbody td:last-child{white-space:nowrap}"  # the day of the last run, whole
                ".pseudo{color:#8a5a00;font-weight:bold;font-size:.8em}"
                ".pseudo-note{background:#fff4ce;border:1px solid #e0c060;padding:.5rem .8rem}"
                ".rows{overflow-x:auto}")  # a narrow window scrolls the table, not the page


# Bidi embeddings and overrides (U+202A-U+202E) make text read in another order than it is
# stored ("invoice\u202egnp.exe" shows as "invoiceexe.png"): where a title or a file name is
# shown they are made visible. Isolates (U+2066-U+2069) are dropped (an unclosed one would
# isolate the rest of the line).
_OVERRIDES = {c: f"[U+{c:04X}]" for c in range(0x202A, 0x202F)}
_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))
_SHOWN = str.maketrans(_OVERRIDES | _ISOLATES)
_BIDI_CONTROLS = re.compile("[" + "".join(map(chr, _SHOWN)) + "]")  # (none is special in [])


def shown(text: str) -> str:
    """`text` as a title or file name is displayed: bidi overrides visible, isolates gone.
    (A text without any is returned as it is: translating a whole page character by
    character, to change nothing, cost a twentieth of writing an article.)"""
    return text.translate(_SHOWN) if _BIDI_CONTROLS.search(text) else text


def entries(out_dir: Path) -> Iterator[tuple[str, Manifest]]:
    """(folder name, manifest) of every article folder of `out_dir`, by folder name, one at a
    time; a manifest that cannot be read is left out (the article that owns the folder
    reports it)."""
    with os.scandir(out_dir) as it:  # names, not paths: thousands of folders cost little
        names = sorted(e.name for e in it if e.is_dir())
    for name in names:
        try:
            m = read_manifest(out_dir / name)
        except LocpipeError:
            continue
        if m is not None:
            yield name, m


def _findings(m: Manifest) -> str:
    sev = (m.findings or {}).get("severity") or {}
    if not sev:
        return "none" if m.findings is not None else "?"
    return ", ".join(f'<span class="{html.escape(k)}">{int(n)} {html.escape(k)}'
                     f'{"s" if int(n) != 1 else ""}</span>' for k, n in sev.items())


def _reviewed(m: Manifest) -> str:
    done, asked = (list(m.reviewed) + [0, 0])[:2]
    if not asked:
        return "—"
    return f"{round(100 * int(done) / int(asked))} % ({int(done)}/{int(asked)})"


def is_pseudo(m: Manifest) -> bool:
    """Whether the article's pages are pseudo-translation (its manifest's engines, or the
    signature of a manifest from before engines were recorded)."""
    if m.engines:
        return any(isinstance(e, dict) and e.get("pseudo") for e in m.engines.values())
    return m.signature.startswith("engine:pseudo|")


def source_shown(m: Manifest, folder: Path) -> str:
    """The article's source path, the same way for every row: relative to the folder that
    holds the output folder when it lies under it (as a desk runs: wires/ beside output/),
    else absolute."""
    source = os.path.abspath(m.source_path(folder))
    base = os.path.abspath(folder.parent.parent)
    rel = os.path.relpath(source, base)
    return Path(rel).as_posix() if not rel.startswith("..") else Path(source).as_posix()


def row(folder: str, m: Manifest, out_dir: Path | None = None) -> str:
    """One article's line of the index."""
    href = quote(folder)
    title = m.title or m.identity or folder
    langs = " ".join(f'<a href="{href}/{quote(lang)}.html" hreflang="{html.escape(lang)}">'
                     f"{html.escape(lang)}</a>" for lang in m.languages)
    source = source_shown(m, out_dir / folder) if out_dir is not None else m.identity
    pseudo = ' <span class="pseudo">pseudo-translation</span>' if is_pseudo(m) else ""
    return (f'<tr><td><a href="{href}/index.html">{html.escape(shown(title))}</a>{pseudo}<br>'
            f"<small>{html.escape(shown(source))}</small></td><td>{langs}</td>"
            f'<td><a href="{href}/report.html">{_findings(m)}</a></td>'
            f"<td>{_reviewed(m)}</td><td>{html.escape(m.written[:10])}</td></tr>")
    # the day: the page stays the same for every run of a day (the second is in manifest.json)


def pieces(rows: Iterable[tuple[str, Manifest]], out_dir: Path | None = None) -> list[str]:
    """The index page for these folders, in pieces (one per row). Each row is rendered as its
    manifest comes, so a rebuild over thousands of folders holds their lines, not their
    manifests (and `rebuild` writes the pieces without joining them)."""
    body: list[str] = []
    pseudo = 0
    for folder, m in rows:
        body.append(row(folder, m, out_dir) + "\n")
        pseudo += is_pseudo(m)
    note = (f'<p class="pseudo-note"><b>PSEUDO-TRANSLATION, not for publication:</b> '
            f"{pseudo} of the {len(body)} article(s) were made by the pseudo engine to check "
            "layout; their pages are not translations.</p>\n") if pseudo else ""
    head = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"{GENERATOR}\n{ROBOTS_META}\n<title>locpipe output: {len(body)} article(s)</title>\n"
            f"<style>{STYLE}{_TABLE_STYLE}\n</style>\n</head>\n<body>\n<main>\n"
            f"<h1>{len(body)} article(s)</h1>\n{note}"
            '<div class="rows"><table>\n<thead><tr><th>Article</th><th>Languages</th>'
            "<th>Findings</th>"
            "<th>Reviewed</th><th>Last run (UTC day)</th></tr></thead>\n<tbody>\n")
    return [head, *body, "</tbody>\n</table></div>\n</main>\n</body>\n</html>\n"]



def ours(path: Path) -> bool:
    """Whether the file at `path` is a run index locpipe wrote (or is missing)."""
    if path.is_symlink():
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return GENERATOR in head or _OLD_TITLE in head


def rebuild(out_dir: Path) -> Path:
    """Write `out_dir/index.html` from the manifests of its folders (atomically); an
    index.html locpipe did not write is left alone (a LocpipeError says so)."""
    path = out_dir / INDEX_NAME
    if not ours(path):
        raise LocpipeError("was not written by locpipe, so the run index was not written over "
                           "it (the articles were written); move it away or use another --out",
                           path)
    write_all({path: pieces(entries(out_dir), out_dir)}, out_dir)
    return path
