"""What sanitising pages costs, and how reading nested markup scales.

* `sanitise()` on a CMS body (WordPress block-editor markup, the round-trip test's article,
  repeated to about 58 KB): benign (nothing removed: the source bytes are kept after both
  parses) and with one script to remove (the cleaned serialisation is written);
* `read_document` on `<div>` nested 10,000 / 20,000 / 40,000 deep (refused beyond 512 in one
  line: it was 2.7 / 9.6 / 35.3 s) and on flat files of 250 / 1,000 / 4,000 short sections.

Each figure is the best of 5 runs. Run:
    PYTHONPATH=. python benchmarks/sanitise_speed.py
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from locpipe.errors import LocpipeError
from locpipe.formats.readers import read_document
from locpipe.formats.sanitise import sanitise
from tests.formats.test_sanitise import WORDPRESS


def best(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            fn()
        except LocpipeError:
            pass
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    body = WORDPRESS * 20
    for label, text in (("benign", body), ("one script removed", body + "<script>x()</script>")):
        t = best(lambda text=text: sanitise(text))
        print(f"sanitise {label}: {len(text):,} chars in {t * 1000:.0f} ms "
              f"({len(text) / t / 1000:.0f} KB/s)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (10_000, 20_000, 40_000):
            path = Path(tmp) / f"deep{n}.html"
            path.write_text("<h1>Talks resume</h1>" + "<div>" * n + "<p>They met.</p>"
                            + "</div>" * n, encoding="utf-8")
            print(f"read <div> x {n:,} (refused): {best(lambda p=path: read_document(p)):.3f} s")
        for n in (250, 1_000, 4_000):
            path = Path(tmp) / f"flat{n}.html"
            path.write_text("<h1>Talks resume</h1>"
                            + "<div><div><p>They met.</p></div></div>" * n, encoding="utf-8")
            print(f"read flat x {n:,}: {best(lambda p=path: read_document(p)):.3f} s")


if __name__ == "__main__":
    main()
