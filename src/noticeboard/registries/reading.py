"""Loading the registries from a data directory into one validated :class:`Registry`.

Every file is read, every record validated and every cross-reference checked
before anything is reported, so that one run lists all problems. Nothing is
returned unless everything is valid: a board is never built from half the data.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from noticeboard.registries.errors import Problems, display_path
from noticeboard.registries.frozen import frozen
from noticeboard.registries.messages import closest, report_validation
from noticeboard.registries.models import Branch, Commitment, LedgerEntry, Member, Review, Schemes, Site
from noticeboard.registries.models.common import written_text
from noticeboard.registries.models.story import MARKUP_MESSAGE, StoryMeta, has_no_markup
from noticeboard.registries.photos import PHOTO_SUFFIXES
from noticeboard.registries.progress import Meter, yaml_bytes
from noticeboard.registries.record_files import RecordFile
from noticeboard.registries.yaml_source import (
    Document,
    ParseCache,
    document,
    file_bytes,
    file_text,
    parse_yaml,
    read_yaml,
)

M = TypeVar("M", bound=BaseModel)

_YEAR_NAME = re.compile(r"^[0-9]{4}$")
_YEAR_IN = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")

FILES = ("site.yml", "schemes.yml", "branches.yml")
"""The files of ``data/`` itself."""
NOTES = "notes"
"""The folder under ``data/`` for the office's own files (notes, scans): never read, never published."""
FOLDERS = ("members", "points", "commitments", "reviews", "photos", NOTES)
"""The folders of ``data/``."""
IGNORED = frozenset(
    {
        ".ds_store",
        "thumbs.db",
        "ehthumbs.db",
        "desktop.ini",
        ".git",
        ".gitkeep",
        ".gitignore",
        ".gitattributes",
        ".vscode",
    }
)
"""Names the system, git or VS Code put in folders by themselves (any case; also macOS's ``._*``):
not data, skipped without a word. Everything else under ``data/`` is read or reported."""

_NOTES_HINT = f"备注、扫描件等其他文件请放在 data/{NOTES}/ 文件夹里"
_TOP_CONTENTS = f"data/ 里只放 {'、'.join(FILES)} 和 {'、'.join(f + '/' for f in FOLDERS if f != NOTES)} 文件夹；{_NOTES_HINT}"
_HOLDS = {
    "members": "members/ 里只放各党支部的党员名册，文件名是党支部编号，例如 qingshan-1.yml",
    "points": "points/{year}/ 里只放各党支部的积分台账，文件名是党支部编号，例如 qingshan-1.yml",
    "commitments": "commitments/ 里只放各年度的公开承诺，文件名是年份，例如 2025.yml",
    "reviews": "reviews/ 里只放各年度的领导点评，文件名是年份，例如 2025.yml",
}


@frozen
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


@frozen
class Story:
    """A case story: its file, front matter and title."""

    path: str
    """Path below the posts directory, with ``/``, e.g. ``2025/tea.md``."""
    meta: StoryMeta
    title: str


@dataclass(frozen=True, eq=False)
class Place:
    """Where an organisation's record is written: its file (as shown in messages) and the lines of its
    yearly entries (``("grade", 2025)``, ``("rectification", 2024, "deadline")`` …), found when asked
    (a reminder is rare; finding lines composes the file's YAML tree: a second for a county's branches)."""

    file: str
    located: Located[Any]
    keys: frozenset[tuple[str | int, ...]]
    """The entries whose line may be asked; any other is at line 1."""

    def line(self, *keys: str | int) -> int:
        return self.located.line(*keys) if keys in self.keys else 1


@frozen
class RecordPlace:
    """Where a record of a kind's declared file is written: its file as messages show it, and the line
    of any of its keys (found when asked, so loading composes no YAML tree for it)."""

    file: str
    located: Located[Any]

    def line(self, *keys: str | int) -> int:
        return self.located.line(*keys)


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
    """The case stories a build publishes: a draft (``draft: true``) is on no list, page or map."""
    reviews: Mapping[int, tuple[Review, ...]] = field(default_factory=dict)
    """Year → every review of that year, public or not, in file order."""
    photos: Mapping[str, Path] = field(default_factory=dict)
    """Photo file name (as written in a pioneer post) → the checked image under ``data/photos/``."""
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Kind of data (``site``, ``branches``, ``members``, …) → the files it was read from."""
    places: Mapping[str, Place] = field(default_factory=dict)
    """Organisation id → where its yearly records are written, for reminders that point at a line."""
    records: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    """A kind's declared file (``pairings``) → its records, validated and cross-checked, in file order."""
    yearly_records: Mapping[str, Mapping[int, tuple[Any, ...]]] = field(default_factory=dict)
    """A kind's declared folder (``honours``) → year → its records."""
    record_places: Mapping[str, tuple[RecordPlace, ...]] = field(default_factory=dict)
    """A kind's declared file or folder → where each record is written, in the order of ``records[key]``
    or of ``yearly_records[key]`` year by year, for reminders that point at a line."""
    empty_files: tuple[str, ...] = ()
    """Files of records with nothing in them, not even a comment, as messages name them. Valid (a file the
    office made for records to come), but what a save or a sync that failed leaves too: every record of the
    file gone from the boards without a word. ``validate`` reminds of each."""

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
        for by_year in self.yearly_records.values():
            found.update(by_year)
        for branch in self.branches:
            found.update(branch.assessments, branch.venue, branch.grade, branch.duty_report)
        for member in self.members:
            found.update(member.points)
            found.update(member.exempt)
        return tuple(sorted(found))


class _Reader:
    """Reads files of one data directory, collecting problems as it goes."""

    def __init__(
        self,
        data_dir: Path,
        problems: Problems,
        cache: ParseCache | None,
        declared: Sequence[RecordFile] = (),
    ) -> None:
        self.files_known = (*FILES, *(f.name for f in declared if not f.yearly))
        self.folders_known = (*FOLDERS, *(f.name for f in declared if f.yearly))
        self.data_dir = data_dir
        self.problems = problems
        self.cache = cache
        self.files: dict[str, list[str]] = {}
        self.raw_ids: dict[str, set[str]] = {}
        self.unreadable: set[str] = set()
        self.empty: list[Path] = []
        """Files of records with nothing in them, not even a comment (:attr:`Registry.empty_files`)."""
        self.inside = data_dir.resolve()
        """Where links may point to: ``data/`` itself."""
        self.present: set[str] = set()
        """Every name in ``data/``, read or not (a refused ``site.yml`` is not also missing)."""
        self.listed: dict[Path, os.DirEntry[str]] = {}
        """What :meth:`entries` listed, each as its folder's listing gave it: whether it is a folder or a link
        is known from the listing, without asking the file system again for each file (:meth:`is_dir`)."""
        self.meter = Meter(
            lambda: yaml_bytes(data_dir), desc="读取数据", unit="B", unit_scale=True, at_least=4_000_000
        )
        """A progress bar on a terminal for a county's registries (4 MB of YAML or more)."""

    def note(self, kind: str, path: Path) -> None:
        self.files.setdefault(kind, []).append(path.relative_to(self.data_dir).as_posix())

    def failed(self, kind: str, data: Any = None) -> None:
        """Remember ids of records that did not validate, so references to them are not reported too."""
        key = written_text(data.get("id")) if isinstance(data, dict) else None
        if isinstance(key, str):
            self.raw_ids.setdefault(kind, set()).add(key)
        else:
            self.unreadable.add(kind)

    def mapping(
        self, kind: str, known: Mapping[str, Path], name: str, model: type[M], *, required: bool
    ) -> Located[M] | None:
        path = known.get(name)
        if path is None:
            if required and name not in self.present:
                self.problems.add(self.data_dir / name, 0, "缺少这个文件")
            if required:
                self.unreadable.add(kind)
            return None
        self.note(kind, path)
        doc = read_yaml(path, self.problems, self.cache)
        if doc is None:
            self.unreadable.add(kind)
            return None
        data = {} if doc.data is None else doc.data
        if not isinstance(data, dict):
            self.problems.add(path, doc.line_at(()), "文件内容应为若干“键: 值”，每行一个")
            self.unreadable.add(kind)
            return None
        located = self.validate(model, data, doc, ())
        if located is None:
            self.unreadable.add(kind)  # (site.yml: its leaders, whom commitments name, are not known)
        return located

    def records(self, kind: str, path: Path, model: type[M]) -> list[Located[M]]:
        self.note(kind, path)
        raw = file_bytes(path, self.problems)
        self.meter.read(path)
        if raw is None:
            self.failed(kind)
            return []
        if not raw or raw.isspace():  # (not ``raw.strip()``: a copy of every file, 53 MB in a county)
            self.empty.append(path)
        if self.cache is not None:
            cached = self.cache.get_records(raw, model)
            if cached is not None:
                doc = Document.cached(path, raw)
                return [Located(record, doc, (index,)) for index, record in enumerate(cached)]
        text = file_text(path, raw, self.problems)
        if text is None:
            self.failed(kind)
            return []
        before = len(self.problems)
        found = self._validate_all(kind, model, document(path, raw, text, self.problems, self.cache))
        if self.cache is not None and found is not None and len(self.problems) == before:
            self.cache.put_records(raw, model, [located.record for located in found])
        return found or []

    def _validate_all(self, kind: str, model: type[M], doc: Document | None) -> list[Located[M]] | None:
        """Every record of ``doc`` that validates; None when the file is not a list of records."""
        if doc is None:
            self.failed(kind)
            return None
        if doc.data is None:
            return []
        if not isinstance(doc.data, list):
            self.problems.add(doc.path, doc.line_at(()), "文件内容应为列表，每一项以“- ”开头")
            self.failed(kind)
            return None
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

    # --- The data contract: every file and folder under data/ is read, ignored by name, or a problem ---

    def entries(self, folder: Path) -> list[Path]:
        """The files and folders in ``folder`` that may be read, sorted.

        What the system or git puts there by itself (:data:`IGNORED`) is skipped without a word;
        links out of ``data/``, Office lock files and other hidden files are reported.
        """
        found = []
        with os.scandir(folder) as listing:
            named = {entry.name: entry for entry in listing}
        # By name: at C speed, and in one order on every system (Windows' paths sort without regard to case).
        for name in sorted(named):
            if name.lower() in IGNORED or name.startswith("._"):
                continue
            path = folder / name
            entry = self.listed[path] = named[name]
            trouble = self.refusal(path, entry)
            if trouble is None:
                found.append(path)
            else:
                self.problems.add(path, 0, trouble)
        return found

    def is_dir(self, path: Path) -> bool:
        """Whether ``path`` is a folder (or a link to one), from its folder's listing when :meth:`entries`
        listed it. Why: a county's data is 4,600 files, and each question put to the file system took 10 µs
        (``Path.is_dir``) where the listing's answer takes none."""
        entry = self.listed.get(path)
        return entry.is_dir() if entry is not None else path.is_dir()

    def refusal(self, path: Path, entry: os.DirEntry[str]) -> str | None:
        """Why ``path`` (listed as ``entry``) is not read whatever its folder, or None."""
        if entry.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return "这是一个链接，但它指向的文件不存在，没有被读取；请把文件本身放在这里"
            if not target.is_relative_to(self.inside):
                return "这是指向 data/ 以外的链接，没有被读取；请把文件本身放在这里"
        if path.name.startswith(("~$", ".~lock.")):
            return "这是 Office/WPS 打开文件时生成的临时文件；请先关闭那个文件，之后它仍在的话可以删除"
        if path.name.startswith("."):
            what = "文件夹" if entry.is_dir() else "文件"
            return f"以“.”开头的隐藏{what}，没有被读取；如果是数据，请去掉名字开头的“.”，否则请删除或移到 data/{NOTES}/ 里"
        return None

    def layout(self) -> dict[str, Path]:
        """The files and folders of ``data/`` that the contract names → their paths; the rest is reported."""
        self.present = {path.name for path in self.data_dir.iterdir()}
        known: dict[str, Path] = {}
        for path in self.entries(self.data_dir):
            name, folder = path.name, self.is_dir(path)
            if name in self.files_known or name in self.folders_known:
                if folder == (name in self.folders_known):
                    known[name] = path
                else:
                    self.problems.add(
                        path, 0, f"{name} 应为文件夹" if folder else f"{name} 应为文件，不能是文件夹"
                    )
                continue
            trouble = None if folder else _suffix_trouble(path)
            if trouble is None:
                shown = name + "/" if folder else name
                hint = closest(
                    shown.lower(),
                    [
                        n
                        for n in (*self.files_known, *(f + "/" for f in self.folders_known))
                        if n.rstrip("/") not in self.present
                    ],
                )
                what = "文件夹" if folder else "文件"
                trouble = (
                    f"不认识的{what}；是不是 {hint}？"
                    if hint
                    else f"不认识的{what}，没有被读取；{_TOP_CONTENTS}"
                )
            self.problems.add(path, 0, trouble)
        return known

    def yaml_files(self, kind: str, folder: Path | None, holds: str) -> Iterator[Path]:
        """The ``.yml`` files in ``folder`` (if any), sorted; anything else in it is reported, and then the
        ids of ``kind`` are not all known (a member file saved as ``.YML``: references to its members are
        not reported as well).

        ``holds`` says what the folder is for, in the messages about what does not belong there.
        """
        if folder is None:
            return
        for path in self.entries(folder):
            if self.is_dir(path):
                self.problems.add(path, 0, f"这里不能有文件夹，没有被读取；{holds}；{_NOTES_HINT}")
                self.unreadable.add(kind)
                continue
            trouble = _suffix_trouble(path)
            if trouble is None and path.suffix == ".yml":
                yield path
            else:
                self.problems.add(path, 0, trouble or f"不认识的文件，没有被读取；{holds}；{_NOTES_HINT}")
                self.unreadable.add(kind)

    def year_of(self, path: Path, taken: Iterable[str]) -> int | None:
        """The year a file (``2025.yml``) or folder (``2025/``) is named after; otherwise it is reported."""
        folder = self.is_dir(path)
        name = path.name if folder else path.stem
        if _YEAR_NAME.match(name):
            return int(name)
        ending = "/" if folder else ".yml"
        what = "文件夹名" if folder else "文件名"
        digits = _YEAR_IN.findall(unicodedata.normalize("NFKC", name))
        if len(digits) == 1 and digits[0] + ("" if folder else ".yml") not in taken:
            self.problems.add(path, 0, f"{what}应为四位数的年份；是不是 {digits[0]}{ending}？")
        else:
            self.problems.add(path, 0, f"{what}应为四位数的年份，例如 2025{ending}")
        return None

    def photos(self, folder: Path) -> None:
        """Report what in ``photos/`` is not a JPG or PNG photo (the photos themselves are checked when named)."""
        for path in self.entries(folder):
            if self.is_dir(path):
                self.problems.add(path, 0, "photos/ 里不能有文件夹，没有被读取；照片请直接放在 photos/ 里")
            elif path.suffix.lower() not in PHOTO_SUFFIXES:
                self.problems.add(
                    path, 0, f"photos/ 里只放 JPG 或 PNG 照片（扩展名 .jpg、.jpeg 或 .png）；{_NOTES_HINT}"
                )


def record_files(data_dir: Path, declared: Sequence[RecordFile] = ()) -> list[tuple[Path, type[BaseModel]]]:
    """Every file of records where the data contract puts them, with the model its records are validated by.

    For validating ahead (:meth:`ParseCache.validate_ahead`) only: :func:`read_files` decides what is
    read and reports what does not belong; a file named here by mistake is merely validated for nothing.
    """
    found: list[tuple[Path, type[BaseModel]]] = []

    def files(paths: Iterable[Path], model: type[BaseModel]) -> None:
        found.extend((path, model) for path in paths)

    files(_if_file(data_dir / "branches.yml"), Branch)
    files(_yml_files(data_dir / "members"), Member)
    files((path for year in _folders(data_dir / "points") for path in _yml_files(year)), LedgerEntry)
    files(_yml_files(data_dir / "commitments"), Commitment)
    files(_yml_files(data_dir / "reviews"), Review)
    for record_file in declared:
        path = data_dir / record_file.name
        files(_yml_files(path) if record_file.yearly else _if_file(path), record_file.model)
    return found


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    """What ``folder`` holds (nothing when it is no folder), sorted by name."""
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return []


def _yml_files(folder: Path) -> list[Path]:
    """The ``.yml`` files in ``folder``, from its listing alone (a file's kind is in it)."""
    return [
        folder / entry.name for entry in _listing(folder) if entry.name.endswith(".yml") and entry.is_file()
    ]


def _if_file(path: Path) -> list[Path]:
    return [path] if path.is_file() else []


def _folders(folder: Path) -> list[Path]:
    return [folder / entry.name for entry in _listing(folder) if entry.is_dir()]


def _suffix_trouble(path: Path) -> str | None:
    """What is wrong with a data file's extension, or None when it is ``.yml`` or not meant as YAML."""
    suffix = path.suffix.lower()
    if suffix == ".yaml":
        return "扩展名应为 .yml（这个文件没有被读取）"
    if suffix == ".yml" and path.suffix != ".yml":
        return "文件扩展名应为 .yml（小写）"
    if suffix == ".lnk":
        return "这是 Windows 快捷方式，没有被读取；请把文件本身放在这里"
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
    empty: list[Path] = field(default_factory=list)
    """Files of records with nothing in them, not even a comment."""
    records: dict[str, list[Located[Any]]] = field(default_factory=dict)
    """A kind's declared file (``pairings``) → its records."""
    yearly_records: dict[str, dict[int, list[Located[Any]]]] = field(default_factory=dict)
    """A kind's declared folder (``honours``) → year → its records."""
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
    data_dir: Path,
    stories_dir: Path | None,
    problems: Problems,
    cache: ParseCache | None = None,
    declared: Sequence[RecordFile] = (),
) -> Loaded:
    """Read and validate every file, record by record (the built-in registries and the kinds' ``declared``)."""
    reader = _Reader(data_dir, problems, cache, declared)
    loaded = Loaded()
    known = reader.layout()
    loaded.site = reader.mapping("site", known, "site.yml", Site, required=True)
    loaded.schemes = reader.mapping("schemes", known, "schemes.yml", Schemes, required=False)
    if "branches.yml" in known:
        loaded.branches = reader.records("branches", known["branches.yml"], Branch)
    elif "branches.yml" not in reader.present:
        problems.add(data_dir / "branches.yml", 0, "缺少这个文件")
    for path in reader.yaml_files("members", known.get("members"), _HOLDS["members"]):
        loaded.member_files[path.stem] = path
        loaded.members[path.stem] = reader.records("members", path, Member)
    if "points" in known:
        years = reader.entries(known["points"])
        for year_dir in years:
            if not reader.is_dir(year_dir):
                problems.add(
                    year_dir, 0, f"积分台账应放在年度文件夹里，例如 points/2025/qingshan-1.yml；{_NOTES_HINT}"
                )
                continue
            year = reader.year_of(year_dir, {other.name for other in years})
            if year is None:
                continue
            for path in reader.yaml_files("points", year_dir, _HOLDS["points"].format(year=year)):
                loaded.ledger_files[(year, path.stem)] = path
                loaded.ledgers.setdefault(year, {})[path.stem] = reader.records("points", path, LedgerEntry)
    commitments = list(reader.yaml_files("commitments", known.get("commitments"), _HOLDS["commitments"]))
    for path in commitments:
        year = reader.year_of(path, {other.name for other in commitments})
        if year is not None:
            loaded.commitments[year] = reader.records("commitments", path, Commitment)
    reviews = list(reader.yaml_files("reviews", known.get("reviews"), _HOLDS["reviews"]))
    for path in reviews:
        year = reader.year_of(path, {other.name for other in reviews})
        if year is not None:
            loaded.reviews[year] = reader.records("reviews", path, Review)
    for record_file in declared:
        if not record_file.yearly:
            if record_file.name in known:
                loaded.records[record_file.key] = reader.records(
                    record_file.key, known[record_file.name], record_file.model
                )
            continue
        paths = list(reader.yaml_files(record_file.key, known.get(record_file.name), record_file.holds))
        for path in paths:
            year = reader.year_of(path, {other.name for other in paths})
            if year is not None:
                found = reader.records(record_file.key, path, record_file.model)
                loaded.yearly_records.setdefault(record_file.key, {})[year] = found
    if "photos" in known:
        reader.photos(known["photos"])
    loaded.photos_dir = known.get("photos", None if "photos" in reader.present else data_dir / "photos")
    if stories_dir is not None and stories_dir.is_dir():
        addresses: dict[tuple[int, str], Path] = {}
        for path in sorted(stories_dir.rglob("*")):
            if not path.is_file() or _not_a_story(path, reader.problems):
                continue
            story = _read_story(path, reader)
            if story is None:
                continue
            address = (story[0].record.date.year, path.stem)
            if address in addresses:
                first = display_path(addresses[address], reader.problems.root)
                reader.problems.add(
                    path,
                    0,
                    f"与 {first} 同一年、文件名相同，网址都是 stories/{address[0]}/{address[1]}/，"
                    "只有一篇能发布；请给其中一篇改个文件名",
                )
                continue
            addresses[address] = path
            loaded.stories.append(story[0])
            loaded.story_titles[path] = story[1]
    reader.meter.close()
    loaded.files = {kind: tuple(paths) for kind, paths in reader.files.items()}
    loaded.raw_ids = reader.raw_ids
    loaded.unreadable = reader.unreadable
    loaded.empty = reader.empty
    return loaded


STORY_PICTURES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp"})
"""Files a story folder may hold beside its stories: the pictures they show (any other file is copied to
the site as it is, which is how a draft saved as ``.md.txt`` or a ``.bak`` would be published)."""


def _not_a_story(path: Path, problems: Problems) -> bool:
    """Whether ``path`` is no story (a picture, or a file reported here); only ``.md`` files are."""
    if path.suffix == ".md":
        return False
    if path.suffix.lower() not in STORY_PICTURES:
        problems.add(
            path,
            0,
            "不是文章：文章要存成扩展名为 .md 的文件（小写）；文章文件夹里其他的文件会原样发布到网站上，"
            "请改名或移出 docs/stories/",
        )
    return True


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
    if not has_no_markup(title):
        line = text.count("\n", 0, heading.start()) + 1 if heading and not located.record.title else 0
        reader.problems.add(path, line or located.line("title"), f"标题{MARKUP_MESSAGE}")
        return None
    return located, title
