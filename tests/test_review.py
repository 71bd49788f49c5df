"""`locpipe qa` on PO files in the shape `translate` writes (msgctxt = segment id)."""

import json
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from locpipe.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_default_glossary(tmp_path, monkeypatch):
    """Run where there is no ./glossary, so only the terms test uses one."""
    monkeypatch.chdir(tmp_path)


def write_po(path: Path, lang: str, entries: list[tuple[str, str, str]]) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for ctxt, msgid, msgstr in entries:
        po.append(polib.POEntry(msgctxt=ctxt, msgid=msgid, msgstr=msgstr))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


GOOD_FR = [("truce:1.1", "A fragile truce", "Une trêve fragile"),
           ("truce:2.1", "The road between Aleppo and Damascus remains closed to traffic.",
            "La route entre Alep et Damas reste fermée à la circulation.")]
GOOD_AR = [("truce:1.1", "A fragile truce", "هدنة هشّة"),
           ("truce:2.1", "The road between Aleppo and Damascus remains closed to traffic.",
            "لا يزال الطريق بين حلب ودمشق مغلقًا أمام حركة المرور.")]


def test_clean_output_dir_passes(tmp_path):
    write_po(tmp_path / "truce" / "fr.po", "fr", GOOD_FR)
    write_po(tmp_path / "truce" / "ar.po", "ar", GOOD_AR)
    result = runner.invoke(app, ["qa", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "2 file(s), 4 segment(s) — no findings"


def test_edited_po_with_error_exits_1_and_names_file_line_and_segment(tmp_path):
    po = write_po(tmp_path / "truce" / "ar.po", "ar",
                  [GOOD_AR[0], ("truce:2.1", GOOD_AR[1][1], "لا يزال الطريق <1> مغلقًا؟?")])
    result = runner.invoke(app, ["qa", str(po)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    line = polib.pofile(str(po))[1].linenum
    assert f"{po}:{line}: truce:2.1 [ar] error markup: markup tag <1> is not in the source" in lines
    assert any(" warning doubled_punctuation: doubled punctuation: '؟?'" in x for x in lines)
    assert lines[-1].startswith("1 file(s), 2 segment(s) — error: 1, warning: ")


def test_warnings_only_exit_0(tmp_path):
    po = write_po(tmp_path / "fr.po", "fr", [("t:1.1", "A fragile truce", "Une trêve fragile.")])
    result = runner.invoke(app, ["qa", str(po)])
    assert result.exit_code == 0
    assert "warning punctuation" in result.stdout


def test_json_format(tmp_path):
    po = write_po(tmp_path / "s" / "fr.po", "fr", [GOOD_FR[0], ("s:2.1", GOOD_FR[1][1], "")])
    result = runner.invoke(app, ["qa", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["segments"] == 2
    assert data["summary"]["severity"] == {"error": 1}
    (f,) = data["findings"]
    assert {k: f[k] for k in ("file", "segment_id", "lang", "check", "severity", "title",
                              "message")} == {
        "file": str(po), "segment_id": "s:2.1", "lang": "fr", "check": "empty",
        "severity": "error", "title": "Empty output", "message": "the translation is empty"}


def test_foreign_quote_kept_verbatim_is_not_untranslated(tmp_path):
    quote = "« Nous n’avons plus de médicaments et les enfants meurent dans les couloirs. »"
    po = write_po(tmp_path / "ar.po", "ar", [("m:4.1", quote, quote)])
    result = runner.invoke(app, ["qa", str(po)])
    assert result.exit_code == 0, result.output


def test_language_from_file_name_when_header_lacks_it(tmp_path):
    po = polib.POFile()
    po.append(polib.POEntry(msgctxt="x:1.1", msgid="The talks failed in Geneva on Monday.",
                            msgstr="The talks failed in Geneva on Monday."))
    po.save(str(tmp_path / "ar.po"))
    result = runner.invoke(app, ["qa", str(tmp_path / "ar.po")])
    assert result.exit_code == 1
    assert "[ar] error untranslated: the translation is identical to the source" in result.stdout


def test_user_errors_are_one_line_exit_2(tmp_path):
    result = runner.invoke(app, ["qa", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'missing'}: no such file or directory\n"
    result = runner.invoke(app, ["qa", str(tmp_path)])
    assert result.stderr == (f"Error: {tmp_path}: no .po files here; give an output directory "
                             "written by `locpipe translate` or .po files\n")
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "x"\nmsgstr "y"\ngarbage here\n', encoding="utf-8")
    result = runner.invoke(app, ["qa", str(bad)])
    assert result.exit_code == 2
    # the same message as `po apply` gives for the same file
    assert result.stderr == (f"Error: {bad}:3: is not a valid PO file (unexpected text); fix "
                             "this line or export the file again from Poedit\n")
    result = runner.invoke(app, ["qa", str(bad), "--format", "xml"])
    assert result.stderr == "Error: unknown format 'xml'; available: json, text\n"


def test_qa_has_help():
    result = runner.invoke(app, ["qa", "--help"])
    assert result.exit_code == 0
    assert "exit 1 if any error-severity finding" in result.output


def test_translate_then_edit_po_then_qa(sample, tmp_path):
    """End to end with the PO files `translate` writes (needs locpipe.formats.po)."""
    pytest.importorskip("locpipe.formats.po")
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", str(sample), "--engine", "pseudo", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["qa", str(out)]).exit_code == 0
    po_path = out / "homs-aid-convoy" / "ar.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgctxt == "homs-aid-convoy:2.1")
    entry.msgstr = entry.msgstr.rstrip(".") + "؟?"  # an editor's slip
    po.save(str(po_path))
    result = runner.invoke(app, ["qa", str(out), "--format", "json"])
    data = json.loads(result.stdout)
    assert [(f["segment_id"], f["check"]) for f in data["findings"]] == [
        ("homs-aid-convoy:2.1", "punctuation"), ("homs-aid-convoy:2.1", "doubled_punctuation")]


def test_glossary_terms_checked_with_the_newsroom_glossary(tmp_path):
    po = write_po(tmp_path / "fr.po", "fr", [
        ("g:1.1", "HTS fighters entered the town on Tuesday, residents said.",
         "Des combattants de HTS sont entrés dans la ville mardi, selon des habitants.")])
    result = runner.invoke(app, ["qa", str(po), "--glossary", str(ROOT / "glossary")])
    assert result.exit_code == 1
    assert "error terms: 'HTS' should be 'HTC'" in result.stdout
