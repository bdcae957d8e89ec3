"""Chapters published with a feed: Podcasting 2.0 JSON chapters and Podlove Simple Chapters."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from podplayer.core.chapters import (
    Chapter,
    ChapterError,
    chapter_end,
    chapter_index_at,
    chapters_to_json,
    parse_json_chapters,
    parse_npt,
    parse_podlove_chapters,
    read_json_chapters,
)
from tests.conftest import FIXTURES, shared

PODLOVE_FEED = FIXTURES / "chapters" / "podlove-item.xml"


def test_the_specs_json_chapters_example() -> None:
    chapters = read_json_chapters(shared("podcast-namespace") / "chapters-example.json")
    raw = json.loads((shared("podcast-namespace") / "chapters-example.json").read_text())["chapters"]
    assert [(c.start, c.title) for c in chapters] == [(float(r["startTime"]), r["title"]) for r in raw]
    namespace = chapters[3]
    assert namespace.url == "https://github.com/Podcastindex-org/podcast-namespace"
    assert namespace.image == "https://example.com/images/namepsace_example.jpg"
    assert chapters[0].url is None and chapters[0].image is None


def test_the_specs_complex_example_leaves_out_silent_chapters() -> None:
    chapters = read_json_chapters(shared("podcast-namespace") / "chapters-exampleComplex.json")
    raw = json.loads((shared("podcast-namespace") / "chapters-exampleComplex.json").read_text())["chapters"]
    assert len(raw) == 11 and sum(1 for r in raw if r.get("toc") is False) == 1
    assert len(chapters) == 10
    assert 4826 not in [c.start for c in chapters]  # the "toc": false location marker
    assert [c.start for c in chapters] == sorted(c.start for c in chapters)


def test_json_chapters_sort_by_time_keep_end_times_and_name_untitled_chapters() -> None:
    data = {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 30.5, "endTime": 60, "title": "  Second\n part "},
            {"startTime": 0, "title": "First"},
            {"startTime": 60.25},
        ],
    }
    chapters = parse_json_chapters(json.dumps(data))
    assert chapters == [
        Chapter(0.0, "First"),
        Chapter(30.5, "Second part", 60.0),
        Chapter(60.25, "Chapter 3"),
    ]
    assert chapter_end(chapters, 0) == 30.5
    assert chapter_end(chapters, 1) == 60.0
    assert chapter_end(chapters, 2, duration=90.0) == 90.0
    assert chapters[1].start_ms == 30_500 and chapters[1].end_ms == 60_000


def test_json_chapters_write_and_read_back() -> None:
    chapters = read_json_chapters(shared("podcast-namespace") / "chapters-example.json")
    assert parse_json_chapters(json.dumps(chapters_to_json(chapters))) == chapters


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("<html><body>Not found</body></html>", "not JSON chapters"),
        ('{"version": "1.2.0"}', 'no "chapters" list'),
        ("[1, 2, 3]", 'no "chapters" list'),
        ('{"chapters": {"startTime": 0}}', '"chapters" is not a list'),
        ('{"chapters": ["Intro"]}', "chapter 1 is not an object"),
        ('{"chapters": [{"startTime": 0}, {"title": "x"}]}', "chapter 2 has no startTime"),
        ('{"chapters": [{"startTime": "1:00", "title": "x"}]}', "startTime is not a number"),
        ('{"chapters": [{"startTime": -5, "title": "x"}]}', "non-negative"),
        ('{"chapters": [{"startTime": true, "title": "x"}]}', "not a number"),
        ('{"chapters": [{"startTime": 1e999, "title": "x"}]}', "non-negative"),
        ('{"chapters": [{"startTime": 10, "endTime": 5, "title": "x"}]}', "before startTime"),
        ("[" * 100_000, "not JSON chapters"),
    ],
)
def test_bad_json_chapters_get_one_clear_line(text: str, message: str) -> None:
    with pytest.raises(ChapterError, match=message) as info:
        parse_json_chapters(text, source="https://example.com/ch.json")
    assert str(info.value).startswith("https://example.com/ch.json: ")
    assert "\n" not in str(info.value)


def test_json_chapters_that_are_not_utf8_or_not_there(tmp_path: Path) -> None:
    with pytest.raises(ChapterError, match="not UTF-8"):
        parse_json_chapters(b"\xff\xfe{\x00")
    with pytest.raises(ChapterError, match="cannot read chapters"):
        read_json_chapters(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0", 0.0), ("95", 95.0), ("3:07", 187.0), ("8:26.250", 506.25), ("00:12:30.500", 750.5),
     ("01:02:03.5", 3723.5), ("100:00:00", 360_000.0), ("7.", 7.0)],
)
def test_normal_play_time(text: str, seconds: float) -> None:
    assert parse_npt(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "abc", "1:2:3:4", "-5", "1:60", "1:60:00", "00:01:02,500", "1.2.3"])
def test_bad_normal_play_time(text: str) -> None:
    with pytest.raises(ChapterError, match="time"):
        parse_npt(text)


EXPECTED_PODLOVE = [
    Chapter(0.0, "Welcome"),
    Chapter(187.0, "Introducing Podlove", url="http://podlove.org/"),
    Chapter(506.25, "Podlove WordPress Plugin", url="http://podlove.org/podlove-podcast-publisher"),
    Chapter(750.5, "Resumée", image="http://example.com/resumee.png"),
    Chapter(3723.5, "Late in the show"),
]


def test_podlove_chapters_from_a_parsed_feed_item() -> None:
    item = ET.parse(PODLOVE_FEED).getroot().find("channel/item")
    assert item is not None
    assert parse_podlove_chapters(item) == EXPECTED_PODLOVE


def test_podlove_chapters_from_raw_item_xml_with_or_without_the_namespace_declaration() -> None:
    feed = PODLOVE_FEED.read_text(encoding="utf-8")
    item = feed[feed.index("<item>") : feed.index("</item>") + len("</item>")]
    assert parse_podlove_chapters(item) == EXPECTED_PODLOVE  # xmlns:psc was on <rss>
    assert parse_podlove_chapters(PODLOVE_FEED.read_bytes()) == EXPECTED_PODLOVE


def test_an_item_without_podlove_chapters_has_none() -> None:
    assert parse_podlove_chapters("<item><title>No chapters</title></item>") == []
    # Same local name in another namespace is not Podlove's.
    assert parse_podlove_chapters('<item xmlns:x="urn:other"><x:chapter start="1" title="no"/></item>') == []


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<item><title>unclosed</item>", "not well-formed XML"),
        ("", "not well-formed XML"),
        ('<item xmlns:psc="http://podlove.org/simple-chapters"><psc:chapters><psc:chapter title="x"/>'
         "</psc:chapters></item>", "chapter 1 has no start time"),
        ('<item xmlns:psc="http://podlove.org/simple-chapters"><psc:chapters><psc:chapter start="0" title="a"/>'
         '<psc:chapter start="soon" title="b"/></psc:chapters></item>', "chapter 2: 'soon' is not a time"),
    ],
)
def test_bad_podlove_chapters_get_one_clear_line(xml: str, message: str) -> None:
    with pytest.raises(ChapterError, match=message):
        parse_podlove_chapters(xml, source="feed item 3")


def test_an_entity_bomb_in_item_xml_is_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']><item xmlns:psc="http://podlove.org/simple-chapters"><psc:chapter start="0" title="&lol9;"/></item>'
    )
    with pytest.raises(ChapterError, match="not well-formed XML"):
        parse_podlove_chapters(bomb)


def test_chapter_index_at_a_position() -> None:
    chapters = EXPECTED_PODLOVE
    assert chapter_index_at(chapters, 0.0) == 0
    assert chapter_index_at(chapters, 186.9) == 0
    assert chapter_index_at(chapters, 187.0) == 1
    assert chapter_index_at(chapters, 10_000) == 4
    assert chapter_index_at(chapters[1:], 5.0) is None
    assert chapter_index_at([], 5.0) is None


def test_next_and_previous_chapter() -> None:
    from podplayer.core.chapters import next_chapter, previous_chapter

    chapters = [Chapter(0.0, "a"), Chapter(10.0, "b"), Chapter(20.0, "c")]
    assert [next_chapter(chapters, s) for s in (0.0, 5.0, 10.0, 19.99, 20.0, 99.0)] == [1, 1, 2, 2, None, None]
    # More than 3 s into a chapter: back to its start; in its first 3 s: the chapter before.
    assert [previous_chapter(chapters, s) for s in (0.0, 2.0, 11.0, 13.5, 21.0, 40.0)] == [0, 0, 0, 1, 1, 2]
    assert previous_chapter([Chapter(5.0, "late")], 1.0) == 0
    assert previous_chapter([], 1.0) is None and next_chapter([], 1.0) is None
