"""``mkdocs serve`` imports the package anew for a rebuild only when one of its files changed.

``hooks/fresh_package.py`` runs before the site's hook on every rebuild. Importing the package
costs about half a second, most of a rebuild after a data edit, so an unchanged package is kept;
an edited one is imported again, so the preview shows the code as it is now.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from support import ROOT

SCRIPT = """
import os, runpy, sys
from pathlib import Path
hook, package = sys.argv[1], Path(sys.argv[2])
runpy.run_path(hook)                      # the first build: nothing imported yet
import noticeboard.boards.parts
first = sys.modules["noticeboard.boards.parts"]
runpy.run_path(hook)                      # a rebuild after a data edit
print("kept" if sys.modules.get("noticeboard.boards.parts") is first else "imported again")
stat = (package / "boards" / "parts.py").stat()
os.utime(package / "boards" / "parts.py", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
runpy.run_path(hook)                      # a rebuild after the package was edited
import noticeboard.boards.parts
print("kept" if sys.modules["noticeboard.boards.parts"] is first else "imported again")
"""


def test_the_package_is_imported_again_only_after_one_of_its_files_changed(tmp_path: Path) -> None:
    package = tmp_path / "src" / "noticeboard"
    shutil.copytree(ROOT / "src" / "noticeboard", package, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "hooks" / "fresh_package.py"), str(package)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "src")},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["kept", "imported again"]
