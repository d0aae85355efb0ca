"""Building blocks shared by the registry models.

Every model is frozen and forbids unknown keys (a typo must not be silently
ignored), and is strict: YAML's guesses (``0123`` → 83, ``yes`` → True) are
refused rather than quietly turned back into text. Numbers are exact
:class:`~decimal.Decimal` values, never binary floats.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from noticeboard.registries.full_width import has_full_width

FIRST_YEAR = 1921
LAST_YEAR = 2100


class Record(BaseModel):
    """Base of every registry record."""

    model_config = ConfigDict(
        # Validators are made when first used: a rebuild validates the files it has not got in its cache
        # (one, after an edit), and making every model's took a tenth of each build's start.
        defer_build=True,
        frozen=True,
        extra="forbid",
        strict=True,
        populate_by_name=False,
        json_schema_extra={"additionalProperties": False},
    )


MAX_PLACES = 10
"""Decimals a number may have (and it is below 10⁹). Why: the rules add and weigh numbers in Python's
28-digit decimal context, exact for every sum and product of such numbers they make; a ledger line of
29.9499…9 with 28 decimals was summed to 90.0 instead of 89.9499…9 and rated 三星."""


def _to_decimal(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("nb_number", "应为数字")
    if isinstance(value, int):
        value = Decimal(value)
    elif not isinstance(value, Decimal) or not value.is_finite():
        raise PydanticCustomError("nb_number", "应为数字")
    elif value.as_tuple().exponent < -MAX_PLACES:  # type: ignore[operator]  # (finite: an int)
        raise PydanticCustomError("nb_places", "小数最多写 {places} 位", {"places": MAX_PLACES})
    if value.adjusted() >= 9:
        raise PydanticCustomError("nb_too_large", "数字太大：应小于 10 亿")
    return value


def _to_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("nb_date", "应为日期（年-月-日，例如 2025-03-01），不要写时间")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("nb_date", "应为日期，格式为 年-月-日，例如 2025-03-01")


WRITTEN_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
"""A date as clerks write it (2025/3/5, 2025.3.5, 2025-3-5, 2025年3月5日): its year, month and day. A
spreadsheet's cell is read so; a registry file says how to write it as the registries do (2025-03-05)."""


Number = Annotated[Decimal, BeforeValidator(_to_decimal), WithJsonSchema({"type": "number"})]
"""A number as written in YAML, kept exact."""

Score = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    Field(ge=0, le=100),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]
"""A score out of 100."""

Day = Annotated[dt.date, BeforeValidator(_to_date), WithJsonSchema({"type": "string", "format": "date"})]
"""A calendar date, ``YYYY-MM-DD``."""


def written_text(value: Any) -> Any:
    """``id: 1001`` means the text "1001"; ``0123`` (read as 83) and ``yes`` are left as read (to fail)."""
    return str(value) if type(value) is int else value


def as_text(value: Any) -> Any:
    """:func:`written_text`, and a text with a character that is not seen (:data:`_UNSEEN`) is refused."""
    if type(value) is str and not value.isprintable() and (unseen := _UNSEEN.search(value)):
        raise PydanticCustomError(
            "nb_unseen",
            "含有一个看不见的字符（U+{code}），请删除它后重新输入",
            {"code": f"{ord(unseen.group()):04X}"},
        )
    return written_text(value)


_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
"""Characters a reader does not see but a computer does: control characters (not a line break or a tab),
zero-width spaces and joiners, soft hyphens, and the marks that reverse how text reads (U+202E). An id
with one is another id than the same id without (m00003 twice, two stars and three); a name with U+202E
shows its letters reversed."""


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    BeforeValidator(as_text),
]
"""Non-empty text (a plain whole number such as 1001 is taken as its digits)."""


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise PydanticCustomError("nb_line_break", "不能换行：姓名、名称和职务要写在一行里")
    return value


OneLine = Annotated[Text, AfterValidator(_one_line)]
"""Text on one line: a name (a member's, a secretary's, an organisation's, a township's), a post or a title,
one cell of a board. Why: a line break (Alt+Enter in a cell, a CSV cell over two lines) was imported inside a
member's name and published as two words."""


def _half_width(value: str) -> str:
    if has_full_width(value):
        raise PydanticCustomError("nb_full_width", "编号应为半角字符")
    return value


Id = Annotated[Text, AfterValidator(_half_width)]
"""An id (or a reference to one) written as text: no full-width ``ｍ００１`` beside ``m001``."""

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$", max_length=64), BeforeValidator(as_text)]
"""An identifier used in URLs: lower-case letters, digits and ``-``."""

Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
"""An assessment year such as 2025."""

BY_YEAR: JsonDict = {"propertyNames": {"pattern": "^[0-9]{4}$"}}
"""Schema hint for mappings keyed by year: JSON keys are text, so "four digits"."""
