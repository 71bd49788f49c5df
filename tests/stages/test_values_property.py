"""Property-based test of the number/date/time path (issue 12): values of every kind, in random
wire contexts with glossary names, markup tags and adjacent values, go through mask -> an engine
that only moves placeholders -> restore, in every locale and digit variant. Every value must come
back exactly in its CLDR form (computed here with Babel, not with locpipe), none dropped, none
invented."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.context import Settings
from locpipe.rules.numbers import check_numbers
from tests.stages.test_fidelity import run

VARIANTS = {  # name: (lang, settings)
    "fr": ("fr", Settings(targets=["fr"])),
    "ar": ("ar", Settings(targets=["ar"])),
    "ar+arab": ("ar", Settings(targets=["ar"], digits="arab")),
    "es": ("es", Settings(targets=["es"])),
    "de": ("de", Settings(targets=["de"])),
    "pt": ("pt", Settings(targets=["pt"])),
    "ru": ("ru", Settings(targets=["ru"])),
    "he": ("he", Settings(targets=["he"])),
}
LOCALES = {"fr": "fr_FR", "ar": "ar", "ar+arab": "ar", "es": "es_ES", "de": "de_DE",
           "pt": "pt_BR", "ru": "ru", "he": "he"}
ARAB = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class MoverEngine:
    """FAKE engine: keeps every word and only moves things — the sentence's first word goes to
    the end, so placeholders, tags and counts change places. It translates nothing (marked
    pseudo: it owes no scale words)."""

    name = "mover"
    pseudo = True
    model_id = "fake-mover"

    def __init__(self, lang: str):
        self.target = lang

    def translate(self, texts: list[str]) -> list[str]:
        out = []
        for t in texts:
            words = t.rstrip(".").split(" ")
            out.append(" ".join(words[1:] + words[:1]) + ".")
        return out


def _cldr(variant: str):
    loc = Locale.parse(LOCALES[variant])
    native = variant == "ar+arab"
    system = "arab" if native else "latn"

    def digits(s: str) -> str:
        return s.translate(ARAB) if native else s

    return loc, system, digits


# Each strategy gives (source text, expected form per variant or None: verified by the check).
def grouped():
    return st.integers(1_000, 9_999_999).map(lambda v: (f"{v:,}", ("dec", Decimal(v), True)))


def decimals():
    return st.tuples(st.integers(1, 999), st.integers(1, 99)).map(
        lambda t: (f"{t[0]}.{t[1]:02d}" if t[1] % 10 else f"{t[0]}.{t[1] // 10}",
                   ("dec", Decimal(f"{t[0]}.{t[1]:02d}" if t[1] % 10 else f"{t[0]}.{t[1] // 10}"),
                    False)))


def years():
    return st.integers(1950, 2030).map(lambda y: (str(y), ("dec", Decimal(y), False)))


def dates():
    return st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(
        lambda d: (f"{d:%B} {d.day}, {d.year}", ("date", d)))


def weekday_dates():
    return st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)).map(
        lambda d: (f"{d:%A}, {d:%B} {d.day}", ("weekday", d)))


def checked(strategy):  # percents, money, times: the check says none dropped or invented
    return strategy.map(lambda s: (s, None))


def percents():
    return checked(st.sampled_from(["12.5 per cent", "40%", "3 percent", "0.7 per cent"]))


def money():
    return checked(st.sampled_from(["$2.3 billion", "€450 million", "$1,200", "£3 million"]))


def times():
    return checked(st.sampled_from(["9:30 a.m.", "6 p.m.", "14:30", "07:05", "1615 GMT",
                                    "11:45 p.m.", "00:20"]))


def verbatim():
    return st.sampled_from(["+963 11 333 4444", "011 555 0199", "H5N1", "MiG-29", "A-320",
                            "SA-7", "Ebola-2", "https://relief.example/r-2024",
                            "desk@relief.example"]).map(lambda s: (s, ("verbatim", s)))


VALUE = st.one_of(grouped(), decimals(), years(), dates(), weekday_dates(), percents(),
                  money(), times(), verbatim())
NAMES = st.sampled_from(["Deir ez-Zor", "the Syrian Arab Red Crescent", "officials"])


def expected(form, variant: str) -> str | None:
    if form is None:
        return None
    loc, system, digits = _cldr(variant)
    kind = form[0]
    if kind == "dec":
        return digits(format_decimal(form[1], locale=loc, group_separator=form[2],
                                     decimal_quantization=False, numbering_system=system))
    if kind == "date":
        return digits(format_date(form[1], "long", locale=loc))
    if kind == "weekday":  # CLDR's wide name of the source's weekday, and the month name
        return None
    return form[1]


@settings(max_examples=50, deadline=None, derandomize=True)
@given(values=st.lists(VALUE, min_size=1, max_size=4), name=NAMES,
       variant=st.sampled_from(sorted(VARIANTS)), tag=st.booleans(),
       adjacent=st.booleans())
def test_every_value_comes_back_in_its_cldr_form(values, name, variant, tag, adjacent):
    lang, st_ = VARIANTS[variant]
    texts = [v for v, _ in values]
    if tag:
        texts[0] = f"<1>{texts[0]}</1>"
    joiner = " " if adjacent else " and then "
    source = f"In {name} {joiner.join(texts)} were reported, {name} said"
    u = run([source], lang, MoverEngine(lang), st_)[0]
    errors = [f.message for f in u.findings if f.severity == "error"]
    assert errors == [], (source, u.target)
    assert check_numbers(source, u.target, lang, st_) == [], (source, u.target)
    target = u.target
    for _, form in values:
        want = expected(form, variant)
        if want is not None:
            assert want in target, (source, target, want)
            target = target.replace(want, "\0", 1)  # each occurrence counted once
        elif form and form[0] == "weekday":
            loc, _, _ = _cldr(variant)
            day = loc.days["format"]["wide"][form[1].weekday()]
            assert day in target and loc.months["format"]["wide"][form[1].month] in target
    assert "<n" not in u.target and "<t" not in u.target
    # nothing invented: no year appears that the source did not write
    src_years = set(re.findall(r"\b(?:19|20)\d\d\b", source))
    tgt_years = set(re.findall(r"(?<![\d٠-٩])(?:19|20)\d\d(?![\d٠-٩])",
                               u.target.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))))
    assert tgt_years <= src_years | {y for y in tgt_years if y in source}, (source, u.target)
