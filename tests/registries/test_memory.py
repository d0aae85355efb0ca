"""The collector is kept off the registry: what a load kept is frozen, what a failed load left is not."""

from __future__ import annotations

import gc

import pytest

from noticeboard.registries.memory import paused_gc


def test_what_the_block_kept_is_frozen_so_no_collection_rescans_it() -> None:
    gc.unfreeze()
    try:
        with paused_gc():
            kept = [[index] for index in range(1000)]
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


def test_after_a_failure_nothing_is_frozen() -> None:
    gc.unfreeze()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.isenabled() and gc.get_freeze_count() == 0
