"""The office's own export, edited and imported again: what the clerk changed is imported, nothing
else changes, and what the export only shows (汇总, 星级, 得分 …) is named, not refused.

Before, the demo's export imported back gave 287 problems: its sheets to read and print were taken for
registries, its computed columns were unknown headers, its makers were names shared by two members, and
its ledger members' totals were written over their ledgers."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from noticeboard.boards.kinds import load_township
from noticeboard.registries.reading import Registry
from support import ROOT
from support.commands import run
from support.workbooks import exported, fingerprint, xlsx


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the demo township's data in its own folder."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    return root


def export(project: Path) -> Path:
    return exported(project, project / "内部台账.xlsx")


def registry(project: Path) -> Registry:
    return load_township(project / "data")


def set_cell(sheet: Worksheet, row_id: str, header: str, value: object) -> str:
    """Write ``value`` in column ``header`` of the row whose first cell is ``row_id``; returns the cell."""
    column = next(cell.column for cell in sheet[1] if cell.value == header)
    row = next(cells[0].row for cells in sheet.iter_rows(min_row=2) if cells[0].value == row_id)
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    return str(cell.coordinate)


def test_the_export_imports_back_unchanged_and_names_what_it_did_not_read(project: Path) -> None:
    workbook = export(project)
    before = fingerprint(project / "data")
    result = run("import", str(workbook), cwd=project)
    assert result.returncode == 0, result.stderr
    summary = result.stdout.splitlines()[0]
    assert "新增" not in summary and "修改" not in summary, summary
    assert "党员（2025 年度）：未变 810" in summary and "公开承诺：未变 444" in summary
    assert fingerprint(project / "data") == before
    assert (
        "内部台账.xlsx: 2025汇总、2025领导点评、2025结对共创、2025共创成果、2025表彰、2025专题讲习、2025讲师团 "
        "是导出台账里只供查看、打印的表，没有导入" in result.stdout
    )
    assert (
        "内部台账.xlsx:2025党员: 星级、党员先锋岗 由程序按规则算出或从其他登记表汇总，没有导入"
        in result.stdout
    )


def test_edits_to_the_export_are_imported_and_nothing_else(project: Path) -> None:
    workbook = export(project)
    data = registry(project)
    keeper = next(iter(data.ledgers[2025]))  # a member whose points add up from a ledger
    book = load_workbook(workbook)
    set_cell(book["2025党员"], "m00801", "年度积分", 59)  # written directly: 85 (二星) → 59 (无星)
    set_cell(book["2025公开承诺"], "c2025-00005", "状态", "已兑现")
    set_cell(book["2025公开承诺"], "c2025-00005", "兑现日期", "2025-12-20")
    book["2025积分台账"].append([keeper, data.member_by_id[keeper].name, "2025-12-01", "参加义务植树", 2])
    book.save(workbook)
    result = run("import", str(workbook), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "已导入：积分台账：新增 1，未变 1142；公开承诺：修改 1，未变 443；党员（2025 年度）：修改 1，未变 809；党组织（2025 年度）：未变 55"
    )
    after = registry(project)
    assert after.member_by_id["m00801"].points[2025] == Decimal(59)
    assert next(c for c in after.commitments[2025] if c.id == "c2025-00005").status == "fulfilled"
    assert [e.item for e in after.ledgers[2025][keeper]][-1] == "参加义务植树"


def test_a_ledger_members_total_edited_in_the_export_is_refused_at_its_cell(project: Path) -> None:
    workbook = export(project)
    keeper = next(iter(registry(project).ledgers[2025]))
    book = load_workbook(workbook)
    cell = set_cell(book["2025党员"], keeper, "年度积分", 95)
    book.save(workbook)
    before = fingerprint(project / "data")
    result = run("import", str(workbook), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"内部台账.xlsx:2025党员!{cell}: 党员“{keeper}”2025 年的积分由积分台账累计（公示为 "
    ), result.stderr
    assert "不能直接改总分；请在积分台账里加减分" in result.stderr
    assert fingerprint(project / "data") == before


def test_a_total_the_boards_round_imports_back_as_written(project: Path) -> None:
    """89.95 is published as 90.0 (one decimal, half up) and exported so; imported again it stays 89.95."""
    members = project / "data" / "members" / "huaxin-chaye.yml"
    text = members.read_text(encoding="utf-8")
    assert "    2025: 85\n" in text
    members.write_text(text.replace("    2025: 85\n", "    2025: 89.95\n", 1), encoding="utf-8")
    workbook = export(project)
    shown = load_workbook(workbook)["2025党员"]
    row = next(r for r in shown.iter_rows(min_row=2, values_only=True) if r[0] == "m00801")
    assert row[9:11] == (90.0, "三星")
    before = fingerprint(project / "data")
    assert run("import", str(workbook), cwd=project).returncode == 0
    assert fingerprint(project / "data") == before


def test_numbers_keep_how_they_are_written(project: Path) -> None:
    """A spreadsheet has no 89.90: the export writes it as 89.9, and Excel keeps 90.0 as 90. Imported
    again, such a cell left the number as it was but rewrote the file (89.90 → 89.9)."""
    branches = project / "data" / "branches.yml"
    text = branches.read_text(encoding="utf-8")
    assert "    2025:\n      points: 89.9\n" in text
    branches.write_text(
        text.replace("    2025:\n      points: 89.9\n", "    2025:\n      points: 89.90\n", 1),
        encoding="utf-8",
    )
    workbook = export(project)
    before = fingerprint(project / "data")
    result = run("import", str(workbook), cwd=project)
    assert result.returncode == 0, result.stderr
    assert "党组织（2025 年度）：未变 55" in result.stdout
    assert fingerprint(project / "data") == before


def test_the_exported_years_columns_stay_that_year_after_new_year(project: Path) -> None:
    """The export's 年度积分 has no year in its header; its sheet, 2025党员, has. Imported after
    ``new-year 2026`` it was taken as 2026's points for every member."""
    workbook = export(project)
    assert run("new-year", "2026", cwd=project).returncode == 0
    before = fingerprint(project / "data")
    result = run("import", str(workbook), cwd=project)
    assert result.returncode == 0, result.stderr
    assert fingerprint(project / "data") == before
    assert 2026 not in registry(project).member_by_id["m00801"].points


def shown(cell: object) -> object:
    """A cell as Excel writes it into a CSV: a date as the export's format shows it (2024-01-28)."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    return "" if cell is None else cell


def test_a_sheet_saved_as_csv_keeps_the_year_its_workbook_is_named_by(project: Path) -> None:
    """Excel and WPS save a sheet as CSV under its workbook's name (内部台账-2025.csv), so the sheet's own
    title 2025党员 is lost. After ``new-year 2026`` a correction of one member's 2025 points wrote every
    member's 2025 points as 2026's. The year in the file's name is the sheet's; the summary says it."""
    workbook = load_workbook(export(project))
    assert run("new-year", "2026", cwd=project).returncode == 0
    rows = [list(row) for row in workbook["2025党员"].iter_rows(values_only=True)]
    points = rows[0].index("年度积分")
    target = next(row for row in rows[1:] if row[0] == "m00801")
    assert target[points] != 77
    target[points] = 77
    csv_file = project / "内部台账-2025.csv"
    with csv_file.open("w", encoding="gbk", newline="") as out:
        csv.writer(out).writerows([shown(cell) for cell in row] for row in rows)
    result = run("import", str(csv_file), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("已导入：党员（2025 年度）：修改 1，未变 809")
    members = registry(project).member_by_id
    assert members["m00801"].points[2025] == Decimal(77)
    assert not any(2026 in member.points for member in members.values())


def test_a_commitment_added_to_the_years_sheet_is_that_years(project: Path) -> None:
    """A row added at the bottom of the export's 2025公开承诺, made late in December 2024, is one of
    2025's commitments (it went into commitments/2024.yml, the year before's board)."""
    path = export(project)
    workbook = load_workbook(path)
    sheet = workbook["2025公开承诺"]
    headers = [cell.value for cell in sheet[1]]
    row = dict.fromkeys(headers)
    row.update(
        {"编号": "c2025-09001", "承诺人编号": "m00015", "承诺内容": "带头修缮村道 2 公里", "状态": "进行中"}
    )
    row.update({"承诺日期": "2024-12-28", "完成时限": "2025-11-30"})
    sheet.append([row[header] for header in headers])
    workbook.save(path)
    result = run("import", str(path), cwd=project)
    assert result.returncode == 0, result.stderr
    commitments = registry(project).commitments
    assert "c2025-09001" in {c.id for c in commitments[2025]}
    assert "c2025-09001" not in {c.id for c in commitments.get(2024, ())}


def test_a_ledger_row_changed_or_deleted_in_the_export_is_refused(project: Path) -> None:
    """A ledger row has no id: a row corrected in the export's 2025积分台账 (3 分 → 5 分) was imported as
    another entry beside the first, and the member's total gained both (86 → 94, 二星 → 三星, not 88).
    Each entry no longer in the sheet is named at its line, and nothing is written."""
    path = export(project)
    workbook = load_workbook(path)
    sheet = workbook["2025积分台账"]
    first = [cell.value for cell in sheet[2]]
    sheet.cell(row=2, column=5).value = first[4] + 2
    sheet.delete_rows(3)
    workbook.save(path)
    before = fingerprint(project / "data")
    result = run("import", str(path), cwd=project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    member, day, item, points = first[0], first[2].date().isoformat(), first[3], first[4]
    assert lines[0].endswith(
        f".yml:3: 这一条积分台账（{member} {day} {item} {points} 分）在 内部台账.xlsx:2025积分台账 里没有了"
    )
    assert lines[2].startswith(
        "内部台账.xlsx:2025积分台账: 这 2 条台账表里没有：在表里改过或删去了，或是导出之后才记进文件的"
    )
    assert fingerprint(project / "data") == before


def test_a_fulfilment_is_undone_by_its_status_and_its_emptied_date(project: Path) -> None:
    """A commitment wrongly marked 已兑现: 状态 set back to 进行中 and 兑现日期 emptied. An empty cell leaves a
    value as it is, so the date stayed and the row was refused; emptied beside another 状态 it goes."""
    fulfilled = next(c for c in registry(project).commitments[2025] if c.status == "fulfilled")
    path = export(project)
    workbook = load_workbook(path)
    sheet = workbook["2025公开承诺"]
    set_cell(sheet, fulfilled.id, "状态", "进行中")
    set_cell(sheet, fulfilled.id, "兑现日期", None)
    workbook.save(path)
    result = run("import", str(path), cwd=project)
    assert result.returncode == 0, result.stderr
    after = next(c for c in registry(project).commitments[2025] if c.id == fulfilled.id)
    assert (after.status, after.fulfilled_on) == ("in_progress", None)
    assert (
        after.model_copy(update={"status": "fulfilled", "fulfilled_on": fulfilled.fulfilled_on}) == fulfilled
    )


def test_a_row_deleted_from_the_export_deletes_nothing_and_is_told(project: Path) -> None:
    """A member's row deleted from the export's 2025党员 (he left the branch) was ignored without a word;
    the import removes no record, and now says which it left as they were."""
    path = export(project)
    workbook = load_workbook(path)
    sheet = workbook["2025党员"]
    gone = [cell.value for cell in sheet[5]][:2]
    sheet.delete_rows(5)
    workbook.save(path)
    before = fingerprint(project / "data")
    result = run("import", str(path), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (
        f"内部台账.xlsx:2025党员: 表里少了 1 名党员（{gone[0]} {gone[1]}）；导入不删除记录，它们没有改动"
        "（要删除，请直接改 data/members/ 里的名册）"
    ) in result.stdout.splitlines()
    assert fingerprint(project / "data") == before


def test_a_backup_copy_of_the_ledger_sheet_adds_nothing(project: Path) -> None:
    """A backup copy of the export's 2025积分台账 left in the workbook (or a “- 副本” of the workbook
    imported with it): the first matched every entry, and every row of the copy was added again, 1,142
    entries doubled. A row alike one of another sheet is a copy of it; a new row in either is added."""
    path = export(project)
    workbook = load_workbook(path)
    workbook.copy_worksheet(workbook["2025积分台账"]).title = "2025积分台账 (2)"
    workbook["2025积分台账"].append(["m00208", "钱卫东", dt.date(2025, 12, 20), "参加志愿服务", 3])
    workbook.save(path)
    copy = project / "内部台账 - 副本.xlsx"
    shutil.copy(path, copy)
    entries = sum(len(e) for e in registry(project).ledgers[2025].values())
    result = run("import", str(path), str(copy), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导入：积分台账：新增 1，未变 1142；")
    assert sum(len(e) for e in registry(project).ledgers[2025].values()) == entries + 1


def test_a_sheet_of_new_entries_named_as_the_exports_only_adds(project: Path) -> None:
    """A hand-made sheet named 2025积分台账 holding only new rows was refused, every entry of the year
    listed as missing: one that has none of the year's entries is not the export's."""
    sheet = xlsx(
        project / "12月新增积分.xlsx",
        "2025积分台账",
        [["党员编号", "姓名", "日期", "事项", "分值"], ["m00208", "钱卫东", "2025-12-20", "参加志愿服务", 3]],
    )
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已导入：积分台账：新增 1\n")


def test_namesakes_are_told_apart_by_their_organisation(project: Path) -> None:
    data = registry(project)
    twins = [m for m in data.members if m.name == "毛泽"]
    assert len(twins) == 2
    second = twins[1]
    branch_name = data.branch_by_id[data.branch_of[second.id]].name
    header = ["编号", "承诺人", "所在党组织", "承诺内容", "承诺日期", "完成时限", "状态"]
    row = ["c2025-90001", "毛泽", branch_name, "为群众代办事项 5 件", "2025-03-01", "2025-10-01", "进行中"]
    sheet = xlsx(project / "承诺.xlsx", "公开承诺", [header, row])
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "data" / "commitments" / "2025.yml").read_text(encoding="utf-8")
    assert f"- id: c2025-90001\n  by: {second.id}\n" in text

    alone = xlsx(project / "重名.xlsx", "公开承诺", [header[:2] + header[3:], row[:2] + row[3:]])
    result = run("import", str(alone), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"重名.xlsx:公开承诺!B2: 承诺人“毛泽”有 2 个同名（{twins[0].id}、{second.id}）；"
        "请写编号，或在“所在党组织”一列写明"
    )

    elsewhere = xlsx(project / "错支部.xlsx", "公开承诺", [header, [*row[:2], "青山村党总支", *row[3:]]])
    result = run("import", str(elsewhere), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "错支部.xlsx:公开承诺!B2: 承诺人“毛泽”不在“青山村党总支”；请核对承诺人和所在党组织"
    )

    unknown = xlsx(project / "无此支部.xlsx", "公开承诺", [header, [*row[:2], "青山村第九党支部", *row[3:]]])
    result = run("import", str(unknown), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "无此支部.xlsx:公开承诺!C2: 所在党组织“青山村第九党支部”不是 branches.yml 中的党组织，也不是青山镇党委"
    )


def test_namesakes_of_one_branch_are_told_apart_by_the_makers_id(project: Path) -> None:
    """A county has namesakes in one branch: the export writes each maker's id beside the name, and the
    import reads the id, checking the name against it."""
    members = project / "data" / "members" / "huaxin-chaye.yml"
    members.write_text(
        members.read_text(encoding="utf-8").replace("name: 方春林", "name: 林家兴", 1), encoding="utf-8"
    )
    header = ["编号", "承诺人", "承诺人编号", "所在党组织", "承诺内容", "承诺日期", "完成时限", "状态"]
    row = [
        "c2025-90001",
        "林家兴",
        "m00801",
        "华新茶业有限公司党支部",
        "代办事项 5 件",
        "2025-03-01",
        "2025-10-01",
        "进行中",
    ]
    result = run("import", str(xlsx(project / "同支部.xlsx", "公开承诺", [header, row])), cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "data" / "commitments" / "2025.yml").read_text(encoding="utf-8")
    assert "- id: c2025-90001\n  by: m00801\n" in text

    other = [row[0], "金玲", *row[2:]]
    result = run("import", str(xlsx(project / "对不上.xlsx", "公开承诺", [header, other])), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "对不上.xlsx:公开承诺!B2: 承诺人“金玲”与承诺人编号“m00801”不是同一人；请核对"
    )


def test_the_township_committee_and_its_leaders_are_makers_by_name(project: Path) -> None:
    """As the export names them: 青山镇党委 for the committee, a leader by name with 青山镇党委 as the
    organisation (the demo's party secretary has a namesake among the members)."""
    data = registry(project)
    leader = data.site.leaders[0]
    assert any(member.name == leader.name for member in data.members)
    header = ["编号", "承诺人", "所在党组织", "承诺内容", "承诺日期", "完成时限", "状态"]
    rows = [
        ["t2025-90001", "青山镇党委", None, "建成便民服务站 3 个", "2025-03-01", "2025-10-01", "进行中"],
        [
            "t2025-90002",
            leader.name,
            "青山镇党委",
            "走访困难党员 20 户",
            "2025-03-01",
            "2025-10-01",
            "进行中",
        ],
    ]
    result = run("import", str(xlsx(project / "镇.xlsx", "公开承诺", [header, *rows])), cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "data" / "commitments" / "2025.yml").read_text(encoding="utf-8")
    assert "- id: t2025-90001\n  by: committee\n" in text
    assert f"- id: t2025-90002\n  by: {leader.id}\n" in text


def test_a_ledger_rows_name_is_checked_against_its_id(project: Path) -> None:
    data = registry(project)
    keeper = next(iter(data.ledgers[2025]))
    other = next(m for m in data.members if m.id != keeper and m.name != data.member_by_id[keeper].name)
    sheet = xlsx(
        project / "台账.xlsx",
        "积分台账",
        [["党员编号", "姓名", "日期", "事项", "分值"], [keeper, other.name, "2025-04-01", "参加志愿服务", 3]],
    )
    before = fingerprint(project / "data")
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"台账.xlsx:积分台账!B2: 党员编号“{keeper}”是“{data.member_by_id[keeper].name}”，"
        f"不是“{other.name}”；请核对编号和姓名"
    )
    assert fingerprint(project / "data") == before


def test_two_years_of_points_in_one_sheet_are_both_imported(project: Path) -> None:
    """Both columns were read into one key: 2025's value was imported, 2024's lost without a word."""
    sheet = xlsx(project / "两年.xlsx", "党员", [["编号", "2024年积分", "2025年积分"], ["m00801", 66, 77]])
    result = run("import", str(sheet), cwd=project)
    assert result.returncode == 0, result.stderr
    points = registry(project).member_by_id["m00801"].points
    assert (points[2024], points[2025]) == (Decimal(66), Decimal(77))
