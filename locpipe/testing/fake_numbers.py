"""FAKE engine for tests and benchmarks: a deterministic "translator" that makes the number
mistakes real NMT models make. It is not a translation engine and never ships in locpipe.

It keeps the English words (a few quantity words are "translated" so the scale check has
something to read), and applies one fault per call:

- placeholder faults (what a model can do to `<n1/>`): drop, duplicate, swap two, space them
  out ("< n1 />"), upper-case them, invent one the source does not have;
- digit faults (what a model does to digits it sees): keep English separators ("50,000" in
  French), continental separators ("50.000"), group years ("1 982"), mix digit systems
  ("٥0,000"), drop a number, change a number, the French false friend "billion" (10^12) for
  "billion" (10^9), "per cent" -> "%" with the wrong spacing.
"""

from __future__ import annotations

import re
import zlib

PLACEHOLDER_FAULTS = ("drop", "duplicate", "swap", "spaced", "upper", "invent")
DIGIT_FAULTS = ("english_separators", "continental", "group_years", "mixed_digits",
                "drop_number", "change_number", "false_friend", "percent_spacing")
FAULTS = ("clean",) + PLACEHOLDER_FAULTS + DIGIT_FAULTS

VOCAB = {
    "fr": [(r"\bmillion\b", "millions"), (r"\bbillion\b", "milliards"),
           (r"\btrillion\b", "billions"), (r"\bper cent\b|\bpercent\b", "pour cent")],
    "ar": [(r"\bmillion\b", "مليون"), (r"\bbillion\b", "مليار"), (r"\btrillion\b", "تريليون"),
           (r"\bper cent\b|\bpercent\b", "بالمئة")],
}
FALSE_FRIEND = {"fr": (r"\bbillion\b", "billions"), "ar": (r"\bbillion\b", "تريليون")}
_PH = re.compile(r"<n(\d+)/>")
_NUM = re.compile(r"(?<![\w<])\d[\d,.]*\d|(?<![\w<])\d")


class FaultyNumbersEngine:
    """Fault-injecting FAKE engine. `faults`: the faults to cycle through (one per text,
    chosen from a hash of the text so runs are reproducible), or one fixed fault."""

    name = "faulty-numbers"
    pseudo = True

    def __init__(self, source: str = "en", target: str = "fr", options=None,
                 faults: tuple[str, ...] | str = FAULTS):
        self.source = source
        self.target = target
        self.model_id = f"fake-faulty-numbers-{source}-{target}"
        self.faults = (faults,) if isinstance(faults, str) else tuple(faults)
        self.applied: dict[str, str] = {}

    def translate(self, texts: list[str]) -> list[str]:
        return [self.one(t) for t in texts]

    def fault_for(self, text: str) -> str:
        return self.faults[zlib.crc32(text.encode()) % len(self.faults)]

    def one(self, text: str) -> str:
        fault = self.fault_for(text)
        self.applied[text] = fault
        if fault == "false_friend":
            pat, repl = FALSE_FRIEND[self.target]
            text = re.sub(pat, repl, text)
        for pat, repl in VOCAB[self.target]:
            text = re.sub(pat, repl, text)
        return getattr(self, "_" + fault, lambda t: t)(text)

    # placeholder faults
    def _drop(self, t: str) -> str:
        return _PH.sub("", t, count=1)

    def _duplicate(self, t: str) -> str:
        m = _PH.search(t)
        return t if not m else t[:m.end()] + " " + m.group(0) + t[m.end():]

    def _swap(self, t: str) -> str:
        found = _PH.findall(t)
        if len(found) < 2:
            return t
        a, b = found[0], found[1]
        return t.replace(f"<n{a}/>", "\0").replace(f"<n{b}/>", f"<n{a}/>").replace("\0",
                                                                                 f"<n{b}/>")

    def _spaced(self, t: str) -> str:
        return _PH.sub(lambda m: f"< n{m.group(1)} />", t)

    def _upper(self, t: str) -> str:
        return _PH.sub(lambda m: f"<N{m.group(1)}/>", t)

    def _invent(self, t: str) -> str:
        return t + " <n9/>" if _PH.search(t) else t + " 7"

    # digit faults
    def _english_separators(self, t: str) -> str:
        return t

    def _continental(self, t: str) -> str:
        return _NUM.sub(lambda m: m.group(0).translate(str.maketrans(",.", ".,")), t)

    def _group_years(self, t: str) -> str:
        return re.sub(r"(?<![\d,.])([12])(\d{3})(?![\d,.])", "\\1\u202f\\2", t)

    def _mixed_digits(self, t: str) -> str:
        return _NUM.sub(lambda m: chr(0x0660 + int(m.group(0)[0])) + m.group(0)[1:], t)

    def _drop_number(self, t: str) -> str:
        return _NUM.sub("", t, count=1)

    def _change_number(self, t: str) -> str:
        return _NUM.sub(lambda m: m.group(0)[:-1] + str((int(m.group(0)[-1]) + 1) % 10), t,
                        count=1)

    def _percent_spacing(self, t: str) -> str:
        t = re.sub(r"\s?(?:pour cent|بالمئة)", "%" if self.target == "fr" else " %", t)
        return t
