"""A fictional township's registries, generated from a seed.

The demo township (青山镇) has the shape of the source documents' township:
48 branches (31 village, 15 organ and institution, 1 enterprise, 1 non-public
enterprise founded this year) under a few general branches, about 810 members
(65% rural, 13% floating; a quarter under 35 and a fifth over 60), two
assessment years, commitments, ledgers and exempt members. All names are made
up. The same generator makes county-scale registries for tests and benchmarks.

It is meant to read like a real township's boards: given names fit the
member's gender, progress notes fit the commitment and its status, reviews come
from the township leader who is linked to the village (联系村), and the boards
agree with one another (a 较差 organisation is at most 一星 and its secretary is
not 优秀) except for one disagreement kept on purpose (see ``POOR``).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw

from noticeboard.demo_boards import write_all
from noticeboard.registries.frozen import frozen
from noticeboard.registries.models import GRADES, Schemes
from noticeboard.registries.models.scheme import DEFAULT_CHECKLIST
from noticeboard.rules.ratings import rate_branch

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
"""The table names are drawn from (a character, or two at an even position). Secretaries and
reviewers keep the drawn name; a member's is then fitted to the gender (:data:`GIVEN_NAMES`).
Drawing from this table first keeps every other number of the demo as it was."""


@frozen
class GivenNames:
    """The given names that fit one gender: one character or two."""

    single: tuple[str, ...]
    double: tuple[str, ...]

    def __contains__(self, given: object) -> bool:
        return given in self.single or given in self.double


GIVEN_NAMES = {
    "男": GivenNames(
        tuple("强军东涛杰豪伟明华林胜福兴平民文生庆新旺光青立泽宏振浩俊德海建志永卫国"),
        (
            "建国", "明华", "志强", "春林", "晓东", "德胜", "永福", "家兴", "文军", "春生", "小平",
            "国庆", "建平", "新民", "学文", "卫东", "德华", "海涛", "兴旺", "光明", "长青", "立新",
            "泽民", "世杰", "绍华", "润生", "宏伟", "国平", "振华", "爱民", "子豪", "浩然", "俊杰",
        ),
    ),
    "女": GivenNames(
        tuple("英兰梅燕霞娟凤芳玲珍红怡涵雨丽秀雪琴萍敏莉"),
        (
            "秀英", "桂兰", "玉梅", "海燕", "红霞", "丽娟", "金凤", "云芳", "晓燕", "美玲", "淑珍",
            "继红", "欣怡", "梓涵", "思雨", "雪梅", "秀兰", "玉兰", "春梅", "翠英", "凤英", "丽华",
            "小红", "慧敏", "文静", "佳怡", "雅婷", "晓丽",
        ),
    ),
}  # fmt: skip
"""A member's given name, by gender (女 names for women, 男 names for men)."""

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
FOUNDED = {"tongda-meikuang": 2025}
"""Organisations founded during the demo's years: nothing of theirs before that year."""
ETHNICITIES = ("汉族",) * 17 + ("彝族", "苗族", "布依族")
EDUCATION_HIGH = ("大学本科", "大专", "研究生")
EDUCATION_MID = ("高中", "中专")
EDUCATION_LOW = ("初中", "小学")
EXEMPT_REASONS = (
    "年老体弱，长期卧床，经申请同意不参与评星",
    "长期患病治疗，经申请同意不参与评星",
    "随子女在外地居住，经申请同意不参与评星",
)


@frozen
class Promise:
    """A kind of commitment and the progress notes that fit it.

    Notes name the promised number (``{n}``) so that two different commitments never
    share a note; ``{k}`` is what is done so far (less than ``n``), ``{left}`` what
    remains, ``{m}`` what was done in the end (``n`` or a little more).
    """

    text: str
    prepare: tuple[str, ...]
    """planned: what was prepared (a planned commitment has one of these or no note)."""
    partial: tuple[str, ...]
    """in_progress: how far it has come."""
    done: tuple[str, ...]
    """fulfilled: the completion note, dated on the day it was fulfilled."""
    missed: tuple[str, ...]
    """unfulfilled: how far it came and why not further."""
    values: tuple[int, ...] = tuple(range(2, 13))
    """The promised number for each drawn number 2…12."""
    whole_year: bool = False
    """Done month by month or quarter by quarter: due at the end of the year, fulfilled in its
    last days, and reported on in step with the calendar."""

    def number(self, drawn: int) -> int:
        return self.values[drawn - 2]


ENVIRONMENT = Promise(
    "带头参加村庄环境整治，全年不少于 {n} 次",
    ("已和村民小组长商定清扫路段，全年 {n} 次整治已排进日程",),
    (
        "已参加村庄环境整治 {k} 次，清理沟渠和房前屋后垃圾，距承诺的 {n} 次还差 {left} 次",
        "参加集中清扫 {k} 次，带动组里群众一起动手，全年 {n} 次的承诺正在落实",
    ),
    (
        "已参加村庄环境整治 {m} 次，达到不少于 {n} 次的承诺",
        "参加环境整治 {m} 次，带头清理房前屋后和沟渠垃圾，承诺的 {n} 次已完成",
    ),
    (
        "外出务工时间较长，到期只参加环境整治 {k} 次，未达到 {n} 次的承诺",
        "因腿伤休养，只参加环境整治 {k} 次，比承诺的 {n} 次少 {left} 次",
    ),
)
PAIRING = Promise(
    "结对帮扶 {n} 户困难群众发展种养产业",
    ("已走访拟结对的 {n} 户困难群众，了解各家种养意愿",),
    (
        "已帮 {k} 户结对户购进鸡苗和猪仔，其余 {left} 户正在联系，共结对 {n} 户",
        "结对的 {n} 户中已有 {k} 户发展起种养项目",
    ),
    (
        "结对帮扶的 {n} 户困难群众都发展了种养项目，承诺已兑现",
        "{n} 户结对户全部落实种养项目，户均增收两千元以上",
    ),
    (
        "结对的 {n} 户中只有 {k} 户发展起种养项目，其余因缺劳力未能落实",
        "本人下半年外出，{n} 户结对户只帮扶到 {k} 户",
    ),
    (2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5),
)
OPINIONS = Promise(
    "每月走访联系户，全年收集群众意见 {n} 条以上",
    ("已排好每月走访联系户的时间，全年目标收集意见 {n} 条",),
    (
        "已收集群众意见 {k} 条并交村党支部，距承诺的 {n} 条还差 {left} 条",
        "走访联系户收集意见 {k} 条（承诺 {n} 条），多是道路和用水问题",
    ),
    (
        "每月走访联系户，已收集群众意见 {m} 条，完成 {n} 条以上的承诺，均已交村党支部办理",
        "收集群众意见 {m} 条，达到承诺的 {n} 条，已答复群众",
    ),
    (
        "下半年外出，走访中断，到期只收集意见 {k} 条，未达到 {n} 条",
        "只收集群众意见 {k} 条，少于承诺的 {n} 条",
    ),
    (4, 5, 6, 6, 8, 8, 10, 10, 12, 12, 15),
)
RICE_SHRIMP = Promise(
    "带头推广稻虾共养技术，带动 {n} 户群众增收",
    ("已联系镇农业服务中心技术员，准备为 {n} 户群众开展稻虾共养培训",),
    (
        "已带动 {k} 户群众开展稻虾共养，另有 {left} 户正在整修稻田，共承诺 {n} 户",
        "举办田间培训两次，承诺的 {n} 户中已有 {k} 户投放虾苗",
    ),
    (
        "带动 {m} 户群众开展稻虾共养，达到承诺的 {n} 户，当年户均增收三千元左右",
        "承诺带动的 {n} 户群众稻虾共养已有收益，承诺已兑现",
    ),
    (
        "受夏季洪水影响，只带动 {k} 户开展稻虾共养，未达到 {n} 户",
        "部分农户缺少适合的稻田，只带动 {k} 户，少于承诺的 {n} 户",
    ),
)
VOLUNTEERING = Promise(
    "参加志愿服务活动不少于 {n} 次",
    ("已到村志愿服务队登记，全年计划参加志愿服务 {n} 次",),
    (
        "已参加志愿服务 {k} 次（义务植树、敬老院打扫），距 {n} 次还差 {left} 次",
        "参加志愿服务活动 {k} 次，全年 {n} 次的承诺正在落实",
    ),
    (
        "已参加志愿服务活动 {m} 次，达到不少于 {n} 次的承诺",
        "参加义务植树、关爱老人等志愿服务共 {m} 次，承诺的 {n} 次已完成",
    ),
    (
        "因照顾生病家人，只参加志愿服务 {k} 次，未达到 {n} 次",
        "到期参加志愿服务 {k} 次，比承诺的 {n} 次少 {left} 次",
    ),
)
FIRE_SAFETY = Promise(
    "宣传森林防火和秸秆禁烧政策，入户 {n} 户",
    ("已领取森林防火宣传资料，计划入户宣传 {n} 户",),
    (
        "已入户宣传 {k} 户，发放森林防火明白卡，还有 {left} 户",
        "防火期前已入户 {k} 户，承诺 {n} 户",
    ),
    (
        "入户宣传森林防火和秸秆禁烧政策 {m} 户，完成 {n} 户的承诺",
        "已完成 {n} 户入户宣传，全年本组未发生野外用火",
    ),
    (
        "只入户宣传 {k} 户，未达到 {n} 户，其余农户已在村民大会上集中宣传",
        "外出务工，入户宣传 {k} 户，少于承诺的 {n} 户",
    ),
    (10, 15, 20, 20, 25, 30, 30, 35, 40, 45, 50),
)
ERRANDS = Promise(
    "为群众代办各类事项 {n} 件以上",
    ("已在村便民服务点登记代办服务，承诺代办 {n} 件以上",),
    (
        "已为群众代办医保缴费、证件办理等事项 {k} 件（承诺 {n} 件）",
        "已代办事项 {k} 件，距 {n} 件还差 {left} 件",
    ),
    (
        "已为群众代办事项 {m} 件，完成 {n} 件以上的承诺",
        "代办医保、社保、证件等事项共 {m} 件，承诺的 {n} 件已兑现",
    ),
    (
        "到期只代办事项 {k} 件，未达到 {n} 件",
        "下半年外出，代办事项 {k} 件，少于承诺的 {n} 件",
    ),
    (5, 6, 8, 8, 10, 10, 12, 15, 15, 20, 20),
)
DISPUTES = Promise(
    "带头调解邻里纠纷，全年不少于 {n} 起",
    ("已加入村调解小组，全年承诺调解纠纷 {n} 起",),
    (
        "已参与调解邻里纠纷 {k} 起，均已化解，距承诺的 {n} 起还差 {left} 起",
        "参与调解宅基地、用水纠纷 {k} 起（承诺 {n} 起）",
    ),
    (
        "已参与调解邻里纠纷 {m} 起，达到不少于 {n} 起的承诺",
        "调解邻里纠纷 {m} 起，都化解在组里，承诺的 {n} 起已完成",
    ),
    (
        "到期只参与调解纠纷 {k} 起，未达到 {n} 起",
        "本组纠纷较少，只调解 {k} 起，少于承诺的 {n} 起",
    ),
    (2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 8),
)
SERVICE_WINDOW = Promise(
    "为群众办事做到一次告知、限时办结，全年办理 {n} 件",
    ("已在窗口公开办事指南和办结时限，全年计划办理 {n} 件",),
    (
        "已办理群众事项 {k} 件，均在时限内办结，全年目标 {n} 件",
        "窗口已办件 {k} 件，做到一次告知，距 {n} 件还差 {left} 件",
    ),
    (
        "已办理群众事项 {m} 件，均限时办结，完成 {n} 件的承诺",
        "办件 {m} 件，无超时办结，承诺的 {n} 件已兑现",
    ),
    (
        "下半年借调外单位，只办理 {k} 件，未达到 {n} 件",
        "到期办件 {k} 件，少于承诺的 {n} 件",
    ),
    (40, 50, 60, 60, 80, 80, 100, 100, 120, 150, 200),
)
HOUSEHOLDS = Promise(
    "联系 {n} 户群众，每季度走访一次",
    ("已确定联系的 {n} 户群众，建立联系台账",),
    (
        "已走访联系户 {k} 户，其余 {left} 户约定下季度走访",
        "联系的 {n} 户中已有 {k} 户本季度走访到位",
    ),
    (
        "全年每季度走访 {n} 户联系户，帮助解决实际困难，承诺已兑现",
        "联系的 {n} 户群众全年走访四次，走访记录齐全",
    ),
    (
        "因工作调整，联系的 {n} 户中只有 {k} 户做到每季度走访",
        "下半年走访中断，{n} 户联系户中 {k} 户按季走访到位",
    ),
    (3, 3, 4, 4, 5, 5, 5, 6, 6, 8, 10),
    whole_year=True,
)
PARTY_VOLUNTEERING = Promise(
    "参加党员志愿服务不少于 {n} 次",
    ("已报名党员志愿服务队，全年计划参加 {n} 次",),
    (
        "已参加党员志愿服务 {k} 次（交通劝导、文明创建），距 {n} 次还差 {left} 次",
        "参加党员志愿服务 {k} 次，承诺 {n} 次",
    ),
    (
        "已参加党员志愿服务 {m} 次，达到不少于 {n} 次的承诺",
        "参加交通劝导、文明创建等党员志愿服务 {m} 次，承诺的 {n} 次已完成",
    ),
    (
        "因长期出差，只参加党员志愿服务 {k} 次，未达到 {n} 次",
        "参加党员志愿服务 {k} 次，比承诺的 {n} 次少 {left} 次",
    ),
)
TRAINING = Promise(
    "完成业务培训 {n} 学时",
    ("已报名县里组织的网络培训，全年计划学习 {n} 学时",),
    (
        "已完成业务培训 {k} 学时，还差 {left} 学时",
        "网络学院已学习 {k} 学时（承诺 {n} 学时）",
    ),
    (
        "已完成业务培训 {m} 学时，达到 {n} 学时的承诺",
        "网络学院和集中培训共 {m} 学时，承诺的 {n} 学时已完成",
    ),
    (
        "因工作任务重，只完成培训 {k} 学时，未达到 {n} 学时",
        "到期培训 {k} 学时，少于承诺的 {n} 学时",
    ),
    (24, 24, 32, 32, 40, 40, 48, 48, 56, 60, 72),
)
SAFETY_TRAINING = Promise(
    "完成安全生产培训 {n} 学时",
    ("已报名公司组织的安全生产培训，全年计划 {n} 学时",),
    (
        "已完成安全生产培训 {k} 学时，还差 {left} 学时",
        "班前安全学习累计 {k} 学时（承诺 {n} 学时）",
    ),
    (
        "已完成安全生产培训 {m} 学时，达到 {n} 学时的承诺",
        "安全生产培训共 {m} 学时，考核合格，承诺的 {n} 学时已完成",
    ),
    (
        "生产任务重，只完成安全生产培训 {k} 学时，未达到 {n} 学时",
        "到期完成安全生产培训 {k} 学时，少于承诺的 {n} 学时",
    ),
    (24, 24, 32, 32, 40, 40, 48, 48, 56, 60, 72),
)
HAZARDS = Promise(
    "带头排查生产安全隐患 {n} 处",
    ("已领取隐患排查表，全年承诺排查 {n} 处",),
    (
        "已排查安全隐患 {k} 处并督促整改，距承诺的 {n} 处还差 {left} 处",
        "排查出安全隐患 {k} 处，已整改完毕（承诺 {n} 处）",
    ),
    (
        "已排查安全隐患 {m} 处，全部整改到位，完成 {n} 处的承诺",
        "排查并督促整改隐患 {m} 处，承诺的 {n} 处已兑现",
    ),
    (
        "只排查安全隐患 {k} 处，未达到 {n} 处",
        "下半年轮岗，排查隐患 {k} 处，少于承诺的 {n} 处",
    ),
    (4, 5, 6, 6, 8, 8, 10, 10, 12, 12, 15),
)
APPRENTICES = Promise(
    "结对帮带新员工 {n} 名",
    ("已与公司商定结对的 {n} 名新员工",),
    (
        "结对的 {n} 名新员工中已有 {k} 名独立上岗",
        "已帮带 {k} 名新员工通过岗位考核，还有 {left} 名在跟班学习",
    ),
    (
        "结对帮带的 {n} 名新员工全部独立上岗，承诺已兑现",
        "帮带 {n} 名新员工通过岗位考核，承诺已完成",
    ),
    (
        "结对的 {n} 名新员工中 {left} 名中途离职，只帮带 {k} 名独立上岗",
        "只帮带 {k} 名新员工独立上岗，未达到 {n} 名",
    ),
    (2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5),
)
ROADS = Promise(
    "年内硬化村组道路 {n} 公里",
    ("已完成 {n} 公里村组道路的测量和预算，正在申请项目资金",),
    (
        "已硬化道路 {k} 公里，剩余 {left} 公里路基已平整，共承诺 {n} 公里",
        "已完成 {k} 公里路面浇筑（承诺 {n} 公里），雨季过后继续施工",
    ),
    (
        "{n} 公里村组道路全部硬化并通过验收",
        "年内硬化村组道路 {n} 公里，已经通车，承诺已兑现",
    ),
    (
        "受项目资金未到位影响，只硬化道路 {k} 公里，剩余 {left} 公里列入下年计划",
        "雨季延误工期，年内硬化 {k} 公里，未完成 {n} 公里",
    ),
    (2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6),
)
WATER = Promise(
    "新建或修缮饮水管道 {n} 处，解决群众饮水困难",
    ("已摸清需新建或修缮的 {n} 处饮水管道，材料正在采购",),
    (
        "已完成 {k} 处饮水管道修缮，其余 {left} 处正在施工",
        "{n} 处饮水管道中已有 {k} 处通水",
    ),
    (
        "{n} 处饮水管道全部建成通水，群众饮水困难已解决",
        "新建和修缮饮水管道 {n} 处，经群众代表验收，承诺已兑现",
    ),
    (
        "只完成 {k} 处饮水管道修缮，{left} 处因水源选址未定未能开工",
        "年内修缮 {k} 处，未完成 {n} 处的承诺，剩余工程已报镇水务站",
    ),
    (2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 8),
)
PARTY_DAYS = Promise(
    "全年开展主题党日活动 {n} 次，三会一课按时召开",
    ("已制定全年主题党日计划，每月一个主题，共 {n} 次",),
    (
        "已开展主题党日活动 {k} 次，三会一课按时召开，还有 {left} 次",
        "已开展主题党日 {k} 次，记录齐全，全年 {n} 次",
    ),
    (
        "全年开展主题党日活动 {n} 次，三会一课均按时召开，记录齐全",
        "每月开展主题党日，全年 {n} 次，支部党员大会、支委会按时召开",
    ),
    (
        "全年只开展主题党日 {k} 次，有 {left} 个月未开展，已向上级党组织说明",
        "农忙期间停开 {left} 次，全年主题党日 {k} 次，未完成 {n} 次的承诺",
    ),
    (12,) * 11,
    whole_year=True,
)
COLLECTIVE_INCOME = Promise(
    "发展壮大村集体经济，集体收入增加 {n} 万元",
    ("已与华新茶业商定茶园托管方案，目标集体增收 {n} 万元",),
    (
        "茶园托管和光伏分红已增收 {k} 万元，距 {n} 万元还差 {left} 万元",
        "集体经济已增收 {k} 万元（目标 {n} 万元），年底前结算分红",
    ),
    (
        "村集体收入比上年增加 {n} 万元，账目已在村务公开栏公布",
        "茶园托管、光伏分红等使集体增收 {n} 万元，承诺已兑现",
    ),
    (
        "茶叶价格下跌，集体收入只增加 {k} 万元，未达到 {n} 万元",
        "合作项目推迟投产，集体增收 {k} 万元，少于承诺的 {n} 万元",
    ),
)
PRACTICAL_MATTERS = Promise(
    "为群众办实事 {n} 件",
    ("已征集群众急难愁盼事项，确定 {n} 件实事清单",),
    (
        "实事清单 {n} 件中已办结 {k} 件，其余 {left} 件正在办理",
        "已办结 {k} 件实事（路灯维修、便民桥加固等），清单共 {n} 件",
    ),
    (
        "实事清单 {n} 件全部办结，经群众代表评议满意",
        "为群众办实事 {n} 件，已全部办结并公示",
    ),
    (
        "实事清单 {n} 件只办结 {k} 件，其余因资金不足转入下年",
        "办结实事 {k} 件，未完成 {n} 件的承诺，已向群众说明原因",
    ),
    (3, 4, 5, 5, 6, 6, 8, 8, 10, 10, 12),
)
PREACHING = Promise(
    "组织党员下村开展政策宣讲 {n} 场",
    ("已确定宣讲主题和联系村，全年计划宣讲 {n} 场",),
    (
        "已下村宣讲 {k} 场，还有 {left} 场排在农闲时节",
        "政策宣讲已开展 {k} 场（计划 {n} 场），听讲群众反响较好",
    ),
    (
        "已下村开展政策宣讲 {m} 场，完成 {n} 场的承诺",
        "组织党员下村宣讲 {m} 场，覆盖联系村全部村民小组，承诺的 {n} 场已完成",
    ),
    (
        "因业务工作集中，只下村宣讲 {k} 场，未达到 {n} 场",
        "下村宣讲 {k} 场，少于承诺的 {n} 场",
    ),
    (4, 4, 5, 6, 6, 8, 8, 10, 10, 12, 12),
)
PAIRED_FAMILIES = Promise(
    "结对帮扶脱贫户 {n} 户，每季度上门走访",
    ("已确定结对的 {n} 户脱贫户，建立帮扶台账",),
    (
        "结对的 {n} 户脱贫户中已走访 {k} 户，落实务工和产业帮扶",
        "已上门走访脱贫户 {k} 户，其余 {left} 户下季度走访",
    ),
    (
        "结对的 {n} 户脱贫户全年走访四次，无返贫，承诺已兑现",
        "{n} 户结对脱贫户每季度走访到位，帮助落实务工和产业项目",
    ),
    (
        "{n} 户结对脱贫户中只有 {k} 户做到每季度走访",
        "下半年走访不到位，{n} 户结对户中 {k} 户按季走访",
    ),
    (5, 6, 8, 8, 10, 10, 12, 12, 15, 15, 20),
    whole_year=True,
)
LOCAL_JOBS = Promise(
    "优先吸纳周边村民就业 {n} 人",
    ("已和周边村委会对接用工需求，计划吸纳村民 {n} 人",),
    (
        "已吸纳周边村民就业 {k} 人，还有 {left} 个岗位正在招聘",
        "吸纳周边村民 {k} 人上岗（承诺 {n} 人）",
    ),
    (
        "已吸纳周边村民就业 {m} 人，完成 {n} 人的承诺",
        "招用周边村民 {m} 人，签订劳动合同，承诺的 {n} 人已兑现",
    ),
    (
        "受订单减少影响，只吸纳村民就业 {k} 人，未达到 {n} 人",
        "吸纳周边村民 {k} 人，少于承诺的 {n} 人",
    ),
    (5, 6, 8, 8, 10, 10, 12, 15, 15, 20, 20),
)
SAFETY_CHECKS = Promise(
    "组织党员开展安全生产隐患排查 {n} 次",
    ("已制定党员安全隐患排查计划，全年 {n} 次",),
    (
        "已开展党员安全隐患排查 {k} 次，发现问题均已整改，还有 {left} 次",
        "党员隐患排查已开展 {k} 次（计划 {n} 次）",
    ),
    (
        "已组织党员隐患排查 {m} 次，其间未发生安全事故，承诺的 {n} 次已完成",
        "开展安全生产隐患排查 {m} 次，整改隐患全部销号，完成 {n} 次的承诺",
    ),
    (
        "生产任务重，只开展隐患排查 {k} 次，未达到 {n} 次",
        "开展党员隐患排查 {k} 次，少于承诺的 {n} 次",
    ),
    (4, 4, 6, 6, 8, 8, 10, 12, 12, 12, 12),
)
MODEL_POSTS = Promise(
    "设立党员示范岗 {n} 个，带头攻坚技术难题",
    ("已确定 {n} 个党员示范岗的岗位和人选",),
    (
        "{n} 个党员示范岗中已挂牌 {k} 个，攻坚项目已立项",
        "已设立党员示范岗 {k} 个，其余 {left} 个正在评选",
    ),
    (
        "{n} 个党员示范岗全部挂牌，完成技术攻关两项",
        "设立党员示范岗 {n} 个，带头解决生产难题，承诺已兑现",
    ),
    (
        "只设立党员示范岗 {k} 个，未达到 {n} 个",
        "党员示范岗挂牌 {k} 个，少于承诺的 {n} 个",
    ),
    (2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6),
)

VISITS = Promise(
    "组织机关党员每月下村走访，全年走访群众 {n} 户",
    ("已把机关党员分到各联系村，全年计划走访群众 {n} 户",),
    (
        "机关党员已下村走访群众 {k} 户，收集的问题已转有关站所办理，全年目标 {n} 户",
        "已走访 {k} 户，距 {n} 户还差 {left} 户",
    ),
    (
        "机关党员全年下村走访群众 {m} 户，完成 {n} 户的承诺",
        "全年走访群众 {m} 户，收集的问题都已答复，承诺的 {n} 户已兑现",
    ),
    (
        "因防汛和重点工作抽调人员，只走访群众 {k} 户，未达到 {n} 户",
        "全年走访群众 {k} 户，少于承诺的 {n} 户",
    ),
    (100, 120, 150, 150, 200, 200, 240, 240, 300, 300, 360),
    whole_year=True,
)

# A member or a branch draws one of its list; lists that stand for one another have the same
# length, so the same number is drawn whichever list applies.
MEMBER_PROMISES = (ENVIRONMENT, PAIRING, OPINIONS, RICE_SHRIMP, VOLUNTEERING, FIRE_SAFETY, ERRANDS, DISPUTES)
ORGAN_PROMISES = (SERVICE_WINDOW, HOUSEHOLDS, PARTY_VOLUNTEERING, TRAINING)
ENTERPRISE_MEMBER_PROMISES = (SAFETY_TRAINING, HAZARDS, PARTY_VOLUNTEERING, APPRENTICES)
BRANCH_PROMISES = (ROADS, WATER, PARTY_DAYS, COLLECTIVE_INCOME, PRACTICAL_MATTERS)
ORGAN_BRANCH_PROMISES = (PREACHING, PAIRED_FAMILIES, PARTY_DAYS, PRACTICAL_MATTERS, VISITS)
ENTERPRISE_BRANCH_PROMISES = (LOCAL_JOBS, SAFETY_CHECKS, PARTY_DAYS, MODEL_POSTS, PRACTICAL_MATTERS)
PROMISES = tuple(
    dict.fromkeys(
        (
            *MEMBER_PROMISES,
            *ORGAN_PROMISES,
            *ENTERPRISE_MEMBER_PROMISES,
            *BRANCH_PROMISES,
            *ORGAN_BRANCH_PROMISES,
            *ENTERPRISE_BRANCH_PROMISES,
        )
    )
)
"""Every kind of commitment in the demo, once."""

LEDGER_ITEMS = (
    ("参加主题党日", Decimal(2)),
    ("参加志愿服务", Decimal(3)),
    ("按时交纳党费", Decimal(2)),
    ("结对帮扶困难群众", Decimal(5)),
    ("参加党员学习", Decimal(2)),
    ("无故缺席组织生活", Decimal(-5)),
    ("带头调解邻里纠纷", Decimal(4)),
)


@frozen
class Shape:
    """How big a registry to make."""

    branches: int = 48
    members: int = 810
    seed: int = 2025
    commitment_share: float = 0.5
    """Share of members making a commitment each year (a year's commitments are one file, at most 10 MB)."""


@frozen
class Township:
    """Whose boards the demo writes: the township's name, wherever its registry names it.

    The default is the demo township; a county demo (``demo_county``) gives each township its own.
    """

    name: str = "青山镇"

    @property
    def organisation(self) -> str:
        """The township's Party committee (发布单位, 表彰单位): ``青山镇党委``."""
        return f"{self.name}党委"

    @property
    def office(self) -> str:
        return f"{self.name}党委组织办"

    @property
    def address(self) -> str:
        """Where objections are taken during the notice period."""
        return f"{self.name}人民政府二楼组织办"


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


@frozen
class _DrawnName:
    surname: str
    given: str
    position: int
    """Where the given name is in :data:`GIVEN` (counted in its own length)."""

    def fitted(self, gender: str) -> str:
        """The name with a given name that fits ``gender``: kept when it does, else one of the gender's."""
        names = GIVEN_NAMES[gender]
        if self.given in names:
            return self.surname + self.given
        pool = names.single if len(self.given) == 1 else names.double
        return self.surname + pool[self.position % len(pool)]


def _draw_name(rng: random.Random) -> _DrawnName:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.25:
        index = rng.randrange(len(GIVEN))
        return _DrawnName(surname, GIVEN[index], index)
    start = rng.randrange(0, len(GIVEN) - 1, 2)
    return _DrawnName(surname, GIVEN[start : start + 2], start // 2)


def _pick_name(rng: random.Random) -> str:
    """A name whose gender is not recorded (a branch secretary)."""
    drawn = _draw_name(rng)
    return drawn.surname + drawn.given


def _score(rng: random.Random, mean: float, spread: float) -> Decimal:
    value = max(35.0, min(100.0, rng.gauss(mean, spread)))
    if rng.random() < 0.5:
        return Decimal(round(value))
    return Decimal(round(value * 10)) / 10


@frozen
class _Draft:
    """What a commitment's progress notes are made from (not written to the registry)."""

    promise: Promise
    number: int
    first_note_after: int
    """Days after the commitment was made that an in-progress one was first reported on."""


class _Township:
    """Builds the registries in memory, then writes them as files."""

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.rng = random.Random(shape.seed)
        self.branches: list[dict[str, Any]] = []
        self.members: dict[str, list[dict[str, Any]]] = {}
        self.ledgers: dict[int, dict[str, list[dict[str, Any]]]] = {}
        self.commitments: dict[int, list[dict[str, Any]]] = {year: [] for year in YEARS}
        self.drafts: dict[str, _Draft] = {}

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
            if year < FOUNDED.get(branch["id"], YEARS[0]):
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
        if branch["id"] == "tongda-meikuang":
            # Its first year: 72.5 × 0.5 + 68 × 0.5 = 70.25 → 70.3 → 一星 (and 较差 in 分类定级).
            result[YEARS[-1]] = {"points": Decimal("72.5"), "target": Decimal("68")}
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
            if branch["id"] == f"{self.branches[0]['id']}-1":
                # A published boundary case: exactly 90 → 三星 (the threshold counts), on the first board.
                rated_now = next((p for p in people if p.get("points", {}).get(YEARS[-1], 0) >= 85), None)
                if rated_now is not None:  # (a small shape's branch may have none)
                    rated_now["points"][YEARS[-1]] = Decimal("90")
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
        # Joined at 19 or later, spread over the years since (a draw past this year was once cut to this year:
        # 184 of the demo's 810 members had joined in 2025, where a township takes in a few dozen a year).
        joined_year = born + 19 + (rng.randint(19, 45) - 19) * (age - 19) // 26
        if village or category == "floating":
            education = rng.choices((EDUCATION_HIGH, EDUCATION_MID, EDUCATION_LOW), (0.16, 0.22, 0.62))[0]
        else:
            education = rng.choices((EDUCATION_HIGH, EDUCATION_MID, EDUCATION_LOW), (0.62, 0.28, 0.10))[0]
        drawn = _draw_name(rng)
        gender = rng.choices(("男", "女"), (0.72, 0.28))[0]
        record: dict[str, Any] = {
            "id": f"m{serial:05d}",
            "name": drawn.fitted(gender),
            "gender": gender,
            "ethnicity": rng.choice(ETHNICITIES),
            "education": rng.choice(education),
            "born": born,
            "joined": dt.date(joined_year, rng.randint(1, 12), rng.randint(1, 28)),
            "category": category,
        }
        founded = FOUNDED.get(branch["id"], YEARS[0])
        points: dict[int, Decimal] = {}
        exempt: dict[int, str] = {}
        diligence = rng.gauss(82, 9)
        for year in YEARS:
            if joined_year > year:
                continue
            # Drawn in every year, kept only once the branch exists: the rest stays as it was.
            if age >= 75 and rng.random() < 0.25:
                reason = rng.choice(EXEMPT_REASONS)
                if year >= founded:
                    exempt[year] = reason
            elif ledger and year == YEARS[-1]:
                self.ledger_entries(record["id"], branch["id"], year, diligence)
            else:
                score = _score(rng, diligence, 5)
                if year >= founded:
                    points[year] = score
        if points:
            record["points"] = points
        if exempt:
            record["exempt"] = exempt
        record["private"] = {
            "phone": f"139{serial:08d}",
            "address": f"{branch['name'].removesuffix('党支部')}{rng.randint(1, 99)}号",
        }
        promises: tuple[Promise, ...]
        if village:
            promises = MEMBER_PROMISES
        elif branch["kind"] in ("organ", "institution"):
            promises = ORGAN_PROMISES
        else:
            promises = ENTERPRISE_MEMBER_PROMISES
        earliest = max(record["joined"], dt.date(founded, 1, 1))
        for year in YEARS:
            if joined_year <= year and rng.random() < self.shape.commitment_share:
                self.commitment(year, record["id"], promises, branch, earliest)
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
            promises: tuple[Promise, ...]
            if branch["kind"] == "village":
                promises = BRANCH_PROMISES
            elif branch["kind"] in ("organ", "institution"):
                promises = ORGAN_BRANCH_PROMISES
            else:
                promises = ENTERPRISE_BRANCH_PROMISES
            founded = dt.date(FOUNDED.get(branch["id"], YEARS[0]), 1, 1)
            for year in YEARS:
                self.commitment(year, branch["id"], promises, branch, founded)

    def commitment(
        self, year: int, by: str, promises: tuple[Promise, ...], branch: dict[str, Any], earliest: dt.date
    ) -> None:
        """One commitment, made on or after ``earliest`` (the day the maker joined or was founded).

        A member who joined during the year makes it a week after joining, or, after August,
        none that year. The numbers are drawn either way, so a commitment moved or left out
        changes no other.
        """
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
        promise = rng.choice(promises)
        number = promise.number(rng.randint(2, 12))
        approved_on = made + dt.timedelta(days=rng.randint(1, 10))
        early = rng.randint(0, 40) if status == "fulfilled" else 0
        first_note_after = rng.randint(30, 150) if status != "planned" else 0
        if made < earliest:
            if earliest.year != year or earliest.month > 8:
                return
            later = dt.timedelta(days=(earliest - made).days + 7)
            made, approved_on = made + later, approved_on + later
            due = max(due, made + dt.timedelta(days=60))
        if promise.whole_year:  # month by month: due at the end of the year, begun by now
            due = dt.date(year, 12, 31)
            if status == "planned":
                status, first_note_after = "in_progress", 60
        first_note_after = min(first_note_after, (AS_OF - made).days // 2)
        fulfilled_on = None
        if status == "fulfilled":
            if promise.whole_year:
                fulfilled_on = dt.date(year, 12, 31) - dt.timedelta(days=early // 4)
            else:
                fulfilled_on = max(
                    min(due, dt.date(year, 12, 31)) - dt.timedelta(days=early), made + dt.timedelta(days=20)
                )
        record: dict[str, Any] = {
            "id": f"c{year}-{len(items) + 1:05d}",
            "by": by,
            "text": promise.text.format(n=number),
            "category": "服务群众" if by != branch["id"] else "为民办实事",
            "made": made,
            "due": due,
            "approved_by": branch["secretary"],
            "approved_on": approved_on,
            "status": status,
        }
        if fulfilled_on is not None:
            record["fulfilled_on"] = fulfilled_on
        self.drafts[record["id"]] = _Draft(promise, number, first_note_after)
        items.append(record)

    def write_progress(self, seed: int) -> None:
        """Every commitment's progress notes (进展记录), from a random stream of their own.

        planned: none or a preparation note; in_progress: one to three notes of how far it has
        come; fulfilled: the completion note on the day it was fulfilled; unfulfilled: how far
        it came and why not further, on the day it was due. Every note is dated between the day
        the commitment was made and the day the boards are published.
        """
        rng = random.Random(seed + 2)
        for items in self.commitments.values():
            for record in items:
                notes = _progress(rng, record, self.drafts[record["id"]])
                if notes:
                    record["updates"] = [{"date": day, "note": note} for day, note in notes]


def _progress(rng: random.Random, record: dict[str, Any], draft: _Draft) -> list[tuple[dt.date, str]]:
    """The dated progress notes of one commitment (see :meth:`_Township.write_progress`)."""
    promise, n = draft.promise, draft.number
    made: dt.date = record["made"]
    status = record["status"]
    if status == "fulfilled":
        m = n + rng.choice((0, 0, 0, 1, 2)) if n < 20 else n + rng.choice((0, 0, 5, 10))
        return [(record["fulfilled_on"], rng.choice(promise.done).format(n=n, m=m))]
    if status == "unfulfilled":
        k = max(1, min(n - 1, round(n * rng.uniform(0.3, 0.8))))
        day = min(record["due"] + dt.timedelta(days=rng.randint(0, 10)), AS_OF)
        return [(day, rng.choice(promise.missed).format(n=n, k=k, left=n - k))]
    if status == "planned":
        if rng.random() < 0.5:
            return []
        day = min(made + dt.timedelta(days=rng.randint(7, 45)), AS_OF)
        return [(day, rng.choice(promise.prepare).format(n=n))]
    # in_progress: one to three reports, each further along and later than the one before
    count = min(rng.choice((1, 2, 2, 3)), n - 1)
    days = [made + dt.timedelta(days=draft.first_note_after)]
    while len(days) < count:
        days.append(days[-1] + dt.timedelta(days=rng.randint(30, 75)))
    if promise.whole_year:  # as far as the calendar has come
        done = [max(1, min(n - 1, n * day.timetuple().tm_yday // 366)) for day in days]
    else:
        done = sorted(rng.sample(range(1, n), count))
    wording = rng.randrange(len(promise.partial))
    notes: list[tuple[dt.date, str]] = []
    for index, (day, k) in enumerate(zip(days, done, strict=True)):
        if day > AS_OF or (notes and k <= done[index - 1]):
            break
        template = promise.partial[(wording + index) % len(promise.partial)]  # not twice the same words
        notes.append((day, template.format(n=n, k=k, left=n - k)))
    return notes


POSTS = (
    ("政策宣传岗", "宣传党的方针政策和惠民政策，每月入户宣讲一次"),
    ("矛盾调解岗", "及时化解邻里纠纷，做到小事不出组、大事不出村"),
    ("环境卫生监督岗", "督促房前屋后环境整治，每周巡查一次"),
    ("产业发展带富岗", "推广种养技术，带动群众增收致富"),
    ("关爱帮扶岗", "结对帮扶留守老人、儿童和困难群众"),
    ("治安巡逻岗", "参加夜间巡逻和森林防火巡查"),
)
POSTS_SINCE = dt.date(YEARS[0], 3, 1)
PHOTO_SHARE = 0.9
"""Share of pioneer posts with a photo (the office has not collected the rest yet)."""


@frozen
class ReviewTexts:
    """What a review of an organisation (its secretary) says on each criterion; one of each is drawn."""

    overall: tuple[str, ...]
    achievements: tuple[str, ...]
    problems: tuple[str, ...]
    direction: tuple[str, ...]


SECRETARY_REVIEWS = {
    ("village", "good"): ReviewTexts(
        (
            "工作思路清晰，班子团结，能较好发挥战斗堡垒作用",
            "能认真履行职责，各项工作有序推进",
            "工作积极主动，带头作用明显，群众评价较好",
            "抓党建促发展的意识较强，班子凝聚力不断增强",
        ),
        (
            "三会一课按时召开，主题党日活动规范开展",
            "带领群众发展特色产业，集体经济收入稳步增加",
            "公开承诺事项大部分已兑现，为群众办实事成效明显",
            "矛盾纠纷排查化解及时，全年无越级上访",
        ),
        (
            "党员教育管理方式较单一，流动党员联系不够紧密",
            "资料台账不够规范，部分活动记录不全",
            "发展年轻党员力度不够，队伍年龄结构偏大",
            "产业发展思路不够宽，带动群众增收的办法不多",
        ),
        (
            "加强流动党员管理，创新教育方式",
            "规范台账资料，提高组织生活质量",
            "注重培养青年致富能手，优化队伍结构",
            "围绕特色产业谋划项目，壮大集体经济",
        ),
    ),
    ("village", "plain"): ReviewTexts(
        ("能完成上级交办的任务，但工作主动性不够", "班子基本团结，抓落实的力度还需加强"),
        ("环境整治和防汛等重点工作按时完成", "为群众办实事有一定成效"),
        (
            "组织生活质量不高，党员参与不够积极",
            "产业发展办法不多，集体经济收入偏低",
            "资料台账不够规范，部分活动记录不全",
        ),
        ("提高组织生活质量，调动党员积极性", "谋划增收项目，壮大集体经济", "规范台账资料，做到活动有记录"),
    ),
    ("unit", "good"): ReviewTexts(
        (
            "工作思路清晰，班子团结，能较好发挥战斗堡垒作用",
            "能认真履行职责，各项工作有序推进",
            "抓党建促业务的意识较强，党员队伍作风扎实",
        ),
        (
            "三会一课按时召开，主题党日活动规范开展",
            "党建和业务工作结合紧密，服务群众效率提高",
            "党员下村服务和志愿服务常态开展",
            "公开承诺事项按期兑现，群众满意度较高",
        ),
        ("党建和业务融合的办法还不多", "党员学习教育形式较单一", "资料台账不够规范，部分活动记录不全"),
        ("推动党建和业务深度融合", "丰富学习教育形式，提高组织生活质量", "规范台账资料，做到活动有记录"),
    ),
    ("unit", "plain"): ReviewTexts(
        ("能完成上级交办的任务，但工作主动性不够", "班子基本团结，抓落实的力度还需加强"),
        ("三会一课基本按时召开", "完成了上级交办的各项任务"),
        ("党建工作与业务工作结合不紧", "组织生活质量不高，党员参与不够积极"),
        ("把党建工作和业务工作一起谋划、一起落实", "提高组织生活质量，调动党员积极性"),
    ),
    ("any", "weak"): ReviewTexts(
        ("支部班子软弱，组织生活不够正常，战斗堡垒作用发挥不够", "工作推动不力，部分重点任务没有按期完成"),
        ("支部委员已补选到位，开始规范组织生活", "能按整顿方案推进整改，每月报告进展"),
        ("三会一课落实不到位，党员管理松散", "书记抓党建的精力投入不够，班子分工不明确"),
        ("按整顿方案逐项整改，尽快实现转化升级", "健全组织生活制度，压实班子成员责任"),
    ),
}
"""What a leader says of a secretary: by the organisation (village or 党总支, or a unit) and
how it stands (好、较好: good; 一般: plain; 较差: weak)."""


@frozen
class MemberReviewTexts:
    """What a secretary says of a member on the member criteria (the commitments part is written
    from the member's own commitments); one of each is drawn."""

    work: tuple[str, ...]
    service: tuple[str, ...]
    example: tuple[str, ...]


MEMBER_REVIEWS = {
    "good": MemberReviewTexts(
        (
            "立足本职岗位，工作认真负责，完成任务好",
            "积极参加组织生活，带头作用明显",
            "工作积极，敢于担当，在群众中有威信",
        ),
        (
            "经常走访联系户，帮助解决实际困难",
            "主动为群众办实事，在群众中口碑较好",
            "参与调解矛盾纠纷，维护了和谐稳定",
        ),
        (
            "带头参加志愿服务和环境整治",
            "带头学用新技术，在群众中做示范",
            "防汛救灾中冲在前面，发挥了先锋模范作用",
        ),
    ),
    "plain": MemberReviewTexts(
        ("能完成支部交办的任务", "履行党员义务，但主动性还不够", "能按时参加组织生活，工作成绩还不够突出"),
        ("联系群众还不够经常", "为群众办事的主动性还需加强", "完成了支部分配的联系户走访"),
        ("先锋模范作用发挥还不够明显", "参加志愿服务次数较少", "带头作用还需加强"),
    ),
}
"""What a branch secretary says of a member: good (评定 好) or plain (较好、一般)."""
COMMITMENT_REVIEW = {
    "fulfilled": "承诺的“{text}”已于{month}月兑现",
    "in_progress": "承诺的“{text}”正在推进，已完成一部分",
    "planned": "承诺的“{text}”还在准备，尚未开始",
    "unfulfilled": "承诺的“{text}”没有兑现，已向支部说明原因",
    "none": "本年度没有作出公开承诺",
}
"""What a member's review says of the member's commitments that year, as the commitments board shows them."""
REVIEW_GRADES = {
    "好": ("好", "好", "较好"),
    "较好": ("较好", "较好", "好"),
    "一般": ("一般", "较好"),
    "较差": ("一般",),
}
"""The grade a leader gives a secretary, by the organisation's 分类定级 that year."""


@frozen
class Leader:
    """A member of the township's Party committee (镇党委班子成员)."""

    name: str
    post: str

    @property
    def signed(self) -> str:
        return f"{self.name}（{self.post}）"


VILLAGE_LEADERS = (
    Leader("韩立新", "镇党委书记"),
    Leader("罗文斌", "镇党委副书记、镇长"),
    Leader("陶志远", "镇党委委员、组织委员"),
    Leader("龚雪琴", "镇党委委员、纪委书记"),
    Leader("杨海波", "镇党委委员、宣传委员"),
    Leader("苏家明", "镇党委委员、副镇长"),
)
"""The leaders linked to the villages (联系村), in the order of the villages' 党总支."""
ORGANS_LEADER = Leader("石慧敏", "镇党委副书记")
"""Linked to the township's organs and institutions (镇直机关党总支)."""
ENTERPRISE_LEADER = VILLAGE_LEADERS[2]
"""The 组织委员 guides the enterprises' branches (非公企业党建)."""

GRADE_WEIGHTS: dict[int | None, tuple[float, float, float, float]] = {
    3: (0.85, 0.15, 0, 0),
    2: (0.6, 0.35, 0.05, 0),
    1: (0.3, 0.45, 0.25, 0),
    0: (0, 0.3, 0.45, 0.25),
    None: (0.6, 0.3, 0.1, 0),
}
"""分类定级 (好, 较好, 一般, 较差) by the year's stars (None: a 党总支, or not assessed that year).

A 较差 organisation is 无星 or, as named in :data:`POOR`, 一星; never 二星 or 三星."""
DUTY_ABILITY = {"好": 86.0, "较好": 83.0, "一般": 78.0, "较差": 70.0}
"""The mean of a secretary's 述职考核 scores, by the organisation's 分类定级 that year."""
POOR_DUTY_CEILING = 74.0
"""The secretary of a 较差 organisation is at most 称职: never 优秀."""
RECTIFIED = "{year}年初调整支部书记、补选支部委员，“三会一课”恢复正常，{year}年6月经镇党委验收，整顿转化完成"
RECTIFYING = "已调整充实支部班子，正在落实“三会一课”制度，按月报告整顿进展"
MINE_RECTIFYING = "已选派党建指导员驻矿指导，补选支部委员两名，正在规范“三会一课”，按月向镇党委报告进展"
POOR: dict[tuple[str, int], str | None] = {
    ("taoyuan-4", 2024): RECTIFIED.format(year=2025),
    # ON PURPOSE, the one disagreement the demo keeps: the deadline of this 2024 rectification
    # (2025-06-30) has passed and no progress is recorded, so that `validate` has a real case to
    # show (提醒：龙潭村第五党支部 2024 年整顿转化的期限 2025年6月30日 已过，还没有写进展情况).
    # tests/demo names it; every other 较差 organisation's records agree with the other boards.
    ("longtan-5", 2024): None,
    ("tongda-meikuang", 2025): MINE_RECTIFYING,
    ("zhen-guotu", 2025): "已调整支部班子，列出整改清单 12 项，已完成 5 项，按月报告整顿进展",
}
"""The demo township's 较差 organisations (分类定级) and the progress of their rectification
(整顿转化); each is at most 一星 that year. Other shapes grade only 无星 organisations 较差."""
CHECK_PASS_RATE = 0.9


class _Instruments:
    """Reviews, pioneer posts, venues, classification and duty reports of the demo township.

    A separate random stream, so the rest of the demo (names, scores) stays as it was.
    """

    def __init__(self, town: _Township, seed: int) -> None:
        self.town = town
        self.seed = seed
        self.rng = random.Random(seed + 1)
        self.reviews: dict[int, list[dict[str, Any]]] = {year: [] for year in YEARS}
        self.photos: dict[str, bytes] = {}
        self.posts_made = 0
        self.schemes = Schemes.model_validate(SCHEMES)
        generals = [b for b in town.branches if b["kind"] == "general"]
        self.leaders: dict[str, Leader] = {
            general["id"]: ORGANS_LEADER
            if general["id"] == "zhen-zhizhi"
            else VILLAGE_LEADERS[index % len(VILLAGE_LEADERS)]
            for index, general in enumerate(generals)
        }

    def leader_of(self, branch: dict[str, Any]) -> Leader:
        """The township leader linked to the organisation (through its 党总支)."""
        return self.leaders.get(branch.get("parent") or branch["id"], ENTERPRISE_LEADER)

    def make(self) -> None:
        generals = [b for b in self.town.branches if b["kind"] == "general"]
        village_generals = [b for b in generals if b["id"] != "zhen-zhizhi"]
        for branch in self.town.branches:
            self.classify(branch)
            founded = FOUNDED.get(branch["id"], YEARS[0])
            reports = {year: self.duty_scores(branch, year) for year in YEARS}
            branch["duty_report"] = {year: scores for year, scores in reports.items() if year >= founded}
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
        if any(b["id"] == "zhen-guotu" for b in self.town.branches):
            # The secretary of the 无星, 较差 国土所 branch (see POOR) is 不称职:
            # 62 × 0.2 + 55 × 0.2 + 56.5 × 0.4 + 58 × 0.2 = 57.6, so the board shows all four grades.
            guotu = next(b for b in self.town.branches if b["id"] == "zhen-guotu")
            guotu["duty_report"][YEARS[-1]] = {
                "daily": Decimal(62),
                "onsite": Decimal(55),
                "annual": Decimal("56.5"),
                "review": Decimal(58),
            }
        for branch in self.town.rated_branches():
            if branch["kind"] == "village":
                self.posts(branch, branch is first_village)
        self.make_reviews(generals)

    @staticmethod
    def checklist() -> list[str]:
        return [item for items in DEFAULT_CHECKLIST.values() for item in items]

    def stars(self, branch: dict[str, Any], year: int) -> int | None:
        assessment = branch.get("assessments", {}).get(year)
        return None if assessment is None else rate_branch(assessment, self.schemes.branch).stars

    def classify(self, branch: dict[str, Any]) -> None:
        """分类定级 in line with the year's stars; the organisations of :data:`POOR` are 较差."""
        founded = FOUNDED.get(branch["id"], YEARS[0])
        grades = {}
        for year in YEARS:
            grade = self.rng.choices(GRADES, GRADE_WEIGHTS[self.stars(branch, year)])[0]
            if (branch["id"], year) in POOR:
                grade = "较差"
            if year >= founded:
                grades[year] = grade
        branch["grade"] = grades
        poor = [year for year, grade in grades.items() if grade == "较差"]
        if poor:
            branch["rectification"] = {year: self.rectification(branch, year) for year in poor}

    def rectification(self, branch: dict[str, Any], year: int) -> dict[str, Any]:
        deadline = dt.date(year + 1, 6, 30)
        record: dict[str, Any] = {"responsible": self.leader_of(branch).signed, "deadline": deadline}
        progress = POOR.get(
            (branch["id"], year), RECTIFIED.format(year=year + 1) if deadline < AS_OF else RECTIFYING
        )
        if progress is not None:
            record["progress"] = progress
        return record

    def duty_scores(self, branch: dict[str, Any], year: int) -> dict[str, Decimal]:
        grade = branch["grade"].get(year, "好")
        ability = self.rng.gauss(DUTY_ABILITY[grade], 6)
        if grade == "较差":
            ability = min(ability, POOR_DUTY_CEILING)
        return {key: _score(self.rng, ability, 4) for key in ("daily", "onsite", "annual", "review")}

    def posts(self, branch: dict[str, Any], first: bool) -> None:
        """Two pioneer posts (先锋岗) for members who had joined, are not exempt and are under 70.

        Most have a drawn photo; in the ``first`` village branch the first has one and the
        second not, so that its page shows both.
        """
        holders = [
            person
            for person in self.town.members[branch["id"]]
            if person["joined"] < POSTS_SINCE and "exempt" not in person and SITE_YEAR - person["born"] < 70
        ]
        for index, person in enumerate(holders[:2]):
            title, duties = POSTS[(self.posts_made + len(branch["id"])) % len(POSTS)]
            self.posts_made += 1
            post: dict[str, Any] = {"title": title, "duties": duties, "since": POSTS_SINCE}
            drawing = random.Random(f"portrait {self.seed} {person['id']}")  # one stream per photo
            if (drawing.random() < PHOTO_SHARE or first) and not (first and index == 1):
                post["photo"] = f"{person['id']}.jpg"
                self.photos[post["photo"]] = _portrait(drawing, person["gender"], SITE_YEAR - person["born"])
            person["post"] = post
            person["private"] = person.pop("private")  # kept last, after what is published

    def member_score(self, person: dict[str, Any], branch_id: str, year: int) -> Decimal | None:
        """The member's points that year (from the ledger when kept in one), None when not rated."""
        if year in person.get("exempt", {}):
            return None
        if year in person.get("points", {}):
            return Decimal(person["points"][year])
        entries = [
            e for e in self.town.ledgers.get(year, {}).get(branch_id, []) if e["member"] == person["id"]
        ]
        if not entries:
            return None
        ledger = self.schemes.member.ledger
        total = ledger.base + sum((e["points"] for e in entries), Decimal(0))
        return max(ledger.min, min(ledger.max, total))

    def make_reviews(self, generals: list[dict[str, Any]]) -> None:
        """镇党委 reviews each 党总支 (and each branch outside one) through the linked leader;
        each 党总支 reviews two of its branches; their secretaries review two rated members,
        pioneer-post holders first."""
        tops = [*generals, *(b for b in self.town.rated_branches() if not b.get("parent"))]
        for year in YEARS:
            for top in tops:
                if year < FOUNDED.get(top["id"], YEARS[0]):
                    continue
                self.review(year, top, self.leader_of(top), "committee")
                children = [b for b in self.town.rated_branches() if b.get("parent") == top["id"]]
                for child in children[:2]:
                    self.review(year, child, Leader(top["secretary"], f"{top['name']}书记"), "general")
                    people = sorted(self.town.members[child["id"]], key=lambda p: "post" not in p)
                    rated = [
                        (p, s) for p in people if (s := self.member_score(p, child["id"], year)) is not None
                    ]
                    for person, score in rated[:2]:
                        self.member_review(
                            year, person, score, Leader(child["secretary"], f"{child['name']}书记")
                        )

    def review(self, year: int, organisation: dict[str, Any], reviewer: Leader, level: str) -> None:
        """A review of an organisation's secretary, in line with its 分类定级 that year."""
        rng = self.rng
        standing = organisation["grade"].get(year, "好")
        grade = rng.choice(REVIEW_GRADES[standing])
        village = organisation["kind"] == "village" or (
            organisation["kind"] == "general" and organisation["id"] != "zhen-zhizhi"
        )
        if standing == "较差":
            texts = SECRETARY_REVIEWS["any", "weak"]
        else:
            texts = SECRETARY_REVIEWS[
                "village" if village else "unit", "plain" if grade == "一般" else "good"
            ]
        signed: dict[str, Any] = {"name": reviewer.name, "post": reviewer.post}
        if level == "committee":
            signed["contact"] = organisation["id"]  # 镇党政领导按联系村点评
        self.reviews[year].append(
            {
                "subject": organisation["id"],
                "reviewer": signed,
                "level": level,
                "date": dt.date(year, 12, rng.randint(10, 28)),
                "overall": rng.choice(texts.overall),
                "achievements": rng.choice(texts.achievements),
                "problems": rng.choice(texts.problems),
                "direction": rng.choice(texts.direction),
                "grade": grade,
                "public": rng.random() < 0.85,  # the others are kept for the office only
            }
        )

    def member_review(self, year: int, person: dict[str, Any], score: Decimal, reviewer: Leader) -> None:
        """A member's review on the member criteria: its grade in line with the member's points
        that year, what it says of the commitments in line with the commitments board."""
        rng = self.rng
        if score >= 90:
            grade = "好"
        elif score >= 80:
            grade = rng.choice(("好", "较好"))
        elif score >= 60:
            grade = rng.choice(("较好", "一般"))
        else:
            grade = "一般"
        texts = MEMBER_REVIEWS["good" if grade == "好" else "plain"]
        date = dt.date(year, 12, rng.randint(10, 28))
        self.reviews[year].append(
            {
                "subject": person["id"],
                "reviewer": {"name": reviewer.name, "post": reviewer.post},
                "level": "branch",
                "date": date,
                "work": rng.choice(texts.work),
                "commitments": self.commitments_said(person["id"], year, date),
                "service": rng.choice(texts.service),
                "example": rng.choice(texts.example),
                "grade": grade,
                "public": rng.random() < 0.85,
            }
        )

    def commitments_said(self, member_id: str, year: int, date: dt.date) -> str:
        """What a review on ``date`` says of the member's commitments that year (履行公开承诺事项)."""
        made = [c for c in self.town.commitments[year] if c["by"] == member_id and c["made"] <= date]
        if not made:
            return COMMITMENT_REVIEW["none"]
        said = []
        for commitment in made:
            status = commitment["status"]
            if status == "fulfilled" and commitment["fulfilled_on"] > date:
                status = "in_progress"  # fulfilled after the review
            month = commitment["fulfilled_on"].month if status == "fulfilled" else 0
            said.append(COMMITMENT_REVIEW[status].format(text=commitment["text"], month=month))
        return "；".join(said)


PORTRAIT_SIZE = (300, 400)
"""Width and height of a drawn portrait: 3:4, a little larger than the published photo (240×320)."""
SKINS = ("#f1d2b6", "#e8c09c", "#dcae88", "#c99a74")
DARK_HAIR = ("#1f1b19", "#2b2420", "#3a2d25")
GREY_HAIR = ("#8f8c88", "#a9a6a1", "#c4c1bc")
COATS = ("#2f3e5c", "#3d3f44", "#4a5a3c", "#5c4433", "#27466b", "#5a5f66")
WOMEN_COATS = ("#7a3b4f", "#3f6f73", "#6b4e7a", "#8a5a3c", "#2f3e5c", "#4f6b3a")
SHIRTS = ("#f4f1ea", "#dfe8f2", "#f2efe4")


def _portrait(rng: random.Random, gender: str, age: int) -> bytes:
    """A made-up portrait (flat shapes, obviously drawn, no real person), a 300×400 JPEG of about 6 kB.

    Drawn from ``rng`` alone, so the same stream gives the same bytes. Women have longer hair,
    members of 60 and over mostly grey hair; everyone wears the Party badge.
    """
    s = 2  # drawn on a 360×480 grid at twice that size, then reduced: smooth edges
    hue = rng.randrange(0, 360)
    image = Image.new("RGB", (360 * s, 480 * s), f"hsl({hue}, 28%, 86%)")
    draw = ImageDraw.Draw(image)

    def box(left: float, top: float, right: float, bottom: float) -> tuple[int, int, int, int]:
        return (round(left * s), round(top * s), round(right * s), round(bottom * s))

    woman = gender == "女"
    skin = rng.choice(SKINS)
    hair = rng.choice(GREY_HAIR if age >= 60 and rng.random() < 0.8 else DARK_HAIR)
    coat = rng.choice(WOMEN_COATS if woman else COATS)
    shirt = rng.choice(SHIRTS)
    cx = 180 + rng.randint(-6, 6)
    head_top = 124 + rng.randint(-8, 8)
    head_w = 80 + rng.randint(-5, 5)
    head_bottom = head_top + 200
    if woman:  # hair falling behind the head to the shoulders
        length = rng.choice((330, 360, 390))
        draw.rounded_rectangle(
            box(cx - head_w - 18, head_top - 6, cx + head_w + 18, length), 70 * s, fill=hair
        )
    else:  # short hair around the top of the head, down to the ears
        draw.ellipse(box(cx - head_w - 7, head_top - 12, cx + head_w + 7, head_top + 130), fill=hair)
    draw.ellipse(box(cx - 175, 372, cx + 175, 660), fill=coat)  # shoulders
    draw.rectangle(box(cx - 30, head_bottom - 40, cx + 30, 392), fill=skin)  # neck
    draw.polygon([(p[0] * s, p[1] * s) for p in ((cx - 48, 374), (cx, 440), (cx + 48, 374))], fill=shirt)
    draw.ellipse(box(cx + 72, 446, cx + 90, 464), fill="#c8102e")  # Party badge
    draw.ellipse(box(cx + 78, 452, cx + 84, 458), fill="#f2c200")
    draw.ellipse(box(cx - head_w - 9, head_top + 88, cx - head_w + 11, head_top + 122), fill=skin)  # ears
    draw.ellipse(box(cx + head_w - 11, head_top + 88, cx + head_w + 9, head_top + 122), fill=skin)
    draw.ellipse(box(cx - head_w, head_top, cx + head_w, head_bottom), fill=skin)  # face
    if woman:
        draw.chord(box(cx - head_w - 6, head_top - 14, cx + head_w + 6, head_top + 120), 180, 360, fill=hair)
        draw.pieslice(box(cx - head_w - 6, head_top - 14, cx + 30, head_top + 150), 180, 260, fill=hair)
    else:
        draw.chord(box(cx - head_w - 4, head_top - 12, cx + head_w + 4, head_top + 96), 180, 360, fill=hair)
    eye_y = head_top + 106
    for side in (-1, 1):
        x = cx + side * 30
        draw.ellipse(box(x - 6, eye_y - 6, x + 6, eye_y + 6), fill="#2a2522")
        draw.line(box(x - 14, eye_y - 18, x + 14, eye_y - 20 + rng.randint(-2, 2)), fill=hair, width=4 * s)
    draw.line(box(cx, eye_y + 12, cx - 4, eye_y + 40), fill="#b07a5a", width=2 * s)  # nose
    draw.arc(box(cx - 26, eye_y + 36, cx + 26, eye_y + 66), 25, 155, fill="#9a4a3c", width=3 * s)  # smile
    image = image.resize(PORTRAIT_SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, optimize=True)  # no metadata: the same bytes every run
    return out.getvalue()


def _pinyin_id(index: int) -> str:
    return ("qingshan", "longtan", "shiqiao", "liuwan", "taoyuan", "songlin")[index % len(VILLAGES)]


LEADER_IDS = ("l-shuji", "l-zhenzhang", "l-zuzhi", "l-jiwei", "l-xuanchuan", "l-fuzhenzhang")
"""The ids of :data:`VILLAGE_LEADERS` in ``site.yml``'s ``leaders`` (ORGANS_LEADER is ``l-fushuji``)."""

SITE: dict[str, Any] = {
    "organisation": "青山镇党委",
    "office": "青山镇党委组织办",
    "year": SITE_YEAR,
    "as_of": AS_OF,
    "notice": {"start": AS_OF, "days": 7, "phone": "0874-6000000", "address": "青山镇人民政府二楼组织办"},
    "privacy": {"list_unstarred": False, "list_exempt": False},
    "leaders": [
        *(
            {"id": key, "name": leader.name, "post": leader.post}
            for key, leader in zip(LEADER_IDS, VILLAGE_LEADERS, strict=True)
        ),
        {"id": "l-fushuji", "name": ORGANS_LEADER.name, "post": ORGANS_LEADER.post},
    ],
}

TOWNSHIP_COMMITMENTS: dict[int, list[dict[str, Any]]] = {
    2025: [
        {
            "id": "t2025-01",
            "by": "committee",
            "text": "年内建成镇党群服务中心，完成 6 个村的活动场所改造",
            "category": "基层组织建设",
            "made": dt.date(2025, 1, 20),
            "due": dt.date(2025, 11, 30),
            "approved_by": "县委组织部",
            "approved_on": dt.date(2025, 2, 10),
            "status": "fulfilled",
            "fulfilled_on": dt.date(2025, 11, 18),
            "updates": [
                {"date": dt.date(2025, 6, 30), "note": "党群服务中心主体完工，6 个村的活动场所完成改造"},
                {"date": dt.date(2025, 11, 18), "note": "党群服务中心投入使用，6 个村的活动场所改造全部完成"},
            ],
        },
        {
            "id": "t2025-02",
            "by": "l-shuji",
            "text": "每月到联系村走访不少于 2 次，带头领办群众反映的问题",
            "category": "服务群众",
            "made": dt.date(2025, 1, 20),
            "due": dt.date(2025, 12, 31),
            "approved_by": "县委组织部",
            "approved_on": dt.date(2025, 2, 10),
            "status": "fulfilled",
            "fulfilled_on": dt.date(2025, 12, 31),
            "updates": [
                {"date": dt.date(2025, 12, 31), "note": "全年走访联系村 27 次，领办问题 14 件，已办结 14 件"}
            ],
        },
        {
            "id": "t2025-03",
            "by": "l-zhenzhang",
            "text": "推动油茶产业扩种 2000 亩，带动 300 户增收",
            "category": "发展经济",
            "made": dt.date(2025, 2, 5),
            "due": dt.date(2026, 6, 30),
            "approved_by": "韩立新",
            "approved_on": dt.date(2025, 2, 12),
            "status": "in_progress",
            "updates": [{"date": dt.date(2025, 12, 20), "note": "已扩种 1450 亩，带动 212 户"}],
        },
        {
            "id": "t2025-04",
            "by": "l-zuzhi",
            "text": "年内完成全镇党员积分制管理台账规范化，每季度通报一次",
            "category": "基层组织建设",
            "made": dt.date(2025, 1, 25),
            "due": dt.date(2025, 12, 15),
            "approved_by": "韩立新",
            "approved_on": dt.date(2025, 2, 12),
            "status": "fulfilled",
            "fulfilled_on": dt.date(2025, 12, 10),
            "updates": [
                {"date": dt.date(2025, 12, 10), "note": "四个季度的积分情况均已通报，48 个党支部台账全部规范"}
            ],
        },
        {
            "id": "g2025-01",
            "by": "qingshan",
            "text": "总支牵头修建青山村文化广场，年内动工",
            "category": "服务群众",
            "made": dt.date(2025, 3, 1),
            "due": dt.date(2025, 12, 31),
            "approved_by": "韩立新",
            "approved_on": dt.date(2025, 3, 8),
            "status": "in_progress",
            "updates": [
                {"date": dt.date(2025, 10, 15), "note": "已完成选址和设计，11 月动工，平整场地已完成一半"}
            ],
        },
    ],
}
"""Commitments of the township committee, its leaders (镇党委和党政领导率先垂范，带头提出承诺事项) and
a 党总支; written as they are, so the rest of the demo's random streams stay as they were."""

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


def site_facts(township: Township) -> dict[str, Any]:
    """``site.yml`` of ``township``: :data:`SITE` with its own name (the same keys in the same order)."""
    return {
        **SITE,
        "organisation": township.organisation,
        "office": township.office,
        "notice": {**SITE["notice"], "address": township.address},
    }


def generate(out: Path, shape: Shape = Shape(), township: Township = Township()) -> dict[str, int]:
    """Write a complete set of registries of ``township`` into ``out``; return what was made.

    The boards' own demo data (``demo_boards``) reads the township's name from ``site.yml``.
    """
    town = _Township(shape)
    town.make_branches()
    town.make_members()
    town.make_branch_commitments()
    town.write_progress(shape.seed)
    extras = _Instruments(town, shape.seed)
    extras.make()
    schema = "../docs/schema"
    out.mkdir(parents=True, exist_ok=True)
    _write(
        out / "site.yml",
        dump(
            site_facts(township), f"{schema}/site.schema.json", "发布单位、考核年度与公示期（公示栏页脚使用）"
        ),
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
    makers = {"committee", "l-fushuji", *LEADER_IDS, *(branch["id"] for branch in town.branches)}
    for year, items in TOWNSHIP_COMMITMENTS.items():  # a 党总支's only where the shape has it
        town.commitments[year] = [item for item in items if item["by"] in makers] + town.commitments[year]
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
    write_all(out, shape.seed)  # the boards that bring their own data files (demo_boards/)
    return {
        "branches": sum(1 for _ in town.rated_branches()),
        "members": sum(len(people) for people in town.members.values()),
        "commitments": sum(len(items) for items in town.commitments.values()),
    }


SCHEMES_COMMENT = """评星规则。本文件可以不要：不写的项目按下面的默认规则执行。
支部评星：积分制管理考核 × 0.5 + 年终目标考核 × 0.5，四舍五入保留 1 位小数后定星
三星、二星、一星的最低分（含）：90、80、60；60 分以下无星
述职考核：日常记实、现场观摩、年度综合、述职评议按 20:20:40:20 加权，90 优秀、75 称职、60 基本称职
活动场所：八有、五化共 13 项，全部达标五星级，11 项四星级，9 项三星级"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
