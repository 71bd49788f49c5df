from typer.testing import CliRunner

from locpipe.cli import app

runner = CliRunner()


def test_translate_sample_writes_pages_report_and_po_files(sample, tmp_path):
    result = runner.invoke(app, ["translate", str(sample), "--engine", "pseudo",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "homs-aid-convoy"
    assert sorted(p.name for p in out.iterdir()) == ["ar.fragment.html", "ar.html", "ar.po",
                                                     "fr.fragment.html", "fr.html", "fr.po",
                                                      "index.html", "manifest.json", "report.html"]
    ar = (out / "ar.html").read_text()
    assert '<html lang="ar" dir="rtl">' in ar
    assert 'name="locpipe-pseudo-translation"' in ar
    assert "PSEUDO-TRANSLATION" in result.output
    index = (out / "index.html").read_text()
    for href in ("fr.html", "ar.html", "report.html", "fr.po", "ar.po"):
        assert f'href="{href}"' in index
    assert "French PO file" in index


def test_commands_have_help():
    for name in ("translate", "segment", "qa", "po", "memory", "glossary", "models"):
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_signature_records_the_settings_that_change_the_text(sample, tmp_path):
    result = runner.invoke(app, ["translate", str(sample), "--engine", "pseudo", "--to", "ar",
                                 "--locale", "ar=ar_SY", "--digits", "arab", "--out",
                                 str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "homs-aid-convoy"
    wanted = "|lang:ar|locale:ar_SY|digits:arab|beam:4|lp:0.2|"
    assert wanted in (out / "ar.html").read_text()
    assert wanted in (out / "ar.po").read_text()


def test_a_folder_can_be_translated_again_with_its_output_inside(sample, tmp_path):
    desk = tmp_path / ".desk" / "today"  # a hidden folder above the articles is fine
    desk.mkdir(parents=True)
    (desk / "homs.txt").write_text(sample.read_text())
    (desk / ".draft.txt").write_text(sample.read_text())  # hidden files are left out
    for _ in range(2):
        result = runner.invoke(app, ["translate", str(desk), "--engine", "pseudo", "--out",
                                     str(desk / "output")])
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in (desk / "output").iterdir()) == ["homs", "index.html"]
