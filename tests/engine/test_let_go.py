"""A build lets go of the registry and its ratings once the catalogue is made from them: a county's are 60 MB
of the largest process, and they would stay in every process the build forks to render pages."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from support.build import BUILD_ENV, PACKAGE_AS_THE_HOOKS_KEEP_IT, demo_project

WATCH = PACKAGE_AS_THE_HOOKS_KEEP_IT + textwrap.dedent(
    """
    import sys, weakref
    import mkdocs.commands.build as engine
    import noticeboard.website as website

    registries = []
    made = website.build_website

    def build_website(*args, **kwargs):
        site = made(*args, **kwargs)
        registries.append(weakref.ref(site.boards.registry))
        return site

    website.build_website = build_website  # (before mkdocs.yml's hooks import it)
    build_page = engine._build_page

    def first_page(*args, **kwargs):
        if registries:
            print("registry:", "held" if registries.pop()() is not None else "let go")
        return build_page(*args, **kwargs)

    engine._build_page = first_page
    from mkdocs.__main__ import cli
    cli(["build", "--strict", "--quiet", "-d", sys.argv[1]], standalone_mode=False)
    """
)


def test_the_registry_is_let_go_before_the_pages_are_rendered(tmp_path: Path) -> None:
    project = demo_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-c", WATCH, str(tmp_path / "site")],
        cwd=project,
        env={**BUILD_ENV, "NOTICEBOARD_ONE_PROCESS": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["registry: let go"], result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
