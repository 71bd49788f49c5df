"""The glossary files: the starter glossary, loading, lint problems, default directory."""

from pathlib import Path

import pytest

from locpipe.errors import ConfigError
from locpipe.formats.glossary import lint_glossary, load_glossary, resolve_dirs
from locpipe.rules.terms import Glossary

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "glossary"


@pytest.fixture(scope="module")
def g() -> Glossary:
    return load_glossary([STARTER])


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return p


# --- starter glossary ------------------------------------------------------------------------

def test_starter_glossary_has_topics_and_agency_forms(g):
    assert len(g) >= 60
    assert {p.name for p in g.files} >= {"organisations.csv", "people.csv", "places.csv",
                                         "communities.csv", "armed_groups.csv"}
    by_en = {e.canonical: e for e in g.entries if e.policy != "forbid"}
    assert by_en["Hayat Tahrir al-Sham"].preferred("fr") == "Hayat Tahrir al-Cham"
    assert by_en["HTS"].preferred("fr") == "HTC"
    assert by_en["Syrian Observatory for Human Rights"].preferred("ar") == \
        "المرصد السوري لحقوق الإنسان"
    assert by_en["Bashar al-Assad"].preferred("ar") == "بشار الأسد"
    assert by_en["Aleppo"].preferred("fr") == "Alep"
    assert by_en["Hama"].preferred("ar") == "حماة"
    assert by_en["Alawite"].target_forms("fr") == ["alaouite", "alaouites"]
    assert by_en["Rami Abdel Rahman"].preferred("fr") == "Rami Abdel Rahmane"
    assert by_en["AFP"].preferred("ar") == "وكالة فرانس برس"


def test_starter_glossary_lints_clean():
    problems, count = lint_glossary([STARTER])
    assert problems == [] and count >= 60


# --- bad input -------------------------------------------------------------------------------

HEADER = "en,fr,ar,type,policy,note\n"


@pytest.mark.parametrize("text, message", [
    (HEADER + 'Hama,"Hama,حماة,place,enforce,\n', "x.csv:2: malformed CSV (unexpected end of "
                                                  "data)"),
    (HEADER + "Hama,Hama,حماة\n", "x.csv:2: has 3 cells, the header has 6"),
    ("en,fr,xx\nHama,Hama,Hama\n", "x.csv:1: unknown column 'xx'"),
    ("", "x.csv:1: is empty"),
    ("en,fr,fr\nHama,Hama,Hama\n", "x.csv:1: duplicate column 'fr' in the header"),
    (HEADER + "Hama,Hama,حماة,place,enforced,\n", "x.csv:2: unknown policy 'enforced'"),
    (HEADER + "Hama,Hama,Hama,place,,\n", "x.csv:2: ar form 'Hama' has no Arabic script"),
    (HEADER + "Hama,حماة,حماة,place,,\n", "x.csv:2: fr form 'حماة' contains Arabic script"),
    (HEADER + "Hama,| Hama,حماة,place,,\n", "x.csv:2: empty preferred fr form"),
])
def test_bad_glossary_files(tmp_path, text, message):
    write(tmp_path, "x.csv", text)
    with pytest.raises(ConfigError) as exc:
        load_glossary([tmp_path])
    assert str(exc.value).startswith(str(tmp_path / message.split(":", 1)[0]) + ":" +
                                     message.split(":", 1)[1])


def test_bom_is_accepted(tmp_path):
    write(tmp_path, "x.csv", "\ufeff" + HEADER + "Hama,Hama,حماة,place,,\n")
    assert load_glossary([tmp_path]).entries[0].preferred("ar") == "حماة"


def test_conflict_across_files_and_nothing_half_loaded(tmp_path):
    write(tmp_path, "a.csv", HEADER + "Hama,Hama,حماة,place,,\n")
    write(tmp_path, "b.csv", HEADER + "Homs,Homs,حمص,place,,\nHama,Hamah,حماة,place,,\n")
    with pytest.raises(ConfigError) as exc:
        load_glossary([tmp_path])
    assert str(exc.value) == (f"{tmp_path / 'b.csv'}:3: 'Hama' conflicts with the entry at "
                              f"{tmp_path / 'a.csv'}:2 (different forms or policy)")
    problems, _ = lint_glossary([tmp_path])
    assert len(problems) == 1


def test_missing_glossary_dir(tmp_path):
    with pytest.raises(ConfigError, match="glossary directory not found"):
        load_glossary([tmp_path / "nope"])


def test_not_utf8_and_comment_rows(tmp_path):
    (tmp_path / "x.csv").write_bytes((HEADER + "# places\nHoms,Homs,حمص,place,,\n").encode()
                                     + "Alep,Alep,Alep,,,\n".encode("latin-1") + b"Caf\xe9,,,,,\n")
    with pytest.raises(ConfigError) as exc:
        load_glossary([tmp_path])
    assert str(exc.value) == f"{tmp_path / 'x.csv'}:5: is not UTF-8 (byte 0xe9); save the file " \
                             "as UTF-8"
    (tmp_path / "x.csv").write_text(HEADER + "# places\nHoms,Homs,حمص,place,,\n", encoding="utf-8")
    assert len(load_glossary([tmp_path])) == 1


def test_default_glossary_is_the_one_in_the_working_directory(tmp_path, monkeypatch):


    monkeypatch.chdir(tmp_path)
    assert resolve_dirs([]) == []
    (tmp_path / "glossary").mkdir()
    assert resolve_dirs([]) == [Path("glossary")]
    assert resolve_dirs([tmp_path / "g"]) == [tmp_path / "g"]



# --- every language column is checked against its CLDR script --------------------------------

MULTI = "en,es,de,he,ru,type,policy,note\n"


def test_lint_checks_every_language_column_against_its_script(tmp_path):
    write(tmp_path, "rivers.csv", MULTI +
          "Jordan River,río Jordán,Jordan,נהר הירדן,река Иордан,place,enforce,\n"
          "Red Crescent,Media Luna Roja,Roter Halbmond,הסהר האדום,Красный Полумесяц,"
          "organisation,enforce,\n"
          "Route 90,Ruta 90,Route 90,כביש 90,Трасса 90,place,enforce,\n"
          "Golan Heights,Altos del Golán,Golanhöhen,רמת הגולן,Голанские высоты,place,enforce,\n")
    assert lint_glossary([tmp_path]) == ([], 4)
    write(tmp_path, "rivers.csv", MULTI +
          "Jordan River,نهر الأردن,Jordan,Nahar haYarden,река Jordan,place,enforce,\n"
          "Red Crescent,הסהר האדום,Халбмонд,הסהר האדום,Красный Полумесяц,organisation,"
          "enforce,\n")
    problems, _ = lint_glossary([tmp_path])
    where = tmp_path / "rivers.csv"
    assert [str(p) for p in problems] == [
        f"{where}:2: es form 'نهر الأردن' contains Arabic script; es is written in Latin",
        f"{where}:2: he form 'Nahar haYarden' has no Hebrew script",
        f"{where}:2: ru form 'река Jordan' mixes Latin letters into Cyrillic",
        f"{where}:3: es form 'הסהר האדום' contains Hebrew script; it belongs in the he column",
        f"{where}:3: de form 'Халбмонд' contains Cyrillic script; it belongs in the ru column",
    ]


def test_a_column_must_be_a_language_cldr_knows(tmp_path):
    write(tmp_path, "x.csv", "en,es,qq,type\nGaza,Gaza,Gaza,place\n")
    problems, _ = lint_glossary([tmp_path])
    assert [p.message for p in problems] == [
        "unknown column 'qq'; use language codes (en, fr, ar, …) and type, policy, note"]
