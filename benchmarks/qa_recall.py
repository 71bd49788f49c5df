"""Recall and false-alarm rate of each QA check on damaged reference translations.

Reference set: tests/data/qa/references.json (42 English wire sentences with careful French
and Arabic translations that follow the starter glossary in glossary/). Negatives: every clean
pair (en->fr, en->ar), plus the same pairs with markup tags added. Positives: for each check,
clean pairs damaged the way that check is meant to catch (deterministic, seed 0). A check's
recall = damaged pairs it flags / damaged pairs; false-alarm rate = clean pairs it flags /
clean pairs. The damage is synthetic, made by the same hands as the checks: read the recall as
"the check does what it says", and the harder variants at the end as its known limits.

    python benchmarks/qa_recall.py [-v]   (-v lists the damaged pairs a check missed)
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe import checks, languages  # noqa: E402
from locpipe.checks import Pair  # noqa: E402

REFS = json.loads((ROOT / "tests" / "data" / "qa" / "references.json").read_text("utf-8"))
LANGS = ("fr", "ar")
rng = random.Random(0)


def pairs() -> list[tuple[str, str, str]]:
    return [(r["en"], r[lang], lang) for r in REFS for lang in LANGS]


def tagged(src: str, tgt: str) -> tuple[str, str]:
    """Wrap the first word of each side in <1>…</1> and put a void <2/> before the end."""
    def wrap(text: str) -> str:
        first, _, rest = text.partition(" ")
        return f"<1>{first}</1> {rest}<2/>"
    return wrap(src), wrap(tgt)


def final_punct_removed(t: str) -> str | None:
    m = re.search(r"[.?؟!]\s*([»”]?)\s*$", t)
    return t[:m.start()] + m.group(1) if m else None


def damage_empty(src, tgt, lang, i):
    if i % 3 == 2:
        s, _ = tagged(src, tgt)
        return s, "<1></1> <2/>"  # only the markup survived
    return ["", "   "][i % 2]


def damage_markup(src, tgt, lang, i):
    s, t = tagged(src, tgt)
    kinds = [lambda: t.replace("<1>", "", 1), lambda: t.replace("</1>", "", 1),
             lambda: t.replace("<1>", "<3>").replace("</1>", "</3>"),
             lambda: t.replace("<2/>", "< 2/>"), lambda: t.replace("<2/>", "") + " <n1/>",
             lambda: t.replace("<1>", "</1>", 1).replace("</1> ", "<1> ", 1)]
    return s, kinds[i % len(kinds)]()


def damage_untranslated(src, tgt, lang, i):
    if len(re.findall(r"\b[a-z]{3,}\b", src)) == 0:
        return None
    return [src, src.rstrip(".?"), src[0].lower() + src[1:]][i % 3]


def damage_length(src, tgt, lang, i):
    words = tgt.split()
    if len(src) < 25 or len(words) < 4:
        return None
    if i % 2:
        return " ".join(words[: max(1, len(words) // 3)])
    other = REFS[(i * 7 + 3) % len(REFS)][lang]
    return tgt + " " + other + " " + REFS[(i * 11 + 5) % len(REFS)][lang]


def damage_repetition(src, tgt, lang, i):
    """A loop: 1 or 2 words three times, or 3, 5 or 7 words twice."""
    words = tgt.split()
    n = (1, 2, 3, 5, 7)[i % 5]
    if len(words) <= n:
        return None
    k = rng.randrange(0, len(words) - n)
    chunk = words[k:k + n]
    return " ".join(words[:k] + chunk * (3 if n <= 2 else 2) + words[k + n:])


def damage_punctuation(src, tgt, lang, i):
    if src.rstrip()[-1:] not in ".?!”\"":
        return tgt + "."  # a subheading that gained a full stop
    if src.rstrip().endswith("?"):
        return tgt.rstrip("?؟ \u202f") + "."
    return final_punct_removed(tgt)


def damage_mixed_script(src, tgt, lang, i):
    if lang != "ar":
        return None
    words = tgt.split()
    k = rng.randrange(len(words))
    glue = ["a", "HTS", "e", "UN", "s"][i % 5]
    words[k] = words[k] + glue if i % 2 else (words[k][:2] + glue + words[k][2:])
    return " ".join(words)


def damage_doubled_punctuation(src, tgt, lang, i):
    if tgt.endswith("؟"):
        return tgt + "?"
    if "،" in tgt and i % 2:
        return tgt.replace("،", "،,", 1)
    if ", " in tgt and i % 2:
        return tgt.replace(", ", ",, ", 1)
    if tgt.endswith("."):
        return tgt + "." if i % 3 else tgt[:-1] + "?."
    return None


def damage_numbers(src, tgt, lang, i):
    m = re.search(r"\d+", tgt)
    if not m:
        return None
    n = str(int(m.group(0)) + 1 + i % 7)
    return tgt[:m.start()] + n + tgt[m.end():] if i % 2 == 0 else (
        tgt[:m.start()].rstrip() + " " + tgt[m.end():].lstrip())


def damage_doubled_words(src, tgt, lang, i):
    """One word written twice ("le le"): a word of letters only, not one the language may
    double ("nous nous")."""
    words = tgt.split()
    ok = [k for k, w in enumerate(words) if re.fullmatch(r"[^\W\d_]+", w)
          and w.lower() not in languages.get(lang).doubled_words]
    if not ok:
        return None
    k = ok[rng.randrange(len(ok))]
    return " ".join(words[:k] + [words[k]] + words[k:])


def hard_untranslated(src, tgt, lang, i):
    """Half translated: the target's first half, then the source's second half."""
    t, e = tgt.split(), src.split()
    return " ".join(t[: len(t) // 2] + e[len(e) // 2:]) if len(e) >= 6 else None


def hard_length(src, tgt, lang, i):
    """A short clause dropped: the last quarter of the words."""
    words = tgt.split()
    return " ".join(words[: len(words) * 3 // 4]) if len(words) >= 8 else None


def hard_repetition(src, tgt, lang, i):
    """A 14-word loop, repeated once (n-grams > 12 are not looked for)."""
    words = tgt.split()
    return " ".join(words[:14] * 2 + words[14:]) if len(words) >= 15 else None


HARD = {"untranslated": hard_untranslated, "length": hard_length,
        "repetition": hard_repetition}

def _glossary():
    try:
        from locpipe.formats.glossary import load_glossary
    except ImportError:
        return None
    return load_glossary([ROOT / "glossary"])


GLOSSARY = _glossary()


def damage_terms(src, tgt, lang, i):
    """A glossary term left as in the English source (Damascus for Damas / دمشق)."""
    from locpipe.rules.terms import verify

    occs = [o for o in verify(src, tgt, lang, GLOSSARY) if o.right and o.form != o.source]
    if not occs:
        return None
    o = occs[i % len(occs)]
    for form in (o.form, o.form.replace("'", "’")):
        if form in tgt:
            return tgt.replace(form, o.source, 1)
    return None


DAMAGES = {name: globals()[f"damage_{name}"] for name in
           ("empty", "markup", "untranslated", "length", "repetition", "punctuation",
            "mixed_script", "doubled_punctuation", "numbers", "terms", "doubled_words")
           if name != "terms" or GLOSSARY is not None}


def flagged(p: Pair) -> set[str]:
    return {c.name for c, _ in checks.check_pair(p).findings}


def recall(name: str, damage, clean) -> tuple[int, int]:
    cases = caught = 0
    for i, (s, t, lang) in enumerate(clean, 1):
        out = damage(s, t, lang, i)
        if out is None:
            continue
        s2, t2 = out if isinstance(out, tuple) else (s, out)
        names = flagged(Pair(s2, t2, lang, glossary=GLOSSARY))
        cases += 1
        caught += name in names
        if name not in names and "-v" in sys.argv:
            print(f"  missed {name}: {s2!r} -> {t2!r}")
    return cases, caught


def main() -> None:
    clean = pairs()
    negatives = [Pair(s, t, lang, glossary=GLOSSARY) for s, t, lang in clean]
    negatives += [Pair(*tagged(s, t), lang, glossary=GLOSSARY) for s, t, lang in clean]
    false: dict[str, int] = dict.fromkeys(checks.CHECKS, 0)
    for p in negatives:
        for n in flagged(p):
            false[n] += 1
    print(f"references: {len(REFS)} sentences x {len(LANGS)} languages; negatives: "
          f"{len(negatives)} clean pairs (half with markup)")
    for lang in LANGS:
        ratios = [len(r[lang]) / len(r["en"]) for r in REFS]
        print(f"length ratio en->{lang}: min {min(ratios):.2f}  mean "
              f"{statistics.mean(ratios):.2f}  max {max(ratios):.2f}  band "
              f"{languages.get(lang).length_ratio}")
    print()
    print(f"{'check':22} {'severity':8} {'cases':>5} {'caught':>6} {'recall':>7} "
          f"{'false alarms':>13} {'rate':>6}")
    for name, damage in DAMAGES.items():
        chk = checks.CHECKS[name]
        cases, caught = recall(name, damage, clean)
        print(f"{name:22} {chk.severity:8} {cases:5} {caught:6} {caught / cases:7.0%} "
              f"{false[name]:6}/{len(negatives):<6} {false[name] / len(negatives):6.1%}")
    others = [n for n in checks.CHECKS if n not in DAMAGES]
    for n in others:
        print(f"{n:22} {checks.CHECKS[n].severity:8} (no damage set; false alarms "
              f"{false[n]}/{len(negatives)})")

    print("\nharder damage (what the checks are known to miss in part):")
    for name, damage in HARD.items():
        cases, caught = recall(name, damage, clean)
        print(f"{name:14} {damage.__doc__.strip():64} {caught:3}/{cases:<3} {caught / cases:4.0%}")

if __name__ == "__main__":
    main()
