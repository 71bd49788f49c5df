"""The stage contract: a misordered pipeline fails when it is built, naming the stage and the
missing field."""

import pytest

from locpipe import pipeline
from locpipe.context import StageOrderError, check_order, stage
from locpipe.stages import glossary, localize, protect, translate


def test_the_shipped_order_satisfies_every_contract():
    assert check_order(pipeline.TARGET_STAGES) == pipeline.TARGET_STAGES


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

    order = [*pipeline.TARGET_STAGES[:-1], shout, pipeline.TARGET_STAGES[-1]]
    assert check_order(order)[-2] is shout
