"""Issue 12 class 2 (rest): a date without a year ("Friday, Oct. 4") takes its year from the
article's dateline or date line, and the source's weekday is checked against it; a value whose
CLDR form ends with a full stop keeps one stop at the end of a sentence. Wire copy written for
these tests, through the whole `translate --engine pseudo` path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polib
import pytest

from locpipe import pipeline
from locpipe.context import Settings
from locpipe.rules import numbers
from locpipe.rules.numbers import detect, reference_date

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lines, want", [
    (["Ceasefire talks move to Geneva", "BEIRUT, Oct. 2, 2024 (AP) — Envoys met on Wednesday."],
     dt.date(2024, 10, 2)),
    (["Ceasefire talks move to Geneva", "AMMAN, Jordan, 14 January 2025 (Reuters) - Envoys"],
     dt.date(2025, 1, 14)),
    (["Ceasefire talks move to Geneva", "By Leila Haddad", "Published: Tuesday, Dec. 30, 2025",
      "Envoys met on Monday."], dt.date(2025, 12, 30)),
    (["Ceasefire talks move to Geneva", "Updated March 8, 2026 6:40 p.m. GMT"],
     dt.date(2026, 3, 8)),
    (["Ceasefire talks move to Geneva", "<1>AMMAN</1>, Jordan, Feb. 9, 2026 (AFP) — Envoys"],
     dt.date(2026, 2, 9)),
    # history in running text is not the story's date; neither is a dateline without one
    (["Ceasefire talks move to Geneva", "The war began on March 15, 2011, envoys recalled."],
     None),
    (["Ceasefire talks move to Geneva", "AMMAN, Jordan (AP) — On Feb. 9, 2026 envoys met."],
     None),
])
def test_reference_date_is_the_dateline_or_date_line(lines, want):
    assert reference_date(lines) == want


@pytest.mark.parametrize("reference, text, year", [
    (dt.date(2024, 10, 2), "Friday, Oct. 4", 2024),
    (dt.date(2025, 1, 2), "Sunday, Dec. 29", 2024),  # just past, across New Year
    (dt.date(2025, 12, 30), "Monday, Jan. 5", 2026),  # to come, across New Year
])
def test_a_date_without_a_year_takes_the_nearest_year_around_the_reference(reference, text,
                                                                           year):
    det = detect(f"Envoys will meet again on {text}, officials said.", reference=reference)
    (q,) = [q for *_, q in det.spans]
    assert q.date.year == year and q.parts == "dmw"
    assert det.notes == [f"dates: '{text}' gives no year; {year} from the article's date "
                         f"({reference:%-d %B %Y}), and the weekday matches"]


def test_a_weekday_that_disagrees_with_the_dateline_is_kept_and_flagged():
    det = detect("Envoys will meet again on Saturday, Oct. 4.", reference=dt.date(2024, 10, 2))
    (q,) = [q for *_, q in det.spans]
    assert q.date.weekday() == 5 and (q.date.month, q.date.day) == (10, 4)  # the source's
    assert det.notes == ["dates: 'Saturday, Oct. 4': the weekday does not match 4 October 2024 "
                         "(a Friday; the year is the article's date's, 2 October 2024); the "
                         "source's weekday is kept — check it"]


def _translate(tmp_path: Path, name: str, text: str, lang: str) -> tuple[str, polib.POFile]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    settings = Settings(targets=[lang], engine="pseudo", out_dir=tmp_path / "out",
                        memory_dir=tmp_path / "memory", glossary_dirs=[ROOT / "glossary"])
    result = pipeline.run([path], settings)
    assert not result.failures, result.failures
    out = tmp_path / "out" / path.stem
    return (out / f"{lang}.html").read_text(encoding="utf-8"), polib.pofile(out / f"{lang}.po")


WIRE = """\
Envoys to resume truce talks in Geneva

AMMAN, Jordan, Oct. 2, 2024 (AP) — Envoys said the talks would resume on Friday, Oct. 4, \
and that a second round was planned for Saturday, Oct. 12.
"""


def test_the_page_keeps_the_weekdays_and_the_po_says_where_the_year_came_from(tmp_path):
    page, po = _translate(tmp_path, "truce-talks.txt", WIRE, "fr")
    assert "vendredi 4 octobre" in page and "samedi 12 octobre" in page
    assert "2024" in page  # the dateline's own date, and no year added to the others
    assert page.count("2024") == 1
    entry = next(e for e in po if "Friday" in e.msgid)
    assert ("dates: 'Friday, Oct. 4' gives no year; 2024 from the article's date (2 October "
            "2024), and the weekday matches") in entry.comment
    assert ("dates: 'Saturday, Oct. 12' gives no year; 2024 from the article's date (2 October "
            "2024), and the weekday matches") in entry.comment


def test_a_wrong_weekday_is_an_info_finding_in_the_report(tmp_path):
    text = WIRE.replace("Saturday, Oct. 12", "Sunday, Oct. 12")
    page, po = _translate(tmp_path, "truce-talks.txt", text, "fr")
    assert "dimanche 12 octobre" in page  # the source's weekday, translated
    entry = next(e for e in po if "Friday" in e.msgid)
    assert ("dates: 'Sunday, Oct. 12': the weekday does not match 12 October 2024 (a Saturday; "
            "the year is the article's date's, 2 October 2024); the source's weekday is kept — "
            "check it") in entry.comment


def test_a_value_ending_in_a_full_stop_ends_the_sentence_with_one():
    style = numbers.style_for("ru", Settings(targets=["ru"]))
    det = detect("Aid resumed on March 9, 2025. It stopped in May 2025... It came back on "
                 "June 1, 2025 in Homs and at 4:30 p.m. on June 2, 2025.")
    values = {k: q for k, (*_, q) in enumerate(det.spans, start=1)}
    out, problems = numbers.restore_text(
        "Помощь <n1/>. Май <n2/>... Снова <n3/> в Хомсе, в <n4/> <1><n5/></1>.", values, style)
    assert problems == []
    assert out == ("Помощь 9 марта 2025\u202fг. Май май 2025\u202fг... Снова 1 июня 2025\u202fг. "
                   "в Хомсе, в 16:30 <1>2 июня 2025\u202fг</1>.")


@pytest.mark.parametrize("lang, locale", [("bg", "bg_BG"), ("bs", "bs"), ("lt", "lt")])
def test_any_locale_whose_form_ends_in_a_full_stop_keeps_one(lang, locale):
    style = numbers.Style(lang, numbers.target_locale(lang, {lang: locale}), "latn")
    det = detect("Aid resumed in May 2025. It came back on June 1, 2025.")
    values = {k: q for k, (*_, q) in enumerate(det.spans, start=1)}
    out, _ = numbers.restore_text("X <n1/>. Y <n2/>.", values, style)
    assert out.endswith(".") and ".." not in out
