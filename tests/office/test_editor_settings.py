"""A clerk who opens the project in VS Code gets completion and red underlines in every data file
without setting anything: ``.vscode/settings.json`` maps each kind of data file to its JSON Schema,
and ``.vscode/extensions.json`` recommends the YAML extension."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from noticeboard.boards.kinds import RECORD_FILES
from noticeboard.office.json_schemas import FILES
from support import ROOT

BUILT_IN = {
    "site": "/data/site.yml",
    "schemes": "/data/schemes.yml",
    "branches": "/data/branches.yml",
    "members": "/data/members/*.yml",
    "points": "/data/points/*/*.yml",
    "commitments": "/data/commitments/*.yml",
    "reviews": "/data/reviews/*.yml",
}
"""Where the built-in registries live (README 数据说明); the board kinds declare their own."""


def settings() -> dict[str, Any]:
    loaded = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def expected_globs() -> dict[str, str]:
    declared = {
        record.key: f"/data/{record.name}/*.yml" if record.yearly else f"/data/{record.name}"
        for record in RECORD_FILES
    }
    return {**BUILT_IN, **declared}


def test_every_kind_of_data_file_has_its_schema() -> None:
    globs = expected_globs()
    assert set(globs) == set(FILES), "a kind of data file without a place, or a place without a schema"
    assert settings()["yaml.schemas"] == {
        f"./docs/schema/{kind}.schema.json": [globs[kind]] for kind in FILES
    }


def test_every_mapped_schema_file_exists() -> None:
    for schema in settings()["yaml.schemas"]:
        assert (ROOT / schema).is_file(), schema


def test_every_demo_data_file_gets_the_schema_its_first_line_names() -> None:
    mapping = {glob: schema for schema, globs in settings()["yaml.schemas"].items() for glob in globs}
    files = sorted((ROOT / "data").rglob("*.yml"))
    assert files
    for path in files:
        where = PurePosixPath("/" + path.relative_to(ROOT).as_posix())
        matched = [schema for glob, schema in mapping.items() if where.match(glob)]
        assert len(matched) == 1, f"{where}: {matched}"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        named = first.removeprefix("# yaml-language-server: $schema=")
        assert (path.parent / named).resolve() == (ROOT / matched[0]).resolve(), where


def test_utf8_unix_line_ends_spaces_and_the_yaml_extension() -> None:
    given = settings()
    assert given["files.encoding"] == "utf8" and given["files.eol"] == "\n"
    assert given["[yaml]"]["editor.insertSpaces"] is True
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
