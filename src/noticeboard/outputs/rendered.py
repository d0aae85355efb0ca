"""Rendered outputs kept between builds, by the hash of everything they are made from.

Why: a county's 4,000 branch pages and 6,000 printed boards take most of a build to render, and
a one-record edit changes a handful of them. An output is reused only when the hash of all its
inputs — its catalogue entry (its view included), the site's frame and URLs, the templates,
``mkdocs.yml``, the navigation, the engine's and the package's code — is the one it was rendered
from; anything else renders it again, so a warm build gives the bytes a cold one would. Each
entry carries the hash of its own bytes (:class:`~noticeboard.registries.disk_cache.PackCache`):
a damaged or half-written entry is rendered again, never published.

The hash is of a canonical serialisation (:func:`~noticeboard.outputs.fingerprints.fingerprint`): the same values give the same
hash in any process, whatever objects they share (views hold no set: its order changes from process
to process, and a test checks there is none).
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from noticeboard.outputs.catalogue import Standalone
from noticeboard.outputs.fingerprints import fingerprint
from noticeboard.registries.aside import Aside, AsideFailed
from noticeboard.registries.disk_cache import PackCache, PackReader
from noticeboard.registries.frozen import field_names, frozen


def page_digests(
    pages: Mapping[str, object], *, fork: bool = False, meanwhile: Callable[[], object] = lambda: None
) -> dict[str, bytes]:
    """Each page's own inputs hashed (:func:`fingerprint` of its source path and its catalogue entry, its view
    included), by its source path: what :meth:`Reuse.plan` keys the page by, beside the build's context;
    ``meanwhile()`` is called while they are hashed.

    Why apart from the plan: the plan needs the engine's navigation, made later. ``fork``: a large site's
    pages are hashed by a second process while this one does ``meanwhile()`` (writes the open data). A
    county's 6,000 page entries are 90 MB as msgpack, 0.45–0.5 s of one core, about as long as its open
    data. Why this way round: the process that writes the open data reads every board and makes their
    JSON, and a forked process holds its own copy of every memory page it reads; writing it in the second
    process held 200 MB of its own at the build's peak (a county's one-record rebuild peaked at 560–600 MB),
    hashing the pages there holds 115 MB (peak 485–500 MB). Each page is hashed alone, so where it is hashed
    changes nothing (``tests/outputs/test_page_keys.py``)."""
    entries = list(pages.items())
    if not fork or len(entries) < DIGESTS_FORK_FROM:
        meanwhile()
        return _digests(entries)
    aside = Aside(functools.partial(_digests, entries))
    try:
        meanwhile()
    except BaseException:
        aside.stop()
        raise
    try:
        hashed: dict[str, bytes] = aside.result()
    except AsideFailed:  # (it printed what happened) hashed here instead
        hashed = _digests(entries)
    return hashed


DIGESTS_FORK_FROM = 2_000
"""Pages from which a second process hashes them (the demo township's 117 take 6 ms, not much more than a
fork; a county's 6,000 took 0.45–0.5 s of one core)."""


def _digests(entries: Sequence[tuple[str, object]]) -> dict[str, bytes]:
    return {src: fingerprint(src, page) for src, page in entries}


RENDERED_SALT = b"rendered 2\n"
"""The salt of the rendered outputs' stores (:class:`~noticeboard.registries.disk_cache.PackCache`)."""


class StoredTexts:
    """The texts a closed store of rendered outputs holds, read only (:class:`PackReader`): a poster's sheets,
    stored by the part of the standalone pages that printed it alone, for the print-all page that prints it
    too (:func:`standalone_files`). ``name``: the store's file in ``folder``, as :class:`Rendered` names it."""

    def __init__(self, folder: Path, name: str) -> None:
        self.store = PackReader(folder / f"{name}.sqlite", RENDERED_SALT)

    def utf8(self, key: bytes) -> bytes | None:
        """The text of ``key`` (a key made by :meth:`Rendered.key`) in UTF-8, when the store holds it intact."""
        return self.store.get(key + b"text")

    def close(self) -> None:
        self.store.close()


class Rendered:
    """Outputs by key; the key is :func:`fingerprint` of the output's inputs (the build's and its own).

    Of a page the engine renders, its search entries and its title are stored, and its text only with
    ``page_texts``: otherwise its text is in the site folder the last build published, and the page is kept
    only when it is there as that build left it (:class:`~noticeboard.website.SiteFolder` links it). Why:
    a county's pages are 200 MB, which every cold build wrote twice, into the site and into the store (its
    cold build took 26.0–27.0 s without, 26.3–34.4 s with them, alternating); CI keeps ``site/`` in its
    cache beside ``.cache/``. The preview server stores them (``page_texts``): its folder is a temporary
    one, gone when it stops, and the next one starts from the store. A standalone page's text is always
    stored (:func:`standalone_files`): a print-all page is put together from its posters' sheets.
    """

    def __init__(
        self,
        folder: Path | None,
        context: bytes,
        name: str = "pages",
        *,
        page_texts: bool = False,
        project: Path | None = None,
        series: str = "",
    ) -> None:
        """``name``: the store's file in ``folder`` (pages and standalone pages have one each, so that two
        processes can fill them at the same time). ``project``: the folder a site folder inside it is named
        from in the store (:meth:`published`). ``series``: the builds whose outputs this build's are
        (:class:`~noticeboard.registries.disk_cache.PackCache`: a preview server's, ``mkdocs build``'s)."""
        self.store = (
            PackCache(folder / f"{name}.sqlite", RENDERED_SALT, series) if folder is not None else None
        )
        self.series = series
        self.context = context
        self.page_texts = page_texts
        self.project = project.resolve() if project is not None else None

    def key(self, *inputs: object) -> bytes:
        """The key of an output made from ``inputs`` within this build's context."""
        return fingerprint(self.context, *inputs)

    def text(self, key: bytes) -> str | None:
        stored = self.utf8(key)
        return None if stored is None else stored.decode("utf-8")

    def utf8(self, key: bytes) -> bytes | None:
        """The text of ``key`` as it is stored, in UTF-8: to be written out as it is (held as ``str``, a page
        of Chinese takes two bytes a character, markup included)."""
        return self.store.get(key + b"text") if self.store else None

    def search(self, key: bytes) -> list[dict[str, Any]] | None:
        stored = self.store.get(key + b"search") if self.store else None
        return None if stored is None else list(json.loads(stored))

    def title(self, key: bytes) -> str | None:
        """The title the engine gave a page when it rendered it (other pages print it in their navigation)."""
        stored = self.store.get(key + b"title") if self.store else None
        return None if stored is None else stored.decode("utf-8")

    def keep(self, key: bytes) -> None:
        """Keep the text of ``key`` for the next builds though this one did not read it (linked from the last
        build's folder): without it, a build that has the cache but not the site folder would render every
        poster (and, while serving, every page) the two builds before it linked."""
        if self.store:
            self.store.keep(key + b"text")

    def put(self, key: bytes, text: str) -> None:
        """Store the text of a standalone page (or of a poster's sheets)."""
        if self.store:
            self.store.put(key + b"text", text.encode("utf-8"))

    def put_page(self, key: bytes, text: str | None, search: list[dict[str, Any]], title: str) -> None:
        """Store what the next build needs of a page the engine rendered: its search entries and its title,
        and its text with :attr:`page_texts` (``text`` None: a second process's page, which it wrote itself;
        second processes render only where pages' texts are not stored, never while serving)."""
        if self.store:
            if self.page_texts:
                assert text is not None, "a page's text is stored where texts are: it must be given"
                self.store.put(key + b"text", text.encode("utf-8"))
            self.store.put(key + b"search", json.dumps(search, ensure_ascii=False).encode("utf-8"))
            self.store.put(key + b"title", title.encode("utf-8"))

    def made(self, inputs: object, make: Callable[[], str]) -> bytes:
        """The text made from ``inputs``, in UTF-8: from the store, or made now and stored."""
        key = self.key(inputs)
        stored = self.utf8(key)
        if stored is None:
            stored = make().encode("utf-8")
            if self.store:
                self.store.put(key + b"text", stored)
        return stored

    def published(self, site: Path) -> dict[str, tuple[bytes, int, int]]:
        """What the last build wrote into the site folder ``site``: path → (key, size, modification time)."""
        return self.store.published(self._name(site)) if self.store else {}

    def publish(self, site: Path, files: dict[str, tuple[bytes, int, int]]) -> None:
        if self.store:
            self.store.publish(self._name(site), files, self._exists)

    def _name(self, site: Path) -> str:
        """A site folder's name in the store: its path from the project when it is in it (``site``), else
        its absolute path (a preview server's). Why: CI gives ``site/`` back with ``.cache/`` in a checkout
        whose absolute path may change from run to run (a runner that runs several jobs at once)."""
        found = site.resolve()
        if self.project is not None and found.is_relative_to(self.project):
            return found.relative_to(self.project).as_posix()
        return found.as_posix()

    def _exists(self, name: str) -> bool:
        """Whether the site folder named ``name`` in the store (:meth:`_name`) is there."""
        path = Path(name)
        return (path if path.is_absolute() or self.project is None else self.project / path).is_dir()

    def close(self) -> None:
        """Keep what this build made and used (a build that fails never gets here: nothing it made is kept)."""
        if self.store:
            self.store.close()

    def discard(self) -> None:
        """Keep nothing this build made (it failed), and let the store go for the next build."""
        if self.store:
            self.store.discard()


LEGACY_STORES = ("rendered/standalone.sqlite", "rendered/rendered.sqlite")
"""Stores of earlier versions, never read again: the posters' single store, before it was split in two
halves (up to 700 MB for a county, kept by CI's cache of ``.cache/`` for ever); the pages' store that
kept their texts (200 MB for a county: SQLite does not give back the room of what it forgets)."""
LEGACY_FOLDERS = ("qr", "cards")
"""Folders of earlier versions, never read again: the QR codes, one file each (10 MB for a county); the
share cards' images (125 MB for a county: they are linked from the last build's folder, as pages are)."""


def forget_legacy_caches(cache: Path) -> None:
    """Remove from the cache folder ``cache`` the stores of :data:`LEGACY_STORES` (with SQLite's journal
    files) and the folders of :data:`LEGACY_FOLDERS`. What cannot be removed (a read-only checkout) stays: it is
    only never read."""
    for name in LEGACY_STORES:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                (cache / f"{name}{suffix}").unlink(missing_ok=True)
    for name in LEGACY_FOLDERS:
        shutil.rmtree(cache / name, ignore_errors=True)


@frozen
class Kept:
    """A page taken from an earlier build (placed in the site already): its file, its key, its search
    entries."""

    path: str
    key: bytes
    search: list[dict[str, Any]]
    title: str
    """Its title as the engine gave it when rendering it (in the navigation, other pages print it)."""


@dataclass
class Reuse:
    """Which pages of a build are taken from earlier builds, and where their search entries go.

    The engine renders the other pages in its own order (some of them in a second process), each
    adding its search entries to its index as it goes; once the last page is rendered, the index is
    made again of every page's entries in the engine's order of pages (:meth:`entries`), kept and
    rendered alike, so it lists them as a cold build does. At least one page is rendered here.
    """

    rendered: Rendered
    order: dict[str, int]
    """Every page's position in the engine's order, by its source path."""
    keys: dict[str, bytes]
    """The key of every page that may be kept (rendered now or kept from the last build)."""
    files: dict[str, str]
    """The file of every page that may be kept, by its source path."""
    kept: dict[str, Kept]
    last: str | None = None
    """The last page the engine renders in this process (set with :meth:`in_order`)."""

    @classmethod
    def plan(
        cls,
        rendered: Rendered,
        pages: list[tuple[str, str, object | None]],
        linkable: Callable[[str, bytes], bool],
        place: Callable[[str, bytes, bytes | None], None],
    ) -> Reuse:
        """``pages``: every page in the engine's order — its source, its file, and the inputs it is made from
        when it may be kept (or their hash, :func:`page_digests`); ``linkable(file, key)``: whether the last
        build left that very page there; ``place(file, key, text)``: put a kept page in the site being built
        (``text``: its stored bytes, checked; None when it is linked from the last build).

        A page is kept when its search entries and title are stored and the last build left it in its folder
        as it left it, or its text is stored (:attr:`Rendered.page_texts`). Each kept page is placed as soon
        as it is found, so that no text is held for the rest of the build. The last one found waits for the
        next: when every page could be kept, the engine renders that one."""
        order = {src: index for index, (src, _, _) in enumerate(pages)}
        keys = {src: rendered.key(src, inputs) for src, _, inputs in pages if inputs is not None}
        found: dict[str, Kept] = {}
        waiting: tuple[str, bytes, bytes | None] | None = None
        for src, path, inputs in pages:
            if inputs is None:
                continue
            linked = linkable(path, keys[src])
            if not linked and not rendered.page_texts:
                continue
            if (search := rendered.search(keys[src])) is None or (title := rendered.title(keys[src])) is None:
                continue
            if linked and rendered.page_texts:
                rendered.keep(keys[src])  # (its stored text: for a new preview folder)
            text = None if linked else rendered.utf8(keys[src])
            if linked or text is not None:
                found[src] = Kept(path, keys[src], search, title)
                if waiting is not None:
                    place(*waiting)
                waiting = (path, keys[src], text)
        if found and len(found) == len(pages):  # one page is rendered: the kept ones' entries go with its own
            del found[max(found, key=order.__getitem__)]  # (the last one found: the one waiting)
        elif waiting is not None:
            place(*waiting)
        files = {src: path for src, path, inputs in pages if inputs is not None}
        return cls(rendered, order, keys, files, found)

    def in_order(self, pages: list[tuple[str, bool]]) -> None:
        """The engine's order of pages as it will render them (plugins may have moved some since the plan):
        each page's source and whether the engine renders it in this process."""
        self.order = {src: index for index, (src, _) in enumerate(pages)}
        self.last = next((src for src, rendered in reversed(pages) if rendered), None)

    def entries(self, rendered: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """The search index in the engine's order of pages: the entries of each page rendered (``rendered``,
        by source, from either process) and of each kept page."""
        found: list[dict[str, Any]] = []
        for src in self.order:  # (made in the engine's order)
            if (own := rendered.get(src)) is not None:
                found += own
            elif (kept := self.kept.get(src)) is not None:
                found += kept.search
        return found

    def rendered_now(self) -> Iterator[tuple[str, bytes]]:
        """The file and key of each page that may be kept but was rendered by this build."""
        return ((self.files[src], key) for src, key in self.keys.items() if src not in self.kept)

    def store(self, src: str, text: str | None, search: list[dict[str, Any]], title: str) -> None:
        """Keep what the next build needs of a page just rendered, if it may be kept."""
        if src in self.keys and src not in self.kept:
            self.rendered.put_page(self.keys[src], text, search, title)


def standalone_files(
    pages: Iterable[Standalone],
    rendered: Rendered,
    render: Callable[[Standalone, Mapping[str, str]], str],
    render_sheets: Callable[[Any], str],
    elsewhere: Callable[[Any], StoredTexts | None] = lambda poster: None,
) -> Iterator[tuple[str, bytes, Callable[[], str | Iterator[bytes]]]]:
    """Each standalone page (posters, screens, redirects): its file, its key, and how to have its text —
    from the store when its inputs are unchanged, rendered otherwise (asked only when the page cannot be
    linked from the last build).

    A page of posters is stored as its frame, with a marker where each poster's sheets go, and its text is
    given piece by piece: the frame's pieces and each poster's sheets, made once per build and stored by
    the poster's hash. Why: a county's print-all page of members is 58 MB, held three times over (its
    sheets, the page, its bytes) when rendered whole and stored twice (as sheets and as a page); this way
    no page is held whole, and a print-all page whose one poster changed renders that poster's sheets
    alone and stores nothing but its small frame.

    ``elsewhere(poster)``: the store that keeps the poster's sheets when another step of the build made them
    (a print-all page, made after every poster's own page: :func:`noticeboard_hooks._print_all`), where
    they are read instead of made again; a store that has not got them intact leaves them to be made and
    stored here."""
    hashes: dict[int, bytes] = {}  # each poster's hash, made once though it is on its own page and in a set

    def poster_hash(poster: object) -> bytes:
        if (digest := hashes.get(id(poster))) is None:
            digest = hashes[id(poster)] = fingerprint(poster)
        return digest

    def sheets_inputs(poster: object) -> tuple[str, bytes]:
        return "sheets", poster_hash(poster)

    def sheets(poster: object) -> bytes:
        other = elsewhere(poster)
        if other is not None and (found := other.utf8(rendered.key(sheets_inputs(poster)))) is not None:
            return found
        return rendered.made(sheets_inputs(poster), functools.partial(render_sheets, poster))

    def text(page: Standalone, key: bytes) -> str | Iterator[bytes]:
        posters = tuple(getattr(page.view, "posters", ()))
        stored = rendered.text(key)
        if stored is None:
            marks = {poster.key: _SHEETS_MARK.format(index) for index, poster in enumerate(posters)}
            stored = render(page, marks)
            rendered.put(key, stored)
        return _with_sheets(page.path, stored, posters, sheets) if posters else stored

    for page in pages:
        key = rendered.key("standalone", _by_poster_hashes(page, poster_hash))
        rendered.keep(key)  # linked or not, what it is made from is kept (a poster's sheets too)
        for poster in getattr(page.view, "posters", ()):  # (here too when another store keeps them: that
            rendered.keep(rendered.key(sheets_inputs(poster)))  # store may not have them, linked there)
        yield page.path, key, functools.partial(text, page, key)


_SHEETS_MARK = "<nb-sheets {}>"
"""Where the page's n-th poster's sheets go in its frame: an element no template writes, and no text of the
data can be taken for one (our templates print every text escaped, ``<`` as ``&lt;``)."""
_SHEETS_AT = re.compile("<nb-sheets ([0-9]+)>")


def _with_sheets(
    path: str, frame: str, posters: Sequence[Any], sheets: Callable[[Any], bytes]
) -> Iterator[bytes]:
    """A page of posters in pieces, in UTF-8: its frame's, and at the n-th marker the n-th poster's sheets.
    Raises unless the frame has every poster's marker once, in order (a template that printed one twice,
    or not at all, would publish a page without a board)."""
    pieces = _SHEETS_AT.split(frame)
    if pieces[1::2] != [str(index) for index in range(len(posters))]:
        raise ValueError(f"内部错误：打印页 {path} 的模板没有把每块公示栏按顺序各印一次")
    for index, piece in enumerate(pieces):
        yield sheets(posters[index // 2]) if index % 2 else piece.encode("utf-8")


def _by_poster_hashes(page: Standalone, poster_hash: Callable[[object], bytes]) -> object:
    """The page's inputs with each poster by its hash (a print-all page holds thousands of posters)."""
    view = page.view
    found = getattr(view, "posters", None)
    if not field_names(view) or found is None:
        return page
    digests = tuple(poster_hash(poster) for poster in found)
    return (
        page.path,
        page.template,
        page.title,
        page.base_url,
        type(view),
        _fields_except(view, "posters"),
        digests,
    )


def _fields_except(view: Any, name: str) -> tuple[object, ...]:
    return tuple(getattr(view, field) for field in field_names(view) if field != name)
