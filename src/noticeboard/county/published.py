"""One township's published open data, as the county reads it: ``summary.json`` and what it says.

Whatever is in the folder — a build's ``site/data``, a CI artifact, a mirror — is only
read, never trusted: a missing folder or file, JSON that does not parse, another
``schema_version`` or a number that is not a count makes the township ``missing`` with
the reason in Chinese, and the county goes on with the others.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from noticeboard.county.settings import TownshipEntry
from noticeboard.outputs.open_data import SCHEMA_VERSION
from noticeboard.registries.frozen import frozen

Status = Literal["ok", "stale", "missing"]
SUMMARY = "summary.json"
COUNTS = ("branches", "members", "commitments", "boards")
"""The keys of ``summary.json`` a county copies unchanged into ``townships.json``."""
REQUIRED = ("branches", "members", "commitments")


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
    folder: Path, entry: TownshipEntry, year: int, paths: Iterable[tuple[str, ...]]
) -> Published:
    """The township's ``summary.json`` for ``year``: the current one, or its year archive
    (``<year>/summary.json``) when the township already publishes a later year.

    ``paths`` are the numbers the county shows: each must be a count or an amount where present.
    """
    try:
        document = _summary(folder, entry.open_data.rstrip("/"), year)
        published_year = _published_year(document)
        counts = {key: document[key] for key in COUNTS if key in document}
        _check_counts(counts, paths)
    except _Unusable as problem:
        return Published(entry, "missing", str(problem), None, None, {})
    if published_year > year:
        reason = f"数据为 {published_year} 年度，晚于汇总的 {year} 年度，且没有 {year} 年度的存档"
        return Published(entry, "missing", reason, published_year, None, {})
    as_of = _as_of(document.get("as_of"))
    if published_year < year:
        reason = f"只有 {published_year} 年度的数据（尚未发布 {year} 年度）"
        return Published(entry, "stale", reason, published_year, as_of, counts)
    return Published(entry, "ok", None, published_year, as_of, counts)


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
    except (OSError, UnicodeDecodeError) as error:
        raise _Unusable(f"无法读取 {shown}（{type(error).__name__}）") from None
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


def _check_counts(counts: Mapping[str, Any], paths: Iterable[tuple[str, ...]]) -> None:
    for key in REQUIRED:
        if not isinstance(counts.get(key), Mapping):
            raise _Unusable(f"{SUMMARY} 缺少 {key}")
    for path in paths:
        value = _at(counts, path)
        if value is None and path[0] == "boards":
            continue  # a board the township does not publish
        if not _is_number(value):
            raise _Unusable(f"{SUMMARY} 的 {'.'.join(path)} 不是数量")


def _as_of(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
