"""Helpers the tests share: not test modules, so no test module imports another.

``township`` a small registry on disk, ``build`` the site built as a user builds it,
``commands`` the package's command line, ``pdftext`` Chinese read back from a printed PDF, ``hooks``
the MkDocs hooks as a module.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The project: ``mkdocs.yml``, ``data/``, ``docs/``, ``hooks/``, ``theme_overrides/``."""
