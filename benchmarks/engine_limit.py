"""The Argos engine at the machine's limit (issue 15): locpipe's translate stage against one raw
`translate_batch` call over the same tokens, thread layouts, token budgets, n-best cost, and
where the decoding time of a whole run goes.

The package is the real-size random-weight one of benchmarks/argos_speed.py (transformer base:
6+6 layers, d_model 512, 8 heads, FFN 2048, 16k SentencePiece vocabulary, int8), built once
and kept in --workdir. The articles are argos_speed's 20 wire-style articles of ~500 words.

Every measurement runs in its own subprocess (clean peak RSS: VmHWM), and configurations are
measured in alternating rounds (A B C … A B C …) so that load from other jobs on a shared
machine hits them alike; the best and the median of the rounds are printed, with the load
average. Parts (--part, repeatable; default all):

  layout   thread layouts (workers x threads) for the stage and for raw translate_batch
  budget   token budget per sub-batch 1024/2048/4096/8192: stage, raw, peak RSS
  nbest    first pass with 4 hypotheses vs 1 at beam 4 (time, same best hypothesis)
  run      a whole `pipeline.run` (glossary on, fr) over 20 articles: decoding time per stage
           (first pass, language retry, glossary retry, aligned markup re-translation)
  rss      peak RSS of a whole run at 10 and 50 articles

    python benchmarks/engine_limit.py [--rounds 3] [--part layout --part budget ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from argos_speed import make_articles, paragraphs, peak_rss_mb, split_sentences  # noqa: E402

# --- workers (one per subprocess) ----------------------------------------------------------

def _segments(articles: list[str]) -> list[str]:
    segs = [s for art in articles for p in paragraphs(art) for s in split_sentences(p)]
    return list(dict.fromkeys(segs))


def worker_decode(conf: dict) -> dict:
    """`stage`: the translate stage's path (ArgosEngine + translate_all) over the distinct
    segments; `raw`: one translate_batch call over the same tokens."""
    from locpipe.engines import EngineOptions
    from locpipe.engines import packages as models
    from locpipe.engines.argos import ArgosEngine, DecodeOptions, load_model
    from locpipe.stages.translate import translate_all, translate_nbest_all

    texts = _segments(conf["articles"])
    options = EngineOptions(threads=conf["workers"] * conf["threads"], workers=conf["workers"],
                            max_batch_tokens=conf["budget"],
                            max_batch_inputs=conf.get("inputs", 0))
    model = load_model(models.require_package("en", "fr"), options)
    assert (model.workers, model.threads) == (conf["workers"], conf["threads"])
    tokens = [model.encode(t) for t in texts]
    n = conf.get("n", 1)
    start = time.perf_counter()
    if conf["kind"] == "raw":
        decode = DecodeOptions.from_engine_options(options)
        results = model.translator.translate_batch(
            tokens, **model._decoding(tokens, decode, n))
        best = [" ".join(r.hypotheses[0]) for r in results]
    else:
        engine = ArgosEngine("en", "fr", options)
        if n > 1:
            table = translate_nbest_all(engine, texts, n)
            best = [table[t][0] for t in texts]
        else:
            table1 = translate_all(engine, texts)
            best = [table1[t] for t in texts]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss": peak_rss_mb(), "segments": len(texts),
            "tokens": sum(map(len, tokens)), "best": best}


def worker_run(conf: dict) -> dict:
    """A whole pipeline run; every translate_batch call timed and put to the stage that
    made it (found on the call stack)."""
    import inspect

    from locpipe import pipeline
    from locpipe.engines import EngineOptions
    from locpipe.engines import packages as models
    from locpipe.engines.argos import load_model

    work = Path(conf["dir"])
    files = []
    for i, art in enumerate(conf["articles"]):
        path = work / "articles" / f"story-{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(art, encoding="utf-8")
        files.append(path)
    options = EngineOptions()
    model = load_model(models.require_package("en", "fr"), options)
    real = model.translator
    spent: dict[str, float] = {}
    counts: dict[str, int] = {}

    class Timed:
        def translate_batch(self, batch, **kwargs):
            names = [f.function for f in inspect.stack()[1:12]]
            if "translate_aligned" in names:
                kind = "aligned markup"
            elif "translate_units" in names:
                kind = "first pass"
            elif "check_output" in names:
                kind = "language retry"
            elif "restore_terms" in names:
                kind = "glossary"
            else:
                kind = "other"
            t0 = time.perf_counter()
            out = real.translate_batch(batch, **kwargs)
            spent[kind] = spent.get(kind, 0.0) + time.perf_counter() - t0
            counts[kind] = counts.get(kind, 0) + len(batch)
            return out

    model.translator = Timed()
    settings = pipeline.Settings(targets=["fr"], engine="argos", engine_options=options,
                                 out_dir=work / "out", memory_dir=work / "memory",
                                 glossary_dirs=[ROOT / "glossary"],
                                 retry_budget=conf.get("retry_budget", 0.5))
    start = time.perf_counter()
    result = pipeline.run(files, settings)
    seconds = time.perf_counter() - start
    budget = result.budgets["fr"]
    return {"seconds": seconds, "rss": peak_rss_mb(), "decode": spent, "inputs": counts,
            "articles": len(result.articles), "summary": budget.summary(),
            "segments": sum(len(a.doc.segments) for a in result.articles)}


# --- driver --------------------------------------------------------------------------------

def run_worker(workdir: Path, env: dict, conf: dict) -> dict:
    path = workdir / f"conf-{os.getpid()}.json"
    path.write_text(json.dumps(conf))
    subprocess.run([sys.executable, __file__, "--worker", str(path)], check=True, env=env)
    return json.loads(path.with_suffix(".out").read_text())


def rounds(label: str, configs: dict[str, dict], workdir: Path, env: dict, n: int
           ) -> dict[str, list[dict]]:
    """Every config once per round, rounds alternating (A B C A B C …)."""
    out: dict[str, list[dict]] = {k: [] for k in configs}
    for r in range(n):
        for name, conf in configs.items():
            res = run_worker(workdir, env, conf)
            out[name].append(res)
            print(f"  [{label} round {r + 1}] {name}: {res['seconds']:.2f} s, peak RSS "
                  f"{res['rss']:.0f} MB, load {os.getloadavg()[0]:.1f}", flush=True)
    return out


def best_median(results: list[dict]) -> tuple[float, float]:
    secs = [r["seconds"] for r in results]
    return min(secs), statistics.median(secs)


def table(title: str, res: dict[str, list[dict]], base: str | None = None) -> None:
    print(f"\n{title}")
    b = best_median(res[base]) if base else None
    for name, rs in res.items():
        best, med = best_median(rs)
        rss = max(r["rss"] for r in rs)
        ratio = f"  {b[0] / best:5.2f}x best, {b[1] / med:5.2f}x median vs {base}" if b else ""
        seg = rs[0].get("segments", 0)
        print(f"  {name:28} best {best:7.2f} s  median {med:7.2f} s  "
              f"({seg / best:5.1f} seg/s)  peak RSS {rss:5.0f} MB{ratio}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worker", type=Path)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "engine-limit")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--layouts", default="1x1,1x2,2x1,2x2",
                    help="workers x threads layouts to compare, comma-separated")
    ap.add_argument("--budgets", default="1024,2048,4096,8192",
                    help="token budgets per sub-batch to compare, comma-separated")
    ap.add_argument("--raw", action=argparse.BooleanOptionalAction, default=True,
                    help="also time raw translate_batch in the layout and budget parts")
    ap.add_argument("--part", action="append",
                    choices=["layout", "budget", "nbest", "run", "rss"])
    args = ap.parse_args()
    if args.worker:
        conf = json.loads(args.worker.read_text())
        fn = worker_run if conf["kind"] == "run" else worker_decode
        args.worker.with_suffix(".out").write_text(json.dumps(fn(conf)))
        return

    from locpipe.engines.argos import DEFAULT_MAX_BATCH_INPUTS, DEFAULT_MAX_BATCH_TOKENS
    from locpipe.engines.install import install_from_file
    from locpipe.testing.argos_package import PackageSpec, build_package

    parts = args.part or ["layout", "budget", "nbest", "run", "rss"]
    workdir = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, ARGOS_PACKAGES_DIR=str(workdir / "packages"),
               XDG_DATA_HOME=str(workdir / "data"), XDG_CONFIG_HOME=str(workdir / "config"),
               XDG_CACHE_HOME=str(workdir / "cache"), PYTHONPATH=str(ROOT))
    os.environ.update(env)
    if not (workdir / "packages").exists():
        spec = PackageSpec(to_code="fr", layers=6, d_model=512, heads=8, ffn=2048,
                           vocab_size=16000, quantization="int8", target_length=30)
        install_from_file(build_package(workdir / "built", spec))
    articles = make_articles(args.articles, 500)
    cpus = os.cpu_count() or 1
    from locpipe.engines import thread_layout

    default_layout = thread_layout()
    print(f"CPUs {cpus}; default layout {default_layout[0]} workers x {default_layout[1]} "
          f"threads; default budget {DEFAULT_MAX_BATCH_TOKENS} tokens, "
          f"{DEFAULT_MAX_BATCH_INPUTS} inputs per call; load average at start "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    base = {"articles": articles, "budget": DEFAULT_MAX_BATCH_TOKENS,
            "workers": default_layout[0], "threads": default_layout[1]}

    if "layout" in parts:
        configs = {}
        for w, t in (tuple(map(int, x.split("x"))) for x in args.layouts.split(",")):
            configs[f"stage {w}x{t}"] = {**base, "kind": "stage", "workers": w, "threads": t}
            if args.raw:
                configs[f"raw {w}x{t}"] = {**base, "kind": "raw", "workers": w, "threads": t}
        res = rounds("layout", configs, workdir, env, args.rounds)
        name = f"stage {default_layout[0]}x{default_layout[1]}"
        table(f"thread layouts (workers x threads), {DEFAULT_MAX_BATCH_TOKENS}-token "
              f"sub-batches; ratios: speed vs the default layout", res, name)
        raw_best = min(((best_median(rs)[0], k) for k, rs in res.items()
                        if k.startswith("raw")), default=None)
        stage_best = best_median(res[name])[0]
        if raw_best:
            print(f"  translate stage at the default layout = "
                  f"{100 * raw_best[0] / stage_best:.1f} % of raw translate_batch at its best "
                  f"measured layout ({raw_best[1]}, best of {args.rounds})")

    if "budget" in parts:
        configs = {}
        for b in map(int, args.budgets.split(",")):
            configs[f"stage {b} tokens"] = {**base, "kind": "stage", "budget": b}
            if args.raw:
                configs[f"raw {b} tokens"] = {**base, "kind": "raw", "budget": b}
        res = rounds("budget", configs, workdir, env, args.rounds)
        table("token budget per sub-batch (default layout; the stage sends "
              f"{DEFAULT_MAX_BATCH_INPUTS} inputs per call, raw sends all in one call); ratios "
              "vs the default budget", res, f"stage {DEFAULT_MAX_BATCH_TOKENS} tokens")
        raw_best = min(((best_median(rs)[0], k) for k, rs in res.items()
                        if k.startswith("raw")), default=None)
        stage = best_median(res[f"stage {DEFAULT_MAX_BATCH_TOKENS} tokens"])[0]
        if raw_best:
            print(f"  translate stage (default budget) = {100 * raw_best[0] / stage:.1f} % of "
                  f"raw translate_batch at its best measured budget ({raw_best[1]})")

    if "nbest" in parts:
        configs = {"stage 1-best": {**base, "kind": "stage", "n": 1},
                   "stage 4-best": {**base, "kind": "stage", "n": 4}}
        res = rounds("nbest", configs, workdir, env, args.rounds)
        table("first pass, 4 hypotheses vs 1 at beam 4; ratio vs 1-best", res, "stage 1-best")
        same = sum(a == b for a, b in zip(res["stage 1-best"][0]["best"],
                                          res["stage 4-best"][0]["best"], strict=True))
        print(f"  same best hypothesis: {same}/{len(res['stage 1-best'][0]['best'])}")

    if "run" in parts:
        conf = {"kind": "run", "articles": articles, "dir": str(workdir / "run20")}
        res = rounds("run", {"20 articles": conf}, workdir, env, 1)["20 articles"][0]
        first = res["decode"].get("first pass", 0.0)
        total = sum(res["decode"].values())
        print(f"\nwhole run, {res['articles']} articles, {res['segments']} segments, fr, repo "
              f"glossary, random weights: {res['seconds']:.1f} s, peak RSS {res['rss']:.0f} MB")
        for kind, secs in sorted(res["decode"].items(), key=lambda kv: -kv[1]):
            print(f"  {kind:16} {secs:7.1f} s decoding ({res['inputs'][kind]} inputs)")
        aligned = res["decode"].get("aligned markup", 0.0)
        print(f"  total decoding / first pass = {total / first:.2f}x "
              f"(without the aligned markup re-translation: {(total - aligned) / first:.2f}x)")
        print(f"  {res['summary']}")

    if "rss" in parts:
        configs = {f"{n} articles": {"kind": "run", "articles": make_articles(n, 500),
                                     "dir": str(workdir / f"rss{n}")} for n in (10, 50)}
        res = rounds("rss", configs, workdir, env, 1)
        print("\npeak RSS of a whole run (fr, repo glossary)")
        for name, rs in res.items():
            print(f"  {name}: {rs[0]['rss']:.0f} MB ({rs[0]['seconds']:.0f} s; "
                  f"{rs[0]['summary']})")
        a, b = (res[k][0]["rss"] for k in res)
        print(f"  50 vs 10 articles: {100 * (b - a) / a:+.1f} %")
    print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
