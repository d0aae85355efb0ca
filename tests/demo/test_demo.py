"""The demo township: reproducible, at the scale of the source documents, and what is committed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from noticeboard.demo import Shape, generate
from noticeboard.registries import load_registry
from support import ROOT


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}


def test_committed_demo_data_is_what_the_generator_makes(tmp_path: Path) -> None:
    generate(tmp_path / "data")
    assert _tree(tmp_path / "data") == _tree(ROOT / "data"), "run: python -m noticeboard demo --out data"


def test_the_demo_has_the_shape_of_the_source_township() -> None:
    registry = load_registry(ROOT / "data", stories_dir=ROOT / "docs" / "stories" / "posts", root=ROOT)
    kinds = Counter(branch.kind for branch in registry.branches)
    assert kinds["village"] == 31
    assert kinds["organ"] + kinds["institution"] == 15
    assert (kinds["enterprise"], kinds["non_public"]) == (1, 1)
    assert 3 <= kinds["general"] <= 10
    assert len(registry.members) == 810
    categories = Counter(member.category for member in registry.members)
    assert 0.60 <= categories["rural"] / 810 <= 0.70
    assert 0.10 <= categories["floating"] / 810 <= 0.16
    assert registry.years == (2024, 2025)
    assert registry.ledgers and registry.stories
    assert any(member.exempt for member in registry.members)


def test_synthetic_registries_scale_and_validate(tmp_path: Path) -> None:
    made = generate(tmp_path / "data", Shape(branches=200, members=4000, seed=7))
    registry = load_registry(tmp_path / "data", root=tmp_path)
    assert made["branches"] == 200 == sum(not b.is_general for b in registry.branches)
    assert made["members"] == 4000 == len(registry.members)
