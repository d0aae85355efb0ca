"""The theme's files MkDocs copies into the site are the ones it would find without our listing of them
(which skips the hidden folders MkDocs leaves out anyway: Material's 14,000 icons)."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import jinja2
import material

from support import ROOT
from support.hooks import hooks_module


def _copied(loader: jinja2.BaseLoader) -> list[str]:
    """What MkDocs' ``Files.add_files_from_theme`` keeps of a listing (its own patterns)."""
    patterns = [".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*", "*.md"]
    return [
        name
        for name in jinja2.Environment(loader=loader).list_templates()
        if not any(fnmatch.fnmatch(name.lower(), pattern) for pattern in patterns)
    ]


def test_the_theme_files_listed_are_those_mkdocs_copies(tmp_path: Path) -> None:
    own = tmp_path / "theme"
    (own / "assets" / ".hidden").mkdir(parents=True)
    (own / "assets" / ".hidden" / "secret.css").write_text("", encoding="utf-8")
    (own / "assets" / "site.css").write_text("", encoding="utf-8")
    (own / ".editorconfig").write_text("", encoding="utf-8")
    dirs = [str(own), str(ROOT / "theme_overrides"), str(Path(material.__file__).parent / "templates")]
    listed = hooks_module().ThemeFiles(dirs).list_templates()
    assert _copied(jinja2.FileSystemLoader(dirs)) == _copied(jinja2.DictLoader(dict.fromkeys(listed, "")))
    assert not any(part.startswith(".") for name in listed for part in name.split("/"))
