"""``import``: spreadsheets filled in by hand (xlsx, GBK and UTF-8 CSV) merged into the registries,
all or nothing, every bad cell named; ``templates`` made from the same columns the import reads."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from noticeboard.boards.kinds import load_township
from noticeboard.office.spreadsheet_reading import read_tables
from support import ROOT
from support.build import build_site, make_project
from support.commands import run
from support.workbooks import fingerprint, merged, xlsx


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the demo township's data in its own folder."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    return root


@pytest.mark.slow  # a whole site built
def test_a_hand_filled_workbook_reaches_the_site(project: Path) -> None:
    sheet = xlsx(
        project / "新党员.xlsx",
        "党员",
        [
            ["编号", "姓名", "性别", "民族", "学历", "出生年份", "入党时间", "类别", "党支部", "2025年积分"],
            [
                "m90001",
                "欧阳明月",
                "女",
                "汉族",
                "大专",
                1990,
                "2024/7/1",
                "农村党员",
                "青山村第一党支部",
                93.5,
            ],
        ],
    )
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 0, result.stderr
    assert "党员（2025 年度）：新增 1" in result.stdout
    make_project(project)
    site = project / "site"
    built = build_site(site, config=project / "mkdocs.yml")
    assert built.returncode == 0, built.stderr
    page = (site / "branches" / "qingshan-1" / "index.html").read_text(encoding="utf-8")
    assert "欧阳明月" in page and "93.5" in page


def test_a_gbk_csv_as_excel_saves_it_imports(project: Path) -> None:
    (project / "积分.csv").write_bytes(
        "编号,姓名,性别,党支部,积分\r\nm90003,王小明,男,qingshan-1,88\r\n".encode("gbk")
    )
    (project / "台账.csv").write_bytes(
        "\ufeff党员编号,日期,事项,分值\nm90003,2025-03-01,参加主题党日,2\n".encode()  # UTF-8 with BOM
    )
    result = run("import", "积分.csv", "台账.csv", cwd=project)
    assert result.returncode != 0  # m90003 has points and a ledger for 2025: one or the other
    assert "台账和总分只能用一种" in result.stderr and "没有写入任何文件" in result.stderr
    result = run("import", "积分.csv", cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "data" / "members" / "qingshan-1.yml").read_text(encoding="utf-8")
    assert "- id: m90003\n  name: 王小明\n  gender: 男\n  points:\n    2025: 88\n" in text


def refused(project: Path, *files: Path) -> list[str]:
    """Import ``files`` into ``project``: refused (exit 1) and nothing written; its messages, a line each."""
    before = fingerprint(project / "data")
    result = run("import", *map(str, files), cwd=project)
    assert result.returncode == 1
    assert fingerprint(project / "data") == before
    return result.stderr.splitlines()


def test_a_bad_sheet_changes_nothing_and_names_each_bad_cell(project: Path) -> None:
    sheet = xlsx(
        project / "错表.xlsx",
        "党员",
        [
            ["编号", "姓名", "性别", "出生年份", "党支部", "2025年积分"],
            ["m00006", "丁建国", "F", 1990, "qingshan-1", 85],
            ["m90002", "错", "男", "一九九零", "nowhere", 80],
            ["m90004", "超分", "男", 1980, "qingshan-1", 120],
            ["m90005", "好的", "女", 1980, "qingshan-1", 81],
            ["m90006", "逗号", "男", 1980, "qingshan-1", "9,0"],  # (imported as 90 before: three stars)
            ["m90005", "好的", "女", 1980, "qingshan-1", 95],  # (the last row of an id was imported)
        ],
    )
    assert refused(project, sheet) == [
        "错表.xlsx:党员!C2: “F”应为 男 或 女",
        "错表.xlsx:党员!D3: “一九九零”应为四位数的年份，例如 1975",
        "错表.xlsx:党员!E3: “nowhere”不是 branches.yml 中的党支部（写编号或全称）",
        "错表.xlsx:党员!F6: “9,0”应为数字；逗号只能用作千位分隔（例如 1,200），小数点请用“.”",
        "错表.xlsx:党员!A7: 编号“m90005”已在 党员!A5 写过；一个编号只能写一行",
        "错表.xlsx:党员!F4: 2025 年的积分 120 超出范围：应在 0 到 100 之间",
        "共发现 6 处问题，没有写入任何文件。",
    ]


def test_numbers_a_sheet_shows_otherwise_than_they_are_are_refused(project: Path) -> None:
    """Each was taken for something else (a helper's fuzzing): a points cell formatted as a percentage
    (Excel shows 90%, the cell holds 0.9: imported as 0.9 points, the member rated 无星), ``NaN`` and
    ``Infinity`` (refused only by the YAML written, at a line of a file not yet written, twice), and a
    year in superscript digits (a traceback)."""
    path = xlsx(
        project / "格式.xlsx",
        "党员",
        [
            ["编号", "出生年份", "2025年积分"],
            ["m00001", 1970, 0.9],
            ["m00002", 1970, 0.899],
            ["m00003", 1970, "NaN"],
            ["m00004", 1970, "Infinity"],
            ["m00005", "¹⁹⁸⁰", 88],
            ["m00006", "１９８０", 88],  # (full-width digits: read as 1980, as any full-width number)
        ],
    )
    book = load_workbook(path)
    book["党员"]["C2"].number_format = "0%"
    book["党员"]["C3"].number_format = "0.0%"
    book.save(path)
    assert refused(project, path) == [
        "格式.xlsx:党员!C2: “90%”是百分数；请写成数字，例如 90（单元格格式设为“常规”或“数值”）",
        "格式.xlsx:党员!C3: “89.9%”是百分数；请写成数字，例如 90（单元格格式设为“常规”或“数值”）",
        "格式.xlsx:党员!C4: “NaN”应为数字",
        "格式.xlsx:党员!C5: “Infinity”应为数字",
        "格式.xlsx:党员!B6: “¹⁹⁸⁰”应为四位数的年份，例如 1975",
        "共发现 5 处问题，没有写入任何文件。",
    ]


def test_values_in_a_column_without_a_header_are_refused(project: Path) -> None:
    """Dropped without a word before (a helper's fuzzing), while a column of an unknown header is refused:
    a clerk who left 2025年积分 out of the headers lost the column. The first cell of each column is named."""
    sheet = xlsx(
        project / "无表头.xlsx",
        "党员",
        [["编号", "姓名", None], ["m00001", "邱美玲", 95], ["m00002", None, 96, None, "备注"]],
    )
    assert refused(project, sheet) == [
        "无表头.xlsx:党员!C2: 这一列没有表头，写的内容不知道是哪一项；请在表头行写上表头，或删去这一列的内容",
        "无表头.xlsx:党员!E3: 这一列没有表头，写的内容不知道是哪一项；请在表头行写上表头，或删去这一列的内容",
        "共发现 2 处问题，没有写入任何文件。",
    ]


def test_an_id_not_in_the_registry_is_named_at_its_cell_with_the_id_meant(project: Path) -> None:
    """Without a 党支部 column the id is what is new: M00001 for m00001 was told 新增党员要写所在党支部,
    at the sheet, not a cell."""
    sheet = xlsx(project / "大写.xlsx", "党员", [["编号", "2025年积分"], ["M00001", 88], ["x99", 70]])
    assert refused(project, sheet) == [
        "大写.xlsx:党员!A2: 编号“M00001”不在党员名册里，是不是“m00001”？新增党员要写所在党支部（加一列“党支部”）",
        "大写.xlsx:党员!A3: 编号“x99”不在党员名册里；新增党员要写所在党支部（加一列“党支部”）",
        "共发现 2 处问题，没有写入任何文件。",
    ]


def test_a_sheet_its_headers_leave_in_doubt_is_not_guessed(project: Path) -> None:
    """编号 and 姓名 alone, on a sheet named Sheet1, are a member sheet's as much as a ledger's: it was taken for
    a ledger and refused with 缺少日期, at no cell. Named 党员, it is a member sheet."""
    sheet = xlsx(project / "名单.xlsx", "Sheet1", [["编号", "姓名"], ["m00001", "邱美玲"]])
    assert refused(project, sheet) == [
        "名单.xlsx:Sheet1: 认不出是哪种表格：请把表名改为 积分台账、公开承诺、党员、党组织 之一，或写上这种表格的表头"
        "（积分台账表需要表头 事项、日期；公开承诺表需要表头 承诺内容；党员表需要表头 姓名、性别；党组织表需要表头 名称）",
        "共发现 1 处问题，没有写入任何文件。",
    ]


def test_a_ledger_cell_written_wrong_is_named_once(project: Path) -> None:
    """“三” in 分值 was named twice: 应为数字, and 缺少分值 for the same cell."""
    rows = [["党员编号", "日期", "事项", "分值"], ["m101", "2025-03-01", "参加主题党日", "三"]]
    sheet = xlsx(project / "台账.xlsx", "积分台账", [*rows, ["m101", "2025-03-02", "参加主题党日", None]])
    assert refused(project, sheet) == [
        "台账.xlsx:积分台账!D2: “三”应为数字",
        "台账.xlsx:积分台账!D3: 缺少分值",
        "共发现 2 处问题，没有写入任何文件。",
    ]


def test_a_figure_computed_in_the_sheet_imports_as_the_sheet_shows_it(project: Path) -> None:
    """=B2*0.5+C2*0.5 saved 85.30000000000001: imported as written, it was refused for its decimals; Excel shows
    85.3, and 85.3 is imported."""
    computed = 89.9 * 0.5 + 80.7 * 0.5
    sheet = xlsx(project / "改分.xlsx", "党员", [["编号", "2025年积分"], ["m00006", computed]])
    assert computed == 85.30000000000001  # (the binary sum the sheet saved)
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "data" / "members" / "qingshan-1.yml").read_text(encoding="utf-8")
    assert "    2025: 85.3\n" in text


def test_an_update_keeps_comments_private_and_earlier_years(project: Path) -> None:
    path = project / "data" / "members" / "qingshan-1.yml"
    before = path.read_text(encoding="utf-8")
    assert "# 党员名册" in before and "  points:\n    2024: 80\n    2025: 90\n" in before
    sheet = xlsx(project / "改分.xlsx", "党员", [["编号", "2025年积分"], ["m00006", 85]])
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 0, result.stderr
    assert "党员（2025 年度）：修改 1" in result.stdout
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("    2024: 80\n    2025: 90\n", "    2024: 80\n    2025: 85\n", 1)


def test_commitments_and_ledgers_by_name_and_label(project: Path) -> None:
    sheet = project / "承诺.xlsx"
    book = Workbook()
    commitments = book.active
    assert commitments is not None
    commitments.title = "公开承诺"
    for row in (
        ["编号", "承诺人", "承诺内容", "承诺日期", "完成时限", "审核人", "状态", "兑现日期"],
        [
            "c2025-90001",
            "丁建国",
            "为群众代办事项 5 件",
            "2025-03-01",
            "2025-10-01",
            "刘玉梅",
            "已兑现",
            "2025-09-20",
        ],
    ):
        commitments.append(row)
    ledger = book.create_sheet("积分台账")
    keeper = next(
        iter(load_township(project / "data").ledgers[2025])
    )  # a member whose points come from a ledger
    for row in (["党员编号", "日期", "事项", "分值"], [keeper, "2025-04-01", "参加志愿服务", 3]):
        ledger.append(row)
    book.save(sheet)
    first = run("import", str(sheet), cwd=project)
    assert first.returncode == 0, first.stderr
    assert "公开承诺：新增 1" in first.stdout and "积分台账：新增 1" in first.stdout
    again = run("import", str(sheet), cwd=project)  # the same sheet twice adds nothing
    assert "积分台账：未变 1" in again.stdout and "公开承诺：未变 1" in again.stdout
    text = (project / "data" / "commitments" / "2025.yml").read_text(encoding="utf-8")
    assert "- id: c2025-90001\n  by: m00006\n" in text and "  status: fulfilled\n" in text


def test_two_ledger_rows_alike_are_two_entries_and_the_sheet_imported_again_adds_none(project: Path) -> None:
    keeper = next(iter(load_township(project / "data").ledgers[2025]))
    row = [keeper, "2025-04-01", "参加志愿服务", 3]
    sheet = xlsx(project / "台账.xlsx", "积分台账", [["党员编号", "日期", "事项", "分值"], row, row])
    ledger = project / "data" / "points" / "2025" / f"{load_township(project / 'data').branch_of[keeper]}.yml"
    before = ledger.read_text(encoding="utf-8").count("item: 参加志愿服务\n")
    first = run("import", str(sheet), cwd=project)
    assert first.returncode == 0, first.stderr
    assert "积分台账：新增 2" in first.stdout  # (two sessions on one day: neither lost)
    assert ledger.read_text(encoding="utf-8").count("item: 参加志愿服务\n") == before + 2
    again = run("import", str(sheet), cwd=project)
    assert "积分台账：未变 2" in again.stdout
    assert ledger.read_text(encoding="utf-8").count("item: 参加志愿服务\n") == before + 2
    third = xlsx(project / "三次.xlsx", "积分台账", [["党员编号", "日期", "事项", "分值"], row, row, row])
    assert "积分台账：新增 1，未变 2" in run("import", str(third), cwd=project).stdout


def test_unknown_headers_and_sheets_are_named(project: Path) -> None:
    sheet = xlsx(
        project / "表.xlsx", "党员", [["编号", "姓名", "性别", "手机号"], ["m90009", "甲", "男", "139"]]
    )
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("表.xlsx:党员!D1: 不认识的表头“手机号”")


def test_a_column_written_twice_is_named(project: Path) -> None:
    """(The last column's points were imported, the first's lost without a word.)"""
    sheet = xlsx(project / "表.xlsx", "党员", [["编号", "2025年积分", "2025年度积分"], ["m00019", 85, 95]])
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "表.xlsx:党员!C1: 表头“2025年度积分”与“2025年积分”是同一列（同一年度的同一项）；请删去其中一列"
    )


def test_one_record_given_otherwise_by_two_files_or_sheets_is_refused(project: Path) -> None:
    """Two files giving one member two totals, or a sheet edited beside a backup copy of it: the last one
    was taken, the first lost without a word. Given alike (the copy of a row left as it was), it is fine
    and counted once."""
    rows = [["编号", "姓名", "2025年积分"], ["m00800", "林家兴", 60]]
    first = xlsx(project / "a.xlsx", "党员", rows)
    second = xlsx(project / "b.xlsx", "党员", [rows[0], ["m00800", "林家兴", 99]])
    before = fingerprint(project / "data")
    result = run("import", str(first), str(second), cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "b.xlsx:党员!C2: 编号“m00800”的2025年积分在 a.xlsx:党员!C2 写的是“60”，这里是“99”；"
        "同一次导入里只能写一个，请删去或改正其中一处"
    )
    assert fingerprint(project / "data") == before

    book = load_workbook(first)
    book.copy_worksheet(book["党员"]).title = "党员备份"
    book.save(first)
    result = run("import", str(first), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导入：党员（2025 年度）：修改 1\n")


def test_a_cell_merged_down_a_column_is_each_rows_value(project: Path) -> None:
    """状态 已兑现 and its date merged over three commitments: all three are fulfilled (Excel keeps the value
    in the first cell alone; the other two read as empty and were left as they were without a word)."""
    ids = ["c2025-00056", "c2025-00057", "c2025-00058"]
    rows: list[list[object]] = [
        ["编号", "状态", "兑现日期"],
        [ids[0], "已兑现", "2025-12-20"],
        [ids[1]],
        [ids[2]],
    ]
    path = xlsx(project / "合并.xlsx", "公开承诺", rows)
    result = run("import", str(merged(path, "公开承诺", "B2:B4", "C2:C4")), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导入：公开承诺：修改 3\n")
    commitments = {c.id: c for c in load_township(project / "data").commitments[2025]}
    for commitment in ids:
        assert commitments[commitment].status == "fulfilled"
        assert str(commitments[commitment].fulfilled_on) == "2025-12-20"


def test_a_rare_character_lost_to_a_gbk_csv_is_named(project: Path) -> None:
    """Excel saves CSV in GBK on Chinese Windows and writes ? for a character GBK has not: 林䶮兴 came back
    as 林?兴 and was imported, though the clerk only changed the points."""
    members = project / "data" / "members" / "huaxin-chaye.yml"
    members.write_text(members.read_text(encoding="utf-8").replace("name: 林家兴", "name: 林䶮兴"), "utf-8")
    sheet = project / "党员.csv"
    sheet.write_bytes("编号,姓名,2025年积分\nm00800,林?兴,88\n".encode("gbk"))
    before = fingerprint(project / "data")
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "党员.csv:党员!B2: “林?兴”里的 ? 是原来“林䶮兴”里的字：表格另存为 CSV（GBK 编码）时，GBK 里没有的"
        "生僻字变成了 ?。请直接导入 .xlsx，或另存为“CSV UTF-8”后再导入"
    )
    assert fingerprint(project / "data") == before


def test_a_quote_left_open_in_a_csv_is_refused_at_its_line(project: Path) -> None:
    """A typo's quote read leniently ran to the end of the file as one cell: the points of the rows below
    were lost without a word and 邱建国's name became three lines with their numbers."""
    sheet = project / "积分.csv"
    sheet.write_text(
        '编号,姓名,积分\nm00001,"邱建国,80\nm00002,唐德华,81\nm00003,张三,82\n', encoding="utf-8"
    )
    before = fingerprint(project / "data")
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 2  # (a file that cannot be read as it stands)
    assert result.stderr.startswith('积分.csv:2: 这一行的双引号（"）没有配对')
    assert "Traceback" not in result.stderr
    assert fingerprint(project / "data") == before


def test_a_csv_cell_over_two_lines_is_kept_where_a_line_may_break(project: Path) -> None:
    """Excel saves a cell with a line break (Alt+Enter) as a quoted field over two lines: a commitment's
    text keeps it; a name may not have one (published as two words), refused at its cell."""
    sheet = project / "党员.csv"
    sheet.write_text('编号,姓名,2025年积分\nm00001,邱建国,80\nm00002,"唐\n德华",81\n', encoding="utf-8")
    before = fingerprint(project / "data")
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("党员.csv:党员!B3: ") and "不能换行" in result.stderr
    assert fingerprint(project / "data") == before
    made = project / "承诺.csv"
    made.write_text(
        "编号,承诺人编号,承诺人,承诺内容,承诺日期,完成时限,状态\n"
        'c-new,m00001,邱建国,"带头清理河道\n每月一次",2025-03-01,2025-12-31,进行中\n',
        encoding="utf-8",
    )
    result = run("import", str(made), cwd=project)
    assert result.returncode == 0, result.stderr
    loaded = load_township(project / "data", root=project)
    (commitment,) = [c for c in loaded.commitments[2025] if c.id == "c-new"]
    assert commitment.text == "带头清理河道\n每月一次"


def test_a_file_saved_with_windows_line_ends_and_a_bom_keeps_them(project: Path) -> None:
    """Notepad's BOM and CRLF line ends (and Git for Windows' checkout): one cell imported changed every
    line of the file, against "the rest of the file is kept byte for byte"."""
    members = project / "data" / "members" / "huaxin-chaye.yml"
    original = members.read_bytes()
    members.write_bytes(codecs.BOM_UTF8 + original.replace(b"\n", b"\r\n"))
    sheet = xlsx(project / "改分.xlsx", "党员", [["编号", "2025年积分"], ["m00800", 95]])
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 0, result.stderr
    written = members.read_bytes()
    assert written.startswith(codecs.BOM_UTF8) and b"\n" not in written.replace(b"\r\n", b"")
    changed = [
        (a, b) for a, b in zip(original.splitlines(), written[3:].split(b"\r\n"), strict=False) if a != b
    ]
    assert len(changed) == 1 and changed[0][1].strip().endswith(b"95"), changed


def test_later_sheets_may_name_a_member_as_the_members_sheet_of_the_import_does(project: Path) -> None:
    """A member renamed everywhere with 查找和替换 (党员 and 积分台账 agree), and a new member whose commitment
    names him: both were refused (“m00208”是“钱卫东”，不是“钱卫冬”; 欧阳新 不是党员)."""
    book = Workbook()
    members = book.active
    assert members is not None
    members.title = "党员"
    members.append(["编号", "姓名", "性别", "所在党支部", "入党时间", "类别"])
    members.append(["m00208", "钱卫冬", None, None, None, None])
    members.append(["m09001", "欧阳新", "男", "青山村第一党支部", "2024-07-01", "农村党员"])
    ledger = book.create_sheet("积分台账")
    ledger.append(["党员编号", "姓名", "日期", "事项", "分值"])
    ledger.append(["m00208", "钱卫冬", "2025-12-01", "参加义务植树", 2])
    ledger.append(["欧阳新", None, "2025-12-02", "参加义务植树", 2])  # (the new member by name)
    commitments = book.create_sheet("公开承诺")
    commitments.append(["编号", "承诺人", "所在党组织", "承诺内容", "承诺日期", "完成时限", "状态"])
    commitments.append(
        ["c2025-09002", "欧阳新", "青山村第一党支部", "带头清理河道", "2025-03-01", "2025-12-31", "进行中"]
    )
    book.save(project / "改名.xlsx")
    result = run("import", str(project / "改名.xlsx"), cwd=project)
    assert result.returncode == 0, result.stderr
    data = load_township(project / "data")
    assert data.member_by_id["m00208"].name == "钱卫冬"
    assert data.ledgers[2025]["m00208"][-1].item == "参加义务植树"
    assert next(c for c in data.commitments[2025] if c.id == "c2025-09002").by == "m09001"
    assert [entry.item for entry in data.ledgers[2025]["m09001"]] == ["参加义务植树"]


def test_a_title_above_the_headers_gives_its_year_and_a_sheet_is_known_by_its_name(project: Path) -> None:
    """A sheet with its title in a row above the headers (often merged across them) was 认不出是哪种表格;
    a 党员 sheet of 编号 and 姓名 alone was taken for a ledger (党员: 缺少日期)."""
    path = xlsx(
        project / "汇总.xlsx",
        "Sheet1",
        [["青山镇2024年党员积分汇总表"], ["编号", "姓名", "年度积分"], ["m00800", "林家兴", 77]],
    )
    result = run("import", str(merged(path, "Sheet1", "A1:C1")), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导入：党员（2024 年度）：修改 1\n")
    assert load_township(project / "data").member_by_id["m00800"].points[2024] == 77

    names = xlsx(project / "名单.xlsx", "党员", [["编号", "姓名"], ["m00800", "林家兴"]])
    result = run("import", str(names), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导入：党员：未变 1\n")

    one_column = read_tables(xlsx(project / "一列.xlsx", "党员", [["编号"], ["m00800"]]))[0]
    assert (one_column.headers, one_column.caption, len(one_column.rows)) == (("编号",), None, 1)

    result = run("import", "没有这个文件.xlsx", cwd=project)
    assert (result.returncode, result.stderr) == (
        2,
        "没有这个文件.xlsx：找不到这个文件（请检查文件名和所在的文件夹）\n",
    )


@pytest.mark.parametrize(
    ("file", "year"),
    [
        ("党员积分2026.1.5.csv", 2025),  # (the day it was saved: no year of the sheet)
        ("党员（截至2026-01-05）.csv", 2025),
        ("1231党员.csv", 2025),  # (a date at the start: 1231 is no assessment year)
        ("内部台账-2024.csv", 2024),
    ],
)
def test_a_date_in_a_files_name_is_not_its_year(project: Path, file: str, year: int) -> None:
    """A CSV named after the day it was saved wrote 2026's points; a sheet named 1231公开承诺 wrote a
    commitment into commitments/1231.yml, on no board. Lines ended by CR alone (Excel for Mac) are read."""
    sheet = project / file
    sheet.write_bytes("编号,姓名,年度积分\rm00800,林家兴,77\r".encode("gbk"))
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"已导入：党员（{year} 年度）：修改 1\n")
    assert load_township(project / "data").member_by_id["m00800"].points[year] == 77


def test_two_sheets_naming_one_maker_by_id_and_by_name_agree(project: Path) -> None:
    """The README allows an id or a name: 青山村第一党支部 in one sheet and qingshan-1 in another are one
    branch, not two values refused."""
    first = xlsx(
        project / "a.xlsx", "党员", [["编号", "所在党支部", "学历"], ["m00001", "青山村第一党支部", "高中"]]
    )
    second = xlsx(
        project / "b.xlsx", "党员", [["编号", "所在党支部", "学历"], ["m00001", "qingshan-1", "高中"]]
    )
    result = run("import", str(first), str(second), cwd=project)
    assert result.returncode == 0, result.stderr


def test_a_title_merged_over_two_rows_is_a_title(project: Path) -> None:
    """A title merged over the first two rows was filled down into the second and read as headers."""
    path = xlsx(
        project / "标题.xlsx",
        "Sheet1",
        [
            ["青山镇2025年积分台账"],
            [],
            ["党员编号", "姓名", "日期", "事项", "分值"],
            ["m00208", "钱卫东", "2025-12-20", "参加志愿服务", 3],
        ],
    )
    result = run("import", str(merged(path, "Sheet1", "A1:E2")), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导入：积分台账：新增 1\n")


def test_notes_below_the_data_are_no_records(project: Path) -> None:
    """Office sheets end with notes (注：…, 填表人：… 审核人：…); each was read as a record without an id
    and refused with a message about a missing 所在党支部 or 日期."""
    rows: list[list[object]] = [["编号", "姓名", "2025年积分"], ["m00800", "林家兴", 77]]
    rows += [["注：积分按年度台账汇总"], ["填表人：张三", None, "审核人：李四"]]
    result = run("import", str(xlsx(project / "带注.xlsx", "党员", rows)), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导入：党员（2025 年度）：修改 1\n")
    table = read_tables(project / "带注.xlsx")[0]
    assert [row.values["编号"] for row in table.rows] == ["m00800"]


def test_a_formula_without_its_result_is_named(project: Path) -> None:
    """A workbook written by a program keeps a formula without its result: the cell read as empty and the
    member's points were reported 未变 (not imported) without a word."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "党员"
    sheet.append(["编号", "2025年积分"])
    sheet.append(["m00019", "=80+5"])
    book.save(project / "公式.xlsx")
    result = run("import", str(project / "公式.xlsx"), cwd=project)
    assert result.returncode == 2  # (a file that cannot be read as it stands, as a damaged one)
    assert (
        "公式.xlsx:党员!B2: 公式 =80+5 没有保存计算结果；请用 Excel 或 WPS 打开这个文件，保存后再导入"
        in result.stderr
    )


def test_dry_run_writes_nothing(project: Path) -> None:
    before = fingerprint(project / "data")
    sheet = xlsx(project / "改分.xlsx", "党员", [["编号", "2025年积分"], ["m00019", 85]])
    result = run("import", str(sheet), "--dry-run", cwd=project)
    assert result.returncode == 0 and result.stdout.startswith("将要导入：党员（2025 年度）：修改 1")
    assert fingerprint(project / "data") == before


def test_shipped_templates_are_current_and_import_once_filled(project: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "templates"
    assert run("templates", "--out", str(fresh), cwd=project).returncode == 0
    for path in sorted(fresh.iterdir()):
        assert path.read_bytes() == (ROOT / "templates" / path.name).read_bytes(), (
            f"{path.name}: run python -m noticeboard templates --out templates"
        )
    book = load_workbook(fresh / "党员.xlsx")
    sheet = book.active
    assert sheet is not None
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["编号", "姓名", "性别"] and sheet["A1"].comment is not None
    row = {"编号": "m90010", "姓名": "李四", "性别": "男", "党支部": "qingshan-1", "积分": 86}
    sheet.append([row.get(str(header)) for header in headers])
    book.save(fresh / "党员.xlsx")
    result = run("import", str(fresh / "党员.xlsx"), cwd=project)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("first_bytes", "says"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
            "这是旧版 Excel（.xls）文件，或设置了打开密码的文件",
        ),
        (b"PK\x03\x04" + b"\0" * 60, "文件已损坏，或不是 Excel 工作簿"),
        ("编号,姓名,2025年积分\nm00001,邱建国,80\n".encode(), "可能是改了扩展名的文本（CSV）文件"),
    ],
)
def test_a_file_named_xlsx_that_is_not_one_says_what_it_likely_is(
    project: Path, first_bytes: bytes, says: str
) -> None:
    """An old .xls, a workbook with an opening password or a CSV renamed .xlsx was refused with openpyxl's
    exception's name (BadZipFile, KeyError), which told the office nothing."""
    sheet = project / "党员.xlsx"
    sheet.write_bytes(first_bytes)
    before = fingerprint(project / "data")
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("党员.xlsx：无法打开这个 Excel 文件：") and says in result.stderr, (
        result.stderr
    )
    assert "Error" not in result.stderr and "Traceback" not in result.stderr
    assert fingerprint(project / "data") == before
