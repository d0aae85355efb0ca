"""The project's MkDocs hooks as a module, for tests of their own helpers (MkDocs loads them by path)."""

from __future__ import annotations

import functools
import importlib.util
import sys
from types import ModuleType

from support import ROOT


@functools.cache
def hooks_module() -> ModuleType:
    """``hooks/noticeboard_hooks.py``, loaded once as ``hooks_under_test``."""
    spec = importlib.util.spec_from_file_location("hooks_under_test", ROOT / "hooks" / "noticeboard_hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module
