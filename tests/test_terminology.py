"""The `locpipe glossary` commands (lint, check, export, import) and the glossary in
`locpipe translate`, as a user sees them; the file workflows of locpipe.terminology."""

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
