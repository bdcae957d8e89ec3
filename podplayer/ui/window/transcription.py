"""Transcribe…: offered for an episode without a transcript (menu and banner), and for an audio file
opened on its own. Runs the Transcribe dialog and re-reads the episode when its transcript is stored.

Feeds: ``transcribe_new_episodes`` is the per-podcast preference key (PodcastStore.set_preference) a
podcast view sets; :meth:`Transcription.queue_new_feed_episodes` transcribes, one after another, every
downloaded episode of such a podcast that has no transcript yet.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from podplayer.core.formats.media import AUDIO_SUFFIXES, file_patterns
from podplayer.core.jobs import CancelToken, Progress
from podplayer.core.model import Episode, PodplayerError, Transcript
from podplayer.core.transcribe import TranscribeOptions, is_available
from podplayer.store.podcast_store import TRANSCRIBE_NEW_EPISODES
from podplayer.store.repository import Library
from podplayer.ui.dialogs.transcribe_dialog import TranscribeDialog
from podplayer.ui.feedback import ShowError, ShowStatus
from podplayer.ui.jobs import Job, JobRunner
from podplayer.ui.session import EpisodeSession
from podplayer.ui.settings import Settings
from podplayer.usecases.import_episode import import_audio_only
from podplayer.usecases.transcribe import transcribe_episode


def can_transcribe(episode: Episode | None) -> bool:
    """An episode with audio on this machine and no words yet."""
    return (
        episode is not None
        and episode.transcript.word_count == 0
        and bool(episode.audio_path)
        and os.path.isfile(episode.audio_path or "")
    )


class Transcription(QObject):
    def __init__(self, library: Library, settings: Settings, jobs: JobRunner, session: EpisodeSession,
                 status: ShowStatus, show_error: ShowError, owner: QWidget) -> None:
        super().__init__(owner)
        self.library = library
        self.settings = settings
        self.jobs = jobs
        self.session = session
        self.status = status
        self.show_error = show_error
        self.owner = owner
        self.dialog: TranscribeDialog | None = None
        self._queue: list[int] = []
        self._queue_job: Job | None = None
        self._queue_running: int | None = None  # the episode the queue's job is transcribing

    def open_dialog(self) -> TranscribeDialog | None:
        """The Transcribe dialog for the open episode (when it has audio and no transcript)."""
        episode = self.session.episode
        if episode is None or not can_transcribe(episode):
            self.show_error("Transcribe needs an episode with its audio file and no transcript yet.", dialog=True)
            return None
        dialog = TranscribeDialog(self.library, self.jobs, self.settings, episode, self.owner)
        dialog.transcribed.connect(self._stored)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_audio_file(self) -> TranscribeDialog | None:
        """Choose an audio file, add it to the library on its own and offer to transcribe it."""
        patterns = file_patterns(AUDIO_SUFFIXES)
        chosen, _ = QFileDialog.getOpenFileName(
            self.owner, "Audio to transcribe", self.settings.last_open_folder, f"Audio ({patterns});;All files (*)"
        )
        return self.open_audio(Path(chosen)) if chosen else None

    def open_audio(self, audio: Path) -> TranscribeDialog | None:
        try:
            episode_id = import_audio_only(self.library, audio).episode_id
        except PodplayerError as exc:
            self.show_error(str(exc), dialog=True)
            return None
        self.session.library_changed()
        if not self.session.open(episode_id):
            return None
        return self.open_dialog() if can_transcribe(self.session.episode) else None

    def _stored(self, episode_id: int) -> None:
        self.status("Transcribed: speakers and word timings are ready (rename speakers with the speakers list)", 8000)
        if self.session.is_open(episode_id):
            self.session.reload()
        else:
            self.session.library_changed()

    # --- feeds: transcribe new episodes of chosen podcasts ---------------------------------------
    def queue_new_feed_episodes(self) -> list[int]:
        """Queue every downloaded episode without a transcript whose podcast asks for transcription."""
        if not is_available():
            return []
        wanted = {p.id for p in self.library.podcasts.podcasts() if p.preferences.get(TRANSCRIBE_NEW_EPISODES)}
        added: list[int] = []
        for summary in self.library.episodes():
            queued = summary.id in self._queue or summary.id == self._queue_running
            if summary.podcast_id in wanted and not queued and self._needs_transcript(summary.id):
                self._queue.append(summary.id)
                added.append(summary.id)
        self._next_in_queue()
        return added

    def _needs_transcript(self, episode_id: int) -> bool:
        try:
            return can_transcribe(self.library.episode(episode_id))
        except PodplayerError:
            return False

    def _next_in_queue(self) -> None:
        if self._queue_job is not None or not self._queue:
            return
        episode_id = self._queue.pop(0)
        self._queue_running = episode_id
        episode = self.library.episode(episode_id)
        options = TranscribeOptions(model=self.settings.transcribe_model or None,
                                    language=self.settings.transcribe_language or None)

        def work(progress: Progress, cancel: CancelToken) -> Transcript:
            return transcribe_episode(self.library, episode_id, options, progress=progress, cancel=cancel)

        def done(transcript: Transcript) -> None:
            self._stored(episode_id)

        def failed(message: str) -> None:
            self.status(f"Could not transcribe {episode.title}: {message}", 8000)

        def finished() -> None:
            self._queue_job = None
            self._queue_running = None
            self._next_in_queue()

        self._queue_job = self.jobs.run(f"Transcribing {episode.title}", work, done, failed)
        self._queue_job.finished.connect(finished)
