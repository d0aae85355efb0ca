"""The open data's JSON is written by msgspec (five times as fast): its text is the one the standard
library writes with the options the files were always written with, so that a program comparing this
year's files with last year's, or a township's with another's, sees only what changed in the data."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from noticeboard.boards.township import build_boards
from noticeboard.outputs import open_data
from support.township import Township, with_extras


def _standard(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def test_every_open_data_file_of_the_demo_is_the_text_the_standard_library_writes(tmp_path: Path) -> None:
    town = with_extras(Township(tmp_path))
    registry = town.load()
    files = open_data.files(build_boards(registry, registry.site.as_of))
    assert len(files) > 20
    for name, text in files.items():
        assert text == _standard(json.loads(text)), name


TEXT = st.text(st.characters(codec="utf-8"))  # control characters, quotes, backslashes, U+2028, emoji
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(min_value=1e-4, max_value=1e15)
    | st.floats(min_value=-1e15, max_value=-1e-4)
    | st.just(0.0)
    | TEXT
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(TEXT, inner, max_size=4)
        | st.dictionaries(st.integers(-5, 3000), inner, max_size=4)  # (years as keys: sorted as numbers)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_any_document_of_text_numbers_lists_and_objects_is_written_as_the_standard_library_writes_it(
    document: object,
) -> None:
    assert open_data.json_bytes(document).decode("utf-8") == _standard(document)
