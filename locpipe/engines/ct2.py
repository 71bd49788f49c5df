"""Engines over installed CTranslate2 models of the OPUS-MT (Marian) and NLLB-200 / M2M-100
families (locpipe.engines.ct2models), selected by the name they were installed under:
`--engine opus-mt-en-fr`, `--engine nllb-200-distilled-600M`.

They run exactly as the Argos engine does — the same `ArgosModel` machinery: inline tags
masked as private-use characters that `replace_unknowns` copies back, outputs verified and the
ones that lost tags re-translated through the attention by the pipeline's step, inputs sorted
by length in token-based sub-batches, `translate_batch` calls pipelined, the same thread
layout, the same loaded-model cache and memory release — with what each family reads and
writes around the tokens:

- marian: `source.spm` encodes, `target.spm` decodes, `</s>` closes every source;
- nllb / m2m100: one `sentencepiece.bpe.model`; the source language token opens every source
  (`eng_Latn`, `__en__`), `</s>` closes it, and the target language token is the decoder's
  prefix (`target_prefix=[["fra_Latn"]]`), stripped from the output.

(`</s>` is not added when the converted model's config.json says `add_source_eos`.) Loading a
model reads nothing from the network.
"""

from __future__ import annotations

import json
from typing import ClassVar

from locpipe.engines import EngineOptions, thread_layout
from locpipe.engines.argos import ArgosEngine, ArgosModel, pick_device
from locpipe.engines.ct2models import FAMILY_NAMES, CT2Model, find_model, installed_models
from locpipe.errors import ModelError


class FamilyModel(ArgosModel):
    """A loaded CTranslate2 model of one family, for one (source, target) pair."""

    UNDERSCORE_IS_SPACE = False

    def __init__(self, model: CT2Model, source: str, target: str, threads: int = 0,
                 workers: int = 0, device: str = "auto"):
        import time

        import ctranslate2
        import sentencepiece as spm

        start = time.perf_counter()
        self.record = model
        self.workers, self.threads = thread_layout(threads, workers)
        self.device, self.compute_type = pick_device(device)
        self.translator = ctranslate2.Translator(
            str(model.path), device=self.device, compute_type=self.compute_type,
            inter_threads=self.workers, intra_threads=self.threads)
        try:
            config = json.loads((model.path / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            config = {}
        config = config if isinstance(config, dict) else {}
        eos = str(config.get("eos_token") or "</s>")
        self.source_suffix = () if config.get("add_source_eos") else (eos,)
        if model.family == "marian":
            self.source_sp = spm.SentencePieceProcessor(model_file=str(model.path / "source.spm"))
            self.sp = spm.SentencePieceProcessor(model_file=str(model.path / "target.spm"))
            self.source_prefix = ()
            self.target_prefix = ""
        else:
            self.sp = spm.SentencePieceProcessor(
                model_file=str(model.path / "sentencepiece.bpe.model"))
            self.source_sp = self.sp
            self.source_prefix = (model.languages[source],)
            self.target_prefix = model.languages[target]
        self.load_seconds = time.perf_counter() - start

    def encode(self, text: str) -> list[str]:
        return self.source_sp.encode(text, out_type=str)


_MODELS: dict[tuple, FamilyModel] = {}


def load_family_model(model: CT2Model, source: str, target: str, options: EngineOptions
                      ) -> FamilyModel:
    """The loaded model for the pair, loaded on first use and kept for the process."""
    key = (str(model.path), source, target, options.threads, options.workers, options.device)
    if key not in _MODELS:
        try:
            _MODELS[key] = FamilyModel(model, source, target, options.threads,
                                       options.workers, options.device)
        except (RuntimeError, OSError, ValueError, IndexError) as exc:
            raise ModelError(
                f"the {model.name} model cannot be loaded ({' '.join(str(exc).split())}); "
                f"install it again with 'locpipe models install --from-dir DIR --name "
                f"{model.name}'", model.path) from None
    return _MODELS[key]


def forget(path) -> None:
    """Drop the loaded models of the directory `path` (replaced or removed)."""
    for key in [k for k in _MODELS if k[0] == str(path)]:
        del _MODELS[key]


def unload() -> None:
    _MODELS.clear()


def installed_names() -> list[str]:
    return [m.name for m in installed_models()]


class CT2Engine(ArgosEngine):
    """The engine over one installed CTranslate2 model (`engine_for(name)` binds the name)."""

    name = "ct2"
    summary = "an installed OPUS-MT or NLLB-200/M2M-100 model, by its name"
    model_name: ClassVar[str] = ""

    def __init__(self, source: str, target: str, options: EngineOptions | None = None):
        self.source = source
        self.target = target
        self.options = options or EngineOptions()
        self.record = self._model()
        self.record.require(source, target)
        self.model_id = self.model_id_for(source, target)
        self.model = load_family_model(self.record, source, target, self.options)
        self.markup_paths: dict[str, str] = {}
        self.retry_budget = None
        self._source_tokens = self._output_tokens = 0

    @classmethod
    def _model(cls) -> CT2Model:
        model = find_model(cls.model_name)
        if model is None:
            have = ", ".join(installed_names()) or "none"
            raise ModelError(f"no model named '{cls.model_name}' is installed (installed: "
                             f"{have}); install it with 'locpipe models install --from-dir DIR "
                             f"--name {cls.model_name}'")
        return model

    @classmethod
    def model_id_for(cls, source: str, target: str) -> str:
        model = cls._model()
        return (f"{model.name}-{source}-{target}-{model.quantization}"
                + (f"-{model.digest[:8]}" if model.digest else ""))

    @classmethod
    def pairs(cls) -> list[tuple[str, str]]:
        return cls._model().pair_list()

    @classmethod
    def require_pair(cls, source: str, target: str) -> None:
        cls._model().require(source, target)

    @classmethod
    def unload(cls) -> None:
        """Free every loaded CTranslate2 family model."""
        unload()

    @property
    def family(self) -> str:
        return FAMILY_NAMES[self.record.family]


_BOUND: dict[str, type[CT2Engine]] = {}


def engine_for(name: str) -> type[CT2Engine] | None:
    """The engine class for the installed model `name`, or None when there is none."""
    model = find_model(name)
    if model is None:
        return None
    if name not in _BOUND:
        _BOUND[name] = type(f"CT2Engine[{name}]", (CT2Engine,),
                            {"name": name, "model_name": name,
                             "summary": f"{FAMILY_NAMES[model.family]} model"})
    return _BOUND[name]
