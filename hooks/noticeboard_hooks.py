"""MkDocs glue: adapt the engine-neutral catalogue of ``noticeboard.website`` to MkDocs' events.

Everything MkDocs- and Material-specific lives here and in ``theme_overrides/``; what
is published (pages, their views, posters, screens, open data) is decided in the
``noticeboard`` package.

- ``on_config``: build the website (read and check ``data/``: a problem stops the build
  with ``FILE:LINE:`` messages); build into ``site.partial``.
- ``on_files``: one generated page per catalogue page, and the generated files.
- ``on_env``: autoescape for this project's templates; ``nb`` (site facts and URLs) for all.
- ``on_page_markdown``: case stories get ``story.html`` (a post plus its branches).
- ``on_page_context``: a generated page's template gets its view and page entry.
- ``on_post_build``: posters, screens and redirects from their templates; swap the site in.
- ``on_serve``: watch ``data/`` and the package as well.
"""

from __future__ import annotations

import gc
import html
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

import noticeboard
from noticeboard.boards.parts import chinese_date
from noticeboard.outputs.catalogue import Catalogue
from noticeboard.outputs.catalogue import Page as CataloguePage
from noticeboard.registries import RegistryError
from noticeboard.website import Website, build_aside, build_website, discard, source_date_epoch, swap_in
from noticeboard.website import write_text as write

log = logging.getLogger("mkdocs.plugins.noticeboard")

OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"
STORY_POSTS = "stories/posts/"
THEME_DIR = Path(__file__).resolve().parent.parent / "theme_overrides"


@dataclass
class State:
    """What one build knows; made anew by every ``on_config`` (so ``mkdocs serve`` sees edits)."""

    command: str = "build"
    own_epoch: bool = False
    """Whether SOURCE_DATE_EPOCH is ours (from ``as_of``) rather than the caller's."""
    website: Website | None = None
    catalogue: Catalogue | None = None
    partial: Path | None = None
    """Where this build is written (``site.partial``) until it is swapped in; None while serving."""
    env: jinja2.Environment | None = None

    @property
    def site(self) -> Website:
        if self.website is None:
            raise PluginError("内部错误：网站数据尚未读取")
        return self.website

    @property
    def pages(self) -> Catalogue:
        if self.catalogue is None:
            raise PluginError("内部错误：页面目录尚未生成")
        return self.catalogue


state = State()


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


@event_priority(100)  # before the feed plugin reads the build date (SOURCE_DATE_EPOCH)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    gc.unfreeze()  # a rebuild while serving: let the previous registry be collected
    root = Path(config.config_file_path).parent
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml 缺少 site_url（网站地址，例如 https://dangjian.example.gov.cn/）：\n"
            "打印的公示栏上的二维码要指向网站上的页面，请先填写 site_url。"
        )
    try:
        state.website = build_website(
            root,
            stories_dir=Path(config.docs_dir) / "stories" / "posts",
            cache_dir=root / ".cache" / "noticeboard",
        )
    except RegistryError as error:
        raise PluginError("数据有误，网站没有生成。请改正下面的问题：\n" + error.report()) from None
    as_of = state.site.boards.registry.site.as_of
    if as_of is not None and ("SOURCE_DATE_EPOCH" not in os.environ or state.own_epoch):
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(as_of)
        state.own_epoch = True
    gc.freeze()  # the registry lives for the whole build: keep the collector from rescanning it per page
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
    state.partial = None
    if state.command == "build":  # ``mkdocs serve`` builds into its own temporary folder
        state.partial = build_aside(Path(config.site_dir))
        config.site_dir = os.fspath(state.partial)
    return config


def _teach_search_the_names(words: tuple[str, ...]) -> None:
    """Segment names as whole words in the search index, so a query for a full name finds it."""
    try:
        import jieba  # type: ignore[import-untyped]
    except ImportError:  # search still works, Chinese queries do not
        log.warning("未安装 jieba：中文搜索将无法使用")
        return
    jieba.setLogLevel(logging.WARNING)
    for word in words:
        jieba.add_word(word, freq=100_000)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Here, not in on_config: plugins (offline) may still change the URL style until then.
    state.catalogue = catalogue = state.site.catalogue(
        site_url=config.site_url or "", directory_urls=config.use_directory_urls
    )
    _teach_search_the_names(catalogue.search_words)
    for page in catalogue.pages.values():
        file = File.generated(config, page.src_uri, content=_markdown(page))
        if file.url != page.url:
            raise PluginError(f"内部错误：页面 {page.src_uri} 的地址 {file.url} 与目录 {page.url} 不一致")
        files.append(file)
    for path, content in catalogue.files.items():
        files.append(File.generated(config, path, content=content))
    return files


def _markdown(page: CataloguePage) -> str:
    """The generated page's source: its template, title and the words search should find."""
    # Material prints the title unescaped (<title>, navigation): it must already be HTML text.
    lines = [
        "---",
        f"template: {page.template}",
        f"title: {json.dumps(html.escape(page.title), ensure_ascii=False)}",
    ]
    if not page.current:
        lines += ["search:", "  exclude: true"]
    lines += ["---", "", f"# {_md_text(page.title)}", ""]
    if page.search_text:
        lines.append(f'<p class="nb-search-terms" hidden>{html.escape(page.search_text)}</p>')
    return "\n".join(lines) + "\n"


def _md_text(text: str) -> str:
    """Data shown as text inside generated Markdown: no markup, no HTML."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|~<>&" else ch for ch in text)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs picks the template before on_page_context, so a story's is switched here.
    if page.file.src_uri.startswith(STORY_POSTS) and page.meta.get("template") == "blog-post.html":
        page.meta["template"] = "story.html"  # Material's post, plus the branches the story names
    return markdown


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    catalogue = state.pages
    entry = catalogue.pages.get(page.file.src_uri)
    share = entry.share if entry else catalogue.other_share
    assert share is not None
    context["nb_share"] = {**share.__dict__, "image": (config.site_url or "").rstrip("/") + "/" + share.image}
    if not page.meta.get("description"):
        page.meta["description"] = share.description  # Material's <meta name="description">
    if entry is not None:
        context.update(view=entry.view, view_year=entry.year, nb_page=entry, nb_updated=entry.updated)
    elif page.meta.get("template") == "story.html":
        context["story_branches"] = catalogue.story_branches.get(
            page.file.src_uri.removeprefix(STORY_POSTS), ()
        )
    return context


def _own_template(name: str | None) -> bool:
    """Escape every value in this project's templates (names and texts come from data files).

    MkDocs creates its Jinja environment without autoescaping, and Material's templates
    output ready HTML (``page.content``); so it is on for the templates in ``theme_overrides/``,
    except its language file, which passes on Material's own (HTML) translations.
    """
    return name is not None and not name.startswith("partials/languages/") and (THEME_DIR / name).is_file()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.autoescape = _own_template
    if env.cache is not None:
        env.cache.clear()  # templates compiled before this point were compiled without it
    catalogue = state.pages
    site = state.site.boards.registry.site
    # By now the blog plugin has moved each post to its final URL (it does so after on_files).
    story_urls = {
        story.path: post.url
        for story in state.site.boards.registry.stories
        if (post := files.get_file_from_path(STORY_POSTS + story.path)) is not None
    }

    def url(kind: str, year: int | None = None, key: str = "") -> str:
        try:
            return catalogue.url_for(kind, site.year if year is None else year, key)
        except LookupError as error:
            raise PluginError(str(error)) from None

    def page_url(src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        if file is None:
            raise PluginError(f"内部错误：找不到页面 {src_uri}")
        return file.url

    env.filters["nb_date"] = chinese_date
    env.globals["nb"] = {
        "organisation": site.organisation,
        "office": site.office,
        "year": site.year,
        "as_of": state.site.as_of,
        "notice": site.notice,
        "site_url": config.site_url,
        "url": url,
        "story_url": story_urls.get,
        "page_url": page_url,
        "home": catalogue.home,
        "photo": catalogue.photos.__getitem__,
        "in_git": state.site.in_git,
    }
    state.env = env
    return env


@event_priority(-100)  # last: after the search index and every other plugin's output
def on_post_build(config: MkDocsConfig) -> None:
    """Posters, screens and redirects: standalone pages from their templates, outside the page pipeline."""
    assert state.env is not None
    site_dir = Path(config.site_dir)
    sheets_template = state.env.get_template("partials/nb/poster-sheets.html")
    # Each poster's sheets are rendered once and reused by every page that prints it (its own and its set).
    sheets: dict[str, Markup] = {}
    for page in state.pages.standalone:
        for poster in getattr(page.view, "posters", ()):
            if poster.key not in sheets:
                sheets[poster.key] = Markup(sheets_template.render(poster=poster))
        template = state.env.get_template(page.template)
        text = template.render(
            config=config, page=None, base_url=page.base_url, title=page.title, view=page.view, sheets=sheets
        )
        write(site_dir / page.path, text)
    if state.partial is not None and not (config.strict and _warnings_logged()):
        swap_in(state.partial, state.partial.with_name(state.partial.name.removesuffix(".partial")))
        state.partial = None


def _warnings_logged() -> bool:
    """Whether ``--strict`` will abort this build after this event (MkDocs counts its warnings)."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )


def on_build_error(error: Exception) -> None:
    """A failed build leaves the published site as it was: only the partial one is removed."""
    if state.partial is not None:
        discard(state.partial)
        state.partial = None


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    server.watch(os.fspath(Path(config.config_file_path).parent / "data"))
    server.watch(os.fspath(Path(noticeboard.__file__).parent))  # the package (src/noticeboard when editable)
    return server
