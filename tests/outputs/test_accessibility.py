"""Every kind of page validates as HTML (W3C Nu validator) and passes axe-core in Chromium:
no serious or critical accessibility violation (contrast, names, labels, headings, table headers)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from support import ROOT

pytestmark = pytest.mark.slow  # the Nu HTML validator (Java) and axe-core in Chromium on the built site

TOOLS = ROOT / "node_modules"
PAGES = [
    "index.html",
    "boards/branches/index.html",
    "branches/qingshan-1/index.html",
    "2024/branches/qingshan-1/index.html",
    "commitments/index.html",
    "pioneers/index.html",
    "reviews/index.html",
    "venues/index.html",
    "classification/index.html",
    "duty-reports/index.html",
    "pairings/index.html",
    "honours/index.html",
    "lectures/index.html",
    "stats/index.html",
    "changes/index.html",
    "years/index.html",
    "open-data/index.html",
    "stories/index.html",
    "print/members/qingshan-1/index.html",
    "print/pioneers/qingshan-1/index.html",
    "print/pairings/index.html",
    "print/honours/index.html",
    "print/lectures/index.html",
]

MATERIAL_KNOWN = (
    # Material's hidden drawer and search toggles: <input type="checkbox" autocomplete="off">
    "Attribute “autocomplete” is only allowed when the input type is",
    # Material's blog navigation: <label tabindex=""> for a section without an index page
    "Bad value “” for attribute “tabindex” on element “label”",
)
"""Errors in Material's own markup, the same on every Material site; ours must have none."""
SECTION_PAGE_KNOWN = {
    # A section's own page (navigation.indexes: 经验做法): its table of contents' title is a
    # <label for="__toc"> for the drawer's toggle, which Material leaves out of such a page
    "stories/index.html": "The value of the “for” attribute of the “label” element must be the ID of a non-hidden",
}
"""Errors in Material's markup of one page kind only."""


def test_every_page_kind_is_valid_html(site: Path) -> None:
    jar = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert jar.is_file(), "make test installs the validator (npm ci)"
    java = shutil.which("java")
    assert java, "make test installs Java (default-jre-headless)"
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *(str(site / page) for page in PAGES)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
        and not m["message"].startswith(MATERIAL_KNOWN)
        and not m["message"].startswith(SECTION_PAGE_KNOWN.get(m["url"].split("/site/")[-1], "\0"))
    ]
    assert errors == []


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_violation(browser: Browser, server: str, page: str) -> None:
    tab = browser.new_page(locale="zh-CN")
    tab.goto(server + page.removesuffix("index.html"))
    assert tab.evaluate("document.documentElement.lang") == "zh-CN"
    tab.add_script_tag(path=str(TOOLS / "axe-core" / "axe.min.js"))
    violations = tab.evaluate(
        """axe.run(document, {resultTypes: ['violations']}).then(result => result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))"""
    )
    tab.close()
    assert violations == []


def test_stars_read_as_words(browser: Browser, server: str) -> None:
    tab = browser.new_page()
    tab.goto(server + "boards/branches/")
    stars = tab.locator(".nb-stars").first
    assert stars.locator(".nb-stars__glyphs").get_attribute("aria-hidden") == "true"
    assert stars.inner_text().endswith("三星")
    tab.close()
