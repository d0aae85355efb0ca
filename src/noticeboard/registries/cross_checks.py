"""Cross-references between registries, checked after each record is valid on its own.

Why a separate pass: a member file names a branch, a ledger entry names a
member, a commitment names its maker. These can only be checked once every
file has been read, and each problem must still point at its own line.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from noticeboard.registries.errors import Problems, display_path
from noticeboard.registries.messages import id_hint
from noticeboard.registries.models import Branch, LedgerEntry, Member, Schemes, Site
from noticeboard.registries.models.scheme import COMPONENT_LABELS, VenueScheme, WeightedScheme
from noticeboard.registries.models.site import COMMITTEE
from noticeboard.registries.photos import PhotoChecks, check_photo
from noticeboard.registries.reading import Loaded, Located, Place, RecordPlace, Registry, Story
from noticeboard.registries.record_files import Known, RecordFile


def build_registry(
    loaded: Loaded,
    problems: Problems,
    stories_dir: Path | None,
    declared: Sequence[RecordFile] = (),
    photo_checks: PhotoChecks | None = None,
) -> Registry:
    """Check every cross-reference (the kinds' ``declared`` files by their own checks); raise
    :class:`RegistryError` listing all problems. ``photo_checks`` remembers the photos found usable.

    What the registry holds (each member's first record, the ledgers by member) is found first, as if the
    data were right; the checks then report where it is not."""
    schemes = loaded.schemes.record if loaded.schemes else Schemes()
    branches = {b.record.id: b.record for b in loaded.branches}
    firsts, branch_of = _first_members(loaded)
    members = [located.record for located in firsts]
    ledgers = _ledgers(loaded, branch_of)
    declared_records = {
        record_file.key: loaded.records.get(record_file.key, [])
        + [
            item
            for _, items in sorted(loaded.yearly_records.get(record_file.key, {}).items())
            for item in items
        ]
        for record_file in declared
    }
    _cross_check(loaded, schemes, branches, firsts, branch_of, declared, declared_records, problems)
    photos = _check_photos(loaded, problems, photo_checks.check if photo_checks else check_photo)
    problems.raise_if_any()
    assert loaded.site is not None  # a missing site.yml is a problem raised above
    site: Site = loaded.site.record
    shown = _Shown(problems.root)
    stories = tuple(
        Story(
            path=story.path.relative_to(stories_dir).as_posix() if stories_dir else story.path.name,
            meta=story.record,
            title=loaded.story_titles[story.path],
        )
        for story in loaded.stories
        if not story.record.draft  # (checked with the others; the blog publishes it only while serving)
    )
    return Registry(
        site=site,
        schemes=schemes,
        branches=tuple(located.record for located in loaded.branches),
        members=tuple(members),
        branch_of=branch_of,
        ledgers=ledgers,
        commitments={
            year: tuple(located.record for located in items)
            for year, items in sorted(loaded.commitments.items())
        },
        stories=stories,
        reviews={
            year: tuple(located.record for located in items) for year, items in sorted(loaded.reviews.items())
        },
        photos=photos,
        sources=loaded.files,
        places={located.record.id: _place(located, shown) for located in loaded.branches},
        records={key: tuple(item.record for item in items) for key, items in loaded.records.items()},
        yearly_records={
            key: {year: tuple(item.record for item in items) for year, items in sorted(by_year.items())}
            for key, by_year in loaded.yearly_records.items()
        },
        record_places={
            key: tuple(RecordPlace(shown(item.path), item) for item in items)
            for key, items in declared_records.items()
        },
        empty_files=tuple(shown(path) for path in loaded.empty),
    )


def _cross_check(
    loaded: Loaded,
    schemes: Schemes,
    branches: dict[str, Branch],
    firsts: list[Located[Member]],
    branch_of: dict[str, str],
    declared: Sequence[RecordFile],
    declared_records: dict[str, list[Located[Any]]],
    problems: Problems,
) -> None:
    """Every check but the photos' (:func:`_check_photos` also finds them for the registry)."""
    _check_branches(loaded, branches, schemes, problems)
    _check_members(loaded, branches, firsts, schemes, problems)
    _check_ledgers(loaded, branch_of, firsts, problems)
    leaders = _check_leaders(loaded, branches, branch_of, problems)
    known = set(branches) | set(branch_of) | leaders | {COMMITTEE}
    _check_commitments(loaded, known, branches, branch_of, problems)
    _check_stories(loaded, branches, problems)
    _check_reviews(loaded, branches, branch_of, problems)
    site = loaded.site.record if loaded.site else None
    members = {located.record.id: located.record for located in firsts}
    known_records = Known(site, branches, members, branch_of, loaded.may_exist, declared_records)
    for record_file in declared:
        if record_file.check is not None:
            record_file.check(declared_records[record_file.key], known_records, problems)


def _duplicates(items: Sequence[Located[Any]], what: str, problems: Problems) -> None:
    """Report every ``id`` seen before, naming where it was first used."""
    ids = [located.record.id for located in items]
    if len(set(ids)) == len(ids):  # (the usual case, asked at C speed: a county's 40,000 members)
        return
    first: dict[str, Located[Any]] = {}
    for key, located in zip(ids, items, strict=True):
        if key in first:
            earlier = first[key]
            where = display_path(earlier.path, problems.root)
            problems.add(
                located.path,
                located.line("id"),
                f"{what}编号“{key}”重复，已在 {where}:{earlier.line('id')} 使用；编号必须唯一",
            )
        else:
            first[key] = located


def _check_branches(loaded: Loaded, by_id: dict[str, Branch], schemes: Schemes, problems: Problems) -> None:
    """Ids are unique, a parent is a 党总支, and each year's scores, venue checks and rectification fit."""
    items = loaded.branches
    _duplicates(items, "党组织", problems)
    for located in items:
        branch = located.record
        if branch.parent is not None:
            parent = by_id.get(branch.parent)
            if parent is None and not loaded.may_exist("branches", branch.parent):
                problems.add(
                    located.path, located.line("parent"), f"所属党总支“{branch.parent}”不存在于 branches.yml"
                )
            elif parent is not None and not parent.is_general:
                problems.add(
                    located.path,
                    located.line("parent"),
                    f"“{branch.parent}”不是党总支（kind: general），不能作为 parent",
                )
            elif parent is not None and branch.is_general:
                problems.add(
                    located.path, located.line("parent"), "党总支（kind: general）不能再有上级 parent"
                )
        if branch.is_general and branch.assessments:
            problems.add(
                located.path,
                located.line("assessments"),
                "党总支（kind: general）不参与支部评星，不应有 assessments",
            )
        _check_weighted(located, "assessments", branch.assessments, schemes.branch, problems)
        _check_weighted(located, "duty_report", branch.duty_report, schemes.duty_report, problems)
        _check_venues(located, schemes.venue, problems)
        for year in branch.rectification:
            if year not in branch.grade:
                problems.add(
                    located.path,
                    located.line("rectification", year),
                    f"{year} 年写了整顿转化 rectification，但 grade 中没有 {year} 年的分类定级",
                )
            elif (
                branch.grade[year] != "较差"
            ):  # (else in the open data and on no board, which shows it by 较差)
                problems.add(
                    located.path,
                    located.line("rectification", year),
                    f"{year} 年分类定级为“{branch.grade[year]}”，不需要整顿转化；rectification 写在定为“较差”的"
                    "年度下，请核对年份",
                )


def _place(located: Located[Branch], shown: _Shown) -> Place:
    """Where an organisation's yearly entries are written, kept for reminders about them."""
    branch = located.record
    keys: list[tuple[str | int, ...]] = [("id",)]
    for name in ("assessments", "duty_report", "grade", "venue"):
        keys += [(name, year) for year in getattr(branch, name)]
    for year in branch.rectification:
        keys += [("rectification", year), ("rectification", year, "deadline")]
    return Place(shown(located.path), located, frozenset(keys))


class _Shown:
    """File names as messages show them (:func:`display_path`), each found once: finding one resolves
    its folder on disk, and a county's 2,000 organisations are all in one file."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.known: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        found = self.known.get(path)
        if found is None:
            found = self.known[path] = display_path(path, self.root)
        return found


WEIGHTED_NAMES = {"assessments": "考核", "duty_report": "述职考核"}


def _check_weighted(
    located: Located[Branch],
    key: str,
    by_year: dict[int, dict[str, Any]],
    scheme: WeightedScheme,
    problems: Problems,
) -> None:
    """Each year's scores name every component of the scheme, or only ``score`` (the total)."""
    shape = "、".join(f"{name}（{COMPONENT_LABELS.get(name, name)}）" for name in scheme.components)
    for year, scores in by_year.items():
        keys = set(scores)
        if keys != {"score"} and keys != set(scheme.components):
            problems.add(
                located.path,
                located.line(key, year),
                f"{year} 年的{WEIGHTED_NAMES[key]}应写全 {shape}，或只写 score（总分）；"
                f"现在写的是 {'、'.join(sorted(keys)) or '空'}",
            )


def _check_venues(located: Located[Branch], scheme: VenueScheme, problems: Problems) -> None:
    """Checklist items must be the scheme's; stars derived from checks need every item."""
    items = scheme.items
    for year, venue in located.record.venue.items():
        for item in venue.checks:
            if item not in items:
                close = difflib.get_close_matches(item, items, n=1, cutoff=0.5)
                hint = f"，是不是“{close[0]}”？" if close else f"；检查项应为：{'、'.join(items)}"
                problems.add(
                    located.path,
                    located.line("venue", year, "checks", item),
                    f"“{item}”不是 schemes.yml 中活动场所的检查项{hint}",
                )
        missing = [item for item in items if item not in venue.checks]
        if venue.stars is None and missing:
            problems.add(
                located.path,
                located.line("venue", year, "checks"),
                f"{year} 年没有写核定星级 stars，要按检查项评定，但缺少这些检查项：{'、'.join(missing)}"
                "（达标写 true，未达标写 false）",
            )


def _first_members(loaded: Loaded) -> tuple[list[Located[Member]], dict[str, str]]:
    """Each member id's first record, in file order, and member id → the branch whose file lists it.
    A repeated id is reported by :func:`_check_members`."""
    everyone = list(chain.from_iterable(loaded.members.values()))
    branch_of = {
        located.record.id: branch_id for branch_id, items in loaded.members.items() for located in items
    }
    if len(branch_of) == len(everyone):  # no id repeated (else the dictionary kept the last branch of one)
        return everyone, branch_of
    firsts: list[Located[Member]] = []
    branch_of = {}
    for branch_id, items in loaded.members.items():
        for located in items:
            if located.record.id not in branch_of:
                branch_of[located.record.id] = branch_id
                firsts.append(located)
    return firsts, branch_of


def _ledgers(loaded: Loaded, branch_of: dict[str, str]) -> dict[int, dict[str, tuple[LedgerEntry, ...]]]:
    """Year → member id → that member's ledger entries, in file order (a year only with an entry). An entry
    naming no member is left out (:func:`_check_ledgers` reports it)."""
    ledgers: dict[int, dict[str, tuple[LedgerEntry, ...]]] = {}
    for year, files in sorted(loaded.ledgers.items()):
        by_member: dict[str, list[LedgerEntry]] = {}
        for entries in files.values():
            for located in entries:
                entry = located.record
                if entry.member in branch_of:
                    found = by_member.get(entry.member)
                    if found is None:
                        by_member[entry.member] = [entry]
                    else:
                        found.append(entry)
        if by_member:
            ledgers[year] = {member: tuple(entries) for member, entries in by_member.items()}
    return ledgers


def _check_members(
    loaded: Loaded,
    branches: dict[str, Branch],
    firsts: list[Located[Member]],
    schemes: Schemes,
    problems: Problems,
) -> None:
    """Each member file is named for a 党支部, ids are unique, and points are within the scheme's range."""
    low, high = schemes.member.ledger.min, schemes.member.ledger.max
    for branch_id, path in loaded.member_files.items():
        branch = branches.get(branch_id)
        if branch is None and not loaded.may_exist("branches", branch_id):
            problems.add(
                path,
                0,
                f"文件名“{branch_id}”不是 branches.yml 中任何党支部的编号；文件名应为所属党支部的编号",
            )
        elif branch is not None and branch.is_general:
            problems.add(path, 0, f"“{branch_id}”是党总支；党员应列在所在党支部的文件里")
    _duplicates(list(chain.from_iterable(loaded.members.values())), "党员", problems)
    site_year = loaded.site.record.year if loaded.site is not None else None
    for located in firsts:
        _check_dates(located, site_year, problems)
        exempt = located.record.exempt
        for year, points in located.record.points.items():
            if not low <= points <= high:
                problems.add(
                    located.path,
                    located.line("points", year),
                    f"{year} 年的积分 {points} 超出范围：应在 {low} 到 {high} 之间",
                )
            if year in exempt:  # (the member was rated as exempt: the points were on no board)
                problems.add(
                    located.path,
                    located.line("exempt", year),
                    f"{year} 年既填写了积分 {points}，又写明不参与评星；两者只能写一种",
                )


def _check_dates(located: Located[Member], year: int | None, problems: Problems) -> None:
    """A member's pioneer post was set up by the year after the site's ``year``, and the birth year and
    joining day are possible: joined by the year after the site's ``year`` (the
    office enters new members ahead: they are counted from the year they join), and at eighteen or older
    (the year of joining less the year of birth is at least the age then). Why: the statistics page counts
    ages and years in the Party from them, and a typo (2099, born 2020) passed as a member of the future."""
    member = located.record
    since = member.post.since if member.post is not None else None
    if since is not None and year is not None and since.year > year + 1:  # (published as a post in place)
        problems.add(
            located.path,
            located.line("post", "since"),
            f"先锋岗的设岗日期 {since.isoformat()} 在 {year + 1} 年之后（site.yml 的 year 是 {year}）；请核对",
        )
    if member.joined is not None and year is not None and member.joined.year > year + 1:
        problems.add(
            located.path,
            located.line("joined"),
            f"入党时间 {member.joined.isoformat()} 在 {year + 1} 年之后（site.yml 的 year 是 {year}）；请核对",
        )
    elif member.joined is not None and member.born is not None and member.joined.year - member.born < 18:
        problems.add(
            located.path,
            located.line("born"),
            f"出生年份 {member.born} 与入党时间 {member.joined.isoformat()} 不符：入党时未满十八岁；"
            "请核对出生年份和入党时间",
        )


def _check_ledgers(
    loaded: Loaded, branch_of: dict[str, str], firsts: list[Located[Member]], problems: Problems
) -> None:
    """Each entry names a member of the file's branch, is dated in its year, and is for a member whose
    total for the year is not also written, nor exempt that year (reported once a member and year)."""
    branch_ids = {b.record.id for b in loaded.branches}
    totals = {m.record.id: m for m in firsts if m.record.points or m.record.exempt} if loaded.ledgers else {}
    """Member id → the record of a member with a total written, or exempt, for some year."""
    clashed: set[tuple[int, str]] = set()
    for year, files in sorted(loaded.ledgers.items()):
        for branch_id, entries in files.items():
            path = loaded.ledger_files[(year, branch_id)]
            if branch_id not in branch_ids and not loaded.may_exist("branches", branch_id):
                problems.add(path, 0, f"文件名“{branch_id}”不是 branches.yml 中任何党支部的编号")
            for located in entries:
                entry = located.record
                owner = branch_of.get(entry.member)
                if owner is None:
                    if not loaded.may_exist("members", entry.member):
                        problems.add(located.path, located.line("member"), f"党员编号“{entry.member}”不存在")
                    continue
                if owner != branch_id:
                    problems.add(
                        located.path,
                        located.line("member"),
                        f"党员“{entry.member}”属于“{owner}”，应记在 points/{year}/{owner}.yml",
                    )
                if entry.date.year != year:
                    problems.add(located.path, located.line("date"), f"日期 {entry.date} 不在 {year} 年内")
                clash = totals.get(entry.member)
                if clash is not None and year in clash.record.points and (year, entry.member) not in clashed:
                    clashed.add((year, entry.member))
                    problems.add(
                        located.path,
                        located.line("member"),
                        f"党员“{entry.member}”的 {year} 年积分已在 {display_path(clash.path, problems.root)}:"
                        f"{clash.line('points', year)} 直接填写了总分；台账和总分只能用一种",
                    )
                elif (
                    clash is not None and year in clash.record.exempt and (year, entry.member) not in clashed
                ):
                    clashed.add((year, entry.member))  # (its entries were on no board: the member is exempt)
                    problems.add(
                        located.path,
                        located.line("member"),
                        f"党员“{entry.member}”已在 {display_path(clash.path, problems.root)}:"
                        f"{clash.line('exempt', year)} 写明 {year} 年不参与评星；台账里不能再记这一年的积分",
                    )


def _check_commitments(
    loaded: Loaded,
    known: set[str],
    branches: dict[str, Branch],
    branch_of: dict[str, str],
    problems: Problems,
) -> None:
    _duplicates(list(chain.from_iterable(loaded.commitments.values())), "承诺", problems)
    site = loaded.site.record if loaded.site is not None else None
    for year, items in loaded.commitments.items():
        # The day the year's board is judged at (none for a year being prepared, after site.yml's year: it is
        # not on a board yet).
        as_of = site.as_of if site and site.as_of and year <= site.year else None
        for located in items:
            fulfilled = located.record.fulfilled_on
            if as_of and fulfilled and fulfilled > as_of:
                problems.add(
                    located.path,
                    located.line("fulfilled_on"),
                    f"兑现日期 {fulfilled.isoformat()} 晚于统计日 {as_of.isoformat()}（site.yml 的 as_of）："
                    "公示栏公示的是统计日那天的状态，那时还没有兑现；请核对兑现日期，"
                    "或把 site.yml 的 as_of 改为兑现之后的日期",
                )
            made = located.record.made
            if made is not None and made.year > year:  # (it was published on the earlier year's board)
                problems.add(
                    located.path,
                    located.line("made"),
                    f"承诺日期 {made.isoformat()} 在 {year} 年之后：这是 {made.year} 年的承诺，"
                    f"请写在 commitments/{made.year}.yml 里",
                )
            if as_of:
                for index, update in enumerate(located.record.updates):
                    if update.date > as_of:  # (published as if it had happened by the 统计日)
                        problems.add(
                            located.path,
                            located.line("updates", index, "date"),
                            f"进展记录的日期 {update.date.isoformat()} 晚于统计日 {as_of.isoformat()}"
                            "（site.yml 的 as_of）：公示栏公示的是统计日那天的情况；请核对日期，"
                            "或把 site.yml 的 as_of 改为这之后的日期",
                        )
            maker = located.record.by
            if maker not in known:
                if any(loaded.may_exist(kind, maker) for kind in ("members", "branches", "site")):
                    continue  # (a member, an organisation or a leader of a file that could not be read)
                problems.add(
                    located.path,
                    located.line("by"),
                    f"承诺人“{maker}”既不是党员编号、党组织编号，也不是 site.yml 中 leaders 的领导编号"
                    f"（镇党委本身写 {COMMITTEE}）{id_hint(maker, known)}",
                )
            elif maker in branches and maker in branch_of:
                problems.add(
                    located.path,
                    located.line("by"),
                    f"“{maker}”既是党员编号又是党组织编号，无法确定承诺人；请修改其中一个编号",
                )


def _check_leaders(
    loaded: Loaded, branches: dict[str, Branch], branch_of: dict[str, str], problems: Problems
) -> set[str]:
    """The township leaders' ids: unique, and none the same as a member's, an organisation's or ``committee``."""
    if loaded.site is None:
        return set()
    located = loaded.site
    seen: set[str] = set()
    for index, leader in enumerate(located.record.leaders):
        line = located.line("leaders", index, "id")
        if leader.id in seen:
            problems.add(located.path, line, f"领导编号“{leader.id}”重复")
        elif leader.id == COMMITTEE or leader.id in branches or leader.id in branch_of:
            what = (
                "镇党委的固定写法"
                if leader.id == COMMITTEE
                else ("党组织编号" if leader.id in branches else "党员编号")
            )
            problems.add(
                located.path, line, f"领导编号“{leader.id}”与{what}相同，承诺人无法区分；请换一个编号"
            )
        seen.add(leader.id)
    return seen


def _check_stories(loaded: Loaded, branches: dict[str, Branch], problems: Problems) -> None:
    for located in loaded.stories:
        for index, branch_id in enumerate(located.record.branches):
            if branch_id not in branches and not loaded.may_exist("branches", branch_id):
                problems.add(located.path, located.line("branches", index), f"党支部编号“{branch_id}”不存在")


def _check_reviews(
    loaded: Loaded, branches: dict[str, Branch], branch_of: dict[str, str], problems: Problems
) -> None:
    """A review's subject exists and fits its level: 支部 reviews members, 镇党委 and 总支 review organisations."""
    for items in loaded.reviews.values():
        for located in items:
            review = located.record
            subject = review.subject
            contact = review.reviewer.contact
            if contact is not None and contact not in branches and not loaded.may_exist("branches", contact):
                problems.add(
                    located.path,
                    located.line("reviewer", "contact"),
                    f"联系村“{contact}”不是党组织编号{id_hint(contact, branches)}",
                )
            if review.work is not None and subject in branches:
                problems.add(
                    located.path,
                    located.line("work"),
                    f"“{subject}”是党组织；点评党组织应写 overall、achievements、problems、direction（总体评价、取得成绩、存在问题、努力方向）",
                )
            is_member, is_branch = subject in branch_of, subject in branches
            if not (is_member or is_branch):
                if not (loaded.may_exist("members", subject) or loaded.may_exist("branches", subject)):
                    problems.add(
                        located.path,
                        located.line("subject"),
                        f"被点评对象“{subject}”既不是党员编号，也不是党组织编号",
                    )
                continue
            if is_member and is_branch:
                problems.add(
                    located.path,
                    located.line("subject"),
                    f"“{subject}”既是党员编号又是党组织编号，无法确定被点评对象；请修改其中一个编号",
                )
            elif review.level == "branch" and not is_member:
                problems.add(
                    located.path,
                    located.line("level"),
                    f"支部点评（branch）的对象应为党员，“{subject}”是党组织；点评党组织书记请写 committee 或 general",
                )
            elif review.level != "branch" and is_member:
                problems.add(
                    located.path,
                    located.line("level"),
                    f"“{subject}”是党员，党支部对党员的点评应写 level: branch",
                )
            elif review.level == "general" and branches[subject].is_general:
                problems.add(
                    located.path,
                    located.line("level"),
                    f"“{subject}”是党总支；对党总支书记的点评由镇党委作出，应写 level: committee",
                )


def _check_photos(
    loaded: Loaded, problems: Problems, check: Callable[[Path], str | None] = check_photo
) -> dict[str, Path]:
    """Every photo a pioneer post names is an image under ``data/photos/`` that can be opened."""
    found: dict[str, Path] = {}
    if loaded.photos_dir is None:
        return found
    for items in loaded.members.values():
        for located in items:
            post = located.record.post
            if post is None or post.photo is None:
                continue
            if post.photo not in found:
                path = loaded.photos_dir / post.photo
                trouble = check(path)
                if trouble is not None:
                    problems.add(located.path, located.line("post", "photo"), trouble)
                    continue
                found[post.photo] = path
    return found
