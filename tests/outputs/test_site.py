"""The built demo site: every page and JSON file the issue promises, agreeing with the engine."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from noticeboard.boards.kinds import load_township
from noticeboard.boards.township import build_boards
from noticeboard.registries import Registry
from support import ROOT
from support.build import build_site, make_project
from support.open_data import records
from support.township import Township
from support.visible import visible_text

pytestmark = pytest.mark.slow  # the whole demo site built

AS_OF = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_township(ROOT / "data", stories_dir=ROOT / "docs" / "stories" / "posts", root=ROOT)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_board_and_branch_page_exists(site: Path, registry: Registry) -> None:
    for page in (
        "index.html",
        "boards/branches/index.html",
        "commitments/index.html",
        "stories/index.html",
        "years/index.html",
    ):
        assert (site / page).is_file(), page
    rated = [b.id for b in registry.branches if not b.is_general]
    for branch_id in rated:
        assert (site / "branches" / branch_id / "index.html").is_file()
        assert (site / "2024" / "branches" / branch_id / "index.html").is_file()  # earlier year, stable URL
        assert (site / "2025" / "branches" / branch_id / "index.html").is_file()  # current year, stable URL
    assert (site / "2024" / "boards" / "branches" / "index.html").is_file()
    assert 'http-equiv="refresh"' in read(site, "2025/boards/branches/index.html")


def test_board_groups_branches_by_stars_with_scores(site: Path, registry: Registry) -> None:
    view = build_boards(registry, AS_OF).current
    html = read(site, "boards/branches/index.html")
    headings = [re.sub("<[^>]+>", "", heading) for heading in re.findall(r"<h2 [^>]*>(.*?)</h2>", html)]
    for group in view.boards["branches"].groups:
        assert f"{group.title}（{len(group.rows)} 个）" in headings
    assert "未评定（1 个）" in headings
    names = html.replace("<wbr>", "")  # (where a name may break)
    positions = [names.index(f">{row.name}</span></a>") for row in view.boards["branches"].groups[0].rows]
    assert positions == sorted(positions), "three-star branches are listed highest score first"


def test_branch_page_explains_the_score(site: Path) -> None:
    html = read(site, "branches/qingshan-1/index.html")
    assert "积分制管理考核" in html and "年终目标考核" in html
    assert ">89.95<" in html and "<strong>90.0</strong>" in html
    assert "三星" in html and "↑ 上升" in html


def test_earlier_year_pages_show_that_year(site: Path, registry: Registry) -> None:
    html = read(site, "2024/branches/tongda-meikuang/index.html")
    assert "这是 2024 年度的公示内容" in html and "未评定" in html


@pytest.mark.parametrize("page", ["commitments/index.html", "2024/commitments/index.html"])
def test_the_commitments_totals_explain_overdue_only_beside_a_count_of_it(site: Path, page: str) -> None:
    # 2024's board, none overdue, read 未兑现 53 项（逾期：到 2026年1月5日 已过完成时限仍未兑现）: a definition
    # of a count it did not give.
    totals = re.search(r"共 \d+ 项：[^。]*。", visible_text(read(site, page)))
    assert totals is not None
    overdue = re.search(r"逾期 (\d+) 项", totals.group())
    assert ("（逾期：" in totals.group()) == (overdue is not None and int(overdue.group(1)) > 0), (
        totals.group()
    )


def test_open_data_agrees_with_the_engine(site: Path, registry: Registry) -> None:
    view = build_boards(registry, AS_OF).current
    summary = json.loads(read(site, "data/summary.json"))
    assert (
        summary | json.loads(json.dumps(view.summary.as_dict())) == summary
    )  # every count, as the engine has it
    branches = {b["id"]: b for b in records(read(site, "data/branches.json"))}
    assert set(branches) == set(view.pages)
    for branch_id, page in view.pages.items():
        rating = page.branch.rating
        assert branches[branch_id]["stars"] == (rating.stars if rating else None)
        assert branches[branch_id]["history"]["2025"]["stars"] == branches[branch_id]["stars"]
    members = records(read(site, "data/members.json"))
    named = {row.id for board in view.boards["members"].by_branch.values() for row in board.rows}
    assert {m["id"] for m in members} == named
    assert all(m["stars"] in (1, 2, 3) for m in members)
    assert len(records(read(site, "data/commitments.json"))) == summary["commitments"]["total"]
    assert json.loads(read(site, "data/2024/summary.json"))["year"] == 2024


def test_nothing_private_is_published(site: Path, registry: Registry) -> None:
    boards = build_boards(registry, AS_OF)
    view = boards.current
    named = {
        row.id
        for year in boards.years.values()
        for board in year.boards["members"].by_branch.values()
        for row in board.rows
    }
    secrets = {str(v) for m in registry.members for v in m.private.values()}
    hidden_ids = {m.id for m in registry.members if m.id not in named}
    text = "\n".join(p.read_text(encoding="utf-8", errors="ignore") for p in site.rglob("*") if p.is_file())
    assert not [s for s in secrets if s in text]
    assert not [i for i in hidden_ids if re.search(rf"\b{i}\b", text)]
    index = read(site, "search/search_index.json")
    named_now = {row.id for board in view.boards["members"].by_branch.values() for row in board.rows}
    names_now = {row.name for board in view.boards["members"].by_branch.values() for row in board.rows}
    unnamed_only = {m.name for m in registry.members if m.id not in named_now} - names_now
    assert not [n for n in unnamed_only if n in index.replace("\u200b", "")]


EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|icon|preload|prefetch|modulepreload|manifest|apple-touch-icon))"""
    r"""[^>]*\bhref=["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_no_page_or_stylesheet_loads_anything_from_outside(site: Path) -> None:
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".css"):
            for match in EXTERNAL_LOAD.finditer(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(site)}: {match.group(0)}")
    assert offenders == []
    assert "fonts.googleapis" not in read(site, "index.html")


def test_search_index_holds_names_not_tables(site: Path) -> None:
    index = json.loads(read(site, "search/search_index.json"))
    branch = next(d for d in index["docs"] if d["location"] == "branches/qingshan-1/")
    words = branch["text"].replace("<p>", "").replace("</p>", "").split("\u200b")
    assert "邱建国" in words, "member names are whole words for Chinese search"
    assert not any(d["location"].startswith("2024/") for d in index["docs"]), "earlier years are not searched"
    assert (site / "search" / "search_index.json").stat().st_size < 200_000


def test_the_township_committees_name_breaks_after_its_place_not_inside_it(site: Path) -> None:
    """Cut as jieba cuts it alone, 青山镇党委 was 青山 / 镇党委 (and 青山镇委党校 青山 / 镇委 / 党校): a name in a
    table or a heading broke between 青山 and 镇."""
    pages = [read(site, path) for path in ("honours/index.html", "stats/index.html", "lectures/index.html")]
    assert all("青山镇党委" in page.replace("<wbr>", "") for page in pages[:2])
    assert not any("青山<wbr>镇" in page for page in pages)
    assert "青山镇委<wbr>党校" in pages[2]


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build_site(again).returncode == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(k) for k in first if first[k] != second[k]] == []


def test_bad_data_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("mkdocs.yml", "docs", "data", "hooks", "theme_overrides"):
        source = ROOT / name
        target = project / name
        if source.is_dir():
            import shutil

            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    branches = project / "data" / "branches.yml"
    branches.write_text(
        branches.read_text(encoding="utf-8").replace("kind: village", "kind: vilage", 1), encoding="utf-8"
    )
    result = build_site(project / "site", config=project / "mkdocs.yml")
    assert result.returncode != 0
    assert "data/branches.yml:" in result.stderr and "“vilage”不是可选的值" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_story_links_the_branches_it_names(site: Path) -> None:
    html = read(site, "stories/2025/2025-03-tea-cooperative/index.html")
    assert 'href="../../../branches/huaxin-chaye/"' in html and "相关党支部" in html
    branch = read(site, "branches/huaxin-chaye/index.html")
    assert 'href="../../stories/2025/2025-03-tea-cooperative/"' in branch
    # The 2024 page reads as the year did: no story of 2025 on it.
    assert "2025-03-tea-cooperative" not in read(site, "2024/branches/huaxin-chaye/index.html")


class _Links(HTMLParser):
    """Every link and source on a page, and the page's ``<base href>`` that they are relative to."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.base = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "base":
            self.base = dict(attrs).get("href") or ""
            return
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def test_no_broken_internal_links(site: Path) -> None:
    broken = []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "mailto:", "tel:", "data:")):
                continue
            path = unquote(parts.path)
            folder = page.parent / parser.base
            resolved = (
                (site / path.lstrip("/")) if path.startswith("/") else (folder / path) if path else page
            )
            if path.endswith("/") or resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{page.relative_to(site)} → {target}")
    assert broken == []


def test_a_failed_build_leaves_the_published_site_as_it_was(tmp_path: Path) -> None:
    town = Township(tmp_path / "project")
    project = make_project(town.root)
    site = project / "site"
    assert build_site(site, config=project / "mkdocs.yml").returncode == 0
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    town.replace("data/members/qingshan-1.yml", "gender: 女", "gender: 水")  # bad data: stops in on_config
    assert build_site(site, config=project / "mkdocs.yml").returncode != 0
    town.replace("data/members/qingshan-1.yml", "gender: 水", "gender: 女")
    stats = project / "theme_overrides" / "stats.html"
    kept = stats.read_text(encoding="utf-8")
    stats.write_text("{% extends 'main.html' %}{% block board %}{{ nb.nope() }}{% endblock %}")
    broken = build_site(site, config=project / "mkdocs.yml")  # fails while writing pages, half way
    assert broken.returncode != 0
    stats.write_text(kept, encoding="utf-8")
    town.replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92")  # one board changes, the rest kept
    sheets = project / "theme_overrides" / "partials" / "nb" / "poster-sheets.html"
    sheets.write_text("{{ poster.nope() }}")
    broken = build_site(site, config=project / "mkdocs.yml")  # fails at the end, writing posters
    assert broken.returncode != 0 and "nope" in broken.stderr
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"], (
        "no partial site left"
    )


def test_the_stories_feed_lists_every_story_newest_first(site: Path, registry: Registry) -> None:
    """Every case story is in the feed a reader subscribes to, newest first, at an address that is its page
    on the site, dated by the data (``as_of``: the same data, the same bytes), summarised in plain text."""
    channel = ET.parse(site / "feed_rss_created.xml").getroot().find("channel")
    assert channel is not None
    stories = sorted(registry.stories, key=lambda story: (story.meta.date, story.path), reverse=True)
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [story.title for story in stories]
    assert len(stories) >= 5
    for item, story in zip(items, stories, strict=True):
        path = urlsplit(item.findtext("link") or "").path
        assert (site / path.lstrip("/") / "index.html").is_file(), path
        assert story.meta.date.strftime("%d %b %Y 00:00:00 +0800") in (item.findtext("pubDate") or "")
        summary = item.findtext("description") or ""
        assert summary and "<" not in summary and story.title not in summary
    assert registry.site.as_of is not None
    assert registry.site.as_of.strftime("%d %b %Y") in (channel.findtext("lastBuildDate") or "")
    assert [
        item["title"] for item in json.loads((site / "feed_json_created.json").read_text("utf-8"))["items"]
    ] == [story.title for story in stories]
    for page in ("index.html", "stats/index.html", "stories/index.html"):  # (found by a reader from any page)
        head = (site / page).read_text("utf-8")
        hrefs = re.findall(
            r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="([^"]+)">', head
        )
        found = [(site / page).parent.joinpath(href).resolve() for href in hrefs]
        assert sorted(path.name for path in found) == ["feed_rss_created.xml", "feed_rss_updated.xml"]
        assert all(path.is_file() for path in found)


def test_an_offices_text_keeps_its_numbers_with_their_units(site: Path) -> None:
    """A commitment the office typed (推动油茶产业扩种 2000 亩，带动 300 户增收): on the board, on its poster and on the
    committee's, never 扩种 2000 / 亩 where the line wraps."""
    kept = '扩种 <span class="nb-nowrap">2000 亩</span>，带动 <span class="nb-nowrap">300 户</span>增收'
    for page in (
        "commitments/index.html",
        "print/commitments/index.html",
        "print/commitments/committee/index.html",
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert kept in html, page
        assert "推动油茶产业扩种 2000 亩，带动 300 户增收" in visible_text(html), page


def test_a_story_written_over_several_lines_reads_without_spaces_between_its_lines(site: Path) -> None:
    # docs/stories/posts/2025-03-tea-cooperative.md breaks its first paragraph after 分片包户，
    for page in (
        "stories/2025/2025-03-tea-cooperative/index.html",
        "stories/index.html",
        "stories/archive/2025/index.html",
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert "分片包户，为 46 户茶农" in visible_text(html), page
        assert '为 <span class="nb-nowrap">46 户</span>茶农' in html, page  # (not 46 / 户 on a phone)
        assert 'data-nb-action="larger"' in html, page  # A+, as on every other page
