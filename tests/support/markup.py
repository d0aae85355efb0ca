"""The built pages read as a tree (``html.parser``, no dependency): an element's classes and text, the
rows a page lists under each heading, the rows of a printed board's portrait sheets, a home-page card."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_OWN = frozenset({"nb-nowrap", "nb-name"})
"""The classes of the elements whose text is their parent's own (:meth:`Element.own_text`)."""


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = field(default=None, repr=False)
    children: list[Element | str] = field(default_factory=list, repr=False)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    def text(self) -> str:
        """All the text in it, as a browser shows it (entities decoded), tags dropped; with the · that CSS
        draws between the parts of a line of parts (``.nb-parts``)."""
        if "nb-parts" in self.classes:
            return " · ".join(child.text().strip() for child in self.children if isinstance(child, Element))
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def own_text(self) -> str:
        """Its own text, without that of the elements inside it (a note, a category), stripped. What is kept
        on one line inside it (``span.nb-nowrap``: 扩种 2000 亩) and a name marked to break between its words
        (``span.nb-name``) are its own text, as a reader sees it."""
        return "".join(
            child if isinstance(child, str) else child.text() if _OWN & child.classes else ""
            for child in self.children
        ).strip()

    def iter(self) -> Iterator[Element]:
        """It and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """Elements inside it (or it) with the tag and the class (a class ending in ``-`` or ``--`` is a prefix)."""
        return [element for element in self.iter() if _matches(element, tag, cls)]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        """The first such element; fails the test if there is none."""
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls!r}> in <{self.tag} class={self.attrs.get('class')!r}>"
        return found[0]


def _matches(element: Element, tag: str | None, cls: str | None) -> bool:
    if tag is not None and element.tag != tag:
        return False
    if cls is None:
        return True
    if cls.endswith("-"):
        return any(name.startswith(cls) for name in element.classes)
    return cls in element.classes


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(
            Element(tag, {name: value or "" for name, value in attrs}, self.open[-1])
        )

    def handle_endtag(self, tag: str) -> None:
        if any(element.tag == tag for element in self.open[1:]):
            while self.open.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(html: str) -> Element:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def read(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))


def content(page: Element) -> Element:
    """A site page's content (the article), without navigation, header or footer."""
    return page.find("article", "md-content__inner")


def is_body_row(element: Element) -> bool:
    """A row of a table's body (not its column heads)."""
    return element.tag == "tr" and element.parent is not None and element.parent.tag == "tbody"


def under_headings(root: Element, is_row: Callable[[Element], bool]) -> list[tuple[Element | None, Element]]:
    """Every element ``is_row`` picks, in document order, with the nearest heading (h1–h4) before it."""
    found: list[tuple[Element | None, Element]] = []
    heading: Element | None = None
    for element in root.iter():
        if element.tag in HEADINGS:
            heading = element
        elif is_row(element):
            found.append((heading, element))
    return found


def group_label(heading: str) -> str:
    """``三星党支部（11 个）`` → ``三星``; ``未评定（1 个）`` → ``未评定``; ``优秀（3 名）`` → ``优秀``."""
    return heading.split("（", 1)[0].strip().removesuffix("党支部").removesuffix("党员")


GROUP_COUNT = re.compile(r"（(\d+) [个名项]）$")


@dataclass(frozen=True)
class PrintedRow:
    """An entry row of a printed board's portrait sheets (headings of groups are not entries)."""

    poster: str
    """The poster's key, e.g. ``commitments-qingshan-1``."""
    group: str | None
    """The text of the group heading above it on its poster (the heading may be on an earlier sheet)."""
    cells: tuple[str, ...]
    """Its cells' text, the photo cell left out; the last is the stars on a rated board."""


@dataclass(frozen=True)
class PrintedBoard:
    """A ``print/…`` page as it prints in portrait: each poster prints both orientations and
    print.css shows one, so only the portrait sheets are read."""

    rows: tuple[PrintedRow, ...]
    headings: tuple[tuple[str, str], ...]
    """(poster, text) of every group heading row (``nb-sheet__group``), in order."""
    summaries: tuple[str, ...]
    """Each poster's summary line (on its first sheet)."""
    posters: tuple[str, ...]


def printed_board(page: Element) -> PrintedBoard:
    rows: list[PrintedRow] = []
    headings: list[tuple[str, str]] = []
    summaries: list[str] = []
    posters: list[str] = []
    for sheets in page.find_all("div", "nb-sheets--portrait"):
        poster = sheets.id.removesuffix("-portrait")
        posters.append(poster)
        group: str | None = None
        for sheet in sheets.find_all("section", "nb-sheet"):
            summaries += [p.text().strip() for p in sheet.find_all("p", "nb-sheet__summary")]
            for row in sheet.find_all("tr"):
                if not is_body_row(row):
                    continue
                if "nb-sheet__group" in row.classes:
                    heading = row.text().strip()
                    if heading.endswith("（续）"):  # the group's heading again, on the sheet it runs onto
                        assert heading.removesuffix("（续）") == group, (poster, heading, group)
                        continue
                    group = heading
                    headings.append((poster, group))
                    continue
                cells = tuple(
                    cell.text()
                    for cell in row.children
                    if isinstance(cell, Element)
                    and cell.tag == "td"
                    and "nb-sheet__photo" not in cell.classes
                )
                rows.append(PrintedRow(poster, group, cells))
    return PrintedBoard(tuple(rows), tuple(headings), tuple(summaries), tuple(posters))


def home_card(home: Element, title: str) -> list[str]:
    """The lines of the home page's card with this title (``nb-card__title``)."""
    for card in home.find_all(cls="nb-card"):
        titles = card.find_all("span", "nb-card__title")
        if titles and titles[0].text().strip() == title:
            return [line.text().strip() for line in card.find_all("span", "nb-card__line")]
    raise AssertionError(f"no card {title!r} on the home page")


def numbers(pattern: str, text: str) -> list[int]:
    """Every number the pattern's one group catches in the text."""
    return [int(found) for found in re.findall(pattern, text)]
