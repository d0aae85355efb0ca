"""``mkdocs serve`` shows an edit under data/ without a restart (MkDocs alone watches only docs/), a
template edit on pages kept from the build before, and data with problems as the problems above the last
good pages (MkDocs would hold every page until the data is corrected)."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.build import BUILD_ENV, MKDOCS, demo_project, pages_line

pytestmark = pytest.mark.slow  # mkdocs serve building the whole site, twice


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


def _started(log: Path) -> int:
    """Builds the server started (MkDocs logs each build's own lines once per text, so not those)."""
    return log.read_text(encoding="utf-8").count("Building documentation...")


def _reloads(log: Path) -> int:
    """Rebuilds that succeeded (the server then has the browsers reload)."""
    return log.read_text(encoding="utf-8").count("Reloading browsers")


@dataclass
class Served:
    """A preview server on a copy of the demo project, its first page up."""

    project: Path
    url: str
    """The first branch's page."""
    log: Path
    """What the server logged."""
    server: subprocess.Popen[bytes]


@contextlib.contextmanager
def _serve(tmp_path: Path, *options: str, project: Path | None = None) -> Iterator[Served]:
    """``mkdocs serve`` (with ``options``) on ``project`` (a copy of the demo project), until the block ends."""
    project = project or demo_project(tmp_path / "project")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as written:
        server = subprocess.Popen(
            [*MKDOCS, "serve", *options, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=BUILD_ENV,
            stdout=subprocess.DEVNULL,
            stderr=written,
        )
    try:
        url = f"http://127.0.0.1:{port}/branches/qingshan-1/"
        assert _wait_for(url, "青山村第一党支部", 60), "the site did not come up"
        yield Served(project, url, log, server)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_rebuilds_when_data_changes(tmp_path: Path) -> None:
    with _serve(tmp_path) as served:
        url, log = served.url, served.log
        members = served.project / "data" / "members" / "qingshan-1.yml"
        text = members.read_text(encoding="utf-8")
        first = text.split("name: ", 1)[1].split("\n", 1)[0]
        members.write_text(text.replace(f"name: {first}", "name: 改名测试", 1), encoding="utf-8")
        assert _wait_for(url, "改名测试", 60), "an edit under data/ was not picked up"
        controls = served.project / "theme_overrides" / "partials" / "nb" / "reading-controls.html"
        controls.write_text(
            controls.read_text(encoding="utf-8").replace(">字号<", ">字号大小<"), encoding="utf-8"
        )
        assert _wait_for(url, "字号大小", 60), "a kept page was not made again after its template changed"
        assert "改名测试" in _fetch(url)
        good = members.read_text(encoding="utf-8")
        members.write_text(good.replace("name: 改名测试", 'name: "改名测试', 1), encoding="utf-8")  # a typo
        assert _wait_for(url, "数据有误", 60), (
            "a page with the data's problems did not come (or never loaded)"
        )
        page = _fetch(url)
        line = good.splitlines().index("  name: 改名测试") + 1
        assert f"data/members/qingshan-1.yml:{line}: YAML 格式错误：这一行的引号没有配对" in page
        assert "改名测试" in page and "青山村第一党支部" in page  # the last good data under the problems
        members.write_text(good.replace("name: 改名测试", "name: 改好了", 1), encoding="utf-8")
        assert _wait_for(url, "改好了", 60), "the corrected data was not shown"
        assert "数据有误" not in _fetch(url)
        # What the last rebuild wrote (its cache, its site folder) is no edit: nothing more is built.
        time.sleep(3)
        builds = _started(log)
        time.sleep(3)
        assert _started(log) == builds, log.read_text(encoding="utf-8")[-3000:]


def test_a_build_after_a_preview_session_renders_only_what_the_edits_changed(tmp_path: Path) -> None:
    """``make build``, then ``make serve`` with a few edits, then ``make build``: the preview's rebuilds use
    other keys (its pages print its own address), and counted as builds of the same series they made the
    cache forget the last build's pages: every page was rendered again (a county's: 30 s, not 5)."""
    project = demo_project(tmp_path / "project")
    pages_line(project)  # the first build
    members = project / "data" / "members" / "qingshan-1.yml"
    with _serve(tmp_path, project=project) as served:
        points = ["2025: 74", "2025: 81", "2025: 92", "2025: 65"]  # one member's: a few pages change
        for reloads, (old, new) in enumerate(itertools.pairwise(points), start=1):
            members.write_text(members.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
            deadline = time.monotonic() + 60
            while _reloads(served.log) < reloads and time.monotonic() < deadline:
                time.sleep(0.5)
            assert _reloads(served.log) == reloads, served.log.read_text(encoding="utf-8")[-3000:]
    said = re.fullmatch(r"网页 (\d+) 个：重新生成 (\d+) 个.*", pages_line(project))
    assert said is not None
    pages, rendered = int(said.group(1)), int(said.group(2))
    assert 0 < rendered < pages / 4, f"{rendered} of {pages} pages rendered again"


def test_serve_clean_goes_on_serving_after_a_save_that_changes_nothing(tmp_path: Path) -> None:
    """``mkdocs serve --clean`` tells the hooks it builds: a save that changed nothing once made the rebuild
    stop as a build with nothing to do stops, and that stopped the whole preview server."""
    with _serve(tmp_path, "--clean") as served:
        log, server = served.log, served.server
        site = served.project / "data" / "site.yml"
        for reloads in (1, 2):  # (the first rebuild's inputs differ: the first build set SOURCE_DATE_EPOCH)
            site.write_text(site.read_text(encoding="utf-8"), encoding="utf-8")  # saved again, unchanged
            deadline = time.monotonic() + 60
            while _reloads(log) < reloads and server.poll() is None and time.monotonic() < deadline:
                time.sleep(0.5)
            assert server.poll() is None, log.read_text(encoding="utf-8")[-3000:]
            assert _reloads(log) == reloads, log.read_text(encoding="utf-8")[-3000:]
        assert "青山村第一党支部" in _fetch(served.url)


def test_serve_keeps_every_page_in_search_after_a_rebuild(tmp_path: Path) -> None:
    """A rebuild's search index lists what the first build's did: the first page it rendered (the home
    page) once lost its entries, counted from where the build before had stopped."""
    Docs = list[dict[str, str]]

    def docs(url: str, done: Callable[[Docs], bool], seconds: float) -> Docs:
        """The index's entries once ``done`` with them, or when time is up (the index escapes Chinese:
        parsed here, not searched as text)."""
        deadline = time.monotonic() + seconds
        while not done(found := list(json.loads(_fetch(url) or '{"docs": []}')["docs"])):
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
        return found

    def naming(name: str) -> Callable[[Docs], bool]:
        return lambda found: any(name in doc["text"] for doc in found)

    with _serve(tmp_path) as served:
        index = served.url.split("/branches/")[0] + "/search/search_index.json"
        members = served.project / "data" / "members" / "qingshan-1.yml"
        text = members.read_text(encoding="utf-8")
        name = text.split("name: ", 1)[1].split("\n", 1)[0]
        first = docs(index, naming(name), 10)
        assert any(doc["location"] == "" for doc in first)  # the home page
        assert naming(name)(first)
        members.write_text(text.replace(f"name: {name}", "name: 改名测试", 1), encoding="utf-8")
        renamed = docs(index, naming("改名测试"), 60)
        assert naming("改名测试")(renamed), "the rebuild's index did not come"
        assert [doc["location"] for doc in renamed] == [doc["location"] for doc in first]
        members.write_text(text, encoding="utf-8")  # back as it was: the index too
        assert docs(index, lambda found: found == first, 60) == first
