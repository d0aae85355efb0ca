"""Reading the published open data in tests as its readers do: check what each file says it is, then its records."""

from __future__ import annotations

import json
from typing import Any

from noticeboard.outputs.open_data import RECORDS, SCHEMA_VERSION


def document(text: str) -> dict[str, Any]:
    """A published file's object, after checking it says its format's version, publisher and year."""
    published = json.loads(text)
    assert published["schema_version"] == SCHEMA_VERSION
    assert published["organisation"] and isinstance(published["year"], int)
    return published


def records(text: str) -> list[Any]:
    """The records of a published list file (branches, members, commitments …)."""
    return list(document(text)[RECORDS])


def published(text: str) -> Any:
    """What a published file holds: a list file's records, or the object itself."""
    whole = document(text)
    return whole.get(RECORDS, whole)
