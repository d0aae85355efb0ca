"""A rebuild after an edit gives the very bytes of a cold build (issue 16): what was kept from earlier
builds — posters in the cache, pages and files linked from the published site — is never stale.

Each test builds a small township's site, then makes edits in a random order (the seed is in the test's
name, so a failure can be replayed), and after every edit compares a warm build (the project's own cache
and published site) with a cold one (a copy of the project without either), file by file.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from support.build import build_log, build_site, make_project, pages_line
from support.township import Delete, Replace, Township, Write, with_extras

pytestmark = pytest.mark.slow  # two site builds per edit

NEW_STORY = """\
---
date: 2025-09-01
slug: road
categories: [公开承诺]
branches:
  - qingshan-1
---

# 硬化村组道路

正文。
"""

EDITS: dict[str, list[Replace | Write]] = {
    "a member's points": [Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 84.5")],
    "a commitment's status": [
        Replace(
            "data/commitments/2025.yml",
            "status: in_progress",
            "status: fulfilled\n  fulfilled_on: 2025-11-02",
        )
    ],
    "a branch renamed": [
        Replace("data/branches.yml", "name: 青山村第一党支部", "name: 青山村第一联合党支部")
    ],
    "a member moved": [
        Replace(
            "data/members/qingshan-1.yml",
            "- id: m002\n  name: 唐德华\n  gender: 男\n  category: rural\n  points:\n    2025: 59.94\n",
            "",
        ),
        Replace(
            "data/members/zhen-jiguan.yml",
            "  category: organ\n",
            "  category: organ\n- id: m002\n  name: 唐德华\n  gender: 男\n  category: organ\n"
            "  points:\n    2025: 59.94\n",
        ),
    ],
    "a story added": [Write("docs/stories/posts/road.md", NEW_STORY)],
    "a story removed": [Delete("docs/stories/posts/tea.md")],  # its page's folder goes too
    "a template changed": [
        Replace(
            "theme_overrides/partials/nb/poster-sheets.html", "扫一扫在手机上查看", "扫一扫，在手机上查看"
        )
    ],
    "the year changed": [Replace("data/site.yml", "year: 2025", "year: 2024")],
}


def files(site: Path) -> dict[str, bytes]:
    """Every file's bytes, and every folder (as ``path/``: a rebuild must not leave an empty one behind)."""
    return {
        path.relative_to(site).as_posix() + ("" if path.is_file() else "/"): (
            path.read_bytes() if path.is_file() else b""
        )
        for path in site.rglob("*")
    }


def cold_build(project: Path, scratch: Path, **env: str) -> dict[str, bytes]:
    """The site as a first build on a fresh machine makes it: a copy of the project, no cache, no site."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project, scratch, ignore=lambda folder, names: _outputs(project, Path(folder), names))
    result = build_site(scratch / "site", config=scratch / "mkdocs.yml", **env)
    assert result.returncode == 0, result.stderr
    return files(scratch / "site")


def _outputs(project: Path, folder: Path, names: list[str]) -> list[str]:
    """The cache and the published site (and its old or partial copies): what a first build has not got."""
    if folder != project:
        return []
    return [
        name for name in names if name in (".cache", "site") or name.startswith(("site.old", "site.partial"))
    ]


def warm_build(project: Path, **env: str) -> dict[str, bytes]:
    result = build_site(project / "site", config=project / "mkdocs.yml", **env)
    assert result.returncode == 0, result.stderr
    return files(project / "site")


def differences(warm: dict[str, bytes], cold: dict[str, bytes]) -> list[str]:
    return sorted(path for path in warm.keys() | cold.keys() if warm.get(path) != cold.get(path))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    town = with_extras(Township(tmp_path / "project"))
    root = make_project(town.root)
    assert warm_build(root)  # the first build: it fills the cache and publishes site/
    return root


@pytest.mark.parametrize("seed", [2026, 11])
def test_every_rebuild_after_an_edit_is_byte_identical_to_a_cold_build(
    project: Path, tmp_path: Path, seed: int
) -> None:
    town = Township.on_disk(project)  # the project's own files, edited in place as the office does
    order = list(EDITS)
    random.Random(seed).shuffle(order)
    for name in order:
        for edit in EDITS[name]:
            edit.apply(town)
        warm = warm_build(project)
        assert differences(warm, cold_build(project, tmp_path / "cold")) == [], (
            f"after {name} (order {order})"
        )
    rendered = project / ".cache" / "noticeboard" / "rendered" / "pages.sqlite"
    assert rendered.is_file(), "the rebuilds kept nothing: nothing was tested"


def test_a_page_in_the_navigation_that_an_edit_does_not_change_is_kept_too(project: Path) -> None:
    site = project / "site"
    board, untouched = site / "branches" / "qingshan-1" / "index.html", site / "commitments" / "index.html"
    before = {page: (page.stat().st_ino, page.read_bytes()) for page in (board, untouched)}
    Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92").apply(
        Township.on_disk(project)
    )  # still three stars
    warm_build(project)
    assert board.read_bytes() != before[board][1]  # the member's branch page shows the new points
    assert untouched.stat().st_ino == before[untouched][0]  # the commitments board: the last build's file


def test_an_edit_undone_gives_the_cold_build_and_keeps_every_page_it_did_not_change(
    project: Path, tmp_path: Path
) -> None:
    untouched = project / "site" / "commitments" / "index.html"
    edit = Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92")
    edit.apply(Township.on_disk(project))
    warm_build(project)
    inode = untouched.stat().st_ino
    Replace(edit.name, edit.new, edit.old).apply(Township.on_disk(project))
    warm = warm_build(project)
    assert untouched.stat().st_ino == inode  # not rendered again, though no page after it was
    assert differences(warm, cold_build(project, tmp_path / "cold")) == []


def test_no_change_rebuild_keeps_every_page_and_changes_no_byte(project: Path) -> None:
    before = files(project / "site")
    assert warm_build(project) == before


@pytest.mark.parametrize(
    "old", ["rendered/standalone.sqlite", "rendered/rendered.sqlite", "cards/records.sqlite"]
)
def test_a_store_of_an_earlier_version_is_removed_from_the_cache(project: Path, old: str) -> None:
    """Stores of earlier versions are never read again: the posters' single store (700 MB for a county in
    CI's cache), the pages' store that held their texts (200 MB), the share cards' (125 MB)."""
    cache = project / ".cache" / "noticeboard"
    (cache / old).parent.mkdir(parents=True, exist_ok=True)
    (cache / old).write_bytes(b"SQLite format 3\0")
    Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92").apply(Township.on_disk(project))
    warm_build(project)
    assert not (cache / old).exists()
    assert (cache / "rendered" / "standalone-0.sqlite").is_file() and (
        cache / "rendered" / "pages.sqlite"
    ).is_file()


def test_a_damaged_cache_or_a_changed_published_file_is_made_again_never_published(
    project: Path, tmp_path: Path
) -> None:
    rendered = project / ".cache" / "noticeboard" / "rendered" / "pages.sqlite"
    with sqlite3.connect(rendered) as db:  # every page's stored entries cut short, as by a full disk
        db.execute("UPDATE value SET data = substr(data, 1, length(data) / 2)")
    published = project / "site" / "branches" / "qingshan-1" / "index.html"
    published.write_text("改过的页面", encoding="utf-8")  # someone edits the published site by hand
    for cached in (project / ".cache" / "noticeboard").rglob("*"):
        if cached.is_file() and cached.parent.name != "rendered":  # parsed files, photos, templates too
            cached.write_bytes(hashlib.sha256(cached.read_bytes()).digest())
    Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92").apply(Township.on_disk(project))
    warm = warm_build(project)
    assert "改过的页面" not in warm["branches/qingshan-1/index.html"].decode("utf-8")
    assert differences(warm, cold_build(project, tmp_path / "cold")) == []


def test_a_cache_folder_that_cannot_be_written_builds_the_same_site_only_slower(
    project: Path, tmp_path: Path
) -> None:
    """Where the rendered pages' folder cannot be made (a file in its place, as a read-only checkout
    refuses it), the build keeps nothing there and publishes what a cold build publishes, no traceback."""
    rendered = project / ".cache" / "noticeboard" / "rendered"
    shutil.rmtree(rendered)
    rendered.write_text("不是文件夹", encoding="utf-8")
    Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92").apply(Township.on_disk(project))
    warm = warm_build(project)
    assert differences(warm, cold_build(project, tmp_path / "cold")) == []
    assert rendered.read_text(encoding="utf-8") == "不是文件夹"


def test_a_published_file_edited_by_hand_is_written_again_though_what_it_is_made_from_did_not_change(
    project: Path, tmp_path: Path
) -> None:
    """The last build's folder is listed by a second process while the data is read: a file changed there
    since that build (its size or time) is not linked, whether a page or a poster."""
    edited = ("branches/huaxin/index.html", "print/venues/index.html")  # not changed by the edit below
    for path in edited:
        assert (project / "site" / path).is_file()
        (project / "site" / path).write_text("改过的页面", encoding="utf-8")
    Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92").apply(Township.on_disk(project))
    warm = warm_build(project)
    assert all(b"\xe6\x94\xb9\xe8\xbf\x87" not in warm[path] for path in edited)
    assert differences(warm, cold_build(project, tmp_path / "cold")) == []


def _rendered_pages(project: Path) -> tuple[int, int]:
    """Build: how many pages MkDocs rendered, of how many, as the build says."""
    said = re.fullmatch(r"网页 (\d+) 个：重新生成 (\d+) 个.*", pages_line(project))
    assert said is not None
    return int(said.group(2)), int(said.group(1))


def _restored(site: Path, *, seconds_only: bool) -> None:
    """``site`` as CI's cache gives it back: every file written anew with its time (to the nanosecond from
    GitHub's tar, to the second from GitLab's zip)."""
    saved = site.with_name("site-in-the-cache")
    site.rename(saved)
    shutil.copytree(saved, site)  # (each file's time copied with it)
    for path in site.rglob("*"):
        if seconds_only and path.is_file():
            mtime = path.stat().st_mtime_ns
            os.utime(path, ns=(mtime, mtime - mtime % 1_000_000_000))
    shutil.rmtree(saved)


@pytest.mark.parametrize("archive", ["tar", "zip"])
def test_ci_which_restores_site_with_the_cache_renders_only_what_an_edit_changes(
    project: Path, tmp_path: Path, archive: str
) -> None:
    """CI keeps ``site/`` in its cache beside ``.cache/`` (the templates say so): restored, each unchanged
    page is kept from it, as on the office's computer, whether its files' times came back whole or cut to
    the second."""
    town = Township.on_disk(project)
    Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92").apply(town)
    at_the_office, pages = _rendered_pages(project)
    _restored(project / "site", seconds_only=archive == "zip")
    Replace("data/members/qingshan-1.yml", "2025: 92", "2025: 93").apply(town)
    in_ci, _ = _rendered_pages(project)
    assert in_ci == at_the_office < pages / 2
    assert differences(files(project / "site"), cold_build(project, tmp_path / "cold")) == []
    assert "没有变化" in build_log(project), "the times as CI gave them back are recorded: nothing to do"


def test_a_project_moved_with_its_cache_and_site_renders_only_what_an_edit_changes(
    project: Path, tmp_path: Path
) -> None:
    """A CI runner that runs several jobs at once checks a project out at another path from run to run
    (GitLab's ``/builds/<runner>/<n>/…``), its cache and site given back there: every page was rendered
    again, its key holding ``extra:`` of ``mkdocs.yml`` as an object that carries the file's absolute path."""
    Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 92").apply(Township.on_disk(project))
    in_place, pages = _rendered_pages(project)
    moved = tmp_path / "another-checkout" / "project"
    moved.parent.mkdir()
    project.rename(moved)
    Replace("data/members/qingshan-1.yml", "2025: 92", "2025: 93").apply(Township.on_disk(moved))
    after_the_move, _ = _rendered_pages(moved)
    assert after_the_move == in_place < pages / 2
    assert differences(files(moved / "site"), cold_build(moved, tmp_path / "cold")) == []


def test_a_build_without_the_site_folder_renders_the_pages_and_takes_every_unchanged_poster_from_the_cache(
    project: Path, tmp_path: Path
) -> None:
    """Without ``site/`` (a CI template of an earlier version keeps only ``.cache/``) every page is rendered
    again; the posters, which the cache keeps, are not: what the builds before it linked from the site
    folder (and so never read from the cache) is still there."""
    town = Township.on_disk(project)
    for points in ("92", "93", "94"):  # the builds link the unchanged posters from the one before
        Replace("data/members/qingshan-1.yml", f"2025: {int(points) - 1}", f"2025: {points}").apply(town)
        warm_build(project)
    shutil.rmtree(project / "site")
    Replace("data/members/qingshan-1.yml", "2025: 94", "2025: 95").apply(town)
    rendered, pages = _rendered_pages(project)
    assert rendered == pages
    stores = sorted((project / ".cache" / "noticeboard" / "rendered").glob("standalone-*.sqlite"))
    stored = 0
    for path in stores:
        with sqlite3.connect(path) as db:
            stored += db.execute("SELECT count(*) FROM value").fetchone()[0]
    posters = list((project / "site" / "print").rglob("*.html"))
    assert stored >= len(posters) > 0, "every poster (and its sheets) kept in the cache"
    assert differences(files(project / "site"), cold_build(project, tmp_path / "cold")) == []


def test_each_posters_sheets_are_stored_once_though_a_print_all_page_prints_them_too(project: Path) -> None:
    """The print-all pages are made after every part of the standalone pages, from the sheets the parts
    stored (a county's cache held 4,000 sheets twice, 72 MB): no bytes are stored twice, and the print-all
    pages' own store holds their frames alone."""
    rendered = project / ".cache" / "noticeboard" / "rendered"
    digests: list[bytes] = []
    for path in sorted(rendered.glob("standalone-*.sqlite")):
        with sqlite3.connect(path) as db:
            digests += [row[0] for row in db.execute("SELECT digest FROM value")]
    assert len(digests) == len(set(digests)) > 0
    with sqlite3.connect(rendered / "standalone-sets.sqlite") as db:
        frames = [bytes(row[0]) for row in db.execute("SELECT data FROM value")]
    assert frames and all(b"<nb-sheets 0>" in frame for frame in frames), (
        "frames, with a mark for each poster"
    )


def test_a_template_changed_where_mkdocs_yml_puts_the_theme_renders_the_pages_again(
    project: Path, tmp_path: Path
) -> None:
    """The templates are ``theme.custom_dir``, wherever ``mkdocs.yml`` says (not the folder beside hooks/)."""
    (project / "theme_overrides").rename(project / "our_theme")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("custom_dir: theme_overrides", "custom_dir: our_theme"),
        encoding="utf-8",
    )
    warm_build(project)
    sheets = project / "our_theme" / "partials" / "nb" / "poster-sheets.html"
    sheets.write_text(
        sheets.read_text(encoding="utf-8").replace("扫一扫在手机上查看", "扫一扫，在手机上查看"),
        encoding="utf-8",
    )
    warm = warm_build(project)
    assert any(
        "扫一扫，在手机上查看" in text.decode("utf-8")
        for path, text in warm.items()
        if path.startswith("print/")
    )
    assert differences(warm, cold_build(project, tmp_path / "cold")) == []


def test_an_edit_that_only_reorders_the_names_on_one_board_keeps_every_other_branchs_page(
    project: Path,
) -> None:
    """Search keeps the names the boards print whole, and every page's key is made from them: two members
    swapping places on their branch's board must not render the whole site again."""
    town = Township.on_disk(project)
    second = "- id: m004\n  name: 郑美玲\n  gender: 女\n  category: rural\n  points:\n    2025: 95\n"
    Write(
        "data/members/qingshan-1.yml", (project / "data/members/qingshan-1.yml").read_text() + second
    ).apply(town)
    warm_build(project)  # 郑美玲 (95) above 邱美玲 (91), both three stars
    other = project / "site" / "branches" / "zhen-jiguan" / "index.html"
    inode = other.stat().st_ino
    Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 98").apply(town)  # 邱美玲 now first
    warm_build(project)
    board = (project / "site" / "branches" / "qingshan-1" / "index.html").read_text(encoding="utf-8")
    assert board.index("邱美玲") < board.index("郑美玲")
    assert other.stat().st_ino == inode  # not rendered again


@pytest.mark.parametrize("category", ["乡村振兴", "党建品牌, 乡村振兴"])
def test_a_storys_category_changed_or_added_reaches_the_navigation_of_every_page(
    project: Path, tmp_path: Path, category: str
) -> None:
    """Material's blog lists the stories' categories in every page's navigation, after the hooks have
    chosen the pages to keep: a kept page must not link to a category that is gone, nor miss a new one."""
    Replace("docs/stories/posts/tea.md", "categories: [党建品牌]", f"categories: [{category}]").apply(
        Township.on_disk(project)
    )
    warm = warm_build(project)
    assert "乡村振兴" in warm["commitments/index.html"].decode().replace("<wbr>", "")  # (cut between words)
    assert differences(warm, cold_build(project, tmp_path / "cold")) == []


def test_a_setting_read_from_the_environment_is_printed_by_every_page_it_changed(
    project: Path, tmp_path: Path
) -> None:
    """``mkdocs.yml`` unchanged, ``!ENV`` gives another footer: no page may keep the old one."""
    Replace(
        "mkdocs.yml", "copyright: 青山镇党委组织办", "copyright: !ENV [NB_FOOTER, 青山镇党委组织办]"
    ).apply(Township.on_disk(project))
    warm_build(project)
    footer = "青山镇党委组织办（新）"
    warm = warm_build(project, NB_FOOTER=footer)
    assert footer in warm["commitments/index.html"].decode()
    assert differences(warm, cold_build(project, tmp_path / "cold", NB_FOOTER=footer)) == []


def test_the_search_dictionary_of_the_site_cuts_every_kept_page_anew_when_it_changes(
    project: Path, tmp_path: Path
) -> None:
    """A word added to the site's own search dictionary (a file beside ``mkdocs.yml``) changes the search
    index and where the navigation may break a line: the build may neither stop as unchanged nor keep pages."""
    town = Township.on_disk(project)
    Write("userdict.txt", "党建 5\n").apply(town)
    Replace("mkdocs.yml", "      lang: zh\n", "      lang: zh\n      jieba_dict_user: userdict.txt\n").apply(
        town
    )
    warm_build(project)
    Write("userdict.txt", "党建 5\n星级支部 99999\n党员先锋岗 99999\n").apply(town)
    warm = warm_build(project)
    assert differences(warm, cold_build(project, tmp_path / "cold")) == []


def test_a_build_of_data_kept_in_git_is_a_build_not_a_preview(tmp_path: Path) -> None:
    """Every township keeps its data in git, whose history the change log reads, with a progress bar. A
    thread that bar started made the hooks take every such build for the preview server's: one process, the
    preview's series of builds in the cache, every page's text stored there too."""
    root = make_project(with_extras(Township(tmp_path / "project")).root)
    author = ("-c", "user.name=王秘书", "-c", "user.email=wang.mishu@example.org")
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Registers"]):
        subprocess.run(["git", *author, *command], cwd=root, check=True, capture_output=True)
    result = build_site(root / "site", config=root / "mkdocs.yml", CI="")  # (in CI no bar is made)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(root / ".cache" / "noticeboard" / "rendered" / "pages.sqlite") as store:
        series = [row[0] for row in store.execute("SELECT series FROM builds")]
    assert series and all(name.startswith("build ") for name in series), series
