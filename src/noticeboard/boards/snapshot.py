"""A board as the what-changed report sees it: its entries by a stable key, each with the fields shown.

Why a snapshot per board kind: ``diff`` and the change log compare two versions of
the registries by what the public boards *show*, never by the registries
themselves, so a change to a private field or to someone not named is no change.
Each kind says which of its lines are entries and which columns they show.
"""

from __future__ import annotations

from noticeboard.registries.frozen import frozen
from noticeboard.rules.ratings import Rating

Fields = dict[str, str]
"""What is shown of one entry, by the column name on its board (得分, 星级, 状态 …)."""


@frozen
class Entry:
    """One line of a board: how it is named and what is shown."""

    label: str
    fields: Fields


def score_fields(rating: Rating | None) -> Fields:
    """A rated line: its score and stars, or that it is not rated."""
    if rating is None:
        return {"星级": "未评定"}
    return {"得分": str(rating.score), "星级": rating.words}


def words(rating: Rating | None) -> str:
    return "—" if rating is None else rating.words
