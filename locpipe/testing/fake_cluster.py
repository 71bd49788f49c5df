"""A pseudo engine that takes its time and says where it runs, for the cluster tests, and a
few fresh wire-style articles (written for these tests)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from locpipe.engines.pseudo import PseudoEngine

NAME = "slowpseudo"
TARGET = "locpipe.testing.fake_cluster:SlowPseudo"


class SlowPseudo(PseudoEngine):
    """Pseudo-translation that sleeps LOCPIPE_TEST_SLEEP seconds per engine call and touches
    LOCPIPE_TEST_MARKERS/<pid> so a test knows which process is translating."""

    name = NAME

    def translate(self, texts: list[str]) -> list[str]:
        markers = os.environ.get("LOCPIPE_TEST_MARKERS")
        if markers:
            Path(markers, str(os.getpid())).touch()
        time.sleep(float(os.environ.get("LOCPIPE_TEST_SLEEP", "0")))
        return super().translate(texts)


TOWNS = ["Saraqib", "Maarat al-Numan", "Jisr al-Shughur", "Ariha", "Kafr Nabl", "Taftanaz",
         "Binnish", "Sarmin", "Atarib", "Harem", "Salqin", "Darkush", "Khan Shaykhun",
         "Qalaat al-Madiq"]


def wire_article(i: int) -> str:
    """A short wire story, different for each i: headline, subheading, quotes, numbers."""
    town = TOWNS[i % len(TOWNS)]
    return (f"Water trucks reach {town} after {i + 3} days of shelling\n\n"
            f"Aid groups said on Tuesday that {1200 + 37 * i:,} families in {town} had gone "
            f"without clean water since March {i % 27 + 1}.\n\n"
            "Pumping stations\n\n"
            f"“We filled {i + 12} tanks before noon,” a driver for the Syrian Arab Red Crescent "
            f"told AFP. The UN said {i % 9 + 2} pumping stations were damaged in 2023.\n\n"
            f"Residents of {town} queued for 13 to 15 hours, a council official said.\n")


def write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"story-{i:03d}.txt"
        path.write_text(wire_article(i), encoding="utf-8")
        paths.append(path)
    return paths


def outputs(out: Path) -> dict[str, bytes]:
    """Every file under `out` but the manifests' and index's times and the PO dates."""
    found = {}
    for p in sorted(out.rglob("*")):
        if not p.is_file() or p.name.startswith("."):
            continue
        data = p.read_bytes()
        if p.name == "manifest.json" or p == out / "index.html":
            import json
            import re

            if p.name == "manifest.json":
                doc = json.loads(data)
                doc.pop("written", None)
                doc["files"] = {k: v for k, v in (doc.get("files") or {}).items()
                                if not k.endswith(".po")}  # the PO files hold a date
                data = json.dumps(doc, sort_keys=True).encode()
            else:
                data = re.sub(rb"<td>\d{4}-\d\d-\d\dT[\d:]+Z</td>", b"<td>T</td>", data)
        if p.suffix == ".po":
            data = b"\n".join(line for line in data.split(b"\n")
                              if b"Creation-Date" not in line and b"Revision-Date" not in line)
        found[str(p.relative_to(out))] = data
    return found
