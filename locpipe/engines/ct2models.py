"""CTranslate2 model directories of the OPUS-MT (Marian) and NLLB-200 / M2M-100 families: which
family a directory is, which languages it has, and the ones installed on this machine.

A desk converts a Hugging Face model with CTranslate2's converter, e.g.
`ct2-transformers-converter --model facebook/nllb-200-distilled-600M --quantization int8
--output_dir nllb-200-distilled-600M --copy_files tokenizer_config.json sentencepiece.bpe.model`
or `--model Helsinki-NLP/opus-mt-en-fr ... --copy_files source.spm target.spm`, and installs
the directory with `locpipe models install --from-dir DIR` (locpipe.engines.ct2install). The
family is read from the files, never from the name:

- marian: `source.spm` and `target.spm` (one model per pair; the pair is read from the name,
  `opus-mt-en-fr`, `opus-mt-tc-big-en-ar`, or given with --pair);
- nllb: `sentencepiece.bpe.model` and language tokens like `fra_Latn` in the vocabulary
  (`tokenizer_config.json` says `NllbTokenizer` when copied);
- m2m100: `sentencepiece.bpe.model` and language tokens like `__fr__`.

A multilingual model's languages are its vocabulary's language tokens, mapped to CLDR codes
through CLDR's language aliases (`fra` -> fr, `arb` -> ar, `pes` -> fa); where several tokens
map to one code (`zho_Hans`, `zho_Hant`), the script CLDR finds likely for it wins.

Installed models live in `$LOCPIPE_MODELS_DIR`, else `$XDG_DATA_HOME/locpipe/models`
(`~/.local/share/locpipe/models`), one directory per name with a `locpipe-model.json`
that records family, languages, quantisation. This module loads no model (no ctranslate2).
"""

from __future__ import annotations

import json
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from locpipe.errors import ModelError

FAMILIES = ("marian", "nllb", "m2m100")
FAMILY_NAMES = {"marian": "OPUS-MT (Marian)", "nllb": "NLLB-200", "m2m100": "M2M-100"}
RECORD = "locpipe-model.json"
TMP_PREFIX = ".locpipe-"
_NLLB_TOKEN = re.compile(r"([a-z]{3})_([A-Z][a-z]{3})")
_M2M_TOKEN = re.compile(r"__([a-z]{2,3})__")
_PAIR_IN_NAME = re.compile(r"(?:^|[-_])([a-z]{2,3})[-_]([a-z]{2,3})$")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,127}")
_DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")  # CTranslate2's order


@dataclass(frozen=True)
class CT2Model:
    """A CTranslate2 model directory of a known family."""

    name: str
    family: str
    path: Path
    languages: dict[str, str]  # CLDR code -> the model's language token ("" for marian)
    pairs: tuple[tuple[str, str], ...]  # marian: its one pair; multilingual: empty (any two)
    quantization: str
    size: int
    digest: str = ""  # sha256 of model.bin, first 12 hex digits (set at install)

    def can(self, source: str, target: str) -> bool:
        if self.family == "marian":
            return (source, target) in self.pairs
        return source in self.languages and target in self.languages and source != target

    def pair_list(self) -> list[tuple[str, str]]:
        if self.family == "marian":
            return list(self.pairs)
        return [(a, b) for a in self.languages for b in self.languages if a != b]

    def describe_languages(self) -> str:
        if self.family == "marian":
            return ", ".join(f"{a}→{b}" for a, b in self.pairs)
        return ", ".join(sorted(self.languages))

    def require(self, source: str, target: str) -> None:
        """A one-line error naming what the model has unless it translates source->target."""
        if self.can(source, target):
            return
        if self.family == "marian":
            raise ModelError(f"the {self.name} model translates {self.describe_languages()} "
                             f"only, not {source}→{target}; install the OPUS-MT model for "
                             f"{source}-{target} with 'locpipe models install --from-dir DIR'")
        missing = [c for c in (source, target) if c not in self.languages]
        raise ModelError(f"the {self.name} model ({FAMILY_NAMES[self.family]}) has no "
                         f"{' and no '.join(missing)}; it has: {self.describe_languages()}")


def models_dir() -> Path:
    """Where `models install --from-dir` puts CTranslate2 models."""
    value = os.environ.get("LOCPIPE_MODELS_DIR")
    if value:
        return Path(value)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "locpipe" / "models"


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def vocabulary(path: Path) -> list[str]:
    """The target (or shared) vocabulary CTranslate2's converter wrote."""
    for name in ("shared_vocabulary", "target_vocabulary"):
        json_file, txt = path / f"{name}.json", path / f"{name}.txt"
        try:
            if json_file.is_file():
                tokens = json.loads(json_file.read_text(encoding="utf-8"))
                if isinstance(tokens, list):
                    return [str(t) for t in tokens]
            if txt.is_file():
                return txt.read_text(encoding="utf-8").split("\n")
        except (OSError, ValueError, UnicodeDecodeError):
            break
    raise ModelError("no readable vocabulary (shared_vocabulary.json or target_vocabulary.json);"
                     " convert the model again with ct2-transformers-converter", path)


def quantization(path: Path) -> str:
    """The weights' type, read from model.bin's variable headers (CTranslate2's format):
    "int8", "int8_float16", "float16", "float32"… ("?" when it cannot be read)."""
    counts: dict[str, int] = {}
    try:
        with open(path / "model.bin", "rb") as f:
            def string() -> str:
                (n,) = struct.unpack("H", f.read(2))
                return f.read(n)[:-1].decode("utf-8", "replace")

            (version,) = struct.unpack("I", f.read(4))
            if version >= 2:
                string()
                f.read(4)  # spec revision
            (count,) = struct.unpack("I", f.read(4))
            for _ in range(count):
                name = string()
                (rank,) = struct.unpack("B", f.read(1))
                f.read(4 * rank)
                (type_id,) = struct.unpack("B", f.read(1)) if version >= 4 else (0,)
                (size,) = struct.unpack("I", f.read(4))
                f.seek(size, os.SEEK_CUR)
                kind = "weight" if name.endswith("weight") and rank == 2 else "other"
                dtype = _DTYPES[type_id] if type_id < len(_DTYPES) else "?"
                counts[f"{kind}:{dtype}"] = counts.get(f"{kind}:{dtype}", 0) + 1
    except (OSError, struct.error, IndexError):
        return "?"
    weights = {k.split(":")[1]: n for k, n in counts.items() if k.startswith("weight:")}
    if not weights:
        return "?"
    main = max(weights, key=weights.__getitem__)
    floats = {k.split(":")[1] for k in counts if k.startswith("other:")} - {"int8", "int16",
                                                                            "int32"}
    if main in ("int8", "int16") and floats == {"float16"}:
        return f"{main}_float16"
    if main in ("int8", "int16") and floats == {"bfloat16"}:
        return f"{main}_bfloat16"
    return main


def language_tokens(tokens: list[str], family: str) -> dict[str, str]:
    """{CLDR code: language token} of a multilingual model's vocabulary."""
    from babel.core import get_global

    from locpipe.engines import is_language_code

    aliases = get_global("language_aliases")
    likely = get_global("likely_subtags")
    found: dict[str, list[tuple[str, str]]] = {}
    for tok in tokens:
        if family == "nllb" and (m := _NLLB_TOKEN.fullmatch(tok)):
            code, script = m[1], m[2]
        elif family == "m2m100" and (m := _M2M_TOKEN.fullmatch(tok)):
            code, script = m[1], ""
        else:
            continue
        cldr = aliases.get(code, code)
        cldr = cldr if isinstance(cldr, str) else code
        if is_language_code(cldr):
            found.setdefault(cldr, []).append((tok, script))
    out: dict[str, str] = {}
    for cldr, options in found.items():
        want = str(likely.get(cldr, "")).split("_")
        exact = [tok for tok, script in options if script and script in want]
        out[cldr] = (exact or [tok for tok, _ in options])[0]
    return dict(sorted(out.items()))


def detect(path: Path, name: str = "", pair: tuple[str, str] | None = None) -> CT2Model:
    """The family and languages of the converted model in `path`, or a one-line ModelError
    saying what is missing."""
    if not path.is_dir():
        raise ModelError("no such directory", path)
    if not (path / "model.bin").is_file():
        raise ModelError("no model.bin: not a CTranslate2 model directory (convert the model "
                         "with ct2-transformers-converter, see docs/models.md)", path)
    name = name or path.resolve().name
    if not _NAME.fullmatch(name):
        raise ModelError(f"'{name}' cannot name a model; use letters, digits, '.', '-', '_' "
                         "(--name)")
    if (path / "source.spm").is_file() and (path / "target.spm").is_file():
        family = "marian"
    elif (path / "sentencepiece.bpe.model").is_file():
        family = _multilingual_family(path)
    else:
        raise ModelError("no tokenizer files: an OPUS-MT model needs source.spm and target.spm, "
                         "an NLLB-200 or M2M-100 model sentencepiece.bpe.model (convert with "
                         "--copy_files, see docs/models.md)", path)
    tokens = vocabulary(path)
    languages: dict[str, str] = {}
    pairs: tuple[tuple[str, str], ...] = ()
    if family == "marian":
        pairs = (pair or _pair_from_name(name, path),)
    else:
        languages = language_tokens(tokens, family)
        if len(languages) < 2:
            raise ModelError(f"its vocabulary has {len(languages)} language token(s) CLDR "
                             f"knows; a {FAMILY_NAMES[family]} model has many", path)
    return CT2Model(name, family, path, languages, pairs, quantization(path), dir_size(path))


def _multilingual_family(path: Path) -> str:
    try:
        config = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
        tokenizer = str(config.get("tokenizer_class", "")) if isinstance(config, dict) else ""
    except (OSError, ValueError, UnicodeDecodeError):
        tokenizer = ""
    if tokenizer.startswith("Nllb"):
        return "nllb"
    if tokenizer.startswith("M2M100"):
        return "m2m100"
    tokens = vocabulary(path)
    if any(_NLLB_TOKEN.fullmatch(t) for t in tokens):
        return "nllb"
    if any(_M2M_TOKEN.fullmatch(t) for t in tokens):
        return "m2m100"
    raise ModelError("sentencepiece.bpe.model but no language tokens (fra_Latn, __fr__) in "
                     "the vocabulary: not an NLLB-200 or M2M-100 model", path)


def _pair_from_name(name: str, path: Path) -> tuple[str, str]:
    from locpipe.engines import is_language_code

    m = _PAIR_IN_NAME.search(name)
    if m and is_language_code(m[1]) and is_language_code(m[2]):
        return m[1], m[2]
    raise ModelError(f"cannot tell the language pair of the OPUS-MT model '{name}' from its "
                     "name; give it with --pair, e.g. --pair en-fr", path)


def digest(path: Path) -> str:
    """The first 12 hex digits of model.bin's sha256: a model replaced under the same name
    gets another model id, so incremental runs translate again."""
    import hashlib

    h = hashlib.sha256()
    with open(path / "model.bin", "rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()[:12]


def read_record(path: Path) -> CT2Model | None:
    """The installed model in `path` (its locpipe-model.json), or None."""
    try:
        rec = json.loads((path / RECORD).read_text(encoding="utf-8"))
        return CT2Model(str(rec["name"]), str(rec["family"]), path,
                        {str(k): str(v) for k, v in dict(rec.get("languages", {})).items()},
                        tuple((str(a), str(b)) for a, b in rec.get("pairs", [])),
                        str(rec.get("quantization", "?")), int(rec.get("size", 0)),
                        str(rec.get("digest", "")))
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def record(model: CT2Model) -> str:
    return json.dumps({"name": model.name, "family": model.family,
                       "languages": model.languages, "pairs": [list(p) for p in model.pairs],
                       "quantization": model.quantization, "size": model.size,
                       "digest": model.digest},
                      ensure_ascii=False, indent=2) + "\n"


def installed_models() -> list[CT2Model]:
    """The CTranslate2 models installed with `models install --from-dir`, by name."""
    directory = models_dir()
    if not directory.is_dir():
        return []
    found = [read_record(p) for p in sorted(directory.iterdir())
             if p.is_dir() and not p.name.startswith(".")]
    return [m for m in found if m is not None and m.family in FAMILIES]


def find_model(name: str) -> CT2Model | None:
    return next((m for m in installed_models() if m.name == name), None)
