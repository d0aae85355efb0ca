"""``county.yml``: which townships a county compares and where their published data is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from noticeboard.registries.errors import Problems
from noticeboard.registries.messages import report_validation
from noticeboard.registries.models.common import OneLine, Record, Slug, Text, Year
from noticeboard.registries.yaml_source import Document, read_yaml


class TownshipEntry(Record):
    """One township of the county: its name, its public site and the folder of its open data."""

    id: Slug = Field(description="乡镇编号（网址的一部分），例如 qingshan")
    name: OneLine = Field(description="乡镇名称，例如 青山镇")
    site: Text = Field(description="乡镇公示栏网站的地址，例如 https://qingshan.example.org/")
    open_data: Text = Field(
        description="存放该乡镇已发布的开放数据（JSON）的文件夹：网站生成后的 site/data、CI 的构件或镜像；"
        "相对路径从 county.yml 所在的文件夹算起"
    )

    @field_validator("site")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise PydanticCustomError("nb_address", "网站地址要以 https:// 或 http:// 开头")
        if not _host(value) or any(character.isspace() for character in value):
            # (https:// alone, or with a space: every link to the township led nowhere)
            raise PydanticCustomError(
                "nb_address", "网站地址不完整或含有空格，应为 https://qingshan.example.org/ 这样的地址"
            )
        return value if value.endswith("/") else value + "/"


class County(Record):
    """The county organisation department's roll-up: who publishes it, the year, the townships."""

    organisation: OneLine = Field(description="发布单位，例如 某某县委组织部")
    year: Year = Field(description="汇总的考核年度，例如 2025")
    site: Text | None = Field(
        None,
        description="县级汇总网站的地址（打印的汇总表上的二维码指向它），例如 https://dangjian.example.gov.cn/",
    )
    townships: list[TownshipEntry] = Field(min_length=1, description="参加汇总的乡镇")

    @field_validator("site")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        return None if value is None else TownshipEntry._web_address(value)


def read_county(path: Path, problems: Problems) -> County | None:
    """``county.yml`` validated, or None with every problem in ``problems`` (``FILE:LINE: 说明``)."""
    if not path.is_file():
        problems.add(path, 0, "找不到县级汇总的配置文件（county.yml）")
        return None
    document = read_yaml(path, problems)
    if document is None:
        return None
    county = None
    try:
        county = County.model_validate(document.data)
    except ValidationError as error:
        report_validation(error, document, (), problems)
    repeated = _repeats(path, document, problems)
    return None if county is None or repeated else county


def _split(address: str) -> SplitResult | None:
    """A web address in its parts; None where it is not one (``https://[abc/``)."""
    try:
        return urlsplit(address)
    except ValueError:
        return None


def _host(address: str) -> str | None:
    """The host of a web address, lower case; None where it has none or is not one."""
    parts = _split(address)
    return parts.hostname if parts else None


def _site(_: Path, address: str) -> str:
    """A site as compared: ``http://A.org/x/`` and ``https://a.org/x`` are one site (an address with no host,
    or none at all, as written: reported as such)."""
    parts = _split(address)
    return f"{parts.hostname}{parts.path.rstrip('/')}" if parts and parts.hostname else address


def _folder(county_file: Path, folder: str) -> str:
    """An open-data folder as compared: ``a/data/`` and ``./a/data`` are one folder."""
    try:
        return str((county_file.parent / folder).resolve())
    except (OSError, ValueError):  # (a name no folder can have, such as one with a NUL: reported as such)
        return folder


_UNIQUE: tuple[tuple[str, str, Callable[[Path, str], str]], ...] = (
    ("id", "编号", lambda _, value: value),
    ("name", "名称", lambda _, value: value),
    ("site", "网站地址", _site),
    ("open_data", "开放数据文件夹", _folder),
)
"""What no two townships share, each as compared. Why the folders and sites: a township pointed at another's
folder showed that one's figures under its own name, added up twice, without a word."""


def _repeats(path: Path, document: Document, problems: Problems) -> bool:
    """Whether a township's id, name, site or open-data folder is written twice; each repeat is reported at
    its own line, with the line it was first written on (also when other entries are wrong: every problem
    at once)."""
    townships = document.data.get("townships") if isinstance(document.data, dict) else None
    found = False
    for key, word, compared in _UNIQUE:
        first: dict[str, int] = {}
        for index, entry in enumerate(townships if isinstance(townships, list) else ()):
            value = entry.get(key) if isinstance(entry, dict) else None
            if not isinstance(value, str):
                continue
            line = document.line_at(("townships", index, key))
            seen = compared(path, value)
            if seen in first:
                problems.add(path, line, f"乡镇{word}“{value}”写了两次，第 {first[seen]} 行已经写过")
                found = True
            else:
                first[seen] = line
    return found


def open_data_folder(county_file: Path, township: TownshipEntry) -> Path:
    """The township's open-data folder, a relative one taken from ``county.yml``'s folder."""
    return county_file.parent / township.open_data
