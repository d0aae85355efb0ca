"""The command line: ``python -m noticeboard validate|schema|demo``.

Messages are in Chinese for the office; ``--help`` gives both languages.
Problems in the data are printed as ``FILE:LINE: message`` and exit with 1;
anything else is a bug and shows a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from . import load_registry
from .aggregation import rate_year, summarize
from .demo import Shape, generate
from .errors import RegistryError
from .schema import SCHEMA_DIR, write_schemas

DESCRIPTION = """\
公示栏（Noticeboard）：检查党组织、党员、积分和公开承诺数据，生成评星公示栏。
Noticeboard: check the registries of branches, members, points and commitments."""


def stories_next_to(data_dir: Path) -> Path | None:
    """The blog posts folder of the site the data belongs to, when there is one."""
    folder = data_dir.resolve().parent / "docs" / "stories" / "posts"
    return folder if folder.is_dir() else None


def _validate(args: argparse.Namespace) -> int:
    data_dir: Path = args.data_dir
    stories = args.stories if args.stories is not None else stories_next_to(data_dir)
    try:
        cache = None if args.no_cache else data_dir.resolve().parent / ".cache" / "noticeboard"
        registry = load_registry(data_dir, stories_dir=stories, cache_dir=cache)
    except RegistryError as error:
        print(error.report(), file=sys.stderr)
        return 1
    site = registry.site
    summary = summarize(rate_year(registry, site.year, site.as_of or dt.date.today())).as_dict()
    branches, members, commitments = summary["branches"], summary["members"], summary["commitments"]
    assert isinstance(branches, dict) and isinstance(members, dict) and isinstance(commitments, dict)
    stars = "，".join(f"{word} {branches['stars'][key]} 个" for key, word in _WORDS)
    print(f"数据检查通过：{data_dir.as_posix()}")
    print(f"{site.year} 年：党支部 {branches['total']} 个（{stars}，未评定 {branches['unrated']} 个）")
    stars = "，".join(f"{word} {members['stars'][key]} 名" for key, word in _WORDS)
    print(
        f"{site.year} 年：党员 {members['total']} 名（{stars}，"
        f"不参与评星 {members['exempt']} 名，未评定 {members['unrated']} 名）"
    )
    print(
        f"{site.year} 年：公开承诺 {commitments['total']} 项（逾期 {commitments['overdue']} 项）；案例 {len(registry.stories)} 篇"
    )
    reviews = registry.reviews.get(site.year, ())
    year = site.year
    print(
        f"{year} 年：领导点评 {len(reviews)} 条（公开 {sum(r.public for r in reviews)} 条）；"
        f"党员先锋岗 {sum(m.post is not None for m in registry.members)} 个；"
        f"活动场所 {sum(year in b.venue for b in registry.branches)} 个；"
        f"分类定级 {sum(year in b.grade for b in registry.branches)} 个；"
        f"述职评议 {sum(year in b.duty_report for b in registry.branches)} 个"
    )
    return 0


_WORDS = (("3", "三星"), ("2", "二星"), ("1", "一星"), ("0", "无星"))


def _schema(args: argparse.Namespace) -> int:
    for path in write_schemas(args.out):
        print(f"已写入 {path.as_posix()}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    made = generate(args.out, Shape(branches=args.branches, members=args.members, seed=args.seed))
    print(
        f"已生成 {args.out.as_posix()}：党支部 {made['branches']} 个，党员 {made['members']} 名，公开承诺 {made['commitments']} 项"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m noticeboard", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令 COMMAND")

    check = commands.add_parser(
        "validate",
        help="检查数据，列出所有问题 / check the data and list every problem",
        description="检查数据文件夹中的所有文件，每个问题一行：文件:行号: 说明。\n"
        "Check every file of the data folder; one line per problem: FILE:LINE: message.",
    )
    check.add_argument(
        "data_dir", nargs="?", type=Path, default=Path("data"), help="数据文件夹 / data folder（默认 data）"
    )
    check.add_argument(
        "--stories",
        type=Path,
        default=None,
        help="案例文章文件夹 / case-story posts folder（默认 docs/stories/posts）",
    )
    check.add_argument("--no-cache", action="store_true", help="不使用解析缓存 / parse every file again")
    check.set_defaults(run=_validate)

    schema = commands.add_parser(
        "schema", help="生成数据文件的 JSON Schema / write the JSON Schemas of the data files"
    )
    schema.add_argument(
        "--out",
        type=Path,
        default=SCHEMA_DIR,
        help=f"输出文件夹 / output folder（默认 {SCHEMA_DIR.as_posix()}）",
    )
    schema.set_defaults(run=_schema)

    demo = commands.add_parser("demo", help="生成虚构的示例数据 / generate fictional demo registries")
    demo.add_argument(
        "--out", type=Path, default=Path("data"), help="输出文件夹 / output folder（默认 data）"
    )
    demo.add_argument("--branches", type=int, default=Shape.branches, help="党支部数 / number of branches")
    demo.add_argument("--members", type=int, default=Shape.members, help="党员数 / number of members")
    demo.add_argument("--seed", type=int, default=Shape.seed, help="随机种子 / random seed")
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))
