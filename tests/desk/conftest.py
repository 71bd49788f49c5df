"""A desk's output folder for the review desk tests: two articles translated with the pseudo
engine into French and Arabic, a glossary in ./glossary and a memory beside OUT."""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient
from typer.testing import CliRunner

from locpipe.cli import app as cli_app
from locpipe.desk.app import Desk, create_app, local_hosts

GLOSSARY = """\
en,fr,ar,type,policy,note
Red Crescent,Croissant-Rouge,الهلال الأحمر,organisation,enforce,
"""

DAM = """\
Repairs begin at the Tabqa dam after weeks of shelling

Engineers from the Red Crescent reached the dam on Monday with 120 tonnes of spare parts.

“The turbines can run again within 10 days,” said site manager Leila Haddad.

About 300,000 people downstream rely on the dam for water.
"""

# A source holding markup as text: it must be shown, never run.
HOSTILE = """\
Officials warn about a fake news site spreading <script>document.title='pwned'</script>

A message on the site read <img src=x onerror="document.title='pwned'"> and was shared 4,000 times.
"""

DAM_SLUG = "tabqa-dam"
HOSTILE_SLUG = "fake-site"
NUMBER_SEG = f"{DAM_SLUG}:2.1"  # "... with 120 tonnes of spare parts."
POPULATION_SEG = f"{DAM_SLUG}:4.1"


@dataclass
class Out:
    root: Path
    out: Path
    memory: Path

    def po(self, slug: str = DAM_SLUG, lang: str = "fr") -> Path:
        return self.out / slug / f"{lang}.po"

    def entry(self, sid: str, slug: str = DAM_SLUG, lang: str = "fr") -> polib.POEntry:
        return next(e for e in polib.pofile(str(self.po(slug, lang)))
                    if e.msgctxt == sid and not e.obsolete)


def translate(root: Path, *sources: Path, extra: tuple[str, ...] = ()) -> None:
    result = CliRunner().invoke(cli_app, ["translate", *map(str, sources), "--to", "fr,ar",
                                          "--engine", "pseudo", "--out", str(root / "out"),
                                          "--memory", str(root / "memory"), *extra])
    assert result.exit_code == 0, result.output


@pytest.fixture
def desk_out(tmp_path, monkeypatch) -> Out:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LOCPIPE_NO_GLOSSARY", raising=False)  # a desk: its glossary is found
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "orgs.csv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "articles").mkdir()
    dam = tmp_path / "articles" / f"{DAM_SLUG}.txt"
    dam.write_text(DAM, encoding="utf-8")
    hostile = tmp_path / "articles" / f"{HOSTILE_SLUG}.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    translate(tmp_path, dam, hostile)
    return Out(tmp_path, tmp_path / "out", tmp_path / "memory")


PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def desk(desk_out) -> Desk:
    return Desk(desk_out.out, desk_out.memory, None, hosts=local_hosts(PORT))


@pytest.fixture
def client(desk) -> TestClient:
    return TestClient(create_app(desk), base_url=BASE)


CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def csrf(client: TestClient) -> str:
    return CSRF.search(client.get("/").text).group(1)


def save(client: TestClient, sid: str, text: str | None, reviewed: bool = True,
         version: str | None = None, slug: str = DAM_SLUG, lang: str = "fr", token=None):
    if version is None:
        segs = client.get(f"/api/a/{slug}/{lang}").json()["segments"]
        version = next(s["version"] for s in segs if s["id"] == sid)
    return client.post(f"/api/a/{slug}/{lang}/save",
                       content=json.dumps({"id": sid, "version": version, "text": text,
                                           "reviewed": reviewed}),
                       headers={"X-CSRF-Token": csrf(client) if token is None else token,
                                "Content-Type": "application/json"})
