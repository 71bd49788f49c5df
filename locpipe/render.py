"""Render translated articles as standalone HTML5 pages, plus an index linking the languages.

Formats never import QA: a page shows text; findings are the report's business.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from locpipe.document import TAG_RE, Block, Document, Tag

LANG_NAMES = {"en": "English", "fr": "Français", "ar": "العربية"}
RTL_LANGS = {"ar", "fa", "he", "ur"}

STYLE = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --accent: #a4161a; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 18px/1.6 Georgia, "Times New Roman", "Noto Serif", serif; }
html[lang="ar"] body, body [lang="ar"] { font-family: "Noto Naskh Arabic", "Amiri", "Scheherazade New",
       "Geeza Pro", "Traditional Arabic", "Arabic Typesetting", "Noto Sans Arabic",
       "DejaVu Sans", Tahoma, sans-serif; }
html[lang="ar"] body { font-size: 20px; line-height: 1.9; }
main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
nav.languages { display: flex; gap: 1rem; justify-content: flex-end; padding: .6rem 1.25rem;
       border-bottom: 1px solid var(--rule); font: 15px/1.4 system-ui, sans-serif; }
nav.languages a { color: var(--muted); text-decoration: none; }
nav.languages a[aria-current="page"] { color: var(--ink); font-weight: 600; }
.banner { background: #fff4ce; border: 1px solid #e0c060; padding: .6rem .9rem; margin: 1rem 0;
       font: 15px/1.4 system-ui, sans-serif; }
h1 { font-size: 2rem; line-height: 1.25; margin: .5rem 0 1.25rem; overflow-wrap: break-word; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; }
p, li, blockquote { overflow-wrap: break-word; }
blockquote { margin: 1rem 0; padding-inline-start: 1rem; color: #333;
       border-inline-start: 3px solid var(--accent); }
pre, code { white-space: pre-wrap; overflow-wrap: anywhere; }
.untranslated { font-family: Georgia, "Times New Roman", "Noto Serif", serif; }
footer { margin-top: 3rem; color: var(--muted); font: 13px/1.4 system-ui, sans-serif; }
"""


@dataclass
class Page:
    """What a page needs beyond the blocks: language, labels and the run signature."""

    lang: str
    title: str
    languages: list[str]
    signature: str
    pseudo: bool = False
    extra_meta: dict[str, str] = field(default_factory=dict)
    source_lang: str = "en"


def tags_to_html(text: str, tags: dict[int, Tag]) -> str:
    """Escape text and put the original inline HTML back for each numbered tag.

    Robust to damaged tags: unknown numbers and unmatched closers are dropped, unclosed
    elements are closed at the end (QA reports the damage; the page stays valid).
    """
    out: list[str] = []
    stack: list[int] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=False))
        pos = m.end()
        closing, num, void = m.group(1), int(m.group(2)), m.group(3)
        tag = tags.get(num)
        if tag is None:
            continue
        if void or tag.void:
            if not closing:
                out.append(tag.open)
        elif closing:
            if num in stack:
                while stack:
                    top = stack.pop()
                    out.append(tags[top].close)
                    if top == num:
                        break
        else:
            stack.append(num)
            out.append(tag.open)
    out.append(html.escape(text[pos:], quote=False))
    out.extend(tags[n].close for n in reversed(stack))
    return "".join(out)


def block_html(block: Block, texts: list[str], seg_langs: list[str | None]) -> str:
    """Inner HTML of a block: its segments joined by spaces; foreign segments keep their lang."""
    parts = []
    for seg, text, lang in zip(block.segments, texts, seg_langs, strict=True):
        inner = tags_to_html(text, seg.tags)
        if lang:
            inner = f'<span lang="{lang}">{inner}</span>'
        parts.append(inner)
    return " ".join(parts)


def render_page(doc: Document, targets: dict[str, str], page: Page,
                foreign: dict[str, str] | None = None) -> str:
    """A standalone page for one language; `targets` maps segment id -> final target text."""
    foreign = foreign or {}
    body: list[str] = []
    head_styles: list[str] = []
    list_open: tuple[int, bool] | None = None
    for block in doc.blocks:
        if block.kind != "list_item" and list_open:
            body.append("</ol>" if list_open[1] else "</ul>")
            list_open = None
        if block.kind == "raw":
            if _STYLE_ONLY.fullmatch(block.raw_html):
                head_styles.append(block.raw_html)  # <style> belongs in <head> in HTML5
            else:
                body.append(_untranslated(block.raw_html, page))
            continue
        texts = [targets.get(s.id, s.text) for s in block.segments]
        inner = block_html(block, texts, [foreign.get(s.id) for s in block.segments])
        if block.kind == "headline":
            body.append(f"<h1>{inner}</h1>")
        elif block.kind == "subheading":
            body.append(f"<h2>{inner}</h2>")
        elif block.kind == "quote":
            body.append(f"<blockquote><p>{inner}</p></blockquote>")
        elif block.kind == "list_item":
            if list_open != (block.list_id, block.ordered):
                if list_open:
                    body.append("</ol>" if list_open[1] else "</ul>")
                body.append("<ol>" if block.ordered else "<ul>")
                list_open = (block.list_id, block.ordered)
            body.append(f"<li>{inner}</li>")
        else:
            body.append(f"<p>{inner}</p>")
    if list_open:
        body.append("</ol>" if list_open[1] else "</ul>")
    return _page_shell(page, "\n".join(body), doc.slug, "\n".join(head_styles))


_STYLE_ONLY = re.compile(r"\s*<style\b[^>]*>.*?</style>\s*", re.S | re.I)
_INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)


def _untranslated(raw: str, page: Page) -> str:
    """A passed-through block (pre, translate="no", embed…) is source-language text: say so,
    so an Arabic page does not lay it out right to left or read it with an Arabic voice."""
    if not html.unescape(_INVISIBLE.sub("", raw)).strip() or page.lang == page.source_lang:
        return raw
    return f'<div class="untranslated" lang="{page.source_lang}" dir="ltr">{raw}</div>'


def _switcher(page: Page) -> str:
    links = []
    for lang in page.languages:
        name = LANG_NAMES.get(lang, lang)
        current = ' aria-current="page"' if lang == page.lang else ""
        links.append(f'<a href="{lang}.html" hreflang="{lang}" lang="{lang}"{current}>'
                     f"{html.escape(name)}</a>")
    links.append('<a href="index.html" title="All languages" aria-label="All languages" '
                 'lang="en">⌂</a>')
    return '<nav class="languages" aria-label="Languages">' + " ".join(links) + "</nav>"


def _page_shell(page: Page, body: str, slug: str, head_extra: str = "") -> str:
    dir_attr = ' dir="rtl"' if page.lang in RTL_LANGS else ""
    metas = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{html.escape(page.signature.split("|")[-1])}">',
        f'<meta name="locpipe-signature" content="{html.escape(page.signature)}">',
    ]
    if page.pseudo:
        metas.append('<meta name="locpipe-pseudo-translation" content="true">')
    for k, v in page.extra_meta.items():
        metas.append(f'<meta name="{html.escape(k)}" content="{html.escape(v)}">')
    banner = ""
    if page.pseudo:
        banner = ('<div class="banner" role="note" lang="en" dir="ltr"><strong>'
                  "Pseudo-translation</strong> — generated by the pseudo engine to check layout; "
                  "this is not a translation and must not be published.</div>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{page.lang}"{dir_attr}>\n<head>\n' + "\n".join(metas) + "\n"
        f"<title>{html.escape(page.title)}</title>\n<style>{STYLE}</style>\n"
        + (head_extra + "\n" if head_extra else "") + "</head>\n<body>\n"
        f"{_switcher(page)}\n<main>\n{banner}\n<article>\n{body}\n</article>\n"
        f'<footer lang="en" dir="ltr">{html.escape(page.signature)}</footer>\n'
        "</main>\n</body>\n</html>\n"
    )


def render_index(doc: Document, titles: dict[str, str], signature: str,
                 extra_links: dict[str, str] | None = None) -> str:
    """The article's landing page: one link per language (and the review report if any)."""
    items = []
    for lang, title in titles.items():
        rtl = ' dir="rtl"' if lang in RTL_LANGS else ""
        items.append(f'<li><a href="{lang}.html" hreflang="{lang}">'
                     f"{html.escape(LANG_NAMES.get(lang, lang))}</a> — "
                     f'<span lang="{lang}"{rtl}>{html.escape(title)}</span></li>')
    for href, label in (extra_links or {}).items():
        items.append(f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>')
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="locpipe-signature" content="{html.escape(signature)}">\n'
        f"<title>{html.escape(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<main>\n<h1>{html.escape(doc.title)}</h1>\n<p>Source: "
        f"{html.escape(doc.path.name)}</p>\n<ul>\n" + "\n".join(items) + "\n</ul>\n"
        "</main>\n</body>\n</html>\n"
    )
