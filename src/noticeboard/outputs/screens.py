"""电子屏: the boards as slides for a TV or LED screen in a village hall that nobody touches.

The opening slide, then every declared kind's slides (each kind cuts its own, see
``boards.slides``), the newest case stories and the notice. A hall can show only
its own branch: the branch's opening slide and its kinds' slides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.slides import Slide
from noticeboard.boards.township import Boards


def slides(boards: Boards, stories: Iterable[tuple[str, str]], branch: str | None = None) -> list[Slide]:
    """The township's slides, or one branch's (``branch``) for its own hall.

    ``stories`` are the newest case stories as (title, date in words).
    """
    view = boards.current
    site = boards.registry.site
    shown = [(kind, board) for kind in KINDS if (board := view.board(kind)) is not None]
    titles = " · ".join(kind.screen_title for kind in KINDS if kind.screen_title)
    out = [Slide("title", site.organisation, f"{view.year} 年度评星公示", lines=(titles,))]
    if branch is not None:
        row = view.pages[branch].branch
        facts = tuple(line for kind, board in shown if (line := kind.branch_slide_line(board, branch)))
        subheading = (row.secretary and f"书记 {row.secretary}") or ""
        out.append(Slide("branch", row.name, subheading, lines=facts, branch=row.id))
        for kind, board in shown:
            out += kind.branch_slides(boards, board, branch)
    else:
        for kind, board in shown:
            out += kind.township_slides(boards, board)
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
