"""Loading the registries from a data directory into one validated :class:`Registry`.

Every file is read, every record validated and every cross-reference checked
before anything is reported, so that one run lists all problems. Nothing is
returned unless everything is valid: a board is never built from half the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from noticeboard.registries.errors import Problems
from noticeboard.registries.messages import report_validation
from noticeboard.registries.models import Branch, Commitment, LedgerEntry, Member, Review, Schemes, Site
from noticeboard.registries.models.common import as_text
from noticeboard.registries.models.story import StoryMeta
from noticeboard.registries.yaml_source import Document, ParseCache, parse_yaml, read_yaml

M = TypeVar("M", bound=BaseModel)

_YEAR_NAME = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Located(Generic[M]):
    """A validated record and where it was written, for messages about it."""

    record: M
    doc: Document
    loc: tuple[str | int, ...] = ()

    def line(self, *keys: str | int) -> int:
        return self.doc.line_at(self.loc + keys)

    @property
    def path(self) -> Path:
        return self.doc.path


@dataclass(frozen=True)
class Story:
    """A case story: its file, front matter and title."""

    path: str
    """Path below the posts directory, with ``/``, e.g. ``2025/tea.md``."""
    meta: StoryMeta
    title: str


@dataclass(frozen=True, eq=False)
class Registry:
    """Everything the boards are built from, validated and cross-checked."""

    site: Site
    schemes: Schemes
    branches: tuple[Branch, ...]
    members: tuple[Member, ...]
    branch_of: Mapping[str, str]
    """Member id → the id of the branch whose file lists the member."""
    ledgers: Mapping[int, Mapping[str, tuple[LedgerEntry, ...]]]
    """Year → member id → that member's ledger entries, in file order."""
    commitments: Mapping[int, tuple[Commitment, ...]]
    stories: tuple[Story, ...] = ()
    reviews: Mapping[int, tuple[Review, ...]] = field(default_factory=dict)
    """Year → every review of that year, public or not, in file order."""
    photos: Mapping[str, Path] = field(default_factory=dict)
    """Photo file name (as written in a pioneer post) → the checked image under ``data/photos/``."""
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Kind of data (``site``, ``branches``, ``members``, …) → the files it was read from."""

    @cached_property
    def branch_by_id(self) -> dict[str, Branch]:
        return {branch.id: branch for branch in self.branches}

    @cached_property
    def member_by_id(self) -> dict[str, Member]:
        return {member.id: member for member in self.members}

    @cached_property
    def members_by_branch(self) -> dict[str, tuple[Member, ...]]:
        grouped: dict[str, list[Member]] = {branch.id: [] for branch in self.branches}
        for member in self.members:
            grouped[self.branch_of[member.id]].append(member)
        return {key: tuple(value) for key, value in grouped.items()}

    @cached_property
    def years(self) -> tuple[int, ...]:
        """Every year that has any data, and the site's year, ascending."""
        found = {self.site.year, *self.ledgers, *self.commitments, *self.reviews}
        for branch in self.branches:
            found.update(branch.assessments, branch.venue, branch.grade, branch.duty_report)
        for member in self.members:
            found.update(member.points)
            found.update(member.exempt)
        return tuple(sorted(found))


class _Reader:
    """Reads files of one data directory, collecting problems as it goes."""

    def __init__(self, data_dir: Path, problems: Problems, cache: ParseCache | None) -> None:
        self.data_dir = data_dir
        self.problems = problems
        self.cache = cache
        self.files: dict[str, list[str]] = {}
        self.raw_ids: dict[str, set[str]] = {}
        self.unreadable: set[str] = set()

    def note(self, kind: str, path: Path) -> None:
        self.files.setdefault(kind, []).append(path.relative_to(self.data_dir).as_posix())

    def failed(self, kind: str, data: Any = None) -> None:
        """Remember ids of records that did not validate, so references to them are not reported too."""
        key = as_text(data.get("id")) if isinstance(data, dict) else None
        if isinstance(key, str):
            self.raw_ids.setdefault(kind, set()).add(key)
        else:
            self.unreadable.add(kind)

    def mapping(self, kind: str, path: Path, model: type[M], *, required: bool) -> Located[M] | None:
        if not path.is_file():
            if required:
                self.problems.add(path, 0, "缺少这个文件")
            return None
        self.note(kind, path)
        doc = read_yaml(path, self.problems, self.cache)
        if doc is None:
            return None
        data = {} if doc.data is None else doc.data
        if not isinstance(data, dict):
            self.problems.add(path, doc.line_at(()), "文件内容应为若干“键: 值”，每行一个")
            return None
        return self.validate(model, data, doc, ())

    def records(self, kind: str, path: Path, model: type[M]) -> list[Located[M]]:
        self.note(kind, path)
        doc = read_yaml(path, self.problems, self.cache)
        if doc is None:
            self.failed(kind)
            return []
        if doc.data is None:
            return []
        if not isinstance(doc.data, list):
            self.problems.add(path, doc.line_at(()), "文件内容应为列表，每一项以“- ”开头")
            self.failed(kind)
            return []
        found = []
        for index, item in enumerate(doc.data):
            located = self.validate(model, item, doc, (index,))
            if located is not None:
                found.append(located)
            else:
                self.failed(kind, item)
        return found

    def validate(
        self, model: type[M], data: Any, doc: Document, loc: tuple[str | int, ...]
    ) -> Located[M] | None:
        try:
            return Located(model.model_validate(data), doc, loc)
        except ValidationError as error:
            report_validation(error, doc, loc, self.problems)
            return None

    def yaml_files(self, folder: Path) -> Iterator[Path]:
        """The ``.yml`` files in ``folder``, sorted; a ``.yaml`` file is reported, not skipped silently."""
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if path.suffix == ".yaml":
                self.problems.add(path, 0, "扩展名应为 .yml（这个文件没有被读取）")
            elif path.suffix == ".yml" and path.is_file():
                yield path

    def year_of(self, path: Path) -> int | None:
        if _YEAR_NAME.match(path.stem if path.is_file() else path.name):
            return int(path.stem if path.is_file() else path.name)
        self.problems.add(path, 0, "文件夹或文件名应为四位数的年份，例如 2025")
        return None


@dataclass
class Loaded:
    """Everything read from the files, before cross-checking."""

    site: Located[Site] | None = None
    schemes: Located[Schemes] | None = None
    branches: list[Located[Branch]] = field(default_factory=list)
    members: dict[str, list[Located[Member]]] = field(default_factory=dict)
    member_files: dict[str, Path] = field(default_factory=dict)
    ledgers: dict[int, dict[str, list[Located[LedgerEntry]]]] = field(default_factory=dict)
    ledger_files: dict[tuple[int, str], Path] = field(default_factory=dict)
    commitments: dict[int, list[Located[Commitment]]] = field(default_factory=dict)
    reviews: dict[int, list[Located[Review]]] = field(default_factory=dict)
    photos_dir: Path | None = None
    stories: list[Located[StoryMeta]] = field(default_factory=list)
    story_titles: dict[Path, str] = field(default_factory=dict)
    files: dict[str, tuple[str, ...]] = field(default_factory=dict)
    raw_ids: dict[str, set[str]] = field(default_factory=dict)
    """Kind → ids of records that failed validation (references to them are not errors)."""
    unreadable: set[str] = field(default_factory=set)
    """Kinds with a file or record that could not be read at all: their ids are unknown."""

    def may_exist(self, kind: str, key: str) -> bool:
        """Whether ``key`` could be an id of ``kind`` that failed to load, so a reference is not reported."""
        return kind in self.unreadable or key in self.raw_ids.get(kind, set())


def read_files(
    data_dir: Path, stories_dir: Path | None, problems: Problems, cache: ParseCache | None = None
) -> Loaded:
    """Read and validate every file, record by record."""
    reader = _Reader(data_dir, problems, cache)
    loaded = Loaded()
    loaded.site = reader.mapping("site", data_dir / "site.yml", Site, required=True)
    loaded.schemes = reader.mapping("schemes", data_dir / "schemes.yml", Schemes, required=False)
    branches_file = data_dir / "branches.yml"
    if branches_file.is_file():
        loaded.branches = reader.records("branches", branches_file, Branch)
    else:
        problems.add(branches_file, 0, "缺少这个文件")
    for path in reader.yaml_files(data_dir / "members"):
        loaded.member_files[path.stem] = path
        loaded.members[path.stem] = reader.records("members", path, Member)
    points_dir = data_dir / "points"
    if points_dir.is_dir():
        for year_dir in sorted(points_dir.iterdir()):
            if not year_dir.is_dir():
                continue
            year = reader.year_of(year_dir)
            if year is None:
                continue
            for path in reader.yaml_files(year_dir):
                loaded.ledger_files[(year, path.stem)] = path
                loaded.ledgers.setdefault(year, {})[path.stem] = reader.records("points", path, LedgerEntry)
    for path in reader.yaml_files(data_dir / "commitments"):
        year = reader.year_of(path)
        if year is not None:
            loaded.commitments[year] = reader.records("commitments", path, Commitment)
    for path in reader.yaml_files(data_dir / "reviews"):
        year = reader.year_of(path)
        if year is not None:
            loaded.reviews[year] = reader.records("reviews", path, Review)
    loaded.photos_dir = data_dir / "photos"
    if stories_dir is not None and stories_dir.is_dir():
        for path in sorted(stories_dir.rglob("*.md")):
            story = _read_story(path, reader)
            if story is not None:
                loaded.stories.append(story[0])
                loaded.story_titles[path] = story[1]
    loaded.files = {kind: tuple(paths) for kind, paths in reader.files.items()}
    loaded.raw_ids = reader.raw_ids
    loaded.unreadable = reader.unreadable
    return loaded


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def _read_story(path: Path, reader: _Reader) -> tuple[Located[StoryMeta], str] | None:
    try:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        reader.problems.add(path, 0, "文件不是 UTF-8 编码；请用记事本“另存为”，编码选“UTF-8”后保存")
        return None
    match = _FRONT_MATTER.match(text)
    if match is None:
        reader.problems.add(path, 1, "文章开头缺少以 --- 包围的信息（date、categories、branches）")
        return None
    doc = parse_yaml(match.group(1) or "", path, reader.problems, offset=1)
    if doc is None:
        return None
    data = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        reader.problems.add(path, 2, "开头的信息应为若干“键: 值”，每行一个")
        return None
    located = reader.validate(StoryMeta, data, doc, ())
    if located is None:
        return None
    heading = _HEADING.search(text, match.end())
    title = located.record.title or (heading.group(1).strip() if heading else path.stem)
    return located, title
