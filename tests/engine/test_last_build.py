"""A build with nothing changed has nothing to do (issue 16), and anything a build reads makes it build again.

``mkdocs build`` of a township first takes the fingerprint of everything it reads; when the last build of
the same site folder was made from the same fingerprint and the folder still holds exactly what that
build left, it stops there, successfully, and leaves the folder as it is. The unit tests check the record;
the slow ones check, on real builds, that each kind of input — data, pages, templates, ``mkdocs.yml``, the
command line, the environment — makes the site be built again, and that a site folder touched by hand is
built again too.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from noticeboard.last_build import KEPT, LastBuild
from noticeboard.registries.disk_cache import tree_fingerprint
from support.build import BUILD_ENV, MKDOCS, build_site, make_project
from support.township import Replace, Township, with_extras

SKIPPED = "没有变化"


def _site(root: Path) -> Path:
    for name, text in {
        "index.html": "首页",
        "branches/a/index.html": "支部",
        "data/members.json": "{}",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_site_left_as_built_from_the_same_inputs_is_unchanged(tmp_path: Path) -> None:
    site, last = _site(tmp_path / "site"), LastBuild(tmp_path / "cache")
    assert not last.unchanged(site, b"inputs")  # never built here
    last.record(site, b"inputs")
    assert last.unchanged(site, b"inputs")
    assert not last.unchanged(site, b"other inputs")
    assert not last.unchanged(tmp_path / "elsewhere", b"inputs")


@pytest.mark.parametrize("change", ["edited", "same size, touched", "added", "removed", "folder gone"])
def test_a_site_folder_changed_since_its_build_is_built_again(tmp_path: Path, change: str) -> None:
    site, last = _site(tmp_path / "site"), LastBuild(tmp_path / "cache")
    last.record(site, b"inputs")
    page = site / "branches" / "a" / "index.html"
    if change == "edited":
        page.write_text("改过的支部页面", encoding="utf-8")
    elif change == "same size, touched":
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1_000_000))
    elif change == "added":
        (site / "branches" / "b.html").write_text("多出来的", encoding="utf-8")
    elif change == "removed":
        page.unlink()
    else:
        for path in sorted(site.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        site.rmdir()
    assert not last.unchanged(site, b"inputs")


def test_a_file_changed_after_the_build_wrote_it_is_noticed(tmp_path: Path) -> None:
    """The build records its files as it found them when it wrote them; a file changed since differs."""
    site, last = _site(tmp_path / "site"), LastBuild(tmp_path / "cache")
    page = site / "branches" / "a" / "index.html"
    as_written = {"branches/a/index.html": (page.stat().st_size, page.stat().st_mtime_ns)}
    last.record(site, b"inputs", as_written)
    assert last.unchanged(site, b"inputs")
    last.record(
        site, b"inputs", {"branches/a/index.html": (page.stat().st_size, page.stat().st_mtime_ns - 1)}
    )
    assert not last.unchanged(site, b"inputs")


def test_only_the_most_recently_built_site_folders_are_remembered(tmp_path: Path) -> None:
    last = LastBuild(tmp_path / "cache")
    sites = [_site(tmp_path / f"site-{number}") for number in range(KEPT + 5)]
    for site in sites:
        last.record(site, b"inputs")
    assert len(list((tmp_path / "cache").rglob("*.json"))) == KEPT
    assert last.unchanged(sites[-1], b"inputs")  # the one just built is never the one forgotten


def test_a_damaged_record_means_a_build(tmp_path: Path) -> None:
    site, last = _site(tmp_path / "site"), LastBuild(tmp_path / "cache")
    last.record(site, b"inputs")
    for stored in (tmp_path / "cache").rglob("*.json"):
        stored.write_bytes(stored.read_bytes()[:-10])  # cut short, as by a full disk
    assert not last.unchanged(site, b"inputs")


def test_the_fingerprint_follows_every_byte_and_name_but_not_pythons_own_caches(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "members").mkdir(parents=True)
    (data / "members" / "a.yml").write_text("- id: m001\n", encoding="utf-8")
    before = tree_fingerprint([data])
    (data / "__pycache__").mkdir()
    (data / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert tree_fingerprint([data]) == before
    (data / "members" / "a.yml").write_text("- id: m002\n", encoding="utf-8")
    assert tree_fingerprint([data]) != before
    (data / "members" / "a.yml").write_text("- id: m001\n", encoding="utf-8")
    assert tree_fingerprint([data]) == before  # the bytes, not the time they were written
    (data / "members" / "a.yml").rename(data / "members" / "b.yml")
    assert tree_fingerprint([data]) != before
    (data / "members" / "b.yml").rename(data / "members" / "a.yml")
    (data / "members" / "empty.yml").write_text("", encoding="utf-8")
    assert tree_fingerprint([data]) != before
    after = tree_fingerprint([data])
    data.rename(tmp_path / "moved")
    assert tree_fingerprint([tmp_path / "moved"]) == after  # where the project is is not an input


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(with_extras(Township(tmp_path / "project")).root)
    first = build_site(root / "site", config=root / "mkdocs.yml")
    assert first.returncode == 0, first.stderr
    return root


def _build(root: Path, *options: str, **env: str) -> tuple[bool, str]:
    """Build the project's ``site/`` as the office does; whether the build stopped at once (nothing to do)."""
    command = [
        *MKDOCS,
        "build",
        "--strict",
        "-f",
        str(root / "mkdocs.yml"),
        "-d",
        str(root / "site"),
        *options,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, env={**BUILD_ENV, **env}, cwd=root, check=False
    )
    assert result.returncode == 0, result.stderr
    return SKIPPED in result.stderr, result.stderr


@pytest.mark.slow
def test_a_build_with_nothing_changed_leaves_the_site_as_it_is(project: Path) -> None:
    page = project / "site" / "index.html"
    inode = page.stat().st_ino
    (project / "data" / "site.yml").touch()  # saved again without a change
    skipped, log = _build(project)
    assert skipped, log
    assert page.stat().st_ino == inode  # not even linked again: the very file
    assert not (project / "site.partial").exists()


EDITS = {
    "a data file": lambda root: Replace("data/members/qingshan-1.yml", "2025: 91", "2025: 84.5").apply(
        Township.on_disk(root)
    ),
    "a page": lambda root: Replace("docs/open-data.md", "开放数据", "开放的数据").apply(
        Township.on_disk(root)
    ),
    "a template": lambda root: Replace(
        "theme_overrides/partials/nb/poster-sheets.html", "扫一扫在手机上查看", "扫一扫，在手机上查看"
    ).apply(Township.on_disk(root)),
    "mkdocs.yml": lambda root: Replace("mkdocs.yml", "copyright: 青山镇", "copyright: 本镇").apply(
        Township.on_disk(root)
    ),
    "a file removed from the site": lambda root: (root / "site" / "index.html").unlink(),
    # (``python -m`` imports from the folder it runs in: a package installed there, or upgraded)
    "a package installed": lambda root: (root / "extra_tool-1.0.dist-info").mkdir(),
}


@pytest.mark.slow
@pytest.mark.parametrize("edit", list(EDITS))
def test_whatever_a_build_reads_makes_it_build_again(project: Path, edit: str) -> None:
    EDITS[edit](project)
    skipped, log = _build(project)
    assert not skipped, log
    assert (project / "site" / "index.html").is_file()
    skipped, log = _build(project)
    assert skipped, f"the build after it found something to do:\n{log}"


@pytest.mark.slow
def test_the_command_line_and_the_environment_are_inputs_too(project: Path) -> None:
    assert not _build(project, "--no-directory-urls")[0]
    assert (project / "site" / "open-data.html").is_file()
    assert not _build(project)[0]
    assert (project / "site" / "open-data" / "index.html").is_file()
    assert not _build(project, SOURCE_DATE_EPOCH="1700000000")[0]
