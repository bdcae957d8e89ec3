"""Choosing an item's transcript from real files served locally, with fallback on failure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from podplayer.core.feeds.episode_download import download_episode
from podplayer.core.feeds.errors import DownloadError, FeedError
from podplayer.core.feeds.feed_model import EpisodeSource, TranscriptLink
from podplayer.core.feeds.http import HttpClient
from podplayer.core.feeds.transcripts import fetch_best_transcript
from podplayer.core.model import Timing
from tests.helpers_http import LocalServer, spec_examples


def _serve_all(server: LocalServer) -> dict[str, TranscriptLink]:
    links = {}
    for name, ctype in [
        ("json", "application/json"), ("vtt", "text/vtt"), ("srt", "application/x-subrip"), ("html", "text/html"),
    ]:
        url = server.add_file(f"/t.{name}", spec_examples() / f"transcript-example.{name}", ctype)
        links[name] = TranscriptLink(url, ctype)
    links["text"] = TranscriptLink(server.add("/t.txt", "Ann: Hello there.\nBob: Hi Ann.\n", content_type="text/plain"), "text/plain")
    return links


def test_word_level_json_is_chosen_first(server: LocalServer, client: HttpClient) -> None:
    links = _serve_all(server)
    order = [links[k] for k in ("text", "html", "srt", "vtt", "json")]
    choice = fetch_best_transcript(client, order)
    assert choice.format == "json" and choice.link == links["json"] and not choice.failures
    assert choice.transcript is not None and choice.transcript.speakers == ["Darth Vader", "Luke"]
    assert choice.transcript.timing in (Timing.TURN, Timing.WORD)


def test_broken_links_fall_back_in_order_and_say_which_was_used(server: LocalServer, client: HttpClient) -> None:
    links = _serve_all(server)
    server.add("/t.json", b'{"version": "1.0.0", "segments": [{"speaker": ', content_type="application/json")  # malformed
    server.routes.pop("/t.vtt")  # 404
    server.add("/t.srt", "<!DOCTYPE html><html><body>Sign in</body></html>", content_type="text/html")  # HTML, not SRT
    choice = fetch_best_transcript(client, list(links.values()))
    assert choice.format == "html" and choice.link == links["html"]
    assert len(choice.failures) == 3
    assert "HTTP 404" in choice.failures[1] and "web page instead of" in choice.failures[2]
    assert "after 3 failed" in choice.summary() and "html" in choice.summary()


def test_nothing_usable_says_so(server: LocalServer, client: HttpClient) -> None:
    empty = TranscriptLink(server.add("/e.txt", "   \n", content_type="text/plain"), "text/plain")
    binary = TranscriptLink(server.add("/b.vtt", b"\x00\x01\x02" * 500, content_type="text/vtt"), "text/vtt")
    choice = fetch_best_transcript(client, [empty, binary])
    assert choice.transcript is None and len(choice.failures) == 2
    assert choice.summary().startswith("no usable transcript")


def test_transcript_longer_than_the_audio_is_skipped(server: LocalServer, client: HttpClient) -> None:
    srt = TranscriptLink(server.add_file("/long.srt", spec_examples() / "transcript-example.srt", "application/srt"), "application/srt")
    txt = TranscriptLink(server.add("/t.txt", "Ann: Hello.\n", content_type="text/plain"), "text/plain")
    choice = fetch_best_transcript(client, [srt, txt], duration_ms=30_000)
    assert choice.format == "text" and len(choice.failures) == 1
    assert choice.failures[0].startswith(srt.url) and "audio" in choice.failures[0]


def _source(server: LocalServer, **kw: Any) -> EpisodeSource:
    values: dict[str, Any] = {
        "episode_id": 7, "podcast_title": "Show / with: slashes", "title": "Ep",
        "enclosure_url": server.url("/ep.mp3"), "enclosure_type": "audio/mpeg", "language": "en",
    }
    values.update(kw)
    return EpisodeSource(**values)


def test_download_episode_untimed_transcript_gets_estimated_timing_and_json_chapters(
    server: LocalServer, client: HttpClient, episode_audio: Path, tmp_path: Path
) -> None:
    server.add("/ep.mp3", episode_audio.read_bytes(), content_type="audio/mpeg")
    txt = TranscriptLink(server.add("/t.txt", "Ann: Hello there, and welcome.\nBob: Thanks Ann.\n", content_type="text/plain"), "text/plain")
    chapters = server.add_file("/c.json", spec_examples() / "chapters-example.json", "application/json+chapters")
    seen: list[float] = []
    result = download_episode(
        client, _source(server, transcripts=[txt], chapters_url=chapters), tmp_path,
        lambda d, t, m: seen.append(d / t),
    )
    assert result.audio_path.parent.name == "Show with slashes" and result.audio_path.is_relative_to(tmp_path)
    assert result.audio_path.read_bytes() == episode_audio.read_bytes()
    assert result.transcript is not None and result.transcript.timing is Timing.ESTIMATED
    assert result.choice.format == "text" and 29_000 < result.duration_ms < 31_000
    assert [c.title for c in result.chapters][:3] == ["Intro", "Hearing Aids", "Progress Report"]
    assert result.chapters_source == "json"
    assert seen[-1] == 1.0 and max(seen) == 1.0


def test_enclosure_declared_not_audio_is_refused_without_downloading(
    server: LocalServer, client: HttpClient, tmp_path: Path
) -> None:
    server.add("/ep.mp3", b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(DownloadError, match="not audio"):
        download_episode(client, _source(server, enclosure_type="application/pdf"), tmp_path)
    assert server.requests_for("/ep.mp3") == [] and list(tmp_path.rglob("*.*")) == []


def test_enclosure_that_claims_audio_but_is_not_is_removed(server: LocalServer, client: HttpClient, tmp_path: Path) -> None:
    server.add("/ep.mp3", b"ID3 but really just text " * 400, content_type="audio/mpeg")
    with pytest.raises(DownloadError, match="not audio"):
        download_episode(client, _source(server), tmp_path)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_file_url_enclosure_is_refused(client: HttpClient, server: LocalServer, tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="refused"):
        download_episode(client, _source(server, enclosure_url="file:///etc/hostname"), tmp_path)
