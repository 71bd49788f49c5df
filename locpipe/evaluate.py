"""`locpipe eval`: what the whole pipeline gives on a reference test set, per target language.

The test set (plain text, TSV or TMX: locpipe.formats.testsets) goes through the same target
stages as `translate` (glossary, numbers, detection, typography, QA), with two differences a
measurement needs: no earlier PO file is reused, and the translation memory is off unless
asked for (a memory of the test set's own references would score itself).

One line of a test set is one paragraph: it is split into sentences by the same segmenter as
an article and the translations are joined again with a space. Decided so because this is
what `translate` does to every paragraph a desk sends (the figure is the pipeline's, not the
bare model's), and Argos models are trained on sentences, so a two-sentence line sent whole
would measure a use locpipe never makes. Most test-set lines are one sentence anyway.

Scores are sacrebleu's (`CHRF()`, `BLEU()` corpus scores on the hypotheses as written to
DIR/hyp.<lang>.txt, markup tags removed from hypotheses and references alike) with their
signatures. locpipe's own figures, each over the lines it applies to:
- terms: lines whose source has a glossary term, all rendered as the glossary says;
- numbers: lines with numbers or dates, no value lost or changed (no "numbers" error);
- markup: lines whose engine input had tags or placeholders, the final text carrying every
  source tag once, well nested, and no placeholder left over;
- untranslated: lines whose output is the source unchanged or was judged not in the target
  language (a "language" warning or error);
- qa: lines with at least one error or warning finding;
- alignment: segments with tags or placeholders whose markup was placed through the
  attention (the engine's `markup_path`, see locpipe.engines.argos), not copied by the model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from locpipe import pipeline
from locpipe.context import Context, Settings
from locpipe.document import Block, Document, Unit
from locpipe.engines import is_language_code, require_pair
from locpipe.errors import ConfigError
from locpipe.fileio import write_all
from locpipe.formats.testsets import TestSet, read_testset
from locpipe.markup import DEBRIS_RE, INLINE_RE, TAG_RE, strip_tags
from locpipe.rules.alignment import markup_problem
from locpipe.rules.numbers import NumberState
from locpipe.rules.terms import term_state
from locpipe.stages import detect, memory, reuse
from locpipe.stages.segment import segment_document

FIGURES = ("terms", "numbers", "markup", "untranslated", "qa", "alignment")


def parse_refs(values: list[str]) -> dict[str, Path | None]:
    """`--ref fr=ref.fr.txt` (plain text) or `--ref fr` (a TSV column, a TMX language)."""
    refs: dict[str, Path | None] = {}
    for value in values:
        lang, sep, path = value.partition("=")
        lang = lang.strip().lower()
        if not is_language_code(lang):
            raise ConfigError(f"unknown language '{lang}' in --ref {value}; write LANG=FILE with "
                              "a language code, e.g. --ref fr=newstest.fr")
        if sep and not path.strip():
            raise ConfigError(f"--ref {value} names no file; write LANG=FILE, e.g. "
                              f"--ref {lang}=ref.{lang}.txt")
        refs[lang] = Path(path.strip()) if sep else None
    return refs


@dataclass
class LineResult:
    line: int
    source: str
    reference: str
    hypothesis: str
    units: list[Unit]
    paths: list[str]

    def record(self) -> dict:
        findings = [f for u in self.units for f in u.findings]
        return {"line": self.line, "source": self.source, "reference": self.reference,
                "hypothesis": self.hypothesis, "segments": len(self.units),
                "markup_paths": self.paths,
                "terms": _line_terms(self.units), "numbers": _line_numbers(self.units),
                "markup": _line_markup(self.units), "untranslated": self.untranslated,
                "findings": [f"{f.severity}: {f.check}: {f.message}" for f in findings]}

    @property
    def untranslated(self) -> bool:
        same = strip_tags(self.hypothesis).strip() == strip_tags(self.source).strip() \
            and any(c.isalpha() for c in self.source)
        return same or any(f.check == "language" and f.severity in ("error", "warning")
                           for u in self.units for f in u.findings)


def _line_terms(units: list[Unit]) -> bool | None:
    states = [s for u in units if (s := term_state(u)) is not None and s.found]
    if not states:
        return None
    return all(o.right for s in states for o in s.verified) and all(s.verified for s in states)


def _line_numbers(units: list[Unit]) -> bool | None:
    has = [u for u in units if (s := u.get(NumberState)) and (s.values or s.unmasked)]
    if not has:
        return None
    return not any(f.check == "numbers" and f.severity == "error" for u in has
                   for f in u.findings)


def _line_markup(units: list[Unit]) -> bool | None:
    has = [u for u in units if INLINE_RE.search(u.engine_input or u.segment.text)]
    if not has:
        return None
    return all(markup_problem(u.segment.text, u.target) is None
               and not DEBRIS_RE.search(TAG_RE.sub("", u.target)) for u in has)


@dataclass
class LangReport:
    lang: str
    chrf: float
    bleu: float
    signature: dict[str, str]
    figures: dict[str, dict]
    lines: list[LineResult] = field(default_factory=list)
    model: str = ""

    def as_json(self) -> dict:
        return {"chrf": self.chrf, "bleu": self.bleu, "model": self.model,
                "signature": self.signature, **self.figures}


@dataclass
class EvalReport:
    testset: TestSet
    engine: str
    pseudo: bool
    languages: dict[str, LangReport]
    written: list[Path]


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def figures(results: list[LineResult]) -> dict[str, dict]:
    """locpipe's fidelity figures over the lines of one language (see module docstring)."""
    def share(key: str) -> dict:
        values = [r.record()[key] for r in results]
        applicable = [v for v in values if v is not None]
        right = sum(bool(v) for v in applicable)
        return {"lines": len(applicable), "right": right, "rate": _rate(right, len(applicable))}

    untranslated = sum(r.untranslated for r in results)
    findings = [f for r in results for u in r.units for f in u.findings]
    flagged = sum(any(f.severity in ("error", "warning") for u in r.units for f in u.findings)
                  for r in results)
    marked = [p for r in results for p in r.paths if p != "none"]
    aligned = marked.count("aligned")
    return {
        "terms": share("terms"),
        "numbers": share("numbers"),
        "markup": share("markup"),
        "untranslated": {"lines": len(results), "untranslated": untranslated,
                         "rate": _rate(untranslated, len(results))},
        "qa": {"lines": len(results), "flagged": flagged, "rate": _rate(flagged, len(results)),
               "errors": sum(f.severity == "error" for f in findings),
               "warnings": sum(f.severity == "warning" for f in findings)},
        "alignment": {"segments": len(marked), "aligned": aligned,
                      "share": _rate(aligned, len(marked))},
    }


def score(hyps: list[str], refs: list[str]) -> tuple[float, float, dict[str, str]]:
    """chrF and BLEU of `hyps` against `refs` (one reference each), with their signatures."""
    from sacrebleu.metrics import BLEU, CHRF

    chrf, bleu = CHRF(), BLEU()
    c, b = chrf.corpus_score(hyps, [refs]), bleu.corpus_score(hyps, [refs])
    return c.score, b.score, {"chrf": str(chrf.get_signature()),
                              "bleu": str(bleu.get_signature())}


def _document(ts: TestSet) -> Document:
    doc = Document(ts.path, "eval", "txt",
                   [Block("paragraph", text=line.strip(), line=n)
                    for n, line in enumerate(ts.sources, start=1)])
    return segment_document(doc)


def evaluate(source: Path, refs: dict[str, Path | None], settings: Settings,
             out_dir: Path, use_memory: bool = False) -> EvalReport:
    """Translate the test set into each reference language and score it; write
    OUT/hyp.<lang>.txt and OUT/lines.<lang>.jsonl (all or nothing)."""
    ts = read_testset(source, refs, settings.source_lang, settings.encoding)
    if not ts.refs:
        raise ConfigError(f"{source}: no reference language; add --ref LANG=FILE "
                          "(or --ref LANG for a TSV column)")
    for lang in ts.refs:
        require_pair(settings.engine, settings.source_lang, lang)
    settings.targets = list(ts.refs)
    doc = _document(ts)
    detect.verify_source(doc, settings)
    stages = [s for s in pipeline.TARGET_STAGES
              if s is not reuse.reuse and (use_memory or s is not memory.recall)]
    resources: dict = {}
    reports: dict[str, LangReport] = {}
    files: dict[Path, str] = {}
    engine = None
    for lang, references in ts.refs.items():
        ctx = Context(lang, settings, resources)
        engine = ctx.engine()
        units = [Unit(seg, lang) for seg in doc.segments]
        for stage in stages:
            stage(units, ctx)
        path_of = engine.markup_path
        by_block: dict[int, list[Unit]] = {}
        for u in units:
            by_block.setdefault(u.segment.block, []).append(u)
        results = []
        for n, (src, ref) in enumerate(zip(ts.sources, references, strict=True), start=1):
            us = by_block.get(n, [])
            hyp = " ".join(strip_tags(u.target).strip() for u in us)
            paths = [path_of(u.engine_input)
                     or ("none" if not INLINE_RE.search(u.engine_input) else "masked")
                     for u in us]
            results.append(LineResult(n, src, strip_tags(ref), " ".join(hyp.split()),
                                      us, paths))
        hyps = [r.hypothesis for r in results]
        chrf, bleu, signature = score(hyps, [r.reference for r in results])
        reports[lang] = LangReport(lang, chrf, bleu, signature, figures(results), results,
                                   engine.model_id or settings.engine)
        files[out_dir / f"hyp.{lang}.txt"] = "".join(h + "\n" for h in hyps)
        files[out_dir / f"lines.{lang}.jsonl"] = "".join(
            json.dumps(r.record(), ensure_ascii=False) + "\n" for r in results)
    write_all(files)
    return EvalReport(ts, settings.engine, bool(engine is not None and engine.pseudo), reports,
                      list(files))


def format_json(report: EvalReport) -> str:
    return json.dumps({lang: r.as_json() for lang, r in report.languages.items()},
                      ensure_ascii=False, indent=2) + "\n"


def _pct(fig: dict, key: str = "rate") -> str:
    value = fig.get(key)
    return "n/a" if value is None else f"{100 * value:.1f} %"


def format_text(report: EvalReport) -> str:
    lines = [f"locpipe eval — {report.testset.path} ({len(report.testset.sources)} lines), "
             f"engine {report.engine}"]
    if report.pseudo:
        lines.append("PSEUDO-TRANSLATION: the scores measure nothing about translation "
                     "quality; they prove the workflow.")
    for lang, r in report.languages.items():
        f = r.figures
        lines += [
            f"[{lang}] chrF {r.chrf:.2f}  BLEU {r.bleu:.2f}  (model {r.model})",
            f"  chrF signature: {r.signature['chrf']}",
            f"  BLEU signature: {r.signature['bleu']}",
            f"  terms right: {_pct(f['terms'])} of {f['terms']['lines']} lines with a term",
            f"  numbers right: {_pct(f['numbers'])} of {f['numbers']['lines']} lines with "
            "numbers or dates",
            f"  markup intact: {_pct(f['markup'])} of {f['markup']['lines']} lines with tags "
            "or placeholders",
            f"  untranslated or wrong language: {_pct(f['untranslated'])} "
            f"({f['untranslated']['untranslated']} of {f['untranslated']['lines']} lines)",
            f"  QA findings: {_pct(f['qa'])} of lines ({f['qa']['errors']} errors, "
            f"{f['qa']['warnings']} warnings)",
            f"  alignment path: {_pct(f['alignment'], 'share')} of "
            f"{f['alignment']['segments']} segments with tags or placeholders",
        ]
    lines += [f"wrote {p}" for p in report.written]
    return "\n".join(lines) + "\n"
