"""A board as slides for the hall's TV (电子屏): few lines a slide, long lists continued.

Why slides are cut here: type must be readable from three metres (at least ~3% of the
screen's height), so a slide holds few lines, and a long board becomes several slides
("（续）"), cut the same way for every screen. Each board kind cuts its own slides.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from noticeboard.registries.frozen import frozen

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
    """``title``, ``branch``, ``branches``, ``members``, ``fulfilment``, ``stories``, ``notice``."""
    heading: str
    subheading: str = ""
    names: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    columns: tuple[str, ...] = ()
    """The headings of ``rows``' columns."""
    lines: tuple[str, ...] = ()
    branch: str = ""
    """The branch a slide is about (its id), for a hall that shows only its own."""


def chunks(items: Sequence[str], size: int) -> list[tuple[str, ...]]:
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)] or [()]


def continued(heading: str, index: int) -> str:
    return heading if index == 0 else heading + "（续）"


def name_slides(
    kind: Literal["members", "branches"],
    heading: str,
    subheading: str,
    names: Sequence[str],
    branch: str = "",
) -> list[Slide]:
    """A list of names (``kind``: of members or of branches) on as many slides as it needs, the later ones
    headed "（续）"."""
    return [
        Slide(kind, continued(heading, index), subheading, names=chunk, branch=branch)
        for index, chunk in enumerate(chunks(names, NAMES_PER_SLIDE[kind]))
    ]


def row_slides(
    kind: str, heading: str, subheading: str, rows: Sequence[tuple[str, ...]], columns: tuple[str, ...]
) -> list[Slide]:
    """Table rows under their column headings on as many slides as they need, the later ones headed "（续）"."""
    return [
        Slide(
            kind,
            continued(heading, index),
            subheading,
            rows=tuple(rows[start : start + ROWS_PER_SLIDE]),
            columns=columns,
        )
        for index, start in enumerate(range(0, len(rows), ROWS_PER_SLIDE))
    ]
