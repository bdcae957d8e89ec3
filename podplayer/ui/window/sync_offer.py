"""Does the open episode's transcript still fit its audio? Check in the background, then offer a re-sync.

An episode with its own times and an audio file is checked after it is imported, or from
Playback → Check sync with audio (the finding is stored with the episode). When it does not fit, a banner says what is off and offers "Re-sync" (or the re-sync runs
at once, by preference); closing the banner keeps the transcript's times and is remembered, so it asks
once per episode. After a re-sync the banner offers Undo, the ads are grey on the waveform and noted
above the turn after each in the transcript (the note is the current place while the ad plays, with a
Skip button), and with the "skip ads" preference skipped while playing.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject

from podplayer.core.align.sync_report import EpisodeSync, SyncReport, SyncState
from podplayer.core.jobs import CancelToken
from podplayer.core.model import Episode, PodplayerError, Transcript
from podplayer.core.untranscribed import UntranscribedStretch
from podplayer.store.repository import Library
from podplayer.ui.feedback import ShowStatus
from podplayer.ui.jobs import Job, JobRunner
from podplayer.ui.operations import OpChanges, Operation, OperationRunner
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.player.waveform_view import WaveformView
from podplayer.ui.settings import Settings
from podplayer.ui.transcript.view import TranscriptView
from podplayer.ui.window.banner import Banner
from podplayer.usecases.resync import can_check, restore_episode, resync_episode


class SyncOffer(QObject):
    def __init__(
        self,
        library: Library,
        settings: Settings,
        jobs: JobRunner,
        operations: OperationRunner,
        banner: Banner,
        playback: PlaybackController,
        waveform: WaveformView,
        transcript: TranscriptView,
        status: ShowStatus,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.settings, self.jobs, self.banner = library, settings, jobs, banner
        self.operations = operations
        self.playback, self.waveform, self.transcript = playback, waveform, transcript
        self._status = status
        self.episode_id: int | None = None
        self.job: Job | None = None
        self._resync: ResyncOperation | None = None  # the last re-sync, while the banner offers Undo
        playback.skipped.connect(self._on_skipped)
        operations.changed.connect(self._follow_changes)

    # --- the open episode ----------------------------------------------------------------------
    def episode_opened(self, episode: Episode) -> None:
        """Show what is known about this episode's sync (grey stretches, a pending offer)."""
        if episode.id != self.episode_id:
            self.cancel()
            self.episode_id = episode.id
        if episode.id is None:
            return
        sync = self.library.sync_check(episode.id)
        self._show_stretches(sync)
        if sync is not None and sync.state is SyncState.PENDING:
            self._offer(episode.id, sync)

    def check(self, episode: Episode, *, again: bool = False) -> Job | None:
        """Check the episode in the background (after an import; ``again``: from the menu, even if
        it was checked before). None when there is nothing to check or a check is running."""
        if episode.id is None or not can_check(episode) or (self.job is not None and not self.job.done):
            return None
        if not again and self.library.sync_check(episode.id) is not None:
            return None
        self.episode_id = episode.id
        return self._start_check(episode)

    def episode_closed(self) -> None:
        self.cancel()
        self.episode_id = None
        self._show_stretches(None)

    @property
    def running(self) -> bool:
        return self.job is not None and not self.job.done

    def cancel(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
        self.job = None

    # --- checking ----------------------------------------------------------------------------------
    def _start_check(self, episode: Episode) -> Job:
        episode_id, transcript, audio = episode.id, episode.transcript, episode.audio_path
        assert episode_id is not None and audio is not None
        workers = max(1, min(2, os.cpu_count() or 2))

        def work(progress: Any, cancel: CancelToken) -> SyncReport:
            from podplayer.core.align.sync_check import check_sync  # not at start-up

            return check_sync(transcript, audio, jobs=workers, progress=progress, cancel=cancel)

        def done(report: SyncReport) -> None:
            sync = EpisodeSync(report, SyncState.FITS if report.fits else SyncState.PENDING)
            try:
                self.library.set_sync_check(episode_id, sync)
            except PodplayerError as exc:
                self._status(f"Could not save the sync check: {exc}")
                return
            if episode_id != self.episode_id:
                return
            if sync.state is SyncState.PENDING:
                self._offer(episode_id, sync)
            else:
                self._status("The transcript fits its audio")

        def failed(message: str) -> None:
            self._status(f"Could not check the transcript against the audio: {message}")

        self.job = self.jobs.run("Checking the transcript against the audio", work, done, failed)
        return self.job

    # --- the banner ----------------------------------------------------------------------------------
    def _offer(self, episode_id: int, sync: EpisodeSync) -> None:
        if self.settings.resync_automatically:
            self.resync(episode_id, sync)
            return
        if self.banner.kind == "error":
            return  # a media error says more; the finding stays pending for the next opening
        self.banner.show_message(
            sync.report.headline(),
            "warning",
            "Re-sync",
            lambda: self.resync(episode_id, sync),
            on_close=lambda: self._dismiss(episode_id, sync),
        )

    def resync(self, episode_id: int, sync: EpisodeSync) -> None:
        """Re-sync as an operation (Edit → Undo and the banner's Undo both take it back)."""
        try:
            operation = ResyncOperation(self.library, episode_id, sync)
        except PodplayerError as exc:
            self._status(f"Could not re-sync: {exc}")
            return
        if not self.operations.run(operation):
            return
        self._resync = operation
        if episode_id == self.episode_id:
            stretches = len(sync.report.stretches)
            self.banner.show_message(
                f"Re-synced: {stretches} stretch{'es' if stretches != 1 else ''} moved to match the audio; "
                "audio not in the transcript is grey on the waveform and noted in the transcript.",
                "info",
                "Undo",
                self.undo,
            )

    def undo(self) -> None:
        """The banner's Undo: the re-sync's step on the undo stack, when it is the last one done."""
        stack = self.operations.undo_stack
        operation, self._resync = self._resync, None
        if operation is None or stack.index() == 0 or stack.command(stack.index() - 1) is not operation:
            return
        stack.undo()
        if operation.episode_id == self.episode_id:
            self._status("Re-sync undone: the transcript's own times are back")

    def _follow_changes(self, changes: OpChanges) -> None:
        """After any operation on the open episode's transcript (a re-sync, its undo, a correction):
        grey stretches as the stored finding now says."""
        if (self.episode_id is not None and changes.transcript and not changes.shown
                and changes.concerns(self.episode_id)):  # (a corrected turn keeps every other time)
            self._show_stretches(self.library.sync_check(self.episode_id))

    def _dismiss(self, episode_id: int, sync: EpisodeSync) -> None:
        try:
            self.library.set_sync_check(episode_id, EpisodeSync(sync.report, SyncState.DISMISSED))
        except PodplayerError as exc:
            self._status(f"Could not save your choice: {exc}")

    # --- grey stretches and skipping -------------------------------------------------------------
    def _show_stretches(self, sync: EpisodeSync | None) -> None:
        spans = sync.untranscribed if sync is not None else []
        self.waveform.set_untranscribed(spans)
        self.transcript.set_untranscribed(spans)
        self.playback.set_untranscribed(spans)

    def _on_skipped(self, start: int, end: int) -> None:
        self._status(f"Skipped {UntranscribedStretch(start, end, None).describe()}")


class ResyncOperation(Operation):
    """Shift the episode's times by a sync check's offsets; undo puts the transcript's own times back
    and remembers the choice (the offer is not made again)."""

    def __init__(self, library: Library, episode_id: int, sync: EpisodeSync) -> None:
        super().__init__("Re-sync to the audio", OpChanges(transcript=True, episode_id=episode_id))
        self.library, self.episode_id, self.sync = library, episode_id, sync
        self.before: Transcript = library.episode(episode_id).transcript
        self.done: EpisodeSync | None = None

    def apply(self) -> None:
        self.done = resync_episode(self.library, self.episode_id, self.sync)

    def revert(self) -> None:
        assert self.done is not None
        pending = restore_episode(self.library, self.episode_id, self.before, self.done)
        # Asked once: after an undo the transcript's own times are what the user wants.
        self.library.set_sync_check(self.episode_id, EpisodeSync(pending.report, SyncState.DISMISSED))
