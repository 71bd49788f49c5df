"""Values on held-out wire copy (tests/data/heldout/values.tsv: sentences written after the
issue-12 fixes, tuned on nothing): every sentence goes through the pipeline's value path as a
new user runs it — the newsroom glossary (./glossary), number masking, the PSEUDO engine
(every value must come back exactly), restore, typography — and each hand-written expected form
is looked for in the final text.

    python benchmarks/heldout_fidelity.py

Prints, per variant (fr, ar, ar_SY with Arabic-Indic digits): values correct out of total, and
segments with a "numbers" or "urls" error although the expected values are all there (false
alarms).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.locale_fidelity import VARIANTS, _levantine_arab, _notation, _present  # noqa: E402
from locpipe.context import Context, Pipeline, Resources  # noqa: E402
from locpipe.document import Segment, Unit  # noqa: E402
from locpipe.engines.pseudo import PseudoEngine  # noqa: E402
from locpipe.formats.glossary import load_glossary  # noqa: E402
from locpipe.stages import check, glossary, localize, protect, translate, typography  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "heldout" / "values.tsv"


def _form(variant: str, form: str) -> str:
    if form.startswith("="):
        return form[1:]
    lang = variant.split("_")[0]
    form = _notation(lang, form)
    return _levantine_arab(form) if variant == "ar_SY/arab" else form


def load(path: Path = CORPUS) -> list[tuple[str, dict[str, list[str]]]]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        en, fr, ar = line.split("\t")
        cases.append((en, {"fr": [_form("fr", f) for f in fr.split("|")],
                           "ar": [_form("ar", f) for f in ar.split("|")],
                           "ar_SY/arab": [_form("ar_SY/arab", f) for f in ar.split("|")]}))
    return cases


def run(cases, variant: str) -> list[Unit]:
    lang, settings = VARIANTS[variant]
    units = [Unit(Segment(f"heldout:{i}.0", i, 0, "paragraph", en), lang)
             for i, (en, _) in enumerate(cases)]
    ctx = Context(lang, settings, Resources(glossary=load_glossary([ROOT / "glossary"])))
    ctx._engine = PseudoEngine("en", lang)
    return Pipeline([protect.prepare, glossary.mask_terms, localize.mask,
                     translate.translate_units, localize.restore, glossary.restore_terms,
                     protect.finish, typography.typography, check.run_checks]).run(units, ctx)


def main() -> None:
    cases = load()
    total = sum(len(f["fr"]) for _, f in cases)
    print(f"held-out: {CORPUS.relative_to(ROOT)} — {len(cases)} sentences, {total} values per "
          "variant; engine: pseudo; glossary: ./glossary")
    for variant in VARIANTS:
        units = run(cases, variant)
        ok, alarms, misses = 0, 0, []
        for (_en, forms), u in zip(cases, units, strict=True):
            found = _present(forms[variant], u.target)
            ok += sum(found)
            misses += [(f, u.target) for f, here in zip(forms[variant], found, strict=True)
                       if not here]
            if all(found) and any(f.check in ("numbers", "urls") and f.severity == "error"
                                  for f in u.findings):
                alarms += 1
        print(f"{variant}: values correct {ok}/{total} = {100 * ok / total:.1f} %; "
              f"false alarms (segments right but flagged): {alarms}")
        for form, target in misses[:6]:
            print(f"   missing {form!r} in {target!r}")


if __name__ == "__main__":
    main()
