"""A board as slides for the hall's TV (电子屏): few lines a slide, long lists continued.

Why slides are cut here: type must be readable from three metres (at least ~3% of the
screen's height), so a slide holds few lines, and a long board becomes several slides
("（续）"), cut the same way for every screen. Each board kind cuts its own slides.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Literal, TypeVar
from unicodedata import east_asian_width

from noticeboard.registries.frozen import frozen

T = TypeVar("T")

NAMES_PER_SLIDE = {"members": 12, "branches": 8}
"""Lines of names on one slide, by the slide's kind: people's names in three columns of four lines at slide
size (two columns on a portrait screen); organisations' names (党支部, up to a dozen characters and more) in
two columns of four (one column on a portrait screen), so that a name is shown whole: cut short,
华新茶业有限公… could be any of several. A name longer than a line (:data:`LINE_CHARACTERS`) counts as
the lines it wraps to."""
LINE_CHARACTERS = {"members": 6, "branches": 12}
"""Chinese characters on one line of a name, by the slide's kind, at the narrower (portrait) screen's
column. Why: 12 Uyghur names of two lines each (布合力其古丽·买买提依明·艾则孜) were put on one slide, and
their last row hid behind the footer."""
ROWS_PER_SLIDE = 6
"""Table rows on one slide."""


@frozen
class Slide:
    """One slide: a heading, an optional line under it, and either names, rows or lines."""

    kind: str
    """``title``, ``branch``, ``branches``, ``members``, ``fulfilment``, ``commitments``, ``stories``, ``notice``."""
    heading: str
    subheading: str = ""
    names: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    columns: tuple[str, ...] = ()
    """The headings of ``rows``' columns."""
    lines: tuple[str, ...] = ()
    branch: str = ""
    """The branch a slide is about (its id), for a hall that shows only its own."""


def chunks(items: Sequence[T], size: int, weight: Callable[[T], int] = lambda _: 1) -> list[tuple[T, ...]]:
    """``items`` in order on as few slides as hold ``size`` (of ``weight``: lines, one each by default),
    shared out evenly (one empty slide for none). An item weighing more than ``size`` has a slide alone.

    Why evenly: cut at ``size``, 13 names made a slide of 12 and a "（续）" slide of one, shown for as long as a
    full one; shared out, they are 7 and 6, and no slide holds more than one name more than another."""
    weights = [weight(item) for item in items]
    count = min(max(1, -(-sum(weights) // size)), max(1, len(items)))
    while True:
        cut = _shared(weights, count)
        slides = [tuple(items[start:end]) for start, end in itertools.pairwise(cut)]
        if all(sum(weights[start:end]) <= size or end - start == 1 for start, end in itertools.pairwise(cut)):
            return slides
        count += 1


def _shared(weights: Sequence[int], count: int) -> list[int]:
    """Where ``count`` slides of items of ``weights`` begin and end: each as near an even share of what is
    left as whole items allow (the fuller first), none empty."""
    cut, remaining = [0], sum(weights)
    for left in range(count, 1, -1):
        target = -(-remaining // left)
        end, taken = cut[-1], 0
        while (
            end < len(weights)
            and len(weights) - end > left - 1
            and (end == cut[-1] or taken + weights[end] <= target)
        ):
            taken += weights[end]
            end += 1
        cut.append(end)
        remaining -= taken
    cut.append(len(weights))
    return cut


def name_lines(name: str, kind: Literal["members", "branches"]) -> int:
    """Lines ``name`` takes on a slide of ``kind`` (a Chinese character a unit, a letter or a · about half)."""
    width = sum(1.0 if east_asian_width(character) in "WF" else 0.55 for character in name)
    return max(1, math.ceil(width / LINE_CHARACTERS[kind]))


def continued(heading: str, index: int) -> str:
    return heading if index == 0 else heading + "（续）"


def name_slides(
    kind: Literal["members", "branches"],
    heading: str,
    subheading: str,
    names: Sequence[str],
    branch: str = "",
) -> list[Slide]:
    """A list of names (``kind``: of members or of branches) on as many slides as it needs (:func:`chunks`,
    by the lines each name takes), the later ones headed "（续）"."""
    return [
        Slide(kind, continued(heading, index), subheading, names=chunk, branch=branch)
        for index, chunk in enumerate(
            chunks(names, NAMES_PER_SLIDE[kind], lambda name: name_lines(name, kind))
        )
    ]


def row_slides(
    kind: str,
    heading: str,
    subheading: str,
    rows: Sequence[tuple[str, ...]],
    columns: tuple[str, ...],
    *,
    per_slide: int = ROWS_PER_SLIDE,
    branch: str = "",
) -> list[Slide]:
    """Table rows under their column headings on as many slides as they need (:func:`chunks`, ``per_slide``
    at most: fewer where a row's text takes two lines), the later ones headed "（续）"; none for no rows."""
    return [
        Slide(
            kind,
            continued(heading, index),
            subheading,
            rows=chunk,
            columns=columns,
            branch=branch,
        )
        for index, chunk in enumerate(chunks(rows, per_slide) if rows else ())
    ]
