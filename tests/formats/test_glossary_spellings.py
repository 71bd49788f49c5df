"""glossary/spellings.txt: groups of spellings of one word, read and linted."""

import shutil
from pathlib import Path

import pytest

from locpipe.errors import ConfigError
from locpipe.formats.glossary import lint_glossary, load_glossary, parse_spellings

ROOT = Path(__file__).resolve().parents[2]


def test_parse_groups_and_comments():
    table, problems = parse_spellings("# older spellings\nMuslim | Moslem\n\nKoran|Quran\n",
                                      Path("s.txt"))
    assert problems == []
    assert table == {"muslim": "muslim", "moslem": "muslim", "koran": "koran", "quran": "koran"}


def test_problems_name_the_line():
    _, problems = parse_spellings("Muslim\nShiite | Shia\nShia | Shi'a\nDruze | Druse x\n",
                                  Path("s.txt"))
    assert [str(p) for p in problems] == [
        "s.txt:1: 'Muslim' is not a group of spellings of one word; write 'Muslim | Moslem'",
        "s.txt:3: 'Shia' is already in the group at line 2; a spelling belongs to one group",
        "s.txt:4: 'Druze | Druse x' is not a group of spellings of one word; write "
        "'Muslim | Moslem'",
    ]


def test_shipped_table_loads_and_a_bad_one_stops_the_run(tmp_path):
    assert load_glossary([ROOT / "glossary"]).spellings["moslem"] == "muslim"
    d = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", d)
    (d / "spellings.txt").write_text("Alawite\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not a group of spellings"):
        load_glossary([d])
    problems, _ = lint_glossary([d])
    assert [p.line for p in problems] == [1]


def test_a_glossary_folder_without_a_table_is_fine(tmp_path):
    (tmp_path / "names.csv").write_text("en,fr\nAleppo,Alep\n", encoding="utf-8")
    assert load_glossary([tmp_path]).spellings == {}
