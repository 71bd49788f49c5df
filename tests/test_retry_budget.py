"""The retry budget (issue 15): second passes of a run — the engine's aligned markup
re-translation, the language retry, the glossary's n-best and retry — together decode at most
`--retry-budget` (default +40 %) of the first pass's tokens, and the run says what was
retried."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.context import RETRY_FLOOR, Context, RetryBudget, Settings
from locpipe.document import Segment, Unit
from locpipe.stages import detect, translate
from tests.stages.test_detect import StubbornEnglishEngine

runner = CliRunner()


def test_grants_in_order_until_the_share_of_the_first_pass_is_spent():
    budget = RetryBudget(0.5)
    budget.record_first(10_000)
    assert budget.limit == 5_000
    granted = budget.grant("language", ["a" * 2_000, "b" * 2_500, "c" * 1_000, "d" * 400])
    assert granted == [0, 1, 3]
    assert (budget.spent, budget.retried, budget.refused) == (4_900, {"language": 3},
                                                              {"language": 1})
    assert budget.summary() == ("retried 3 segments (language 3); budget 4,900 of 5,000 "
                                "characters decoded again (+49 % of the first pass; limit +50 %, "
                                "at least 2,000); 1 not retried over budget (language 1)")


def test_a_small_run_may_still_retry_its_few_segments_and_zero_never_retries():
    budget = RetryBudget(0.5)
    budget.record_first(300)
    assert budget.limit == RETRY_FLOOR["characters"]
    assert budget.grant("glossary", ["x" * 250]) == [0]
    never = RetryBudget(0.0)
    never.record_first(300)
    assert never.grant("glossary", ["x"]) == []


@settings(max_examples=50, deadline=None, derandomize=True)
@given(first=st.integers(0, 200_000), ratio=st.floats(0, 3),
       asks=st.lists(st.tuples(st.sampled_from(["language", "glossary", "markup"]),
                               st.lists(st.integers(1, 3_000), max_size=30)), max_size=6))
def test_spending_never_passes_the_limit_and_every_segment_is_counted(first, ratio, asks):
    budget = RetryBudget(ratio)
    budget.record_first(first)
    for reason, sizes in asks:
        budget.grant(reason, ["x" * n for n in sizes])
        assert budget.spent <= budget.limit
    asked = sum(len(sizes) for _, sizes in asks)
    assert sum(budget.retried.values()) + sum(budget.refused.values()) == asked


def _units(texts, lang="ar"):
    units = []
    for i, t in enumerate(texts):
        u = Unit(Segment(f"a:{i}.0", i, 0, "paragraph", t), lang)
        u.engine_input = t
        units.append(u)
    return units


SENTENCES = [f"The council said on {day} that {n} trucks had reached the northern town, and "
             f"that more would follow." for day, n in
             zip(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] * 10,
                 range(11, 71), strict=True)]  # 6,000 characters: over the floor's reach


def test_language_retries_stop_at_the_budget_and_the_rest_is_flagged():
    engine = StubbornEnglishEngine()  # every output stays English
    ctx = Context("ar", Settings(targets=["ar"], retry_budget=0.5), _engine=engine)
    units = _units(SENTENCES)
    translate.translate_units(units, ctx)
    detect.check_output(units, ctx)
    first = sum(len(t) for t in SENTENCES)
    retried_chars = sum(len(t) for call in engine.calls[1:] for t in call)
    assert retried_chars <= 0.5 * first
    budget = ctx.budget
    assert budget.retried["language"] + budget.refused["language"] == len(SENTENCES)
    assert budget.refused["language"] > 0
    skipped = [u for u in units if any("not retried (the run's retry budget was spent)"
                                       in f.message for f in u.findings)]
    assert len(skipped) == budget.refused["language"]
    assert all(f.severity == "error" for u in skipped for f in u.findings)


def test_translate_prints_the_retry_summary(monkeypatch, tmp_path):
    import locpipe.engines

    monkeypatch.setitem(locpipe.engines.ENGINES, "fake-stubborn",
                        "tests.stages.test_detect:StubbornEnglishEngine")
    article = tmp_path / "trucks.txt"
    article.write_text("Trucks reach the north\n\n" + " ".join(SENTENCES) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "fake-stubborn",
                                 "--to", "ar", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("Retries — ar: "))
    m = re.fullmatch(r"Retries — ar: retried (\d+) segments \(language \1\); budget ([\d,]+) of "
                     r"([\d,]+) characters decoded again \(\+(\d+) % of the first pass; limit "
                     r"\+40 %, at least 2,000\); (\d+) not retried over budget \(language \5\)",
                     line)
    assert m, line
    assert int(m[1]) + int(m[5]) == len(SENTENCES) + 1  # the headline stayed English too
    assert int(m[4]) <= 40


def test_bad_retry_budget_is_one_line_exit_2(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Trucks reach the north\n\nThe council said so.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "pseudo", "--to", "fr",
                                 "--out", str(tmp_path / "out"), "--retry-budget", "-1"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: --retry-budget -1 is not allowed; give a number from 0 to 10 (0 never "
           "retries; 0.5 lets second passes decode +50 % of the first pass)\n")
    assert not (tmp_path / "out").exists()


def test_an_engine_that_counts_tokens_prices_a_retry_at_what_its_first_decode_cost():
    budget = RetryBudget(0.5)
    budget.count_tokens(lambda text: 7 * len(text.split()))
    budget.record_first(0)
    budget.in_first_pass = True
    budget.decoded("Short one.", 40)  # a short sentence can cost as much as a long one
    budget.decoded("A much longer sentence about the convoy that reached Homs.", 44)
    budget.in_first_pass = False
    budget.decoded("Short one.", 40)  # a retry's own decode is not first pass
    assert (budget.first, budget.unit, budget.limit) == (84, "tokens", 1_000)
    assert budget.cost("Short one.") == 40  # what it cost, not its 10 characters
    assert budget.cost("Never decoded before today.") == 28  # the engine's estimate
    assert budget.grant("markup", ["Short one.", "Never decoded before today."]) == [0, 1]
    assert budget.spent == 68
    assert budget.summary() == ("retried 2 segments (markup 2); budget 68 of 1,000 tokens "
                                "decoded again (+81 % of the first pass; limit +50 %, at least "
                                "1,000)")


def test_a_shard_budget_sent_back_keeps_its_counts_and_leaves_its_engine_behind():
    import pickle

    budget = RetryBudget(0.5)
    budget.count_tokens(lambda text: (_ for _ in ()).throw(AssertionError))  # unpicklable
    budget.record_first(3_000)
    budget.grant("language", ["x"] * 0)
    budget.retried["language"] = 2
    sent = pickle.loads(pickle.dumps(budget.detached()))
    assert (sent.first, sent.retried, sent.unit, sent.costs) == (3_000, {"language": 2},
                                                                 "tokens", {})
    run = RetryBudget(0.5)
    run.add(sent)
    run.add(sent)
    assert (run.first, run.retried, run.unit) == (6_000, {"language": 4}, "tokens")


def test_a_run_sums_what_each_shard_allowed_so_its_line_never_reads_over_budget():
    """Each shard has its own limit, the floor included: a small last shard may retry 1,000
    tokens of a 300-token first pass. The run's line adds the shards' limits, so it never
    reads "46,483 of 46,452"."""
    big, small = RetryBudget(0.5), RetryBudget(0.5)
    big.count_tokens(len)
    small.count_tokens(len)
    big.record_first(90_000)
    small.record_first(300)
    big.spent, small.spent = 45_000, 900
    run = RetryBudget(0.5)
    for shard in (big.detached(), small.detached()):
        run.add(shard)
    assert (run.first, run.spent, run.limit) == (90_300, 45_900, 46_000)
    assert "budget 45,900 of 46,000 tokens decoded again (+51 % of the first pass" in run.summary()
