"""A long list on the hall TV is shared out evenly over its slides: no "（续）" slide of one name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from noticeboard.boards.slides import NAMES_PER_SLIDE, chunks, name_lines, name_slides, row_slides


@given(st.lists(st.integers(), max_size=80), st.integers(min_value=1, max_value=15))
def test_every_item_is_on_one_slide_in_order_and_the_slides_are_even(items: list[int], size: int) -> None:
    slides = chunks(items, size)
    assert [item for slide in slides for item in slide] == items
    assert len(slides) == max(1, -(-len(items) // size)), "as few slides as hold them"
    lengths = [len(slide) for slide in slides]
    assert max(lengths) <= size
    assert max(lengths) - min(lengths) <= 1
    assert lengths == sorted(lengths, reverse=True), "the fuller slides first"


def test_thirteen_members_are_seven_and_six_not_twelve_and_one() -> None:
    names = [f"党员{number}" for number in range(NAMES_PER_SLIDE["members"] + 1)]
    slides = name_slides("members", "二星党员", "桃源村第一党支部", names)
    assert [len(slide.names) for slide in slides] == [7, 6]
    assert [slide.heading for slide in slides] == ["二星党员", "二星党员（续）"]


def test_an_empty_group_is_one_slide_that_says_so_and_no_rows_are_no_slide() -> None:
    assert [slide.names for slide in name_slides("branches", "三星党支部", "", [])] == [()]
    assert row_slides("fulfilment", "公开承诺", "", [], ("党组织", "承诺")) == []


@given(st.lists(st.integers(min_value=1, max_value=5), max_size=60), st.integers(min_value=1, max_value=15))
def test_items_of_several_lines_fit_their_slides_in_order(weights: list[int], size: int) -> None:
    slides = chunks(list(enumerate(weights)), size, lambda item: item[1])
    assert [item for slide in slides for item in slide] == list(enumerate(weights))
    assert all(slide for slide in slides) or slides == [()], "no empty slide"
    for slide in slides:
        assert sum(weight for _, weight in slide) <= size or len(slide) == 1, "it would overflow the slide"


def test_long_names_take_the_lines_they_wrap_to() -> None:
    """12 Uyghur names of two lines each were put on one slide; its last row hid behind the footer."""
    long = [f"布合力其古丽·买买提依明·艾则孜{number}" for number in range(12)]
    assert name_lines(long[0], "members") == 3
    slides = name_slides("members", "三星党员", "托万克库木村党支部", long)
    assert [len(slide.names) for slide in slides] == [4, 4, 4]
    mixed = ["王芳", "李明", long[0], "张华", "赵强"]  # (one long name among short ones: 3 + 4 lines)
    assert [len(slide.names) for slide in name_slides("members", "三星党员", "", mixed)] == [5]
