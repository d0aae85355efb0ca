"""One build of the public site, engine-neutral: the registries read and rated, the git history read,
and the catalogue of everything to publish.

The site engine's glue (``hooks/``) calls :func:`build_website` once per build and then
only adapts the result to its events; so does any other engine.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from noticeboard.boards.kinds import load_township
from noticeboard.boards.statistics import Stats, build_stats
from noticeboard.boards.township import Boards, build_boards
from noticeboard.office.change_log import Revision, revisions
from noticeboard.office.git_history import data_history, last_changed
from noticeboard.outputs.catalogue import Catalogue, Frame, build_catalogue


@dataclass(frozen=True)
class Website:
    """What one build publishes, before it has URLs: the boards, their statistics and the change log."""

    boards: Boards
    stats: Stats
    revisions: tuple[Revision, ...]
    updated: Mapping[str, dt.date]
    """Data file or folder → date of its last commit (empty outside git)."""
    cache_dir: Path

    @property
    def as_of(self) -> dt.date:
        return self.boards.as_of

    @property
    def in_git(self) -> bool:
        """Whether the data is in a git repository (pages then show when their data last changed)."""
        return bool(self.updated)

    @property
    def build_date(self) -> dt.date | None:
        """The date the data is checked as of (``site.yml``'s ``as_of``), which dates the build's files."""
        return self.boards.registry.site.as_of

    @property
    def story_paths(self) -> tuple[str, ...]:
        """The case stories' paths under the blog's posts folder."""
        return tuple(story.path for story in self.boards.registry.stories)

    def frame(self) -> Frame:
        """What every page's frame prints: who publishes, the year, the notice period."""
        site = self.boards.registry.site
        return Frame(site.organisation, site.office, site.year, site.notice, self.as_of, self.in_git)

    def catalogue(self, *, site_url: str, directory_urls: bool) -> Catalogue:
        """Every page and file of the site, with URLs in the engine's style (``x/`` or ``x.html``)."""
        return build_catalogue(
            self.boards,
            self.stats,
            changes=self.revisions,
            updated=self.updated,
            site_url=site_url,
            directory_urls=directory_urls,
            cache_dir=self.cache_dir,
        )


def build_website(root: Path, *, stories_dir: Path, cache_dir: Path) -> Website:
    """Read ``root/data``, rate every year and read the git history.

    Raises :class:`~noticeboard.registries.RegistryError` listing every problem in the data.
    """
    registry = load_township(root / "data", stories_dir=stories_dir, root=root, cache_dir=cache_dir)
    boards = build_boards(registry, registry.site.as_of or dt.date.today())
    stats = build_stats(boards)
    history = data_history(root / "data")
    changes = tuple(revisions(root / "data", history, cache_dir / "changelog"))
    return Website(boards, stats, changes, last_changed(history), cache_dir)


def pin_build_date(as_of: dt.date | None, environ: MutableMapping[str, str]) -> None:
    """Set ``SOURCE_DATE_EPOCH`` to the data's ``as_of`` (midnight, Beijing time), unless the caller set it.

    Sitemap and feed dates then come from the data's own date, so the same data builds the same bytes.
    A value this function set before (a rebuild while serving) is replaced.
    """
    if as_of is None:
        return
    ours = environ.get("NOTICEBOARD_SOURCE_DATE_EPOCH")
    if "SOURCE_DATE_EPOCH" in environ and environ["SOURCE_DATE_EPOCH"] != ours:
        return
    midnight = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.timezone(dt.timedelta(hours=8)))
    environ["SOURCE_DATE_EPOCH"] = environ["NOTICEBOARD_SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))


def build_aside(final: Path) -> Path:
    """The folder to build into instead of ``final`` (``site.partial``), emptied.

    A build that fails half way (bad data, a template error, a warning under ``--strict``)
    leaves the published site exactly as it was, and never a half-written one.
    """
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    return partial


def swap_in(partial: Path, final: Path) -> None:
    """Replace ``final`` by the finished build in two renames (readers never see half a site).

    The old site is removed after the swap, by a process of its own where there is ``rm`` (a county's
    12,000 files take seconds to delete, and nobody waits for them); on Windows, here and now.
    """
    old = final.with_name(f"{final.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    if old.exists():
        discard_later(old)


def discard_later(folder: Path) -> None:
    """Delete ``folder`` without waiting for it (detached ``rm -rf``), or at once where there is no ``rm``."""
    rm = shutil.which("rm") if os.name == "posix" else None
    if rm is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen(
        [rm, "-rf", os.fspath(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def discard(partial: Path) -> None:
    """Remove a failed build's partial folder; the published site is untouched."""
    shutil.rmtree(partial, ignore_errors=True)


class SiteFolder:
    """The folder a build writes into: each file's text as UTF-8 with ``\\n`` line ends, each sub-folder
    made once (a county writes 14,000 files; asking for every file's folder again costs seconds)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: set[Path] = set()

    def write(self, path: str, text: str) -> None:
        """Write ``text`` to ``path`` (relative to the site's root)."""
        target = self.root / path
        if target.parent not in self.made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(target.parent)
        target.write_text(text, encoding="utf-8", newline="\n")
