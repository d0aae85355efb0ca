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

import functools
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import msgspec

from noticeboard.boards.kind import BoardKind
from noticeboard.boards.kinds import KINDS
from noticeboard.boards.statistics import Stats
from noticeboard.boards.township import Boards, YearView
from noticeboard.outputs.fingerprints import fingerprint
from noticeboard.registries.disk_cache import PackCache, source_fingerprint

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
    rules: dict[str, str] = {}
    for kind in KINDS:
        board = view.board(kind)
        if board is not None and (rollup := kind.rollup(board)) is not None:
            counts[kind.key] = rollup
        if board is not None and (rule := kind.rule(board)) is not None:
            rules[kind.key] = rule
    as_of = view.results.as_of.isoformat()
    return {**view.summary.as_dict(), "as_of": as_of, "boards": counts, "rules": rules}


def texts(
    boards: Boards, stats: Stats | None = None, kept: KeptTexts | None = None
) -> Iterator[tuple[tuple[str, ...], bytes]]:
    """Every open-data file's text in UTF-8 with the paths it is published at (the current year under
    ``data/``, each year also under ``data/<year>/``), made one kind at a time: a county's documents made all
    at once were 86 MB more in the process that writes them, while the pages are catalogued beside it.
    ``kept``: the texts of the last builds, reused while their board is unchanged (none: all made now)."""
    kept = kept or KeptTexts(None)
    current = boards.registry.site.year
    organisation = boards.registry.site.organisation
    for year, view in sorted(boards.years.items()):
        prefixes = (f"data/{year}/",) + (("data/",) if year == current else ())
        published = functools.partial(_published, organisation=organisation, year=year)
        yield from _at(prefixes, published({"summary.json": summary(boards, view)}))
        for kind in KINDS:
            board = view.board(kind)
            if board is None:
                yield from _at(prefixes, published(kind.open_data_without_board(year)))
            else:
                yield from _at(prefixes, kept.texts(kind, year, organisation, board, published))
        if year == current and stats is not None:
            yield from _at(prefixes, published({"stats.json": stats.as_dict()}))


def _published(documents: Mapping[str, object], *, organisation: str, year: int) -> dict[str, bytes]:
    """Each document's file text: in its envelope, as JSON."""
    return {
        name: json_bytes(envelope(document, organisation=organisation, year=year))
        for name, document in documents.items()
    }


def _at(prefixes: tuple[str, ...], texts: Mapping[str, bytes]) -> Iterator[tuple[tuple[str, ...], bytes]]:
    for name, text in texts.items():
        yield tuple(prefix + name for prefix in prefixes), text


class KeptTexts:
    """Each kind's open-data texts of a year, kept between builds by the hash of its board, the year and the
    organisation: the whole of what a kind's :meth:`~noticeboard.boards.kind.BoardKind.open_data` is given.

    Why: a county's open data is 25 MB of JSON made from 180,000 rows, 0.8–1 s of a one-record rebuild on
    the build's critical path (the pages are hashed meanwhile, in 0.5 s), while the edit changes one or two
    of its 20 boards. Hashing the boards takes a fifth of making their documents. The hash is
    :func:`~noticeboard.outputs.fingerprints.fingerprint`'s, as a page's key is, under the package's code
    (every module: the kinds' ``open_data`` and the values they write), msgspec's and Python's versions;
    each text is checked against the hash of its bytes when read (a damaged one is made again). What two
    builds have not used is forgotten (:class:`~noticeboard.registries.disk_cache.PackCache`)."""

    def __init__(self, folder: Path | None) -> None:
        self.store = PackCache(folder / "open-data.sqlite", b"open data 1\n") if folder is not None else None

    def texts(
        self,
        kind: BoardKind,
        year: int,
        organisation: str,
        board: object,
        published: Callable[[Mapping[str, object]], dict[str, bytes]],
    ) -> dict[str, bytes]:
        """``kind``'s texts of ``year`` from its ``board``: those kept, or its documents made now,
        ``published`` (their texts) and kept."""
        if self.store is None:
            return published(kind.open_data(board))
        key = fingerprint(_code(), kind.key, year, organisation, board)
        stored = self.store.get(key)
        if stored is not None:
            try:
                return _TEXTS.decode(stored)
            except msgspec.DecodeError:  # (stored by other code the salt did not name: made again)
                pass
        made = published(kind.open_data(board))
        self.store.put(key, msgspec.msgpack.encode(made))
        return made

    def close(self) -> None:
        """Keep what this build made and used, and what the one before used; forget the rest."""
        if self.store is not None:
            self.store.close()


_TEXTS = msgspec.msgpack.Decoder(dict[str, bytes])


@functools.cache
def _code() -> bytes:
    """The code that makes an open-data text: the package's modules, msgspec's and Python's versions (the
    JSON is written by msgspec, or by Python's ``json`` where msgspec cannot)."""
    package = Path(__file__).resolve().parents[1]
    return source_fingerprint(package) + msgspec.__version__.encode() + sys.version.encode()


def files(boards: Boards, stats: Stats | None = None) -> dict[str, str]:
    """Every open-data file's text by its path (those of :func:`texts`, held together)."""
    return {path: text.decode("utf-8") for paths, text in texts(boards, stats) for path in paths}


_JSON = msgspec.json.Encoder(order="sorted")


def json_bytes(document: object) -> bytes:
    """``document`` as one line of JSON in UTF-8, keys sorted, Chinese as itself: the text of
    ``json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``, written by msgspec
    (C) four times as fast as ``json.dumps`` (a county's 25 MB in 0.2 s instead of 0.8 s) and never held as
    ``str`` (Chinese takes two or four bytes a character there). A document msgspec cannot write as
    ``json.dumps`` does (keys that are not text) is written by ``json.dumps``. Beyond what the boards publish (their numbers are finite decimals), a float
    under 1e-4 or from 1e16 up would have its exponent written without ``+`` and leading zeros (``1e16``,
    ``1e-5``), as JSON allows."""
    try:
        return _JSON.encode(document) + b"\n"
    except TypeError:
        text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.encode("utf-8") + b"\n"
