"""Article identity (issue 13 §1): every source gets its own output folder, named readably,
recorded in the folder's manifest and kept on every later run; reviewed work of one article
never lands in another's pages, PO files or memory files."""

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.cli import app
from locpipe.formats.manifest import MANIFEST_NAME
from locpipe.identity import folder_candidates, identity, slug
from tests.po_workflow import entries, review, runner

HOMS = """Aid convoy reaches besieged district of Homs

A convoy of 38 trucks carrying flour and medicine entered the Waer district on Sunday, the UN said.

“We have not seen bread for 11 days,” said a resident, Maher Aziz.
"""
IDLIB = """Shelling resumes near Idlib as talks stall

At least 14 people were killed on Monday in the town of Sarmin, rescuers said.

The Syrian Observatory for Human Rights put the toll at 16.
"""


@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def translate(*args: str):
    return runner.invoke(app, ["translate", *args, "--engine", "pseudo", "--to", "fr",
                               "--out", "output", "--memory", "memory"])


def owner(folder: Path) -> str:
    return json.loads((folder / MANIFEST_NAME).read_text())["identity"]


def test_slug_transliterates_instead_of_collapsing():
    assert slug("حمص") == "hms" and slug("حلب") == "hlb"
    assert slug("Évêque à Alep") == "eveque-a-alep"
    assert slug("!!!") == "article"
    assert len(slug("x" * 500)) == 80


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.text(min_size=1, max_size=120))
def test_slug_is_a_safe_folder_name(name):
    s = slug(name)
    assert s and len(s) <= 80 and s == s.strip("-")
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in s) and s.lower() == s


def test_identity_is_relative_to_root_or_current_directory(tmp_path):
    assert identity(tmp_path / "in" / "day1" / "syria.txt", root=tmp_path / "in") == \
        "day1/syria.txt"
    assert identity(Path("day2/syria.txt")) == "day2/syria.txt"
    assert identity(Path("/elsewhere/x.txt"), cwd=tmp_path) == "/elsewhere/x.txt"
    assert folder_candidates("day2/syria.txt") == ["syria", "day2-syria", "day2-syria-txt"]


def test_same_named_articles_in_two_folders_get_two_folders(tmp_path):
    for day, text in (("day1", HOMS), ("day2", IDLIB)):
        (tmp_path / day).mkdir()
        (tmp_path / day / "syria.txt").write_text(text)
    result = translate("day1/syria.txt", "day2/syria.txt")
    assert result.exit_code == 0, result.output
    out = tmp_path / "output"
    assert sorted(p.name for p in out.iterdir()) == ["day2-syria", "index.html", "syria"]
    assert owner(out / "syria") == "day1/syria.txt"
    assert owner(out / "day2-syria") == "day2/syria.txt"
    assert "Homs" in (out / "syria" / "report.html").read_text()
    assert "Idlib" in (out / "day2-syria" / "report.html").read_text()
    # a later run of the second article alone finds its own folder and leaves the first alone
    before = (out / "syria" / "fr.html").read_text()
    assert translate("day2/syria.txt").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["day2-syria", "index.html", "syria"]
    assert (out / "syria" / "fr.html").read_text() == before
    # … and the same through the directory (identity relative to the root, same file)
    assert translate(".").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["day2-syria", "index.html", "syria"]


@pytest.mark.parametrize("names, folders", [
    (["a.txt", "A.md"], ["a", "a-md"]),
    (["x.html", "x.txt"], ["x", "x-txt"]),
    (["حمص.txt", "حلب.txt"], ["hlb", "hms"]),
])
def test_names_that_reduce_to_one_slug_stay_distinct(tmp_path, names, folders):
    for name, text in zip(names, (HOMS, IDLIB), strict=True):
        body = f"<h1>{text.splitlines()[0]}</h1><p>{text.splitlines()[2]}</p>" \
            if name.endswith(".html") else text
        (tmp_path / name).write_text(body)
    result = translate(*names)
    assert result.exit_code == 0, result.output
    listed = sorted(p.name for p in (tmp_path / "output").iterdir())
    assert listed == sorted([*folders, "index.html"])
    owners = {owner(tmp_path / "output" / f) for f in folders}
    assert owners == set(names)


def test_folder_of_another_source_is_never_written(tmp_path):
    (tmp_path / "day1").mkdir()
    (tmp_path / "day2").mkdir()
    (tmp_path / "day1" / "syria.txt").write_text(HOMS)
    (tmp_path / "day2" / "syria.txt").write_text(IDLIB)
    assert translate("day1/syria.txt").exit_code == 0
    fr_po = tmp_path / "output" / "syria" / "fr.po"
    review(fr_po, {"syria:1.1": "Un convoi d’aide atteint un quartier assiégé de Homs"})
    po_before = fr_po.read_text()
    result = translate("day2/syria.txt")  # another day, the same file name
    assert result.exit_code == 0, result.output
    assert fr_po.read_text() == po_before
    other = entries(tmp_path / "output" / "day2-syria" / "fr.po")
    assert not any("previous reviewed translation" in e.tcomment for e in other.values())
    assert all("Un convoi" not in e.msgstr for e in other.values())


def test_folder_from_before_manifests_is_adopted(tmp_path):
    (tmp_path / "homs.txt").write_text(HOMS)
    assert translate("homs.txt").exit_code == 0
    folder = tmp_path / "output" / "homs"
    (folder / MANIFEST_NAME).unlink()  # as an earlier locpipe left it
    review(folder / "fr.po", {"homs:1.1": "Un convoi d’aide atteint Homs"})
    assert translate("homs.txt").exit_code == 0
    assert owner(folder) == "homs.txt"
    assert entries(folder / "fr.po")["homs:1.1"].msgstr == "Un convoi d’aide atteint Homs"
    assert "Un convoi d’aide atteint Homs" in (folder / "fr.html").read_text()


def test_same_named_articles_reviewed_in_turn_keep_everything(tmp_path):
    for day, text in (("day1", HOMS), ("day2", IDLIB)):
        (tmp_path / "in" / day).mkdir(parents=True)
        (tmp_path / "in" / day / "syria.txt").write_text(text)
    assert translate("in").exit_code == 0
    out = tmp_path / "output"
    first, second = out / "syria" / "fr.po", out / "day2-syria" / "fr.po"
    one = {"syria:1.1": "Un convoi d’aide atteint Homs",
           "syria:2.1": "Un convoi de 38 camions est entré dans le quartier de Waer dimanche."}
    two = {"day2-syria:1.1": "Reprise des bombardements près d’Idleb",
           "day2-syria:2.1": "Au moins 14 personnes ont été tuées lundi à Sarmin."}
    review(first, one)
    r1 = runner.invoke(app, ["po", "apply", str(first), "--memory", "memory"])
    assert r1.exit_code == 0, r1.output
    review(second, two)
    r2 = runner.invoke(app, ["po", "apply", str(second), "--memory", "memory"])
    assert r2.exit_code == 0, r2.output
    for po_file, edits in ((first, one), (second, two)):
        got = entries(po_file)
        assert {k: got[k].msgstr for k in edits} == edits
        page = (po_file.parent / "fr.html").read_text()
        assert all(text.replace("’", "’") in page for text in edits.values())
    memory = {e.msgstr for p in (tmp_path / "memory").glob("*.po")
              for e in polib.pofile(str(p))}
    assert set(one.values()) | set(two.values()) <= memory
    assert len(list((tmp_path / "memory").glob("*.fr.po"))) == 2
    # applying the first again (after changing nothing) removes nothing from the memory
    assert runner.invoke(app, ["po", "apply", str(first), "--memory", "memory"]).exit_code == 0
    memory = {e.msgstr for p in (tmp_path / "memory").glob("*.po")
              for e in polib.pofile(str(p))}
    assert set(one.values()) | set(two.values()) <= memory


def test_memory_merges_entry_by_entry(tmp_path):
    (tmp_path / "homs.txt").write_text(HOMS)
    assert translate("homs.txt").exit_code == 0
    po_file = tmp_path / "output" / "homs" / "fr.po"
    review(po_file, {"homs:1.1": "Un convoi atteint Homs"})
    assert runner.invoke(app, ["po", "apply", str(po_file), "--memory", "memory"]).exit_code == 0
    # the editor later sends the headline back to review and reviews another sentence
    catalog = polib.pofile(str(po_file))
    for e in catalog:
        if e.msgctxt == "homs:1.1":
            e.flags.append("fuzzy")
    catalog.save()
    review(po_file, {"homs:2.1": "Un convoi de 38 camions est entré à Waer dimanche."})
    assert runner.invoke(app, ["po", "apply", str(po_file), "--memory", "memory"]).exit_code == 0
    (mem,) = (tmp_path / "memory").glob("homs-*.fr.po")
    recorded = {e.msgctxt: e.msgstr for e in polib.pofile(str(mem))}
    assert recorded == {"homs:1.1": "Un convoi atteint Homs",
                        "homs:2.1": "Un convoi de 38 camions est entré à Waer dimanche."}
    assert polib.pofile(str(mem)).metadata["X-Locpipe-Identity"] == "homs.txt"


def test_control_characters_in_a_file_name_keep_the_po_file_valid(tmp_path):
    name = "syria\nday 2\x01.txt"
    (tmp_path / name).write_text(HOMS)
    assert translate(name).exit_code == 0
    folder = tmp_path / "output" / "syria-day-2"
    po_file = folder / "fr.po"
    catalog = polib.pofile(str(po_file))  # parses: one header line per key
    assert catalog.metadata["X-Locpipe-Source"] == "../../syria%0Aday 2%01.txt"
    assert catalog[0].occurrences == [("../../syria%0Aday%202%01.txt", "1")]
    # every later run and po apply still read it
    review(po_file, {"syria-day-2:1.1": "Un convoi atteint Homs"})
    assert translate(name).exit_code == 0
    result = runner.invoke(app, ["po", "apply", str(po_file), "--memory", "memory"])
    assert result.exit_code == 0, result.output
    assert "Un convoi atteint Homs" in (folder / "fr.html").read_text()


def test_control_characters_in_text_keep_po_and_xliff_well_formed(tmp_path):
    (tmp_path / "ctl.txt").write_text("Aid reaches Homs\u2028today\x0c\x01\n\n"
                                      "The convoy \x01arrived on Monday, the UN said.\n")
    assert translate("ctl.txt").exit_code == 0
    po_file = tmp_path / "output" / "ctl" / "fr.po"
    catalog = polib.pofile(str(po_file))
    assert "“Aid reaches Homs today \\x01”" in catalog.header
    assert not any(c in po_file.read_text() for c in "\u2028\x0c")
    result = runner.invoke(app, ["po", "xliff", str(po_file)])
    assert result.exit_code == 0, result.output
    root = ET.parse(po_file.with_suffix(".xlf")).getroot()  # well-formed XML
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    cps = root.findall(".//x:source/x:cp", ns)
    assert "0001" in {cp.get("hex") for cp in cps}


def test_identity_never_depends_on_the_order_of_later_runs(tmp_path):
    (tmp_path / "a.txt").write_text(HOMS)
    (tmp_path / "A.md").write_text(IDLIB)
    assert translate("a.txt").exit_code == 0
    assert translate("A.md", "a.txt").exit_code == 0
    out = tmp_path / "output"
    assert owner(out / "a") == "a.txt" and owner(out / "a-md") == "A.md"
    assert os.path.exists(out / "a" / "fr.html")
