"""A CTranslate2 family model (NLLB-style, random weights) through locpipe's translate stage
against one raw `translate_batch` call over the same tokens — the stage/raw ratio of
benchmarks/engine_limit.py, for the families of locpipe.engines.ct2.

The model is transformer-base sized (6+6 layers, d_model 512, 8 heads, FFN 2048, int8) with an
8k SentencePiece vocabulary plus NLLB language tokens, built once into --workdir and installed
there with `install_from_dir`. The raw call gets exactly what the stage's model sends:
`eng_Latn` + tokens + `</s>`, target prefix `fra_Latn`, the same beam, length penalty, token
budget and length cap. Stage and raw alternate in rounds (A B A B …) so that load from other jobs
on a shared machine hits both alike; best and median are printed with the load average.

    python benchmarks/family_speed.py [--articles 5] [--rounds 3]

Measured (issue 25) with `--articles 3 --rounds 2` on the 2-CPU machine shared with other jobs
(load average 8 to 11 during the run, so the figures are noisy): 88 segments, 2,855 source
tokens, 2 workers x 1 thread; stage 32.4 s / 59.5 s, raw 37.3 s / 54.8 s; the translate stage
= 115.3 % of raw translate_batch best of 2 (median 100.3 %). Random weights decode to the length
cap, so each run is long: the whole command took 3 min 17 s including the 12 s build.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from argos_speed import make_articles, paragraphs, split_sentences  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", type=Path,
                    default=Path(tempfile.gettempdir()) / "family-speed")
    ap.add_argument("--articles", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    os.environ["LOCPIPE_MODELS_DIR"] = str(args.workdir / "models")

    from locpipe.engines import EngineOptions, load_engine
    from locpipe.engines.argos import DecodeOptions
    from locpipe.engines.ct2install import install_from_dir
    from locpipe.engines.ct2models import find_model
    from locpipe.stages.translate import translate_all
    from locpipe.testing.argos_package import PackageSpec
    from locpipe.testing.ct2_models import build_multilingual_dir

    if find_model("nllb-bench") is None:
        start = time.perf_counter()
        spec = PackageSpec(layers=6, d_model=512, heads=8, ffn=2048, vocab_size=8000,
                           quantization="int8", target_length=30)
        built = build_multilingual_dir(args.workdir / "built" / "nllb-bench", "nllb", spec)
        install_from_dir(built)
        print(f"built and installed the model in {time.perf_counter() - start:.0f} s")
    texts = list(dict.fromkeys(s for art in make_articles(args.articles, 500)
                               for p in paragraphs(art) for s in split_sentences(p)))
    options = EngineOptions()
    engine = load_engine("nllb-bench", "en", "fr", options)
    model = engine.model
    decode = DecodeOptions.from_engine_options(options)
    wrapped = [model.wrap(model.encode(t)) for t in texts]
    print(f"{len(texts)} segments, {sum(map(len, wrapped)):,} source tokens; "
          f"{model.workers} workers x {model.threads} threads; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)

    def stage() -> None:
        translate_all(engine, texts)

    def raw() -> None:
        model.translator.translate_batch(wrapped, **model._decoding(wrapped, decode))

    times: dict[str, list[float]] = {"stage": [], "raw": []}
    for n in range(args.rounds):
        for name, fn in (("stage", stage), ("raw", raw)):
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
        print(f"  round {n + 1}: stage {times['stage'][-1]:.2f} s, raw {times['raw'][-1]:.2f} s",
              flush=True)
    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"stage: best {best['stage']:.2f} s, median {median['stage']:.2f} s; raw: best "
          f"{best['raw']:.2f} s, median {median['raw']:.2f} s")
    print(f"translate stage = {100 * best['raw'] / best['stage']:.1f} % of raw translate_batch "
          f"(best of {args.rounds}; median {100 * median['raw'] / median['stage']:.1f} %); "
          f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
