"""When each board's data last changed, from git — the date shown on the board, not the build time.

Why not the build time: a site rebuilt today from data unchanged since January
must not claim to be "updated today". Each kind of page lists the data files it
is made from; its date is the newest commit among them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

SOURCES: dict[str, tuple[str, ...]] = {
    "board-branches": ("branches.yml", "schemes.yml"),
    "branch": (
        "branches.yml",
        "schemes.yml",
        "members/{key}.yml",
        "points/{year}/{key}.yml",
        "commitments/{year}.yml",
        "reviews/{year}.yml",
        "photos/",
    ),
    "commitments": ("commitments/{year}.yml", "branches.yml", "members/"),
    "reviews": ("reviews/{year}.yml", "branches.yml", "members/"),
    "venues": ("branches.yml", "schemes.yml"),
    "classification": ("branches.yml",),
    "duty-reports": ("branches.yml", "schemes.yml"),
    "pioneers": ("members/", "photos/"),
    "stats": ("members/", "branches.yml", "commitments/{year}.yml", "points/{year}/"),
}
"""Page kind → the data files and folders (ending in ``/``) it is made from, relative to ``data/``."""


def updated_on(dates: Mapping[str, dt.date], kind: str, year: int, key: str = "") -> dt.date | None:
    """The newest change among a page's sources (None when git knows none of them)."""
    found = [
        dates[path]
        for pattern in SOURCES.get(kind, ())
        if (path := pattern.format(year=year, key=key)) in dates
    ]
    return max(found, default=None)
