"""Names written wholly in capitals (wire datelines) match their glossary entry; forms that
are in capitals already (acronyms) match only as written."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.formats.glossary import load_glossary
from locpipe.rules.terms import Entry, Glossary, source_terms

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def g() -> Glossary:
    return load_glossary([ROOT / "glossary"])


def found(g: Glossary, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entry.canonical) for m in g.find(text)]


def test_datelines_in_capitals_match(g):
    assert found(g, "LATAKIA, Syria (AP) — Two ferries sank off the coast.") == [
        ("LATAKIA", "Latakia"), ("Syria", "Syria")]
    assert found(g, "DEIR EZ-ZOR (Reuters) - The bridge reopened.") == [
        ("DEIR EZ-ZOR", "Deir ez-Zor"), ("Reuters", "Reuters")]


def test_capitals_only_when_the_whole_name_is_in_capitals(g):
    assert found(g, "Deir EZ-ZOR and DEIR ez-Zor and latakia") == []
    assert found(g, "ISLAMIC STATE GROUP cells") == [("ISLAMIC STATE GROUP",
                                                      "Islamic State group")]


def test_acronyms_stay_exact(g):
    assert found(g, "Hts and hts and Sohr said") == []
    assert found(g, "HTS and SOHR said") == [("HTS", "HTS"), ("SOHR", "SOHR")]


def test_a_form_in_capitals_wins_over_a_name_written_in_capitals():
    band = Entry({"en": ["Who"], "fr": ["les Who"]}, "band")
    agency = Entry({"en": ["WHO"], "fr": ["OMS"]}, "acronym")
    g = Glossary([band, agency])
    assert [m.entry for m in g.find("WHO experts met The Who.")] == [agency, band]


@pytest.mark.parametrize(("lang", "written"), [
    ("fr", "LATTAQUIÉ"),  # French wire copy sets the dateline in capitals
    ("de", None),  # no German form: left to the engine
    ("ar", "اللاذقية"),
])
def test_the_target_dateline_convention(g, lang, written):
    occs, _ = source_terms("LATAKIA, Syria (AP) — Two ferries sank.", lang, g)
    forms = [o.form for o in occs if o.source == "LATAKIA"]
    assert forms == ([written] if written else [])


def test_as_glossary_dateline_case(g):
    occs, _ = source_terms("DAMASCUS (Reuters) - Prices rose.", "de", g)
    assert [o.form for o in occs] == ["Damaskus", "Reuters"]
    occs, _ = source_terms("DAMASCUS (Reuters) - Prices rose.", "fr", g)
    assert [o.form for o in occs] == ["DAMAS", "Reuters"]


_FORMS = sorted({f for e in load_glossary([ROOT / "glossary"]).entries
                 for f in e.source_forms if f != f.upper()})


@settings(max_examples=50, deadline=None, derandomize=True)
@given(form=st.sampled_from(_FORMS),
       agency=st.sampled_from(["(AP) —", "(Reuters) -", "(AFP) -", "—"]))
def test_any_name_in_capitals_in_a_dateline_is_its_entry(g, form, agency):
    text = f"{form.upper()} {agency} Officials said 40 people were hurt."
    matches = g.find(text)
    assert matches and matches[0].start == 0 and matches[0].text == form.upper()
    assert any(form in e.source_forms or f.upper() == form.upper()
               for e in [matches[0].entry] for f in e.source_forms)


def test_a_name_the_engine_wrote_in_capitals_is_right_only_for_a_dateline(g):
    from locpipe.rules.terms import check_terms
    source = "Relatives of Christian families in Latakia said the road was closed."
    assert check_terms(source, "Des proches de familles CHRÉTIENNES à Lattaquié ont dit que la "
                               "route était fermée.", "fr", g)
    assert check_terms(source, "Des proches de familles chrétiennes à Lattaquié ont dit que la "
                               "route était fermée.", "fr", g) == []
    dateline = "LATAKIA, Syria (AP) — The road was closed."
    assert check_terms(dateline, "LATTAQUIÉ, Syrie (AP) — La route était fermée.", "fr", g) == []
