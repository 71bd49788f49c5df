"""The rules on pathological long inputs: one token without spaces of every shape (letters,
digits, digits with separators, address characters), in English and right-to-left contexts,
through number detection, URL finding, typography and bidi runs; many shielded spans; many
numbers and terms in one text. Scaling tests, not timing tests: each runs at n and 4n and the
cost (best of 3, CPU time) must grow about 4×, not 16× (the bound is 6×)."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

import pytest

from locpipe.rules import numbers, typography, urls
from locpipe.rules.terms import Span, restore_text

MAX_RATIO = 6.0
# Below this (seconds, at 4n) a ratio is timer noise; a quadratic path at these sizes takes
# tenths of a second (a long word through the old number patterns: 0.6 s at 4,800 characters).
FAST = 0.01


def _ratio(fn: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    def best(text: str) -> float:
        out = float("inf")
        for _ in range(3):
            start = time.process_time()
            fn(text)
            out = min(out, time.process_time() - start)
        return out

    small, large = make(n), make(4 * n)
    fn(small)  # caches warmed
    for _ in range(2):  # a busy machine can inflate one pair: measure twice before failing
        t_large = best(large)
        if t_large < FAST:
            return 1.0  # too fast to measure a ratio: no quadratic path at this size is
        ratio = t_large / best(small)
        if ratio < MAX_RATIO:
            break
    return ratio


SHAPES = {"letters": "Rk", "digits": "47", "letters-digits": "K9", "dotted": "7.",
          "commas": "3,", "dashes": "w-", "address": "m@", "underscores": "z_"}
CONTEXTS = {"en": ("The checkpoint code read ", " on the morning the convoy left."),
            "ar": ("قال المسؤول إن الرمز ", " صباح يوم الخميس.")}
RULES = {
    "detect": numbers.detect,
    "find_urls": urls.find_urls,
    "typeset-fr": lambda t: typography.typeset(t, "fr"),
    "typeset-ar": lambda t: typography.typeset(t, "ar"),
    "ltr_runs": typography.ltr_runs,
    "read_tokens-ar": lambda t: numbers.read_tokens(t, numbers.style_for("ar", None)),
}


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("context", CONTEXTS)
def test_one_long_token_costs_linear_time(rule, shape, context):
    before, after = CONTEXTS[context]
    ratio = _ratio(RULES[rule], lambda n: before + SHAPES[shape] * n + after, 1500)
    assert ratio < MAX_RATIO


def test_a_number_of_thousands_of_digits_is_read_not_a_crash():
    det = numbers.detect("The ledger showed " + "9" * 5000 + " units.")
    assert [q.kind for *_, q in det.spans] == ["number"]
    assert det.spans[0][2].value == Decimal("9" * 5000)


def test_typography_keeps_every_shielded_span_past_the_private_use_block():
    # 7,000 markup tags and URLs: more than the 6,400 characters of the private-use block
    text = " ".join(f"<{k}/>voir https://ex.org/{k} ;" for k in range(1, 3501))
    out = typography.typeset(text, "fr")
    assert out == " ".join(f"<{k}/>voir https://ex.org/{k}\u202f;" for k in range(1, 3501))


def test_typography_leaves_private_use_characters_of_the_text_alone():
    text = "Icône \ue000 et <1/> ici : fin"
    assert typography.typeset(text, "fr") == "Icône \ue000 et <1/> ici\u202f: fin"


def _terms_output(n: int) -> tuple[str, dict[int, Span]]:
    towns = ["Alep", "Homs", "Idleb", "Hama"]
    spans = {k: Span(towns[k % 4], towns[k % 4]) for k in range(1, n + 1)}
    return "Les convois sont passés par " + ", ".join(
        f"le centre de <t{k}/>" for k in range(1, n + 1)) + ".", spans


def test_many_terms_in_one_sentence_are_restored_in_linear_time():
    outputs = dict(_terms_output(n) for n in (400, 1600))  # text -> its spans, built untimed
    ratio = _ratio(lambda t: restore_text(t, outputs[t], "fr"),
                   lambda n: _terms_output(n)[0], 400)
    assert ratio < MAX_RATIO


def test_restoring_many_terms_keeps_elision_and_sentence_starts_far_into_the_text():
    text, spans = _terms_output(300)
    spans[301] = Span("armée syrienne", "the Syrian army")
    spans[302] = Span("Alep", "Aleppo")
    text += " <t301/> a tiré, selon l'agence. « <t302/> » aussi."
    out, issues, lost = restore_text(text, spans, "fr")
    assert (lost, issues) == (set(), [])
    assert out.startswith("Les convois sont passés par le centre de Homs, le centre d'Idleb, "
                          "le centre de Hama, le centre d'Alep, le centre de Homs,")
    assert out.endswith("le centre d'Alep. Armée syrienne a tiré, selon l'agence. Alep aussi.")


def _numbers_text(n: int) -> str:
    return "L'agence a compté " + ", ".join(
        f"{k % 900 + 100}.000 personnes au camp {k}" for k in range(1, n + 1)) + "."


def _numbers_source(n: int) -> str:
    return "The agency counted " + ", ".join(
        f"{k % 900 + 100},000 people in camp {k}" for k in range(1, n + 1)) + "."


def test_many_numbers_in_one_sentence_are_aligned_and_repaired_in_linear_time():
    style = numbers.style_for("fr", None)

    def run(text: str) -> object:
        n = text.count("camp")
        det = numbers.detect(_numbers_source(n))
        qs = [q for *_, q in det.spans]
        return numbers.repair(text, qs, det.ignored, style)

    assert _ratio(run, _numbers_text, 300) < MAX_RATIO


def test_repair_rewrites_the_number_where_the_engine_wrote_it_across_tags():
    style = numbers.style_for("fr", None)
    det = numbers.detect("About 40% of 12,500 homes and 340 shops")
    qs = [q for *_, q in det.spans]
    # the first "40%" the text holds is inside "340%"; the token is the last one
    text = "<t1/> 340% <1>de</1> 12.500 logements et 40% des"
    out, notes = numbers.repair(text, qs, det.ignored, style)
    assert out == "<t1/> 340% <1>de</1> 12\u202f500 logements et 40\u00a0% des"
    assert notes == ["'12.500' → '12\u202f500'", "'40%' → '40\u00a0%'"]
