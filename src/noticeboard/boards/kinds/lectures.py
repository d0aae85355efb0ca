"""党校讲习: the township's 党校 (where it is, who heads it), its 讲师团 of 宣讲队 with their rosters, and
the year's 专题讲习 — planned ones with their dates and deadlines, held ones with their attendance —
with the 学习心得 of the 学习专栏 (case stories with ``categories: [学习专栏]``).

Reads ``school.yml`` (standing: the school and its teams; a list, usually of one school) and
``lectures/<year>.yml`` (the year's lectures). The source document: 成立镇委党校，党校地点设在镇人社
服务中心二楼，由镇党委委员、组织委员任校长……建立讲师团，讲师团包含5个宣讲队……筹备开展3-5次专题讲习……
参学干部要根据自身学习体会，撰写学习心得，部分优秀文章将在学习专栏进行展示。

A lecture names the organisations it is for (``branches``: their ids, a 党总支 for its branches, or
``all``) and is listed on those branches' pages. A planned lecture is overdue (逾期) when its deadline
— or, without one, its planned date — is before ``as_of``; ``validate`` reminds the office of it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from noticeboard.boards import json_values
from noticeboard.boards.figures import Figure, make_figure
from noticeboard.boards.kind import (
    BoardKind,
    BoardPage,
    BranchSection,
    HomeCard,
    PrintLink,
    ShareText,
    YearInput,
)
from noticeboard.boards.paper import (
    Poster,
    PrintContext,
    PrintPage,
    PrintRow,
    line_count,
    make_poster,
    row_height,
)
from noticeboard.boards.sheets import Column, Sheet
from noticeboard.boards.snapshot import Entry
from noticeboard.registries.errors import Problem, Problems, display_path
from noticeboard.registries.frozen import frozen
from noticeboard.registries.models.common import Day, OneLine, Record, Slug, Text
from noticeboard.registries.reading import Located, Registry
from noticeboard.registries.record_files import Known, RecordFile

# --- The data: school.yml and lectures/<year>.yml ------------------------------------------------


class Lecturer(Record):
    """A lecturer (讲师), a lecture's speaker or the school's head: a member of the township's registry
    (``member``: the name comes from the member's file) or anyone by name (an invited expert)."""

    member: Text | None = Field(None, description="党员编号（本镇党员名册里的党员；姓名取自名册）")
    name: OneLine | None = Field(None, description="姓名（不在本镇党员名册里的，例如邀请的专家）")
    post: OneLine | None = Field(None, description="职务或单位，例如 镇党委委员、组织委员")

    @model_validator(mode="after")
    def _one_of_member_or_name(self) -> Self:
        if self.member is not None and self.name is not None:
            raise PydanticCustomError(
                "nb_lecturer",
                "member（党员编号）和 name（姓名）只写一个：本镇党员写 member，其他人写 name",
                {"field": "name"},
            )
        if self.member is None and self.name is None:
            raise PydanticCustomError("nb_lecturer", "应写 member（党员编号）或 name（姓名）")
        return self


class Team(Record):
    """A 宣讲队 of the 讲师团: its lecturers and what it lectures on."""

    id: Slug = Field(
        description="宣讲队编号，专题讲习的 team 写它：小写英文字母、数字和连字符，例如 dangjian"
    )
    name: OneLine = Field(description="宣讲队名称，例如 党的建设宣讲队")
    topics: tuple[Text, ...] = Field(
        (), strict=False, description="宣讲内容，例如 [组工知识, 基层党组织换届]"
    )
    members: tuple[Lecturer, ...] = Field(
        strict=False,
        description="讲师：{member: 党员编号, post: 职务} 或 {name: 姓名, post: 职务}",
    )


class School(Record):
    """The township's 党校 and its 讲师团."""

    name: OneLine = Field(description="党校名称，例如 青山镇委党校")
    place: Text = Field(description="地点，例如 镇人社服务中心二楼")
    head: Lecturer = Field(description="校长：{name: 姓名, post: 职务} 或 {member: 党员编号, post: 职务}")
    lecturers: OneLine | None = Field(None, description="讲师团名称，例如 青山镇讲师团（不填则称“讲师团”）")
    teams: tuple[Team, ...] = Field((), strict=False, description="讲师团的宣讲队")


ALL = "all"
_ALL_WORDS = ("all", "全部", "全镇")


def _all_words(value: Any) -> Any:
    return ALL if isinstance(value, str) and value.strip() in _ALL_WORDS else value


Branches = Annotated[
    Literal["all"] | Annotated[tuple[Slug, ...], Field(strict=False)],
    BeforeValidator(_all_words),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(_ALL_WORDS)},
                {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9-]+$"}},
            ]
        }
    ),
]

Status = Literal["planned", "held"]
STATUS_LABELS: dict[str, str] = {"planned": "计划中", "held": "已举办"}


class Lecture(Record):
    """One 专题讲习 of the year: planned (with its date or deadline) or held (with its date and attendance)."""

    id: Slug = Field(description="编号，全镇唯一：小写英文字母、数字和连字符，例如 2025-01")
    topic: Text = Field(description="专题，例如 党建知识专题学习")
    content: Text | None = Field(
        None, description="讲习内容，例如 组工知识、基层党组织换届、“三会一课”制度落实"
    )
    team: Slug | None = Field(None, description="承办的宣讲队编号（school.yml 里宣讲队的 id）")
    speaker: Lecturer | None = Field(
        None, description="主讲人：{name: 姓名, post: 职务} 或 {member: 党员编号, post: 职务}"
    )
    audience: Text = Field(description="参学对象，例如 各村（居）党支部书记、分管党群工作的副书记")
    branches: Branches = Field(
        (),
        description="参学的党组织编号，在这些党支部的页面上列出（写党总支则含其下属党支部）；全镇参学写 all",
    )
    place: Text | None = Field(None, description="地点，例如 镇委党校")
    deadline: Day | None = Field(None, description="完成时限，例如 2025-03-31")
    date: Day | None = Field(None, description="举办日期；计划中的写计划日期（可不填）")
    status: Status = Field(description="状态：planned 计划中，held 已举办")
    attendance: int | None = Field(
        None, ge=0, le=100_000, description="参学人数（已举办的必填；一次讲习不超过 100000 人）"
    )

    @model_validator(mode="after")
    def _held_has_date_and_attendance(self) -> Self:
        if self.status == "held" and self.date is None:
            raise PydanticCustomError(
                "nb_held", "状态为 held（已举办）时必须填写 date（举办日期）", {"field": "status"}
            )
        if self.status == "held" and self.attendance is None:
            raise PydanticCustomError(
                "nb_held", "状态为 held（已举办）时必须填写 attendance（参学人数）", {"field": "status"}
            )
        if self.status != "held" and self.attendance is not None:
            raise PydanticCustomError(
                "nb_held", "只有状态为 held（已举办）时才填写 attendance（参学人数）", {"field": "attendance"}
            )
        return self


SCHOOL = "school"
LECTURES = "lectures"


def _check_school(items: Sequence[Located[School]], known: Known, problems: Problems) -> None:
    """Team ids are unique; a lecturer's member id is in the registry; no one is twice in a team."""
    first: dict[str, Located[School]] = {}
    first_line: dict[str, int] = {}
    for located in items:
        school = located.record
        _check_member(located, ("head",), school.head, known, problems)
        for t, team in enumerate(school.teams):
            line = located.line("teams", t, "id")
            if team.id in first:
                where = display_path(first[team.id].path, problems.root)
                problems.add(
                    located.path,
                    line,
                    f"宣讲队编号“{team.id}”重复，已在 {where}:{first_line[team.id]} 使用；编号必须唯一",
                )
            else:
                first[team.id], first_line[team.id] = located, line
            if not team.members:
                problems.add(
                    located.path,
                    located.line("teams", t, "members"),
                    f"{team.name}还没有讲师；members 里至少写一名讲师",
                )
            seen: set[str] = set()
            for m, lecturer in enumerate(team.members):
                _check_member(located, ("teams", t, "members", m), lecturer, known, problems)
                who = lecturer.member or lecturer.name or ""
                if who in seen:
                    problems.add(
                        located.path,
                        located.line("teams", t, "members", m),
                        f"讲师“{_shown(lecturer, known)}”在{team.name}里写了两次",
                    )
                seen.add(who)


def _check_lectures(items: Sequence[Located[Lecture]], known: Known, problems: Problems) -> None:
    """Ids are unique; the team, the speaker and the organisations named exist."""
    teams = {team.id for school in known.records.get(SCHOOL, ()) for team in school.record.teams}
    first: dict[str, Located[Lecture]] = {}
    for located in items:
        lecture = located.record
        if lecture.id in first:
            earlier = first[lecture.id]
            where = display_path(earlier.path, problems.root)
            problems.add(
                located.path,
                located.line("id"),
                f"专题讲习编号“{lecture.id}”重复，已在 {where}:{earlier.line('id')} 使用；编号必须唯一",
            )
        else:
            first[lecture.id] = located
        if (
            lecture.team is not None
            and lecture.team not in teams
            and not known.may_exist(SCHOOL, lecture.team)
        ):
            hint = difflib.get_close_matches(lecture.team, sorted(teams), n=1, cutoff=0.6)
            message = f"宣讲队“{lecture.team}”不在 school.yml 的讲师团里"
            if hint:
                message += f"；是不是“{hint[0]}”？"
            elif teams:
                message += f"；可写的宣讲队编号：{'、'.join(sorted(teams))}"
            problems.add(located.path, located.line("team"), message)
        if lecture.speaker is not None:
            _check_member(located, ("speaker",), lecture.speaker, known, problems)
        if lecture.branches != ALL:
            for b, branch_id in enumerate(lecture.branches):
                if branch_id not in known.branches and not known.may_exist("branches", branch_id):
                    problems.add(
                        located.path,
                        located.line("branches", b),
                        f"党组织“{branch_id}”不存在于 branches.yml；全镇参学请写 branches: all",
                    )


def _check_member(
    located: Located[Any], loc: tuple[str | int, ...], lecturer: Lecturer, known: Known, problems: Problems
) -> None:
    member = lecturer.member
    if member is not None and member not in known.members and not known.may_exist("members", member):
        problems.add(
            located.path,
            located.line(*loc, "member"),
            f"党员编号“{member}”不在党员名册（members/）里；不是本镇党员的请写 name（姓名）",
        )


def _shown(lecturer: Lecturer, known: Known) -> str:
    if lecturer.member is not None:
        member = known.members.get(lecturer.member)
        return member.name if member is not None else lecturer.member
    return lecturer.name or ""


# --- The board ----------------------------------------------------------------------------------

COLUMN = "学习专栏"
"""The case stories' category of 学习心得 (``categories: [学习专栏]``)."""
COLUMN_PAGE = f"stories/category/{COLUMN}.md"
"""Its page, as the blog makes it: ``blog_dir`` ``stories`` and ``categories_url_format: "category/{slug}"``
of ``mkdocs.yml``; the slug of 学习专栏 is the word itself."""
COLUMN_LATEST = 5


@frozen
class Person:
    """A lecturer, speaker or head as the board names them."""

    name: str
    post: str | None

    @property
    def words(self) -> str:
        """``李晓梅（镇党委委员、组织委员）``, or the name alone."""
        return f"{self.name}（{self.post}）" if self.post else self.name


@frozen
class TeamView:
    """A 宣讲队 with its roster and what it lectures on."""

    id: str
    name: str
    topics: tuple[str, ...]
    members: tuple[Person, ...]

    @property
    def anchor(self) -> str:
        return f"team-{self.id}"

    @property
    def topics_words(self) -> str:
        return "、".join(self.topics) or "—"

    @property
    def roster_words(self) -> str:
        return "、".join(person.words for person in self.members)

    @property
    def heading(self) -> str:
        """``党的建设宣讲队（5 名讲师）``."""
        return f"{self.name}（{len(self.members)} 名讲师）"


@frozen
class SchoolView:
    """The 党校 and its 讲师团."""

    name: str
    place: str
    head: Person
    lecturers: str
    """The 讲师团's name (讲师团 when not given)."""
    teams: tuple[TeamView, ...]
    number: int = 1
    """Its place in ``school.yml`` (its anchors: ``school``, ``teams``; then ``school-2``, ``teams-2`` …)."""

    @property
    def anchor(self) -> str:
        return "school" if self.number == 1 else f"school-{self.number}"

    @property
    def teams_anchor(self) -> str:
        return "teams" if self.number == 1 else f"teams-{self.number}"

    @property
    def teams_heading(self) -> str:
        """``青山镇讲师团（5 个宣讲队，讲师 24 名）``."""
        return f"{self.lecturers}（{len(self.teams)} 个宣讲队，讲师 {self.lecturer_count} 名）"

    @property
    def lecturer_count(self) -> int:
        return sum(len(team.members) for team in self.teams)

    @property
    def sentence(self) -> str:
        """``青山镇委党校设在镇人社服务中心二楼，校长：李晓梅（镇党委委员、组织委员）。``"""
        return f"{self.name}设在{self.place}，校长：{self.head.words}。"

    @property
    def teams_sentence(self) -> str:
        """``青山镇讲师团以党校为依托，设党的建设宣讲队、…共 5 个宣讲队，讲师 24 名。``"""
        if not self.teams:
            return f"{self.lecturers}尚未组建宣讲队。"
        names = "、".join(team.name for team in self.teams)
        return f"{self.lecturers}以党校为依托，设{names}共 {len(self.teams)} 个宣讲队，讲师 {self.lecturer_count} 名。"


@frozen
class LectureRow:
    """One 专题讲习 with its derived state."""

    id: str
    topic: str
    content: str | None
    team: str | None
    """The team's id."""
    team_name: str | None
    speaker: Person | None
    audience: str
    branches: tuple[str, ...] | None
    """The organisations it is for, as written (None: the whole township)."""
    place: str | None
    deadline: dt.date | None
    date: dt.date | None
    status: str
    attendance: int | None
    overdue: bool

    @property
    def held(self) -> bool:
        return self.status == "held"

    @property
    def anchor(self) -> str:
        """Its anchor on the lectures page (``lecture-2025-01``)."""
        return f"lecture-{self.id}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def when(self) -> str:
        """``2025年3月26日`` (held); ``计划 2026年1月16日，完成时限 2026年1月31日`` (planned); ``时间待定``."""
        if self.held:
            return _date(self.date)
        parts = []
        if self.date:
            parts.append(f"计划 {_date(self.date)}")
        if self.deadline:
            parts.append(f"完成时限 {_date(self.deadline)}")
        return "，".join(parts) or "时间待定"

    @property
    def place_words(self) -> str:
        """``地点：镇委党校`` ("" when not written)."""
        return f"地点：{self.place}" if self.place else ""

    @property
    def by(self) -> str:
        """``党的建设宣讲队；主讲：刘志刚（市委组织部组织一科科长）``, what is known of it, or —."""
        parts = [self.team_name] if self.team_name else []
        if self.speaker:
            parts.append(f"主讲：{self.speaker.words}")
        return "；".join(parts) or "—"

    @property
    def result(self) -> str:
        """``已举办，参学 42 人`` / ``计划中`` / ``计划中，已过完成时限``."""
        if self.held:
            return f"已举办，参学 {self.attendance} 人"
        return "计划中，已过完成时限" if self.overdue else "计划中"

    @property
    def result_lines(self) -> tuple[str, ...]:
        """The result in the table's narrow column, a line each: ``已举办`` / ``参学 42 人``."""
        if self.held:
            return ("已举办", f"参学 {self.attendance} 人")
        return ("计划中", "已过完成时限") if self.overdue else ("计划中",)

    @property
    def summary(self) -> str:
        """``2025年3月26日，已举办，参学 42 人``: when and how it went, in one line."""
        return f"{self.when}，{self.result}"


@frozen
class ColumnStory:
    """A 学习心得 in the 学习专栏: its path under the posts folder (for its link), title and date."""

    path: str
    title: str
    date: dt.date


@frozen
class StudyColumn:
    """The 学习专栏 on the lectures page: its newest 学习心得 and its page (None: no story yet, no page)."""

    stories: tuple[ColumnStory, ...]
    page: str | None
    """The category page's source path, for ``nb.page_url``."""
    total: int

    @property
    def sentence(self) -> str:
        if not self.total:
            return "参学干部撰写的学习心得，经审核后在“经验做法”的学习专栏展示；目前还没有文章。"
        shown = f"，以下是最新的 {len(self.stories)} 篇" if self.total > len(self.stories) else ""
        return f"参学干部撰写的学习心得，部分优秀文章在学习专栏展示：共 {self.total} 篇{shown}。"

    @property
    def link_words(self) -> str:
        return f"学习专栏全部文章（{self.total} 篇）"


@frozen
class LectureCounts:
    total: int
    held: int
    planned: int
    overdue: int
    attendance: int

    @property
    def sentence(self) -> str:
        """``专题讲习 4 次：已举办 3 次，参学 158 人次；计划中 1 次``."""
        if not self.total:
            return "本年度尚未安排专题讲习"
        text = f"专题讲习 {self.total} 次：已举办 {self.held} 次，参学 {self.attendance} 人次"
        if self.planned:
            text += f"；计划中 {self.planned} 次"
            text += f"（已过完成时限 {self.overdue} 次）" if self.overdue else ""
        return text


@frozen
class BranchLectures:
    """A branch page's part: the year's lectures for the branch (by its id, its 党总支's, or the whole township)."""

    rows: tuple[LectureRow, ...]

    @property
    def sentence(self) -> str:
        held = sum(row.held for row in self.rows)
        return f"本年度安排本支部参学的专题讲习 {len(self.rows)} 次，已举办 {held} 次。"


@frozen
class LectureBoard:
    """党校讲习 of one year: the school and its teams (current year), the year's lectures, the 学习专栏."""

    year: int
    current: bool
    as_of: dt.date
    schools: tuple[SchoolView, ...]
    """The school(s) of ``school.yml``: on the current year's board only (the roster is today's)."""
    rows: tuple[LectureRow, ...]
    """The year's lectures by date (or deadline), undated last, in file order among equals."""
    by_branch: Mapping[str, tuple[LectureRow, ...]]
    column: StudyColumn | None
    """The 学习专栏 (current year only)."""

    @property
    def counts(self) -> LectureCounts:
        held = [row for row in self.rows if row.held]
        return LectureCounts(
            total=len(self.rows),
            held=len(held),
            planned=len(self.rows) - len(held),
            overdue=sum(row.overdue for row in self.rows),
            attendance=sum(row.attendance or 0 for row in held),
        )

    @property
    def teams(self) -> tuple[TeamView, ...]:
        return tuple(team for school in self.schools for team in school.teams)

    @property
    def lecturer_count(self) -> int:
        return sum(school.lecturer_count for school in self.schools)

    @property
    def lectures_heading(self) -> str:
        return f"{self.year} 年度专题讲习（{len(self.rows)} 次）"

    @property
    def rule(self) -> str:
        return (
            "专题讲习由党校统筹、讲师团各宣讲队承办；计划中的专题讲习，完成时限（没有时限的按计划日期）"
            "已过仍未举办的，标“已过完成时限”。参学人数以签到为准。"
        )


def _date(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def _short_date(value: dt.date) -> str:
    return f"{value.year}.{value.month}.{value.day}"


def _person(registry: Registry, lecturer: Lecturer) -> Person:
    if lecturer.member is not None:
        return Person(registry.member_by_id[lecturer.member].name, lecturer.post)
    return Person(lecturer.name or "", lecturer.post)


def _schools(registry: Registry) -> tuple[SchoolView, ...]:
    return tuple(
        SchoolView(
            name=school.name,
            place=school.place,
            head=_person(registry, school.head),
            lecturers=school.lecturers or "讲师团",
            teams=tuple(
                TeamView(
                    team.id,
                    team.name,
                    team.topics,
                    tuple(_person(registry, lecturer) for lecturer in team.members),
                )
                for team in school.teams
            ),
            number=number,
        )
        for number, school in enumerate(registry.records.get(SCHOOL, ()), start=1)
    )


def _due(lecture: Lecture) -> dt.date | None:
    """The day a planned lecture should have been held by: its deadline, or else its planned date."""
    return lecture.deadline or lecture.date


def _row(registry: Registry, lecture: Lecture, team_names: Mapping[str, str], as_of: dt.date) -> LectureRow:
    due = _due(lecture)
    return LectureRow(
        id=lecture.id,
        topic=lecture.topic,
        content=lecture.content,
        team=lecture.team,
        team_name=team_names.get(lecture.team) if lecture.team else None,
        speaker=_person(registry, lecture.speaker) if lecture.speaker else None,
        audience=lecture.audience,
        branches=None if lecture.branches == ALL else tuple(lecture.branches),
        place=lecture.place,
        deadline=lecture.deadline,
        date=lecture.date,
        status=lecture.status,
        attendance=lecture.attendance,
        overdue=lecture.status == "planned" and due is not None and due < as_of,
    )


def _for_branch(registry: Registry, row: LectureRow, branch_id: str) -> bool:
    if row.branches is None:
        return True
    branch = registry.branch_by_id.get(branch_id)
    return branch_id in row.branches or (branch is not None and branch.parent in row.branches)


def _column(registry: Registry) -> StudyColumn:
    stories = sorted(
        (story for story in registry.stories if COLUMN in story.meta.categories),
        key=lambda story: (story.meta.date, story.path),
        reverse=True,
    )
    latest = tuple(ColumnStory(story.path, story.title, story.meta.date) for story in stories[:COLUMN_LATEST])
    return StudyColumn(latest, COLUMN_PAGE if stories else None, len(stories))


def lecture_board(given: YearInput) -> LectureBoard | None:
    """The year's board; None when the year has no lectures and (for the current year) no school."""
    registry = given.registry
    lectures = registry.yearly_records.get(LECTURES, {}).get(given.year, ())
    schools = _schools(registry) if given.current else ()
    if not lectures and not schools:
        return None
    team_names = {team.id: team.name for school in _schools(registry) for team in school.teams}
    rows = [_row(registry, lecture, team_names, given.as_of) for lecture in lectures]
    ordered = tuple(sorted(rows, key=lambda row: (row.date or row.deadline or dt.date.max,)))
    by_branch = {
        branch_id: tuple(row for row in ordered if _for_branch(registry, row, branch_id))
        for branch_id in given.branches
    }
    return LectureBoard(
        year=given.year,
        current=given.current,
        as_of=given.as_of,
        schools=schools,
        rows=ordered,
        by_branch=by_branch,
        column=_column(registry) if given.current else None,
    )


# --- Paper ----------------------------------------------------------------------------------------

LECTURE_CHARS = {"portrait": (12, 6, 8, 8, 5), "landscape": (19, 9, 12, 12, 8)}
"""Characters per line of the printed 专题讲习 table's columns (widths in print.css: ``--lectures``)."""
TEAM_CHARS = {"portrait": (7, 22, 12), "landscape": (11, 34, 19)}
"""Characters per line of the printed 讲师团 table's columns (``--lecture-teams``)."""


def _lines(cells: tuple[str, ...], widths: tuple[int, ...]) -> int:
    """How many lines the row's most wrapped cell takes (a cell's own line breaks each start a line)."""
    return max(
        sum(line_count(part, width) for part in cell.split("\n"))
        for cell, width in zip(cells, widths, strict=True)
    )


def _lecture_cells(row: LectureRow) -> tuple[str, str, str, str, str]:
    topic = row.topic + (f"：{row.content}" if row.content else "")
    if row.held and row.date:
        when = _short_date(row.date)
    else:
        when = (
            "\n".join(
                part
                for part in (
                    f"计划 {_short_date(row.date)}" if row.date else "",
                    f"时限 {_short_date(row.deadline)}" if row.deadline else "",
                )
                if part
            )
            or "待定"
        )
    by = (
        "\n".join(part for part in (row.team_name, row.speaker.words if row.speaker else None) if part) or "—"
    )
    if row.held:
        result = f"已举办\n参学 {row.attendance} 人"
    else:
        result = "计划中\n已过时限" if row.overdue else "计划中"
    return topic, when, by, row.audience, result


def _lectures_poster(board: LectureBoard, url: str, printing: PrintContext) -> Poster:
    """专题讲习公示栏: the year's lectures, planned and held, with attendance."""

    def rows(orientation: str) -> list[PrintRow]:
        out = []
        for row in board.rows:
            cells = _lecture_cells(row)
            lines = _lines(cells, LECTURE_CHARS[orientation])
            out.append(PrintRow(cells, lines=row_height(lines), overdue=row.overdue))
        return out

    school = "".join(school.sentence for school in board.schools)
    return make_poster(
        "lectures",
        "专题讲习公示栏",
        printing.organisation,
        board.year,
        ("专题讲习", "时间", "宣讲队、主讲", "参学对象", "情况"),
        f"{board.counts.sentence}。{school}",
        board.rule,
        url,
        rows("portrait"),
        rows("landscape"),
        layout="lectures",
        rated=False,
    )


def _teams_poster(board: LectureBoard, url: str, printing: PrintContext) -> Poster:
    """讲师团名单: each team with its lecturers and what it lectures on."""

    def rows(orientation: str) -> list[PrintRow]:
        out = []
        for team in board.teams:
            cells = (team.heading, team.roster_words, team.topics_words)
            out.append(PrintRow(cells, lines=row_height(_lines(cells, TEAM_CHARS[orientation]))))
        return out

    summary = "".join(school.sentence + school.teams_sentence for school in board.schools)
    return make_poster(
        "lecture-teams",
        "党校讲师团名单",
        printing.organisation,
        board.year,
        ("宣讲队", "讲师", "宣讲内容"),
        summary,
        "讲师团各宣讲队按宣讲内容开展专题讲习，走村入户、深入田间地头宣讲；参学干部撰写学习心得，优秀文章在学习专栏展示。",
        url,
        rows("portrait"),
        rows("landscape"),
        layout="lecture-teams",
        rated=False,
    )


# --- The kind ---------------------------------------------------------------------------------------


class LecturesKind(BoardKind):
    key: ClassVar[str] = "lectures"
    title: ClassVar[str] = "党校讲习"
    order: ClassVar[int] = 110
    objection: ClassVar[str] = "对讲师团名单或专题讲习情况有异议的"
    sources: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "lectures": ("lectures/{year}.yml", "school.yml", "members/"),
        "branch": ("lectures/{year}.yml",),
    }
    record_files: ClassVar[tuple[RecordFile, ...]] = (
        RecordFile("school.yml", School, "school.yml 里写党校和讲师团的各宣讲队", _check_school),
        RecordFile(
            "lectures",
            Lecture,
            "lectures/ 里只放各年度的专题讲习，文件名是年份，例如 2025.yml",
            _check_lectures,
        ),
    )

    def build(self, given: YearInput) -> LectureBoard | None:
        return lecture_board(given)

    def pages(self, view: Any, board: LectureBoard) -> Sequence[BoardPage]:
        prints: list[PrintLink] = []
        if board.current and board.rows:
            prints.append(PrintLink("lectures", "专题讲习公示栏"))
        if board.current and board.teams:
            prints.append(PrintLink("lectures/teams", "党校讲师团名单"))
        return (
            BoardPage(
                "lectures",
                "lectures.md",
                "党校讲习",
                board,
                partials=("partials/nb/lectures-board.html",),
                prints=tuple(prints),
                year_link="党校讲习",
            ),
        )

    def branch_sections(self, view: Any, board: LectureBoard, branch_id: str) -> Sequence[BranchSection]:
        rows = board.by_branch.get(branch_id, ())
        if not rows:
            return ()
        return (BranchSection(70, "partials/nb/branch-lectures.html", BranchLectures(rows)),)

    def share_text(self, page: BoardPage) -> ShareText:
        board = page.view
        assert isinstance(board, LectureBoard)
        lines = [board.counts.sentence]
        if board.teams:
            lines.insert(0, f"讲师团 {len(board.teams)} 个宣讲队，讲师 {board.lecturer_count} 名")
        return ShareText(f"党校讲习（{board.year} 年度）", tuple(lines))

    def home_card(self, boards: Any, board: LectureBoard) -> HomeCard:
        line = board.counts.sentence
        if board.teams:
            line = f"宣讲队 {len(board.teams)} 个 · {line}"
        return HomeCard("党校讲习", line, "lectures")

    def print_pages(self, boards: Any, board: LectureBoard, printing: PrintContext) -> Sequence[PrintPage]:
        url = printing.live("lectures", "")
        pages = []
        if board.rows:
            poster = _lectures_poster(board, url + "#lectures", printing)
            pages.append(
                PrintPage("lectures", "打印：专题讲习公示栏", "专题讲习公示栏", ("lectures", ""), (poster,))
            )
        if board.teams:
            poster = _teams_poster(board, url + "#teams", printing)
            pages.append(
                PrintPage(
                    "lectures/teams", "打印：党校讲师团名单", "党校讲师团名单", ("lectures", ""), (poster,)
                )
            )
        return pages

    def open_data(self, board: LectureBoard) -> Mapping[str, object]:
        """``lectures.json``: the school and its teams (names and posts; no member ids), and the year's lectures."""
        return {
            "lectures.json": {
                "year": board.year,
                "schools": [
                    {
                        "name": school.name,
                        "place": school.place,
                        "head": _person_json(school.head),
                        "lecturers": school.lecturers,
                        "teams": [
                            {
                                "id": team.id,
                                "name": team.name,
                                "topics": list(team.topics),
                                "members": [_person_json(person) for person in team.members],
                            }
                            for team in school.teams
                        ],
                    }
                    for school in board.schools
                ],
                "lectures": [
                    {
                        "id": row.id,
                        "topic": row.topic,
                        "content": row.content,
                        "team": row.team,
                        "team_name": row.team_name,
                        "speaker": _person_json(row.speaker) if row.speaker else None,
                        "audience": row.audience,
                        "branches": ALL if row.branches is None else list(row.branches),
                        "place": row.place,
                        "deadline": json_values.date(row.deadline),
                        "date": json_values.date(row.date),
                        "status": row.status,
                        "overdue": row.overdue,
                        "attendance": row.attendance,
                    }
                    for row in board.rows
                ],
            }
        }

    def open_data_without_board(self, year: int) -> Mapping[str, object]:
        return {"lectures.json": {"year": year, "schools": [], "lectures": []}}

    def snapshot(self, boards: Any, board: LectureBoard) -> Mapping[str, Entry]:
        """The school (its place, head and 讲师团), each team's roster and topics, each lecture: a head
        replaced by another was published with no line in the change log."""
        entries = {
            f"school/{school.number}": Entry(
                school.name, {"地点": school.place, "校长": school.head.words, "讲师团": school.lecturers}
            )
            for school in board.schools
        }
        entries.update(
            (f"team/{team.id}", Entry(team.name, {"讲师": team.roster_words, "宣讲内容": team.topics_words}))
            for team in board.teams
        )
        for row in board.rows:
            entries[row.id] = Entry(
                f"专题讲习：{row.topic}",
                {
                    "时间": row.when,
                    "宣讲队": row.team_name or "—",
                    "状态": row.status_label,
                    "参学人数": str(row.attendance or "—"),
                },
            )
        return entries

    def sheets(self, boards: Any, board: LectureBoard) -> Sequence[Sheet]:
        """The year's lectures and the teams' rosters (with member ids, for the office)."""
        lectures = Sheet(
            f"{board.year}专题讲习",
            (
                Column("编号", 10),
                Column("专题", 24),
                Column("讲习内容", 36),
                Column("宣讲队", 16),
                Column("主讲人", 24),
                Column("参学对象", 30),
                Column("地点", 16),
                Column("完成时限", 12),
                Column("举办日期", 12),
                Column("状态", 8),
                Column("参学人数", 8, True),
                Column("逾期", 6),
            ),
            [
                (
                    row.id,
                    row.topic,
                    row.content,
                    row.team_name,
                    row.speaker.words if row.speaker else None,
                    row.audience,
                    row.place,
                    row.deadline,
                    row.date,
                    row.status_label,
                    row.attendance,
                    "逾期" if row.overdue else None,
                )
                for row in board.rows
            ],
            position=110,
        )
        registry: Registry = boards.registry
        roster = Sheet(
            f"{board.year}讲师团",
            (
                Column("宣讲队", 18),
                Column("姓名", 10),
                Column("职务", 30),
                Column("党员编号", 12),
                Column("宣讲内容", 40),
            ),
            [
                (
                    team.name,
                    _person(registry, lecturer).name,
                    lecturer.post,
                    lecturer.member,
                    "、".join(team.topics) or None,
                )
                for school in registry.records.get(SCHOOL, ())
                for team in school.teams
                for lecturer in team.members
            ],
            position=111,
        )
        return (lectures, roster) if board.current and board.teams else (lectures,)

    def figures(self, boards: Any, board: LectureBoard) -> Sequence[Figure]:
        """Attendance of each held lecture, as the township counts it (参学人次)."""
        held = [row for row in board.rows if row.held]
        if not held:
            return ()
        c = board.counts
        return (
            make_figure(
                "lecture_attendance",
                f"专题讲习参学人数（{board.year} 年度）：已举办 {c.held} 次，共 {c.attendance} 人次",
                "人",
                [(row.topic, row.attendance or 0) for row in held],
            ),
        )

    def reminders(self, boards: Any, view: Any, board: LectureBoard) -> Sequence[Problem]:
        """A planned lecture whose deadline (or planned date) has passed: held and not recorded, or late.
        With the current year's: a person of the school given a township post that ``site.yml``'s leaders
        give to someone else (:func:`_post_clashes`)."""
        registry: Registry = boards.registry
        found = _post_clashes(registry) if board.current else []
        places = iter(registry.record_places.get(LECTURES, ()))
        where = {}
        for year, lectures in sorted(registry.yearly_records.get(LECTURES, {}).items()):
            for lecture in lectures:
                place = next(places)
                if year == board.year:
                    where[lecture.id] = place
        for row in board.rows:
            if not row.overdue:
                continue
            place = where[row.id]
            key = "deadline" if row.deadline else "date"
            due = row.deadline or row.date
            message = (
                f"提醒：专题讲习“{row.topic}”的{'完成时限' if row.deadline else '计划日期'} {_date(due)} 已过，"
                "状态仍是 planned（计划中）；已举办的请改为 held 并写上 date 和 attendance，推迟的请改写时间"
            )
            found.append(Problem(place.file, place.line(key), message))
        return found

    def counts(self, boards: Any, board: LectureBoard) -> str:
        c = board.counts
        text = f"专题讲习 {c.total} 次（已举办 {c.held} 次，参学 {c.attendance} 人次；计划中 {c.planned} 次，逾期 {c.overdue} 次）"
        if board.teams:
            text += f"；讲师团 {len(board.teams)} 个宣讲队，讲师 {board.lecturer_count} 名"
        return text


def _roles(post: str | None) -> set[str]:
    """The posts one person's ``post`` names: ``镇党委委员、组织委员`` → 镇党委委员 and 组织委员."""
    return {role.strip() for role in re.split(r"[、，,;；]", post or "") if role.strip()}


def _post_clashes(registry: Registry) -> list[Problem]:
    """The school's head or a lecturer named with a post that only one leader of ``site.yml`` holds, under
    another name: the seed's 党校 is headed by 镇党委委员、组织委员 (the one in ``leaders``), and the
    boards would name two people as the township's 组织委员. A post several leaders share (镇党委委员,
    镇党委副书记) says nothing of who. A reminder, not an error: which of the two files is out of date is the
    office's to find."""
    holders: dict[str, set[str]] = {}
    for leader in registry.site.leaders:
        for role in _roles(leader.post):
            holders.setdefault(role, set()).add(leader.name)
    sole = {role: min(names) for role, names in holders.items() if len(names) == 1}
    found = []
    for school, place in zip(
        registry.records.get(SCHOOL, ()), registry.record_places.get(SCHOOL, ()), strict=True
    ):
        people = [(("head",), school.head)] + [
            (("teams", t, "members", m), lecturer)
            for t, team in enumerate(school.teams)
            for m, lecturer in enumerate(team.members)
        ]
        for keys, lecturer in people:
            person = _person(registry, lecturer)
            clash = next(
                (
                    (role, sole[role])
                    for role in sorted(_roles(person.post))
                    if sole.get(role, person.name) != person.name
                ),
                None,
            )
            if clash is not None:
                role, holder = clash
                found.append(
                    Problem(
                        place.file,
                        place.line(*keys),
                        f"提醒：{school.name}写的是“{person.words}”，而 site.yml 的 leaders 里{role}是{holder}；"
                        "同一职务写了两个人，请核对哪一处没有更新",
                    )
                )
    return found


def _person_json(person: Person) -> dict[str, str | None]:
    return {"name": person.name, "post": person.post}


KIND = LecturesKind()
