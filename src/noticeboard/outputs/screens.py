"""电子屏: the boards as slides for a TV or LED screen in a village hall that nobody touches.

Why slides are cut here: type must be readable from three metres (at least ~3% of the
screen's height), so a slide holds few lines, and a long board becomes several slides
("（续）"), cut the same way for every screen. The page only shows one slide after another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from noticeboard.boards.statistics import Stats
from noticeboard.boards.township import Boards, BranchPage

NAMES_PER_SLIDE = 12
"""Names on one slide: three columns of four lines at slide size."""
ROWS_PER_SLIDE = 6
"""Table rows on one slide."""


@dataclass(frozen=True)
class Slide:
    """One slide: a heading, an optional line under it, and either names, rows or lines."""

    kind: str
    """``title``, ``branches``, ``members``, ``fulfilment``, ``stories``, ``notice``."""
    heading: str
    subheading: str = ""
    names: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    lines: tuple[str, ...] = ()
    branch: str = ""
    """The branch a slide is about (its id), for a hall that shows only its own."""


def _chunks(items: Sequence[str], size: int) -> list[tuple[str, ...]]:
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)] or [()]


def _continued(heading: str, index: int) -> str:
    return heading if index == 0 else heading + "（续）"


def _name_slides(
    kind: str, heading: str, subheading: str, names: Sequence[str], branch: str = ""
) -> list[Slide]:
    """A list of names on as many slides as it needs, the later ones headed "（续）"."""
    return [
        Slide(kind, _continued(heading, index), subheading, names=chunk, branch=branch)
        for index, chunk in enumerate(_chunks(names, NAMES_PER_SLIDE))
    ]


def _member_slides(page: BranchPage) -> list[Slide]:
    slides = []
    for group in page.members.groups:
        if group.rows:
            slides += _name_slides(
                "members",
                f"{page.branch.name} · {group.title}",
                f"{page.year} 年度星级党员公示 · 共 {len(group.rows)} 名",
                [row.name for row in group.rows],
                page.branch.id,
            )
    return slides


def _branch_slide(page: BranchPage) -> Slide:
    rating = page.branch.rating
    status = f"{rating.words}（{rating.score} 分）" if rating else "未评定"
    counts = page.members.counts
    lines = (
        f"{page.year} 年度：{status}",
        f"星级党员：三星 {counts['3']} 名 · 二星 {counts['2']} 名 · 一星 {counts['1']} 名",
    )
    return Slide(
        "branch",
        page.branch.name,
        (page.branch.secretary and f"书记 {page.branch.secretary}") or "",
        lines=lines,
        branch=page.branch.id,
    )


def slides(
    boards: Boards, stats: Stats, stories: Iterable[tuple[str, str]], branch: str | None = None
) -> list[Slide]:
    """The township's slides, or one branch's (``branch``) for its own hall.

    ``stories`` are the newest case stories as (title, date in words).
    """
    view = boards.current
    site = boards.registry.site
    opening = Slide(
        "title", site.organisation, f"{view.year} 年度评星公示", lines=("星级党支部 · 星级党员 · 公开承诺",)
    )
    out = [opening]
    if branch is not None:
        page = view.pages[branch]
        out += [_branch_slide(page), *_member_slides(page)]
    else:
        for group in view.branches.groups:
            if group.rows:
                names = [row.name for row in group.rows]
                out += _name_slides(
                    "branches", f"{view.year} 年度{group.title}", f"共 {len(names)} 个", names
                )
        for page in view.pages.values():
            out += _member_slides(page)
        rows = [(row.name, f"{row.fulfilled}/{row.total}", f"{row.rate}%") for row in stats.fulfilment]
        for index, start in enumerate(range(0, len(rows), ROWS_PER_SLIDE)):
            out.append(
                Slide(
                    "fulfilment",
                    _continued(f"{view.year} 年度公开承诺兑现率", index),
                    f"合计 {stats.fulfilment_total.fulfilled}/{stats.fulfilment_total.total} 项，{stats.fulfilment_total.rate}%",
                    rows=tuple(rows[start : start + ROWS_PER_SLIDE]),
                )
            )
        latest = tuple(f"{title}（{when}）" for title, when in list(stories)[:4])
        if latest:
            out.append(Slide("stories", "经验做法", "", lines=latest))
    notice = site.notice
    lines = [f"公示期：{_date(notice.start)} 至 {_date(notice.end)}", "对公示内容有异议的，请在公示期内反映"]
    if notice.phone:
        lines.append(f"监督电话：{notice.phone}")
    if notice.address:
        lines.append(f"地址：{notice.address}")
    out.append(Slide("notice", "接受群众监督", site.office, lines=tuple(lines), branch=branch or ""))
    return out


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"
