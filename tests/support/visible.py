"""The text a reader sees on a page: what a browser would show, without tags, scripts or styles."""

from __future__ import annotations

from html.parser import HTMLParser

HIDDEN = {"script", "style", "template", "noscript", "svg"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text as shown: entities decoded once, so ``&lt;div`` in the HTML reads ``<div``."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)
