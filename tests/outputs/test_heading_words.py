"""Where a heading may wrap: between its words (``<wbr>``), a number with the word after it, never inside a
text kept on one line, nothing else of the page changed. (In Chromium: ``test_button_lines.py``.)"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.outputs.heading_words import words_marked

WORDS = (
    *("华新茶业有限公司党支部", "青山镇", "罗世杰"),  # the site's names, whole
    *("书记", "点评", "公开", "承诺", "兑现", "年度", "党务", "公开栏", "星级", "党员", "岗位", "打印"),
)


def _cut(run: str) -> list[str]:
    """The longest word of :data:`WORDS` at each place, else one character: as jieba with the site's names."""
    words: list[str] = []
    while run:
        taken = max((word for word in WORDS if run.startswith(word)), key=len, default=run[0])
        words.append(taken)
        run = run[len(taken) :]
    return words


def _unmarked(html: str) -> str:
    return re.sub(r'<wbr>|<span class="nb-nowrap">(?=[0-9])|(?<=[\u4e00-\u9fff])</span>', "", html)


def test_a_heading_breaks_between_words_and_a_long_name_before_its_kind() -> None:
    html = '<h2 id="x">对华新茶业有限公司党支部书记罗世杰的点评<a class="headerlink" href="#x">¶</a></h2>'
    assert words_marked(html, _cut) == (
        '<h2 id="x">对华新茶业<wbr>有限公司<wbr>党支部<wbr>书记<wbr>罗世杰的<wbr>点评'
        '<a class="headerlink" href="#x">¶</a></h2>'
    )


def test_a_number_stays_with_its_word_and_a_bracket_may_start_a_line() -> None:
    assert words_marked("<h3>公开承诺兑现率（2025 年度）</h3>", _cut) == (
        '<h3>公开<wbr>承诺<wbr>兑现率<wbr>（<span class="nb-nowrap">2025 年度</span>）</h3>'
    )


def test_what_is_kept_on_one_line_and_the_tags_are_left_alone() -> None:
    html = (
        '<h2><a class="nb-whole" href="../branches/qingshan-1/" title="青山镇党务公开栏">青山镇党务公开栏</a>'
        '<wbr><span class="nb-nowrap">（2 个岗位）</span></h2>'
    )
    marked = words_marked(html, _cut)
    assert 'title="青山镇党务公开栏"' in marked
    assert ">青山镇<wbr>党务<wbr>公开栏</a>" in marked
    assert marked.endswith('<span class="nb-nowrap">（2 个岗位）</span></h2>')


def test_only_headings_card_titles_and_print_buttons_are_marked() -> None:
    html = "<p>青山镇党务公开栏</p><header>青山镇党务</header><td>华新茶业</td>"
    assert words_marked(html, _cut) == html
    assert words_marked('<span class="nb-card__title">星级党员</span>', _cut) == (
        '<span class="nb-card__title">星级<wbr>党员</span>'
    )
    button = '<a class="md-button nb-print__button" href="../print/pioneers/">打印党员公开栏</a>'
    assert words_marked(button, _cut) == (
        '<a class="md-button nb-print__button" href="../print/pioneers/">打印<wbr>党员<wbr>公开栏</a>'
    )


def test_the_labels_asked_for_are_marked_instead() -> None:
    """The hook asks for Material's navigation labels too; a label not asked for is left as it is."""
    nav = '<span class="md-ellipsis">\n  2025 年度星级党员公开栏\n</span>'
    card = '<span class="nb-card__title">星级党员</span>'
    labels = {"md-ellipsis": re.compile(r'(<span class="md-ellipsis">)([^<]*)(</span>)')}
    assert words_marked(nav + card, _cut, labels) == (
        '<span class="md-ellipsis">\n  <span class="nb-nowrap">2025 年度</span><wbr>星级<wbr>党员<wbr>公开栏\n'
        "</span>" + card
    )
    assert words_marked(nav, _cut) == nav


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="青山镇党务公开栏华新茶业有限公司支部书记罗世杰的对与率（）“”，：0123456789 ab·–",
        max_size=40,
    )
)
def test_a_heading_reads_as_before(text: str) -> None:
    """Whatever a heading says, it says the same: marks added, not a character moved, lost or doubled."""
    html = f"<h1>{text}</h1><p>{text}</p>"
    assert _unmarked(words_marked(html, _cut)) == html
