"""Open data: exactly what the boards show, as JSON for the county's systems and for anyone checking.

Each declared kind gives its files from the same board views as the pages, so a
member who is not named on a board is not named here either. Output is stable
byte for byte (sorted keys, no timestamps) so that builds are reproducible.

Every file is one JSON object that says what it is (:func:`envelope`): the version of
its format, the organisation that published it and the year it is of. A county rolls
up what its townships published by these files alone, so their format is a contract:
:data:`SCHEMA_VERSION` changes when a field is removed, renamed or changes meaning, and
stays when a field is added (readers ignore keys they do not know).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

import msgspec

from noticeboard.boards.kinds import KINDS
from noticeboard.boards.statistics import Stats
from noticeboard.boards.township import Boards, YearView

SCHEMA_VERSION = 2
"""The format of the open-data files. 1: the files before versions (a bare list or object, no
``schema_version``); 2: every file an object with ``schema_version``, ``organisation`` and ``year``,
lists under ``records``, and ``summary.json`` with ``as_of`` and each board's counts (``boards``)."""

ENVELOPE_KEYS = ("schema_version", "organisation", "year")
RECORDS = "records"
"""The key of a file's list of records (branches, members, commitments …)."""


def envelope(document: object, *, organisation: str, year: int) -> dict[str, object]:
    """One file's document as published: what it is (version, organisation, year), then its content.

    A list becomes ``records``; an object's own keys stay at the top, beside the envelope's.
    """
    head: dict[str, object] = {"schema_version": SCHEMA_VERSION, "organisation": organisation, "year": year}
    if isinstance(document, Mapping):
        clash = [key for key in ENVELOPE_KEYS if key in document and document[key] != head[key]]
        if clash:
            raise ValueError(f"内部错误：开放数据的字段 {clash} 与文件说明冲突")
        return {**document, **head}
    return {**head, RECORDS: document}


def summary(boards: Boards, view: YearView) -> dict[str, object]:
    """``summary.json``: the year's counts, those the county compares across townships.

    ``boards`` holds each kind's own counts (:meth:`~noticeboard.boards.kind.BoardKind.rollup`);
    every number in it is a count or an amount that adds up across townships.
    """
    counts: dict[str, object] = {}
    for kind in KINDS:
        board = view.board(kind)
        if board is not None and (rollup := kind.rollup(board)) is not None:
            counts[kind.key] = rollup
    return {**view.summary.as_dict(), "as_of": view.results.as_of.isoformat(), "boards": counts}


def texts(boards: Boards, stats: Stats | None = None) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every open-data file's text with the paths it is published at (the current year under ``data/``, each
    year also under ``data/<year>/``), made one kind at a time: a county's documents made all at once
    were 86 MB more in the process that writes them, while the pages are catalogued beside it."""
    current = boards.registry.site.year
    organisation = boards.registry.site.organisation
    for year, view in sorted(boards.years.items()):
        prefixes = (f"data/{year}/",) + (("data/",) if year == current else ())
        yield from _published({"summary.json": summary(boards, view)}, prefixes, organisation, year)
        for kind in KINDS:
            board = view.board(kind)
            documents = (
                kind.open_data(boards, view, board)
                if board is not None
                else kind.open_data_without_board(year)
            )
            yield from _published(documents, prefixes, organisation, year)
        if year == current and stats is not None:
            yield from _published({"stats.json": stats.as_dict()}, prefixes, organisation, year)


def _published(
    documents: Mapping[str, object], prefixes: tuple[str, ...], organisation: str, year: int
) -> Iterator[tuple[tuple[str, ...], str]]:
    for name, document in documents.items():
        text = json_text(envelope(document, organisation=organisation, year=year))
        yield tuple(prefix + name for prefix in prefixes), text


def files(boards: Boards, stats: Stats | None = None) -> dict[str, str]:
    """Every open-data file's text by its path (those of :func:`texts`, held together)."""
    return {path: text for paths, text in texts(boards, stats) for path in paths}


_JSON = msgspec.json.Encoder(order="sorted")


def json_text(document: object) -> str:
    """``document`` as one line of JSON, keys sorted, Chinese as itself: the text of ``json.dumps(document,
    ensure_ascii=False, sort_keys=True, separators=(",", ":"))``, written by msgspec (C) four times as
    fast (a county's 25 MB in 0.2 s instead of 0.8 s; a second process writes them while the pages are
    catalogued, and the build waited for it). A document msgspec cannot write as ``json.dumps`` does (keys
    that are not text) is written by ``json.dumps``. Beyond what the boards publish (their numbers are
    finite decimals), a float under 1e-4 or from 1e16 up would have its exponent written without ``+``
    and leading zeros (``1e16``, ``1e-5``), as JSON allows."""
    try:
        return _JSON.encode(document).decode("utf-8") + "\n"
    except TypeError:
        return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
