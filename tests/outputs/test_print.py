"""Printed notice boards, printed to PDF by headless Chromium and read back as paper."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import markupsafe
import pypdf
import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import Browser, Page

from noticeboard.boards.kinds import (
    classification,
    commitments,
    duty_reports,
    lectures,
    load_township,
    pairings,
    pioneers,
    reviews,
    venues,
)
from noticeboard.boards.township import build_boards
from support import ROOT
from support.build import build_site, demo_project
from support.hooks import hooks_module
from support.parts import alone_at_the_end
from support.pdftext import readable
from support.visible import visible_text

pytestmark = pytest.mark.slow  # Chromium printing PDFs of the built site

ARTIFACTS = ROOT / "test-artifacts"
SITE_URL = "https://noticeboard.example.org/"
A4 = (595.3, 841.9)
A3 = (841.9, 1190.6)


def printed(browser: Browser, url: str, paper: str | None = None) -> Page:
    """A poster page with ``paper`` chosen as a user would (None: as it opens), laid out for printing."""
    page = browser.new_page()
    page.goto(url)
    if paper:
        page.select_option("#nb-paper", paper)
    page.emulate_media(media="print")
    return page


def print_pdf(browser: Browser, url: str, paper: str | None = None) -> pypdf.PdfReader:
    """Open a poster page, choose the paper as a user would, and print it to PDF."""
    page = printed(browser, url, paper)
    data = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
    return pypdf.PdfReader(io.BytesIO(data))


def size(reader: pypdf.PdfReader, index: int = 0) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return (float(box.width), float(box.height))


def is_paper(measured: tuple[float, float], paper: tuple[float, float]) -> bool:
    """Chromium rounds the page size to whole points or so: within 1 pt is the paper."""
    return all(abs(a - b) <= 1.0 for a, b in zip(measured, paper, strict=True))


def text(reader: pypdf.PdfReader) -> str:
    return "\n".join(readable(page.extract_text()) for page in reader.pages)


def save_png(reader_bytes: bytes, name: str, index: int = 0) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    image = pypdfium2.PdfDocument(reader_bytes)[index].render(scale=2).to_pil()
    path = ARTIFACTS / f"{name}.png"
    image.save(path)
    return path


def pdf_bytes(reader: pypdf.PdfReader) -> bytes:
    out = io.BytesIO()
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.write(out)
    return out.getvalue()


def test_a_branch_member_board_is_one_a4_sheet_with_everything_on_it(browser: Browser, server: str) -> None:
    registry = load_township(ROOT / "data", root=ROOT)
    board = build_boards(registry, registry.site.as_of).current.boards["members"].by_branch["qingshan-1"]  # type: ignore[arg-type]
    assert 18 <= board.counts["total"] <= 25  # "a township branch board of about 20 members"
    reader = print_pdf(browser, server + "print/members/qingshan-1/")
    assert len(reader.pages) == 1
    assert is_paper(size(reader), A4)
    printed = text(reader)
    assert "青山村第一党支部星级党员公示栏" in printed and "2025年度" in printed
    for row in board.rows:
        assert row.name in printed
    assert "公示期：2026年1月5日至2026年1月11日" in printed
    assert "监督电话：0874-6000000" in printed and "青山镇党委组织办" in printed
    for chrome in ("搜索", "首页", "返回网页", "打印", "经验做法", "开放数据"):
        assert chrome not in printed
    save_png(pdf_bytes(reader), "poster-members-a4")


def test_the_qr_code_decodes_to_the_live_page(browser: Browser, server: str) -> None:
    reader = print_pdf(browser, server + "print/members/qingshan-1/")
    image = pypdfium2.PdfDocument(pdf_bytes(reader))[0].render(scale=3).to_pil()
    codes = zxingcpp.read_barcodes(image)
    assert [code.text for code in codes] == [SITE_URL + "branches/qingshan-1/"]


@pytest.mark.parametrize(
    ("paper", "expected"),
    [
        ("a4 portrait", A4),
        ("a4 landscape", (A4[1], A4[0])),
        ("a3 portrait", A3),
        ("a3 landscape", (A3[1], A3[0])),
    ],
)
def test_paper_choice(browser: Browser, server: str, paper: str, expected: tuple[float, float]) -> None:
    reader = print_pdf(browser, server + "print/members/qingshan-1/", paper)
    assert is_paper(size(reader), expected)
    assert "邱建国" in text(reader)


def test_a_long_board_continues_with_its_header_on_the_next_sheet(browser: Browser, server: str) -> None:
    reader = print_pdf(browser, server + "print/boards/branches/")
    assert len(reader.pages) >= 2
    first, second = (readable(reader.pages[i].extract_text()) for i in (0, 1))
    assert "星级支部公示栏" in first and "（续）" not in first
    assert "星级支部公示栏（续）" in second
    for sheet in (first, second):
        assert "党支部所属党总支得分星级" in sheet  # the header row is repeated
        assert "监督电话" in sheet and "扫一扫" in sheet
    assert all(is_paper(size(reader, i), A4) for i in range(len(reader.pages)))
    save_png(pdf_bytes(reader), "poster-branches-a4-sheet2", index=1)


def test_the_set_prints_every_branch_on_its_own_sheets(browser: Browser, server: str) -> None:
    registry = load_township(ROOT / "data", root=ROOT)
    names = [b.name for b in registry.branches if not b.is_general]
    reader = print_pdf(browser, server + "print/members/")
    pages = [readable(page.extract_text()) for page in reader.pages]
    assert len(pages) >= len(names)
    for name in names:
        starting = [
            p for p in pages if f"{name}星级党员公示栏" in p and "（续）" not in p.split("公示栏", 1)[1][:3]
        ]
        assert len(starting) == 1, name
    for page in pages:
        assert sum(f"{name}星级党员公示栏" in page for name in names) == 1, "one board per sheet"


def test_commitments_poster(browser: Browser, server: str) -> None:
    reader = print_pdf(browser, server + "print/commitments/qingshan-1/")
    printed = text(reader)
    assert "青山村第一党支部公开承诺公示栏" in printed and "承诺内容" in printed and "审核人" in printed
    assert all(is_paper(size(reader, i), A4) for i in range(len(reader.pages)))
    save_png(pdf_bytes(reader), "poster-commitments-a4")


def test_board_pages_have_a_print_button_that_leads_to_the_poster(site: Path) -> None:
    board = (site / "boards" / "branches" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../print/boards/branches/"' in board and "打印星级支部公示栏" in visible_text(board)
    branch = (site / "branches" / "qingshan-1" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../print/members/qingshan-1/"' in branch
    assert 'href="../../print/commitments/qingshan-1/"' in branch
    old = (site / "2024" / "branches" / "qingshan-1" / "index.html").read_text(encoding="utf-8")
    assert "print/" not in old, "only the current year's boards are posted"


def test_a_missing_site_url_is_a_clear_build_error(tmp_path: Path) -> None:
    project = demo_project(tmp_path / "project")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "\n".join(line for line in config.splitlines() if not line.startswith("site_url:")), encoding="utf-8"
    )
    result = build_site(project / "site", config=project / "mkdocs.yml")
    assert result.returncode != 0
    assert "mkdocs.yml 缺少 site_url" in result.stderr and "Traceback" not in result.stderr


BOARD_SETS = [
    "print/boards/branches/",
    "print/members/",
    "print/commitments/",
    "print/reviews/",
    "print/pioneers/",
    "print/venues/",
    "print/classification/",
    "print/duty-reports/",
    "print/pairings/",
    "print/honours/",
    "print/lectures/",
]
"""Every board kind's set of posters (all its boards at once)."""


@pytest.mark.parametrize("paper", ["a4 portrait", "a4 landscape"])
@pytest.mark.parametrize("poster", BOARD_SETS)
def test_no_sheet_is_taller_than_its_paper(browser: Browser, server: str, poster: str, paper: str) -> None:
    page = printed(browser, server + poster, paper)
    orientation = paper.split()[1]
    limit_mm = 297 if orientation == "portrait" else 210
    heights = page.evaluate(
        f"[...document.querySelectorAll('.nb-sheets--{orientation} .nb-sheet')].map(s => s.getBoundingClientRect().height)"
    )
    page.close()
    assert heights
    tallest_mm = max(heights) * 25.4 / 96
    assert tallest_mm <= limit_mm - 0.5, f"a sheet is {tallest_mm:.1f} mm tall on {paper}"


@pytest.mark.parametrize(
    ("poster", "title", "words"),
    [
        ("print/venues/", "村级组织活动场所星级公示栏", ["石桥村党总支", "三星级", "9/13"]),
        ("print/classification/", "基层党组织分类定级公示栏", ["较差", "整顿转化", "责任人"]),
        ("print/duty-reports/", "党组织书记述职考核公示栏", ["青山村第一党支部", "89.95", "90.0", "优秀"]),
        ("print/reviews/qingshan-1/", "青山村第一党支部领导点评公示栏", ["总体评价", "努力方向", "点评人"]),
        ("print/pioneers/qingshan-1/", "青山村第一党支部党员先锋岗公示栏", ["岗位职责", "汉族"]),
    ],
)
def test_every_other_board_prints_with_notice_phone_and_qr(
    browser: Browser, server: str, poster: str, title: str, words: list[str]
) -> None:
    reader = print_pdf(browser, server + poster)
    assert all(is_paper(size(reader, index), A4) for index in range(len(reader.pages)))
    printed = text(reader)
    missing = [word for word in [title, "公示期", "监督电话", "0874-6000000", *words] if word not in printed]
    assert missing == []
    image = pypdfium2.PdfDocument(pdf_bytes(reader))[0].render(scale=3).to_pil()
    decoded = zxingcpp.read_barcodes(image)
    assert [code.text for code in decoded if code.text.startswith(SITE_URL)], "no QR code to the live site"


def test_pioneer_photos_are_on_the_poster(browser: Browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "print/pioneers/qingshan-1/")
    sizes = page.evaluate(
        "[...document.querySelectorAll('.nb-sheets--portrait .nb-sheet__photo img')].map(i => [i.naturalWidth, i.naturalHeight, i.src])"
    )
    page.close()
    assert len(sizes) == 2
    assert all(width > 0 for width, _, _ in sizes), "a photo did not load"
    photo, placeholder = sizes  # the first post holder has a photo, the second not
    assert photo[:2] == [240, 320] and "/assets/photos/" in photo[2]
    assert placeholder[2].endswith("/assets/portrait.svg")


FITS = """(orientation) => {
  // The most characters (国) that stand on one line in each cell of a body row of the first table.
  const table = document.querySelector('.nb-sheets--' + orientation + ' table.nb-sheet__table');
  const columns = table.querySelectorAll('thead th').length;
  const row = [...table.querySelectorAll('tbody tr')].find(r => r.querySelectorAll('td').length === columns);
  return [...row.querySelectorAll('td')].map(td => {
    const kept = td.innerHTML;
    td.innerHTML = '<span>国</span>';
    let fit = 1;
    while (fit < 200) {
      td.firstChild.textContent = '国'.repeat(fit + 1);
      if (td.firstChild.getClientRects().length > 1) break;
      fit += 1;
    }
    td.innerHTML = kept;
    return fit;
  });
}"""


def _counted_widths() -> list[tuple[str, dict[str, tuple[int | None, ...]], int]]:
    """Each poster, the characters per line its kind counts each column's cells by, and the columns before
    them that hold no text (a photo)."""
    made = {
        orientation: (chars["maker"], chars["text"])
        for orientation, chars in commitments.COMMITMENT_CHARS.items()
    }
    return [
        ("print/commitments/", made, 0),
        ("print/reviews/", reviews.REVIEW_CHARS, 0),
        ("print/classification/", classification.CLASSIFICATION_CHARS, 0),
        ("print/duty-reports/", duty_reports.DUTY_CHARS, 0),
        ("print/pioneers/", pioneers.PIONEER_CHARS, 1),
        ("print/venues/", venues.VENUE_CHARS, 0),
        ("print/pairings/", pairings.PAIRING_CHARS, 0),
        ("print/lectures/", lectures.LECTURE_CHARS, 0),
    ]


WRAPPED = """([orientation, columns]) => {
  // The texts of the given columns' cells that take more than one line, on every sheet.
  const lines = td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  };
  return [...document.querySelectorAll('.nb-sheets--' + orientation + ' table.nb-sheet__table tbody tr')]
    .flatMap(row => columns.map(c => row.querySelectorAll('td')[c]).filter(td => td && lines(td) > 1))
    .map(td => td.textContent.trim());
}"""


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_characters_a_board_counts_per_line_fit_its_printed_columns(
    browser: Browser, server: str, orientation: str
) -> None:
    # A kind counts a row's lines by these widths to cut its sheets: a column counted wider than it prints
    # (31 characters where 30 fit; an item counted as never wrapping that wrapped) made rows taller on
    # paper than counted, and a full sheet runs off the page.
    too_wide = {}
    for poster, widths, skipped in _counted_widths():
        page = printed(browser, server + poster, f"a4 {orientation}")
        fits = page.evaluate(FITS, orientation)[skipped:]
        never = [skipped + column for column, chars in enumerate(widths[orientation]) if chars is None]
        wrapped = page.evaluate(WRAPPED, [orientation, never])
        page.close()
        if wrapped:  # a column counted as never wrapping
            too_wide[poster + " (one line)"] = wrapped[:3]
        counted = widths[orientation]
        assert len(counted) <= len(fits), poster
        wrong = [
            (column, chars, fit)
            for column, (chars, fit) in enumerate(zip(counted, fits[: len(counted)], strict=True))
            if chars and chars > fit
        ]
        if wrong:
            too_wide[poster] = wrong
    assert too_wide == {}


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_no_printed_cell_ends_with_one_character_alone(
    browser: Browser, server: str, orientation: str
) -> None:
    # 邱建国 农村党/员 read as a broken word; the maker's category stands on a line of its own, and other
    # cells' lines are evened out (事业单位/党支部).
    found = {}
    for poster in BOARD_SETS:
        page = printed(browser, server + poster, f"a4 {orientation}")
        if orphans := alone_at_the_end(page, f".nb-sheets--{orientation} table.nb-sheet__table td"):
            found[poster] = orphans[:3]
        page.close()
    assert found == {}


MAKER_LINES = """([orientation, chars]) => {
  // The maker cells (a name, then posts) in which a post that fits the column is cut by a line's end:
  // the cell's characters as laid out, with | where a line ends.
  const shown = td => {
    const range = document.createRange();
    let text = '', top = null;
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        if (/\\s/.test(node.data[i])) continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const at = Math.round(range.getClientRects()[0].top);
        if (top !== null && at !== top) text += '|';
        text += node.data[i];
        top = at;
      }
    }
    return text;
  };
  return [...document.querySelectorAll('.nb-sheets--' + orientation + ' table.nb-sheet__table tbody tr')]
    .map(row => row.querySelector('td'))
    .filter(td => td && td.textContent.trim())
    .map(td => [td.textContent.trim().split(/[\\n、]/), shown(td)])
    .filter(([posts, laid]) => posts.some(post => post.length <= chars && !laid.includes(post)))
    .map(([, laid]) => laid);
}"""


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_a_leaders_posts_are_not_cut_under_the_name_on_paper(
    browser: Browser, server: str, orientation: str
) -> None:
    # 罗文斌 镇党委副书记、镇长 printed 镇党委副书 / 记、镇长: a 、 may not begin a line, and took a character with it.
    page = printed(browser, server + "print/commitments/", f"a4 {orientation}")
    chars = commitments.COMMITMENT_CHARS[orientation]["maker"]
    cut = page.evaluate(MAKER_LINES, [orientation, chars])
    leaders = page.locator(f".nb-sheets--{orientation} td", has_text="镇党委委员").count()
    page.close()
    assert leaders > 0  # the demo's leaders are on the committee's sheet
    assert cut == []


def test_the_phone_number_in_a_sentence_stays_on_one_line(browser: Browser, server: str) -> None:
    # 拟表彰对象公示's sentence ends 请向…反映（监督电话 0874-6000000）: never 0874- / 6000000. (On the page,
    # the sentence's: the notice box above it keeps its own label and days whole too.)
    for url, selector, widths in (
        ("print/honours/", ".nb-sheets--portrait .nb-sheet__summary .nb-nowrap", (1024,)),
        ("honours/", "article .nb-nowrap:not(.nb-notice *)", (360, 412, 1366)),
    ):
        for width in widths:
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(server + url)
            phones = page.evaluate(
                f"[...document.querySelectorAll({selector!r})].map(e => [e.textContent, e.getClientRects().length])"
            )
            page.close()
            phones = [(text, lines) for text, lines in phones if "0874" in text]  # (not its 4 项, 2 名 …)
            assert phones and all(text == "0874-6000000" and lines == 1 for text, lines in phones), (
                url,
                width,
            )


def test_the_whole_filter_escapes_the_sentence_around_the_number_and_the_dates() -> None:
    kept = hooks_module()._kept_whole(
        "请向<b>组织办</b>反映（监督电话 0874-6000000，2026年1月5日至1月11日）", "0874-6000000"
    )
    assert str(kept) == (
        '请向&lt;b&gt;组织办&lt;/b&gt;反映（监督电话 <span class="nb-nowrap">0874-6000000</span>，'
        '<span class="nb-whole">2026年1月5日</span>至<span class="nb-whole">1月11日</span>）'
    )
    assert str(hooks_module()._kept_whole("a & b", None)) == "a &amp; b"


def test_the_whole_filter_keeps_a_number_with_its_unit() -> None:
    """三星 4 / 名 at 360 px before: a number and the character after its space are on one line; not a date
    (第 12 月 is none), not a number inside a token (A4 纸), nor one in a tag of a text that is HTML."""
    kept = hooks_module()._kept_whole

    def nowrap(text: str) -> str:
        return f'<span class="nb-nowrap">{text}</span>'

    assert str(kept("2025 年度，第 12 月")) == f"{nowrap('2025 年')}度，第 {nowrap('12 月')}"
    assert str(kept("共有党员 21 名：积分 76.2 分，投入 1,200 元")) == (
        f"共有党员 {nowrap('21 名')}：积分 {nowrap('76.2 分')}，投入 {nowrap('1,200 元')}"
    )
    assert str(kept("A4 纸，81.3% 的，3名")) == "A4 纸，81.3% 的，3名"
    html = markupsafe.Markup('<a title="共 3 项" href="#">共 4 项</a>')
    assert str(kept(html)) == f'<a title="共 3 项" href="#">共 {nowrap("4 项")}</a>'


def test_the_whole_filter_gives_a_text_asked_for_again_as_it_gave_it_and_html_as_html() -> None:
    """Plain texts are remembered (a county asks for the same dates and statuses a million times): HTML of the
    same characters is still HTML, and numbers equal in value but written apart stay apart."""
    kept = hooks_module()._kept_whole
    text = "<b>共 3 项</b>"
    assert str(kept(text)) == str(kept(text)) == '&lt;b&gt;共 <span class="nb-nowrap">3 项</span>&lt;/b&gt;'
    assert str(kept(markupsafe.Markup(text))) == '<b>共 <span class="nb-nowrap">3 项</span></b>'
    assert [str(kept(value)) for value in (Decimal("78.0"), Decimal("78"), "78.0")] == ["78.0", "78", "78.0"]


@pytest.mark.parametrize("paper", ["a4 portrait", "a4 landscape", "a3 portrait", "a3 landscape"])
def test_the_toolbar_says_how_many_sheets_the_chosen_paper_takes(
    browser: Browser, server: str, paper: str
) -> None:
    # 共 3 张（A4 竖版） stayed after choosing A4 横版, which prints 6.
    page = browser.new_page()
    page.goto(server + "print/classification/")
    page.select_option("#nb-paper", paper)
    hint = page.locator(".nb-toolbar__hint").inner_text()
    page.close()
    sheets = len(print_pdf(browser, server + "print/classification/", paper).pages)
    name = {
        "a4 portrait": "A4 竖版",
        "a4 landscape": "A4 横版",
        "a3 portrait": "A3 竖版",
        "a3 landscape": "A3 横版",
    }
    assert f"共 {sheets} 张（{name[paper]}）" in hint


@pytest.mark.parametrize("paper", ["a4 portrait", "a3 landscape"])
def test_a_phone_sees_the_whole_sheet_and_the_printer_its_full_size(
    browser: Browser, server: str, paper: str
) -> None:
    # A sheet is 794 px wide (A4): on a 360 px phone the preview scrolled sideways.
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(server + "print/members/qingshan-1/")
    page.select_option("#nb-paper", paper)
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    page.emulate_media(media="print")
    printed_mm = (
        page.evaluate(
            "Math.max(...[...document.querySelectorAll('.nb-sheet')].map(s => s.getBoundingClientRect().width))"
        )
        * 25.4
        / 96
    )
    page.close()
    assert scrolled <= 360
    assert abs(printed_mm - {"a4 portrait": 210, "a3 landscape": 420}[paper]) < 1
