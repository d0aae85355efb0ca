""" "Did you mean" for an id offers only an id with the same numbers in it: one that differs in a number is
another record, and a clerk who followed the hint gave a commitment to somebody else."""

from __future__ import annotations

import pytest

from noticeboard.registries import RegistryError
from noticeboard.registries.messages import closest_id
from support.township import Township

KNOWN = ("m00802", "m001", "qingshan", "qingshan-1", "qingshan-5", "zhen-jiguan")


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("m00002", None),  # m00002 is no typo of m00802: another member
        ("qingshan-6", None),  # nor qingshan-6 of qingshan-5
        ("m0001", "m001"),  # a zero too many: the same member
        ("qingshna-1", "qingshan-1"),  # letters swapped
        ("zhen-jiguna", "zhen-jiguan"),
        ("qingshan-x", "qingshan"),
    ],
)
def test_an_id_is_suggested_only_with_the_same_numbers(written: str, hint: str | None) -> None:
    assert closest_id(written, KNOWN) == hint


def test_a_commitment_by_a_missing_member_suggests_no_other_member(town: Township) -> None:
    town.replace("data/commitments/2025.yml", "by: m001", "by: m011")
    with pytest.raises(RegistryError) as raised:
        town.load()
    (message,) = [str(problem) for problem in raised.value.problems if "m011" in str(problem)]
    assert "承诺人“m011”" in message and "是不是" not in message
