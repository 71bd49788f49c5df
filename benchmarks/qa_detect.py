"""Where langdetect is reliable: accuracy by length, and the foreign-segment thresholds.

Inputs: tests/data/qa/references.json (36 sentences in English, French and Arabic), the
repo's sample article and the segmentation test articles (tests/data/segmentation/). For
every word prefix of every reference sentence, langdetect (seed 0) is asked for the language;
accuracy is printed per bucket of letter count, next to the script/word check used below
LANGDETECT_MIN_LETTERS. Then: how many English source segments would be
wrongly marked foreign, and how many French/Arabic ones are found, with the thresholds in
locpipe/rules/langid.py. Then the cost of one langdetect call.

    python benchmarks/qa_detect.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe.pipeline import read_article  # noqa: E402
from locpipe.rules import langid  # noqa: E402

REFS = json.loads((ROOT / "tests" / "data" / "qa" / "references.json").read_text("utf-8"))
BUCKETS = [(0, 10), (10, 20), (20, 30), (30, 40), (40, 10_000)]


FRAGMENTS = json.loads((ROOT / "tests" / "data" / "langid" / "short_fragments.json")
                       .read_text("utf-8"))


def short_fragments() -> None:
    """Accuracy on short (<= 5 words) news fragments written for this measure: langdetect
    with all 55 profiles (before) and restricted to the languages of an en -> fr,ar run plus
    the likely quoted ones (after, `langid.run_languages`); and the verdict the output check
    uses (`in_language`) before/after, i.e. with the cheap check and the restriction."""
    among = langid.run_languages("en", ("fr", "ar"))
    print(f"\nshort news fragments (<= 5 words), langdetect top guess; after = restricted to "
          f"{', '.join(sorted(among))}")
    print(f"{'lang':>6} {'n':>4} {'before (55 languages)':>22} {'after (restricted)':>20}")
    total = [0, 0, 0]
    for lang in ("en", "fr", "es", "de", "ar"):
        texts = FRAGMENTS[lang]
        before = sum(bool(f := langid.ranked_languages(t)) and f[0][0] == lang for t in texts)
        after = sum(bool(f := langid.ranked_languages(t, among)) and f[0][0] == lang
                    for t in texts)
        total = [total[0] + len(texts), total[1] + before, total[2] + after]
        print(f"{lang:>6} {len(texts):>4} {before:>9}/{len(texts):<3} {before / len(texts):6.1%}"
              f" {after:>9}/{len(texts):<3} {after / len(texts):6.1%}")
    print(f"{'all':>6} {total[0]:>4} {total[1]:>9}/{total[0]:<3} {total[1] / total[0]:6.1%}"
          f" {total[2]:>9}/{total[0]:<3} {total[2] / total[0]:6.1%}")
    for lang in ("fr", "es", "de", "ar"):
        ok = sum(langid.in_language(t, lang, "en")[0] for t in FRAGMENTS[lang])
        wrong = sum(langid.in_language(t, lang, "en")[0] for t in FRAGMENTS["en"])
        print(f"output check en->{lang}: {lang} fragments accepted {ok}/{len(FRAGMENTS[lang])},"
              f" English fragments wrongly accepted as {lang} {wrong}/{len(FRAGMENTS['en'])}")


def main() -> None:
    tally = {b: {"langdetect": [0, 0], "script": [0, 0]} for b in BUCKETS}
    for lang in ("en", "fr", "ar"):
        for r in REFS:
            words = r[lang].split()
            for k in range(1, len(words) + 1):
                text = " ".join(words[:k])
                n = langid.letters(text)
                b = next(b for b in BUCKETS if b[0] <= n < b[1])
                found = langid.ranked_languages(text)
                ld = tally[b]["langdetect"]
                ld[0] += bool(found) and found[0][0] == lang
                ld[1] += 1
                sc = tally[b]["script"]
                g = langid.by_script(text, ("en", "fr", "ar"))
                sc[0] += g.lang == lang
                sc[1] += 1
    print("accuracy on word prefixes of the reference sentences (en, fr, ar together)")
    print(f"{'letters':>10} {'langdetect':>18} {'script/words':>18}")
    for b in BUCKETS:
        ld, sc = tally[b]["langdetect"], tally[b]["script"]
        label = f"{b[0]}-{b[1] - 1}" if b[1] < 10_000 else f">={b[0]}"
        print(f"{label:>10} {ld[0]:5}/{ld[1]:<5} {ld[0] / ld[1]:6.1%} "
              f"{sc[0]:5}/{sc[1]:<5} {sc[0] / sc[1]:6.1%}")
    print("(script/words counts 'no verdict' — names, no function words — as wrong)")

    articles = [ROOT / "samples" / "homs-aid-convoy.txt",
                *sorted((ROOT / "tests" / "data" / "segmentation").glob("*.txt"))]
    english = [r["en"] for r in REFS]
    for path in articles:
        english += [s.plain for s in read_article(path).segments]
    plain_ld = [t for t in english if langid.letters(t) >= langid.FOREIGN_MIN_LETTERS
                and (f := langid.ranked_languages(t)) and f[0][0] != "en"
                and f[0][1] >= langid.FOREIGN_MIN_PROB]
    wrong = [t for t in english if langid.foreign_lang(t, "en")]
    print(f"\nforeign-segment thresholds: langdetect p >= {langid.FOREIGN_MIN_PROB}, "
          f">= {langid.FOREIGN_MIN_LETTERS} letters (a non-Latin script other than the "
          "source's: any length)")
    print(f"English segments ({len(articles)} articles + references) wrongly marked foreign: "
          f"{len(wrong)}/{len(english)} (langdetect alone, without the English pre-test: "
          f"{len(plain_ld)})")
    for lang in ("fr", "ar"):
        texts = [r[lang] for r in REFS]
        found = sum(langid.foreign_lang(t, "en") == lang for t in texts)
        long = [t for t in texts if langid.letters(t) >= langid.FOREIGN_MIN_LETTERS]
        found_long = sum(langid.foreign_lang(t, "en") == lang for t in long)
        print(f"{lang} segments found: {found}/{len(texts)} "
              f"({found_long}/{len(long)} of those with >= {langid.FOREIGN_MIN_LETTERS} letters)")

    short_fragments()

    texts = [r["en"] for r in REFS]
    langid.ranked_languages(texts[0])  # load profiles
    start = time.perf_counter()
    for t in texts * 5:
        langid.ranked_languages(t)
    per = (time.perf_counter() - start) / (len(texts) * 5)
    print(f"\nlangdetect: {per * 1000:.2f} ms per sentence")


if __name__ == "__main__":
    main()
