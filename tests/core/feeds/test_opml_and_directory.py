"""OPML reading/writing and the directory search (Apple's response shape, served locally)."""

from __future__ import annotations

import json

import pytest

from podplayer.core.feeds.directory import search_directory
from podplayer.core.feeds.errors import FeedError
from podplayer.core.feeds.http import HttpClient
from podplayer.core.feeds.opml import OpmlFeed, read_opml, write_opml
from tests.helpers_http import LocalServer

APPLE_ANSWER = {
    "resultCount": 3,
    "results": [
        {"wrapperType": "track", "kind": "podcast", "collectionName": "Compost Talk", "artistName": "Ann Gardener",
         "feedUrl": "https://feeds.example.org/compost.xml", "artworkUrl600": "https://img.example.org/c600.jpg",
         "artworkUrl100": "https://img.example.org/c100.jpg", "trackCount": 120},
        {"wrapperType": "track", "kind": "podcast", "collectionName": "No feed (Apple exclusive)", "artistName": "X"},
        {"wrapperType": "track", "kind": "podcast", "collectionName": "Local", "feedUrl": "file:///tmp/x.xml"},
    ],
}


def test_apple_search_shape_from_a_local_directory(server: LocalServer, client: HttpClient) -> None:
    server.add("/search", json.dumps(APPLE_ANSWER), content_type="text/javascript; charset=utf-8")
    [entry] = search_directory(client, "  compost   talk ", apple_base_url=server.base)
    assert (entry.title, entry.author, entry.feed_url, entry.artwork, entry.episode_count) == (
        "Compost Talk", "Ann Gardener", "https://feeds.example.org/compost.xml", "https://img.example.org/c600.jpg", 120,
    )
    sent = server.requests_for("/search")[0]
    assert "term=compost+talk" in sent.path and "media=podcast" in sent.path and "entity=podcast" in sent.path


def test_podcast_index_is_used_with_a_key_and_signs_requests(server: LocalServer, client: HttpClient) -> None:
    answer = {"status": "true", "feeds": [{"title": "Index show", "author": "B", "url": "https://f.example.org/i.xml",
                                           "artwork": "https://f.example.org/a.png", "episodeCount": 7}]}
    server.add("/api/1.0/search/byterm", json.dumps(answer), content_type="application/json")
    [entry] = search_directory(client, "index", podcast_index_key="KEY", podcast_index_secret="SECRET",
                               podcast_index_base_url=server.base)
    assert (entry.title, entry.episode_count) == ("Index show", 7)
    headers = {k.lower(): v for k, v in server.requests_for("/api/1.0/search/byterm")[0].headers.items()}
    import hashlib

    assert headers["x-auth-key"] == "KEY"
    assert headers["authorization"] == hashlib.sha1(("KEYSECRET" + headers["x-auth-date"]).encode()).hexdigest()


@pytest.mark.parametrize("body", ["<html>error</html>", "[1, 2]", ""])
def test_directory_answers_that_are_not_json_objects(server: LocalServer, client: HttpClient, body: str) -> None:
    server.add("/search", body, content_type="text/html")
    with pytest.raises(FeedError, match="directory"):
        search_directory(client, "x", apple_base_url=server.base)


def test_empty_search_term() -> None:
    with pytest.raises(FeedError, match="type a name"):
        search_directory(None, "   ")  # type: ignore[arg-type]


def test_opml_round_trip_and_refusals() -> None:
    feeds = [OpmlFeed("https://a.example.org/feed", "A & B <show>"), OpmlFeed("http://b.example.org/rss", "")]
    data = write_opml(feeds)
    back = read_opml(data)
    assert back.feeds == [OpmlFeed("https://a.example.org/feed", "A & B <show>"), OpmlFeed("http://b.example.org/rss", "http://b.example.org/rss")]
    with pytest.raises(FeedError, match="empty"):
        read_opml(b"  ")
    with pytest.raises(FeedError, match="no feeds"):
        read_opml(b"<opml><body><outline text='folder only'/></body></opml>")
    with pytest.raises(FeedError, match="entities"):
        read_opml(b'<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaa">]><opml><body/></opml>')
    mixed = read_opml(b"<opml><body><outline xmlUrl='file:///x'/><outline xmlUrl='https://ok.example.org/f'/></body></opml>")
    assert [f.url for f in mixed.feeds] == ["https://ok.example.org/f"] and mixed.skipped == ["file:///x"]
