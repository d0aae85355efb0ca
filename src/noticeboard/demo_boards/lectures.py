"""Demo data of 党校讲习: the demo township's 党校 and 讲师团 (``school.yml``) and the year's 专题讲习
(``lectures/<year>.yml``), after the source document's own structure — five 宣讲队 (党的建设、农业技术、
财经知识、社会治理、扶贫工作) and its three 专题讲习 (党建知识、消防和财务知识、农业技术), held, plus the
winter training still planned — with fictional people: invited experts by name, township members by id.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from noticeboard.registries.models.site import place_of

SEED_OFFSET = 1400
"""Added to the demo's seed, so this board's draws do not move when another board's change."""

SCHOOL_COMMENT = (
    "镇委党校和讲师团：党校地点、校长，讲师团的各宣讲队及其讲师和宣讲内容\n"
    "讲师是本镇党员的写 member（党员编号），其他人写 name（姓名）；专题讲习写在 lectures/<年度>.yml"
)
LECTURES_COMMENT = (
    "{year} 年专题讲习：计划中的写 status: planned 和完成时限 deadline；\n"
    "举办后改为 status: held，写上举办日期 date 和参学人数 attendance"
)

# (team id, name, topics, lecturers: (branch id to draw a member from, or None for an outsider's name, post))
TEAMS: tuple[tuple[str, str, tuple[str, ...], tuple[tuple[str | None, str, str], ...]], ...] = (
    (
        "dangjian",
        "党的建设宣讲队",
        ("组工知识", "基层党组织换届", "“三会一课”制度落实", "党员干部教育管理"),
        (
            ("zhen-jiguan", "", "镇组织办主任（队长）"),
            ("zhen-jiguan", "", "镇组织办干部"),
            (None, "secretary:qingshan", "青山村党总支书记"),
            (None, "secretary:longtan", "龙潭村党总支书记"),
        ),
    ),
    (
        "nongye",
        "农业技术宣讲队",
        ("小龙虾养殖", "水稻田间管理", "秸秆禁烧及综合利用"),
        (
            ("zhen-nongye", "", "镇农业服务中心农艺师（队长）"),
            ("zhen-nongye", "", "镇农业服务中心植保员"),
            (None, "邓国平", "县水产技术推广站高级工程师"),
            ("shiqiao-1", "", "石桥村种养大户"),
        ),
    ),
    (
        "caijing",
        "财经知识宣讲队",
        ("农村财务管理", "村级“三资”管理", "惠农补贴政策"),
        (
            ("zhen-caizheng", "", "镇财政所所长（队长）"),
            ("zhen-caizheng", "", "镇财政所会计"),
            (None, "许静", "县农村经营管理站会计师"),
        ),
    ),
    (
        "zhili",
        "社会治理宣讲队",
        ("消防安全", "矛盾纠纷调解", "平安建设", "移风易俗"),
        (
            ("zhen-zhengfa", "", "镇政法委员（队长）"),
            ("zhen-paichusuo", "", "镇派出所民警"),
            (None, "何建军", "县消防救援大队防火参谋"),
            ("liuwan-1", "", "柳湾村人民调解员"),
        ),
    ),
    (
        "fupin",
        "扶贫工作宣讲队",
        ("防止返贫动态监测", "产业帮扶政策", "就业帮扶"),
        (
            ("zhen-jiguan", "", "镇乡村振兴办主任（队长）"),
            ("zhen-shebao", "", "镇社保中心干部"),
            (None, "secretary:songlin", "松林村党总支书记"),
        ),
    ),
)


def write(out: Path, seed: int) -> None:
    """``school.yml`` and ``lectures/<year>.yml`` of the site's year, drawn from the written registries."""
    rng = random.Random(seed + SEED_OFFSET)
    site = yaml.safe_load((out / "site.yml").read_text(encoding="utf-8"))
    branches = yaml.safe_load((out / "branches.yml").read_text(encoding="utf-8")) or []
    year = int(site["year"])
    secretaries = {b["id"]: b.get("secretary") for b in branches}
    taken: set[str] = set()

    def member(branch_id: str) -> str | None:
        path = out / "members" / f"{branch_id}.yml"
        if not path.is_file():
            return None
        people = [
            p["id"] for p in yaml.safe_load(path.read_text(encoding="utf-8")) or [] if p["id"] not in taken
        ]
        if not people:
            return None
        chosen = str(rng.choice(people))
        taken.add(chosen)
        return chosen

    def lecturer(branch_id: str | None, name: str, post: str) -> dict[str, str] | None:
        if branch_id is not None:
            found = member(branch_id)
            return {"member": found, "post": post} if found else None
        if name.startswith("secretary:"):
            secretary = secretaries.get(name.removeprefix("secretary:"))
            return {"name": secretary, "post": post} if secretary else None
        return {"name": name, "post": post}

    teams: list[dict[str, Any]] = []
    for team_id, team_name, topics, people in TEAMS:
        members = [found for spec in people if (found := lecturer(*spec)) is not None]
        if members:
            teams.append({"id": team_id, "name": team_name, "topics": list(topics), "members": members})
    township = place_of(str(site["organisation"]))  # 青山镇党委: the school is 青山镇委党校
    # The seed's 党校 is headed by 镇党委委员、组织委员: the one of site.yml's leaders, not another name.
    head = next(leader for leader in site["leaders"] if "组织委员" in leader["post"])
    school = [
        {
            "name": f"{township}委党校",
            "place": "镇人社服务中心二楼",
            "head": {"name": head["name"], "post": head["post"]},
            "lecturers": f"{township}讲师团",
            "teams": teams,
        }
    ]
    _write(out / "school.yml", _dump(school, "../docs/schema/school.schema.json", SCHOOL_COMMENT))
    team_ids = {team["id"] for team in teams}
    lead = {  # a team's leader as a lecture's speaker: the post without （队长）
        team["id"]: {**team["members"][0], "post": team["members"][0]["post"].removesuffix("（队长）")}
        for team in teams
    }
    _write(
        out / "lectures" / f"{year}.yml",
        _dump(
            _lectures(year, team_ids, lead, {b["id"] for b in branches}, rng),
            "../../docs/schema/lectures.schema.json",
            LECTURES_COMMENT.format(year=year),
        ),
    )


def _lectures(
    year: int, teams: set[str], lead: dict[str, Any], branch_ids: set[str], rng: random.Random
) -> list[dict[str, Any]]:
    """The document's three 专题讲习 (held, in spring) and the winter training (planned, next January)."""

    def day(month: int, first: int, last: int, in_year: int = year) -> dt.date:
        return dt.date(in_year, month, rng.randint(first, last))

    def only(*ids: str) -> list[str] | str:
        known = [branch_id for branch_id in ids if branch_id in branch_ids]
        return known if known else "all"

    items: list[dict[str, Any]] = [
        {
            "id": f"{year}-01",
            "topic": "党建知识专题学习",
            "content": "组工知识、基层党组织换届、“三会一课”制度落实、党员干部教育管理",
            "team": "dangjian",
            "speaker": {"name": "刘志刚", "post": "市委组织部组织一科科长"},
            "audience": "各党总支、党支部书记和分管党群工作的副书记",
            "branches": "all",
            "place": "镇委党校",
            "deadline": dt.date(year, 3, 31),
            "date": day(3, 24, 28),
            "status": "held",
            "attendance": rng.randint(58, 66),
        },
        {
            "id": f"{year}-02",
            "topic": "消防和财务知识专题培训",
            "content": "消防安全常识和火灾隐患排查；农村财务管理和村级“三资”管理",
            "team": "zhili",
            "speaker": {"name": "何建军", "post": "县消防救援大队防火参谋"},
            "audience": "各村（居）、镇直单位主要负责人和具体工作人员",
            "branches": "all",
            "place": "镇政府三楼会议室",
            "deadline": dt.date(year, 3, 31),
            "date": day(3, 29, 31),
            "status": "held",
            "attendance": rng.randint(80, 92),
        },
        {
            "id": f"{year}-03",
            "topic": "农业技术专题讲习",
            "content": "小龙虾养殖、水稻田间管理、秸秆禁烧及综合利用",
            "team": "nongye",
            "speaker": lead.get("nongye"),
            "audience": "青山、龙潭、石桥三村党员和种养大户",
            "branches": only("qingshan", "longtan", "shiqiao"),
            "place": "各村田间地头",
            "deadline": dt.date(year, 4, 30),
            "date": day(4, 15, 25),
            "status": "held",
            "attendance": rng.randint(120, 150),
        },
        {
            "id": f"{year}-04",
            "topic": "党员冬训专题讲习",
            "content": "防止返贫动态监测和产业帮扶政策解读",
            "team": "fupin",
            "audience": "柳湾、桃源、松林三村全体党员",
            "branches": only("liuwan", "taoyuan", "songlin"),
            "place": "各村党群服务中心",
            "deadline": dt.date(year + 1, 1, 31),
            "date": day(1, 14, 20, year + 1),
            "status": "planned",
        },
    ]
    for item in items:
        if item.get("team") not in teams:
            item.pop("team", None)
        if item.get("speaker") is None:
            item.pop("speaker", None)
    return items


def _dump(data: object, schema: str, comment: str) -> str:
    head = f"# yaml-language-server: $schema={schema}\n" + "".join(
        f"# {line}\n" for line in comment.split("\n")
    )
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
