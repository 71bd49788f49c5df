"""CTranslate2 families (issue 25 §2): random-weight OPUS-MT (Marian), NLLB-200 and M2M-100
directories, as the converter lays them out, install from a directory, list, translate end to
end, and are refused with one-line messages when broken."""

import json
import shutil
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from locpipe.engines import EngineOptions, describe, load_engine
from locpipe.engines import ct2 as ct2_engine
from locpipe.engines.base import realign
from locpipe.engines.ct2install import install_from_dir
from locpipe.engines.ct2models import detect, installed_models, models_dir
from locpipe.errors import ModelError
from locpipe.markup import INLINE_RE

runner = CliRunner()
STORY = ("Bread queues return to Idlib\n\n"
         "Bakeries in Idlib reopened on Sunday after a week without flour, the local council "
         "said.\n\n"
         "About 12,000 families waited for 13 hours at the first three bakeries.\n")


@pytest.fixture(scope="session")
def model_dirs(tmp_path_factory) -> dict[str, Path]:
    """One directory per family, built once per run (~1 s each)."""
    from locpipe.testing.argos_package import PackageSpec, train_sentencepiece
    from locpipe.testing.ct2_models import build_marian_dir, build_multilingual_dir

    out = tmp_path_factory.mktemp("ct2-models")
    sp = train_sentencepiece(400)
    return {
        "opus-mt-en-fr": build_marian_dir(out / "opus-mt-en-fr", PackageSpec(vocab_size=400),
                                          sp),
        "opus-mt-tc-big-en-ar": build_marian_dir(out / "opus-mt-tc-big-en-ar",
                                                 PackageSpec(vocab_size=400, seed=1), sp),
        "nllb-200-tiny": build_multilingual_dir(out / "nllb-200-tiny", "nllb",
                                                PackageSpec(vocab_size=400, seed=2), sp),
        "m2m100-tiny": build_multilingual_dir(out / "m2m100-tiny", "m2m100",
                                              PackageSpec(vocab_size=400, seed=3), sp),
    }


@pytest.fixture
def home(argos_home, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LOCPIPE_MODELS_DIR", str(tmp_path / "models"))
    ct2_engine.unload()
    return tmp_path / "models"


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_the_family_is_read_from_the_files(model_dirs):
    opus = detect(model_dirs["opus-mt-en-fr"])
    assert (opus.family, opus.pairs, opus.quantization) == ("marian", (("en", "fr"),), "int8")
    assert detect(model_dirs["opus-mt-tc-big-en-ar"]).pairs == (("en", "ar"),)
    nllb = detect(model_dirs["nllb-200-tiny"])
    # CLDR codes from the vocabulary: fra -> fr, arb -> ar; zh takes its likely script (Hans)
    assert nllb.family == "nllb" and nllb.languages == {
        "ar": "arb_Arab", "en": "eng_Latn", "es": "spa_Latn", "fr": "fra_Latn",
        "zh": "zho_Hans"}
    m2m = detect(model_dirs["m2m100-tiny"])
    assert (m2m.family, m2m.languages["fr"]) == ("m2m100", "__fr__")


def test_a_multilingual_model_refuses_a_pair_it_lacks_listing_what_it_has(model_dirs, home):
    install_from_dir(model_dirs["nllb-200-tiny"])
    with pytest.raises(ModelError) as err:
        load_engine("nllb-200-tiny", "en", "de")
    assert str(err.value) == ("the nllb-200-tiny model (NLLB-200) has no de; it has: ar, en, "
                              "es, fr, zh")


def test_install_from_dir_then_list_shows_family_languages_size_quantisation(model_dirs, home):
    result = runner.invoke(app, ["models", "install", "--from-dir",
                                 str(model_dirs["nllb-200-tiny"]), "--name", "nllb-600m"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Installed nllb-600m: NLLB-200, ar, en, es, fr, zh, int8, ")
    assert result.stdout.rstrip().endswith("use it with --engine nllb-600m")
    assert (home / "nllb-600m" / "model.bin").is_file()
    result = runner.invoke(app, ["models", "install", "--from-dir",
                                 str(model_dirs["opus-mt-en-fr"])])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(app, ["models", "list"], terminal_width=250)
    assert listing.exit_code == 0
    rows = [" ".join(line.replace("│", " ").split()) for line in listing.stdout.splitlines()]
    assert any(r.startswith("nllb-600m NLLB-200 ar, en, es, fr, zh ") and " int8 " in r
               for r in rows), listing.stdout
    assert any(r.startswith("opus-mt-en-fr OPUS-MT (Marian) en→fr ") for r in rows)


def test_an_opus_model_whose_name_says_no_pair_needs_pair(model_dirs, home, tmp_path):
    plain = tmp_path / "my-model"
    shutil.copytree(model_dirs["opus-mt-en-fr"], plain)
    result = runner.invoke(app, ["models", "install", "--from-dir", str(plain)])
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {plain}: cannot tell the language pair of the OPUS-MT model 'my-model' "
           "from its name; give it with --pair, e.g. --pair en-fr\n")
    result = runner.invoke(app, ["models", "install", "--from-dir", str(plain), "--pair",
                                 "en-fr"])
    assert result.exit_code == 0, result.output
    assert [m.pairs for m in installed_models()] == [(("en", "fr"),)]


@pytest.mark.parametrize(("damage", "message"), [
    ("no-model", "no model.bin: not a CTranslate2 model directory (convert the model with "
                 "ct2-transformers-converter, see docs/models.md)"),
    ("no-tokenizer", "no tokenizer files: an OPUS-MT model needs source.spm and target.spm, an "
                     "NLLB-200 or M2M-100 model sentencepiece.bpe.model (convert with "
                     "--copy_files, see docs/models.md)"),
    ("truncated", "not installed: CTranslate2 cannot load its model.bin; convert it again with "
                  "ct2-transformers-converter (see docs/models.md)"),
])
def test_a_broken_directory_is_refused_in_one_line_and_the_old_model_kept(
        model_dirs, home, tmp_path, damage, message):
    install_from_dir(model_dirs["nllb-200-tiny"], "nllb")
    before = (home / "nllb" / "model.bin").read_bytes()
    broken = tmp_path / "nllb"
    shutil.copytree(model_dirs["nllb-200-tiny"], broken)
    if damage == "no-model":
        (broken / "model.bin").unlink()
    elif damage == "no-tokenizer":
        (broken / "sentencepiece.bpe.model").unlink()
    else:
        data = (broken / "model.bin").read_bytes()
        (broken / "model.bin").write_bytes(data[: len(data) // 2])
    result = runner.invoke(app, ["models", "install", "--from-dir", str(broken)])
    assert (result.exit_code, result.stderr) == (2, f"Error: {broken}: {message}\n")
    assert (home / "nllb" / "model.bin").read_bytes() == before  # the old one, untouched
    assert sorted(p.name for p in home.iterdir()) == ["nllb"]  # no temporary left behind


def test_reinstalling_under_a_name_swaps_the_model(model_dirs, home):
    install_from_dir(model_dirs["nllb-200-tiny"], "multi")
    engine = load_engine("multi", "en", "fr")
    assert engine.model.record.family == "nllb"
    install_from_dir(model_dirs["m2m100-tiny"], "multi")
    again = load_engine("multi", "en", "fr")
    assert again.model.record.family == "m2m100"
    assert again.model_id != engine.model_id  # incremental runs see another model


class Spy:
    def __init__(self, real):
        self.real, self.calls = real, []

    def translate_batch(self, batch, **kwargs):
        self.calls.append((batch, kwargs))
        return self.real.translate_batch(batch, **kwargs)


@pytest.mark.parametrize(("name", "source_token", "target_token"), [
    ("nllb-200-tiny", "eng_Latn", "arb_Arab"), ("m2m100-tiny", "__en__", "__ar__")])
def test_multilingual_sources_carry_the_language_token_and_the_target_is_a_prefix(
        model_dirs, home, name, source_token, target_token):
    install_from_dir(model_dirs[name])
    engine = load_engine(name, "en", "ar")
    spy = Spy(engine.model.translator)
    engine.model.translator = spy
    texts = ["The convoy reached <1>Saraqib</1> on <n1/>.", "Rain fell all night in Idlib."]
    outputs = engine.translate(texts)
    batch, kwargs = spy.calls[0]
    assert all(tokens[0] == source_token and tokens[-1] == "</s>" for tokens in batch)
    assert kwargs["target_prefix"] == [[target_token]] * len(batch)
    assert not any(target_token in out for out in outputs)  # the prefix is stripped
    fixed = realign(engine, texts)  # the aligned path works through the attention too
    for text, out in fixed.items():
        assert sorted(INLINE_RE.findall(out)) == sorted(INLINE_RE.findall(text))
    assert engine.markup_path(texts[1]) == "none"


def test_marian_reads_source_spm_and_closes_each_source(model_dirs, home):
    install_from_dir(model_dirs["opus-mt-en-fr"])
    engine = load_engine("opus-mt-en-fr", "en", "fr", EngineOptions(max_batch_inputs=2))
    spy = Spy(engine.model.translator)
    engine.model.translator = spy
    texts = [f"Trucks waited {n} hours at the crossing." for n in range(5)]
    assert len(engine.translate(texts)) == 5
    assert [len(b) for b, _ in spy.calls] == [2, 2, 1]  # the Argos engine's batching
    assert all(b[-1] == "</s>" and b[0] != "</s>" for batch, _ in spy.calls for b in batch)
    assert all(kw["target_prefix"] is None for _, kw in spy.calls)
    digest = engine.record.digest
    assert len(digest) == 12 and describe(engine) == f"Opus-mt-en-fr en→fr int8-{digest[:8]}"
    assert engine.cost_unit == "tokens" and engine.aligns and engine.nbest


def test_translate_to_fr_and_ar_end_to_end_with_nllb_offline(model_dirs, home, tmp_path,
                                                             no_network):
    install_from_dir(model_dirs["nllb-200-tiny"], "nllb-200-distilled-600M")
    article = tmp_path / "idlib-bread.txt"
    article.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine",
                                 "nllb-200-distilled-600M", "--to", "fr,ar",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert no_network == []
    out = tmp_path / "out" / "idlib-bread"
    assert {"fr.html", "ar.html", "fr.po", "ar.po"} <= {p.name for p in out.iterdir()}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "nllb-200-distilled-600M-en-fr-int8-" in json.dumps(manifest)


def test_an_opus_model_refuses_a_target_it_does_not_translate(model_dirs, home, tmp_path):
    install_from_dir(model_dirs["opus-mt-en-fr"])
    article = tmp_path / "a.txt"
    article.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "opus-mt-en-fr",
                                 "--to", "fr,ar", "--out", str(tmp_path / "out")])
    assert (result.exit_code, result.stderr) == (
        2, "Error: the opus-mt-en-fr model translates en→fr only, not en→ar; install the "
           "OPUS-MT model for en-ar with 'locpipe models install --from-dir DIR'\n")
    assert not (tmp_path / "out").exists()


def test_an_unknown_engine_lists_the_installed_models(model_dirs, home, tmp_path):
    install_from_dir(model_dirs["m2m100-tiny"])
    article = tmp_path / "a.txt"
    article.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(article), "--engine", "nllb", "--to", "fr",
                                 "--out", str(tmp_path / "out")])
    assert (result.exit_code, result.stderr) == (
        2, "Error: unknown engine 'nllb'; available: argos, llm, pseudo; installed models: "
           "m2m100-tiny\n")


def test_models_dir_follows_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv("LOCPIPE_MODELS_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert models_dir() == tmp_path / "locpipe" / "models"


def test_remove_by_name(model_dirs, home):
    install_from_dir(model_dirs["m2m100-tiny"])
    install_from_dir(model_dirs["opus-mt-en-fr"])
    result = runner.invoke(app, ["models", "remove", "m2m100-tiny"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Removed m2m100-tiny (M2M-100) from ")
    assert [m.name for m in installed_models()] == ["opus-mt-en-fr"]
    assert sorted(p.name for p in home.iterdir()) == ["opus-mt-en-fr"]


def test_verify_probes_an_installed_model_by_name(model_dirs, home):
    install_from_dir(model_dirs["nllb-200-tiny"], "nllb")
    result = runner.invoke(app, ["models", "verify", "nllb"], terminal_width=250)
    # random weights: the probe is gibberish, not French — the check says so in one line
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: model check failed for nllb; nllb en-fr: the probe "
                                    "came back")
    assert result.stderr.rstrip().endswith(
        "reinstall with 'locpipe models install --from-dir DIR --name nllb'")
    assert "nllb en-fr" in result.stdout and "NLLB-200" in result.stdout
