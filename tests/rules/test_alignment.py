"""The projection rule, driven by hand-made attention matrices (rows: target tokens,
columns: source tokens), and a property over random markup and random attention."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.markup import INLINE_RE, misnested_tag
from locpipe.rules.alignment import markup_problem, plan, project, spaced

STAND = "\U000f0000"


def stand_in(k: int) -> str:
    return chr(0xF0000 + k)


def hard(rows: list[int], n_src: int, weight: float = 0.9) -> list[list[float]]:
    """An attention matrix where target token t attends mostly to source token rows[t]."""
    rest = (1 - weight) / max(n_src - 1, 1)
    return [[weight if s == r else rest for s in range(n_src)] for r in rows]


def run(source: str, src: list[str], tgt: list[str], rows: list[int] | list[list[float]],
        stand_ins: list | None = None) -> str:
    p = plan(source, stand_in)
    att = rows if rows and isinstance(rows[0], list) else hard(rows, len(src))
    out = project(p, src, tgt, att, stand_ins or [None] * len(tgt))
    return "".join(spaced(out, tgt)).replace("▁", " ").strip()


def test_plan_removes_tags_and_keeps_a_stand_in_for_each_placeholder():
    p = plan("Fighters of <t1/> entered <1>Hama</1> on <n1/>.<2/>", stand_in)
    assert p.text == f"Fighters of {STAND} entered Hama on {chr(0xF0001)}."
    assert [(c.text, c.kind) for c in p.codes] == [
        ("<t1/>", "placeholder"), ("<1>", "open"), ("</1>", "close"),
        ("<n1/>", "placeholder"), ("<2/>", "void")]


def test_monotone_alignment_wraps_the_aligned_word():
    out = run("The envoy met <1>Pedersen</1> in Geneva.",
              ["▁The", "▁envoy", "▁met", "▁Pedersen", "▁in", "▁Geneva", "."],
              ["▁L'", "émissaire", "▁a", "▁rencontré", "▁Pedersen", "▁à", "▁Genève", "."],
              [0, 1, 2, 2, 3, 4, 5, 6])
    assert out == "L'émissaire a rencontré <1>Pedersen</1> à Genève."


def test_reordered_words_take_their_tags_along():
    out = run("a <1>white</1> <2>truck</2>", ["▁a", "▁white", "▁truck"],
              ["▁un", "▁camion", "▁blanc"], [0, 2, 1])
    assert out == "un <2>camion</2> <1>blanc</1>"


def test_crossing_alignments_give_disjoint_spans():
    # source tags over (A B) and (C D); the target interleaves them: A C B D
    out = run("<1>A B</1> <2>C D</2>", ["▁A", "▁B", "▁C", "▁D"],
              ["▁a", "▁c", "▁b", "▁d"], [0, 2, 1, 3])
    assert out == "<1>a c b</1> <2>d</2>"
    assert misnested_tag(out) is None


def test_nesting_is_kept_and_the_inner_tag_stays_inside():
    out = run("<1>the <2>UN</2> envoy</1> said", ["▁the", "▁UN", "▁envoy", "▁said"],
              ["▁l'", "envoyé", "▁de", "▁l'", "ONU", "▁a", "▁dit"],
              [0, 2, 2, 1, 1, 3, 3])
    assert out == "<1>l'envoyé de <2>l'ONU</2></1> a dit"


def test_inner_tag_aligned_outside_its_parent_is_clipped_into_it():
    # "UN" attends to a word after the parent span: clipped to the parent's span
    out = run("<1>the <2>UN</2></1> said", ["▁the", "▁UN", "▁said"],
              ["▁la", "▁mission", "▁a", "▁dit", "▁ONU"], [0, 1, 2, 2, 1])
    assert misnested_tag(out) is None
    assert Counter(INLINE_RE.findall(out)) == Counter(["<1>", "</1>", "<2>", "</2>"])
    start, inner, end = out.index("<1>"), out.index("<2>"), out.index("</1>")
    assert start < inner < out.index("</2>") < end


def test_ambiguous_attention_still_places_every_tag_once():
    flat = [[0.25] * 4 for _ in range(5)]
    out = run("<1>Aid</1> reached <2>Homs</2>.", ["▁Aid", "▁reached", "▁Homs", "."],
              ["▁L'", "aide", "▁est", "▁arrivée", "."], flat)
    assert Counter(INLINE_RE.findall(out)) == Counter(["<1>", "</1>", "<2>", "</2>"])
    assert misnested_tag(out) is None


def test_tag_with_no_aligned_token_wraps_the_word_with_most_mass():
    src = ["▁in", "▁Idlib"]
    att = [[0.9, 0.1], [0.6, 0.4], [0.7, 0.3]]  # nothing argmax-aligned to Idlib
    out = run("in <1>Idlib</1>", src, ["▁à", "▁Idleb", "▁aujourd'hui"], att)
    assert out == "à <1>Idleb</1> aujourd'hui"


def test_punctuation_stays_outside_the_end_of_a_span():
    out = run("They reached <1>Homs.</1>", ["▁They", "▁reached", "▁Homs", "."],
              ["▁Ils", "▁ont", "▁atteint", "▁Homs", "."], [0, 1, 1, 2, 3])
    assert out == "Ils ont atteint <1>Homs</1>."


def test_a_dropped_placeholder_goes_next_to_the_token_attending_to_it():
    src = ["▁Fighters", "▁of", "▁", STAND, "▁entered", "▁Hama"]
    att = hard([0, 1, 4, 5], 6)
    att[1][3] = 0.5  # "de" attends to the stand-in as well as to "of"
    out = run("Fighters of <t1/> entered Hama", src, ["▁Combattants", "▁de", "▁entrés",
                                                     "▁Hama"], att)
    assert out == "Combattants de <t1/> entrés Hama"


def test_a_duplicated_placeholder_keeps_the_copy_with_most_attention():
    src = ["▁Fighters", "▁of", "▁", STAND, "▁entered"]
    tgt = ["▁", STAND, "▁combattants", "▁de", "▁", STAND, "▁sont", "▁entrés"]
    att = hard([3, 3, 0, 1, 3, 3, 4, 4], 5)
    att[0][3] = att[1][3] = 0.4
    out = run("Fighters of <t1/> entered", src, tgt, att,
              [None, 0, None, None, None, 0, None, None])
    assert out.split() == ["combattants", "de", "<t1/>", "sont", "entrés"]


def test_void_tag_goes_before_the_token_aligned_to_the_word_that_followed_it():
    out = run("said.<2/> Officials", ["▁said", ".", "▁Officials"],
              ["▁a", "▁dit", ".", "▁Les", "▁responsables"], [0, 0, 1, 2, 2])
    assert out == "a dit. <2/> Les responsables"


def test_unclosed_tag_does_not_lose_the_tags_inside_it():
    out = run("<1>the <2>UN</2> said", ["▁the", "▁UN", "▁said"], ["▁l'", "ONU", "▁dit"],
              [0, 1, 2])
    assert Counter(INLINE_RE.findall(out)) == Counter(["<1>", "<2>", "</2>"])


def test_markup_problem_names_what_the_engine_did():
    src = "The <1>UN</1> met <t1/> in <2/>Geneva."
    assert markup_problem(src, "L'<1>ONU</1> a vu <t1/> à <2/>Genève.") is None
    assert markup_problem(src, "L'<1>ONU</1> a vu à <2/>Genève.") == "lost <t1/>"
    assert markup_problem(src, "L'<1>ONU</1> <t1/> <t1/> <2/>") == "duplicated <t1/>"
    assert markup_problem(src, "</1>L'ONU<1> <t1/> <2/>") == "misnested </1>"
    assert markup_problem(src, "L'<1></1>ONU <t1/> <2/>") == "emptied <1>"
    assert markup_problem("Aid", "Aid <3/>") == "added <3/>"


# --------------------------------------------------------------------------- property


@st.composite
def marked_source(draw):
    """Words with random well-nested tags, void tags and placeholders between them."""
    n_words = draw(st.integers(1, 8))
    parts: list[str] = []
    stack: list[int] = []
    tag = ph = 0
    for i in range(n_words):
        for _ in range(draw(st.integers(0, 2))):
            choice = draw(st.sampled_from(["open", "close", "void", "ph"]))
            if choice == "open":
                tag += 1
                stack.append(tag)
                parts.append(f"<{tag}>")
            elif choice == "close" and stack:
                parts.append(f"</{stack.pop()}>")
            elif choice == "void":
                tag += 1
                parts.append(f"<{tag}/>")
            elif choice == "ph":
                ph += 1
                parts.append(f" <t{ph}/> ")
        parts.append(f" w{i} ")
    parts += [f"</{n}>" for n in reversed(stack)]
    return " ".join("".join(parts).split())


@settings(max_examples=50, deadline=None, derandomize=True)
@given(source=marked_source(), data=st.data())
def test_every_code_comes_back_once_well_nested(source, data):
    p = plan(source, stand_in)
    src = ["▁" + w for w in p.text.split()]
    n_tgt = data.draw(st.integers(0, 10))
    tgt = [data.draw(st.sampled_from(["▁x", "y", ".", "▁z", "▁" + STAND]))
           for _ in range(n_tgt)]
    stand_ins = [0 if t == "▁" + STAND and p.placeholders else None for t in tgt]
    tgt = [t if s is not None or t != "▁" + STAND else "▁q" for t, s in
           zip(tgt, stand_ins, strict=True)]
    att = [[data.draw(st.floats(0, 1)) for _ in src] for _ in tgt]
    out = project(p, src, tgt, att, stand_ins)
    codes = [x for x in out if isinstance(x, str)]
    assert Counter(codes) == Counter(INLINE_RE.findall(source))
    assert misnested_tag("".join(codes)) is None
    kept = [x for x in out if isinstance(x, int)]
    assert kept == [t for t, s in enumerate(stand_ins) if s is None]
