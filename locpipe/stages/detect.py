"""The detect stages: the source article is verified to be in the source language, foreign
source segments are kept as they are, and the engine's output is verified to be in the target
language (retried once differently when the engine answered in the source language).

The rules (guess, in_language, foreign_lang, thresholds and their measurements) are in
locpipe.rules.langid.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from locpipe.context import Hypotheses, stage
from locpipe.document import Document, Draft, Unit, each
from locpipe.engines.base import realign
from locpipe.errors import InputError
from locpipe.rules.langid import (
    Guess,
    OutputLanguage,
    foreign_lang,
    in_language,
    language_name,
    profile,
    source_verdict,
    split_clauses,
)

if TYPE_CHECKING:
    from locpipe.context import Context, Settings


# --- source -------------------------------------------------------------------------------

def verify_source(doc: Document, settings: Settings) -> None:
    """Raise InputError unless the article is in the source language; mark foreign segments.

    `settings.force` skips both: the user asked for everything to be translated.
    """
    expected = settings.source_lang
    if getattr(settings, "force", False):
        return
    found = source_verdict([s.plain for s in doc.segments], expected)
    if found is not None:
        raise InputError(
            f"the article looks {language_name(found.lang)} ({found.lang}, probability "
            f"{found.prob:.2f}: {found.evidence}), not {language_name(expected)}; pass "
            f"--source-lang {found.lang} if that is right, or --force to translate it anyway",
            doc.path)
    for seg in doc.segments:
        seg.lang = foreign_lang(seg.plain, expected)


@stage(requires=("segments",), assigns=("source_language",),
       label="checking the source language")
def check_source(drafts: list[Draft], ctx: Context) -> None:
    """Stage: an article not in the source language fails (`verify_source`); foreign segments
    of the others are marked (kept untranslated by `keep_foreign`)."""
    each(drafts, lambda draft: verify_source(draft.doc, ctx.settings))  # type: ignore[arg-type]


@stage(requires=("segment", "origin"), assigns=("origin", "output", "target"),
       label="keeping foreign quotes")
def keep_foreign(units: list[Unit], ctx: Context) -> None:
    """Stage: segments in another language are reported and passed through untranslated."""
    for u in units:
        lang = u.segment.lang
        if not lang or u.origin != "machine":
            continue
        u.origin = "copy"
        u.output = u.target = u.segment.text
        u.flag("foreign", "info", f"source segment is in {language_name(lang)} ({lang}); "
                                  "left untranslated")


# --- output -------------------------------------------------------------------------------

def _retry_inputs(text: str) -> list[str]:
    """The different way of asking: clause by clause; a single clause without its final
    punctuation (a different input the model has not just failed on)."""
    pieces = split_clauses(text)
    if len(pieces) > 1:
        return pieces
    stripped = text.rstrip()
    m = re.search(r"[.!?…]+[”\"’»]?$", stripped)
    return [stripped[:m.start()] if m and m.start() > 0 else stripped]


def _rejoin(text: str, pieces: list[str], outputs: list[str], lang: str) -> str:
    """The retried pieces joined; a final mark taken off for the retry is put back in the
    target's form (profile.punctuation: "?" is "؟" in Arabic)."""
    out = " ".join(o.strip() for o in outputs)
    if len(pieces) == 1 and pieces[0] != text.rstrip():
        tail = text.rstrip()[len(pieces[0]):]
        marks = profile(lang).punctuation
        out = out.rstrip(".!?…" + "".join(marks.values())) + "".join(
            marks.get(c, c) for c in tail)
    return out


def _within_budget(plans: list[tuple[Unit, Guess, list[str]]], ctx: Context
                   ) -> list[tuple[Unit, Guess, list[str]]]:
    """The retries the run's budget allows (shortest first: more segments for the same
    decoding); the others keep their output and are flagged as not retried."""
    budget = getattr(ctx, "budget", None)
    if budget is None:
        return plans
    keys: dict[str, list[int]] = {}
    for i, (u, _, _) in enumerate(plans):
        keys.setdefault(u.engine_input, []).append(i)
    order = sorted(keys, key=len)
    granted = {order[i] for i in budget.grant("language", order, [len(keys[k]) for k in order])}
    name = language_name(ctx.lang)
    for u, g, _ in plans:
        if u.engine_input not in granted:
            u.flag("language", "error", f"output is not {name}: detected {g.describe()}; "
                                        "not retried (the run's retry budget was spent)")
    return [p for p in plans if p[0].engine_input in granted]


@stage(requires=("output",), assigns=("output", "language"),
       label="checking the output language (retrying wrong ones)")
def check_output(units: list[Unit], ctx: Context) -> None:
    """Stage: every machine output must be in the target language. Outputs left in the source
    language (Argos en→ar does this) are retried once differently and flagged (error) when
    still wrong; outputs in some third language are flagged (warning) without a retry."""
    engine = ctx.engine()
    if engine.pseudo:
        return  # pseudo output is no language; nothing to verify
    wrong: list[tuple[Unit, Guess]] = []
    name = language_name(ctx.lang)
    for u in units:
        if u.origin != "machine" or not u.output.strip():
            continue
        ok, g = in_language(u.output, ctx.lang, ctx.settings.source_lang)
        u.put(OutputLanguage(g))
        if ok:
            continue
        if g.lang == ctx.settings.source_lang:
            wrong.append((u, g))  # left in the source language: worth another try
        else:
            u.flag("language", "warning", f"output does not look {name}: detected "
                                          f"{g.describe()}")
    if not wrong:
        return
    plans = [(u, g, _retry_inputs(u.engine_input)) for u, g in wrong]
    plans = _within_budget(plans, ctx)
    flat = list(dict.fromkeys(p for _, _, pieces in plans for p in pieces))
    # the engine sends these in chunks like the first pass (argos: max_batch_inputs)
    table = dict(zip(flat, engine.translate(flat), strict=True)) if flat else {}
    # tags the retry lost: re-placed by the engine's aligned step, within the budget
    table.update(realign(engine, flat, ctx.budget.grant if ctx.budget is not None else None))
    for u, g, pieces in plans:
        retried = _rejoin(u.engine_input, pieces, [table[p] for p in pieces], ctx.lang)
        ok, g2 = in_language(retried, ctx.lang, ctx.settings.source_lang)
        how = "clause by clause" if len(pieces) > 1 else "without final punctuation"
        if ok:
            u.output = retried
            u.state.pop(Hypotheses, None)  # the first pass's n-best lists are of another output
            u.put(OutputLanguage(g2, retried=how))
            u.notes.append(f"language: first output was {g.describe()}; retried {how}")
            u.flag("language", "info", f"engine answered in {g.describe()}; retried {how}, "
                                       f"now {name}")
        else:
            u.flag("language", "error", f"output is not {name}: detected {g.describe()}, "
                                        f"still after a retry {how}")
    ctx.progress("retried", len(plans))
