"""Build-speed benchmark: the demo township, a county-scale registry, and a plain Material baseline.

Run with ``make bench`` (or ``python tests/benchmarks/build_benchmark.py``). It prints
figures; it asserts nothing (speed targets are measured, not tested). ``--stress-only``
runs just the 100,000-member data layer (validate and rate, time and peak memory);
``--county-only`` (or ``BENCH=county make bench``) just the county roll-up. For each build:
wall seconds, pages per second, peak memory, output size, search-index size (raw
and gzipped); for the county also the data layer (load, validate, rate, open data)
cold and warm, and the ratio to a plain pruned-nav Material build of as many pages. The county
roll-up (``python -m noticeboard county``) of 20 demo townships: seconds and peak memory cold and
warm against the targets, what it reads, and one township's whole build (a county's CI on paper).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _project(target: Path, data: Path | None) -> Path:
    """A copy of this site's sources, with ``data`` instead of the demo's when given."""
    for name in ("docs", "hooks", "theme_overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if data is None:
        shutil.copytree(ROOT / "data", target / "data")
    else:
        shutil.move(str(data), target / "data")
        for post in (target / "docs" / "stories" / "posts").glob("*.md"):
            post.unlink()  # the demo's stories name the demo's branches
    return target


def _build(project: Path) -> dict[str, float]:
    """Build ``project`` in a child process; return wall time, peak memory and output figures."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", "site"], cwd=project, env=ENV
    )
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory, not the largest so far
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"build failed in {project}")
    peak = usage.ru_maxrss
    site = project / "site"
    html = [page for page in site.rglob("*.html") if b'http-equiv="refresh"' not in page.read_bytes()[:400]]
    posters = sum(1 for page in html if page.relative_to(site).parts[0] == "print")
    pages = len(html) - posters  # pages through MkDocs' pipeline; posters are plain templates
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    return {
        "wall": wall,
        "pages": pages,
        "posters": posters,
        "pages_per_s": pages / wall,
        "peak_mb": peak / 1024,
        "output_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "index_kb": len(raw) / 1e3,
        "index_gz_kb": len(gzip.compress(raw, mtime=0)) / 1e3,
    }


def _generate(out: Path, branches: int, members: int, commitment_share: float = 0.5) -> Path:
    """A synthetic registry made by the demo generator."""
    command = [sys.executable, "-m", "noticeboard", "demo", "--out", str(out)]
    command += ["--branches", str(branches), "--members", str(members)]
    command += ["--commitment-share", str(commitment_share)]
    subprocess.run(command, env=ENV, check=True, capture_output=True)
    return out


def _data_layer(data: Path, cache: Path) -> dict[str, float]:
    """Load, validate and rate in a fresh process, cold then warm (parse cache filled)."""
    code = (
        "import datetime as dt, gc, resource, sys, time; from pathlib import Path\n"
        "from noticeboard.boards.kinds import load_township as load_registry; from noticeboard.boards.township import build_boards\n"
        "from noticeboard.outputs import open_data as opendata\n"
        "t = time.perf_counter(); r = load_registry(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))\n"
        "t1 = time.perf_counter(); b = build_boards(r, dt.date(2026, 1, 5)); gc.freeze()\n"
        "t2 = time.perf_counter(); opendata.files(b); t3 = time.perf_counter()\n"
        "print(t1 - t, t2 - t1, t3 - t2, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    figures = {}
    for label in ("cold", "warm"):
        out = subprocess.run(
            [sys.executable, "-c", code, str(data), str(cache)],
            env=ENV,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        load, rate, export, peak = (float(x) for x in out)
        figures[f"{label}_load"] = load
        figures[f"{label}_rate"] = rate
        figures[f"{label}_total"] = load + rate + export
        figures[f"{label}_peak_mb"] = peak
    return figures


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and every process under it, now (kB; 0 once it has exited)."""
    total, pending = 0, [pid]
    while pending:
        process = Path("/proc") / str(pending.pop())
        try:
            for task in (process / "task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
            status = (process / "status").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue  # exited meanwhile
        total += sum(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return total


def _timed(command: list[str], cwd: Path) -> dict[str, float]:
    """Run ``command``: wall seconds, the peak of its largest process (as ``_build``) and of its whole
    process tree (sampled every 10 ms: a command that starts MkDocs holds both processes at once)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL)  # errors still show
    tree = 0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        tree = max(tree, _tree_rss_kb(child.pid))
        time.sleep(0.01)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"failed: {' '.join(command)}")
    return {"wall": wall, "peak_mb": usage.ru_maxrss / 1024, "tree_mb": max(tree, usage.ru_maxrss) / 1024}


def _publish_open_data(folder: Path) -> dict[str, str]:
    """Write the open data a build of the township in ``folder`` publishes (``site/data/``) without
    building its site: what the build's catalogue takes from ``open_data.files``."""
    from noticeboard.boards.kinds import load_township
    from noticeboard.boards.statistics import build_stats
    from noticeboard.boards.township import build_boards
    from noticeboard.outputs import open_data

    registry = load_township(folder / "data", stories_dir=folder / "docs" / "stories" / "posts", root=folder)
    boards = build_boards(registry, registry.site.as_of or dt.date.today())
    files = open_data.files(boards, build_stats(boards))
    for name, text in files.items():
        path = folder / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return files


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _county_rollup(count: int = 20, branches: int = 50, members: int = 800) -> None:
    """``python -m noticeboard county`` over ``count`` demo townships' published data, as a user runs it."""
    from noticeboard.demo import Shape
    from noticeboard.demo_county import generate_county

    with tempfile.TemporaryDirectory() as temp:
        start = time.perf_counter()
        made = generate_county(Path(temp) / "county", count, Shape(branches=branches, members=members))
        folders = [one.folder for one in made.townships]
        published = {folder: _publish_open_data(folder) for folder in folders}
        prepared = time.perf_counter() - start
        county_file = made.config  # a new folder: no .cache/noticeboard next to it, the first run is cold
        command = [sys.executable, "-m", "noticeboard", "county", str(county_file)]
        command += ["--out", str(Path(temp) / "out"), "--site-url", "https://county.example.org/", "--quiet"]
        cold = _timed(command, Path(temp))
        warm = _timed(command, Path(temp))
        kept = (county_file.parent / ".cache" / "noticeboard").exists()
        title = f"county roll-up ({count} × {branches}/{members})"
        for label, figures in (("cold", cold), ("warm (second run)", warm)):
            print(
                f"{title + ', ' + label:<48} {figures['wall']:5.1f} s {figures['tree_mb']:5.0f} MB peak "
                f"(process tree; largest process {figures['peak_mb']:.0f} MB)   target ≤ 5 s, ≤ 300 MB on 2 cores"
            )
        if not kept:
            print("  (no .cache/noticeboard next to county.yml after the runs: the second run is cold too)")
        read = sum((folder / "site" / "data" / "summary.json").stat().st_size for folder in folders)
        print(
            f"roll-up input: {count} summary.json, {read / 1e3:.0f} kB of the townships' {count} data folders' "
            f"{sum(_size(f / 'site' / 'data') for f in folders) / 1e6:.1f} MB of open data "
            f"({sum(_size(f / 'data') for f in folders) / 1e6:.1f} MB of registries; prepared in {prepared:.0f} s)"
        )

        slowest = max(folders, key=lambda folder: _size(folder / "data"))  # the largest registry
        build = _timed(
            [sys.executable, "-m", "noticeboard", "build", f"{slowest.name}/data", "--quiet"], slowest.parent
        )
        site = slowest / "site"
        pages = sum(
            1 for page in site.rglob("*.html") if b'http-equiv="refresh"' not in page.read_bytes()[:400]
        )
        print(
            f"largest township's whole build ({slowest.name}, {pages} HTML pages), cold: {build['wall']:.1f} s, "
            f"{build['tree_mb']:.0f} MB peak; a county in CI ≈ {build['wall']:.1f} + {cold['wall']:.1f} = "
            f"{build['wall'] + cold['wall']:.1f} s "
            "(townships in parallel, then the roll-up; checkout and install not counted)"
        )
        built = {path.relative_to(site).as_posix() for path in (site / "data").rglob("*") if path.is_file()}
        written = published[slowest]
        different = sorted(
            built.symmetric_difference(written)
            | {
                name
                for name in built & set(written)
                if (site / name).read_bytes() != written[name].encode("utf-8")
            }
        )
        verdict = "identical" if not different else f"{len(different)} files differ, e.g. {different[:3]}"
        print(
            f"open data written without a build vs {slowest.name}'s build's site/data ({len(built)} files): {verdict}"
        )


def _plain_material(target: Path, pages: int) -> Path:
    """``pages`` Markdown pages with a 20-row table each, Material with a pruned nav, Chinese search."""
    docs = target / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n\n公示栏。\n", encoding="utf-8")
    rows = "\n".join(f"| 党员{i} | 男 | {80 + i % 20} | ★★ 二星 |" for i in range(20))
    for number in range(pages - 1):
        (docs / "p" / f"{number}.md").write_text(
            f"# 第{number}党支部\n\n| 姓名 | 性别 | 积分 | 星级 |\n| --- | --- | --- | --- |\n{rows}\n",
            encoding="utf-8",
        )
    (target / "mkdocs.yml").write_text(
        "site_name: 基准\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search:\n      lang: zh\nnav:\n  - 首页: index.md\nnot_in_nav: |\n  /p/\n",
        encoding="utf-8",
    )
    return target


def _line(name: str, figures: dict[str, float]) -> str:
    return (
        f"{name:<34} {figures['wall']:7.1f} s {figures['pages']:6.0f} pages +{figures['posters']:5.0f} posters "
        f"{figures['pages_per_s']:6.0f} pages/s "
        f"{figures['peak_mb']:6.0f} MB peak {figures['output_mb']:7.1f} MB out "
        f"index {figures['index_kb']:7.0f} kB ({figures['index_gz_kb']:5.0f} kB gzipped)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--branches", type=int, default=2000)
    parser.add_argument("--members", type=int, default=40000)
    parser.add_argument("--stress-only", action="store_true", help="only the 100,000-member data layer")
    parser.add_argument(
        "--county-only", action="store_true", help="only the county roll-up (or BENCH=county)"
    )
    args = parser.parse_args()
    only = os.environ.get("BENCH", "")  # ``BENCH=county make bench``, ``BENCH=stress make bench``
    if only not in ("", "county", "stress"):
        raise SystemExit(f"BENCH={only}: county or stress (or unset for every part)")
    print(
        f"Noticeboard build benchmark — {dt.date.today()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    if args.stress_only or only == "stress":
        _stress()
        return
    if args.county_only or only == "county":
        _county_rollup()
        return
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        town = _project(work / "town", None)
        print(_line("township (demo), cold", _build(town)))
        print(_line("township (demo), warm cache", _build(town)))

        half = _generate(work / "half-data", args.branches // 2, args.members // 2)
        halfway = _project(work / "half", half)
        _build(halfway)  # fill the parse cache
        middle = _build(halfway)
        print(_line(f"half county ({args.branches // 2}/{args.members // 2}), warm cache", middle))

        data = _generate(work / "county-data", args.branches, args.members)
        layer = _data_layer(data, work / "layer-cache")
        county = _project(work / "county", data)
        cold = _build(county)
        warm = _build(county)
        print(_line(f"county ({args.branches}/{args.members}), cold", cold))
        print(_line(f"county ({args.branches}/{args.members}), warm cache", warm))

        plain = _build(_plain_material(work / "plain", int(warm["pages"])))
        print(_line("plain Material, pruned nav, same pages", plain))
        print(
            f"county data layer: load+validate {layer['cold_load']:.2f} s cold / {layer['warm_load']:.2f} s warm, "
            f"rate and prepare boards {layer['warm_rate']:.2f} s, total {layer['cold_total']:.2f} s cold / "
            f"{layer['warm_total']:.2f} s warm ({layer['warm_total'] / warm['wall']:.0%} of the warm build)"
        )
        print(
            f"county build / plain Material build: {cold['wall'] / plain['wall']:.2f}× cold, {warm['wall'] / plain['wall']:.2f}× warm"
        )
        print(
            f"growth: twice the registry takes {warm['wall'] / middle['wall']:.2f}× the time "
            f"for {warm['pages'] / middle['pages']:.2f}× the pages (linear: 2.00×)"
        )
    _county_rollup()
    _stress()


def _stress(branches: int = 2000, members: int = 100_000) -> None:
    """Validate and rate 100,000 members (no site): time and peak memory of the process."""
    with tempfile.TemporaryDirectory() as temp:
        # A fifth of the members promise something each year: one year's commitments file of
        # 100,000 members at the demo's half would pass the 10 MB limit of a data file.
        data = _generate(Path(temp) / "data", branches, members, commitment_share=0.2)
        size = sum(p.stat().st_size for p in data.rglob("*") if p.is_file()) / 1e6
        layer = _data_layer(data, Path(temp) / "cache")
        print(
            f"stress ({branches}/{members}, {size:.0f} MB of YAML): load+validate {layer['cold_load']:.1f} s cold / "
            f"{layer['warm_load']:.1f} s warm, rate and prepare boards {layer['warm_rate']:.1f} s, "
            f"open data {layer['warm_total'] - layer['warm_load'] - layer['warm_rate']:.1f} s, "
            f"peak memory {layer['cold_peak_mb']:.0f} MB cold / {layer['warm_peak_mb']:.0f} MB warm"
        )


if __name__ == "__main__":
    main()
