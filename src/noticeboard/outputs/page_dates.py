"""When each page's data last changed, from git — the date shown on the page, not the build time.

Why not the build time: a site rebuilt today from data unchanged since January
must not claim to be "updated today". Each kind of page is made from some data
files (each board kind declares its own in ``sources``); its date is the newest
commit among them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache

from noticeboard.boards.kinds import KINDS

PAGE_SOURCES: dict[str, tuple[str, ...]] = {
    "branch": (
        "branches.yml",
        "schemes.yml",
        "members/{key}.yml",
        "points/{year}/{key}.yml",
        "commitments/{year}.yml",
    ),
    "stats": ("members/", "branches.yml", "commitments/{year}.yml", "points/{year}/"),
}
"""Pages that are no kind's own → the data files and folders (ending in ``/``) they are made from."""


@cache  # asked for every page (a county's 4,000 branch pages); the kinds are fixed once imported
def sources(kind: str) -> tuple[str, ...]:
    """The data files a page kind is made from: its own list and every board kind's for it."""
    found = list(PAGE_SOURCES.get(kind, ()))
    for board in KINDS:
        found += [path for path in board.sources.get(kind, ()) if path not in found]
    return tuple(found)


def updated_on(dates: Mapping[str, dt.date], kind: str, year: int, key: str = "") -> dt.date | None:
    """The newest change among a page's sources (None when git knows none of them)."""
    found = [
        dates[path] for pattern in sources(kind) if (path := pattern.format(year=year, key=key)) in dates
    ]
    return max(found, default=None)
