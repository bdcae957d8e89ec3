"""A podcast's <podcast:soundbite>s: read from the feed, kept with the feed episode in a real library,
and shown apart in the window as suggested highlights; one click on Keep makes one a highlight."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from podplayer.core.feeds.parse import parse_feed
from podplayer.core.feeds.refresh import FeedOutcome
from podplayer.core.soundbites import Soundbite
from podplayer.store.repository import Library
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_http import spec_examples
from tests.ui.conftest import open_and_wait, word_timed_transcript

FEED = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>Garden Hour</title>
<item><title>Cold frames</title><guid>urn:garden:1</guid>
<enclosure url="https://feeds.example/1.mp3" type="audio/mpeg" length="1000"/>
<podcast:soundbite startTime="1.0" duration="1.5">The &amp; best  bit</podcast:soundbite>
<podcast:soundbite startTime="oops" duration="3"/>
<podcast:soundbite startTime="4" duration="0"/>
</item></channel></rss>"""


def test_soundbites_are_read_from_the_feed() -> None:
    [item] = parse_feed(FEED, "https://feeds.example/feed.xml").items
    assert item.soundbites == [{"start_ms": 1000, "duration_ms": 1500, "title": "The & best bit"}]
    example = parse_feed((spec_examples() / "example-feed.xml").read_bytes(), "https://example.com/feed.xml")
    found = {(b["start_ms"], b["duration_ms"]) for i in example.items for b in i.soundbites}
    assert found == {(33_833, 60_000), (45_400, 56_000), (29_320, 34_000)}  # one in each of its three items


def test_a_soundbite_is_a_suggestion_apart_and_one_click_keeps_it(
    qtbot: QtBot, window: MainWindow, library: Library, tone_audio: Path, tmp_path: Path
) -> None:
    feed = parse_feed(FEED, "https://feeds.example/feed.xml")
    podcast_id, _ = library.podcasts.subscribe(FeedOutcome(0, "https://feeds.example/feed.xml", feed=feed))
    [episode] = library.podcasts.podcast_episodes(podcast_id)
    assert library.soundbites(episode.id) == [Soundbite(1000, 1500, "The & best bit")]
    # As a download leaves it: its audio and a word-timed transcript.
    library.add_transcript(episode.id, word_timed_transcript())
    library.set_audio_path(episode.id, str(tone_audio))

    open_and_wait(qtbot, window, episode.id)
    box = window.annotations.panel.suggestions
    assert box.isVisible() and len(box.keep_buttons) == 1
    window.grab().save(str(tmp_path / "suggested.png"))
    [suggestion] = box.suggestions
    assert library.highlights(episode.id) == []  # only suggested, not a highlight yet
    assert window.annotations.panel.model.rowCount() == 0

    box.keep_buttons[0].click()
    [kept] = library.highlights(episode.id)
    assert (kept.start, kept.end, kept.note) == (suggestion.highlight.start, suggestion.highlight.end, "The & best bit")
    assert kept.start_ms is not None and kept.end_ms is not None
    assert kept.start_ms >= 900 and kept.end_ms <= 2600  # the words within 1.0-2.5 s, snapped
    assert not box.isVisible() and window.annotations.panel.model.rowCount() == 1

    window.annotations.context.undo_stack.undo()  # taking it back offers it again
    qtbot.waitUntil(lambda: box.isVisible())
    assert library.highlights(episode.id) == []
