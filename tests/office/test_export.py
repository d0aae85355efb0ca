"""``export``: the registries and their ratings as a workbook that opens in LibreOffice and prints."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook

from support import ROOT
from support.commands import run
from support.pdftext import readable
from support.township import Township
from support.workbooks import exported as export_workbook


def exported(tmp_path: Path) -> Path:
    return export_workbook(ROOT, tmp_path / "内部台账.xlsx")


def test_the_workbook_holds_the_ratings_next_to_their_sources(tmp_path: Path) -> None:
    book = load_workbook(exported(tmp_path))
    assert book.sheetnames == [
        "2025汇总",
        "2025党组织",
        "2025党员",
        "2025公开承诺",
        "2025积分台账",
        "2025领导点评",
        "2025结对共创",
        "2025共创成果",
        "2025表彰",
        "2025专题讲习",
        "2025讲师团",
    ]
    reviews = list(book["2025领导点评"].iter_rows(min_row=2, values_only=True))
    assert {row[-1] for row in reviews} == {
        "是",
        "否",
    }  # the office's copy keeps the unpublished ones, marked
    branches = {row[0]: row for row in book["2025党组织"].iter_rows(min_row=2, values_only=True)}
    qingshan = branches["qingshan-1"]
    assert qingshan[5:10] == (89.9, 90.0, None, 90.0, "三星")  # 89.95 → 90.0 → 三星, as on the board
    assert qingshan[11:13] == (90.0, "优秀")
    assert branches["zhen-gongdian"][9] == "未评定" and branches["qingshan"][9] == "不参与评星"
    members = {row[1]: row for row in book["2025党员"].iter_rows(min_row=2, values_only=True)}
    assert members["丁建国"][9:11] == (90, "三星")  # exactly 90: the threshold counts
    header = next(book["2025党员"].iter_rows(max_row=1, values_only=True))
    assert "电话" not in header
    cells = {
        str(v)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for v in row
        if v is not None
    }
    assert not [v for v in cells if v.startswith("139")], "a private phone number was exported"
    summary = list(book["2025汇总"].iter_rows(min_row=2, values_only=True))
    assert summary[0][:5] == ("党支部", 10, 20, 16, 1)


def test_the_same_data_exports_the_same_bytes(tmp_path: Path) -> None:
    first = exported(tmp_path / "a").read_bytes()
    assert exported(tmp_path / "b").read_bytes() == first


@pytest.mark.slow  # LibreOffice printing a PDF
def test_the_workbook_opens_and_prints_in_libreoffice(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by make system-deps"
    workbook = exported(tmp_path)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = pypdf.PdfReader(tmp_path / "内部台账.pdf")
    text = readable("\n".join(page.extract_text() for page in reader.pages[:3]))
    assert "青山村第一党支部" in text and "三星" in text and "优秀" in text
    width, height = (float(reader.pages[1].mediabox.width), float(reader.pages[1].mediabox.height))
    assert width > height, "printed landscape"


def test_a_member_joining_after_the_year_is_in_the_members_sheet_and_no_count(
    town: Township, tmp_path: Path
) -> None:
    # 唐德华 (m002) joins in 2026, after the site's 2025: kept on the office's sheet, said why unrated,
    # and in none of the year's counts.
    town.replace("data/members/qingshan-1.yml", "  name: 唐德华\n", "  name: 唐德华\n  joined: 2026-02-01\n")
    town.replace("data/members/qingshan-1.yml", "  points:\n    2025: 59.94\n", "")
    book = load_workbook(export_workbook(town.root, tmp_path / "内部台账.xlsx"))
    header, *rows = book["2025党员"].iter_rows(values_only=True)
    members = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(members) == {"m001", "m002", "m003", "m101"}
    assert (members["m002"]["年度积分"], members["m002"]["星级"]) == (None, "2026 年入党，不计入 2025 年度")
    assert members["m003"]["星级"].startswith("不参与评星")
    summary = {row[0]: row for row in book["2025汇总"].iter_rows(values_only=True)}
    assert summary["党员"][-1] == 3


def test_an_export_is_named_and_marked_as_the_offices_own(tmp_path: Path) -> None:
    # It was 公示数据-2025.xlsx (public data), holding the unpublished reviews and members' birth years.
    result = run("export", str(ROOT / "data"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (written,) = tmp_path.glob("*.xlsx")
    assert written.name.startswith("内部台账-")
    assert "不要张贴或上传到公开的网站" in result.stdout
    book = load_workbook(written)
    assert "内部资料" in book.properties.title
    assert all("内部资料" in ws.oddHeader.center.text for ws in book.worksheets)
