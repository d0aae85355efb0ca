"""MkDocs glue: adapt the engine-neutral catalogue of ``noticeboard.website`` to MkDocs' events.

What is published (pages and their views, posters, screens, open data) is decided in the
package; this file only hands it to MkDocs: ``on_config`` reads and rates the data (a
problem stops the build with ``FILE:LINE:`` messages) and builds into ``site.partial``;
``on_files`` adds the catalogue's pages and files; ``on_nav`` places boards ``mkdocs.yml``
does not list; ``on_page_content`` notes each case story's address and summary; ``on_env`` sets
autoescaping and ``nb``; ``on_page_context`` gives each page its view; ``on_post_build`` writes
the stories' feeds and the standalone pages and swaps the site in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import importlib
import logging
import os
import pickle
import posixpath
import re
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import jieba  # type: ignore[import-untyped]
import jinja2
import jinja2.bccache
import jinja2.nodes
import markupsafe
import material.plugins.search.plugin as material_search  # type: ignore[import-untyped]
from jinja2 import meta
from material.plugins.blog.plugin import BlogPlugin  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import CountHandler

import noticeboard
from noticeboard.boards.parts import DATES, NUMBER_UNITS, chinese_date
from noticeboard.last_build import LastBuild, Manifest, manifest
from noticeboard.office.ci_reports import announce
from noticeboard.office.git_history import Commit, data_history
from noticeboard.outputs.catalogue import MORE_BOARDS, Catalogue, Frame, Image, Standalone, output_file
from noticeboard.outputs.chinese_lines import join_broken_lines
from noticeboard.outputs.fingerprints import fingerprint
from noticeboard.outputs.heading_words import LABELS, words_marked
from noticeboard.outputs.html_comments import without_comments
from noticeboard.outputs.qr_codes import qr_svg
from noticeboard.outputs.rendered import (
    Rendered,
    Reuse,
    StoredTexts,
    forget_legacy_caches,
    page_digests,
    standalone_files,
)
from noticeboard.outputs.search_segments import WORD_FREQUENCY, Segmenter
from noticeboard.outputs.story_feed import FEED_LINKS, summary_text
from noticeboard.registries import RegistryError
from noticeboard.registries.aside import Aside, AsideFailed, Claims, Relay, asked_to_end
from noticeboard.registries.disk_cache import SharedPack, source_fingerprint, tree_fingerprint
from noticeboard.registries.errors import Problems
from noticeboard.registries.frozen import as_dict
from noticeboard.website import (
    PreviewProblems,
    SiteFolder,
    Website,
    build_aside,
    build_website,
    discard,
    pin_build_date,
    preview_problems,
    swap_in,
    update_in_place,
)

if TYPE_CHECKING:  # a county's roll-up only: imported when one is built (a township's build is 0.2 s quicker)
    from mkdocs.livereload import LiveReloadServer  # (serving only)

    from noticeboard.county.site import CountySite

OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"
STORY_POSTS = "stories/posts/"
LAST_BUILD = "last-build"
"""The cache's folder for the record of each site folder's last build (``noticeboard.last_build``)."""
log = logging.getLogger("mkdocs.plugins.noticeboard")


@dataclass
class State:
    """What one build knows. ``mkdocs serve`` keeps this file loaded from build to build (MkDocs loads a hook
    once per process): each build's events set every field again, but ``command``, set once by ``on_startup``."""

    command: str = "build"
    site: Website | CountySite | None = None
    """Set by ``on_config``: a township's data read and rated, or a county's townships read and compared; let go
    once ``on_files`` has made the catalogue from it (a county's registry and ratings, 60 MB of the largest
    process, would stay to the end of the build, and in every process it forks)."""
    cache_dir: Path | None = None
    """Set by ``on_config``: the folder the build's caches are kept in (None: none kept)."""
    frame: Frame = field(init=False)
    """Set by ``on_config``: what every page's frame prints (who publishes, the year, the notice period)."""
    story_paths: tuple[str, ...] = ()
    """Set by ``on_config``: the case stories' paths under the blog's posts folder."""
    pages: Catalogue = field(init=False)
    """Set by ``on_files``: every page and file with its URL."""
    digests: dict[str, bytes] = field(default_factory=dict)
    """Set by ``on_files``: each catalogue page's own inputs hashed, by its source (:func:`page_digests`)."""
    env: jinja2.Environment = field(init=False)
    partial: Path | None = None
    """Where this build is written (``site.partial``) until it is swapped in (None once it is)."""
    reuse: Reuse | None = None
    """Set by ``on_nav``: the pages taken from earlier builds instead of rendered."""
    folder: SiteFolder = field(init=False)
    """Set by ``on_nav``: where ``on_post_build`` puts the kept pages and the standalone ones."""
    relay: Relay | None = None
    """Set by ``on_env`` where a process can be forked: the second processes, one at a time, each ending with its
    work (:func:`_second_units`): slices of the pages, then parts of the standalone pages."""
    documents: list[File] = field(default_factory=list)
    """Every page in MkDocs' order, kept ones included (the sitemap lists them all)."""
    left_out: frozenset[str] = frozenset()
    """Set by ``on_nav``: the pages the engine and its plugins leave out of this build (a draft story), before
    this hook leaves out those it keeps or a second process renders: the sitemap lists none of them."""
    searched: int = 0
    """How many search entries are placed (each page's are appended after it is rendered)."""
    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """The search entries each rendered page gave, kept with it for the next build."""
    stories: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Set as each case story is converted (``on_files`` empties it): its path below the posts folder → its
    address and its summary, for the stories' feed (:meth:`Feed.files`)."""
    in_parts: list[Standalone] = field(default_factory=list)
    """Set by ``on_files``: the standalone pages rendered in :data:`PARTS`."""
    print_all: list[Standalone] = field(default_factory=list)
    """Set by ``on_files``: the standalone pages rendered after the parts, from the sheets they stored
    (:func:`_print_all`)."""
    claims: Claims | None = None
    """Set by ``on_env``: which process renders which part of the standalone pages (:data:`PARTS`)."""
    standalone: dict[str, tuple[bytes, int, int]] = field(default_factory=dict)
    """The standalone pages and images rendered so far, with what was put where: by the second processes, and
    by this one while they still rendered pages (:func:`_take_shared`)."""
    segmenter: Segmenter | None = None
    """Set by ``on_files``: what cuts Chinese text into words for the search index (saved after the build)."""
    nav: Navigation = field(init=False)
    """Set by ``on_nav``: the navigation every page prints."""
    sharing: int = 0
    """Set by ``on_env``: how many pages the second processes render."""
    slices_left: int = 0
    """Set by ``on_env``: how many slices of those pages are not rendered yet (:data:`SHARE_SLICE`)."""
    spools: list[tuple[IO[bytes], int]] = field(default_factory=list)
    """Each slice's temporary file, in order, and how many pages it holds: its second process writes each page
    it renders as it is made (its title and search entries: it writes the page's file itself), then the words
    it cut and its warnings, for this one to read back (:func:`_take_shared`)."""
    spool: IO[bytes] | None = None
    """In a second process rendering a slice of the pages (:func:`_render_shared`): its slice's temporary file
    (None in the first process)."""
    inputs: bytes | None = None
    """Set by ``on_config`` for ``mkdocs build`` of a township: the fingerprint of everything it reads."""
    theme: Path = field(init=False)
    """Set by ``on_config``: our templates (``theme.custom_dir``), wherever ``mkdocs.yml`` puts them."""
    preview: PreviewProblems | None = None
    """Set by ``on_config`` while serving data with problems: they are shown above the last good data."""
    compiling: Aside | None = None
    """Set by ``on_config`` of ``mkdocs build``: the theme's templates compiled by a second process
    (:func:`_compile_ahead`); ended by ``on_env``, where pages start to be rendered."""
    listing: Aside | None = None
    """Set by ``on_config`` of ``mkdocs build``: the last build's folder listed by a second process while this
    one reads the data (:func:`_list_ahead`); taken by ``on_nav``."""
    drawing: Aside | None = None
    """Set by ``on_nav`` of ``mkdocs build``: the images the last build's folder has not got, made by a second
    process while MkDocs reads and converts the pages (:func:`_draw_ahead`); ended by ``on_env``."""
    drawn: dict[str, tuple[bytes, int, int]] = field(default_factory=dict)
    """Set by ``on_env``: the images that process made, with what was put where (the standalone parts leave
    them out)."""


state = State()


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


@event_priority(100)  # before any plugin reads the build date (SOURCE_DATE_EPOCH: the sitemap's)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    gc.unfreeze()  # a rebuild while serving: let the previous registry be collected
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    root = Path(config.config_file_path).parent
    if not config.theme.custom_dir:
        raise PluginError("mkdocs.yml 的 theme 缺少 custom_dir: theme_overrides（公示栏的页面模板）。")
    state.theme = Path(config.theme.custom_dir)
    county = config.extra.get("noticeboard_county")  # a county's roll-up (``python -m noticeboard county``)
    if county is not None:
        county_file = Path(county)  # its cache beside county.yml: the project folder is a temporary one
        return _start(config, _read_county(county_file, county_file.parent / ".cache" / "noticeboard"))
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml 缺少 site_url（网站地址，例如 https://dangjian.example.gov.cn/）：\n"
            "打印的公示栏上的二维码要指向网站上的页面，请先填写 site_url。"
        )
    stories, cache = Path(config.docs_dir) / STORY_POSTS, root / ".cache" / "noticeboard"
    state.inputs = None
    history = data_history(root / "data")  # (read once: the build's inputs, then its dates and change log)
    if _building() and config.strict:  # (a build that is not strict may end with warnings)
        inputs = _build_inputs(config, root, history)
        if LastBuild(cache / LAST_BUILD).unchanged(Path(config.site_dir), inputs):
            log.info(
                f"没有变化：数据、页面、模板、设置和程序都与上次生成 {config.site_dir} 时相同，不用重新生成。"
            )
            raise SystemExit(0)  # MkDocs' build ends here, successfully; the site folder is left as it is
        state.inputs = inputs
    state.preview = None
    state.compiling = _compile_ahead(config, cache)
    state.listing = _list_ahead(Path(config.site_dir))
    try:
        website = build_website(root, stories_dir=stories, cache_dir=cache, fork=_forking(), history=history)
    except RegistryError as error:
        _stop_ahead()
        announce(error.problems)  # in GitHub Actions, each problem also on its line of the pull request
        last: Website | None = getattr(noticeboard, LAST_GOOD, None) if _serving() else None
        if last is None:
            raise PluginError("数据有误，网站没有生成。请改正下面的问题：\n" + error.report()) from None
        website = last
        # While serving, a failed build would leave every page waiting for a good one (MkDocs holds the
        # browser's requests until then): the last good data is shown instead, under the problems.
        log.info("数据有误，预览仍显示上次没有错误时的内容。请改正下面的问题：\n" + error.report())
        state.preview = preview_problems(error.problems)
    else:
        if _serving():
            setattr(noticeboard, LAST_GOOD, website)
    return _start(config, website)


def _list_ahead(site: Path) -> Aside | None:
    """Every file of the last build's folder with its size and time, listed by a second process while this
    one reads the data: each of a county's 14,000 files is looked at before it is linked, half a second
    of this process's time in a one-record rebuild (where there is no ``fork``, as on Windows, listed
    here when asked for: one directory read gives the sizes and times). None: nothing to list, or the
    preview server (its threads forbid a fork, and it builds small sites)."""
    if not _forking() or not site.is_dir():
        return None
    return Aside(functools.partial(_listing, site))


def _listing(site: Path) -> Manifest | None:
    try:
        return manifest(site)
    except OSError:  # (removed or changed meanwhile: each file is looked at when asked about)
        return None


def _last_folder_listing() -> Manifest | None:
    """What :func:`_list_ahead` listed (None: the files are looked at one by one, as when it failed)."""
    aside, state.listing = state.listing, None
    try:
        return aside.result() if aside is not None else None
    except AsideFailed:  # (it printed why) only slower without it
        return None


def _stop_ahead() -> None:
    """Stop the second processes started before the pages are rendered (:func:`_compile_ahead`,
    :func:`_list_ahead`, :func:`_draw_ahead`): the build failed."""
    for aside in (state.listing, state.compiling, state.drawing):
        if aside is not None:
            aside.stop()
    state.listing = state.compiling = state.drawing = None


def _end_compiling() -> None:
    """End :func:`_compile_ahead`'s second process: asked to end after the template it compiles, and waited
    for. Its failure fails nothing: the build compiles what it needs itself (the process printed what
    happened)."""
    aside, state.compiling = state.compiling, None
    if aside is not None:
        aside.end_early()


LAST_GOOD = "_noticeboard_last_good_site"
"""The attribute of the imported package that holds, while serving, the last site read without problems
(there, it outlives every rebuild; an edit of the package's code imports it anew, and the next data with
problems fails the rebuild as ``mkdocs build`` does)."""


YOUNG_OBJECTS = 50_000
"""New objects between two runs of Python's cycle collector (its default: 700). A build makes millions of
objects that live until its end (records, views, pages); collecting every 700 of them spent 0.4 s of a
county's one-record rebuild scanning objects that were never garbage."""


def _forking() -> bool:
    """Whether this build may fork second processes: ``mkdocs build`` (not the preview server: it runs
    threads, and a fork copies none of them), unless ``NOTICEBOARD_ONE_PROCESS=1`` asks for one process
    (a machine short of memory, a profile)."""
    return _building() and os.environ.get("NOTICEBOARD_ONE_PROCESS", "") != "1"


def _building() -> bool:
    """Whether this is ``mkdocs build`` (not the preview server, though ``serve --clean`` says it builds)."""
    return state.command == "build" and not _serving()


def _serving() -> bool:
    """Whether the preview server runs in this process: ``mkdocs serve`` (``serve --clean`` tells the hooks
    it builds), once its first build is done and its threads run."""
    return state.command == "serve" or threading.active_count() > 1


def _build_inputs(config: MkDocsConfig, root: Path, history: list[Commit]) -> bytes:
    """Everything a township's build reads: the files (data, pages, theme, hooks, the package), every
    installed package's version, the settings as MkDocs resolved them (``mkdocs.yml``, the command line,
    ``!ENV``), the date (a registry without ``as_of`` is rated as of today), ``SOURCE_DATE_EPOCH`` and the
    data's git history (the pages' 最后更新 dates and the change log)."""
    hooks = [Path(module.__file__).parent for module in config["hooks"].values() if module.__file__]
    folders = [root / "data", Path(config.docs_dir), state.theme, *hooks, Path(noticeboard.__file__).parent]
    return fingerprint(
        tree_fingerprint(sorted(set(folders))),
        _config_texts(Path(config.config_file_path)),
        _settings(config),
        _search_dictionaries(config),
        _installed(),
        sys.version,
        dt.date.today(),
        dt.datetime.now(dt.UTC).date(),
        {name: os.environ.get(name) for name in ("SOURCE_DATE_EPOCH", "NOTICEBOARD_SOURCE_DATE_EPOCH")},
        history,
    )


def _installed() -> list[str]:
    """Every installed package by the name of its record folder, which holds its version
    (``Jinja2-3.1.6.dist-info``), on each folder Python imports from: listed, not read (reading each
    package's metadata took 30 ms of every build)."""
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")  # noqa: PTH208 (names only: no Path made for each)
        except OSError:  # (a zip file, a folder that is not there)
            continue
        found += [name for name in names if name.endswith((".dist-info", ".egg-info"))]
    return sorted(found)


def _settings(value: object) -> object:
    """A setting as plain values, the same in every process: mappings, sequences, scalars; a plugin by
    its settings; a path pattern by its patterns; anything else by its type."""
    if isinstance(value, str | int | float | bool | None):
        return value
    if isinstance(value, Mapping):
        return [(str(key), _settings(item)) for key, item in value.items()]
    if isinstance(value, list | tuple):
        return [_settings(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(repr(_settings(item)) for item in value)
    if isinstance(getattr(value, "config", None), Mapping):
        return [type(value).__qualname__, _settings(value.config)]  # type: ignore[attr-defined]
    if (patterns := getattr(value, "patterns", None)) is not None:
        return [getattr(pattern, "pattern", repr(pattern)) for pattern in patterns]
    if isinstance(value, Path):
        return value.as_posix()
    return type(value).__qualname__


def _read_county(county_file: Path, cache: Path) -> CountySite:
    from noticeboard.county.settings import read_county  # (see TYPE_CHECKING above)
    from noticeboard.county.site import read_county_site

    problems = Problems(county_file.parent)
    county = read_county(county_file, problems)
    if county is None:
        raise PluginError("county.yml 有误，汇总网站没有生成：\n" + "\n".join(map(str, problems)))
    return read_county_site(county, county_file, cache)


def _start(config: MkDocsConfig, site: Website | CountySite) -> MkDocsConfig:
    """What every build does once its data is read: date it, and build into a folder of its own."""
    if config.strict and logging.getLogger("mkdocs").level > logging.WARNING:
        # ``--quiet`` silences warnings, and MkDocs' strict mode counts only the warnings it logs: with both,
        # a build with a broken link would be published. Here ``--quiet`` hides the INFO lines only.
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
    state.site, state.cache_dir, state.frame, state.story_paths = (
        site,
        site.cache_dir,
        site.frame(),
        site.story_paths,
    )
    _theme_environments(config)
    pin_build_date(site.build_date, os.environ)
    gc.freeze()  # the registry and then the views live long: keep the collector from rescanning them per page
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
    # Into a folder of its own, swapped in when finished: also while serving, so that a rebuild links what did
    # not change from the folder being served (MkDocs would empty that folder and have everything written
    # again) and a rebuild that fails leaves the last good site in place.
    state.partial = build_aside(Path(config.site_dir))
    config.site_dir = os.fspath(state.partial)
    return config


def _theme_environments(config: MkDocsConfig) -> None:
    """Every Jinja environment of the theme keeps its compiled templates (:class:`CompiledTemplates`), not
    only the one pages are rendered with: plugins make their own (Material's blog plugin one per word it
    translates, compiling the language partials again four times a build). And it lists the theme's files
    without its hidden folders (:class:`ThemeFiles`)."""
    theme, cache = config.theme, state.cache_dir
    theme.get_env = functools.partial(_theme_env, theme, cache)  # type: ignore[method-assign]


def _theme_env(theme: Theme, cache: Path | None) -> jinja2.Environment:
    """The theme's Jinja environment as MkDocs makes it, listing the theme's files as :class:`ThemeFiles`
    does and keeping its compiled templates in ``cache`` (None: none kept)."""
    env = type(theme).get_env(theme)
    env.loader = ThemeFiles(theme.dirs)
    if cache is not None:
        env.bytecode_cache = CompiledTemplates(cache / "templates")
    return env


class ThemeFiles(jinja2.FileSystemLoader):
    """The theme's templates, as MkDocs loads them; listed without hidden files and folders.

    Why: the engine lists every file of the theme at each build to copy its static ones, and leaves out
    every hidden one (its patterns ``.*`` and ``*/.*``); Material's hidden ``.icons`` folder holds 14,000
    of its 14,500 files, and listing and filtering them took 0.08 s of every rebuild."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for top in self.searchpath:
            for folder, folders, names in os.walk(top, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                below = Path(folder).relative_to(top).as_posix()
                prefix = "" if below == "." else below + "/"
                found.update(prefix + name for name in names if not name.startswith("."))
        return sorted(found)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Here, not in on_config: plugins (offline) may still change the URL style until then.
    site, state.site = state.site, None  # (nothing needs the boards once the catalogue is made from them)
    state.stories = {}  # (filled as MkDocs converts the pages, before on_env)
    assert site is not None
    state.pages = site.catalogue(
        site_url=config.site_url or "",
        directory_urls=config.use_directory_urls,
        site_dir=Path(config.site_dir),
    )
    state.in_parts, state.print_all = _in_parts_or_after(state.pages.standalone)
    _cut_words_with(state.pages.search_words, config)
    _search_tries_whole_words(files)
    # A board mkdocs.yml's nav does not list joins it in on_nav: MkDocs is not to report it as left out
    # (unless mkdocs.yml's exclude_docs or draft_docs leaves it out of the site: MkDocs decides that first).
    placed = set(state.pages.unlisted_boards(_listed(config.nav))) if config.nav is not None else set()
    for page in state.pages.pages.values():
        file = File.generated(config, page.src_uri, content=page.markdown())
        if file.url != page.url:
            raise PluginError(f"内部错误：页面 {page.src_uri} 的地址 {file.url} 与目录 {page.url} 不一致")
        if page.src_uri in placed:
            set_exclusions([file], config)
            if file.inclusion == InclusionLevel.INCLUDED:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)
    # (a large site's pages are hashed by a second process while this one writes the open data)
    catalogue = state.pages
    state.digests = page_digests(catalogue.pages, fork=_forking(), meanwhile=lambda: catalogue.files)
    written = catalogue.files
    for path, content in written.items():  # open data: pages link to it, so MkDocs must know it
        if isinstance(content, Path):  # written into the site folder already (MkDocs leaves it there)
            files.append(File.generated(config, path, abs_src_path=os.fspath(content)))
        else:
            files.append(File.generated(config, path, content=content))
    return files


SEARCH_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
"""Material's search worker, as its theme ships it (the name carries a hash of its content)."""

QUERY_CUT = (
    "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e",
    "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e",
)
"""Material's loop that cuts a Chinese query into words of the index (``segment`` in its source), and the
same loop trying the words that end where the query ends too (the minified text of the pinned Material)."""
QUERY_END = (
    'return r.has("")?new Set([t]):r}',
    'return r.has("")?new Set([t]):(Object.keys(e).some(k=>k!==t&&k.includes(t))&&r.add("*"+t),r)}',
)
"""The end of that ``segment`` (``t`` the query's run of text, ``e`` the index's words, ``r`` the words it was
cut into), and the same end adding the whole run when another word of the index holds it: the run is then
searched as written too, anywhere in a word (``*青山村第一*``: Material adds the last ``*``), beside its
cuts."""


def _search_tries_whole_words(files: Files) -> None:
    """Material's search worker, with its query cut trying the words that end at the query's end, and a run
    of the query that another word of the index holds searched as part of a word too.

    Why: Material cuts a run of Chinese in a query into words its index holds, longest first, but its loop
    stops one character short: 青山村第一党支部, a whole word of the index (the branch's page's title),
    was searched as 青山* 村* 第 …, which every 青山村 branch matches as well, and the branch itself came
    eighth of twelve. With the words that end at the query's end tried too, a branch's or a member's full
    name is searched as that one word. A reader who types only part of a name had it cut all the same
    (青山村第一 into 青山村 and 第一: the branch was not among the first five of twelve results), or found
    only the word itself (第一党支部: the open-data page, none of the six first branches): a run that
    another word of the index holds is searched as part of a word too, beside its cuts. Where Material's
    worker is not the one this was written for (another version), it is left as it is and the build says
    so: a test searches for branch names."""
    for file in files:
        if SEARCH_WORKER.fullmatch(file.src_uri):
            source = file.content_string
            if any(source.count(before) != 1 for before, _ in (QUERY_CUT, QUERY_END)):
                log.warning("Material 的搜索程序与预期不同，全名搜索的修正未生效（%s）", file.src_uri)
                return
            for before, after in (QUERY_CUT, QUERY_END):
                source = source.replace(before, after)
            file.content_string = source
            return


def _listed(nav: object) -> set[str]:
    """Every page ``mkdocs.yml``'s nav lists (its entries: paths, titled paths, sections of them)."""
    if isinstance(nav, str):
        return {posixpath.normpath(nav)}  # (as MkDocs reads it: ``./x.md`` is ``x.md``)
    if isinstance(nav, dict):
        return {path for value in nav.values() for path in _listed(value)}
    if isinstance(nav, list):
        return {path for item in nav for path in _listed(item)}
    return set()


def _cut_words_with(words: tuple[str, ...], config: MkDocsConfig) -> None:
    """Names stay whole words in the search index, so that they are found: Material's search plugin cuts
    Chinese text with a :class:`Segmenter` that knows them (and keeps its cuts between builds). With a
    dictionary of the site's own in ``mkdocs.yml`` (``jieba_dict``), the names join jieba's instead."""
    jieba.setLogLevel(logging.WARNING)
    search = config.plugins.get("material/search")
    own_dictionary = search is None or search.config.jieba_dict or search.config.jieba_dict_user
    state.segmenter = None
    if own_dictionary or not hasattr(material_search, "jieba"):  # (a Material that cuts otherwise)
        if hasattr(material_search, "jieba"):
            material_search.jieba = jieba  # as Material imported it (a preview may have set a Segmenter)
        for word in words:
            jieba.add_word(word, freq=WORD_FREQUENCY)
        return
    cache = state.cache_dir / "search" if state.cache_dir else None
    material_search.jieba = state.segmenter = Segmenter(words, cache)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """A board's page that ``mkdocs.yml`` does not list joins 更多公示 by itself (a new board needs no edit)."""
    listed = {page.file.src_uri for page in nav.pages}
    found = (files.get_file_from_path(src_uri) for src_uri in state.pages.unlisted_boards(listed))
    unlisted = [file.page for file in found if file is not None and file.page is not None]
    if unlisted:
        section = next((i for i in nav.items if isinstance(i, Section) and i.title == MORE_BOARDS), None)
        if section is None:
            nav.items.append(section := Section(MORE_BOARDS, []))
        section.children.extend(unlisted)
        nav.pages = [item for item in _walk(nav.items) if isinstance(item, Page)]
        _add_previous_and_next_links(nav.pages)
        _add_parent_links(nav.items)
    state.left_out = frozenset(
        file.src_uri
        for file in files.documentation_pages(inclusion=lambda _: True)
        if not file.inclusion.is_included()  # type: ignore[no-untyped-call]
    )
    _plan_reuse(nav, config, files)
    state.nav = nav
    state.drawing = _draw_ahead()
    return nav


DRAW_AHEAD_FROM = 100
"""Images to make before a second process pays for making them ahead (a fork costs a few milliseconds, a
share card one or two, a web photo five to twenty)."""


def _draw_ahead() -> Aside | None:
    """The catalogue's images the last build's folder has not got (share cards, web photos), made by a second
    process while this one reads and converts every page, until ``on_env`` asks it to end (:func:`_end_drawing`).

    Why: MkDocs reads and converts a county's 4,000 pages in one process before it renders any, 5 s in which
    the other core had nothing to do; its 6,400 images were all made after that, with the posters. Each image
    is made by the code that makes it otherwise, and the standalone parts leave out those made here. None:
    nothing to fork (the preview server), or few images to make (a rebuild links the unchanged ones)."""
    if not _forking() or not hasattr(os, "fork"):
        return None
    folder = state.folder
    images = [
        (path, image) for path, image in state.pages.images.items() if not folder.linkable(path, image.key)
    ]
    if len(images) < DRAW_AHEAD_FROM:
        return None
    return Aside(functools.partial(_draw_images, images))


def _draw_images(images: list[tuple[str, Image]]) -> dict[str, tuple[bytes, int, int]]:
    """What :func:`_draw_ahead`'s second process does: ``images`` made and put into the site folder, in order,
    until they are all made or the build asks it to end (``SIGTERM``, sent when the build starts rendering:
    the standalone parts make the rest); what was put where."""
    ended = asked_to_end()
    last = state.folder
    with SiteFolder(last.root, last.previous, last.published, last.listing, in_place=last.in_place) as folder:
        for path, image in images:
            if ended():
                break
            folder.place(path, image.key, image.make)
    return folder.files


def _end_drawing() -> None:
    """End :func:`_draw_ahead`'s second process: asked to end after the image it makes, and waited for. Its
    failure fails nothing: the standalone parts make every image (the process printed what happened)."""
    aside, state.drawing = state.drawing, None
    state.drawn = (aside.end_early() if aside is not None else None) or {}


def _plan_reuse(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    """Take from earlier builds every generated page whose inputs are unchanged (here, before MkDocs reads
    and converts the pages); MkDocs leaves those out (excluded), and each is placed in the site as it is
    found (left in place, linked from the last build's folder, or, while serving, written from the store).
    A kept page in the navigation keeps its place there, with the title it had when it was rendered."""
    state.documents = list(files.documentation_pages())
    cache = state.cache_dir
    if cache is not None:
        forget_legacy_caches(cache)
    rendered = Rendered(  # page texts stored only while serving: a preview server's folder is temporary
        _rendered_folder(),
        _build_key(config, nav, files),
        page_texts=_serving(),
        project=Path(config.config_file_path).parent,
        series=_series(config),
    )
    published = _published_site()  # the folder the last build was swapped into (None: nothing to link from)
    if published is not None and not published.is_dir():
        published = None  # (as in CI without site/ in its cache: 20,000 files not looked for one by one)
    listing = _last_folder_listing()
    last_outputs = rendered.published(published) if published else {}
    state.folder = SiteFolder(  # the last build's folder updated in place when its outputs are known
        Path(config.site_dir), published, last_outputs, listing, in_place=bool(last_outputs)
    )
    digests = state.digests
    state.reuse = Reuse.plan(
        rendered,
        [(file.src_uri, output_file(file.url), digests.get(file.src_uri)) for file in state.documents],
        state.folder.linkable,
        lambda path, key, text: state.folder.place(path, key, functools.partial(_stored, text)),
    )
    state.folder.flush()  # (its threads ended: later steps fork their second processes only without any)
    for file in state.documents:
        if (kept := state.reuse.kept.get(file.src_uri)) is not None:
            file.inclusion = InclusionLevel.EXCLUDED
            if file.page is not None:  # in the navigation: other pages print its title (its source is not
                file.page.title = kept.title  # read: a generated page's front matter has nothing they print)


def _series(config: MkDocsConfig) -> str:
    """The builds whose rendered outputs this one's are, each kept for the next of its own
    (:class:`~noticeboard.registries.disk_cache.PackCache`): the same command with the settings that change
    every page (a preview server's address, the offline copy's)."""
    offline = config.plugins.get("material/offline")
    return " ".join(
        (
            "serve" if _serving() else "build",
            config.site_url or "",
            "directory URLs" if config.use_directory_urls else "file URLs",
            "offline" if offline is not None and offline.config.enabled else "online",
        )
    )


def _build_key(config: MkDocsConfig, nav: Navigation, files: Files) -> bytes:
    """Everything every page is made from beyond its own catalogue entry: every installed package's version,
    the package's code, the templates, ``mkdocs.yml``, the navigation, the URLs and facts every page may print."""
    catalogue = state.pages
    config_texts = _config_texts(Path(config.config_file_path))
    stories = {
        path: (post.url if (post := files.get_file_from_path(STORY_POSTS + path)) else None)
        for path in state.story_paths
    }
    return fingerprint(
        _installed(),  # (not only the engine's: markupsafe escapes, zxing-cpp draws the QR codes, …)
        source_fingerprint(Path(noticeboard.__file__).parent),
        tree_fingerprint([state.theme, Path(__file__).resolve().parent]),
        config_texts,
        config.site_url,
        config.use_directory_urls,
        _settings(config.extra),  # (not the object: it pickles with the absolute path of mkdocs.yml)
        os.environ.get("SOURCE_DATE_EPOCH"),
        _outline(nav.items),
        _blog_sections(config),
        _environment_values(config_texts),
        _search_dictionaries(config),
        state.frame,
        sorted(catalogue.urls.items()),  # (looked up, never listed: whatever order the pages were placed in)
        catalogue.photos,
        catalogue.search_words,
        stories,
        state.preview,
    )


def _outline(items: list[Any]) -> list[object]:
    """The navigation as every page shows it: titles, addresses, sections."""
    return [
        (type(item).__name__, item.title, getattr(item, "url", None), _outline(item.children or []))
        for item in items
    ]


def _blog_sections(config: MkDocsConfig) -> list[object]:
    """The sections Material's blog adds to every page's navigation after :func:`on_nav` has planned which
    pages are kept (its own ``on_nav`` runs later, at priority -50): its archive's and its categories' pages,
    by kind, name and address. They follow the stories' dates and categories: a story moved to a new
    category changes every page's navigation, which :func:`_outline` cannot see yet."""
    return [
        [(type(view).__name__, view.name, view.url) for view in plugin.blog.views]
        for plugin in config.plugins.values()
        if isinstance(plugin, BlogPlugin) and getattr(plugin, "blog", None) is not None
    ]


def _config_texts(path: Path) -> list[str]:
    """``mkdocs.yml`` and every file it inherits (``INHERIT:``), as written."""
    texts: list[str] = []
    while path.is_file() and len(texts) < 10:
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        parent = re.search(r"^INHERIT:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", text, re.MULTILINE)
        if parent is None:
            break
        path = path.parent / parent.group(1)
    return texts


def _environment_values(texts: list[str]) -> dict[str, str | None]:
    """The environment's values of every name that ``mkdocs.yml``'s ``!ENV`` tags read (``!ENV NAME``,
    ``!ENV [NAME, OTHER, default]``; the default is looked up too, which is harmless).

    Why: the page key holds ``mkdocs.yml`` as written, and a setting it takes from the environment (the
    footer's ``copyright: !ENV [...]``) changes every page without changing the file."""
    names = {
        name.strip().strip("'\"")
        for text in texts
        for tag in re.findall(r"!ENV\s*(\[[^\]]*\]|[^\s#,\]]+)", text)
        for name in tag.strip("[]").split(",")
    }
    return {name: os.environ.get(name) for name in sorted(names) if name}


def _search_dictionaries(config: MkDocsConfig) -> list[tuple[str, str | None]]:
    """The search's own dictionaries (``jieba_dict``, ``jieba_dict_user`` in ``mkdocs.yml``, paths from the
    folder the build runs in, as Material reads them), by their contents' hashes (None: no such file).

    Why: they cut every page's words, in the search index and the navigation's line breaks, and they are
    files beside the project, outside every folder the build's inputs hash."""
    search = config.plugins.get("material/search")
    found: list[tuple[str, str | None]] = []
    for option in ("jieba_dict", "jieba_dict_user"):
        path = search.config.get(option) if search is not None else None
        if path:
            try:
                found.append((option, hashlib.sha256(Path(path).read_bytes()).hexdigest()))
            except OSError:
                found.append((option, None))
    return found


def _walk(items: list[Any]) -> list[Any]:
    return [found for item in items for found in [item, *(_walk(item.children) if item.children else [])]]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs picks the template before on_page_context, so a story's is switched here.
    if page.file.src_uri.startswith(STORY_POSTS) and page.meta.get("template") == "blog-post.html":
        page.meta["template"] = "story.html"  # Material's post, plus the branches the story names
    elif page.meta.get("template") == "blog.html":
        page.meta["template"] = "stories.html"  # the stories' lists, with the reading controls
    return join_broken_lines(markdown)  # (no space where a Chinese sentence runs onto the next line)


@event_priority(-100)  # after the search plugin has added the page's entries
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    _place_search(page.file.src_uri, config)
    entry = state.pages.pages.get(page.file.src_uri)
    share = entry.share if entry else state.pages.other_share
    context["nb_share"] = {**as_dict(share), "image": (config.site_url or "").rstrip("/") + "/" + share.image}
    if not page.meta.get("description"):
        page.meta["description"] = share.description  # Material's <meta name="description">
    if entry is not None:
        context.update(view=entry.view, view_year=entry.year, nb_page=entry, nb_updated=entry.updated)
    elif page.meta.get("template") == "story.html":
        story = page.file.src_uri.removeprefix(STORY_POSTS)
        context["story_branches"] = state.pages.story_branches.get(story, ())
    for post in context.get("posts") or ():  # a stories list's excerpts, which Material's blog made just now
        post.content = _numbers_kept(without_comments(post.content))
    return context


def _place_search(src_uri: str, config: MkDocsConfig) -> None:
    """Note the search entries this page gave; after the last page rendered here, take the second processes'
    pages and put every page's entries, kept ones too, in MkDocs' order of pages."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    if index is None or state.reuse is None:
        return
    entries: list[dict[str, Any]] = index.entries
    state.search[src_uri] = entries[state.searched :]
    state.searched = len(entries)
    if src_uri == state.reuse.last and state.spool is None:
        _take_shared(config)
        entries[:] = state.reuse.entries(state.search)
        state.searched = len(entries)


def _take_shared(config: MkDocsConfig) -> None:
    """The pages the second processes rendered, once they all have (later ones go on with standalone pages):
    their search entries, kept for the next build; their warnings logged here, where ``--strict`` counts
    them. Until they have, this process renders parts of the standalone pages (else a core would wait)."""
    relay = state.relay
    if relay is None or not state.spools:  # (none shared, or taken already)
        return
    assert state.reuse is not None
    while state.slices_left:
        if not relay.running:
            raise PluginError("内部错误：第二个进程没有生成它的网页就结束了")
        if _parts_left():
            state.standalone.update(_standalone(config, PARTS, most=1))  # (asking the relay between pages)
            _next_second()
        else:
            _relayed(relay.wait)
    spools, state.spools = state.spools, []
    for spool, count in spools:
        with spool:
            spool.seek(0)
            for _ in range(count):
                src, title, search = pickle.load(spool)
                state.search[src] = search
                state.reuse.store(src, None, search, title)  # (its file is written: no second process serves)
            cuts, warnings = pickle.load(spool)
        for name, level, message in warnings:
            logging.getLogger(name).log(level, message)
        if state.segmenter is not None:
            state.segmenter.merge(cuts)


def _relayed(step: Callable[[], None]) -> None:
    """A step of :attr:`State.relay`: a second process that failed (it printed why) fails the build."""
    try:
        step()
    except AsideFailed as error:
        raise PluginError(error.report()) from None


def _next_second(folder: SiteFolder | None = None) -> None:
    """If the running second process has ended, start the next one (asked often: else a core waits). Writes
    in flight to ``folder`` are waited for first: a process forks only while it runs no other thread (one
    holding a lock would leave it held in the child for ever)."""
    relay = state.relay
    if relay is not None and relay.ended():
        if folder is not None:
            folder.flush()
        _relayed(relay.poll)


def _polled(text: Callable[[], str | bytes | Iterator[bytes]], folder: SiteFolder) -> Callable[[], Any]:
    """``text`` asking :func:`_next_second` between its pieces (a county's print-all page of members is made
    of 2,000 posters' sheets: a second process ended meanwhile would otherwise wait for all of them)."""

    def pieces(made: Iterator[bytes]) -> Iterator[bytes]:
        for piece in made:
            yield piece
            _next_second(folder)

    def polled() -> Any:
        made = text()
        return made if isinstance(made, str | bytes) else pieces(made)

    return polled


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A case story's address and summary, for the feed (a story is always rendered, never kept); its
    numbers kept with their units, as the boards' (为 46 户茶农: not 46 / 户 on a phone). No page keeps
    the notes its Markdown hid in comments."""
    html = without_comments(html)
    if page.file.src_uri.startswith(STORY_POSTS):
        state.stories[page.file.src_uri.removeprefix(STORY_POSTS)] = (
            page.canonical_url or "",
            summary_text(html),
        )
        return _numbers_kept(html)
    return html


NAV_LABELS = {
    **LABELS,
    "md-nav__link": re.compile(
        r'(class="md-nav__link(?: [^"]*)?"[^>]*>\s*<span class="md-ellipsis">)([^<]*)(</span>)'
    ),
}
"""What is marked where a line may break (:func:`~noticeboard.outputs.heading_words.words_marked`): the
headings, our labels, and the links of Material's navigation and table of contents, which list the
headings again (the stories list's 2025 年度支部评星和党员评星结 / 果开始公示 at 1366 px). Not the header's
title, which Material keeps on one line and cuts short (…)."""


@event_priority(-100)  # last: the page as written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # (its headings wrap between words: 华新茶业有限公司 / 党支部)
    output = words_marked(output, _words_of, NAV_LABELS)
    if state.spool is not None:  # (a second process: its pages go back to the first)
        page_made = (page.file.src_uri, page.title or "", state.search.pop(page.file.src_uri, []))
        pickle.dump(page_made, state.spool, protocol=pickle.HIGHEST_PROTOCOL)
    elif state.reuse is not None:
        state.reuse.store(
            page.file.src_uri, output, state.search.get(page.file.src_uri, []), page.title or ""
        )
        _next_second()  # (the next second process, when the last one is done: no thread runs here)
    return output


def _words_of(run: str) -> list[str]:
    """A run of Chinese characters cut into words as the search index cuts it (mostly cut already, for the
    page's search entries, and kept between builds), the site's names whole."""
    return state.segmenter.cut(run) if state.segmenter is not None else list(jieba.cut(run))


@functools.cache
def _own_template(name: str | None) -> bool:
    """Autoescape for every template in ``theme_overrides/`` (names and texts come from data files), but
    not Material's (they output ready HTML) nor our language file (it passes on Material's translations).
    Jinja asks for every template it renders (270,000 times for a county): remembered per build."""
    return name is not None and not name.startswith("partials/languages/") and (state.theme / name).is_file()


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates as compiled by earlier builds, or by a second process of this one (:func:`_compile_ahead`),
    each checked when read, in one SQLite pack that both processes write (:class:`SharedPack`).

    Why: MkDocs makes a new Jinja environment for every build, which compiles Material's and our 110
    templates again: 0.9 s of a township's 2.4 s rebuild. Jinja keys an entry by the template's name and
    file and checks it against the source's hash; the key here adds everything else the compiled code
    depends on (:func:`_compiled_against`), read from the environment when the template is loaded (plugins
    add filters to an environment after it is made). Why a pack, not a file each: a cold build's first
    process stores the templates the second had not compiled yet, and a new file (most in a new folder)
    took it about a millisecond each, 0.1 s of a township's cold build (``py-spy``)."""

    def __init__(self, folder: Path) -> None:
        # (a new pack, and the old one removed, when what every key holds changes: a new Jinja or hooks)
        self.store = SharedPack(
            folder, fingerprint(b"jinja 2\n", jinja2.__version__, sys.version, HOOKS_SOURCE)
        )

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        stored = self.store.get(_compiled_against(bucket.environment) + bucket.key.encode())
        if stored is not None:
            bucket.bytecode_from_string(stored)  # Jinja checks its magic and the source's hash

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = _compiled_against(bucket.environment) + bucket.key.encode()
        self.store.put(key, bucket.bytecode_to_string())


def _add_filters(env: jinja2.Environment) -> None:
    """Our templates' own filters."""
    env.filters["nb_date"] = _date_kept_whole
    env.filters["nb_whole"] = _kept_whole
    env.filters["nb_name"] = _name_marked
    env.filters["nb_parts"] = _parts_line


_PHONE_KEPT = markupsafe.Markup('<span class="nb-nowrap">{}</span>')
_NAME = markupsafe.Markup('<span class="nb-name">{}</span>')


def _name_marked(name: str) -> markupsafe.Markup:
    """A name in a table (an organisation's, a category's), marked to break between its words only
    (``.nb-name``, given its ``<wbr>`` with the headings: :data:`~noticeboard.outputs.heading_words.LABELS`):
    a column broke it anywhere, 青山村第一党 / 支部, 县卫生健 / 康局, 离退休党 / 员, at 1366 px too."""
    return _NAME.format(name)


_DATE_KEPT = r'<span class="nb-whole">\g<0></span>'
"""A date found by :data:`DATES`, in the span that keeps it whole."""
_NUMBER_KEPT = r'<span class="nb-nowrap">\g<0></span>'
"""A number and its unit found by :data:`NUMBER_UNITS`, on one line."""


def _date_kept_whole(value: dt.date | None) -> markupsafe.Markup:
    """``value`` as a notice board writes it (:func:`chinese_date`), kept whole (``.nb-whole``): in a
    sentence, a phone breaks a date anywhere, ``2026年1月`` at the end of one line and ``11日`` on the next."""
    return _kept_whole(chinese_date(value))


def _kept_whole(text: str, phone: str | None = None) -> markupsafe.Markup:
    """``text`` as HTML, each date in it (:data:`DATES`) kept whole (``.nb-whole``), each number with its unit
    (:data:`NUMBER_UNITS`) and the phone number ``phone`` on one line (``.nb-nowrap``): in a sentence,
    Chromium breaks a date anywhere, ``4 名`` at its space and 0874-6000000 after its hyphen."""
    if type(text) is str and phone is None:  # (not a Markup, kept as it is; not a number, 78.0 == 78)
        return _text_kept_whole(text)
    return _marked_whole(text, phone)


@functools.lru_cache(maxsize=4096)
def _text_kept_whole(text: str) -> markupsafe.Markup:
    """:func:`_kept_whole` of a plain text, remembered: a county's pages and posters ask for it a million
    times (5 µs each), for texts that mostly come back (dates, statuses, 按期推进); a commitment's own words
    pass through without pushing the recent ones out for long."""
    return _marked_whole(text, None)


def _marked_whole(text: str, phone: str | None) -> markupsafe.Markup:
    html = markupsafe.escape(text)
    if phone:
        html = markupsafe.Markup(html.replace(markupsafe.escape(phone), _PHONE_KEPT.format(phone)))
    # A date is digits and 年月日, which escaping leaves as they are: the pattern's own replacement wraps it
    # (in C; on a Markup, re.sub would escape the span).
    return markupsafe.Markup(_numbers_kept(DATES.sub(_DATE_KEPT, str(html))))


def _numbers_kept(html: str) -> str:
    """``html`` with each number and its unit (:data:`NUMBER_UNITS`) on one line, in C (the pattern's own
    replacement), its tags untouched."""
    return NUMBER_UNITS.sub(_NUMBER_KEPT, html)


def _parts_line(text: str) -> markupsafe.Markup:
    """``text`` (HTML or plain text), its parts joined by `` · ``, as parts whose · CSS draws before each
    (``.nb-parts`` in ``.nb-clip``): the · of a part that begins a line is cut off, so where the line wraps
    on a phone or a screen, no line begins or ends with a lone ·. A text of one part is left as it is. Its
    dates are kept whole (:func:`_kept_whole`)."""
    html = _kept_whole(text)
    parts = [part.strip() for part in html.split(" · ")]
    if len(parts) == 1:
        return html
    spans = markupsafe.Markup("").join(markupsafe.Markup("<span>{}</span>").format(part) for part in parts)
    return markupsafe.Markup('<span class="nb-clip"><span class="nb-parts">{}</span></span>').format(spans)


STAND_INS = {"material/blog": ("date",)}
"""The filters each plugin adds to the environment at ``on_env``, by the plugin's name: stood in for by
:func:`_compile_ahead` (the plugins make them from what they read later)."""


def _compile_ahead(config: MkDocsConfig, cache: Path) -> Aside | None:
    """Material's and our templates compiled into the cache by a second process while this one reads the
    data: the one a build renders pages with then finds them compiled (:class:`CompiledTemplates`).

    Why: a cold build compiled its 112 templates as its pages first asked for them, 0.6–0.8 s of the
    first process's township build, while the other core had nothing to do before the pages. The second
    process makes an environment as ``on_env`` leaves it: MkDocs' own, our autoescape policy and filters,
    and the filters plugins add (:data:`STAND_INS`: a template that uses one is left to the build, which
    has the real one). Where the build's environment ends up otherwise (another plugin, a filter that is
    passed other arguments), its key differs and the build compiles as before. None: nothing to fork
    (the preview server)."""
    if not _forking() or not hasattr(os, "fork"):
        return None
    return Aside(functools.partial(_compile_templates, config, cache))


def _compile_templates(config: MkDocsConfig, cache: Path) -> int:
    """What :func:`_compile_ahead`'s second process does: the templates pages ask for compiled and kept, in
    the order they ask for them, until they are all compiled or the build asks it to end (``SIGTERM``,
    sent when the build starts rendering: it compiles what it needs itself from then on, and both cores
    render); how many it compiled. A template it cannot compile is left to the build, which reports what
    is wrong with it if a page uses it."""
    ended = asked_to_end()
    env = _theme_env(config.theme, cache)
    env.autoescape = _own_template
    _add_filters(env)
    stand_ins = {
        name
        for plugin, names in STAND_INS.items()
        if (found := config.plugins.get(plugin)) is not None and getattr(found.config, "enabled", True)
        for name in names
    }
    for name in stand_ins:
        env.filters[name] = _stand_in
    listed = set(_listed_templates(env.list_templates(), config.theme.get("language") or "en"))
    plain = _theme_env(config.theme, cache)  # as plugins make theirs (the blog's, to translate its words)
    ours = sorted(name for name in listed if (state.theme / name).is_file())
    pages = sorted(name for name in listed if "/" not in name)  # (a page's template: Material's blog's too)
    first = [
        *((plain, name) for name in sorted(listed) if name.startswith("partials/language")),
        *(
            (env, name)
            for name in [*sorted(config.theme.static_templates), "main.html", "base.html", *ours, *pages]
        ),
    ]
    pending, seen, compiled = deque(item for item in first if item[1] in listed), set(), 0
    while pending and not ended():  # (each with what it refers to, as a page asks for them)
        made_by, name = pending.popleft()
        if (id(made_by), name) in seen:
            continue
        seen.add((id(made_by), name))
        # (one that fails is compiled by the build, which reports what is wrong if a page uses it)
        with contextlib.suppress(Exception):
            tree = _compile_one(made_by, name, stand_ins)
            if tree is not None:
                compiled += 1
                found = [(made_by, f) for f in meta.find_referenced_templates(tree) if f is not None]
                pending.extendleft(reversed(found))
    return compiled


def _compile_one(env: jinja2.Environment, name: str, stand_ins: set[str]) -> jinja2.nodes.Template | None:
    """The template ``name`` compiled into the cache, and its parsed form; None where an earlier build
    compiled it or it uses a stand-in filter (the compiler may run a filter: the build compiles it with
    the real one)."""
    assert env.bytecode_cache is not None and env.loader is not None
    source, filename, _ = env.loader.get_source(env, name)
    bucket = env.bytecode_cache.get_bucket(env, name, filename, source)
    if bucket.code is not None:
        return None
    tree = env.parse(source, name, filename)
    if any(node.name in stand_ins for node in tree.find_all(jinja2.nodes.Filter)):
        return None
    bucket.code = env.compile(tree, name, filename)
    env.bytecode_cache.set_bucket(bucket)
    return tree


def _stand_in(*args: object) -> object:
    raise RuntimeError("内部错误：模板预编译时的替身过滤器被调用")


def _listed_templates(names: list[str], language: str) -> list[str]:
    """The theme's templates a page may use: its HTML and XML files without Material's translations into
    languages other than the site's and English (its fallback): 60 of them."""
    spoken = {language.split("-")[0], "en"}
    return [
        name
        for name in names
        if name.endswith((".html", ".xml"))
        and (not name.startswith("partials/languages/") or Path(name).stem.split("-")[0] in spoken)
    ]


HOOKS_SOURCE = hashlib.sha256(Path(__file__).read_bytes()).digest()
"""This file's hash: its autoescape policy (:func:`_own_template`) is in every compiled template."""


def _compiled_against(env: jinja2.Environment) -> bytes:
    """Everything Jinja's compiler reads of ``env`` beyond a template's source: its class, syntax and
    whitespace options, extensions, autoescape policy, whether it is asynchronous or optimized, and each
    filter's and test's name with what the compiled call passes it (a context, an environment …); with
    Jinja's and Python's versions and this file. Two environments alike in these compile a template alike,
    but where the compiler runs a filter on a constant (Jinja folds constants): :func:`_compile_ahead`
    leaves every template that uses one of its stand-ins to the build."""
    return fingerprint(
        jinja2.__version__,
        sys.version,
        HOOKS_SOURCE,
        type(env).__qualname__,
        env.code_generator_class.__qualname__,
        env.is_async,
        env.optimized,
        [env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string],
        [
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
        ],
        [env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline],
        sorted(env.extensions),
        "ours" if env.autoescape is _own_template else repr(env.autoescape),
        _passed(env.filters),
        _passed(env.tests),
        _passed({"finalize": env.finalize} if env.finalize is not None else {}),
    )


def _passed(functions: Mapping[str, object]) -> list[tuple[str, str]]:
    """Each function's name with what Jinja passes it first (``pass_context`` …; nothing: ``""``)."""
    return sorted(
        (name, getattr(getattr(f, "jinja_pass_arg", None), "name", "")) for name, f in functions.items()
    )


@event_priority(-100)  # last: a second process forked here gets every plugin's environment
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    _end_compiling()  # (pages are rendered from here: what the second process has not compiled is compiled here)
    _end_drawing()  # (the images it has not made are made with the standalone pages)
    _own_template.cache_clear()  # a template added while serving
    env.autoescape = _own_template
    if env.cache is not None:
        env.cache.clear()  # templates compiled before this point were compiled without it
    catalogue, frame = state.pages, state.frame
    # By now the blog plugin has moved each post to its final URL (it does so after on_files).
    stories = {path: files.get_file_from_path(STORY_POSTS + path) for path in state.story_paths}

    def url(kind: str, year: int | None = None, key: str = "") -> str:
        try:
            return catalogue.url_for(kind, frame.year if year is None else year, key)
        except LookupError as error:
            raise PluginError(str(error)) from None

    def page_url(src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        if file is None:
            raise PluginError(f"内部错误：找不到页面 {src_uri}")
        return file.url

    # Plugins may have moved files since on_nav (the blog its posts): the order MkDocs renders in is this one.
    state.documents = list(files.documentation_pages(inclusion=lambda _: True))
    state.search, state.searched = {}, 0  # (the search plugin's index is new: not the last build's)
    shared = _shared_pages()
    if state.reuse is not None:  # which pages MkDocs renders: drafts too while serving, kept ones never
        serving = state.command == "serve"
        state.reuse.in_order(
            [
                (file.src_uri, file.inclusion.is_in_serve() if serving else file.inclusion.is_included())  # type: ignore[no-untyped-call]
                for file in state.documents
            ]
        )
    for file in state.documents:
        if file.page is None:  # a kept page: MkDocs made none, the sitemap needs its address and date
            Page(None, file, config)
    _add_filters(env)
    env.globals["nb"] = {
        **as_dict(frame),
        "not_found": frame.not_found,
        "site_url": config.site_url,
        "url": url,
        "story_url": lambda path: post.url if (post := stories.get(path)) else None,
        "page_url": page_url,
        "home": catalogue.home,
        "photo": catalogue.photos.__getitem__,
        "qr": qr_svg,
        "sitemap": [file for file in state.documents if file.src_uri not in state.left_out],
        "feeds": FEED_LINKS if catalogue.feed is not None else (),
        "preview": state.preview,
    }
    state.env = env
    # Posters, screens and redirects are rendered by a second process (not while serving: the preview server
    # runs threads, and a fork copies none of them) while MkDocs renders the pages, part after part; this
    # process takes parts too after its last page (on_post_build). When MkDocs would render very many
    # pages, second processes first render every other run of them, a slice each. One second process at a
    # time, each ending with its work (:class:`Relay`): every process copies the memory it writes to.
    state.claims, state.standalone, state.spools = Claims(), {}, []
    state.sharing, state.slices_left = len(shared), -(-len(shared) // SHARE_SLICE)
    if shared and state.segmenter is not None:
        state.segmenter.prepare()
    forking = _forking() and hasattr(os, "fork")
    state.relay = Relay(_second_units(config, env, files, shared), _second_done) if forking else None
    return env


SHARE_FROM = 200
"""Pages MkDocs would render here from which a second process renders half of them (a cold build, a
template changed): below, the fork and reading its pages back cost more than they save."""

SHARE_RUN = 32
"""Pages in a row rendered by one process. Why not every other page: the views of pages next to each other
in the catalogue lie next to each other in memory, and a forked process copies every memory page it reads
an object from (Python writes the object's reference count). Alternating pages, both processes copied
nearly all the views; runs of pages keep each to its own (a county's cold build: 60 MB less at its peak)."""


SHARE_SLICE = 8 * SHARE_RUN
"""Pages one second process renders before it ends and the next one is forked (a county's cold build:
twelve). Why not all of them: a process copies the memory pages it writes to that the other one shares
(the views of the pages it renders, the memory Python hands out anew), and holds them until it ends."""


def _shared_pages() -> list[File]:
    """The catalogue's pages a second process renders: every other run of :data:`SHARE_RUN` of those MkDocs
    would render, when there are many and a process can be forked (not while serving: the preview server
    runs threads). MkDocs leaves them out here (excluded) after reading them, as it would render them."""
    if not _forking() or not hasattr(os, "fork"):
        return []
    rendering = [
        file
        for file in state.documents
        if file.inclusion.is_included()  # type: ignore[no-untyped-call]
        and file.src_uri in state.pages.pages
        and file.page is not None
    ]
    if len(rendering) < SHARE_FROM:
        return []
    shared = [file for index, file in enumerate(rendering) if index // SHARE_RUN % 2]  # (the first run stays)
    for file in shared:
        file.inclusion = InclusionLevel.EXCLUDED
    return shared


def _second_units(
    config: MkDocsConfig, env: jinja2.Environment, files: Files, shared: list[File]
) -> Callable[[], Callable[[], Any] | None]:
    """What each second process does, in turn (:class:`Relay`): a slice of ``shared`` (:data:`SHARE_SLICE`
    pages), then parts of the standalone pages no process has claimed: two each after slices of pages (a
    county's cold build), else all of them (one second process, as a rebuild needs no more). Why two: a
    process starts without what the one before it remembered (QR codes, share cards' lines); with one part
    each and slices of 64 pages, a county's cold build took 10 s more CPU."""
    slices = deque(shared[start : start + SHARE_SLICE] for start in range(0, len(shared), SHARE_SLICE))
    parts = 2 if shared else len(PARTS)

    def next_unit() -> Callable[[], Any] | None:
        if slices:
            pages = slices.popleft()
            spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed when read back, in _take_shared)
            state.spools.append((spool, len(pages)))
            return functools.partial(_render_shared, config, env, files, pages, spool)
        if _parts_left():
            return functools.partial(_second_standalone, config, parts)
        return None

    return next_unit


def _second_done(result: dict[str, tuple[bytes, int, int]] | None) -> None:
    """What a second process returned: None for a slice of pages (in its temporary file), else the standalone
    pages it rendered, with what was put where."""
    if result is None:
        state.slices_left -= 1
    else:
        state.standalone.update(result)


def _parts_left() -> bool:
    claims = state.claims
    return claims is not None and not all(claims.taken(str(part)) for part in PARTS)


def _in_second_process(config: MkDocsConfig) -> None:
    """What a second process does first: it forks none of its own, the page this one was rendering when it
    forked is not the current page of the pages it renders (their navigation would show two), and the words
    it cuts are those it hands back."""
    state.relay = None
    page = config._current_page  # (MkDocs' own note of the page it renders)
    if page is not None:
        page.active = False
    if state.segmenter is not None:
        state.segmenter.fresh = {}


def _second_standalone(config: MkDocsConfig, parts: int) -> dict[str, tuple[bytes, int, int]]:
    _in_second_process(config)
    return _standalone(config, PARTS[::-1], most=parts)


def _render_shared(
    config: MkDocsConfig, env: jinja2.Environment, files: Files, shared: list[File], spool: IO[bytes]
) -> None:
    """In a second process: render ``shared`` as MkDocs renders a page (its events, its template, its file
    written, its links checked; its title and search entries written to ``spool``), then the
    Chinese text cut anew and the warnings logged (for the first process to log, where ``--strict`` counts
    them)."""
    _in_second_process(config)
    state.spool = spool
    engine = type(config).__module__.split(".")[0]  # mkdocs, or properdocs (its fork) when that one builds
    build_page = importlib.import_module(f"{engine}.commands.build")._build_page  # MkDocs' step for one page
    doc_files = files.documentation_pages(
        inclusion=InclusionLevel.is_included
    )  # as MkDocs' own loop has them
    with _warnings_held() as warnings:
        for file in shared:
            assert file.page is not None
            build_page(file.page, config, doc_files, state.nav, env)
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    cuts = state.segmenter.fresh if state.segmenter is not None else {}
    pickle.dump((cuts, warnings), spool, protocol=pickle.HIGHEST_PROTOCOL)
    spool.flush()  # (before it is read: the process ends without Python's clean-up)


@contextlib.contextmanager
def _warnings_held() -> Iterator[list[tuple[str, int, str]]]:
    """MkDocs' warnings meanwhile, held instead of printed (the first process logs them)."""
    held: list[tuple[str, int, str]] = []

    class Hold(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            held.append((record.name, record.levelno, record.getMessage()))

    def others(record: logging.LogRecord) -> bool:
        return record.levelno != logging.WARNING

    engine = logging.getLogger("mkdocs")
    printing = list(engine.handlers)
    for handler in printing:
        handler.addFilter(others)
    hold = Hold(logging.WARNING)
    hold.addFilter(lambda record: record.levelno == logging.WARNING)
    engine.addHandler(hold)
    try:
        yield held
    finally:
        engine.removeHandler(hold)
        for handler in printing:
            handler.removeFilter(others)


@event_priority(-100)  # last: after the search index and every other plugin's output
def on_post_build(config: MkDocsConfig) -> None:
    """The catalogue's images and the standalone pages (posters, screens, redirects), each linked from the
    last build or written (the kept pages were placed in ``on_nav``); then the finished site is swapped in."""
    reuse = state.reuse
    assert reuse is not None
    _take_shared(config)  # (taken after the last page already, unless no search index asked for them)
    _write_feed(config)
    pages, shared = len(state.documents), state.sharing
    log.info(
        f"网页 {pages} 个：重新生成 {pages - len(reuse.kept)} 个"
        + (f"（其中 {shared} 个由另一个进程生成）" if shared else "")
        + f"，{len(reuse.kept)} 个沿用以前生成的结果。"
    )
    with state.folder as folder:  # (the kept pages were placed as they were found: wait for their writes)
        for path, key in reuse.rendered_now():  # rendered by MkDocs: linked by the next build if unchanged
            folder.written(path, key)
    relay = state.relay
    try:  # the parts no second process has taken yet (all where there is none), then theirs
        here = _standalone(config, PARTS)
        print_all = _print_all(config)  # (meanwhile: the second process's last parts)
        while relay is not None and relay.running:
            _relayed(relay.wait)
        files = {**folder.files, **state.drawn, **state.standalone, **here, **print_all}
    finally:
        _end_claims()
    state.relay, state.standalone, state.drawn = None, {}, {}
    if (published := _published_site()) is not None:
        reuse.rendered.publish(published, files)
    reuse.rendered.close()
    if state.segmenter is not None:
        state.segmenter.save()
    if state.partial is not None and not (config.strict and _warnings_logged()):
        final = state.partial.with_name(state.partial.name.removesuffix(".partial"))
        written = {path: (size, mtime) for path, (_, size, mtime) in files.items()}
        listed = None
        if state.folder.in_place:  # (the last build's folder: what did not change stayed there)
            try:
                last = state.folder.listing if state.folder.listing is not None else manifest(final)
                listed = update_in_place(state.partial, final, written, manifest(state.partial), last)
            except OSError as error:
                raise PluginError(
                    f"更新 {final} 时出错（{error}）：其中可能有的页面是新的，有的还是旧的。"
                    "请解决这个问题（例如磁盘已满、文件被其他程序打开）后再生成一次。"
                ) from None
        else:
            swap_in(state.partial, final)
        state.partial = None
        if state.inputs is not None and state.cache_dir is not None:
            last_build = LastBuild(state.cache_dir / LAST_BUILD)
            if listed is not None:  # (every file of it known: no walk)
                last_build.record(final, state.inputs, listed, whole=True)
            else:
                last_build.record(final, state.inputs, written)


def _write_feed(config: MkDocsConfig) -> None:
    """The case stories' feeds, into the site being built (a county's site has none)."""
    feed = state.pages.feed
    if feed is None:
        return
    site_url = config.site_url or ""
    favicon = config.theme.get("favicon") or ""
    texts = feed.files(site_url=site_url, icon=site_url + favicon if favicon else "", published=state.stories)
    for name, text in texts.items():
        Path(config.site_dir, name).write_text(text, encoding="utf-8", newline="\n")


PARTS = tuple(range(8))
"""Standalone pages and images are rendered in parts, each by the first process to claim it (:class:`Claims`).
A part is an eighth of the catalogue's list, in its order: what one process renders lies together in memory,
as it was made, and a forked process copies only the memory it reads (not, as with parts by a hash of the
file's name, some of nearly every memory page). A page that moves to another part (pages added before it)
is rendered again when the last build's folder is not there to link it from: its new part's store has not
got it. Why not sixteen: the two processes then ended their last parts closer together (a county's cold
build: one core idle 0.0–0.4 s before the last part ended, against 1.4–1.6 s), but the builds took longer
(four alternate pairs: 0.2–3.2 s, with more of the system's time in three)."""


def _standalone(
    config: MkDocsConfig, parts: tuple[int, ...], most: int = len(PARTS)
) -> dict[str, tuple[bytes, int, int]]:
    """Posters, screens, redirects and share cards' images of those of ``parts`` this process claims (``most``
    of them), in that order: from their templates, outside the page pipeline (kept when unchanged); what was
    put where, for the next build. Each part has its store, so several processes can fill them at once."""
    assert state.claims is not None
    made: dict[str, tuple[bytes, int, int]] = {}
    for part in parts:
        if not most:
            break
        if state.claims.take(str(part)):
            made.update(_standalone_part(config, part))
            most -= 1
    return made


T = TypeVar("T")


def _part_of(items: Sequence[T], part: int) -> Sequence[T]:
    """The items of ``items`` in the part ``part`` of :data:`PARTS`: its share of them, in a row."""
    return items[part * len(items) // len(PARTS) : (part + 1) * len(items) // len(PARTS)]


def _end_claims() -> None:
    if state.claims is not None:
        state.claims.close()
        state.claims = None


def _standalone_part(config: MkDocsConfig, part: int) -> dict[str, tuple[bytes, int, int]]:
    folder = _folder_alike()
    pages = _part_of(state.in_parts, part)
    with _step_store(f"standalone-{part}") as rendered, folder:
        for path, key, text in standalone_files(pages, rendered, *_standalone_templates(config)):
            folder.place(path, key, _polled(text, folder) if state.relay else text)
            _next_second(folder)
        for path, image in _part_of(list(state.pages.images.items()), part):
            if path not in state.drawn:  # (made ahead: :func:`_draw_ahead`)
                folder.place(path, image.key, image.make)
                _next_second(folder)
    assert state.claims is not None
    state.claims.finish(str(part))  # (its store closed: its posters' sheets are there for :func:`_print_all`)
    return folder.files


@contextlib.contextmanager
def _step_store(name: str) -> Iterator[Rendered]:
    """The store ``name`` of one step of the standalone pages (a part, the print-all pages): kept when the
    step is done, let go at once when it fails (its lock would hold a preview server's next rebuild)."""
    reuse = state.reuse
    assert reuse is not None
    rendered = Rendered(_rendered_folder(), reuse.rendered.context, name, series=reuse.rendered.series)
    try:
        yield rendered
    except BaseException:
        rendered.discard()
        raise
    rendered.close()


def _rendered_folder() -> Path | None:
    """The folder of the rendered outputs' stores (None: the build has no cache)."""
    return state.cache_dir / "rendered" if state.cache_dir else None


def _folder_alike() -> SiteFolder:
    """A site folder writing into the site being built as this process's does, for one step's files."""
    return SiteFolder(
        state.folder.root,
        state.folder.previous,
        state.folder.published,
        state.folder.listing,
        in_place=state.folder.in_place,
    )


def _standalone_templates(
    config: MkDocsConfig,
) -> tuple[Callable[[Standalone, Mapping[str, str]], str], Callable[[Any], str]]:
    """How a standalone page is rendered (with its posters' sheets, each by the mark where it goes), and how
    a poster's sheets are."""
    sheets_template = state.env.get_template("partials/nb/poster-sheets.html")

    def render(page: Standalone, sheets: Mapping[str, str]) -> str:
        context = {"title": page.title, "view": page.view, "base_url": page.base_url, "sheets": sheets}
        return state.env.get_template(page.template).render(config=config, page=None, **context)

    return render, lambda poster: sheets_template.render(poster=poster)


def _in_parts_or_after(pages: list[Standalone]) -> tuple[list[Standalone], list[Standalone]]:
    """The standalone pages rendered in :data:`PARTS`, and those rendered after them (:func:`_print_all`):
    each page that prints only boards an earlier page prints too (a kind's print-all page, after each of its
    boards' own pages)."""
    printed: set[int] = set()
    parted, after = [], []
    for page in pages:
        posters = [id(poster) for poster in getattr(page.view, "posters", ())]
        if posters and printed.issuperset(posters):
            after.append(page)
        else:
            parted.append(page)
            printed.update(posters)
    return parted, after


def _print_all(config: MkDocsConfig) -> dict[str, tuple[bytes, int, int]]:
    """The print-all pages, once every part is rendered: each poster's sheets read from the store of the part
    that printed it alone, made here only when that store has not got them (a poster no page prints alone,
    a damaged store). Why after the parts: rendered within them, each sheet of a county's 6,000 posters was
    made and stored twice, on its own page and in the print-all page (another part, or another process):
    10,016 sheets made for 6,008 posters, 2.3 s of its cold build's CPU.

    A page whose posters' parts are all done is made while a second process still renders its last parts:
    a county's cold build waited 1.5 s for it with a core free, then made the print-all pages (0.7 s)."""
    if not state.print_all:
        return {}
    cache = _rendered_folder()
    holder = {
        id(poster): part
        for part in (PARTS if cache else ())
        for page in _part_of(state.in_parts, part)
        for poster in getattr(page.view, "posters", ())
    }
    stores: dict[int, StoredTexts] = {}

    def elsewhere(poster: object) -> StoredTexts | None:
        """The store of the part that printed ``poster``, opened when first read, once that part is done (a
        store opened before its part made it gives nothing for the whole step)."""
        part = holder.get(id(poster))
        if part is None or cache is None:
            return None
        if part not in stores:
            stores[part] = StoredTexts(cache, f"standalone-{part}")
        return stores[part]

    waiting = list(state.print_all)
    try:
        with _step_store("standalone-sets") as rendered, (folder := _folder_alike()):
            while waiting:
                ready = [page for page in waiting if all(map(_part_finished, _parts_of(page, holder)))]
                if not ready and state.relay is not None and state.relay.running:
                    _relayed(state.relay.wait)
                    continue
                for path, key, text in standalone_files(
                    ready or waiting,  # (none left to wait for: a sheet its part has not stored is made here)
                    rendered,
                    *_standalone_templates(config),
                    elsewhere,
                ):
                    folder.place(path, key, text)
                made = {id(page) for page in ready or waiting}
                waiting = [page for page in waiting if id(page) not in made]
    finally:
        for store in stores.values():
            store.close()
    return folder.files


def _parts_of(page: Standalone, holder: Mapping[int, int]) -> set[int]:
    """The parts that printed the posters ``page`` prints (``holder``: poster → part)."""
    return {holder[id(poster)] for poster in getattr(page.view, "posters", ()) if id(poster) in holder}


def _part_finished(part: int) -> bool:
    claims = state.claims
    return claims is None or claims.finished(str(part))


def _published_site() -> Path | None:
    """The folder this build will replace (``site/``), when building into ``site.partial``."""
    return state.partial.with_name(state.partial.name.removesuffix(".partial")) if state.partial else None


def _stored(text: bytes | None) -> bytes:
    """A kept page's text when it is not linked (read and checked as the build was planned): asked for only
    then."""
    assert text is not None
    return text


def _warnings_logged() -> bool:
    """Whether ``--strict`` will abort this build after this event (MkDocs counts its warnings)."""
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(handler, CountHandler) and handler.get_counts() for handler in handlers)


def on_build_error(error: Exception) -> None:
    """A failed build leaves the published site as it was: only the partial one is removed."""
    if state.relay is not None:  # a second process would go on writing into the folder removed here
        state.relay.stop()
        state.relay = None
    _stop_ahead()
    for spool, _ in state.spools:
        spool.close()  # (a temporary file: gone once closed)
    state.spools = []
    _end_claims()
    if (folder := getattr(state, "folder", None)) is not None:
        folder.stop()  # (its threads would go on writing kept pages into the folder removed here)
    if state.reuse is not None:
        state.reuse.rendered.discard()  # (its lock, held, kept a preview server's next rebuild waiting)
    if state.partial is not None:
        discard(state.partial)
        state.partial = None


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """The preview server, looking for edits every :data:`POLLING` seconds (MkDocs' looks every 0.5 s: a
    quarter of a second on average before a saved file is even noticed), and also watching the data, the
    package, our templates and these hooks. It is a new server of the engine's own class (MkDocs uses the
    one this event returns), watching what MkDocs' watched."""
    # (what was asked to be watched: a watched file's emitter watches its folder, here the project's .cache too)
    watched = sorted(
        {getattr(emitter.watch, "raw_path", emitter.watch.path) for emitter in server.observer.emitters}
    )
    host, port = config.dev_addr
    quicker = type(server)(
        builder=server.builder,
        host=host,
        port=port,
        root=server.root,
        mount_path=server.mount_path,
        polling_interval=POLLING,
    )
    quicker.error_handler = server.error_handler
    for path in [
        *watched,
        os.fspath(Path(config.config_file_path).parent / "data"),
        os.fspath(Path(noticeboard.__file__).parent),  # the package (src/noticeboard when editable)
        os.fspath(state.theme),  # templates: MkDocs watches its theme only with --watch-theme
        os.fspath(Path(__file__).resolve().parent),  # these hooks
    ]:
        quicker.watch(path)
    return quicker


POLLING = 0.2
"""Seconds between two looks at the watched files while serving (each look reads a few hundred files'
times: a few milliseconds)."""


def on_shutdown() -> None:
    """The process is about to end: what the build made is frozen (:func:`gc.freeze`), so that the
    interpreter's last collections do not scan it. Why: at exit Python runs its cycle collector over every
    object still alive, a county's millions of records, views and pages (0.4 s of a one-record rebuild),
    to free what is freed anyway when the process ends."""
    gc.freeze()
