"""The PO file format: export, strict reading, matching, and the merge that never loses an
editor's work (`po apply` is tested in tests/test_review.py, the reuse stage in
tests/stages/test_reuse.py)."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from locpipe.cli import app
from locpipe.document import Segment, Unit
from locpipe.formats import po
from locpipe.formats.readers import read_document
from locpipe.stages.segment import segment_document
from tests.po_workflow import (
    ARTICLE,
    HEADLINE,
    HTS,
    NEGOTIATORS,
    QUOTE,
    SEVEN,
    SLUG,
    WELLS,
    entries,
    quote_fr,
    review,
    run_pseudo,
    runner,
    translate,
    write_article,
)


@pytest.fixture
def article(tmp_path) -> Path:
    return write_article(tmp_path)


def kept(path: Path) -> int:
    return po.kept_count(polib.pofile(str(path)))


def test_translate_writes_po_per_language_with_header(article, tmp_path):
    out = tmp_path / "out"
    translate(article, out)
    fr = polib.pofile(str(out / SLUG / "fr.po"))
    ar = polib.pofile(str(out / SLUG / "ar.po"))
    assert fr.metadata["Language"] == "fr"
    # CLDR's plural rules (French: one, many for exact millions, other)
    assert fr.metadata["Plural-Forms"] == (
        "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;")
    assert ar.metadata["Plural-Forms"] == (
        "nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && "
        "n % 100 <= 10 ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);")
    assert fr.metadata["X-Locpipe-Languages"] == "fr, ar"
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
    text = po.render_po(doc, "fr", [unit], "sig", "pseudo", tmp_path / SLUG / "fr.po",
                        earlier=None)
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
    # a merge bug: the reuse stage and the merge both lose track of the reviewed entry
    monkeypatch.setattr(po, "match_entries", lambda segments, catalog: {})
    monkeypatch.setattr(po, "PREVIOUS_LABEL", "x")
    monkeypatch.setattr(po, "reviewed", lambda e: bool(e.msgstr) and not e.obsolete
                        and "fuzzy" not in e.flags)
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--out",
                                 str(out), "--to", "fr", "--memory", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {fr_po}: would hold fewer reviewed translations (0) than "
                             "it has (1); the article was left as it was — please report this "
                             f"bug; {article} was not translated\n")
    assert fr_po.read_text() == before


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
    from locpipe.context import RunSignature, Settings

    recorded = Settings(targets=["ar"], out_dir=Path("elsewhere"), digits="arab",
                        locales={"ar": "ar_EG"}, force=True)
    header = RunSignature(recorded).options()
    assert '"digits": "arab"' in header and '"force": true' in header
    assert "out_dir" not in header and "targets" not in header
    restored = RunSignature.restore(Settings(targets=["ar"]), po.read_options(header + ""))
    assert (restored.digits, restored.locales, restored.force) == ("arab", {"ar": "ar_EG"}, True)
    again = RunSignature.restore(restored, po.read_options(
        '{"digits": 3, "out_dir": "x", "unknown": 1}'))
    assert (again.digits, again.out_dir) == ("arab", Path("output"))
    assert RunSignature.restore(again, po.read_options("not json")) is again


def test_options_a_previous_version_wrote_still_apply():
    """The X-Locpipe-Options header of a file written before RunSignature (percent-escaped,
    with an option this version no longer has) restores what it can."""
    from locpipe.context import RunSignature, Settings

    header = ('{"arabic_quotes": "%E2%80%9D%E2%80%9C", "date_order": "dmy", "digits": "arab", '
              '"force": false, "locales": {"ar": "ar_SY"}, "retired_option": "x", '
              '"source_lang": "en", "use_glossary": false}')
    st = RunSignature.restore(Settings(targets=["ar"]), po.read_options(header))
    assert (st.arabic_quotes, st.date_order, st.digits, st.use_glossary) == (
        "”“", "dmy", "arab", False)
    assert st.locales == {"ar": "ar_SY"}


# --- any target language --------------------------------------------------------------------

NPLURALS = {"fr": 3, "ar": 6, "es": 3, "de": 2, "pt": 3, "ru": 3, "he": 3}


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext not installed")
def test_po_files_of_a_seven_language_run_pass_msgfmt_check(tmp_path):
    article = tmp_path / "deir-wells.md"
    article.write_text(WELLS, encoding="utf-8")
    out = tmp_path / "out"
    run_pseudo(article, out, SEVEN)
    review(out / "deir-wells" / "ru.po", {"deir-wells:1.1": "Колодцы пересыхают в Дейр-эз-Зоре"})
    article.write_text(WELLS.replace("the UN said", "the UN said in Geneva"), encoding="utf-8")
    run_pseudo(article, out, SEVEN)  # merged files: kept translations, previous msgids
    for lang in SEVEN:
        path = out / "deir-wells" / f"{lang}.po"
        proc = subprocess.run(["msgfmt", "--check", "--check-header", "-o", "/dev/null",
                               str(path)], capture_output=True, text=True)
        assert (lang, proc.returncode, proc.stderr) == (lang, 0, "")
        catalog = polib.pofile(str(path))
        assert catalog.metadata["Language"] == lang
        assert catalog.metadata["Plural-Forms"].startswith(f"nplurals={NPLURALS[lang]}; ")
        assert catalog.metadata["X-Locpipe-Languages"] == ", ".join(SEVEN)
    ru = entries(out / "deir-wells" / "ru.po")["deir-wells:1.1"]
    assert (ru.msgstr, ru.fuzzy) == ("Колодцы пересыхают в Дейр-эз-Зоре", False)
    assert polib.pofile(str(out / "deir-wells" / "he.po")).header.startswith(
        "Hebrew translation of “Wells run dry in Deir ez-Zor as the Euphrates falls”.")


def test_plural_forms_an_editor_set_are_kept(tmp_path):
    article = tmp_path / "deir-wells.md"
    article.write_text(WELLS, encoding="utf-8")
    out = tmp_path / "out"
    run_pseudo(article, out, ["fr"])
    fr_po = out / "deir-wells" / "fr.po"
    catalog = polib.pofile(str(fr_po))
    catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"  # what Poedit proposes
    catalog.save()
    run_pseudo(article, out, ["fr"])
    assert polib.pofile(str(fr_po)).metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"


def test_article_languages_are_the_codes_of_its_files(tmp_path):
    for name in ("es.po", "es.html", "he.html", "es.fragment.html", "index.html", "report.html",
                 "notes.po", "xx.po", "FR.po"):
        (tmp_path / name).write_text("")
    assert po.article_languages(tmp_path) == ["es", "he"]
    assert po.article_languages(tmp_path / "missing") == []
