"""The review desk's web application (Starlette) and its server (uvicorn).

Page handlers are plain functions (Starlette runs them in its thread pool: reading PO files and
running checks never blocks the server); a save runs in the pool too, one at a time.

Routes (every name in a path is checked against OUT's article folders and their manifests;
nothing from the browser becomes a path otherwise):
  GET  /                              desk view: filter, search, sort, pages
  GET  /a/{folder}                    the article's first language
  GET  /a/{folder}/{lang}             article view
  GET  /preview/{folder}/{lang}       the localized page as written (sandboxed)
  GET  /api/a/{folder}/{lang}         the segments as JSON
  POST /api/a/{folder}/{lang}/save    save one segment (JSON; CSRF header required)
  GET  /static/…                      the desk's own CSS and JS (no network asset)

Security: a Host header check (DNS rebinding), an access token when bound to another interface
than 127.0.0.1 (`--host`), a CSRF token on every POST, a Content-Security-Policy without
inline script, and Jinja2 autoescaping everywhere.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from locpipe.desk import article as article_view
from locpipe.desk.listing import FILTERS, SORTS, Listing, row_of, select
from locpipe.errors import LocpipeError
from locpipe.formats.manifest import read_manifest
from locpipe.formats.pages import direction, native_name
from locpipe.languages import known

HERE = Path(__file__).parent
CSRF_HEADER = "x-csrf-token"
TOKEN_COOKIE = "locpipe_desk"
MAX_BODY = 256 * 1024  # a save carries one sentence
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")
# The preview is the page a reader gets: its own inline style, no script at all.
PREVIEW_CSP = ("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
               "font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


@dataclass
class Desk:
    out_dir: Path
    memory_dir: Path | None = Path("memory")
    glossary_dirs: list[Path] | None = None
    token: str | None = None  # required from the browser when set (--host)
    hosts: set[str] | None = None  # accepted Host headers; None: any
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    served: threading.Event = field(default_factory=threading.Event)  # a desk view was sent

    def __post_init__(self) -> None:
        self.listing = Listing(self.out_dir)
        self.resources = article_view.Resources(self.memory_dir, self.glossary_dirs)


class _Guard(BaseHTTPMiddleware):
    """Host check, access token, CSRF on state changes, security headers."""

    async def dispatch(self, request: Request, call_next):
        desk: Desk = request.app.state.desk
        host = request.headers.get("host", "")
        if desk.hosts is not None and host not in desk.hosts:
            return _error(request, 403, f"unknown host '{host}'; open the URL locpipe review "
                                        "printed")
        if desk.token is not None:
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given, desk.token):
                response = RedirectResponse(request.url.path, 303)
                response.set_cookie(TOKEN_COOKIE, desk.token, httponly=True, samesite="strict")
                return response
            cookie = request.cookies.get(TOKEN_COOKIE, "")
            if not hmac.compare_digest(cookie, desk.token):
                return _error(request, 403, "access token required; open the URL with "
                                            "?token=… that locpipe review printed")
        if request.method not in ("GET", "HEAD"):
            sent = request.headers.get(CSRF_HEADER, "")
            if not hmac.compare_digest(sent, desk.csrf):
                return _error(request, 403, "missing or wrong CSRF token; reload the page")
            origin = request.headers.get("origin")
            if origin is not None and origin.split("://", 1)[-1] != host:
                return _error(request, 403, f"request from another site ({origin}) refused")
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers["Cache-Control"] = "no-store"
        return response


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status)
    return HTMLResponse(_render("error.html", status=status, message=message, csrf="",
                                out_dir=""), status)


_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                          undefined=jinja2.StrictUndefined)
_ENV.filters["q"] = lambda s: quote(str(s), safe="")


def _render(name: str, **context: Any) -> str:
    return _ENV.get_template(name).render(**context)


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    desk: Desk = request.app.state.desk
    return HTMLResponse(_render(name, csrf=desk.csrf, out_dir=str(desk.out_dir), **context))


def _article(request: Request) -> tuple[str, Any, str | None]:
    """The folder and manifest named by the path, and the language if one is named; raises
    LookupError unless they are an article of OUT and one of its languages."""
    desk: Desk = request.app.state.desk
    folder = request.path_params["folder"]
    if not desk.listing.known(folder):
        raise LookupError(f"no article folder '{folder}' in {desk.out_dir}")
    try:
        m = read_manifest(desk.out_dir / folder)
    except LocpipeError as exc:
        raise LookupError(str(exc)) from exc
    if m is None:
        raise LookupError(f"no article folder '{folder}' in {desk.out_dir}")
    lang = request.path_params.get("lang")
    if lang is not None:
        if lang not in m.languages or not known(lang):
            raise LookupError(f"article '{folder}' has no language '{lang}'; it has "
                              f"{', '.join(m.languages) or 'none'}")
        if not (desk.out_dir / folder / f"{lang}.po").is_file():
            raise LookupError(f"article '{folder}' has no {lang}.po; run locpipe translate")
    return folder, m, lang


def _state(folder: str, m: Any) -> dict[str, Any]:
    row = row_of(folder, m)
    return {"state": row.state, "done": row.done, "asked": row.asked, "errors": row.errors,
            "warnings": row.warnings}


def desk_view(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    params = request.query_params
    flt = params.get("filter", "all")
    sort = params.get("sort", "folder")
    try:
        page_no = int(params.get("page", "1"))
    except ValueError:
        page_no = 1
    page = select(desk.listing.rows(), flt if flt in FILTERS else "all", params.get("q", ""),
                  sort if sort in SORTS else "folder", page_no)
    shares = {r.folder: desk.listing.shares(r) for r in page.rows}
    response = _page(request, "desk.html", page=page, filter=flt, q=params.get("q", ""),
                     sort=sort, filters=FILTERS, sorts=SORTS, shares=shares)
    # after the page is sent: the listing cache brought up to date, then the warm-up resumes
    response.background = BackgroundTask(_after_view, desk)
    return response


def _after_view(desk: Desk) -> None:
    desk.listing.persist()
    desk.served.set()


def article_first(request: Request) -> Response:
    try:
        folder, m, _ = _article(request)
    except LookupError as exc:
        return _error(request, 404, str(exc))
    if not m.languages:
        return _error(request, 404, f"article '{folder}' has no language")
    return RedirectResponse(f"/a/{quote(folder, safe='')}/{quote(m.languages[0], safe='')}",
                            303)


def article_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    try:
        folder, m, lang = _article(request)
        segs = article_view.segments(desk.out_dir / folder / f"{lang}.po", lang, desk.resources)
    except LookupError as exc:
        return _error(request, 404, str(exc))
    except LocpipeError as exc:
        return _error(request, 422, str(exc))
    langs = [(code, native_name(code)) for code in m.languages]
    return _page(request, "article.html", folder=folder, title=m.title or folder, lang=lang,
                 langs=langs, dir=direction(lang), segments=segs, state=_state(folder, m),
                 pseudo=row_of(folder, m).pseudo,
                 done=sum(s.reviewed for s in segs),
                 errors=sum(f["severity"] == "error" for s in segs for f in s.findings))


def article_json(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    try:
        folder, m, lang = _article(request)
        segs = article_view.segments(desk.out_dir / folder / f"{lang}.po", lang, desk.resources)
    except LookupError as exc:
        return JSONResponse({"error": str(exc)}, 404)
    except LocpipeError as exc:
        return JSONResponse({"error": str(exc)}, 422)
    return JSONResponse({"folder": folder, "lang": lang, "state": _state(folder, m),
                         "segments": [s.as_json() for s in segs]})


def preview(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    try:
        folder, _, lang = _article(request)
    except LookupError as exc:
        return _error(request, 404, str(exc))
    page = desk.out_dir / folder / f"{lang}.html"
    if not page.is_file():
        return _error(request, 404, f"article '{folder}' has no {lang}.html yet")
    response = HTMLResponse(page.read_text(encoding="utf-8"))
    response.headers["Content-Security-Policy"] = PREVIEW_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


async def save(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    try:
        folder, _, lang = _article(request)
    except LookupError as exc:
        return JSONResponse({"error": str(exc)}, 404)
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY:
            return JSONResponse({"error": f"request too large (over {MAX_BODY // 1024} KB)"},
                                413)
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("id"), str) \
            or not isinstance(body.get("version"), str) \
            or not isinstance(body.get("reviewed", True), bool) \
            or not (body.get("text") is None or isinstance(body.get("text"), str)):
        return JSONResponse({"error": "send JSON {id, version, text (or null), reviewed}"}, 400)
    if body.get("reviewed", True) is False:
        return JSONResponse({"error": "a saved translation is reviewed (it goes into the "
                                      "memory, as with po apply); edit it to change it"}, 400)
    text = body.get("text")
    if text is not None and ("\n" in text or "\r" in text or "\0" in text):
        return JSONResponse({"error": "a translation is one line; remove the line breaks"},
                            400)
    po_path = desk.out_dir / folder / f"{lang}.po"
    from starlette.concurrency import run_in_threadpool

    from locpipe import review

    try:
        await run_in_threadpool(review.save_entry, po_path, body["id"], body["version"], text,
                                desk.memory_dir)
    except review.Conflict as exc:
        current = (await run_in_threadpool(article_view.one, po_path, lang, body["id"],
                                           desk.resources)) if exc.current is not None else None
        return JSONResponse({"error": str(exc),
                             "current": current.as_json() if current else None}, 409)
    except LocpipeError as exc:
        return JSONResponse({"error": str(exc)}, 422)
    seg = await run_in_threadpool(article_view.one, po_path, lang, body["id"], desk.resources)
    m = read_manifest(desk.out_dir / folder)
    return JSONResponse({"segment": seg.as_json() if seg else None,
                         "state": _state(folder, m) if m else None})


def create_app(desk: Desk) -> Starlette:
    """The desk over `desk.out_dir` (nothing is read until a page is asked for)."""
    routes = [
        Route("/", desk_view),
        Route("/a/{folder}", article_first),
        Route("/a/{folder}/{lang}", article_page),
        Route("/preview/{folder}/{lang}", preview),
        Route("/api/a/{folder}/{lang}", article_json),
        Route("/api/a/{folder}/{lang}/save", save, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(_Guard)])
    app.state.desk = desk
    return app


def local_hosts(port: int) -> set[str]:
    return {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}


def prepare(out_dir: Path, port: int, host: str | None, memory_dir: Path | None,
            glossary_dirs: list[Path] | None) -> tuple[Desk, str]:
    """The desk and the URL to print; raises a one-line LocpipeError for a bad OUT."""
    if not out_dir.is_dir():
        raise LocpipeError("is not an output folder; give the --out folder of locpipe "
                           "translate", out_dir)
    if not 0 < port < 65536:
        raise LocpipeError(f"--port {port} is not a port; give 1 to 65535")
    if host:
        token = secrets.token_urlsafe(24)
        desk = Desk(out_dir, memory_dir, glossary_dirs, token=token, hosts=None)
        shown = f"[{host}]" if ":" in host else host
        return desk, f"http://{shown}:{port}/?token={token}"
    return (Desk(out_dir, memory_dir, glossary_dirs, hosts=local_hosts(port)),
            f"http://127.0.0.1:{port}/")


def listen(host: str, port: int):
    """A bound listening socket (raises OSError: port taken, address not here)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def _warm(desk: Desk, wait: float = 1.0) -> None:
    """What the first pages need, done while the editor opens the URL: the listing (from its
    cache file, re-reading only the manifests that changed) and the shares of the first page,
    the templates compiled; then — once the first desk view has been sent, or after `wait`
    seconds, so it does not compete with it for the interpreter — the listing cache written
    and the library the article view and saves use imported."""
    try:
        rows = desk.listing.rows()
        for row in select(rows).rows:
            desk.listing.shares(row)
    except OSError:  # the desk view will say what is wrong
        pass
    for name in ("desk.html", "article.html", "error.html"):
        _ENV.get_template(name)
    desk.served.wait(wait)
    desk.listing.persist()
    import locpipe.review  # noqa: F401


def serve(desk: Desk, host: str, port: int) -> None:
    """Run the server until Ctrl-C (uvicorn stops cleanly on SIGINT)."""
    import uvicorn

    sock = listen(host, port)
    # read the manifests once in the background while the editor opens the URL (the desk view
    # then only stats them); the server answers meanwhile
    threading.Thread(target=_warm, args=(desk,), daemon=True).start()
    config = uvicorn.Config(create_app(desk), log_level="warning", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
