"""Chinese text cut into words for the search index: names stay whole, and the cuts kept between builds
are the ones jieba would make, for the same names only."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import jieba  # type: ignore[import-untyped]
import pytest

from noticeboard.outputs.search_segments import JIEBA_PREPARED, Segmenter, _default_dictionary

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
