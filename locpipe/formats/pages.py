"""Render translated articles as standalone HTML5 pages, fragments to paste back into the CMS
(the body alone, `render_fragment`), and an index linking the languages.

Formats never import QA: a page shows text; findings are the report's business. Every fact
about a language (its name, direction, script) comes from its profile and CLDR
(`locpipe.languages`), so a page in any language gets its `lang`, `dir` and a font stack that
has its letters without a line of code per language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from babel import UnknownLocaleError

from locpipe import languages
from locpipe.document import Block, Document, Tag, join_continued
from locpipe.errors import LocpipeError
from locpipe.formats.sanitise import safe_style, sanitise
from locpipe.languages.base import Profile
from locpipe.markup import ATTRIBUTE_MARK_RE, TAG_RE, strip_tags
from locpipe.rules.typography import isolate_html, ltr_runs

STYLE = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --accent: #a4161a; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 18px/1.6 Georgia, "Times New Roman", "Noto Serif", serif; }
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
pre { font-size: .85em; line-height: 1.45; }
img, video, iframe { max-width: 100%; height: auto; }
figure { margin: 1.5rem 0; }
figcaption { color: var(--muted); font-size: .85em; }
table { border-collapse: collapse; margin: 1rem 0; display: block; max-width: 100%;
       overflow-x: auto; }
th, td { border: 1px solid var(--rule); padding: .3rem .6rem; text-align: start;
       vertical-align: top; }
td > p, th > p, figcaption > p, dt > p, dd > p { margin: 0; }
.untranslated { font-family: Georgia, "Times New Roman", "Noto Serif", serif; font-size: 18px;
       line-height: 1.6; }
footer { margin-top: 3rem; color: var(--muted); font: 13px/1.4 system-ui, sans-serif; }
"""
# The machine-translation notice styles itself (inline), so it looks the same wherever the
# element is pasted and carries no rule that could restyle anything around it.
NOTICE_STYLE = ("background:#fde8e8;border:1px solid #c0392b;color:#1d1d1f;padding:.6rem .9rem;"
                "margin:1rem 0;font:15px/1.4 system-ui,sans-serif")


# Font stacks per script (ISO 15924, as CLDR gives it for a language): the serif stack above
# covers Latin, Cyrillic and Greek; scripts listed here need fonts that have their letters.
# Pages and the report add a rule for every language they show whose script is listed.
SCRIPT_FONTS = {
    "Arab": '"Noto Naskh Arabic", "Amiri", "Scheherazade New", "Geeza Pro", "Traditional '
            'Arabic", "Arabic Typesetting", "Noto Sans Arabic", "DejaVu Sans", Tahoma, sans-serif',
    "Hebr": '"Noto Serif Hebrew", "Frank Ruehl CLM", "David CLM", "Taamey Frank CLM", '
            '"Noto Sans Hebrew", "Arial Hebrew", "David", "DejaVu Sans", Arial, sans-serif',
    # Urdu is set in Nastaliq (its profile's font_script "Aran"), never in Naskh if avoidable
    "Aran": '"Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", "Urdu Typesetting", '
            '"Alvi Nastaleeq", "Nafees Nastaleeq", "Noto Naskh Arabic", "DejaVu Sans", serif',
    "Deva": '"Noto Serif Devanagari", "Noto Sans Devanagari", "Mangal", "Kohinoor Devanagari", '
            '"Lohit Devanagari", sans-serif',
    "Thai": '"Noto Serif Thai", "Noto Sans Thai", "Thonburi", "Tahoma", "Leelawadee UI", '
            'sans-serif',
    "Hans": '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", '
            '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
    "Hant": '"Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", "PMingLiU", '
            '"Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif',
    "Jpan": '"Noto Serif CJK JP", "Source Han Serif", "Hiragino Mincho ProN", "Yu Mincho", '
            '"Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif',
    "Kore": '"Noto Serif CJK KR", "Source Han Serif K", "AppleMyungjo", "Batang", '
            '"Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif',
}
# Body text size and leading for a script that reads small at the Latin size (Arabic's
# vowel marks and ligatures need both; Nastaliq's diagonal words need more leading still).
SCRIPT_SIZE = {"Arab": "font-size: 20px; line-height: 1.9;",
               "Aran": "font-size: 20px; line-height: 2.3;",
               "Hebr": "font-size: 19px; line-height: 1.75;",
               "Deva": "font-size: 19px; line-height: 1.8;",
               "Thai": "font-size: 19px; line-height: 1.8;"}
# Line breaking per script (CSS Text 3): Chinese and Japanese break between characters but
# never before 。、」 or after 「 (line-break: strict, the kinsoku rules); Korean breaks at
# spaces only (word-break: keep-all: a Hangul word stays whole); Thai, Lao, Khmer and Myanmar
# break between words found by the browser's dictionary (word-break: normal; never
# break-all, which cuts inside syllables). A long Latin word may still wrap anywhere rather
# than overflow.
SCRIPT_BREAK = {
    **dict.fromkeys(("Hans", "Hant", "Jpan"), "line-break: strict; word-break: normal; "
                                              "overflow-wrap: anywhere;"),
    "Kore": "word-break: keep-all; line-break: strict; overflow-wrap: anywhere;",
    **dict.fromkeys(("Thai", "Laoo", "Khmr", "Mymr"), "word-break: normal; line-break: auto; "
                                                      "overflow-wrap: anywhere;"),
}


def _profile(code: str) -> Profile | None:
    """The language's profile, or None for a code CLDR does not know (a foreign quote's
    language as langdetect names it, "zh-cn")."""
    try:
        profile = languages.get(code)
        profile.cldr  # noqa: B018 (parses the locale: fails here, not mid-page)
    except (LocpipeError, ValueError, UnknownLocaleError):
        return None
    return profile


@lru_cache(maxsize=256)  # (CLDR facts: asked for every cell and segment)
def direction(code: str) -> str:
    """"rtl" or "ltr": CLDR's character order for the language (he, ar, fa: rtl)."""
    profile = _profile(code)
    return profile.direction if profile else "ltr"


@lru_cache(maxsize=256)
def script(code: str) -> str:
    """The ISO 15924 script CLDR gives the language ("Arab", "Hebr", "Cyrl", "Latn")."""
    profile = _profile(code)
    return profile.script if profile else "Latn"


@lru_cache(maxsize=256)
def typeface(code: str) -> str:
    """The script whose fonts a page sets the language in: its profile's font_script (Urdu:
    "Aran", Nastaliq), else its script."""
    profile = _profile(code)
    return (profile.font_script or profile.script) if profile else "Latn"


@lru_cache(maxsize=256)
def native_name(code: str) -> str:
    """The language's name in itself from CLDR ("Français", "עברית"): links a reader follows
    to their language are labelled so (the code when CLDR has no name)."""
    profile = _profile(code)
    name = profile.cldr.get_language_name() if profile else None
    return (name[:1].upper() + name[1:]) if name else code


def script_css(langs: list[str],
               selector: str = 'html[lang|="{lang}"] body, body [lang|="{lang}"]',
               size_selector: str = 'html[lang|="{lang}"] body',
               sizes: dict[str, str] | None = None) -> str:
    """Font rules for the languages of `langs` whose script needs its own fonts: every
    language of that script gets its script's stack (Persian the Arabic one, Urdu the
    Nastaliq one), its size from `sizes` (default SCRIPT_SIZE) and its line breaking
    (SCRIPT_BREAK). Attribute selectors, not :lang(), so that
    code and the navigation keep their own fonts inside a page in that language."""
    sizes = SCRIPT_SIZE if sizes is None else sizes
    rules = []
    for lang in dict.fromkeys(langs):
        sc = typeface(lang)
        if sc in SCRIPT_FONTS:
            rules.append(f"{selector.format(lang=lang)} {{ font-family: {SCRIPT_FONTS[sc]}; }}")
        if sc in sizes:
            rules.append(f"{size_selector.format(lang=lang)} {{ {sizes[sc]} }}")
        if sc in SCRIPT_BREAK:
            rules.append(f"{selector.format(lang=lang)} {{ {SCRIPT_BREAK[sc]} }}")
    return "\n".join(rules)


_PSEUDO_META = '<meta name="locpipe-pseudo-translation" content="true">'
_PSEUDO_BANNER = ('<div class="banner" role="note" lang="en" dir="ltr"><strong>'
                  "Pseudo-translation</strong> — generated by the pseudo engine to check layout; "
                  "this is not a translation and must not be published.</div>")


@dataclass
class Provenance:
    """Who wrote a page's text, for its footer and, while an engine's output is unreviewed,
    its notice. Counts are of the sentences the engine was asked for (foreign quotes kept as
    they are not counted); `reviewed` ones came from an editor (a reviewed PO entry or the
    translation memory)."""

    engine: str  # "Argos en→fr 1.9"
    sentences: int
    reviewed: int
    qa_errors: int = 0
    qa_warnings: int = 0
    version: str = ""  # "locpipe 0.1.0"

    @property
    def unreviewed(self) -> int:
        return self.sentences - self.reviewed


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
    provenance: Provenance | None = None
    # --trust-html: the fragment keeps the input's HTML as it was (embeds, scripts); the page
    # is sanitised all the same and says so (TRUSTED_NOTE)
    trusted_html: bool = False

    @property
    def unreviewed(self) -> bool:
        """Some of the text is engine output no editor has reviewed: not for publication."""
        return self.provenance is not None and self.provenance.unreviewed > 0


def escape(text: str, quote: bool = True) -> str:
    """html.escape(text, quote): a text with nothing to escape (most sentences) is returned
    after substring tests, without html.escape's three or five passes over it (it is asked
    for every sentence of every page, fragment and report cell)."""
    if "&" in text or "<" in text or ">" in text or quote and ('"' in text or "'" in text):
        return html.escape(text, quote)
    return text


def escape_text(text: str) -> str:
    """`escape(text, quote=False)`: text between elements."""
    if "&" in text or "<" in text or ">" in text:
        return html.escape(text, quote=False)
    return text


# Unicode's directional isolates: LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE.
LRI, PDI = "\u2066", "\u2069"


def isolate_marks(text: str) -> str:
    """Escape `text` for HTML, isolating each left-to-right run with LRI … PDI characters:
    what `isolate_html` does with `<span dir="ltr">`, without adding an element (fragments)."""
    runs = ltr_runs(text)
    if not runs:  # (most sentences of a right-to-left fragment)
        return escape_text(text)
    out, pos = [], 0
    for start, end in runs:
        out.append(escape_text(text[pos:start]))
        out.append(LRI + escape_text(text[start:end]) + PDI)
        pos = end
    out.append(escape_text(text[pos:]))
    return "".join(out)


def tags_to_html(text: str, tags: dict[int, Tag], rtl: bool = False,
                 isolate: Callable[[str], str] = isolate_html, clean: bool = False) -> str:
    """Escape text and put the original inline HTML back for each numbered tag.

    In right-to-left pages, left-to-right runs (Latin words, URLs, "40 %") are isolated
    (`isolate`: rules.typography.isolate_html, or isolate_marks) so the bidi algorithm cannot
    scramble them.

    Robust to damaged tags: unknown numbers and unmatched closers are dropped, unclosed
    elements are closed at the end (QA reports the damage; the page stays valid).

    `clean`: each tag sanitised on its own (clean_tag), so that the body around it keeps its
    bytes when the whole is sanitised.
    """
    escape = isolate if rtl else escape_text
    if "<" not in text:  # no tag (as a plain-text article's sentences)
        return escape(text)
    out: list[str] = []
    stack: list[int] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        out.append(escape(text[pos:m.start()]))
        pos = m.end()
        closing, num, void = m.group(1), int(m.group(2)), m.group(3)
        tag = tags.get(num)
        if tag is None:
            continue
        if clean:
            tag = clean_tag(tag)
        if void or tag.void:
            if not closing:
                out.append(tag.open)
        elif closing:
            if num in stack:
                while stack:
                    top = stack.pop()
                    out.append((clean_tag(tags[top]) if clean else tags[top]).close)
                    if top == num:
                        break
        else:
            stack.append(num)
            out.append(tag.open)
    out.append(escape(text[pos:]))
    out.extend((clean_tag(tags[n]) if clean else tags[n]).close for n in reversed(stack))
    return "".join(out)


@lru_cache(maxsize=256)
def _clean_raw(raw: str) -> str:
    """A passed-through block sanitised (once for all the pages and fragments of a run)."""
    return sanitise(raw).html


@lru_cache(maxsize=4096)
def clean_tag(tag: Tag) -> Tag:
    """`tag` sanitised on its own: itself when nothing had to go, its start tag without
    what was removed (an `onclick`, a `javascript:` href), or nothing at all (an element that
    is not allowed, its text kept; a void one removed whole)."""
    whole = tag.open + tag.close
    cleaned = sanitise(whole)
    if not cleaned.changed:
        return tag
    if tag.close and cleaned.html.endswith(tag.close) and cleaned.html.startswith(f"<{tag.name}"):
        return Tag(tag.name, cleaned.html[:-len(tag.close)], tag.close)
    return Tag(tag.name, cleaned.html if tag.void else "", "")


def block_html(block: Block, texts: list[str], seg_langs: list[str | None], rtl: bool = False,
               isolate: Callable[[str], str] = isolate_html, clean: bool = False) -> str:
    """Inner HTML of a block: its segments joined by spaces (none after a full-width 。！？:
    Chinese and Japanese sentences follow each other without one); foreign segments keep
    their lang."""
    segments = block.segments
    if len(segments) == 1 and not seg_langs[0]:  # (one sentence: nothing to join or space)
        return tags_to_html(texts[0], segments[0].tags, rtl, isolate, clean)
    parts: list[str] = []
    before = ""
    # an element split at a sentence end is one again where the translation allows (issue 22);
    # without tags there is none
    pieces = (join_continued(segments, texts, seg_langs) if any(s.tags for s in segments)
              else zip(texts, (s.tags for s in segments), seg_langs, strict=True))
    for text, tags, lang in pieces:
        inner = tags_to_html(text, tags, rtl, isolate, clean)
        if lang:
            inner = f'<span lang="{lang}">{inner}</span>'
        if parts:
            parts.append("" if _WIDE_STOP_RE.search(before) else " ")
        parts.append(inner)
        before = text
    return "".join(parts)


# A sentence ending with a full-width mark (closing quotes and markup tags after it allowed)
_WIDE_STOP_RE = re.compile(r"[。！？][」』”）]*(?:</?\d+/?>)*\s*$")


def render_page(doc: Document, targets: dict[str, str], page: Page,
                foreign: dict[str, str] | None = None, shared: dict | None = None) -> str:
    """A standalone page for one language; `targets` maps segment id -> final target text.
    `shared`: one new dict given to the page and the fragment of one language (the same
    doc, targets and foreign), so that the fragment reuses what the page rendered the same
    way (the blocks of a left-to-right language, a body that sanitises alike)."""
    foreign = foreign or {}
    head_styles: list[str] = []
    body = _sanitised(_body(doc, targets, page, foreign, head_styles, clean=True,
                            shared=shared), shared, doc)
    fonts = script_css([page.lang, *page.languages, *foreign.values()])
    styles = "\n".join(s for s in head_styles if safe_style(s))
    return _page_shell(page, body, doc.slug, styles, fonts)


def render_fragment(doc: Document, targets: dict[str, str], page: Page,
                    foreign: dict[str, str] | None = None, shared: dict | None = None) -> str:
    """The translated body alone, to paste back into the CMS (`<lang>.fragment.html`): the
    source's elements, attributes and comments as they were, the text translated; no
    <html>, <head> or locpipe navigation.

    While any sentence is unreviewed it opens with the page's notice (the pseudo banner or
    the machine-translation notice, styled inline, without the link to the report): the
    fragment is what gets published, so the warning travels with it and must be deleted by
    hand, on purpose; a reviewed fragment has none and its element tree is the source's.
    Right-to-left text is wrapped in one `<div lang dir="rtl">`, unless the source is a block
    editor's serialization (WordPress `<!-- wp:… -->` comments), which a wrapper would break
    (the site's language sets the direction there); left-to-right runs inside it are isolated
    with Unicode isolates (isolate_marks), not with added elements.

    The body is sanitised (formats.sanitise: byte-identical where nothing had to go) unless
    the desk trusts its CMS's HTML (`page.trusted_html`, --trust-html)."""
    foreign = foreign or {}
    rtl = direction(page.lang) == "rtl"
    clean = not page.trusted_html
    body = _body(doc, targets, page, foreign, None, isolate_marks, clean, shared)
    if clean:
        body = _sanitised(body, shared, doc)
    if page.pseudo:
        notice = _PSEUDO_BANNER.replace('class="banner"', f'class="banner" style="{NOTICE_STYLE}"')
    else:
        notice = machine_notice(page, linked=False)
    if rtl and not _BLOCK_EDITOR.search(body):
        body = f'<div lang="{page.lang}" dir="rtl">\n{body}\n</div>'
    return (notice + "\n" if notice else "") + body + "\n"


# The block delimiters WordPress's block editor serializes posts with.
_BLOCK_EDITOR = re.compile(r"<!--\s*/?wp:")


def _generated(doc: Document) -> bool:
    """A body that holds only what this module writes: a plain-text article (no source
    markup, no passed-through block, no tag, no attribute) gets h1, h2, p, blockquote and
    list elements and `span` with `lang`/`dir` around escaped text — all allowed, so the
    sanitiser would return it as it is (tests/formats/test_pages.py checks this on generated
    articles); it is not asked to."""
    return not doc.markup and not doc.attributes and all(
        b.kind != "raw" and not any(s.tags for s in b.segments) for b in doc.blocks)


def _sanitised(body: str, shared: dict | None, doc: Document | None = None) -> str:
    """sanitise(body).html, once for a page and a fragment whose bodies are the same."""
    if doc is not None:
        if shared is None:
            generated = _generated(doc)
        elif (generated := shared.get("generated")) is None:  # (once for both)
            generated = shared["generated"] = _generated(doc)
        if generated:
            return body
    if shared is None:
        return sanitise(body).html
    key = ("sanitised", body)
    if key not in shared:
        shared[key] = sanitise(body).html
    return shared[key]


def _body(doc: Document, targets: dict[str, str], page: Page, foreign: dict[str, str],
          head_styles: list[str] | None, isolate: Callable[[str], str] = isolate_html,
          clean: bool = False, shared: dict | None = None) -> str:
    """The article's HTML in `page.lang`. A document that carries its source markup (HTML,
    Markdown) gets it back as it was around each block's translated text; a plain-text one
    gets elements for its kinds. `head_styles` (a page) collects <style> blocks for <head>
    and marks passed-through text as source-language; None (a fragment) keeps both as they
    were. `clean`: every passed-through element and inline tag is sanitised on its own
    (the caller sanitises the whole), so one embed removed leaves the rest's bytes as they
    were."""
    rtl = direction(page.lang) == "rtl"

    def inner(block: Block) -> str:
        # the page's and the fragment's are the same unless the isolation differs (rtl)
        key = (id(block), rtl and isolate, clean)
        if shared is not None and key in shared:
            return shared[key]
        texts = [targets.get(s.id, s.text) for s in block.segments]
        html_ = block_html(block, texts, [foreign.get(s.id) for s in block.segments], rtl,
                           isolate, clean)
        if shared is not None:
            shared[key] = html_
        return html_

    def raw_html(block: Block) -> str:
        if clean and not (head_styles is not None and _STYLE_ONLY.fullmatch(block.raw_html)):
            return _clean_raw(block.raw_html)
        return block.raw_html

    if doc.markup:
        out = []
        for block in doc.blocks:
            if block.kind != "raw":
                out.append(block.before + inner(block) + block.after)
            elif head_styles is not None and _STYLE_ONLY.fullmatch(block.raw_html):
                head_styles.append(block.raw_html)  # <style> belongs in <head> in HTML5
                out.append(block.before + block.after)
            else:
                raw = raw_html(block) if head_styles is None else _untranslated(
                    raw_html(block), page)
                out.append(block.before + raw + block.after)
        return fill_attributes("".join(out).strip("\n"), doc, targets)
    body: list[str] = []
    lists = _Lists(body)
    quote_open = False  # consecutive quote paragraphs share one <blockquote>
    for block in doc.blocks:
        if block.kind != "list_item":
            lists.close(0)
        if block.kind != "quote" and quote_open:
            body.append("</blockquote>")
            quote_open = False
        if block.kind == "raw":
            if head_styles is not None and _STYLE_ONLY.fullmatch(block.raw_html):
                head_styles.append(block.raw_html)  # <style> belongs in <head> in HTML5
            else:
                body.append(raw_html(block) if head_styles is None
                            else _untranslated(raw_html(block), page))
            continue
        text = inner(block)
        if block.kind == "headline":
            body.append(f"<h1>{text}</h1>")
        elif block.kind == "subheading":
            body.append(f"<h2>{text}</h2>")
        elif block.kind == "quote":
            if not quote_open:
                body.append("<blockquote>")
                quote_open = True
            body.append(f"<p>{text}</p>")
        elif block.kind == "list_item":
            lists.item(block, text)
        else:
            body.append(f"<p>{text}</p>")
    lists.close(0)
    if quote_open:
        body.append("</blockquote>")
    return fill_attributes("\n".join(body), doc, targets)


def fill_attributes(body: str, doc: Document, targets: dict[str, str]) -> str:
    """`body` with each attribute mark replaced by its translation (the source text when
    there is none), escaped for a quoted attribute value."""
    def sub(m: re.Match) -> str:
        attr = doc.attributes[int(m.group(1))]
        text = strip_tags(targets.get(attr.segment_id, attr.text))
        return html.escape(text, quote=True)
    return ATTRIBUTE_MARK_RE.sub(sub, body)


class _Lists:
    """Open lists while rendering: a list item of a deeper list goes inside the open item of
    the list above it, so nested lists come out nested."""

    def __init__(self, body: list[str]):
        self.body = body
        self.open: list[tuple[int, bool]] = []  # (id, ordered) per level, each with an open <li>

    def close(self, depth: int) -> None:
        """Close every list at `depth` and deeper."""
        while len(self.open) > depth:
            _, ordered = self.open.pop()
            self.body[-1] += "</li>"
            self.body.append("</ol>" if ordered else "</ul>")

    def item(self, block: Block, inner: str) -> None:
        depth = min(block.list_depth, len(self.open))  # never skip a level
        self.close(depth + 1)
        if len(self.open) > depth and self.open[depth] != (block.list_id, block.ordered):
            self.close(depth)  # another list at this level
        if len(self.open) > depth:
            self.body[-1] += "</li>"
        else:
            self.body.append("<ol>" if block.ordered else "<ul>")
            self.open.append((block.list_id, block.ordered))
        self.body.append(f"<li>{inner}")


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
        name = native_name(lang)
        current = ' aria-current="page"' if lang == page.lang else ""
        links.append(f'<a href="{lang}.html" hreflang="{lang}" lang="{lang}"{current}>'
                     f"{html.escape(name)}</a>")
    links.append('<a href="index.html" title="All languages" aria-label="All languages" '
                 'lang="en">⌂</a>')
    return '<nav class="languages" aria-label="Languages">' + " ".join(links) + "</nav>"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def machine_notice(page: Page, linked: bool = True) -> str:
    """The notice over unreviewed machine translation from a real engine ("" otherwise): a
    small self-contained element (inline style, no script) an editor cannot miss.

    It is in English, naming the page's language in English and in itself (CLDR): the people
    who must see it are the desk's editors deciding whether to publish, and a notice translated
    by the very engine whose output is unreviewed would itself be unreviewed; hand-written
    versions would exist only for a few languages. Readers are kept away by the robots meta."""
    prov = page.provenance
    if prov is None or page.pseudo or not page.unreviewed:
        return ""
    name = languages.language_name(page.lang)
    own = native_name(page.lang)
    label = html.escape(name)
    if own.casefold() != name.casefold() and own != page.lang:  # its own name, its own voice
        label += f' (<bdi lang="{page.lang}">{html.escape(own)}</bdi>)'
    report = ('the <a href="report.html">review report</a>' if linked
              else "report.html in the article's folder")  # a fragment leaves the folder
    if prov.qa_errors or prov.qa_warnings:
        found = " and ".join(_plural(n, w) for n, w in ((prov.qa_errors, "error"),
                                                          (prov.qa_warnings, "warning")) if n)
        qa = f"QA found {found} (see {report})"
    else:
        qa = f"QA found no errors (see {report})"
    return (f'<div class="machine-notice" role="note" lang="en" dir="ltr" '
            f'style="{NOTICE_STYLE}"><strong>Machine translation — not reviewed.</strong> '
            f"{prov.unreviewed} of {_plural(prov.sentences, 'sentence')} on this "
            f"{label} page {'is' if prov.unreviewed == 1 else 'are'} machine "
            f"output no editor has reviewed; {qa}. Do not publish it before review.</div>")


def provenance_line(page: Page) -> str:
    """The footer a reader sees: "Translated by machine (Argos en→fr 1.9), reviewed 12/40
    sentences · locpipe 0.1.0" (the full signature is in the locpipe-signature meta)."""
    prov = page.provenance
    if prov is None:
        return page.signature
    how = "Pseudo-translation" if page.pseudo else "Translated by machine"
    line = f"{how} ({prov.engine})"
    if prov.sentences:
        line += f", reviewed {prov.reviewed}/{_plural(prov.sentences, 'sentence')}"
    return line + (f" · {prov.version}" if prov.version else "")


ROBOTS_META = '<meta name="robots" content="noindex">'
# On every page of a --trust-html run: its fragment was written as the input had it.
TRUSTED_NOTE = ('<div class="banner trusted-html" role="note" lang="en" dir="ltr"><strong>'
                "Fragment not sanitised</strong> — this run trusted the input's HTML "
                "(--trust-html): {lang}.fragment.html keeps its embeds and scripts as they "
                "were. This page is sanitised.</div>")


def _page_shell(page: Page, body: str, slug: str, head_extra: str = "", fonts: str = ""
                ) -> str:
    metas = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{html.escape(page.signature.split("|")[-1])}">',
        f'<meta name="locpipe-signature" content="{html.escape(page.signature)}">',
    ]
    if page.pseudo:
        metas.append(_PSEUDO_META)
    if page.unreviewed:
        metas.append(ROBOTS_META)  # not for search engines until an editor has reviewed it
    for k, v in page.extra_meta.items():
        metas.append(f'<meta name="{html.escape(k)}" content="{html.escape(v)}">')
    banner = _PSEUDO_BANNER if page.pseudo else machine_notice(page)
    if page.trusted_html:
        banner += "\n" + TRUSTED_NOTE.format(lang=page.lang)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{page.lang}" dir="{direction(page.lang)}">\n<head>\n'
        + "\n".join(metas) + "\n"
        f"<title>{html.escape(page.title)}</title>\n<style>{STYLE}{fonts}\n</style>\n"
        + (head_extra + "\n" if head_extra else "") + "</head>\n<body>\n"
        f"{_switcher(page)}\n<main>\n{banner}\n<article>\n{body}\n</article>\n"
        f'<footer lang="en" dir="ltr">{html.escape(provenance_line(page))}</footer>\n'
        "</main>\n</body>\n</html>\n"
    )


def render_index(doc: Document, titles: dict[str, str], signature: str,
                 extra_links: dict[str, str] | None = None, pseudo: bool = False,
                 noindex: bool = False) -> str:
    """The article's landing page: one link per language (and the review report if any).
    Its titles are engine output too, so a pseudo run labels it like the pages, and it is
    kept from search engines (`noindex`) while a page it links to is."""
    items = []
    for lang, title in titles.items():
        items.append(f'<li><a href="{lang}.html" hreflang="{lang}" lang="{lang}" '
                     f'dir="{direction(lang)}">{html.escape(native_name(lang))}</a> — '
                     f'<span lang="{lang}" dir="{direction(lang)}">{html.escape(title)}</span>'
                     "</li>")
    for href, label in (extra_links or {}).items():
        items.append(f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>')
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="locpipe-signature" content="{html.escape(signature)}">\n'
        + (f"{_PSEUDO_META}\n" if pseudo else "") + (f"{ROBOTS_META}\n" if noindex else "") +
        f"<title>{html.escape(doc.title)}</title>\n<style>{STYLE}{script_css(list(titles))}\n"
        "</style>\n</head>\n<body>\n"
        f"<main>\n{_PSEUDO_BANNER if pseudo else ''}\n<h1>{html.escape(doc.title)}</h1>\n"
        f"<p>Source: "
        f"{html.escape(doc.path.name)}</p>\n<ul>\n" + "\n".join(items) + "\n</ul>\n"
        "</main>\n</body>\n</html>\n"
    )
