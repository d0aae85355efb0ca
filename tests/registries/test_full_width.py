"""What a Chinese keyboard types: numbers, dates and ids typed full-width (``９０``, ``８５．５``,
``２０２５－０３－０１``, ``ｍ００１``) get a message saying so and the half-width value to write;
full-width spaces around a name or an id are dropped, as ordinary spaces are."""

from __future__ import annotations

import pytest

from noticeboard.registries.full_width import half_width
from support.township import Edit, Replace, Township

MEMBERS = "data/members/qingshan-1.yml"
BRANCHES = "data/branches.yml"
COMMITMENTS = "data/commitments/2025.yml"
LEDGER = "data/points/2025/zhen-jiguan.yml"
HOW = "（输入法切换到英文状态或按 Shift+空格）"


def case(name: str, edit: Edit, expected: str) -> pytest.ParameterSet:
    return pytest.param(edit, expected, id=name)


TYPED = [
    case(
        "full_width_digits",
        Replace(MEMBERS, "2025: 91", "2025: ９０"),
        f"data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：“９０”是全角数字，请改为半角 90{HOW}",
    ),
    case(
        "full_width_digits_quoted",
        Replace(MEMBERS, "2025: 91", "2025: '９０'"),
        f"data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：“９０”是全角数字，请改为半角 90{HOW}",
    ),
    case(
        "full_width_decimal_point",
        Replace(MEMBERS, "2025: 91", "2025: ８５．５"),
        "data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：“８５．５”含有全角数字和全角符号“．”，"
        f"请改为半角 85.5{HOW}",
    ),
    case(
        "chinese_full_stop_as_decimal_point",
        Replace(MEMBERS, "2025: 91", "2025: 85。5"),
        f"data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：“85。5”含有中文句号“。”，请改为半角 85.5{HOW}",
    ),
    case(
        "full_width_minus",
        Replace(LEDGER, "points: 30", "points: －３０"),
        "data/points/2025/zhen-jiguan.yml:4: “points”（积分）：“－３０”含有全角数字和全角符号“－”，"
        f"请改为半角 -30{HOW}",
    ),
    case(
        "full_width_score_in_a_flow_mapping",
        Replace(BRANCHES, "2025: {score: 79.95}", "2025: {score: ７９．９５}"),
        "data/branches.yml:20: 2025 年的 “score”（总分）：“７９．９５”含有全角数字和全角符号“．”，"
        f"请改为半角 79.95{HOW}",
    ),
    case(
        "full_width_date",
        Replace(MEMBERS, "joined: 2009-11-18", "joined: ２００９－１１－１８"),
        "data/members/qingshan-1.yml:7: “joined”（入党时间）：“２００９－１１－１８”含有全角数字和全角符号“－”，"
        f"请改为半角 2009-11-18{HOW}",
    ),
    case(
        "full_width_whole_number",
        Replace("data/site.yml", "days: 7", "days: ７"),
        f"data/site.yml:7: “days”（公示天数）：“７”是全角数字，请改为半角 7{HOW}",
    ),
    case(
        "full_width_year_key",
        Replace(MEMBERS, "    2024: 77", "    ２０２４: 77"),
        f"data/members/qingshan-1.yml:10: “２０２４”：键“２０２４”是全角数字，请改为半角 2024{HOW}",
    ),
    case(
        "full_width_member_id",
        Replace(MEMBERS, "id: m002", "id: ｍ００２"),
        f"data/members/qingshan-1.yml:14: “id”（编号）：“ｍ００２”含有全角数字和全角字母，请改为半角 m002{HOW}",
    ),
    case(
        "full_width_reference_to_a_member",
        Replace(COMMITMENTS, "by: m001", "by: ｍ００１"),
        f"data/commitments/2025.yml:2: “by”（承诺人）：“ｍ００１”含有全角数字和全角字母，请改为半角 m001{HOW}",
    ),
    case(
        "full_width_branch_id",
        Replace(BRANCHES, "parent: qingshan", "parent: ｑｉｎｇｓｈａｎ"),
        f"data/branches.yml:8: “parent”（所属党总支）：“ｑｉｎｇｓｈａｎ”含有全角字母，请改为半角 qingshan{HOW}",
    ),
    case(
        "full_width_letters_in_a_choice",
        Replace(MEMBERS, "category: rural", "category: ｒｕｒａｌ"),
        f"data/members/qingshan-1.yml:8: “category”（类别）：“ｒｕｒａｌ”含有全角字母，请改为半角 rural{HOW}",
    ),
    case(
        "full_width_space_after_a_choice",
        Replace(MEMBERS, "gender: 女", "gender: 女　"),
        "data/members/qingshan-1.yml:3: “gender”（性别）：“女　”含有末尾的全角空格（看不见），请删去，写成 女",
    ),
    case(
        "half_width_would_still_be_wrong",
        Replace(MEMBERS, "2025: 91", "2025: ９０分"),
        f"data/members/qingshan-1.yml:11: 2025 年的 “points”（积分）：“９０分”含有全角数字，请改为半角 90分{HOW}；应为数字",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), TYPED)
def test_full_width_input_is_named_with_the_fix(town: Township, edit: Edit, expected: str) -> None:
    assert expected in town.edit(edit).problems()


@pytest.mark.parametrize(
    ("typed", "number", "half"),
    [
        ("９０", True, "90"),
        ("８５．５", True, "85.5"),
        ("85。5", True, "85.5"),
        ("２０２５－０３－０１", False, "2025-03-01"),
        ("２０２５／３／１", False, "2025/3/1"),
        ("　ｍ００１　", False, "m001"),
        ("青山村第一党支部", False, "青山村第一党支部"),  # Chinese is never changed
        ("结对帮扶。", False, "结对帮扶。"),  # a full stop is a decimal point only in a number
    ],
)
def test_half_width(typed: str, number: bool, half: str) -> None:
    assert half_width(typed, number=number) == half


def test_full_width_spaces_around_a_name_or_an_id_are_dropped(town: Township) -> None:
    """Decided: as ordinary spaces around a value, they are never meant and cannot be seen; the
    board shows the name without them and references to the id still find the member."""
    town.edit(
        Replace(MEMBERS, "name: 邱美玲", "name: 　邱美玲　"),
        Replace(MEMBERS, "id: m001", "id: '　m001'"),
        Replace(COMMITMENTS, "by: m001", "by: m001　"),
    )
    registry = town.load()
    assert registry.member_by_id["m001"].name == "邱美玲"
    assert registry.commitments[2025][0].by == "m001"


def test_has_full_width_agrees_with_its_characters() -> None:
    """The quick test (a regular expression) says what looking at every character says."""
    from noticeboard.registries.full_width import has_full_width, is_full_width

    samples = [
        "",
        "m001",
        "ｍ００１",
        "青山村",
        "a\u3000b",
        "85。5",
        "\uff00",
        "\uff5f",
        "\uff01",
        "\uff5e",
        "\ufeff",
    ]
    for text in samples:
        for number in (False, True):
            expected = any(is_full_width(char) for char in text) or (number and "。" in text)
            assert has_full_width(text, number=number) == expected, (text, number)
