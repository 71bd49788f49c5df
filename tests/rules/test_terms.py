"""Glossary rules: matching terms in source and target, restoring `<tN/>`, check_terms."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe import languages
from locpipe.formats.glossary import load_glossary
from locpipe.languages.base import Profile
from locpipe.rules.terms import Entry, Glossary, Span, attach, check_terms, restore_text

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "glossary"


@pytest.fixture(scope="module")
def g() -> Glossary:
    return load_glossary([STARTER])


def found(g: Glossary, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entry.canonical) for m in g.find(text)]


# --- matching --------------------------------------------------------------------------------

def test_whole_words_and_case(g):
    assert found(g, "Hamas and hts and Homsi") == []
    assert found(g, "HTS took Hama.") == [("HTS", "HTS"), ("Hama", "Hama")]


def test_lower_case_entry_tolerates_sentence_initial_capital_only(g):
    assert found(g, "Jihadist groups attacked.") == [("Jihadist", "jihadist")]
    assert found(g, "He met “Jihadist” leaders") == []
    assert found(g, "Fighting went on. Jihadist groups attacked.") == [("Jihadist", "jihadist")]


def test_longest_match_wins(g):
    assert found(g, "the Syrian Observatory for Human Rights and the Observatory") == [
        ("Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"),
        ("Observatory", "Observatory")]
    assert found(g, "Bashar al-Assad") == [("Bashar al-Assad", "Bashar al-Assad")]


def test_possessives_and_hyphen_space_variants(g):
    assert found(g, "Assad's army, Assad’s army") == [("Assad", "Assad"), ("Assad", "Assad")]
    assert found(g, "Hayat Tahrir al Sham said") == [("Hayat Tahrir al Sham",
                                                      "Hayat Tahrir al-Sham")]
    assert found(g, "Bashar Assad’s forces") == [("Bashar Assad", "Bashar al-Assad")]


def test_spacing_hyphens_and_marks_do_not_hide_a_term(g):
    """Wire copy pasted from a CMS: doubled and non-breaking spaces, a non-breaking hyphen,
    Arabic vowel marks and tatweel; the match gives the text exactly as written."""
    text = "Fighters  of Hayat\u00a0Tahrir al\u2011Sham  entered  Hama."
    assert found(g, text) == [("Hayat\u00a0Tahrir al\u2011Sham", "Hayat Tahrir al-Sham"),
                              ("Hama", "Hama")]
    assert [m.form for m in g.find_target("دخلوا حَمَاة وحمـاة", "ar")] == ["حماة", "حماة"]
    assert [m.text for m in g.find_target("دخلوا حَمَاة وحمـاة", "ar")] == ["حَمَاة", "حمـاة"]


def test_arabic_target_matching_with_clitics(g):
    forms = [m.form for m in g.find_target("وحماة وبالأسد للأسد الحماة", "ar")]
    assert forms == ["حماة", "الأسد", "الأسد"]  # "الحماة" is not the name


# --- restoring -------------------------------------------------------------------------------

SPANS_AR = {1: Span("حماة", "Hama"), 2: Span("الأسد", "Assad")}


@pytest.mark.parametrize("output, expected", [
    ("في <t1/> و<t2/>", "في حماة والأسد"),
    ("و <t1/> ال<t2/>", "وحماة الأسد"),          # detached clitic glued, article not doubled
    ("ال<t1/> لل<t2/>", "حماة للأسد"),           # no article on a name without one
    ("ل<t1/> ل<t2/>", "لحماة للأسد"),            # ل + الأسد → للأسد
    ("وال<t1/> بال<t2/>", "وحماة بالأسد"),
    ("«<T1/>» < t2 />", "حماة الأسد"),           # quotes, case, spaces
    ("<t1/> <t1/> <t2>", "حماة الأسد"),
    ("<t1 و t2/>", "حماة والأسد"),             # a bracket lost on each side
])
def test_restore_arabic(output, expected):
    text, _, lost = restore_text(output, SPANS_AR, "ar")
    assert text == expected and lost == set()


def test_restore_reports_duplicates_and_losses():
    text, issues, lost = restore_text("<t1/> <t1/> ici", SPANS_AR, "ar")
    assert text == "حماة ici" and lost == {2}
    assert issues == [("warning", "the engine repeated 'Hama'; the extra copy was removed, "
                                  "check the sentence")]


def test_restore_french_elision_and_sentence_start():
    spans = {1: Span("Alep", "Aleppo"), 2: Span("groupe Etat islamique", "Islamic State group"),
             3: Span("Observatoire", "Observatory")}
    text, _, _ = restore_text("<t2/> a fui de <t1/>, selon le <t3/>’s.", spans, "fr")
    assert text == "Groupe Etat islamique a fui d'Alep, selon l'Observatoire."


# --- check_terms -----------------------------------------------------------------------------

def test_check_terms(g):
    src = "Hayat Tahrir al-Sham (HTS) entered Hama, the Syrian Observatory for Human Rights said."
    good = "هيئة تحرير الشام دخلت حماة، بحسب المرصد السوري لحقوق الإنسان."
    assert check_terms(src, good, "ar", g) == []
    assert check_terms(src, good.replace("حماة", "هاما"), "ar", g) == [
        "'Hama' should be 'حماة' (not found in the translation)"]
    fr = "Hayat Tahrir al-Cham (HTC) est entré à Hama, selon l'Observatoire syrien des droits " \
         "de l’homme."
    assert check_terms(src, fr, "fr", g) == []
    assert check_terms("Alawite villages", "des villages alaouites", "fr", g) == []
    assert check_terms("ISIS fighters", "x", "fr", g) == [
        "'ISIS' is deprecated; write 'Islamic State group'"]
    assert check_terms("Amnesty International said", "Amnesty International a dit", "fr", g) == []


# --- languages as data: clitics and elision come from the profile -----------------------------

def test_arabic_clitic_restored_through_the_profile():
    spans = {1: Span("الرستن", "Rastan"), 2: Span("تدمر", "Palmyra")}
    text, _, lost = restore_text("قصفت الطائرات ب <t1/> ولل<t2/> طريقاً", spans, "ar")
    assert text == "قصفت الطائرات بالرستن ولتدمر طريقاً" and lost == set()
    assert languages.get("ar").article == "ال"


def test_french_elision_restored_through_the_profile():
    spans = {1: Span("Idleb", "Idlib"), 2: Span("Ankara", "Ankara"), 3: Span("Tartous", "Tartus")}
    text, _, _ = restore_text("Les convois partent de <t1/>, dit-on, et que <t2/> ferme "
                              "la route de <t3/>.", spans, "fr")
    assert text == ("Les convois partent d'Idleb, dit-on, et qu'Ankara ferme la route de "
                    "Tartous.")


def test_a_profile_without_clitics_or_elision_leaves_the_words_around_a_term(monkeypatch):
    spans = {1: Span("Alepo", "Aleppo")}
    assert restore_text("cerca de <t1/>, y <t1/>", spans, "es")[0] == "cerca de Alepo, y"
    italian = Profile(code="it", elision=r"[Dd]ello|[Ll]o")  # a profile is all it takes
    real = languages.get
    monkeypatch.setattr(languages, "get", lambda code: italian if code == "it" else real(code))
    assert restore_text("le rive dello <t1/>", {1: Span("Eufrate", "Euphrates")}, "it")[0] == \
        "le rive dell'Eufrate"


AR = languages.get("ar")
CLITICS = ["", "و", "ف", "ب", "ك", "ل", "وب", "فل", "وك", "ال", "وال", "بال", "لل", "ولل"]


@settings(max_examples=50, deadline=None, derandomize=True)
@given(prefix=st.sampled_from(CLITICS), form=st.sampled_from(["حماة", "الأسد", "اللاذقية",
                                                              "درعا"]))
def test_what_attach_writes_the_target_matcher_finds(prefix, form):
    g = Glossary([Entry({"en": ["x"], "ar": [form]})])
    written = attach(prefix, form, AR)
    assert "الال" not in written and "للال" not in written
    assert [m.form for m in g.find_target(f"قال {written} أمس", "ar")] == [form]


def test_no_target_form_no_finding():
    """A term the glossary has no form for in a language is the engine's to translate."""
    g = Glossary([Entry({"en": ["Aleppo"], "fr": ["Alep"]}),
                  Entry({"en": ["Human Rights Watch"]}, policy="keep")])
    src = "Human Rights Watch staff left Aleppo on Monday."
    assert check_terms(src, "El personal de Human Rights Watch salió de Alepo el lunes.",
                       "es", g) == []
    assert check_terms(src, "El personal de HRW salió de Alepo el lunes.", "es", g) == [
        "'Human Rights Watch' should be 'Human Rights Watch' (not found in the translation)"]


# --- computed once ---------------------------------------------------------------------------

_FOLDED = "-\u2010\u2011\u00a0\u202f\u2009\u2007\t\u2019\u2018\u02bc"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list(_FOLDED + "ab '\u064e\u0640\u200b")) | st.characters(),
               max_size=40), st.booleans())
def test_normalising_replaces_characters_as_a_translation_table_would(text, fold):
    """The character-by-character step of matching (spaces, apostrophes, hyphens folded) is
    written as str.replace calls; it gives what one translation table gives."""
    from locpipe.rules.terms import _APOSTROPHES, _HYPHENS, _SPACES, _normalise

    table = dict.fromkeys(_SPACES, " ") | dict.fromkeys(_APOSTROPHES, "'")
    if fold:
        table |= dict.fromkeys(_HYPHENS, " ")
    mapped = text.translate(str.maketrans(table))
    norm, index = _normalise(text, fold)
    assert "".join(mapped[i] for i in index) == norm  # each kept character, as mapped
    if len(norm) == len(mapped):
        assert norm == mapped


def test_a_source_text_is_matched_once_whoever_asks(g, monkeypatch):
    """The segment's source is asked about per target language, by QA and by the run's
    digest: the automaton runs once per text, and every caller gets its own list."""
    from locpipe.rules import terms

    calls = []
    real = terms.Matcher.find
    monkeypatch.setattr(terms.Matcher, "find", lambda self, text: calls.append(text) or
                        real(self, text))
    fresh = load_glossary([STARTER])
    text = "Rescuers in Idlib said Hayat Tahrir al-Sham had closed the road to Homs."
    first = fresh.find(text)
    first.clear()
    assert [m.text for m in fresh.find(text)] == ["Idlib", "Hayat Tahrir al-Sham", "Homs"]
    assert check_terms(text, "Des secouristes à Idleb…", "fr", fresh)
    assert calls.count(text) == 1  # (the translation is matched by its own automaton)


def test_verify_with_the_terms_already_found_says_the_same(g):
    """`verify(…, found=)` reuses the masking stage's terms (copies: they are never changed)."""
    from locpipe.rules.terms import source_terms, verify

    source = "Bashar al-Assad met HTS envoys in Damascus; the HTS delegation left Homs."
    for lang, target in (("fr", "Bachar al-Assad a reçu des émissaires de HTC à Damas."),
                         ("ar", "التقى بشار الأسد بمبعوثين في دمشق وحمص")):
        occs, _ = source_terms(source, lang, g)
        again = verify(source, target, lang, g, occs)
        fresh = verify(source, target, lang, g)
        assert [(o.source, o.form, o.right, o.message) for o in again] == \
            [(o.source, o.form, o.right, o.message) for o in fresh]
        assert not any(o.right or o.message for o in occs)  # the kept terms are untouched


_PH_PIECES = ["<t1/>", "<T2/>", "< t3 />", "<t4>", "</t5>", "<t6", "t7/>", "t8 />", "<", ">",
              "/", "/>", "t", "T", "9", " ", "<1>", "</1>", "<n1/>", "Alep", "«", "’s", "\n"]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PH_PIECES), max_size=12))
def test_the_placeholder_gate_answers_as_the_pattern_does(pieces):
    """may_hold_placeholder tests substrings before PH_ANY: the same answer on any text."""
    from locpipe.rules.terms import PH_ANY, may_hold_placeholder

    text = "".join(pieces)
    assert may_hold_placeholder(text) == (PH_ANY.search(text) is not None)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([*_PH_PIECES, "tT", "_t1/>", "ét2/>", "1t3/>", "\u00a0", "x"]),
                max_size=12))
def test_the_placeholder_pattern_finds_what_the_word_boundary_pattern_finds(pieces):
    """PH_ANY, written with a literal first in every alternative, replaces exactly what the
    pattern written with "\\b[tT]" replaces, with the same number."""
    import re

    from locpipe.rules.terms import PH_ANY

    plain = re.compile(r"<\s*/?\s*[tT]\s*(\d+)\s*/?\s*>|<\s*[tT](\d+)\b/?|\b[tT](\d+)\s*/>")
    text = "".join(pieces)

    def number(m: re.Match) -> str:
        return f"[{next(g for g in m.groups() if g)}]"

    assert PH_ANY.sub(number, text) == plain.sub(number, text)


def test_a_name_written_with_its_acronym_in_brackets_is_written_once():
    from locpipe.rules.terms import _written_once

    form = "برنامج الأغذية العالمي"
    assert _written_once(f"قال {form} ( {form} ) إن", [form]) == f"قال {form} إن"
    assert _written_once(f"قال {form} (وحده)", [form]) == f"قال {form} (وحده)"


# --- the matcher's fast paths ------------------------------------------------------------------

_MATCH_PIECES = ["Idlib", "idlib", "IDLIB", "the", "Red Crescent", "Red-Crescent", "Red  Crescent",
                 "Crescent", "Red", "al-Nour", "al Nour", "Nour", "Nour's", "Nour’s", " ", "  ",
                 "\t", "-", "\u00a0", "\u200b", "\u064e", "\u0640", ".", ", ", "(", ")", "RC",
                 "ادلب", "وادلب", "\u00ad", "é", "x"]


def _plain_normalise(text: str, fold_hyphens: bool) -> tuple[str, list[int]]:
    """_normalise as first written: every mapping, then the per-character loop."""
    from locpipe.rules.terms import _ARABIC_MARKS, _INVISIBLE_SET, _MAP

    mapped = text
    for char, replacement in _MAP[fold_hyphens]:
        mapped = mapped.replace(char, replacement)
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(mapped):
        if _ARABIC_MARKS.match(ch) or ch in _INVISIBLE_SET or (ch == " " and out
                                                                and out[-1] == " "):
            continue
        out.append(ch)
        index.append(i)
    return "".join(out), index


def _fresh_glossary() -> Glossary:
    return Glossary([
        Entry({"en": ["Idlib"], "fr": ["Idleb"], "ar": ["ادلب"]}),
        Entry({"en": ["Red Crescent", "Crescent"], "fr": ["Croissant-Rouge"]}),
        Entry({"en": ["Red"], "fr": ["Rouge"]}, policy="accept"),
        Entry({"en": ["al-Nour"], "fr": ["al-Nour"], "ar": ["النور"]}, policy="keep"),
        Entry({"en": ["RC"], "fr": ["RC"]}, policy="keep"),
    ])


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_MATCH_PIECES), max_size=12), st.booleans())
def test_the_normalised_copy_is_the_plain_rules(pieces, fold):
    """The ASCII shortcut and the no-loop shortcut of _normalise write what every mapping and
    the per-character loop write (a tab, hyphens, a double space, marks, invisibles)."""
    from locpipe.rules.terms import _normalise

    text = "".join(pieces)
    norm, index = _normalise(text, fold)
    assert (norm, list(index)) == _plain_normalise(text, fold)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_MATCH_PIECES), max_size=12), st.sampled_from(["", "fr", "ar"]))
def test_matches_that_do_not_overlap_are_taken_as_the_longest_first_choice_takes_them(
        pieces, lang):
    """The shortcut for one match or matches that do not overlap gives what the longest-first
    choice over every candidate gives (the shortcut switched off for the second look)."""
    from unittest import mock

    text = "".join(pieces)
    g = _fresh_glossary()

    def found() -> list[tuple[int, int, str, str, str]]:
        ms = g.find(text) if not lang else g.find_target(text, lang)
        return [(m.start, m.end, m.form, m.text, m.entry.canonical) for m in ms]

    quick = found()
    g._found.clear()
    with mock.patch("locpipe.rules.terms._apart", lambda candidates: False):
        slow = found()
    assert quick == slow
