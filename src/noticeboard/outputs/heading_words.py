"""Headings that wrap between words, never inside one.

Why: Chromium (WeChat's browser) may end a line of Chinese after any character. A heading too long for a
phone's line then broke inside a word: 华新茶业有 / 限公司党支部, 公开承诺兑现 / 率, 先进基层党 / 组织, 青山镇党 /
务公开栏 at the largest text. The site's stylesheet keeps a heading's Chinese together (``word-break:
keep-all``) and this marks where it may break: ``<wbr>`` between its words, cut as the search index cuts
them (the site's names kept whole), and before an opening bracket or quote. A word of one character goes
with its neighbour (兑现率, not 兑现 / 率), a number with the word after it (2025 年度), and a name longer than
a line's share may break before the kind of organisation it names (华新茶业有限公司 / 党支部). A word longer
than the whole line breaks where it must (``overflow-wrap: break-word``). What is kept on one line
(``.nb-nowrap``) is left as it is: a ``<wbr>`` would break it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from noticeboard.boards.parts import NUMBER

Cut = Callable[[str], list[str]]
"""Cuts a run of Chinese characters into its words (they join back into it)."""

_HEADING = re.compile(r"(<h([1-3])\b[^>]*>)(.*?)(</h\2>)", re.DOTALL)
"""A heading (``h1``–``h3``) and what it holds. (Apart from the cards' titles: a pattern that begins with
either searched a county's 350 million characters of pages in 8 s, each alone in 0.4 s.)"""
Labels = Mapping[str, re.Pattern[str]]
"""Labels to mark besides the headings: each by a text that a page holding one contains (the class name),
and a pattern of three groups: its opening tag, its text (no tag in it), its closing tag."""
LABELS: Labels = {
    "nb-card__title": re.compile(r'(<span class="nb-card__title">)([^<]*)(</span>)'),
    "nb-print__button": re.compile(r'(<a class="md-button nb-print__button"[^>]*>)([^<]*)(</a>)'),
    "nb-name": re.compile(r'(<span class="nb-name">)([^<]*)(</span>)'),
}
"""A home page card's title, a print button's label (打印全部党员先锋岗公 / 示栏 before), an organisation's name
in a table (青山村第一党 / 支部 before), each looked for only on a page that has one."""
_TAG = re.compile(r"(<[^>]*>)")
_VOID = re.compile(r"<(?:wbr|br|img|input|hr)\b")
"""Elements without an end tag."""
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
"""A run of Chinese characters (what the search index cuts into words)."""
_OPENING = frozenset("（“‘《「『【〔")
"""Before these a line may end, also where Chinese is kept together (which keeps a run with its bracket)."""
_KINDS = re.compile(r"(?<=..)(?=有限公司|党支部|党总支|党委)")
"""Where a long name may break: before the kind of organisation it ends with."""
_LONG = 6
"""A word of more characters than this is a name that may break before its kind."""
_LEADING = frozenset("对与和及或并把被将在从向为按由已共每各")
"""Words of one character that lead the word after them; any other belongs with the word before it."""
_NUMBER_BEFORE = re.compile(NUMBER + r" \Z")
"""A number and a space just before a run of Chinese characters (searched up to the run)."""
_BREAK = "<wbr>"


def words_marked(html: str, cut: Cut, labels: Labels = LABELS) -> str:
    """``html`` with a line break allowed between the words of each heading and each of ``labels`` (by
    default a card's title and a print button's label) (``<wbr>``)."""
    marked = _HEADING.sub(lambda found: found[1] + _inner(found[3], cut) + found[4], html)
    for name, label in labels.items():
        if name in marked:
            marked = label.sub(lambda found: found[1] + _inner(found[2], cut) + found[3], marked)
    return marked


def _inner(inner: str, cut: Cut) -> str:
    """What an element holds, its text marked where it is not kept on one line."""
    if "<" not in inner:
        return _text(inner, cut)
    parts = _TAG.split(inner)  # text, tag, text, …: a tag's attributes are left as they are
    opened: list[bool] = []  # for each element open here: whether it keeps its text on one line
    for index, part in enumerate(parts):
        if index % 2:
            if part.startswith("</"):
                if opened:
                    opened.pop()
            elif not part.endswith("/>") and not _VOID.match(part):
                opened.append("nb-nowrap" in part)
        elif part and not any(opened):
            parts[index] = _text(part, cut)
    return "".join(parts)


def _text(text: str, cut: Cut) -> str:
    """A text without tags (escaped as HTML), marked."""
    pieces: list[str] = []
    done = 0
    for run in _HAN.finditer(text):
        words = _phrases(cut(run.group()))
        number = _NUMBER_BEFORE.search(text, done, run.start())
        if number is not None:  # (2025 年度 stays one: not 2025 / 年度)
            pieces.append(text[done : number.start()])
            pieces.append(f'<span class="nb-nowrap">{number.group()}{words[0]}</span>')
            words = words[1:]
            if words:
                pieces.append(_BREAK)
        else:
            pieces.append(text[done : run.start()])
        pieces.append(_BREAK.join(words))
        done = run.end()
        if done < len(text) and text[done] in _OPENING:
            pieces.append(_BREAK)
    pieces.append(text[done:])
    return "".join(pieces)


def _phrases(words: list[str]) -> list[str]:
    """The words of a run as the pieces a line may break between: a long name cut before the kind of
    organisation it names; a word of one character joined to the word before it (兑现率, 宣讲队, 罗世杰的),
    or after it when it leads one (对华新茶业…, 与镇中心…, 已举办)."""
    pieces: list[str] = []
    leading = ""
    for word in words:
        if len(word) == 1 and word not in _LEADING and (pieces or leading):
            if leading:
                leading += word
            else:
                pieces[-1] += word
            continue
        if len(word) == 1:
            leading += word
            continue
        parts = _KINDS.split(word) if len(word) > _LONG else [word]
        parts[0] = leading + parts[0]
        leading = ""
        pieces.extend(parts)
    if leading:
        pieces.append(leading)
    return pieces
