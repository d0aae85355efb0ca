"""The text a reader sees on a page: what a browser would show, without tags, scripts or styles."""

from __future__ import annotations

from html.parser import HTMLParser

HIDDEN = {"script", "style", "template", "noscript", "svg"}
INLINE = {
    "a",
    "abbr",
    "b",
    "code",
    "del",
    "em",
    "i",
    "mark",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "wbr",
}
"""Tags inside a line of text: the text on either side reads on (为 <span>46 户</span>茶农 is 为 46 户茶农)."""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.inline = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        self.inline = tag in INLINE

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        self.inline = tag in INLINE

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            if self.inline and self.parts:
                self.parts[-1] += data
            else:
                self.parts.append(data)
            self.inline = False


def visible_text(html: str) -> str:
    """The page's text as shown: entities decoded once, so ``&lt;div`` in the HTML reads ``<div``."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)
