"""Privacy sweep: unique marker strings in everything that must never be published; the built site
is scanned file by file (HTML, JSON, XML, search index, sitemap, feeds, images and their metadata)."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from support.build import build_site, make_project
from support.township import REVIEWS, Township, with_extras

pytestmark = pytest.mark.slow  # a whole site built

MARKERS = {
    "phone": "PRIVMARK13900001234",
    "address": "PRIVMARK村九组",
    "note": "PRIVMARK备注",
    "no_star_name": "NOSTARMARK乙",
    "exempt_name": "EXEMPTMARK甲",
    "exempt_reason": "EXEMPTREASONMARK",
    "unrated_name": "UNRATEDMARK丙",
    "review": "REVIEWMARK只供内部",
    "camera": "EXIFMARKCamera",
    "photo_comment": "COMMENTMARK翠竹巷",
    "draft_title": "DRAFTMARK草稿标题",
    "draft_text": "DRAFTMARK草稿正文",
    "draft_address": "draftmark-story",
    "story_note": "NOTEMARK联系电话13987654321",
}
BORN = 1913  # a birth year no other figure of this registry has


def marked_township(root: Path) -> Township:
    town = with_extras(Township(root))
    town.replace(
        "data/members/qingshan-1.yml",
        "  private:\n    phone: '13900000001'\n",
        f"  post:\n    title: 政策宣传岗\n    photo: m001.jpg\n  private:\n    phone: '{MARKERS['phone']}'\n"
        f"    address: {MARKERS['address']}\n    note: {MARKERS['note']}\n",
    )
    town.replace("data/members/qingshan-1.yml", "  born: 1966\n", f"  born: {BORN}\n")
    town.replace("data/members/qingshan-1.yml", "  name: 唐德华\n", f"  name: {MARKERS['no_star_name']}\n")
    town.replace("data/members/qingshan-1.yml", "  name: 谭德华\n", f"  name: {MARKERS['exempt_name']}\n")
    town.replace(
        "data/members/qingshan-1.yml", "长期患病治疗，经申请同意不参与评星", MARKERS["exempt_reason"]
    )
    town.set(
        "data/members/zhen-jiguan.yml",
        town.files["data/members/zhen-jiguan.yml"]
        + f"- id: m102\n  name: {MARKERS['unrated_name']}\n  gender: 男\n",
    )
    town.set(
        "data/reviews/2025.yml",
        REVIEWS
        + "- subject: m002\n  reviewer: {name: 李明, post: 青山村第一党支部书记}\n  level: branch\n"
        + f"  overall: {MARKERS['review']}\n  achievements: 无\n  problems: 无\n  direction: 无\n",
    )
    # An honour names its member on every output of 表彰 (by its nature): none of them may carry more.
    town.set(
        "data/honours/2025.yml",
        "- id: h1\n  title: 优秀共产党员\n  who: m001\n  by: 青山镇党委\n  level: township\n"
        "  proposed_on: 2026-01-04\n  reason: 带领群众发展油茶产业\n",
    )
    # A lecturer named by member id is shown by name and post only: no id, nothing from the member's file.
    town.set(
        "data/school.yml",
        "- name: 青山镇委党校\n  place: 镇人社服务中心二楼\n  head: {name: 钟晓岚}\n  teams:\n"
        "  - id: dangjian\n    name: 党的建设宣讲队\n    members: [{member: m001, post: 讲师}]\n",
    )
    town.set(
        "data/lectures/2025.yml",
        "- {id: l1, topic: 党建知识专题学习, team: dangjian, speaker: {member: m001}, audience: 党员,"
        " date: 2025-03-26, status: held, attendance: 30}\n",
    )
    photo = Image.new("RGB", (300, 400), "green")
    exif = Image.Exif()
    exif[0x0110] = MARKERS["camera"]  # camera model
    exif[0x8825] = {1: "N", 2: (26.0, 34.0, 58.0), 3: "E", 4: (106.0, 42.0, 7.0)}  # GPS position
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif, comment=MARKERS["photo_comment"])
    town.set("data/photos/m001.jpg", out.getvalue())
    # A draft story is not published: not its page, and neither its title nor its address on any list
    # (home, its branch's page, the stories' lists, screens, feeds, sitemap, search).
    (town.stories / f"{MARKERS['draft_address']}.md").write_text(
        f"---\ndate: 2025-12-20\ndraft: true\ncategories: [学习专栏]\nbranches: [qingshan-1]\n---\n\n"
        f"# {MARKERS['draft_title']}\n\n{MARKERS['draft_text']}\n",
        encoding="utf-8",
    )
    # A note hidden in a story's comments, in its summary and below it, is not in the page's source.
    (town.stories / "published.md").write_text(
        f"---\ndate: 2025-12-18\nbranches: [qingshan-1]\n---\n\n# 村里修通了路\n\n"
        f"摘要：修路经过。<!-- {MARKERS['story_note']} -->\n\n<!-- more -->\n\n"
        f"正文。\n\n<!--\n{MARKERS['story_note']}\n-->\n\n`<!-- 代码里的注释照样显示 -->`\n",
        encoding="utf-8",
    )
    return town


def test_nothing_private_reaches_any_output_file(tmp_path: Path) -> None:
    town = marked_township(tmp_path / "project")
    (town.stories / "tea.md").unlink()
    project = make_project(town.root)
    site = project / "site"
    result = build_site(site, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    files = [p for p in site.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".xml", ".jpg", ".svg", ".gz"} <= kinds  # every kind of output was scanned
    leaks = []
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        for what, marker in MARKERS.items():
            if marker.encode() in data:
                leaks.append(f"{path.relative_to(site)}: {what}")
        text = data.decode("utf-8", "ignore")
        if path.suffix in (".html", ".json", ".xml", ".txt") and re.search(rf"\b{BORN}\b", text):
            leaks.append(f"{path.relative_to(site)}: birth year")
        for absolute in (str(project), str(tmp_path), str(Path.home()) + "/"):
            if absolute in text:
                leaks.append(f"{path.relative_to(site)}: the build machine's path {absolute}")
    assert leaks == []
    story = (site / "stories" / "2025" / "published" / "index.html").read_text(encoding="utf-8")
    assert "&lt;!-- 代码里的注释照样显示 --&gt;" in story  # a comment in code is text: shown, and kept
    listed = (site / "stories" / "index.html").read_text(encoding="utf-8")
    assert "摘要：修路经过" in listed and "正文" not in listed  # the summary still ends at its mark
    with Image.open(next((site / "assets" / "photos").iterdir())) as photo:
        assert not photo.getexif(), "photo metadata was published"
    # The sweep can find what it looks for: the markers are in the data it read.
    data = b"".join(p.read_bytes() for p in (project / "data").rglob("*") if p.is_file())
    data += b"".join(p.name.encode() + p.read_bytes() for p in (project / "docs").rglob("*.md"))
    assert all(marker.encode() in data for marker in MARKERS.values())
