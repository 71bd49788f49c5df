"""The memory cache is disposable (issue 13 §5): a cache whose stamp matches the PO files but
whose rows are not what locpipe writes is rebuilt from the PO files, never a traceback."""

import json

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.formats.memory import CACHE_NAME, Memory, load_memories

runner = CliRunner()
PAIRS = {"The convoy left Qamishli at dawn.": "Le convoi a quitté Qamichli à l’aube.",
         "Two drivers were hurt.": "Deux chauffeurs ont été blessés."}


def _memory(tmp_path):
    mem = tmp_path / "memory"
    mem.mkdir()
    catalog = polib.POFile()
    catalog.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    for i, (src, tgt) in enumerate(PAIRS.items()):
        catalog.append(polib.POEntry(msgctxt=f"convoy:{i}", msgid=src, msgstr=tgt))
    catalog.save(str(mem / "convoy.fr.po"))
    load_memories(mem)  # writes a valid cache
    return mem


def _spoil(mem, entries) -> None:
    """Keep the cache's stamp (it still matches the PO files), replace its rows."""
    cache = mem / CACHE_NAME
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["entries"] = entries
    cache.write_text(json.dumps(data), encoding="utf-8")


BAD_ROWS = [
    {"fr": [["only", "three", "fields"]]},
    {"fr": [[1, 2, 3, 4, 5]]},
    {"fr": [["src", "tgt", "not-a-file.po", 3, "src"]]},
    {"fr": [["src", "tgt", "convoy.fr.po", "three", "src"]]},
    {"fr": [["src", "tgt", ["convoy.fr.po"], 3, "src"]]},
    {"fr": "abcde"},
    {"fr": None},
    ["fr"],
    None,
    "rows",
]


@pytest.mark.parametrize("entries", BAD_ROWS, ids=[repr(e)[:30] for e in BAD_ROWS])
def test_memory_stats_rebuilds_a_cache_with_bad_rows(tmp_path, entries):
    mem = _memory(tmp_path)
    _spoil(mem, entries)
    result = runner.invoke(app, ["memory", "stats", "--memory", str(mem)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{mem}: 1 PO file(s)\nfr: 2 reviewed segment(s)\n"
    # rebuilt on disk too: the next run reads the good rows
    rows = json.loads((mem / CACHE_NAME).read_text(encoding="utf-8"))["entries"]["fr"]
    assert sorted(r[0] for r in rows) == sorted(PAIRS)


def test_translate_reuses_the_memory_despite_a_bad_cache(tmp_path):
    mem = _memory(tmp_path)
    _spoil(mem, {"fr": [["x"]]})
    article = tmp_path / "convoy-two.txt"
    article.write_text("Aid convoy update\n\nThe convoy left Qamishli at dawn.\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--to", "fr",
                                 "--out", str(tmp_path / "out"), "--memory", str(mem)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "convoy-two" / "fr.html").read_text(encoding="utf-8")
    assert "Le convoi a quitté Qamichli à l’aube." in page


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=6)
                           | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                           max_leaves=20)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(entries=json_values)
def test_any_rows_under_a_matching_stamp_give_the_memory_of_the_po_files(tmp_path_factory,
                                                                         entries):
    """Never a traceback; a cache that is not accepted as it is gets rebuilt from the PO files
    (a well-formed cache that lies, e.g. `{}` rows, cannot be told from a true one)."""
    mem = _memory(tmp_path_factory.mktemp("m"))
    _spoil(mem, entries)
    spoiled = (mem / CACHE_NAME).read_text(encoding="utf-8")
    memories = load_memories(mem)
    assert all(isinstance(k, str) and isinstance(v, Memory) for k, v in memories.items())
    if (mem / CACHE_NAME).read_text(encoding="utf-8") != spoiled:
        assert memories["fr"].exact("Two drivers were hurt.") is not None
        assert len(memories["fr"]) == 2
