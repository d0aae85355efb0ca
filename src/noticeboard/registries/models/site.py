"""``data/site.yml``: who publishes the boards, for which year, and the notice period."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from noticeboard.registries.models.common import Day, OneLine, Record, Slug, Text, Year

COMMITTEE_SUFFIX = "党委"
"""What a township committee's name ends with after its place (青山镇党委)."""


def place_of(organisation: str) -> str:
    """The place a committee is named for (青山镇党委: 青山镇); the name itself where it does not end in 党委
    after a place of its own."""
    place = organisation.removesuffix(COMMITTEE_SUFFIX)
    return place if len(place) > 1 else organisation


class Notice(Record):
    """The notice period (公示期) during which the public may object."""

    start: Day = Field(description="公示开始日期，例如 2026-01-05")
    days: int = Field(7, ge=1, le=366, description="公示天数（含开始当天），默认 7 天")
    phone: Text | None = Field(None, description="监督电话")
    address: Text | None = Field(None, description="意见受理地址")

    @property
    def end(self) -> dt.date:
        """Last day of the notice period: ``days`` counts the start day itself."""
        return self.start + dt.timedelta(days=self.days - 1)


class Privacy(Record):
    """Who may be named on the public boards beyond the starred members."""

    list_unstarred: bool = Field(False, description="是否公布无星党员的姓名（默认否，只计人数）")
    list_exempt: bool = Field(False, description="是否公布不参与评星党员的姓名（默认否，只计人数）")


class Screen(Record):
    """The electronic notice screen (电子屏) in a village hall: how long each slide stays."""

    interval: int = Field(15, ge=3, le=600, description="每页停留秒数，默认 15 秒")


class Leader(Record):
    """A leader of the township committee (镇党委和党政领导班子成员): not in any branch's member file."""

    id: Slug = Field(description="编号，例如 l-shuji（不与党员、党组织编号相同）")
    name: OneLine = Field(description="姓名")
    post: OneLine = Field(description="职务，例如 镇党委书记")


COMMITTEE = "committee"
"""What ``by:`` of a commitment says for the township committee itself (镇党委)."""


class Site(Record):
    """The publishing organisation and the year on the boards."""

    organisation: OneLine = Field(description="发布单位（党委），例如 青山镇党委")
    office: OneLine = Field(description="具体负责的办公室，例如 青山镇党委组织办")
    year: Year = Field(description="公示栏展示的考核年度，例如 2025")
    as_of: Day | None = Field(None, description="判断承诺是否逾期的日期；不填则为生成网站当天")
    notice: Notice = Field(description="公示期和监督电话")
    privacy: Privacy = Field(default_factory=Privacy, description="公开范围")
    screen: Screen = Field(default_factory=Screen, description="电子屏播放：{interval: 每页秒数}")
    leaders: tuple[Leader, ...] = Field(
        (),
        strict=False,
        description="镇党委和党政领导班子成员（他们作出的公开承诺写 by: 编号；镇党委本身写 by: committee）",
    )
