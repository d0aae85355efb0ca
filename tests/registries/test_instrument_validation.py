"""Mistakes in the other registries (reviews, pioneer posts, venues, classification, duty reports)
are reported as ``FILE:LINE: message`` in Chinese, all at once, and nothing is built from them."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from support.township import EXTRAS, Edit, Replace, Township, Write, with_extras

BRANCHES = "data/branches.yml"
REVIEWS = "data/reviews/2025.yml"
MEMBERS = "data/members/qingshan-1.yml"


def jpeg(size: tuple[int, int] = (60, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, "JPEG")
    return out.getvalue()


POST = """\
  post:
    title: 政策宣传岗
    duties: 每月入户宣讲一次
    since: 2024-03-01
    photo: m001.jpg
"""
WITH_POST = Replace(
    MEMBERS, "  private:\n    phone: '13900000001'\n", POST + "  private:\n    phone: '13900000001'\n"
)
"""A pioneer post with a photo for m001."""

YEARLESS_RECTIFICATION = Replace(
    BRANCHES,
    "  rectification:\n    2025:\n      responsible: 王明（镇党委副书记）\n      deadline: 2026-06-30\n      progress: 已调整支部班子\n",
    "  rectification:\n    responsible: 王明\n    deadline: 2026-06-30\n",
)


def test_the_extras_of_the_contract_validate(town: Township) -> None:
    registry = with_extras(town).load()
    huaxin = registry.branch_by_id["huaxin"]
    assert huaxin.grade == {2025: "较差"}
    assert huaxin.rectification[2025].responsible == "王明（镇党委副书记）"
    assert huaxin.venue[2025].stars == 4
    assert [review.level for review in registry.reviews[2025]] == ["general", "branch"]  # 支部 → branch


def test_rectification_without_a_year_belongs_to_the_latest_poor_grade(town: Township) -> None:
    with_extras(town).edit(YEARLESS_RECTIFICATION)
    assert town.load().branch_by_id["huaxin"].rectification[2025].responsible == "王明"


def test_a_pioneer_photo_that_is_an_image_loads(town: Township) -> None:
    town.edit(WITH_POST, Write("data/photos/m001.jpg", jpeg()))
    assert town.load().photos["m001.jpg"].name == "m001.jpg"


def case(name: str, edits: list[Edit], expected: list[str]) -> pytest.ParameterSet:
    """A broken input: edits of the small township, and every problem it must get, exactly."""
    return pytest.param(edits, expected, id=name)


BROKEN = [
    case(
        "venue_checks_must_be_items_of_the_checklist",
        [
            *EXTRAS,
            Replace(
                BRANCHES,
                "      stars: 4\n",
                "      checks:\n        有党旗党辉: true\n        有固定场所: true\n",
            ),
        ],
        [
            "data/branches.yml:36: 2025 年没有写核定星级 stars，要按检查项评定，但缺少这些检查项："
            "有党组织标牌、有党旗党徽、有制度上墙、有桌椅设施、有远程教育设备、有图书报刊、有档案资料、"
            "标识规范化、功能多元化、管理制度化、服务经常化、环境整洁化（达标写 true，未达标写 false）",
            "data/branches.yml:37: “有党旗党辉”不是 schemes.yml 中活动场所的检查项，是不是“有党旗党徽”？",
        ],
    ),
    case(
        "venue_stars_are_three_to_five",
        [*EXTRAS, Replace(BRANCHES, "      stars: 4\n", "      stars: 6\n")],
        ["data/branches.yml:36: 2025 年的 “stars”（核定星级）：6 超出范围：不能大于 5"],
    ),
    case(
        "venue_stars_or_checks_must_be_given",
        [*EXTRAS, Replace(BRANCHES, "      stars: 4\n", "      stars: null\n")],
        [
            "data/branches.yml:35: 2025 年的 “venue”（活动场所星级）：应写 stars（核定星级）或 checks（逐项检查结果），至少一项"
        ],
    ),
    case(
        "grade_is_one_of_four",
        [*EXTRAS, Replace(BRANCHES, "    2025: 较差\n", "    2025: 差\n")],
        [
            "data/branches.yml:26: 2025 年的 “grade”（分类定级）：“差”不是可选的值，应为 好、较好、一般、较差 之一"
        ],
    ),
    case(
        "rectification_needs_a_grade_that_year",
        [*EXTRAS, Replace(BRANCHES, "  grade:\n    2025: 较差\n", "  grade:\n    2024: 较差\n")],
        ["data/branches.yml:28: 2025 年写了整顿转化 rectification，但 grade 中没有 2025 年的分类定级"],
    ),
    case(
        "rectification_is_of_a_year_graded_poor",  # (it was in the open data and on no board)
        [
            *EXTRAS,
            Replace(BRANCHES, "  grade:\n    2025: 较差\n", "  grade:\n    2024: 较差\n    2025: 好\n"),
        ],
        [
            "data/branches.yml:29: 2025 年分类定级为“好”，不需要整顿转化；rectification 写在定为“较差”的年度下，"
            "请核对年份"
        ],
    ),
    case(
        "rectification_without_a_year_needs_a_poor_grade",
        [*EXTRAS, YEARLESS_RECTIFICATION, Replace(BRANCHES, "    2025: 较差\n", "    2025: 一般\n")],
        ["data/branches.yml:27: 写了整顿转化 rectification，但 grade 中没有定为“较差”的年度"],
    ),
    case(
        "duty_report_names_every_part_or_a_total",
        [
            *EXTRAS,
            Replace(
                BRANCHES,
                "{daily: 90, onsite: 90, annual: 89.9, review: 89.95}",
                "{daily: 90, onsite: 90, annual: 89.9}",
            ),
        ],
        [
            "data/branches.yml:33: 2025 年的述职考核应写全 daily（日常记实考核）、onsite（现场观摩考核）、"
            "annual（年度综合考核）、review（述职评议考核），或只写 score（总分）；现在写的是 annual、daily、onsite"
        ],
    ),
    case(
        "duty_report_parts_are_0_to_100",
        [
            *EXTRAS,
            Replace(
                BRANCHES,
                "{daily: 90, onsite: 90, annual: 89.9, review: 89.95}",
                "{daily: 90, onsite: 90, annual: 189.9, review: 80}",
            ),
        ],
        ["data/branches.yml:33: 2025 年的 “annual”（年度综合考核）：189.9 超出范围：不能大于 100"],
    ),
    case(
        "review_subject_level_and_parts_are_checked",
        [
            *EXTRAS,
            Replace(REVIEWS, "- subject: qingshan-1\n", "- subject: qingshan-9\n"),
            Replace(REVIEWS, "  level: 支部\n", "  level: general\n"),
            Replace(REVIEWS, "{name: 李明, post: 青山村第一党支部书记}", "{name: 李明}"),
        ],
        [
            "data/reviews/2025.yml:1: 被点评对象“qingshan-9”既不是党员编号，也不是党组织编号",
            "data/reviews/2025.yml:10: 缺少必填字段 “post”（点评人职务）",
        ],
    ),
    case(
        "review_criteria_are_all_written",
        [*EXTRAS, Replace(REVIEWS, "  problems: 学习不够\n", "")],
        ["data/reviews/2025.yml:9: 这一项：点评缺少：problems（存在问题）"],
    ),
    case(
        "review_level_must_fit_the_subject",
        [
            *EXTRAS,
            Replace(REVIEWS, "  level: 支部\n", "  level: committee\n"),
            Replace(REVIEWS, "  level: general\n", "  level: branch\n"),
        ],
        [
            "data/reviews/2025.yml:3: 支部点评（branch）的对象应为党员，“qingshan-1”是党组织；点评党组织书记请写 committee 或 general",
            "data/reviews/2025.yml:11: “m001”是党员，党支部对党员的点评应写 level: branch",
        ],
    ),
    case(
        "review_of_a_general_branch_is_at_committee_level",
        [
            *EXTRAS,
            Replace(REVIEWS, "- subject: qingshan-1\n", "- subject: qingshan\n"),
            Replace(REVIEWS, "  level: general\n", "  level: 总支\n"),
        ],
        [
            "data/reviews/2025.yml:3: “qingshan”是党总支；对党总支书记的点评由镇党委作出，应写 level: committee"
        ],
    ),
    case(
        "review_public_must_be_true_or_false",
        [*EXTRAS, Replace(REVIEWS, "  public: true\n- subject: m001", "  public: 是\n- subject: m001")],
        ["data/reviews/2025.yml:8: “public”（是否公开）：“是”应为 true（是）或 false（否）"],
    ),
    case(
        "pioneer_photo_must_exist",
        [WITH_POST],
        [
            "data/members/qingshan-1.yml:16: 找不到照片 m001.jpg；请把照片放在 data/photos/ 文件夹里，文件名与这里写的一致"
        ],
    ),
    case(
        "pioneer_photo_must_be_an_image",
        [WITH_POST, Write("data/photos/m001.jpg", b"not a picture")],
        ["data/members/qingshan-1.yml:16: 照片 m001.jpg 无法打开，文件可能已损坏或不是图片"],
    ),
    case(  # it passed the check and the build stopped with a traceback on another page
        "pioneer_photo_cut_off_is_refused",
        [WITH_POST, Write("data/photos/m001.jpg", jpeg((600, 800))[:1200])],
        ["data/members/qingshan-1.yml:16: 照片 m001.jpg 无法打开，文件可能已损坏或不是图片"],
    ),
    case(
        "pioneer_photo_is_a_file_name_without_folders",
        [WITH_POST, Replace(MEMBERS, "photo: m001.jpg", "photo: ../site.yml")],
        [
            "data/members/qingshan-1.yml:16: “photo”（照片）：“../site.yml”应为照片的文件名（.jpg 或 .png），例如 m00001.jpg，不要写文件夹"
        ],
    ),
    case(
        "schemes_of_the_extras_are_checked",
        [
            Write(
                "data/schemes.yml",
                """\
                duty_report:
                  components: {daily: 0.2, onsite: 0.2, annual: 0.3, review: 0.2}
                venue:
                  checklist:
                    三有: [有场所, 有牌子, 有场所]
                  tiers: [3, 2, 1]
                """,
            )
        ],
        [
            "data/schemes.yml:2: “components”（考核项权重）：各项权重合计应为 1，现在是 0.9",
            "data/schemes.yml:3: “venue”（活动场所星级）：检查项名称有重复；每一项只能出现一次",
        ],
    ),
]


@pytest.mark.parametrize(("edits", "expected"), BROKEN)
def test_broken_input_gets_file_line_messages(town: Township, edits: list[Edit], expected: list[str]) -> None:
    assert town.edit(*edits).problems() == expected
