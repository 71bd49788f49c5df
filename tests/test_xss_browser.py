"""XSS filter-evasion vectors (OWASP cheat-sheet style, written for locpipe) through `locpipe
translate`, each page and fragment opened in headless Chromium with a page-level hook on
alert/confirm/prompt/print, dialogs, page errors and console output: nothing may run.

`render_vectors` is shared with tests/formats/test_sanitise.py, which checks the same outputs
without a browser (html5lib, as browsers parse) in the default run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from locpipe.cli import app
from tests.chromium import CHROMIUM, needs_chromium

_SVG_B64 = ("PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiPjxzY3Jp"
            "cHQ+YWxlcnQoMik8L3NjcmlwdD48L3N2Zz4=")
_HTML_B64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
_ENT = "".join(f"&#{ord(c)};" for c in "javascript:alert(1)")
_HEX = "".join(f"&#x{ord(c):X}" for c in "javascript:alert(1)")
_PAD = "".join(f"&#{ord(c):07d}" for c in "alert(1)")

# HTML vectors: each goes into a short article (a headline, a sentence, the vector, a
# sentence) of its own.
HTML_VECTORS: list[str] = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.invalid/xss.js></SCRIPT>",
    '<IMG SRC="javascript:alert(1);">',
    "<IMG SRC=javascript:alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<IMG SRC=`javascript:alert(1)`>",
    '<a onmouseover="alert(document.cookie)">hover link</a>',
    '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    f'<img src=x onerror="{_PAD}">',
    f"<IMG SRC={_ENT}>",
    f"<IMG SRC={_HEX}>",
    "<IMG SRC=\"jav\tascript:alert(1);\">",
    '<IMG SRC="jav&#x09;ascript:alert(1);">',
    '<IMG SRC="jav&#x0A;ascript:alert(1);">',
    '<IMG SRC=" &#14;  javascript:alert(1);">',
    '<SCRIPT/XSS SRC="http://xss.invalid/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(1)>',
    '<SCRIPT/SRC="http://xss.invalid/xss.js"></SCRIPT>',
    '<<SCRIPT>alert(1);//\\<</SCRIPT>',
    "</TITLE><SCRIPT>alert(1);</SCRIPT>",
    "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert(1);\">",
    "<BODY BACKGROUND=\"javascript:alert(1)\">",
    "<IMG DYNSRC=\"javascript:alert(1)\">",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<LINK REL=\"stylesheet\" HREF=\"javascript:alert(1);\">",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert(1);\">",
    f'<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,{_HTML_B64}">',
    "<IFRAME SRC=\"javascript:alert(1);\"></IFRAME>",
    "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>",
    "<FRAMESET><FRAME SRC=\"javascript:alert(1);\"></FRAMESET>",
    "<TABLE BACKGROUND=\"javascript:alert(1)\"><tr><td>Cell text here.</td></tr></TABLE>",
    "<TABLE><TD BACKGROUND=\"javascript:alert(1)\">Cell text here.</TD></TABLE>",
    "<DIV STYLE=\"background-image: url(javascript:alert(1))\">Styled text.</DIV>",
    "<BASE HREF=\"javascript:alert(1);//\">",
    "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.invalid/scriptlet.html\"></OBJECT>",
    f'<EMBED SRC="data:image/svg+xml;base64,{_SVG_B64}" type="image/svg+xml">',
    '<a href="javascript:alert(1)">a link</a>',
    '<a href="&#x6A;avascript:alert(1)">a link</a>',
    '<a href="vbscript:msgbox(1)">a link</a>',
    f'<a href="data:text/html;base64,{_HTML_B64}">a link</a>',
    "<!--><script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!-- a --!><img src=x onerror=alert(1)>-->",
    '<p title=="x><img src=x onerror=alert(1)>">Quoted text.</p>',
    '<img src="x"onerror=alert(1)>',
    "<details open ontoggle=alert(1)>Details text.</details>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)></audio>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>Moving text.</marquee>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<form><button formaction=javascript:alert(1)>Send it</button></form>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    '<xmp><p title="</xmp><img src=x onerror=alert(1)>"></xmp>',
    '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
    '<iframe><img title="</iframe><img src=x onerror=alert(1)>"></iframe>',
    '<style><img src="</style><img src=x onerror=alert(1)//">',
    "<img src=x onerror=alert`1`>",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href=" &#14; javascript:alert(1)">a link</a>',
    f'<object data="data:text/html;base64,{_HTML_B64}"></object>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s></animate></svg>",
    f'<img src="data:image/svg+xml;base64,{_SVG_B64}" alt="A chart of the offensive">',
    '<p>Casualties rose <span onclick="alert(1)" class="n">sharply</span> on Monday.</p>',
    '<p>Read the <a href="javascript:alert(1)" class="ref">full report</a> here.</p>',
    '<div class="wp-block" onmouseenter="alert(1)"><p>Wrapped paragraph text.</p></div>',
    "<script>alert(1)</script x>",
    "<SCRIPT>alert(1)</SCRIPT\n>",
    '<p>A figure <img src=x onerror="alert(1)" alt="a chart"> inside a sentence.</p>',
    "<p>Text <script>alert(1)</script> inside a sentence.</p>",
    "<a href='java&#0000115;cript:alert(1)'>a link</a>",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<?xml version=\"1.0\"?><img src=x onerror=alert(1)>",
    '<div style="x:expression(alert(1))">Old IE text.</div>',
    "<table><tr><td onmouseover=alert(1)>Cell text here.</td></tr></table>",
    "<figure><img src=x onerror=alert(1)><figcaption>A caption here.</figcaption></figure>",
    '<a href="javascript&colon;alert(1)">a link</a>',
    '<a href="java&NewLine;script:alert(1)">a link</a>',
    '<img srcset="javascript:alert(1) 1x, x.jpg 2x" alt="A photo">',
    '<a href="\x01javascript:alert(1)">a link</a>',
]

# Markdown vectors: each is a paragraph of a Markdown article.
MARKDOWN_VECTORS: list[str] = [
    "[a link](javascript:alert(1))",
    "![an image](javascript:alert(1))",
    "Text <img src=x onerror=alert(1)> with an image.",
    "<script>alert(1)</script>",
    '<div onmouseover="alert(1)">*hover* here</div>',
    f"[a link](data:text/html;base64,{_HTML_B64})",
    "<svg onload=alert(1)>",
    "[a link](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "<!--><script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "[a link](&#106;avascript:alert(1))",
    'Inline <a href="jav&#x09;ascript:alert(1)">link</a> text.',
    '<iframe src="javascript:alert(1)"></iframe>',
    "```html\n<script>alert(1)</script>\n```",
    "[a link][ref]\n\n[ref]: javascript:alert(1)",
    "<details ontoggle=alert(1) open>Details text.</details>",
    "Text with <b onmouseover=alert(1)>bold</b> words.",
]

HEAD = "<h1>Talks resume in Doha</h1>\n<p>Negotiators met on Tuesday to discuss the truce.</p>\n"
TAIL = "\n<p>The talks will continue on Wednesday, officials said.</p>\n"
MD_HEAD = "# Talks resume in Doha\n\nNegotiators met on Tuesday to discuss the truce.\n\n"
MD_TAIL = "\n\nThe talks will continue on Wednesday, officials said.\n"


def write_vectors(folder: Path) -> dict[str, str]:
    """One article per vector in `folder`: {file stem: vector}."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for n, vector in enumerate(HTML_VECTORS, start=1):
        (folder / f"h{n:03d}.html").write_text(HEAD + vector + TAIL, encoding="utf-8")
        made[f"h{n:03d}"] = vector
    for n, vector in enumerate(MARKDOWN_VECTORS, start=1):
        (folder / f"m{n:03d}.md").write_text(MD_HEAD + vector + MD_TAIL, encoding="utf-8")
        made[f"m{n:03d}"] = vector
    return made


def render_vectors(tmp: Path, *extra: str) -> tuple[dict[str, str], Path, object]:
    """`locpipe translate` (pseudo engine, French) over every vector's article: (vectors,
    output folder, CLI result)."""
    made = write_vectors(tmp / "in")
    out = tmp / "out"
    result = CliRunner().invoke(app, ["translate", str(tmp / "in"), "--engine", "pseudo",
                                      "--to", "fr", "--out", str(out), "--force", "--format",
                                      "json", *extra])
    return made, out, result


def written(out: Path, result) -> dict[str, Path]:
    """{file stem: its output folder} of the articles the run wrote."""
    records = json.loads(result.stdout)["articles"]
    return {Path(r["source"]).stem: out / r["folder"] for r in records
            if r["status"] == "written"}


HOOK = """
window.__ran = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = (...args) => { window.__ran.push(name + ':' + args.join(',')); };
}
"""
# What could run, as the browser built the DOM: script-capable elements, on* attributes,
# script URLs anywhere a URL is taken (a data: URL only as an image in src).
STATIC_CHECK = """() => {
  const bad = [];
  const urls = ['href', 'src', 'action', 'formaction', 'data', 'poster', 'background',
                'xlink:href', 'srcset', 'dynsrc', 'lowsrc', 'codebase'];
  for (const el of document.querySelectorAll('*')) {
    const t = el.localName;
    if (['script', 'iframe', 'object', 'embed', 'form', 'frame', 'frameset', 'applet',
         'base', 'svg', 'math'].includes(t)) bad.push(t);
    if (t === 'meta' && el.hasAttribute('http-equiv')) bad.push('meta http-equiv');
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(t + ' ' + a.name);
      const v = a.value.replace(/[\\x00-\\x20]/g, '').toLowerCase();
      if (urls.includes(a.name) && /^(javascript|vbscript|data):/.test(v)
          && !(a.name === 'src' && v.startsWith('data:image/'))) bad.push(t + ' ' + a.name);
    }
  }
  return bad;
}"""


def _open_all(files: list[Path]) -> dict[Path, list[str]]:
    """Open each file in one Chromium (one launch), with the hook installed before any of the
    page's own script; what ran or could run, per file (empty lists when nothing)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    found: dict[Path, list[str]] = {}
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(java_script_enabled=True)
        context.add_init_script(HOOK)
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith("file:") else route.abort())
        page = context.new_page()
        events: list[str] = []
        page.on("dialog", lambda d: (events.append("dialog " + d.message), d.dismiss()))
        page.on("pageerror", lambda e: events.append(f"pageerror {e}"))
        page.on("console", lambda m: None if m.text.startswith("Failed to load resource")
                else events.append(f"console {m.text}"))  # (an image that is not there)
        for path in files:
            events.clear()
            page.goto(path.resolve().as_uri(), wait_until="load")
            page.wait_for_timeout(60)  # onerror/onload/ontoggle/autofocus handlers fire now
            ran = [f"ran {r}" for frame in page.frames
                   for r in frame.evaluate("window.__ran || []")]
            static = [f"dom {b}" for b in page.main_frame.evaluate(STATIC_CHECK)]
            found[path] = list(events) + ran + static
        browser.close()
    return found


def _fragment_page(fragment: Path) -> Path:
    """A fragment as a CMS page holds it: inside the site's <body>."""
    page = fragment.with_name(fragment.name.replace(".fragment.html", ".cms.html"))
    page.write_text("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>CMS</title>"
                    "</head><body><article>\n" + fragment.read_text(encoding="utf-8")
                    + "\n</article></body></html>\n", encoding="utf-8")
    return page


@needs_chromium
@pytest.mark.browser
def test_no_vector_runs_script_in_chromium(tmp_path):
    made, out, result = render_vectors(tmp_path)
    assert len(made) >= 60
    folders = written(out, result)
    # a vector may make its article malformed (refused: one line, nothing written), but the
    # run goes on and almost all are written
    assert len(folders) >= len(made) - 5, result.output
    files = []
    for folder in folders.values():
        files += [folder / "fr.html", _fragment_page(folder / "fr.fragment.html")]
    found = _open_all(files)
    ran = {str(path.relative_to(out)): what for path, what in found.items() if what}
    assert ran == {}


@needs_chromium
@pytest.mark.browser
def test_the_hook_sees_script_that_runs(tmp_path):
    """The harness is not blind: with --trust-html the fragment keeps the input's script, and
    Chromium runs it; the page of the same run stays clean."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "embed.html").write_text(HEAD + "<script>alert('embed')</script>"
                                       '<img src="x" onerror="alert(2)">' + TAIL,
                                       encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(folder), "--engine", "pseudo", "--to",
                                      "fr", "--out", str(tmp_path / "out"), "--force",
                                      "--trust-html"])
    assert result.exit_code == 0, result.output
    done = tmp_path / "out" / "embed"
    fragment = _fragment_page(done / "fr.fragment.html")
    found = _open_all([fragment, done / "fr.html"])
    assert "ran alert:embed" in found[fragment] and "ran alert:2" in found[fragment]
    assert "dom script" in found[fragment]
    assert found[done / "fr.html"] == []
