"""The desk's listing cache (OUT/.locpipe-desk.json): a restart re-reads only the manifests
that changed, and the listing stays right as articles are added, changed or removed while the
desk runs or between runs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from locpipe.desk import listing
from locpipe.desk.app import Desk, create_app, local_hosts
from locpipe.desk.listing import CACHE_NAME, Listing, manifest_row, row_of
from locpipe.fileio import write_text
from locpipe.formats.manifest import read_manifest


def manifest(title: str, done: int = 1, asked: int = 4, errors: int = 0) -> str:
    return json.dumps({
        "locpipe_manifest": 1, "source": f"../../src/{title}.md", "identity": f"src/{title}.md",
        "signature": "engine:argos|model:argos-en|lang:*|locpipe 0.1.0",
        "languages": ["fr", "de"], "written": "2026-11-30T08:15:00Z", "title": title,
        "findings": {"severity": {"error": errors} if errors else {}, "check": {}},
        "reviewed": [done, asked], "segments": 2,
        "inputs": {"settings": "x"}, "files": {"fr.po": "0" * 64}})


def po(done: bool) -> str:
    return ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
            + ("" if done else "#, fuzzy\n") + 'msgid "Lighthouse keepers strike."\n'
            'msgstr "Les gardiens de phare en grève."\n')


@pytest.fixture
def out(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    for i, name in enumerate(["harbour-strike", "tram-line", "cheese-fair"]):
        (out / name).mkdir(parents=True)
        write_text(out / name / "manifest.json", manifest(f"{name} story", done=i))
        write_text(out / name / "fr.po", po(done=i % 2 == 0))
    return out


def counting(monkeypatch) -> list[str]:
    read: list[str] = []
    real = listing.manifest_row

    def counted(folder, path):
        read.append(folder)
        return real(folder, path)

    monkeypatch.setattr(listing, "manifest_row", counted)
    return read


def titles(rows) -> dict[str, str]:
    return {r.folder: r.title for r in rows}


def test_a_restart_reads_only_the_cache_and_the_changed_manifests(out, monkeypatch):
    first = Listing(out)
    rows = first.rows()
    for r in rows:
        first.shares(r)
    first.persist()
    assert (out / CACHE_NAME).is_file()
    read = counting(monkeypatch)
    loaded: list[Path] = []
    real_load = listing.load_po
    monkeypatch.setattr(listing, "load_po", lambda p: loaded.append(p) or real_load(p))

    again = Listing(out)
    assert again.rows() == rows and read == []
    assert [again.shares(r) for r in rows] == [first.shares(r) for r in rows]
    assert loaded == []  # the page shares come from the cache too

    write_text(out / "tram-line" / "manifest.json", manifest("Tram line reopens", errors=1))
    (out / "soup-kitchen").mkdir()
    write_text(out / "soup-kitchen" / "manifest.json", manifest("Soup kitchen opens"))
    write_text(out / "harbour-strike" / "fr.po", po(done=False))
    third = Listing(out)
    rows = third.rows()
    assert sorted(read) == ["soup-kitchen", "tram-line"]
    assert titles(rows)["tram-line"] == "Tram line reopens"
    assert {r.folder: r.state for r in rows}["tram-line"] == "has-errors"
    harbour = next(r for r in rows if r.folder == "harbour-strike")
    assert third.shares(harbour) == [("fr", 0, 1)]


def test_the_listing_follows_changes_while_the_desk_runs(out):
    desk = Listing(out)
    assert sorted(titles(desk.rows())) == ["cheese-fair", "harbour-strike", "tram-line"]
    desk.persist()
    # same size, new inode: an atomic rewrite is always seen
    text = manifest("cheese-fair story").replace("cheese-fair story", "cheese-fair STORY")
    write_text(out / "cheese-fair" / "manifest.json", text)
    (out / "bike-lanes").mkdir()
    write_text(out / "bike-lanes" / "manifest.json", manifest("Bike lanes"))
    (out / "harbour-strike" / "manifest.json").unlink()
    rows = desk.rows()
    assert titles(rows) == {"bike-lanes": "Bike lanes", "cheese-fair": "cheese-fair STORY",
                            "tram-line": "tram-line story"}
    desk.persist()
    assert titles(Listing(out).rows()) == titles(rows)


@pytest.mark.parametrize("text", ["{not json", '{"locpipe_desk_listing": 99, "rows": {}}',
                                  '{"locpipe_desk_listing": 1, "rows": {"tram-line": [1]},'
                                  ' "shares": {}}', "[]"])
def test_a_broken_or_foreign_cache_is_ignored_and_rewritten(out, text):
    want = Listing(out, cache=False).rows()
    (out / CACHE_NAME).write_text(text, encoding="utf-8")
    desk = Listing(out)
    assert desk.rows() == want
    desk.persist()
    assert json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))["locpipe_desk_listing"] == 1


def test_a_cached_row_without_its_folder_is_not_listed(out):
    desk = Listing(out)
    desk.rows()
    desk.persist()
    data = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))
    data["rows"]["ghost"] = data["rows"]["tram-line"]
    (out / CACHE_NAME).write_text(json.dumps(data), encoding="utf-8")
    assert "ghost" not in titles(Listing(out).rows())


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_out_still_lists(out):
    out.chmod(0o555)
    try:
        desk = Listing(out)
        assert len(desk.rows()) == 3
        desk.persist()  # no error: the cache is only a cache
        assert not (out / CACHE_NAME).exists()
    finally:
        out.chmod(0o755)


def test_a_cache_path_that_is_no_file_is_left_alone(out):
    (out / CACHE_NAME).mkdir()
    desk = Listing(out)
    assert len(desk.rows()) == 3
    desk.persist()
    assert (out / CACHE_NAME).is_dir() and not list((out / CACHE_NAME).iterdir())
    assert [p.name for p in out.iterdir() if p.is_file()] == []


def test_a_vanished_out_is_not_recreated(out, tmp_path):
    desk = Listing(out)
    desk.rows()
    for f in sorted(out.rglob("*"), reverse=True):
        f.unlink() if f.is_file() else f.rmdir()
    out.rmdir()
    desk.persist()
    assert not out.exists()


def test_the_first_desk_view_writes_the_cache(out):
    client = TestClient(create_app(Desk(out, None, hosts=local_hosts(8765))),
                        base_url="http://127.0.0.1:8765")
    assert not (out / CACHE_NAME).exists()
    page = client.get("/")
    assert page.status_code == 200 and "tram-line story" in page.text
    cached = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))
    assert sorted(cached["rows"]) == ["cheese-fair", "harbour-strike", "tram-line"]
    assert "tram-line/fr.po" in cached["shares"]


MANIFESTS = st.fixed_dictionaries(
    {"source": st.text(max_size=5)},
    optional={"identity": st.one_of(st.text(max_size=5), st.integers()),
              "title": st.one_of(st.text(max_size=8), st.none()),
              "signature": st.sampled_from(["", "engine:pseudo|x", "engine:argos", "model:x"]),
              "languages": st.one_of(st.lists(st.sampled_from(["fr", "ar"]), max_size=2),
                                     st.none()),
              "written": st.text(max_size=4),
              "findings": st.one_of(st.none(), st.just([]), st.fixed_dictionaries(
                  {"severity": st.dictionaries(st.sampled_from(["error", "warning", "info"]),
                                               st.integers(0, 3))})),
              "reviewed": st.one_of(st.none(), st.lists(st.integers(0, 9), min_size=2,
                                                        max_size=3)),
              "files": st.dictionaries(st.text(max_size=3), st.text(max_size=3))})


@settings(max_examples=150, deadline=None, derandomize=True)
@given(MANIFESTS)
def test_a_row_read_from_the_fields_equals_the_row_of_the_whole_manifest(tmp_path_factory,
                                                                            data):
    folder = tmp_path_factory.mktemp("m")
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    assert manifest_row(folder.name, str(folder / "manifest.json")) == \
        row_of(folder.name, read_manifest(folder))


def test_the_warm_up_leaves_the_first_desk_view_nothing_to_read(out, monkeypatch):
    from locpipe.desk import app

    desk = Desk(out, None, hosts=local_hosts(8765))
    app._warm(desk, wait=0)
    assert (out / CACHE_NAME).is_file()
    read = counting(monkeypatch)
    monkeypatch.setattr(listing, "load_po", lambda p: read.append(p))
    client = TestClient(create_app(desk), base_url="http://127.0.0.1:8765")
    page = client.get("/")
    assert page.status_code == 200 and page.text.count('<tr class="article"') == 3
    assert read == [] and desk.served.is_set()
