"""What a Chinese keyboard types: full-width digits, letters and punctuation (全角) and full-width spaces.

Why: a Chinese input method in full-width mode (or a number copied from a Word document) types
``９０``, ``８５．５`` or ``２０２５－０３－０１``; they look like numbers and dates but are not, and a
full-width space ``　`` is invisible. ``validate`` says exactly that and gives the value to write;
``import`` turns them into their half-width forms in number, date and id cells (a clerk cannot
see the difference in a spreadsheet) and reports which cells it changed.

Only the full-width forms of ASCII (U+FF01–U+FF5E, what NFKC maps to ASCII) and the full-width
space U+3000 are changed, never Chinese characters; in a number, the Chinese full stop ``。``
is its decimal point.
"""

from __future__ import annotations

import re

FULL_WIDTH_SPACE = "\u3000"
CHINESE_FULL_STOP = "。"
_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {ord(FULL_WIDTH_SPACE): ord(" ")}

HOW_TO_TYPE = "输入法切换到英文状态或按 Shift+空格"
"""How to type half-width characters with a Chinese input method."""


def is_full_width(char: str) -> bool:
    return 0xFF01 <= ord(char) <= 0xFF5E or char == FULL_WIDTH_SPACE


def has_full_width(text: str, *, number: bool = False) -> bool:
    """Whether ``text`` holds anything :func:`half_width` would change (``number``: ``。`` too).

    (By a regular expression: every id of a county's 135,000 records is checked when validated.)"""
    return (not text.isascii() and _FULL_WIDTH.search(text) is not None) or (
        number and CHINESE_FULL_STOP in text
    )


_FULL_WIDTH = re.compile(f"[\uff01-\uff5e{FULL_WIDTH_SPACE}]")


def half_width(text: str, *, number: bool = False) -> str:
    """``text`` with full-width digits, letters and punctuation half-width, full-width spaces at
    either end removed and inside made half-width; ``number``: ``。`` is a decimal point."""
    if number:
        text = text.replace(CHINESE_FULL_STOP, ".")
    return text.strip(FULL_WIDTH_SPACE).translate(_TO_HALF)


def describe(text: str, *, number: bool = False) -> str:
    """What in ``text`` is full-width, in Chinese: ``全角数字``, ``全角数字和全角符号“．”``, ``末尾的全角空格``."""
    digits = any("０" <= char <= "９" for char in text)
    letters = any("Ａ" <= char <= "Ｚ" or "ａ" <= char <= "ｚ" for char in text)
    symbols = sorted(
        {char for char in text if is_full_width(char) and not char.isalnum() and char != FULL_WIDTH_SPACE},
        key=text.index,
    )
    parts = [word for word, found in (("全角数字", digits), ("全角字母", letters)) if found]
    if symbols:
        parts.append("全角符号" + "".join(f"“{char}”" for char in symbols))
    if number and CHINESE_FULL_STOP in text:
        parts.append("中文句号“。”")
    spaces = _spaces(text)
    if spaces:
        parts.append(spaces)
    return "、".join(parts[:-1]) + "和" + parts[-1] if len(parts) > 1 else "".join(parts)


def _spaces(text: str) -> str:
    if FULL_WIDTH_SPACE not in text:
        return ""
    stripped = text.strip(FULL_WIDTH_SPACE)
    if not stripped:
        return "全角空格"
    places = (
        ("开头", text.startswith(FULL_WIDTH_SPACE)),
        ("末尾", text.endswith(FULL_WIDTH_SPACE)),
        ("中间", FULL_WIDTH_SPACE in stripped),
    )
    return "、".join(place for place, found in places if found) + "的全角空格"


def explain(text: str, *, number: bool = False) -> str:
    """The sentence ``validate`` says of a value with full-width characters (no “请改为” when
    nothing half-width remains, e.g. a value that is only full-width spaces)."""
    only_digits = all("０" <= char <= "９" for char in text)
    what = "是全角数字" if only_digits else f"含有{describe(text, number=number)}"
    fixed = half_width(text, number=number)
    if not fixed.strip():
        return f"“{text}”{what}，请删去"
    if not any(is_full_width(char) for char in text.strip(FULL_WIDTH_SPACE)) and not (
        number and CHINESE_FULL_STOP in text
    ):
        return f"“{text}”{what}（看不见），请删去，写成 {fixed}"
    return f"“{text}”{what}，请改为半角 {fixed}（{HOW_TO_TYPE}）"
