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
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from locpipe import pipeline
from locpipe.context import Context, Pipeline, Resources, Settings, initialize
from locpipe.document import Block, Document, Draft, Unit
from locpipe.engines import engine_class, is_language_code, release_memory, require_pair
from locpipe.errors import ConfigError
from locpipe.fileio import write_all
from locpipe.formats.testsets import TestSet, read_testset
from locpipe.markup import DEBRIS_RE, INLINE_RE, TAG_RE, strip_tags
from locpipe.rules.alignment import markup_problem
from locpipe.rules.numbers import NumberState
from locpipe.rules.terms import term_state

if TYPE_CHECKING:
    from locpipe.engines import Engine

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
    seconds: float = 0.0  # the target stages over the whole set (engine loading included)
    segments: int = 0
    peak_mb: float | None = None

    @property
    def per_1000(self) -> float:
        """Seconds per 1,000 segments."""
        return 1000 * self.seconds / self.segments if self.segments else 0.0

    def as_json(self) -> dict:
        return {"chrf": self.chrf, "bleu": self.bleu, "model": self.model,
                "signature": self.signature, **self.figures,
                "speed": {"segments": self.segments, "seconds": round(self.seconds, 3),
                          "seconds_per_1000": round(self.per_1000, 2)},
                "peak_mb": self.peak_mb}


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


# The article stages after reading: a test set is read by its own reader (one line, one
# paragraph), then segmented and checked as an article is.
ARTICLE_STAGES = pipeline.ARTICLE_PIPELINE.without("read", "rerun", given=("document",))


def _document(ts: TestSet, settings: Settings) -> Document:
    """The test set as one article, through the article stages; raises their failure."""
    doc = Document(ts.path, "eval", "txt",
                   [Block("paragraph", text=line.strip(), line=n)
                    for n, line in enumerate(ts.sources, start=1)])
    return pipeline.article(Draft(ts.path, doc.slug, doc=doc), settings, ARTICLE_STAGES)


def _prepare(source: Path, refs: dict[str, Path | None], settings: Settings,
             use_memory: bool, require: bool = True) -> tuple[TestSet, Document, Pipeline]:
    ts = read_testset(source, refs, settings.source_lang, settings.encoding)
    if not ts.refs:
        raise ConfigError(f"{source}: no reference language; add --ref LANG=FILE "
                          "(or --ref LANG for a TSV column)")
    for lang in ts.refs if require else ():
        require_pair(settings.engine, settings.source_lang, lang)
    settings.targets = list(ts.refs)
    doc = _document(ts, settings)
    stages = pipeline.TARGET_PIPELINE.without("reuse", *(() if use_memory else ("memory",)))
    return ts, doc, stages


def _resources(settings: Settings, use_memory: bool) -> Resources:
    """The glossary (and, with `use_memory`, the translation memory) the evaluation uses."""
    return initialize(settings if use_memory else replace(settings, memory_dir=None))


def _reset_peak() -> None:
    """Start a new peak-RSS measurement (Linux: `5` into /proc/self/clear_refs resets
    VmHWM); elsewhere the peak stays the process's so far."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def _peak_mb() -> float | None:
    """Peak resident memory since `_reset_peak`, in MB (VmHWM; else ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource

        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    except (ImportError, OSError):
        return None


def _evaluate_language(ts: TestSet, doc: Document, stages: Pipeline, lang: str,
                       settings: Settings, resources: Resources) -> tuple[LangReport, Engine]:
    """One language through the pipeline's stages, scored; timed and its peak memory read."""
    references = ts.refs[lang]
    _reset_peak()
    start = time.perf_counter()
    ctx = Context(lang, settings, resources)
    engine = ctx.engine()
    units = [Unit(seg, lang) for seg in doc.segments]
    stages.run(units, ctx)
    seconds = time.perf_counter() - start
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
        results.append(LineResult(n, src, strip_tags(ref), " ".join(hyp.split()), us, paths))
    hyps = [r.hypothesis for r in results]
    chrf, bleu, signature = score(hyps, [r.reference for r in results])
    report = LangReport(lang, chrf, bleu, signature, figures(results), results,
                        engine.model_id or settings.engine, seconds, len(units), _peak_mb())
    return report, engine


def _files(report: LangReport, directory: Path) -> dict[Path, str]:
    return {directory / f"hyp.{report.lang}.txt":
            "".join(r.hypothesis + "\n" for r in report.lines),
            directory / f"lines.{report.lang}.jsonl": "".join(
                json.dumps(r.record(), ensure_ascii=False) + "\n" for r in report.lines)}


def evaluate(source: Path, refs: dict[str, Path | None], settings: Settings,
             out_dir: Path, use_memory: bool = False) -> EvalReport:
    """Translate the test set into each reference language and score it; write
    OUT/hyp.<lang>.txt and OUT/lines.<lang>.jsonl (all or nothing)."""
    ts, doc, stages = _prepare(source, refs, settings, use_memory)
    resources = _resources(settings, use_memory)
    reports: dict[str, LangReport] = {}
    files: dict[Path, str] = {}
    engine = None
    for lang in ts.refs:
        reports[lang], engine = _evaluate_language(ts, doc, stages, lang, settings, resources)
        files.update(_files(reports[lang], out_dir))
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


# --- several engines side by side ---------------------------------------------------------

@dataclass
class EngineRow:
    """One engine on one language: its report, or why it could not translate it."""

    engine: str
    report: LangReport | None = None
    error: str = ""
    pseudo: bool = False

    def as_json(self) -> dict:
        if self.report is None:
            return {"error": self.error}
        return {**self.report.as_json(), "pseudo": self.pseudo}


@dataclass
class Comparison:
    testset: TestSet
    engines: list[str]
    languages: dict[str, list[EngineRow]]  # per language, one row per engine, in order
    written: list[Path]


def parse_engines(value: str) -> list[str]:
    """`--engine argos,opus-en-fr,pseudo` -> the names, each known (one-line error else)."""
    names = list(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    if not names:
        raise ConfigError("--engine names no engine; give one or more, e.g. "
                          "--engine argos,pseudo")
    for name in names:
        engine_class(name)
    return names


def _own_options(name: str, extra: dict) -> dict:
    """The `--engine-option` values engine `name` declares (the others are other engines')."""
    own = {o.name for o in engine_class(name).OPTIONS}
    return {k: v for k, v in extra.items() if k in own}


def check_shared_options(names: list[str], extra: dict) -> None:
    """Every `--engine-option` must belong to at least one of the engines compared."""
    for key in extra:
        if not any(key in {o.name for o in engine_class(n).OPTIONS} for n in names):
            raise ConfigError(f"no engine of {', '.join(names)} has the option '{key}'")
    for name in names:
        engine_class(name).check_settings(_own_options(name, extra))


def compare(source: Path, refs: dict[str, Path | None], settings: Settings,
            engines: list[str], out_dir: Path, use_memory: bool = False) -> Comparison:
    """Run each engine over the same segments and score it per language; an engine that
    cannot translate a language (no model, a server that fails) is a row saying why. Writes
    OUT/<engine>/hyp.<lang>.txt, OUT/<engine>/lines.<lang>.jsonl and OUT/report.html."""

    from locpipe.errors import LocpipeError

    ts, doc, stages = _prepare(source, refs, settings, use_memory, require=False)
    extra = settings.engine_options.extra
    table: dict[str, list[EngineRow]] = {lang: [] for lang in ts.refs}
    files: dict[Path, str] = {}
    loaded = _resources(settings, use_memory)
    for name in engines:
        own = replace(settings, engine=name, targets=list(ts.refs),
                      engine_options=replace(settings.engine_options,
                                             extra=_own_options(name, extra)))
        resources = Resources(loaded.glossary, loaded.memories)  # each engine its own models
        for lang in ts.refs:
            try:
                require_pair(name, settings.source_lang, lang)
                report, engine = _evaluate_language(ts, doc, stages, lang, own, resources)
            except LocpipeError as exc:
                table[lang].append(EngineRow(name, error=str(exc)))
                continue
            except Exception as exc:  # an engine's own failure: its row, not the command
                table[lang].append(EngineRow(name, error=f"{type(exc).__name__}: {exc}"))
                continue
            table[lang].append(EngineRow(name, report, pseudo=engine.pseudo))
            files.update(_files(report, out_dir / _dirname(name)))
        engine_class(name).unload()  # the next engine's peak memory is its own
        release_memory()
    comparison = Comparison(ts, engines, table, [])
    files[out_dir / "report.html"] = format_html(comparison)
    write_all(files)
    comparison.written = list(files)
    return comparison


def _dirname(engine: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in engine)


COLUMNS = ("chrF", "BLEU", "terms", "numbers", "markup", "untransl.", "QA", "aligned",
           "s/1k seg", "peak MB")


def _cells(r: LangReport) -> list[str]:
    f = r.figures
    return [f"{r.chrf:.2f}", f"{r.bleu:.2f}", _pct(f["terms"]), _pct(f["numbers"]),
            _pct(f["markup"]), _pct(f["untranslated"]), _pct(f["qa"]),
            _pct(f["alignment"], "share"), f"{r.per_1000:.1f}",
            "n/a" if r.peak_mb is None else f"{r.peak_mb:,.0f}"]


def _signatures(rows: list[EngineRow]) -> list[str]:
    sigs = [row.report.signature for row in rows if row.report is not None]
    return [f"  {kind} signature: {sig}" for kind in ("chrf", "bleu")
            for sig in dict.fromkeys(s[kind] for s in sigs)]


def format_comparison_text(c: Comparison) -> str:
    """One table per language: a row per engine, a failed engine's row saying why."""
    lines = [f"locpipe eval — {c.testset.path} ({len(c.testset.sources)} lines), engines "
             f"{', '.join(c.engines)}"]
    for lang, rows in c.languages.items():
        width = max([6, *(len(r.engine) for r in rows)])
        lines.append(f"[{lang}]")
        lines.append(f"  {'engine':<{width}}  " + "  ".join(f"{h:>9}" for h in COLUMNS))
        for row in rows:
            if row.report is None:
                lines.append(f"  {row.engine:<{width}}  failed: {row.error}")
            else:
                mark = "  (pseudo-translation: no quality)" if row.pseudo else ""
                lines.append(f"  {row.engine:<{width}}  "
                             + "  ".join(f"{v:>9}" for v in _cells(row.report)) + mark)
        lines += _signatures(rows)
    lines += [f"wrote {p}" for p in c.written]
    return "\n".join(lines) + "\n"


def format_comparison_json(c: Comparison) -> str:
    return json.dumps({"testset": str(c.testset.path), "lines": len(c.testset.sources),
                       "engines": c.engines,
                       "languages": {lang: {row.engine: row.as_json() for row in rows}
                                     for lang, rows in c.languages.items()}},
                      ensure_ascii=False, indent=2) + "\n"


def format_html(c: Comparison) -> str:
    """The comparison tables and, per language, every line's outputs side by side."""
    from html import escape

    from locpipe.languages import get as profile

    parts = ["<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<title>locpipe eval</title>\n<style>table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}"
             "td.n{text-align:right}</style>\n</head>\n<body>\n",
             f"<h1>locpipe eval — {escape(str(c.testset.path))}</h1>\n"]
    for lang, rows in c.languages.items():
        direction = "rtl" if profile(lang).rtl else "ltr"
        parts.append(f"<h2>{escape(lang)}</h2>\n<table class=\"scores\">\n<tr><th>engine</th>"
                     + "".join(f"<th>{escape(h)}</th>" for h in COLUMNS) + "</tr>\n")
        for row in rows:
            if row.report is None:
                parts.append(f"<tr><td>{escape(row.engine)}</td><td colspan=\"{len(COLUMNS)}\">"
                             f"failed: {escape(row.error)}</td></tr>\n")
            else:
                parts.append(f"<tr><td>{escape(row.engine)}</td>" + "".join(
                    f"<td class=\"n\">{escape(v)}</td>" for v in _cells(row.report))
                    + "</tr>\n")
        parts.append("</table>\n")
        parts += [f"<p><code>{escape(s.strip())}</code></p>\n" for s in _signatures(rows)]
        done = [row for row in rows if row.report is not None]
        parts.append("<table class=\"lines\">\n<tr><th>#</th><th>source</th>"
                     "<th>reference</th>" + "".join(f"<th>{escape(r.engine)}</th>"
                                                    for r in done) + "</tr>\n")
        for n, (src, ref) in enumerate(zip(c.testset.sources, c.testset.refs[lang],
                                           strict=True)):
            cells = "".join(f"<td dir=\"{direction}\">"
                            f"{escape(r.report.lines[n].hypothesis)}</td>"
                            for r in done if r.report is not None)
            parts.append(f"<tr><td>{n + 1}</td><td>{escape(src)}</td>"
                         f"<td dir=\"{direction}\">{escape(strip_tags(ref))}</td>{cells}</tr>\n")
        parts.append("</table>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)
