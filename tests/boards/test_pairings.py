"""结对共创（五联五创）: who is paired with whom, the agreement's status against the board's year, the money
per pair, per partner and in total (exact decimals, shown as 万元), and every mistake in pairings.yml as
``FILE:LINE: message``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.kinds.pairings import (
    KIND,
    PairingsBoard,
    agreement_status,
    amount,
    org_side,
    pair_kind,
    wan,
)
from noticeboard.boards.township import Boards, build_boards
from noticeboard.office.board_diff import compare, snapshot
from noticeboard.outputs.open_data import files as open_data_files
from noticeboard.registries.models import Branch
from support.open_data import records
from support.township import BRANCHES, Township, Write

PAIRINGS = "data/pairings.yml"

PAIRS = """\
- id: p-shuiwu-qingshan
  with: qingshan
  partner: 县水务局
  partner_kind: county_department
  signed: 2024-03-01
  renewed: [2025-03-01]
  agreement: 帮助解决饮水困难，发展油茶产业
  results:
  - date: 2024-06-01
    item: 维修灌溉沟渠1.2公里
    funds: 1.5
  - date: 2025-05-10
    item: 在小山村新建抽水站一座，满足周边10多个村子取水
    funds: 8.0
  - date: 2025-07-01
    item: 安排送水车为孤寡老人送水
- id: p-jiguan-qingshan-1
  with: qingshan-1
  partner: zhen-jiguan
  signed: 2025-05-01
  agreement: 共同开展党员学习
  results:
  - date: 2025-06-01
    item: 联合开展政策宣讲4场
    funds: 0.35
- id: p-gongshang-qingshan
  with: qingshan
  partner: 县工商局
  partner_kind: county_department
  signed: 2024-04-01
  agreement: 帮助发展农家乐
  results:
  - date: 2024-08-01
    item: 协助注册合作社
    funds: 2
"""


def boards_of(town: Township, pairs: str = PAIRS) -> Boards:
    town.set(PAIRINGS, pairs)
    return build_boards(town.load(), dt.date(2026, 1, 5))


def board(town: Township, year: int = 2025, pairs: str = PAIRS) -> PairingsBoard:
    shown = boards_of(town, pairs).years[year].boards["pairings"]
    assert isinstance(shown, PairingsBoard)
    return shown


# --- The rules at their boundaries -------------------------------------------------------------


@pytest.mark.parametrize(
    ("signed", "renewed", "year", "status"),
    [
        ("2025-01-01", [], 2025, "signed"),  # signed on the year's first day: this year's agreement
        ("2024-12-31", ["2025-01-01"], 2025, "renewed"),  # renewed on the year's first day
        ("2024-12-31", ["2025-12-31"], 2025, "renewed"),  # … or its last
        ("2024-03-01", ["2024-09-01"], 2025, "not_renewed"),  # renewed last year only
        ("2024-03-01", ["2026-01-01"], 2025, "not_renewed"),  # a renewal of next year does not count yet
        ("2024-03-01", [], 2024, "signed"),  # the same pair on last year's board
    ],
)
def test_the_agreements_status_is_against_the_boards_year(
    signed: str, renewed: list[str], year: int, status: str
) -> None:
    days = [dt.date.fromisoformat(day) for day in renewed]
    assert agreement_status(dt.date.fromisoformat(signed), days, year) == status


@pytest.mark.parametrize(
    ("written", "shown"),
    [("8", "8.0"), ("8.0", "8.0"), ("8.50", "8.50"), ("2.35", "2.35"), ("0", "0.0"), ("1.0E+1", "10.0")],
)
def test_money_is_shown_with_its_decimals_as_written(written: str, shown: str) -> None:
    assert amount(Decimal(written)) == shown
    assert wan(Decimal(written)) == f"{shown} 万元"
    assert wan(None) == "—"


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("county_department", "village", "county_village"),
        ("village", "county_department", "county_village"),
        ("station", "village", "station_village"),
        ("station", "station", "station_station"),
        ("county_department", "station", "other"),
        ("enterprise", "village", "other"),
        ("village", "village", "other"),
    ],
)
def test_the_kind_of_pairing_follows_from_its_two_sides(first: str, second: str, kind: str) -> None:
    assert pair_kind(first, second) == kind


def test_an_organisations_side_follows_its_kind_and_a_general_branch_its_branches(town: Township) -> None:
    extra = """\
- id: zhen-zhizhi
  name: 镇直机关党总支
  kind: general
- id: zhen-caizheng
  name: 镇财政所党支部
  kind: organ
  parent: zhen-zhizhi
- id: zhen-weisheng
  name: 镇卫生院党支部
  kind: institution
  parent: zhen-zhizhi
- id: hunhe
  name: 混合党总支
  kind: general
- id: hunhe-1
  name: 某企业党支部
  kind: enterprise
  parent: hunhe
- id: hunhe-2
  name: 某社区党支部
  kind: community
  parent: hunhe
- id: kong
  name: 空党总支
  kind: general
"""
    town.set("data/branches.yml", BRANCHES + extra)
    registry = town.load()

    def side(branch_id: str) -> str:
        branch: Branch = registry.branch_by_id[branch_id]
        return org_side(registry, branch)

    assert side("qingshan") == "village"  # its branches are villages
    assert side("qingshan-1") == "village"
    assert side("zhen-jiguan") == "station"  # 机关
    assert side("zhen-weisheng") == "station"  # 事业单位
    assert side("zhen-zhizhi") == "station"  # all its branches are stations
    assert side("hunhe-1") == "enterprise"
    assert side("hunhe") == "village"  # mixed: 村
    assert side("kong") == "village"  # none: 村


# --- The board ----------------------------------------------------------------------------------


def test_pairs_are_grouped_by_kind_in_file_order_with_their_status(town: Township) -> None:
    shown = board(town)
    assert [(g.key, [row.id for row in g.rows]) for g in shown.groups] == [
        ("county_village", ["p-shuiwu-qingshan", "p-gongshang-qingshan"]),
        ("station_village", ["p-jiguan-qingshan-1"]),
        ("station_station", []),
        ("other", []),
    ]
    rows = {row.id: row for row in shown.rows}
    water = rows["p-shuiwu-qingshan"]
    assert water.title == "县水务局与青山村党总支"
    assert water.partner.org is None and water.org.org is not None and not water.org.org.has_page
    assert (water.status, water.status_text) == ("renewed", "本年度续签")
    assert water.dates_text == "2024年3月1日签订，2025年3月1日续签"
    assert [r.text for r in water.results_year] == [
        "2025年5月10日：在小山村新建抽水站一座，满足周边10多个村子取水（投入资金 8.0 万元）",
        "2025年7月1日：安排送水车为孤寡老人送水",
    ]
    assert [r.text for r in water.results_earlier] == [
        "2024年6月1日：维修灌溉沟渠1.2公里（投入资金 1.5 万元）"
    ]
    assert water.funds_text == "本年度 8.0 万元，累计 9.5 万元"
    lapsed = rows["p-gongshang-qingshan"]
    assert lapsed.lapsed and lapsed.status_text == "未续签（上次签订：2024年4月1日）"
    assert lapsed.funds_text == "本年度未登记，累计 2.0 万元"  # nothing recorded this year is not 0
    station = rows["p-jiguan-qingshan-1"]
    assert (station.kind_label, station.status_label) == ("站所–村", "本年度签订")
    assert station.partner.org is not None and station.partner.org.has_page


def test_a_year_without_any_recorded_amount_says_so_everywhere(town: Township) -> None:
    """The home page said 本年度投入资金 0.0 万元 and summary.json 0 beside pairs whose cards said 未登记."""
    unrecorded = "\n".join(line for line in PAIRS.splitlines() if "funds:" not in line) + "\n"
    boards = boards_of(town, unrecorded)
    shown = boards.years[2025].boards["pairings"]
    assert isinstance(shown, PairingsBoard)
    kind = next(kind for kind in KINDS if kind.key == "pairings")
    assert kind.home_card(boards, shown).line == "结对 3 对 · 本年度未登记投入资金"
    assert shown.funds_line == "投入资金：未登记。"
    assert {group.funds_text for group in shown.shown_groups} == {"投入资金：未登记。"}
    assert {row.funds_text for row in shown.rows} == {"未登记"}  # (under its card's 投入资金)
    assert kind.rollup(shown)["funds_year"] is None and kind.rollup(shown)["funds_total"] is None


def test_the_boards_totals_are_exact_sums_in_wan(town: Township) -> None:
    shown = board(town)
    assert shown.count_line == "2025 年度共有结对共创 3 对：县直部门–村 2 对，站所–村 1 对。"
    assert shown.status_line == "共创协议：本年度签订 1 对，本年度续签 1 对，未续签 1 对。"
    assert shown.funds_line == "投入资金：本年度 8.35 万元，累计 11.85 万元。"
    assert shown.funds_year == Decimal("8.35") and shown.funds_total == Decimal("11.85")
    partners = shown.partners
    assert [(r.name, r.pairs_text, r.year_text, r.total_text) for r in partners.rows] == [
        ("县水务局", "1 对", "8.0 万元", "9.5 万元"),
        ("镇机关党支部", "1 对", "0.35 万元", "0.35 万元"),
        ("县工商局", "1 对", "—", "2.0 万元"),  # nothing recorded this year: as its card says, not 0.0
    ]
    assert (partners.total.year_text, partners.total.total_text) == ("8.35 万元", "11.85 万元")
    assert [g.funds_text for g in shown.shown_groups] == [
        "投入资金：本年度 8.0 万元，累计 11.5 万元。",
        "投入资金：本年度 0.35 万元，累计 0.35 万元。",
    ]


def test_sums_never_go_through_binary_floats(town: Township) -> None:
    pairs = """\
- id: p-a
  with: qingshan
  partner: 县教育局
  partner_kind: county_department
  signed: 2025-01-01
  agreement: 改善办学条件
  results:
  - {date: 2025-02-01, item: 购买水桶, funds: 0.1}
  - {date: 2025-03-01, item: 维修水管, funds: 0.2}
"""
    shown = board(town, pairs=pairs)
    assert shown.funds_line == "投入资金：本年度 0.3 万元，累计 0.3 万元。"  # not 0.30000000000000004


def test_a_partner_paired_twice_is_one_row_of_money(town: Township) -> None:
    pairs = PAIRS.replace(
        "  with: qingshan\n  partner: 县工商局\n", "  with: qingshan-1\n  partner: 县水务局\n"
    )
    partners = board(town, pairs=pairs).partners
    assert [(r.name, r.pairs_text, r.year_text, r.total_text) for r in partners.rows] == [
        ("县水务局", "2 对", "8.0 万元", "11.5 万元"),
        ("镇机关党支部", "1 对", "0.35 万元", "0.35 万元"),
    ]


def test_last_years_board_shows_what_stood_then(town: Township) -> None:
    shown = board(town, year=2024)
    assert [row.id for row in shown.rows] == ["p-shuiwu-qingshan", "p-gongshang-qingshan"]  # not yet signed
    water = shown.rows[0]
    assert (water.status, water.renewed) == ("signed", ())  # 2025's renewal is not on 2024's board
    assert [r.item for r in water.results] == ["维修灌溉沟渠1.2公里"]
    assert shown.funds_line == "投入资金：本年度 3.5 万元，累计 3.5 万元。"


def test_without_pairings_yml_there_is_no_board(town: Township) -> None:
    boards = build_boards(town.load(), dt.date(2026, 1, 5))
    assert "pairings" not in boards.current.boards


def test_a_pair_signed_after_the_sites_year_is_not_published(town: Township) -> None:
    later = PAIRS.replace("signed: 2025-05-01", "signed: 2026-02-01").replace(
        "date: 2025-06-01", "date: 2026-03-01"
    )
    assert [row.id for row in board(town, pairs=later).rows] == ["p-shuiwu-qingshan", "p-gongshang-qingshan"]


def test_a_branch_page_shows_the_pairs_it_is_on_and_a_general_branch_has_none(town: Township) -> None:
    view = boards_of(town).current
    parts = {
        branch_id: [s.view for s in page.sections if s.template == "partials/nb/pairings-branch.html"]
        for branch_id, page in view.pages.items()
    }
    assert "qingshan" not in parts  # a 党总支 has no page: its pairs are on the board only
    (jiguan,) = parts["zhen-jiguan"]
    assert [row.id for row in jiguan.rows] == ["p-jiguan-qingshan-1"]
    assert jiguan.sentence == "本支部参与结对共创 1 对；投入资金：本年度 0.35 万元，累计 0.35 万元。"
    (village,) = parts["qingshan-1"]
    assert [row.id for row in village.rows] == ["p-jiguan-qingshan-1"]
    (pair,) = village.rows
    assert pair.partner.linked("qingshan-1") and not pair.org.linked("qingshan-1")  # never to the page itself
    assert jiguan.link_text == "查看全镇结对共创"
    water = next(row for row in view.boards["pairings"].rows if row.id == "p-shuiwu-qingshan")
    assert not water.partner.linked() and not water.org.linked()  # an outside unit, a 党总支: no page


def test_home_card_share_text_and_validate_count(town: Township) -> None:
    boards = boards_of(town)
    shown = boards.current.boards["pairings"]
    card = KIND.home_card(boards, shown)
    assert (card.title, card.line, card.page) == (
        "结对共创",
        "结对 3 对 · 本年度投入资金 8.35 万元",
        "pairings",
    )
    (page,) = KIND.pages(boards.current, shown)
    share = KIND.share_text(page)
    assert share.lines == ("共 3 对：县直部门–村 2 对，站所–村 1 对", "本年度投入资金 8.35 万元")
    assert (
        KIND.counts(boards, shown)
        == "结对共创 3 对（县直部门–村 2 对，站所–村 1 对），本年度投入资金 8.35 万元"
    )


def test_open_data_has_every_pair_with_its_status_results_and_exact_money(town: Township) -> None:
    published = records(open_data_files(boards_of(town))["data/pairings.json"])
    assert [p["id"] for p in published] == [
        "p-shuiwu-qingshan",
        "p-gongshang-qingshan",
        "p-jiguan-qingshan-1",
    ]
    water = published[0]
    assert water["with"] == {"id": "qingshan", "name": "青山村党总支", "side": "village"}
    assert water["partner"] == {"id": None, "name": "县水务局", "side": "county_department"}
    assert (water["kind"], water["status"], water["renewed"]) == ("county_village", "renewed", ["2025-03-01"])
    assert [r["funds"] for r in water["results"]] == [1.5, 8.0, None]
    assert (water["funds_year"], water["funds_total"]) == (8.0, 9.5)
    station = published[2]
    assert station["partner"] == {"id": "zhen-jiguan", "name": "镇机关党支部", "side": "station"}
    assert station["funds_total"] == 0.35
    files = open_data_files(boards_of(town))
    assert '"funds_year":0.35' in files["data/pairings.json"]  # the number as written, no float noise
    last_year = records(files["data/2024/pairings.json"])
    assert [(p["id"], p["status"], p["funds_total"]) for p in last_year] == [
        ("p-shuiwu-qingshan", "signed", 1.5),
        ("p-gongshang-qingshan", "signed", 2),
    ]


def test_diff_reports_a_renewal_and_new_money(town: Township) -> None:
    before = snapshot(boards_of(town, PAIRS.replace("  renewed: [2025-03-01]\n", "")))
    after = snapshot(boards_of(town))
    changes = [c for c in compare(before, after).changes if c.board == "pairings"]
    assert len(changes) == 1
    (change,) = changes
    assert change.label == "县水务局与青山村党总支" and change.kind == "changed"
    assert change.before is not None and change.after is not None
    assert (change.before["协议状态"], change.after["协议状态"]) == (
        "未续签（上次签订：2024年3月1日）",
        "本年度续签",
    )


def test_statistics_count_pairs_by_kind_and_add_the_money_exactly(town: Township) -> None:
    boards = boards_of(town)
    shown = boards.current.boards["pairings"]
    (figure,) = KIND.figures(boards, shown)
    assert [(bar.label, bar.count) for bar in figure.bars] == [
        ("县直部门–村", 2),
        ("站所–村", 1),
        ("站所–站所", 0),
        ("其他结对", 0),
    ]
    (table,) = KIND.stat_tables(boards, shown)
    assert table.data[-1] == {
        "key": None,
        "name": "合计",
        "pairs": 3,
        "funds_year": 8.35,
        "funds_total": 11.85,
    }
    assert table.data[0]["funds_total"] == 11.5


# --- pairings.yml: every mistake at its line ---------------------------------------------------

ONE = """\
- id: p-a
  with: qingshan
  partner: 县水务局
  partner_kind: county_department
  signed: 2024-03-01
  renewed: [2025-03-01]
  agreement: 帮助解决饮水困难
  results:
  - date: 2025-05-10
    item: 新建抽水站一座
    funds: 8.0
"""
"""A valid pair: line 1 is its id, 2 with, 3 partner, 4 partner_kind, 6 renewed, 9–11 its result."""

SECOND = """\
- id: p-b
  with: qingshan-1
  partner: zhen-jiguan
  signed: 2025-05-01
  agreement: 共同学习
"""
"""A second valid pair, from line 12."""


def problems_of(town: Township, text: str) -> list[str]:
    town.edit(Write(PAIRINGS, text))
    return town.problems()


BROKEN = [
    pytest.param(
        ONE.replace("with: qingshan", "with: qingshna"),
        ["data/pairings.yml:2: 结对党组织“qingshna”不是 branches.yml 中的党组织编号；是不是“qingshan”？"],
        id="unknown_organisation",
    ),
    pytest.param(
        ONE.replace("with: qingshan", "with: 青山村党总支"),
        [
            "data/pairings.yml:2: 结对党组织“青山村党总支”不是 branches.yml 中的党组织编号；青山村党总支的编号是 qingshan"
        ],
        id="organisation_written_by_its_name",
    ),
    pytest.param(
        ONE.replace("partner: 县水务局\n  partner_kind: county_department\n", "partner: zhen-jiguna\n"),
        [
            "data/pairings.yml:3: 结对单位“zhen-jiguna”不是 branches.yml 中的党组织编号；是不是“zhen-jiguan”？；"
            "本镇以外的单位请写单位名称（例如 县水务局）并写 partner_kind"
        ],
        id="unknown_partner_organisation",
    ),
    pytest.param(
        ONE.replace("  partner_kind: county_department\n", ""),
        [
            "data/pairings.yml:3: 结对单位“县水务局”不在 branches.yml 中，请写明它的类型 partner_kind："
            "county_department 县直部门、station 乡镇站所、enterprise 企业、school 学校 或 other 其他"
        ],
        id="partner_name_without_kind",
    ),
    pytest.param(
        ONE.replace("partner: 县水务局", "partner: zhen-jiguan"),
        [
            "data/pairings.yml:4: 结对单位“zhen-jiguan”是 branches.yml 中的党组织（镇机关党支部），"
            "类型按党组织名册确定；请删去 partner_kind"
        ],
        id="partner_kind_for_an_organisation",
    ),
    pytest.param(
        ONE.replace("partner: 县水务局\n  partner_kind: county_department\n", "partner: 镇机关党支部\n"),
        ["data/pairings.yml:3: “镇机关党支部”是 branches.yml 中的党组织，请写它的编号 zhen-jiguan"],
        id="partner_organisation_by_its_name",
    ),
    pytest.param(
        ONE.replace("partner: 县水务局\n  partner_kind: county_department\n", "partner: qingshan\n"),
        ["data/pairings.yml:3: 结对单位和结对党组织是同一个党组织“qingshan”"],
        id="paired_with_itself",
    ),
    pytest.param(
        ONE + ONE.replace("id: p-a", "id: p-c"),
        [
            "data/pairings.yml:14: “县水务局”与“qingshan”的结对已在 data/pairings.yml:3 写过；"
            "同一对只写一次，续签日期写在 renewed 里，每年的成果写在 results 里"
        ],
        id="pair_listed_twice",
    ),
    pytest.param(
        SECOND
        + SECOND.replace("id: p-b", "id: p-c")
        .replace("with: qingshan-1", "with: zhen-jiguan")
        .replace("partner: zhen-jiguan", "partner: qingshan-1"),
        [
            "data/pairings.yml:8: “qingshan-1”与“zhen-jiguan”的结对已在 data/pairings.yml:3 写过；"
            "同一对只写一次，续签日期写在 renewed 里，每年的成果写在 results 里"
        ],
        id="two_organisations_paired_twice_the_other_way_round",
    ),
    pytest.param(
        ONE + SECOND.replace("id: p-b", "id: p-a"),
        ["data/pairings.yml:12: 结对编号“p-a”重复，已在 data/pairings.yml:1 写过；编号必须唯一"],
        id="duplicate_id",
    ),
    pytest.param(
        ONE.replace("funds: 8.0", "funds: -8.0"),
        ["data/pairings.yml:11: 投入资金不能为负数（写的是 -8.0 万元）"],
        id="negative_funds",
    ),
    pytest.param(
        ONE.replace("funds: 8.0", "funds: 8.00001"),
        ["data/pairings.yml:11: 投入资金以万元为单位，最多写 4 位小数（即到 1 元）；写的是 8.00001"],
        id="funds_finer_than_one_yuan",
    ),
    pytest.param(
        ONE.replace("date: 2025-05-10", "date: 2024-02-29"),
        ["data/pairings.yml:9: 共创成果的日期 2024-02-29 早于共创协议签订日期 2024-03-01"],
        id="result_before_signed",
    ),
    pytest.param(
        ONE.replace("renewed: [2025-03-01]", "renewed: [2024-03-01]"),
        ["data/pairings.yml:6: 续签日期 2024-03-01 应晚于共创协议签订日期 2024-03-01"],
        id="renewed_on_or_before_signed",
    ),
    pytest.param(
        ONE.replace("renewed: [2025-03-01]", "renewed:\n  - 2025-03-01\n  - 2025-03-01"),
        ["data/pairings.yml:8: 续签日期 2025-03-01 写了两次"],
        id="renewed_twice_on_one_day",
    ),
    pytest.param(
        ONE.replace("partner_kind: county_department", "partner_kind: 县直部门"),
        [
            "data/pairings.yml:4: “partner_kind”：“县直部门”不是可选的值，应为 "
            "county_department、station、enterprise、school、other 之一"
        ],
        id="partner_kind_in_chinese",
    ),
    pytest.param(
        ONE.replace("funds: 8.0", "funds: 8万"),
        ["data/pairings.yml:11: “funds”：“8万”应为数字：只写阿拉伯数字，不带单位和文字"],
        id="funds_not_a_number",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN)
def test_mistakes_in_pairings_yml_are_reported_at_their_line(
    town: Township, text: str, expected: list[str]
) -> None:
    assert problems_of(town, text) == expected


def test_every_mistake_at_once(town: Township) -> None:
    text = ONE.replace("with: qingshan", "with: nowhere").replace("funds: 8.0", "funds: -1") + SECOND.replace(
        "id: p-b", "id: p-a"
    )
    found = problems_of(town, text)
    assert [line.split(": ", 1)[0] for line in found] == [
        "data/pairings.yml:2",
        "data/pairings.yml:11",
        "data/pairings.yml:12",
    ]


def test_a_pairing_naming_a_branch_that_failed_to_load_is_not_reported_twice(town: Township) -> None:
    town.set("data/branches.yml", BRANCHES + "- id: zhen-shuiwu\n  name: 镇水务站党支部\n  kind: station\n")
    found = problems_of(town, SECOND.replace("partner: zhen-jiguan", "partner: zhen-shuiwu"))
    assert len(found) == 1 and found[0].startswith("data/branches.yml:")
