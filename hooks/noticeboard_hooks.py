"""MkDocs glue: load the registries once, generate the board pages, hand prepared views to templates.

Everything MkDocs- and Material-specific lives here and in ``theme_overrides/``;
ratings, grouping and privacy decisions live in the ``noticeboard`` package.

Events, in the order MkDocs calls them:
- ``on_config``: load and validate ``data/`` (a problem stops the build with
  ``FILE:LINE:`` messages), rate every year, teach jieba the names.
- ``on_files``: add one generated page per board, branch and year, and the open
  data; prepare the printable posters (they need the pages' URLs).
- ``on_env``: the site-wide facts (``nb``) and filters for every template.
- ``on_page_markdown``: case stories get ``story.html`` (a post plus its branches).
- ``on_page_context``: a generated page's template gets its view (``view``).
- ``on_post_build``: write the posters and the year-stable redirects.
- ``on_serve``: watch ``data/`` and the domain package as well.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import html
import importlib
import json
import logging
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.noticeboard")

OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"
PHOTO_PLACEHOLDER = "assets/portrait.svg"
STORY_POSTS = "stories/posts/"


@dataclass(frozen=True)
class PageSpec:
    """A page this hook generates: where, with which template, showing which view."""

    src_uri: str
    template: str
    title: str
    view: Any
    year: int
    searchable: bool = True
    search_text: str = ""


@dataclass
class State:
    """What one build knows; rebuilt on every ``on_config`` (so ``mkdocs serve`` sees edits)."""

    command: str = "build"
    set_epoch: bool = False
    """Whether SOURCE_DATE_EPOCH is ours (from ``as_of``) rather than the caller's."""
    boards: Any = None
    stats: Any = None
    updated: dict[str, dt.date] = field(default_factory=dict)
    """Data file or folder → date of its last commit (empty outside git)."""
    revisions: list[Any] = field(default_factory=list)
    in_git: bool = False
    share: dict[str, dict[str, str]] = field(default_factory=dict)
    """Page source path → its share card (title, description, image path); "" for other pages."""
    final_site: Path | None = None
    """Where the finished build goes (``site/``) while it is written to ``site.partial``."""
    photos: dict[str | None, str] = field(default_factory=dict)
    """Photo file name → site-relative URL of its web version; None → the placeholder."""
    specs: dict[str, PageSpec] = field(default_factory=dict)
    urls: dict[tuple[str, int, str], str] = field(default_factory=dict)
    story_urls: dict[str, str] = field(default_factory=dict)
    posters: list[Any] = field(default_factory=list)
    env: Any = None
    files: Files | None = None
    site: dict[str, Any] = field(default_factory=dict)


state = State()


def _domain() -> Any:
    """The ``noticeboard`` package, imported afresh while serving so edits to it take effect."""
    if state.command == "serve":
        for name in [n for n in sys.modules if n == "noticeboard" or n.startswith("noticeboard.")]:
            del sys.modules[name]
    importlib.import_module("noticeboard.registries")
    importlib.import_module("noticeboard.boards.township")
    importlib.import_module("noticeboard.outputs.open_data")
    importlib.import_module("noticeboard.outputs.print_pages")
    importlib.import_module("noticeboard.registries.photos")
    importlib.import_module("noticeboard.boards.statistics")
    importlib.import_module("noticeboard.office.git_history")
    importlib.import_module("noticeboard.office.change_log")
    importlib.import_module("noticeboard.outputs.page_dates")
    importlib.import_module("noticeboard.outputs.share_cards")
    importlib.import_module("noticeboard.outputs.screens")
    return importlib.import_module("noticeboard")


def _domain_module(name: str) -> Any:
    """A module of the domain package as imported by the latest ``on_config``."""
    return sys.modules[name]


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


@event_priority(100)  # before the feed plugin reads the build date (SOURCE_DATE_EPOCH)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    gc.unfreeze()  # a rebuild while serving: let the previous registry be collected
    _domain()
    root = Path(config.config_file_path).parent
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml 缺少 site_url（网站地址，例如 https://dangjian.example.gov.cn/）：\n"
            "打印的公示栏上的二维码要指向网站上的页面，请先填写 site_url。"
        )
    try:
        registry = _domain_module("noticeboard.registries").load_registry(
            root / "data",
            stories_dir=Path(config.docs_dir) / "stories" / "posts",
            root=root,
            cache_dir=_cache_dir(config),
        )
    except _domain_module("noticeboard.registries").RegistryError as error:
        raise PluginError("数据有误，网站没有生成。请改正下面的问题：\n" + error.report()) from None
    site = registry.site
    as_of = site.as_of or dt.date.today()
    if site.as_of is not None and ("SOURCE_DATE_EPOCH" not in os.environ or state.set_epoch):
        # Sitemap and feed dates come from the data's own date, so the same data builds the same bytes.
        midnight = dt.datetime.combine(site.as_of, dt.time(), tzinfo=dt.timezone(dt.timedelta(hours=8)))
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
        state.set_epoch = True
    state.boards = _domain_module("noticeboard.boards.township").build_boards(registry, as_of)
    state.stats = _domain_module("noticeboard.boards.statistics").build_stats(state.boards)
    # Git history, when there is one: each board's last change, and the public change log.
    gitsource = _domain_module("noticeboard.office.git_history")
    history = gitsource.data_history(root / "data")
    state.updated = gitsource.last_changed(history)
    state.revisions = _domain_module("noticeboard.office.change_log").revisions(
        root / "data", history, _cache_dir(config) / "changelog"
    )
    state.in_git = bool(history)
    state.site = _site_facts(state.boards, as_of, config)
    _teach_search_the_names(state.boards)
    # The registry lives for the whole build; keep the collector from rescanning it for every page.
    gc.freeze()
    if config.plugins.get("material/offline") and config.plugins["material/offline"].config.enabled:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
    _build_aside(config)
    return config


def _build_aside(config: MkDocsConfig) -> None:
    """Build into ``<site>.partial``; ``on_post_build`` swaps it in only when everything succeeded.

    A build that fails half way (bad data, a template error, a warning under ``--strict``)
    leaves the published ``site/`` exactly as it was, and never a half-written one.
    """
    state.final_site = None
    if state.command != "build":
        return  # ``mkdocs serve`` builds into its own temporary folder
    final = Path(config.site_dir)
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    state.final_site = final
    config.site_dir = os.fspath(partial)


def _cache_dir(config: MkDocsConfig) -> Path:
    """Where parsed files and QR codes are kept between builds (``.cache/noticeboard``)."""
    return Path(config.config_file_path).parent / ".cache" / "noticeboard"


def _site_facts(boards: Any, as_of: dt.date, config: MkDocsConfig) -> dict[str, Any]:
    site = boards.registry.site
    return {
        "organisation": site.organisation,
        "office": site.office,
        "year": site.year,
        "as_of": as_of,
        "notice": site.notice,
        "years": sorted(boards.years),  # published years only
        "site_url": config.site_url,
    }


def _teach_search_the_names(boards: Any) -> None:
    """Segment names as whole words in the search index, so a query for a full name finds it."""
    try:
        import jieba
    except ImportError:  # search still works, Chinese queries do not
        log.warning("未安装 jieba：中文搜索将无法使用")
        return
    jieba.setLogLevel(logging.WARNING)
    view = boards.current
    for page in view.pages.values():
        jieba.add_word(page.branch.name, freq=100_000)
        if page.branch.secretary:
            jieba.add_word(page.branch.secretary, freq=100_000)
        for row in page.members.rows:
            jieba.add_word(row.name, freq=100_000)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state.specs = {spec.src_uri: spec for spec in _page_specs(state.boards)}
    state.urls = {}
    state.files = files
    for spec in state.specs.values():
        file = File.generated(config, spec.src_uri, content=_markdown(spec))
        files.append(file)
        state.urls[_url_key(spec)] = file.url
    _add_share_cards(files, config)
    state.photos = {None: PHOTO_PLACEHOLDER}
    web = _domain_module("noticeboard.registries.photos").Photos(_cache_dir(config) / "photos")
    for name, path in sorted(state.boards.registry.photos.items()):
        photo = web.web(path)
        uri = f"assets/photos/{photo.name}"
        files.append(File.generated(config, uri, content=photo.data))
        state.photos[name] = uri
    # Posters need the live pages' URLs (their QR codes), so they come second. They are
    # standalone sheets of paper, rendered in on_post_build without the page pipeline.
    qr = _domain_module("noticeboard.outputs.posters").QrCodes(_cache_dir(config) / "qr")
    state.posters = _poster_pages(config.site_url or "", qr.svg)
    for poster in state.posters:
        state.urls[("print", state.boards.current.year, poster.key)] = _static_url(poster.key, config)
    opendata = _domain_module("noticeboard.outputs.open_data")
    for name, text in opendata.files(state.boards, state.stats).items():
        files.append(File.generated(config, name, content=text))
    return files


def _add_share_cards(files: Files, config: MkDocsConfig) -> None:
    """One share card (og:image) per generated page, and one for every other page."""
    cards = _domain_module("noticeboard.outputs.share_cards")
    store = cards.Cards(_cache_dir(config) / "cards")
    site = state.boards.registry.site
    notice = f"公示期 {_chinese_date(site.notice.start)}至{_chinese_date(site.notice.end)}"
    if site.notice.phone:
        notice += f"  监督电话 {site.notice.phone}"
    made: dict[bytes, str] = {}

    def add(card: Any) -> dict[str, str]:
        image = store.image(card)
        if image not in made:
            made[image] = f"assets/share/{hashlib.sha256(image).hexdigest()[:16]}.jpg"
            files.append(File.generated(config, made[image], content=image))
        return {"title": card.title, "description": card.description, "image": made[image]}

    state.share = {}
    for spec in state.specs.values():
        kind = _url_key(spec)[0]
        state.share[spec.src_uri] = add(cards.card_for(kind, spec.view, spec.year, site.organisation, notice))
    state.share[""] = add(cards.card_for("home", None, site.year, site.organisation, notice))


@dataclass(frozen=True)
class PosterPage:
    """A printable page under ``print/``: its key (``members/qingshan-1``), title and posters."""

    key: str
    title: str
    view: Any


def _poster_pages(site_url: str, qr: Any) -> list[PosterPage]:
    """The domain's printable pages, with their QR codes leading to this site's pages."""
    posters = _domain_module("noticeboard.outputs.posters")
    year = state.boards.current.year
    base = site_url.rstrip("/") + "/"

    def live(kind: str, key: str) -> str:
        return base + _url_for(kind, year, key)

    return [
        PosterPage(
            page.key,
            page.title,
            posters.PosterSet(page.posters, page.label, _url_for(page.back[0], year, page.back[1])),
        )
        for page in _domain_module("noticeboard.outputs.print_pages").catalogue(
            state.boards, live, qr, state.photos.__getitem__
        )
    ]


def _static_url(key: str, config: MkDocsConfig) -> str:
    """The site-relative URL of a poster page: ``print/<key>/`` (``.html`` offline)."""
    return _written_url(f"print/{key}", config)


def _written_url(path: str, config: MkDocsConfig) -> str:
    """The URL of a page this hook writes itself, as MkDocs would give it: ``path/`` or ``path.html``."""
    return f"{path}/" if config.use_directory_urls else f"{path}.html"


def _output_file(url: str) -> str:
    """The file in ``site/`` that serves a site-relative URL."""
    return url + "index.html" if url.endswith("/") else url


def _to_root(file: str) -> str:
    """The relative path from a file in ``site/`` back to the site's root (``../../``)."""
    return "../" * file.count("/")


YEARLY_PAGES = (
    ("boards/branches.md", "board-branches.html", "星级党支部公示栏", "branches"),
    ("commitments.md", "commitments.html", "公开承诺", "commitments"),
    ("reviews.md", "reviews.html", "领导点评", "reviews"),
    ("venues.md", "venues.html", "活动场所星级", "venues"),
    ("classification.md", "classification.html", "分类定级", "classification"),
    ("duty-reports.md", "duty-reports.html", "述职评议", "duty_reports"),
)
"""Township pages shown for every year: source path, template, title, and the year view's attribute."""


def _page_specs(boards: Any) -> list[PageSpec]:
    current = boards.current.year
    specs = []
    for year, view in sorted(boards.years.items()):
        prefix = "" if year == current else f"{year}/"
        suffix = "" if year == current else f"（{year} 年度）"
        for src_uri, template, title, attribute in YEARLY_PAGES:
            specs.append(
                PageSpec(
                    prefix + src_uri,
                    template,
                    title + suffix,
                    getattr(view, attribute),
                    year,
                    searchable=year == current,
                )
            )
        for branch_id, page in view.pages.items():
            names = " ".join(row.name for row in page.members.rows)
            specs.append(
                PageSpec(
                    f"{prefix}branches/{branch_id}.md",
                    "branch.html",
                    page.branch.name + suffix,
                    page,
                    year,
                    searchable=year == current,
                    search_text=f"{page.branch.secretary or ''} {names}".strip(),
                )
            )
    specs.append(PageSpec("pioneers.md", "pioneers.html", "党员先锋岗", boards.pioneers, current))
    specs.append(PageSpec("stats.md", "stats.html", "统计数据", state.stats, current))
    specs.append(PageSpec("years.md", "years.html", "往年公示", boards, current))
    specs.append(PageSpec("changes.md", "changes.html", "变更记录", state.revisions, current))
    return specs


def _url_key(spec: PageSpec) -> tuple[str, int, str]:
    stem = spec.src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    if spec.template == "branch.html":
        return ("branch", spec.year, stem)
    return (spec.template.removesuffix(".html"), spec.year, "")


def _markdown(spec: PageSpec) -> str:
    """The generated page's source: its template, title and the words search should find."""
    # Material prints the title unescaped (<title>, navigation): it must already be HTML text.
    lines = ["---", f"template: {spec.template}", f"title: {_yaml_text(html.escape(spec.title))}"]
    if not spec.searchable:
        lines += ["search:", "  exclude: true"]
    lines += ["---", "", f"# {_md_text(spec.title)}", ""]
    if spec.search_text:
        lines.append(f'<p class="nb-search-terms" hidden>{html.escape(spec.search_text)}</p>')
    return "\n".join(lines) + "\n"


def _yaml_text(text: str) -> str:
    """A YAML scalar holding exactly ``text`` (a JSON string is one, control characters included)."""
    return json.dumps(text, ensure_ascii=False)


def _md_text(text: str) -> str:
    """Data shown as text inside generated Markdown: no markup, no HTML."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|~<>&" else ch for ch in text)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs picks the template before on_page_context, so a story's is switched here.
    if page.file.src_uri.startswith(STORY_POSTS) and page.meta.get("template") == "blog-post.html":
        page.meta["template"] = "story.html"  # Material's post, plus the branches the story names
    return markdown


def _page_url(src_uri: str) -> str:
    """The site-relative URL of any page by its source path (``years.md`` → ``years/``)."""
    file = state.files.get_file_from_path(src_uri) if state.files else None
    if file is None:
        raise PluginError(f"内部错误：找不到页面 {src_uri}")
    return file.url


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    share = state.share.get(page.file.src_uri) or state.share[""]
    context["nb_share"] = {**share, "image": (config.site_url or "").rstrip("/") + "/" + share["image"]}
    if not page.meta.get("description"):
        page.meta["description"] = share["description"]  # Material's <meta name="description">
    spec = state.specs.get(page.file.src_uri)
    if spec is not None:
        context["view"] = spec.view
        context["view_year"] = spec.year
        kind, year, key = _url_key(spec)
        # Not "updated": Material's source-file partial would show that date a second time.
        context["nb_updated"] = _domain_module("noticeboard.outputs.page_dates").updated_on(
            state.updated, kind, year, key
        )
    elif page.meta.get("template") == "story.html":
        context["story_branches"] = _story_branches(page.file.src_uri.removeprefix(STORY_POSTS))
    return context


def _story_branches(path: str) -> list[Any]:
    current = state.boards.current
    story = next((s for s in state.boards.registry.stories if s.path == path), None)
    return [current.pages[b].branch for b in story.meta.branches if b in current.pages] if story else []


def _url_for(kind: str, year: int | None = None, key: str = "") -> str:
    """The site-relative URL of a generated page, e.g. ``_url_for("branch", 2025, "qingshan-1")``."""
    url = state.urls.get((kind, year if year is not None else state.site["year"], key))
    if url is None:
        raise PluginError(f"内部错误：没有生成页面 {kind} {year} {key}")
    return url


OWN_TEMPLATES = frozenset(
    {
        "main.html",
        "home.html",
        "board-branches.html",
        "branch.html",
        "commitments.html",
        "years.html",
        "story.html",
        "poster.html",
        "reviews.html",
        "pioneers.html",
        "venues.html",
        "classification.html",
        "duty-reports.html",
        "stats.html",
        "changes.html",
        "screen.html",
    }
)


def _autoescape(name: str | None) -> bool:
    """Escape every value in this project's templates: names and texts come from data files.

    MkDocs creates its Jinja environment without autoescaping (Material's templates
    output ready HTML such as ``page.content``), so it is turned on per template.
    """
    return name is not None and (name in OWN_TEMPLATES or name.startswith("partials/nb/"))


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    env.autoescape = _autoescape
    env.cache.clear()  # templates compiled before this point were compiled without it
    # By now the blog plugin has moved each post to its final URL (it does so after on_files).
    state.story_urls = {}
    for story in state.boards.registry.stories:
        post = files.get_file_from_path(STORY_POSTS + story.path)
        if post is not None:
            state.story_urls[story.path] = post.url
    env.filters["nb_date"] = _chinese_date
    state.env = env
    env.globals["nb"] = {
        **state.site,
        "url": _url_for,
        "story_url": state.story_urls.get,
        "page_url": _page_url,
        "current": state.boards.current,
        "boards": state.boards,
        "photo": state.photos.__getitem__,
        "screen_url": _written_url("screen", config),
        "in_git": state.in_git,
    }
    return env


def _chinese_date(value: dt.date | None) -> str:
    """``2026年1月5日``, the way dates are written on a notice board."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


@event_priority(-100)  # last: after the search index and every other plugin's output
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    _write_posters(site_dir, config)
    _write_screens(site_dir, config)
    _write_year_redirects(site_dir, config)
    if state.final_site is not None and not (config.strict and _warnings_logged()):
        _swap_in(site_dir, state.final_site)


def _write_screens(site_dir: Path, config: MkDocsConfig) -> None:
    """电子屏 pages: the township's at ``screen/``, each branch's at ``screen/<id>/``."""
    screen = _domain_module("noticeboard.outputs.screens")
    template = state.env.get_template("screen.html")
    registry = state.boards.registry
    stories = [
        (story.title, _chinese_date(story.meta.date))
        for story in sorted(registry.stories, key=lambda s: (s.meta.date, s.path), reverse=True)
    ]
    pages = [("screen", "电子屏", None)] + [
        (f"screen/{branch_id}", f"电子屏：{page.branch.name}", branch_id)
        for branch_id, page in state.boards.current.pages.items()
    ]
    for path, title, branch in pages:
        target = _output_file(_written_url(path, config))
        html = template.render(
            config=config,
            page=None,
            base_url=_to_root(target).rstrip("/") or ".",
            title=title,
            slides=screen.slides(state.boards, state.stats, stories, branch),
            interval=registry.site.screen.interval,
        )
        _write(site_dir / target, html)


def _warnings_logged() -> bool:
    """Whether ``--strict`` will abort this build after this event (MkDocs counts its warnings)."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )


def _swap_in(partial: Path, final: Path) -> None:
    """Replace ``final`` by the finished build in two renames (readers never see half a site)."""
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    state.final_site = None


def on_build_error(error: Exception) -> None:
    """A failed build leaves the published site as it was: only the partial one is removed."""
    if state.final_site is not None:
        shutil.rmtree(state.final_site.with_name(state.final_site.name + ".partial"), ignore_errors=True)
        state.final_site = None


def _write_posters(site_dir: Path, config: MkDocsConfig) -> None:
    """Render the printable boards: plain templates, no Markdown, search or navigation to build.

    Each poster's sheets are rendered once and reused by every page that prints it (its
    own page and its kind's set), which halves the work for a county's thousands of boards.
    """
    page_template = state.env.get_template("poster.html")
    sheets_template = state.env.get_template("partials/nb/poster-sheets.html")
    sheets: dict[str, Markup] = {}
    for page in state.posters:
        for poster in page.view.posters:
            if poster.key not in sheets:
                sheets[poster.key] = Markup(sheets_template.render(poster=poster))
    for page in state.posters:
        target = _output_file(_static_url(page.key, config))
        html = page_template.render(
            config=config,
            page=None,
            base_url=_to_root(target).rstrip("/") or ".",
            title=page.title,
            view=page.view,
            sheets=sheets,
        )
        _write(site_dir / target, html)


def _write_year_redirects(site_dir: Path, config: MkDocsConfig) -> None:
    """``/<year>/…`` of the current year points at the current pages, so year URLs never break."""
    year = state.boards.current.year
    yearly = {template for _, template, _, _ in YEARLY_PAGES} | {"branch.html"}
    for spec in state.specs.values():
        if spec.year != year or spec.template not in yearly:
            continue
        url = state.urls[_url_key(spec)]
        target = _output_file(_written_url(f"{year}/{spec.src_uri.removesuffix('.md')}", config))
        href = _to_root(target) + url
        _write(
            site_dir / target,
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<title>跳转</title><link rel="canonical" href="{href}">'
            f'<meta http-equiv="refresh" content="0; url={href}"></head>'
            f'<body><a href="{href}">{year} 年度公示</a></body></html>\n',
        )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    server.watch(os.fspath(Path(config.config_file_path).parent / "data"))
    # The domain package, wherever it is installed from (an editable install: src/noticeboard).
    server.watch(os.fspath(Path(_domain_module("noticeboard").__file__).parent))
    return server
