"""Skipping the items a library already holds: fingerprints, what changes them, and reading everything
when a skip would not rest on the whole item."""

from __future__ import annotations

import re

from podplayer.core.feeds.known_items import item_fingerprint, item_scope
from podplayer.core.feeds.parse import parse_feed
from tests.helpers_http import spec_examples

URL = "https://example.com/feed.xml"
PODCAST = "https://podcastindex.org/namespace/1.0"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'


def _item(n: int, title: str = "", description: str = "") -> str:
    return (
        f"<item><title>{title or f'Episode {n}'}</title><guid isPermaLink=\"false\">ep-{n}</guid>"
        f"<description><![CDATA[{description or f'<p>Show notes {n}</p>'}]]></description>"
        f"<link>ep/{n}.html</link><pubDate>Sat, 0{n} Oct 2020 04:30:38 GMT</pubDate>"
        f'<enclosure url="https://example.com/{n}.mp3" length="{n}000" type="audio/mpeg"/>'
        f'<podcast:transcript url="https://example.com/{n}.vtt" type="text/vtt"/>'
        f'<podcast:chapters url="https://example.com/{n}.json" type="application/json+chapters"/>'
        "</item>\n"
    )


def _rss(*items: str, podcast_uri: str = PODCAST) -> bytes:
    return (
        DECLARATION.decode() + "\n"
        f'<rss version="2.0" xmlns:podcast="{podcast_uri}"><channel><title>Show</title>\n'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def _known(body: bytes, url: str = URL) -> frozenset[str]:
    feed = parse_feed(body, url)
    assert all(item.fingerprint for item in feed.items)
    return frozenset(item.fingerprint for item in feed.items)


def test_known_items_are_skipped_and_new_ones_read() -> None:
    before = _rss(_item(2), _item(1))
    known = _known(before)
    after = _rss(_item(3), _item(2), _item(1))
    feed = parse_feed(after, URL, known=known)
    assert [item.guid for item in feed.items] == ["ep-3"]
    assert set(feed.unchanged) == known and len(feed.unchanged) == 2
    # Skipping changes nothing about the item that is read.
    [full] = [item for item in parse_feed(after, URL).items if item.guid == "ep-3"]
    assert feed.items[0] == full
    assert [t.url for t in full.transcripts] == ["https://example.com/3.vtt"] and full.chapters_url


def test_fingerprints_are_stable_and_follow_the_item() -> None:
    assert _known(_rss(_item(2), _item(1))) == _known(_rss(_item(1), _item(2)))  # order does not matter
    changed = parse_feed(_rss(_item(2, title="Episode 2 (remastered)"), _item(1)), URL, known=_known(_rss(_item(2), _item(1))))
    assert [(item.guid, item.title) for item in changed.items] == [("ep-2", "Episode 2 (remastered)")]
    assert len(changed.unchanged) == 1


def test_fingerprints_change_with_what_reading_the_item_depends_on() -> None:
    body = _rss(_item(1))
    known = _known(body)
    # Relative links resolve against the feed URL: another URL reads the item differently.
    moved = parse_feed(body, "https://elsewhere.example.org/feed.xml", known=known)
    assert moved.unchanged == [] and moved.items[0].link == "https://elsewhere.example.org/ep/1.html"
    # The same prefix bound to another namespace means other elements.
    old_uri = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
    renamed = parse_feed(_rss(_item(1), podcast_uri=old_uri), URL, known=known)
    assert renamed.unchanged == [] and len(renamed.items) == 1
    # Another encoding declared: the same bytes may be other characters.
    latin = body.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    assert parse_feed(latin, URL, known=known).unchanged == []


def test_the_fingerprint_covers_the_item_from_start_tag_to_end_tag() -> None:
    body = _rss(_item(1))
    start = body.index(b"<item>")
    end = body.index(b"</item>")
    scope = item_scope(URL, URL, {"podcast": PODCAST}, DECLARATION)
    assert _known(body) == {item_fingerprint(scope, body[start:end])}


def test_an_end_tag_inside_cdata_never_ends_a_skip() -> None:
    """The look-ahead finds the first ``</item`` after the start tag, here inside the show notes:
    that span is no item the library knows, so the item is read every time, and read right."""
    notes = "<p>How to close a list: </item> and </channel></p>"
    body = _rss(_item(2, description=notes), _item(1))
    known = _known(body)
    feed = parse_feed(body, URL, known=known)
    assert [item.guid for item in feed.items] == ["ep-2"] and len(feed.unchanged) == 1
    assert feed.items[0].description == "How to close a list:  and"  # the tags in the notes are dropped
    assert feed.items[0].fingerprint in known


def test_a_skip_that_went_wrong_is_undone_by_reading_everything() -> None:
    """Only a digest collision can make a known span end inside an item; forge one (the fingerprint
    of the span up to the ``</item>`` in the show notes) to see the reader start over."""
    notes = "<p>How to close a list: </item> and more</p>"
    body = _rss(_item(2, description=notes), _item(1))
    start = body.index(b"<item>")
    scope = item_scope(URL, URL, {"podcast": PODCAST}, DECLARATION)
    forged = item_fingerprint(scope, body[start : body.index(b"</item>", start)])
    feed = parse_feed(body, URL, known=frozenset({forged}))
    assert [item.guid for item in feed.items] == ["ep-2", "ep-1"] and feed.unchanged == []
    assert feed.items[0].description.endswith("and more")


def test_atom_entries_are_skipped_too() -> None:
    entry = (
        "<entry><id>urn:e{n}</id><title>Entry {n}</title><published>2020-10-0{n}T04:30:38Z</published>"
        '<link rel="enclosure" href="https://example.com/{n}.mp3" type="audio/mpeg" length="1"/></entry>'
    )
    atom = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{}</feed>'
    known = _known(atom.format(entry.format(n=1)).encode())
    feed = parse_feed(atom.format(entry.format(n=2) + entry.format(n=1)).encode(), URL, known=known)
    assert [item.guid for item in feed.items] == ["urn:e2"] and len(feed.unchanged) == 1


def test_the_spec_example_feed_read_with_all_its_items_known() -> None:
    body = (spec_examples() / "example-feed.xml").read_bytes()
    full = parse_feed(body, URL)
    again = parse_feed(body, URL, known=_known(body))
    assert again.items == [] and len(again.unchanged) == len(full.items) == 3
    assert (again.title, again.author, again.language) == (full.title, full.author, full.language)
    assert re.fullmatch(r"[0-9a-f]{32}", full.items[0].fingerprint)
