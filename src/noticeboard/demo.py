"""A fictional township's registries, generated from a seed.

The demo township (青山镇) has the shape of the source documents' township:
48 branches (31 village, 15 organ and institution, 1 enterprise, 1 non-public
enterprise founded this year) under a few general branches, about 810 members
(65% rural, 13% floating; a quarter under 35 and a fifth over 60), two
assessment years, commitments, ledgers and exempt members. All names are made
up. The same generator makes county-scale registries for tests and benchmarks.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw

from noticeboard.registries.models.scheme import DEFAULT_CHECKLIST

YEARS = (2024, 2025)
SITE_YEAR = 2025
AS_OF = dt.date(2026, 1, 5)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "建国明华秀英桂兰玉梅志强海燕红霞春林晓东丽娟德胜金凤永福家兴文军春生小平国庆建平新民学文云芳卫东晓燕"
    "德华海涛兴旺光明长青立新泽民世杰美玲淑珍绍华润生宏伟国平振华继红爱民子豪欣怡梓涵浩然思雨俊杰雪梅"
)
VILLAGES = ("青山", "龙潭", "石桥", "柳湾", "桃源", "松林")
VILLAGE_UNITS = ("第一", "第二", "第三", "第四", "第五", "第六", "老年", "产业")
ORGANS = (
    ("zhen-jiguan", "镇机关党支部", "organ"),
    ("zhen-renda", "镇人大党支部", "organ"),
    ("zhen-zhengfa", "镇政法党支部", "organ"),
    ("zhen-paichusuo", "镇派出所党支部", "organ"),
    ("zhen-caizheng", "镇财政所党支部", "organ"),
    ("zhen-guotu", "镇国土所党支部", "organ"),
    ("zhen-nongye", "镇农业服务中心党支部", "organ"),
    ("zhen-weisheng", "镇卫生院党支部", "institution"),
    ("zhen-zhongxue", "镇中学党支部", "institution"),
    ("zhen-xiaoxue", "镇中心小学党支部", "institution"),
    ("zhen-linye", "镇林业站党支部", "institution"),
    ("zhen-shuiwu", "镇水务站党支部", "institution"),
    ("zhen-wenhua", "镇文化站党支部", "institution"),
    ("zhen-shebao", "镇社保中心党支部", "institution"),
    ("zhen-gongdian", "镇供电所党支部", "institution"),
)
ETHNICITIES = ("汉族",) * 17 + ("彝族", "苗族", "布依族")
EDUCATION_HIGH = ("大学本科", "大专", "研究生")
EDUCATION_MID = ("高中", "中专")
EDUCATION_LOW = ("初中", "小学")
EXEMPT_REASONS = (
    "年老体弱，长期卧床，经申请同意不参与评星",
    "长期患病治疗，经申请同意不参与评星",
    "随子女在外地居住，经申请同意不参与评星",
)
MEMBER_PROMISES = (
    "带头参加村庄环境整治，全年不少于 {n} 次",
    "结对帮扶 {n} 户困难群众发展种养产业",
    "每月走访联系户，全年收集群众意见 {n} 条以上",
    "带头推广稻虾共养技术，带动 {n} 户群众增收",
    "参加志愿服务活动不少于 {n} 次",
    "宣传森林防火和秸秆禁烧政策，入户 {n} 户",
    "为群众代办各类事项 {n} 件以上",
    "带头调解邻里纠纷，全年不少于 {n} 起",
)
ORGAN_PROMISES = (
    "为群众办事做到一次告知、限时办结，全年办理 {n} 件",
    "联系 {n} 户群众，每季度走访一次",
    "参加党员志愿服务不少于 {n} 次",
    "完成业务培训 {n} 学时",
)
BRANCH_PROMISES = (
    "年内硬化村组道路 {n} 公里",
    "新建或修缮饮水管道 {n} 处，解决群众饮水困难",
    "全年开展主题党日活动 {n} 次，三会一课按时召开",
    "发展壮大村集体经济，集体收入增加 {n} 万元",
    "为群众办实事 {n} 件",
)
LEDGER_ITEMS = (
    ("参加主题党日", Decimal(2)),
    ("参加志愿服务", Decimal(3)),
    ("按时交纳党费", Decimal(2)),
    ("结对帮扶困难群众", Decimal(5)),
    ("参加党员学习", Decimal(2)),
    ("无故缺席组织生活", Decimal(-5)),
    ("带头调解邻里纠纷", Decimal(4)),
)


@dataclass(frozen=True)
class Shape:
    """How big a registry to make."""

    branches: int = 48
    members: int = 810
    seed: int = 2025
    commitment_share: float = 0.5
    """Share of members making a commitment each year (a year's commitments are one file, at most 10 MB)."""


class _Dumper(yaml.SafeDumper):
    """YAML that office staff can read: Chinese as is, decimals as written, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    return dumper.represent_scalar(
        "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int", text
    )


_Dumper.add_representer(Decimal, _decimal)


def dump(data: Any, schema: str | None = None, comment: str = "") -> str:
    """YAML text with an optional schema line and header comment."""
    lines = []
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
    lines.extend(f"# {line}" if line else "#" for line in comment.splitlines())
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return "\n".join([*lines, body]) if lines else body


def _pick_name(rng: random.Random) -> str:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.25:
        return surname + rng.choice(GIVEN)
    start = rng.randrange(0, len(GIVEN) - 1, 2)
    return surname + GIVEN[start : start + 2]


def _score(rng: random.Random, mean: float, spread: float) -> Decimal:
    value = max(35.0, min(100.0, rng.gauss(mean, spread)))
    if rng.random() < 0.5:
        return Decimal(round(value))
    return Decimal(round(value * 10)) / 10


class _Township:
    """Builds the registries in memory, then writes them as files."""

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.rng = random.Random(shape.seed)
        self.branches: list[dict[str, Any]] = []
        self.members: dict[str, list[dict[str, Any]]] = {}
        self.ledgers: dict[int, dict[str, list[dict[str, Any]]]] = {}
        self.commitments: dict[int, list[dict[str, Any]]] = {year: [] for year in YEARS}

    # Branches ---------------------------------------------------------------
    def make_branches(self) -> None:
        total = self.shape.branches
        villages = round(total * 31 / 48)
        organs = max(0, total - villages - 2)
        generals_needed = max(1, round(villages / 5.2))
        village_ids: list[str] = []
        for index in range(generals_needed):
            name = VILLAGES[index % len(VILLAGES)] + (
                str(index // len(VILLAGES) + 1) if index >= len(VILLAGES) else ""
            )
            gid = f"v{index + 1:03d}" if total > 48 else _pinyin_id(index)
            self.branches.append(
                {"id": gid, "name": f"{name}村党总支", "kind": "general", "secretary": _pick_name(self.rng)}
            )
            village_ids.append(gid)
        for index in range(villages):
            parent_index = index % generals_needed
            parent = self.branches[parent_index]
            unit = VILLAGE_UNITS[(index // generals_needed) % len(VILLAGE_UNITS)]
            number = index // generals_needed // len(VILLAGE_UNITS)
            suffix = f"{number + 1}" if number else ""
            self.branches.append(
                {
                    "id": f"{parent['id']}-{index // generals_needed + 1}",
                    "name": f"{parent['name'].removesuffix('党总支')}{unit}{suffix}党支部",
                    "kind": "village",
                    "parent": parent["id"],
                    "secretary": _pick_name(self.rng),
                }
            )
        organ_general = {
            "id": "zhen-zhizhi",
            "name": "镇直机关党总支",
            "kind": "general",
            "secretary": _pick_name(self.rng),
        }
        self.branches.append(organ_general)
        for index in range(organs):
            oid, name, kind = ORGANS[index % len(ORGANS)]
            if index >= len(ORGANS):
                oid, name = (
                    f"{oid}-{index // len(ORGANS) + 1}",
                    f"{name.removesuffix('党支部')}{index // len(ORGANS) + 1}党支部",
                )
            self.branches.append(
                {
                    "id": oid,
                    "name": name,
                    "kind": kind,
                    "parent": "zhen-zhizhi",
                    "secretary": _pick_name(self.rng),
                }
            )
        self.branches.append(
            {
                "id": "huaxin-chaye",
                "name": "华新茶业有限公司党支部",
                "kind": "enterprise",
                "secretary": _pick_name(self.rng),
            }
        )
        self.branches.append(
            {
                "id": "tongda-meikuang",
                "name": "通达煤矿党支部",
                "kind": "non_public",
                "secretary": _pick_name(self.rng),
            }
        )
        for branch in self.rated_branches():
            branch["assessments"] = self.assessments(branch)

    def rated_branches(self) -> Iterator[dict[str, Any]]:
        return (branch for branch in self.branches if branch["kind"] != "general")

    def assessments(self, branch: dict[str, Any]) -> dict[int, dict[str, Decimal]]:
        result: dict[int, dict[str, Decimal]] = {}
        quality = self.rng.gauss(84, 7)
        for year in YEARS:
            if branch["id"] == "tongda-meikuang" and year == YEARS[0]:
                continue  # founded this year: 未评定 in the first year
            if self.rng.random() < 0.15:
                result[year] = {"score": _score(self.rng, quality, 4)}
            else:
                result[year] = {
                    "points": _score(self.rng, quality, 5),
                    "target": _score(self.rng, quality, 5),
                }
        if branch["id"] == f"{self.branches[0]['id']}-1":
            # A published boundary case: 89.9 × 0.5 + 90.0 × 0.5 = 89.95 → 90.0 → 三星.
            result[YEARS[-1]] = {"points": Decimal("89.9"), "target": Decimal("90.0")}
        if branch["id"] == "zhen-guotu":
            result[YEARS[-1]] = {"points": Decimal("55.0"), "target": Decimal("61.0")}  # 58.0 → 无星
        if branch["id"] == "zhen-gongdian":
            result.pop(YEARS[-1], None)  # assessment still pending: 未评定
        return result

    # Members ----------------------------------------------------------------
    def make_members(self) -> None:
        rated = list(self.rated_branches())
        weights = [3.4 if b["kind"] == "village" else 1.0 for b in rated]
        sizes = [1] * len(rated)
        extra = max(0, self.shape.members - len(rated))
        for index in self.rng.choices(range(len(rated)), weights, k=extra):
            sizes[index] += 1
        serial = 0
        ledger_branches = {b["id"] for b in rated[1::8]}
        for branch, size in zip(rated, sizes, strict=True):
            people = []
            for _ in range(size):
                serial += 1
                people.append(self.member(serial, branch, branch["id"] in ledger_branches))
            self.members[branch["id"]] = people

    def member(self, serial: int, branch: dict[str, Any], ledger: bool) -> dict[str, Any]:
        rng = self.rng
        village = branch["kind"] == "village"
        if village:
            category = rng.choices(("rural", "floating", "retired"), (0.76, 0.15, 0.09))[0]
        elif branch["kind"] in ("organ", "institution"):
            category = rng.choices(("organ", "retired"), (0.85, 0.15))[0]
        else:
            category = rng.choices(("other", "floating"), (0.8, 0.2))[0]
        age = rng.choices(
            (rng.randint(23, 35), rng.randint(36, 59), rng.randint(60, 88)), (0.25, 0.55, 0.20)
        )[0]
        born = SITE_YEAR - age
        joined_year = max(born + 19, min(SITE_YEAR, born + rng.randint(19, 45)))
        if village or category == "floating":
            education = rng.choices((EDUCATION_HIGH, EDUCATION_MID, EDUCATION_LOW), (0.16, 0.22, 0.62))[0]
        else:
            education = rng.choices((EDUCATION_HIGH, EDUCATION_MID, EDUCATION_LOW), (0.62, 0.28, 0.10))[0]
        record: dict[str, Any] = {
            "id": f"m{serial:05d}",
            "name": _pick_name(rng),
            "gender": rng.choices(("男", "女"), (0.72, 0.28))[0],
            "ethnicity": rng.choice(ETHNICITIES),
            "education": rng.choice(education),
            "born": born,
            "joined": dt.date(joined_year, rng.randint(1, 12), rng.randint(1, 28)),
            "category": category,
        }
        points: dict[int, Decimal] = {}
        exempt: dict[int, str] = {}
        diligence = rng.gauss(82, 9)
        for year in YEARS:
            if joined_year > year:
                continue
            if age >= 75 and rng.random() < 0.25:
                exempt[year] = rng.choice(EXEMPT_REASONS)
            elif ledger and year == YEARS[-1]:
                self.ledger_entries(record["id"], branch["id"], year, diligence)
            else:
                points[year] = _score(rng, diligence, 5)
        if points:
            record["points"] = points
        if exempt:
            record["exempt"] = exempt
        record["private"] = {
            "phone": f"139{serial:08d}",
            "address": f"{branch['name'].removesuffix('党支部')}{rng.randint(1, 99)}号",
        }
        for year in YEARS:
            if joined_year <= year and rng.random() < self.shape.commitment_share:
                self.commitment(year, record["id"], MEMBER_PROMISES if village else ORGAN_PROMISES, branch)
        return record

    def ledger_entries(self, member_id: str, branch_id: str, year: int, diligence: float) -> None:
        entries = self.ledgers.setdefault(year, {}).setdefault(branch_id, [])
        target = diligence - 60
        got = 0.0
        day = dt.date(year, 1, 10)
        while got < target and day.year == year:
            item, value = self.rng.choice(LEDGER_ITEMS)
            entries.append({"member": member_id, "date": day, "item": item, "points": value})
            got += float(value)
            day += dt.timedelta(days=self.rng.randint(10, 40))

    # Commitments --------------------------------------------------------------
    def make_branch_commitments(self) -> None:
        for branch in self.rated_branches():
            for year in YEARS:
                self.commitment(year, branch["id"], BRANCH_PROMISES, branch)

    def commitment(self, year: int, by: str, promises: tuple[str, ...], branch: dict[str, Any]) -> None:
        rng = self.rng
        items = self.commitments[year]
        made = dt.date(year, rng.randint(1, 3), rng.randint(1, 28))
        due = dt.date(year, rng.randint(9, 12), rng.randint(1, 28))
        final = year < YEARS[-1]
        status = rng.choices(
            ("fulfilled", "unfulfilled", "in_progress", "planned"),
            (0.88, 0.12, 0, 0) if final else (0.62, 0.05, 0.25, 0.08),
        )[0]
        if status in ("planned", "in_progress") and rng.random() < 0.75:
            due = dt.date(year + 1, rng.randint(3, 10), rng.randint(1, 28))  # runs into next year
        record: dict[str, Any] = {
            "id": f"c{year}-{len(items) + 1:05d}",
            "by": by,
            "text": rng.choice(promises).format(n=rng.randint(2, 12)),
            "category": "服务群众" if by != branch["id"] else "为民办实事",
            "made": made,
            "due": due,
            "approved_by": branch["secretary"],
            "approved_on": made + dt.timedelta(days=rng.randint(1, 10)),
            "status": status,
        }
        if status == "fulfilled":
            record["fulfilled_on"] = min(due, dt.date(year, 12, 31)) - dt.timedelta(days=rng.randint(0, 40))
        if status != "planned":
            record["updates"] = [
                {"date": made + dt.timedelta(days=rng.randint(30, 150)), "note": "按计划推进，已完成约一半"}
            ]
        items.append(record)


POSTS = (
    ("政策宣传岗", "宣传党的方针政策和惠民政策，每月入户宣讲一次"),
    ("矛盾调解岗", "及时化解邻里纠纷，做到小事不出组、大事不出村"),
    ("环境卫生监督岗", "督促房前屋后环境整治，每周巡查一次"),
    ("产业发展带富岗", "推广种养技术，带动群众增收致富"),
    ("关爱帮扶岗", "结对帮扶留守老人、儿童和困难群众"),
    ("治安巡逻岗", "参加夜间巡逻和森林防火巡查"),
)
REVIEW_OVERALL = (
    "工作思路清晰，班子团结，能较好发挥战斗堡垒作用",
    "能认真履行职责，各项工作有序推进",
    "工作积极主动，带头作用明显，群众评价较好",
)
REVIEW_ACHIEVEMENTS = (
    "三会一课按时召开，主题党日活动规范开展",
    "带领群众发展特色产业，集体经济收入稳步增加",
    "公开承诺事项大部分已兑现，为群众办实事成效明显",
)
REVIEW_PROBLEMS = (
    "党员教育管理方式较单一，流动党员联系不够紧密",
    "资料台账不够规范，部分活动记录不全",
    "发展年轻党员力度不够，队伍年龄结构偏大",
)
REVIEW_DIRECTION = (
    "加强流动党员管理，创新教育方式",
    "规范台账资料，提高组织生活质量",
    "注重培养青年致富能手，优化队伍结构",
)
RECTIFICATION_PROGRESS = "已调整充实支部班子，正在落实“三会一课”制度，按月报告整顿进展"
COMMITTEE_SECRETARY = ("韩立新", "镇党委书记")
CHECK_PASS_RATE = 0.9


class _Instruments:
    """Reviews, pioneer posts, venues, classification and duty reports of the demo township.

    A separate random stream, so the rest of the demo (names, scores) stays as it was.
    """

    def __init__(self, town: _Township, seed: int) -> None:
        self.town = town
        self.rng = random.Random(seed + 1)
        self.reviews: dict[int, list[dict[str, Any]]] = {year: [] for year in YEARS}
        self.photos: dict[str, bytes] = {}

    def make(self) -> None:
        generals = [b for b in self.town.branches if b["kind"] == "general"]
        village_generals = [b for b in generals if b["id"] != "zhen-zhizhi"]
        for branch in self.town.branches:
            self.classify(branch)
            branch["duty_report"] = {year: self.duty_scores() for year in YEARS}
        for general in village_generals:
            general["venue"] = {
                YEARS[0]: {"stars": self.rng.choice((3, 4, 4, 5))},
                YEARS[1]: {
                    "checks": {item: self.rng.random() < CHECK_PASS_RATE for item in self.checklist()}
                },
            }
        if len(village_generals) > 2:
            # Boundary: exactly 9 of 13 items pass → 三星级, the lowest level that is awarded.
            checks = village_generals[2]["venue"][YEARS[1]]["checks"]
            for index, item in enumerate(self.checklist()):
                checks[item] = index not in (2, 5, 9, 12)
        first_village = next(b for b in self.town.rated_branches() if b["kind"] == "village")
        # Boundary: 90 × 0.2 + 90 × 0.2 + 89.9 × 0.4 + 89.95 × 0.2 = 89.95 → 90.0 → 优秀.
        first_village["duty_report"][YEARS[-1]] = {
            "daily": Decimal(90),
            "onsite": Decimal(90),
            "annual": Decimal("89.9"),
            "review": Decimal("89.95"),
        }
        for branch in self.town.rated_branches():
            if branch["kind"] == "village":
                self.posts(branch)
        self.make_reviews(generals)

    @staticmethod
    def checklist() -> list[str]:
        return [item for items in DEFAULT_CHECKLIST.values() for item in items]

    def classify(self, branch: dict[str, Any]) -> None:
        grades = {
            year: self.rng.choices(("好", "较好", "一般", "较差"), (0.62, 0.26, 0.09, 0.03))[0]
            for year in YEARS
        }
        if branch["id"] == "tongda-meikuang":
            grades[YEARS[-1]] = "较差"  # a new enterprise branch, still finding its feet
        branch["grade"] = grades
        poor = [year for year, grade in grades.items() if grade == "较差"]
        if poor:
            branch["rectification"] = {
                year: {
                    "responsible": f"{branch['secretary']}（党组织书记）",
                    "deadline": dt.date(year + 1, 6, 30),
                    "progress": RECTIFICATION_PROGRESS,
                }
                for year in poor
            }

    def duty_scores(self) -> dict[str, Decimal]:
        ability = self.rng.gauss(84, 7)
        return {key: _score(self.rng, ability, 4) for key in ("daily", "onsite", "annual", "review")}

    def posts(self, branch: dict[str, Any]) -> None:
        people = self.town.members[branch["id"]]
        for index, person in enumerate(people[:2]):
            title, duties = POSTS[(len(self.photos) + index + len(branch["id"])) % len(POSTS)]
            post: dict[str, Any] = {"title": title, "duties": duties, "since": dt.date(YEARS[0], 3, 1)}
            if branch["parent"] in ("qingshan", "longtan") and index == 0:
                post["photo"] = f"{person['id']}.jpg"
                self.photos[post["photo"]] = _portrait(self.rng)
            person["post"] = post
            person["private"] = person.pop("private")  # kept last, after what is published

    def make_reviews(self, generals: list[dict[str, Any]]) -> None:
        for year in YEARS:
            for general in generals:
                self.review(year, general["id"], "committee", COMMITTEE_SECRETARY)
                children = [b for b in self.town.rated_branches() if b.get("parent") == general["id"]]
                for child in children[:2]:
                    self.review(
                        year, child["id"], "general", (general["secretary"], f"{general['name']}书记")
                    )
                    for person in self.town.members[child["id"]][:2]:
                        self.review(
                            year, person["id"], "branch", (child["secretary"], f"{child['name']}书记")
                        )

    def review(self, year: int, subject: str, level: str, reviewer: tuple[str, str]) -> None:
        rng = self.rng
        self.reviews[year].append(
            {
                "subject": subject,
                "reviewer": {"name": reviewer[0], "post": reviewer[1]},
                "level": level,
                "date": dt.date(year, 12, rng.randint(10, 28)),
                "overall": rng.choice(REVIEW_OVERALL),
                "achievements": rng.choice(REVIEW_ACHIEVEMENTS),
                "problems": rng.choice(REVIEW_PROBLEMS),
                "direction": rng.choice(REVIEW_DIRECTION),
                "grade": rng.choice(("好", "好", "较好")),
                "public": rng.random() < 0.85,  # the others are kept for the office only
            }
        )


def _portrait(rng: random.Random) -> bytes:
    """A made-up portrait placeholder (a drawn silhouette, no real person), 480×640 JPEG."""
    hue = rng.randrange(0, 360)
    image = Image.new("RGB", (480, 640), f"hsl({hue}, 35%, 82%)")
    draw = ImageDraw.Draw(image)
    coat = f"hsl({(hue + 180) % 360}, 30%, 35%)"
    draw.ellipse((150, 130, 330, 330), fill="hsl(30, 40%, 70%)")
    draw.ellipse((60, 380, 420, 760), fill=coat)
    draw.rectangle((205, 320, 275, 400), fill="hsl(30, 40%, 70%)")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _pinyin_id(index: int) -> str:
    return ("qingshan", "longtan", "shiqiao", "liuwan", "taoyuan", "songlin")[index % len(VILLAGES)]


SITE = {
    "organisation": "青山镇党委",
    "office": "青山镇党委组织办",
    "year": SITE_YEAR,
    "as_of": AS_OF,
    "notice": {"start": AS_OF, "days": 7, "phone": "0874-6000000", "address": "青山镇人民政府二楼组织办"},
    "privacy": {"list_unstarred": False, "list_exempt": False},
}

SCHEMES = {
    "branch": {
        "components": {"points": Decimal("0.5"), "target": Decimal("0.5")},
        "tiers": [90, 80, 60],
        "round": 1,
    },
    "member": {"tiers": [90, 80, 60], "round": 1, "ledger": {"base": 60, "min": 0, "max": 100}},
    "duty_report": {
        "components": {
            "daily": Decimal("0.2"),
            "onsite": Decimal("0.2"),
            "annual": Decimal("0.4"),
            "review": Decimal("0.2"),
        },
        "tiers": [90, 75, 60],
        "round": 1,
    },
    "venue": {
        "checklist": {name: list(items) for name, items in DEFAULT_CHECKLIST.items()},
        "tiers": [13, 11, 9],
    },
}


def generate(out: Path, shape: Shape = Shape()) -> dict[str, int]:
    """Write a complete set of registries into ``out``; return what was made."""
    town = _Township(shape)
    town.make_branches()
    town.make_members()
    town.make_branch_commitments()
    extras = _Instruments(town, shape.seed)
    extras.make()
    schema = "../docs/schema"
    out.mkdir(parents=True, exist_ok=True)
    _write(
        out / "site.yml",
        dump(SITE, f"{schema}/site.schema.json", "发布单位、考核年度与公示期（公示栏页脚使用）"),
    )
    _write(out / "schemes.yml", dump(SCHEMES, f"{schema}/schemes.schema.json", SCHEMES_COMMENT))
    _write(
        out / "branches.yml",
        dump(
            town.branches,
            f"{schema}/branches.schema.json",
            "党组织名册：党总支（general）只用于归类，不参与评星",
        ),
    )
    for branch_id, people in town.members.items():
        _write(
            out / "members" / f"{branch_id}.yml",
            dump(people, f"../{schema}/members.schema.json", "党员名册；private 下的内容永不公开"),
        )
    for year, files in town.ledgers.items():
        for branch_id, entries in files.items():
            _write(
                out / "points" / str(year) / f"{branch_id}.yml",
                dump(
                    entries,
                    f"../../{schema}/points.schema.json",
                    f"{year} 年积分台账：年度总积分 = 基础分 60 + 各项加减分，限 0–100 分",
                ),
            )
    for year, items in town.commitments.items():
        _write(
            out / "commitments" / f"{year}.yml",
            dump(items, f"../{schema}/commitments.schema.json", f"{year} 年公开承诺"),
        )
    for year, items in extras.reviews.items():
        _write(
            out / "reviews" / f"{year}.yml",
            dump(items, f"../{schema}/reviews.schema.json", f"{year} 年领导点评；public: true 的才公示"),
        )
    for name, data in extras.photos.items():
        path = out / "photos" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return {
        "branches": sum(1 for _ in town.rated_branches()),
        "members": sum(len(people) for people in town.members.values()),
        "commitments": sum(len(items) for items in town.commitments.values()),
    }


SCHEMES_COMMENT = """评星规则。本文件可以不要：不写的项目按下面的默认规则执行。
支部评星：积分制管理考核 × 0.5 + 年终目标考核 × 0.5，四舍五入保留 1 位小数后定星
三星、二星、一星的最低分（含）：90、80、60；60 分以下无星
述职评议：日常记实、现场观摩、年度综合、述职评议按 20:20:40:20 加权，90 优秀、75 称职、60 基本称职
活动场所：八有、五化共 13 项，全部达标五星级，11 项四星级，9 项三星级"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
