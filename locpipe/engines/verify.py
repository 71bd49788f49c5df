"""Checking installed models: load each one, translate a probe sentence, and check that the
translation is in the package's target language.

It sits above both `packages` (what is installed) and the Argos engine (how a model is loaded),
so neither of those imports the other's users. The language is read with locpipe.rules.langid:
the script for a target in a non-Latin script (at least half the letters in it), function
words for a Latin-script target with a word list in its profile (at least two of the target's,
more than English ones: every real translation of the probe has them), else langdetect
restricted to English and the target (the probe's translation is long enough for it). A
target with neither is reported as not checked rather than guessed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from locpipe.engines import EngineOptions
from locpipe.engines.argos import ArgosModel, load_model
from locpipe.engines.packages import InstalledPackage, installed_packages
from locpipe.errors import ModelError
from locpipe.markup import words_only
from locpipe.rules import langid

PROBE = "The United Nations said on Monday that 50,000 people had fled the city."


@dataclass(frozen=True)
class VerifyResult:
    package: InstalledPackage
    ok: bool
    output: str  # the probe's translation, or the error
    seconds: float
    problem: str = ""  # what is wrong with the translation ("the probe came back in English…")
    note: str = ""  # what could not be checked (no way to tell the target language)



def probe_fault(package: InstalledPackage, probe: str = PROBE) -> str:
    """Why `package` cannot be used ("" when it loads and translates the probe). The model is
    loaded afresh, not cached: this checks a package before it is installed."""
    try:  # anything an untrusted package makes CTranslate2 raise is the package's fault
        model = ArgosModel(package)
    except Exception:
        return "its model (model/) cannot be loaded by CTranslate2"
    try:
        output = model.translate([probe])[0]
    except Exception:
        return "its model fails when translating a test sentence"
    if not output.strip():
        return "its model translates a test sentence to nothing"
    return ""


PROBE_MIN_PROB = 0.9  # langdetect (English vs the target) must be this sure of the target


def probe_language(output: str, lang: str, probe: str = PROBE) -> tuple[str, str]:
    """(problem, note) about the language of `output`, the probe translated into `lang`:
    problem "" when it is in `lang`; note says when that could not be checked."""
    pr = langid.profile(lang)
    name = pr.name
    plain = words_only(output)
    if lang != "en" and " ".join(plain.split()).casefold() == " ".join(probe.split()).casefold():
        return "the probe came back untranslated (identical to the English)", ""
    if not langid.letters(plain):
        return f"the probe came back without words, not in {name}", ""
    script, share = langid.dominant_script(plain)
    if pr.script != "Latn":
        if pr.script in langid.SCRIPTS:
            if langid.script_share(plain, pr.script) >= langid.SCRIPT_MIN_SHARE:
                return "", ""
        elif script != "Latn" or share < langid.SCRIPT_MIN_SHARE:
            return "", (f"only checked that the probe is not in Latin script (no letter test "
                        f"for the {langid.script_name(pr.script)} script)")
        return f"the probe came back in {_found(plain, script)}, not {name}", ""
    if script != "Latn":
        return f"the probe came back in {_found(plain, script)}, not {name}", ""
    if pr.function_words:
        en, own = langid.word_counts(plain, ("en", lang))
        rival = _rival(plain, lang)
        if rival:
            return f"the probe came back in {langid.language_name(rival)}, not {name}", ""
        if en >= 2 and en > own:
            return f"the probe came back in English, not {name}", ""
        if own >= 2 and own > en:
            return "", ""
        # too few function words either way (Turkish writes them as suffixes): langdetect
    if langid.langdetect_knows(lang):
        ranked = langid.ranked_languages(plain)  # all its languages: Spanish for Italian too
        top, prob = ranked[0] if ranked else ("", 0.0)
        if top != lang and prob >= PROBE_MIN_PROB:
            return (f"the probe came back in {langid.language_name(top)}, not {name} "
                    f"(langdetect)"), ""
        ranked = langid.ranked_languages(plain, ("en", lang))
        if ranked and ranked[0][0] == lang and ranked[0][1] >= PROBE_MIN_PROB:
            return "", ""
        return f"the probe came back in no recognisable {name} (langdetect)", ""
    return "", f"language not checked (no function words or langdetect profile for {name})"


def _rival(text: str, lang: str) -> str:
    """Another Latin-script language with a word list whose function words outnumber
    `lang`'s in `text` (each pair compared on the words only one of the two has: Spanish
    "las", "el" against French "ont"), by the widest margin; "" when there is none."""
    best, margin = "", 0
    for other in langid._listed():
        if other != lang and langid.script_of(other) == "Latn":
            own, theirs = langid.word_counts(text, (lang, other))
            if theirs >= 2 and theirs - own > margin:
                best, margin = other, theirs - own
    return best


def _found(text: str, script: str) -> str:
    """What `text` is in, in words: English or another language with a word list when its
    function words say so, else the script ("Latin script", "Cyrillic script (Russian?)")."""
    if script == "Latn":
        # each language's function words that English does not share ("les", "que", "ont"),
        # English's own; the most, if at least two and no tie
        scores = {lang: langid.word_counts(text, ("en", lang))[1] for lang in langid._listed()
                  if langid.script_of(lang) == "Latn"}
        scores["en"] = langid.word_counts(text, ("en",))[0]
        best = max(scores.values())
        if best >= 2 and list(scores.values()).count(best) == 1:
            return langid.language_name(max(scores, key=scores.__getitem__))
    elif (lang := langid.script_language(script)) and langid.letters(text) >= 3:
        return f"{langid.script_name(script)} script ({langid.language_name(lang)}?)"
    return f"{langid.script_name(script)} script"


def verify(pairs: list[tuple[str, str]] | None = None, probe: str = PROBE
           ) -> list[VerifyResult]:
    """Load each installed model (or those for `pairs`) and translate a short probe."""
    packages = installed_packages()
    if pairs:
        packages = [p for p in packages if (p.from_code, p.to_code) in pairs]
    if not packages:
        raise ModelError("no models installed to verify; install them with "
                         "'locpipe models install fr ar'")
    results = []
    for pkg in packages:
        start = time.perf_counter()
        problem = note = ""
        try:
            output = load_model(pkg, EngineOptions()).translate([probe])[0]
            ok = bool(output.strip())
            if not ok:
                output = "empty translation"
            else:
                problem, note = probe_language(output, pkg.to_code, probe)
                ok = not problem
        except Exception as exc:  # a broken model: report it, check the others
            ok, output = False, f"{type(exc).__name__}: {exc}"
        results.append(VerifyResult(pkg, ok, output, time.perf_counter() - start, problem,
                                    note))
    return results
