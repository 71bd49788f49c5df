"""`locpipe eval`: the figures, the files written, the exact errors, and the alignment share."""

import html
import json
from pathlib import Path

import pytest
import sacrebleu
from typer.testing import CliRunner

from locpipe.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "eval"
SOURCE, REF_FR, REF_AR = DATA / "source.en.txt", DATA / "ref.fr.txt", DATA / "ref.ar.txt"
GLOSSARY = ROOT / "glossary"


def eval_json(tmp_path: Path, *args: str) -> dict:
    result = runner.invoke(app, ["eval", *args, "--engine", "pseudo", "--glossary",
                                 str(GLOSSARY), "--out", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_scores_equal_sacrebleu_on_the_written_hypotheses(tmp_path):
    report = eval_json(tmp_path, str(SOURCE), "--ref", f"fr={REF_FR}", "--ref", f"ar={REF_AR}")
    assert list(report) == ["fr", "ar"]
    for lang, ref in (("fr", REF_FR), ("ar", REF_AR)):
        hyps = (tmp_path / f"hyp.{lang}.txt").read_text(encoding="utf-8").splitlines()
        refs = ref.read_text(encoding="utf-8").splitlines()
        assert len(hyps) == len(refs) == 24
        assert report[lang]["chrf"] == sacrebleu.corpus_chrf(hyps, [refs]).score
        assert report[lang]["bleu"] == sacrebleu.corpus_bleu(hyps, [refs]).score
        assert report[lang]["signature"]["chrf"].startswith("nrefs:1|case:mixed|eff:yes|nc:6")
        assert report[lang]["signature"]["bleu"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
        assert report[lang]["signature"]["bleu"].endswith(f"version:{sacrebleu.__version__}")
        lines = [json.loads(x) for x in
                 (tmp_path / f"lines.{lang}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [x["line"] for x in lines] == list(range(1, 25))
        assert [x["hypothesis"] for x in lines] == hyps


def test_report_shows_locpipe_figures_with_the_pseudo_engine(tmp_path):
    report = eval_json(tmp_path, str(SOURCE), "--ref", f"fr={REF_FR}")["fr"]
    # 14 source lines carry a glossary term (UN, HTS, AFP, EU, Homs, Aleppo…) — the pseudo
    # engine never sees them (masked), so every one is rendered as the glossary says
    assert report["terms"]["lines"] >= 5 and report["terms"]["rate"] == 1.0
    assert report["numbers"]["lines"] >= 8  # 42, 3,500, September 15, 4,000, 11 hours…
    assert report["markup"]["rate"] == 1.0  # pseudo passes every placeholder through
    assert report["untranslated"] == {"lines": 24, "untranslated": 0, "rate": 0.0}
    assert report["alignment"]["aligned"] == 0  # pseudo copies codes: never the alignment path
    assert report["alignment"]["segments"] == report["markup"]["lines"]
    assert set(report["qa"]) == {"lines", "flagged", "rate", "errors", "warnings"}


def test_text_report_names_the_figures(tmp_path):
    result = runner.invoke(app, ["eval", str(SOURCE), "--ref", f"ar={REF_AR}", "--engine",
                                 "pseudo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "PSEUDO-TRANSLATION" in out
    assert "[ar] chrF " in out and "BLEU signature: nrefs:1|case:mixed|eff:no|tok:13a" in out
    for label in ("terms right:", "numbers right:", "markup intact:",
                  "untranslated or wrong language:", "QA findings:", "alignment path:"):
        assert label in out
    assert f"wrote {tmp_path / 'hyp.ar.txt'}" in out


def test_tsv_and_tmx_sets(tmp_path):
    tsv = eval_json(tmp_path / "tsv", str(DATA / "set.en-fr.tsv"))
    assert list(tsv) == ["fr"]
    assert len((tmp_path / "tsv" / "hyp.fr.txt").read_text().splitlines()) == 8
    tmx = eval_json(tmp_path / "tmx", str(DATA / "set.tmx"))
    assert sorted(tmx) == ["ar", "fr"]
    assert tmx["fr"]["markup"]["lines"] >= 2 and tmx["fr"]["markup"]["rate"] == 1.0
    hyps = (tmp_path / "tmx" / "hyp.fr.txt").read_text(encoding="utf-8").splitlines()
    assert len(hyps) == 5 and not any("<" in h for h in hyps)  # tags never reach the scorer
    only_ar = eval_json(tmp_path / "ar", str(DATA / "set.tmx"), "--ref", "ar")
    assert list(only_ar) == ["ar"]


def test_line_counts_that_differ_is_one_line_and_nothing_written(tmp_path):
    short = tmp_path / "ref.fr.txt"
    short.write_text("".join(f"Ligne {n}.\n" for n in range(22)), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["eval", str(SOURCE), "--ref", f"fr={short}", "--engine",
                                 "pseudo", "--out", str(out)])
    assert result.exit_code == 2
    assert result.output == (f"Error: {short} has 22 lines, source has 24 ({SOURCE}); "
                             "reference files must be line-aligned with the source\n")
    assert not out.exists()


@pytest.mark.parametrize("args, message", [
    (["--ref", "xx=ref.txt"], "Error: unknown language 'xx' in --ref xx=ref.txt; write "
                               "LANG=FILE with a language code, e.g. --ref fr=newstest.fr"),
    (["--ref", "fr="], "Error: --ref fr= names no file; write LANG=FILE, e.g. "
                       "--ref fr=ref.fr.txt"),
    ([], f"Error: {SOURCE}: no reference given; add --ref LANG=FILE (e.g. --ref fr=ref.fr.txt)"),
    (["--ref", "fr"], f"Error: {SOURCE}: --ref fr needs a reference file for a plain-text "
                      "source: --ref fr=FILE"),
])
def test_bad_references_are_one_line(tmp_path, args, message):
    result = runner.invoke(app, ["eval", str(SOURCE), *args, "--engine", "pseudo",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.strip() == message
    assert not (tmp_path / "out").exists()


def test_broken_tmx_is_one_line(tmp_path):
    bad = tmp_path / "set.tmx"
    bad.write_text('<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>Aid</seg></tuv>'
                   "</body></tmx>", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad), "--engine", "pseudo",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}: is not a valid TMX file (mismatched tag: "
                                     "line 1")
    assert result.output.count("\n") == 1


def test_alignment_share_on_the_random_weight_package(argos_packages, argos_home, tmp_path):
    from locpipe.engines import install

    install.install_from_file(argos_packages["fr"])
    result = runner.invoke(app, ["eval", str(DATA / "set.tmx"), "--ref", "fr",
                                 "--out", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["fr"]
    assert report["model"] == "argos-en-fr-1.0"
    # random weights drop the masked codes: the alignment path places them, every tag intact
    assert report["alignment"]["segments"] >= 4 and report["alignment"]["aligned"] >= 1
    assert report["markup"]["rate"] == 1.0
    lines = [json.loads(x) for x in (tmp_path / "lines.fr.jsonl").read_text().splitlines()]
    assert {p for x in lines for p in x["markup_paths"]} <= {"none", "masked", "aligned"}


def test_engines_side_by_side_score_like_sacrebleu_and_a_failing_engine_is_a_row(
        argos_home, tmp_path, monkeypatch):
    from locpipe.engines.ct2install import install_from_dir
    from locpipe.testing.argos_package import PackageSpec
    from locpipe.testing.ct2_models import build_multilingual_dir

    monkeypatch.setenv("LOCPIPE_MODELS_DIR", str(tmp_path / "models"))
    install_from_dir(build_multilingual_dir(tmp_path / "nllb-tiny", "nllb",
                                            PackageSpec(vocab_size=400)))
    out = tmp_path / "out"
    result = runner.invoke(app, ["eval", str(SOURCE), "--ref", f"fr={REF_FR}", "--ref",
                                 f"ar={REF_AR}", "--engine", "pseudo,nllb-tiny,argos",
                                 "--glossary", str(GLOSSARY), "--out", str(out),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["engines"] == ["pseudo", "nllb-tiny", "argos"]
    for lang, ref in (("fr", REF_FR), ("ar", REF_AR)):
        rows = report["languages"][lang]
        assert list(rows) == ["pseudo", "nllb-tiny", "argos"]
        assert rows["argos"] == {"error": f"no installed Argos model for en→{lang}; installed: "
                                          f"none in {argos_home}; install one with 'locpipe "
                                          f"models install {lang}' or use --engine pseudo"}
        refs = ref.read_text(encoding="utf-8").splitlines()
        for engine in ("pseudo", "nllb-tiny"):
            hyps = (out / engine / f"hyp.{lang}.txt").read_text(encoding="utf-8").splitlines()
            assert rows[engine]["chrf"] == sacrebleu.corpus_chrf(hyps, [refs]).score
            assert rows[engine]["bleu"] == sacrebleu.corpus_bleu(hyps, [refs]).score
            assert rows[engine]["speed"]["segments"] >= 24
            assert rows[engine]["speed"]["seconds_per_1000"] > 0
            assert rows[engine]["peak_mb"] > 0
            assert set(rows[engine]) >= {"terms", "numbers", "markup", "untranslated", "qa",
                                         "alignment", "signature", "model"}
        assert rows["nllb-tiny"]["model"].startswith(f"nllb-tiny-en-{lang}-int8-")
        assert rows["pseudo"]["pseudo"] is True and rows["nllb-tiny"]["pseudo"] is False
    from locpipe.engines import ct2

    assert ct2._MODELS == {}  # each engine's models freed before the next one is measured
    page = (out / "report.html").read_text(encoding="utf-8")
    first_fr = (out / "nllb-tiny" / "hyp.fr.txt").read_text(encoding="utf-8").splitlines()[0]
    assert "<th>pseudo</th><th>nllb-tiny</th></tr>" in page  # outputs side by side
    assert html.escape(first_fr) in page and "failed: no installed Argos model" in page


def test_engines_side_by_side_as_text(tmp_path):
    result = runner.invoke(app, ["eval", str(SOURCE), "--ref", f"fr={REF_FR}", "--engine",
                                 "pseudo,nonesuch", "--out", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        2, "Error: unknown engine 'nonesuch'; available: argos, llm, pseudo\n")
    result = runner.invoke(app, ["eval", str(SOURCE), "--ref", f"fr={REF_FR}", "--engine",
                                 "pseudo,llm", "--out", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        2, "Error: the llm engine needs the server's address: --engine-option "
           "url=http://127.0.0.1:8080/v1 (or engine-option in locpipe.toml's [translate] "
           "table)\n")
    result = runner.invoke(app, ["eval", str(SOURCE), "--ref", f"fr={REF_FR}", "--engine",
                                 "pseudo,argos", "--engine-option", "beam=3", "--out",
                                 str(tmp_path)])
    assert (result.exit_code, result.stderr) == (
        2, "Error: no engine of pseudo, argos has the option 'beam'\n")
    result = runner.invoke(app, ["eval", str(SOURCE), "--ref", f"fr={REF_FR}", "--engine",
                                 "pseudo,pseudo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1:3] == ["[fr]", "  engine       chrF       BLEU      terms    numbers     "
                                  "markup  untransl.         QA    aligned   s/1k seg    "
                                  "peak MB"]
    assert lines[3].startswith("  pseudo  ") and lines[3].endswith(
        "(pseudo-translation: no quality)")
    assert lines[4].startswith("  chrf signature: nrefs:1|case:mixed|eff:yes|nc:6")
