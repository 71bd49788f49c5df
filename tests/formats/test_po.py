"""PO export, `po apply`, and the merge that never loses an editor's work."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.document import Segment, Unit
from locpipe.formats import po
from locpipe.formats.readers import read_document
from locpipe.stages.segment import segment_document

runner = CliRunner()

ARTICLE = """\
# Talks on Idlib water supply resume in Geneva

Negotiators from the UN and the EU met on Tuesday to discuss repairs to a *pumping station* \
that serves about 50,000 people.

“We need 13 to 15 hours of power a day to run the pumps,” said engineer Samir Khoury, \
quoted by [AFP](https://afp.example/idlib).

## Fuel shortages worsen

The price of diesel has tripled since 2023, according to local officials. \
HTS fighters control the main road.
"""

SLUG = "idlib-talks"
HEADLINE = f"{SLUG}:1.1"
QUOTE = f"{SLUG}:3.1"
NEGOTIATORS = f"{SLUG}:2.1"
HTS = f"{SLUG}:5.2"


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / f"{SLUG}.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def translate(article: Path, out: Path, *extra: str):
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--out",
                                 str(out), "--memory", str(out.parent / "memory"), *extra])
    assert result.exit_code == 0, result.output
    return result


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in polib.pofile(str(path)) if not e.obsolete}


def review(path: Path, edits: dict[str, str]) -> None:
    """What an editor does in Poedit: type a translation and clear 'Needs work'."""
    catalog = polib.pofile(str(path))
    for e in catalog:
        if e.msgctxt in edits and not e.obsolete:
            e.msgstr = edits[e.msgctxt]
            e.flags = [f for f in e.flags if f != "fuzzy"]
    catalog.save()


def line_of(path: Path, ctxt: str) -> int:
    """The line polib reports for an entry (its first line), as the error messages do."""
    return next(e.linenum for e in polib.pofile(str(path)) if e.msgctxt == ctxt)


def kept(path: Path) -> int:
    return po.kept_count(polib.pofile(str(path)))


def quote_fr(path: Path) -> str:
    """A French translation of the quote keeping its link tag, built from the PO's msgid."""
    msgid = entries(path)[QUOTE].msgid
    assert "<1>" in msgid and "</1>" in msgid
    return "« Il nous faut 13 à 15 heures de courant par jour », a dit Samir Khoury à <1>l’AFP</1>."


# --- export ---------------------------------------------------------------------------------


def test_translate_writes_po_per_language_with_header(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    fr = polib.pofile(str(out / SLUG / "fr.po"))
    ar = polib.pofile(str(out / SLUG / "ar.po"))
    assert fr.metadata["Language"] == "fr"
    assert fr.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert ar.metadata["Plural-Forms"] == (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
        ": n%100>=11 ? 4 : 5);")
    assert fr.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert fr.metadata["Project-Id-Version"] == SLUG
    assert fr.metadata["X-Generator"].startswith("locpipe ")
    assert fr.metadata["X-Locpipe-Signature"].startswith(
        "engine:pseudo|model:pseudo-en-fr|lang:fr|")
    assert fr.metadata["X-Locpipe-Article"] == SLUG
    assert (out / SLUG / fr.metadata["X-Locpipe-Source"]).resolve() == article.resolve()


def test_one_fuzzy_entry_per_segment_with_reference(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    doc = segment_document(read_document(article))
    fr = [e for e in polib.pofile(str(out / SLUG / "fr.po"))]
    assert [e.msgctxt for e in fr] == [s.id for s in doc.segments]
    assert [e.msgid for e in fr] == [s.text for s in doc.segments]
    assert all(e.fuzzy and e.msgstr for e in fr)
    quote = next(e for e in fr if e.msgctxt == QUOTE)
    assert quote.occurrences == [(f"../../{SLUG}.md", "5")]
    assert "<1>" in quote.msgstr and "</1>" in quote.msgstr  # pseudo keeps tags


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext not installed")
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_po_passes_msgfmt_check(article, tmp_path, lang):
    out = tmp_path / "out"
    translate(article, out)
    review(out / SLUG / "fr.po", {HEADLINE: "Reprise des pourparlers sur l’eau d’Idlib"})
    article.write_text(ARTICLE.replace("HTS fighters", "Armed HTS fighters"), encoding="utf-8")
    translate(article, out)  # merged file: previous msgid, kept translation
    proc = subprocess.run(["msgfmt", "--check", "--check-header", "-o", "/dev/null",
                           str(out / SLUG / f"{lang}.po")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_notes_and_findings_become_extracted_comments(tmp_path, article):
    doc = segment_document(read_document(article))
    seg = doc.segments[-1]
    unit = Unit(seg, "fr", target="Les combattants de HTS contrôlent la route principale.")
    unit.notes.append("glossary: HTS → HTS (Hayat Tahrir al-Cham)")
    unit.flag("numbers", "warning", "number 2023 missing\nin target")
    text = po.render_po(doc, "fr", [unit], "sig", "pseudo", tmp_path / SLUG / "fr.po")
    entry = polib.pofile(text)[0]
    assert entry.comment == ("glossary: HTS → HTS (Hayat Tahrir al-Cham)\n"
                             "qa warning numbers: number 2023 missing in target")
    assert entry.fuzzy


def test_tag_problem_messages():
    seg = Segment(id="a:1.1", block=1, index=1, kind="paragraph",
                  text="Quoted by <1>AFP</1> on <2/>Monday.")
    assert po.tag_problem(seg.id, seg.text, "Cité par <1>l’AFP</1> <2/>lundi.") is None
    assert po.tag_problem(seg.id, seg.text, "Cité par l’AFP <2/>lundi.") == (
        "msgstr of a:1.1 lacks <1> </1> from msgid; put every numbered tag back "
        "(entry not applied)")
    assert po.tag_problem(seg.id, seg.text, "Cité par <1>l’AFP</1> <2/><3/>lundi <n1/>.") == (
        "msgstr of a:1.1 has <3/> <n1/>, which msgid does not; remove it (entry not applied)")
    assert po.tag_problem(seg.id, seg.text, "Cité par </1>l’AFP<1> <2/>lundi.") == (
        "msgstr of a:1.1 closes </1> before opening it or across another tag; nest the tags "
        "as in msgid (entry not applied)")


# --- apply ----------------------------------------------------------------------------------


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


def test_translate_reuses_reviewed_po(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    review(out / SLUG / "fr.po", {HEADLINE: "Reprise des pourparlers sur l’eau d’Idlib"})
    translate(article, out)
    assert "<h1>Reprise des pourparlers sur l’eau d’Idlib</h1>" in (out / SLUG / "fr.html"
                                                                      ).read_text()
    assert not entries(out / SLUG / "fr.po")[HEADLINE].fuzzy


def test_translate_flags_reviewed_entry_with_broken_tags(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    fr_po = out / SLUG / "fr.po"
    review(fr_po, {QUOTE: "« Il nous faut du courant », a dit Samir Khoury à l’AFP."})
    line = line_of(fr_po, QUOTE)
    translate(article, out)
    entry = entries(fr_po)[QUOTE]
    assert entry.msgstr == "« Il nous faut du courant », a dit Samir Khoury à l’AFP."
    assert not entry.fuzzy
    assert entry.comment.splitlines()[-1] == (
        f"qa error po: {fr_po}:{line}: msgstr of {QUOTE} lacks <1> </1> from msgid; put every "
        "numbered tag back (entry not applied)")


# --- never lose reviewed work ---------------------------------------------------------------


def test_edit_rerun_edit_source_rerun_never_loses_translations(article, tmp_path):
    out = tmp_path / "out"
    fr_po = out / SLUG / "fr.po"
    translate(article, out)
    assert kept(fr_po) == 0
    review(fr_po, {HEADLINE: "Reprise des pourparlers sur l’eau d’Idlib",
                   NEGOTIATORS: "Des négociateurs de l’ONU et de l’UE se sont réunis mardi.",
                   QUOTE: quote_fr(fr_po),
                   HTS: "Les combattants de HTS contrôlent la route principale."})
    assert kept(fr_po) == 4
    translate(article, out)
    assert kept(fr_po) == 4
    # The wire desk rewrites the article: a new first paragraph (every id shifts), one sentence
    # changed, one removed.
    edited = (ARTICLE
              .replace("# Talks on Idlib water supply resume in Geneva\n",
                       "# Talks on Idlib water supply resume in Geneva\n\n"
                       "A second round is planned for December, the UN said.\n")
              .replace("HTS fighters control the main road.",
                       "HTS fighters still control the main road into the city.")
              .replace("“We need 13 to 15 hours of power a day to run the pumps,” said engineer "
                       "Samir Khoury, quoted by [AFP](https://afp.example/idlib).\n", ""))
    article.write_text(edited, encoding="utf-8")
    translate(article, out)
    assert kept(fr_po) == 4
    catalog = polib.pofile(str(fr_po))
    active = {e.msgctxt: e for e in catalog if not e.obsolete}
    # unchanged segment: reviewed translation kept
    assert active[HEADLINE].msgstr == "Reprise des pourparlers sur l’eau d’Idlib"
    assert not active[HEADLINE].fuzzy
    # unchanged segment whose id shifted from 2.1 to 3.1: matched by msgid
    assert active[f"{SLUG}:3.1"].msgstr.startswith("Des négociateurs")
    assert not active[f"{SLUG}:3.1"].fuzzy
    # changed segment (at 5.2 again: one paragraph inserted above, one removed): fresh
    # machine output, fuzzy, previous msgid, and the editor's translation in a translator comment
    changed = active[f"{SLUG}:5.2"]
    assert changed.msgid == "HTS fighters still control the main road into the city."
    assert changed.fuzzy
    assert changed.previous_msgid == "HTS fighters control the main road."
    assert changed.previous_msgctxt is None
    assert changed.tcomment == ("previous reviewed translation: Les combattants de HTS "
                                "contrôlent la route principale.")
    # a further run on the same text keeps all of that for the editor
    translate(article, out)
    again = entries(fr_po)[f"{SLUG}:5.2"]
    assert (again.previous_msgid, again.tcomment) == (changed.previous_msgid, changed.tcomment)
    assert kept(fr_po) == 4
    catalog = polib.pofile(str(fr_po))
    # removed segment: obsolete, not deleted
    obsolete = [e for e in catalog if e.obsolete]
    assert [e.msgctxt for e in obsolete] == [QUOTE]
    assert "#~ msgctxt" in fr_po.read_text()
    # and the source coming back revives it
    article.write_text(ARTICLE, encoding="utf-8")
    translate(article, out)
    assert not entries(fr_po)[QUOTE].fuzzy
    assert kept(fr_po) >= 4


def test_fuzzy_machine_entries_are_refreshed_and_dropped_when_removed(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    article.write_text(ARTICLE.replace("HTS fighters control the main road.", ""),
                       encoding="utf-8")
    translate(article, out)
    catalog = polib.pofile(str(out / SLUG / "fr.po"))
    assert HTS not in {e.msgctxt for e in catalog}  # unreviewed machine output is not kept
    assert not [e for e in catalog if e.obsolete]


def test_merge_guard_refuses_to_lose_translations(article, tmp_path, monkeypatch):
    out = tmp_path / "out"
    translate(article, out)
    fr_po = out / SLUG / "fr.po"
    review(fr_po, {HEADLINE: "Reprise des pourparlers"})
    before = fr_po.read_text()
    monkeypatch.setattr(po, "match_entries", lambda segments, catalog: {})  # a merge bug
    monkeypatch.setattr(po, "PREVIOUS_LABEL", "x")
    monkeypatch.setattr(po, "reviewed", lambda e: bool(e.msgstr) and not e.obsolete
                        and "fuzzy" not in e.flags)
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--out",
                                 str(out), "--to", "fr", "--memory", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {fr_po}: would hold fewer reviewed translations (0) than "
                             "it has (1); the article was left as it was — please report this "
                             "bug\n")
    assert fr_po.read_text() == before


# --- bad input ------------------------------------------------------------------------------


@pytest.fixture
def reviewed_po(article, tmp_path) -> Path:
    out = tmp_path / "out"
    translate(article, out)
    fr_po = out / SLUG / "fr.po"
    review(fr_po, {HEADLINE: "Reprise des pourparlers"})
    return fr_po


def apply_fails(fr_po: Path, tmp_path: Path, message: str) -> None:
    html = fr_po.parent / "fr.html"
    before = (fr_po.read_text(), html.read_text())
    result = runner.invoke(app, ["po", "apply", str(fr_po), "--memory", str(tmp_path / "mem")])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message}\n"
    assert (fr_po.read_text(), html.read_text()) == before
    assert not (tmp_path / "mem").exists()


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
    text = reviewed_po.read_text().replace('"Language: fr\\n"', '"Language: de\\n"')
    reviewed_po.write_text(text)
    line = text.splitlines().index('"Language: de\\n"') + 1
    apply_fails(reviewed_po, tmp_path,
                f"{reviewed_po}:{line}: Language header is 'de'; expected one of fr, ar")


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


def test_translate_finds_po_of_another_article(article, reviewed_po, tmp_path):
    # The editor saved the idlib review over another article's PO file.
    other = tmp_path / "homs.md"
    other.write_text("# Aid reaches Homs\n\nA convoy of 42 trucks reached Homs on Monday.\n")
    target = tmp_path / "out" / "homs" / "fr.po"
    target.parent.mkdir()
    shutil.copy(reviewed_po, target)
    line = target.read_text().splitlines().index(f'"X-Locpipe-Article: {SLUG}\\n"') + 1
    result = runner.invoke(app, ["translate", str(other), "--engine", "pseudo", "--out",
                                 str(tmp_path / "out"), "--to", "fr", "--memory",
                                 str(tmp_path / "memory")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {target}:{line}: is the PO file of article '{SLUG}', not "
                             f"'homs'; move it to {tmp_path / 'out' / SLUG}/ or delete it\n")
    assert not (target.parent / "fr.html").exists()


def test_translate_refuses_broken_po_and_writes_nothing(article, reviewed_po, tmp_path):
    html = reviewed_po.parent / "fr.html"
    html_before = html.read_text()
    reviewed_po.write_text(reviewed_po.read_text() + '\nmsgid "dangling\n')
    before = reviewed_po.read_text()
    line = len(before.splitlines())
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--out",
                                 str(tmp_path / "out"), "--memory", str(tmp_path / "memory")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {reviewed_po}:{line}: is not a valid PO file")
    assert reviewed_po.read_text() == before and html.read_text() == html_before


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
    assert sorted(p.name for p in (tmp_path / "mem").glob("*.po")) == [f"{SLUG}.ar.po",
                                                                       f"{SLUG}.fr.po"]


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


# --- matching (pure function) ---------------------------------------------------------------


def _seg(sid: str, text: str) -> Segment:
    block, index = sid.split(":")[1].split(".")
    return Segment(id=sid, block=int(block), index=int(index), kind="paragraph", text=text)


def _catalog(*entries: polib.POEntry) -> polib.POFile:
    catalog = polib.POFile()
    for e in entries:
        catalog.append(e)
    return catalog


def test_match_by_id_then_text_then_similarity():
    kept = polib.POEntry(msgctxt="a:2.1", msgid="The UN said on Monday.", msgstr="L’ONU a dit.")
    moved = polib.POEntry(msgctxt="a:3.1", msgid="AFP reported 50,000 people fled.", msgstr="x")
    edited = polib.POEntry(msgctxt="a:4.1", msgid="HTS fighters control the road.", msgstr="y")
    gone = polib.POEntry(msgctxt="a:5.1", msgid="Talks resume in Geneva.", msgstr="z")
    revived = polib.POEntry(msgctxt="a:9.1", msgid="The EU envoy left.", msgstr="w",
                            obsolete=True)
    segments = [_seg("a:2.1", "The UN said on Monday."),
                _seg("a:3.1", "A new paragraph nobody has seen."),
                _seg("a:4.1", "AFP reported 50,000 people fled."),
                _seg("a:5.1", "HTS fighters still control the road."),
                _seg("a:6.1", "The EU envoy left.")]
    m = po.match_entries(segments, _catalog(kept, moved, edited, gone, revived))
    assert (m["a:2.1"].entry, m["a:2.1"].same) == (kept, True)
    assert (m["a:4.1"].entry, m["a:4.1"].same) == (moved, True)
    assert (m["a:5.1"].entry, m["a:5.1"].same) == (edited, False)
    assert (m["a:6.1"].entry, m["a:6.1"].same) == (revived, True)
    # the unrelated new paragraph at 3.1 is not paired with the removed Geneva sentence
    # (too different, different id), so that one becomes obsolete
    assert "a:3.1" not in m


def test_normalised_quotes_and_spacing_still_match():
    e = polib.POEntry(msgctxt="a:1.1", msgid="“We need power,” he said.", msgstr="« Il faut »")
    m = po.match_entries([_seg("a:1.1", '"We need  power," he said.')], _catalog(e))
    assert m["a:1.1"].same


def test_run_options_round_trip_through_the_header():
    from dataclasses import dataclass, field

    @dataclass
    class FakeSettings:
        targets: list = field(default_factory=lambda: ["fr"])
        out_dir: Path = Path("output")
        digits: str = "latn"
        locales: dict = field(default_factory=lambda: {"ar": "ar_SY"})
        force: bool = False

    recorded = FakeSettings(digits="arab", locales={"ar": "ar_EG"}, force=True)
    header = po.run_options(recorded)
    assert header == '{"digits": "arab", "force": true, "locales": {"ar": "ar_EG"}}'
    restored = FakeSettings()
    po.restore_options(restored, header + "")
    assert (restored.digits, restored.locales, restored.force) == ("arab", {"ar": "ar_EG"}, True)
    po.restore_options(restored, '{"digits": 3, "out_dir": "x", "unknown": 1}')
    assert (restored.digits, restored.out_dir) == ("arab", Path("output"))


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
