"""The case stories' feeds (RSS 2.0 and JSON Feed 1.1): what a feed reader shows of 经验做法.

Why our own and not a plugin's: the feed is a list of the stories the registry has already read (title,
dates, categories), and the plugin that wrote it imported a git client and an HTTP library into every
build (0.13 s of each, more than a tenth of a township's rebuild after an edit) for features the site
does not use. The files keep the plugin's names, so that readers subscribed to them keep reading.

Every date is the data's own (a story's front matter, and the date the data is checked as of for the feed
itself: ``site.yml``'s ``as_of``, today when it has none, as every page says), so the same data writes the
same bytes. A story's summary is the text before its ``<!-- more -->`` (the
blog's excerpt), without its title and without markup: a reader shows plain text as it is, and no link
of the page, relative to it, is carried where it would lead nowhere.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Mapping, Sequence
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from noticeboard.registries.frozen import frozen

BEIJING = dt.timezone(dt.timedelta(hours=8))
EXCERPT_END = "<!-- more -->"
"""Where a story's excerpt ends, as the blog marks it."""


@frozen
class FeedLink:
    """A feed every page names in its head, for a browser or reader to find (the site-relative path)."""

    path: str
    title: str


FEED_LINKS = (
    FeedLink("feed_rss_created.xml", "RSS 订阅"),
    FeedLink("feed_rss_updated.xml", "已更新内容的 RSS 订阅"),
)
"""The RSS feeds as pages name them (as they did when a plugin wrote them)."""


@frozen
class FeedStory:
    """What the data says of one case story."""

    path: str
    """Below the posts folder, e.g. ``2025-07-water.md``: how the engine's URL and summary are found."""
    title: str
    created: dt.date
    updated: dt.date
    categories: tuple[str, ...]


_Entry = tuple[FeedStory, str, str]
"""A published story with its address and its summary."""


@frozen
class Feed:
    """The case stories' feed, before the engine has given each story its address and summary."""

    title: str
    description: str
    built: dt.date
    """The data's date (``as_of``): the feed's own date."""
    stories: tuple[FeedStory, ...]

    def files(self, *, site_url: str, icon: str, published: Mapping[str, tuple[str, str]]) -> dict[str, str]:
        """The feed files by site path: newest stories first, by creation and by update date.

        ``published``: each story the engine publishes, by path, with its absolute address and its summary
        (:func:`summary_text`); a story it does not publish (a draft) is left out."""
        entries = [(story, *published[story.path]) for story in self.stories if story.path in published]
        out: dict[str, str] = {}
        for order in ("created", "updated"):
            ordered = sorted(
                entries, key=lambda entry: (getattr(entry[0], order), entry[0].path), reverse=True
            )
            rss_name, json_name = f"feed_rss_{order}.xml", f"feed_json_{order}.json"
            out[rss_name] = self._rss(ordered, site_url, site_url + rss_name, icon)
            out[json_name] = self._json(ordered, site_url, site_url + json_name, icon)
        return out

    def _rss(self, entries: Sequence[_Entry], site_url: str, self_url: str, icon: str) -> str:
        built = _rfc822(self.built)
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
            "<channel>",
            f"<title>{_xml(self.title)}</title>",
            f"<description>{_xml(self.description)}</description>",
            f"<link>{escape(site_url)}</link>",
            f'<atom:link href={quoteattr(self_url)} rel="self" type="application/rss+xml"/>',
            "<language>zh-CN</language>",
            f"<pubDate>{built}</pubDate>",
            f"<lastBuildDate>{built}</lastBuildDate>",
            "<ttl>1440</ttl>",
        ]
        if icon:
            lines.append(
                f"<image><url>{escape(icon)}</url><title>{_xml(self.title)}</title>"
                f"<link>{escape(site_url)}</link></image>"
            )
        for story, url, summary in entries:
            lines += [
                "<item>",
                f"<title>{_xml(story.title)}</title>",
                *(f"<category>{_xml(category)}</category>" for category in story.categories),
                f"<description>{_xml(summary)}</description>",
                f"<link>{escape(url)}</link>",
                f'<guid isPermaLink="true">{escape(url)}</guid>',
                f"<pubDate>{_rfc822(story.created)}</pubDate>",
                "</item>",
            ]
        lines += ["</channel>", "</rss>", ""]
        return "\n".join(lines)

    def _json(self, entries: Sequence[_Entry], site_url: str, self_url: str, icon: str) -> str:
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": self.title,
            "home_page_url": site_url,
            "feed_url": self_url,
            "description": self.description,
            "icon": icon,
            "language": "zh-CN",
            "items": [
                {
                    "id": url,
                    "url": url,
                    "title": story.title,
                    "content_text": summary,
                    "date_published": _iso(story.created),
                    "date_modified": _iso(story.updated),
                    "tags": list(story.categories),
                }
                for story, url, summary in entries
            ],
        }
        return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def _xml(text: str) -> str:
    """``text`` as XML holds it: escaped, a control character (which XML 1.0 cannot hold) as a space."""
    return escape(_CONTROL.sub(" ", text))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=BEIJING)


def _rfc822(day: dt.date) -> str:
    return format_datetime(_midnight(day))


def _iso(day: dt.date) -> str:
    return _midnight(day).isoformat()


_TITLE = re.compile(r"<h1\b.*?</h1>", re.DOTALL | re.IGNORECASE)
_MARKS = re.compile(
    r'<a [^>]*class="(?:headerlink|footnote-ref)"[^>]*>.*?</a>|<sup id="fnref[^"]*">.*?</sup>', re.DOTALL
)
"""What the page adds to its text for the page's own use: a heading's ``¶`` link, a footnote's number."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters XML 1.0 cannot hold (a line break Word pasted as ``\v``)."""
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|blockquote|tr)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_BREAK_IN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n]+")


def summary_text(page_html: str) -> str:
    """A story's summary from its page's HTML: the text before :data:`EXCERPT_END` (all of it when the
    story has none), without its title, markup, comments, heading links or footnote numbers. Blocks and
    lines are joined by a space, except between two Chinese characters or marks (the source's line
    wrapping, or a paragraph ending in “。”), where a reader of Chinese would see none."""
    excerpt = page_html.split(EXCERPT_END, 1)[0]
    excerpt = _MARKS.sub("", _COMMENT.sub("", _TITLE.sub("", excerpt, count=1)))
    text = _CONTROL.sub(" ", html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", excerpt))))
    return _SPACES.sub(" ", _BREAK_IN_CJK.sub("", text)).strip()
