"""Keeping Python's cyclic garbage collector off the registry while it is built.

Why: a county's registry is millions of small objects that all stay alive for
as long as the boards and pages are made from them. Each full collection rescans every one of them, and
collections are triggered by allocation, so loading, rating and rendering
spend most of their time in the collector (measured: 3× the load time, 15× the
cost of a rating). None of these objects form garbage cycles.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic collector off, restoring its previous state.

    What the block made and kept is then frozen (:func:`gc.freeze`): left young, the first collection
    after the block would scan all of it at once (a county's registry: half a second, twice a build),
    and later full collections again. Frozen objects are still freed when no longer referenced.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()  # not after a failure: what it leaves is garbage, to be collected
    finally:
        if collecting:
            gc.enable()
