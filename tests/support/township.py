"""A small valid registry written as office staff would write it: three branches, four members,
a points ledger, two commitments and a story; ``BRANCH_EXTRAS`` and ``REVIEWS`` add the other boards."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from noticeboard.boards.kinds import load_township
from noticeboard.registries import Registry, RegistryError

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

    @classmethod
    def on_disk(cls, root: Path) -> Township:
        """The township whose files are under ``root`` as they are now (a project edited in place, as the
        office edits it): nothing written."""
        town = cls.__new__(cls)
        town.root, town.data, town.stories = root, root / "data", root / "docs" / "stories" / "posts"
        town.files = {}
        return town

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
        return load_township(self.data, stories_dir=self.stories, root=self.root)

    def problems(self) -> list[str]:
        """Every problem reported, as ``FILE:LINE: message``; fails if the data loads."""
        with pytest.raises(RegistryError) as caught:
            self.load()
        return [str(problem) for problem in caught.value.problems]

    def edit(self, *edits: Edit) -> Township:
        """Make the edits in order (a row of a table of broken inputs)."""
        for edit in edits:
            edit.apply(self)
        return self


@dataclass(frozen=True)
class Replace:
    """In file ``name``, the first ``old`` becomes ``new`` (``old`` must be there)."""

    name: str
    old: str
    new: str

    def apply(self, town: Township) -> None:
        town.replace(self.name, self.old, self.new)


@dataclass(frozen=True)
class Write:
    """File ``name`` holds ``text`` (dedented) or ``bytes`` (as they are), made if missing."""

    name: str
    text: str | bytes

    def apply(self, town: Township) -> None:
        town.set(self.name, self.text)


@dataclass(frozen=True)
class Delete:
    """File ``name`` is gone."""

    name: str

    def apply(self, town: Township) -> None:
        (town.root / self.name).unlink()


Edit = Replace | Write | Delete


BRANCH_EXTRAS = """\
- id: huaxin
  name: 华新茶业党支部
  kind: enterprise
  secretary: 陈立
  grade:
    2025: 较差
  rectification:
    2025:
      responsible: 王明（镇党委副书记）
      deadline: 2026-06-30
      progress: 已调整支部班子
  duty_report:
    2025: {daily: 90, onsite: 90, annual: 89.9, review: 89.95}
  venue:
    2025:
      stars: 4
"""

REVIEWS = """\
- subject: qingshan-1
  reviewer: {name: 王建国, post: 青山村党总支书记}
  level: general
  overall: 班子团结
  achievements: 道路硬化完成
  problems: 台账不规范
  direction: 规范台账
  public: true
- subject: m001
  reviewer: {name: 李明, post: 青山村第一党支部书记}
  level: 支部
  overall: 带头作用明显
  achievements: 帮扶 3 户
  problems: 学习不够
  direction: 加强学习
  grade: 好
  public: true
"""


EXTRAS = (Write("data/branches.yml", BRANCHES + BRANCH_EXTRAS), Write("data/reviews/2025.yml", REVIEWS))
"""A branch that has every other board's data, and two reviews."""


def with_extras(town: Township) -> Township:
    """The small township with ``EXTRAS``."""
    return town.edit(*EXTRAS)
