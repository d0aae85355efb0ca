"""A Chinese paragraph written over several lines reads as one line: Chromium shows each line break of the
Markdown as a space (“分片包户， 为 46 户”). Only breaks between two Chinese characters go."""

from __future__ import annotations

from noticeboard.outputs.chinese_lines import join_broken_lines


def test_a_paragraph_over_several_lines_is_joined_where_both_sides_are_chinese() -> None:
    source = "由企业党员技术员分片包户，\n为 46 户茶农提供培训。\n“党员先锋岗”\n上墙公布"
    assert join_broken_lines(source) == "由企业党员技术员分片包户，为 46 户茶农提供培训。“党员先锋岗”上墙公布"


def test_latin_text_numbers_and_blocks_keep_their_line_breaks() -> None:
    kept = [
        "亩产提高 20\n个百分点",  # a number ends the line: the space stays, as between 20 and 个 elsewhere
        "Party\n党建",
        "第一段。\n\n第二段。",  # a blank line: two paragraphs
        "## 做法\n联建以来",  # a heading and its paragraph
        "要点：\n- 每季度召开联席会\n- 认领先锋岗",  # a list
        "说明：\n> 引用的话",
        "```\n代码一\n代码二\n```",  # fenced code is left as written
    ]
    assert [join_broken_lines(text) for text in kept] == kept


def test_spaces_around_the_joined_break_go_too_but_a_hard_line_break_stays() -> None:
    assert join_broken_lines("召开一次联席会； \n   企业党员带头") == "召开一次联席会；企业党员带头"
    assert join_broken_lines("召开一次联席会；  \n企业党员带头") == "召开一次联席会；  \n企业党员带头"
