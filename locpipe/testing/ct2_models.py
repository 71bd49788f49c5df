"""Build CTranslate2 model directories of the OPUS-MT (Marian) and NLLB-200 / M2M-100 families
with random weights, laid out as `ct2-transformers-converter --copy_files …` writes them.

Same recipe as the Argos test package (locpipe.testing.argos_package): a tiny transformer
from seeded numpy arrays through CTranslate2's spec API, SentencePiece trained on the repo's
text. The output is gibberish: these prove the family paths (tokenisers, language tokens,
target prefix), never quality.

- marian: model.bin, config.json, shared_vocabulary.json, source.spm, target.spm;
- nllb: model.bin, config.json, shared_vocabulary.json (with `eng_Latn`, `fra_Latn`,
  `arb_Arab`… tokens), sentencepiece.bpe.model, tokenizer_config.json (`NllbTokenizer`);
- m2m100: the same with `__en__`-style tokens and `M2M100Tokenizer`.
"""

from __future__ import annotations

import json
from pathlib import Path

from locpipe.testing.argos_package import (
    PackageSpec,
    _vocabulary,
    build_model_spec,
    train_sentencepiece,
)

NLLB_LANGUAGES = ("eng_Latn", "fra_Latn", "arb_Arab", "spa_Latn", "zho_Hans", "zho_Hant")
M2M_LANGUAGES = ("__en__", "__fr__", "__ar__", "__es__")


def _save(out: Path, spec: PackageSpec, vocabulary: list[str]) -> None:
    model = build_model_spec(spec, vocabulary)
    model.config.unk_token = "<unk>"
    model.config.bos_token = "<s>"
    model.config.eos_token = "</s>"
    model.config.decoder_start_token = "</s>"
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out))


def build_marian_dir(out: Path, spec: PackageSpec | None = None,
                     sp_model: bytes | None = None) -> Path:
    """A random-weight OPUS-MT-style directory at `out` (named like `opus-mt-en-fr`)."""
    spec = spec or PackageSpec(vocab_size=400)
    sp_model = sp_model or train_sentencepiece(spec.vocab_size)
    _save(out, spec, _vocabulary(sp_model))
    (out / "source.spm").write_bytes(sp_model)
    (out / "target.spm").write_bytes(sp_model)
    return out


def build_multilingual_dir(out: Path, family: str = "nllb", spec: PackageSpec | None = None,
                           sp_model: bytes | None = None,
                           languages: tuple[str, ...] | None = None) -> Path:
    """A random-weight NLLB-200 (`family="nllb"`) or M2M-100 (`"m2m100"`) directory."""
    spec = spec or PackageSpec(vocab_size=400)
    sp_model = sp_model or train_sentencepiece(spec.vocab_size)
    tokens = languages or (NLLB_LANGUAGES if family == "nllb" else M2M_LANGUAGES)
    vocabulary = _vocabulary(sp_model) + [t for t in tokens]
    _save(out, spec, vocabulary)
    (out / "sentencepiece.bpe.model").write_bytes(sp_model)
    tokenizer = "NllbTokenizer" if family == "nllb" else "M2M100Tokenizer"
    (out / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": tokenizer, "src_lang": tokens[0]}), encoding="utf-8")
    return out
