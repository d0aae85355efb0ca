"""Shared fixtures: a small valid registry written as office staff would write it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from noticeboard.registries import Registry, RegistryError, load_registry

ROOT = Path(__file__).resolve().parent.parent

SITE = """\
organisation: 青山镇党委
office: 青山镇党委组织办
year: 2025
as_of: 2026-01-05
notice:
  start: 2026-01-05
  days: 7
  phone: 0874-6000000
  address: 青山镇人民政府二楼
"""

BRANCHES = """\
- id: qingshan
  name: 青山村党总支
  kind: general
  secretary: 王建国
- id: qingshan-1
  name: 青山村第一党支部
  kind: village
  parent: qingshan
  secretary: 李明
  assessments:
    2024: {points: 80, target: 84}
    2025:
      points: 89.9
      target: 90.0
- id: zhen-jiguan
  name: 镇机关党支部
  kind: organ
  secretary: 张华
  assessments:
    2025: {score: 79.95}
"""

MEMBERS = """\
- id: m001
  name: 邱美玲
  gender: 女
  ethnicity: 汉族
  education: 初中
  born: 1966
  joined: 2009-11-18
  category: rural
  points:
    2024: 77
    2025: 91
  private:
    phone: '13900000001'
- id: m002
  name: 唐德华
  gender: 男
  category: rural
  points:
    2025: 59.94
- id: m003
  name: 谭德华
  gender: 男
  exempt:
    2025: 长期患病治疗，经申请同意不参与评星
"""

ORGAN_MEMBERS = """\
- id: m101
  name: 周丽娟
  gender: 女
  category: organ
"""

LEDGER = """\
- member: m101
  date: 2025-03-01
  item: 参加志愿服务
  points: 30
- member: m101
  date: 2025-06-01
  item: 结对帮扶困难群众
  points: 15
"""

COMMITMENTS = """\
- id: c1
  by: m001
  text: 结对帮扶 3 户困难群众
  made: 2025-02-01
  due: 2025-12-01
  approved_by: 李明
  approved_on: 2025-02-05
  status: in_progress
  updates:
    - date: 2025-06-01
      note: 已帮扶 2 户
- id: c2
  by: qingshan-1
  text: 年内硬化村组道路 2 公里
  made: 2025-01-10
  due: 2025-11-30
  status: fulfilled
  fulfilled_on: 2025-11-20
"""

STORY = """\
---
date: 2025-03-18
slug: tea
categories: [党建品牌]
branches:
  - qingshan-1
---

# 村企联建

正文。
"""


class Township:
    """A small registry on disk; tests change one file and look at the messages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.stories = root / "docs" / "stories" / "posts"
        self.files: dict[str, str] = {
            "data/site.yml": SITE,
            "data/branches.yml": BRANCHES,
            "data/members/qingshan-1.yml": MEMBERS,
            "data/members/zhen-jiguan.yml": ORGAN_MEMBERS,
            "data/points/2025/zhen-jiguan.yml": LEDGER,
            "data/commitments/2025.yml": COMMITMENTS,
            "docs/stories/posts/tea.md": STORY,
        }
        self.write()

    def write(self) -> None:
        for name, text in self.files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def set(self, name: str, text: str | bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        text = (self.root / name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        (self.root / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    def load(self) -> Registry:
        return load_registry(self.data, stories_dir=self.stories, root=self.root)

    def problems(self) -> list[str]:
        """Every problem reported, as ``FILE:LINE: message``; fails if the data loads."""
        with pytest.raises(RegistryError) as caught:
            self.load()
        return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def town(tmp_path: Path) -> Township:
    return Township(tmp_path)


# --- The built demo site -----------------------------------------------------------------------

import functools  # noqa: E402
import http.server  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from collections.abc import Iterator  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_site(out: Path, config: Path = ROOT / "mkdocs.yml", **env: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` as a user runs it; returns the finished process."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--quiet", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env={**BUILD_ENV, **env},
        check=False,
        cwd=config.parent,
    )


def make_project(root: Path) -> Path:
    """Make ``root`` (holding a Township's ``data/``) a site project: this project's pages, theme and hooks."""
    for name in ("docs/index.md", "docs/open-data.md", "docs/stories/index.md", "docs/assets", "docs/schema"):
        source, target = ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy(source, target)
    for name in ("hooks", "theme_overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo township built once for the whole test session."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(out)
    assert result.returncode == 0, result.stderr
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on a free loopback port; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


# --- Headless Chromium (Debian's package), one for the whole session ------------------------

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
