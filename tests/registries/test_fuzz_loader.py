"""Typos and garbage in any data file: never a traceback, always FILE:LINE problems (seeded, reproducible)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from noticeboard.registries import RegistryError, load_registry
from support.township import BRANCH_EXTRAS, BRANCHES, COMMITMENTS, LEDGER, MEMBERS, REVIEWS, SITE, Township

SOURCES = {
    "data/site.yml": SITE,
    "data/branches.yml": BRANCHES + BRANCH_EXTRAS,  # venue, grade, rectification, duty report too
    "data/members/qingshan-1.yml": MEMBERS.replace(
        "  private:\n",
        "  post:\n    title: 政策宣传岗\n    duties: 入户宣讲\n    since: 2024-03-01\n  private:\n",
        1,
    ),
    "data/points/2025/zhen-jiguan.yml": LEDGER,
    "data/commitments/2025.yml": COMMITMENTS,
    "data/reviews/2025.yml": REVIEWS,
}
PIECES = [*":-[]{}&*!|>'\"#%@`,? \n\t0123456789abz男女\ufeff\\"]
PIECES += [
    "\n- ",
    ": ",
    "  ",
    "yes",
    "no",
    "null",
    "~",
    "2024-02-30",
    ".inf",
    "0123",
    "0x1F",
    "<<: *a",
    "&a ",
    "!!python/object:os.system",
    "\u3000",
    "：",
    "\r\n",
]


def _mutate(rng: random.Random, text: str) -> bytes:
    if rng.random() < 0.05:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        position = rng.randrange(len(chars) + 1)
        roll = rng.random()
        if roll < 0.4:
            chars.insert(position, rng.choice(PIECES))
        elif chars:
            index = min(position, len(chars) - 1)
            if roll < 0.7:
                del chars[index]
            else:
                chars[index] = rng.choice(PIECES)
    return "".join(chars).encode("utf-8")


@pytest.mark.parametrize("seed", range(40))  # 40 × 50 = 2,000 mutated registries
def test_mutated_files_never_crash_the_loader(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    town = Township(tmp_path)
    for case in range(50):
        name = rng.choice(list(SOURCES))
        town.write()
        for source, text in SOURCES.items():
            town.set(source, text)
        town.set(name, _mutate(rng, SOURCES[name]))
        try:
            load_registry(town.data, stories_dir=town.stories, root=town.root)
        except RegistryError as error:
            assert error.problems, f"case {case}: an error with no problem"
            for problem in error.problems:
                assert problem.file.startswith(("data/", "docs/")) and problem.line >= 1 and problem.message


def test_the_unmutated_sources_load(tmp_path: Path) -> None:
    town = Township(tmp_path)
    for source, text in SOURCES.items():
        town.set(source, text)
    registry = load_registry(town.data, stories_dir=town.stories, root=town.root)
    assert registry.member_by_id["m001"].post is not None and registry.reviews[2025]


YAML_PIECES = st.sampled_from(
    [*PIECES, "- id: m9\n", "  name: 某\n", "  gender: 男\n", "  points:\n", "    2025: "]
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=300), st.lists(YAML_PIECES, max_size=40).map("".join)))
def test_any_text_as_a_member_file_is_data_or_file_line_problems(tmp_path: Path, text: str) -> None:
    town = Township(tmp_path)
    town.set("data/members/zhen-jiguan.yml", text.encode("utf-8", "surrogatepass"))
    try:
        load_registry(town.data, stories_dir=town.stories, root=town.root)
    except RegistryError as error:
        assert error.problems
        assert all(p.file.startswith("data/") and p.line >= 1 and p.message for p in error.problems)
