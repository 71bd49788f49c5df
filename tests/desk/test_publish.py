"""The desk's publish state agrees with `translate --fail-on error` and with the run index."""

from __future__ import annotations

from typer.testing import CliRunner

from locpipe.cli import app as cli_app
from tests.desk.conftest import DAM_SLUG, NUMBER_SEG
from tests.desk.test_app import save


def fail_on_error(desk_out) -> int:
    result = CliRunner().invoke(cli_app, [
        "translate", str(desk_out.root / "articles" / f"{DAM_SLUG}.txt"), "--to", "fr,ar",
        "--engine", "pseudo", "--out", str(desk_out.out), "--memory", str(desk_out.memory),
        "--fail-on", "error"])
    return result.exit_code


def row_state(client) -> str:
    page = client.get("/").text
    row = page[page.index(f'data-folder="{DAM_SLUG}"'):]
    return row[row.index('data-state="') + 12:].split('"')[0]


def test_ready_when_every_language_is_reviewed_without_error(client, desk_out):
    for lang in ("fr", "ar"):
        for seg in client.get(f"/api/a/{DAM_SLUG}/{lang}").json()["segments"]:
            r = save(client, seg["id"], None, version=seg["version"], lang=lang)
            assert r.status_code == 200, r.text
    assert r.json()["state"] == {"state": "ready", "done": 8, "asked": 8, "errors": 0,
                                 "warnings": 0}
    assert row_state(client) == "ready"
    assert 'data-folder="tabqa-dam"' in client.get("/?filter=ready").text
    index = (desk_out.out / "index.html").read_text(encoding="utf-8")
    assert "100 % (8/8)" in index  # the run index says the same
    assert "not reviewed" not in (desk_out.out / DAM_SLUG / "fr.html").read_text().lower()
    assert fail_on_error(desk_out) == 0

    # a changed number: not ready any more, and translate --fail-on error fails too
    seg = next(s for s in client.get(f"/api/a/{DAM_SLUG}/fr").json()["segments"]
               if s["id"] == NUMBER_SEG)
    r = save(client, NUMBER_SEG, "Les ingénieurs sont arrivés avec 12 tonnes.",
             version=seg["version"])
    state = r.json()["state"]
    assert state["state"] == "has-errors" and state["errors"] == 3
    assert row_state(client) == "has-errors"
    assert 'data-folder="tabqa-dam"' in client.get("/?filter=has-errors").text
    assert '<span class="error">3 errors</span>' in (desk_out.out / "index.html").read_text()
    assert fail_on_error(desk_out) == 1
