"""Markup typed into the data is shown as text on every page, in the JSON and in the search index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.build import build_site, make_project
from support.open_data import records
from support.township import Township
from support.visible import visible_text

pytestmark = pytest.mark.slow  # a whole site built

HOSTILE = {
    "branch": "<script>alert('支部')</script>",
    "member": '"><img src=x onerror=alert(1)>',
    "secretary": "{{ 7*7 }}{% if true %}X{% endif %}",
    "commitment": "[点我](http://evil.example/) &amp; <b>加粗</b>",
    "post": "<script>alert('岗位')</script>",
    "review": '<img src=x onerror=alert("点评")> {% raw %}[点我](http://evil.example/)',
}
RAW = ("<script>alert(", "<img src=x", "<b>加粗</b>", 'href="http://evil.example')
MARKUP = re.compile(r"</?[a-z][a-z0-9-]*[\s>/]|\bclass=\"|&lt;|&gt;")
"""Markup a reader should never see: tags, attributes, or an entity shown as text (escaped twice)."""


def _hostile_project(root: Path) -> Path:
    town = Township(root)
    quoted = {key: json.dumps(value, ensure_ascii=False) for key, value in HOSTILE.items()}  # JSON is YAML
    town.replace("data/branches.yml", "name: 青山村第一党支部", f"name: {quoted['branch']}")
    town.replace("data/branches.yml", "secretary: 李明", f"secretary: {quoted['secretary']}")
    town.replace("data/members/qingshan-1.yml", "name: 邱美玲", f"name: {quoted['member']}")
    town.replace("data/commitments/2025.yml", "text: 结对帮扶 3 户困难群众", f"text: {quoted['commitment']}")
    town.replace(
        "data/members/qingshan-1.yml",
        "  private:\n    phone: '13900000001'\n",
        f"  post:\n    title: {quoted['post']}\n    duties: {quoted['review']}\n  private:\n    phone: '1'\n",
    )
    town.set(
        "data/reviews/2025.yml",
        "- subject: m001\n  reviewer: {name: 李明, post: 书记}\n  level: branch\n"
        f"  overall: {quoted['review']}\n  achievements: 无\n  problems: 无\n  direction: 无\n  public: true\n",
    )
    (town.stories / "tea.md").unlink()
    return make_project(root)


def test_markup_in_names_and_texts_is_text_everywhere(tmp_path: Path) -> None:
    project = _hostile_project(tmp_path / "project")
    site = project / "site"
    result = build_site(site, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    leaks = [f"{name}: {raw}" for name, html in pages.items() for raw in RAW if raw in html]
    assert leaks == []
    branch = pages["branches/qingshan-1/index.html"]
    assert (
        "&lt;script&gt;alert(&#39;支部&#39;)&lt;/script&gt;" in branch
        or "&lt;script&gt;alert('支部')&lt;/script&gt;" in branch
    )
    assert (
        "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in branch
        or "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in branch
    )
    assert "{{ 7*7 }}" in branch and "49" not in branch.split("书记", 1)[1][:80]
    poster = pages["print/members/qingshan-1/index.html"]
    assert "&lt;script&gt;" in poster
    for printed in ("print/pioneers/qingshan-1/index.html", "print/reviews/qingshan-1/index.html"):
        assert "&lt;" in pages[printed] and "{% raw %}" in pages[printed]
    assert "&lt;script&gt;alert(" in pages["pioneers/index.html"]
    reviews = records((site / "data" / "reviews.json").read_text(encoding="utf-8"))
    assert HOSTILE["review"] in {r["overall"] for r in reviews}
    members = records((site / "data" / "members.json").read_text(encoding="utf-8"))
    assert HOSTILE["member"] in {m["name"] for m in members}
    commitments = records((site / "data" / "commitments.json").read_text(encoding="utf-8"))
    assert HOSTILE["commitment"] in {c["text"] for c in commitments}
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not any(raw in json.loads(index)["docs"][0]["text"] for raw in RAW)
    assert "<script>alert(" not in index and "<img src=x" not in index


def test_markup_in_the_data_is_shown_once_as_typed_and_nothing_else_as_markup(tmp_path: Path) -> None:
    """The reader sees the data's markup exactly as typed (escaped once, never twice), and no other markup."""
    project = _hostile_project(tmp_path / "project")
    site = project / "site"
    result = build_site(site, config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    typed = sorted(HOSTILE.values(), key=len, reverse=True)
    branch = visible_text((site / "branches" / "qingshan-1" / "index.html").read_text(encoding="utf-8"))
    for key in ("branch", "member", "secretary", "commitment", "post"):
        assert HOSTILE[key] in branch, key
    shown_elsewhere = {}
    for page in sorted(site.rglob("*.html")):
        text = visible_text(page.read_text(encoding="utf-8"))
        for value in typed:
            text = text.replace(value, " ")
        if found := MARKUP.findall(text):
            shown_elsewhere[page.relative_to(site).as_posix()] = found
    assert shown_elsewhere == {}
