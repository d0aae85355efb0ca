"""``demo --townships N``: a demo county of N townships, each its own site project, and its county.yml.

A county supervisor compares the townships' boards: each township must name itself and never
another (a site of 龙泉镇 saying 青山镇 would read as a wrong board), each must be drawn anew, and
county.yml must find every township's published open data.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from noticeboard.boards.kinds import load_township
from noticeboard.cli import main
from noticeboard.demo import SITE_YEAR, Shape, generate
from noticeboard.demo_county import TOWNSHIPS, generate_county
from support import ROOT

SMALL = Shape(branches=12, members=150)
"""Small townships: the same generator, quicker."""
NAMES = dict(TOWNSHIPS)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("county")
    generate_county(out, 3, SMALL)
    return out


def _texts(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in (".yml", ".md", ".json", ".html", ".xml", ".txt")
    }


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _site(county: Path, key: str) -> dict[str, object]:
    loaded = yaml.safe_load((county / key / "data" / "site.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_each_township_names_itself_wherever_the_demo_names_the_township(county: Path) -> None:
    for key in ("qingshan", "longquan", "baisha"):
        name, site = NAMES[key], _site(county, key)
        assert site["organisation"] == f"{name}党委"
        assert site["office"] == f"{name}党委组织办"
        assert site["notice"]["address"] == f"{name}人民政府二楼组织办"  # type: ignore[index]
        school = (county / key / "data" / "school.yml").read_text(encoding="utf-8")
        assert f"name: {name}委党校" in school and f"lecturers: {name}讲师团" in school
        honours = (county / key / "data" / "honours" / f"{SITE_YEAR}.yml").read_text(encoding="utf-8")
        assert f"by: {name}党委" in honours


def test_no_township_says_another_townships_name(county: Path) -> None:
    """Data, pages and site configuration: the other 23 names of the list appear nowhere."""
    for key in ("qingshan", "longquan", "baisha"):
        texts = _texts(county / key)
        assert "data/site.yml" in texts and "docs/index.md" in texts and "mkdocs.yml" in texts
        wrong = [
            f"{path}: {other}"
            for path, text in texts.items()
            for other_key, other in TOWNSHIPS
            if other_key != key and other in text
        ]
        assert not wrong, wrong
        assert f"# {NAMES[key]}党务公开栏" in texts["docs/index.md"]


def test_each_township_is_drawn_from_its_own_seed_and_the_first_is_the_demo_township(
    county: Path, tmp_path: Path
) -> None:
    members = {key: _texts(county / key / "data" / "members") for key in ("qingshan", "longquan", "baisha")}
    assert members["qingshan"] != members["longquan"] != members["baisha"] != members["qingshan"]
    generate(tmp_path / "data", SMALL)  # the demo township with the same shape and seed
    assert _tree(county / "qingshan" / "data") == _tree(tmp_path / "data")


def test_every_township_is_valid_data(county: Path) -> None:
    for key in ("longquan", "baisha"):
        registry = load_township(county / key / "data", root=county / key)
        assert registry.site.organisation == f"{NAMES[key]}党委"
        assert sum(not branch.is_general for branch in registry.branches) == SMALL.branches


def test_county_yml_lists_the_townships_with_their_open_data_relative_to_it(county: Path) -> None:
    config = yaml.safe_load((county / "county.yml").read_text(encoding="utf-8"))
    assert config["year"] == SITE_YEAR == _site(county, "longquan")["year"]
    assert config["organisation"].endswith("县委组织部")
    assert [(t["id"], t["name"]) for t in config["townships"]] == list(TOWNSHIPS[:3])
    for township in config["townships"]:
        assert township["site"] == f"https://{township['id']}.example.org/"
        assert not Path(township["open_data"]).is_absolute()
        assert (county / township["open_data"]).resolve() == (
            county / township["id"] / "site" / "data"
        ).resolve()


LOAD_CONFIG = """
import json, sys
from pathlib import Path
from mkdocs.config import load_config
config = load_config(sys.argv[1])
print(json.dumps({
    "site_name": config.site_name, "site_url": config.site_url, "copyright": config.copyright,
    "docs_dir": config.docs_dir, "theme_dirs": config.theme.dirs,
    "hooks": [str(Path(module.__file__).resolve()) for module in config.hooks.values()],
}))
"""


def test_the_townships_mkdocs_yml_loads_with_this_checkouts_theme_and_hooks(county: Path) -> None:
    """MkDocs itself reads it (in its own process: loading the hooks reloads the package)."""
    folder = county / "longquan"
    done = subprocess.run(
        [sys.executable, "-c", LOAD_CONFIG, str(folder / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        cwd=county,
    )
    assert done.returncode == 0, done.stderr
    config = json.loads(done.stdout.splitlines()[-1])
    assert config["site_name"] == "龙泉镇党务公开栏"
    assert config["site_url"] == "https://longquan.example.org/"
    assert config["copyright"] == "龙泉镇党委组织办"
    assert Path(config["docs_dir"]).resolve() == (folder / "docs").resolve()
    assert Path(config["theme_dirs"][0]).resolve() == ROOT / "theme_overrides"
    assert config["hooks"] == [
        str(ROOT / "hooks" / "fresh_package.py"),
        str(ROOT / "hooks" / "noticeboard_hooks.py"),
    ]
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")  # relative: the folders can move together
    back = Path(os.path.relpath(ROOT, folder)).as_posix()
    assert f"\nINHERIT: {back}/mkdocs.yml\n" in text and f"custom_dir: {back}/theme_overrides\n" in text
    assert not re.search(r"^\s*(INHERIT:|custom_dir:|-) */", text, re.MULTILINE)


def test_the_command_makes_the_county_and_says_what_it_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "county"
    arguments = [
        "demo",
        "--townships",
        "2",
        "--branches",
        "8",
        "--members",
        "60",
        "--seed",
        "7",
        "--out",
        str(out),
    ]
    assert main(arguments) == 0
    printed = capsys.readouterr().out
    assert "青山镇" in printed and "龙泉镇" in printed and "county.yml" in printed
    assert "随机种子 7" in printed and "随机种子 8" in printed
    assert sorted(p.name for p in out.iterdir()) == ["county.yml", "longquan", "qingshan"]
    assert main(arguments) == 2, "a second run would mix old files with new ones"
    assert "已经有数据" in capsys.readouterr().err


@pytest.mark.parametrize("count", [0, len(TOWNSHIPS) + 1])
def test_more_townships_than_the_list_has_names_stops_with_a_message(
    count: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--townships", str(count), "--out", str(tmp_path / "county")]) == 2
    assert f"1 到 {len(TOWNSHIPS)} 个" in capsys.readouterr().err
    assert not (tmp_path / "county").exists()


def test_the_list_has_twenty_townships_each_with_its_own_id_and_name() -> None:
    assert len(TOWNSHIPS) >= 20
    assert len({key for key, _ in TOWNSHIPS}) == len({name for _, name in TOWNSHIPS}) == len(TOWNSHIPS)
    assert all(key.isascii() and key.isalpha() and key.islower() for key, _ in TOWNSHIPS)


def test_outside_a_checkout_only_the_data_and_county_yml_are_written(tmp_path: Path) -> None:
    made = generate_county(tmp_path / "county", 1, SMALL, checkout=tmp_path / "installed")
    assert not made.sites
    assert sorted(p.name for p in (tmp_path / "county" / "qingshan").iterdir()) == ["data"]
    assert (tmp_path / "county" / "county.yml").is_file()


@pytest.mark.slow
def test_a_generated_township_builds_into_its_own_site(county: Path) -> None:
    folder = county / "longquan"
    done = subprocess.run(
        [sys.executable, "-m", "noticeboard", "build", str(folder / "data"), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        cwd=county,
    )
    assert done.returncode == 0, done.stderr
    site = folder / "site"
    assert "龙泉镇党务公开栏" in (site / "index.html").read_text(encoding="utf-8")
    summary = json.loads((site / "data" / "summary.json").read_text(encoding="utf-8"))
    assert summary
    assert "<title>龙泉镇党委经验做法</title>" in (site / "feed_rss_created.xml").read_text(encoding="utf-8")
    said = [path for path, text in _texts(site).items() if "青山镇" in text]
    assert not said, f"龙泉镇's site names 青山镇: {said[:5]}"
