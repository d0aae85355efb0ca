"""MkDocs glue: adapt the engine-neutral catalogue of ``noticeboard.website`` to MkDocs' events.

What is published (pages and their views, posters, screens, open data) is decided in the
package; this file only hands it to MkDocs: ``on_config`` reads and rates the data (a
problem stops the build with ``FILE:LINE:`` messages) and builds into ``site.partial``;
``on_files`` adds the catalogue's pages and files; ``on_nav`` places boards ``mkdocs.yml``
does not list; ``on_env`` sets autoescaping and ``nb``; ``on_page_context`` gives each page
its view; ``on_post_build`` writes the standalone pages and swaps the site in.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jieba  # type: ignore[import-untyped]
import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

import noticeboard
from noticeboard.boards.parts import chinese_date
from noticeboard.county.settings import read_county
from noticeboard.county.site import CountySite, read_county_site
from noticeboard.office.ci_reports import announce
from noticeboard.outputs.catalogue import MORE_BOARDS, Catalogue
from noticeboard.registries import RegistryError
from noticeboard.registries.errors import Problems
from noticeboard.website import Website, build_aside, build_website, discard, pin_build_date, swap_in
from noticeboard.website import write_text as write

OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"
STORY_POSTS = "stories/posts/"
THEME_DIR = Path(__file__).resolve().parent.parent / "theme_overrides"


@dataclass
class State:
    """What one build knows; made anew for every build (``mkdocs serve`` loads this file again)."""

    command: str = "build"
    site: Website | CountySite = field(init=False)
    """Set by ``on_config``: a township's data read and rated, or a county's townships read and compared."""
    pages: Catalogue = field(init=False)
    """Set by ``on_files``: every page and file with its URL."""
    env: jinja2.Environment = field(init=False)
    partial: Path | None = None
    """Where this build is written (``site.partial``) until it is swapped in; None while serving."""


state = State()


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


@event_priority(100)  # before the feed plugin reads the build date (SOURCE_DATE_EPOCH)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    gc.unfreeze()  # a rebuild while serving: let the previous registry be collected
    root = Path(config.config_file_path).parent
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
    try:
        website = build_website(root, stories_dir=stories, cache_dir=cache)
    except RegistryError as error:
        announce(error.problems)  # in GitHub Actions, each problem also on its line of the pull request
        raise PluginError("数据有误，网站没有生成。请改正下面的问题：\n" + error.report()) from None
    return _start(config, website)


def _read_county(county_file: Path, cache: Path) -> CountySite:
    problems = Problems(county_file.parent)
    county = read_county(county_file, problems)
    if county is None:
        raise PluginError("county.yml 有误，汇总网站没有生成：\n" + "\n".join(map(str, problems)))
    return read_county_site(county, county_file, cache)


def _start(config: MkDocsConfig, site: Website | CountySite) -> MkDocsConfig:
    """What every build does once its data is read: date it, and build into a folder of its own."""
    state.site = site
    pin_build_date(site.build_date, os.environ)
    gc.freeze()  # the registry lives for the whole build: keep the collector from rescanning it per page
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
    state.partial = None
    if state.command == "build":  # ``mkdocs serve`` builds into its own temporary folder
        state.partial = build_aside(Path(config.site_dir))
        config.site_dir = os.fspath(state.partial)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Here, not in on_config: plugins (offline) may still change the URL style until then.
    state.pages = state.site.catalogue(
        site_url=config.site_url or "", directory_urls=config.use_directory_urls
    )
    jieba.setLogLevel(logging.WARNING)
    for word in state.pages.search_words:  # names stay whole words in the search index, so they are found
        jieba.add_word(word, freq=100_000)
    for page in state.pages.pages.values():
        file = File.generated(config, page.src_uri, content=page.markdown())
        if file.url != page.url:
            raise PluginError(f"内部错误：页面 {page.src_uri} 的地址 {file.url} 与目录 {page.url} 不一致")
        files.append(file)
    for path, content in state.pages.files.items():
        files.append(File.generated(config, path, content=content))
    return files


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
    return nav


def _walk(items: list[Any]) -> list[Any]:
    return [found for item in items for found in [item, *(_walk(item.children) if item.children else [])]]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs picks the template before on_page_context, so a story's is switched here.
    if page.file.src_uri.startswith(STORY_POSTS) and page.meta.get("template") == "blog-post.html":
        page.meta["template"] = "story.html"  # Material's post, plus the branches the story names
    return markdown


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    entry = state.pages.pages.get(page.file.src_uri)
    share = entry.share if entry else state.pages.other_share
    context["nb_share"] = {**share.__dict__, "image": (config.site_url or "").rstrip("/") + "/" + share.image}
    if not page.meta.get("description"):
        page.meta["description"] = share.description  # Material's <meta name="description">
    if entry is not None:
        context.update(view=entry.view, view_year=entry.year, nb_page=entry, nb_updated=entry.updated)
    elif page.meta.get("template") == "story.html":
        story = page.file.src_uri.removeprefix(STORY_POSTS)
        context["story_branches"] = state.pages.story_branches.get(story, ())
    return context


@functools.cache
def _own_template(name: str | None) -> bool:
    """Autoescape for every template in ``theme_overrides/`` (names and texts come from data files), but
    not Material's (they output ready HTML) nor our language file (it passes on Material's translations).
    Jinja asks for every template it renders (270,000 times for a county): remembered per build."""
    return name is not None and not name.startswith("partials/languages/") and (THEME_DIR / name).is_file()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    _own_template.cache_clear()  # a template added while serving
    env.autoescape = _own_template
    if env.cache is not None:
        env.cache.clear()  # templates compiled before this point were compiled without it
    catalogue, frame = state.pages, state.site.frame()
    # By now the blog plugin has moved each post to its final URL (it does so after on_files).
    stories = {path: files.get_file_from_path(STORY_POSTS + path) for path in state.site.story_paths}

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

    env.filters["nb_date"] = chinese_date
    env.globals["nb"] = {
        **frame.__dict__,
        "site_url": config.site_url,
        "url": url,
        "story_url": lambda path: post.url if (post := stories.get(path)) else None,
        "page_url": page_url,
        "home": catalogue.home,
        "photo": catalogue.photos.__getitem__,
    }
    state.env = env
    return env


@event_priority(-100)  # last: after the search index and every other plugin's output
def on_post_build(config: MkDocsConfig) -> None:
    """Posters, screens and redirects: standalone pages from their templates, outside the page pipeline."""
    site_dir = Path(config.site_dir)
    sheets_template = state.env.get_template("partials/nb/poster-sheets.html")
    # Each poster's sheets are rendered once and reused by every page that prints it (its own and its set).
    sheets: dict[str, Markup] = {}
    for page in state.pages.standalone:
        for poster in getattr(page.view, "posters", ()):
            if poster.key not in sheets:
                sheets[poster.key] = Markup(sheets_template.render(poster=poster))
        template = state.env.get_template(page.template)
        context = {"title": page.title, "view": page.view, "base_url": page.base_url, "sheets": sheets}
        write(site_dir / page.path, template.render(config=config, page=None, **context))
    if state.partial is not None and not (config.strict and _warnings_logged()):
        swap_in(state.partial, state.partial.with_name(state.partial.name.removesuffix(".partial")))
        state.partial = None


def _warnings_logged() -> bool:
    """Whether ``--strict`` will abort this build after this event (MkDocs counts its warnings)."""
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(handler, CountHandler) and handler.get_counts() for handler in handlers)


def on_build_error(error: Exception) -> None:
    """A failed build leaves the published site as it was: only the partial one is removed."""
    if state.partial is not None:
        discard(state.partial)
        state.partial = None


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    server.watch(os.fspath(Path(config.config_file_path).parent / "data"))
    server.watch(os.fspath(Path(noticeboard.__file__).parent))  # the package (src/noticeboard when editable)
    return server
