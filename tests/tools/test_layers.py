"""``make lint`` refuses an import against the layers (registries → rules → boards → outputs → office → CLI)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with this project's contract, over the package found in ``package_parent``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"},
        cwd=package_parent,
        check=False,
    )


def test_the_package_keeps_its_layers(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src" / "noticeboard", tmp_path / "noticeboard")
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_against_the_layers_fails_the_lint(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src" / "noticeboard", tmp_path / "noticeboard")
    loading = tmp_path / "noticeboard" / "registries" / "loading.py"
    loading.write_text(
        loading.read_text(encoding="utf-8")
        + "\nfrom noticeboard.outputs import catalogue  # a wrong arrow\n",
        encoding="utf-8",
    )
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "noticeboard.registries.loading -> noticeboard.outputs.catalogue" in result.stdout
