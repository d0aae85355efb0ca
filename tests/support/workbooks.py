"""Spreadsheets as a clerk fills them in, and a data folder's state before and after an import."""

from __future__ import annotations

import hashlib
from pathlib import Path

from openpyxl import Workbook, load_workbook

from support.commands import run


def xlsx(path: Path, title: str, rows: list[list[object]]) -> Path:
    """A workbook of one sheet ``title`` holding ``rows`` (the first is the headers)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def merged(path: Path, title: str, *ranges: str) -> Path:
    """The workbook at ``path`` with ``ranges`` (``B2:B4``) of its sheet ``title`` merged, as a clerk merges
    cells in Excel: the value stays in each range's first cell alone."""
    book = load_workbook(path)
    for cells in ranges:
        book[title].merge_cells(cells)
    book.save(path)
    return path


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` → the hash of its bytes: equal before and after means nothing written."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def exported(project: Path, out: Path) -> Path:
    """The office's export of ``project``'s ``data`` folder, written to ``out`` by the command line."""
    result = run("export", "data", "--out", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    return out
