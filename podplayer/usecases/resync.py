"""Check a library episode's transcript against its audio, remember the finding, re-sync or undo.

:func:`check_episode_sync` is a core-style job (progress callback + cancel token): the window runs it
after an import or when an episode is opened unchecked, and a feed download can call it after saving
the audio. :func:`resync_episode` and :func:`restore_episode` apply and undo a re-sync; highlights
are anchored to words, so they stay on their words either way.
"""

from __future__ import annotations

import os

from podplayer.core.align.resync import resync_transcript
from podplayer.core.align.sync_report import EpisodeSync, SyncState
from podplayer.core.jobs import CancelToken, Progress, no_progress
from podplayer.core.model import Episode, Timing, Transcript
from podplayer.store.repository import Library


def can_check(episode: Episode) -> bool:
    """Whether the episode has its own times to check and an audio file to check them against."""
    return (
        episode.transcript.timing in (Timing.TURN, Timing.WORD)
        and bool(episode.audio_path)
        and os.path.isfile(episode.audio_path or "")
    )


def check_episode_sync(
    library: Library,
    episode_id: int,
    *,
    resync: bool = False,
    jobs: int = 2,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> EpisodeSync | None:
    """Check the episode and store the finding (re-synced at once when ``resync``); None: nothing to check."""
    episode = library.episode(episode_id)
    if not can_check(episode):
        return None
    assert episode.audio_path is not None
    from podplayer.core.align.sync_check import check_sync  # numpy and pocketsphinx: only when checking

    report = check_sync(episode.transcript, episode.audio_path, jobs=jobs, progress=progress, cancel=cancel)
    sync = EpisodeSync(report, SyncState.FITS if report.fits else SyncState.PENDING)
    library.set_sync_check(episode_id, sync)
    if resync and not report.fits:
        return resync_episode(library, episode_id, sync)
    return sync


def resync_episode(library: Library, episode_id: int, sync: EpisodeSync) -> EpisodeSync:
    """Shift the episode's times by the check's offsets; returns the new state (RESYNCED)."""
    transcript = library.episode(episode_id).transcript
    done = EpisodeSync(sync.report, SyncState.RESYNCED)
    library.apply_sync(episode_id, resync_transcript(transcript, sync.report), done)
    return done


def restore_episode(library: Library, episode_id: int, old: Transcript, sync: EpisodeSync) -> EpisodeSync:
    """Undo a re-sync: put the transcript's own times back; the finding is pending again."""
    pending = EpisodeSync(sync.report, SyncState.PENDING)
    library.apply_sync(episode_id, old, pending)
    return pending
