"""The foreign-segment and article checks stop langdetect early (ranked_languages with
unless/below): the answers must be exactly langdetect's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.rules import langid
from locpipe.testing import langdetect_reference as reference

# fresh sentences, written for this test
SENTENCES = [
    "The council voted on Tuesday to reopen the two bridges closed since the flood in March.",
    "Le conseil a voté mardi la réouverture des deux ponts fermés depuis la crue de mars.",
    "El consejo votó el martes reabrir los dos puentes cerrados desde la inundación.",
    "Der Rat stimmte am Dienstag dafür, die beiden seit dem Hochwasser gesperrten Brücken.",
    "Il consiglio ha votato martedì per riaprire i due ponti chiusi dopo l'alluvione.",
    "Officials said the ferry would run twice a day until the repairs are finished, "
    "« nous n'avons pas le choix », a déclaré le maire.",
    "Farmers near the river told reporters that the water had reached their fields by dawn.",
    "O conselho votou na terça-feira pela reabertura das duas pontes fechadas.",
]
WORDS = sorted({w for s in SENTENCES for w in s.replace(",", " ").replace(".", " ").split()})


def _plain(text, among=None):
    """What langdetect itself answers (no early stop)."""
    return langid.ranked_languages(text, among)


def _agrees(text: str, unless: str, below: float, among=None) -> None:
    full = _plain(text, among)
    bounded = langid.ranked_languages(text, among, unless=unless, below=below)
    if bounded:
        assert bounded == full
    else:  # stopped early: langdetect could not have named another language that surely
        assert not full or full[0][0] == unless or full[0][1] < below


def test_fixed_sentences_agree_with_langdetect():
    for text in SENTENCES:
        for unless, below in (("en", 0.99), ("en", 0.9), ("fr", 0.99), ("de", 0.5)):
            _agrees(text, unless, below)
            _agrees(text, unless, below, ("en", "fr", "de", "es"))


def test_a_foreign_sentence_is_still_found_whole():
    text = SENTENCES[1]
    assert langid.ranked_languages(text, unless="en", below=0.99) == _plain(text)
    assert langid.foreign_lang(text, "en") == "fr"


def test_english_stops_early_but_answers_the_same():
    text = SENTENCES[0]
    assert langid.ranked_languages(text, unless="en", below=0.99) == []
    assert _plain(text)[0][0] == "en"
    assert langid.foreign_lang(text, "en") is None


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=25),
       st.sampled_from(["en", "fr", "es", "de"]), st.sampled_from([0.5, 0.9, 0.99]))
def test_mixed_word_salad_agrees_with_langdetect(words, unless, below):
    _agrees(" ".join(words), unless, below)


def _langdetect_itself(text: str, among=None):
    """langdetect's own Detector.get_probabilities (not locpipe's loop)."""
    return reference.ranking(text, among)[0]


def test_locpipes_loop_gives_langdetects_floats_exactly():
    for text in SENTENCES:
        assert langid.ranked_languages(text) == _langdetect_itself(text)
        among = ("en", "fr", "es", "de", "it", "pt")
        assert langid.ranked_languages(text, among) == _langdetect_itself(text, among)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_word_salad_gets_langdetects_floats_exactly(words):
    text = " ".join(words)
    assert langid.ranked_languages(text) == _langdetect_itself(text)


def _detector(text: str):
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    detector = detector_factory._factory.create()
    detector.append(text)
    detector.cleaning_text()
    return detector


# capitals, accents, Romanian commas, Vietnamese letters and marks, Arabic, kana, Han, spaces
# and marks, URLs and e-mail addresses, lone surrogates (a file read with surrogateescape) and
# astral characters: every branch of langdetect's text cleaning, of
# NGram.normalize and of its capital-word rule
_CHARS = st.characters() | st.sampled_from(list("AB ab.,ÉéÇç ș ț ẠẤ فاض راكا ラカ 漢字 -  "
                                                "\u0300\u0301\u0303\u0309\u0323[]^_`"
                                                "\ud800\udcff\U0001f600"))
_TEXTS = (st.text(alphabet=_CHARS, max_size=80)
          | st.lists(st.sampled_from(WORDS)).map(" ".join)
          | st.lists(st.sampled_from([*WORDS, "https://example.org/a?b=1", "x.y@news.example",
                                      "ÉTAT", "  ", "Ơ\u0301", "فاض", "漢字"])).map(" ".join))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_TEXTS)
def test_text_is_what_langdetect_s_detector_reads(text):
    """Detector.append and cleaning_text as regular expressions: the same text."""
    assert langid._detector_text(text) == _detector(text).text


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_TEXTS)
def test_ngrams_are_langdetect_s_own(text):
    """The n-gram extraction as array arithmetic gives exactly the n-grams of langdetect's
    Detector._extract_ngrams, in order (as rows of the table)."""
    detector = _detector(text)
    profiles = langid._all_languages()
    assert langid._ngram_rows(detector.text, profiles).tolist() == \
        [profiles.row_of(w) for w in detector._extract_ngrams()]


def _same_table(profiles, factory) -> None:
    assert profiles.langlist == factory.langlist
    # every n-gram a text can give (1 to 3 characters), and no other
    grams = [w for w in factory.word_lang_prob_map if 1 <= len(w) <= 3]
    assert len(profiles.keys) == len(grams) == len(profiles.rows)
    for ngram in grams:
        assert profiles.rows[profiles.row_of(ngram)].tolist() == \
            list(factory.word_lang_prob_map[ngram])


def test_profiles_hold_langdetect_s_own_table():
    """The profiles, loaded as arrays, are langdetect's: the same languages in the same order,
    the same n-grams, the same floats (all 87,598 n-grams of its 55 languages)."""
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    _same_table(langid._all_languages(), detector_factory._factory)
    among = ("ar", "de", "en", "fa", "fr")
    _same_table(langid._factory(frozenset(among)), reference.factory(among))


def test_langdetect_s_tables_cost_the_garbage_collector_nothing():
    """The n-gram table is float64 and int64 arrays and a list of language names: nothing the
    garbage collector walks (langdetect's 87,598 lists were each visited by every full
    collection, 2.7 ms an article), and langdetect answers the same from it."""
    text = SENTENCES[1]
    assert langid.ranked_languages(text) == _langdetect_itself(text)
    profiles = langid._all_languages()
    assert sorted(vars(profiles)) == ["keys", "langlist", "rows"]
    assert profiles.rows.dtype.hasobject is False and profiles.keys.dtype.hasobject is False
