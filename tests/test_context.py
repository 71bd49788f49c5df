"""The stage contract: a misordered pipeline fails when it is built, naming the stage and the
missing field."""

import pytest

from locpipe import pipeline
from locpipe.context import (
    Context,
    Pipeline,
    Settings,
    StageOrderError,
    check_order,
    stage,
    stage_name,
)
from locpipe.document import Segment, Unit
from locpipe.stages import glossary, localize, protect, translate


def test_the_shipped_order_satisfies_every_contract():
    stages = list(pipeline.TARGET_PIPELINE)
    assert check_order(stages) == stages


def test_a_stage_before_what_it_needs_names_both():
    order = [protect.prepare, translate.translate_units, localize.restore, localize.mask]
    with pytest.raises(StageOrderError) as err:
        check_order(order)
    assert str(err.value) == (
        "stage 'localize.restore' requires 'numbers', which no stage before it assigns "
        "(stages before it: protect.prepare, translate.translate_units)")


def test_restoring_terms_without_masking_them_is_refused():
    with pytest.raises(StageOrderError, match="'glossary.restore_terms' requires 'terms'"):
        check_order([protect.prepare, translate.translate_units, glossary.restore_terms])


def test_a_stage_without_a_contract_is_refused():
    def shout(units, ctx):
        for u in units:
            u.target = u.target.upper()

    with pytest.raises(StageOrderError, match="stage 'test_context.shout' declares no contract"):
        check_order([protect.prepare, shout])


def test_a_declared_stage_can_be_added():
    @stage(requires=("target",), assigns=("target",))
    def shout(units, ctx):
        pass

    order = [*pipeline.TARGET_PIPELINE.stages[:-1], shout, pipeline.TARGET_PIPELINE.stages[-1]]
    assert check_order(order)[-2] is shout


def test_every_shipped_stage_declares_its_progress_label():
    labels = {s.label for s in pipeline.TARGET_PIPELINE}
    assert "translating" in labels and "QA checks" in labels
    assert all(s.label != stage_name(s) for s in pipeline.TARGET_PIPELINE)


def test_a_pipeline_without_stages_keeps_the_order_and_still_checks_it():
    whole = pipeline.TARGET_PIPELINE
    shorter = whole.without("reuse", "check.run_checks")
    assert shorter.names == [n for n in whole.names if n not in ("reuse.reuse",
                                                                "check.run_checks")]
    assert len(whole) == len(shorter) + 2  # the value itself is never edited
    with pytest.raises(StageOrderError, match="requires 'engine_input'"):
        whole.without("protect")
    with pytest.raises(StageOrderError, match="no stage 'proofread'"):
        whole.without("proofread")


def test_a_pipeline_runs_its_stages_in_order_and_says_which_starts():
    @stage(requires=("segment",), assigns=("target",), label="writing the draft")
    def draft(units, ctx):
        for u in units:
            u.target = u.segment.text.lower()

    @stage(requires=("target",), assigns=("target",))
    def shout(units, ctx):
        for u in units:
            u.target = u.target.upper() + "!"

    started = []
    units = [Unit(Segment("wire:1.1", 1, 1, "paragraph", "Ferries Sail Again"), "fr")]
    out = Pipeline([draft, shout]).run(units, Context("fr", Settings(targets=["fr"])),
                                       lambda fn: started.append(fn.label))
    assert out is units and units[0].target == "FERRIES SAIL AGAIN!"
    assert started == ["writing the draft", "test_context.shout"]


def test_the_article_stages_are_checked_like_the_target_stages():
    from locpipe.context import ARTICLE_START
    from locpipe.stages import detect, read, segment

    names = pipeline.ARTICLE_PIPELINE.names
    assert names.index("read.read_articles") < names.index("segment.segment_articles") \
        < names.index("detect.check_source")
    with pytest.raises(StageOrderError, match="'segment.segment_articles' requires "
                                             "'document'"):
        Pipeline([segment.segment_articles, read.read_articles], ARTICLE_START)
    checked = pipeline.ARTICLE_PIPELINE.without("read", "rerun", given=("document",))
    assert checked.names == ["segment.segment_articles", "detect.check_source"]
    with pytest.raises(StageOrderError, match="requires 'document'"):
        pipeline.ARTICLE_PIPELINE.without("read")
    assert detect.check_source.label == "checking the source language"


def test_an_article_that_cannot_be_read_fails_alone(tmp_path):
    from locpipe.document import Draft

    good = tmp_path / "ferry.txt"
    good.write_text("Ferry sails again\n\nThe ferry to Arwad sailed on Monday. It was full.\n",
                    encoding="utf-8")
    drafts = [Draft(tmp_path / "missing.txt", "missing"), Draft(good, "ferry")]
    reading = pipeline.ARTICLE_PIPELINE.without("rerun")
    reading.run(drafts, Context("en", Settings(targets=["fr"])))
    assert drafts[0].failure is not None and "missing.txt" in str(drafts[0].failure)
    assert drafts[0].doc is None
    assert drafts[1].failure is None
    assert [s.id for s in drafts[1].doc.segments] == ["ferry:1.1", "ferry:2.1", "ferry:2.2"]
