"""The 变更记录 page and the home page speak to villagers: no commit message, author or path on them.

The page shows what each revision changed on the boards and the office's ``公示说明`` note (as
text); a commit's subject, its other lines and its author appear nowhere on the site.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from noticeboard.website import build_website
from support.build import build_site, make_project
from support.township import Township
from support.visible import visible_text

AUTHOR = ("user.name=王秘书", "user.email=wang.mishu@example.org")
SUBJECT = "Fix Qiu points after the phone call"
REMARK = "Private: her brother-in-law complained"
PRIVATE_ONLY = "Phone number of Qiu"


def git(root: Path, *args: str, message: str = "") -> str:
    """Run a git command (``commit -F -`` reads ``message``); returns what it printed."""
    run = ["git", "-c", AUTHOR[0], "-c", AUTHOR[1], *args]
    return subprocess.run(
        run, cwd=root, check=True, capture_output=True, input=message.encode()
    ).stdout.decode()


def commit(root: Path, message: str) -> str:
    """Commit every change with ``message``; returns the commit's short hash."""
    git(root, "commit", "-q", "-a", "-F", "-", message=message)
    return git(root, "rev-parse", "--short=7", "HEAD").strip()


def readable(path: Path) -> str:
    """A file's text as a reader gets it: JSON decoded (the search index escapes Chinese and splits words)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        text = json.dumps(json.loads(text), ensure_ascii=False).replace("\u200b", "")
    return text


@pytest.mark.slow  # a whole site built
def test_the_change_log_shows_board_changes_and_notes_never_messages_or_authors(town: Township) -> None:
    git(town.root, "init", "-q", "-b", "main")
    git(town.root, "add", "-A")
    git(town.root, "commit", "-q", "-m", "Initial import")
    town.replace("data/members/qingshan-1.yml", "    2025: 91\n", "    2025: 88\n")
    commit(town.root, f"{SUBJECT}\n\n{REMARK}\n公示说明：<b>更正</b>积分录入错误\n")
    town.replace("data/members/qingshan-1.yml", "phone: '13900000001'", "phone: '13900000002'")
    private_only = commit(town.root, f"{PRIVATE_ONLY}\n\n公示说明：电话\n")
    make_project(town.root)
    site = town.root / "site"
    built = build_site(site, config=town.root / "mkdocs.yml")
    assert built.returncode == 0, built.stderr

    leaked = {
        (path.relative_to(site).as_posix(), secret)
        for path in site.rglob("*")
        if path.suffix in {".html", ".json", ".xml", ".js"}
        for secret in (SUBJECT, "brother-in-law", PRIVATE_ONLY, "Initial import", "王秘书", "wang.mishu")
        if secret in readable(path)
    }
    assert leaked == set()

    changes = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "说明：&lt;b&gt;更正&lt;/b&gt;积分录入错误" in changes
    assert "青山村第一党支部 邱美玲：积分 91.0 → 88.0，星级 三星 → 二星" in changes
    assert private_only not in changes and "说明：电话" not in changes

    home = visible_text((site / "index.html").read_text(encoding="utf-8"))
    assert "screen/" not in home and "党支部编号" not in home
    branch = (site / "branches" / "qingshan-1" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../screen/qingshan-1/"' in branch


def test_the_home_page_tells_where_each_branch_screen_is_and_each_branch_page_links_it(
    town: Township, tmp_path: Path
) -> None:
    website = build_website(town.root, stories_dir=town.stories, cache_dir=tmp_path / "cache")
    catalogue = website.catalogue(site_url="https://example.org/", directory_urls=True)
    screen = next(card for card in catalogue.home.cards if card.title == "电子屏播放")
    assert screen.line == "在活动室的电视上全屏自动轮播；每个党支部的电子屏在该支部页面上"
    assert "screen/" not in screen.line and "编号" not in screen.line
    assert catalogue.url_for("screen", 2025, "qingshan-1") == "screen/qingshan-1/"
