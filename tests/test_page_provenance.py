"""Pages that say what they are (issue 13 §6): unreviewed machine translation from a real
engine carries a visible notice with the QA error count and `robots: noindex`, both gone once an
editor has reviewed every sentence of that language; the footer says who wrote the text; and
`translate --fail-on` turns QA findings into an exit code for desks that gate publishing."""

import re
from pathlib import Path

import html5lib
import polib
import pytest
from typer.testing import CliRunner

import locpipe.engines
from locpipe.cli import app
from locpipe.engines.pseudo import PseudoEngine

runner = CliRunner()

# A fresh wire story: headline, subheading, a sentence the fake engine empties (an
# error-severity QA finding) and one it gives a doubled full stop (a warning).
ARTICLE = """\
Flour reaches Deir ez-Zor bakeries after two-week gap

Trucks from the coastal mills crossed the Euphrates bridge on Monday morning, officials said.
Bakeries in the eastern districts had been closed since March 3.

Prices
A bundle of bread now sells for 4,500 pounds, up from 3,000 pounds in January.
Residents queued for up to six hours at the largest bakery.
"""
SLUG = "flour-deir-ez-zor"
EMPTIED = "queued"  # the fake engine returns nothing for the sentence holding this word
DOUBLED = "bundle"  # … and a doubled full stop for this one


class FakeMT:
    """FAKE real (non-pseudo) engine: pseudo-accented text, plus one empty output and one
    doubled full stop, like the failures QA catches in real NMT output."""

    name = "fake-mt"
    pseudo = False

    def __init__(self, source, target, options=None):
        self.source, self.target = source, target
        self.model_id = f"fake-mt-{source}-{target}-2.3"
        self.inner = PseudoEngine(source, target, options)

    def translate(self, texts):
        out = self.inner.translate(texts)
        return ["" if EMPTIED in t else (o.rstrip(".") + ".." if DOUBLED in t else o)
                for t, o in zip(texts, out, strict=True)]


class CleanMT(FakeMT):
    """FAKE real engine whose output QA finds nothing in."""

    name = "clean-mt"

    def translate(self, texts):
        return self.inner.translate(texts)


@pytest.fixture(autouse=True)
def _engines(monkeypatch, tmp_path):
    monkeypatch.setitem(locpipe.engines.ENGINES, "fake-mt", "tests.test_page_provenance:FakeMT")
    monkeypatch.setitem(locpipe.engines.ENGINES, "clean-mt",
                        "tests.test_page_provenance:CleanMT")
    monkeypatch.chdir(tmp_path)  # no ./glossary, no ./locpipe.toml


def _article(tmp_path: Path, text: str = ARTICLE, name: str = f"{SLUG}.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _translate(tmp_path: Path, *extra: str, engine: str = "fake-mt", article: Path | None = None):
    return runner.invoke(app, ["translate", str(article or _article(tmp_path)), "--engine",
                               engine, "--to", "fr,ar", "--out", str(tmp_path / "out"),
                               "--memory", str(tmp_path / "memory"), *extra])


def _parse(path: Path):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(path.read_text(encoding="utf-8"))


def _text(el) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def _notice(doc) -> str | None:
    el = doc.find(".//div[@class='machine-notice']")
    return None if el is None else _text(el)


def _robots(doc) -> list[str]:
    return [m.get("content") for m in doc.iter("meta") if m.get("name") == "robots"]


def _footer(doc) -> str:
    return _text(doc.find(".//footer"))


def _review_all(po_file: Path) -> int:
    """What an editor does in Poedit for every entry: accept it (clear 'Needs work'),
    writing a translation where the engine gave none."""
    catalog = polib.pofile(str(po_file))
    for e in catalog:
        if not e.obsolete:
            e.msgstr = e.msgstr or f"[revu] {e.msgid}"
            e.flags = [f for f in e.flags if f != "fuzzy"]
    catalog.save()
    return len([e for e in catalog if not e.obsolete])


def test_unreviewed_machine_page_says_so_and_asks_not_to_be_indexed(tmp_path):
    result = _translate(tmp_path)
    assert result.exit_code == 0, result.output
    fr = _parse(tmp_path / "out" / SLUG / "fr.html")
    assert _notice(fr) == (
        "Machine translation — not reviewed. 6 of 6 sentences on this French (Français) page "
        "are machine output no editor has reviewed; QA found 1 error and 1 warning (see the "
        "review report). Do not publish it before review.")
    assert fr.find(".//div[@class='machine-notice']//a").get("href") == "report.html"
    assert _robots(fr) == ["noindex"]
    assert _footer(fr) == ("Translated by machine (Fake-mt en→fr 2.3), reviewed 0/6 sentences "
                           "· locpipe 0.1.0")
    # the full signature stays, for machines
    metas = {m.get("name"): m.get("content") for m in fr.iter("meta") if m.get("name")}
    assert metas["locpipe-signature"].startswith("engine:fake-mt|model:fake-mt-en-fr-2.3|lang:fr|")
    assert metas["generator"] == "locpipe 0.1.0"
    ar = _parse(tmp_path / "out" / SLUG / "ar.html")
    assert _notice(ar).startswith("Machine translation — not reviewed. 6 of 6 sentences on this "
                                  "Arabic (العربية) page are machine output")
    notice = ar.find(".//div[@class='machine-notice']")
    assert (notice.get("lang"), notice.get("dir"), notice.get("role")) == ("en", "ltr", "note")
    assert _robots(_parse(tmp_path / "out" / SLUG / "index.html")) == ["noindex"]


def test_reviewing_every_sentence_removes_notice_and_noindex(tmp_path):
    assert _translate(tmp_path).exit_code == 0
    out = tmp_path / "out" / SLUG
    assert _review_all(out / "fr.po") == 6
    result = runner.invoke(app, ["po", "apply", str(out / "fr.po"), "--memory",
                                 str(tmp_path / "memory")])
    assert result.exit_code == 0, result.output
    fr = _parse(out / "fr.html")
    assert _notice(fr) is None
    assert _robots(fr) == []
    assert "Machine translation" not in _text(fr)
    assert _footer(fr) == ("Translated by machine (Fake-mt en→fr 2.3), reviewed 6/6 sentences "
                           "· locpipe 0.1.0")
    # Arabic was not reviewed: its page keeps both, and so does the index linking to it
    ar = _parse(out / "ar.html")
    assert _notice(ar).startswith("Machine translation — not reviewed. 6 of 6 sentences")
    assert _robots(ar) == ["noindex"]
    assert _robots(_parse(out / "index.html")) == ["noindex"]


def test_partly_reviewed_page_counts_what_is_left(tmp_path):
    assert _translate(tmp_path).exit_code == 0
    out = tmp_path / "out" / SLUG
    catalog = polib.pofile(str(out / "fr.po"))
    for e in catalog[:2]:  # the headline and the first sentence
        e.flags = []
    catalog.save()
    assert _translate(tmp_path).exit_code == 0
    fr = _parse(out / "fr.html")
    assert _notice(fr).startswith("Machine translation — not reviewed. 4 of 6 sentences on "
                                  "this French (Français) page are machine output")
    assert _footer(fr).startswith("Translated by machine (Fake-mt en→fr 2.3), reviewed 2/6 ")


def test_sentences_from_the_reviewed_memory_count_as_reviewed(tmp_path):
    """A second article made only of sentences an editor reviewed for the first one: every
    sentence comes from the memory, so its French page is ready."""
    assert _translate(tmp_path).exit_code == 0
    out = tmp_path / "out" / SLUG
    _review_all(out / "fr.po")
    assert runner.invoke(app, ["po", "apply", str(out / "fr.po"), "--memory",
                               str(tmp_path / "memory")]).exit_code == 0
    second = _article(tmp_path, "Prices\n\nA bundle of bread now sells for 4,500 pounds, up "
                      "from 3,000 pounds in January.\n", "bread-prices.txt")
    assert _translate(tmp_path, article=second).exit_code == 0
    fr = _parse(tmp_path / "out" / "bread-prices" / "fr.html")
    assert _notice(fr) is None and _robots(fr) == []
    assert "reviewed 2/2 sentences" in _footer(fr)


def test_a_clean_real_engine_page_still_carries_the_notice(tmp_path):
    """No QA finding does not mean reviewed."""
    assert _translate(tmp_path, engine="clean-mt").exit_code == 0
    fr = _parse(tmp_path / "out" / SLUG / "fr.html")
    assert "QA found no errors (see the review report)" in _notice(fr)
    assert _robots(fr) == ["noindex"]


def test_pseudo_pages_keep_their_banner_and_get_no_machine_notice(tmp_path):
    assert _translate(tmp_path, engine="pseudo").exit_code == 0
    fr = _parse(tmp_path / "out" / SLUG / "fr.html")
    assert _notice(fr) is None
    assert _text(fr.find(".//div[@class='banner']")).startswith("Pseudo-translation — "
                                                                "generated by the pseudo engine")
    assert _robots(fr) == ["noindex"]  # not for publication either
    assert _footer(fr) == ("Pseudo-translation (Pseudo en→fr), reviewed 0/6 sentences "
                           "· locpipe 0.1.0")


# --- --fail-on ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("fail_on", "code", "stderr"), [
    ("never", 0, ""),
    ("error", 1, "Error: --fail-on error: QA found 2 errors; the pages were written, see "
                 "report.html in each article's folder\n"),
    ("warning", 1, "Error: --fail-on warning: QA found 2 errors and 2 warnings; the pages were "
                   "written, see report.html in each article's folder\n"),
])
def test_fail_on_sets_the_exit_code_after_everything_is_written(tmp_path, fail_on, code, stderr):
    result = _translate(tmp_path, "--fail-on", fail_on)
    assert (result.exit_code, result.stderr) == (code, stderr), result.output
    out = tmp_path / "out" / SLUG
    assert sorted(p.name for p in out.iterdir()) == ["ar.fragment.html", "ar.html", "ar.po",
                                                     "fr.fragment.html", "fr.html", "fr.po",
                                                     "index.html", "manifest.json",
                                                     "report.html"]


def test_fail_on_default_is_never(tmp_path):
    result = _translate(tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")


def test_fail_on_warning_passes_clean_output(tmp_path):
    result = _translate(tmp_path, "--fail-on", "warning", engine="clean-mt")
    assert (result.exit_code, result.stderr) == (0, ""), result.output


def test_fail_on_unknown_value_is_one_line_and_writes_nothing(tmp_path):
    result = _translate(tmp_path, "--fail-on", "sometimes")
    assert result.exit_code == 2
    assert result.stderr == ("Error: unknown --fail-on 'sometimes'; available: error, warning, "
                             "never\n")
    assert not (tmp_path / "out").exists()


def test_fail_on_from_the_desk_config(tmp_path):
    (tmp_path / "locpipe.toml").write_text('[translate]\nfail_on = "error"\n', encoding="utf-8")
    result = _translate(tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --fail-on error: QA found 2 errors;")
    # the command line wins over the file
    assert _translate(tmp_path, "--fail-on", "never").exit_code == 0


def test_bad_input_still_exits_2_when_fail_on_would_give_1(tmp_path):
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["translate", str(_article(tmp_path)), str(missing), "--engine",
                                 "fake-mt", "--to", "fr", "--out", str(tmp_path / "out"),
                                 "--fail-on", "error"])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {missing}: file not found; check the path and the file "
                             "name\n")
    assert (tmp_path / "out" / SLUG / "fr.html").is_file()
