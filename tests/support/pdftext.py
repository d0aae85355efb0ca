"""Reading Chinese back from a PDF printed by Chromium.

Chromium writes the text map of shared glyphs in Noto Sans CJK as radicals
(⼭ for 山, ⻘ for 青). NFKC folds the Kangxi radicals; the simplified radicals of
the supplement block have no folding, so they are listed here.
"""

from __future__ import annotations

import unicodedata

SUPPLEMENT = str.maketrans(
    "⺠⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻩⻬⻮⻰⻳",
    "民见角贝车长门青韦页风飞食马骨鬼鱼鸟黄齐齿龙龟",
)


def readable(text: str) -> str:
    """The text as it reads on paper: radicals folded to characters, spaces removed."""
    folded = "".join(unicodedata.normalize("NFKC", c) if "\u2f00" <= c <= "\u2fdf" else c for c in text)
    return folded.translate(SUPPLEMENT).replace(" ", "").replace("\u2003", "")
