"""The standalone pages (posters, screens, redirects) and images are rendered in parts, each by the
process that claims it: every one is in exactly one part, so none is left out of the site or written
twice, and each part is a run of the catalogue's list (what one process renders lies together in memory)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from noticeboard.outputs.rendered import Rendered, Reuse
from noticeboard.registries import disk_cache
from support.hooks import hooks_module

HOOKS = hooks_module()


@pytest.mark.parametrize("count", [0, 1, 7, 8, 9, 100, 6016])
def test_every_standalone_page_is_in_exactly_one_part_and_each_part_is_a_run(count: int) -> None:
    pages = [f"print/{number}/" for number in range(count)]
    parts = [list(HOOKS._part_of(pages, part)) for part in HOOKS.PARTS]
    assert [page for part in parts for page in part] == pages, "each once, in the catalogue's order"
    sizes = [len(part) for part in parts]
    assert max(sizes) - min(sizes) <= 1, sizes  # a process that takes a part takes as much work as another


@pytest.mark.parametrize("store", ["standalone-3", "standalone-sets"])
def test_a_failed_step_lets_its_store_go_at_once_and_keeps_nothing_it_made(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part of the standalone pages or the print-all step that fails (a poster template's error) lets its
    store go: held, its lock kept a preview server's next rebuild waiting up to a minute, which then built
    without the cache. A step that finishes keeps what it made."""
    monkeypatch.setattr(HOOKS.state, "cache_dir", tmp_path)
    rendered = Rendered(tmp_path / "rendered", b"build key", series="build")
    monkeypatch.setattr(HOOKS.state, "reuse", Reuse(rendered, {}, {}, {}, {}))
    with HOOKS._step_store(store) as done:
        done.put(b"made", "the sheets of a poster")
    with pytest.raises(RuntimeError), HOOKS._step_store(store) as failing:
        failing.put(b"made by the failed step", "half a poster")
        raise RuntimeError("a template's error")
    monkeypatch.setattr(disk_cache, "BUSY_SECONDS", 0.5)
    started = time.monotonic()
    after = Rendered(tmp_path / "rendered", b"build key", store, series="build")
    after.put(b"made by the next build", "a poster")
    assert after.store is not None and after.store.db is not None, "the next build has the store"
    assert time.monotonic() - started < 0.5, "and does not wait for it"
    assert after.text(b"made") == "the sheets of a poster"
    assert after.text(b"made by the failed step") is None
    after.close()
