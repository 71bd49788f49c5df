"""Article identity: which source an output folder belongs to, and what the folder is called.

An article's identity is its source path relative to the input root it was found under (a file
given directly: relative to the current directory, or absolute when outside it), as a POSIX
string. It is stable across re-runs from the same place and different for different files:
`day1/syria.txt` and `day2/syria.txt`, `a.txt` and `A.md`, `x.html` and `x.txt`. It is in
Unicode NFC, so renaming a file from its NFC to its NFD spelling keeps its identity.

The output folder is named from the identity so a person can tell which story it holds:
non-Latin names are transliterated with anyascii (ISC licence; `حمص.txt` -> `hms`, `Évêque` ->
`eveque`) instead of collapsing to `article`. A folder name is a readable label, not a proof of
ownership: two sources can reduce to the same name, so every folder records its source in a
manifest (`locpipe.formats.manifest`) and `folder_candidates` lists the names an article may
take, most readable first. The first one that is free or already its own is used.

Pure functions only (no IO): the pipeline and `po apply` do the file work.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path, PurePosixPath

from anyascii import anyascii

MAX_SLUG = 80  # characters; longer names are cut and end with a short hash of the full name
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """A readable ASCII folder name for `name`: transliterated (anyascii), lower case, runs of
    anything but letters and digits turned into one `-`; `article` when nothing is left."""
    text = _NOT_SLUG.sub("-", anyascii(name).lower()).strip("-")
    if len(text) > MAX_SLUG:
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        text = text[: MAX_SLUG - 9].rstrip("-") + "-" + digest
    return text or "article"


def identity(path: Path, root: Path | None = None, cwd: Path | None = None) -> str:
    """The identity of the source at `path`: relative to `root` (the directory it was found
    under), else relative to `cwd` (default: the current directory), else absolute."""
    if root is not None:
        return nfc(path.relative_to(root).as_posix())
    here = (cwd or Path.cwd()).absolute()
    full = Path(os.path.abspath(path))
    try:
        return nfc(full.relative_to(here).as_posix())
    except ValueError:
        return nfc(full.as_posix())


def nfc(text: str) -> str:
    """Identities are NFC: `café.txt` spelled with a combining accent (NFD: macOS, some zip
    tools) is the same article, not a new one."""
    return unicodedata.normalize("NFC", text)


def folder_candidates(ident: str) -> list[str]:
    """Folder names the article `ident` may take, in order of preference (the caller adds
    numbered ones, `name-2`, `name-3`…, when all of these belong to other sources).

    First the file name alone (`output/<slug>/`, as before identities: the README's example
    and every folder an earlier version wrote keep their name), then the path with its folders
    (`day2-syria` for `day2/syria.txt`), then with the extension too (`a-md` beside `a` from
    `a.txt`)."""
    path = PurePosixPath(ident)
    stem = path.with_suffix("").as_posix().lstrip("/")
    names = [slug(path.stem), slug(stem.replace("/", "-")),
             slug(path.as_posix().lstrip("/").replace("/", "-"))]
    return list(dict.fromkeys(names))


def numbered(base: str, n: int) -> str:
    """The n-th numbered alternative of a folder name (n >= 2)."""
    return f"{base}-{n}"
