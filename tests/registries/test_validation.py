"""Every kind of bad input gets a ``FILE:LINE: message`` in Chinese, all at once, never a traceback."""

from __future__ import annotations

from decimal import Decimal

import pytest

from support.township import Township


def test_the_sample_township_is_valid(town: Township) -> None:
    registry = town.load()
    assert [b.id for b in registry.branches] == ["qingshan", "qingshan-1", "zhen-jiguan"]
    assert registry.branch_of == {
        "m001": "qingshan-1",
        "m002": "qingshan-1",
        "m003": "qingshan-1",
        "m101": "zhen-jiguan",
    }
    assert registry.years == (2024, 2025)
    assert registry.member_by_id["m001"].private == {"phone": "13900000001"}
    assert registry.stories[0].title == "村企联建"


def test_yaml_syntax_error_points_at_the_line(town: Township) -> None:
    town.replace("data/branches.yml", "  secretary: 李明\n", "  secretary: 李明\n\tkind: village\n")
    assert town.problems() == [
        "data/branches.yml:10: YAML 格式错误：这里用了 Tab 键缩进；YAML 只能用空格缩进"
    ]


def test_duplicate_key_is_refused_not_silently_dropped(town: Township) -> None:
    town.replace("data/members/qingshan-1.yml", "  gender: 女\n", "  gender: 女\n  name: 邱美林\n")
    assert town.problems() == [
        "data/members/qingshan-1.yml:4: 键“name”重复出现（第一次在第 2 行）；"
        "YAML 只会保留最后一个，前面的内容会丢失，请合并或删除重复的键"
    ]


def test_gbk_file_is_named_with_the_fix(town: Township) -> None:
    town.set("data/members/zhen-jiguan.yml", "- id: m101\n  name: 周丽娟\n  gender: 女\n".encode("gbk"))
    assert town.problems() == [
        "data/members/zhen-jiguan.yml:2: 文件不是 UTF-8 编码（看起来是 GBK，中文 Windows 的记事本、Excel、WPS 默认如此）；"
        "请用记事本“另存为”，编码选“UTF-8”后保存"
    ]


def test_utf8_bom_from_notepad_is_accepted(town: Township) -> None:
    town.set("data/members/zhen-jiguan.yml", "\ufeff- id: m101\n  name: 周丽娟\n  gender: 女\n".encode())
    assert town.load().member_by_id["m101"].name == "周丽娟"


def test_windows_line_endings_are_accepted(town: Township) -> None:
    town.set(
        "data/members/zhen-jiguan.yml", b"- id: m101\r\n  name: \xe5\x91\xa8\r\n  gender: \xe5\xa5\xb3\r\n"
    )
    assert town.load().member_by_id["m101"].name == "周"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("  - id: 0123", '“id”（编号）：应为文字；YAML 把 0123 读成了数字 83，请加引号写成 "0123"'),
        ("  - id: 1_000", '“id”（编号）：应为文字；YAML 把 1_000 读成了数字 1000，请加引号写成 "1_000"'),
        ("  - id: 0x1F", '“id”（编号）：应为文字；YAML 把 0x1F 读成了数字 31，请加引号写成 "0x1F"'),
        ("  - id: no", '“id”（编号）：应为文字；YAML 把 no 读成了是/否（布尔值），请加引号写成 "no"'),
        (
            "  - id: 2024-01-01",
            '“id”（编号）：应为文字；YAML 把 2024-01-01 读成了日期，请加引号写成 "2024-01-01"',
        ),
    ],
)
def test_values_yaml_turns_into_another_type(town: Township, line: str, message: str) -> None:
    town.set("data/members/zhen-jiguan.yml", f"{line.strip()}\n  name: 周丽娟\n  gender: 女\n")
    assert town.problems() == [f"data/members/zhen-jiguan.yml:1: {message}"]


def test_gender_yes_is_explained(town: Township) -> None:
    town.replace("data/members/qingshan-1.yml", "gender: 女", "gender: yes")
    assert town.problems() == [
        "data/members/qingshan-1.yml:3: “gender”（性别）：“yes”不是可选的值，应为 男、女 之一；"
        'YAML 把 yes 读成了是/否（布尔值），请加引号写成 "yes"'
    ]


def test_impossible_date(town: Township) -> None:
    town.replace("data/members/qingshan-1.yml", "joined: 2009-11-18", "joined: 2024-02-30")
    assert town.problems() == [
        "data/members/qingshan-1.yml:7: 日期“2024-02-30”不存在，请检查年、月、日（例如 2024-02-30 是无效日期）"
    ]


def test_unknown_key_suggests_the_nearest(town: Township) -> None:
    town.replace("data/members/qingshan-1.yml", "  ethnicity: 汉族", "  ethnicty: 汉族")
    assert town.problems() == ["data/members/qingshan-1.yml:4: 未知字段“ethnicty”，是不是“ethnicity”？"]


def test_unknown_top_level_key_in_site(town: Township) -> None:
    town.replace("data/site.yml", "year: 2025", "yaer: 2025")
    assert town.problems() == [
        "data/site.yml:1: 缺少必填字段 “year”（考核年度）",
        "data/site.yml:3: 未知字段“yaer”，是不是“year”？",
    ]


def test_anything_goes_under_private(town: Township) -> None:
    town.replace(
        "data/members/qingshan-1.yml",
        "    phone: '13900000001'",
        "    phone: '1'\n    身份证号: x\n    notes: [a, b]",
    )
    assert town.load().member_by_id["m001"].private["身份证号"] == "x"


def test_missing_required_field(town: Township) -> None:
    town.replace("data/members/qingshan-1.yml", "  name: 唐德华\n", "")
    assert town.problems() == ["data/members/qingshan-1.yml:14: 缺少必填字段 “name”（名称）"]


def test_duplicate_member_id_across_files(town: Township) -> None:
    town.replace("data/members/zhen-jiguan.yml", "id: m101", "id: m002")
    town.replace("data/points/2025/zhen-jiguan.yml", "member: m101", "member: m002")
    problems = town.problems()
    assert (
        "data/members/zhen-jiguan.yml:1: 党员编号“m002”重复，已在 data/members/qingshan-1.yml:14 使用；编号必须唯一"
        in problems
    )


def test_duplicate_branch_id(town: Township) -> None:
    town.replace("data/branches.yml", "- id: zhen-jiguan", "- id: qingshan-1")
    assert (
        "data/branches.yml:15: 党组织编号“qingshan-1”重复，已在 data/branches.yml:5 使用；编号必须唯一"
        in town.problems()
    )


def test_references_to_missing_branches_and_members(town: Township) -> None:
    town.replace("data/branches.yml", "parent: qingshan", "parent: qingshan-x")
    town.replace("data/points/2025/zhen-jiguan.yml", "member: m101", "member: m999")
    town.replace("data/commitments/2025.yml", "by: m001", "by: m998")
    town.replace("docs/stories/posts/tea.md", "  - qingshan-1", "  - qingshan-9")
    assert town.problems() == [
        "data/branches.yml:8: 所属党总支“qingshan-x”不存在于 branches.yml",
        "data/commitments/2025.yml:2: 承诺人“m998”既不是党员编号，也不是党组织编号",
        "data/points/2025/zhen-jiguan.yml:1: 党员编号“m999”不存在",
        "docs/stories/posts/tea.md:6: 党支部编号“qingshan-9”不存在",
    ]


def test_parent_must_be_a_general_branch(town: Township) -> None:
    town.replace("data/branches.yml", "parent: qingshan", "parent: zhen-jiguan")
    assert town.problems() == [
        "data/branches.yml:8: “zhen-jiguan”不是党总支（kind: general），不能作为 parent"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "2025: {score: 79.95}",
            "2025: {score: 100.5}",
            "data/branches.yml:20: 2025 年的 “score”（总分）：100.5 超出范围：不能大于 100",
        ),
        (
            "2025: {score: 79.95}",
            "2025: {score: -1}",
            "data/branches.yml:20: 2025 年的 “score”（总分）：-1 超出范围：不能小于 0",
        ),
        (
            "      points: 89.9",
            "      points: 101",
            "data/branches.yml:13: 2025 年的 “points”（积分制管理考核）：101 超出范围：不能大于 100",
        ),
    ],
)
def test_scores_outside_0_to_100(town: Township, old: str, new: str, expected: str) -> None:
    town.replace("data/branches.yml", old, new)
    assert town.problems() == [expected]


def test_member_points_outside_the_ledger_bounds(town: Township) -> None:
    town.replace("data/members/qingshan-1.yml", "    2025: 91", "    2025: 120")
    assert town.problems() == [
        "data/members/qingshan-1.yml:11: 2025 年的积分 120 超出范围：应在 0 到 100 之间"
    ]


def test_assessment_must_match_the_scheme(town: Township) -> None:
    town.replace("data/branches.yml", "2024: {points: 80, target: 84}", "2024: {points: 80}")
    assert town.problems() == [
        "data/branches.yml:11: 2024 年的考核应写全 points（积分制管理考核）、target（年终目标考核），"
        "或只写 score（总分）；现在写的是 points"
    ]


def test_scheme_weights_must_sum_to_one(town: Township) -> None:
    town.set("data/schemes.yml", "branch:\n  components:\n    points: 0.5\n    target: 0.6\n")
    assert town.problems() == [
        "data/schemes.yml:2: “components”（考核项权重）：各项权重合计应为 1，现在是 1.1"
    ]


def test_scheme_defaults_apply_per_key(town: Township) -> None:
    town.set("data/schemes.yml", "member:\n  round: 0\n")
    registry = town.load()
    assert registry.schemes.member.round == 0
    assert registry.schemes.member.tiers == (Decimal(90), Decimal(80), Decimal(60))
    assert registry.schemes.branch.components == {"points": Decimal("0.5"), "target": Decimal("0.5")}


def test_member_file_must_name_a_branch(town: Township) -> None:
    town.set("data/members/qingshan-2.yml", "- id: m500\n  name: 王五\n  gender: 男\n")
    assert town.problems() == [
        "data/members/qingshan-2.yml: 文件名“qingshan-2”不是 branches.yml 中任何党支部的编号；文件名应为所属党支部的编号"
    ]


def test_total_and_ledger_for_the_same_year_is_an_error(town: Township) -> None:
    town.set(
        "data/members/zhen-jiguan.yml", "- id: m101\n  name: 周丽娟\n  gender: 女\n  points:\n    2025: 88\n"
    )
    assert town.problems() == [
        "data/points/2025/zhen-jiguan.yml:1: 党员“m101”的 2025 年积分已在 data/members/zhen-jiguan.yml:5 "
        "直接填写了总分；台账和总分只能用一种"
    ]


def test_ledger_entry_outside_its_year(town: Township) -> None:
    town.replace("data/points/2025/zhen-jiguan.yml", "date: 2025-06-01", "date: 2024-06-01")
    assert town.problems() == ["data/points/2025/zhen-jiguan.yml:6: 日期 2024-06-01 不在 2025 年内"]


def test_fulfilled_commitment_needs_its_date(town: Township) -> None:
    town.replace("data/commitments/2025.yml", "  fulfilled_on: 2025-11-20\n", "")
    assert town.problems() == [
        "data/commitments/2025.yml:12: 这一项：状态为 fulfilled（已兑现）时必须填写 fulfilled_on（兑现日期）"
    ]


def test_every_problem_is_reported_in_one_run(town: Township) -> None:
    town.replace("data/site.yml", "days: 7", "days: seven")
    town.replace("data/members/qingshan-1.yml", "gender: 男", "gender: 难")
    town.replace("data/commitments/2025.yml", "status: in_progress", "status: doing")
    problems = town.problems()
    assert problems == [
        "data/commitments/2025.yml:8: “status”（状态）：“doing”不是可选的值，应为 planned、in_progress、fulfilled、unfulfilled 之一",
        "data/members/qingshan-1.yml:16: “gender”（性别）：“难”不是可选的值，应为 男、女 之一",
        "data/site.yml:7: “days”（公示天数）：“seven”应为整数",
    ]


def test_missing_files_and_folder(town: Township, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (town.data / "site.yml").unlink()
    assert town.problems() == ["data/site.yml: 缺少这个文件"]


def test_aliases_are_refused(town: Township) -> None:
    town.set("data/members/zhen-jiguan.yml", "- &a\n  id: m101\n  name: 周\n  gender: 女\n- *a\n")
    assert town.problems() == [
        "data/members/zhen-jiguan.yml:1: 这里的内容在别处用别名（*）引用了；不支持 YAML 的锚点和别名（& 和 *），请把内容直接写出来"
    ]


def test_a_file_that_is_not_a_list(town: Township) -> None:
    town.set("data/members/zhen-jiguan.yml", "id: m101\nname: 周\n")
    assert town.problems() == ["data/members/zhen-jiguan.yml:1: 文件内容应为列表，每一项以“- ”开头"]


def test_empty_member_file_is_an_empty_branch(town: Township) -> None:
    town.set("data/members/zhen-jiguan.yml", "# 暂无党员\n")
    town.set("data/points/2025/zhen-jiguan.yml", "")
    assert town.load().members_by_branch["zhen-jiguan"] == ()


def test_slug_ids_only(town: Township) -> None:
    town.replace("data/branches.yml", "- id: zhen-jiguan", "- id: Zhen Jiguan")
    assert (
        "data/branches.yml:15: “id”（编号）：“Zhen Jiguan”只能由小写英文字母、数字和连字符“-”组成"
        in town.problems()
    )


def test_plain_whole_numbers_are_taken_as_text_ids(town: Township) -> None:
    """``id: 1001`` reads back unchanged, so it is accepted as "1001" wherever an id is referenced."""
    town.replace("data/members/zhen-jiguan.yml", "id: m101", "id: 1001")
    town.set(
        "data/points/2025/zhen-jiguan.yml",
        "- member: 1001\n  date: 2025-03-01\n  item: 参加志愿服务\n  points: 30\n",
    )
    town.replace("data/commitments/2025.yml", "by: m001", "by: 1001")
    registry = town.load()
    assert registry.member_by_id["1001"].name == "周丽娟"
    assert registry.branch_of["1001"] == "zhen-jiguan"
    assert "1001" in registry.ledgers[2025]


def test_a_numeric_id_in_a_broken_record_still_counts_as_known(town: Township) -> None:
    """A record that fails only on its gender keeps its id known, so references to it are not reported too."""
    town.set("data/members/zhen-jiguan.yml", "- id: 1001\n  name: 周丽娟\n  gender: 不详\n")
    town.set(
        "data/points/2025/zhen-jiguan.yml",
        "- member: 1001\n  date: 2025-03-01\n  item: 参加志愿服务\n  points: 3\n",
    )
    town.replace("data/commitments/2025.yml", "by: m001", "by: m404")
    assert town.problems() == [
        "data/commitments/2025.yml:2: 承诺人“m404”既不是党员编号，也不是党组织编号",
        "data/members/zhen-jiguan.yml:3: “gender”（性别）：“不详”不是可选的值，应为 男、女 之一",
    ]
