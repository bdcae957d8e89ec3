"""Reading feeds: the spec's example feed, every transcript link, Podlove chapters, encodings, Atom."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from podplayer.core.feeds.errors import FeedError, NotAFeedError
from podplayer.core.feeds.parse import parse_feed
from podplayer.core.feeds.transcripts import rank_links
from tests.helpers_http import spec_examples

URL = "https://example.com/feed.xml"


def _rss(items: str, extra_ns: str = "", channel: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0" '
        f'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" {extra_ns}>'
        f"<channel><title>Show</title><language>en</language>{channel}{items}</channel></rss>"
    ).encode()


def test_example_feed_keeps_every_transcript_and_the_chapters_link() -> None:
    feed = parse_feed((spec_examples() / "example-feed.xml").read_bytes(), URL)
    assert feed.title == "Podcasting 2.0 Namespace Example"
    assert feed.language == "en-US"
    assert feed.artwork == "https://example.com/images/pci_avatar-massive.jpg"
    assert [i.title for i in feed.items] == ["Episode 3 - The Future", "Episode 2 - The Present", "Episode 1 - The Past"]
    ep3 = feed.items[0]
    assert ep3.guid == "https://example.com/ep0003"
    assert ep3.published == datetime(2020, 10, 9, 4, 30, 38, tzinfo=UTC)
    assert (ep3.enclosure_url, ep3.enclosure_type, ep3.enclosure_length) == (
        "https://example.com/file-03.mp3", "audio/mpeg", 43200000,
    )
    assert [(t.url, t.type, t.language, t.rel) for t in ep3.transcripts] == [
        ("https://example.com/ep3/transcript.txt", "text/plain", "", ""),
        ("https://example.com/episode1/transcript.vtt", "text/vtt", "es", "captions"),
    ]
    assert ep3.chapters_url == "https://example.com/ep3_chapters.json"
    assert ep3.artwork == "https://example.com/ep0003/artMd.jpg"
    assert ep3.description.startswith("A look into the future")
    # The live item is not an episode.
    assert all("Live" not in i.title for i in feed.items)


def test_several_transcripts_of_one_item_are_all_kept_and_ranked() -> None:
    body = _rss(
        "<item><title>One</title><guid>g1</guid><enclosure url='https://h/1.mp3' type='audio/mpeg' length='1'/>"
        "<podcast:transcript url='https://h/1.txt' type='text/plain'/>"
        "<podcast:transcript url='https://h/1.html' type='text/html'/>"
        "<podcast:transcript url='https://h/1.srt' type='application/x-subrip' language='en'/>"
        "<podcast:transcript url='https://h/1.json' type='application/json' language='fr'/>"
        "<podcast:transcript url='https://h/1.vtt' type='text/vtt' rel='captions'/>"
        "<podcast:transcript url='https://h/1w.json' type='application/json' language='en-GB'/>"
        "</item>"
    )
    [item] = parse_feed(body, URL).items
    assert item.guid == "g1"  # as written: a moved feed must not give its episodes new identities
    assert len(item.transcripts) == 6
    ranked = [t.url.rsplit("/", 1)[1] for t in rank_links(item.transcripts, language="en", feed_language="en")]
    assert ranked == ["1w.json", "1.srt", "1.vtt", "1.html", "1.txt", "1.json"]
    ranked_fr = [t.url.rsplit("/", 1)[1] for t in rank_links(item.transcripts, language="fr", feed_language="en")]
    assert ranked_fr[0] == "1.json"


def test_old_namespace_uri_and_podlove_chapters() -> None:
    old = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
    body = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:podcast="' + old + '" '
        'xmlns:psc="http://podlove.org/simple-chapters"><channel><title>Old</title>'
        "<item><title>A</title><guid>a</guid><enclosure url='https://h/a.mp3' type='audio/mpeg'/>"
        "<podcast:transcript url='https://h/a.vtt' type='text/vtt'/>"
        "<psc:chapters version='1.2'><psc:chapter start='00:00:00' title='Intro'/>"
        "<psc:chapter start='00:01:30.5' title='Main'/></psc:chapters></item></channel></rss>"
    ).encode()
    [item] = parse_feed(body, URL).items
    assert [t.url for t in item.transcripts] == ["https://h/a.vtt"]
    assert "Intro" in item.podlove_chapters and "00:01:30.5" in item.podlove_chapters


def test_relative_links_resolve_and_file_urls_are_dropped() -> None:
    body = _rss(
        "<item><title>A</title><guid>a</guid><enclosure url='https://h/a.mp3' type='audio/mpeg'/>"
        "<podcast:transcript url='/t/a.vtt' type='text/vtt'/>"
        "<podcast:transcript url='file:///etc/passwd' type='text/plain'/>"
        "<podcast:chapters url='ftp://h/c.json' type='application/json+chapters'/></item>"
    )
    [item] = parse_feed(body, URL).items
    assert [t.url for t in item.transcripts] == ["https://example.com/t/a.vtt"]
    assert item.chapters_url == ""


def test_latin1_feed_without_declared_encoding_is_read_as_windows_1252() -> None:
    body = "<rss version='2.0'><channel><title>Caf\u00e9 Cr\u00e8me \u2013 show</title><item><title>\u00c9pisode</title>" \
        "<guid>e</guid><enclosure url='https://h/e.mp3' type='audio/mpeg'/></item></channel></rss>"
    feed = parse_feed(body.encode("cp1252"), URL)
    assert feed.title == "Caf\u00e9 Cr\u00e8me \u2013 show"
    assert feed.items[0].title == "\u00c9pisode"


def test_http_charset_wins_for_an_undeclared_feed() -> None:
    body = "<rss version='2.0'><channel><title>\u041f\u043e\u0434\u043a\u0430\u0441\u0442</title></channel></rss>"
    feed = parse_feed(body.encode("koi8-r"), URL, "application/rss+xml; charset=koi8-r")
    assert feed.title == "\u041f\u043e\u0434\u043a\u0430\u0441\u0442"


def test_atom_feed() -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        b'xmlns:podcast="https://podcastindex.org/namespace/1.0"><title>Atom show</title>'
        b"<entry><id>urn:1</id><title>First</title><published>2024-01-02T03:04:05Z</published>"
        b'<link rel="enclosure" href="https://h/1.mp3" type="audio/mpeg" length="10"/>'
        b"<podcast:transcript url='https://h/1.srt' type='application/srt'/></entry></feed>"
    )
    feed = parse_feed(body, URL)
    [item] = feed.items
    assert (feed.title, item.title, item.guid, item.enclosure_url) == ("Atom show", "First", "urn:1", "https://h/1.mp3")
    assert [t.type for t in item.transcripts] == ["application/srt"]


def test_duration_and_new_feed_url() -> None:
    body = _rss(
        "<item><title>A</title><guid>a</guid><itunes:duration>1:02:03</itunes:duration>"
        "<enclosure url='https://h/a.mp3' type='audio/mpeg'/></item>",
        channel="<itunes:new-feed-url>https://new.example.org/feed</itunes:new-feed-url>",
    )
    feed = parse_feed(body, URL)
    assert feed.items[0].duration_ms == 3_723_000
    assert feed.new_url == "https://new.example.org/feed"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"", "empty body"),
        (b"   \n\t", "empty body"),
        (b'{"title": "not a feed"}', "sent JSON"),
        (b"<!DOCTYPE html><html><head><title>Moved</title></head><body>Hi</body></html>", "web page (HTML)"),
        (b"<html><body><p>Oops</p></body></html>", "web page (HTML)"),
        (b"<rss><channel><title>Broken</title><item></channel></rss>", "malformed XML"),
        (b"<rss version='2.0'><channel><title>a & b</title></channel></rss>", "malformed XML"),
        (b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'></svg>", "not RSS or Atom"),
        (b"<opml version='2.0'><body/></opml>", "OPML"),
        (b"just some words", "not XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not XML"),
    ],
)
def test_bodies_that_are_not_feeds_get_one_clear_line(body: bytes, expected: str) -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(body, URL)
    message = str(info.value)
    assert expected in message and message.startswith(URL) and "\n" not in message


def test_entity_bomb_is_refused_before_expansion() -> None:
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    body = f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]><rss><channel><title>&lol9;</title></channel></rss>'
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(body.encode(), URL)


def test_external_entity_is_refused() -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>'
    with pytest.raises(FeedError, match="refused"):
        parse_feed(body, URL)


def test_not_a_feed_error_type() -> None:
    with pytest.raises(NotAFeedError):
        parse_feed(b"<html></html>", URL)
