"""Issue 19 §3: exchange files that cannot attack their reader. Cells that a spreadsheet would
run as formulas are written as text and refused by lint unless written so; terms holding tabs,
line breaks, NULs, zero-width characters or bidi controls are refused; an invisible character
pasted inside a name in an article does not hide the term."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.formats.exchange import export_glossary, read_tbx
from locpipe.formats.glossary import FORMULA_START, as_text, from_text, load_glossary, parse_text

runner = CliRunner()
HEADER = "en,fr,ar,type,policy,note\n"


def _glossary(tmp_path: Path, rows: str) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir(exist_ok=True)
    (folder / "desk.csv").write_text(HEADER + rows, encoding="utf-8")
    return folder


def _lint(folder: Path):
    return runner.invoke(app, ["glossary", "lint", "--glossary", str(folder)])


def test_export_neutralises_formula_cells_and_keeps_legit_terms(tmp_path):
    folder = _glossary(tmp_path, "'=HYPERLINK(\"http://x.example\";\"y\"),'=1+1,,place,,\n"
                                 "'-ism,'-isme,,term,,\n'+963,'+963,,code,,\n"
                                 "'@AFP,'@AFP,,agency,,\nHoms,Homs,حمص,place,,\n")
    gloss = load_glossary([folder])
    assert [e.forms["en"][0] for e in gloss.entries] == [
        '=HYPERLINK("http://x.example";"y")', "-ism", "+963", "@AFP", "Homs"]
    tsv = export_glossary(gloss, "deepl-tsv", "en-fr")
    assert tsv == ("'=HYPERLINK(\"http://x.example\";\"y\")\t'=1+1\n'-ism\t'-isme\n"
                   "'+963\t'+963\n'@AFP\t'@AFP\nHoms\tHoms\n")
    csv_text = export_glossary(gloss, "google-csv", "en-fr")
    assert csv_text.splitlines()[0] == "\"'=HYPERLINK(\"\"http://x.example\"\";\"\"y\"\")\",'=1+1"
    for line in tsv.splitlines():
        for cell in line.split("\t"):
            assert cell[:1] not in FORMULA_START


def test_lint_refuses_a_formula_cell_unless_written_as_text(tmp_path):
    folder = _glossary(tmp_path, "Homs,Homs,حمص,place,,=HYPERLINK(\"http://x\")\n"
                                 "-ism,-isme,,term,,\n'+963,'+963,,code,,\n")
    result = _lint(folder)
    assert result.exit_code == 1
    csv = folder / "desk.csv"
    assert result.stdout.splitlines() == [
        f"{csv}:2: note cell '=HYPERLINK(\"http://x\")' would run as a formula in a "
        "spreadsheet; start it with an apostrophe to mark it as text: '=HYPERLINK(\"http://x\")",
        f"{csv}:3: en cell '-ism' would run as a formula in a spreadsheet; start it with an "
        "apostrophe to mark it as text: '-ism",
        f"{csv}:3: fr cell '-isme' would run as a formula in a spreadsheet; start it with an "
        "apostrophe to mark it as text: '-isme",
    ]


def test_lint_refuses_tabs_line_breaks_and_nul_in_terms(tmp_path):
    folder = _glossary(tmp_path, "Raqqa\tcity,Raqqa,الرقة,place,,\n"
                                 "\"Deir\nez-Zor\",Deir ez-Zor,دير الزور,place,,\n"
                                 "Idlib\x00,Idlib,إدلب,place,,\n")
    result = _lint(folder)
    assert result.exit_code == 1
    csv = folder / "desk.csv"
    assert result.stdout.splitlines() == [
        f"{csv}:2: en form 'Raqqa\\tcity' holds a tab; a term is one line of visible text: "
        "delete it",
        f"{csv}:3: en form 'Deir\\nez-Zor' holds a line break; a term is one line of visible "
        "text: delete it",
        f"{csv}:5: en cell 'Idlib\\x00' holds a NUL byte; delete it",
    ]


def test_lint_flags_zero_width_and_bidi_controls(tmp_path):
    folder = _glossary(tmp_path, "Ho\u200dms,Homs,حمص,place,,\n"
                                 "Hama,Ha\u202ema,حماة,place,,\n"
                                 "Aleppo,Alep,\u2066حلب\u2069,place,,\n")
    result = _lint(folder)
    assert result.exit_code == 1
    csv = folder / "desk.csv"
    assert result.stdout.splitlines() == [
        f"{csv}:2: en form 'Ho\\u200dms' holds an invisible U+200D ZERO WIDTH JOINER; delete "
        "it (it hides the term from the glossary check)",
        f"{csv}:3: fr form 'Ha\\u202ema' holds an invisible U+202E RIGHT-TO-LEFT OVERRIDE; "
        "delete it (it hides the term from the glossary check)",
        f"{csv}:4: ar form '\\u2066حلب\\u2069' holds an invisible U+2066 LEFT-TO-RIGHT ISOLATE; "
        "delete it (it hides the term from the glossary check)",
    ]


def test_persian_zwnj_between_letters_is_spelling(tmp_path):
    entries, problems = parse_text("en,fa\nFaculty of Law,دانشکده\u200cی حقوق\n",
                                   Path("fa.csv"))
    assert problems == [] and len(entries) == 1


def test_invisible_characters_in_an_article_do_not_hide_the_term(tmp_path):
    gloss = load_glossary([_glossary(tmp_path, "Homs,Homs,حمص,place,,\n")])
    for text in ("Aid reached Ho\u200dms on Monday.", "Aid reached Ho\u200bms on Monday.",
                 "Aid reached \u202eHoms\u202c on Monday.", "Aid reached Hom\u00ads on Monday."):
        found = gloss.find(text)
        assert [m.entry.canonical for m in found] == ["Homs"], text
        assert found[0].text.replace("\u202c", "") == text[found[0].start:found[0].end]


def test_tbx_import_writes_formula_terms_as_text(tmp_path):
    tbx = tmp_path / "evil.tbx"
    tbx.write_text(
        '<?xml version="1.0"?>\n<martif type="TBX-Basic"><text><body>'
        '<termEntry><langSet xml:lang="en"><tig><term>=cmd\' /C calc\'!A0</term></tig>'
        '</langSet><langSet xml:lang="fr"><tig><term>-20 °C</term></tig></langSet>'
        "</termEntry></body></text></martif>\n", encoding="utf-8")
    text = read_tbx(tbx)
    assert text.splitlines()[1].startswith("'=cmd")
    assert ",'-20 °C," in text
    entries, problems = parse_text(text, Path("evil.csv"))
    assert problems == []
    assert entries[0].forms == {"en": ["=cmd' /C calc'!A0"], "fr": ["-20 °C"]}


TEXT = st.text(alphabet=st.sampled_from(list("=+-@'\t\r ab|é")), max_size=8)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXT)
def test_as_text_round_trips_and_never_starts_a_formula(cell):
    shown = as_text(cell)
    assert from_text(shown) == cell
    assert shown[:1] == "" or shown[:1] not in FORMULA_START


NAMES = ["Raqqa", "Douma", "Qamishli", "Tartus"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.text(alphabet=st.sampled_from(list("=+-@'")), max_size=3), min_size=1,
                max_size=4))
def test_glossary_tbx_csv_round_trip_is_lossless_for_signed_terms(tmp_path_factory, signs):
    terms = [sign + name for sign, name in zip(signs, NAMES, strict=False)]
    folder = tmp_path_factory.mktemp("g")
    rows = "".join(f"{as_text(t)},{as_text(t + 'x')},,,,\n" for t in terms)
    (folder / "g.csv").write_text(HEADER + rows, encoding="utf-8")
    gloss = load_glossary([folder])
    assert [e.forms["en"] for e in gloss.entries] == [[t] for t in terms]
    tbx = folder / "g.tbx"
    tbx.write_text(export_glossary(gloss, "tbx", None), encoding="utf-8")
    entries, problems = parse_text(read_tbx(tbx), folder / "back.csv")
    assert problems == []
    assert [e.forms for e in entries] == [e.forms for e in gloss.entries]
