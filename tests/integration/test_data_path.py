"""The data's path through one article, counted: on a re-run into French its reviewed PO file is
parsed once, each segment is looked up in the translation memory once, and the glossary is
loaded once for the run (issue 20: "load once, pass down")."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import polib
import pytest

from locpipe import pipeline
from locpipe.context import Settings
from locpipe.engines.pseudo import PseudoEngine
from locpipe.formats import glossary as glossary_files
from locpipe.formats.memory import Memory

ARTICLE = """Ferry service resumes between Tartus and Arwad

The ferry between Tartus and the island of Arwad sailed again on Monday after 12 days ashore.

“We carried 340 passengers before noon,” the harbour master told AFP.

Storms closed the crossing on 3 March, the longest closure since 2019.
"""

GLOSSARY = """en,fr,policy
Arwad,Arouad,enforce
"""


def _counting(monkeypatch, out: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    parse = polib.pofile

    def pofile(*args, **kwargs):
        counts["po parses"] += 1
        return parse(*args, **kwargs)

    monkeypatch.setattr(polib, "pofile", pofile)
    for name in ("exact", "fuzzy"):
        original = getattr(Memory, name)

        def lookup(self, text, *args, _original=original, _name=name, **kwargs):
            counts[f"memory {_name}"] += 1
            return _original(self, text, *args, **kwargs)

        monkeypatch.setattr(Memory, name, lookup)
    load = glossary_files.load_glossary

    def load_glossary(*args, **kwargs):
        counts["glossary loads"] += 1
        return load(*args, **kwargs)

    # every module that holds it by name (`from ... import load_glossary`), not only a list
    for module in [m for name, m in sys.modules.items() if name.startswith("locpipe")]:
        if getattr(module, "load_glossary", None) is load:
            monkeypatch.setattr(module, "load_glossary", load_glossary)
    return counts


@pytest.fixture
def rerun(tmp_path):
    src = tmp_path / "ferry.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    gdir = tmp_path / "glossary"
    gdir.mkdir()
    (gdir / "places.csv").write_text(GLOSSARY, encoding="utf-8")
    mem = tmp_path / "memory"
    mem.mkdir()
    settings = Settings(targets=["fr"], engine="pseudo", out_dir=tmp_path / "out",
                        memory_dir=mem, glossary_dirs=[gdir])
    first = pipeline.run([src], settings)
    assert not first.failures
    path = tmp_path / "out" / "ferry" / "fr.po"
    catalog = polib.pofile(str(path), wrapwidth=0)
    entries = [e for e in catalog if e.msgid]
    entries[1].msgstr, entries[1].flags = "Le ferry a repris la mer lundi.", []
    catalog.save(str(path))
    # the memory holds the reviewed file of another article with one of this one's sentences
    memory_file = polib.POFile(wrapwidth=0)
    memory_file.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    memory_file.append(polib.POEntry(msgctxt="storm:2.1", msgid=entries[3].msgid,
                                     msgstr="Des tempêtes ont fermé la traversée."))
    memory_file.save(str(mem / "storm.fr.po"))
    return src, settings, len(entries)


def test_a_rerun_parses_the_po_once_looks_up_memory_once_loads_the_glossary_once(
        rerun, monkeypatch, tmp_path):
    src, settings, segments = rerun
    from locpipe.formats.memory import load_memories

    load_memories(settings.memory_dir)  # the memory's own cache, built before counting
    counts = _counting(monkeypatch, tmp_path / "out")
    result = pipeline.run([src], settings)
    assert not result.failures
    assert counts["po parses"] == 1  # the article's fr.po (the memory comes from its cache)
    assert counts["memory exact"] == segments  # once per segment
    assert counts["glossary loads"] == 1
    fr = (tmp_path / "out" / "ferry" / "fr.po").read_text(encoding="utf-8")
    assert 'msgstr "Le ferry a repris la mer lundi."' in fr
    assert "Des tempêtes ont fermé la traversée." in fr


def test_numbers_are_detected_once_per_segment_whatever_the_languages(tmp_path, monkeypatch):
    from locpipe.stages import localize

    src = tmp_path / "ferry.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    calls: Counter[str] = Counter()
    detect = localize.detect

    def counting(text, *args):
        calls[text] += 1
        return detect(text, *args)

    monkeypatch.setattr(localize, "detect", counting)
    settings = Settings(targets=["fr", "ar", "es"], engine="pseudo", out_dir=tmp_path / "out",
                        memory_dir=None, use_glossary=False)
    result = pipeline.run([src], settings)
    assert not result.failures and calls and set(calls.values()) == {1}
    fr = (tmp_path / "out" / "ferry" / "fr.html").read_text(encoding="utf-8")
    ar = (tmp_path / "out" / "ferry" / "ar.html").read_text(encoding="utf-8")
    assert "340" in fr and "340" in ar  # each language still got its own values back


def test_a_segment_computes_once_and_hands_each_caller_its_own_copy():
    from locpipe.document import Segment

    seg = Segment("ferry:2.1", 2, 1, "paragraph", "The ferry carried 340 passengers.")
    made: list[list[str]] = []

    def words(text: str) -> list[str]:
        made.append(text.split())
        return made[-1]

    first = seg.once(words, seg.text)
    first.append("changed by the first language")
    second = seg.once(words, seg.text)
    assert len(made) == 1 and second == seg.text.split() and second is not first


class _RecordingPseudo(PseudoEngine):
    """Keeps every text it translated, as engines keep per-text state (markup paths)."""

    made: list[_RecordingPseudo] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen: list[str] = []
        _RecordingPseudo.made.append(self)

    def translate(self, texts):
        self.seen += texts
        return super().translate(texts)


def test_an_engine_state_does_not_grow_over_the_shards_of_a_run(tmp_path, monkeypatch):
    import locpipe.engines

    monkeypatch.setitem(locpipe.engines.ENGINES, "recording",
                        "tests.integration.test_data_path:_RecordingPseudo")
    _RecordingPseudo.made.clear()
    for name in ("one", "two", "three"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE.replace("Arwad", name.title()),
                                              encoding="utf-8")
    settings = Settings(targets=["fr"], engine="recording", out_dir=tmp_path / "out",
                        memory_dir=None, use_glossary=False)
    result = pipeline.run([tmp_path / f"{n}.txt" for n in ("one", "two", "three")], settings,
                          shard_articles=1)
    assert not result.failures and result.written == 3
    used = [e for e in _RecordingPseudo.made if e.seen]
    assert len(used) == 3  # one engine per shard: what it keeps goes with the shard
    assert all(len(e.seen) <= len(used[0].seen) for e in used)


def test_an_article_is_read_once_unless_a_live_display_wants_the_totals(tmp_path, monkeypatch):
    """The "planned" count reads and segments every article once more before the first
    shard; only a live terminal display shows it (`translate` elsewhere: logs, CI, cron)."""
    from typer.testing import CliRunner

    from locpipe.cli import app
    from locpipe.stages import segment

    src = tmp_path / "ferry.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    calls: Counter[str] = Counter()
    original = segment.segment_document

    def counting(doc, *args, **kwargs):
        calls["segmented"] += 1
        return original(doc, *args, **kwargs)

    monkeypatch.setattr(segment, "segment_document", counting)
    result = CliRunner().invoke(app, ["translate", str(src), "--to", "fr", "--engine", "pseudo",
                                      "--no-glossary", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert calls["segmented"] == 1  # not on a terminal: no second reading for a total
    calls.clear()
    events = []
    settings = Settings(targets=["fr"], engine="pseudo", out_dir=tmp_path / "again",
                        memory_dir=None, use_glossary=False)
    pipeline.run([src], settings, on_event=events.append)  # a caller asking for the totals
    assert calls["segmented"] == 2
    assert [e.segments for e in events if e.kind == "planned"] == [4]
