"""Speed of locpipe's Argos engine against argostranslate.translate, in the same run.

Builds an Argos-format package with the architecture of Argos' real models (transformer base:
6+6 layers, d_model 512, 8 heads, FFN 2048, 16k SentencePiece vocabulary, int8; random
weights), installs it in a temporary package directory, generates 20 wire-style articles of
about 500 words from the repo's own text, and translates them:

* locpipe: every distinct segment of the 20 articles, as the translate stage sends them
  (`locpipe.stages.translate.translate_all`: sorted by length, 128 per `translate_batch` call, each
  call split into token-based sub-batches by CTranslate2);
* baseline: `argostranslate.translate` on the same installed package, article by article, with
  its own path (paragraphs, per-paragraph `translate_batch` with 32-token batches, beam 4,
  length penalty 0.2) — only its sentence splitter is replaced by locpipe's segmenter, because
  its default splitter (MiniSBD) downloads a model at first use.

Each engine runs in its own subprocess (clean peak RSS and load time). The baseline's CTranslate2
translator is wrapped to record each sentence's output tokens, so the outputs can be compared
sentence by sentence. Random weights: the package's decoder makes end-of-sentence likely after
about `--target-length` tokens (see locpipe.testing.argos_package), so outputs have a realistic
length; both engines then stop on </s> well below their length caps.

Run (the baseline needs argostranslate; a venv with torch 2.13 CPU + argostranslate):
    /tmp/argosvenv/bin/python benchmarks/argos_speed.py
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# --- articles ------------------------------------------------------------------------------

def make_articles(n: int = 20, words: int = 500, seed: int = 7) -> list[str]:
    """Wire-style articles from a word-bigram chain over the repo's text: deterministic,
    every sentence different (so locpipe's de-duplication gives it no advantage)."""
    from locpipe.stages.segment import sentence_ends
    from locpipe.testing.argos_package import repo_corpus

    sentences: list[list[str]] = []
    for line in repo_corpus():
        if any(c in line for c in "|`#*_[]{}$=") or line.lstrip().startswith(("-", ">")):
            continue  # prose only, no Markdown tables or code from the docs
        cuts = [0, *sentence_ends(line), len(line)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            toks = line[a:b].split()
            if len(toks) >= 6:
                sentences.append(toks)
    follow: dict[str, list[str]] = {}
    for toks in sentences:
        for a, b in zip(["<s>", *toks], [*toks, "</s>"], strict=True):
            follow.setdefault(a, []).append(b)
    rng = np.random.default_rng(seed)
    seen: set[str] = set()

    def sentence(lo: int, hi: int, final: bool = True) -> str:
        while True:
            out, word = [], "<s>"
            while len(out) < hi:
                nxt = follow[word][rng.integers(len(follow[word]))]
                if nxt == "</s>":
                    if len(out) >= lo:
                        break
                    nxt = sentences[rng.integers(len(sentences))][0]
                out.append(nxt)
                word = nxt if nxt in follow else "<s>"
            text = " ".join(out).rstrip(".,;:")
            text = text[0].upper() + text[1:]
            text = text + "." if final else text
            if text.rstrip(".") not in seen and len(split_sentences(text)) == 1:
                seen.add(text.rstrip("."))
                return text

    articles = []
    for _ in range(n):
        blocks = [sentence(7, 11, final=False)]
        count = 0
        while count < words:
            if len(blocks) in (4, 9):
                blocks.append(sentence(3, 6, final=False))
                continue
            para = " ".join(sentence(12, 34) for _ in range(int(rng.integers(1, 4))))
            blocks.append(para)
            count += len(para.split())
        articles.append("\n\n".join(blocks) + "\n")
    return articles


def paragraphs(article: str) -> list[str]:
    return [b.strip() for b in article.split("\n\n") if b.strip()]


def split_sentences(paragraph: str) -> list[str]:
    from locpipe.stages.segment import split_tagged

    return [text for text, _ in split_tagged(paragraph, {})]


# --- workers (one engine per process) --------------------------------------------------------

def peak_rss_mb() -> float:
    """VmHWM of this process (ru_maxrss would include the parent's pages before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_locpipe(articles: list[str], target: str, opts: dict) -> dict:
    from locpipe.engines import EngineOptions
    from locpipe.engines import packages as models
    from locpipe.engines.argos import DecodeOptions, load_model
    from locpipe.stages.translate import translate_all

    segments = [s for art in articles for p in paragraphs(art) for s in split_sentences(p)]
    unique = list(dict.fromkeys(segments))
    start = time.perf_counter()
    model = load_model(models.require_package("en", target),
                       EngineOptions(threads=opts["threads"]))
    load = time.perf_counter() - start
    options = DecodeOptions(max_batch_tokens=opts["max_batch_tokens"])
    class Engine:
        """The Argos engine's path (encode, translate_batch, decode), keeping the tokens."""

        name = "argos"
        calls = 0
        tokens: dict[str, list[str]] = {}

        def translate(self, texts: list[str]) -> list[str]:
            self.calls += 1
            out = model.translate_tokens([model.encode(t) for t in texts], options)
            self.tokens.update(zip(texts, out, strict=True))
            return [model.decode(t) for t in out]

    engine = Engine()
    start = time.perf_counter()
    outputs = translate_all(engine, unique)  # as the translate stage sends them
    seconds = time.perf_counter() - start
    batch = [model.encode(s) for s in unique]
    table = {s: (outputs[s], engine.tokens[s]) for s in unique}
    # Parity check: the same engine fed exactly like argostranslate (one call per paragraph,
    # 32-token sub-batches) — shows whether differences come from batch composition alone.
    parity_opts = DecodeOptions(max_batch_tokens=32, max_length_ratio=0)
    parity = []
    for art in articles[: opts["parity_articles"]]:
        for p in paragraphs(art):
            parity.extend(model.translate_tokens([model.encode(s) for s in split_sentences(p)],
                                                 parity_opts))
    return {"parity_tokens": parity, "load_seconds": load, "seconds": seconds,
            "peak_rss_mb": peak_rss_mb(),
            "sentences": segments, "outputs": [table[s][0] for s in segments],
            "tokens": [table[s][1] for s in segments],
            "source_tokens": sum(len(b) for b in batch), "unique": len(unique),
            "calls": engine.calls,
            "max_decoding_length": options.max_decoding_length(max(len(b) for b in batch))}


def worker_argos(articles: list[str], target: str, opts: dict) -> dict:
    start = time.perf_counter()
    import argostranslate.translate as at
    import ctranslate2
    imported = time.perf_counter() - start

    class LocpipeSentencizer:
        """Replaces only argostranslate's sentence splitter (MiniSBD downloads a model)."""

        def __init__(self, pkg):
            self.pkg = pkg

        def split_sentences(self, text: str) -> list[str]:
            return split_sentences(text)

    at.MiniSBDSentencizer = at.StanzaSentencizer = LocpipeSentencizer
    record: dict = {"calls": [], "load": 0.0}

    class RecordingTranslator:
        """Forwards to the real translator; keeps each sentence's output tokens."""

        def __init__(self, *args, **kwargs):
            t0 = time.perf_counter()
            self.real = ctranslate2.Translator(*args, **kwargs)
            record["load"] += time.perf_counter() - t0

        def translate_batch(self, source, **kwargs):
            results = self.real.translate_batch(source, **kwargs)
            record["calls"].append((source, [r.hypotheses[0] for r in results]))
            return results

    at.ctranslate2 = type("ct2", (), {"Translator": RecordingTranslator})
    translation = at.get_translation_from_codes("en", target)
    start = time.perf_counter()
    texts = [translation.translate("\n".join(paragraphs(art))) for art in articles]
    seconds = time.perf_counter() - start
    sentences, tokens, source_tokens = [], [], 0
    for source, hyps in record["calls"]:
        tokens.extend(hyps)
        source_tokens += sum(len(s) for s in source)
    for art in articles:
        for p in paragraphs(art):
            sentences.extend(split_sentences(p))
    return {"import_seconds": imported, "load_seconds": record["load"], "seconds": seconds,
            "peak_rss_mb": peak_rss_mb(), "sentences": sentences, "tokens": tokens,
            "source_tokens": source_tokens, "batches": len(record["calls"]),
            "articles_out": texts}


# --- driver --------------------------------------------------------------------------------

def run_worker(kind: str, workdir: Path, python: str, env: dict) -> dict:
    out = workdir / f"{kind}.json"
    subprocess.run([python, __file__, "--worker", kind, "--workdir", str(workdir)],
                   check=True, env=env)
    return json.loads(out.read_text())


def cold_start(article: Path, workdir: Path, env: dict, extra: list[str]
               ) -> tuple[float, float]:
    """Seconds from `locpipe translate` start to its first output file, and to exit."""
    out = workdir / f"cold-out-{len(extra)}"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "locpipe", "translate", str(article),
                             "--to", "fr", "--out", str(out), *extra], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first = None
    while proc.poll() is None:
        if first is None and out.exists() and any(out.rglob("*.html")):
            first = time.perf_counter() - start
        time.sleep(0.005)
    total = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"locpipe translate failed: {proc.stderr.read().decode()}")
    return (first or total), total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--worker", choices=["locpipe", "argos"])
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--target", default="fr")
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--threads", type=int, default=0, help="0 = CTranslate2 default")
    ap.add_argument("--max-batch-tokens", type=int, default=1024)
    ap.add_argument("--target-length", type=int, default=30)
    ap.add_argument("--parity-articles", type=int, default=3,
                    help="articles re-translated by locpipe batched like argostranslate")
    ap.add_argument("--vocab", type=int, default=16000)
    ap.add_argument("--skip-baseline", action="store_true",
                    help="only time locpipe's engine (for tuning batch size and threads)")
    ap.add_argument("--python", default=sys.executable,
                    help="interpreter for the argostranslate baseline")
    args = ap.parse_args()

    if args.worker:
        conf = json.loads((args.workdir / "conf.json").read_text())
        fn = worker_locpipe if args.worker == "locpipe" else worker_argos
        result = fn(conf["articles"], conf["target"], conf)
        (args.workdir / f"{args.worker}.json").write_text(json.dumps(result))
        return

    from locpipe.engines.install import install_from_file
    from locpipe.testing.argos_package import PackageSpec, build_package

    workdir = Path(tempfile.mkdtemp(prefix="argos-speed-"))
    env = dict(os.environ, ARGOS_PACKAGES_DIR=str(workdir / "packages"),
               XDG_DATA_HOME=str(workdir / "data"), XDG_CONFIG_HOME=str(workdir / "config"),
               XDG_CACHE_HOME=str(workdir / "cache"))
    os.environ.update(env)
    spec = PackageSpec(to_code=args.target, layers=6, d_model=512, heads=8, ffn=2048,
                       vocab_size=args.vocab, quantization="int8",
                       target_length=args.target_length)
    t0 = time.perf_counter()
    package = build_package(workdir / "built", spec)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    installed = install_from_file(package)[0]
    install = time.perf_counter() - t0
    articles = make_articles(args.articles, args.words)
    (workdir / "conf.json").write_text(json.dumps({
        "articles": articles, "target": args.target, "threads": args.threads,
        "max_batch_tokens": args.max_batch_tokens, "parity_articles": args.parity_articles}))
    article_file = workdir / "article-01.txt"
    article_file.write_text(articles[0])
    words = sum(len(a.split()) for a in articles)
    meta = json.loads((installed.path / "metadata.json").read_text())
    if meta["locpipe_test_package"]["vocab_size"] < args.vocab:
        raise SystemExit(f"vocabulary only {meta['locpipe_test_package']['vocab_size']}")
    print(f"package: 6+6 layers, d_model 512, 8 heads, FFN 2048, vocab "
          f"{meta['locpipe_test_package']['vocab_size']}, "
          f"int8; {package.stat().st_size / 1e6:.1f} MB zipped, "
          f"{installed.size / 1e6:.1f} MB installed; built in {build:.1f} s, "
          f"install --from-file {install:.1f} s")
    print(f"articles: {len(articles)}, {words} words; CPUs: {os.cpu_count()}")

    mine = run_worker("locpipe", workdir, sys.executable, env)
    if args.skip_baseline:
        print(f"locpipe: {len(mine['sentences']) / mine['seconds']:.2f} sentences/s "
              f"({mine['seconds']:.1f} s), peak RSS {mine['peak_rss_mb']:.0f} MB")
        return
    base = run_worker("argos", workdir, args.python, env)
    first, total = cold_start(article_file, workdir, env, [])
    empty = workdir / "no-glossary.csv"
    empty.write_text("en,fr,ar\n")
    first_ng, total_ng = cold_start(article_file, workdir, env, ["--glossary", str(empty)])

    assert base["sentences"] == mine["sentences"], "the engines saw different sentences"
    n = len(mine["sentences"])
    same_tokens = sum(a == b for a, b in zip(base["tokens"], mine["tokens"], strict=True))
    capped = sum(len(t) >= mine["max_decoding_length"] for t in mine["tokens"])
    out_len = [len(t) for t in mine["tokens"]]
    diffs = [(s, a, b) for s, a, b in zip(mine["sentences"], base["tokens"], mine["tokens"],
                                           strict=True) if a != b]

    def rate(r: dict) -> str:
        gen = sum(len(t) for t in r["tokens"])
        return (f"{n / r['seconds']:.1f} sentences/s, {r['source_tokens'] / r['seconds']:.0f} "
                f"source tokens/s, {gen / r['seconds']:.0f} output tokens/s "
                f"({r['seconds']:.1f} s)")

    print(f"sentences: {n} ({mine['unique']} unique); source tokens {mine['source_tokens']}; "
          f"output tokens per sentence: mean {np.mean(out_len):.1f}, max {max(out_len)}; "
          f"locpipe max_decoding_length {mine['max_decoding_length']} (hit by {capped})")
    print(f"argostranslate: {rate(base)}; {base['batches']} translate_batch calls; "
          f"import {base['import_seconds']:.1f} s; model load {base['load_seconds']:.2f} s; "
          f"peak RSS {base['peak_rss_mb']:.0f} MB")
    print(f"locpipe:        {rate(mine)}; {mine['calls']} translate_batch call(s) "
          f"(max_batch_size {args.max_batch_tokens} tokens); model load "
          f"{mine['load_seconds']:.2f} s; peak RSS {mine['peak_rss_mb']:.0f} MB")
    print(f"speed-up: {base['seconds'] / mine['seconds']:.2f}x")
    print(f"identical sentences: {same_tokens}/{n} ({100 * same_tokens / n:.1f} %)")
    for s, a, b in diffs[:3]:
        at = next(i for i, (x, y) in enumerate(zip([*a, ""], [*b, ""], strict=False)) if x != y)
        print(f"  differs: {s[:60]!r}: argos {len(a)} tokens, locpipe {len(b)} tokens, "
              f"first difference at token {at}")
    k = len(mine["parity_tokens"])
    same_parity = sum(a == b for a, b in zip(base["tokens"][:k], mine["parity_tokens"],
                                             strict=True))
    print(f"locpipe engine batched like argostranslate (per paragraph, 32 tokens), first "
          f"{args.parity_articles} articles: identical to argostranslate {same_parity}/{k}")
    print(f"cold start `locpipe translate` (article 1, {len(articles[0].split())} words, fr): "
          f"first output after {first:.2f} s, exit after {total:.2f} s (repo glossary: random "
          f"weights miss every term, so the glossary stage re-ranks 4-best lists and "
          f"re-translates); with an empty glossary {first_ng:.2f} s / {total_ng:.2f} s")
    print(f"workdir: {workdir}")


if __name__ == "__main__":
    main()
