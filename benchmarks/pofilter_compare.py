"""locpipe's QA checks next to Translate Toolkit's pofilter, on the same damaged and clean entries.

    pip install translate-toolkit      (only this script needs it; the tests do not)
    python benchmarks/pofilter_compare.py [-v]   (-v lists every entry a tool got wrong)

Clean entries: human translations written for locpipe — tests/data/qa/references.json (42
wire sentences, French and Arabic), tests/data/eval (24 sentences, French and Arabic), and the
12 sentences of FRESH below (URLs, e-mail addresses and acronyms, which those sets lack;
written for this script, French and Arabic). Damaged entries: clean ones with one fault each,
made by the functions below —
  URL       an address dropped or changed (path, scheme, host, spacing), French and Arabic;
  acronym   an acronym of the source without a glossary translation dropped (French: Arabic
            translations write no Latin acronyms, so neither tool can compare them there);
  acronym*  the same for an acronym the glossary translates (AFP, HTS): locpipe's `terms`
            check owns those, pofilter's `acronyms` check knows no glossary;
  doubled   one word written twice ("le le"), every clean French and Arabic entry (where
            that makes a run of three, locpipe's `repetition` check is the one meant for it).
A fault counts as caught when the check meant for it fires — locpipe: urls / acronyms (terms
for acronym*) / doubled_words; pofilter: urls or emails / acronyms / doublewords. False
alarms: clean entries flagged by those checks, and by any check of each tool (pofilter: the
StandardChecker and StandardUnitChecker filters `pofilter` runs by default, with
--language set to the target; locpipe: every registered check, starter glossary loaded).
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locpipe import checks  # noqa: E402
from locpipe.checks import Pair  # noqa: E402
from locpipe.formats.glossary import load_glossary  # noqa: E402

try:
    from translate.__version__ import sver as TT_VERSION
    from translate.filters import checks as ttchecks
    from translate.storage import pypo
except ImportError:
    sys.exit("this benchmark compares with Translate Toolkit's pofilter: "
             "pip install translate-toolkit")

LANGS = ("fr", "ar")
GLOSSARY = load_glossary([ROOT / "glossary"])
rng = random.Random(0)

# Fresh wire sentences with addresses and acronyms (en, fr, ar), written for this script.
FRESH = [
    ("Donations can be made at https://www.example-relief.org/syria, the charity said.",
     "Les dons peuvent être faits sur https://www.example-relief.org/syria, a indiqué "
     "l’association.",
     "قالت الجمعية إن التبرعات ممكنة عبر https://www.example-relief.org/syria."),
    ("The full report is available at www.conflict-data.example/reports/hama-offensive.",
     "Le rapport complet est disponible sur www.conflict-data.example/reports/hama-offensive.",
     "التقرير الكامل متاح على www.conflict-data.example/reports/hama-offensive."),
    ("Journalists can write to press@relief-network.example to arrange interviews.",
     "Les journalistes peuvent écrire à press@relief-network.example pour organiser des "
     "entretiens.",
     "يمكن للصحافيين الكتابة إلى press@relief-network.example لترتيب مقابلات."),
    ("The testimonies were published on https://rights.example/news/idlib-camps with "
     "photographs.",
     "Les témoignages ont été publiés sur https://rights.example/news/idlib-camps avec des "
     "photographies.",
     "نُشرت الشهادات على https://rights.example/news/idlib-camps مرفقة بصور."),
    ("Live updates are posted every hour at https://news.example.com/live?story=hama.",
     "Des informations en direct sont publiées toutes les heures sur "
     "https://news.example.com/live?story=hama.",
     "تُنشر التحديثات المباشرة كل ساعة على https://news.example.com/live?story=hama."),
    ("OCHA said the convoy reached the camps near the border on Friday.",
     "L’OCHA a indiqué que le convoi avait atteint vendredi les camps proches de la frontière.",
     "قال مكتب تنسيق الشؤون الإنسانية إن القافلة وصلت يوم الجمعة إلى المخيمات القريبة من "
     "الحدود."),
    ("The figures were compiled by ACLED, a group that tracks political violence.",
     "Les chiffres ont été compilés par ACLED, une organisation qui recense les violences "
     "politiques.",
     "جمعت الأرقام منظمة أكليد التي ترصد العنف السياسي."),
    ("The NRC warned that the winter would bring a new wave of displacement.",
     "Le NRC a averti que l’hiver provoquerait une nouvelle vague de déplacements.",
     "حذّر المجلس النرويجي للاجئين من أن الشتاء سيجلب موجة نزوح جديدة."),
    ("According to the SNHR, at least a dozen civilians were killed in the strike.",
     "Selon le SNHR, au moins une douzaine de civils ont été tués dans la frappe.",
     "بحسب الشبكة السورية لحقوق الإنسان، قُتل عشرات المدنيين على الأقل في الضربة."),
    ("The IAEA sent inspectors to the site in March, a spokesman told CNN.",
     "L’AIEA a envoyé des inspecteurs sur le site en mars, a déclaré un porte-parole à CNN.",
     "قال متحدث لشبكة سي إن إن إن الوكالة الدولية للطاقة الذرية أرسلت مفتشين إلى الموقع في "
     "آذار/مارس."),
    ("UNFPA and the IRC run two clinics in the camp, the BBC reported.",
     "L’UNFPA et l’IRC gèrent deux cliniques dans le camp, a rapporté la BBC.",
     "أفادت هيئة الإذاعة البريطانية بأن صندوق الأمم المتحدة للسكان ولجنة الإنقاذ الدولية "
     "يديران عيادتين في المخيم."),
    ("Aid workers said the road to the ACTED warehouse was cut again overnight.",
     "Des humanitaires ont indiqué que la route menant à l’entrepôt d’ACTED avait de nouveau "
     "été coupée pendant la nuit.",
     "قال عاملون في المجال الإنساني إن الطريق المؤدي إلى مستودع منظمة أكتد قُطع مجددًا خلال "
     "الليل."),
]


def clean_entries() -> list[tuple[str, str, str]]:
    refs = json.loads((ROOT / "tests" / "data" / "qa" / "references.json").read_text("utf-8"))
    out = [(r["en"], r[lang], lang) for r in refs for lang in LANGS]
    ev = ROOT / "tests" / "data" / "eval"
    source = ev.joinpath("source.en.txt").read_text("utf-8").splitlines()
    for lang in LANGS:
        target = ev.joinpath(f"ref.{lang}.txt").read_text("utf-8").splitlines()
        out += [(s, t, lang) for s, t in zip(source, target, strict=True) if s.strip()]
    out += [(en, t, lang) for en, fr, ar in FRESH for t, lang in ((fr, "fr"), (ar, "ar"))]
    return out


# --- damage --------------------------------------------------------------------------------

URL_RE = re.compile(r"(?:https?://|www\.)\S*[^\s.,]|[\w.+-]+@[\w.-]+\.[a-z]{2,}")


def damage_url(src: str, tgt: str, lang: str, i: int) -> str | None:
    """An address dropped or changed the way engines change them."""
    m = URL_RE.search(tgt)
    if not m:
        return None
    url = m.group(0)
    changed = [
        "",  # dropped
        url.replace("example", "exemple", 1),  # a word of the host "translated"
        url.replace("https://", "http://").replace("www.", "", 1),  # scheme or host trimmed
        url.replace("/", " / ", 1) if "/" in url else url.replace("@", " @ "),  # re-spaced
        url[:-3] + url[-3:].upper(),  # case changed at the end of the path
    ][i % 5]
    if changed == url:  # nothing to change of that kind (no scheme to trim): drop it
        changed = ""
    return tgt[:m.start()] + changed + tgt[m.end():]


_ACR = re.compile(r"\b[A-Z]{2,}\b")
_ARTICLE = r"(?:[Ll]’|[Ll]'|[Dd]’|le |la |les |à |par )?"


def _dropped(tgt: str, acronym: str) -> str | None:
    out, n = re.subn(rf"\s?{_ARTICLE}{acronym}\b", "", tgt, count=1)
    return out if n else None


def damages_acronym(entries, in_glossary: bool) -> list[tuple[str, str, str]]:
    """Each acronym of a French entry that the translation keeps, dropped (with its article)."""
    out = []
    for src, tgt, lang in entries:
        if lang != "fr":
            continue
        glossed = {m.text for m in GLOSSARY.find(src)}
        for acronym in dict.fromkeys(_ACR.findall(src)):
            if (acronym in glossed) != in_glossary or acronym not in tgt:
                continue
            damaged = _dropped(tgt, acronym)
            if damaged:
                out.append((src, damaged, lang))
    return out


def damage_doubled(src: str, tgt: str, lang: str, i: int) -> str | None:
    """One word written twice."""
    from locpipe import languages

    words = tgt.split(" ")
    ok = [k for k, w in enumerate(words) if re.fullmatch(r"[^\W\d_]+", w)
          and w.lower() not in getattr(languages.get(lang), "doubled_words", ())]
    if not ok:
        return None
    k = ok[rng.randrange(len(ok))]
    return " ".join(words[:k + 1] + words[k:])


# --- the two tools -------------------------------------------------------------------------

_TT: dict[str, ttchecks.TeeChecker] = {}


def pofilter(src: str, tgt: str, lang: str) -> set[str]:
    """The names of the pofilter checks that fail the entry (pofilter's default filters)."""
    if lang not in _TT:
        _TT[lang] = ttchecks.TeeChecker(
            checkerconfig=ttchecks.CheckerConfig(targetlanguage=lang), excludefilters=[],
            checkerclasses=[ttchecks.StandardChecker, ttchecks.StandardUnitChecker],
            languagecode=lang)
    unit = pypo.pounit(src)
    unit.target = tgt
    return set(_TT[lang].run_filters(unit))


def locpipe(src: str, tgt: str, lang: str) -> set[str]:
    return {c.name for c, _ in checks.check_pair(Pair(src, tgt, lang, glossary=GLOSSARY)).findings}


FAULTS = {  # fault: (locpipe checks, pofilter checks) meant for it
    "URL": ({"urls"}, {"urls", "emails"}),
    "acronym": ({"acronyms"}, {"acronyms"}),
    "acronym*": ({"terms"}, {"acronyms"}),
    # a word doubled next to its own repeat makes a run of three: `repetition`'s business
    "doubled": ({"doubled_words", "repetition"}, {"doublewords"}),
}


def main() -> None:
    verbose = "-v" in sys.argv
    clean = clean_entries()
    damaged = {
        "URL": [(s, d, lang) for i, (s, t, lang) in enumerate(clean)
                if (d := damage_url(s, t, lang, i)) is not None],
        "acronym": damages_acronym(clean, in_glossary=False),
        "acronym*": damages_acronym(clean, in_glossary=True),
        "doubled": [(s, d, lang) for i, (s, t, lang) in enumerate(clean)
                    if (d := damage_doubled(s, t, lang, i)) is not None],
    }
    print(f"Translate Toolkit {TT_VERSION} (pofilter default filters) vs locpipe checks")
    print(f"clean human translations: {len(clean)} entries "
          f"({Counter(lang for *_, lang in clean)})\n")
    print(f"{'fault':10} {'entries':>7}  {'locpipe':>9}  {'pofilter':>9}")
    for fault, entries in damaged.items():
        ours, theirs = FAULTS[fault]
        lp = pf = 0
        for s, t, lang in entries:
            a, b = locpipe(s, t, lang) & ours, pofilter(s, t, lang) & theirs
            lp += bool(a)
            pf += bool(b)
            if verbose and not (a and b):
                print(f"  {fault}: locpipe {'caught' if a else 'MISSED'}, pofilter "
                      f"{'caught' if b else 'MISSED'}: {s!r} -> {t!r}")
        n = len(entries)
        print(f"{fault:10} {n:7}  {lp:>4}/{n:<4}  {pf:>4}/{n:<4}")

    mine = set().union(*(o for o, _ in FAULTS.values())) - {"terms", "repetition"}
    theirs = set().union(*(t for _, t in FAULTS.values()))
    fa = Counter()
    per_lp, per_pf = Counter(), Counter()
    for s, t, lang in clean:
        a, b = locpipe(s, t, lang), pofilter(s, t, lang)
        fa["lp_any"] += bool(a)
        fa["pf_any"] += bool(b)
        fa["lp_these"] += bool(a & mine)
        fa["pf_these"] += bool(b & theirs)
        per_lp.update(a)
        per_pf.update(b)
        if verbose and (a or b & theirs):
            print(f"  clean {lang}: locpipe {sorted(a)} pofilter {sorted(b)}: {s!r} -> {t!r}")
    n = len(clean)
    print(f"\nfalse alarms on {n} clean entries (entries flagged):")
    print(f"  by the checks above   locpipe {fa['lp_these']:3}/{n}   pofilter "
          f"{fa['pf_these']:3}/{n}")
    print(f"  by any check          locpipe {fa['lp_any']:3}/{n}   pofilter "
          f"{fa['pf_any']:3}/{n}")
    print("  locpipe per check:  " + (", ".join(f"{k} {v}" for k, v in per_lp.most_common())
                                      or "none"))
    print("  pofilter per check: " + ", ".join(f"{k} {v}" for k, v in per_pf.most_common()))


if __name__ == "__main__":
    main()
