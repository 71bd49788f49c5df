import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.document import Document, Tag
from locpipe.formats.readers import read_plain
from locpipe.markup import strip_tags
from locpipe.stages import segment
from locpipe.stages.segment import segment_document, split_sentences, split_tagged

ROOT = Path(__file__).resolve().parents[2]


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "segmentation_f1", ROOT / "benchmarks" / "segmentation_f1.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_corpus_is_big_enough_and_f1_at_least_99_5():
    bench = _benchmark()
    corpus = bench.load_corpus()
    score = bench.evaluate(corpus)
    assert score.sentences >= 400
    assert score.f1 >= 0.995, "\n".join(score.errors)
    articles = bench.evaluate_articles(corpus)
    assert articles.f1 >= 0.995, "\n".join(articles.errors)


@pytest.mark.parametrize("text, expected", [
    ("The U.S. State Department said so. It gave no details.",
     ["The U.S. State Department said so.", "It gave no details."]),
    ("Sanctions were imposed by the U.N. The move angered Damascus.",
     ["Sanctions were imposed by the U.N.", "The move angered Damascus."]),
    ("Dr. Lina Haddad and Mr. Ali Saleh met Gen. Omar Khalil on Jan. 5 in Homs.",
     ["Dr. Lina Haddad and Mr. Ali Saleh met Gen. Omar Khalil on Jan. 5 in Homs."]),
    ("Int'l donors met. Int’l appeals followed.", ["Int'l donors met.", "Int’l appeals followed."]),
    ("Shelling began at 6 a.m. on Monday and stopped at 4 p.m. Residents then came out.",
     ["Shelling began at 6 a.m. on Monday and stopped at 4 p.m.", "Residents then came out."]),
    ("The vote is at 10 a.m. Thursday. It may slip.",
     ["The vote is at 10 a.m. Thursday.", "It may slip."]),
    ("The meeting starts at 9 a.m. Damascus time. Delegates are in place.",
     ["The meeting starts at 9 a.m. Damascus time.", "Delegates are in place."]),
    ("John F. Kennedy spoke. The government has no Plan B. Officials admit it.",
     ["John F. Kennedy spoke.", "The government has no Plan B.", "Officials admit it."]),
    ("Prices rose 3.5 per cent to 50,000 pounds. Nobody was surprised.",
     ["Prices rose 3.5 per cent to 50,000 pounds.", "Nobody was surprised."]),
    ("“We waited … and waited,” she said. Then the trucks came... Everyone cheered.",
     ["“We waited … and waited,” she said.", "Then the trucks came...", "Everyone cheered."]),
    ("“Rebels seized the towns in the last few hours,” the Observatory noted. It gave a toll.",
     ["“Rebels seized the towns in the last few hours,” the Observatory noted.",
      "It gave a toll."]),
    ("“Why now?” Mr. Saleh asked. “Enough!” Haddad shouted. “Why?” The question hung.",
     ["“Why now?” Mr. Saleh asked.", "“Enough!” Haddad shouted.", "“Why?”",
      "The question hung."]),
    ("The army — or what is left of it — retreated. (A curfew followed.) Shops shut.",
     ["The army — or what is left of it — retreated.", "(A curfew followed.)", "Shops shut."]),
    ("He said no. No. 10 was silent.", ["He said no.", "No. 10 was silent."]),
    ("He asked, “Why now?” Nobody answered.", ["He asked, “Why now?”", "Nobody answered."]),
    ("They met on Downing St. The talks failed. St. Petersburg was next.",
     ["They met on Downing St.", "The talks failed.", "St. Petersburg was next."]),
    ("Sen. Chuck Schumer, D-N.Y. The vote was close.",
     ["Sen. Chuck Schumer, D-N.Y.", "The vote was close."]),
    ("The rate was 4.5 per cent. 2023 was worse.", ["The rate was 4.5 per cent.",
                                                     "2023 was worse."]),
])
def test_hard_cases(text, expected):
    assert split_sentences(text) == expected


def test_known_limit_sentence_final_us_before_a_proper_noun():
    # Documented miss (also in the corpus): 'U.S. Germany' reads like 'U.S. Senate'.
    assert split_sentences("Funding comes from the U.S. Germany is second.") == [
        "Funding comes from the U.S. Germany is second."]


def test_inline_tag_spanning_a_boundary_is_closed_and_reopened():
    tags = {1: Tag("em", "<em>", "</em>"), 2: Tag("a", '<a href="https://x.org/a?b=1">', "</a>"),
            3: Tag("br", "<br>")}
    text = "It <1>began at dawn. It <2>ended</2> at dusk.</1><3/> Nobody left."
    parts = split_tagged(text, tags)
    assert [t for t, _ in parts] == [
        "It <1>began at dawn.</1>",
        "<1>It <2>ended</2> at dusk.</1><3/>",
        "Nobody left.",
    ]
    assert parts[0][1] == {1: tags[1]}
    assert parts[1][1] == {1: tags[1], 2: tags[2], 3: tags[3]}  # renumbered from 1 per sentence
    assert parts[2][1] == {}


def test_tags_are_renumbered_per_sentence():
    tags = {1: Tag("b", "<b>", "</b>"), 2: Tag("i", "<i>", "</i>")}
    parts = split_tagged("<1>One</1> went. Then <2>two</2> came.", tags)
    assert parts[1] == ("Then <1>two</1> came.", {1: tags[2]})


def test_segment_ids_and_headlines_are_not_split():
    text = ("Talks resume in Geneva. Delegates arrive\n"
            "Ministers from 14 countries met on Thursday. The U.N. envoy spoke at 10 a.m.\n"
            "Second day\n"
            "They met again. Nothing changed.\n")
    doc = Document(Path("geneva.txt"), "geneva-talks", "text", read_plain(text))
    segs = segment_document(doc).segments
    assert [(s.id, s.kind, s.text) for s in segs] == [
        ("geneva-talks:1.1", "headline", "Talks resume in Geneva. Delegates arrive"),
        ("geneva-talks:2.1", "paragraph", "Ministers from 14 countries met on Thursday."),
        ("geneva-talks:2.2", "paragraph", "The U.N. envoy spoke at 10 a.m."),
        ("geneva-talks:3.1", "subheading", "Second day"),
        ("geneva-talks:4.1", "paragraph", "They met again."),
        ("geneva-talks:4.2", "paragraph", "Nothing changed."),
    ]
    assert [s.line for s in segs] == [1, 2, 2, 3, 4, 4]


def test_segment_command_jsonl_and_text(tmp_path):
    import json

    from typer.testing import CliRunner

    from locpipe.cli import app

    path = tmp_path / "Truce.md"
    path.write_text("# Truce holds\n\nThe *truce* held at 6 a.m. Shops reopened.\n",
                    encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["segment", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["block"], r["kind"], r["text"], r["plain"]) for r in rows] == [
        ("truce:1.1", 1, "headline", "Truce holds", "Truce holds"),
        ("truce:2.1", 2, "paragraph", "The <1>truce</1> held at 6 a.m.",
         "The truce held at 6 a.m."),
        ("truce:2.2", 2, "paragraph", "Shops reopened.", "Shops reopened."),
    ]
    text = runner.invoke(app, ["segment", str(path)])
    assert text.stdout.splitlines()[1] == "truce:2.1\tparagraph\tThe <1>truce</1> held at 6 a.m."


# ------------------------------------------------------------------ long sentences, long runs


def test_long_sentence_is_cut_at_the_last_clause_mark_before_the_cap(monkeypatch):
    from locpipe.stages import segment

    monkeypatch.setattr(segment, "MAX_SEGMENT_CHARS", 60)
    text = ("Crews cleared the road from Salamiyah to Hama, the bakeries of Hama reopened at "
            "dawn and queues formed; by noon the flour was gone. Shops shut.")
    assert split_sentences(text) == [
        "Crews cleared the road from Salamiyah to Hama,",
        "the bakeries of Hama reopened at dawn and queues formed;",
        "by noon the flour was gone.",
        "Shops shut.",
    ]


def test_long_run_without_clause_marks_is_cut_at_a_space_then_anywhere(monkeypatch):
    from locpipe.stages import segment

    monkeypatch.setattr(segment, "MAX_SEGMENT_CHARS", 20)
    assert split_sentences("one two three four five six seven eight nine ten") == [
        "one two three four", "five six seven", "eight nine ten"]
    assert split_sentences("x" * 45) == ["x" * 20, "x" * 20, "x" * 5]


def test_cap_keeps_every_character_and_markup_well_formed(monkeypatch):
    from locpipe.stages import segment

    monkeypatch.setattr(segment, "MAX_SEGMENT_CHARS", 30)
    tags = {1: Tag("b", "<b>", "</b>")}
    text = "Trucks waited at the <1>Bab al-Hawa crossing for nine days and nights</1> in snow"
    parts = split_tagged(text, tags)
    assert [t for t, _ in parts] == [
        "Trucks waited at the <1>Bab</1>",
        "<1>al-Hawa crossing for nine</1>",
        "<1>days and nights</1> in snow",
    ]
    assert all(len(strip_tags(t)) <= 30 for t, _ in parts)


def test_headline_longer_than_the_cap_is_cut_too(monkeypatch):
    from locpipe.stages import segment

    monkeypatch.setattr(segment, "MAX_SEGMENT_CHARS", 25)
    doc = Document(Path("t.txt"), "t", "text",
                   read_plain("Floods cut the road between Homs and Tartus\nIt rained.\n"))
    assert [(s.id, s.text) for s in segment_document(doc).segments] == [
        ("t:1.1", "Floods cut the road"), ("t:1.2", "between Homs and Tartus"),
        ("t:2.1", "It rained.")]


@pytest.mark.parametrize("text", [
    "." * 30_000 + "x",  # a run of dots with no space after it
    "Go. " * 10_000,  # a sentence end at every word
    "Lt. Col. R. K. Haddad left at 9 a.m. Sunday. " * 2_000,  # abbreviations and times
    "x “Why now?” Haddad asked. " * 3_000,  # quotes ending in ? before an attribution
])
def test_splitting_reads_each_candidate_end_in_bounded_time(text):
    """Each of these took seconds (quadratic) before; now well under a second."""
    import time

    start = time.process_time()
    split_sentences(text)
    assert time.process_time() - start < 1.0


# --- titles, months, attributions (issue 12 class 16), on fresh text -------------------------

@pytest.mark.parametrize("text, expected", [
    ("Sgt. Omar Bakri and Cpl. Yusuf Ali were wounded. Lt. Rana Fares led the patrol.",
     ["Sgt. Omar Bakri and Cpl. Yusuf Ali were wounded.", "Lt. Rana Fares led the patrol."]),
    ("Reps. Mike Lawler and Grace Meng visited Amman. Sens. Chris Coons and Todd Young stayed.",
     ["Reps. Mike Lawler and Grace Meng visited Amman.",
      "Sens. Chris Coons and Todd Young stayed."]),
    ("Gens. Aoun and Haykal met in Beirut. Brig. Gen. Tony Kahwaji joined them.",
     ["Gens. Aoun and Haykal met in Beirut.", "Brig. Gen. Tony Kahwaji joined them."]),
    ("The inquiry is led by Det. Insp. Rula Tamimi and Supt. Adel Masri.",
     ["The inquiry is led by Det. Insp. Rula Tamimi and Supt. Adel Masri."]),
    ("Pvt. Karim Jaber, Adm. Noor Khalil and Cmdr. Saeed Amini attended. Capt. Hala Rifai did "
     "not.", ["Pvt. Karim Jaber, Adm. Noor Khalil and Cmdr. Saeed Amini attended.",
              "Capt. Hala Rifai did not."]),
    ("The truce runs out in Feb. Diplomats are already drafting a new text.",
     ["The truce runs out in Feb.", "Diplomats are already drafting a new text."]),
    ("The truce runs out on Feb. 28 unless it is renewed. It was signed in Nov. 2023 in Doha.",
     ["The truce runs out on Feb. 28 unless it is renewed.",
      "It was signed in Nov. 2023 in Doha."]),
    ("Talks resume in Oct. and may last a week.",
     ["Talks resume in Oct. and may last a week."]),
    ("“Who will feed them?” pleaded a nurse at the clinic. Supplies ran out on Monday.",
     ["“Who will feed them?” pleaded a nurse at the clinic.", "Supplies ran out on Monday."]),
    ("“Never again!” he bellowed into the microphone. The hall erupted.",
     ["“Never again!” he bellowed into the microphone.", "The hall erupted."]),
    ("“Are we safe here?” Fatima Zahra whimpered. Her brother held her hand.",
     ["“Are we safe here?” Fatima Zahra whimpered.", "Her brother held her hand."]),
    ("“Open the gates!” Abu Khalil bellowed, waving a white flag. The soldiers hesitated.",
     ["“Open the gates!” Abu Khalil bellowed, waving a white flag.", "The soldiers hesitated."]),
    ("“Is this the end?” She whispered. Outside, the guns fell silent.",
     ["“Is this the end?” She whispered.", "Outside, the guns fell silent."]),
    ("“Is this the end?” Nobody could say. “Go!” Soldiers ran toward the trucks.",
     ["“Is this the end?”", "Nobody could say.", "“Go!”", "Soldiers ran toward the trucks."]),
])
def test_titles_months_and_attributions(text, expected):
    assert split_sentences(text) == expected


def _pieces_cover(text: str, pieces: list[str]) -> bool:
    """Each piece is the next stretch of `text`, with only whitespace between and around."""
    pos = 0
    for piece in pieces:
        if not piece or piece != piece.strip():
            return False
        i = text.find(piece, pos)
        if i < 0 or text[pos:i].strip():
            return False
        pos = i + len(piece)
    return not text[pos:].strip()


_TOKENS = ["Gen.", "Sept.", "Sept. 30", "Reps.", "U.S.", "U.N.", "Mr.", "a.m.", "p.m.",
           "“Why?”", "“Enough!”", "”", "“", "Haddad", "said.", "asked.", "The", "the", "he",
           "she", "shouted", "Officials", "3.5", "50,000", "No.", "...", "…", "!", "?", ".",
           "(", ")", "F.", "al-Assad", "Int'l", "—", "2024.", "x" * 30,
           # issue 22: list markers, references before numbers, citations, fronted times
           "1.", "2.", "3.", "a)", "b)", "1.)", "2.)", "i.", "ii.", "•", "p.", "pp.", "55",
           "12–14.", "(Haddad 2019).", "(p. 4).", "At", "5", "A.M."]


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(_TOKENS),
                          st.sampled_from([" ", "  ", "\n", "", " \u00a0"])), max_size=60),
       st.text(alphabet="Ab .!?”“\n", max_size=40))
def test_segmentation_never_loses_or_duplicates_a_character(tokens, noise):
    text = "".join(t + sep for t, sep in tokens) + noise
    assert _pieces_cover(text, split_sentences(text))
    with pytest.MonkeyPatch.context() as mp:  # and where the length cap cuts too
        mp.setattr(segment, "MAX_SEGMENT_CHARS", 40)
        assert _pieces_cover(text, split_sentences(text))


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_tagged_segmentation_keeps_every_character(tokens, a, b):
    words = list(tokens)
    a, b = sorted((min(a, len(words)), min(b, len(words))))
    words.insert(b, "</1>")
    words.insert(a, "<1>")
    text = " ".join(words)
    pieces = [strip_tags(p) for p, _ in split_tagged(text, {1: Tag("b", "<b>", "</b>")})]
    # an empty element ("<1></1>") holds no character; whitespace kept inside an element at a
    # segment's edge ("<1> </1>Gen.") is whitespace at a cut
    pieces = [p.strip() for p in pieces if p.strip()]
    assert _pieces_cover(strip_tags(text), pieces)


def _rules():
    spec = importlib.util.spec_from_file_location(
        "segmentation_rules", ROOT / "benchmarks" / "segmentation_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_set_every_class_agrees():
    """Issue 22: the rule set (tests/data/segmentation_rules) over abbreviations before
    numbers, a.m./p.m. before a capitalised word, citations after a quotation, inline
    enumerations and runs of abbreviations: 34/54 before, every rule now."""
    bench = _rules()
    rules = bench.load_rules()
    assert len(rules) >= 48
    right, missed = bench.agreement(rules)
    assert missed == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The map is on p. 4. The photos are on p. 9.",
     ["The map is on p. 4.", "The photos are on p. 9."]),
    ("Nos. 5 and 6 were withdrawn.", ["Nos. 5 and 6 were withdrawn."]),
    ("At 5 a.m. Mr. Haddad drove to the bakery. He left at 6 p.m. Saleh stayed.",
     ["At 5 a.m. Mr. Haddad drove to the bakery.", "He left at 6 p.m.", "Saleh stayed."]),
    ("She called it “a betrayal!” (Saleh 2021). The court did not comment.",
     ["She called it “a betrayal!” (Saleh 2021).", "The court did not comment."]),
    ("The council voted. (Two members abstained.) The mayor left.",
     ["The council voted.", "(Two members abstained.)", "The mayor left."]),
    ("1. First, the council met. 2. Then it voted.", ["1. First, the council met.",
                                                      "2. Then it voted."]),
    ("a) Food parcels b) Blankets", ["a) Food parcels", "b) Blankets"]),
    # not an enumeration: numbers ending sentences, a list that does not start the paragraph
    ("He finished 1. His brother finished 2. Their cousin did not.",
     ["He finished 1.", "His brother finished 2.", "Their cousin did not."]),
    ("Votes: a) yes b) no.", ["Votes: a) yes b) no."]),
])
def test_issue_22_classes(text, expected):
    assert split_sentences(text) == expected


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([".", "..", "...", "....", "!", "?", "?!", "!.", "…", " ", "  ",
                                 "\n", "\u00a0", "a", "A", "”", "'", ")", "»", "]", "x.", "1.",
                                 "p.m."]), max_size=12))
def test_candidate_ends_are_what_the_lookbehind_first_pattern_finds(pieces):
    """_CANDIDATE, written with each mark first and its lookbehind after it, finds the spans
    and groups the pattern written with the lookbehinds first finds."""
    import re

    from locpipe.stages.segment import _CANDIDATE, _CLOSERS

    plain = re.compile(r"((?<![.!?])\.\.\.(?![.!?])|…|(?<![.!?])[.!?]++)([" + re.escape(_CLOSERS)
                       + r"]*+)(\s+)")
    text = "".join(pieces)
    assert [(m.span(), m.groups()) for m in _CANDIDATE.finditer(text)] == [
        (m.span(), m.groups()) for m in plain.finditer(text)]
