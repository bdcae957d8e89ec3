"""OPML subscription lists: reading with listparser, writing with ElementTree.

listparser reads OPML (and the other subscription-list formats) leniently; we keep only http(s)
feed URLs and report the rest. Writing is small enough to do with the standard library.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime

from podplayer.core.feeds.errors import FeedError
from podplayer.core.feeds.urls import is_http_url

MAX_OPML_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str = ""


@dataclass(slots=True)
class OpmlList:
    feeds: list[OpmlFeed] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # URLs refused (not http/https)


def read_opml(data: bytes, name: str = "OPML") -> OpmlList:
    import listparser

    if not data.strip():
        raise FeedError(f"{name}: the file is empty")
    if len(data) > MAX_OPML_BYTES:
        raise FeedError(f"{name}: too large for a subscription list ({len(data):,} bytes)")
    if b"<!ENTITY" in data.upper():
        raise FeedError(f"{name}: refused: the file declares XML entities")
    result = listparser.parse(data)
    out = OpmlList()
    seen: set[str] = set()
    for feed in result.feeds:
        url = str(feed.url or "").strip()
        if not is_http_url(url):
            out.skipped.append(url)
            continue
        if url not in seen:
            seen.add(url)
            out.feeds.append(OpmlFeed(url, str(feed.title or "").strip()))
    if not out.feeds and not out.skipped:
        problem = str(result.get("bozo_exception") or "").strip()
        raise FeedError(f"{name}: no feeds found in this subscription list" + (f" ({problem})" if problem else ""))
    return out


def write_opml(feeds: list[OpmlFeed], title: str = "podplayer subscriptions") -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(root, "body")
    for feed in feeds:
        ET.SubElement(body, "outline", type="rss", text=feed.title or feed.url, title=feed.title or feed.url, xmlUrl=feed.url)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
