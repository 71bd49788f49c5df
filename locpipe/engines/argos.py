"""The Argos engine: installed Argos packages run directly with CTranslate2 and SentencePiece.

Why not `argostranslate.translate`: it splits text into paragraphs and sentences itself (its
default splitter downloads a model at first use, which fails offline), and sends each
paragraph to CTranslate2 in batches of 32 tokens — about one sentence at a time. locpipe has
already segmented the articles, so every segment of every article of a run goes into ONE
`translate_batch` call with token-based sub-batches, which is where the speed is.

Decoding matches argostranslate 1.11 (`apply_packaged_translation`) so outputs are comparable:
`beam_size` 4, `length_penalty` 0.2, `replace_unknowns=True`, `num_hypotheses` 1, the package's
`target_prefix` if it has one (stripped from the output), SentencePiece `decode_pieces` then
"▁" and "_" turned into spaces and one leading space removed (argostranslate's detokeniser does
exactly that). One deliberate difference: the decoding length is capped relative to the
longest input (`max_length_ratio`, default 2 × + 10 tokens, never above CTranslate2's default
256) so a degenerate model cannot loop for 256 tokens on every sentence; a real translation is
far below that cap, so outputs are the same.

Inline markup and placeholders (`<1>…</1>`, `<2/>`, `<t1/>`, `<n1/>`): Argos models were never
trained on them. Kept as text, SentencePiece cuts "<1>" into "<", "1", ">" pieces that the model
translates, drops or reorders like any other text. Splitting the sentence around them would
protect them but cut the sentence into fragments translated without context (a glossary
placeholder in mid-sentence would halve the sentence). So each tag is replaced by a private-use
character that is not in the SentencePiece vocabulary: the model sees one unknown token where
the tag was, and CTranslate2's `replace_unknowns` — the mechanism these models rely on for
names and rare characters — copies back the source token the decoder attended to. The engine
then turns those characters back into the exact tags. The sentence stays whole.

Nobody has observed whether the real Argos models copy those unknown tokens reliably, so the
output is verified (every tag and placeholder exactly once, well nested, no pair emptied:
`rules.alignment.markup_problem`). A segment that fails keeps path "lost" and the pipeline's
aligned step (`engines.base.realign`, run by the translate stage after the whole first pass,
within the run's retry budget) asks `translate_aligned` for it: translated again WITHOUT its
tags (placeholders kept as unknown tokens: they stand for words), with `return_attention=True`,
and each code projected onto the target tokens aligned with its source tokens — the approach of
the browser engines (Bergamot), in `rules.alignment.project`. `ArgosEngine.markup_path(text)`
says which path each input took ("none", "masked", "aligned", or "lost" when the budget refused
the second decode: the markup check then flags it); `locpipe eval` reports the share.
`translate_nbest` checks its first hypothesis the same way (the translate stage asks segments
with glossary terms for 4 hypotheses in the first pass); the others are left to the glossary's
re-ranking, which verifies what it picks.

Speed (benchmarks/engine_limit.py): inputs go to CTranslate2 sorted by length, at most
`max_batch_inputs` per `translate_batch` call (peak memory bounded by the call, not the run),
in sub-batches of `max_batch_tokens` tokens run by `workers` parallel translators
(`inter_threads`) of `threads` threads each (`intra_threads`), chosen from the CPU count
(`engines.thread_layout`).

Models are loaded once per process (`load_model` caches them) and reused across articles and
runs; `unload()` frees them. No network access happens here.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from locpipe.engines import EngineOptions, thread_layout
from locpipe.engines.base import Engine
from locpipe.engines.packages import (
    InstalledPackage,
    install_command,
    installed_pairs,
    require_package,
)
from locpipe.errors import ModelError
from locpipe.markup import INLINE_RE
from locpipe.rules.alignment import markup_problem, plan, project, spaced

# Supplementary Private Use Area: never in news text, never in a SentencePiece vocabulary.
_MASK_BASE = 0xF0000
_MASK_RE = re.compile("[\U000f0000-\U000fffff]+")
Grant = Callable[[str, list[str]], list[int]]  # (reason, texts) -> indices allowed
Decoded = Callable[[str, int, int], None]  # (text, source tokens, output tokens) of a decode
CT2_DEFAULT_MAX_LENGTH = 256  # ctranslate2.Translator.translate_batch's max_decoding_length
# Measured with calls pipelined (benchmarks/engine_limit.py --part budget, 20 articles, 2
# workers x 1 thread, best of 2): 1024 tokens 27.9 s / ~810 MB peak, 2048 26.3 s / ~1,070 MB,
# 4096 28.7 s / 1,880 MB; each worker holds one sub-batch's beams, so memory follows
# tokens x workers while speed stops improving after 2048.
DEFAULT_MAX_BATCH_TOKENS = 2048  # tokens per sub-batch (CTranslate2 max_batch_size, "tokens")
DEFAULT_MAX_BATCH_INPUTS = 256  # inputs per translate_batch call: peak RSS stays bounded
IN_FLIGHT = 2  # translate_batch calls submitted at once (see ArgosModel._pipelined)
CALLS_PER_ENGINE_CALL = 4  # `chunk_size`: a caller's chunk spans this many calls, pipelined


def mask_inline(text: str) -> tuple[str, list[str]]:
    """Replace each tag/placeholder by one private-use character; return the tags in order."""
    tags: list[str] = []

    def sub(m: re.Match) -> str:
        tags.append(m.group(0))
        return chr(_MASK_BASE + len(tags) - 1)

    return INLINE_RE.sub(sub, text), tags


def unmask_inline(text: str, tags: list[str]) -> str:
    """Put the tags back for the private-use characters the output contains."""
    def sub(m: re.Match) -> str:
        out = []
        for ch in m.group(0):
            n = ord(ch) - _MASK_BASE
            out.append(tags[n] if n < len(tags) else "")
        return "".join(out)

    return _MASK_RE.sub(sub, text)


@dataclass
class DecodeOptions:
    beam_size: int = 4
    length_penalty: float = 0.2
    max_length_ratio: float = 2.0
    max_batch_tokens: int = DEFAULT_MAX_BATCH_TOKENS
    max_batch_inputs: int = DEFAULT_MAX_BATCH_INPUTS

    @classmethod
    def from_engine_options(cls, options: EngineOptions) -> DecodeOptions:
        tokens = options.max_batch_tokens or int(options.extra.get("max_batch_tokens", 0))
        return cls(options.beam_size, options.length_penalty, options.max_length_ratio,
                   tokens or DEFAULT_MAX_BATCH_TOKENS,
                   options.max_batch_inputs or DEFAULT_MAX_BATCH_INPUTS)

    def max_decoding_length(self, longest_input: int) -> int:
        if self.max_length_ratio <= 0:
            return CT2_DEFAULT_MAX_LENGTH
        return min(CT2_DEFAULT_MAX_LENGTH,
                   math.ceil(self.max_length_ratio * longest_input) + 10)


COMPUTE_TYPES = {"cpu": "int8", "cuda": "int8_float16"}  # Argos models are stored as int8


def pick_device(device: str = "auto") -> tuple[str, str]:
    """(device, compute type) for `--device`: auto takes a CUDA GPU when CTranslate2 sees one
    (`get_cuda_device_count`), else the CPU; cuda without a visible GPU is an error."""
    import ctranslate2

    gpus = ctranslate2.get_cuda_device_count()
    if device == "auto":
        device = "cuda" if gpus > 0 else "cpu"
    elif device == "cuda" and gpus == 0:
        raise ModelError("--device cuda: CTranslate2 sees no CUDA GPU on this machine (check "
                         "the driver and CUDA libraries); use --device cpu or auto")
    return device, COMPUTE_TYPES[device]


class ArgosModel:
    """One loaded package: a CTranslate2 translator and its SentencePiece model.

    The other CTranslate2 families (locpipe.engines.ct2) reuse everything here through three
    hooks: `source_prefix`/`source_suffix` (tokens around every source: NLLB's language token
    and `</s>`), `target_prefix` (the first target token, stripped from outputs) and
    `UNDERSCORE_IS_SPACE` (argostranslate's detokeniser turns "_" into a space)."""

    UNDERSCORE_IS_SPACE = True
    source_prefix: tuple[str, ...] = ()
    source_suffix: tuple[str, ...] = ()

    def __init__(self, package: InstalledPackage, threads: int = 0, workers: int = 0,
                 device: str = "auto"):
        import ctranslate2
        import sentencepiece as spm

        start = time.perf_counter()
        self.package = package
        self.workers, self.threads = thread_layout(threads, workers)
        self.device, self.compute_type = pick_device(device)
        self.translator = ctranslate2.Translator(
            str(package.path / "model"), device=self.device, compute_type=self.compute_type,
            inter_threads=self.workers, intra_threads=self.threads)
        self.sp = spm.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))
        meta = json.loads((package.path / "metadata.json").read_text(encoding="utf-8"))
        self.target_prefix: str = meta.get("target_prefix", "") or ""
        self.load_seconds = time.perf_counter() - start

    def encode(self, text: str) -> list[str]:
        return self.sp.encode(text, out_type=str)

    def decode(self, tokens: list[str]) -> str:
        """argostranslate's detokeniser, with masked tags kept (SentencePiece would drop
        them as unknown pieces)."""
        parts: list[str] = []
        run: list[str] = []
        if self.target_prefix and tokens and tokens[0] == self.target_prefix:
            tokens = tokens[1:]

        def flush() -> None:
            if run:
                text = self.sp.decode_pieces(run).replace("▁", " ")
                if self.UNDERSCORE_IS_SPACE:
                    text = text.replace("_", " ")
                if parts and run[0].startswith("▁"):
                    text = " " + text
                parts.append(text)
                run.clear()

        for tok in tokens:
            if _MASK_RE.search(tok):
                flush()
                lead = " " if tok.startswith("▁") else ""
                parts.append(lead + tok.lstrip("▁"))
            else:
                run.append(tok)
        flush()
        value = "".join(parts)
        if self.target_prefix and value.startswith(self.target_prefix):
            value = value[len(self.target_prefix):]
        if value.startswith(" "):
            value = value[1:]
        return value

    def translate_tokens(self, batch: list[list[str]], options: DecodeOptions
                         ) -> list[list[str]]:
        """One translate_batch call over everything; returns the best hypothesis' tokens."""
        return [hyps[0] for hyps in self.translate_tokens_nbest(batch, options, 1)]

    def translate_tokens_nbest(self, batch: list[list[str]], options: DecodeOptions,
                               n: int) -> list[list[list[str]]]:
        """The `n` best hypotheses' tokens per input (the beam is widened to `n` if it is
        narrower, as argostranslate does), in `translate_batch` calls of at most
        `max_batch_inputs` inputs each (see `calls`)."""
        out: list[list[list[str]]] = [[] for _ in batch]
        for chunk, results in self._pipelined(batch, options,
                                              lambda part: self._decoding(part, options, n)):
            for i, r in zip(chunk, results, strict=True):
                out[i] = list(r.hypotheses)
        return out

    def _pipelined(self, batch: list[list[str]], options: DecodeOptions,
                   decoding: Callable[[list[list[str]]], dict]
                   ) -> Iterator[tuple[list[int], list]]:
        """(chunk, results) for each translate_batch call of `batch` (`calls`), IN_FLIGHT
        calls submitted at a time (`asynchronous=True`): while one call's last sub-batch
        keeps one worker busy, the next call's first sub-batch takes the other, instead of
        leaving it idle at every call's end. The translate stage went from 82 % to 102 % of
        one raw call over the same tokens at 2048 tokens, and from 67 % to 108 % at 4096
        (benchmarks/engine_limit.py --part budget). Memory stays bounded by IN_FLIGHT calls."""
        pending: deque[tuple[list[int], list]] = deque()

        def done() -> tuple[list[int], list]:
            chunk, futures = pending.popleft()
            return chunk, [f.result() if hasattr(f, "result") else f for f in futures]

        for chunk in calls(batch, options.max_batch_inputs):
            part = [self.wrap(batch[i]) for i in chunk]
            pending.append((chunk, self.translator.translate_batch(
                part, asynchronous=True, **decoding(part))))
            if len(pending) >= IN_FLIGHT:
                yield done()
        while pending:
            yield done()

    def wrap(self, tokens: list[str]) -> list[str]:
        """A source as the model reads it: its tokens between `source_prefix` and
        `source_suffix` (nothing for Argos models)."""
        if not tokens or not (self.source_prefix or self.source_suffix):
            return tokens
        return [*self.source_prefix, *tokens, *self.source_suffix]

    def _decoding(self, part: list[list[str]], options: DecodeOptions, n: int = 1) -> dict:
        """The keyword arguments of one translate_batch call over `part`."""
        return dict(
            target_prefix=[[self.target_prefix]] * len(part) if self.target_prefix else None,
            replace_unknowns=True,
            max_batch_size=options.max_batch_tokens,
            batch_type="tokens",
            beam_size=max(n, options.beam_size),
            num_hypotheses=n,
            length_penalty=options.length_penalty,
            max_decoding_length=options.max_decoding_length(max(len(b) for b in part)),
        )

    def translate_nbest(self, texts: list[str], n: int, options: DecodeOptions | None = None
                        ) -> list[list[str]]:
        """The `n` best translations of each text (blank texts come back as they are)."""
        return self.translate_nbest_costed(texts, n, options)[0]

    def translate_nbest_costed(self, texts: list[str], n: int,
                               options: DecodeOptions | None = None
                               ) -> tuple[list[list[str]], list[tuple[int, int]]]:
        """`translate_nbest`, and what each text cost to decode: (source tokens, best
        hypothesis' tokens), (0, 0) for a blank text. At a fixed beam, decoding time follows
        their sum (asking for n hypotheses at beam n costs the same as one)."""
        options = options or DecodeOptions()
        masked = [mask_inline(t) for t in texts]
        todo = [i for i, t in enumerate(texts) if t.strip()]
        sources = [self.encode(masked[i][0]) for i in todo]
        outputs = self.translate_tokens_nbest(sources, options, n)
        result = [[t] for t in texts]
        costs = [(0, 0)] * len(texts)
        for i, source, hyps in zip(todo, sources, outputs, strict=True):
            result[i] = [unmask_inline(self.decode(tokens), masked[i][1]) for tokens in hyps]
            costs[i] = (len(source), len(hyps[0]) if hyps else 0)
        return result, costs

    def translate(self, texts: list[str], options: DecodeOptions | None = None) -> list[str]:
        return [hyps[0] for hyps in self.translate_nbest(texts, 1, options)]

    def translate_checked(self, texts: list[str], options: DecodeOptions | None = None,
                          grant: Grant | None = None,
                          decoded: Decoded | None = None
                          ) -> list[tuple[str, str]]:
        """Translate, verify that each output carries its input's tags and placeholders
        (each exactly once, well nested), and re-translate the ones that do not without their
        tags, projecting the tags through the attention. Returns (translation, path) pairs:
        path is "none" (nothing to carry), "masked" (the model carried every code) or
        "aligned" (placed by attention) or "lost" (not re-translated: over the budget)."""
        return [(hyps[0], path) for hyps, path in self.translate_checked_nbest(
            texts, 1, options, grant, decoded)]

    def translate_checked_nbest(self, texts: list[str], n: int,
                                options: DecodeOptions | None = None,
                                grant: Grant | None = None,
                                decoded: Decoded | None = None
                                ) -> list[tuple[list[str], str]]:
        """`translate_checked` with the `n` best hypotheses of each text: the first is the
        checked translation (replaced by the aligned one when the model lost a code), the
        others as the model gave them. `grant(reason, texts)` (the run's retry budget) says
        which re-translations may be decoded; the others keep the model's output with path
        "lost" (the markup check flags them). At beam 4, asking for 4 hypotheses costs the same as
        1 and the best one is the same (benchmarks/engine_limit.py measures both).
        `decoded(text, source_tokens, output_tokens)` hears each decode before any
        re-translation is granted."""
        options = options or DecodeOptions()
        nbest, costs = self.translate_nbest_costed(texts, n, options)
        if decoded is not None:
            for text, (source, output) in zip(texts, costs, strict=True):
                if source:
                    decoded(text, source, output)
        outputs = [hyps[0] for hyps in nbest]
        result: list[tuple[str, str]] = []
        redo: list[int] = []
        for i, (text, out) in enumerate(zip(texts, outputs, strict=True)):
            if not INLINE_RE.search(text) or not text.strip():
                result.append((out, "none"))
            elif markup_problem(text, out) is None:
                result.append((out, "masked"))
            else:
                result.append((out, "lost"))
                redo.append(i)
        if grant is not None and redo:  # a second decode: within the run's retry budget
            redo = [redo[k] for k in grant("markup", [texts[i] for i in redo])]
        for i, out in zip(redo, self.translate_aligned([texts[i] for i in redo], options),
                          strict=True):
            result[i] = (out, "aligned")
        return [([out, *hyps[1:]], path) for (out, path), hyps in zip(result, nbest,
                                                                        strict=True)]

    def translate_aligned(self, texts: list[str], options: DecodeOptions | None = None
                          ) -> list[str]:
        """Translate the texts without their tags (placeholders as unknown tokens) in one
        `translate_batch` call with `return_attention=True`, and put every tag and
        placeholder back through the attention (locpipe.rules.alignment)."""
        if not texts:
            return []
        options = options or DecodeOptions()
        plans = [plan(t, lambda k: chr(_MASK_BASE + k)) for t in texts]
        batch = [self.encode(p.text) for p in plans]
        out = [""] * len(texts)
        for chunk, results in self._pipelined(
                batch, options, lambda part: {**self._decoding(part, options),
                                              "return_attention": True}):
            for i, r in zip(chunk, results, strict=True):
                out[i] = self._projected(plans[i], batch[i], list(r.hypotheses[0]),
                                         list(r.attention[0]))
        return out

    def _projected(self, p, source_tokens: list[str], hyp: list[str],
                   attention: list[list[float]]) -> str:
        if self.target_prefix and hyp and hyp[0] == self.target_prefix:
            hyp = hyp[1:]
        attention = attention[len(attention) - len(hyp):] if len(attention) > len(hyp) \
            else attention
        if self.source_prefix or self.source_suffix:  # columns of the source tokens only
            start = len(self.source_prefix)
            attention = [row[start:start + len(source_tokens)] for row in attention]
        count = len(p.placeholders)
        stand_ins: list[int | None] = []
        tokens: list[str] = []
        for tok in hyp:
            bare = tok.replace("▁", "")
            k = ord(bare) - _MASK_BASE if len(bare) == 1 else -1
            stand_ins.append(k if 0 <= k < count else None)
            tokens.append(tok if 0 <= k < count else _MASK_RE.sub("", tok))
        pieces = spaced(project(p, source_tokens, tokens, attention, stand_ins), tokens)
        codes: list[str] = []
        masked: list[str] = []
        for piece in pieces:
            bare = piece.lstrip("▁")
            if INLINE_RE.fullmatch(bare):
                codes.append(bare)
                masked.append(piece[:len(piece) - len(bare)] + chr(_MASK_BASE + len(codes) - 1))
            else:
                masked.append(piece)
        return unmask_inline(self.decode(masked), codes)


def calls(batch: list[list[str]], max_inputs: int) -> list[list[int]]:
    """The translate_batch calls for `batch`: indices sorted by length (similar lengths
    share sub-batches with little padding), at most `max_inputs` per call. One call over
    everything makes CTranslate2 hold every input's beams and results at once, so peak memory
    grew with the run (317 → 712 → 1,276 MB for 1 → 10 → 50 articles of retries); chunked,
    it is bounded by the chunk."""
    todo = sorted((i for i, tokens in enumerate(batch) if tokens), key=lambda i: len(batch[i]))
    empty = [i for i, tokens in enumerate(batch) if not tokens]
    size = max(1, max_inputs)
    chunks = [todo[k:k + size] for k in range(0, len(todo), size)]
    return ([empty] if empty else []) + chunks


_MODELS: dict[tuple[str, int, int, str], ArgosModel] = {}


def load_model(package: InstalledPackage, options: EngineOptions) -> ArgosModel:
    """The loaded model for `package`, loaded on first use and kept for the process."""
    key = (str(package.path), options.threads, options.workers, options.device)
    if key not in _MODELS:
        try:  # IndexError: a weight missing from model.bin
            _MODELS[key] = ArgosModel(package, options.threads, options.workers, options.device)
        except (RuntimeError, OSError, ValueError, IndexError) as exc:
            raise ModelError(
                f"the {package.from_code}→{package.to_code} model cannot be loaded "
                f"({' '.join(str(exc).split())}); "
                f"reinstall it with '{install_command(package.from_code, package.to_code)}'",
                package.path) from None
    return _MODELS[key]


def forget(path: Path) -> None:
    """Drop the loaded model of the package at `path` (it was replaced or removed)."""
    for key in [k for k in _MODELS if k[0] == str(path)]:
        del _MODELS[key]


def unload() -> None:
    """Free every loaded model (e.g. between languages when memory is short)."""
    _MODELS.clear()


class ArgosEngine(Engine):
    """Engine contract over an installed Argos package (see the module docstring)."""

    name = "argos"
    summary = "installed Argos packages (CTranslate2), see 'locpipe models list'"
    FLAGS = ("--threads", "--workers-per-model", "--batch-tokens", "--batch-inputs",
             "--beam-size", "--length-penalty", "--device")
    pseudo = False

    def __init__(self, source: str, target: str, options: EngineOptions | None = None):
        self.source = source
        self.target = target
        self.options = options or EngineOptions()
        self.package = require_package(source, target)
        self.model_id = (f"argos-{self.package.pair}-{self.package.package_version}"
                         if self.package.package_version else f"argos-{self.package.pair}")
        self.model = load_model(self.package, self.options)
        self.markup_paths: dict[str, str] = {}
        self.retry_budget = None  # the run's RetryBudget (set by the Context), or None
        self._source_tokens = self._output_tokens = 0  # decoded so far: the output/input ratio

    def _decoded(self, text: str, source: int, output: int) -> None:
        """Hear one decode (tokens in and out): the retry budget's first pass."""
        self._source_tokens += source
        self._output_tokens += output
        if self.retry_budget is not None:
            self.retry_budget.decoded(text, source + output)

    def decode_cost(self, text: str) -> int:
        """What decoding `text` is expected to cost, in tokens (source + output), for a text
        this engine has not decoded: its source tokens times (1 + the output/source ratio of
        what it decoded so far; 1 before anything was decoded). The run's retry budget
        prices retries with it (locpipe.context.RetryBudget)."""
        source = len(self.model.encode(text))
        ratio = self._output_tokens / self._source_tokens if self._source_tokens else 1.0
        return source + math.ceil(source * ratio)

    @classmethod
    def model_id_for(cls, source: str, target: str) -> str:
        """The model id an engine for this pair would have, without loading the model."""
        package = require_package(source, target)
        return (f"argos-{package.pair}-{package.package_version}"
                if package.package_version else f"argos-{package.pair}")

    @classmethod
    def pairs(cls) -> list[tuple[str, str]]:
        """The pairs of the installed Argos packages."""
        return installed_pairs()

    @classmethod
    def require_pair(cls, source: str, target: str) -> None:
        """A one-line error naming the installed pairs unless a package translates the pair."""
        require_package(source, target)

    def _checked(self, texts: list[str], n: int) -> list[tuple[list[str], str]]:
        """Translate and verify each output's tags; one that lost some keeps the model's
        output with path "lost": the aligned re-translation is the pipeline's step
        (`base.realign`, after the whole first pass: one full call instead of one small call
        per engine call, within the run's retry budget)."""
        results = self.model.translate_checked_nbest(
            texts, n, DecodeOptions.from_engine_options(self.options),
            lambda reason, lost: [], self._decoded)
        self.markup_paths.update((t, path) for t, (_, path) in zip(texts, results, strict=True))
        return results

    def translate(self, texts: list[str]) -> list[str]:
        """The contract; each text's markup path is recorded (see `markup_path`)."""
        return [hyps[0] for hyps, _ in self._checked(texts, 1)]

    def translate_aligned(self, texts: list[str]) -> list[str]:
        """The texts re-translated without their tags, each tag put back through the
        attention (`ArgosModel.translate_aligned`); their markup path becomes "aligned"."""
        outputs = self.model.translate_aligned(texts,
                                               DecodeOptions.from_engine_options(self.options))
        self.markup_paths.update((t, "aligned") for t in texts)
        return outputs

    @classmethod
    def unload(cls) -> None:
        """Free every loaded Argos model."""
        unload()

    def markup_path(self, text: str) -> str | None:
        """How the tags and placeholders of `text` came through its last translation:
        "none", "masked" (the model carried them), "aligned" (re-translated without them
        and projected through attention), "lost" (the model lost some and the run's retry
        budget was spent: the markup check flags it); None if `text` was not translated."""
        return self.markup_paths.get(text)

    @property
    def chunk_size(self) -> int:
        """How many inputs a caller should send per call: CALLS_PER_ENGINE_CALL
        translate_batch calls, pipelined (a progress step each)."""
        return (DecodeOptions.from_engine_options(self.options).max_batch_inputs
                * CALLS_PER_ENGINE_CALL)

    def translate_nbest(self, texts: list[str], n: int) -> list[list[str]]:
        """n-best lists, for stages that re-rank hypotheses (the glossary's term check). The
        first hypothesis is checked like `translate`'s output (markup path recorded), so a
        first pass can ask for n-best lists at the cost of one decode."""
        return [hyps for hyps, _ in self._checked(texts, n)]
