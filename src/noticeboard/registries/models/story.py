"""Front matter of a case story (经验做法/党建品牌) under ``docs/stories/posts/``.

The Material blog plugin owns most front-matter keys (``draft``, ``authors``,
``tags``, …), so unknown keys are allowed here; what this project adds —
``branches`` — and what it relies on — ``date`` (with its ``updated`` day, when
written as ``{created: …, updated: …}``), ``title``, ``slug``, ``categories``, ``draft`` — are checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import AliasPath, BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from noticeboard.registries.models.common import Slug, Text

MARKUP_MESSAGE = "不能含有 < 或 >：网页会把它当作代码；请改用《》或其他符号"


def has_no_markup(text: str) -> bool:
    return "<" not in text and ">" not in text


class StoryMeta(BaseModel):
    """The keys of a story's front matter that Noticeboard reads."""

    model_config = ConfigDict(frozen=True, extra="allow", strict=True)

    date: dt.date = Field(description="发布日期，或 {created: 日期, updated: 日期}")
    title: Text | None = Field(None, description="标题（不填则取正文第一个一级标题）")
    slug: Slug | None = Field(
        None, description="博客插件的短名（可不写）；本站文章的网址取文件名：stories/年份/文件名/，不用它"
    )
    categories: tuple[Text, ...] = Field((), strict=False, description="分类")
    branches: tuple[Slug, ...] = Field((), strict=False, description="相关党支部的编号")
    draft: bool = Field(False, description="草稿：true 时不发布，也不列在任何页面上（本机预览时可以看到）")
    updated: dt.date | None = Field(
        None,
        validation_alias=AliasPath("date", "updated"),
        description="更新日期：date 写成 {created: 日期, updated: 日期} 时（按更新日期排列的订阅源用它）",
    )

    @field_validator("title", "categories")
    @classmethod
    def _no_markup(cls, value: Any) -> Any:
        """A title or category is shown as it is written, as HTML, in Material's blog pages (its index,
        archive and category pages, the page's title): ``<`` or ``>`` would be markup there."""
        for text in (value,) if isinstance(value, str) else value or ():
            if not has_no_markup(text):
                raise PydanticCustomError("nb_markup", MARKUP_MESSAGE)
        return value

    @field_validator("date", "updated", mode="before")
    @classmethod
    def _day(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, dict):
            value = value.get("created")
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date) or (value is None and info.field_name == "updated"):
            return value
        raise PydanticCustomError("nb_date", "应为日期，格式为 年-月-日，例如 2025-03-01")
