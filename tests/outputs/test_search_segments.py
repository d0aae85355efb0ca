"""Chinese text cut into words for the search index: names stay whole, and the cuts kept between builds
are the ones jieba would make, for the same names only."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jieba  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.outputs.search_segments import (
    DEFAULT_WORDS,
    JIEBA_PREPARED,
    WORD_FREQUENCY,
    Segmenter,
    TrieTokenizer,
    _default_dictionary,
    _default_words,
)
from support import ROOT

TEXT = "青山村第一党支部书记邱建国带头"


def test_the_sites_names_stay_whole_words() -> None:
    plain = Segmenter((), None).cut(TEXT)
    named = Segmenter(("邱建国", "青山村第一党支部"), None).cut(TEXT)
    assert "邱建国" not in plain and "青山村第一党支部" not in plain  # jieba alone cuts them apart
    assert "邱建国" in named and "青山村第一党支部" in named
    assert "".join(named) == TEXT
    assert Segmenter((), None).cut(TEXT.encode()) == plain  # Material hands it bytes


def test_cuts_are_jiebas_as_a_fresh_process_makes_them_however_often_the_names_are_added() -> None:
    """A preview server rebuilds in one process: each build's cuts are the first build's."""
    words = ("邱建国", "刘湾村", "王小明")
    text = "刘湾村党员王小明和邱建国认领岗位"
    script = (
        "import jieba, logging, sys; jieba.setLogLevel(logging.WARNING)\n"
        f"[jieba.add_word(w, freq=100_000) for w in {words!r}]\n"
        f"print('|'.join(jieba.cut({text!r})))"
    )
    fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    for _ in range(3):
        assert "|".join(Segmenter(words, None).cut(text)) == fresh.stdout.strip()


NAMES = (
    "邱建国",
    "青山村第一党支部",
    "青山村",
    "村第一",
    "邱建国",
    "王小明",
    "刘湾村党员",
    "ABC村",
    "党支",
    "",
)
"""Names as a site adds them: overlapping each other and jieba's words, one twice, one with Latin letters,
an empty one."""


@functools.cache
def _jiebas_own() -> jieba.Tokenizer:
    """jieba itself, its default dictionary with :data:`NAMES` added as the site adds them."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for name in NAMES:
        tokenizer.add_word(name, freq=WORD_FREQUENCY)
    return tokenizer


def _demo_runs() -> list[str]:
    """Every run of Chinese characters (with letters and digits, as jieba takes them) in the demo's data
    and stories: real text of the boards, names and all."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "data").rglob("*.yml"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").rglob("*.md"))]
    return sorted({run for text in texts for run in re.findall(r"[\u4e00-\u9fd5a-zA-Z0-9]+", text)})


def test_the_tries_cuts_are_jiebas_own_with_the_names_added() -> None:
    """jieba's dictionary held as a trie (1 MB, not 65 MB): every run of the demo cut word for word as
    jieba cuts it with the names added (the names, their overlaps and jieba's unknown-word guesses)."""
    own, ours = _jiebas_own(), TrieTokenizer(DEFAULT_WORDS(), NAMES)
    assert ours.total == own.total
    runs = [*_demo_runs(), TEXT, "刘湾村党员王小明和邱建国认领岗位", "ABC村青山村第一党支部党支部书记"]
    assert len(runs) > 1000
    assert [list(ours.cut(run)) for run in runs] == [list(own.cut(run)) for run in runs]


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet="青山村第一党支部书记邱建国王小明刘湾员和认领岗位带头的了在是有人民群众AB1 ，。", max_size=30
    )
)
def test_any_text_of_these_characters_is_cut_as_jieba_cuts_it(text: str) -> None:
    ours = TrieTokenizer(DEFAULT_WORDS(), NAMES)
    assert list(ours.cut(text)) == list(_jiebas_own().cut(text))


def test_a_damaged_prepared_trie_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", os.fspath(tmp_path))
    made = _default_words()
    (prepared,) = tmp_path.rglob("*.trie")
    prepared.write_bytes(prepared.read_bytes()[:-9])  # cut short, as by a full disk
    again = _default_words()
    assert (again.total, list(again.trie), again.frequencies) == (
        made.total,
        list(made.trie),
        made.frequencies,
    )
    assert _default_words().frequencies == made.frequencies, "made again, and it reads back"


def test_cuts_are_kept_for_the_same_names_and_made_again_for_others(tmp_path: Path) -> None:
    first = Segmenter(("邱建国",), tmp_path)
    cut = first.cut(TEXT)
    first.save()
    again = Segmenter(("邱建国",), tmp_path)
    assert again.cut(TEXT) == cut
    assert again.tokenizer is None, "a run cut by the build before is not cut again"
    renamed = Segmenter(("邱建华",), tmp_path)
    assert "邱建国" not in renamed.cut(TEXT), "cuts made with other names are not used"
    assert renamed.tokenizer is not None


def test_a_damaged_store_is_cut_again(tmp_path: Path) -> None:
    first = Segmenter(("邱建国",), tmp_path)
    cut = first.cut(TEXT)
    first.save()
    (stored,) = tmp_path.rglob("*.marshal")
    stored.write_bytes(stored.read_bytes()[:-7])
    again = Segmenter(("邱建国",), tmp_path)
    assert again.cut(TEXT) == cut
    assert again.tokenizer is not None


def test_the_default_dictionary_is_the_one_jieba_loads_itself() -> None:
    """Read whole from the file jieba prepares (three times faster than jieba reads it): the very words and
    frequencies jieba's own loading gives."""
    own = jieba.Tokenizer()
    own.initialize()  # (prepares the file when there is none yet)
    read = _default_dictionary()
    assert read.initialized and read.total == own.total and read.FREQ == own.FREQ


def test_a_damaged_prepared_dictionary_is_made_again_by_jieba(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", os.fspath(tmp_path))
    (tmp_path / JIEBA_PREPARED).write_bytes(b"\x00\x01 half a file")
    made = _default_dictionary()
    assert made.initialized and made.FREQ["党支部"] > 0
    assert "".join(made.cut(TEXT)) == TEXT
    assert _default_dictionary().FREQ == made.FREQ, "jieba prepared the file again, and it reads back"
