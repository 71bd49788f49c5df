"""Request-level tests of every endpoint of the review desk (Starlette's TestClient): what the
browser gets, what is written on disk, and what is refused (CSRF, hosts, tokens, paths)."""

from __future__ import annotations

import json
import os
import re

import polib
import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from locpipe.cli import app as cli_app
from locpipe.desk.app import Desk, create_app
from locpipe.formats.manifest import read_manifest
from locpipe.formats.memory import load_memory
from tests.desk.conftest import (
    DAM_SLUG,
    HOSTILE_SLUG,
    NUMBER_SEG,
    POPULATION_SEG,
    csrf,
    save,
    translate,
)

# --- desk view ---------------------------------------------------------------------------------

def test_desk_lists_articles_from_manifests(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Repairs begin at the Tabqa dam after weeks of shelling" in page.text
    assert f'data-folder="{DAM_SLUG}"' in page.text and f'data-folder="{HOSTILE_SLUG}"' in page.text
    assert "0 % (0/8)" in page.text
    assert 'class="badge pseudo"' in page.text  # pseudo-translations labelled
    assert "needs-review (2)" in page.text and "ready (0)" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_desk_filter_search_sort(client):
    assert 'data-folder="tabqa-dam"' not in client.get("/?filter=ready").text
    found = client.get("/?q=TABQA").text
    assert 'data-folder="tabqa-dam"' in found and 'data-folder="fake-site"' not in found
    by_title = client.get("/?sort=title").text
    assert by_title.index('data-folder="fake-site"') < by_title.index('data-folder="tabqa-dam"')
    # unknown values fall back to the defaults instead of failing
    assert client.get("/?filter=<x>&sort=nope&page=zz").status_code == 200


def test_desk_escapes_titles(client):
    page = client.get("/").text
    assert "<script>document.title" not in page
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page


# --- article view and JSON ---------------------------------------------------------------------

def test_article_redirects_to_first_language(client):
    r = client.get(f"/a/{DAM_SLUG}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/a/{DAM_SLUG}/fr"


def test_article_view_rows(client):
    page = client.get(f"/a/{DAM_SLUG}/fr").text
    assert page.count('<tr class="segment') == 4
    assert 'data-id="tabqa-dam:2.1"' in page
    # the glossary term highlighted in source and target, its agreed form listed
    assert '<mark class="term">Red Crescent</mark>' in page
    assert '<mark class="term">Croissant-Rouge</mark>' in page
    assert 'src="/static/desk.js"' in page
    # numbers: marked in the source, with the CLDR form the pipeline writes when it differs
    assert '<mark class="num">300,000</mark>' in page
    assert '<bdi class="form" lang="fr">300\u202f000</bdi>' in page
    # a unit is one value (issue 21): CLDR's French form binds it with a no-break space
    assert '<mark class="num">120 tonnes</mark>' in page
    assert '<bdi class="form" lang="fr">120\u00a0tonnes</bdi>' in page


def test_desk_shows_each_language_share(client):
    save(client, NUMBER_SEG, None)
    assert "fr 25 % · ar 0 %" in client.get("/").text


def test_arabic_article_is_right_to_left(client):
    page = client.get(f"/a/{DAM_SLUG}/ar").text
    assert 'data-dir="rtl"' in page and 'lang="ar" dir="rtl"' in page


def test_hostile_source_is_escaped(client):
    page = client.get(f"/a/{HOSTILE_SLUG}/fr").text
    assert "<script>" not in page.split("<body>")[1].replace('<script src="/static/desk.js">', "")
    assert "<img src=x" not in page
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page
    data = client.get(f"/api/a/{HOSTILE_SLUG}/fr").json()
    assert "<script>" in data["segments"][0]["source"]  # JSON carries text; the JS sets textContent


def test_json_segments(client):
    data = client.get(f"/api/a/{DAM_SLUG}/fr").json()
    assert [s["id"] for s in data["segments"]] == [f"{DAM_SLUG}:{n}.1" for n in (1, 2, 3, 4)]
    seg = data["segments"][1]
    assert seg["reviewed"] is False and len(seg["version"]) == 16
    assert seg["terms"] == [{"source": "Red Crescent", "target": "Croissant-Rouge",
                             "policy": "enforce", "found": True, "note": ""}]
    assert data["state"]["state"] == "needs-review"


def test_preview_is_sandboxed(client, desk_out):
    r = client.get(f"/preview/{DAM_SLUG}/ar")
    assert r.status_code == 200 and 'dir="rtl"' in r.text
    assert r.text == (desk_out.out / DAM_SLUG / "ar.html").read_text(encoding="utf-8")
    assert r.headers["content-security-policy"].startswith("sandbox;")
    assert "script-src" not in r.headers["content-security-policy"]


def test_static_assets_are_local(client):
    assert client.get("/static/desk.js").status_code == 200
    assert client.get("/static/desk.css").status_code == 200
    for page in (client.get("/").text, client.get(f"/a/{DAM_SLUG}/fr").text):
        assert not re.search(r'(src|href)="(https?:)?//', page)


# --- saving --------------------------------------------------------------------------------------

def test_save_goes_through_po_apply(client, desk_out):
    fr = "Des ingénieurs du Croissant-Rouge ont atteint le barrage lundi avec 120 tonnes de pièces."
    r = save(client, NUMBER_SEG, fr)
    assert r.status_code == 200, r.text
    seg = r.json()["segment"]
    assert seg["target"] == fr and seg["reviewed"] is True and seg["findings"] == []
    entry = desk_out.entry(NUMBER_SEG)
    assert entry.msgstr == fr and "fuzzy" not in entry.flags  # the PO file on disk
    assert "120 tonnes de pièces" in (desk_out.out / DAM_SLUG / "fr.html").read_text()
    assert "120 tonnes de pièces" in (desk_out.out / DAM_SLUG / "fr.fragment.html").read_text()
    assert load_memory(desk_out.memory, "fr").exact(entry.msgid).target == fr
    m = read_manifest(desk_out.out / DAM_SLUG)
    assert tuple(m.reviewed) == (1, 8)
    assert r.json()["state"] == {"state": "needs-review", "done": 1, "asked": 8, "errors": 0,
                                 "warnings": 0}
    assert "12 % (1/8)" in client.get("/").text  # the desk view follows the manifest


def test_save_shows_qa_findings_at_once(client, desk_out):
    broken = "Des ingénieurs du Croissant-Rouge ont atteint le barrage lundi avec 210 tonnes."
    r = save(client, NUMBER_SEG, broken)
    assert r.status_code == 200
    checks = {f["check"] for f in r.json()["segment"]["findings"]}
    assert "numbers" in checks
    assert r.json()["state"]["state"] == "has-errors"
    # the same finding `locpipe qa` reports for the file
    qa = CliRunner().invoke(cli_app, ["qa", str(desk_out.po()), "--format", "json"])
    assert qa.exit_code == 1
    assert {(f["segment_id"], f["check"]) for f in json.loads(qa.output)["findings"]} >= {
        (NUMBER_SEG, "numbers")}


def test_save_glossary_violation(client):
    r = save(client, NUMBER_SEG, "Des ingénieurs du Croissant Vert sont arrivés lundi avec "
                                 "120 tonnes.")
    seg = r.json()["segment"]
    assert "terms" in {f["check"] for f in seg["findings"]}
    assert seg["terms"][0]["found"] is False


def test_mark_reviewed_without_edit(client, desk_out):
    before = desk_out.entry(POPULATION_SEG).msgstr
    r = save(client, POPULATION_SEG, None, reviewed=True)
    assert r.status_code == 200 and r.json()["segment"]["reviewed"] is True
    assert desk_out.entry(POPULATION_SEG).msgstr == before
    assert "fuzzy" not in desk_out.entry(POPULATION_SEG).flags
    assert load_memory(desk_out.memory, "fr").exact(desk_out.entry(POPULATION_SEG).msgid)


def test_unreviewing_is_refused(client, desk_out):
    # a reviewed entry is in the memory, which the next run would take again: the desk says so
    r = save(client, POPULATION_SEG, "Environ 300 000 personnes.", reviewed=False)
    assert r.status_code == 400
    assert r.json()["error"] == ("a saved translation is reviewed (it goes into the memory, as "
                                 "with po apply); edit it to change it")
    assert "fuzzy" in desk_out.entry(POPULATION_SEG).flags


def test_stale_version_is_refused_with_the_other_version(client, desk_out):
    segs = client.get(f"/api/a/{DAM_SLUG}/fr").json()["segments"]
    old = next(s["version"] for s in segs if s["id"] == NUMBER_SEG)
    first = "Les ingénieurs du Croissant-Rouge sont arrivés lundi avec 120 tonnes de pièces."
    assert save(client, NUMBER_SEG, first, version=old).status_code == 200
    r = save(client, NUMBER_SEG, "Autre version avec 120 tonnes.", version=old)
    assert r.status_code == 409
    assert "was changed meanwhile" in r.json()["error"]
    assert r.json()["current"]["target"] == first
    assert desk_out.entry(NUMBER_SEG).msgstr == first  # never silently overwritten


def test_po_edited_in_poedit_meanwhile_is_detected(client, desk_out):
    segs = client.get(f"/api/a/{DAM_SLUG}/fr").json()["segments"]
    old = next(s["version"] for s in segs if s["id"] == NUMBER_SEG)
    catalog = polib.pofile(str(desk_out.po()))
    for e in catalog:
        if e.msgctxt == NUMBER_SEG:
            e.msgstr = "Texte de Poedit : 120 tonnes."
            e.flags = []
    catalog.save()
    r = save(client, NUMBER_SEG, "Texte du navigateur : 120 tonnes.", version=old)
    assert r.status_code == 409
    assert r.json()["current"]["target"] == "Texte de Poedit : 120 tonnes."
    assert desk_out.entry(NUMBER_SEG).msgstr == "Texte de Poedit : 120 tonnes."


def test_broken_tags_are_not_saved(client, desk_out):
    # a source with a tag: the hostile one has none, so make one with Markdown emphasis
    src = desk_out.root / "articles" / "weir.md"
    src.write_text("# Water returns to Raqqa\n\nThe *old weir* was rebuilt in 2024.\n",
                   encoding="utf-8")
    translate(desk_out.root, src)
    before = desk_out.po("weir").read_text(encoding="utf-8")
    r = save(client, "weir:2.1", "Le vieux barrage a été reconstruit en 2024.", slug="weir")
    assert r.status_code == 422
    assert r.json()["error"].endswith("msgstr of weir:2.1 lacks <1> </1> from msgid; put every "
                                      "numbered tag back (not saved)")
    assert desk_out.po("weir").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("body", ["not json", "[]", '{"id": 1}', '{"id": "x", "version": "v", '
                                  '"text": 3}', '{"id": "x", "version": "v", "reviewed": "yes"}'])
def test_bad_save_body(client, body):
    r = client.post(f"/api/a/{DAM_SLUG}/fr/save", content=body,
                    headers={"X-CSRF-Token": csrf(client)})
    assert r.status_code == 400
    assert r.json() == {"error": "send JSON {id, version, text (or null), reviewed}"}


def test_line_breaks_refused(client, desk_out):
    r = save(client, NUMBER_SEG, "deux\nlignes")
    assert r.status_code == 400
    assert "fuzzy" in desk_out.entry(NUMBER_SEG).flags


def test_unknown_segment_is_a_conflict(client):
    r = save(client, f"{DAM_SLUG}:9.9", "x", version="0" * 16)
    assert r.status_code == 409 and "no longer in fr.po" in r.json()["error"]


# --- CSRF, hosts, token --------------------------------------------------------------------------

def test_save_without_csrf_is_refused(client, desk_out):
    before = desk_out.po().read_text(encoding="utf-8")
    for token in ("", "wrong"):
        r = save(client, NUMBER_SEG, "Piratage 120.", token=token)
        assert r.status_code == 403
        assert r.json() == {"error": "missing or wrong CSRF token; reload the page"}
    assert desk_out.po().read_text(encoding="utf-8") == before


def test_cross_origin_post_is_refused(client, desk_out):
    segs = client.get(f"/api/a/{DAM_SLUG}/fr").json()["segments"]
    r = client.post(f"/api/a/{DAM_SLUG}/fr/save",
                    content=json.dumps({"id": NUMBER_SEG, "version": segs[1]["version"],
                                        "text": "x 120", "reviewed": True}),
                    headers={"X-CSRF-Token": csrf(client), "Origin": "http://evil.example"})
    assert r.status_code == 403
    assert r.json()["error"] == "request from another site (http://evil.example) refused"


def test_get_cannot_save(client):
    assert client.get(f"/api/a/{DAM_SLUG}/fr/save").status_code == 405


def test_unknown_host_is_refused(desk):
    other = TestClient(create_app(desk), base_url="http://rebind.example:8765")
    r = other.get("/")
    assert r.status_code == 403 and "unknown host &#39;rebind.example:8765&#39;" in r.text


def test_token_required_off_localhost(desk_out):
    desk = Desk(desk_out.out, desk_out.memory, token="s3cret-token", hosts=None)
    c = TestClient(create_app(desk), base_url="http://192.0.2.7:8765")
    r = c.get("/")
    assert r.status_code == 403 and "access token required" in r.text
    assert c.get(f"/api/a/{DAM_SLUG}/fr").status_code == 403
    assert c.get("/?token=wrong").status_code == 403
    r = c.get("/?token=s3cret-token", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "httponly" in r.headers["set-cookie"].lower()
    assert "samesite=strict" in r.headers["set-cookie"].lower()
    assert c.get("/").status_code == 200  # the cookie carries it from now on


# --- paths come only from the manifests ---------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/a/..%2F..%2Fetc/fr", "/a/%2E%2E/fr", "/a/../fr", "/a/.%2Fglossary/fr",
    "/a/nowhere/fr", f"/a/{DAM_SLUG}/de", f"/a/{DAM_SLUG}/fr.po", f"/a/{DAM_SLUG}/..",
    "/preview/..%2Fglossary/orgs", f"/preview/{DAM_SLUG}/..%2F..%2Fglossary%2Forgs",
    "/api/a/%2Fetc/passwd", "/a/no-manifest/fr", "/a/linked/fr",
])
def test_path_attacks(client, desk_out, path):
    (desk_out.out / "no-manifest").mkdir()
    (desk_out.out / "no-manifest" / "fr.po").write_text("", encoding="utf-8")
    os.symlink(desk_out.out / DAM_SLUG, desk_out.out / "linked")
    r = client.get(path)
    assert r.status_code in (404, 405), (path, r.status_code)
    assert "Croissant" not in r.text and "en,fr,ar" not in r.text


def test_save_path_attack(client, desk_out):
    (desk_out.out / "no-manifest").mkdir()
    r = client.post("/api/a/no-manifest/fr/save", content="{}",
                    headers={"X-CSRF-Token": csrf(client)})
    assert r.status_code == 404
    assert r.json() == {"error": f"no article folder 'no-manifest' in {desk_out.out}"}


# --- the command ---------------------------------------------------------------------------------

def test_review_command_errors(tmp_path):
    runner = CliRunner()
    r = runner.invoke(cli_app, ["review", str(tmp_path / "missing")])
    assert r.exit_code == 2
    assert r.output == (f"Error: {tmp_path / 'missing'}: is not an output folder; give the "
                        "--out folder of locpipe translate\n")
    r = runner.invoke(cli_app, ["review", str(tmp_path), "--port", "70000"])
    assert r.exit_code == 2
    assert r.output == "Error: --port 70000 is not a port; give 1 to 65535\n"


def test_review_command_port_taken(tmp_path):
    from locpipe.desk.app import listen

    sock = listen("127.0.0.1", 0)
    port = sock.getsockname()[1]
    try:
        r = CliRunner().invoke(cli_app, ["review", str(tmp_path), "--port", str(port)])
    finally:
        sock.close()
    assert r.exit_code == 2
    assert r.output.splitlines()[-1] == (f"Error: cannot listen on 127.0.0.1:{port} (Address "
                                         "already in use); give another --port")


def test_save_too_large(client):
    r = client.post(f"/api/a/{DAM_SLUG}/fr/save", content=b"x" * 300_000,
                    headers={"X-CSRF-Token": csrf(client)})
    assert r.status_code == 413 and r.json() == {"error": "request too large (over 256 KB)"}


def test_save_while_another_run_holds_the_article(client, desk_out):
    import subprocess
    import sys

    lock = desk_out.out / DAM_SLUG / ".locpipe.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], "
         "os.O_RDWR | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); os.write(fd, b'4242\\n'); "
         "print('locked', flush=True); time.sleep(60)", str(lock)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        before = desk_out.po().read_text(encoding="utf-8")
        r = save(client, NUMBER_SEG, "Ils sont arrivés avec 120 tonnes.")
    finally:
        holder.kill()
        holder.wait()
    assert r.status_code == 422
    assert r.json()["error"] == (f"{desk_out.out / DAM_SLUG} is being written by another "
                                 "locpipe run (pid 4242); try again when it finishes")
    assert desk_out.po().read_text(encoding="utf-8") == before


def test_a_broken_entry_elsewhere_does_not_block_a_save(client, desk_out):
    src = desk_out.root / "articles" / "weir.md"
    src.write_text("# Water returns to Raqqa\n\nThe *old weir* was rebuilt in 2024.\n",
                   encoding="utf-8")
    translate(desk_out.root, src)
    catalog = polib.pofile(str(desk_out.po("weir")))
    for e in catalog:
        if e.msgctxt == "weir:2.1":  # reviewed in Poedit with its tags lost
            e.msgstr, e.flags = "Le vieux barrage a été reconstruit en 2024.", []
    catalog.save()
    r = save(client, "weir:1.1", "L’eau revient à Raqqa", slug="weir")
    assert r.status_code == 200, r.text
    assert desk_out.entry("weir:1.1", slug="weir").msgstr == "L’eau revient à Raqqa"
    # the broken entry is left out of the page as po apply leaves it, and shown as a finding
    seg = next(s for s in client.get("/api/a/weir/fr").json()["segments"]
               if s["id"] == "weir:2.1")
    assert "markup" in {f["check"] for f in seg["findings"]}
    assert "Le vieux barrage" not in (desk_out.out / "weir" / "fr.html").read_text()


def test_memory_suggestion_from_another_article(client, desk_out):
    fr = "Environ 300 000 personnes en aval dépendent du barrage pour l’eau."
    assert save(client, POPULATION_SEG, fr).status_code == 200
    src = desk_out.root / "articles" / "euphrates.txt"
    src.write_text("Water shortages grow along the Euphrates\n\nAbout 250,000 people downstream "
                   "rely on the dam for water.\n", encoding="utf-8")
    translate(desk_out.root, src)
    seg = client.get("/api/a/euphrates/fr").json()["segments"][1]
    assert seg["memory"]["target"] == fr and 85 <= seg["memory"]["score"] < 100
    page = client.get("/a/euphrates/fr").text
    assert f'<span class="suggestion" lang="fr" dir="ltr">{fr}</span>' in page
    # the article's own reviewed entry is not suggested back to it
    own = next(s for s in client.get(f"/api/a/{DAM_SLUG}/fr").json()["segments"]
               if s["id"] == POPULATION_SEG)
    assert own["memory"] is None
