"""Playback → Find speakers: label the open episode's turns from its audio, as a background job with
progress and Cancel (usecases/speakers.py does the work and stores it in one write). Offered for timed
transcripts: a published transcript without speaker names once it is synced, a transcription after
corrections. Also learns a voice when the user names a speaker and hands it to the rename, which keeps
it while the rename stands, so later episodes arrive with the name.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from podplayer.core.jobs import CancelToken, Progress
from podplayer.core.model import Episode, Transcript
from podplayer.core.speakers.known import KnownVoice
from podplayer.core.transcribe import is_available
from podplayer.store.repository import Library
from podplayer.ui.annotations.undo_commands import RenameSpeakerCommand
from podplayer.ui.feedback import ShowError, ShowStatus
from podplayer.ui.jobs import Job, JobRunner
from podplayer.ui.operations import OpChanges, Operation, OperationRunner
from podplayer.ui.session import EpisodeSession
from podplayer.usecases.speakers import has_word_times, is_placeholder, learn_voice, speakers_from_audio


def can_find_speakers(episode: Episode | None) -> bool:
    """An episode with its audio here and word times (synced or transcribed), and the speaker extra."""
    return (
        episode is not None
        and has_word_times(episode.transcript)
        and bool(episode.audio_path)
        and os.path.isfile(episode.audio_path or "")
        and is_available()
    )


def lacks_speakers(episode: Episode) -> bool:
    """A transcript whose turns name no one (one speaker, or only the program's "Speaker N" labels)."""
    speakers = episode.transcript.speakers
    return len(speakers) <= 1 or all(is_placeholder(s) for s in speakers)


class SpeakerFinding(QObject):
    def __init__(self, library: Library, jobs: JobRunner, operations: OperationRunner, session: EpisodeSession,
                 status: ShowStatus, show_error: ShowError, owner: QWidget) -> None:
        super().__init__(owner)
        self.library = library
        self.jobs = jobs
        self.operations = operations
        self.session = session
        self.status = status
        self.show_error = show_error
        self.job: Job | None = None

    def find(self) -> Job | None:
        """Find the open episode's speakers (one job at a time)."""
        episode = self.session.episode
        if episode is None or episode.id is None or not can_find_speakers(episode):
            self.show_error(
                "Find speakers needs a transcript synced to its audio (Playback → Sync to audio) and the audio file.",
                dialog=True,
            )
            return None
        if self.job is not None:
            return self.job
        episode_id, title = episode.id, episode.title

        def work(progress: Progress, cancel: CancelToken) -> tuple[Transcript, Transcript]:
            return speakers_from_audio(self.library, episode_id, progress=progress, cancel=cancel)

        def done(result: tuple[Transcript, Transcript]) -> None:
            before, after = result
            if self.operations.run(FindSpeakersOperation(self.library, episode_id, before, after)):
                names = after.speakers
                self.status(f"Found {len(names)} speakers: {', '.join(names)} (rename one to teach its voice; "
                            "Edit → Undo puts the turns back)", 10000)

        def failed(message: str) -> None:
            self.show_error(f"Could not find speakers in {title}: {message}", dialog=True)

        def cancelled() -> None:
            self.status("Find speakers cancelled; the transcript is as it was", 5000)

        self.job = self.jobs.run(f"Finding speakers in {title}", work, done, failed, cancelled)
        self.job.finished.connect(self._finished)
        return self.job

    def _finished(self) -> None:
        self.job = None

    def learn(self, rename: RenameSpeakerCommand) -> Job | None:
        """Learn the voice of the renamed speaker's turns in the background and hand it to the rename,
        which keeps it while the rename stands (Edit → Undo takes it back, Redo keeps it again)."""
        name, episode_id, spans = rename.new, rename.episode_id, rename.spans
        if is_placeholder(name) or not spans or not is_available():
            return None

        def work(progress: Progress, cancel: CancelToken) -> KnownVoice | None:
            progress(0.0, 1.0, f"Learning the voice of {name}")
            return learn_voice(self.library, episode_id, spans, name, cancel)

        def done(voice: KnownVoice | None) -> None:
            if voice is not None and rename.teach(voice):
                self.status(f"Kept the voice of {name}: later episodes will name it", 6000)

        def failed(message: str) -> None:
            self.status(f"Could not keep the voice of {name}: {message}", 8000)

        return self.jobs.run(f"Learning the voice of {name}", work, done, failed)


class FindSpeakersOperation(Operation):
    """New speaker turns over the same words; undo puts the turns as they were (highlights follow their
    words both ways)."""

    def __init__(self, library: Library, episode_id: int, before: Transcript, after: Transcript) -> None:
        changes = OpChanges(transcript=True, speakers=True, highlights=True, episode_id=episode_id)
        super().__init__("Find speakers", changes)
        self.library = library
        self.episode_id = episode_id
        self.before, self.after = before, after

    def apply(self) -> None:
        self.library.replace_speaker_turns(self.episode_id, self.after)

    def revert(self) -> None:
        self.library.replace_speaker_turns(self.episode_id, self.before)
