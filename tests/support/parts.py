"""Lines of parts with a · drawn before each by CSS (``.nb-parts`` in ``.nb-clip``: the strip above every
page's footer, a page's year line, the home page's cards, bylines, the screen's footer and slides), as a
browser lays them out."""

from __future__ import annotations

from playwright.sync_api import Page

PARTS = """selector => [...document.querySelectorAll(selector)].filter(clip => clip.offsetParent).map(clip => {
    const edge = clip.getBoundingClientRect().left;
    return [...clip.querySelectorAll(':scope > .nb-parts > *')].filter(e => !e.hidden).map(e => {
        const box = e.getBoundingClientRect();
        return [e.textContent, box.top, box.left - edge, parseFloat(getComputedStyle(e, '::before').width)];
    });
})"""


def lone_dots(page: Page, clips: str) -> tuple[list[str], list[int]]:
    """The parts in each shown element ``clips`` selects whose · shows at the start of a line or is cut, and
    how many lines each one's parts take. The · of a part that begins a line must lie wholly left of the
    clip's edge (cut off); every other part's, right of it."""
    wrong, lines = [], []
    for parts in page.evaluate(PARTS, clips):
        count, top_of_line = 0, None
        for text, top, left, dot in parts:
            if top_of_line is None or top > top_of_line + 1:  # begins a line
                count, top_of_line = count + 1, top
                if left + dot > 0.5:
                    wrong.append(f"{text}: the · before it shows at the start of a line")
            elif left < -0.5:
                wrong.append(f"{text}: the · before it is cut")
        lines.append(count)
    return wrong, lines


ALONE = """selector => [...document.querySelectorAll(selector)].filter(e => e.offsetParent).filter(part => {
    // Whether its last line holds one character alone (评星 11 / 名, a printed cell's 农村党/员).
    const tops = [];
    const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
            if (!node.data[i].trim()) continue;
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const box = range.getClientRects()[0];
            if (box) tops.push(Math.round(box.top));
        }
    }
    const last = Math.max(...tops);
    return new Set(tops).size > 1 && tops.filter(top => top === last).length === 1;
}).map(part => part.textContent.trim().replace(/\\s+/g, ' '))"""


def alone_at_the_end(page: Page, selector: str) -> list[str]:
    """The shown elements ``selector`` selects (parts of lines, a poster's cells) whose last line holds a
    single character."""
    found: list[str] = page.evaluate(ALONE, selector)
    return found
