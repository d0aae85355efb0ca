"""JSON Schemas of the registry files, generated from the models.

Why: with a ``# yaml-language-server: $schema=…`` line at the top of a data
file, VS Code (YAML extension) completes keys and flags mistakes as staff type,
with the Chinese descriptions of the models. The schemas are committed under
``docs/schema/`` (so they are also published with the site); a test fails when
they drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import GenericAlias
from typing import Any

from pydantic import TypeAdapter

from noticeboard.boards.kinds import RECORD_FILES
from noticeboard.registries.models import Branch, Commitment, LedgerEntry, Member, Review, Schemes, Site
from noticeboard.registries.record_files import RecordFile

SCHEMA_DIR = Path("docs/schema")


def _title(record: RecordFile) -> str:
    where = f"{record.name}/<年度>.yml" if record.yearly else record.name
    return f"data/{where}：{record.holds}"


FILES: dict[str, tuple[str, Any]] = {
    "site": ("data/site.yml：发布单位、考核年度、公示期", Site),
    "schemes": ("data/schemes.yml：评星规则（可不填，使用默认规则）", Schemes),
    "branches": ("data/branches.yml：党组织名册", list[Branch]),
    "members": ("data/members/<党支部编号>.yml：党员名册", list[Member]),
    "points": ("data/points/<年度>/<党支部编号>.yml：积分台账", list[LedgerEntry]),
    "commitments": ("data/commitments/<年度>.yml：公开承诺", list[Commitment]),
    "reviews": ("data/reviews/<年度>.yml：领导点评", list[Review]),
    **{record.key: (_title(record), GenericAlias(list, (record.model,))) for record in RECORD_FILES},
}
"""Every data file's schema: the built-in registries, then each board kind's own files."""


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of data file."""
    title, shape = FILES[kind]
    schema = TypeAdapter(shape).json_schema(mode="validation")
    _tidy(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def _tidy(node: Any) -> None:
    """Drop what only helps Python readers: English docstrings and generated English titles."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            del node["title"]
        for definition in node.get("$defs", {}).values():
            definition.pop("description", None)
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)


def render(kind: str) -> str:
    """The schema file's text, stable byte for byte."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILES:
        path = folder / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written
