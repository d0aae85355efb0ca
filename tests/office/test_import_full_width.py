"""``import`` of cells typed on a Chinese keyboard: full-width digits, letters and punctuation in number,
date and id cells are made half-width and listed; full-width spaces around any cell are dropped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from noticeboard.cli import main
from support.township import Township
from support.workbooks import xlsx


def test_full_width_cells_are_made_half_width_and_listed(
    town: Township, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(town.root)
    sheet = xlsx(
        town.root / "全角.xlsx",
        "党员",
        [
            ["编号", "姓名", "性别", "出生年份", "入党时间", "党支部", "2025年积分"],
            [
                "ｍ９０００１",
                "　欧阳明月　",
                "女",
                "１９９０",
                "２０２４－０７－０１",
                "qingshan-1",
                "９３．５",
            ],
            ["m002", "唐德华", "男", None, None, None, "85。5"],
            ["m003", "谭德华", "男", 1960, "2001/7/1", "青山村第一党支部", None],
        ],
    )
    assert main(["import", sheet.name, "--data", "data"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "已导入：党员（2025 年度）：新增 1，修改 2"
    assert out[1] == (
        "已将 5 个格子里的全角数字、字母或符号改为半角："
        "全角.xlsx:党员!A2、全角.xlsx:党员!D2、全角.xlsx:党员!E2、全角.xlsx:党员!G2、全角.xlsx:党员!G3"
    )
    registry = town.load()
    added = registry.member_by_id["m90001"]
    assert (added.name, added.born, added.joined) == ("欧阳明月", 1990, dt.date(2024, 7, 1))
    assert added.points[2025] == Decimal("93.5")
    assert registry.member_by_id["m002"].points[2025] == Decimal("85.5")
    written = (town.data / "members" / "qingshan-1.yml").read_text(encoding="utf-8")
    assert "m90001" in written and "９" not in written and "　" not in written


def test_a_dry_run_lists_them_too_and_nothing_else_is_said_when_there_are_none(
    town: Township, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(town.root)
    full = xlsx(
        town.root / "a.xlsx", "党员", [["编号", "姓名", "性别", "积分"], ["m002", "唐德华", "男", "８８"]]
    )
    assert main(["import", full.name, "--data", "data", "--dry-run"]) == 0
    assert (
        capsys.readouterr().out.splitlines()[1]
        == "已将 1 个格子里的全角数字、字母或符号改为半角：a.xlsx:党员!D2"
    )
    plain = xlsx(
        town.root / "b.xlsx", "党员", [["编号", "姓名", "性别", "积分"], ["m002", "唐德华", "男", 88]]
    )
    assert main(["import", plain.name, "--data", "data", "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines() == ["将要导入：党员（2025 年度）：修改 1"]


def test_text_cells_keep_their_full_width_characters(
    town: Township, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only number, date and id cells are changed: a commitment may say ＡＢ级 as written."""
    monkeypatch.chdir(town.root)
    sheet = xlsx(
        town.root / "承诺.xlsx",
        "公开承诺",
        [
            ["编号", "承诺人", "承诺内容", "承诺日期", "完成时限", "状态"],
            ["ｃ９", "ｍ００１", "创建ＡＡＡ级景区", "2025-03-01", "２０２５－１２－０１", "进行中"],
        ],
    )
    assert main(["import", sheet.name, "--data", "data"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        out[1]
        == "已将 3 个格子里的全角数字、字母或符号改为半角：承诺.xlsx:公开承诺!A2、承诺.xlsx:公开承诺!B2、承诺.xlsx:公开承诺!E2"
    )
    made = next(c for c in town.load().commitments[2025] if c.id == "c9")
    assert (made.by, made.text, made.due) == ("m001", "创建ＡＡＡ级景区", dt.date(2025, 12, 1))
