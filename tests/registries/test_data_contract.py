"""Every file and folder under ``data/`` is read, ignored by name (system junk, ``notes/``) or reported:
a renamed folder or file never makes its records vanish from the boards while validation passes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from noticeboard.registries import RegistryError, load_registry
from support.township import REVIEWS, Township


@dataclass(frozen=True)
class Put:
    """File ``name`` holds ``text``; a name ending in ``/`` is an empty folder."""

    name: str
    text: str | bytes = ""


@dataclass(frozen=True)
class Move:
    """``old`` (a file or folder) is renamed ``new``."""

    old: str
    new: str


@dataclass(frozen=True)
class Link:
    """``name`` is a symbolic link to ``target`` (relative to the link's folder, or absolute)."""

    name: str
    target: str


Change = Put | Move | Link


def apply(town: Township, changes: list[Change], outside: Path) -> None:
    for change in changes:
        if isinstance(change, Put):
            path = town.root / change.name
            if change.name.endswith("/"):
                path.mkdir(parents=True, exist_ok=True)
            else:
                town.set(change.name, change.text)
        elif isinstance(change, Move):
            (town.root / change.old).rename(town.root / change.new)
        else:
            link = town.root / change.name
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(change.target.replace("OUTSIDE", str(outside)))


def problems(town: Township) -> list[str]:
    with pytest.raises(RegistryError) as caught:
        town.load()
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder beside the project, not under ``data/``, with a YAML file and a photo in it."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "2025.yml").write_text(REVIEWS, encoding="utf-8")
    (folder / "m001.jpg").write_bytes(b"not really a photo")
    return folder


def case(name: str, changes: list[Change], expected: list[str]) -> pytest.ParameterSet:
    """Changes to the small township's files, and every problem they must get, exactly."""
    return pytest.param(changes, expected, id=name)


NOTES = "备注、扫描件等其他文件请放在 data/notes/ 文件夹里"

REFUSED = [
    case(
        "a_misspelt_folder_names_the_one_it_should_be",
        [Move("data/commitments", "data/commitment")],
        ["data/commitment/: 不认识的文件夹；是不是 commitments/？"],
    ),
    case(
        "a_folder_in_capitals",
        [Move("data/commitments", "data/Commitments")],
        ["data/Commitments/: 不认识的文件夹；是不是 commitments/？"],
    ),
    case(
        "an_upper_case_extension",
        [Put("data/members/qingshan-2.YML", "- id: m500\n  name: 王五\n  gender: 男\n")],
        ["data/members/qingshan-2.YML:1: 文件扩展名应为 .yml（小写）"],
    ),
    case(
        "a_capitalised_registry_file_names_the_one_it_should_be",
        [Move("data/site.yml", "data/Site.yml")],
        ["data/Site.yml:1: 不认识的文件；是不是 site.yml？", "data/site.yml: 缺少这个文件"],
    ),
    case(
        "yaml_extension_keeps_its_message",
        [Put("data/reviews/2025.yaml", REVIEWS)],
        ["data/reviews/2025.yaml:1: 扩展名应为 .yml（这个文件没有被读取）"],
    ),
    case(
        "a_year_file_that_is_not_a_four_digit_year",
        [Move("data/commitments/2025.yml", "data/commitments/2025年.yml")],
        ["data/commitments/2025年.yml:1: 文件名应为四位数的年份；是不是 2025.yml？"],
    ),
    case(
        "a_year_in_full_width_digits",
        [Put("data/reviews/２０２５.yml", REVIEWS)],
        ["data/reviews/２０２５.yml:1: 文件名应为四位数的年份；是不是 2025.yml？"],
    ),
    case(
        "a_copy_of_a_year_file_is_no_year",
        [Put("data/commitments/2025 - 副本.yml", "")],
        ["data/commitments/2025 - 副本.yml:1: 文件名应为四位数的年份，例如 2025.yml"],
    ),
    case(
        "a_year_folder_that_is_not_a_four_digit_year",
        [Put("data/points/2024年/")],
        ["data/points/2024年/: 文件夹名应为四位数的年份；是不是 2024/？"],
    ),
    case(
        "a_ledger_outside_its_year_folder",
        [Put("data/points/qingshan-1.yml", "")],
        [
            f"data/points/qingshan-1.yml:1: 积分台账应放在年度文件夹里，例如 points/2025/qingshan-1.yml；{NOTES}"
        ],
    ),
    case(
        "a_spreadsheet_among_the_registries",
        [Put("data/党员名册.xlsx", b"PK\x03\x04")],
        [
            "data/党员名册.xlsx:1: 不认识的文件，没有被读取；data/ 里只放 site.yml、schemes.yml、branches.yml 和 "
            f"members/、points/、commitments/、reviews/、photos/ 文件夹；{NOTES}"
        ],
    ),
    case(
        "an_unknown_folder",
        [Put("data/扫描件/")],
        [
            "data/扫描件/: 不认识的文件夹，没有被读取；data/ 里只放 site.yml、schemes.yml、branches.yml 和 "
            f"members/、points/、commitments/、reviews/、photos/ 文件夹；{NOTES}"
        ],
    ),
    case(
        "a_folder_among_member_files",
        [Put("data/members/old/")],
        [
            "data/members/old/: 这里不能有文件夹，没有被读取；members/ 里只放各党支部的党员名册，"
            f"文件名是党支部编号，例如 qingshan-1.yml；{NOTES}"
        ],
    ),
    case(
        "a_backup_among_year_files",
        [Put("data/commitments/2025.yml.bak", "")],
        [
            "data/commitments/2025.yml.bak:1: 不认识的文件，没有被读取；commitments/ 里只放各年度的公开承诺，"
            f"文件名是年份，例如 2025.yml；{NOTES}"
        ],
    ),
    case(
        "a_note_among_ledgers",
        [Put("data/points/2025/说明.txt", "")],
        [
            "data/points/2025/说明.txt:1: 不认识的文件，没有被读取；points/2025/ 里只放各党支部的积分台账，"
            f"文件名是党支部编号，例如 qingshan-1.yml；{NOTES}"
        ],
    ),
    case(
        "an_office_lock_file",
        [Put("data/members/~$党员.xlsx", b"\x00")],
        [
            "data/members/~$党员.xlsx:1: 这是 Office/WPS 打开文件时生成的临时文件；请先关闭那个文件，之后它仍在的话可以删除"
        ],
    ),
    case(
        "a_libreoffice_lock_file",
        [Put("data/.~lock.branches.yml#", "")],
        [
            "data/.~lock.branches.yml#:1: 这是 Office/WPS 打开文件时生成的临时文件；请先关闭那个文件，之后它仍在的话可以删除"
        ],
    ),
    case(
        "a_hidden_data_file",
        [Move("data/commitments/2025.yml", "data/commitments/.2025.yml")],
        [
            "data/commitments/.2025.yml:1: 以“.”开头的隐藏文件，没有被读取；如果是数据，请去掉名字开头的“.”，"
            "否则请删除或移到 data/notes/ 里"
        ],
    ),
    case(
        "a_windows_shortcut",
        [Put("data/members/qingshan-2.lnk", b"L\x00\x00\x00")],
        ["data/members/qingshan-2.lnk:1: 这是 Windows 快捷方式，没有被读取；请把文件本身放在这里"],
    ),
    case(
        "a_document_among_the_photos",
        [Put("data/photos/说明.docx", b"PK\x03\x04")],
        [f"data/photos/说明.docx:1: photos/ 里只放 JPG 或 PNG 照片（扩展名 .jpg、.jpeg 或 .png）；{NOTES}"],
    ),
    case(
        "an_iphone_photo_is_not_a_jpg",
        [Put("data/photos/IMG_0001.HEIC", b"\x00")],
        [
            f"data/photos/IMG_0001.HEIC:1: photos/ 里只放 JPG 或 PNG 照片（扩展名 .jpg、.jpeg 或 .png）；{NOTES}"
        ],
    ),
    case(
        "a_folder_among_the_photos",
        [Put("data/photos/2025/")],
        ["data/photos/2025/: photos/ 里不能有文件夹，没有被读取；照片请直接放在 photos/ 里"],
    ),
    case(
        "a_link_to_a_file_outside_data",
        [Link("data/reviews/2025.yml", "OUTSIDE/2025.yml")],
        ["data/reviews/2025.yml:1: 这是指向 data/ 以外的链接，没有被读取；请把文件本身放在这里"],
    ),
    case(
        "a_link_to_a_folder_outside_data",
        [Link("data/reviews", "OUTSIDE")],
        ["data/reviews/: 这是指向 data/ 以外的链接，没有被读取；请把文件本身放在这里"],
    ),
    case(
        "a_photo_linked_from_outside_data",
        [Link("data/photos/m001.jpg", "OUTSIDE/m001.jpg")],
        ["data/photos/m001.jpg:1: 这是指向 data/ 以外的链接，没有被读取；请把文件本身放在这里"],
    ),
    case(
        "a_broken_link",
        [Link("data/reviews", "nowhere")],
        ["data/reviews: 这是一个链接，但它指向的文件不存在，没有被读取；请把文件本身放在这里"],
    ),
]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
@pytest.mark.parametrize(("changes", "expected"), REFUSED)
def test_what_the_contract_does_not_know_is_a_problem(
    town: Township, outside: Path, changes: list[Change], expected: list[str]
) -> None:
    apply(town, changes, outside)
    assert problems(town) == expected


IGNORED = [
    Put("data/.DS_Store", b"\x00\x00\x00\x01Bud1"),
    Put("data/members/._qingshan-1.yml", b"\x00\x05\x16\x07"),  # macOS's companion file on a USB stick
    Put("data/members/Thumbs.db", b"\xd0\xcf\x11\xe0"),
    Put("data/photos/desktop.ini", "[.ShellClassInfo]\n"),
    Put("data/photos/.gitkeep"),
    Put("data/.vscode/settings.json", "{}"),
    Put("data/notes/2025年党员大会记录.docx", b"PK\x03\x04"),
    Put("data/notes/扫描件/花名册.pdf", b"%PDF-1.4"),
    Put("data/notes/.~lock.台账.xlsx#", ""),
]


def test_system_junk_and_the_notes_folder_are_ignored(town: Township, outside: Path) -> None:
    apply(town, IGNORED, outside)
    registry = town.load()
    assert sorted(registry.member_by_id) == ["m001", "m002", "m003", "m101"]


def test_photos_may_be_jpg_jpeg_or_png_in_any_case(town: Township, outside: Path) -> None:
    apply(
        town,
        [
            Put(f"data/photos/{name}", b"")
            for name in ("a.jpg", "b.JPG", "c.jpeg", "d.JPEG", "e.png", "f.Png")
        ],
        outside,
    )
    assert town.load().branches


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_link_within_data_is_read(town: Township, outside: Path) -> None:
    apply(town, [Move("data/commitments", "data/notes"), Link("data/commitments", "notes")], outside)
    assert [c.id for c in town.load().commitments[2025]] == ["c1", "c2"]


def test_every_problem_about_an_existing_file_has_a_line(town: Township) -> None:
    """Editors and CI annotations jump to ``FILE:LINE``; a problem about a whole file is at line 1."""
    town.set("data/members/nowhere.yml", "")
    town.set("data/commitments/draft.yml", "")
    with pytest.raises(RegistryError) as caught:
        load_registry(town.data, root=town.root)
    assert {(p.file, p.line) for p in caught.value.problems} == {
        ("data/members/nowhere.yml", 1),
        ("data/commitments/draft.yml", 1),
    }
