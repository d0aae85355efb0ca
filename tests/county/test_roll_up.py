"""A county's roll-up from published summaries: what each township's status is, what the tables and the county's
open data say, and that no township's bad folder stops the others (no site build here: see test_county_site)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from noticeboard.boards.figures import ROW
from noticeboard.boards.kinds import load_township
from noticeboard.boards.township import build_boards
from noticeboard.county.comparison import county_boards
from noticeboard.county.settings import County, read_county
from noticeboard.county.site import county_catalogue, read_county_site
from noticeboard.outputs import open_data
from noticeboard.outputs.open_data import SCHEMA_VERSION
from noticeboard.registries.errors import Problems
from support import ROOT
from support.open_data import document

YEAR = 2025


def summary(
    *,
    year: int = YEAR,
    branches: dict[str, int] | None = None,
    due: int = 8,
    fulfilled: int = 7,
    boards: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A township's ``summary.json`` as a township site publishes it (version 2)."""
    stars = branches or {"3": 1, "2": 3, "1": 3, "0": 1}
    return {
        "schema_version": SCHEMA_VERSION,
        "organisation": "某镇党委",
        "year": year,
        "as_of": f"{year + 1}-01-05",
        "branches": {"stars": stars, "unrated": 0, "total": sum(stars.values())},
        "members": {"stars": {"3": 10, "2": 20, "1": 30, "0": 5}, "exempt": 2, "unrated": 0, "total": 67},
        "commitments": {
            "total": 12,
            "due": due,
            "due_fulfilled": fulfilled,
            "fulfilled": fulfilled,
            "not_due": 12 - due,
            "overdue": due - fulfilled,
            "in_progress": 12 - fulfilled - 2,  # (planned 1, unfulfilled 1: the four add up to the total)
            "planned": 1,
            "unfulfilled": 1,
        },
        "boards": boards
        if boards is not None
        else {
            "pairings": {
                "pairs": 2,
                "kinds": pair_kinds(county_village=2),
                "funds_year": 1.5,
                "funds_total": 2.25,
            }
        },
        **extra,
    }


def pair_kinds(**counts: int) -> dict[str, int]:
    """结对共创's pairs by kind as a summary gives them: every kind, 0 where none."""
    return {
        kind: counts.get(kind, 0)
        for kind in ("county_village", "station_village", "station_station", "other")
    }


def changed(published: dict[str, Any], path: tuple[str, ...], value: object) -> dict[str, Any]:
    """``published`` with ``value`` at ``path``."""
    into = published
    for step in path[:-1]:
        into = into[step]
    into[path[-1]] = value
    return published


def publish(folder: Path, document: object, name: str = "summary.json") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def county_file(tmp_path: Path, townships: list[tuple[str, str]], text: str | None = None) -> Path:
    lines = [f"organisation: 某某县委组织部\nyear: {YEAR}\nsite: https://county.example.org/\ntownships:"]
    for ident, name in townships:
        lines.append(
            f"- id: {ident}\n  name: {name}\n  site: https://{ident}.example.org\n  open_data: {ident}/data"
        )
    path = tmp_path / "county.yml"
    path.write_text(text if text is not None else "\n".join(lines) + "\n", encoding="utf-8")
    return path


def roll_up(path: Path) -> Any:
    problems = Problems(path.parent)
    county = read_county(path, problems)
    assert county is not None, list(problems)
    return read_county_site(county, path)


def half_up(count: int, whole: int) -> str:
    return str((Decimal(count) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))


def by_id(site: Any) -> dict[str, Any]:
    return {t.entry.id: t for t in site.townships}


def test_a_good_township_is_counted_and_its_counts_are_copied_unchanged(tmp_path: Path) -> None:
    publish(tmp_path / "a" / "data", summary())
    site = roll_up(county_file(tmp_path, [("a", "甲镇")]))
    (township,) = site.townships
    assert (township.status, township.reason, township.year) == ("ok", None, YEAR)
    data = json.loads(county_catalogue(site, site_url="", directory_urls=True).files["data/townships.json"])
    assert (data["schema_version"], data["organisation"], data["year"]) == (
        SCHEMA_VERSION,
        "某某县委组织部",
        YEAR,
    )
    (row,) = data["townships"]
    published = summary()
    for key in ("branches", "members", "commitments", "boards"):
        assert row[key] == published[key]
    assert data["totals"]["branches"] == published["branches"]


@pytest.mark.parametrize(
    ("prepare", "reason"),
    [
        (lambda folder: None, "找不到开放数据文件夹 b/data"),
        (lambda folder: folder.mkdir(parents=True), "缺少文件 b/data/summary.json"),
        (
            lambda folder: (
                folder.mkdir(parents=True),
                (folder / "summary.json").write_text("{", encoding="utf-8"),
            ),
            "b/data/summary.json 不是有效的 JSON（第 1 行）",
        ),
        (
            lambda folder: publish(folder, {"year": YEAR, "branches": {}}),
            "旧格式的数据（第 1 版，没有写明格式版本）",
        ),
        (lambda folder: publish(folder, [1, 2]), "旧格式"),
        (lambda folder: publish(folder, {**summary(), "schema_version": 1}), "第 1 版格式，汇总读取第 2 版"),
        (
            lambda folder: publish(folder, {**summary(), "schema_version": 3}),
            "请升级县级汇总使用的公示栏程序",
        ),
        (lambda folder: publish(folder, {**summary(), "schema_version": "2"}), "格式版本不是整数"),
        (
            lambda folder: publish(folder, summary(branches={"3": -1, "2": 0, "1": 0, "0": 0})),
            "branches.stars.3 不是个数（整数）",
        ),
        (
            lambda folder: publish(folder, {**summary(), "members": {"stars": {"3": "十"}, "total": 1}}),
            "不是个数",
        ),
        (
            lambda folder: publish(folder, {k: v for k, v in summary().items() if k != "members"}),
            "缺少 members",
        ),
        (lambda folder: publish(folder, {**summary(), "year": None}), "没有写明年度"),
        # (it stopped the whole roll-up with a traceback)
        (lambda folder: publish(folder, {**summary(), "boards": None}), "boards 应为各公示栏的数量"),
        (lambda folder: publish(folder, summary(boards={"venues": 5})), "boards.venues.stars.5 不是个数"),
        (  # (shown as 10.9（20.8%）: the share of 10)
            lambda folder: publish(folder, changed(summary(), ("branches", "stars", "3"), 10.9)),
            "branches.stars.3 不是个数（整数）",
        ),
        (  # (三星 60 of 48: 125.0%)
            lambda folder: publish(folder, changed(summary(), ("branches", "stars", "3"), 60)),
            "summary.json 中星级支部各项之和 67 与总数 8 不符，数据自相矛盾",  # (it said total, in English)
        ),
        (  # (已表彰 9, 其中党员 6、党组织 7 was shown and added up)
            lambda folder: publish(
                folder,
                summary(boards={"honours": {"proposed": 0, "awarded": 9, "members": 6, "organisations": 7}}),
            ),
            "表彰各项之和 13 与已表彰数 9 不符",
        ),
        (  # (50.0 of 35.4 万元 in all was shown and added up)
            lambda folder: publish(folder, changed(summary(), ("boards", "pairings", "funds_year"), 50.0)),
            "结对共创本年度投入资金 50.0 万元多于累计投入 2.25 万元",
        ),
        (
            lambda folder: publish(folder, changed(summary(), ("commitments", "overdue"), 5)),
            "已到期的兑现数与逾期数之和大于已到期数 8",
        ),
        (lambda folder: publish(folder, summary(year=YEAR + 1)), "晚于汇总的 2025 年度"),
    ],
)
def test_a_township_without_usable_data_is_missing_with_its_reason_and_the_others_go_on(
    tmp_path: Path, prepare: Any, reason: str
) -> None:
    publish(tmp_path / "a" / "data", summary())
    prepare(tmp_path / "b" / "data")
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇")]))
    good, bad = site.townships
    assert good.status == "ok"
    assert bad.status == "missing" and reason in bad.reason, bad.reason
    assert str(tmp_path) not in bad.reason  # the page never shows the building machine's folders
    files = county_catalogue(site, site_url="", directory_urls=True).files
    data = json.loads(files["data/townships.json"])
    assert [t["status"] for t in data["townships"]] == ["ok", "missing"]
    assert data["totals"]["branches"] == summary()["branches"]  # the missing one adds nothing


def test_an_earlier_year_is_stale_shown_but_not_added_and_a_later_year_uses_its_archive(
    tmp_path: Path,
) -> None:
    publish(tmp_path / "a" / "data", summary(branches={"3": 4, "2": 0, "1": 0, "0": 0}))
    publish(tmp_path / "b" / "data", summary(year=YEAR - 1))
    publish(tmp_path / "c" / "data", summary(year=YEAR + 1, branches={"3": 9, "2": 0, "1": 0, "0": 0}))
    publish(tmp_path / "c" / "data" / str(YEAR), summary(branches={"3": 2, "2": 2, "1": 0, "0": 0}))
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇"), ("c", "丙镇")]))
    _, b, c = site.townships
    assert (b.status, b.year) == ("stale", YEAR - 1) and "2024 年度" in b.reason
    assert (c.status, c.year) == ("ok", YEAR)
    branches = next(table for table in site.tables if table.key == "branches")
    assert branches.rows[1].cells[0].text == "1（12.5%）"  # shown, with its year said
    assert branches.rows[1].note == "2024 年度数据，未计入全县合计"
    assert branches.rows[2].cells[0].text == "2（50.0%）"  # the 2025 archive, not the 2026 board
    # each links its numbers' year: 丙镇's current board is 2026's
    assert [row.board_url for row in branches.rows] == [
        f"https://{ident}.example.org/{year}/boards/branches/"
        for ident, year in (("a", 2025), ("b", 2024), ("c", 2025))
    ]
    assert branches.total[0].text == f"6（{half_up(6, 8)}%）"  # 甲 4 of 4 + 丙 2 of 4
    assert "另有 1 个乡镇未计入" in branches.totals_note


def test_shares_are_half_up_and_a_rate_without_anything_due_is_a_dash(tmp_path: Path) -> None:
    publish(tmp_path / "a" / "data", summary(branches={"3": 1, "2": 7, "1": 0, "0": 0}, due=8, fulfilled=1))
    publish(tmp_path / "b" / "data", summary(due=0, fulfilled=0))
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇")]))
    tables = {table.key: table for table in site.tables}
    assert tables["branches"].rows[0].cells[0].text == "1（12.5%）"  # 12.5 exactly: half-up keeps it
    rate = tables["commitments"].headers.index("兑现率")
    assert tables["commitments"].rows[0].cells[rate].text == "12.5%"
    assert tables["commitments"].rows[1].cells[rate].text == "—"
    assert tables["commitments"].rows[1].cells[rate].sort == ""  # sorts last, not as 0
    assert tables["commitments"].total[rate].text == "12.5%"  # 1 of 8 due in the county
    chart = tables["commitments"].chart  # (it drew 乙镇 at 0.0%: the worst township)
    assert [(bar.text, bar.width) for bar in chart.bars][1] == ("—", 0)


def test_a_board_a_township_does_not_publish_says_so_and_amounts_add_up_exactly(tmp_path: Path) -> None:
    publish(tmp_path / "a" / "data", summary())
    publish(
        tmp_path / "b" / "data",
        summary(
            boards={
                "pairings": {"pairs": 1, "kinds": pair_kinds(other=1), "funds_year": 0.1, "funds_total": 0.2}
            }
        ),
    )
    publish(tmp_path / "c" / "data", summary(boards={}))
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇"), ("c", "丙镇")]))
    pairings = next(table for table in site.tables if table.key == "pairings")
    funds = pairings.headers.index("本年度投入资金")
    assert [row.cells[funds].text for row in pairings.rows] == ["1.5 万元", "0.1 万元", "未公示"]
    assert pairings.total[funds].text == "1.6 万元"  # decimals, not 1.6000000000000001
    totals = json.loads(county_catalogue(site, site_url="", directory_urls=True).files["data/townships.json"])
    assert totals["totals"]["boards"]["pairings"]["funds_total"] == 2.45


def test_every_compared_column_reads_a_number_a_township_publishes() -> None:
    """Each declared column's path is a number in the demo township's summary.json (it has every board)."""
    registry = load_township(ROOT / "data", root=ROOT)
    boards = build_boards(registry, registry.site.as_of or dt.date(2026, 1, 5))
    published = document(open_data.files(boards)["data/summary.json"])
    for board in county_boards():
        for column in board.columns:
            value: Any = published
            for step in column.path:
                value = value[step]
            assert isinstance(value, (int, float)) and not isinstance(value, bool), (board.key, column.path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("organisation: 县委组织部\nyear: 2025\n", "county.yml:1:"),
        (
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n  site: a.example.org\n"
            "  open_data: a\n",
            "county.yml:6:",
        ),
        (
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n  site: https://a.org/\n"
            "  open_data: a\n- id: a\n  name: 乙镇\n  site: https://b.org/\n  open_data: b\n",
            "county.yml:8: 乡镇编号“a”写了两次，第 4 行已经写过",  # at the repeat, not at townships:
        ),
        (
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: A镇\n  name: 甲镇\n  site: https://a.org/\n"
            "  open_data: a\n",
            "county.yml:4:",
        ),
        ("organisation: 县委组织部\nyear: 2025\ntownship:\n- id: a\n", "township"),
        (  # (its links led to https://boards/branches/)
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n  site: https://\n"
            "  open_data: a\n",
            "county.yml:6: “site”（网站地址）：网站地址不完整或含有空格",
        ),
        (
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n"
            "  site: https://baisha example.org/\n  open_data: a\n",
            "county.yml:6: “site”（网站地址）：网站地址不完整或含有空格",
        ),
        (  # (a traceback: embedded null byte)
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n  site: https://a.org/\n"
            '  open_data: "a\\0b"\n',
            "county.yml:7: “open_data”（开放数据文件夹）：含有一个看不见的字符（U+0000）",
        ),
        (  # (Invalid IPv6 URL, in English)
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n  site: https://[abc/\n"
            "  open_data: a\n",
            "county.yml:6: “site”（网站地址）：网站地址不完整或含有空格",
        ),
        (  # one site, written two ways
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n  site: http://A.org\n"
            "  open_data: a\n- id: b\n  name: 乙镇\n  site: https://a.org/\n  open_data: b\n",
            "county.yml:10: 乡镇网站地址“https://a.org/”写了两次，第 6 行已经写过",
        ),
        # (it said: 应有 3 个数：从高到低三个等次的最低分)
        (
            "organisation: 县委组织部\nyear: 2025\ntownships: []\n",
            "county.yml:3: “townships”（乡镇）：至少要写 1 项",
        ),
        (  # (乙镇 showed 甲镇's figures, added up twice)
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n  site: https://a.org/\n"
            "  open_data: a/data/\n- id: b\n  name: 乙镇\n  site: https://b.org\n  open_data: ./a/data\n",
            "county.yml:11: 乡镇开放数据文件夹“./a/data”写了两次，第 7 行已经写过",
        ),
        (
            "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n  site: https://a.org/\n"
            "  open_data: a\n- id: b\n  name: 乙镇\n  site: https://a.org\n  open_data: b\n",
            "county.yml:10: 乡镇网站地址“https://a.org”写了两次，第 6 行已经写过",
        ),
    ],
)
def test_a_wrong_county_file_is_reported_by_line(tmp_path: Path, text: str, expected: str) -> None:
    path = county_file(tmp_path, [], text)
    problems = Problems(tmp_path)
    assert read_county(path, problems) is None
    assert problems and any(expected in str(problem) for problem in problems), [str(p) for p in problems]


def test_every_problem_of_a_county_file_is_listed_at_once_in_chinese(tmp_path: Path) -> None:
    text = (
        "organisation: 县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n  site: a.example.org\n"
        "  open_data: a\n- id: a\n  name: 乙镇\n  site: https://b.org/\n  open_data: b\n"
    )
    problems = Problems(tmp_path)
    assert read_county(county_file(tmp_path, [], text), problems) is None
    messages = [str(problem) for problem in problems]
    assert messages == [
        "county.yml:6: “site”（网站地址）：网站地址要以 https:// 或 http:// 开头",
        "county.yml:8: 乡镇编号“a”写了两次，第 4 行已经写过",
    ]


def test_county_file_that_is_not_there(tmp_path: Path) -> None:
    problems = Problems(tmp_path)
    assert read_county(tmp_path / "county.yml", problems) is None
    assert "找不到县级汇总的配置文件" in str(next(iter(problems)))


def test_a_township_site_address_gets_its_slash(tmp_path: Path) -> None:
    county = County.model_validate(
        {
            "organisation": "县委组织部",
            "year": 2025,
            "townships": [{"id": "a", "name": "甲镇", "site": "https://a.example.org", "open_data": "a"}],
        }
    )
    assert county.townships[0].site == "https://a.example.org/"


def test_only_the_documented_numbers_are_copied_and_added_up(tmp_path: Path) -> None:
    """Whatever else a township's file holds is not the county's to publish: a rate was added up across
    townships (236.8) and a name with a birth year republished."""
    published = summary()
    published["commitments"]["rate"] = 81.3
    published["members"]["note"] = {"林家兴": 1989}
    publish(tmp_path / "a" / "data", published)
    site = roll_up(county_file(tmp_path, [("a", "甲镇")]))
    text = county_catalogue(site, site_url="", directory_urls=True).files["data/townships.json"].decode()
    assert "林家兴" not in text and "1989" not in text and '"rate"' not in text
    (row,) = json.loads(text)["townships"]
    assert row["members"] == summary()["members"] and row["commitments"] == summary()["commitments"]


def test_an_amount_nothing_was_recorded_of_is_a_dash_and_adds_nothing(tmp_path: Path) -> None:
    publish(tmp_path / "a" / "data", summary())
    unrecorded = {"pairs": 1, "kinds": pair_kinds(other=1), "funds_year": None, "funds_total": 0.5}
    publish(tmp_path / "b" / "data", summary(boards={"pairings": unrecorded}))
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇")]))
    assert [t.status for t in site.townships] == ["ok", "ok"]
    pairings = next(table for table in site.tables if table.key == "pairings")
    funds = pairings.headers.index("本年度投入资金")
    assert [row.cells[funds].text for row in pairings.rows] == ["1.5 万元", "—"]
    assert pairings.total[funds].text == "1.5 万元"
    assert pairings.chart.column == "本年度投入资金"  # (it says what the table says: not 0 万元)
    assert [(bar.text, bar.width) for bar in pairings.chart.bars][1] == ("—", 0)


@pytest.mark.parametrize("count", [1, 3, 9, 10, 17, 30, 40])
def test_many_townships_print_on_sheets_with_the_total_on_the_last(tmp_path: Path, count: int) -> None:
    """Thirty townships printed as one table ran onto a second page without its title, and the 全县合计 row
    repeated under the first page's 22 read as their subtotal; nine once made a sheet of the total alone."""
    townships = [(f"t{number}", f"第{number}镇") for number in range(count)]
    for ident, _ in townships:
        publish(tmp_path / ident / "data", summary())
    site = roll_up(county_file(tmp_path, townships))
    (poster,) = county_catalogue(site, site_url="", directory_urls=True).standalone
    sheets = poster.view.sheets
    assert [row.name for sheet in sheets for row in sheet.rows] == [name for _, name in townships]
    assert all(sheet.rows for sheet in sheets), "no sheet of the total alone"
    assert [sheet.title.endswith("（续）") for sheet in sheets] == [False] + [True] * (len(sheets) - 1)
    assert [(sheet.total is not None, bool(sheet.notes)) for sheet in sheets] == [(False, False)] * (
        len(sheets) - 1
    ) + [(True, True)]
    pages = (
        [f"第 {n} 页，共 {len(sheets)} 页" for n in range(1, len(sheets) + 1)] if len(sheets) > 1 else [""]
    )
    assert [sheet.page for sheet in sheets] == pages
    assert (len(sheets) == 1) == (count <= 3)


def test_a_long_township_name_takes_more_lines_in_the_chart(tmp_path: Path) -> None:
    """红河哈尼族彝族自治州金平苗族瑶族傣族自治县者米拉祜族乡 ran past the chart's edge, cut at …傣族自治."""
    long = "红河哈尼族彝族自治州金平苗族瑶族傣族自治县者米拉祜族乡"
    for ident in ("a", "b"):
        publish(tmp_path / ident / "data", summary())
    site = roll_up(county_file(tmp_path, [("a", long), ("b", "乙镇")]))
    chart = site.tables[0].chart
    first, second = chart.bars
    assert "".join(line for _, line in first.label_lines) == long
    assert len(first.label_lines) == 2 and all(len(line) <= 19 for _, line in first.label_lines)
    assert first.bar_y == first.label_y + 6 + 18  # below the label's second line
    assert second.label_y == first.label_y + ROW + 18  # the next township pushed down by that line
    assert chart.height >= second.bar_y + chart.bar_height  # the last bar inside the chart


def test_an_amount_a_township_recorded_none_of_is_not_counted_in_its_total(tmp_path: Path) -> None:
    """乙镇 recorded no funds (—): the total of 本年度投入资金 is 甲镇's alone, and says it counts one
    township (the home page said 计入 7 个乡镇 of a sum of six)."""
    publish(tmp_path / "a" / "data", summary())
    none = {"pairs": 1, "kinds": pair_kinds(other=1), "funds_year": None, "funds_total": None}
    publish(tmp_path / "b" / "data", summary(boards={"pairings": none}))
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇")]))
    pairings = next(table for table in site.tables if table.key == "pairings")
    funds = pairings.headers.index("本年度投入资金")
    assert [row.cells[funds].text for row in pairings.rows] == ["1.5 万元", "—"]
    assert pairings.total[funds].text == "1.5 万元"
    assert pairings.counted == 2 and pairings.column_counts[funds] == 1
    assert pairings.column_counts[pairings.headers.index("结对")] == 2


def test_townships_rating_by_different_rules_are_said_to_and_how(tmp_path: Path) -> None:
    """A township of 85 分三星 beside one of 90 分: the county page said nothing, and added them up (a
    helper's county audit). Each summary carries its boards' rules; where the townships added up differ, the
    table says so, with each rule and its townships. A township that published no rules is not compared."""
    ninety = "90 分及以上三星；80–89.9 分二星；60–79.9 分一星；60 分以下无星"
    eighty_five = "85 分及以上三星；75–84.9 分二星；60–74.9 分一星；60 分以下无星（本镇规定：各星级的分数线）"
    publish(tmp_path / "a" / "data", summary(rules={"branches": ninety, "members": ninety}))
    publish(tmp_path / "b" / "data", summary(rules={"branches": eighty_five, "members": ninety}))
    publish(tmp_path / "c" / "data", summary(rules={"branches": ninety}))
    publish(tmp_path / "d" / "data", summary())  # (an earlier version: no rules)
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇"), ("c", "丙镇"), ("d", "丁镇")]))
    tables = {table.key: table for table in site.tables}
    assert tables["branches"].rules_note == (
        "各乡镇的规则不同，星级支部不能直接相比，全县合计是按不同规则评定的结果之和。"
        f"甲镇、丙镇：{ninety}；乙镇：{eighty_five}"
    )
    assert tables["members"].rules_note == ""  # one rule among those that published theirs
    assert tables["commitments"].rules_note == ""  # (no rule of the township's)
    files = county_catalogue(site, site_url="", directory_urls=True).files
    published = json.loads(files["data/boards.json"])["boards"]
    assert published["branches"]["rules_note"] == tables["branches"].rules_note


def test_a_townships_summary_carries_the_rules_its_boards_print(tmp_path: Path) -> None:
    boards = build_boards(load_township(ROOT / "data"), dt.date(2026, 1, 5))
    rules = open_data.summary(boards, boards.current)["rules"]
    assert rules["branches"] == boards.current.boards["branches"].rule
    assert rules["duty_reports"] == boards.current.boards["duty_reports"].rule
    assert {board.rule for board in boards.current.boards["members"].by_branch.values()} == {rules["members"]}
    assert set(rules) == {"branches", "members", "duty_reports", "venues"}


def test_commitments_judged_at_different_days_are_said_to_be_and_the_summary_is_dated_by_them(
    tmp_path: Path,
) -> None:
    """乙镇 judged half a year later: more fallen due and overdue, beside 甲镇's and in their total, with no day
    on the page; the printed summary said 发布 … of the last township's day alone (a helper's county audit).
    Stars do not depend on the day: their page says nothing of it."""
    publish(tmp_path / "a" / "data", summary())
    publish(tmp_path / "b" / "data", {**summary(), "as_of": f"{YEAR + 1}-06-30"})
    publish(tmp_path / "c" / "data", summary())
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇"), ("c", "丙镇")]))
    tables = {table.key: table for table in site.tables}
    assert tables["commitments"].rules_note == (
        "各乡镇统计到期、逾期的日期不同，公开承诺兑现不能直接相比。甲镇、丙镇：2026年1月5日；乙镇：2026年6月30日"
    )
    assert tables["branches"].rules_note == ""
    assert site.as_of_words == "各乡镇数据截至 2026年1月5日 至 2026年6月30日"
    (poster,) = county_catalogue(site, site_url="", directory_urls=True).standalone
    assert poster.view.date == site.as_of_words
    assert any("各乡镇统计到期、逾期的日期不同" in note for note in poster.view.sheets[-1].notes)


def test_one_day_for_every_township_is_said_once(tmp_path: Path) -> None:
    publish(tmp_path / "a" / "data", summary())
    publish(tmp_path / "b" / "data", summary())
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇")]))
    assert site.as_of_words == "数据截至 2026年1月5日"
    assert all(table.rules_note == "" for table in site.tables)


def test_a_chart_names_the_townships_it_has_no_bar_for(tmp_path: Path) -> None:
    """The table lists every township; the chart drew bars only for those with the board's data, and said
    nothing of the others (a helper's county audit)."""
    publish(tmp_path / "a" / "data", summary())
    publish(tmp_path / "b" / "data", summary(boards={}))  # (publishes no 结对共创)
    site = roll_up(county_file(tmp_path, [("a", "甲镇"), ("b", "乙镇"), ("c", "丙镇")]))  # (丙镇: no data)
    tables = {table.key: table for table in site.tables}
    assert len(tables["pairings"].chart.bars) == 1
    assert tables["pairings"].chart.left_out == "图中没有：乙镇（未公示此项）、丙镇（数据未提供）"
    assert tables["branches"].chart.left_out == "图中没有：丙镇（数据未提供）"
