"""The other boards on the built site: pages for every year, open data agreeing with the registries,
only public reviews, ethnicity and education only on the pioneer board, photos cleaned of metadata."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from noticeboard.boards.kinds import load_township
from noticeboard.registries import Registry
from support import ROOT
from support.build import build_site, make_project
from support.open_data import published
from support.township import REVIEWS, Township, with_extras
from support.visible import visible_text

pytestmark = pytest.mark.slow  # the whole demo site built

AS_OF = dt.date(2026, 1, 5)
D = Decimal


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_township(ROOT / "data", stories_dir=ROOT / "docs" / "stories" / "posts", root=ROOT)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def data(site: Path, name: str) -> object:
    return published(read(site, f"data/{name}"))


@pytest.mark.parametrize("board", ["reviews", "venues", "classification", "duty-reports"])
def test_each_yearly_board_has_a_page_per_year(site: Path, board: str) -> None:
    current, earlier = read(site, f"{board}/index.html"), read(site, f"2024/{board}/index.html")
    assert "2025 年度" in current and "这是 2024 年度的公示内容" in earlier
    redirect = read(site, f"2025/{board}/index.html")
    assert f'url=../../{board}/"' in redirect  # a year URL of the current year never breaks


def test_pioneer_and_statistics_pages_exist(site: Path) -> None:
    assert "岗位职责" in visible_text(read(site, "pioneers/index.html"))
    assert "党员年龄" in visible_text(read(site, "stats/index.html"))  # (a heading, its words marked)


def test_duty_reports_in_open_data_follow_the_weights(site: Path, registry: Registry) -> None:
    rows = {row["organisation"]: row for row in data(site, "duty-reports.json")}
    assert len(rows) == sum(2025 in b.duty_report for b in registry.branches)
    for branch in registry.branches:
        scores = branch.duty_report.get(2025)
        if scores is None:
            continue
        weighted = scores["daily"] * D("0.2") + scores["onsite"] * D("0.2") + scores["annual"] * D("0.4")
        total = (weighted + scores["review"] * D("0.2")).quantize(D("0.1"), rounding="ROUND_HALF_UP")
        grade = "优秀" if total >= 90 else "称职" if total >= 75 else "基本称职" if total >= 60 else "不称职"
        assert (D(str(rows[branch.id]["score"])), rows[branch.id]["grade"]) == (total, grade), branch.id
    assert (rows["qingshan-1"]["score"], rows["qingshan-1"]["grade"]) == (90, "优秀")  # 89.95 → 90.0


def test_venue_stars_in_open_data_and_on_the_page(site: Path, registry: Registry) -> None:
    venues = {row["organisation"]: row for row in data(site, "venues.json")}
    for branch in registry.branches:
        venue = branch.venue.get(2025)
        if venue is None:
            assert branch.id not in venues
            continue
        passed = sum(venue.checks.values())
        expected = 5 if passed >= 13 else 4 if passed >= 11 else 3 if passed >= 9 else None
        assert (venues[branch.id]["stars"], venues[branch.id]["passed"]) == (expected, passed)
    assert venues["shiqiao"]["stars"] == 3 and venues["shiqiao"]["passed"] == 9  # the lowest awarded level
    page = read(site, "venues/index.html")
    assert "9/13" in page and "三星级" in page and "有党旗党徽" in page
    assert data(site, "2024/venues.json")[0]["awarded"] is True


def test_classification_counts_and_rectification(site: Path, registry: Registry) -> None:
    rows = data(site, "classification.json")
    assert Counter(row["grade"] for row in rows) == Counter(
        b.grade[2025] for b in registry.branches if 2025 in b.grade
    )
    poor = [row for row in rows if row["grade"] == "较差"]
    assert poor and all(row["rectification"]["responsible"] for row in poor)
    page = read(site, "classification/index.html")
    assert "整顿转化" in page and all(row["rectification"]["responsible"] in page for row in poor)


def test_statistics_agree_with_the_registry(site: Path, registry: Registry) -> None:
    stats = data(site, "stats.json")
    figures = stats["figures"]
    members = registry.members
    assert stats["members"] == len(members) == figures["gender"]["total"]
    counted = {item["label"]: item["count"] for item in figures["gender"]["items"]}
    assert counted == dict(Counter(m.gender for m in members))
    ages = Counter(
        "35岁以下" if 2026 - m.born <= 35 else "60岁以上" if 2026 - m.born >= 60 else "36–59岁"
        for m in members
        if m.born is not None
    )
    assert {item["label"]: item["count"] for item in figures["age"]["items"]} == dict(ages)
    stars = {item["label"]: item for item in figures["members_stars"]["items"]}
    summary = data(site, "summary.json")
    assert stars["三星"]["count"] == summary["members"]["stars"]["3"]
    assert stars["三星"]["previous"] == data(site, "2024/summary.json")["members"]["stars"]["3"]
    percents = [item["percent"] for item in figures["category"]["items"]]
    assert abs(sum(percents) - 100) <= 0.3
    page = read(site, "stats/index.html")
    # Each figure drawn in full, and compact for larger text on phones.
    assert page.count('<svg class="nb-chart nb-chart--full"') == len(figures)
    assert page.count('<svg class="nb-chart nb-chart--compact"') == len(figures)
    assert "born" not in json.dumps(stats) and not re.search(r"\b19\d\d\b", json.dumps(stats))


def test_only_public_reviews_are_published(site: Path, registry: Registry) -> None:
    published = data(site, "reviews.json")
    reviews = registry.reviews[2025]
    hidden = [r for r in reviews if not r.public]
    assert hidden, "the demo keeps some reviews for the office only"
    assert len(published) == len(reviews) - len(hidden)
    keys = {(row["reviewer"], row["date"], row["overall"]) for row in published}
    assert not [r for r in hidden if (r.reviewer.name, r.date and r.date.isoformat(), r.overall) in keys]


def test_ethnicity_and_education_only_on_the_pioneer_board(site: Path) -> None:
    page = read(site, "branches/qingshan-1/index.html")
    outside = re.sub(r'<ul class="nb-pioneers">.*?</ul>', "", page, flags=re.DOTALL)
    assert "汉族" in page and "汉族" not in outside
    for name in ("members.json", "commitments.json", "reviews.json"):
        assert "ethnicity" not in read(site, f"data/{name}") and "education" not in read(site, f"data/{name}")


def test_branch_page_shows_its_duty_report_and_grade(site: Path) -> None:
    page = visible_text(read(site, "branches/qingshan-1/index.html"))  # (its headings' words marked)
    assert "书记述职考核" in page and "综合得分 90.0" in page and "优秀" in page
    assert "分类定级" in page and "领导点评" in page and "党员先锋岗" in page


PRIVATE_REVIEW = """\
- subject: m002
  reviewer: {name: 李明, post: 青山村第一党支部书记}
  level: branch
  overall: 这条点评只供组织办内部掌握
  achievements: 内部
  problems: 内部问题
  direction: 内部方向
"""


def phone_photo() -> bytes:
    """A landscape phone photo lying on its side (EXIF orientation 6) with a GPS position and a camera model."""
    image = Image.new("RGB", (400, 300), "blue")
    image.paste((255, 0, 0), (0, 0, 200, 300))  # left half red: once upright, the top half
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x0110] = "SecretPhone X"  # Model
    exif[0x8825] = {1: "N", 2: (26.0, 34.0, 58.0), 3: "E", 4: (106.0, 42.0, 7.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_private_reviews_and_photo_metadata_stay_with_the_office(tmp_path: Path) -> None:
    town = with_extras(Township(tmp_path / "project"))
    town.set("data/reviews/2025.yml", REVIEWS + PRIVATE_REVIEW)
    town.replace(
        "data/members/qingshan-1.yml",
        "  private:\n    phone: '13900000001'\n",
        "  post:\n    title: 政策宣传岗\n    photo: m001.jpg\n  private:\n    phone: '13900000001'\n",
    )
    source = phone_photo()
    assert b"SecretPhone" in source and Image.open(io.BytesIO(source)).getexif().get(0x8825)
    town.set("data/photos/m001.jpg", source)
    (town.stories / "tea.md").unlink()
    project = make_project(town.root)
    site = project / "site"
    result = build_site(site, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr

    everything = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert "只供组织办内部掌握".encode() not in everything and "内部问题".encode() not in everything
    assert "带头作用明显".encode() in everything  # the public review of the same branch is there

    photos = list((site / "assets" / "photos").iterdir())
    assert len(photos) == 1
    published = photos[0].read_bytes()
    assert b"SecretPhone" not in published and b"Exif" not in published
    image = Image.open(io.BytesIO(published))
    assert image.size == (240, 320) and not image.getexif()
    red, blue = image.getpixel((120, 40)), image.getpixel((120, 280))
    assert red[0] > 200 and red[2] < 60, "the photo was not turned upright"
    assert blue[2] > 200 and blue[0] < 60
