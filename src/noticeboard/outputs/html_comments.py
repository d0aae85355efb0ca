"""Notes written into a page's Markdown as HTML comments (``<!-- 联系人电话… -->``) are hidden on the page
but stand in its source, which anyone can read: they are taken out of what is published.

Why here: a clerk writing a story takes a comment for a note to colleagues, and the boards name real
people. Only real comments go: Markdown shows a comment inside code as text (``&lt;!--``), which stays.
The blog's summary mark (``<!-- more -->``, where Material's blog ends a story's summary) stays too."""

from __future__ import annotations

import re

_COMMENT = re.compile(r"<!--(?!\s*more\s*-->).*?-->", re.S)


def without_comments(html: str) -> str:
    """``html`` without its comments, but for the summary mark."""
    return _COMMENT.sub("", html) if "<!--" in html else html
