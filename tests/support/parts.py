"""Lines of parts with a · drawn before each by CSS (``.nb-parts`` in ``.nb-clip``: the strip above every
page's footer, the screen's footer), as a browser lays them out."""

from __future__ import annotations

from playwright.sync_api import Page

PARTS = """selector => {
    const clip = document.querySelector(selector);
    const edge = clip.getBoundingClientRect().left;
    return [...clip.querySelectorAll('.nb-parts > *')].filter(e => !e.hidden).map(e => {
        const box = e.getBoundingClientRect();
        return [e.textContent, box.top, box.left - edge, parseFloat(getComputedStyle(e, '::before').width)];
    });
}"""


def lone_dots(page: Page, clip: str) -> tuple[list[str], int]:
    """The parts in ``clip`` (a selector) whose · shows at the start of a line or is cut, and how many lines
    the parts take. The · of a part that begins a line must lie wholly left of the clip's edge (cut off);
    every other part's, wholly right of it."""
    wrong, lines, top_of_line = [], 0, None
    for text, top, left, dot in page.evaluate(PARTS, clip):
        if top_of_line is None or top > top_of_line + 1:  # begins a line
            lines, top_of_line = lines + 1, top
            if left + dot > 0.5:
                wrong.append(f"{text}: the · before it shows at the start of a line")
        elif left < dot:
            wrong.append(f"{text}: the · before it is cut")
    return wrong, lines
