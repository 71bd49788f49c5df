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
