"""Rendered outputs kept between builds, by the hash of everything they are made from.

Why: a county's 4,000 branch pages and 6,000 printed boards take most of a build to render, and
a one-record edit changes a handful of them. An output is reused only when the hash of all its
inputs — its catalogue entry (its view included), the site's frame and URLs, the templates,
``mkdocs.yml``, the navigation, the engine's and the package's code — is the one it was rendered
from; anything else renders it again, so a warm build gives the bytes a cold one would. Each
entry carries the hash of its own bytes (:class:`~noticeboard.registries.disk_cache.DiskCache`):
a damaged or half-written entry is rendered again, never published.

The hash is of a canonical serialisation (:func:`fingerprint`): the same values give the same
hash in any process, whatever objects they share and whatever order Python's sets are in.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from noticeboard.outputs.catalogue import Standalone
from noticeboard.registries.disk_cache import DiskCache


def _by_fields(obj: Any) -> tuple[object, ...]:
    """A value by its fields alone: a pydantic model without its set of fields given (a set, whose order
    changes from process to process), a dataclass without the cached properties in its ``__dict__``."""
    names = (
        type(obj).model_fields if isinstance(obj, BaseModel) else [f.name for f in dataclasses.fields(obj)]
    )
    return type(obj), tuple(getattr(obj, name) for name in names)


def _subclasses(cls: type[Any]) -> set[type[Any]]:
    found = {cls}
    for sub in cls.__subclasses__():
        found |= _subclasses(sub)
    return found


@functools.cache
def _dispatch() -> dict[type, Any]:
    """The types pickled by their fields (:func:`_by_fields`); every other value as pickle writes it."""
    cached = {
        cls
        for name, module in list(sys.modules.items())
        if name == "noticeboard" or name.startswith("noticeboard.")
        for cls in vars(module).values()
        if isinstance(cls, type)
        and dataclasses.is_dataclass(cls)
        and any(isinstance(value, functools.cached_property) for value in vars(cls).values())
    }
    return dict.fromkeys(_subclasses(BaseModel) | cached, _by_fields)


def fingerprint(*values: object) -> bytes:
    """The SHA-256 of ``values``' canonical serialisation: pickle's (C, fast), without its memo, so that an
    object shared by two views is written out in full in each, and with the types of :func:`_dispatch`
    by their fields. Raises on a value that cannot be pickled."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dispatch_table = _dispatch()  # made once, when every board kind is imported
    pickler.dump(values)
    return hashlib.sha256(buffer.getvalue()).digest()


def folder_fingerprint(folders: Iterable[Path]) -> bytes:
    """The hash of every file's name and bytes under ``folders`` (a theme's templates, its assets)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


@dataclass(frozen=True)
class Output:
    """A rendered page and the search entries it gave (none for a page outside the engine's pipeline)."""

    text: str
    search: tuple[dict[str, Any], ...] = ()


class Rendered:
    """Outputs by key; the key is :func:`fingerprint` of the output's inputs (the build's and its own)."""

    def __init__(self, folder: Path | None, context: bytes) -> None:
        self.store = DiskCache(folder, b"rendered 1\n" + context, ".json") if folder is not None else None
        self.context = context

    def key(self, *inputs: object) -> bytes:
        """The key of an output made from ``inputs`` within this build's context."""
        return fingerprint(self.context, *inputs)

    def get(self, key: bytes) -> Output | None:
        stored = self.store.get(key) if self.store else None
        if stored is None:
            return None
        data = json.loads(stored)
        return Output(data["text"], tuple(data["search"]))

    def made(self, inputs: object, make: Callable[[], str]) -> str:
        """The text made from ``inputs``: from the store, or made now and stored."""
        key = self.key(inputs)
        output = self.get(key)
        if output is None:
            output = Output(make())
            self.put(key, output)
        return output.text

    def put(self, key: bytes, output: Output) -> None:
        if self.store:
            text = json.dumps({"text": output.text, "search": list(output.search)}, ensure_ascii=False)
            self.store.put(key, text.encode("utf-8"))


@dataclass
class Reuse:
    """Which pages of a build are taken from earlier builds, and where their search entries go.

    The engine renders the other pages in its own order, each adding its search entries to the
    index as it goes; a kept page's entries are placed just before the next rendered page after it,
    so the index lists every page in the same order as a cold build. A kept page with no rendered
    page after it is rendered instead (its entries would have nowhere to go).
    """

    rendered: Rendered
    order: dict[str, int]
    """Every page's position in the engine's order, by its source path."""
    keys: dict[str, bytes]
    """The key of every page that may be kept (rendered now or taken from the store)."""
    kept: dict[str, Output]
    pending: list[str]
    """Kept pages whose search entries are not placed yet, in order."""

    @classmethod
    def plan(cls, rendered: Rendered, pages: list[tuple[str, object | None]]) -> Reuse:
        """``pages``: every page in the engine's order, with the inputs it is made from when it may be kept."""
        order = {src: index for index, (src, _) in enumerate(pages)}
        keys = {src: rendered.key(src, inputs) for src, inputs in pages if inputs is not None}
        found = {src: output for src in keys if (output := rendered.get(keys[src])) is not None}
        last = max((order[src] for src, _ in pages if src not in found), default=-1)
        kept = {src: output for src, output in found.items() if order[src] < last}
        return cls(rendered, order, keys, kept, sorted(kept, key=order.__getitem__))

    def entries_before(self, src: str) -> list[dict[str, Any]]:
        """The search entries of the kept pages that come before the rendered page ``src``."""
        entries: list[dict[str, Any]] = []
        while self.pending and self.order[self.pending[0]] < self.order.get(src, len(self.order)):
            entries += self.kept[self.pending.pop(0)].search
        return entries

    def store(self, src: str, text: str, search: list[dict[str, Any]]) -> None:
        """Keep a page just rendered for the next build, if it may be kept."""
        if src in self.keys and src not in self.kept:
            self.rendered.put(self.keys[src], Output(text, tuple(search)))


def standalone_files(
    pages: Iterable[Standalone],
    rendered: Rendered,
    render: Callable[[Standalone, Mapping[str, str]], str],
    render_sheets: Callable[[Any], str],
) -> Iterator[tuple[str, str]]:
    """Each standalone page's file and text (posters, screens, redirects): from the store when its inputs
    are unchanged, rendered otherwise. A poster's sheets are made once per build and stored too, so a
    print-all page whose one poster changed renders that poster's sheets alone."""
    sheets: dict[str, str] = {}
    for page in pages:
        key = rendered.key("standalone", page)
        output = rendered.get(key)
        if output is None:
            for poster in getattr(page.view, "posters", ()):
                if poster.key not in sheets:
                    sheets[poster.key] = rendered.made(
                        ("sheets", poster), functools.partial(render_sheets, poster)
                    )
            output = Output(render(page, sheets))
            rendered.put(key, output)
        yield page.path, output.text
