"""Every kind of bad input gets a ``FILE:LINE: message`` in Chinese, all at once, never a traceback."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from support.township import STORY, Delete, Edit, Replace, Township, Write

MEMBERS = "data/members/qingshan-1.yml"
ORGAN_MEMBERS = "data/members/zhen-jiguan.yml"
BRANCHES = "data/branches.yml"
LEDGER = "data/points/2025/zhen-jiguan.yml"
COMMITMENTS = "data/commitments/2025.yml"


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


def case(name: str, edits: list[Edit], expected: list[str] | str) -> pytest.ParameterSet:
    """A broken input: edits of the small township, and what ``problems()`` must say. A list is
    every problem, exactly; a single message must be among them (the mistake causes others too)."""
    return pytest.param(edits, expected, id=name)


BROKEN = [
    case(
        "yaml_syntax_error_points_at_the_line",
        [Replace(BRANCHES, "  secretary: 李明\n", "  secretary: 李明\n\tkind: village\n")],
        ["data/branches.yml:10: YAML 格式错误：这里用了 Tab 键缩进；YAML 只能用空格缩进"],
    ),
    case(  # PyYAML notices it at the end of the file: the clerk is sent where the quote was opened
        "a_quote_never_closed_points_at_the_line_it_opened",
        [Replace(MEMBERS, "  name: 唐德华\n", '  name: "唐德华\n')],
        [
            "data/members/qingshan-1.yml:15: YAML 格式错误：这一行的引号没有配对（直到文件末尾也没有另一半引号）；请补上引号"
        ],
    ),
    case(  # the next quote of the file (line 13) closes it: PyYAML stops after it
        "a_quote_closed_lines_later_points_at_the_line_it_opened",
        [Replace(MEMBERS, "  name: 邱美玲\n", "  name: '邱美玲\n")],
        [
            "data/members/qingshan-1.yml:2: YAML 格式错误：这一行的引号到第 13 行才配对，中间各行都成了这一个值；"
            "多半是这一行少了一个引号"
        ],
    ),
    case(  # a value over two lines on purpose: the mistake after it is where PyYAML found it
        "a_quoted_value_over_lines_is_not_blamed_for_a_mistake_after_it",
        [
            Replace(MEMBERS, "  gender: 女\n", '  gender: "女\n    "\n'),
            Replace(MEMBERS, "  ethnicity: 汉族\n", " ethnicity: 汉族\n"),
        ],
        "data/members/qingshan-1.yml:5: YAML 格式错误：列表项的缩进没有对齐（每项以“- ”开头）",
    ),
    case(
        "a_bad_item_in_a_closed_list_is_where_it_is",
        [Replace(MEMBERS, "  gender: 女\n", '  gender: [\n    "女" 男,\n  ]\n')],
        ["data/members/qingshan-1.yml:4: YAML 格式错误：方括号里的各项之间要用逗号“,”隔开"],
    ),
    case(
        "a_bracket_never_closed_points_at_the_line_it_opened",
        [Replace(MEMBERS, "  gender: 女\n", "  gender: [女\n")],
        ["data/members/qingshan-1.yml:3: YAML 格式错误：这一行的方括号“[”没有配对的“]”"],
    ),
    case(
        "duplicate_key_is_refused_not_silently_dropped",
        [Replace(MEMBERS, "  gender: 女\n", "  gender: 女\n  name: 邱美林\n")],
        [
            "data/members/qingshan-1.yml:4: 键“name”重复出现（第一次在第 2 行）；"
            "YAML 只会保留最后一个，前面的内容会丢失，请合并或删除重复的键"
        ],
    ),
    case(
        "gbk_file_is_named_with_the_fix",
        [Write(ORGAN_MEMBERS, "- id: m101\n  name: 周丽娟\n  gender: 女\n".encode("gbk"))],
        [
            "data/members/zhen-jiguan.yml:2: 文件不是 UTF-8 编码（看起来是 GBK，中文 Windows 的记事本、Excel、WPS 默认如此）；"
            "请用记事本“另存为”，编码选“UTF-8”后保存"
        ],
    ),
    case(
        "values_yaml_turns_into_another_type-0123",
        [Write(ORGAN_MEMBERS, "- id: 0123\n  name: 周丽娟\n  gender: 女\n")],
        [
            'data/members/zhen-jiguan.yml:1: “id”（编号）：应为文字；YAML 把 0123 读成了数字 83，请加引号写成 "0123"'
        ],
    ),
    case(
        "values_yaml_turns_into_another_type-1_000",
        [Write(ORGAN_MEMBERS, "- id: 1_000\n  name: 周丽娟\n  gender: 女\n")],
        [
            'data/members/zhen-jiguan.yml:1: “id”（编号）：应为文字；YAML 把 1_000 读成了数字 1000，请加引号写成 "1_000"'
        ],
    ),
    case(
        "values_yaml_turns_into_another_type-0x1F",
        [Write(ORGAN_MEMBERS, "- id: 0x1F\n  name: 周丽娟\n  gender: 女\n")],
        [
            'data/members/zhen-jiguan.yml:1: “id”（编号）：应为文字；YAML 把 0x1F 读成了数字 31，请加引号写成 "0x1F"'
        ],
    ),
    case(
        "values_yaml_turns_into_another_type-no",
        [Write(ORGAN_MEMBERS, "- id: no\n  name: 周丽娟\n  gender: 女\n")],
        [
            'data/members/zhen-jiguan.yml:1: “id”（编号）：应为文字；YAML 把 no 读成了是/否（布尔值），请加引号写成 "no"'
        ],
    ),
    case(
        "values_yaml_turns_into_another_type-2024-01-01",
        [Write(ORGAN_MEMBERS, "- id: 2024-01-01\n  name: 周丽娟\n  gender: 女\n")],
        [
            'data/members/zhen-jiguan.yml:1: “id”（编号）：应为文字；YAML 把 2024-01-01 读成了日期，请加引号写成 "2024-01-01"'
        ],
    ),
    case(
        "gender_yes_is_explained",
        [Replace(MEMBERS, "gender: 女", "gender: yes")],
        [
            "data/members/qingshan-1.yml:3: “gender”（性别）：“yes”不是可选的值，应为 男、女 之一；"
            'YAML 把 yes 读成了是/否（布尔值），请加引号写成 "yes"'
        ],
    ),
    case(
        "impossible_date",
        [Replace(MEMBERS, "joined: 2009-11-18", "joined: 2024-02-30")],
        [
            "data/members/qingshan-1.yml:7: 日期“2024-02-30”不存在，请检查年、月、日（例如 2024-02-30 是无效日期）"
        ],
    ),
    case(
        "unknown_key_suggests_the_nearest",
        [Replace(MEMBERS, "  ethnicity: 汉族", "  ethnicty: 汉族")],
        ["data/members/qingshan-1.yml:4: 未知字段“ethnicty”，是不是“ethnicity”？"],
    ),
    case(
        "unknown_top_level_key_in_site",
        [Replace("data/site.yml", "year: 2025", "yaer: 2025")],
        [
            "data/site.yml:1: 缺少必填字段 “year”（考核年度）",
            "data/site.yml:3: 未知字段“yaer”，是不是“year”？",
        ],
    ),
    case(
        "missing_required_field",
        [Replace(MEMBERS, "  name: 唐德华\n", "")],
        ["data/members/qingshan-1.yml:14: 缺少必填字段 “name”（名称）"],
    ),
    case(
        "duplicate_member_id_across_files",
        [Replace(ORGAN_MEMBERS, "id: m101", "id: m002"), Replace(LEDGER, "member: m101", "member: m002")],
        "data/members/zhen-jiguan.yml:1: 党员编号“m002”重复，已在 data/members/qingshan-1.yml:14 使用；编号必须唯一",
    ),
    case(
        "duplicate_branch_id",
        [Replace(BRANCHES, "- id: zhen-jiguan", "- id: qingshan-1")],
        "data/branches.yml:15: 党组织编号“qingshan-1”重复，已在 data/branches.yml:5 使用；编号必须唯一",
    ),
    case(
        "references_to_missing_branches_and_members",
        [
            Replace(BRANCHES, "parent: qingshan", "parent: qingshan-x"),
            Replace(LEDGER, "member: m101", "member: m999"),
            Replace(COMMITMENTS, "by: m001", "by: m998"),
            Replace("docs/stories/posts/tea.md", "  - qingshan-1", "  - qingshan-9"),
        ],
        [
            "data/branches.yml:8: 所属党总支“qingshan-x”不存在于 branches.yml",
            "data/commitments/2025.yml:2: 承诺人“m998”既不是党员编号、党组织编号，也不是 site.yml 中 leaders 的领导编号（镇党委本身写 committee）",
            "data/points/2025/zhen-jiguan.yml:1: 党员编号“m999”不存在",
            "docs/stories/posts/tea.md:6: 党支部编号“qingshan-9”不存在",
        ],
    ),
    case(
        "parent_must_be_a_general_branch",
        [Replace(BRANCHES, "parent: qingshan", "parent: zhen-jiguan")],
        ["data/branches.yml:8: “zhen-jiguan”不是党总支（kind: general），不能作为 parent"],
    ),
    case(
        "scores_outside_0_to_100-score_above",
        [Replace(BRANCHES, "2025: {score: 79.95}", "2025: {score: 100.5}")],
        ["data/branches.yml:20: 2025 年的 “score”（总分）：100.5 超出范围：不能大于 100"],
    ),
    case(
        "scores_outside_0_to_100-score_below",
        [Replace(BRANCHES, "2025: {score: 79.95}", "2025: {score: -1}")],
        ["data/branches.yml:20: 2025 年的 “score”（总分）：-1 超出范围：不能小于 0"],
    ),
    case(
        "scores_outside_0_to_100-points_above",
        [Replace(BRANCHES, "      points: 89.9", "      points: 101")],
        ["data/branches.yml:13: 2025 年的 “points”（积分制管理考核）：101 超出范围：不能大于 100"],
    ),
    case(  # read as 61 (octal) it gave one star without a word
        "a_number_with_a_leading_zero_is_not_read_as_octal",
        [Replace(MEMBERS, "    2025: 91", "    2025: 075")],
        [
            "data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：YAML 把 075 读成了数字 61"
            "（以 0 开头的数字是八进制），请写成 75"
        ],
    ),
    case(  # 100 read as 64: a branch's three stars became one
        "a_branch_score_with_a_leading_zero",
        [Replace(BRANCHES, "2024: {points: 80, target: 84}", "2024: {points: 80, target: 0100}")],
        [
            "data/branches.yml:11: 2024 年的 “target”（年终目标考核）：YAML 把 0100 读成了数字 64"
            "（以 0 开头的数字是八进制），请写成 100"
        ],
    ),
    case(
        "a_number_in_another_notation",
        [Replace(LEDGER, "  points: 30\n", "  points: 0x1E\n")],
        [
            "data/points/2025/zhen-jiguan.yml:4: “points”（积分）：YAML 把 0x1E 读成了数字 30，"
            "请只用数字 0–9 按十进制书写"
        ],
    ),
    case(
        "a_whole_number_with_a_leading_zero",
        [Replace("data/site.yml", "days: 7", "days: 010")],
        [
            "data/site.yml:7: “days”（公示天数）：YAML 把 010 读成了数字 8（以 0 开头的数字是八进制），请写成 10"
        ],
    ),
    case(  # it was another id than m101: the same member twice, with two ratings
        "an_unseen_character_in_an_id",
        [Write(ORGAN_MEMBERS, "- id: m101\u200b\n  name: 周丽娟\n  gender: 女\n")],
        "data/members/zhen-jiguan.yml:1: “id”（编号）：含有一个看不见的字符（U+200B），请删除它后重新输入",
    ),
    case(  # its page took the address of the branches' list: every build stopped, validate passed it
        "a_branch_named_as_a_page",
        [Replace(BRANCHES, "- id: zhen-jiguan\n", "- id: index\n")],
        "data/branches.yml:15: “id”（编号）：“index”不能作党组织编号：网址 branches/index 是党组织一览页；"
        "请换一个，例如 index-cun",
    ),
    case(  # it said: 缺少必填字段 “2”
        "two_tiers_of_three",
        [Write("data/schemes.yml", "member:\n  tiers: [90, 80]\n")],
        ["data/schemes.yml:2: “tiers”应有 3 个数：从高到低三个等次的最低分，例如 [90, 80, 60]"],
    ),
    case(  # it asked: 是不是“year”？
        "a_remark_of_the_clerk_s_own",
        [Replace(MEMBERS, "  born: 1966\n", "  born: 1966\n  remark: 老党员\n")],
        [
            "data/members/qingshan-1.yml:7: 未知字段“remark”：备注请写成以 # 开头的一行（# 后面的文字是注释，不会公开）"
        ],
    ),
    case(  # it said: 键“积分”应为四位数的年份
        "a_component_named_in_chinese",
        [Write("data/schemes.yml", "branch:\n  components:\n    积分: 0.5\n    target: 0.5\n")],
        ["data/schemes.yml:3: “积分”：键“积分”应为小写英文字母开头的名称（字母、数字、下划线），例如 points"],
    ),
    case(  # the venue's tiers are counts of items, not scores
        "two_venue_tiers_of_three",
        [Write("data/schemes.yml", "venue:\n  tiers: [13, 11, 9, 7]\n")],
        ["data/schemes.yml:2: “tiers”应有 3 个数：从高到低五星、四星、三星所需的达标项数，例如 [13, 11, 9]"],
    ),
    case(  # the rule printed 89.9 分及以上三星 while 89.9 was rated 二星 (below 89.94)
        "a_tier_finer_than_the_rounding",
        [
            Write(
                "data/schemes.yml",
                "member:\n  tiers: [89.94, 80, 60]\n  round: 1\nduty_report:\n  round: 0\n  tiers: [90, 74.5, 60]\n",
            )
        ],
        [
            "data/schemes.yml:2: 分数线 89.94 的小数位多于 round（1 位）："
            "得分先四舍五入到 1 位小数再定等次，分数线也只能写到 1 位小数",
            "data/schemes.yml:6: 分数线 74.5 的小数位多于 round（0 位）："
            "得分先四舍五入到 0 位小数再定等次，分数线也只能写到 0 位小数",
        ],
    ),
    case(  # imported from a cell over two lines, it was published as two words
        "a_name_over_two_lines",
        [Write(ORGAN_MEMBERS, '- id: m101\n  name: "周丽\\n娟"\n  gender: 女\n')],
        "data/members/zhen-jiguan.yml:2: “name”（名称）：不能换行：姓名、名称和职务要写在一行里",
    ),
    case(  # it said: 未知字段“phone”，是不是“phone”？
        "a_private_detail_outside_private",
        [Replace(MEMBERS, "  born: 1966\n", "  born: 1966\n  phone: '13900000009'\n")],
        [
            "data/members/qingshan-1.yml:7: 未知字段“phone”，这一项不能写在这里；"
            "党员的电话、住址等不公开的信息请写在 private 下"
        ],
    ),
    case(  # it said: YAML 把  读成了空值，请加引号写成 ""
        "a_value_left_empty",
        [Replace(MEMBERS, "    2025: 91\n", "    2025:\n")],
        [
            "data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：应为数字；这里空着，请填写或删去这一行"
        ],
    ),
    case(  # the member was taken as exempt and left the star board without a word
        "points_and_exemption_for_the_same_year",
        [
            Replace(
                MEMBERS,
                "  exempt:\n    2025: 长期患病",
                "  points:\n    2025: 85\n  exempt:\n    2025: 长期患病",
            )
        ],
        ["data/members/qingshan-1.yml:26: 2025 年既填写了积分 85，又写明不参与评星；两者只能写一种"],
    ),
    case(  # the entries were on no board and in no open data, without a word
        "a_ledger_for_an_exempt_year",
        [Replace(ORGAN_MEMBERS, "  category: organ\n", "  category: organ\n  exempt:\n    2025: 长期患病\n")],
        [
            "data/points/2025/zhen-jiguan.yml:1: 党员“m101”已在 data/members/zhen-jiguan.yml:6 写明 2025 年"
            "不参与评星；台账里不能再记这一年的积分"
        ],
    ),
    case(  # summed in a 28-digit context, it gave 90.0: 三星 for 89.9499…
        "a_number_with_more_decimals_than_are_exact",
        [Replace(LEDGER, "  points: 30\n", "  points: 29.9499999999999999999999999999\n")],
        ["data/points/2025/zhen-jiguan.yml:4: “points”（积分）：小数最多写 10 位"],
    ),
    case(
        "a_number_too_large",
        [Replace(LEDGER, "  points: 30\n", "  points: 12345678901\n")],
        ["data/points/2025/zhen-jiguan.yml:4: “points”（积分）：数字太大：应小于 10 亿"],
    ),
    case(  # it said the number was quoted: it was not
        "a_number_in_exponent_notation",
        [Replace(LEDGER, "  points: 30\n", "  points: 3e1\n")],
        [
            "data/points/2025/zhen-jiguan.yml:4: “points”（积分）：“3e1”是指数写法，YAML 把它读成了文字；请直接写成 30"
        ],
    ),
    case(
        "member_points_outside_the_ledger_bounds",
        [Replace(MEMBERS, "    2025: 91", "    2025: 120")],
        ["data/members/qingshan-1.yml:11: 2025 年的积分 120 超出范围：应在 0 到 100 之间"],
    ),
    case(
        "assessment_must_match_the_scheme",
        [Replace(BRANCHES, "2024: {points: 80, target: 84}", "2024: {points: 80}")],
        [
            "data/branches.yml:11: 2024 年的考核应写全 points（积分制管理考核）、target（年终目标考核），"
            "或只写 score（总分）；现在写的是 points"
        ],
    ),
    case(
        "scheme_weights_must_sum_to_one",
        [Write("data/schemes.yml", "branch:\n  components:\n    points: 0.5\n    target: 0.6\n")],
        ["data/schemes.yml:2: “components”（考核项权重）：各项权重合计应为 1，现在是 1.1"],
    ),
    case(
        "member_file_must_name_a_branch",
        [Write("data/members/qingshan-2.yml", "- id: m500\n  name: 王五\n  gender: 男\n")],
        [
            "data/members/qingshan-2.yml:1: 文件名“qingshan-2”不是 branches.yml 中任何党支部的编号；文件名应为所属党支部的编号"
        ],
    ),
    case(
        "total_and_ledger_for_the_same_year_is_an_error",
        [Write(ORGAN_MEMBERS, "- id: m101\n  name: 周丽娟\n  gender: 女\n  points:\n    2025: 88\n")],
        [
            "data/points/2025/zhen-jiguan.yml:1: 党员“m101”的 2025 年积分已在 data/members/zhen-jiguan.yml:5 "
            "直接填写了总分；台账和总分只能用一种"
        ],
    ),
    case(
        "commitment_id_must_be_unique",
        [Replace(COMMITMENTS, "- id: c2\n", "- id: c1\n")],
        [
            "data/commitments/2025.yml:12: 承诺编号“c1”重复，已在 data/commitments/2025.yml:1 使用；编号必须唯一"
        ],
    ),
    case(
        "ledger_entry_outside_its_year",
        [Replace(LEDGER, "date: 2025-06-01", "date: 2024-06-01")],
        ["data/points/2025/zhen-jiguan.yml:6: 日期 2024-06-01 不在 2025 年内"],
    ),
    case(
        "fulfilled_commitment_needs_its_date",
        [Replace(COMMITMENTS, "  fulfilled_on: 2025-11-20\n", "")],
        [
            "data/commitments/2025.yml:12: 这一项：状态为 fulfilled（已兑现）时必须填写 fulfilled_on（兑现日期）"
        ],
    ),
    case(
        # PyYAML notices a key without its colon on the next line (gender: 女, which is right).
        "chinese_colon_after_a_key",
        [Replace(MEMBERS, "  name: 邱美玲\n", "  name：邱美玲\n")],
        [
            "data/members/qingshan-1.yml:2: YAML 格式错误：键后面用了中文冒号“：”；"
            "请改为英文冒号“:”，后面加一个空格，例如 name: 张三"
        ],
    ),
    case(
        "joined_years_ahead",  # (a member joining the year after the site's is entered ahead: see export)
        [Replace(MEMBERS, "joined: 2009-11-18", "joined: 2099-01-01")],
        [
            "data/members/qingshan-1.yml:7: 入党时间 2099-01-01 在 2026 年之后（site.yml 的 year 是 2025）；请核对"
        ],
    ),
    case(
        "pioneer_post_set_up_years_ahead",  # (it was on the board, with the member's ethnicity and education)
        [
            Replace(
                MEMBERS,
                "  private:\n    phone: '13900000001'\n",
                "  post:\n    title: 政策宣传岗\n    since: 2027-03-01\n  private:\n    phone: '13900000001'\n",
            )
        ],
        [
            "data/members/qingshan-1.yml:14: 先锋岗的设岗日期 2027-03-01 在 2026 年之后（site.yml 的 year 是 2025）；请核对"
        ],
    ),
    case(
        "joined_before_eighteen",
        [Replace(MEMBERS, "born: 1966", "born: 1996")],
        [
            "data/members/qingshan-1.yml:6: 出生年份 1996 与入党时间 2009-11-18 不符：入党时未满十八岁；"
            "请核对出生年份和入党时间"
        ],
    ),
    case(
        # Read as the text "id：m001", the item cannot have keys on the lines below: PyYAML says so there.
        "chinese_colon_after_a_records_first_key",
        [Replace(MEMBERS, "- id: m001\n", "- id：m001\n")],
        [
            "data/members/qingshan-1.yml:1: YAML 格式错误：键后面用了中文冒号“：”；"
            "请改为英文冒号“:”，后面加一个空格，例如 name: 张三"
        ],
    ),
    case(
        "key_without_its_colon",
        [Replace(MEMBERS, "  name: 邱美玲\n", "  name 邱美玲\n")],
        [
            "data/members/qingshan-1.yml:2: YAML 格式错误：这一行缺少冒号“:”（键和值之间要写英文冒号和一个空格，例如 name: 张三）"
        ],
    ),
    case(
        "points_with_their_unit",
        [Replace(MEMBERS, "2025: 91", "2025: 90分")],
        ["data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：“90分”应为数字：请去掉“分”，写成 90"],
    ),
    case(
        "points_in_quotes",
        [Replace(MEMBERS, "2025: 91", "2025: '91'")],
        [
            "data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：“91”加了引号，成了文字；数字不要加引号，写成 91"
        ],
    ),
    case(
        "points_in_words",
        [Replace(MEMBERS, "2025: 91", "2025: 九十一")],
        [
            "data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：“九十一”应为数字：只写阿拉伯数字，不带单位和文字"
        ],
    ),
    case(
        "a_date_written_as_clerks_write_it",
        [Replace(MEMBERS, "joined: 2009-11-18", "joined: 2009/11/18")],
        [
            "data/members/qingshan-1.yml:7: “joined”（入党时间）：“2009/11/18”应写成 2009-11-18（年-月-日，月和日各两位）"
        ],
    ),
    case(
        "a_date_in_chinese",
        [Replace(MEMBERS, "joined: 2009-11-18", "joined: 2009年11月31日")],
        ["data/members/qingshan-1.yml:7: “joined”（入党时间）：日期“2009年11月31日”不存在，请检查年、月、日"],
    ),
    case(
        "fulfilled_before_it_was_made",
        [Replace(COMMITMENTS, "  fulfilled_on: 2025-11-20\n", "  fulfilled_on: 2024-11-20\n")],
        ["data/commitments/2025.yml:12: 这一项：兑现日期 fulfilled_on 早于承诺日期 made"],
    ),
    case(
        # The board would show 已兑现 as of site.yml's as_of (2026-01-05), before it was.
        "fulfilled_after_the_boards_date",
        [Replace(COMMITMENTS, "  fulfilled_on: 2025-11-20\n", "  fulfilled_on: 2026-02-01\n")],
        [
            "data/commitments/2025.yml:18: 兑现日期 2026-02-01 晚于统计日 2026-01-05（site.yml 的 as_of）："
            "公示栏公示的是统计日那天的状态，那时还没有兑现；请核对兑现日期，或把 site.yml 的 as_of 改为兑现之后的日期"
        ],
    ),
    case(  # published on 2025's board
        "a_commitment_made_after_its_year",
        [
            Replace(
                COMMITMENTS,
                "  made: 2025-02-01\n  due: 2025-12-01\n",
                "  made: 2026-01-02\n  due: 2026-12-01\n",
            )
        ],
        [
            "data/commitments/2025.yml:4: 承诺日期 2026-01-02 在 2025 年之后：这是 2026 年的承诺，"
            "请写在 commitments/2026.yml 里"
        ],
    ),
    case(  # published on the board as if it had happened by the 统计日
        "a_progress_note_after_the_boards_date",
        [Replace(COMMITMENTS, "    - date: 2025-06-01\n", "    - date: 2026-02-01\n")],
        [
            "data/commitments/2025.yml:10: 进展记录的日期 2026-02-01 晚于统计日 2026-01-05（site.yml 的 as_of）："
            "公示栏公示的是统计日那天的情况；请核对日期，或把 site.yml 的 as_of 改为这之后的日期"
        ],
    ),
    case(
        "every_problem_is_reported_in_one_run",
        [
            Replace("data/site.yml", "days: 7", "days: seven"),
            Replace(MEMBERS, "gender: 男", "gender: 难"),
            Replace(COMMITMENTS, "status: in_progress", "status: doing"),
        ],
        [
            "data/commitments/2025.yml:8: “status”（状态）：“doing”不是可选的值，应为 planned、in_progress、fulfilled、unfulfilled 之一",
            "data/members/qingshan-1.yml:16: “gender”（性别）：“难”不是可选的值，应为 男、女 之一",
            "data/site.yml:7: “days”（公示天数）：“seven”应为整数",
        ],
    ),
    case(
        "missing_files_and_folder",
        [Delete("data/site.yml")],
        ["data/site.yml: 缺少这个文件"],
    ),
    case(
        "aliases_are_refused",
        [Write(ORGAN_MEMBERS, "- &a\n  id: m101\n  name: 周\n  gender: 女\n- *a\n")],
        [
            "data/members/zhen-jiguan.yml:1: 这里的内容在别处用别名（*）引用了；不支持 YAML 的锚点和别名（& 和 *），请把内容直接写出来"
        ],
    ),
    case(
        "a_file_that_is_not_a_list",
        [Write(ORGAN_MEMBERS, "id: m101\nname: 周\n")],
        ["data/members/zhen-jiguan.yml:1: 文件内容应为列表，每一项以“- ”开头"],
    ),
    case(
        "slug_ids_only",
        [Replace(BRANCHES, "- id: zhen-jiguan", "- id: Zhen Jiguan")],
        "data/branches.yml:15: “id”（编号）：“Zhen Jiguan”只能由小写英文字母、数字和连字符“-”组成",
    ),
    case(
        "a_numeric_id_in_a_broken_record_still_counts_as_known",
        # A record that fails only on its gender keeps its id known, so references to it are not reported too.
        [
            Write(ORGAN_MEMBERS, "- id: 1001\n  name: 周丽娟\n  gender: 不详\n"),
            Write(LEDGER, "- member: 1001\n  date: 2025-03-01\n  item: 参加志愿服务\n  points: 3\n"),
            Replace(COMMITMENTS, "by: m001", "by: m404"),
        ],
        [
            "data/commitments/2025.yml:2: 承诺人“m404”既不是党员编号、党组织编号，也不是 site.yml 中 leaders 的领导编号（镇党委本身写 committee）",
            "data/members/zhen-jiguan.yml:3: “gender”（性别）：“不详”不是可选的值，应为 男、女 之一",
        ],
    ),
]


@pytest.mark.parametrize(("edits", "expected"), BROKEN)
def test_broken_input_gets_file_line_messages(
    town: Township, edits: list[Edit], expected: list[str] | str
) -> None:
    problems = town.edit(*edits).problems()
    if isinstance(expected, str):
        assert expected in problems
    else:
        assert problems == expected


def test_utf8_bom_from_notepad_is_accepted(town: Township) -> None:
    town.set("data/members/zhen-jiguan.yml", "\ufeff- id: m101\n  name: 周丽娟\n  gender: 女\n".encode())
    assert town.load().member_by_id["m101"].name == "周丽娟"


def test_windows_line_endings_are_accepted(town: Township) -> None:
    town.set(
        "data/members/zhen-jiguan.yml", b"- id: m101\r\n  name: \xe5\x91\xa8\r\n  gender: \xe5\xa5\xb3\r\n"
    )
    assert town.load().member_by_id["m101"].name == "周"


def test_anything_goes_under_private(town: Township) -> None:
    town.replace(
        "data/members/qingshan-1.yml",
        "    phone: '13900000001'",
        "    phone: '1'\n    身份证号: x\n    notes: [a, b]",
    )
    assert town.load().member_by_id["m001"].private["身份证号"] == "x"


def test_scheme_defaults_apply_per_key(town: Township) -> None:
    town.set("data/schemes.yml", "member:\n  round: 0\n")
    registry = town.load()
    assert registry.schemes.member.round == 0
    assert registry.schemes.member.tiers == (Decimal(90), Decimal(80), Decimal(60))
    assert registry.schemes.branch.components == {"points": Decimal("0.5"), "target": Decimal("0.5")}


def test_empty_member_file_is_an_empty_branch(town: Township) -> None:
    town.set("data/members/zhen-jiguan.yml", "# 暂无党员\n")
    town.set("data/points/2025/zhen-jiguan.yml", "")
    assert town.load().members_by_branch["zhen-jiguan"] == ()


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


def test_a_story_s_update_date_is_read_from_the_blog_s_date(town: Township) -> None:
    """``date: {created: …, updated: …}`` (the blog's own form): created is the story's date, updated its
    update date (the stories' feed by update date is ordered by it); a plain date has none."""
    assert town.load().stories[0].meta.updated is None
    story = "docs/stories/posts/tea.md"
    meta = town.edit(
        Replace(story, "date: 2025-03-18", "date: {created: 2025-03-18, updated: 2025-09-01}")
    ).load()
    assert (meta.stories[0].meta.date, meta.stories[0].meta.updated) == (date(2025, 3, 18), date(2025, 9, 1))


def test_a_story_s_update_date_that_is_no_date_is_reported_at_its_line(town: Township) -> None:
    """At the line of ``updated`` within ``date`` (not the front matter's first line); a key ``updated`` of
    its own is the blog's business, as any key Noticeboard does not read."""
    story = "docs/stories/posts/tea.md"
    written = "slug: tea\nupdated: 随便写\ndate:\n  created: 2025-03-18\n  updated: 九月\n"
    assert town.edit(Replace(story, "date: 2025-03-18\nslug: tea\n", written)).problems() == [
        "docs/stories/posts/tea.md:6: “updated”：“九月”应为日期，格式为 年-月-日，例如 2025-03-01"
    ]


def test_a_draft_story_is_checked_but_not_among_the_published_stories(town: Township) -> None:
    """``draft: true``: its branches are still checked; it is on no list. ``draft`` must be true or false
    (the blog would take a text for a draft without a word)."""
    story = "docs/stories/posts/tea.md"
    assert [s.path for s in town.load().stories] == ["tea.md"]
    draft = town.edit(Replace(story, "slug: tea\n", "slug: tea\ndraft: true\n"))
    assert draft.load().stories == ()
    assert draft.edit(Replace(story, "draft: true", "draft: 是")).problems() == [
        "docs/stories/posts/tea.md:4: “draft”：“是”应为 true（是）或 false（否）"
    ]
    draft.edit(Replace(story, "draft: 是", "draft: true"), Replace(story, "- qingshan-1", "- qingshan-9"))
    assert draft.problems() == ["docs/stories/posts/tea.md:7: 党支部编号“qingshan-9”不存在"]


def test_a_commitment_fulfilled_on_the_boards_date_or_in_a_year_being_prepared_is_accepted(
    town: Township,
) -> None:
    town.replace("data/commitments/2025.yml", "  fulfilled_on: 2025-11-20\n", "  fulfilled_on: 2026-01-05\n")
    town.set(
        "data/commitments/2026.yml",
        "- id: n1\n  by: qingshan-1\n  text: 修桥\n  made: 2026-01-02\n  status: fulfilled\n  fulfilled_on: 2026-03-01\n",
    )
    registry = town.load()  # the board's own day counts; 2026 is after site.yml's year, on no board yet
    assert [c.fulfilled_on for c in registry.commitments[2026]] == [date(2026, 3, 1)]


@pytest.mark.parametrize("name", ["tea.md.txt", "tea.MD", "tea.markdown", "tea.md.bak", "notes.docx"])
def test_a_file_in_the_stories_folder_that_is_no_story_is_refused(town: Township, name: str) -> None:
    """Any file beside the stories is copied to the site as it is: a draft saved as ``.md.txt`` with its
    office notes would be published whole (a helper's fuzzing). Only ``.md`` stories and pictures may be
    there."""
    town.set(
        f"docs/stories/posts/{name}", STORY.replace("slug: tea\n", "draft: true\n") + "<!-- 内部备注 -->\n"
    )
    assert town.problems() == [
        f"docs/stories/posts/{name}:1: 不是文章：文章要存成扩展名为 .md 的文件（小写）；"
        "文章文件夹里其他的文件会原样发布到网站上，请改名或移出 docs/stories/"
    ]


def test_a_picture_beside_the_stories_is_no_problem(town: Township) -> None:
    town.set("docs/stories/posts/tea.JPG", b"\xff\xd8\xff")
    town.set("docs/stories/posts/2025/water.png", b"\x89PNG")
    assert [s.path for s in town.load().stories] == ["tea.md"]


def test_two_stories_at_one_address_are_refused(town: Township) -> None:
    """The blog's address is the year and the file's name: ``a/tea.md`` and ``b/tea.md`` of one year would
    both be listed and one of them would have no page. Another year is another address."""
    town.set("docs/stories/posts/2025/tea.md", STORY.replace("# 村企联建", "# 另一篇"))
    assert town.problems() == [
        "docs/stories/posts/tea.md:1: 与 docs/stories/posts/2025/tea.md 同一年、文件名相同，网址都是 "
        "stories/2025/tea/，只有一篇能发布；请给其中一篇改个文件名"
    ]
    town.replace("docs/stories/posts/2025/tea.md", "date: 2025-03-18", "date: 2024-03-18")
    assert sorted(s.path for s in town.load().stories) == ["2025/tea.md", "tea.md"]


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("slug: tea\n", "slug: tea\ntitle: <img src=x onerror=alert(1)>\n", 4, "“title”（标题）："),
        ("categories: [党建品牌]", "categories: [党建品牌, <b>品牌</b>]", 4, "“categories”："),
        ("# 村企联建", "# 村企联建<script>", 9, "标题"),
    ],
)
def test_markup_in_a_story_s_title_or_category_is_refused(
    town: Township, old: str, new: str, line: int, field: str
) -> None:
    """Material's blog pages print a story's title and categories as HTML (the branch page and the feeds
    escape them): written with ``<`` or ``>`` they would be markup, a script even."""
    problems = town.edit(Replace("docs/stories/posts/tea.md", old, new)).problems()
    assert len(problems) == 1 and problems[0].startswith(f"docs/stories/posts/tea.md:{line}: ")
    assert f"{field}不能含有 < 或 >：网页会把它当作代码；请改用《》或其他符号" in problems[0]


def test_a_story_s_date_in_quotes_is_said_to_be_so(town: Township) -> None:
    """The blog reads a date, not a text: it said “2025-03-18”应写成 2025-03-18, what was written."""
    town.replace("docs/stories/posts/tea.md", "date: 2025-03-18", "date: '2025-03-18'")
    assert town.problems() == [
        "docs/stories/posts/tea.md:2: “date”（日期）：“2025-03-18”加了引号，成了文字；日期不要加引号，写成 2025-03-18"
    ]
