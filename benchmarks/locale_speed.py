"""Speed of the restore step: placeholders -> localized numbers and dates, plus repair and
value verification, on synthetic news sentences with distinct random values.

    python benchmarks/locale_speed.py [sentences]

Each sentence holds six values: five masked (number, percent, date, time, amount) and one small
count left to the engine and verified. Prints values/s for the whole restore stage (what a run
pays), for formatting alone, and for a full check_numbers of every sentence.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from locpipe import localize  # noqa: E402
from locpipe.document import Segment, Unit  # noqa: E402
from locpipe.pipeline import Context, Settings  # noqa: E402

MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec."]


def sentence(rng: random.Random) -> str:
    n = rng.randint(1000, 999_999)
    return (f"The UN said {n:,} people fled {rng.randint(2, 99)} towns after "
            f"{rng.randint(2, 99)}.{rng.randint(1, 9)} "
            f"per cent of homes were hit on {rng.choice(MONTHS)} {rng.randint(1, 28)}, "
            f"{rng.randint(1990, 2030)}, at {rng.randint(1, 12)} p.m., and donors pledged "
            f"${rng.randint(1, 999)} million.")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rng = random.Random(4)
    for lang, settings in (("fr", Settings(targets=["fr"])),
                           ("ar", Settings(targets=["ar"], digits="arab",
                                           locales={"fr": "fr_FR", "ar": "ar_SY"}))):
        units = [Unit(Segment(f"s:{i}.0", i, 0, "paragraph", sentence(rng)), lang)
                 for i in range(count)]
        ctx = Context(lang, settings)
        for u in units:
            u.engine_input = u.segment.text
        localize.mask(units, ctx)
        for u in units:
            u.output = u.engine_input  # a perfect engine
        values = sum(len(u.data["numbers"]["values"]) + len(u.data["numbers"]["unmasked"])
                     for u in units)
        style = localize.style_for(lang, settings)
        quantities = [q for u in units for q in u.data["numbers"]["values"].values()]
        clear_caches()
        t0 = time.perf_counter()
        for q in quantities:
            localize.render(q, style)
        t_fmt = time.perf_counter() - t0
        clear_caches()
        t0 = time.perf_counter()
        localize.restore(units, ctx)
        t_restore = time.perf_counter() - t0
        flagged = sum(1 for u in units if u.findings)
        clear_caches()
        t0 = time.perf_counter()
        problems = sum(len(localize.check_numbers(u.segment.text, u.output, lang, settings))
                       for u in units)
        t_check = time.perf_counter() - t0
        print(f"{lang} ({style.locale}, digits {style.system}): {count} sentences, {values} "
              f"values, cold caches:")
        print(f"   restore stage (placeholders -> CLDR forms; full re-check only when the "
              f"engine touched something): {values / t_restore:,.0f} values/s, "
              f"flagged units {flagged}")
        print(f"   formatting alone {values / t_fmt:,.0f} values/s; full check_numbers "
              f"(parse source + translation) {values / t_check:,.0f} values/s, "
              f"problems {problems}")
        print("   e.g.", units[0].output)


def clear_caches() -> None:
    for fn in (localize._number, localize._percent, localize._scaled, localize._date_text,
               localize._time_text, localize._readings):
        fn.cache_clear()


if __name__ == "__main__":
    main()
