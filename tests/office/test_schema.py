"""The published JSON Schemas: up to date with the models, referenced by the data, agreeing with the loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from noticeboard.office.json_schemas import FILES, render
from support import ROOT

SCHEMA_DIR = ROOT / "docs" / "schema"


@pytest.mark.parametrize("kind", FILES)
def test_committed_schema_is_up_to_date(kind: str) -> None:
    committed = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == render(kind), "run: python -m noticeboard schema"


def _data_files() -> list[tuple[Path, str]]:
    found = [
        (ROOT / "data" / "site.yml", "site"),
        (ROOT / "data" / "schemes.yml", "schemes"),
        (ROOT / "data" / "branches.yml", "branches"),
    ]
    found += [(p, "members") for p in sorted((ROOT / "data" / "members").glob("*.yml"))]
    found += [(p, "points") for p in sorted((ROOT / "data" / "points").glob("*/*.yml"))]
    found += [(p, "commitments") for p in sorted((ROOT / "data" / "commitments").glob("*.yml"))]
    return found


def _as_json(value: Any) -> Any:
    """What an editor's YAML extension sees: keys and dates as text, numbers as numbers."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize(("path", "kind"), _data_files(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_data_file_references_its_schema_and_satisfies_it(path: Path, kind: str) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target == (SCHEMA_DIR / f"{kind}.schema.json").resolve()
    schema = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(_as_json(yaml.safe_load(path.read_text(encoding="utf-8"))), schema)


def test_schema_rejects_an_unknown_key_with_chinese_descriptions() -> None:
    schema = json.loads((SCHEMA_DIR / "members.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "m1", "name": "王", "gender": "男", "nmae": "x"}], schema)
    assert schema["$defs"]["Member"]["properties"]["gender"]["description"] == "性别：男 或 女"
