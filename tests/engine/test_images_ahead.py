"""Images made ahead (issue 16): a cold build's share cards and web photos are made by a second process
while MkDocs reads and converts the pages, and the standalone pages make only those it did not; the site
is the one a build in one process makes, however far that process got."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from support.build import (
    PACKAGE_AS_THE_HOOKS_KEEP_IT,
    demo_project,
    demo_site_in_one_process,
    run_patched,
    site_files,
)

BUILD = PACKAGE_AS_THE_HOOKS_KEEP_IT + textwrap.dedent(
    """
    import os, sys, time
    import noticeboard.registries.aside as aside
    from noticeboard.outputs import catalogue, web_photos

    log = open(sys.argv[2], "a", buffering=1)  # (appended to by every process of the build)
    card, photo = catalogue.draw, web_photos.Photos.web

    def carded(*args):
        log.write(f"{os.getpid()}\\n")
        return card(*args)

    def photographed(self, *args):
        log.write(f"{os.getpid()}\\n")
        return photo(self, *args)

    catalogue.draw, web_photos.Photos.web = carded, photographed
    start = aside.Aside.__init__

    def ahead(self, work, **kwargs):
        start(self, work, **kwargs)
        if getattr(getattr(work, "func", None), "__name__", None) == "_draw_images":
            print(self.pid, flush=True)
            if sys.argv[3] == "at once":
                self.interrupt()  # (asked to end before it has made anything, or after a few)
            while sys.argv[3] == "all" and not self.finished():
                time.sleep(0.01)  # (the second process given all the time it needs)

    aside.Aside.__init__ = ahead
    from mkdocs.__main__ import cli
    cli(["build", "--strict", "--quiet", "-d", sys.argv[1]], standalone_mode=False)
    """
)


def _built(tmp_path: Path, name: str, how: str) -> tuple[Path, list[str], str]:
    """The demo built cold with the images' process given ``how`` long: its site, the process of each image
    made (in the order made) and the images' process."""
    project = demo_project(tmp_path / f"project-{name}")
    log = tmp_path / f"{name}.log"
    result = run_patched(BUILD, project, str(tmp_path / name), str(log), how)
    drawing = result.stdout.split()
    assert len(drawing) == 1, "a cold build of the demo makes its images ahead"
    return tmp_path / name, log.read_text().split(), drawing[0]


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The demo's site built in one process (which makes every image itself)."""
    return demo_site_in_one_process(tmp_path_factory.mktemp("alone"))


def _images(site: Path) -> list[Path]:
    """A built site's share cards and web photos."""
    return [path for path in site.glob("assets/*/*") if path.parent.name in ("share", "photos")]


@pytest.mark.slow  # the demo built twice
def test_given_the_time_the_second_process_makes_every_image_and_nothing_else_does(
    tmp_path: Path, alone: dict[str, bytes]
) -> None:
    site, made, drawing = _built(tmp_path, "all", "all")
    images = _images(site)
    assert len(made) == len(images) > 100  # each image made once
    assert set(made) == {drawing}
    assert site_files(site) == alone


@pytest.mark.slow  # the demo built twice
def test_asked_to_end_at_once_it_leaves_the_rest_to_the_standalone_pages(
    tmp_path: Path, alone: dict[str, bytes]
) -> None:
    site, made, drawing = _built(tmp_path, "at-once", "at once")
    images = _images(site)
    assert len(made) == len(images)
    assert made.count(drawing) < len(made)
    assert site_files(site) == alone
