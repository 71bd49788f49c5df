"""Speed of the restore step: placeholders -> localized numbers and dates, plus repair and
value verification, on synthetic news sentences with distinct random values.

    python benchmarks/locale_speed.py [sentences] [repeats]

Each sentence holds six values: five masked (number, percent, date, time, amount) and one small
count left to the engine and verified. Prints values/s for the whole restore stage (what a run
pays), for formatting alone, and for a full check_numbers of every sentence — each the best and
the median of `repeats` runs with cold caches (the machine may be shared: see the load average).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from locpipe.context import Context, Settings  # noqa: E402
from locpipe.document import Segment, Unit  # noqa: E402
from locpipe.rules import numbers  # noqa: E402
from locpipe.rules.numbers import NumberState  # noqa: E402
from locpipe.stages import localize  # noqa: E402

MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec."]


def sentence(rng: random.Random) -> str:
    n = rng.randint(1000, 999_999)
    return (f"The UN said {n:,} people fled {rng.randint(2, 99)} towns after "
            f"{rng.randint(2, 99)}.{rng.randint(1, 9)} "
            f"per cent of homes were hit on {rng.choice(MONTHS)} {rng.randint(1, 28)}, "
            f"{rng.randint(1990, 2030)}, at {rng.randint(1, 12)} p.m., and donors pledged "
            f"${rng.randint(1, 999)} million.")


def clear_caches() -> None:
    for fn in (numbers._number, numbers._percent, numbers._scaled, numbers._date_text,
               numbers._time_text, numbers._readings):
        fn.cache_clear()


def masked_units(texts: list[str], lang: str, ctx: Context) -> list[Unit]:
    units = [Unit(Segment(f"s:{i}.0", i, 0, "paragraph", t), lang) for i, t in enumerate(texts)]
    for u in units:
        u.engine_input = u.segment.text
    localize.mask(units, ctx)
    for u in units:
        u.output = u.engine_input  # a perfect engine
    return units


def timed(fn) -> float:
    clear_caches()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rng = random.Random(4)
    texts = [sentence(rng) for _ in range(count)]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
          f"best / median of {repeats} runs")
    # the pseudo engine is never called here; it only spares loading a model
    for lang, settings in (("fr", Settings(targets=["fr"], engine="pseudo")),
                           ("ar", Settings(targets=["ar"], engine="pseudo", digits="arab",
                                           locales={"fr": "fr_FR", "ar": "ar_SY"}))):
        measure(lang, settings, texts, repeats)


def measure(lang: str, settings: Settings, texts: list[str], repeats: int) -> None:
    ctx = Context(lang, settings)
    style = numbers.style_for(lang, settings)
    runs: dict[str, list[float]] = {"restore": [], "format": [], "check": []}
    for _ in range(repeats):
        units = masked_units(texts, lang, ctx)
        values = sum(len(u.get(NumberState).values) + len(u.get(NumberState).unmasked)
                     for u in units)
        quantities = [q for u in units for q in u.get(NumberState).values.values()]
        runs["format"].append(len(quantities) / timed(
            lambda qs=quantities: [numbers.render(q, style) for q in qs]))
        runs["restore"].append(values / timed(lambda us=units: localize.restore(us, ctx)))
        flagged = sum(1 for u in units if u.findings)
        runs["check"].append(values / timed(lambda us=units: [
            numbers.check_numbers(u.segment.text, u.output, lang, settings) for u in us]))

    def fig(name: str) -> str:
        return f"{max(runs[name]):,.0f} / {statistics.median(runs[name]):,.0f} values/s"

    print(f"{lang} ({style.locale}, digits {style.system}): {len(texts)} sentences, {values} "
          f"values (cold caches)")
    print(f"   restore stage (placeholders -> CLDR forms, counts verified; full re-check "
          f"only when the engine touched something): {fig('restore')}; flagged units "
          f"{flagged}")
    print(f"   formatting alone: {fig('format')}; full check_numbers of every sentence "
          f"(parse source + translation): {fig('check')}")
    print("   e.g.", units[0].output)


if __name__ == "__main__":
    main()
