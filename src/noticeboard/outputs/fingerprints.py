"""The hash of a value by its content alone: what an output kept between builds is keyed by.

The same values give the same hash in any process, whatever objects they share and however they were made
(parsed now or taken from the cache): a page's key (:mod:`~noticeboard.outputs.rendered`) and an open-data
file's (:mod:`~noticeboard.outputs.open_data`) follow what they are made from, and nothing else.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import PurePath

import msgspec
from pydantic import BaseModel


def _tagged(obj: object) -> list[object]:
    """A value msgpack has no type for, by its class's name and its content: a pydantic model by its
    fields (without its set of fields given, a set whose order changes from process to process), a
    ``str`` subclass (``Markup``) and a path by their text, anything else as pickle writes it."""
    cls = type(obj)
    if isinstance(obj, BaseModel):  # its fields: its ``__dict__``, in its class's order (tested: no cache)
        return [cls.__qualname__, obj.__dict__]
    if isinstance(obj, str | PurePath):
        return [cls.__qualname__, str(obj)]
    return [cls.__qualname__, pickle.dumps(obj, protocol=5)]


_ENCODER = msgspec.msgpack.Encoder(enc_hook=_tagged)


def fingerprint(*values: object) -> bytes:
    """The SHA-256 of ``values``' canonical serialisation: msgpack, as msgspec (C) writes it.

    Why msgspec: it writes a county's page views six times faster than pickle without its memo did (0.5 s
    against 3.4 s on one core), so that they are hashed in the build's own process. Like the JSON of a
    value, it writes a value by its content alone, whichever objects it shares with other values: the
    same whether the data was parsed now or taken from the cache. A value of ours (a Struct, ``@frozen``) or
    a dataclass is written as its fields by name (never its cached properties), a ``Decimal`` and a date as their text, a
    tuple as a list. So two classes with the same fields, or a date and its text, give the same bytes:
    ``tests/outputs/test_page_keys.py`` checks that no view gives a place to two such types."""
    try:
        written = _ENCODER.encode(values)
    except OverflowError:  # an integer msgpack cannot hold (beyond 64 bits): as pickle writes it all
        written = b"pickle\0" + pickle.dumps(values, protocol=5)
    return hashlib.sha256(written).digest()
