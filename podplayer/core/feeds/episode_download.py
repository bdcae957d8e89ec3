"""Downloading a feed episode: its audio, the best transcript, its chapters; a core job.

``download_episode(client, source, folder, progress, cancel)`` leaves a complete audio file in
``folder`` (see download.py for the partial-file rule), checks that it is audio, fetches the best
transcript (falling back link by link), gives an untimed transcript estimated timings exactly as a
local one gets them, and reads chapters. The store then turns the result into a library episode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from podplayer.core.chapters import (
    Chapter,
    ChapterSource,
    parse_json_chapters,
    parse_podlove_chapters,
    read_embedded_chapters,
)
from podplayer.core.feeds.download import download_file, not_audio_type
from podplayer.core.feeds.errors import DownloadError
from podplayer.core.feeds.feed_model import EpisodeSource
from podplayer.core.feeds.filenames import enclosure_filename
from podplayer.core.feeds.http import HttpClient
from podplayer.core.feeds.transcripts import TranscriptChoice, fetch_best_transcript
from podplayer.core.feeds.urls import check_http_url
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import AudioError, PodplayerError, Timing, Transcript

AUDIO_SHARE = 0.8  # of the job's progress bar


@dataclass(slots=True)
class EpisodeDownload:
    episode_id: int
    audio_path: Path
    duration_ms: int
    transcript: Transcript | None
    choice: TranscriptChoice
    chapters: list[Chapter] = field(default_factory=list)
    chapters_source: ChapterSource = ChapterSource.EMBEDDED
    notes: list[str] = field(default_factory=list)  # one line each: what was used, what failed


def episode_audio_path(folder: Path, source: EpisodeSource) -> Path:
    """Where the episode's audio goes: ``folder/<podcast>/<id> <file name>``, every part sanitised."""
    from podplayer.core.export.filenames import safe_name_part

    name = enclosure_filename(source.enclosure_url, source.title, source.enclosure_type)
    return folder / safe_name_part(source.podcast_title, max_bytes=80, fallback="podcast") / f"{source.episode_id} {name}"


def check_enclosure(source: EpisodeSource) -> None:
    if not source.enclosure_url:
        raise DownloadError(f"{source.title}: the feed gives this episode no audio file")
    check_http_url(source.enclosure_url, "enclosure URL")
    if declared := not_audio_type(source.enclosure_type):
        raise DownloadError(f"{source.title}: the episode's file is not audio (the feed says {declared})")


def download_episode(
    client: HttpClient,
    source: EpisodeSource,
    folder: Path,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    *,
    language: str = "",
) -> EpisodeDownload:
    cancel = cancel or CancelToken()
    check_enclosure(source)
    target = episode_audio_path(folder, source)

    def audio_progress(done: float, total: float, message: str = "") -> None:
        share = done / total if total > 0 else 0.0
        progress(AUDIO_SHARE * share, 1.0, f"{message} {done / 1e6:.1f} MB")

    if not target.exists():
        download_file(client, source.enclosure_url, target, audio_progress, cancel, expected_size=source.enclosure_length)
    from podplayer.core.audio import probe_duration_ms

    try:
        duration_ms = probe_duration_ms(target)
    except AudioError as exc:
        target.unlink(missing_ok=True)  # not an episode: keep nothing that looks like one
        raise DownloadError(f"{source.title}: the downloaded file is not audio ({exc})") from exc
    cancel.check()
    progress(AUDIO_SHARE, 1.0, "fetching the transcript")
    choice = fetch_best_transcript(
        client, source.transcripts, language=language, feed_language=source.language, cancel=cancel,
        duration_ms=duration_ms,
    )
    result = EpisodeDownload(source.episode_id, target, duration_ms, choice.transcript, choice)
    if source.transcripts:
        result.notes.append(choice.summary())
        result.notes.extend(f"skipped: {failure}" for failure in choice.failures if choice.link is not None)
    transcript = choice.transcript
    if transcript is not None and transcript.timing is Timing.NONE:
        from podplayer.core.timing_estimate import estimate_timings

        progress(0.9, 1.0, "estimating timings")
        result.transcript = estimate_timings(transcript, target, cancel=cancel)
        result.notes.append("untimed transcript: timings estimated (Sync to audio aligns it word by word)")
    cancel.check()
    progress(0.95, 1.0, "reading chapters")
    read_episode_chapters(client, source, result)
    progress(1.0, 1.0, "done")
    return result


def read_episode_chapters(client: HttpClient, source: EpisodeSource, result: EpisodeDownload) -> None:
    """Chapters for the episode: JSON chapters from the feed's link, else Podlove chapters in the
    feed item, else chapters embedded in the audio. A problem is a note, never a failed download."""
    try:
        if source.chapters_url:
            try:
                body = client.get(source.chapters_url, max_bytes=10 * 1024 * 1024, what="chapters URL").body
                result.chapters = parse_json_chapters(body, source=source.chapters_url)
                result.chapters_source = ChapterSource.JSON
                return
            except PodplayerError as exc:  # the link is broken: the other sources may still have them
                result.notes.append(f"chapters: {exc}")
        if source.podlove_chapters:
            result.chapters = parse_podlove_chapters(source.podlove_chapters, source=f"{source.title}: Podlove chapters")
            result.chapters_source = ChapterSource.PODLOVE
        else:
            result.chapters = read_embedded_chapters(result.audio_path)
            result.chapters_source = ChapterSource.EMBEDDED
    except PodplayerError as exc:
        result.notes.append(f"chapters: {exc}")
