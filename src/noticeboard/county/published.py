"""One township's published open data, as the county reads it: ``summary.json`` and what it says.

Whatever is in the folder — a build's ``site/data``, a CI artifact, a mirror — is only
read, never trusted: a missing folder or file, JSON that does not parse, another
``schema_version`` or a number that is not a count makes the township ``missing`` with
the reason in Chinese, and the county goes on with the others.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from msgspec import field

from noticeboard.boards.kinds import KINDS
from noticeboard.county.settings import TownshipEntry
from noticeboard.outputs.open_data import SCHEMA_VERSION
from noticeboard.registries.frozen import frozen

Status = Literal["ok", "stale", "missing"]
SUMMARY = "summary.json"
COUNTS = ("branches", "members", "commitments", "boards")
"""The keys of ``summary.json`` a county copies into ``townships.json`` (only the numbers documented under
them: :data:`COPIED_TOO` and the numbers the county shows)."""
REQUIRED = ("branches", "members", "commitments")
COPIED_TOO = tuple(
    ("commitments", key) for key in ("planned", "in_progress", "fulfilled", "unfulfilled", "not_due")
)
"""Documented numbers of ``summary.json`` the county copies but shows in no column."""
WHOLES: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    (("branches",), "total", ("stars", "unrated")),
    (("members",), "total", ("stars", "exempt", "unrated")),
    (("commitments",), "total", ("planned", "in_progress", "fulfilled", "unfulfilled")),
    (("commitments",), "total", ("due", "not_due")),
    (("boards", "venues"), "total", ("stars",)),
    (("boards", "classification"), "total", ("grades",)),
    (("boards", "duty_reports"), "total", ("grades",)),
    (("boards", "pairings"), "pairs", ("kinds",)),
    (("boards", "honours"), "awarded", ("members", "organisations")),
)
"""Parts of ``summary.json`` that add up to a whole: (where, the whole's key, the parts' keys: a number, or a
group of numbers by level). A summary whose parts do not add up is not used (三星 60 of 48 showed 125.0%;
已表彰 9, 其中党员 6、党组织 7 was shown and added up)."""
BOARD_NAMES = {kind.key: board.title for kind in KINDS for board in kind.county[:1]}
"""A kind's key in ``summary.json`` → its name on the county's pages (星级支部, 表彰 …), and the words of its
:data:`WHOLES`' wholes: why a township's summary is not used is said on the county's public pages (it said
各项之和 30 与 total 31 不符, in English)."""
WHOLE_NAMES = {"total": "总数", "pairs": "对数", "awarded": "已表彰数"}


@frozen
class Published:
    """A township as the county found it: ``ok`` (the county's year), ``stale`` (an earlier year) or
    ``missing`` (nothing usable, ``reason`` says why)."""

    entry: TownshipEntry
    status: Status
    reason: str | None
    year: int | None
    as_of: dt.date | None
    counts: Mapping[str, Any]
    """``branches``, ``members``, ``commitments`` and ``boards`` of its ``summary.json`` (empty when missing)."""
    rules: Mapping[str, str] = field(default_factory=dict)
    """Board kind → the rule its figures are made by, as the township's boards print it (``summary.json``'s
    ``rules``; none from a township of an earlier version, which did not publish them)."""

    @property
    def usable(self) -> bool:
        """Whether its numbers are shown (``ok`` and ``stale``; only ``ok`` ones add up to the county's)."""
        return self.status != "missing"

    def number(self, path: Iterable[str]) -> int | Decimal | None:
        """The count at ``path`` (``("branches", "stars", "3")``), or None where its summary has none."""
        value = _at(self.counts, path)
        return value if _is_number(value) else None


def _at(counts: Mapping[str, Any], path: Iterable[str]) -> Any:
    """The value at ``path`` in ``counts``, or None where there is none."""
    value: Any = counts
    for step in path:
        value = value.get(step) if isinstance(value, Mapping) else None
    return value


def _is_number(value: object) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value >= 0


class _Unusable(Exception):
    """Why a township's data cannot be used (Chinese, for the page and the log)."""


def read_published(
    folder: Path,
    entry: TownshipEntry,
    year: int,
    paths: Iterable[tuple[str, ...]],
    amounts: Collection[tuple[str, ...]],
) -> Published:
    """The township's ``summary.json`` for ``year``: the current one, or its year archive
    (``<year>/summary.json``) when the township already publishes a later year.

    ``paths`` are the numbers the county shows: each must be a whole count, or an amount for those of
    ``amounts``, where present (a board's where it publishes the board); only they and :data:`COPIED_TOO`
    are kept (what else a file holds is neither shown, added up nor republished).
    """
    try:
        document = _summary(folder, entry.open_data.rstrip("/"), year)
        published_year = _published_year(document)
        copied = (*paths, *COPIED_TOO)
        _check_counts(document, copied, amounts)
        counts = _picked(document, copied)
        _check_wholes(counts)
    except _Unusable as problem:
        return Published(entry, "missing", str(problem), None, None, {})
    if published_year > year:
        reason = f"数据为 {published_year} 年度，晚于汇总的 {year} 年度，且没有 {year} 年度的存档"
        return Published(entry, "missing", reason, published_year, None, {})
    as_of = _as_of(document.get("as_of"))
    rules = _rules(document.get("rules"))
    if published_year < year:
        reason = f"只有 {published_year} 年度的数据（尚未发布 {year} 年度）"
        return Published(entry, "stale", reason, published_year, as_of, counts, rules)
    return Published(entry, "ok", None, published_year, as_of, counts, rules)


def _rules(value: object) -> dict[str, str]:
    """``summary.json``'s rules, each a text (anything else: left out, as if not published)."""
    if not isinstance(value, Mapping):
        return {}
    return {key: rule for key, rule in value.items() if isinstance(key, str) and isinstance(rule, str)}


def _summary(folder: Path, shown: str, year: int) -> dict[str, Any]:
    """``shown`` names the folder as ``county.yml`` does (never the machine's own paths: they are published)."""
    if not folder.is_dir():
        raise _Unusable(f"找不到开放数据文件夹 {shown}")
    current = _load(folder / SUMMARY, f"{shown}/{SUMMARY}")
    if _published_year(current) > year and (folder / str(year) / SUMMARY).is_file():
        return _load(folder / str(year) / SUMMARY, f"{shown}/{year}/{SUMMARY}")
    return current


def _load(path: Path, shown: str) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _Unusable(f"缺少文件 {shown}") from None
    except UnicodeDecodeError:
        raise _Unusable(f"{shown} 不完整或不是 UTF-8 编码的文件：请该乡镇重新生成网站") from None
    except OSError:
        raise _Unusable(f"无法读取 {shown}（没有权限，或文件损坏）") from None
    try:
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise _Unusable(f"{shown} 不是有效的 JSON（第 {error.lineno} 行）") from None
    if not isinstance(document, dict) or "schema_version" not in document:
        raise _Unusable(
            f"{shown} 是旧格式的数据（第 1 版，没有写明格式版本），汇总读取第 {SCHEMA_VERSION} 版："
            "请该乡镇升级公示栏程序后重新生成网站"
        )
    version = document["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise _Unusable(f"{shown} 的格式版本不是整数")
    if version < SCHEMA_VERSION:
        raise _Unusable(
            f"{shown} 是第 {version} 版格式，汇总读取第 {SCHEMA_VERSION} 版：请该乡镇升级公示栏程序后重新生成网站"
        )
    if version > SCHEMA_VERSION:
        raise _Unusable(
            f"{shown} 是第 {version} 版格式，比汇总使用的公示栏程序（读取第 {SCHEMA_VERSION} 版）新："
            "请升级县级汇总使用的公示栏程序"
        )
    return document


def _published_year(document: Mapping[str, Any]) -> int:
    year = document.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise _Unusable(f"{SUMMARY} 没有写明年度（year）")
    return year


def _check_counts(
    document: Mapping[str, Any], paths: Iterable[tuple[str, ...]], amounts: Collection[tuple[str, ...]]
) -> None:
    """Each of ``paths`` a whole count (or, of ``amounts``, an amount), where its board is published."""
    for key in REQUIRED:
        if not isinstance(document.get(key), Mapping):
            raise _Unusable(f"{SUMMARY} 缺少 {key}")
    boards = document.get("boards", {})
    if not isinstance(boards, Mapping):
        raise _Unusable(f"{SUMMARY} 的 boards 应为各公示栏的数量")
    for path in paths:
        if path[0] == "boards" and path[1] not in boards:
            continue  # a board the township does not publish
        value = _at(document, path)
        if value is None and path in amounts:
            continue  # an amount nothing was recorded of (shown —, added up as nothing)
        if not _is_number(value) or (path not in amounts and not isinstance(value, int)):
            raise _Unusable(
                f"{SUMMARY} 的 {'.'.join(path)} 不是{'金额' if path in amounts else '个数（整数）'}"
            )


def _picked(document: Mapping[str, Any], paths: Iterable[tuple[str, ...]]) -> dict[str, Any]:
    """The numbers at ``paths`` in ``document``, nested as there (a path it has not: left out)."""
    picked: dict[str, Any] = {}
    for path in paths:
        value = _at(document, path)
        if value is None:
            continue
        into = picked
        for step in path[:-1]:
            into = into.setdefault(step, {})
        into[path[-1]] = value
    return picked


def _check_wholes(counts: Mapping[str, Any]) -> None:
    """Parts add up to their whole (:data:`WHOLES`); commitments fulfilled or overdue among those due are no
    more than fell due."""
    for where, whole, parts in WHOLES:
        found = _at(counts, where)
        if not isinstance(found, Mapping) or whole not in found or any(part not in found for part in parts):
            continue  # a board not published (every part of a published one is a checked number)
        added = sum(
            (sum(value.values()) if isinstance(value := found[part], Mapping) else value for part in parts),
            start=0,
        )
        if added != found[whole]:
            raise _Unusable(
                f"{SUMMARY} 中{BOARD_NAMES[where[-1]]}各项之和 {added} 与{WHOLE_NAMES[whole]} {found[whole]} 不符，"
                "数据自相矛盾"
            )
    pairings = _at(counts, ("boards", "pairings"))
    if isinstance(pairings, Mapping):
        year, total = pairings.get("funds_year"), pairings.get("funds_total")
        # (the year's funds are part of all years')
        if isinstance(year, int | Decimal) and isinstance(total, int | Decimal) and year > total:
            raise _Unusable(
                f"{SUMMARY} 中结对共创本年度投入资金 {year} 万元多于累计投入 {total} 万元，数据自相矛盾"
            )
    commitments = counts["commitments"]
    if commitments["due_fulfilled"] + commitments["overdue"] > commitments["due"]:
        raise _Unusable(
            f"{SUMMARY} 的 commitments 中已到期的兑现数与逾期数之和大于已到期数 {commitments['due']}，数据自相矛盾"
        )


def _as_of(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
