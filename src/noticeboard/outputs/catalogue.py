"""The site as an engine-neutral catalogue: every page, standalone page and file a build publishes.

Why engine-neutral: MkDocs 1.x gets no releases and Material ends maintenance in May
2027. The catalogue says what to publish — each page's URL, kind, template and view;
the posters, screens and redirects written outside the page pipeline; the open data,
photos and share images — and ``hooks/`` only adapts it to MkDocs' events. Another
engine, or a pre-build step writing pages for an engine without hooks, would read the
same catalogue. Every board kind's pages come from its declaration; nothing here
names a kind.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from noticeboard.boards.kind import BoardKind, BoardPage, HomeCard, PrintLink, ShareText
from noticeboard.boards.kinds import KINDS
from noticeboard.boards.paper import PrintContext
from noticeboard.boards.parts import BranchRow, chinese_date
from noticeboard.boards.slides import Slide
from noticeboard.boards.statistics import Stats
from noticeboard.boards.township import Boards, BranchPage, YearView
from noticeboard.outputs import open_data, page_dates, print_pages, screens
from noticeboard.outputs.print_pages import PosterSet
from noticeboard.outputs.share_cards import Card, card_digest, card_path, draw
from noticeboard.outputs.story_feed import Feed, FeedStory
from noticeboard.outputs.web_photos import Photos
from noticeboard.registries.frozen import frozen, replace
from noticeboard.registries.memory import paused_gc
from noticeboard.registries.models.site import place_of
from noticeboard.registries.reading import Story
from noticeboard.rules.results import Summary

PHOTO_PLACEHOLDER = "assets/portrait.svg"
MORE_BOARDS = "更多公示"
"""The heading under which boards are listed beyond the star boards (navigation, home page)."""
GENERAL_OBJECTION = "对公示内容有异议的"
"""The notice's 公示期内…，请向…反映 where no one board is meant (the home page); a board's page says its kind's."""
UrlKey = tuple[str, int, str]
"""(page kind, year, key): ``("branch", 2025, "qingshan-1")``, ``("print", 2025, "members")``."""


@frozen
class Share:
    """What a link to a page shows when shared: title, summary and the card image (site-relative)."""

    title: str
    description: str
    image: str


@frozen
class Page:
    """A page the engine generates: its source path and URL, what kind of page it is, what it shows."""

    src_uri: str
    url: str
    kind: str
    year: int
    key: str
    template: str
    title: str
    view: object
    current: bool
    """Whether it is of the year being published (earlier years are kept, unsearched, without print buttons)."""
    share: Share
    updated: dt.date | None
    """When its data last changed (git), or None outside git."""
    search_text: str = ""
    """Words search should find on it beyond its text (names on a branch page)."""
    partials: tuple[str, ...] = ()
    prints: tuple[PrintLink, ...] = ()
    year_link: str = ""
    """Its link's words on 往年公示 ("" for a page not listed there)."""
    board_kind: str = ""
    """The key of the board kind whose page it is ("" for the branch and site pages)."""
    objection: str = GENERAL_OBJECTION
    """Its notice's 公示期内{objection}，请向…反映: its board kind's (``BoardKind.objection``)."""

    def markdown(self) -> str:
        """Its source for an engine that renders Markdown with front matter (MkDocs, properdocs): its
        template, title, whether search leaves it out, and the words search should find."""
        # Material prints the title unescaped (<title>, navigation): it must already be HTML text.
        lines = [
            "---",
            f"template: {self.template}",
            f"title: {json.dumps(html.escape(self.title), ensure_ascii=False)}",
        ]
        if not self.current:
            lines += ["search:", "  exclude: true"]
        # Its headings are in its template, not in this Markdown: Material's table of contents would be an
        # empty column beside it at 1220 px and wider, and its tables would wrap names in what is left.
        lines += ["hide:", "  - toc"]
        lines += ["---", "", f"# {_markdown_text(self.title)}", ""]
        if self.search_text:
            lines.append(f'<p class="nb-search-terms" hidden>{html.escape(self.search_text)}</p>')
        return "\n".join(lines) + "\n"


MARKDOWN_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")
"""Characters Python-Markdown lets a backslash escape; ``<``, ``&`` and ``|`` need entities instead."""
MARKDOWN_ENTITIES = {"<": "&lt;", "&": "&amp;", "|": "&#124;", "~": "&#126;"}


def _markdown_text(text: str) -> str:
    """Data shown as text inside generated Markdown: no markup, no HTML, and no stray backslash shown."""
    return "".join("\\" + ch if ch in MARKDOWN_ESCAPABLE else MARKDOWN_ENTITIES.get(ch, ch) for ch in text)


@frozen
class Frame:
    """What every page's frame prints (``nb`` in templates): who publishes it, the year and, for a
    township, the notice period (a county's roll-up has none)."""

    organisation: str
    office: str
    year: int
    notice: object | None
    as_of: dt.date
    in_git: bool

    @property
    def not_found(self) -> NotFound:
        """What the page for an address the site has not got says (the engine's ``404.html``)."""
        return NotFound(
            "找不到这一页",
            "网址可能输错了，或者这一页已经移到别处。请回到首页，从那里找到要看的公示栏。",
            f"返回{self.organisation}公示栏首页",
        )


@frozen
class NotFound:
    """The page for an address the site has not got: in Chinese, with the way back home (Material's own
    says ``404 - Not found`` and nothing else)."""

    heading: str
    sentence: str
    home: str
    """The words of the link to the home page."""


@frozen
class Standalone:
    """A page written outside the engine's page pipeline: a poster, a screen or a redirect."""

    path: str
    """Its file under the site's folder (``print/venues/index.html``)."""
    template: str
    title: str
    view: object
    base_url: str
    """The relative way back to the site's root from it (``../..``), for its ``<base>``."""


@frozen
class ScreenView:
    """What a screen page shows: its slides and how long each stays."""

    slides: tuple[Slide, ...]
    interval: int


@frozen
class Redirect:
    """A year URL of the current year (``/2025/commitments/``) pointing at the current page."""

    href: str
    year: int


@frozen
class LinkCard:
    """A card on the home page that links somewhere: a board, the statistics, the screen."""

    title: str
    line: str
    url: str


@frozen
class HomeView:
    """The home page's boards: the year's counts, a card per other board, the newest stories."""

    year: int
    summary: Summary
    cards: tuple[LinkCard, ...]
    stories: tuple[Story, ...]
    """The five newest case stories."""

    more: str = MORE_BOARDS
    """The heading of the other boards' cards."""
    objection: str = GENERAL_OBJECTION
    """Its notice's 公示期内{objection}，请向…反映 (the home page speaks for every board)."""


@frozen
class YearLinks:
    """One published year on 往年公示: its boards and its open data."""

    year: int
    current: bool
    links: tuple[tuple[str, str], ...]
    """(URL, label) of each of its boards."""
    data_url: str


@frozen
class Image:
    """An image the site publishes, made only when it is written (a cold county build makes thousands, in
    its second process; a rebuild links the unchanged ones from the last build, never making them)."""

    key: bytes
    """The hash of everything it is made from; its file is named by it, so pages link it beforehand."""
    make: Callable[[], bytes]


@dataclass
class Catalogue:
    """Everything one build publishes, with the URLs the engine will give it."""

    directory_urls: bool
    pages: dict[str, Page] = field(default_factory=dict)
    """Source path → page."""
    urls: dict[UrlKey, str] = field(default_factory=dict)
    open_data: Callable[[], dict[str, bytes | Path]] | None = None
    """Writes the open data, when :attr:`files` are first asked for."""
    _files: dict[str, bytes | str | Path] = field(default_factory=dict)
    images: dict[str, Image] = field(default_factory=dict)
    """Share cards' images and web photos, by site path: made when they are written."""
    standalone: list[Standalone] = field(default_factory=list)
    photos: dict[str | None, str] = field(default_factory=dict)
    """Photo file name → site-relative URL of its web version; None → the placeholder."""
    other_share: Share = Share("", "", "")
    """The share card of pages not in the catalogue (the home page, the case stories)."""
    home: HomeView | None = None
    story_branches: dict[str, tuple[BranchRow, ...]] = field(default_factory=dict)
    """Story path → the branches it names (with their current ratings)."""
    search_words: tuple[str, ...] = ()
    """Names search should keep whole (branches, secretaries, named members)."""
    feed: Feed | None = None
    """The case stories' feed (a township's site; a county's has no stories)."""

    @property
    def files(self) -> dict[str, bytes | str | Path]:
        """Generated files that are not pages (open data), by site path: their text, or the file it was written
        to already (in the folder the site is built into).

        The open data is written the first time they are asked for. Why then, not when the catalogue is made:
        a large site's pages are hashed by a second process meanwhile
        (:func:`~noticeboard.outputs.rendered.page_digests`)."""
        if self.open_data is not None:
            writing, self.open_data = self.open_data, None
            self._files.update(writing())
        return self._files

    def url(self, path: str) -> str:
        """The site-relative URL of a page at ``path`` (no ``.md``): ``path/`` or ``path.html``."""
        return f"{path}/" if self.directory_urls else f"{path}.html"

    def unlisted_boards(self, listed: set[str]) -> list[str]:
        """The current year's board pages whose source is not in ``listed`` (the site's navigation)."""
        return [
            p.src_uri for p in self.pages.values() if p.board_kind and p.current and p.src_uri not in listed
        ]

    def url_for(self, kind: str, year: int, key: str = "") -> str:
        found = self.urls.get((kind, year, key))
        if found is None:
            raise LookupError(f"内部错误：没有生成页面 {kind} {year} {key}")
        return found


def _open_data(
    boards: Boards, stats: Stats, folder: Path | None, cache_dir: Path | None
) -> dict[str, bytes | Path]:
    """The open-data files, written into ``folder`` (the site being built) as they are made: a county's JSON
    is 30 MB as UTF-8, and held it stayed in every process of the build to its end, beside the pages being
    rendered. A kind's texts are reused from ``cache_dir`` while its board is unchanged. The cyclic collector
    is off meanwhile, as it is while the catalogue is made."""
    kept = open_data.KeptTexts(cache_dir / "rendered" if cache_dir else None)
    try:
        with paused_gc():
            return files_written(open_data.texts(boards, stats, kept), folder)
    finally:
        kept.close()


def files_written(
    texts: Iterable[tuple[tuple[str, ...], str | bytes]], folder: Path | None
) -> dict[str, bytes | Path]:
    """Each text of ``texts`` written at each of its paths in ``folder`` (the path there), or in UTF-8 where
    there is none (encoded once however many paths it has), as it comes: none is held once written."""
    found: dict[str, bytes | Path] = {}
    for names, text in texts:
        encoded = text if isinstance(text, bytes) else text.encode("utf-8")
        for name in names:
            if folder is None:
                found[name] = encoded
            else:
                target = found[name] = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(encoded)
    return found


def output_file(url: str) -> str:
    """The file in the site's folder that serves a site-relative URL."""
    return url + "index.html" if url.endswith("/") else url


def to_root(file: str) -> str:
    """The relative path from a file in the site's folder back to the site's root (``../../``)."""
    return "../" * file.count("/")


def notice_line(boards: Boards) -> str:
    """``公示期 2026年1月5日至2026年1月11日  监督电话 …``, as share cards say it."""
    notice = boards.registry.site.notice
    line = f"公示期 {chinese_date(notice.start)}至{chinese_date(notice.end)}"
    return line + (f"  监督电话 {notice.phone}" if notice.phone else "")


@paused_gc()
def build_catalogue(
    boards: Boards,
    stats: Stats,
    *,
    changes: object,
    updated: Mapping[str, dt.date],
    site_url: str,
    directory_urls: bool,
    cache_dir: Path | None,
    site_dir: Path | None = None,
) -> Catalogue:
    """Every page, standalone page and file of the site, in a fixed order (the same data, the same site).

    ``changes`` is the change log page's view (from git, made by the office's tools);
    ``updated`` the date of the last commit of each data file; ``site_dir`` the folder the site is built
    into, where the open data is written at once when :attr:`Catalogue.files` are first asked for (None: it
    is held). The cyclic collector is off meanwhile: a county's catalogue is millions of objects that all
    stay alive and form no cycles, and its full collections took a quarter of the time.
    """
    catalogue = Catalogue(
        directory_urls, open_data=functools.partial(_open_data, boards, stats, site_dir, cache_dir)
    )
    _add_pages(catalogue, boards, stats, changes, updated, site_url, cache_dir)
    catalogue.home = _home(catalogue, boards)
    catalogue.story_branches = _story_branches(boards)
    catalogue.feed = _feed(boards)
    catalogue.search_words = _search_words(boards.current, boards.registry.site.organisation)
    return catalogue


def _add_pages(
    catalogue: Catalogue,
    boards: Boards,
    stats: Stats,
    changes: object,
    updated: Mapping[str, dt.date],
    site_url: str,
    cache_dir: Path | None,
) -> None:
    """Every page, share card, photo, poster, screen and redirect of the site, in a fixed order."""
    cards = _ShareCards(catalogue, boards)
    current = boards.current.year
    yearly = [kind for kind in KINDS if kind.yearly]
    for view in (view for _, view in sorted(boards.years.items())):
        _add_kind_pages(catalogue, cards, yearly, view, updated)
        for branch_id, branch_page in view.pages.items():
            _add(catalogue, _branch_page(branch_id, branch_page, updated), cards.for_branch(branch_page))
    _add_kind_pages(catalogue, cards, [kind for kind in KINDS if not kind.yearly], boards.current, updated)
    for page in _site_pages(boards, stats, changes, updated):
        _add(catalogue, page, cards.for_site(page.kind, page.view))
    years = catalogue.pages["years.md"]
    catalogue.pages["years.md"] = replace(years, view=year_links(catalogue, boards))
    catalogue.other_share = cards.other()
    _add_photos(catalogue, boards, cache_dir)
    _add_posters(catalogue, boards, site_url)
    _add_screens(catalogue, boards)
    _add_redirects(catalogue, current)


def _add_kind_pages(
    catalogue: Catalogue,
    cards: _ShareCards,
    kinds: list[BoardKind],
    view: YearView,
    updated: Mapping[str, dt.date],
) -> None:
    for kind in kinds:
        board = view.board(kind)
        if board is not None:
            for page in kind.pages(view, board):
                _add(catalogue, _kind_page(kind, page, view, updated), cards.for_kind(kind, page))


def _add(catalogue: Catalogue, page: Page, share: Share) -> None:
    placed = replace(page, url=catalogue.url(page.src_uri.removesuffix(".md")), share=share)
    catalogue.pages[placed.src_uri] = placed
    catalogue.urls[(placed.kind, placed.year, placed.key)] = placed.url


def _prefix(year: int, current: bool) -> tuple[str, str]:
    """Path prefix and title suffix of a year's pages: none for the current year."""
    return ("", "") if current else (f"{year}/", f"（{year} 年度）")


_NO_SHARE = Share("", "", "")


def _kind_page(kind: BoardKind, page: BoardPage, view: YearView, updated: Mapping[str, dt.date]) -> Page:
    prefix, suffix = _prefix(view.year, view.current)
    return Page(
        src_uri=prefix + page.path,
        url="",
        kind=page.kind,
        year=view.year,
        key="",
        template=page.template,
        title=page.title + suffix,
        view=page.view,
        current=view.current,
        share=_NO_SHARE,
        updated=page_dates.updated_on(updated, page.kind, view.year),
        partials=page.partials,
        prints=page.prints,
        year_link=page.year_link,
        board_kind=kind.key,
        objection=kind.objection,
    )


def _branch_page(branch_id: str, page: BranchPage, updated: Mapping[str, dt.date]) -> Page:
    prefix, suffix = _prefix(page.year, page.current)
    names = " ".join(_named_members(page))
    return Page(
        src_uri=f"{prefix}branches/{branch_id}.md",
        url="",
        kind="branch",
        year=page.year,
        key=branch_id,
        template="branch.html",
        title=page.branch.name + suffix,
        view=page,
        current=page.current,
        share=_NO_SHARE,
        updated=page_dates.updated_on(updated, "branch", page.year, branch_id),
        search_text=f"{page.branch.secretary or ''} {names}".strip(),
    )


def _named_members(page: BranchPage) -> list[str]:
    """The people a branch page names (only those may be searched for), as its parts declare them."""
    return [name for section in page.sections for name in section.names]


def _site_pages(boards: Boards, stats: Stats, changes: object, updated: Mapping[str, dt.date]) -> list[Page]:
    """The pages that are no board kind's: statistics, 往年公示, 变更记录 (current year only)."""
    year = boards.current.year
    pages = []
    for kind, path, template, title, view in (
        ("stats", "stats.md", "stats.html", "统计数据", stats),
        ("years", "years.md", "years.html", "往年公示", None),
        ("changes", "changes.md", "changes.html", "变更记录", changes),
    ):
        pages.append(
            Page(
                src_uri=path,
                url="",
                kind=kind,
                year=year,
                key="",
                template=template,
                title=title,
                view=view,
                current=True,
                share=_NO_SHARE,
                updated=page_dates.updated_on(updated, kind, year),
            )
        )
    return pages


class _ShareCards:
    """One share card (og:image) per page: its words, and the file its image will be drawn into."""

    def __init__(self, catalogue: Catalogue, boards: Boards) -> None:
        self.catalogue = catalogue
        self.boards = boards
        self.notice = notice_line(boards)

    def _share(self, title: str, lines: tuple[str, ...], year: int) -> Share:
        card = Card(title, (*lines, self.notice), self.boards.registry.site.organisation, year)
        path = card_path(card)
        self.catalogue.images[path] = Image(card_digest(card), functools.partial(draw, card))
        return Share(card.title, card.description, path)

    def for_kind(self, kind: BoardKind, page: BoardPage) -> Share:
        text = kind.share_text(page) or ShareText(page.title, ())
        year = getattr(page.view, "year", self.boards.current.year)
        return self._share(text.title, text.lines, year)

    def for_branch(self, page: BranchPage) -> Share:
        view = self.boards.years[page.year]
        lines = tuple(
            line
            for kind in KINDS
            if (board := view.board(kind)) is not None
            and (line := kind.branch_share_line(board, page.branch.id)) is not None
        )
        return self._share(page.branch.name, lines, page.year)

    def for_site(self, kind: str, view: object) -> Share:
        year = self.boards.current.year
        if isinstance(view, Stats):
            return self._share(
                f"统计数据（{year} 年度）", (f"党员 {view.members} 名：类别、学历、年龄、星级变化",), year
            )
        return self.other()

    def other(self) -> Share:
        year = self.boards.current.year
        return self._share("党务公开栏", ("、".join(k.screen_title for k in KINDS if k.screen_title),), year)


def _add_photos(catalogue: Catalogue, boards: Boards, cache_dir: Path | None) -> None:
    catalogue.photos = {None: PHOTO_PLACEHOLDER}
    web = Photos(cache_dir / "photos" if cache_dir else None)
    for name, path in sorted(boards.registry.photos.items()):
        key = web.digest(path)
        url = f"assets/photos/{key.hex()[:16]}.jpg"
        catalogue.images[url] = Image(key, functools.partial(web.web, path, key))
        catalogue.photos[name] = url


def _add_posters(catalogue: Catalogue, boards: Boards, site_url: str) -> None:
    """The printable pages: standalone sheets whose QR codes lead to the live pages."""
    year = boards.current.year
    base = site_url.rstrip("/") + "/"
    printing = PrintContext(
        live=lambda kind, key: base + catalogue.url_for(kind, year, key),
        photo=catalogue.photos.__getitem__,
        organisation=boards.registry.site.organisation,
    )
    for page in print_pages.catalogue(boards, printing):
        url = catalogue.url(f"print/{page.key}")
        catalogue.urls[("print", year, page.key)] = url
        target = output_file(url)
        view = PosterSet(page.posters, page.label, catalogue.url_for(page.back[0], year, page.back[1]))
        catalogue.standalone.append(
            Standalone(target, "poster.html", page.title, view, to_root(target).rstrip("/") or ".")
        )


def _add_screens(catalogue: Catalogue, boards: Boards) -> None:
    """电子屏 pages: the township's at ``screen/``, each branch's at ``screen/<id>/``."""
    registry = boards.registry
    stories = [
        (story.title, chinese_date(story.meta.date))
        for story in sorted(registry.stories, key=lambda s: (s.meta.date, s.path), reverse=True)
    ]
    pages: list[tuple[str, str, str | None]] = [("screen", "电子屏", None)]
    pages += [
        (f"screen/{branch_id}", f"电子屏：{page.branch.name}", branch_id)
        for branch_id, page in boards.current.pages.items()
    ]
    interval = registry.site.screen.interval
    for path, title, branch in pages:
        catalogue.urls[("screen", boards.current.year, branch or "")] = catalogue.url(path)
        target = output_file(catalogue.url(path))
        view = ScreenView(tuple(screens.slides(boards, stories, branch)), interval)
        catalogue.standalone.append(
            Standalone(target, "screen.html", title, view, to_root(target).rstrip("/") or ".")
        )


def _add_redirects(catalogue: Catalogue, year: int) -> None:
    """``/<year>/…`` of the current year points at the current pages, so year URLs never break."""
    yearly = {kind.key for kind in KINDS if kind.yearly}
    for page in list(catalogue.pages.values()):
        if not page.current or not (page.kind == "branch" or page.board_kind in yearly):
            continue
        target = output_file(catalogue.url(f"{year}/{page.src_uri.removesuffix('.md')}"))
        view = Redirect(to_root(target) + page.url, year)
        catalogue.standalone.append(Standalone(target, "redirect.html", "跳转", view, "."))


def _home(catalogue: Catalogue, boards: Boards) -> HomeView:
    view = boards.current
    cards: list[LinkCard] = []
    for kind in KINDS:
        board = view.board(kind)
        card: HomeCard | None = kind.home_card(boards, board) if board is not None else None
        if card is not None:
            cards.append(LinkCard(card.title, card.line, catalogue.url_for(card.page, view.year)))
    cards.append(
        LinkCard("统计数据", "党员构成、星级变化、承诺兑现率", catalogue.url_for("stats", view.year))
    )
    cards.append(
        LinkCard(
            "电子屏播放",
            "在活动室的电视上全屏自动轮播；每个党支部的电子屏在该支部页面上",
            catalogue.url_for("screen", view.year),
        )
    )
    stories = sorted(boards.registry.stories, key=lambda story: story.meta.date, reverse=True)[:5]
    return HomeView(view.year, view.summary, tuple(cards), tuple(stories))


def year_links(catalogue: Catalogue, boards: Boards) -> tuple[YearLinks, ...]:
    """Every published year, newest first, with its boards (往年公示)."""
    out = []
    for year, view in sorted(boards.years.items(), reverse=True):
        links = tuple(
            (page.url, page.year_link)
            for page in catalogue.pages.values()
            if page.year == year and page.year_link
        )
        out.append(YearLinks(year, view.current, links, f"data/{year}/summary.json"))
    return tuple(out)


def _story_branches(boards: Boards) -> dict[str, tuple[BranchRow, ...]]:
    current = boards.current
    return {
        story.path: tuple(current.pages[b].branch for b in story.meta.branches if b in current.pages)
        for story in boards.registry.stories
    }


def _feed(boards: Boards) -> Feed:
    """The stories' feed, named after the organisation that publishes them."""
    registry = boards.registry
    organisation = registry.site.organisation
    return Feed(
        title=f"{organisation}经验做法",
        description=f"{organisation}基层党组织的经验做法和党建品牌",
        built=boards.as_of,
        stories=tuple(
            FeedStory(
                story.path,
                story.title,
                story.meta.date,
                story.meta.updated or story.meta.date,
                story.meta.categories,
            )
            for story in registry.stories
        ),
    )


def _search_words(view: YearView, organisation: str) -> tuple[str, ...]:
    """The site's names (the township committee and its place, each branch, secretary and member named),
    in sorted order: they go into search's dictionary, where their order says nothing, and every page's
    key is made from them (a points edit that only swapped two members' places on one board would have
    rendered every page of the site again).

    Why the committee and its place: cut without them, 青山镇党委 was 青山 / 镇党委, and a name in a table
    broke there (and 青山镇委党校 after 青山)."""
    words = [organisation]
    if (place := place_of(organisation)) != organisation:
        words.append(place)
    for page in view.pages.values():
        words.append(page.branch.name)
        if page.branch.secretary:
            words.append(page.branch.secretary)
        words += _named_members(page)
    return tuple(sorted(words))
