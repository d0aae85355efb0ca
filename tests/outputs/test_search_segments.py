"""Chinese text cut into words for the search index: names stay whole, and the cuts kept between builds
are the ones jieba would make, for the same names only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from noticeboard.outputs.search_segments import Segmenter

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
