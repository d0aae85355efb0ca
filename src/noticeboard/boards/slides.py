"""A board as slides for the hall's TV (电子屏): few lines a slide, long lists continued.

Why slides are cut here: type must be readable from three metres (at least ~3% of the
screen's height), so a slide holds few lines, and a long board becomes several slides
("（续）"), cut the same way for every screen. Each board kind cuts its own slides.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Literal, TypeVar

from noticeboard.registries.frozen import frozen

T = TypeVar("T")

NAMES_PER_SLIDE = {"members": 12, "branches": 8}
"""Names on one slide, by the slide's kind: people's names in three columns of four lines at slide size;
organisations' names (党支部, up to a dozen characters and more) in two columns of four (one column on a
portrait screen), so that a name is shown whole: cut short, 华新茶业有限公… could be any of several."""
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


def chunks(items: Sequence[T], size: int) -> list[tuple[T, ...]]:
    """``items`` in order on as few slides as hold ``size`` each, shared out evenly (one empty slide for none).

    Why evenly: cut at ``size``, 13 names made a slide of 12 and a "（续）" slide of one, shown for as long as a
    full one; shared out, they are 7 and 6, and no slide holds more than one name more than another."""
    count = max(1, -(-len(items) // size))
    share, more = divmod(len(items), count)
    cut = [0]
    for index in range(count):
        cut.append(cut[-1] + share + (index < more))
    return [tuple(items[start:end]) for start, end in itertools.pairwise(cut)]


def continued(heading: str, index: int) -> str:
    return heading if index == 0 else heading + "（续）"


def name_slides(
    kind: Literal["members", "branches"],
    heading: str,
    subheading: str,
    names: Sequence[str],
    branch: str = "",
) -> list[Slide]:
    """A list of names (``kind``: of members or of branches) on as many slides as it needs (:func:`chunks`),
    the later ones headed "（续）"."""
    return [
        Slide(kind, continued(heading, index), subheading, names=chunk, branch=branch)
        for index, chunk in enumerate(chunks(names, NAMES_PER_SLIDE[kind]))
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
