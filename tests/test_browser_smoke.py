import pytest

from tests.chromium import evaluate, needs_chromium


@needs_chromium
@pytest.mark.browser
def test_chromium_evaluates_a_page(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<!DOCTYPE html><html lang="ar" dir="rtl"><body><p>مرحبا</p></body></html>')
    assert evaluate(page, "getComputedStyle(document.querySelector('p')).direction") == "rtl"
