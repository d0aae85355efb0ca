"""Chinese prose written over several lines of a Markdown file, read as one line.

Why: an office writes a story's paragraph in Notepad over several lines. Markdown keeps each line break,
and Chromium (WeChat's browser) shows it as a space: “分片包户， 为 46 户”. Firefox drops a line break
between two Chinese characters, as CSS Text describes; Chromium does not. So the break is taken out of
the Markdown where both sides are Chinese, before Markdown reads it.
"""

from __future__ import annotations

import re

CHINESE = (
    "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026"
)
"""Chinese characters, their punctuation (、。「」【】，：；！？（）…), the dash and the curly quotes."""

_ENDS_CHINESE = re.compile(f"[{CHINESE}] ?$")
"""(Two spaces or more at the end of a line are Markdown's hard line break, kept.)"""
_STARTS_CHINESE = re.compile(f"[ \\t]*[{CHINESE}]")
_FENCE = re.compile(r"[ \t]*(```|~~~)")
_HEADING = re.compile(r"[ \t]*#")


def join_broken_lines(markdown: str) -> str:
    """``markdown`` with each line break inside a paragraph of Chinese removed: where a line ends in a
    Chinese character and the next begins with one. Headings, fenced code, blank lines and hard line
    breaks stay as they are; a line that begins a list, a quote or a table does not begin with a Chinese
    character."""
    lines = markdown.split("\n")
    joined: list[str] = []
    fenced = False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
        elif (
            not fenced
            and joined
            and _STARTS_CHINESE.match(line)
            and _ENDS_CHINESE.search(joined[-1])
            and not _HEADING.match(joined[-1])
        ):
            joined[-1] = joined[-1].rstrip(" ") + line.lstrip(" \t")
            continue
        joined.append(line)
    return "\n".join(joined)
