"""A build that renders many pages shares them with second processes, one at a time, each with a slice of
them and then parts of the posters (issue 16: both cores on a cold build); the site is the very one a build
in one process makes (``NOTICEBOARD_ONE_PROCESS=1``)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from support import ROOT
from support.build import BUILD_ENV, PACKAGE_AS_THE_HOOKS_KEEP_IT, pages_line, site_files

pytestmark = pytest.mark.slow  # a township of 120 branches generated and built twice


def _project(target: Path, data: Path) -> Path:
    for name in ("docs", "hooks", "theme_overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(data, target / "data")
    for post in (target / "docs" / "stories" / "posts").glob("*.md"):
        post.unlink()  # the demo's stories name the demo's branches
    return target


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A township of 120 branches: more pages than a build renders in one process."""
    data = tmp_path_factory.mktemp("township") / "generated"
    command = [sys.executable, "-m", "noticeboard", "demo", "--out", str(data), "--branches", "120"]
    subprocess.run([*command, "--members", "900"], env=BUILD_ENV, check=True, capture_output=True)
    return data


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory, generated: Path) -> dict[str, bytes]:
    """The site as one process builds it (``NOTICEBOARD_ONE_PROCESS=1``): every file, by its path."""
    alone = _project(tmp_path_factory.mktemp("alone"), generated)
    assert "另一个进程" not in pages_line(alone, NOTICEBOARD_ONE_PROCESS="1")
    return site_files(alone / "site")


def test_pages_rendered_by_two_processes_are_the_pages_one_process_renders(
    tmp_path: Path, generated: Path, one_process: dict[str, bytes]
) -> None:
    shared = _project(tmp_path / "shared", generated)
    said = pages_line(shared)
    assert re.search(r"其中 \d+ 个由另一个进程生成", said), said
    two, one = site_files(shared / "site"), one_process
    assert sorted(two) == sorted(one)
    assert [path for path in two if two[path] != one[path]] == []
    index = json.loads((shared / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    branches = {doc["location"] for doc in index["docs"] if re.fullmatch(r"branches/[^/]+/", doc["location"])}
    assert len(branches) == 120, "every branch page is searched, those the second process rendered too"
    # Built again with nothing changed, not stopped early: every page is kept, the second process's too.
    shutil.rmtree(shared / ".cache" / "noticeboard" / "last-build")
    by_other = int(re.search(r"其中 (\d+) 个由另一个进程生成", said)[1])  # type: ignore[index]
    kept = re.search(r"重新生成 (\d+) 个，(\d+) 个沿用", pages_line(shared))
    assert kept is not None
    rendered, reused = (int(number) for number in kept.groups())
    assert reused >= by_other and rendered < 10, (
        "what the next build needs of the pages spooled back is stored"
    )
    again = site_files(shared / "site")
    assert sorted(again) == sorted(one)
    assert [path for path in again if again[path] != one[path]] == []


FORKED_WHILE_RENDERING = PACKAGE_AS_THE_HOOKS_KEEP_IT + textwrap.dedent(
    """
    import sys
    from noticeboard.registries.aside import Relay

    Relay.poll = Relay.wait  # each next second process forked as soon as this one asks, in a page's events
    from mkdocs.__main__ import cli
    cli(["build", "--strict", "--quiet", "-d", sys.argv[1]], standalone_mode=False)
    """
)


def test_a_second_process_forked_while_a_page_is_rendered_renders_its_pages_as_one_process_does(
    tmp_path: Path, generated: Path, one_process: dict[str, bytes]
) -> None:
    """Each slice of the pages has a second process of its own, forked by this one when the last has ended:
    as it renders a page of its own (MkDocs marks that page, and its sections, as the current one for the
    navigation). The next one starts from that: it must not show that page as current on its own."""
    project = _project(tmp_path / "project", generated)
    subprocess.run(
        [sys.executable, "-c", FORKED_WHILE_RENDERING, "site"],
        cwd=project,
        env=BUILD_ENV,
        check=True,
        capture_output=True,
        timeout=600,
    )
    built = site_files(project / "site")
    assert sorted(built) == sorted(one_process)
    assert [path for path in built if built[path] != one_process[path]] == []


FAIL_SECOND = PACKAGE_AS_THE_HOOKS_KEEP_IT + textwrap.dedent(
    """
    import os, sys
    import mkdocs.commands.build as engine
    import noticeboard.outputs.rendered as rendered

    first = os.getpid()

    def failing(made):
        def step(*args, **kwargs):
            if os.getpid() != first:
                raise RuntimeError("the second process failed")
            return made(*args, **kwargs)
        return step

    if sys.argv[2] == "pages":
        engine._build_page = failing(engine._build_page)  # (the hooks look it up when the process starts)
    else:
        rendered.standalone_files = failing(rendered.standalone_files)  # (before the hooks import it)
    from mkdocs.__main__ import cli
    cli(["build", "--strict", "--quiet", "-d", sys.argv[1]], standalone_mode=False)
    """
)


@pytest.mark.parametrize("failing", ["pages", "posters"])
def test_a_failure_in_the_second_process_fails_the_build_and_publishes_nothing(
    tmp_path: Path, generated: Path, failing: str
) -> None:
    """A second process rendering a slice of the pages, or posters after them: either failing stops the
    build."""
    project = _project(tmp_path / "project", generated)
    result = subprocess.run(
        [sys.executable, "-c", FAIL_SECOND, str(tmp_path / "site"), failing],
        cwd=project,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,  # (a first process waiting for pages that never come would hang here)
    )
    assert result.returncode != 0
    assert "the second process failed" in result.stderr, "it printed why"
    assert "生成网页、打印页或电子屏页时出错（见上面的说明），网站没有生成。" in result.stderr
    assert not (tmp_path / "site").exists()
    assert not list(tmp_path.glob("site*")), "nor the partial site"
