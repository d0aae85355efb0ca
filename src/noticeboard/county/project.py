"""The site project a county's build runs in: this checkout's ``mkdocs.yml``, inherited, made a county's.

Why a project of its own: a county has no ``data/`` and no case stories, only ``county.yml``
and its townships' published JSON. The project inherits the checkout's configuration (theme,
colours, fonts, Markdown: the same look, offline use and China-readiness as a township's site)
and replaces what is a township's: the name, the address, the plugins (search and the offline
copy, no blog or feed), the navigation, and the docs folder (only the assets). The hooks see
``extra.noticeboard_county`` and build the county's catalogue instead of a township's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from noticeboard.county.comparison import county_boards
from noticeboard.county.settings import County

CHECKOUT = Path(__file__).resolve().parents[3]
"""The checkout the package runs from (``src/noticeboard/county`` → the checkout's root)."""
CONFIG = "mkdocs.yml"


def write_project(
    county: County, county_file: Path, folder: Path, *, site_url: str | None, offline: bool
) -> Path:
    """Write the county's site project into ``folder`` and return its ``mkdocs.yml``."""
    if not (CHECKOUT / CONFIG).is_file():
        raise FileNotFoundError(CHECKOUT / CONFIG)
    docs = folder / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(CHECKOUT / "docs" / "assets", docs / "assets")
    back = Path(os.path.relpath(CHECKOUT, folder)).as_posix()
    url = county.site or site_url
    config = {
        "INHERIT": f"{back}/{CONFIG}",
        "site_name": f"{county.organisation}党务公开汇总",
        "site_description": f"{county.organisation}：{county.year} 年度各乡镇党务公开汇总",
        "site_url": url or "",
        "copyright": county.organisation,
        "docs_dir": "docs",
        "theme": {"custom_dir": f"{back}/theme_overrides"},
        "hooks": [f"{back}/hooks/noticeboard_hooks.py"],
        "plugins": [{"search": {"lang": "zh"}}, {"offline": {"enabled": offline}}],
        "extra": {
            "generator": False,
            "polyfills": [],
            "noticeboard_county": county_file.resolve().as_posix(),
        },
        "nav": [
            {"首页": "index.md"},
            {"分项比较": [{board.title: f"{board.key}.md"} for board in county_boards()]},
        ],
        "not_in_nav": "",
    }
    path = folder / CONFIG
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
