"""Chinese text cut into words for the search index, each run cut once and kept between builds.

Why: the site's search index holds Chinese text cut into words (jieba), with the site's names
(branches, members) added as whole words so that a search for a name finds it. Loading jieba's
dictionary takes about a second, half of a township's rebuild after one number was edited, and
the text it cuts hardly changes: a page whose points changed has the same runs of Chinese
characters as before (digits are not cut). So the words of each run are kept, for the dictionary
they were cut with (jieba's version and the words the site adds, in order), and jieba is loaded
only for a run never cut before.

jieba's dictionary is held as a trie (:class:`Words`): 1 MB, where jieba's own (a Python dict of its
350,000 words and each one's prefixes) takes 65 MB in every process that renders pages; a county's
largest process was over its 600 MB because of it. The cuts are jieba's own, word for word
(:class:`TrieTokenizer` gives jieba the words it would find by its dict).

It is also exact where jieba alone was not: ``jieba.add_word`` adds each word's frequency to the
dictionary's total every time it is called, so each rebuild of a preview server cut text with a
larger total than a fresh build (seldom another cut, but not the build's). Here each list of words
gets a dictionary of its own: the default one with the words added once.
"""

from __future__ import annotations

import array
import functools
import hashlib
import marshal
import math
import struct
import sys
import tempfile
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import jieba  # type: ignore[import-untyped]
import marisa_trie  # type: ignore[import-not-found]  # (no stubs)

from noticeboard.registries.disk_cache import DiskCache
from noticeboard.registries.frozen import frozen

WORD_FREQUENCY = 100_000
"""How often jieba should think an added name occurs: high, so a name is never cut into parts."""


@frozen
class Words:
    """Words with their frequencies, as a trie (each word's id there indexes ``frequencies``)."""

    trie: marisa_trie.Trie
    frequencies: array.array[int]
    total: int
    """The sum of the frequencies of jieba's dictionary (the denominator of each word's probability)."""
    longest: int
    """The length of the longest word."""

    @classmethod
    def of(cls, frequencies: dict[str, int], total: int) -> Words:
        """The words of ``frequencies`` that jieba takes for words (a frequency above 0; the rest are the
        prefixes jieba adds so that it knows when to stop looking)."""
        words = sorted(word for word, frequency in frequencies.items() if frequency)
        trie = marisa_trie.Trie(words)
        found = array.array("q", bytes(8 * len(words)))
        for word in words:
            found[trie.key_id(word)] = frequencies[word]
        return cls(trie, found, total, max(map(len, words), default=1))

    def frequency(self, word: str) -> int | None:
        found = self.trie.get(word)
        return None if found is None else self.frequencies[found]

    def to_bytes(self) -> bytes:
        trie: bytes = self.trie.tobytes()
        return struct.pack("<qqq", self.total, self.longest, len(trie)) + trie + self.frequencies.tobytes()

    @classmethod
    def from_bytes(cls, data: memoryview) -> Words:
        total, longest, size = struct.unpack_from("<qqq", data)
        trie = marisa_trie.Trie().frombytes(bytes(data[24 : 24 + size]))
        frequencies = array.array("q")
        frequencies.frombytes(data[24 + size :])
        if len(frequencies) != len(trie):
            raise ValueError("damaged")
        return cls(trie, frequencies, total, longest)


class TrieTokenizer(jieba.Tokenizer):  # type: ignore[misc]
    """jieba's tokenizer over :class:`Words` (its default dictionary) and ``added`` words: the cuts of
    ``jieba.cut`` after ``jieba.add_word(word, freq=WORD_FREQUENCY)`` for each added word, in order.

    jieba's cut asks its dictionary three things, each answered here from the tries: the words that
    start at each character (``get_DAG``: jieba walks its dict one character longer at a time while the
    text so far is a word or a prefix of one, which is every word the text starts with), each word's
    frequency (``calc``) and whether a run of single characters is a word (``FREQ.get``)."""

    def __init__(self, words: Words, added: Sequence[str]) -> None:
        super().__init__()
        self.words = words
        self.added = dict.fromkeys(added, WORD_FREQUENCY)
        self.added_trie = marisa_trie.Trie([word for word in self.added if word])  # ("" ends no word)
        self.longest = max([words.longest, *map(len, self.added)])
        self.total = words.total + WORD_FREQUENCY * len(added)  # (add_word adds to it at every call)
        self.FREQ = self  # (jieba's cut asks ``self.FREQ.get``)
        self.initialized = True

    def get(self, word: str, default: int | None = None) -> int | None:
        """The frequency of ``word`` (the dict's ``get``, as jieba's cut uses it)."""
        if word in self.added:
            return self.added[word]
        found = self.words.frequency(word)
        return default if found is None else found

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        """Where each word that starts at each character ends (the character itself where none does)."""
        found: dict[int, list[int]] = {}
        for start in range(len(sentence)):
            text = sentence[start : start + self.longest]
            ends = {start + len(word) - 1 for word in self.words.trie.prefixes(text)}
            ends.update(start + len(word) - 1 for word in self.added_trie.prefixes(text))
            found[start] = sorted(ends) or [start]
        return found

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict[int, Any]) -> None:
        """jieba's ``calc``: the most probable way through ``DAG``, from the end."""
        size = len(sentence)
        route[size] = (0, 0)
        logtotal = math.log(self.total)
        for start in range(size - 1, -1, -1):
            route[start] = max(
                (math.log(self.get(sentence[start : end + 1]) or 1) - logtotal + route[end + 1][0], end)
                for end in DAG[start]
            )


def _default_words() -> Words:
    """jieba's default dictionary as :class:`Words`, from the file this makes of it the first time (in
    :data:`PREPARED`, in the temporary folder, as jieba keeps its own; checked when read)."""
    store = DiskCache(Path(tempfile.gettempdir()) / PREPARED, b"jieba trie 1\n", ".trie")
    stored = store.get(jieba.__version__.encode())
    if stored is not None:
        try:
            return Words.from_bytes(memoryview(stored))
        except (ValueError, RuntimeError, struct.error):  # (written by another version of marisa-trie)
            pass
    dictionary = _default_dictionary()
    words = Words.of(dictionary.FREQ, dictionary.total)
    store.put(jieba.__version__.encode(), words.to_bytes())
    return words


PREPARED = "noticeboard-jieba"
"""The folder :func:`_default_words` keeps jieba's dictionary in, as a trie (by jieba's version)."""

DEFAULT_WORDS = functools.cache(_default_words)
"""jieba's default dictionary, read once per process."""


def _default_dictionary() -> jieba.Tokenizer:
    """jieba's default dictionary, as ``Tokenizer.initialize`` loads it: from the file jieba prepared it in
    (``jieba.cache`` in the temporary folder; no check of its time for the default dictionary, as jieba's)
    when there is one, else made by jieba, which prepares that file.

    Why not jieba's own loading: it reads the file with ``marshal.load`` from an open file, which reads
    each of its 500,000 words apart (0.6 s); read whole and then taken apart it is 0.2 s."""
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
                self.tokenizer = TrieTokenizer(DEFAULT_WORDS(), self.words)
            words = self.cuts[run] = self.fresh[run] = list(self.tokenizer.cut(run))
        return words

    def prepare(self) -> None:
        """Read the kept cuts, and load jieba now if there are none (before a second process is forked, so
        that it needs not load jieba too)."""
        if not self.cuts and self.tokenizer is None:
            self.tokenizer = TrieTokenizer(DEFAULT_WORDS(), self.words)

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
