"""FAKE OpenAI-compatible chat server for the llm engine's tests, run as its own process:

    python tests/engines/fake_llm_server.py LOG.jsonl     # prints the port it listens on

It listens on 127.0.0.1 only and answers `POST /v1/chat/completions` deterministically: each
word it knows becomes its French or Arabic word (the target is read from the system message),
tags and placeholders pass through, other words stay as they are. The model name chooses a
fault, each like a real server or model failure:

  fake-clean       every answer right
  fake-500         HTTP 500 always
  fake-flaky       HTTP 500 on the first attempt of each request, then right
  fake-slow        the first attempt of each request sleeps 3 s (past a short timeout)
  fake-steady      every request takes 0.3 s (to count the requests in flight)
  fake-malformed   the first attempt's body is not JSON
  fake-truncated   the first attempt is cut off (finish_reason "length", half the JSON)
  fake-count       the first attempt answers one translation too few
  fake-drop        batched requests drop every placeholder; a segment asked alone keeps them
  fake-dup         batched requests write every placeholder twice; alone, once
  fake-english     answers the source unchanged (the wrong language)
  fake-redirect    redirects to http://example.invalid/ (which must not be followed)

Every request is logged (client address, Host header, model, segment count, requests in
flight when it arrived) to LOG.jsonl.
"""

import hashlib
import json
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Lock

WORDS = {
    "French": {"the": "le", "council": "conseil", "said": "a dit", "on": "le",
               "monday": "lundi", "trucks": "camions", "reached": "ont atteint",
               "city": "ville", "of": "de", "and": "et", "that": "que", "in": "dans",
               "families": "familles", "bread": "pain", "rain": "pluie", "fell": "est tombée",
               "all": "toute", "night": "la nuit", "aid": "l'aide", "arrived": "est arrivée",
               "people": "personnes", "fled": "ont fui", "water": "l'eau", "were": "étaient",
               "at": "à", "for": "pour", "hours": "heures", "waited": "ont attendu",
               "bakeries": "les boulangeries", "reopened": "ont rouvert", "after": "après",
               "a": "une", "week": "semaine", "without": "sans", "flour": "farine",
               "local": "local", "about": "environ", "first": "premières", "three": "trois",
               "queues": "files", "return": "reviennent", "to": "à", "sunday": "dimanche"},
    "Arabic": {"the": "ال", "council": "المجلس", "said": "قال", "on": "يوم",
               "monday": "الاثنين", "trucks": "شاحنات", "reached": "وصلت", "city": "المدينة",
               "of": "من", "and": "و", "that": "أن", "in": "في", "families": "عائلات",
               "bread": "خبز", "rain": "مطر", "fell": "هطل", "all": "كل", "night": "الليل",
               "aid": "المساعدات", "arrived": "وصلت", "people": "أشخاص", "fled": "فروا",
               "water": "ماء", "were": "كانوا", "at": "عند", "for": "لمدة", "hours": "ساعات",
               "waited": "انتظرت", "bakeries": "المخابز", "reopened": "أعادت فتح",
               "after": "بعد", "a": "", "week": "أسبوع", "without": "بدون", "flour": "طحين",
               "local": "المحلي", "about": "نحو", "first": "أول", "three": "ثلاثة",
               "queues": "طوابير", "return": "تعود", "to": "إلى", "sunday": "الأحد"},
}
TOKEN = re.compile(r"</?\d+>|<\d+/>|<[tn]\d+/>|[A-Za-z']+|[^A-Za-z<]+|<")
CODE = re.compile(r"</?\d+>|<\d+/>|<[tn]\d+/>")
ATTEMPTS: dict[str, int] = {}
LOCK = Lock()
IN_FLIGHT: dict[str, int] = {}  # per model: a timed-out request of another test may still run


def translate(text: str, target: str, fault: str, alone: bool) -> str:
    if fault == "english":
        return text
    words = WORDS.get(target, {})
    out = []
    for tok in TOKEN.findall(text):
        if CODE.fullmatch(tok):
            if fault == "drop" and not alone:
                continue
            out.append(tok + tok if fault == "dup" and not alone else tok)
        elif tok[:1].isalpha():
            out.append(words.get(tok.lower(), tok))
        else:
            out.append(tok)
    return " ".join("".join(out).split())


class Handler(BaseHTTPRequestHandler):
    log_path = ""

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self._leave()  # the answer is out: the client may send its next request at once
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802 (http.server's name)
        self.model = ""
        try:
            self._answer()
        finally:
            self._leave()

    def _leave(self) -> None:
        with LOCK:
            if self.model:
                IN_FLIGHT[self.model] -= 1
                self.model = ""

    def _answer(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        request = json.loads(raw)
        model = request.get("model", "")
        with LOCK:
            IN_FLIGHT[model] = IN_FLIGHT.get(model, 0) + 1
            self.model = model
        fault = model.removeprefix("fake-").split("-")[0]
        system, user = request["messages"][0]["content"], request["messages"][1]["content"]
        texts = json.loads(user)
        key = hashlib.sha256(raw).hexdigest()
        with LOCK:
            ATTEMPTS[key] = attempt = ATTEMPTS.get(key, 0) + 1
            with open(self.log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps({"client": self.client_address[0],
                                      "host": self.headers.get("Host"), "path": self.path,
                                      "model": model, "segments": len(texts),
                                      "attempt": attempt, "in_flight": IN_FLIGHT[model],
                                      "system": system}) + "\n")
        if self.path != "/v1/chat/completions":
            return self._send(404, b"{}")
        first = attempt == 1
        if fault == "500" or (fault == "flaky" and first):
            return self._send(500, b'{"error": "internal"}')
        if fault == "redirect":
            return self._send(302, b"", {"Location": "http://example.invalid/v1/chat"})
        if fault == "slow" and first:
            time.sleep(3)
        if fault == "steady":
            time.sleep(0.3)
        if fault == "malformed" and first:
            return self._send(200, b'{"choices": [{"message": {"content": "{\\"transl')
        target = re.search(r"into (\w+) for publication", system)[1]
        outputs = [translate(t, target, fault, len(texts) == 1) for t in texts]
        if fault == "count" and first:
            outputs = outputs[:-1]
        content = json.dumps({"translations": outputs}, ensure_ascii=False)
        finish = "stop"
        if fault == "truncated" and first:
            content, finish = content[: len(content) // 2], "length"
        body = {"id": "fake", "object": "chat.completion", "model": model,
                "choices": [{"index": 0, "finish_reason": finish,
                             "message": {"role": "assistant", "content": content}}]}
        self._send(200, json.dumps(body, ensure_ascii=False).encode("utf-8"),
                   {"Content-Type": "application/json"})


def main() -> None:
    Handler.log_path = sys.argv[1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
