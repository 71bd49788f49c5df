"""After the editor: `locpipe po apply` on reviewed PO files, and `locpipe qa` on PO files in the
shape `translate` writes (msgctxt = segment id)."""

import json
import re
import shutil
from pathlib import Path

import polib
import pytest

from locpipe.cli import app
from tests.po_workflow import (
    ARTICLE,
    HEADLINE,
    HTS,
    QUOTE,
    SLUG,
    WELLS,
    entries,
    line_of,
    quote_fr,
    review,
    run_pseudo,
    runner,
    translate,
    write_article,
)
from tests.po_workflow import reviewed_po as make_reviewed_po

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


# --- po apply -------------------------------------------------------------------------------


@pytest.fixture
def article(tmp_path) -> Path:
    return write_article(tmp_path)


@pytest.fixture
def reviewed_po(article, tmp_path) -> Path:
    return make_reviewed_po(article, tmp_path)


def apply_fails(fr_po: Path, tmp_path: Path, message: str) -> None:
    html = fr_po.parent / "fr.html"
    before = (fr_po.read_text(), html.read_text())
    result = runner.invoke(app, ["po", "apply", str(fr_po), "--memory", str(tmp_path / "mem")])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message}\n"
    assert (fr_po.read_text(), html.read_text()) == before
    assert not (tmp_path / "mem").exists()


def test_apply_uses_reviewed_entries_and_regenerates_html(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    fr_po = out / SLUG / "fr.po"
    review(fr_po, {HEADLINE: "Reprise à Genève des pourparlers sur l’eau d’Idlib",
                   QUOTE: quote_fr(fr_po)})
    result = runner.invoke(app, ["po", "apply", str(fr_po), "--memory", str(tmp_path / "mem")])
    assert result.exit_code == 0, result.output
    assert f"{fr_po}: 2 reviewed translation(s) applied" in result.stdout
    html = (out / SLUG / "fr.html").read_text()
    assert "<h1>Reprise à Genève des pourparlers sur l’eau d’Idlib</h1>" in html
    assert 'à <a href="https://afp.example/idlib">l’AFP</a>.' in html
    assert (out / SLUG / "ar.html").exists()  # every language of the article re-rendered
    index = (out / SLUG / "index.html").read_text()
    assert 'hreflang="ar"' in index and 'hreflang="fr"' in index
    after = entries(fr_po)
    assert not after[HEADLINE].fuzzy
    assert after[HEADLINE].msgstr == "Reprise à Genève des pourparlers sur l’eau d’Idlib"
    assert after[HTS].fuzzy


def test_apply_reports_broken_entries_and_applies_the_rest(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    fr_po = out / SLUG / "fr.po"
    review(fr_po, {HEADLINE: "Reprise des pourparlers sur l’eau d’Idlib",
                   QUOTE: "« Il nous faut du courant », a dit Samir Khoury à l’AFP.",
                   HTS: "Les combattants de HTS <n1/> contrôlent la route <2/>."})
    catalog = polib.pofile(str(fr_po))
    catalog.append(polib.POEntry(msgctxt=f"{SLUG}:9.1", msgid="A sentence that was never there.",
                                 msgstr="Une phrase qui n’a jamais existé."))
    catalog.save()
    quote_line, hts_line = line_of(fr_po, QUOTE), line_of(fr_po, HTS)
    ghost_line = line_of(fr_po, f"{SLUG}:9.1")
    result = runner.invoke(app, ["po", "apply", str(fr_po), "--memory", str(tmp_path / "mem")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {fr_po}:{quote_line}: msgstr of {QUOTE} lacks <1> </1> from msgid; put every "
        "numbered tag back (entry not applied)",
        f"Error: {fr_po}:{hts_line}: msgstr of {HTS} has <n1/> <2/>, which msgid does not; "
        "remove it (entry not applied)",
        f"Error: {fr_po}:{ghost_line}: msgctxt '{SLUG}:9.1' is not a segment of {article}; "
        "the entry was kept as obsolete, not applied",
    ]
    html = (out / SLUG / "fr.html").read_text()
    assert "<h1>Reprise des pourparlers sur l’eau d’Idlib</h1>" in html
    assert "Il nous faut du courant" not in html
    # Nothing the editor typed is lost: broken entries stay as typed, the ghost is obsolete.
    after = polib.pofile(str(fr_po))
    assert next(e for e in after if e.msgctxt == HTS).msgstr.endswith("la route <2/>.")
    ghost = next(e for e in after if e.msgctxt == f"{SLUG}:9.1")
    assert ghost.obsolete and ghost.msgstr == "Une phrase qui n’a jamais existé."


def test_apply_after_the_source_changed(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    fr_po = out / SLUG / "fr.po"
    review(fr_po, {HEADLINE: "Reprise des pourparlers",
                   HTS: "Les combattants de HTS contrôlent la route principale."})
    article.write_text(ARTICLE.replace("HTS fighters control", "HTS fighters now control"),
                       encoding="utf-8")
    line = line_of(fr_po, HTS)
    result = runner.invoke(app, ["po", "apply", str(fr_po), "--memory", str(tmp_path / "mem")])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {fr_po}:{line}: msgid of {HTS} no longer matches the "
                             f"sentence in {article} (edited since?); the translation was kept "
                             "for review, not applied\n")
    entry = entries(fr_po)[HTS]
    assert entry.fuzzy and entry.previous_msgid == "HTS fighters control the main road."
    assert entry.tcomment == ("previous reviewed translation: Les combattants de HTS contrôlent "
                              "la route principale.")
    assert "<h1>Reprise des pourparlers</h1>" in (out / SLUG / "fr.html").read_text()


def test_apply_syntax_error(reviewed_po, tmp_path):
    lines = reviewed_po.read_text().splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith("msgctxt"))
    lines[n] = 'msgctxt "broken\n'
    reviewed_po.write_text("".join(lines))
    apply_fails(reviewed_po, tmp_path,
                f"{reviewed_po}:{n + 1}: is not a valid PO file (unterminated string or unescaped "
                "double quote); fix this line "
                "or export the file again from Poedit")


def test_apply_unescaped_quote(reviewed_po, tmp_path):
    text = reviewed_po.read_text().replace('msgstr "Reprise des pourparlers"',
                                           'msgstr "Reprise des "pourparlers""')
    reviewed_po.write_text(text)
    line = text.splitlines().index('msgstr "Reprise des "pourparlers""') + 1
    apply_fails(reviewed_po, tmp_path,
                f"{reviewed_po}:{line}: is not a valid PO file (unterminated string or unescaped "
                "double quote); fix this line or export the file again from Poedit")


def test_apply_wrong_language_header(reviewed_po, tmp_path):
    text = reviewed_po.read_text().replace('"Language: fr\\n"', '"Language: ar\\n"')
    reviewed_po.write_text(text)
    line = text.splitlines().index('"Language: ar\\n"') + 1
    apply_fails(reviewed_po, tmp_path,
                f"{reviewed_po}:{line}: Language header is 'ar' but the file is fr.po; set "
                "\"Language: fr\" or rename the file")


def test_poedit_region_code_is_accepted(reviewed_po, tmp_path):
    reviewed_po.write_text(reviewed_po.read_text().replace('"Language: fr\\n"',
                                                           '"Language: fr_FR\\n"'))
    result = runner.invoke(app, ["po", "apply", str(reviewed_po), "--memory",
                                 str(tmp_path / "mem")])
    assert result.exit_code == 0, result.output
    assert "<h1>Reprise des pourparlers</h1>" in (reviewed_po.parent / "fr.html").read_text()


def test_apply_unknown_language(reviewed_po, tmp_path):
    text = reviewed_po.read_text().replace('"Language: fr\\n"', '"Language: Français\\n"')
    reviewed_po.write_text(text)
    line = text.splitlines().index('"Language: Français\\n"') + 1
    apply_fails(reviewed_po, tmp_path,
                f"{reviewed_po}:{line}: Language header is 'français', not a language code CLDR "
                "knows; set the target language's ISO 639 code, e.g. 'Language: fr'")


def test_apply_another_known_language_in_a_fr_file(reviewed_po, tmp_path):
    text = reviewed_po.read_text().replace('"Language: fr\\n"', '"Language: de\\n"')
    reviewed_po.write_text(text)
    line = text.splitlines().index('"Language: de\\n"') + 1
    apply_fails(reviewed_po, tmp_path,
                f"{reviewed_po}:{line}: Language header is 'de' but the file is fr.po; set "
                "\"Language: fr\" or rename the file")


def test_apply_po_of_another_article(reviewed_po, tmp_path):
    other = tmp_path / "out" / "homs-aid-convoy"
    other.mkdir()
    (other / "fr.html").write_text("<p>other</p>")
    copied = other / "fr.po"
    copied.write_text(reviewed_po.read_text())
    line = copied.read_text().splitlines().index(f'"X-Locpipe-Article: {SLUG}\\n"') + 1
    apply_fails(copied, tmp_path,
                f"{copied}:{line}: is the PO file of article '{SLUG}' but sits in "
                f"homs-aid-convoy/; put it back in OUT/{SLUG}/fr.po")


def test_apply_missing_source(reviewed_po, article, tmp_path):
    article.rename(tmp_path / "moved.md")
    line = reviewed_po.read_text().splitlines().index(f'"X-Locpipe-Source: ../../{SLUG}.md\\n"')
    apply_fails(reviewed_po, tmp_path,
                f"{reviewed_po}:{line + 1}: source article '../../{SLUG}.md' (X-Locpipe-Source) "
                "not found; put the article back there or fix the header")


def test_apply_renamed_file(reviewed_po, tmp_path):
    renamed = reviewed_po.with_name("idlib-review.po")
    shutil.copy(reviewed_po, renamed)
    apply_fails(renamed, tmp_path, f"{renamed}: apply reads the article's fr.po; save this file "
                "as fr.po in the article's output folder and apply that")


def test_apply_several_files_at_once(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    fr_po, ar_po = out / SLUG / "fr.po", out / SLUG / "ar.po"
    review(fr_po, {HEADLINE: "Reprise des pourparlers"})
    review(ar_po, {HEADLINE: "استئناف المحادثات"})
    result = runner.invoke(app, ["po", "apply", str(fr_po), str(ar_po), str(fr_po),
                                 "--memory", str(tmp_path / "mem")])
    assert result.exit_code == 0, result.output
    assert "<h1>Reprise des pourparlers</h1>" in (out / SLUG / "fr.html").read_text()
    assert "استئناف المحادثات</h1>" in (out / SLUG / "ar.html").read_text()
    assert sorted(re.sub(r"-[0-9a-f]{10}\.", ".", p.name)
                  for p in (tmp_path / "mem").glob("*.po")) == [f"{SLUG}.ar.po", f"{SLUG}.fr.po"]


def test_apply_missing_file(tmp_path):
    result = runner.invoke(app, ["po", "apply", str(tmp_path / "nope.po")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path / 'nope.po'}: file not found; check the path "
                             "and the file name\n")


def test_po_commands_have_help():
    for args in (["po", "apply", "--help"], ["po", "xliff", "--help"], ["memory", "stats",
                 "--help"], ["po", "--help"], ["memory", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_apply_re_renders_with_the_options_translate_used(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out, "--to", "ar", "--digits", "arab")
    ar_po = out / SLUG / "ar.po"
    assert "٥٠٬٠٠٠" in (out / SLUG / "ar.html").read_text()
    review(ar_po, {HEADLINE: "استئناف المحادثات"})
    result = runner.invoke(app, ["po", "apply", str(ar_po), "--memory", str(tmp_path / "mem")])
    assert result.exit_code == 0, result.output
    html = (out / SLUG / "ar.html").read_text()
    assert "استئناف المحادثات</h1>" in html
    assert "٥٠٬٠٠٠" in html  # --digits arab was recorded in the PO header and used again


def test_apply_a_spanish_po_file(tmp_path):
    article = tmp_path / "deir-wells.md"
    article.write_text(WELLS, encoding="utf-8")
    out = tmp_path / "out"
    run_pseudo(article, out, ["es", "he"])
    es_po = out / "deir-wells" / "es.po"
    review(es_po, {"deir-wells:1.1": "Los pozos se secan en Deir ez-Zor al bajar el Éufrates",
                   "deir-wells:4.1": "Los agricultores venden sus rebaños"})
    result = runner.invoke(app, ["po", "apply", str(es_po), "--memory", str(tmp_path / "mem")])
    assert result.exit_code == 0, result.output
    assert f"{es_po}: 2 reviewed translation(s) applied" in result.stdout
    page = (out / "deir-wells" / "es.html").read_text()
    assert '<html lang="es" dir="ltr">' in page
    assert "<h1>Los pozos se secan en Deir ez-Zor al bajar el Éufrates</h1>" in page
    assert "<h2>Los agricultores venden sus rebaños</h2>" in page
    # every language of the run re-rendered, in the run's order
    assert f"wrote {out / 'deir-wells' / 'he.html'}" in result.stdout
    index = (out / "deir-wells" / "index.html").read_text()
    assert index.index('hreflang="es"') < index.index('hreflang="he"')
    recorded = polib.pofile(str(next((tmp_path / "mem").glob("deir-wells-*.es.po"))))
    assert recorded.metadata["Language"] == "es" and len(recorded) == 2


def test_qa_takes_any_language_cldr_knows(tmp_path):
    po = write_po(tmp_path / "x" / "ru.po", "ru", [
        ("x:1.1", "Aid convoys reached Raqqa on Sunday.", "Конвои с помощью прибыли в Ракку.")])
    result = runner.invoke(app, ["qa", str(po)])
    assert result.exit_code == 0, result.output
    bad = write_po(tmp_path / "y" / "fr.po", "Klingon", [("y:1.1", "Talks stalled.", "Non.")])
    result = runner.invoke(app, ["qa", str(bad)])
    assert result.exit_code == 2
    line = bad.read_text().splitlines().index('"Language: Klingon\\n"') + 1
    assert result.stderr == (f"Error: {bad}:{line}: Language header is 'klingon', not a language "
                             "code CLDR knows; set the target language's ISO 639 code, e.g. "
                             "'Language: fr'\n")


# --- po apply checks what the editor wrote (issue 23) -----------------------------------------

CONVOY = ("Aid reaches Deir ez-Zor\n\n"
          "About 40,000 people received food parcels on Sunday, the agency said.\n\n"
          "The convoy of 30 trucks left Damascus at dawn.\n")


def _reviewed_po(tmp_path: Path, msgstr: str) -> Path:
    article = tmp_path / "convoy.txt"
    article.write_text(CONVOY, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--to", "fr",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    po_path = tmp_path / "out" / "convoy" / "fr.po"
    catalog = polib.pofile(str(po_path))
    (entry,) = [e for e in catalog if "40,000" in e.msgid]
    entry.msgstr = msgstr
    entry.flags.remove("fuzzy")
    catalog.save(str(po_path))
    return po_path


def test_po_apply_prints_the_qa_of_the_reviewed_entries(tmp_path):
    po_path = _reviewed_po(tmp_path, "Environ 45 000 personnes ont reçu des colis alimentaires "
                                     "dimanche, a indiqué l'agence.")
    result = runner.invoke(app, ["po", "apply", str(po_path)])
    assert result.exit_code == 0, result.output  # --fail-on never: applied, findings shown
    line = next(e.linenum for e in polib.pofile(str(po_path)) if "40,000" in e.msgid)
    assert result.stdout.endswith(
        "QA of the reviewed entries:\n"
        f"{po_path}:{line}: convoy:2.1 [fr] error numbers: '40,000' is missing from the "
        "translation or changed\n"
        f"{po_path}:{line}: convoy:2.1 [fr] error numbers: '45 000' in the translation is not "
        "in the source\n"
        "1 file(s), 1 segment(s) — error: 2\n")
    result = runner.invoke(app, ["po", "apply", str(po_path), "--fail-on", "error"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: --fail-on error: QA found 2 errors in the reviewed "
                             "entries; they were applied, fix them in the PO file and apply it "
                             "again\n")


def test_po_apply_of_a_clean_review_passes_the_gate(tmp_path):
    po_path = _reviewed_po(tmp_path, "Environ 40 000 personnes ont reçu des colis alimentaires "
                                     "dimanche, a indiqué l'agence.")
    result = runner.invoke(app, ["po", "apply", str(po_path), "--fail-on", "warning"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("QA of the reviewed entries:\n"
                                  "1 file(s), 1 segment(s) — no findings\n")


def test_po_apply_on_a_folder_or_an_article_asks_for_the_po_files(tmp_path):
    po_path = _reviewed_po(tmp_path, "Environ 40 000 personnes.")
    folder = po_path.parent
    result = runner.invoke(app, ["po", "apply", str(folder)])
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {folder}: is a folder; po apply takes the reviewed PO files themselves, "
           f"e.g. locpipe po apply {po_path}\n")
    result = runner.invoke(app, ["po", "apply", str(tmp_path / "convoy.txt")])
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {tmp_path / 'convoy.txt'}: is not a PO file; po apply takes the reviewed "
           "PO files (OUT/<article>/<lang>.po) that translate wrote\n")


def test_po_apply_of_a_file_that_names_no_engine_uses_the_default_one(tmp_path, monkeypatch):
    """A PO file whose header lost its engine line (edited by hand) is applied with the
    default engine; here none is installed, so one line says which model is missing."""
    from locpipe.formats.po import ENGINE_HEADER

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    fr_po = make_reviewed_po(write_article(tmp_path), tmp_path)
    catalog = polib.pofile(str(fr_po))
    del catalog.metadata[ENGINE_HEADER]
    catalog.save()
    result = runner.invoke(app, ["po", "apply", str(fr_po), "--memory",
                                 str(tmp_path / "memory")])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "fr" in lines[0]
