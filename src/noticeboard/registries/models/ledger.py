"""``data/points/<year>/<branch-id>.yml``: a branch's points ledger (积分台账) for a year."""

from __future__ import annotations

from pydantic import Field

from noticeboard.registries.models.common import Day, Id, Number, Record, Text


class LedgerEntry(Record):
    """One line of the ledger: points added (or, when negative, deducted) for one member."""

    member: Id = Field(description="党员编号")
    date: Day = Field(description="日期")
    item: Text = Field(description="加分或扣分事项")
    points: Number = Field(description="分值，扣分写负数")
