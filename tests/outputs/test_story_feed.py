"""The case stories' feeds: every published story, newest first, in well-formed RSS and JSON Feed, dated
by the data alone, with a plain-text summary of what the story's page shows before its “more” mark."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

from noticeboard.outputs.story_feed import Feed, FeedStory, summary_text

SITE = "https://qingshan.example.org/"
TEA = FeedStory("tea.md", "村企联建", dt.date(2025, 3, 18), dt.date(2025, 9, 1), ("党建品牌",))
WATER = FeedStory(
    "water.md", "吃水难 <解决> & 承诺", dt.date(2025, 7, 9), dt.date(2025, 7, 9), ("公开承诺", "经验做法")
)
DRAFT = FeedStory("draft.md", "草稿", dt.date(2025, 12, 1), dt.date(2025, 12, 1), ())
FEED = Feed(
    "青山镇党委经验做法", "青山镇党委基层党组织的经验做法和党建品牌", dt.date(2026, 1, 5), (TEA, WATER, DRAFT)
)
URLS = {"tea.md": SITE + "stories/2025/tea/", "water.md": SITE + "stories/2025/water/"}
SUMMARIES = {"tea.md": "茶叶合作社带动增收。", "water.md": "修缮饮水管道 <3 & 通水。"}
PUBLISHED = {path: (URLS[path], SUMMARIES[path]) for path in URLS}


def _files() -> dict[str, str]:
    return FEED.files(site_url=SITE, icon=SITE + "assets/favicon.svg", published=PUBLISHED)


def _items(text: str) -> list[ET.Element]:
    return ET.fromstring(text).findall("./channel/item")


def test_each_feed_lists_the_published_stories_newest_first() -> None:
    """A story the engine does not publish (a draft: no address) is left out; ``created`` orders by the
    story's date, ``updated`` by its update date (the tea story was updated after the water one)."""
    files = _files()
    assert sorted(files) == [
        "feed_json_created.json",
        "feed_json_updated.json",
        "feed_rss_created.xml",
        "feed_rss_updated.xml",
    ]
    assert [i.findtext("title") for i in _items(files["feed_rss_created.xml"])] == [WATER.title, TEA.title]
    assert [i.findtext("title") for i in _items(files["feed_rss_updated.xml"])] == [TEA.title, WATER.title]
    for order, first in (("created", WATER), ("updated", TEA)):
        items = json.loads(files[f"feed_json_{order}.json"])["items"]
        assert [item["title"] for item in items] == [first.title, ({TEA, WATER} - {first}).pop().title]


def test_an_item_says_what_a_reader_shows_escaped_as_the_format_needs() -> None:
    files = _files()
    water = _items(files["feed_rss_created.xml"])[0]
    assert water.findtext("title") == "吃水难 <解决> & 承诺"  # (parsed back: it was escaped in the file)
    assert "&lt;解决&gt; &amp; 承诺" in files["feed_rss_created.xml"]
    assert water.findtext("description") == "修缮饮水管道 <3 & 通水。"
    assert [c.text for c in water.findall("category")] == ["公开承诺", "经验做法"]
    assert water.findtext("link") == water.findtext("guid") == URLS["water.md"]
    assert water.findtext("pubDate") == "Wed, 09 Jul 2025 00:00:00 +0800"
    item = json.loads(files["feed_json_created.json"])["items"][0]
    assert item == {
        "id": URLS["water.md"],
        "url": URLS["water.md"],
        "title": "吃水难 <解决> & 承诺",
        "content_text": "修缮饮水管道 <3 & 通水。",
        "date_published": "2025-07-09T00:00:00+08:00",
        "date_modified": "2025-07-09T00:00:00+08:00",
        "tags": ["公开承诺", "经验做法"],
    }


def test_the_channel_is_dated_by_the_data_and_names_its_own_address() -> None:
    files = _files()
    channel = ET.fromstring(files["feed_rss_updated.xml"]).find("channel")
    assert channel is not None
    assert channel.findtext("title") == "青山镇党委经验做法"
    assert channel.findtext("language") == "zh-CN"
    assert (
        channel.findtext("pubDate") == channel.findtext("lastBuildDate") == "Mon, 05 Jan 2026 00:00:00 +0800"
    )
    link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert link is not None and link.get("href") == SITE + "feed_rss_updated.xml"
    assert json.loads(files["feed_json_created.json"])["feed_url"] == SITE + "feed_json_created.json"


def test_a_township_without_stories_still_has_its_feeds() -> None:
    """Readers subscribed before the last story was removed get an empty feed, not a missing page (without
    a site icon, the feed names no image)."""
    files = Feed("青山镇党委经验做法", "", dt.date(2026, 1, 5), ()).files(
        site_url=SITE, icon="", published={}
    )
    assert _items(files["feed_rss_created.xml"]) == []
    assert "<image>" not in files["feed_rss_created.xml"]
    assert json.loads(files["feed_json_updated.json"])["items"] == []


def test_a_summary_is_the_plain_text_before_the_more_mark() -> None:
    page = (
        '<h1 id="tea">村企联建<a class="headerlink" href="#tea">¶</a></h1>\n'
        "<p>桃源村和松林村为无职党员设立<strong>先锋岗</strong>，\n把姓名&amp;职责上墙公布。</p>\n"
        '<p>见 <a href="../../branches/x/">Party branch</a> 的公示栏。</p>\n'
        "<!-- more -->\n<p>正文其余部分。</p>"
    )
    assert (
        summary_text(page)
        == "桃源村和松林村为无职党员设立先锋岗，把姓名&职责上墙公布。见 Party branch 的公示栏。"
    )


def test_a_story_without_a_more_mark_is_summarised_whole() -> None:
    assert (
        summary_text("<h1>标题</h1>\n<p>第一段。</p>\n<p>Second paragraph.</p>")
        == "第一段。 Second paragraph."
    )


def test_a_summary_leaves_out_what_the_page_adds_for_itself() -> None:
    """A heading's ``¶`` link (``toc: permalink``), a footnote's number, an admonition's title stays text."""
    page = (
        '<h1>标题</h1>\n<p>第一段<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>。</p>\n'
        '<h2 id="x">小标题<a class="headerlink" href="#x" title="Permanent link">¶</a></h2>\n'
        "<p>第二段。</p>\n<!-- more -->"
    )
    assert summary_text(page) == "第一段。小标题第二段。"


def test_a_character_xml_cannot_hold_becomes_a_space() -> None:
    """A line break Word pasted into a story (vertical tab) would make the whole feed unreadable: a space in a
    title, dropped between Chinese characters in a summary, as any line break there."""
    story = FeedStory("tea.md", "村企\v联建", dt.date(2025, 3, 18), dt.date(2025, 3, 18), ())
    files = Feed("青山镇党委经验做法", "", dt.date(2026, 1, 5), (story,)).files(
        site_url=SITE, icon="", published={"tea.md": (URLS["tea.md"], summary_text("<p>茶叶\v合作社</p>"))}
    )
    item = _items(files["feed_rss_created.xml"])[0]
    assert (item.findtext("title"), item.findtext("description")) == ("村企 联建", "茶叶合作社")
