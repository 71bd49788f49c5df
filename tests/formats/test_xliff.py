"""XLIFF 2.0 export of PO files (`locpipe po xliff`)."""

import xml.etree.ElementTree as ET

import polib
from typer.testing import CliRunner

from locpipe.cli import app

runner = CliRunner()
NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}

ARTICLE = """\
# Convoy reaches Homs after 11 weeks

A convoy of 42 trucks reached Homs on Monday, *the UN said*, carrying food for 12,500 families.
"""


def _po(tmp_path):
    article = tmp_path / "homs-convoy.md"
    article.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--to", "fr",
                                 "--out", str(tmp_path / "out"), "--memory",
                                 str(tmp_path / "memory")])
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "homs-convoy" / "fr.po"


def test_xliff_export_units_inline_codes_and_states(tmp_path):
    fr_po = _po(tmp_path)
    catalog = polib.pofile(str(fr_po))
    catalog[0].msgstr, catalog[0].flags = "Un convoi atteint Homs après 11 semaines", []
    catalog.save()
    result = runner.invoke(app, ["po", "xliff", str(fr_po)])
    assert result.exit_code == 0, result.output
    xlf = fr_po.with_suffix(".xlf")
    assert result.stdout == f"wrote {xlf}\n"
    root = ET.parse(xlf).getroot()
    assert root.tag == "{urn:oasis:names:tc:xliff:document:2.0}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "fr")
    assert root.find("x:file", NS).get("original") == "../../homs-convoy.md"
    units = root.findall(".//x:unit", NS)
    assert [u.get("id") for u in units] == ["homs-convoy:1.1", "homs-convoy:2.1"]
    first, second = (u.find("x:segment", NS) for u in units)
    assert first.get("state") == "reviewed"
    assert first.find("x:target", NS).text == "Un convoi atteint Homs après 11 semaines"
    assert second.get("state") == "initial"
    source = second.find("x:source", NS)
    pc = source.find("x:pc", NS)
    assert pc.get("id") == "1" and pc.text == "the UN said"
    assert "".join(source.itertext()) == ("A convoy of 42 trucks reached Homs on Monday, the UN "
                                          "said, carrying food for 12,500 families.")
    assert second.find("x:target/x:pc", NS).get("id") == "1"


def test_xliff_refuses_badly_nested_tags(tmp_path):
    fr_po = _po(tmp_path)
    catalog = polib.pofile(str(fr_po))
    catalog[1].msgstr = "Un convoi </1>a atteint<1> Homs."
    catalog.save()
    line = next(e.linenum for e in polib.pofile(str(fr_po)) if e.msgctxt == "homs-convoy:2.1")
    result = runner.invoke(app, ["po", "xliff", str(fr_po)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {fr_po}:{line}: tag </1> closes a tag that is not open; "
                             "fix the entry before exporting\n")
    assert not fr_po.with_suffix(".xlf").exists()


def test_xliff_languages_are_bcp47_tags_from_the_po_header(tmp_path):
    po_file = tmp_path / "gaza-port" / "pt.po"
    po_file.parent.mkdir()
    catalog = polib.POFile()
    catalog.metadata = {"Language": "pt_BR", "Content-Type": "text/plain; charset=UTF-8",
                        "X-Locpipe-Article": "gaza-port",
                        "X-Locpipe-Options": '{"digits": "latn", "source_lang": "en"}'}
    catalog.append(polib.POEntry(msgctxt="gaza-port:1.1", msgid="The pier was closed again.",
                                 msgstr="O píer foi fechado de novo."))
    catalog.save(str(po_file))
    result = runner.invoke(app, ["po", "xliff", str(po_file)])
    assert result.exit_code == 0, result.output
    root = ET.parse(po_file.with_suffix(".xlf")).getroot()
    assert (root.get("srcLang"), root.get("trgLang")) == ("en", "pt-BR")
    target = root.find("x:file/x:unit/x:segment/x:target", NS)
    assert target.text == "O píer foi fechado de novo."
