"""Plain-Chinese messages for validation errors, pointing at the line that caused them.

Why: pydantic's English wording ("Input should be a valid string") means
nothing to the organisation office. Each error type is rewritten to name the
field in Chinese, the value as it was typed, and what is expected; when YAML
itself changed the value (``0123`` → 83, ``yes`` → true) the message says so; when a Chinese
keyboard typed it full-width (``９０``, ``２０２５－０３－０１``) the message says so and gives the
half-width value to write.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from noticeboard.registries import full_width
from noticeboard.registries.errors import Problems
from noticeboard.registries.models.common import WRITTEN_DATE
from noticeboard.registries.models.scheme import COMPONENT_LABELS
from noticeboard.registries.yaml_source import TYPE_NAMES, AlteredInt, Document, scalar_kind

FIELD_LABELS: dict[str, str] = {
    "organisation": "发布单位",
    "office": "组织办",
    "year": "考核年度",
    "as_of": "逾期判断日期",
    "notice": "公示",
    "start": "公示开始日期",
    "days": "公示天数",
    "phone": "监督电话",
    "address": "地址",
    "privacy": "公开范围",
    "list_unstarred": "公布无星党员",
    "list_exempt": "公布不参与评星党员",
    "branch": "支部评星",
    "member": "党员",
    "components": "考核项权重",
    "tiers": "星级分数线",
    "round": "保留小数位数",
    "ledger": "积分台账",
    "base": "基础分",
    "min": "下限",
    "max": "上限",
    "id": "编号",
    "name": "名称",
    "kind": "类型",
    "parent": "所属党总支",
    "secretary": "书记",
    "assessments": "考核得分",
    "points": "积分",
    "target": "年终目标考核",
    "score": "总分",
    "gender": "性别",
    "ethnicity": "民族",
    "education": "学历",
    "born": "出生年份",
    "joined": "入党时间",
    "category": "类别",
    "exempt": "不参与评星",
    "private": "不公开信息",
    "date": "日期",
    "item": "事项",
    "by": "承诺人",
    "text": "承诺内容",
    "made": "承诺日期",
    "due": "计划完成日期",
    "approved_by": "审核人",
    "approved_on": "审核日期",
    "status": "状态",
    "fulfilled_on": "兑现日期",
    "updates": "进展记录",
    "note": "进展情况",
    "venue": "活动场所星级",
    "stars": "核定星级",
    "checks": "检查项",
    "checklist": "检查标准",
    "grade": "分类定级",
    "rectification": "整顿转化",
    "responsible": "责任人",
    "deadline": "期限",
    "progress": "进展情况",
    "duty_report": "述职考核",
    "post": "党员先锋岗",
    "title": "标题",
    "duties": "岗位职责",
    "since": "设岗日期",
    "photo": "照片",
    "subject": "被点评对象",
    "reviewer": "点评人",
    "level": "点评层级",
    "overall": "总体评价",
    "achievements": "取得成绩",
    "problems": "存在问题",
    "direction": "努力方向",
    "public": "是否公开",
    "who": "表彰对象",
    "proposed_on": "拟表彰日期",
    "awarded_on": "表彰日期",
    "reason": "主要事迹",
    "townships": "乡镇",
    "site": "网站地址",
    "open_data": "开放数据文件夹",
}


NESTED_LABELS: dict[tuple[str, str], str] = {
    ("reviewer", "name"): "点评人姓名",
    ("reviewer", "post"): "点评人职务",
    ("venue", "checks"): "检查项",
    ("post", "title"): "岗位名称",
}
"""Keys whose meaning depends on the key they are written under."""


def field_name(key: str, within: str | None = None) -> str:
    """``“gender”（性别）`` for a known key, ``“key”`` otherwise; ``within`` is the enclosing key."""
    label = COMPONENT_LABELS.get(key) if within in ("assessments", "duty_report", "components") else None
    label = label or NESTED_LABELS.get((within or "", key)) or FIELD_LABELS.get(key)
    return f"“{key}”（{label}）" if label else f"“{key}”"


def closest(word: str, known: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The known word ``word`` most likely is a typo of (keys, file and folder names), or None."""
    close = difflib.get_close_matches(word, known, n=1, cutoff=cutoff)
    return close[0] if close else None


_REMARK_KEYS = frozenset({"remark", "remarks", "comment", "comments", "memo", "备注", "说明"})
"""Keys a clerk adds for a remark of their own, which no record has: a YAML comment is the place."""


def closest_id(written: str, known: Iterable[str]) -> str | None:
    """The known id ``written`` most likely is a typo of, among those with the same numbers in it, or None.

    Why the same numbers (``m0001`` → ``m001``, ``qingshna-1`` → ``qingshan-1``): ids that differ in a
    number name other records. ``m00002`` is as close to ``m00802`` as to any member, and ``qingshan-6``
    to ``qingshan-5``; a clerk who followed such a hint gave a commitment to somebody else."""
    numbers = _numbers(written)
    same = sorted(key for key in known if _numbers(key) == numbers)
    close = difflib.get_close_matches(written, same, n=1)
    return close[0] if close else None


def id_hint(written: str, known: Iterable[str]) -> str:
    """``；是不是“qingshan-1”？`` after a message about an unknown id (:func:`closest_id`), or ""."""
    close = closest_id(written, known)
    return f"；是不是“{close}”？" if close else ""


def _numbers(text: str) -> list[int]:
    return [int(run) for run in re.findall(r"[0-9]+", text)]


def suggest(key: str, known: Sequence[str] = tuple(FIELD_LABELS)) -> str:
    """A "did you mean" hint for a mistyped key, or an empty string. A key known elsewhere but not here
    (``phone`` on a member) is no typo: where private details go is said instead."""
    if key in known:
        private = key in ("phone", "address")  # (site.yml's notice has them: a member's go under private)
        return "，这一项不能写在这里" + (
            "；党员的电话、住址等不公开的信息请写在 private 下" if private else ""
        )
    close = closest(key, known, cutoff=0.7)  # (at 0.6, remarks was asked 是不是“reason”？)
    return f"，是不是“{close}”？" if close else ""


def report_validation(
    error: ValidationError, doc: Document, prefix: tuple[str | int, ...], problems: Problems
) -> None:
    """Add one problem per validation error, at the line the error points to."""
    for detail in error.errors(include_url=False):
        loc = prefix + tuple(detail["loc"])
        line, message = explain(detail, doc, loc, len(prefix))
        problems.add(doc.path, line, message)


def explain(detail: ErrorDetails, doc: Document, loc: tuple[str | int, ...], skip: int) -> tuple[int, str]:
    """The line and the Chinese message for one pydantic error."""
    is_key = bool(loc) and loc[-1] == "[key]"
    if is_key:
        loc = loc[:-1]
    node, line = doc.node_at(loc)
    kind = scalar_kind(node) if node is not None and not is_key else None
    raw = getattr(node, "value", None) if kind else None
    where = _where(loc[skip:])
    etype = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})

    if "field" in ctx:  # a record-level rule about one of its keys: point at that key
        return doc.line_at((*loc, ctx["field"])), detail["msg"]
    tiers = bool(loc) and (loc[-1] == "tiers" or (isinstance(loc[-1], int) and loc[-2:-1] == ("tiers",)))
    if tiers and etype in ("missing", "too_short", "too_long"):  # (it said 缺少必填字段 “2”)
        return line, _TIERS_VENUE if "venue" in loc else _TIERS
    if etype == "missing":
        keys = [step for step in loc[:-1] if isinstance(step, str)]
        return line, f"缺少必填字段 {field_name(str(loc[-1]), keys[-1] if keys else None)}"
    if etype == "extra_forbidden":
        key = str(loc[-1])
        if key.lower() in _REMARK_KEYS:  # (remark: was asked 是不是“year”？)
            return line, f"未知字段“{key}”：备注请写成以 # 开头的一行（# 后面的文字是注释，不会公开）"
        return line, f"未知字段“{key}”{suggest(key) or '，请检查拼写'}"
    if is_key:
        key = str(loc[-1])
        if full_width.has_full_width(key):
            return line, f"{where}：键{full_width.explain(key)}"
        if etype == "string_pattern_mismatch":  # (a name, as a component's: 积分 or Points was told of years)
            return line, f"{where}：键“{key}”应为小写英文字母开头的名称（字母、数字、下划线），例如 points"
        return line, f"{where}：键“{key}”应为四位数的年份，例如 2025"
    message = _detail(etype, ctx, detail, raw, kind, str(loc[-1]) if loc else "")
    if kind == "str" and isinstance(raw, str) and full_width.has_full_width(raw, number=etype == "nb_number"):
        typed = full_width.explain(raw, number=etype == "nb_number")
        fixed = full_width.half_width(raw, number=etype == "nb_number")
        message = typed if _would_do(etype, ctx, fixed) else f"{typed}；{message}"
    return line, f"{where}：{message}"


def _where(loc: Sequence[str | int]) -> str:
    keys = [str(step) for step in loc if isinstance(step, str)]
    years = [step for step in loc if isinstance(step, int) and step >= 1000]
    if not keys:
        return "这一项"
    text = field_name(keys[-1], keys[-2] if len(keys) > 1 else None)
    if years:
        text = f"{years[-1]} 年的 {text}"
    return text


def _would_do(etype: str, ctx: dict[str, Any], fixed: str) -> bool:
    """Whether the half-width value is right where the value as typed was refused for ``etype``
    (otherwise the message also says what is expected)."""
    if etype == "nb_number":
        try:
            return Decimal(fixed).is_finite()
        except InvalidOperation:
            return False
    if etype == "nb_date":
        try:
            dt.date.fromisoformat(fixed)
        except ValueError:
            return False
        return True
    if etype in ("int_type", "int_parsing"):
        return re.fullmatch(r"[+-]?[0-9]+", fixed) is not None
    if etype == "string_pattern_mismatch":
        return re.fullmatch(str(ctx.get("pattern", "")), fixed) is not None
    if etype == "literal_error":
        return f"'{fixed}'" in str(ctx.get("expected", ""))
    return etype == "nb_full_width"


def _yaml_changed(raw: str | None, kind: str | None, value: Any) -> str:
    """Explain a value that YAML read as another type than the one written."""
    if raw is None or kind in (None, "str"):
        return ""
    if raw == "":  # (nothing written after the colon)
        return "；这里空着，请填写或删去这一行"
    shown = "true（是）" if value is True else "false（否）" if value is False else value
    if kind in ("int", "float") and str(value) != raw:
        return f'；YAML 把 {raw} 读成了数字 {shown}，请加引号写成 "{raw}"'
    return f'；YAML 把 {raw} 读成了{TYPE_NAMES.get(kind, kind)}，请加引号写成 "{raw}"'


def _detail(
    etype: str, ctx: dict[str, Any], detail: ErrorDetails, raw: str | None, kind: str | None, key: str
) -> str:
    value = detail.get("input")
    shown = raw if raw is not None else value
    if isinstance(value, AlteredInt) and raw is not None and etype in _NUMBER_EXPECTED:
        return _altered_number(raw, value)
    if etype in ("nb_number", "nb_date") and isinstance(value, str) and _plain_text(value):
        return (_not_a_number if etype == "nb_number" else _not_a_date)(value.strip())
    if etype.startswith("nb_"):
        return detail["msg"] + (_yaml_changed(raw, kind, value) if etype in ("nb_number", "nb_date") else "")
    if etype == "string_type":
        return "应为文字" + _yaml_changed(raw, kind, value)
    if etype == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        return f"“{shown}”不是可选的值，应为 {expected} 之一" + _yaml_changed(raw, kind, value)
    if etype in ("int_type", "int_parsing", "int_from_float"):
        return f"“{shown}”应为整数" + _yaml_changed(raw, kind, value)
    if etype in ("bool_type", "bool_parsing"):
        return f"“{shown}”应为 true（是）或 false（否）"
    if etype in ("dict_type", "model_type", "model_attributes_type"):
        return "应为若干“键: 值”，每行一个"
    if etype in ("list_type", "tuple_type"):
        return "应为列表，每项以“- ”开头"
    if etype == "too_short":  # (townships: [] was told it needed three tiers)
        return f"至少要写 {ctx.get('min_length', 1)} 项"
    if etype == "too_long":
        return f"最多写 {ctx.get('max_length')} 项"
    if etype in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _bound(etype, ctx, shown)
    if etype == "string_too_short":
        return "不能为空"
    if etype == "string_too_long":
        return f"太长（最多 {ctx.get('max_length')} 个字）"
    if etype == "string_pattern_mismatch" and key == "photo":
        return f"“{shown}”应为照片的文件名（.jpg 或 .png），例如 m00001.jpg，不要写文件夹"
    if etype == "string_pattern_mismatch":
        return f"“{shown}”只能由小写英文字母、数字和连字符“-”组成" + _yaml_changed(raw, kind, value)
    return f"值“{shown}”无效（{detail['msg']}）"


_TIERS = "“tiers”应有 3 个数：从高到低三个等次的最低分，例如 [90, 80, 60]"
_TIERS_VENUE = "“tiers”应有 3 个数：从高到低五星、四星、三星所需的达标项数，例如 [13, 11, 9]"


def _plain_text(value: str) -> bool:
    """Text written where a number or date belongs, with nothing full-width in it (that is said first,
    :mod:`~noticeboard.registries.full_width`) and something in it (an empty value is said so)."""
    return bool(value.strip()) and not full_width.has_full_width(value)


def _shown(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def _not_a_number(text: str) -> str:
    """What was written instead of a number, and how to write it: ``'90'`` quoted, ``90分``, ``九十``."""
    if _is_number(text) and "e" in text.lower():  # (YAML reads 1e2 as text, 1.0e2 as a number)
        return f"“{_shown(text)}”是指数写法，YAML 把它读成了文字；请直接写成 {Decimal(text):f}"
    if _is_number(text):
        return f"“{_shown(text)}”加了引号，成了文字；数字不要加引号，写成 {text}"
    if text.endswith("分") and _is_number(text[:-1].strip()):
        return f"“{_shown(text)}”应为数字：请去掉“分”，写成 {text[:-1].strip()}"
    return f"“{_shown(text)}”应为数字：只写阿拉伯数字，不带单位和文字"


def _is_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def _not_a_date(text: str) -> str:
    """What was written instead of a date, and the date written as the registries write it."""
    found = WRITTEN_DATE.match(text)  # (stripped: no line break for $ to let through)
    if found:
        try:
            day = dt.date(*(int(part) for part in found.groups()))
        except ValueError:
            return f"日期“{_shown(text)}”不存在，请检查年、月、日"
        if text == day.isoformat():  # (written as it should be, in quotes: it said 应写成 what was written)
            return f"“{text}”加了引号，成了文字；日期不要加引号，写成 {text}"
        return f"“{_shown(text)}”应写成 {day.isoformat()}（年-月-日，月和日各两位）"
    return f"“{_shown(text)}”应为日期，格式为 年-月-日，例如 2025-03-01"


_NUMBER_EXPECTED = frozenset({"nb_number", "int_type", "int_parsing"})
"""Errors of a field that expects a number (a score, a count): quotes would not help there."""


def _altered_number(raw: str, value: AlteredInt) -> str:
    """A number YAML read as another (``075`` → 61): what to write instead."""
    if re.fullmatch(r"[+-]?0[0-9]+", raw):
        return f"YAML 把 {raw} 读成了数字 {value}（以 0 开头的数字是八进制），请写成 {int(raw)}"
    return f"YAML 把 {raw} 读成了数字 {value}，请只用数字 0–9 按十进制书写"


def _bound(etype: str, ctx: dict[str, Any], shown: Any) -> str:
    words = {
        "greater_than_equal": ("ge", "不能小于"),
        "greater_than": ("gt", "应大于"),
        "less_than_equal": ("le", "不能大于"),
        "less_than": ("lt", "应小于"),
    }
    key, phrase = words[etype]
    return f"{shown} 超出范围：{phrase} {ctx.get(key)}"
