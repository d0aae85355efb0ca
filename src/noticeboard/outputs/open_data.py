"""Open data: exactly what the boards show, as JSON for the county's systems and for anyone checking.

Each declared kind gives its files from the same board views as the pages, so a
member who is not named on a board is not named here either. Output is stable
byte for byte (sorted keys, no timestamps) so that builds are reproducible.
"""

from __future__ import annotations

import json

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.statistics import Stats
from noticeboard.boards.township import Boards


def files(boards: Boards, stats: Stats | None = None) -> dict[str, str]:
    """Every open-data file: the current year under ``data/``, each year also under ``data/<year>/``."""
    out: dict[str, str] = {}
    current = boards.registry.site.year
    for year, view in sorted(boards.years.items()):
        prefixes = [f"data/{year}/"] + (["data/"] if year == current else [])
        documents: dict[str, object] = {"summary.json": view.summary.as_dict()}
        for kind in KINDS:
            board = view.board(kind)
            if board is not None:
                documents.update(kind.open_data(boards, view, board))
        if year == current and stats is not None:
            documents["stats.json"] = stats.as_dict()
        for name, document in documents.items():
            # Compact: the C encoder is ten times faster than the indenting one at county scale.
            text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
            for prefix in prefixes:
                out[prefix + name] = text
    return out
