"""Chinese text cut into words for the search index, each run cut once and kept between builds.

Why: the site's search index holds Chinese text cut into words (jieba), with the site's names
(branches, members) added as whole words so that a search for a name finds it. Loading jieba's
dictionary takes about a second, half of a township's rebuild after one number was edited, and
the text it cuts hardly changes: a page whose points changed has the same runs of Chinese
characters as before (digits are not cut). So the words of each run are kept, for the dictionary
they were cut with (jieba's version and the words the site adds, in order), and jieba is loaded
only for a run never cut before.

It is also exact where jieba alone was not: ``jieba.add_word`` adds each word's frequency to the
dictionary's total every time it is called, so each rebuild of a preview server cut text with a
larger total than a fresh build (seldom another cut, but not the build's). Here each list of words
gets a dictionary of its own: the default one with the words added once.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import tempfile
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import jieba  # type: ignore[import-untyped]

from noticeboard.registries.disk_cache import DiskCache

WORD_FREQUENCY = 100_000
"""How often jieba should think an added name occurs: high, so a name is never cut into parts."""


class _Dictionaries:
    """jieba's default dictionary, loaded once per process; a copy of it with each list of words added."""

    def __init__(self) -> None:
        self.default: jieba.Tokenizer | None = None

    def with_words(self, words: Sequence[str]) -> jieba.Tokenizer:
        if self.default is None:
            self.default = _default_dictionary()
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ, tokenizer.total = dict(self.default.FREQ), self.default.total
        tokenizer.initialized = True
        for word in words:
            tokenizer.add_word(word, freq=WORD_FREQUENCY)
        return tokenizer


def _default_dictionary() -> jieba.Tokenizer:
    """jieba's default dictionary, as ``Tokenizer.initialize`` loads it: from the file jieba prepared it in
    (``jieba.cache`` in the temporary folder; no check of its time for the default dictionary, as jieba's)
    when there is one, else made by jieba, which prepares that file.

    Why not jieba's own loading: it reads the file with ``marshal.load`` from an open file, which reads
    each of its 500,000 words apart (0.6 s, a quarter of a township's first build); read whole and then
    taken apart it is 0.2 s."""
    tokenizer = jieba.Tokenizer()
    prepared = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / JIEBA_PREPARED
    try:
        tokenizer.FREQ, tokenizer.total = marshal.loads(prepared.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # none yet, or damaged: jieba makes it again
        tokenizer.initialize()
    else:
        tokenizer.initialized = True
    return tokenizer


JIEBA_PREPARED = "jieba.cache"
"""The file jieba keeps its default dictionary in, prepared, in the temporary folder (jieba 0.42)."""


DICTIONARIES = _Dictionaries()


class Segmenter:
    """Cuts runs of Chinese characters into words as ``jieba.cut`` would with ``words`` added to its
    dictionary; the cuts are kept in ``cache_dir`` (none: nothing kept) and written by :meth:`save`."""

    def __init__(self, words: Sequence[str], cache_dir: Path | None) -> None:
        self.words = tuple(words)
        self.key = hashlib.sha256("\0".join((jieba.__version__, sys.version, *self.words)).encode()).digest()
        self.store = DiskCache(cache_dir, b"search segments 1\n", ".marshal") if cache_dir else None
        self.tokenizer: jieba.Tokenizer | None = None
        self.fresh: dict[str, list[str]] = {}
        """The runs this process cut (a second process hands them to the first: :meth:`merge`)."""

    def cut(self, text: str | bytes) -> list[str]:
        """The words of ``text``, in order (they join back into it)."""
        run = text.decode("utf-8") if isinstance(text, bytes) else text
        words = self.cuts.get(run)
        if words is None:
            if self.tokenizer is None:
                self.tokenizer = DICTIONARIES.with_words(self.words)
            words = self.cuts[run] = self.fresh[run] = list(self.tokenizer.cut(run))
        return words

    def prepare(self) -> None:
        """Read the kept cuts, and load jieba now if there are none (before a second process is forked, so
        that it needs not load jieba too)."""
        if not self.cuts and self.tokenizer is None:
            self.tokenizer = DICTIONARIES.with_words(self.words)

    def merge(self, cuts: dict[str, list[str]]) -> None:
        """Add the runs another process cut with the same words."""
        self.cuts.update(cuts)
        self.fresh.update(cuts)

    @cached_property
    def cuts(self) -> dict[str, list[str]]:
        """Each run cut so far, by the builds before (read when first asked for) and this one."""
        stored = self.store.get(b"cuts") if self.store else None
        if stored is not None:
            try:
                key, cuts = marshal.loads(stored)
            except (EOFError, ValueError, TypeError):
                return {}
            if key == self.key and isinstance(cuts, dict):
                return cuts
        return {}  # another dictionary (a name added or changed): every run is cut anew

    def save(self) -> None:
        """Keep the cuts of this dictionary (one list of words at a time: the last build's)."""
        if self.store is not None and self.fresh:
            self.store.put(b"cuts", marshal.dumps((self.key, self.cuts)))
            self.fresh = {}
