"""A date and a clock time written together are one value ("Jan 15, 1:00 PM", "13:00 February
28, 2013", "23.04.2022 14:55", "Wed Oct 26 15:50:06 2016"), and so are a date and a range of
clock times ("Tuesday, Jan 15, 1:00 PM - 1:15 PM", "between 10 and 11:30 on 1/1/2015"): the
target writes them with CLDR's date-time combination pattern and interval formats
(render._datetime_text), not as two values the engine has to put back side by side.

The values the patterns found are joined here, in one pass over them in text order, looking
only at the few characters between two neighbours (a comma, "at", "@", "on", "between ... and
..."): no second scan of the text. A weekday written just before a date joins it ("Friday
2018-7-6", "tues the 4th 7pm", "Wed Oct 26 ... 2016"), checked against the date when the year
is known. A day with no month ("Friday the 26th") is a date only after its weekday; a bare
figure ("friday 23 at 4", "between 10 and 11:30") is an hour only next to a date or another
clock time, and is written as the source wrote it, on the 24-hour clock: no a.m./p.m. is
guessed. Of two clock times sharing one a.m./p.m. ("between 2 and 4pm", "9:30 and 3:00 pm")
the first takes the period unless that puts it after the second.

Part of locpipe.rules.numbers (the design note is in its __init__)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from locpipe.rules.numbers.patterns import WEEKDAYS

Quantity = Any  # detect's Quantity (detect imports this module): built as type(a value found)
Detection = Any

_BEFORE = 24
_WD = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_WD_BEFORE = re.compile(r"\b(" + _WD + r")\.?,?\s+(?:the\s+)?\Z", re.I)
_WD_AT_BEFORE = re.compile(r"\b" + _WD + r"s?\s+at\s+\Z", re.I)  # "Thursdays at 17.30"
# between a date and its time: "Jan 15, 1:00 PM", "5/3/18 @ 17:49:19", "May/22(Tue)-11:30 AM"
_JOIN = re.compile(r"\s*(?:\(\s*(?P<wd>" + _WD + r")\.?\s*\))?\s*(?P<w>,|@|at|on|for|-|–)?\s*",
                   re.I)  # "for" only before a time with its a.m./p.m. ("Oct. 14 for 8pm")
# "13:00 February 28, 2013"; not "at 4 a.m. on Nov. 27": news copy's own order, each value
# placed by the engine with its preposition ("à 4 h le 27 novembre")
_TIME_THEN_DATE = re.compile(r"\s+|\s*,\s*")
_TO = re.compile(r"\s*(?:[-–—]|to|and)\s*", re.I)
_BETWEEN = re.compile(r"\s+between\s+", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+\Z", re.I)
_ON = re.compile(r"\s+on\s+|\s*,\s*", re.I)
_DATE_LIKE = frozenset({"date", "fraction", "ordinal", "number"})
_TIME_LIKE = frozenset({"time", "duration", "number", "timerange"})
_DOTTED_HOUR = re.compile(r"(\d{1,2})\.([0-5]\d)")
_CLOCK_SECONDS = re.compile(r"(\d{1,2}):([0-5]\d):([0-5]\d)")


def _weekday(word: str) -> int:
    return [w[:3] for w in WEEKDAYS].index(word[:3].lower())


def _time_of(q: Quantity, bare: bool) -> tuple[dt.time, bool] | None:
    """(clock time, whether the source gave its a.m./p.m.) of a value that can be one; a
    bare figure ("4", "9.30") only where `bare` (next to a date or another time)."""
    if q.kind == "time" and q.time is not None:
        return q.time, not q.clock24
    if q.kind == "duration":  # "15:50:06" after a date is the clock, not a race time
        m = _CLOCK_SECONDS.fullmatch(q.text)
        if m and int(m.group(1)) < 24:
            return dt.time(*map(int, m.groups())), False
        return None
    if bare and q.kind == "number" and q.value is not None and not q.scale and not q.sign:
        m = _DOTTED_HOUR.fullmatch(q.text)
        if m and int(m.group(1)) < 24:
            return dt.time(int(m.group(1)), int(m.group(2))), False
        if q.text.isdigit() and int(q.text) < 24:
            return dt.time(int(q.text)), False
    return None


def _pair(first: tuple[dt.time, bool], second: tuple[dt.time, bool]
          ) -> tuple[dt.time, dt.time, bool] | None:
    """Two clock times as a range (start, end, any period given); None when the start is
    not before the end. A start without a.m./p.m. takes the end's unless it is then later."""
    (t1, p1), (t2, p2) = first, second
    if p2 and not p1 and t1.hour <= 12:
        moved = dt.time(t1.hour % 12 + (12 if t2.hour >= 12 else 0), t1.minute, t1.second)
        t1 = moved if moved < t2 else dt.time(t1.hour % 12, t1.minute, t1.second)
    if t1 >= t2:
        return None
    return t1, t2, p1 or p2


class _Joiner:
    """One pass over a text's values, joining dates with their weekdays and clock times."""

    def __init__(self, text: str, det: Detection, order: str) -> None:
        self.text, self.det, self.order = text, det, order
        self.spans = sorted(det.spans, key=lambda s: s[0])
        self.new = type(self.spans[0][2])  # detect's Quantity

    def time_next(self, i: int) -> bool:
        """Whether the value after span i, a few characters on, can be a clock time."""
        return i + 1 < len(self.spans) and self.spans[i + 1][2].kind in _TIME_LIKE and \
            self.spans[i + 1][0] - self.spans[i][1] <= 12

    def clock(self, i: int, j: int) -> bool:
        """Whether span i or j (the ends of a range) is a clock time, not a bare figure:
        "between 5 and 10 on March 3" may be a count."""
        return self.spans[i][2].kind != "number" or self.spans[j][2].kind != "number"

    def gap(self, i: int, j: int) -> str:
        return self.text[self.spans[i][1]:self.spans[j][0]]

    def prev_end(self, i: int) -> int:
        """Where the words before span i that can join it start (a weekday, "between"): at
        most _BEFORE characters back, so the gaps are never scanned whole."""
        return max(self.spans[i - 1][1] if i else 0, self.spans[i][0] - _BEFORE)

    def date_at(self, i: int, need_time: bool) -> tuple[int, dt.date, str] | None:
        """(start, date, parts) of the date at span i, its weekday joined; days without a
        month, and fractions, are dates only with a weekday (or, fractions, a time after)."""
        start, _end, q = self.spans[i]
        if q.kind not in _DATE_LIKE or (q.kind == "number" and not self.time_next(i)):
            return None  # a figure is a day only before a clock time: "Friday 23 at 4"
        wd = _WD_BEFORE.search(self.text, self.prev_end(i), start)
        weekday = _weekday(wd.group(1)) if wd else None
        # "sat", "sun", "wed" are words too: in lower case and cut short they are a weekday
        # only where one fits (no problem is reported), never before a bare figure
        loose = wd is not None and wd.group(1).islower() and not wd.group(1).endswith("day")
        if loose and q.kind in ("fraction", "number"):
            wd = weekday = None
        if q.kind == "date" and q.date and "d" in q.parts:
            date, parts = q.date, q.parts
            if weekday is None or "w" in parts:
                return start, date, parts
            if "y" in parts:
                if date.weekday() != weekday and loose:
                    return start, date, parts
                if date.weekday() != weekday:
                    self.det.problems.append(
                        f"'{self.text[wd.start():self.spans[i][1]]}': {date:%-d %B %Y} is "
                        f"a {WEEKDAYS[date.weekday()].title()}, not a "
                        f"{WEEKDAYS[weekday].title()}")
                    return start, date, parts
                return wd.start(), date, parts + "w"
            fitted = self.dated(date.month, date.day, weekday)  # the year is not written
            return (wd.start(), fitted, parts + "w") if fitted else (start, date, parts)
        if q.kind == "fraction" and q.whole is None and q.value2 is not None and \
                (weekday is not None or need_time):
            a, b = int(q.value), int(q.value2)
            day, month = _day_month(a, b, self.order)
            if month > 12 or not 1 <= day <= 31:
                return None
            if weekday is None:
                try:
                    return start, dt.date(2000, month, day), "dm#"
                except ValueError:
                    return None
            date = self.dated(month, day, weekday)
            return (wd.start(), date, "dm#w") if date else None
        if q.kind in ("ordinal", "number") and weekday is not None and q.value is not None \
                and q.value == int(q.value) and 1 <= q.value <= 31 and \
                (q.kind == "ordinal" or need_time):
            day = int(q.value)
            for month in range(1, 13):  # a month in which the day falls on the weekday
                date = self.dated(month, day, weekday, near=False)
                if date:
                    return wd.start(), date, "dw"
        return None

    def dated(self, month: int, day: int, weekday: int, near: bool = True) -> dt.date | None:
        """The month/day in a year where it falls on `weekday` (the article's year when it
        does; only day, month and weekday are written)."""
        ref = self.det.reference
        known = _year_near(month, day, ref) if ref and near else None
        year = known if known and _weekday_of(known, month, day) == weekday else \
            _year_with_weekday(month, day, weekday)
        return dt.date(year, month, day) if year else None

    def times_after(self, i: int, bare: bool) -> tuple[int, int, dt.time, dt.time | None,
                                                       bool] | None:
        """The clock time (or range) starting at span i: (last span index, end, start time,
        end time, any period given)."""
        if i >= len(self.spans):
            return None
        q = self.spans[i][2]
        if q.kind == "timerange":
            return i, self.spans[i][1], q.time, q.time2, True
        first = _time_of(q, bare)
        if first is None:
            return None
        if i + 1 < len(self.spans) and _TO.fullmatch(self.gap(i, i + 1)):
            second = _time_of(self.spans[i + 1][2], bare)
            pair = second and _pair(first, second)
            if pair:
                return i + 1, self.spans[i + 1][1], pair[0], pair[1], pair[2]
        if bare and not first[1] and self.spans[i][2].kind == "number" and \
                not self.text[self.spans[i][0]:self.spans[i][1]].isdigit():
            return None  # "9.30" alone is a figure, not a time
        return i, self.spans[i][1], first[0], None, first[1]

    def join_at(self, i: int) -> tuple[int, int, Quantity, int] | None:
        """The joined value starting at span i: (start, end, value, next span index)."""
        spans, text = self.spans, self.text
        n = len(spans)
        # "between 10 and 11:30 on 1/1/2015"
        between = spans[i][2].kind in _TIME_LIKE and self.time_next(i) and \
            _BETWEEN_BEFORE.search(text, self.prev_end(i), spans[i][0])
        if between:
            times = self.times_after(i, True)
            if times and times[3] is not None and self.clock(i, times[0]) and times[0] + 1 < n and \
                    _ON.fullmatch(self.gap(times[0], times[0] + 1)):
                date = self.date_at(times[0] + 1, True)
                if date and date[0] == spans[times[0] + 1][0]:
                    j = times[0] + 1
                    return between.start(), spans[j][1], self.make(
                        between.start(), spans[j][1], date, times), j + 1
        # "13:00 February 28, 2013": a clock time, then its date
        q = spans[i][2]
        if q.kind == "time" and i + 1 < n and _TIME_THEN_DATE.fullmatch(self.gap(i, i + 1)):
            date = self.date_at(i + 1, True)
            if date and date[0] == spans[i + 1][0]:
                times = (i, spans[i][1], q.time, None, not q.clock24)
                return spans[i][0], spans[i + 1][1], self.make(spans[i][0], spans[i + 1][1],
                                                                date, times), i + 2
        # a date, then its clock time or range
        date = self.date_at(i, i + 1 < n)
        if date is None:
            return None
        end, nxt = spans[i][1], i + 1
        times = None
        if i + 1 < n:
            gap = self.gap(i, i + 1)
            join = _JOIN.fullmatch(gap)
            if _BETWEEN.fullmatch(gap):
                times = self.times_after(i + 1, True)
                times = times if times and times[3] is not None and \
                    self.clock(i + 1, times[0]) else None
            elif join:
                times = self.times_after(i + 1, join.group("w") in ("at", "@"))
                if times and not times[4] and (join.group("w") or "").lower() == "for":
                    times = None  # "March 3 for 2:10:30" is a duration, not the hour
                if times and join.group("wd") and "w" not in date[2]:
                    wd = _weekday(join.group("wd"))
                    if date[1].weekday() == wd or "y" not in date[2]:
                        fixed = date[1] if "y" in date[2] else \
                            self.dated(date[1].month, date[1].day, wd)
                        date = (date[0], fixed or date[1], date[2] + "w" * bool(fixed))
        if times:
            end, nxt = times[1], times[0] + 1
            if "y" not in date[2] and times[3] is None and nxt < n and \
                    spans[nxt][2].kind == "year" and self.gap(nxt - 1, nxt).isspace():
                # "Wed Oct 26 15:50:06 2016": the year after the time
                year = int(spans[nxt][2].value)
                try:
                    full = dt.date(year, date[1].month, date[1].day)
                except ValueError:
                    full = None
                if full and ("w" not in date[2] or full.weekday() == date[1].weekday()):
                    date = (date[0], full, date[2] + "y")
                    end, nxt = spans[nxt][1], nxt + 1
            return date[0], end, self.make(date[0], end, date, times), nxt
        if date[0] == spans[i][0]:
            return None  # a date alone, as the patterns read it ("1/2 cup" is no date)
        if q.kind == "number":
            return None  # "Friday 23 people": a figure, not a day, without a time
        return date[0], end, self.new("date", text[date[0]:end], date=date[1],
                                      parts=date[2]), nxt

    def make(self, start: int, end: int, date: tuple[int, dt.date, str],
             times: tuple) -> Quantity:
        _, _, t1, t2, period = times
        return self.new("datetime", self.text[start:end], date=date[1], parts=date[2],
                        time=t1, time2=t2, clock24=not period)

    def run(self) -> list[tuple[int, int, Quantity]]:
        out: list[tuple[int, int, Quantity]] = []
        i = 0
        while i < len(self.spans):
            joined = self.join_at(i)
            if joined:
                start, end, q, i = joined
                while out and out[-1][0] >= start:  # a weekday's figure already kept
                    out.pop()
                out.append((start, end, q))
                continue
            start, end, q = self.spans[i]
            if q.kind == "number" and "." in q.text and \
                    _WD_AT_BEFORE.search(self.text, self.prev_end(i), start):
                t = _time_of(q, True)  # "Thursdays at 17.30": a 24-hour time
                if t and not q.text.isdigit():
                    q = self.new("time", q.text, time=t[0], clock24=True)
            out.append((start, end, q))
            i += 1
        return out


def _day_month(a: int, b: int, order: str) -> tuple[int, int]:
    """(day, month) of a numeric date "a/b": when both readings are dates, --date-order
    decides; otherwise the one that is (or b/a, left for the date check to refuse)."""
    if a <= 12 and b <= 12:
        return (a, b) if order == "dmy" else (b, a)
    return (a, b) if a > 12 else (b, a)


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:  # Feb 29 outside a leap year; "June 31" in none
        return None


def _year_with_weekday(month: int, day: int, weekday: int) -> int | None:
    """A year in which month/day falls on `weekday` (None when the day does not exist). 28
    consecutive years hold every weekday of every date."""
    return next((y for y in range(2000, 2029) if _weekday_of(y, month, day) == weekday), None)


def _year_near(month: int, day: int, reference: dt.date) -> int | None:
    """The year of a month/day that wire copy writes without one: the first of the
    reference's year before, its year and the next in which the day falls no earlier than
    about two months before the reference (a story dated Jan. 3 means the Dec. 28 just past,
    one dated Dec. 28 the Jan. 5 to come). None when the day exists in none of them."""
    floor = reference - dt.timedelta(days=61)
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            if dt.date(year, month, day) >= floor:
                return year
        except ValueError:
            continue
    return None


def join_datetimes(text: str, det: Detection, order: str) -> None:
    """Join the dates of `det` with their weekdays and clock times (in place)."""
    if det.spans:
        det.spans = _Joiner(text, det, order).run()
