"""Opening the next assessment year (``new-year``): the site's year moves on, earlier years stay as they are.

Why a command: the office does this once a year, and by hand it means editing
``site.yml`` and creating files in three folders with the right names and
headers. Files are only ever created, never overwritten, and ``site.yml`` is
edited on its ``year:`` line alone, so comments and everything else are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from noticeboard.registries.errors import Problem, Problems, UserError
from noticeboard.registries.models.common import LAST_YEAR
from noticeboard.registries.reading import Registry
from noticeboard.registries.yaml_source import read_yaml

SCHEMA = "../docs/schema"


@dataclass
class Opened:
    """What ``open_year`` did: the files it created and the ones already there."""

    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


class YearError(UserError):
    """The year cannot be opened (message in Chinese)."""


def open_year(data_dir: Path, registry: Registry, year: int) -> Opened:
    """Make ``year`` the site's year and create its empty commitments, reviews and ledger files.

    Ledger files are made for the branches that kept a ledger in the year before, as
    those are the branches that add up their members' points from entries.
    """
    current = registry.site.year
    if year <= current:
        raise YearError(f"{year} 年不晚于现在的考核年度 {current} 年；新年度应为 {current + 1} 或更晚")
    if year > LAST_YEAR:  # (a year mistyped, 20266: refused before any file is written)
        raise YearError(
            f"{year} 不是考核年度（应为四位数的年份，最大 {LAST_YEAR}）；新年度应为 {current + 1}"
        )
    opened = Opened()
    _set_site_year(data_dir / "site.yml", year)
    header = f"# yaml-language-server: $schema=../{SCHEMA}/{{kind}}.schema.json\n# {year} 年{{what}}\n"
    _create(
        data_dir / "commitments" / f"{year}.yml", header.format(kind="commitments", what="公开承诺"), opened
    )
    _create(
        data_dir / "reviews" / f"{year}.yml",
        header.format(kind="reviews", what="领导点评；public: true 的才公示"),
        opened,
    )
    ledger_branches = sorted({registry.branch_of[m] for m in registry.ledgers.get(current, {})})
    for branch_id in ledger_branches:
        _create(
            data_dir / "points" / str(year) / f"{branch_id}.yml",
            f"# yaml-language-server: $schema=../../{SCHEMA}/points.schema.json\n# {year} 年积分台账\n",
            opened,
        )
    return opened


def _create(path: Path, text: str, opened: Opened) -> None:
    if path.exists():
        opened.kept.append(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    opened.created.append(path)


_YEAR_VALUE = re.compile(r"^(\s*year\s*:\s*)(['\"]?)\d{4}\2(\s*(#.*)?)$")


def _set_site_year(path: Path, year: int) -> None:
    """Change the value of the top-level ``year:`` line of ``site.yml``, keeping every other byte."""
    problems = Problems(root=path.parent)
    doc = read_yaml(path, problems)
    if doc is None:
        raise YearError(f"无法读取 {path}")
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines(keepends=True)
    index = doc.line_at(("year",)) - 1
    body = lines[index].rstrip("\r\n")
    match = _YEAR_VALUE.match(body)
    if match is None:
        raise YearError(str(Problem(path.as_posix(), index + 1, "请把这一行写成 year: 年份 的样子后再试")))
    ending = lines[index][len(body) :]
    lines[index] = f"{match.group(1)}{year}{match.group(3)}{ending}"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "".join(lines).encode("utf-8"))
