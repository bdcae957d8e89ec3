"""Podcasts in a real library: subscribe, refresh, download, and upgrading an existing library."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from podplayer.core.atomic import TargetExistsError
from podplayer.core.feeds.http import HttpClient
from podplayer.core.feeds.refresh import refresh_feeds
from podplayer.core.jobs import Cancelled, CancelToken
from podplayer.core.model import Highlight, Timing, WordRef
from podplayer.store import Library
from podplayer.usecases.podcast_jobs import download, export_opml, import_opml, refresh, subscribe
from tests.helpers_audio import tones_and_pauses_mp3
from tests.helpers_http import LocalServer, example_feed, serve_example_podcast
from tests.store.rev1_library import make_rev1_library

NEW_ITEM = (
    "<item><title>Episode 4 - Tomorrow</title><guid>https://example.com/ep0004</guid>"
    "<pubDate>Sat, 10 Oct 2020 04:30:38 GMT</pubDate>"
    '<enclosure url="https://example.com/file-01.mp3" length="1" type="audio/mpeg"/></item>'
)


@pytest.fixture(scope="module")
def audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tones_and_pauses_mp3(tmp_path_factory.mktemp("a") / "ep.mp3")


def test_subscribe_refresh_download_is_a_normal_episode(
    library: Library, server: LocalServer, client: HttpClient, audio: Path
) -> None:
    url = serve_example_podcast(server, audio)
    sub = subscribe(library, client, url)
    assert (sub.title, sub.episodes) == ("Podcasting 2.0 Namespace Example", 3)
    [podcast] = library.podcasts.podcasts()
    assert (podcast.episode_count, podcast.new_count, podcast.unplayed_count, podcast.downloaded_count) == (3, 0, 3, 0)
    episodes = library.podcasts.podcast_episodes(sub.podcast_id)
    assert [e.title for e in episodes] == ["Episode 3 - The Future", "Episode 2 - The Present", "Episode 1 - The Past"]
    assert all(e.offers_transcript and e.offers_chapters and not e.downloaded for e in episodes)

    # Unchanged feed: a 304, nothing new.
    [report] = refresh(library, client)
    assert report.not_modified and report.new_episodes == 0 and report.error is None

    # A new episode arrives and is marked new.
    feed = example_feed(server).replace(b"<item>", NEW_ITEM.replace("https://example.com/", server.base).encode() + b"<item>", 1)
    server.add("/feed.xml", feed, etag='"example-2"')
    [report] = refresh(library, client)
    assert report.new_episodes == 1 and not report.not_modified
    top = library.podcasts.podcast_episodes(sub.podcast_id)[0]
    assert (top.title, top.is_new) == ("Episode 4 - Tomorrow", True)
    assert library.podcasts.podcast(sub.podcast_id).new_count == 1

    ep3 = episodes[0].id
    result = download(library, client, ep3, language="en")
    assert result.choice.format == "text"  # English text (feed language) beats the Spanish captions
    episode = library.episode(ep3)
    assert episode.audio_path == str(result.audio_path.resolve()) and Path(episode.audio_path).is_file()
    assert episode.transcript.timing is Timing.ESTIMATED and episode.transcript.speakers == ["Host", "Guest"]
    assert [c.title for c in library.chapters(ep3)][:2] == ["Intro", "Hearing Aids"]
    row = next(e for e in library.podcasts.podcast_episodes(sub.podcast_id) if e.id == ep3)
    assert row.downloaded and row.transcript_format == "text" and row.chapter_count == len(library.chapters(ep3))
    summary = next(s for s in library.episodes() if s.id == ep3)
    assert summary.downloaded and summary.podcast == "Podcasting 2.0 Namespace Example" and summary.transcript_format == "text"

    # Like any episode: highlight, search.
    library.add_highlight(ep3, _highlight())
    assert library.search("welcome")[0].episode_id == ep3

    # Spanish speakers get the captions.
    other = download(library, client, episodes[1].id, language="es")
    assert other.choice.format == "text"  # episode 2 only offers text
    with pytest.raises(Exception, match="already downloaded"):
        download(library, client, ep3)


def _highlight() -> Highlight:
    return Highlight(WordRef(0, 0), WordRef(0, 1), "Welcome to")


def test_spanish_user_gets_the_captions(library: Library, server: LocalServer, client: HttpClient, audio: Path) -> None:
    sub = subscribe(library, client, serve_example_podcast(server, audio))
    ep3 = library.podcasts.podcast_episodes(sub.podcast_id)[0].id
    result = download(library, client, ep3, language="es")
    assert result.choice.format == "vtt" and result.choice.link is not None and result.choice.link.language == "es"
    assert library.episode(ep3).transcript.timing is Timing.TURN


def test_failed_transcript_falls_back_and_the_episode_is_still_stored(
    library: Library, server: LocalServer, client: HttpClient, audio: Path
) -> None:
    sub = subscribe(library, client, serve_example_podcast(server, audio))
    server.add("/episode1/transcript.vtt", "<html><body>404 page</body></html>", content_type="text/html")
    ep3 = library.podcasts.podcast_episodes(sub.podcast_id)[0].id
    result = download(library, client, ep3, language="es")
    assert result.choice.format == "text" and "web page" in result.choice.failures[0]
    assert any("skipped" in n for n in result.notes)


def test_bad_feed_during_refresh_leaves_other_podcasts_and_data_untouched(
    library: Library, server: LocalServer, client: HttpClient, audio: Path
) -> None:
    good = subscribe(library, client, serve_example_podcast(server, audio))
    second = server.add("/second.xml", example_feed(server).replace(b"Podcasting 2.0 Namespace Example", b"Second show"))
    other = subscribe(library, client, second)
    before = library.podcasts.podcast_episodes(other.podcast_id)
    server.add("/second.xml", "<html><body>This podcast has moved to our app!</body></html>", content_type="text/html")
    server.add("/feed.xml", example_feed(server), etag='"changed"')
    reports = {r.podcast_id: r for r in refresh(library, client)}
    assert reports[good.podcast_id].error is None
    assert "web page" in (reports[other.podcast_id].error or "")
    assert library.podcasts.podcast_episodes(other.podcast_id) == before
    assert "web page" in library.podcasts.podcast(other.podcast_id).last_error
    assert library.podcasts.podcast(good.podcast_id).last_error == ""


def test_permanent_redirect_updates_the_stored_url(library: Library, server: LocalServer, client: HttpClient, audio: Path) -> None:
    url = serve_example_podcast(server, audio)
    sub = subscribe(library, client, url)
    new = server.add("/new-home.xml", example_feed(server))
    server.add("/feed.xml", status=301, location=new)
    [report] = refresh(library, client)
    assert report.moved_to == new and library.podcasts.podcast(sub.podcast_id).feed_url == new
    [report] = refresh(library, client)
    assert report.error is None and report.moved_to is None


def test_opml_round_trip(
    library: Library, server: LocalServer, client: HttpClient, audio: Path, db_path: Path, tmp_path: Path
) -> None:
    serve_example_podcast(server, audio)
    second = server.add("/second.xml", example_feed(server).replace(b"Podcasting 2.0 Namespace Example", b"Second show"))
    opml = (
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        f'<outline text="One" type="rss" xmlUrl="{server.url("/feed.xml")}"/>'
        f'<outline text="folder"><outline text="Two" type="rss" xmlUrl="{second}"/></outline>'
        f'<outline text="Gone" type="rss" xmlUrl="{server.url("/gone.xml")}"/>'
        '<outline text="Local" type="rss" xmlUrl="file:///home/me/feed.xml"/>'
        "</body></opml>"
    ).encode()
    result = import_opml(library, client, opml, "mine.opml")
    assert sorted(s.title for s in result.subscribed) == ["Podcasting 2.0 Namespace Example", "Second show"]
    assert len(result.failed) == 1 and "not found" in result.failed[0]
    assert result.skipped == ["file:///home/me/feed.xml"]
    assert export_opml(library, tmp_path / "mine.opml", overwrite=False) == 2
    exported = (tmp_path / "mine.opml").read_bytes()
    with pytest.raises(TargetExistsError):
        export_opml(library, tmp_path / "mine.opml", overwrite=False)
    with Library(db_path.with_name("other.sqlite3")) as other:
        again = import_opml(other, client, exported, "exported.opml")
        assert sorted(p.feed_url for p in other.podcasts.podcasts()) == sorted([server.url("/feed.xml"), second])
    assert not again.failed


def test_existing_library_upgrades_and_file_episodes_keep_working(db_path: Path) -> None:
    make_rev1_library(db_path)
    with Library(db_path) as library:
        assert library.podcasts.podcasts() == []
        summaries = library.episodes()
        assert [s.title for s in summaries] == ["Old episode 1", "Old episode 2"]
        assert all(s.podcast_id is None and s.podcast == "" and s.transcript_format is None for s in summaries)
        assert all(s.downloaded is (s.audio_path is not None) for s in summaries)
        assert library.episode(2).transcript.turns[0].words[0].text == "unique2"
        library.set_position(1, 999)
        assert library.episodes()[0].position_ms == 999


def test_unsubscribe_keeps_downloaded_episodes(library: Library, server: LocalServer, client: HttpClient, audio: Path) -> None:
    sub = subscribe(library, client, serve_example_podcast(server, audio))
    ep3 = library.podcasts.podcast_episodes(sub.podcast_id)[0].id
    download(library, client, ep3, language="en")
    library.podcasts.unsubscribe(sub.podcast_id)
    assert library.podcasts.podcasts() == []
    assert [s.id for s in library.episodes()] == [ep3]
    assert library.episode(ep3).transcript.word_count > 0


def test_refresh_writes_changed_episode_facts_and_keeps_preferences(
    library: Library, server: LocalServer, client: HttpClient, audio: Path
) -> None:
    sub = subscribe(library, client, serve_example_podcast(server, audio))
    library.podcasts.set_preference(sub.podcast_id, "transcribe_new_episodes", True)
    changed = example_feed(server).replace(b"Episode 2 - The Present", b"Episode 2 - The Present (remastered)")
    server.add("/feed.xml", changed, etag='"example-3"')
    [report] = refresh(library, client)
    assert report.new_episodes == 0 and report.error is None
    titles = [e.title for e in library.podcasts.podcast_episodes(sub.podcast_id)]
    assert titles == ["Episode 3 - The Future", "Episode 2 - The Present (remastered)", "Episode 1 - The Past"]
    assert library.podcasts.podcast(sub.podcast_id).preferences == {"transcribe_new_episodes": True}


def _fingerprints(db_path: Path) -> dict[str, str | None]:
    with closing(sqlite3.connect(db_path)) as conn:
        return dict(conn.execute("SELECT guid, item_fingerprint FROM episodes WHERE podcast_id IS NOT NULL"))


def test_refresh_skips_the_items_it_holds_and_rewrites_only_changed_ones(
    library: Library, server: LocalServer, client: HttpClient, audio: Path, db_path: Path
) -> None:
    sub = subscribe(library, client, serve_example_podcast(server, audio))
    stored = _fingerprints(db_path)
    assert len(stored) == 3 and all(stored.values())
    [request] = library.podcasts.feed_requests()
    assert request.known_items == set(stored.values())
    # One item changes, one arrives: the reader hands back only those two.
    changed = example_feed(server).replace(b"Episode 2 - The Present", b"Episode 2 - The Present (remastered)")
    changed = changed.replace(b"<item>", NEW_ITEM.replace("https://example.com/", server.base).encode() + b"<item>", 1)
    server.add("/feed.xml", changed, etag='"example-4"')
    [outcome] = refresh_feeds(client, library.podcasts.feed_requests())
    assert outcome.feed is not None
    assert sorted(item.title for item in outcome.feed.items) == ["Episode 2 - The Present (remastered)", "Episode 4 - Tomorrow"]
    assert len(outcome.feed.unchanged) == 2
    [report] = library.podcasts.apply_refresh([outcome])
    assert report.new_episodes == 1 and report.error is None
    after = _fingerprints(db_path)
    assert len(after) == 4 and all(after.values())
    assert [g for g in stored if after[g] != stored[g]] == [next(g for g in stored if g.endswith("/ep0002"))]
    titles = [e.title for e in library.podcasts.podcast_episodes(sub.podcast_id)]
    assert titles == ["Episode 4 - Tomorrow", "Episode 3 - The Future", "Episode 2 - The Present (remastered)", "Episode 1 - The Past"]


def test_episodes_stored_without_fingerprints_get_them_on_the_next_refresh(
    library: Library, server: LocalServer, client: HttpClient, audio: Path, db_path: Path
) -> None:
    """A library upgraded to 0006 has feed episodes without fingerprints: read in full, not doubled."""
    sub = subscribe(library, client, serve_example_podcast(server, audio))
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE episodes SET item_fingerprint = NULL")
    [request] = library.podcasts.feed_requests()
    assert request.known_items == frozenset()
    server.add("/feed.xml", example_feed(server), etag='"example-5"')
    [report] = refresh(library, client)
    assert report.new_episodes == 0 and report.error is None
    assert len(library.podcasts.podcast_episodes(sub.podcast_id)) == 3
    assert all(_fingerprints(db_path).values())


def test_a_cancelled_refresh_keeps_the_feeds_already_stored(
    library: Library, server: LocalServer, client: HttpClient, audio: Path
) -> None:
    first = subscribe(library, client, serve_example_podcast(server, audio))
    slow = subscribe(library, client, server.add("/slow.xml", example_feed(server).replace(b"Namespace Example", b"Slow")))
    server.add("/slow.xml", stall=True)
    grown = example_feed(server).replace(b"<item>", NEW_ITEM.replace("https://example.com/", server.base).encode() + b"<item>", 1)
    server.add("/feed.xml", grown, etag='"example-6"')
    token = CancelToken()

    def progress(done: float, total: float, message: str = "") -> None:
        if done >= 1:
            token.cancel()  # the first feed is in; the slow one never answers

    with pytest.raises(Cancelled):
        refresh(library, client, progress=progress, cancel=token)
    assert [e.title for e in library.podcasts.podcast_episodes(first.podcast_id)][0] == "Episode 4 - Tomorrow"
    assert library.podcasts.podcast(first.podcast_id).new_count == 1
    assert library.podcasts.podcast(slow.podcast_id).episode_count == 3
