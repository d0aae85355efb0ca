"""Demo data of 表彰 (推先选优、逐级表彰): ``honours/<year>.yml`` for the site's year and the year before.

Each year's 七一 honours (proposed in June, publicised five days, awarded on 1 July): 先进基层党组织 —
village branches and, in the site's year, a 党总支 — 优秀共产党员 and 优秀党务工作者 from the members
with the highest points of the year (so the honoured are starred members); in the site's year also a
county honour and a 乡村振兴先进个人 in the autumn, and the year-end proposals still in their notice
period around the site's notice (most in the site's period, two with their own).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from noticeboard.registries.frozen import frozen

SALT = 1400
"""Added to the demo's seed, so this board's draws are its own."""
COUNTY = "中共云山县委"
"""The (made-up) county committee that awards county honours."""

MEMBER_REASONS = (
    "带领群众发展油茶产业，带动30户增收",
    "在项目一线协调村组道路建设，按期完工",
    "结对帮扶5户困难群众，全部稳定增收",
    "生产一线技术骨干，带头推广茶叶绿色种植",
    "组织党员志愿服务40余次，群众满意度高",
    "积极调解邻里纠纷，全年化解矛盾20余起",
    "牵头成立养殖合作社，带动群众务工就业",
)
TEACHER_REASONS = ("坚守教学一线，所带班级成绩全镇前列",)
ORGAN_REASONS = ("工作一线担当作为，全年为群众办实事30余件",)
WORKER_REASONS = (
    "党员发展和组织生活台账规范，全年无差错",
    "认真落实“三会一课”，支部资料规范齐全",
    "党费收缴及时足额，党员信息管理规范",
)
ORG_REASONS = (
    "村集体经济收入突破50万元，“三会一课”规范落实",
    "党建引领村企联建，带动200余户群众就业",
    "承诺事项全部兑现，群众满意度全镇前列",
    "人居环境整治成效明显，获评县级美丽村庄",
    "党群服务中心规范运行，便民服务全年无投诉",
    "带领群众发展特色种植，村集体经济稳步增长",
)
GENERAL_REASONS = ("统筹各支部推进人居环境整治，成效明显",)
RURAL_REVIVAL = ("返乡创办种植合作社，带动40户群众增收",)
TEACHING = ("zhen-zhongxue", "zhen-xiaoxue")


def write(out: Path, seed: int) -> None:
    """Write ``out/honours/<year>.yml`` for the site's year and the year before."""
    site = _load(out / "site.yml")
    branches: list[dict[str, Any]] = _load(out / "branches.yml") or []
    members: dict[str, list[dict[str, Any]]] = {
        path.stem: _load(path) or [] for path in sorted((out / "members").glob("*.yml"))
    }
    year: int = site["year"]
    rng = random.Random(seed + SALT)
    maker = _Honours(site, branches, members, rng)
    for made in (year - 1, year):
        records = maker.year(made, current=made == year)
        if records:
            folder = out / "honours"
            folder.mkdir(parents=True, exist_ok=True)
            text = _dump(
                records,
                f"{made} 年表彰（推先选优、逐级表彰）：不写 awarded_on 的是拟表彰对象，在公示期内接受监督",
            )
            (folder / f"{made}.yml").write_text(text, encoding="utf-8", newline="\n")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


def _dump(records: list[dict[str, Any]], comment: str) -> str:
    head = f"# yaml-language-server: $schema=../../docs/schema/honours.schema.json\n# {comment}\n"
    body = yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return head + body


class _Dumper(yaml.SafeDumper):
    """YAML as the office writes it: every date written out, no anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Honours:
    """Draws the honours of each year from the registry already written."""

    def __init__(
        self,
        site: dict[str, Any],
        branches: list[dict[str, Any]],
        members: dict[str, list[dict[str, Any]]],
        rng: random.Random,
    ) -> None:
        self.site = site
        self.branches = branches
        self.members = members
        self.rng = rng
        self.used: set[str] = set()
        self.count = 0
        self.records: list[dict[str, Any]] = []
        self.reasons: dict[tuple[str, ...], list[str]] = {}
        """Each list of reasons, drawn without repeats until it runs out."""

    def year(self, year: int, *, current: bool) -> list[dict[str, Any]]:
        self.count, self.records = 0, []
        township = self.site["organisation"]
        june = _july_first(year)
        for branch in self._organisations(year, "village", 1 if current else 2):
            self._add(year, "先进基层党组织", branch["id"], township, "township", june, ORG_REASONS)
        if current:
            for general in self._organisations(year, "general", 1):
                self._add(year, "先进基层党组织", general["id"], township, "township", june, GENERAL_REASONS)
        best = self._best_members(year)
        excellent = 3 if current else 2
        for member, branch_id in best[:excellent]:
            self._add(
                year, "优秀共产党员", member["id"], township, "township", june, _reasons(member, branch_id)
            )
        for member, _ in best[excellent : excellent + 1]:
            self._add(year, "优秀党务工作者", member["id"], township, "township", june, WORKER_REASONS)
        if not current:
            return self.records
        county = _Dates(dt.date(year, 6, 10), dt.date(year, 6, 11), 7, dt.date(year, 6, 28))
        for branch in self._organisations(year, "village", 1):
            self._add(year, "先进基层党组织", branch["id"], COUNTY, "county", county, ORG_REASONS)
        rest = best[excellent + 1 :]
        if rest:
            member, branch_id = rest[0]
            self._add(
                year, "优秀共产党员", member["id"], COUNTY, "county", county, _reasons(member, branch_id)
            )
        autumn = _Dates(dt.date(year, 9, 20), dt.date(year, 9, 22), 5, dt.date(year, 9, 30))
        if len(rest) > 1:
            member, _ = rest[1]
            self._add(year, "乡村振兴先进个人", member["id"], township, "township", autumn, RURAL_REVIVAL)
        self._year_end(year, township, rest[2:])
        return self.records

    def _year_end(self, year: int, township: str, best: list[tuple[dict[str, Any], str]]) -> None:
        """The year's proposals still in their notice period: two in the site's, two in their own."""
        notice = self.site["notice"]
        start: dt.date = notice["start"]
        proposed = start - dt.timedelta(days=1)
        in_site = _Dates(proposed, None, 0, None)
        for member, branch_id in best[:2]:
            reasons = _reasons(member, branch_id)
            self._add(year, "优秀共产党员", member["id"], township, "township", in_site, reasons)
        own = _Dates(proposed, start, 5, None)
        for branch in self._organisations(year, "village", 1):
            self._add(year, "先进基层党组织", branch["id"], township, "township", own, ORG_REASONS)
        later = _Dates(proposed, start + dt.timedelta(days=1), 7, None)
        for member, _ in best[2:3]:
            self._add(year, "优秀党务工作者", member["id"], township, "township", later, WORKER_REASONS)

    def _organisations(self, year: int, kind: str, count: int) -> list[dict[str, Any]]:
        """``count`` organisations of ``kind`` graded 好 in ``year`` and not yet honoured that year."""
        good = [
            branch
            for branch in self.branches
            if branch.get("kind") == kind
            and (branch.get("grade") or {}).get(year) == "好"
            and branch["id"] not in self.used
        ]
        return self.rng.sample(good, min(count, len(good)))

    def _best_members(self, year: int) -> list[tuple[dict[str, Any], str]]:
        """Members with 90 points or more in ``year`` (三星), in a drawn order, teachers and organs among them."""
        found = [
            (member, branch_id)
            for branch_id, people in self.members.items()
            for member in people
            if (member.get("points") or {}).get(year, 0) >= 90 and member["id"] not in self.used
        ]
        self.rng.shuffle(found)
        return found

    def _add(
        self, year: int, title: str, who: str, by: str, level: str, dates: _Dates, reasons: tuple[str, ...]
    ) -> None:
        self.used.add(who)
        self.count += 1
        record: dict[str, Any] = {
            "id": f"h{year}-{self.count:03d}",
            "title": title,
            "who": who,
            "by": by,
            "level": level,
            "proposed_on": dates.proposed,
        }
        if dates.notice is not None:
            record["notice"] = {"start": dates.notice, "days": dates.days}
        if dates.awarded is not None:
            record["awarded_on"] = dates.awarded
        pool = self.reasons.get(reasons)
        if not pool:
            pool = self.reasons[reasons] = self.rng.sample(reasons, len(reasons))
        record["reason"] = pool.pop()
        self.records.append(record)


@frozen
class _Dates:
    """When an honour was proposed, its own notice period (None: the site's) and when it was awarded."""

    proposed: dt.date
    notice: dt.date | None
    days: int
    awarded: dt.date | None


def _reasons(member: dict[str, Any], branch_id: str) -> tuple[str, ...]:
    """What a 优秀共产党员 is praised for: a teacher's classes, an official's work, else work in the village."""
    if branch_id in TEACHING:
        return TEACHER_REASONS
    return ORGAN_REASONS if member.get("category") == "organ" else MEMBER_REASONS


def _july_first(year: int) -> _Dates:
    """七一表彰: proposed on 20 June, publicised 21–25 June, awarded on 1 July."""
    return _Dates(dt.date(year, 6, 20), dt.date(year, 6, 21), 5, dt.date(year, 7, 1))
