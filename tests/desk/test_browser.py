"""End to end in real headless Chromium (Debian's, driven by Playwright for Python; no browser
download): the real server in a thread, an editor using the keyboard."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from locpipe.desk.app import Desk, create_app, listen, local_hosts
from locpipe.formats.memory import load_memory
from tests.chromium import CHROMIUM, needs_chromium
from tests.desk.conftest import DAM_SLUG, HOSTILE_SLUG, NUMBER_SEG, translate

pytestmark = [pytest.mark.browser, needs_chromium]
sync_api = pytest.importorskip("playwright.sync_api")

FIXED = "Des ingénieurs du Croissant-Rouge ont atteint le barrage lundi avec 120 tonnes de pièces."
BROKEN = "Des ingénieurs du Croissant-Rouge ont atteint le barrage lundi avec 210 tonnes de pièces."


@pytest.fixture
def server(desk_out) -> Iterator[str]:
    import uvicorn

    sock = listen("127.0.0.1", 0)
    port = sock.getsockname()[1]
    desk = Desk(desk_out.out, desk_out.memory, None, hosts=local_hosts(port))
    srv = uvicorn.Server(uvicorn.Config(create_app(desk), log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors
    yield pg
    context.close()


def row(page, sid: str):
    return page.locator(f'tr.segment[data-id="{sid}"]')


def test_review_an_article_with_the_keyboard(page, server, desk_out):
    expect = sync_api.expect
    page.goto(server + "/")
    expect(page.locator("tr.article")).to_have_count(2)
    page.click('a[data-filter="needs-review"]')
    expect(page.locator("tr.article")).to_have_count(2)
    page.fill("#search", "tabqa")
    page.press("#search", "Enter")
    expect(page.locator("tr.article")).to_have_count(1)
    page.click("tr.article a.title")
    expect(page).to_have_url(f"{server}/a/{DAM_SLUG}/fr")

    # keyboard: into the first editor, Alt+Down to the second segment, replace its text
    page.locator("tr.segment .editor").first.click()
    page.keyboard.press("Alt+ArrowDown")
    editor = row(page, NUMBER_SEG).locator(".editor")
    expect(editor).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type(BROKEN)
    page.keyboard.press("Control+s")
    numbers = row(page, NUMBER_SEG).locator('.findings li[data-check="numbers"]')
    expect(numbers.first).to_contain_text("error numbers")
    assert "120" in " ".join(numbers.all_inner_texts())
    expect(page.locator("#publish-state")).to_have_text("has-errors")

    # fix it: the finding goes, the preview shows the fixed sentence, PO and memory change
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(FIXED)
    page.keyboard.press("Control+Enter")  # save and next
    expect(row(page, NUMBER_SEG).locator(".status")).to_have_text("saved")
    expect(row(page, NUMBER_SEG).locator(".findings li")).to_have_count(0)
    expect(row(page, NUMBER_SEG)).to_have_class("segment reviewed")
    expect(row(page, f"{DAM_SLUG}:3.1").locator(".editor")).to_be_focused()
    preview = page.frame_locator("#preview")
    expect(preview.locator("body")).to_contain_text("120 tonnes de pièces")

    # mark the next segment reviewed as it is
    page.keyboard.press("Alt+r")
    expect(row(page, f"{DAM_SLUG}:3.1")).to_have_class("segment reviewed")
    expect(page.locator("#lang-done")).to_have_text("2")
    expect(page.locator("#publish-state")).to_have_text("needs-review")

    entry = desk_out.entry(NUMBER_SEG)
    assert entry.msgstr == FIXED and "fuzzy" not in entry.flags
    assert "fuzzy" not in desk_out.entry(f"{DAM_SLUG}:3.1").flags
    assert load_memory(desk_out.memory, "fr").exact(entry.msgid).target == FIXED
    assert page.errors == []


def test_concurrent_edit_conflict(browser, server, desk_out):
    expect = sync_api.expect
    ctx = browser.new_context()
    first, second = ctx.new_page(), ctx.new_page()
    for tab in (first, second):
        tab.goto(f"{server}/a/{DAM_SLUG}/fr")
    row(first, NUMBER_SEG).locator(".editor").click()
    first.keyboard.press("Control+a")
    first.keyboard.type(FIXED)
    first.keyboard.press("Control+s")
    expect(row(first, NUMBER_SEG).locator(".status")).to_have_text("saved")

    row(second, NUMBER_SEG).locator(".editor").click()
    second.keyboard.press("Control+a")
    second.keyboard.type("Version du deuxième onglet : 120 tonnes.")
    second.keyboard.press("Control+s")
    status = row(second, NUMBER_SEG).locator(".status")
    expect(status).to_contain_text("was changed meanwhile")
    expect(status).to_contain_text("Your version: Version du deuxième onglet : 120 tonnes.")
    expect(row(second, NUMBER_SEG).locator(".editor")).to_have_text(FIXED)  # the other version
    assert desk_out.entry(NUMBER_SEG).msgstr == FIXED
    ctx.close()


def test_arabic_is_right_to_left(page, server):
    page.goto(f"{server}/a/{DAM_SLUG}/ar")
    editor = page.locator("tr.segment .editor").first
    assert editor.evaluate("e => getComputedStyle(e).direction") == "rtl"
    html = page.frame_locator("#preview").locator("html")
    sync_api.expect(html).to_have_attribute("dir", "rtl")
    assert page.frame_locator("#preview").locator("main, body").first.evaluate(
        "e => getComputedStyle(e).direction") == "rtl"


def test_markup_in_a_source_does_not_run(page, server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in ("/", f"/a/{HOSTILE_SLUG}/fr", f"/preview/{HOSTILE_SLUG}/fr"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.title() != "pwned"
        assert page.locator("img[src=x]").count() == 0
    page.goto(f"{server}/a/{HOSTILE_SLUG}/fr")
    sync_api.expect(page.locator("td.source").first).to_contain_text(
        "<script>document.title='pwned'</script>")
    assert page.frame_locator("#preview").locator("img[src=x]").count() == 0
    assert page.title() != "pwned" and dialogs == [] and page.errors == []

    # a translation typed with markup in it comes back from the server as text
    row(page, f"{HOSTILE_SLUG}:1.1").locator(".editor").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("Alerte <img src=x onerror=\"document.title='pwned'\"> fin")
    page.keyboard.press("Control+s")
    sync_api.expect(row(page, f"{HOSTILE_SLUG}:1.1").locator(".status")).to_contain_text("saved")
    sync_api.expect(page.frame_locator("#preview").locator("body")).to_contain_text(
        "Alerte <img src=x")
    assert page.locator("img").count() == 0
    assert page.frame_locator("#preview").locator("img").count() == 0
    assert page.title() != "pwned" and dialogs == [] and page.errors == []


def test_chips_are_deleted_whole(page, server, desk_out):
    src = desk_out.root / "articles" / "weir.md"
    src.write_text("# Water returns to Raqqa\n\nThe *old weir* was rebuilt in 2024.\n",
                   encoding="utf-8")
    translate(desk_out.root, src)
    page.goto(f"{server}/a/weir/fr")
    editor = row(page, "weir:2.1").locator(".editor")
    assert editor.locator(".chip").count() == 2
    editor.click()
    page.keyboard.press("End")
    tail = editor.evaluate("e => e.lastChild.nodeType === 3 ? e.lastChild.nodeValue.length : 0")
    for _ in range(tail + 1):  # the text after </1>, then one more Backspace
        page.keyboard.press("Backspace")
    assert editor.locator(".chip").count() == 1  # </1> went as a whole, not a character of it
    text = editor.evaluate("e => e.textContent")
    assert "</1" not in text and "/1>" not in text
    page.keyboard.press("Control+s")
    sync_api.expect(row(page, "weir:2.1").locator(".status")).to_contain_text(
        "lacks </1> from msgid; put every numbered tag back (not saved)")
    assert "fuzzy" in desk_out.entry("weir:2.1", slug="weir").flags
