"""Build an Argos-format translation package with random weights, for tests and benchmarks.

No real model weights can be downloaded where locpipe is developed and tested, so the repo
builds its own package: a CTranslate2 transformer assembled from numpy arrays through
`ctranslate2.specs.TransformerSpec`, a SentencePiece model trained on text the repo contains,
a metadata.json like the Argos index's, all zipped as `<name>.argosmodel` with one top-level
directory (the layout `argostranslate.package.install_from_path` expects).

The output is gibberish — it proves the engine path (tokenise, batch-decode, detokenise) and
measures speed, never translation quality. Random weights would decode to the length cap on
every sentence, so the decoder gets one extra signal: a position ramp in one dimension of its
position encodings, read only by the end-of-sentence row of the output projection, which makes
`</s>` likely after about `target_length` tokens (the rest of the model stays random).
"""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
SPECIALS = ["<unk>", "<blank>", "<s>", "</s>"]  # OpenNMT-py order, as in Argos models


@dataclass
class PackageSpec:
    """Sizes and identity of a package to build. Defaults: tiny, builds in about a second."""

    from_code: str = "en"
    to_code: str = "fr"
    layers: int = 2
    d_model: int = 64
    heads: int = 4
    ffn: int = 128
    vocab_size: int = 600
    quantization: str = "int8"
    package_version: str = "1.0"
    argos_version: str = "1.5"
    seed: int = 0
    target_length: int = 24  # tokens after which end-of-sentence becomes likely
    max_positions: int = 512

    @property
    def dirname(self) -> str:
        return f"translate-{self.from_code}_{self.to_code}-{self.package_version.replace('.', '_')}"


def language_name(code: str) -> str:
    """English name of a language, from CLDR, as the Argos index writes it ("Spanish")."""
    from babel import Locale

    name = Locale.parse(code).get_language_name("en") or code
    return name[:1].upper() + name[1:]


def repo_corpus() -> list[str]:
    """Lines of English prose found in the repo (samples, glossary, test articles). Not the
    README or docs: they change often, and a different vocabulary changes what the random test
    model outputs (tests must not depend on that, but reruns are easier to compare)."""
    lines: list[str] = []
    patterns = ("samples/**/*.txt", "glossary/**/*.csv",
                "tests/**/*.txt", "tests/**/*.md", "tests/**/*.html")
    seen: set[Path] = set()
    for pattern in patterns:
        for path in sorted(REPO.glob(pattern)):
            if path in seen or not path.is_file() or path.stat().st_size > 2_000_000:
                continue
            seen.add(path)
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            text = re.sub(r"<[^>]+>", " ", text)
            lines.extend(line.strip() for line in text.splitlines() if len(line.split()) >= 3)
    if not lines:
        raise RuntimeError(f"no text found in {REPO} to train a SentencePiece model on")
    return lines


def _augmented(lines: list[str], vocab_size: int) -> list[str]:
    """The repo has too little text for a 16k vocabulary: add deterministic compound words
    made from its own words, which gives SentencePiece enough distinct subwords to learn."""
    if vocab_size <= 2000:
        return lines
    words = sorted({w.lower() for line in lines for w in re.findall(r"[A-Za-z]{3,}", line)})
    extra: list[str] = []
    rng = np.random.default_rng(1)
    for n in itertools.count():
        if len(extra) >= vocab_size:  # ~16 compounds per requested piece: enough to fill it
            break
        picks = rng.choice(len(words), size=16)
        extra.append(" ".join(words[a] + words[b][: 2 + n % 4]
                              for a, b in zip(picks[::2], picks[1::2], strict=True)))
    return lines + extra


def train_sentencepiece(vocab_size: int, lines: list[str] | None = None) -> bytes:
    """A SentencePiece unigram model (bytes) trained on `lines` (default: the repo's text)."""
    import sentencepiece as spm

    lines = _augmented(lines or repo_corpus(), vocab_size)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        num_threads=2, minloglevel=2, bos_id=1, eos_id=2, unk_id=0, pad_id=-1,
    )
    return model.getvalue()


def _vocabulary(sp_model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    return SPECIALS + [p for p in pieces if p not in SPECIALS]


def _decoder_positions(spec: PackageSpec) -> np.ndarray:
    """Decoder positions: the usual sinusoids, with dimension 0 replaced by a ramp 0 -> 1 at
    target_length; only the </s> row of the projection reads it (see module docstring)."""
    d = spec.d_model
    steps = np.arange(spec.max_positions, dtype=np.float32)[:, None]
    rates = 1.0 / 10000 ** (np.arange(d // 2, dtype=np.float32) / (d // 2))
    pe = np.concatenate([np.sin(steps * rates), np.cos(steps * rates)], axis=1)
    pe[:, 0] = steps[:, 0] / spec.target_length * 3.0
    return pe.astype(np.float32)


def _output_layer(projection: np.ndarray, vocabulary: list[str]
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The projection's weight and bias: </s> reads only the position ramp (the length the
    model stops at), and the special tokens are never generated, as in a trained model."""
    eos = vocabulary.index("</s>")
    projection[:, 0] = 0.0
    projection[eos] = 0.0
    projection[eos, 0] = 12.0
    bias = np.zeros(len(vocabulary), dtype=np.float32)
    bias[eos] = -8.0
    for special in ("<unk>", "<blank>", "<s>"):
        bias[vocabulary.index(special)] = -1e4
    return projection, bias


def build_model_spec(spec: PackageSpec, vocabulary: list[str]):
    """A CTranslate2 TransformerSpec with every weight set from seeded random numpy arrays."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(spec.seed)
    d, f, v = spec.d_model, spec.ffn, len(vocabulary)

    def w(*shape: int, scale: float | None = None) -> np.ndarray:
        scale = scale if scale is not None else shape[-1] ** -0.5
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    def zeros(n: int) -> np.ndarray:
        return np.zeros(n, dtype=np.float32)

    def norm(layer) -> None:
        layer.gamma = np.ones(d, dtype=np.float32)
        layer.beta = zeros(d)

    def linear(layer, out_dim: int, in_dim: int, scale: float | None = None) -> None:
        layer.weight = w(out_dim, in_dim, scale=scale)
        layer.bias = zeros(out_dim)

    def ffn(layer) -> None:
        norm(layer.layer_norm)
        linear(layer.linear_0, f, d)
        linear(layer.linear_1, d, f)

    model = transformer_spec.TransformerSpec.from_config(spec.layers, spec.heads)
    enc, dec = model.encoder, model.decoder
    enc.embeddings[0].weight = w(v, d)
    norm(enc.layer_norm)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)  # fused query/key/value
        linear(layer.self_attention.linear[1], d, d)
        ffn(layer.ffn)
    dec.embeddings.weight = w(v, d)
    norm(dec.layer_norm)
    for layer in dec.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)  # query
        linear(layer.attention.linear[1], 2 * d, d)  # fused key/value over the encoder output
        linear(layer.attention.linear[2], d, d, scale=1.0 * d**-0.5)
        ffn(layer.ffn)
    dec.position_encodings.encodings = _decoder_positions(spec)
    # sharp logits: a trained model is confident
    dec.projection.weight, dec.projection.bias = _output_layer(
        w(v, d, scale=5 * d**-0.5), vocabulary)
    model.register_source_vocabulary(vocabulary)
    model.register_target_vocabulary(vocabulary)
    model.validate()
    model.optimize(quantization=spec.quantization)
    return model


def build_package(out_dir: Path, spec: PackageSpec | None = None,
                  sp_model: bytes | None = None) -> Path:
    """Write `<out_dir>/<spec.dirname>.argosmodel` and return its path.

    `sp_model` lets several packages share one trained SentencePiece model (it is the slow
    part for large vocabularies).
    """
    spec = spec or PackageSpec()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sp_model = sp_model or train_sentencepiece(spec.vocab_size)
    vocabulary = _vocabulary(sp_model)
    metadata = {
        "package_version": spec.package_version,
        "argos_version": spec.argos_version,
        "from_code": spec.from_code,
        "from_name": language_name(spec.from_code),
        "to_code": spec.to_code,
        "to_name": language_name(spec.to_code),
        "type": "translate",
        "links": [],
        "locpipe_test_package": {
            "layers": spec.layers, "d_model": spec.d_model, "heads": spec.heads,
            "ffn": spec.ffn, "vocab_size": len(vocabulary), "quantization": spec.quantization,
            "seed": spec.seed, "target_length": spec.target_length,
        },
    }
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        root = Path(tmp) / spec.dirname
        root.mkdir()
        (root / "model").mkdir()
        build_model_spec(spec, vocabulary).save(str(root / "model"))
        (root / "sentencepiece.model").write_bytes(sp_model)
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(
            f"# locpipe test package {spec.from_code}→{spec.to_code}\n\nRandom weights: the "
            "output is gibberish. Built by locpipe.testing.argos_package for tests.\n",
            encoding="utf-8")
        target = out_dir / f"{spec.dirname}.argosmodel"
        partial = target.with_suffix(".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                zf.write(path, path.relative_to(Path(tmp)).as_posix())
        shutil.move(partial, target)
    return target
