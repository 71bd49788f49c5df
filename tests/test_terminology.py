"""The `locpipe glossary` commands (lint, check, export, import) and the glossary in
`locpipe translate`, as a user sees them; the file workflows of locpipe.terminology."""

import json
from pathlib import Path

from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.formats.glossary import load_glossary
from locpipe.terminology import check_source, fix_source

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
HEADER = "en,fr,ar,type,policy,note\n"


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_glossary_commands_have_help():
    for name in ("lint", "check", "export", "import"):
        result = invoke("glossary", name, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_lint_starter_glossary():
    result = invoke("glossary", "lint", "--glossary", ROOT / "glossary")
    assert result.exit_code == 0
    assert result.output.endswith("entries, no problems\n")


def test_lint_lists_every_problem_and_exits_1(tmp_path):
    (tmp_path / "a.csv").write_text(HEADER + "Hama,Hama,Hama,place,,\n"
                                    "Homs,Homs,حمص,place,enforced,\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("en,fr,xx\n", encoding="utf-8")
    result = invoke("glossary", "lint", "--glossary", tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'a.csv'}:2: ar form 'Hama' has no Arabic script",
        f"{tmp_path / 'a.csv'}:3: unknown policy 'enforced'; use enforce, accept, keep, forbid",
        f"{tmp_path / 'b.csv'}:1: unknown column 'xx'; use language codes (en, fr, ar, …) and "
        "type, policy, note",
    ]


def test_translate_with_a_broken_glossary_exits_2_and_writes_nothing(tmp_path, sample):
    gdir = tmp_path / "g"
    gdir.mkdir()
    (gdir / "a.csv").write_text(HEADER + 'Hama,"Hama,حماة,place,,\n', encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("translate", sample, "--engine", "pseudo", "--out", out, "--glossary", gdir)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {gdir / 'a.csv'}:2: malformed CSV")
    assert not out.exists()


def test_translate_reports_term_counts(tmp_path, sample):
    result = invoke("translate", sample, "--engine", "pseudo", "--out", tmp_path,
                    "--glossary", ROOT / "glossary")
    assert result.exit_code == 0, result.output
    assert "Terms — fr: 19 found, 16 as the glossary says, 3 flagged" in " ".join(
        result.stdout.split())
    fr = (tmp_path / "homs-aid-convoy" / "fr.html").read_text()
    assert "Hayat Tahrir al-Cham (HTC)" in fr


def test_check_and_fix(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Rebels near Hama\nHayat Tahrir al Sham fighters entered Hama.\n",
                       encoding="utf-8")
    result = invoke("glossary", "check", article, "--glossary", ROOT / "glossary")
    assert result.exit_code == 1
    assert result.stdout == (f"{article}:2:1: variant spelling 'Hayat Tahrir al Sham'; the "
                             "glossary writes 'Hayat Tahrir al-Sham'\n")
    result = invoke("glossary", "check", article, "--fix", "--glossary", ROOT / "glossary")
    assert result.exit_code == 0
    assert "1 spelling(s) fixed" in result.stderr
    assert article.read_text() == "Rebels near Hama\nHayat Tahrir al-Sham fighters entered Hama.\n"
    assert (tmp_path / "a.txt.bak").exists()


def test_check_missing_article(tmp_path):
    result = invoke("glossary", "check", tmp_path / "nope.txt", "--glossary", ROOT / "glossary")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'nope.txt'}: file not found")


def test_export_and_import(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./glossary to check the import against
    result = invoke("glossary", "export", "--format", "tbx", "--pair", "en-fr",
                    "--glossary", ROOT / "glossary")
    assert result.exit_code == 0 and '<martif type="TBX-Basic"' in result.stdout
    tbx = tmp_path / "g.tbx"
    tbx.write_text(result.stdout, encoding="utf-8")
    dest = tmp_path / "imported.csv"
    result = invoke("glossary", "import", tbx, "--output", dest)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"141 entries written to {dest}\n"
    assert dest.read_text(encoding="utf-8").startswith("en,fr,type,policy,note\n")
    again = invoke("glossary", "import", tbx, "--output", dest)
    assert again.exit_code == 2 and "already exists" in again.stderr
    result = invoke("glossary", "export", "--format", "xliff", "--pair", "en-fr",
                    "--glossary", ROOT / "glossary")
    assert result.exit_code == 2
    assert result.stderr == ("Error: unknown format 'xliff'; available: google-csv, deepl-tsv, "
                             "tbx\n")


def test_import_not_xml(tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text("hello, not xml\n", encoding="utf-8")
    result = invoke("glossary", "import", bad, "--output", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}:1: is not valid TBX: not well-formed XML")
    assert not (tmp_path / "x.csv").exists()


def test_import_conflicting_tbx_writes_nothing(tmp_path):
    tbx = tmp_path / "c.tbx"
    tbx.write_text('<martif type="TBX-Basic"><text><body><termEntry>'
                   '<langSet xml:lang="en"><tig><term>Hama</term></tig></langSet>'
                   '<langSet xml:lang="ar"><tig><term>هاما</term></tig></langSet>'
                   '</termEntry></body></text></martif>', encoding="utf-8")
    result = invoke("glossary", "import", tbx, "--output", tmp_path / "c.csv",
                    "--glossary", ROOT / "glossary")
    assert result.exit_code == 2
    assert "conflict" in result.stderr and not (tmp_path / "c.csv").exists()


def test_fix_source_keeps_backup(tmp_path):
    article = ("Shelling near Idlib\nHayat Tahrir al Sham (HTS) blamed Bashar Assad.\n"
               "ISIS claimed nothing.\n")
    p = tmp_path / "b.txt"
    p.write_text(article, encoding="utf-8")
    g = load_glossary([ROOT / "glossary"])
    assert fix_source(p, check_source(p, g)) == 3
    assert (tmp_path / "b.txt.bak").read_text(encoding="utf-8") == article
    assert p.read_text(encoding="utf-8") == (
        "Shelling near Idlib\nHayat Tahrir al-Sham (HTS) blamed Bashar al-Assad.\n"
        "Islamic State group claimed nothing.\n")


SPANISH = ("en,fr,es,type,policy,note\n"
           "White Helmets,Casques blancs,Cascos Blancos,organisation,enforce,\n"
           "Euphrates,Euphrate,Éufrates,place,enforce,\n"
           "Kurd | Kurds,kurde | kurdes,kurdo | kurdos | kurda,community,accept,\n"
           "Medecins Sans Frontieres,,,organisation,keep,\n"
           "Qamishli,Qamichli,,place,enforce,no Spanish form yet\n"
           "Islamic State group | ISIS,,,armed group,forbid,\n")


def test_export_pair_en_es(tmp_path):
    (tmp_path / "desk.csv").write_text(SPANISH, encoding="utf-8")
    result = invoke("glossary", "export", "--format", "deepl-tsv", "--pair", "en-es",
                    "--glossary", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("White Helmets\tCascos Blancos\n"
                             "Euphrates\tÉufrates\n"
                             "Kurd\tkurdo\n"
                             "Kurds\tkurdo\n"
                             "Medecins Sans Frontieres\tMedecins Sans Frontieres\n")
    result = invoke("glossary", "export", "--format", "google-csv", "--pair", "en-es",
                    "--glossary", tmp_path)
    assert result.stdout.splitlines()[:2] == ["White Helmets,Cascos Blancos",
                                              "Euphrates,Éufrates"]
    result = invoke("glossary", "export", "--format", "deepl-tsv", "--pair", "en-he",
                    "--glossary", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == ("Error: unknown language pair 'en-he'; the glossary has: en, es, "
                             "fr (e.g. --pair en-fr)\n")


def test_starter_glossary_exports_spanish():
    result = invoke("glossary", "export", "--format", "deepl-tsv", "--pair", "en-es",
                    "--glossary", ROOT / "glossary")
    assert result.exit_code == 0
    assert "Syrian Observatory for Human Rights\tObservatorio Sirio de Derechos Humanos\n" \
        in result.stdout
    assert "Damascus\tDamasco\n" in result.stdout


# --- glossary import: every conflict, its own export a no-op, --on-conflict (issue 23) -----

DESK_PLACES = ("en,fr,ar,type,policy,note\n"
               "Latakia,Lattaquié,اللاذقية,place,enforce,\n"
               "Tartus,Tartous,طرطوس,place,enforce,\n"
               "Jableh,Jablé,جبلة,place,enforce,\n")
DESK_AGENCIES = "en,fr,ar,type,policy,note\nSANA,SANA,سانا,agency,keep,state news agency\n"


def _desk_glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "places.csv").write_text(DESK_PLACES, encoding="utf-8")
    (folder / "agencies.csv").write_text(DESK_AGENCIES, encoding="utf-8")
    return folder


def _tbx(tmp_path: Path, entries: list[tuple[str, str, str, str]]) -> Path:
    body = "".join(
        f'<termEntry><note>policy: {policy}</note>'
        f'<langSet xml:lang="en"><tig><term>{en}</term></tig></langSet>'
        f'<langSet xml:lang="fr"><tig><term>{fr}</term></tig></langSet>'
        f'<langSet xml:lang="ar"><tig><term>{ar}</term></tig></langSet></termEntry>'
        for en, fr, ar, policy in entries)
    path = tmp_path / "agency.tbx"
    path.write_text(f'<martif type="TBX-Basic"><text><body>{body}</body></text></martif>',
                    encoding="utf-8")
    return path


AGENCY = [("Latakia", "Lattakia", "اللاذقية", "enforce"),    # conflicts: French form
          ("Tartus", "Tartous", "طرطوس", "enforce"),          # the same: left out
          ("SANA", "SANA", "سانا", "enforce"),                # conflicts: policy
          ("Baniyas", "Banias", "بانياس", "enforce")]         # new


def test_reimporting_the_glossarys_own_export_writes_nothing(tmp_path):
    folder = _desk_glossary(tmp_path)
    export = invoke("glossary", "export", "--format", "tbx", "--glossary", folder)
    assert export.exit_code == 0, export.output
    tbx = tmp_path / "desk.tbx"
    tbx.write_text(export.stdout, encoding="utf-8")
    result = invoke("glossary", "import", tbx, "--glossary", folder)
    assert result.exit_code == 0, result.output
    assert result.stdout == ("nothing new to import: 4 entries already in the glossary; "
                             "nothing written\n")
    assert sorted(p.name for p in folder.iterdir()) == ["agencies.csv", "places.csv"]


def test_import_reports_every_conflict_and_writes_nothing(tmp_path):
    folder = _desk_glossary(tmp_path)
    tbx = _tbx(tmp_path, AGENCY)
    result = invoke("glossary", "import", tbx, "--glossary", folder)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{tbx}: entry 1 'Latakia' conflicts with {folder / 'places.csv'}:2: fr 'Lattakia' "
        "here, 'Lattaquié' in the glossary\n"
        f"{tbx}: entry 3 'SANA' conflicts with {folder / 'agencies.csv'}:2: policy enforce "
        "here, keep in the glossary\n"
        "Error: 2 conflict(s) with the glossary (listed above); nothing was written: fix them, "
        "or choose with --on-conflict keep (the glossary's entries) or replace (the imported "
        "ones)\n")
    assert not (folder / "agency.csv").exists()


def test_import_keep_takes_only_what_is_new(tmp_path):
    folder = _desk_glossary(tmp_path)
    result = invoke("glossary", "import", _tbx(tmp_path, AGENCY), "--glossary", folder,
                    "--on-conflict", "keep")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"1 entries written to {folder / 'agency.csv'}; "
                                  "1 already in the glossary\n")
    assert result.stdout.count("kept the glossary: ") == 2
    assert (folder / "agency.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "Baniyas,بانياس,Banias,,enforce,"]  # (en, then the other languages by code)
    assert (folder / "places.csv").read_text(encoding="utf-8") == DESK_PLACES
    assert invoke("glossary", "lint", "--glossary", folder).exit_code == 0


def test_import_replace_swaps_the_glossarys_rows(tmp_path):
    folder = _desk_glossary(tmp_path)
    result = invoke("glossary", "import", _tbx(tmp_path, AGENCY), "--glossary", folder,
                    "--on-conflict", "replace")
    assert result.exit_code == 0, result.output
    assert f"removed the replaced entry at {folder / 'places.csv'}:2\n" in result.stdout
    assert f"removed the replaced entry at {folder / 'agencies.csv'}:2\n" in result.stdout
    assert "Latakia" not in (folder / "places.csv").read_text(encoding="utf-8")
    assert (folder / "agencies.csv").read_text(encoding="utf-8") == \
        "en,fr,ar,type,policy,note\n"
    imported = (folder / "agency.csv").read_text(encoding="utf-8")
    assert imported.splitlines() == ["en,ar,fr,type,policy,note",
                                     "Latakia,اللاذقية,Lattakia,,enforce,",
                                     "SANA,سانا,SANA,,enforce,", "Baniyas,بانياس,Banias,,enforce,"]
    lint = invoke("glossary", "lint", "--glossary", folder)
    assert lint.exit_code == 0, lint.output


def test_import_on_conflict_must_be_known(tmp_path):
    result = invoke("glossary", "import", _tbx(tmp_path, AGENCY), "--on-conflict", "merge",
                    "--output", tmp_path / "x.csv")
    assert (result.exit_code, result.stderr) == (
        2, "Error: unknown --on-conflict 'merge'; available: report, keep, replace\n")


def test_glossary_check_as_json(tmp_path):
    article = tmp_path / "clashes.txt"
    article.write_text("Clashes near Idlib\nHayat Tahrir al Sham fighters moved south.\n",
                       encoding="utf-8")
    result = invoke("glossary", "check", article, "--glossary", ROOT / "glossary",
                    "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"ok": False, "fixed": 0, "findings": [
        {"file": str(article), "line": 2, "column": 1,
         "message": "variant spelling 'Hayat Tahrir al Sham'; the glossary writes "
                    "'Hayat Tahrir al-Sham'", "fix": "Hayat Tahrir al-Sham"}]}
    clean = tmp_path / "calm.txt"
    clean.write_text("Calm in Idlib\nThe night was quiet, residents said.\n", encoding="utf-8")
    result = invoke("glossary", "check", clean, "--glossary", ROOT / "glossary", "--format",
                    "json")
    assert (result.exit_code, json.loads(result.stdout)) == (
        0, {"ok": True, "fixed": 0, "findings": []})
