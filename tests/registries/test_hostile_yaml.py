"""Files built to exhaust a loader are refused at once with a clear message: an alias bomb,
nesting thousands deep, a file over 10 MB."""

from __future__ import annotations

import time

from support.township import Township

LOL = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)
"""A billion laughs: expanded, nine levels of nine references each would be 387 million strings."""


def refused_quickly(town: Township, text: str | bytes) -> list[str]:
    town.set("data/members/zhen-jiguan.yml", text)
    start = time.perf_counter()
    problems = town.problems()
    assert time.perf_counter() - start < 5, "the loader worked on the file instead of refusing it"
    return problems


def test_an_alias_bomb_is_refused(town: Township) -> None:
    problems = refused_quickly(town, LOL)
    assert problems[0] == (
        "data/members/zhen-jiguan.yml:1: 这里的内容在别处用别名（*）引用了；不支持 YAML 的锚点和别名（& 和 *），请把内容直接写出来"
    )


def test_deep_nesting_is_refused(town: Township) -> None:
    assert refused_quickly(town, "- " + "[" * 100_000 + "]" * 100_000 + "\n") == [
        "data/members/zhen-jiguan.yml:1: YAML 格式错误：嵌套层次太深"
    ]
    deep_map = "".join("  " * level + f"k{level}:\n" for level in range(3000))
    assert refused_quickly(town, deep_map)[0].endswith("YAML 格式错误：嵌套层次太深")


def test_a_file_over_10_mb_is_refused_unread(town: Township) -> None:
    big = ("- id: m999\n  name: 某\n  gender: 男\n" + "# " + "填充" * 2000 + "\n") * 900
    assert len(big.encode()) > 10 * 1024 * 1024
    assert refused_quickly(town, big) == [
        "data/members/zhen-jiguan.yml:1: 文件太大（10.3 MB，上限 10 MB），请按党支部或年份拆分成多个文件"
    ]


def test_a_number_too_long_for_python_is_a_problem_not_a_traceback(town: Township) -> None:
    members = "- id: m999\n  name: 某\n  gender: 男\n  born: 0x" + "f" * 3600 + "\n"
    problems = refused_quickly(town, members)
    assert problems[0].startswith("data/members/zhen-jiguan.yml:4: “0xffffffffffffffffff…”不是有效的整数")


def test_an_invisible_control_character_is_named_where_it_is_in_chinese(town: Township) -> None:
    """Notepad does not show a Ctrl+Z an old program left at a file's end, nor a control character pasted
    from a web page; PyYAML said it in English, on line 1, with a position in bytes on a second line."""
    members = "- id: m999\n  name: 某某\n  gender: 男\n"
    assert refused_quickly(town, members + "\x1a") == [
        "data/members/zhen-jiguan.yml:4: YAML 格式错误：这一行第 1 个字符是 Ctrl+Z 字符，YAML 文件里不能有；"
        "请删掉它（有的旧软件存盘时把它加在文件末尾）"
    ]
    assert refused_quickly(town, members.replace("某某", "某\x07某")) == [
        "data/members/zhen-jiguan.yml:2: YAML 格式错误：这一行第 10 个字符是看不见的控制字符（U+0007），"
        "YAML 文件里不能有；请删掉它（多半是从网页或表格复制时带进来的）"
    ]
