"""The LLM engine: a local server speaking the OpenAI chat API (llama.cpp `llama-server`, vLLM,
Ollama, LM Studio), given by URL in the desk's configuration:

    # locpipe.toml
    [translate]
    engine = "llm"
    engine-option = ["url=http://127.0.0.1:8080/v1", "model=qwen2.5-7b-instruct"]

Segments go in batches (`batch` per request) as a JSON list in the user message; the system
message says the target language, that every tag (`<1>`, `</1>`, `<2/>`) and placeholder
(`<t1/>`, `<n1/>`) must come back exactly once, and the glossary's agreed forms for the terms
of the batch (`use_terms`, filled by the translate stage). The answer must be JSON
`{"translations": [...]}` with one string per segment, in order.

Requests run `concurrency` at a time on one kept httpx client with explicit timeouts. A
request that fails — connection refused, timeout, an HTTP error status, a body that is not
the JSON asked for, the wrong number of translations, an answer cut off at the length limit —
is sent again after a backoff (`backoff` × 2^attempt seconds), `retries` times; a batch
that still fails is split in halves down to single segments; a single segment that still
fails is a one-line ModelError naming the endpoint and the last fault.

What comes back is verified like every engine's output: an output that lost, duplicated or
misnested a tag or placeholder has markup path "lost", and the pipeline's aligned step
(`base.realign`, within the run's retry budget) asks `translate_aligned` for it: here the
segment alone, with the fault named in the prompt; an output still broken keeps path "lost"
and the markup check flags it. Answers in the wrong language are caught by the detect stage,
which retries through `translate` like for any engine.

Only the configured URL is ever contacted: no redirects are followed (a redirect to another
host is an error), proxies from the environment are not used (`trust_env=False`), and the URL
must be http or https with a host. The endpoint and model are named in the engine's
`model_id` ("model@url"), so the run summary and every page's signature say what was used.
"""

from __future__ import annotations

import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from locpipe.engines import EngineOptions
from locpipe.engines.base import Engine, Option
from locpipe.errors import ConfigError, ModelError
from locpipe.languages import get as profile
from locpipe.markup import INLINE_RE
from locpipe.rules.alignment import markup_problem

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


class Fault(Exception):
    """One failed request (what was wrong, in a few words)."""


def chat_url(url: str) -> str:
    """The chat-completions address for a configured server URL (".../v1" or the full path)."""
    url = url.rstrip("/")
    return url if url.endswith("/chat/completions") else url + "/chat/completions"


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"--engine-option url={url} is not an http(s) address with a host; "
                          "give the server's address, e.g. url=http://127.0.0.1:8080/v1")
    return url


class LLMEngine(Engine):
    """Engine contract over an OpenAI-compatible chat endpoint (see the module docstring)."""

    name = "llm"
    summary = "a local OpenAI-compatible chat server (llama.cpp, vLLM, Ollama, LM Studio)"
    OPTIONS = (
        Option("url", str, "", "the server's address, e.g. http://127.0.0.1:8080/v1"),
        Option("model", str, "local", "the model name the server expects"),
        Option("batch", int, 8, "segments per request", 1, 128),
        Option("concurrency", int, 2, "requests in flight at once", 1, 32),
        Option("timeout", float, 120.0, "seconds a request may take", 0.1, 3600),
        Option("retries", int, 2, "times a failed request is sent again", 0, 10),
        Option("backoff", float, 1.0, "seconds before the first retry, doubled each time",
               0, 60),
        Option("temperature", float, 0.0, "sampling temperature", 0, 2),
        Option("max_tokens", int, 0, "tokens an answer may have (0: the server's default)",
               0, 1_000_000),
    )

    def __init__(self, source: str, target: str, options: EngineOptions | None = None):
        self.source = source
        self.target = target
        self.options = options or EngineOptions()
        self.settings = self.check_settings(self.options.extra)
        self.url = self.settings["url"]
        self.endpoint = chat_url(self.url)
        self.model_id = f"{self.settings['model']}@{self.url}"
        self.markup_paths: dict[str, str] = {}
        self.terms: dict[str, list[tuple[str, str]]] = {}
        self.requests = 0  # requests sent (retries included)
        self._lock = threading.Lock()
        self._client: Any = None

    @classmethod
    def check_settings(cls, extra: dict[str, Any]) -> dict[str, Any]:
        settings = super().check_settings(extra)
        if not settings["url"]:
            raise ConfigError("the llm engine needs the server's address: --engine-option "
                              "url=http://127.0.0.1:8080/v1 (or engine-option in "
                              "locpipe.toml's [translate] table)")
        check_url(settings["url"])
        return settings

    # --- the contract ------------------------------------------------------------------

    def use_terms(self, terms: dict[str, list[tuple[str, str]]]) -> None:
        self.terms.update(terms)

    def translate(self, texts: list[str]) -> list[str]:
        todo = [i for i, t in enumerate(texts) if t.strip()]
        out = list(texts)
        size = self.settings["batch"]
        batches = [[texts[i] for i in todo[k:k + size]] for k in range(0, len(todo), size)]
        with ThreadPoolExecutor(max_workers=self.settings["concurrency"]) as pool:
            results = list(pool.map(self._translate_batch, batches))
        for i, result in zip(todo, (r for rs in results for r in rs), strict=True):
            out[i] = result
        for text, result in zip(texts, out, strict=True):
            if not INLINE_RE.search(text) or not text.strip():
                self.markup_paths[text] = "none"
            else:
                self.markup_paths[text] = "masked" if markup_problem(text, result) is None \
                    else "lost"
        return out

    def translate_aligned(self, texts: list[str]) -> list[str]:
        """The repair of outputs that lost their tags: each segment asked alone, told what was
        wrong; the path becomes "aligned" when the answer carries every code, else stays
        "lost" (the markup check flags it)."""
        out: list[str] = []
        for text in texts:
            note = ("Your previous answer did not keep every tag and placeholder exactly "
                    "once. Keep each of these exactly once: "
                    + " ".join(dict.fromkeys(INLINE_RE.findall(text))))
            [result] = self._translate_batch([text], note)
            self.markup_paths[text] = "aligned" if markup_problem(text, result) is None \
                else "lost"
            out.append(result)
        return out

    def markup_path(self, text: str) -> str | None:
        return self.markup_paths.get(text)

    # --- requests ------------------------------------------------------------------------

    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                import httpx

                self._client = httpx.Client(
                    timeout=httpx.Timeout(self.settings["timeout"]), follow_redirects=False,
                    trust_env=False, headers={"Content-Type": "application/json"})
            return self._client

    def messages(self, texts: list[str], note: str = "") -> list[dict[str, str]]:
        source, target = profile(self.source).name, profile(self.target).name
        lines = [
            f"You translate news articles from {source} into {target} for publication.",
            f"Translate each string of the JSON list the user sends into {target}.",
            "Tags like <1>, </1>, <2/> and placeholders like <t1/> or <n1/> stand for markup, "
            "names and numbers: keep every one of them exactly once, unchanged, where it "
            "belongs in the translation.",
            'Answer with JSON only: {"translations": [...]}, one string per input string, in '
            "the same order.",
        ]
        forms = list(dict.fromkeys(f for t in texts for f in self.terms.get(t, [])))
        if forms:
            lines.append("Glossary (the newsroom's agreed forms; a placeholder keeps its "
                         "place and stands for this form): "
                         + "; ".join(f"{src} → {form}" for src, form in forms))
        if note:
            lines.append(note)
        return [{"role": "system", "content": "\n".join(lines)},
                {"role": "user", "content": json.dumps(texts, ensure_ascii=False)}]

    def _translate_batch(self, texts: list[str], note: str = "") -> list[str]:
        try:
            return self._ask(texts, note)
        except Fault as fault:
            if len(texts) == 1:
                tries = self.settings["retries"] + 1
                raise ModelError(f"the llm engine's server {self.endpoint} failed for a "
                                 f"segment after {tries} attempt{'s' if tries > 1 else ''} "
                                 f"({fault}); check that it runs and serves model "
                                 f"'{self.settings['model']}'") from None
        half = len(texts) // 2  # a batch it cannot answer: halves, down to single segments
        return self._translate_batch(texts[:half], note) + self._translate_batch(texts[half:],
                                                                                 note)

    def _ask(self, texts: list[str], note: str) -> list[str]:
        last: Fault | None = None
        for attempt in range(self.settings["retries"] + 1):
            if attempt:
                time.sleep(self.settings["backoff"] * 2 ** (attempt - 1))
            try:
                return self._request(texts, note)
            except Fault as fault:
                last = fault
        assert last is not None
        raise last

    def _request(self, texts: list[str], note: str) -> list[str]:
        import httpx

        body: dict[str, Any] = {"model": self.settings["model"],
                                "messages": self.messages(texts, note),
                                "temperature": self.settings["temperature"]}
        if self.settings["max_tokens"]:
            body["max_tokens"] = self.settings["max_tokens"]
        with self._lock:
            self.requests += 1
        try:
            response = self.client().post(self.endpoint, json=body)
        except httpx.TimeoutException:
            raise Fault(f"no answer within {self.settings['timeout']:g} s") from None
        except httpx.HTTPError as exc:
            raise Fault(f"{type(exc).__name__}: {exc}") from None
        if response.is_redirect:
            raise Fault(f"it redirects to {response.headers.get('location', '?')}, which "
                        "locpipe does not follow (only the configured address is contacted)")
        if response.status_code != 200:
            raise Fault(f"HTTP {response.status_code}")
        return parse_answer(response.content, len(texts))


def parse_answer(content: bytes, count: int) -> list[str]:
    """The translations in a chat-completions response body, or a Fault saying what is
    wrong with it."""
    try:
        data = json.loads(content)
        choice = data["choices"][0]
        message = choice["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise Fault("the response is not a chat completion (malformed JSON)") from None
    if choice.get("finish_reason") == "length":
        raise Fault("the answer was cut off at the length limit (truncated)")
    if not isinstance(message, str):
        raise Fault("the answer has no text")
    try:
        answer = json.loads(_FENCE.sub("", message))
    except ValueError:
        raise Fault("the answer is not the JSON asked for") from None
    items = answer.get("translations") if isinstance(answer, dict) else answer
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise Fault("the answer has no list of translations")
    if len(items) != count:
        raise Fault(f"{len(items)} translations for {count} segments")
    return items
