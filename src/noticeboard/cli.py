"""The command line: ``python -m noticeboard validate|serve|build|import|export|diff|new-year|templates|schema|demo``.

Messages are in Chinese for the office; ``--help`` gives both languages.
Problems in the data are printed as ``FILE:LINE: message`` and exit with 1;
anything else is a bug and shows a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from noticeboard.boards.kind import BoardKind
from noticeboard.boards.kinds import KINDS, load_township
from noticeboard.boards.township import build_boards
from noticeboard.county.project import write_project
from noticeboard.county.settings import open_data_folder, read_county
from noticeboard.county.site import read_county_site
from noticeboard.demo import Shape, generate
from noticeboard.demo_county import CHECKOUT, COUNTY, generate_county
from noticeboard.demo_county import TOWNSHIPS as COUNTY_TOWNSHIPS
from noticeboard.office.board_diff import compare, render, snapshot
from noticeboard.office.ci_reports import CODE_QUALITY_FILE, announce, write_code_quality
from noticeboard.office.git_history import GitError, checkout_folder
from noticeboard.office.json_schemas import SCHEMA_DIR, write_schemas
from noticeboard.office.new_year import YearError, open_year
from noticeboard.office.spreadsheet_export import sheets as workbook_sheets
from noticeboard.office.spreadsheet_export import write as write_workbook
from noticeboard.office.spreadsheet_import import import_files, write_templates
from noticeboard.office.spreadsheet_reading import SheetError
from noticeboard.registries.errors import Problem, Problems, RegistryError, UserError, system_refusal

DESCRIPTION = """\
公示栏（Noticeboard）：检查党组织、党员、积分和公开承诺数据，生成评星公示栏。
Noticeboard: check the registries of branches, members, points and commitments."""


EMPTY_FILE = (
    "提醒：这个文件是空的，一条记录也没有；如果原来有内容，多半是保存或同步时出了错，请从备份或 git 里找回"
    "（本来就还没有记录的，在文件里写一行以 # 开头的说明，就不再提醒）"
)
"""What ``validate`` says of a file of records with nothing in it (:attr:`Registry.empty_files`)."""


def stories_next_to(data_dir: Path) -> Path | None:
    """The blog posts folder of the site the data belongs to, when there is one."""
    folder = data_dir.resolve().parent / "docs" / "stories" / "posts"
    return folder if folder.is_dir() else None


def _validate(args: argparse.Namespace) -> int:
    data_dir: Path = args.data_dir
    stories = args.stories if args.stories is not None else stories_next_to(data_dir)
    try:
        cache = None if args.no_cache else data_dir.resolve().parent / ".cache" / "noticeboard"
        registry = load_township(data_dir, stories_dir=stories, cache_dir=cache, fork=True)
    except RegistryError as error:
        print(error.report(), file=sys.stderr)
        _ci_reports(args, error.problems, ())
        return 1
    boards = build_boards(registry, registry.site.as_of or dt.date.today())
    view = boards.current
    print(f"数据检查通过：{data_dir.as_posix()}")
    for kind in KINDS:  # every kind that counts says so, even with nothing this year
        board = view.board(kind)
        if board is not None:
            line = kind.counts(boards, board)
        else:
            line = f"{kind.title}：没有记录" if type(kind).counts is not BoardKind.counts else ""
        if line:
            print(f"{view.year} 年：{line}")
    print(f"案例 {len(registry.stories)} 篇")
    reminders = sorted(
        {
            reminder
            for year_view in boards.years.values()
            for kind in KINDS
            if (board := year_view.board(kind)) is not None
            for reminder in kind.reminders(boards, year_view, board)
        }
        | {Problem(file, 1, EMPTY_FILE) for file in registry.empty_files}
    )
    for reminder in reminders:
        print(reminder, file=sys.stderr)
    _ci_reports(args, (), reminders)
    if reminders:
        print(
            f"有 {len(reminders)} 处提醒（公示栏之间的矛盾、逾期未办的事项或空的文件），发布前请核对"
            + ("（--strict：按错误处理）" if args.strict else "（不影响发布）"),
            file=sys.stderr,
        )
    return 1 if reminders and args.strict else 0


class ProjectError(UserError):
    """The site cannot be served or built from here (message in Chinese)."""


def site_project(data_dir: Path) -> Path:
    """The site's project folder: the one holding ``mkdocs.yml`` and the data folder ``data/``.

    The site always reads the ``data`` folder next to ``mkdocs.yml``: with the default
    ``data`` that is the current folder.
    """
    data = data_dir.resolve()
    root = data.parent
    if not (root / "mkdocs.yml").is_file():
        raise ProjectError(
            f"找不到 {(root / 'mkdocs.yml').as_posix()}：请在网站的项目文件夹（有 mkdocs.yml 和 data 文件夹的那个）"
            "里运行，或写出它的数据文件夹，例如 python -m noticeboard serve D:/公示栏/data"
        )
    if data.name != "data":
        raise ProjectError(
            f"{data_dir.as_posix()}：网站总是读取 mkdocs.yml 旁边名为 data 的数据文件夹"
            f"（{(root / 'data').as_posix()}）；请写那个文件夹"
        )
    if importlib.util.find_spec("mkdocs") is None:
        raise ProjectError(
            "没有安装 MkDocs：请先在项目文件夹里运行 pip install -r requirements.lock（Windows："
            ".venv\\Scripts\\pip install -r requirements.lock）"
        )
    return root


def run_mkdocs(root: Path, arguments: Sequence[str], *, offline: bool = False) -> int:
    """``python -m mkdocs ARGUMENTS`` with the project's ``mkdocs.yml``, as ``make serve``/``make build`` run it.

    MkDocs runs in its own process (the package never imports it); Ctrl+C stops both.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("NOTICEBOARD_OFFLINE", None)
    if offline:
        env["NOTICEBOARD_OFFLINE"] = "true"
    command = [sys.executable, "-m", "mkdocs", *arguments, "--config-file", str(root / "mkdocs.yml")]
    process = subprocess.Popen(command, cwd=root, env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches MkDocs too: let it stop by itself
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 0


def _serve(args: argparse.Namespace) -> int:
    """Preview the site on this computer; it is built again whenever a file changes."""
    root = site_project(args.data_dir)
    arguments = ["serve", "--dev-addr", args.dev_addr]
    if args.open:
        arguments.append("--open")
    print(f"本地预览：http://{args.dev_addr}/ （修改数据后自动刷新；按 Ctrl+C 停止）", flush=True)
    return run_mkdocs(root, arguments)


def _emptied_safely(out: Path, kept: Iterable[Path]) -> Path:
    """``out`` resolved, refused when emptying it would delete one of ``kept`` or put the site among them.

    Why: MkDocs empties the output folder before it builds. ``county --out`` the county's own folder deleted
    ``county.yml`` and every township's data; ``build --site-dir data`` would delete the registries."""
    out = out.resolve()
    for path in kept:
        path = path.resolve()
        if path == out or out in path.parents or path in out.parents:
            shown, other = path.as_posix(), "请换一个只放网站的文件夹，例如 site"
            if path in out.parents:
                raise ProjectError(f"输出文件夹 {out.as_posix()} 在 {shown} 里面：网站不能放在那里；{other}")
            where = f"就是 {shown}" if path == out else f"里有 {shown}"
            raise ProjectError(
                f"输出文件夹 {out.as_posix()} {where}：生成网站前会清空输出文件夹，里面原有的文件都会被删除；{other}"
            )
    return out


def _build(args: argparse.Namespace) -> int:
    """Build the whole site into a folder, stopping at any problem (``--strict``)."""
    root = site_project(args.data_dir)
    site_dir = _emptied_safely(
        args.site_dir or root / ("site-offline" if args.offline else "site"),
        [root / name for name in ("data", "docs", "mkdocs.yml", "hooks", "theme_overrides")],
    )
    arguments = ["build", "--strict", "--site-dir", str(site_dir)]
    if args.quiet:
        arguments.append("--quiet")
    status = run_mkdocs(root, arguments, offline=args.offline)
    if status == 0:
        where = site_dir.as_posix()
        if args.offline:
            print(f"已生成离线版网站：{where}（可复制到文件夹或 U 盘，打开其中的 index.html 即可浏览）")
        else:
            print(f"已生成网站：{where}（把整个文件夹发布到网站服务器上）")
    return status


def _ci_reports(args: argparse.Namespace, errors: Sequence[Problem], reminders: Sequence[Problem]) -> None:
    """The problems also where the change is reviewed: GitHub annotations, a GitLab Code Quality report."""
    announce(errors, reminders, strict=args.strict)
    if args.code_quality is not None:
        write_code_quality(args.code_quality, errors, reminders, strict=args.strict)


def _diff(args: argparse.Namespace) -> int:
    """Compare the public boards at a git revision with the working tree; 1 when anything public changes."""
    data_dir: Path = args.data_dir
    try:
        after = load_township(data_dir)
    except RegistryError as error:
        print("数据有误，无法比较：\n" + error.report(), file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temp:
        try:
            old_dir = checkout_folder(data_dir, args.revision, Path(temp))
        except GitError as error:
            print(f"无法比较：{error}", file=sys.stderr)
            return 2
        before = None
        if old_dir is not None:
            try:
                before = load_township(old_dir, root=Path(temp))
            except RegistryError as error:
                print(
                    f"注意：版本 {args.revision} 的数据本身有误，按“没有公示”比较：\n{error.report()}",
                    file=sys.stderr,
                )
    report = compare(
        snapshot(build_boards(before, before.site.as_of or dt.date.today())) if before else None,
        snapshot(build_boards(after, after.site.as_of or dt.date.today())),
    )
    print(render(report, markdown=args.format == "markdown"), end="")
    return 1 if report.changed else 0


def _new_year(args: argparse.Namespace) -> int:
    """Open the next assessment year; the data must be valid before and after."""
    data_dir: Path = args.data_dir
    try:
        registry = load_township(data_dir)
        opened = open_year(data_dir, registry, args.year)
        load_township(data_dir)
    except RegistryError as error:
        print("数据有误，请先改正：\n" + error.report(), file=sys.stderr)
        return 2
    except YearError as error:
        print(str(error), file=sys.stderr)
        return 2
    print(f"已把 site.yml 的考核年度改为 {args.year} 年（以前各年的数据没有改动）")
    for path in opened.created:
        print(f"已新建 {path.as_posix()}")
    for path in opened.kept:
        print(f"已存在，未改动 {path.as_posix()}")
    print("请记得更新 site.yml 的公示期 notice.start 和 as_of。")
    return 0


INTERNAL_NOTE = (
    "这是组织办的内部台账：含不公开的领导点评和党员的出生年份，可以打印、上报，"
    "不要张贴或上传到公开的网站、群里；公开的内容以公示栏网站为准。"
)
"""Said after every export. Why: the workbook was named 公示数据 (public data) and holds what the boards
withhold (the office's copy keeps the unpublished reviews, marked, and members' birth years)."""


def _export(args: argparse.Namespace) -> int:
    """The registries and ratings of the site's year as an .xlsx workbook."""
    try:
        registry = load_township(args.data_dir)
    except RegistryError as error:
        print("数据有误，请先改正：\n" + error.report(), file=sys.stderr)
        return 2
    boards = build_boards(registry, registry.site.as_of or dt.date.today())
    named = f"内部台账-{registry.site.year}.xlsx"
    out: Path = args.out or Path(named)
    if out.is_dir():  # (a folder given: the workbook goes into it)
        out = out / named
    if out.suffix.lower() != ".xlsx":  # (an .xlsx written under another name: import refused it)
        print(
            f"{out}：导出的是 Excel 工作簿，文件名请以 .xlsx 结尾，例如 {named}",
            file=sys.stderr,
        )
        return 2
    written = write_workbook(boards, out)
    print(f"已导出 {written.as_posix()}：{'、'.join(sheet.title for sheet in workbook_sheets(boards))}")
    print(INTERNAL_NOTE)
    return 0


def _import(args: argparse.Namespace) -> int:
    """Merge spreadsheets into the registries, all or nothing."""
    try:
        outcome = import_files(args.files, args.data, year=args.year, write=not args.dry_run)
    except SheetError as error:
        print(str(error), file=sys.stderr)
        return 2
    if outcome.problems:
        print("\n".join(outcome.problems), file=sys.stderr)
        print(f"共发现 {len(outcome.problems)} 处问题，没有写入任何文件。", file=sys.stderr)
        return 1
    print(("将要导入：" if args.dry_run else "已导入：") + outcome.summary())
    if outcome.normalised:
        print(outcome.normalised_note())
    for note in outcome.skipped:
        print(note)
    for name in outcome.files:
        print(f"已写入 {(args.data / name).as_posix()}")
    return 0


def _templates(args: argparse.Namespace) -> int:
    for path in write_templates(args.out):
        print(f"已写入 {path.as_posix()}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    for path in write_schemas(args.out):
        print(f"已写入 {path.as_posix()}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    shape = Shape(args.branches, args.members, args.seed, args.commitment_share)
    if args.townships is not None:
        return _demo_county(args.out or Path(DEMO_COUNTY_DIR), args.townships, shape)
    out: Path = args.out or Path("data")
    made = generate(out, shape)
    print(
        f"已生成 {out.as_posix()}：党支部 {made['branches']} 个，党员 {made['members']} 名，公开承诺 {made['commitments']} 项"
    )
    return 0


DEMO_COUNTY_DIR = "demo-county"
"""Where ``demo --townships N`` writes without ``--out``."""


def _demo_county(out: Path, count: int, shape: Shape) -> int:
    """Several demo townships, each a site project of its own, and the county's ``county.yml``."""
    made = generate_county(out, count, shape)
    print(f"已生成{COUNTY}的 {len(made.townships)} 个示范乡镇：{out.as_posix()}")
    for one in made.townships:
        counts = one.counts
        print(
            f"  {one.township.name}（{one.folder.as_posix()}，随机种子 {one.township.seed}）："
            f"党支部 {counts['branches']} 个，党员 {counts['members']} 名，公开承诺 {counts['commitments']} 项"
        )
    print(f"已写入县级汇总配置 {made.config.as_posix()}")
    first = made.townships[0].folder.as_posix()
    if made.sites:
        print(
            f"生成各乡镇的网站（每个乡镇一次，网站在它的 site 文件夹）：python -m noticeboard build {first}/data"
        )
    else:
        print(
            f"注意：{(CHECKOUT / 'mkdocs.yml').as_posix()} 不存在（不是在项目的源代码里运行），只生成了数据；"
            "要生成网站，请给每个乡镇文件夹配上 mkdocs.yml 和 docs 文件夹"
        )
    return 0


def _county(args: argparse.Namespace) -> int:
    """Roll up the townships' published data into the county's site; a township without usable data
    is listed here and on the pages, and never stops the others."""
    county_file: Path = args.county_file
    problems = Problems(Path.cwd())
    county = read_county(county_file, problems)
    if county is None:
        print("\n".join(map(str, problems)), file=sys.stderr)
        print("county.yml 有误，汇总网站没有生成。", file=sys.stderr)
        return 1
    kept = [county_file, *(open_data_folder(county_file, township) for township in county.townships)]
    out = _emptied_safely(args.out, kept)
    site = read_county_site(county, county_file)
    for township in site.townships:
        words = {
            "ok": f"已汇总 {township.year} 年度数据",
            "stale": "往年数据，未计入合计",
            "missing": "数据未提供",
        }
        reason = f"：{township.reason}" if township.reason else ""
        print(f"{township.entry.name}（{township.entry.id}）{words[township.status]}{reason}")
    if county.site is None and args.site_url is None:
        print("提醒：county.yml 没有写 site（汇总网站的地址），打印的汇总表上没有二维码。")
    with tempfile.TemporaryDirectory(prefix="noticeboard-county-") as folder:
        try:
            config = write_project(
                county, county_file, Path(folder), site_url=args.site_url, offline=args.offline
            )
        except FileNotFoundError as missing:
            raise ProjectError(
                f"找不到 {missing}：county 命令要在 Noticeboard 的项目文件夹（源代码）里运行"
            ) from None
        arguments = ["build", "--strict", "--site-dir", str(out)] + (["--quiet"] if args.quiet else [])
        status = run_mkdocs(config.parent, arguments)
    if status == 0:
        usable = sum(t.status == "ok" for t in site.townships)
        print(f"已生成县级汇总网站：{out.as_posix()}（{len(site.townships)} 个乡镇，已汇总 {usable} 个）")
    return status


def _data_dir(command: argparse.ArgumentParser) -> None:
    """The optional DATA_DIR argument every command that reads the registries takes."""
    command.add_argument(
        "data_dir", nargs="?", type=Path, default=Path("data"), help="数据文件夹 / data folder（默认 data）"
    )


class _Parser(argparse.ArgumentParser):
    """argparse's own complaints said in Chinese first, as the help is: ``import`` without a file, a
    misspelt command (``imprt``) or option. Its subcommands' parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 错误：{_in_chinese(message)} / {message}\n")


_ARGPARSE_WORDS = (
    (re.compile(r"the following arguments are required: (.*)"), "缺少必须写的参数：{0}"),
    (
        re.compile(r"argument .*COMMAND: invalid choice: '(.*?)' \(choose from (.*)\)"),
        "没有“{0}”这个命令；可用的命令：{1}",
    ),
    (
        re.compile(r"argument (.+?): invalid choice: '(.*?)' \(choose from (.*)\)"),
        "参数 {0} 不能是“{1}”；可选：{2}",
    ),
    (re.compile(r"unrecognized arguments: (.*)"), "不认识的参数：{0}"),
    (re.compile(r"argument (.+?): expected one argument"), "参数 {0} 后面要写一个值"),
    (re.compile(r"argument (.+?): invalid \w+ value: '(.*?)'"), "参数 {0} 的值“{1}”不对"),
)
"""argparse's messages a user meets (Python 3.11's words), and what they say in Chinese."""


def _in_chinese(message: str) -> str:
    for pattern, words in _ARGPARSE_WORDS:
        if found := pattern.fullmatch(message):
            return words.format(*(part.replace("'", "") for part in found.groups()))
    return "命令写得不对"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m noticeboard", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令 COMMAND")

    check = commands.add_parser(
        "validate",
        help="检查数据，列出所有问题 / check the data and list every problem",
        description="检查数据文件夹中的所有文件，每个问题一行：文件:行号: 说明。\n"
        "在 GitHub Actions 里（GITHUB_ACTIONS=true）还输出注释，问题显示在拉取请求改动的那一行上；\n"
        "在 GitLab CI 里用 --code-quality 写出报告，问题显示在合并请求上。\n"
        "Check every file of the data folder; one line per problem: FILE:LINE: message.\n"
        "In GitHub Actions the problems are also printed as workflow annotations (shown on the pull\n"
        "request's lines); --code-quality FILE writes a GitLab Code Quality report for merge requests.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _data_dir(check)
    check.add_argument(
        "--stories",
        type=Path,
        default=None,
        help="案例文章文件夹 / case-story posts folder（默认 docs/stories/posts）",
    )
    check.add_argument("--no-cache", action="store_true", help="不使用解析缓存 / parse every file again")
    check.add_argument(
        "--strict",
        action="store_true",
        help="把“提醒”（公示栏之间的矛盾）也当作错误，退出码为 1 / treat reminders as errors (exit 1)",
    )
    check.add_argument(
        "--code-quality",
        type=Path,
        default=None,
        metavar="FILE",
        help="把问题写成 GitLab 的 Code Quality 报告（JSON），在合并请求里显示 / write the problems as a "
        f"GitLab Code Quality report, e.g. {CODE_QUALITY_FILE}",
    )
    check.set_defaults(run=_validate)

    serve = commands.add_parser(
        "serve",
        help="在本机预览网站（改了数据自动刷新）/ preview the site on this computer",
        description="生成网站并在本机打开预览（默认 http://127.0.0.1:8000/），修改数据或页面后自动刷新；"
        "按 Ctrl+C 停止。与 make serve 相同，Windows 上不需要 make。\n"
        "Build the site and serve it on this computer (default http://127.0.0.1:8000/), rebuilding "
        "whenever a file changes; Ctrl+C stops. The same as make serve, without make (Windows).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _data_dir(serve)
    serve.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="IP:PORT",
        help="预览地址和端口 / address and port（默认 127.0.0.1:8000）",
    )
    serve.add_argument("--open", action="store_true", help="生成后打开浏览器 / open a web browser")
    serve.set_defaults(run=_serve)

    build = commands.add_parser(
        "build",
        help="生成整个网站（有任何问题就停止）/ build the whole site (stops at any problem)",
        description="检查数据并生成整个网站到 site 文件夹；数据或页面有任何问题都会停止并列出。"
        "--offline 生成可在文件夹或 U 盘中直接打开的离线版（site-offline 文件夹，搜索可用）。"
        "与 make build / make build-offline 相同，Windows 上不需要 make。\n"
        "Check the data and build the whole site into site/, stopping at any problem (--strict). "
        "--offline builds a copy that works from a folder or USB stick (site-offline/, search included). "
        "The same as make build / make build-offline, without make (Windows).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _data_dir(build)
    build.add_argument(
        "--site-dir",
        type=Path,
        default=None,
        help="输出文件夹 / output folder（默认 site，离线版 site-offline）",
    )
    build.add_argument(
        "--offline",
        action="store_true",
        help="离线版：在文件夹或 U 盘中直接打开 / a copy for a folder or USB stick (file://)",
    )
    build.add_argument("--quiet", action="store_true", help="只显示问题 / show problems only")
    build.set_defaults(run=_build)

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

    diff = commands.add_parser(
        "diff",
        help="与某个 git 版本相比，公示栏有哪些变化 / what changes on the public boards since a git revision",
        description="列出与 git 版本 REVISION 相比，公示栏上会变化的内容（按公示栏分组）。\n"
        "有变化时退出码为 1，没有变化为 0，出错为 2。\n"
        "List what would change on the public boards between git revision REVISION and the working tree,\n"
        "grouped by board. Exit code 1 when anything public changes, 0 when nothing does, 2 on errors.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument(
        "revision", metavar="REVISION", help="git 版本，例如 HEAD、origin/main / a git revision"
    )
    _data_dir(diff)
    diff.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="输出格式：text 文本，markdown 用于合并请求评论 / output format",
    )
    diff.set_defaults(run=_diff)

    year = commands.add_parser(
        "new-year",
        help="开始新的考核年度 / open the next assessment year",
        description="把 site.yml 的考核年度改为 YEAR，并新建该年度的公开承诺、领导点评和积分台账空文件；"
        "以前各年的数据不变。\nSet site.yml's year to YEAR and create that year's empty commitments, "
        "reviews and ledger files; earlier years are left as they are.",
    )
    year.add_argument("year", metavar="YEAR", type=int, help="新的考核年度，例如 2026 / the new year")
    _data_dir(year)
    year.set_defaults(run=_new_year)

    export = commands.add_parser(
        "export",
        help="导出为 Excel 表格（含评星结果）/ export the registries and ratings to .xlsx",
        description="把本年度的党组织、党员、公开承诺、积分台账和评定结果导出为一个 .xlsx 文件"
        "（每个名册一张表，可直接打印或用于上报；不含 private 中的内容）。\n"
        "Export the year's registries and ratings to one .xlsx workbook (one sheet per registry; "
        "nothing under private).",
    )
    _data_dir(export)
    export.add_argument(
        "--out", type=Path, default=None, help="输出文件 / output file（默认 内部台账-年度.xlsx）"
    )
    export.set_defaults(run=_export)

    load = commands.add_parser(
        "import",
        help="从 Excel/WPS 表格（.xlsx 或 .csv）导入 / import spreadsheets into the registries",
        description="把党员、党组织、公开承诺、积分台账表格（.xlsx，或 UTF-8/GBK 编码的 .csv）合并到 data/ 中。\n"
        "按编号匹配：已有的记录只改表格里有的内容，新的编号新增记录；批注、private 和以前各年的数据保持不变。\n"
        "任何一格有问题都不写入，并列出 文件:表!单元格: 说明。\n"
        "Merge spreadsheets of members, branches, commitments and ledgers into data/, matched by id; "
        "nothing is written when any cell is wrong (FILE:SHEET!CELL: message).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument("files", nargs="+", type=Path, metavar="FILE", help="表格文件 / spreadsheet files")
    load.add_argument("--data", type=Path, default=Path("data"), help="数据文件夹 / data folder（默认 data）")
    load.add_argument(
        "--year", type=int, default=None, help="积分、考核的年度（默认 site.yml 的年度）/ the year"
    )
    load.add_argument("--dry-run", action="store_true", help="只检查，不写入 / check only, write nothing")
    load.set_defaults(run=_import)

    blank = commands.add_parser(
        "templates", help="生成空白导入模板（.xlsx）/ write the blank import templates"
    )
    blank.add_argument(
        "--out", type=Path, default=Path("templates"), help="输出文件夹 / output folder（默认 templates）"
    )
    blank.set_defaults(run=_templates)

    demo = commands.add_parser("demo", help="生成虚构的示例数据 / generate fictional demo registries")
    demo.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"输出文件夹 / output folder（默认 data；--townships 时默认 {DEMO_COUNTY_DIR}）",
    )
    demo.add_argument(
        "--townships",
        type=int,
        default=None,
        metavar="N",
        help=f"生成一个县的 N 个示范乡镇（每个一套数据和网站配置，各用不同的随机种子）和县级汇总配置 county.yml，"
        f"最多 {len(COUNTY_TOWNSHIPS)} 个 / N demo townships of a county, each its own site project, and county.yml",
    )
    demo.add_argument("--branches", type=int, default=Shape().branches, help="党支部数 / number of branches")
    demo.add_argument("--members", type=int, default=Shape().members, help="党员数 / number of members")
    demo.add_argument("--seed", type=int, default=Shape().seed, help="随机种子 / random seed")
    demo.add_argument(
        "--commitment-share",
        type=float,
        default=Shape().commitment_share,
        help="每年作出公开承诺的党员比例 / share of members making a commitment each year",
    )
    demo.set_defaults(run=_demo)

    roll_up = commands.add_parser(
        "county",
        help="县级汇总：把各乡镇发布的开放数据汇总成县级网站 / a county's roll-up of its townships' open data",
        description="读取 county.yml 列出的各乡镇已发布的开放数据（summary.json），生成县级汇总网站：各乡镇状态、"
        "分项比较表和图、A4 横版汇总表、data/townships.json。某个乡镇的数据缺失或格式不对时，"
        "该乡镇显示“数据未提供”及原因，其他乡镇照常汇总。\n"
        "Build a county's site from the open data its townships published (each township's summary.json);\n"
        "a township whose data is missing or of another format is shown as such and never stops the others.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    roll_up.add_argument(
        "county_file", type=Path, help="县级汇总配置 / the county's configuration (county.yml)"
    )
    roll_up.add_argument("--out", type=Path, required=True, help="网站输出文件夹 / where to write the site")
    roll_up.add_argument(
        "--site-url", help="汇总网站的地址（county.yml 没写 site 时）/ the county site's address"
    )
    roll_up.add_argument(
        "--offline", action="store_true", help="离线版（可从文件夹或 U 盘打开）/ for file:// use"
    )
    roll_up.add_argument("--quiet", action="store_true", help="只显示问题 / print problems only")
    roll_up.set_defaults(run=_county)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UserError as error:  # each command says its own; none may end in a traceback
        print(error.report(), file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head or more, which stopped reading
        sys.stderr.close()
        return 0
    except OSError as error:  # a file that cannot be written (open in Excel), a folder given for a file …
        print(system_refusal(error), file=sys.stderr)
        return 2
