"""The demo township's 结对共创 (``pairings.yml``): the source report's own pairs, on the demo's organisations.

The report (seed 004): county departments paired with village 党总支 under a 共创协议, signed and renewed;
the money they put in during the drought (水务局 8 万余元 for a pumping station, 南林局 5 万, 教育局 and
计生局 4 万, 经济局 3 万, 国土局、工商局、发改局 2 万 each); then the township paired its stations
(乡镇站所) with villages (3 pairs) and with each other (2 pairs). The departments here are fictional
county departments of the demo township's county; their pairs go to the demo's village 党总支 in turn
(two 总支 get a second department). One department did not renew in the site's year, so the board
shows all three states of an agreement.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from noticeboard.registries.frozen import frozen

Items = tuple[tuple[str, Decimal | None], ...]
"""Results as (what was done, 万元 or None)."""

SEED_OFFSET = 9014
"""Added to the demo's seed: this board's own random stream."""


@frozen
class _Example:
    slug: str
    partner: str
    agreement: str
    results: Items
    """This year's results (item, 万元)."""
    earlier: Items = ()
    """Last year's results."""
    renewed: bool = True


COUNTY = (
    _Example(
        "shuiwu",
        "县水务局",
        "帮助解决人畜饮水困难，完善村内水利设施",
        (
            ("在{village}小山组新建抽水站一座，可满足周边10多个村民小组取水", Decimal("8.0")),
            ("安排2辆送水车为村完小和孤寡老人无偿送水", None),
        ),
        (("维修村内灌溉沟渠1.2公里", Decimal("1.5")),),
    ),
    _Example(
        "linye",
        "县林业局",
        "发展油茶产业，帮助解决村完小和群众饮水困难",
        (("投入抗旱资金，为村完小160余名师生和2个村民小组1000余群众解决饮水困难", Decimal("5.0")),),
        (("提供油茶苗木2万株，开展油茶低改技术培训2期", Decimal("2.0")),),
    ),
    _Example(
        "jiaoyu",
        "县教育局",
        "改善村完小办学条件，帮助解决群众饮水困难",
        (("为各村民小组维修人畜饮水管道和水源，购买300只水桶发给群众", Decimal("4.0")),),
    ),
    _Example(
        "weijian",
        "县卫生健康局",
        "开展健康义诊，帮助解决群众饮水困难",
        (
            ("为3个村民小组寻找水源、接通管道，解决800余群众饮水困难", Decimal("4.0")),
            ("组织医务人员到村义诊2次", None),
        ),
    ),
    _Example(
        "jingji",
        "县经济局",
        "扶持村级集体经济，帮助抗旱保收",
        (("投入抗旱资金，修复蓄水池2个", Decimal("3.0")),),
    ),
    _Example(
        "guotu",
        "县国土局",
        "帮助规划村庄建设，抗旱找水",
        (("投入抗旱资金，新建小水窖15口", Decimal("2.0")),),
    ),
    _Example(
        "gongshang",
        "县工商局",
        "帮助发展农家乐和特色农产品销售",
        (),
        (("协助注册茶叶专业合作社1个，帮助开拓农产品销路", Decimal("2.0")),),
        renewed=False,
    ),
    _Example(
        "fagai",
        "县发改局",
        "帮助争取村内道路和饮水项目",
        (("投入抗旱资金，铺设饮水管道2.5公里", Decimal("2.0")),),
    ),
)
"""The county departments' pairs, as the report lists them (amounts in 万元)."""

STATION_VILLAGE: tuple[tuple[str, str, Items], ...] = (
    (
        "zhen-shuiwu",
        "巡查维护村内供水设施，指导抗旱保水",
        (("检修村内供水管网3.5公里", Decimal("0.6")),),
    ),
    (
        "zhen-linye",
        "开展油茶种植技术指导",
        (("开展油茶栽培技术培训3期，培训群众120人次", Decimal("0.3")),),
    ),
    (
        "zhen-nongye",
        "推广抗旱作物品种，指导农业生产",
        (("发放抗旱玉米种子1500公斤", Decimal("0.8")),),
    ),
)
"""Stations paired with villages: (preferred station id, agreement, results)."""

STATION_STATION: tuple[tuple[tuple[str, str], str, Items], ...] = (
    (
        ("zhen-weisheng", "zhen-xiaoxue"),
        "开展学生健康体检和卫生知识进校园",
        (("为全校学生开展健康体检1次", None), ("开展防溺水、饮水卫生知识讲座2场", None)),
    ),
    (
        ("zhen-caizheng", "zhen-wenhua"),
        "共同开展党员学习和惠农政策宣讲",
        (("联合开展惠农政策宣讲4场", Decimal("0.2")),),
    ),
)
"""Stations paired with each other: (preferred partner and organisation ids, agreement, results)."""


def _day(rng: random.Random, year: int, first_month: int, last_month: int) -> dt.date:
    month = rng.randint(first_month, last_month)
    return dt.date(year, month, rng.randint(1, 28))


def _results(
    rng: random.Random, items: Items, year: int, after: dt.date, village: str
) -> list[dict[str, Any]]:
    out = []
    day = after
    for item, funds in items:
        day = max(day + dt.timedelta(days=rng.randint(12, 40)), dt.date(year, 3, 1))
        day = min(day, dt.date(year, 12, 20))
        result: dict[str, Any] = {"date": day, "item": item.format(village=village)}
        if funds is not None:
            result["funds"] = funds
        out.append(result)
    return out


def _pick(stations: list[dict[str, Any]], preferred: str, taken: set[str]) -> dict[str, Any] | None:
    """The preferred station when the registry has it, else the first one not yet paired."""
    by_id = {station["id"]: station for station in stations}
    chosen = by_id.get(preferred)
    if chosen is None or chosen["id"] in taken:
        chosen = next((s for s in stations if s["id"] not in taken), None)
    if chosen is not None:
        taken.add(chosen["id"])
    return chosen


def make(branches: list[dict[str, Any]], year: int, seed: int) -> list[dict[str, Any]]:
    """The pairs of the demo township for the site's ``year``."""
    rng = random.Random(seed + SEED_OFFSET)
    children: dict[str, set[str]] = {}
    for branch in branches:
        if branch.get("parent"):
            children.setdefault(branch["parent"], set()).add(branch["kind"])
    villages = [b for b in branches if b["kind"] == "general" and children.get(b["id"]) == {"village"}]
    stations = [b for b in branches if b["kind"] in ("organ", "institution")]
    pairs: list[dict[str, Any]] = []
    if not villages:
        return pairs
    last = year - 1
    for index, example in enumerate(COUNTY):
        village = villages[index % len(villages)]
        signed = _day(rng, last, 2, 4)
        record: dict[str, Any] = {
            "id": f"p-{example.slug}-{village['id']}",
            "with": village["id"],
            "partner": example.partner,
            "partner_kind": "county_department",
            "signed": signed,
        }
        renewed = _day(rng, year, 2, 4) if example.renewed else None
        if renewed is not None:
            record["renewed"] = [renewed]
        record["agreement"] = example.agreement
        name = village["name"].removesuffix("党总支")
        results = _results(rng, example.earlier, last, signed, name)
        results += _results(rng, example.results, year, renewed or dt.date(year, 1, 1), name)
        if results:
            record["results"] = results
        pairs.append(record)
    taken: set[str] = set()
    for index, (preferred, agreement, items) in enumerate(STATION_VILLAGE):
        station = _pick(stations, preferred, taken)
        if station is None:
            break
        village = villages[(len(COUNTY) + index) % len(villages)]
        signed = _day(rng, year, 5, 6)
        pairs.append(
            {
                "id": f"p-{station['id']}-{village['id']}",
                "with": village["id"],
                "partner": station["id"],
                "signed": signed,
                "agreement": agreement,
                "results": _results(rng, items, year, signed, ""),
            }
        )
    for (preferred_partner, preferred_org), agreement, items in STATION_STATION:
        partner = _pick(stations, preferred_partner, taken)
        organisation = _pick(stations, preferred_org, taken)
        if partner is None or organisation is None:
            break
        signed = _day(rng, year, 5, 6)
        pairs.append(
            {
                "id": f"p-{partner['id']}-{organisation['id']}",
                "with": organisation["id"],
                "partner": partner["id"],
                "signed": signed,
                "agreement": agreement,
                "results": _results(rng, items, year, signed, ""),
            }
        )
    return pairs


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


_Dumper.add_representer(Decimal, _decimal)

HEADER = """\
# yaml-language-server: $schema=../docs/schema/pairings.schema.json
# 结对共创（五联五创）：结对双方、共创协议（签订、续签）和共创成果
# with 写本镇党组织编号；partner 写党组织编号，或本镇以外单位的名称并写 partner_kind
# 投入资金 funds 以万元为单位，照实写小数，例如 8.0
"""


def write(out: Path, seed: int) -> None:
    """Write ``pairings.yml`` into ``out`` from the organisations and the year already there."""
    branches = yaml.safe_load((out / "branches.yml").read_text(encoding="utf-8")) or []
    site = yaml.safe_load((out / "site.yml").read_text(encoding="utf-8")) or {}
    pairs = make(branches, int(site["year"]), seed)
    if not pairs:
        return
    body = yaml.dump(pairs, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    (out / "pairings.yml").write_text(HEADER + body, encoding="utf-8", newline="\n")
