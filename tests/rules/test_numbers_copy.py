"""A detection's copy (Detection.__deepcopy__, what Segment.once hands each target language):
equal to the original, and nothing a language changes in its copy reaches another's."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
from decimal import Decimal

from locpipe.document import Segment
from locpipe.rules.numbers import detect

TEXT = ("On Tuesday, Nov. 12, 2024 at 4:30 p.m. the port authority said 12,500 tonnes of "
        "grain worth $3.4 million left berth 7 (call +44 20 7946 0321 or see www.example.org), "
        "up 8.5% on 1,2,3; the 1990s; 43rd; ½ cup; 5 hours.")


def test_a_copy_is_equal_and_shares_no_changeable_part():
    det = detect(TEXT, "mdy", dt.date(2024, 11, 1))
    assert len(det.spans) > 8 and det.ignored
    twin = copy.deepcopy(det)
    assert twin == det and pickle.dumps(twin) == pickle.dumps(det)
    for (*_, a), (*_, b) in zip(det.spans, twin.spans, strict=True):
        assert a is not b
    for name in ("spans", "ignored", "scales", "notes", "problems"):
        assert getattr(twin, name) is not getattr(det, name)
    twin.spans[0][2].masked = False
    twin.notes.append("changed by one language")
    assert det.spans[0][2].masked and "changed by one language" not in det.notes


def test_a_quantitys_fields_hold_only_immutable_values():
    """What makes copying a Quantity's attributes a deep copy."""
    immutable = (str, int, bool, Decimal, dt.date, dt.time, type(None))
    for *_, q in detect(TEXT, "mdy", dt.date(2024, 11, 1)).spans:
        for f in dataclasses.fields(q):
            assert isinstance(getattr(q, f.name), immutable), (q, f.name)


def test_a_segment_hands_each_language_its_own_detection():
    seg = Segment("port:1.1", 1, 1, "paragraph", TEXT)
    first = seg.once(detect, TEXT, "mdy", None)
    first.spans[0][2].masked = False  # what the verify-only design does to its copy
    second = seg.once(detect, TEXT, "mdy", None)
    assert second.spans[0][2].masked and second == detect(TEXT, "mdy", None)
