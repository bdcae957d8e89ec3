"""OPML reading/writing and the directory search (Apple's response shape, served locally)."""

from __future__ import annotations

import json

import pytest

from podplayer.core.feeds.directory import Directory, DirectoryChoice, check_base_url, search_directory
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
    [entry] = search_directory(client, "  compost   talk ", DirectoryChoice(base_url=server.base))
    assert (entry.title, entry.author, entry.feed_url, entry.artwork, entry.episode_count) == (
        "Compost Talk", "Ann Gardener", "https://feeds.example.org/compost.xml", "https://img.example.org/c600.jpg", 120,
    )
    sent = server.requests_for("/search")[0]
    assert "term=compost+talk" in sent.path and "media=podcast" in sent.path and "entity=podcast" in sent.path


def test_podcast_index_is_used_when_chosen_and_signs_requests(server: LocalServer, client: HttpClient) -> None:
    answer = {"status": "true", "feeds": [{"title": "Index show", "author": "B", "url": "https://f.example.org/i.xml",
                                           "artwork": "https://f.example.org/a.png", "episodeCount": 7}]}
    server.add("/api/1.0/search/byterm", json.dumps(answer), content_type="application/json")
    choice = DirectoryChoice(Directory.PODCAST_INDEX, server.base, " KEY ", "SECRET")
    [entry] = search_directory(client, "index", choice)
    assert (entry.title, entry.episode_count) == ("Index show", 7)
    headers = {k.lower(): v for k, v in server.requests_for("/api/1.0/search/byterm")[0].headers.items()}
    import hashlib

    assert headers["x-auth-key"] == "KEY"
    assert headers["authorization"] == hashlib.sha1(("KEYSECRET" + headers["x-auth-date"]).encode()).hexdigest()


@pytest.mark.parametrize("body", ["<html>error</html>", "[1, 2]", ""])
def test_directory_answers_that_are_not_json_objects(server: LocalServer, client: HttpClient, body: str) -> None:
    server.add("/search", body, content_type="text/html")
    with pytest.raises(FeedError, match="directory"):
        search_directory(client, "x", DirectoryChoice(base_url=server.base))


def test_a_key_alone_does_not_switch_directories(server: LocalServer, client: HttpClient) -> None:
    server.add("/search", json.dumps(APPLE_ANSWER), content_type="application/json")
    choice = DirectoryChoice(Directory.APPLE, server.base, "KEY", "SECRET")
    assert [e.title for e in search_directory(client, "compost", choice)] == ["Compost Talk"]
    assert server.requests_for("/search") and not server.requests_for("/api/1.0/search/byterm")


@pytest.mark.parametrize("key, secret", [("", ""), ("KEY", ""), ("", "SECRET"), ("  ", "SECRET")])
def test_podcast_index_without_key_and_secret_says_where_to_get_them(
    server: LocalServer, client: HttpClient, key: str, secret: str
) -> None:
    choice = DirectoryChoice(Directory.PODCAST_INDEX, server.base, key, secret)
    with pytest.raises(FeedError, match=r"needs both an API key and its secret \(free at https://api.podcastindex.org\)"):
        search_directory(client, "x", choice)
    assert server.log == []  # nothing was sent


@pytest.mark.parametrize("url, message", [
    ("itunes.apple.com", "must be a full http:// or https:// URL such as https://itunes.apple.com, not “itunes.apple.com”"),
    ("ftp://mirror.example.org", "must be a full http:// or https:// URL"),
    ("file:///etc/passwd", "must be a full http:// or https:// URL"),
    ("https://", "not “https://”"),
    ("https://mirror.example.org/?lang=en", "must not have a ?query or #fragment: “https://mirror.example.org/?lang=en”"),
    ("https://mirror.example.org/#top", "#fragment"),
])
def test_directory_base_urls_that_are_refused(url: str, message: str) -> None:
    with pytest.raises(FeedError) as raised:
        check_base_url(url, Directory.APPLE)
    assert message in str(raised.value) and str(raised.value).startswith("The Apple Podcasts address ")
    assert DirectoryChoice(Directory.APPLE, url).problem() == str(raised.value)


def test_blank_base_url_means_the_directorys_own() -> None:
    assert check_base_url("  ", Directory.APPLE) == "https://itunes.apple.com"
    assert check_base_url("", Directory.PODCAST_INDEX) == "https://api.podcastindex.org"
    assert check_base_url(" http://127.0.0.1:8080/dir/ ", Directory.APPLE) == "http://127.0.0.1:8080/dir/"


def test_empty_search_term() -> None:
    with HttpClient() as client, pytest.raises(FeedError, match="type a name"):
        search_directory(client, "   ")


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
