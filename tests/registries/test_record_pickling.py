"""Validated records as the cache keeps them (``yaml_source._RecordPickler``): read back, each is the very
record validating gives (fields, nested models, the set of fields given), whatever the model."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from noticeboard.registries.errors import Problems
from noticeboard.registries.models import Branch, Commitment, Member
from noticeboard.registries.reading import read_files
from noticeboard.registries.yaml_source import ParseCache, _pickle_records
from support.township import Township


def _alike(first: list[Any], second: list[Any]) -> None:
    assert first == second
    for a, b in zip(first, second, strict=True):
        assert type(a) is type(b)
        assert a.model_fields_set == b.model_fields_set
        assert a.model_dump() == b.model_dump()
        assert a.__pydantic_extra__ == b.__pydantic_extra__
        assert a.__pydantic_private__ == b.__pydantic_private__


def test_every_record_of_the_township_reads_back_as_validated(town: Township, tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    loaded = read_files(town.data, None, Problems(), cache)
    groups: list[tuple[type[BaseModel], list[Any]]] = [
        (Member, [m.record for items in loaded.members.values() for m in items]),
        (Branch, [b.record for b in loaded.branches]),
        (Commitment, [c.record for items in loaded.commitments.values() for c in items]),
    ]
    for model, records in groups:
        assert records and all(type(record) is model for record in records)
        _alike(pickle.loads(_pickle_records(records)), records)
    updates = [u for items in loaded.commitments.values() for c in items for u in c.record.updates]
    assert updates, "the township has a commitment's progress note: a model inside a model"
    post = {"title": "政策宣传岗", "since": "2025-03-01", "assessment": {2025: "合格"}}
    member = Member.model_validate({"id": "m9", "name": "李四", "gender": "男", "post": post})
    _alike(pickle.loads(_pickle_records([member])), [member])
    again = ParseCache(tmp_path / "cache")
    raw = (town.data / "members" / "qingshan-1.yml").read_bytes()
    _alike(again.get_records(raw, Member) or [], [m.record for m in loaded.members["qingshan-1"]])


class _Open(BaseModel):
    """A model that may change (not frozen), with extra values allowed."""

    model_config = ConfigDict(extra="allow")
    name: str
    note: str | None = None


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    note: str | None = None


def test_a_model_that_may_change_keeps_a_set_of_fields_of_its_own() -> None:
    first, second = pickle.loads(_pickle_records([_Open(name="a"), _Open(name="b")]))
    second.note = "set later"
    assert first.model_fields_set == {"name"} and second.model_fields_set == {"name", "note"}


def test_a_frozen_model_shares_its_set_of_fields_and_a_copy_does_not_change_it() -> None:
    first, second = pickle.loads(_pickle_records([_Frozen(name="a"), _Frozen(name="b")]))
    copied = first.model_copy(update={"note": "x"})
    assert copied.model_fields_set == {"name", "note"}
    assert first.model_fields_set == second.model_fields_set == {"name"}


def test_a_model_with_extra_values_keeps_them() -> None:
    (record,) = pickle.loads(_pickle_records([_Open(name="a", colour="red")]))
    assert record.__pydantic_extra__ == {"colour": "red"} and record.model_dump()["colour"] == "red"


def test_numbers_read_back_with_their_digits_and_one_object_per_text() -> None:
    """A county's 113,000 numbers are a few hundred texts: read back, records share one object per text,
    and a number keeps exactly the digits it was written with (``82`` is not ``82.0``, which prints so)."""
    texts = ["82", "82.0", "82.50", "0", "0.5", "1E+2", "77.6"]
    members = [
        Member.model_validate({"id": f"m{n}", "name": "李四", "gender": "男", "points": {2025: Decimal(t)}})
        for n, t in enumerate(texts)
    ]
    again = [
        Member.model_validate({"id": "x", "name": "王五", "gender": "女", "points": {2025: Decimal(t)}})
        for t in texts
    ]
    first, second = pickle.loads(_pickle_records(members)), pickle.loads(_pickle_records(again))
    for text, one, other in zip(texts, first, second, strict=True):
        assert str(one.points[2025]) == str(other.points[2025]) == text
        assert one.points[2025] is other.points[2025]  # (read from two files, as two branches' members)
    assert first[0].points[2025] is not first[1].points[2025]  # 82 and 82.0: equal, printed apart
