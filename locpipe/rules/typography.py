"""Typography rules (pure): punctuation, quotes and spacing as the French and Arabic press set
them, and bidi isolation of left-to-right runs in right-to-left pages.

Markup tags, placeholders, URLs, e-mail addresses and numbers are shielded first so no rule
can touch them. Hand-written: CLDR has no punctuation-spacing rules (only the quotation-mark
characters), and the bidi algorithm itself is the browser's — this module only marks the runs
it must keep together. The stage that applies them is locpipe.stages.typography.
"""

from __future__ import annotations

import html
import re
from typing import Any

from locpipe.markup import PLACEHOLDER_RE, TAG_RE

NNBSP = "\u202f"  # narrow no-break space: French "fine" space (CLDR uses it too)
_SPACE = " \u00a0\u202f"
_SHIELD_RE = re.compile(
    TAG_RE.pattern + "|" + PLACEHOLDER_RE.pattern
    + r"|https?://[^\s<>]+[^\s<>.,;:!?)»”]|www\.[^\s<>]+[^\s<>.,;:!?)»”]"
    r"|[\w.+-]+@[\w-]+\.[\w.]*\w"
)
_PUA = 0xE000  # shielded spans become single private-use characters while the rules run
_LATIN = "A-Za-z\u00c0-\u024f"


def _shield(text: str) -> tuple[str, list[str]]:
    kept: list[str] = []

    def sub(m: re.Match) -> str:
        kept.append(m.group(0))
        return chr(_PUA + len(kept) - 1)

    return _SHIELD_RE.sub(sub, text), kept


def _unshield(text: str, kept: list[str]) -> str:
    if not kept:
        return text
    return re.sub("[\ue000-\uf8ff]", lambda m: kept[ord(m.group(0)) - _PUA]
                  if ord(m.group(0)) - _PUA < len(kept) else m.group(0), text)


def _pair_quotes(text: str, open_q: str, close_q: str) -> str:
    """English quotes (“…” and paired "…") become the target's quotation marks."""
    text = re.sub(r'"([^"\n]*)"', lambda m: "“" + m.group(1) + "”", text)
    return text.translate({ord("“"): open_q, ord("”"): close_q})


def french(text: str) -> str:
    """French press typography: « » with fine spaces, fine space before ; : ! ?, ’."""
    text, kept = _shield(text)
    text = re.sub(rf"(?<=[{_LATIN}])'(?=[{_LATIN}])", "’", text)
    text = _pair_quotes(text, "«", "»")
    text = re.sub(rf"«[{_SPACE}]*", "«" + NNBSP, text)
    text = re.sub(rf"[{_SPACE}]*»", NNBSP + "»", text)
    # fine space before ; : ! ? (a run like "?!" counts as one), not in clock times 15:30
    text = re.sub(rf"(?<=[^{_SPACE}\n])[{_SPACE}]*([;!?]+|:(?!\d))",
                  lambda m: NNBSP + m.group(1), text)
    text = re.sub(rf"[{_SPACE}]+(?=[.,](?!\d))", "", text)  # no space before . or ,
    return _unshield(text, kept)


def arabic(text: str, quotes: str = "«»") -> str:
    """Arabic punctuation ، ؛ ؟ (never "؟?"), quotes by setting, no space before them."""
    text, kept = _shield(text)
    open_q, close_q = (quotes[0], quotes[1]) if len(quotes) == 2 else ("«", "»")
    text = _pair_quotes(text, open_q, close_q)
    latin = f"[{_LATIN}]"
    # Western punctuation between Arabic words (not inside Latin runs or numbers like 50,000)
    text = re.sub(r"(?<!\d),|,(?!\d)",
                  lambda m: m.group(0) if _latin_around(text, m.start(), latin) else "،", text)
    text = re.sub(r";", lambda m: ";" if _latin_around(text, m.start(), latin) else "؛", text)
    text = re.sub(r"\?", lambda m: "?" if _latin_around(text, m.start(), latin) else "؟", text)
    text = re.sub(r"؟[?؟]+|\?؟", "؟", text)
    text = re.sub(rf"[{_SPACE}]+(?=[،؛؟.!:](?!\d))", "", text)
    return _unshield(text, kept)


def _latin_around(text: str, i: int, latin: str) -> bool:
    before = text[:i].rstrip(_SPACE)[-1:]
    after = text[i + 1:].lstrip(_SPACE)[:1]
    return bool(re.match(latin, before or " ") and re.match(latin, after or " "))


def typeset(text: str, lang: str, settings: Any = None) -> str:
    """The text with the typography of `lang` (other languages unchanged)."""
    if lang == "fr":
        return french(text)
    if lang == "ar":
        return arabic(text, getattr(settings, "arabic_quotes", "«»"))
    return text


# ----------------------------------------------------------------------------------------------
# Bidi: runs that must stay left-to-right inside right-to-left text

_RUN_RE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]*\w"
    rf"|(?:[0-9][0-9.,]*[{_SPACE}]?)?[{_LATIN}][{_LATIN}0-9{_SPACE}.,:;/&'’_@+#()\[\]\-–%]*"
    rf"|[0-9][0-9.,\u066b\u066c]*[{_SPACE}]?[%٪‰]"
    r"|(?<![0-9A-Za-z.,\u0660-\u0669])[-−+]"  # signed numbers: -5
    r"[0-9\u0660-\u0669][0-9\u0660-\u0669.,\u066b\u066c]*"
)
_TRAIL = set(_SPACE + ".,:;/&'’_@+#-–([")


def ltr_runs(text: str) -> list[tuple[int, int]]:
    """Spans of Latin-script runs (with their digits and inner punctuation), URLs, numbers
    with a percent sign and signed numbers: in a right-to-left paragraph the bidi algorithm
    would move their trailing punctuation ("Holcim Ltd." shows as ".Holcim Ltd", "40 %" as
    "% 40", "-5" as "5-") or split them; isolating keeps them whole.
    Trailing punctuation belongs to the surrounding sentence unless it closes a bracket
    opened inside the run or is an abbreviation's full stop inside the sentence."""
    spans = []
    for m in _RUN_RE.finditer(text):
        start, end = m.span()
        run = text[start:end]
        while run and (run[-1] in _TRAIL or (run[-1] in ")]" and run.count(run[-1]) >
                                             run.count("(" if run[-1] == ")" else "["))):
            run = run[:-1]
        end = start + len(run)
        if text[end:end + 1] == "." and re.match(f"[{_LATIN}]", text[end - 1:end]) and \
                text[end + 1:].strip() and not re.match(r"https?:|www\.|\S+@", run):
            end += 1  # "Inc." or "U.S." inside the sentence: the abbreviation's full stop
        if run.strip():
            spans.append((start, end))
    return spans


def isolate_html(text: str) -> str:
    """Escape `text` for HTML, wrapping each left-to-right run in `<span dir="ltr">` (which
    the HTML UA stylesheet isolates: `unicode-bidi: isolate`)."""
    out, pos = [], 0
    for start, end in ltr_runs(text):
        out.append(html.escape(text[pos:start], quote=False))
        out.append('<span dir="ltr">' + html.escape(text[start:end], quote=False) + "</span>")
        pos = end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)
