"""Printed notice boards, printed to PDF by headless Chromium and read back as paper."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import Browser, Page

from noticeboard.boards.kinds import load_township
from noticeboard.boards.township import build_boards
from support import ROOT
from support.build import build_site, demo_project
from support.pdftext import readable

pytestmark = pytest.mark.slow  # Chromium printing PDFs of the built site

ARTIFACTS = ROOT / "test-artifacts"
SITE_URL = "https://noticeboard.example.org/"
A4 = (595.3, 841.9)
A3 = (841.9, 1190.6)


def print_pdf(browser: Browser, url: str, paper: str | None = None) -> pypdf.PdfReader:
    """Open a poster page, choose the paper as a user would, and print it to PDF."""
    page: Page = browser.new_page()
    page.goto(url)
    if paper:
        page.select_option("#nb-paper", paper)
    page.emulate_media(media="print")
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
    assert "星级党支部公示栏" in first and "（续）" not in first
    assert "星级党支部公示栏（续）" in second
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
    assert 'href="../../print/boards/branches/"' in board and "打印星级党支部公示栏" in board
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


@pytest.mark.parametrize("paper", ["a4 portrait", "a4 landscape"])
@pytest.mark.parametrize(
    "poster",
    [
        "print/boards/branches/",
        "print/members/",
        "print/commitments/",
        "print/reviews/",
        "print/pioneers/",
        "print/venues/",
        "print/classification/",
        "print/duty-reports/",
        "print/pairings/",
    ],
)
def test_no_sheet_is_taller_than_its_paper(browser: Browser, server: str, poster: str, paper: str) -> None:
    page = browser.new_page()
    page.goto(server + poster)
    page.select_option("#nb-paper", paper)
    page.emulate_media(media="print")
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
        ("print/duty-reports/", "党组织书记述职评议公示栏", ["青山村第一党支部", "89.95", "90.0", "优秀"]),
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
