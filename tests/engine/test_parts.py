"""The standalone pages (posters, screens, redirects) and images are rendered in parts, each by the
process that claims it: every one is in exactly one part, so none is left out of the site or written
twice, and each part is a run of the catalogue's list (what one process renders lies together in memory)."""

from __future__ import annotations

import pytest

from support.hooks import hooks_module

HOOKS = hooks_module()


@pytest.mark.parametrize("count", [0, 1, 7, 8, 9, 100, 6016])
def test_every_standalone_page_is_in_exactly_one_part_and_each_part_is_a_run(count: int) -> None:
    pages = [f"print/{number}/" for number in range(count)]
    parts = [list(HOOKS._part_of(pages, part)) for part in HOOKS.PARTS]
    assert [page for part in parts for page in part] == pages, "each once, in the catalogue's order"
    sizes = [len(part) for part in parts]
    assert max(sizes) - min(sizes) <= 1, sizes  # a process that takes a part takes as much work as another
