"""Background work for the open episode: waveform envelope, estimated timings, sync to audio.

A transcript whose timing is only estimated (or missing) is synced to its audio by itself once per
opening, through the same "Sync to audio" job as the menu (a preference, on by default); an episode
whose sync the user cancelled is not synced again by itself in this run.

All of it runs through the JobRunner (ui/jobs.py) and lands back on the GUI thread; results
for an episode that is no longer open are dropped.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject

from podplayer.core.jobs import CancelToken
from podplayer.core.model import Episode, PodplayerError, Timing, Transcript
from podplayer.ui.feedback import ShowError, ShowStatus
from podplayer.ui.jobs import Job, JobRunner
from podplayer.ui.player.waveform_view import Levels, WaveformView, envelope_values
from podplayer.ui.session import EpisodeSession
from podplayer.ui.settings import Settings
from podplayer.ui.window.speaker_finding import can_find_speakers, lacks_speakers

ProgressCb = Any


class EpisodeJobs(QObject):
    def __init__(self, session: EpisodeSession, settings: Settings, jobs: JobRunner, waveform: WaveformView,
                 status: ShowStatus, show_error: ShowError, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.library = session.library
        self.jobs = jobs
        self.waveform = waveform
        self.status = status
        self.show_error = show_error
        self._jobs: dict[str, Job] = {}
        self._sync_pending: int | None = None  # the opened episode still to be synced by itself
        self.sync_cancelled: set[int] = set()  # episodes whose sync the user cancelled in this run

    # --- bookkeeping ---------------------------------------------------------------------------
    def running(self, kind: str) -> Job | None:
        job = self._jobs.get(kind)
        return job if job is not None and not job.done else None

    def cancel_all(self, keep: tuple[str, ...] = ()) -> None:
        """Cancel this window's episode jobs, except the kinds in ``keep``."""
        for kind, job in list(self._jobs.items()):
            if kind not in keep:
                job.cancel()
                del self._jobs[kind]

    def _still_open(self, episode_id: int | None) -> bool:
        return self.session.is_open(episode_id)

    # --- on open ---------------------------------------------------------------------------------
    def start_for(self, episode: Episode) -> None:
        self.cancel_all(keep=("sync",))  # a sync saves its result even if another episode is open
        self._sync_pending = episode.id
        self.load_waveform(episode)
        if (episode.transcript.timing == Timing.NONE and episode.transcript.word_count
                and episode.audio_path and os.path.isfile(episode.audio_path)):
            self.estimate(episode)

    def load_waveform(self, episode: Episode) -> None:
        waveform = self.waveform
        waveform.set_envelope(None)
        path = episode.audio_path
        if not path or not os.path.isfile(path):
            waveform.set_status("No audio")
            return
        waveform.set_status("Reading audio…")
        episode_id = episode.id

        def work(progress: ProgressCb, cancel: CancelToken) -> Levels:
            from podplayer.core.waveform import load_or_compute_envelope

            return envelope_values(load_or_compute_envelope(path, progress=progress, cancel=cancel))

        def done(values: Levels) -> None:
            if self._still_open(episode_id):
                waveform.set_envelope(values)

        def failed(message: str) -> None:
            if self._still_open(episode_id):
                waveform.set_status("Waveform unavailable")
                self.status(f"Waveform: {message}", 6000)

        self._jobs["waveform"] = self.jobs.run("Drawing waveform", work, done, failed)

    # --- estimated timing ----------------------------------------------------------------------------
    def estimate(self, episode: Episode) -> None:
        try:
            from podplayer.core.timing_estimate import estimate_timings
        except ImportError:
            return
        episode_id = episode.id
        transcript = episode.transcript
        audio = episode.audio_path
        assert episode_id is not None and audio is not None

        def work(progress: ProgressCb, cancel: CancelToken) -> Transcript:
            return estimate_timings(transcript, audio, progress=progress, cancel=cancel)

        def done(timed: Transcript) -> None:
            try:
                self.library.replace_timings(episode_id, timed, estimated=True)
            except PodplayerError as exc:
                self.show_error(f"Could not save estimated timings: {exc}")
                return
            if self._still_open(episode_id):
                self.session.reload()
                self.status("Estimated timings from the audio's pauses", 5000)

        def failed(message: str) -> None:
            self.status(f"Could not estimate timings: {message}", 8000)
            if self._still_open(episode_id) and self.session.episode is not None:
                self.sync_by_itself(self.session.episode)  # the offer to sync was waiting for the estimate

        self._jobs["estimate"] = self.jobs.run("Estimating timings", work, done, failed)

    # --- sync to audio ---------------------------------------------------------------------------------
    def sync_by_itself(self, episode: Episode) -> Job | None:
        """Start "Sync to audio" for the open ``episode`` without a click, once per opening: when the
        preference is on, its timing is only estimated (or missing), it has words and its audio file,
        and the user did not cancel its sync in this run. An episode still being estimated waits for
        the estimate (its reload asks again). None when nothing started."""
        if episode.id is None or episode.id != self._sync_pending:
            return None
        if self.running("estimate") is not None:
            return None
        if self.running("sync") is not None:
            return None  # another episode's sync is saving; this opening is not synced by itself
        self._sync_pending = None
        if (not self.settings.sync_untimed_automatically or episode.id in self.sync_cancelled
                or episode.transcript.timing not in (Timing.NONE, Timing.ESTIMATED)
                or not episode.transcript.word_count
                or not episode.audio_path or not os.path.isfile(episode.audio_path)):
            return None
        return self.sync_to_audio()

    def sync_to_audio(self) -> Job | None:
        episode = self.session.episode
        if episode is None or episode.id is None:
            return None
        if not episode.audio_path or not os.path.isfile(episode.audio_path):
            self.show_error("Sync to audio needs the episode's audio file, which is missing.", dialog=True)
            return None
        if self.running("sync") is not None:
            return self.running("sync")
        episode_id = episode.id
        transcript = episode.transcript
        audio = episode.audio_path
        workers = max(1, min(4, (os.cpu_count() or 2)))

        def work(progress: ProgressCb, cancel: CancelToken) -> Transcript:
            from podplayer.core.align import align_transcript  # numpy and pocketsphinx: not at start-up

            return align_transcript(transcript, audio, jobs=workers, progress=progress, cancel=cancel)

        def done(aligned: Transcript) -> None:
            now = self.session.episode if self._still_open(episode_id) else None
            if now is not None and _words(now.transcript) != _words(transcript):
                # Corrected while syncing: these times are for the old words. Sync the words as they are.
                self.status("The transcript was corrected while syncing: syncing it again", 6000)
                self.sync_to_audio()
                return
            try:
                self.library.replace_timings(episode_id, aligned, estimated=False)
            except PodplayerError as exc:
                self.show_error(f"Could not save the synced timings: {exc}", dialog=True)
                return
            if self._still_open(episode_id):
                self.session.reload()
            synced = self.session.episode if self._still_open(episode_id) else None
            if synced is not None and lacks_speakers(synced) and can_find_speakers(synced):
                self.status("Transcript synced, word by word. It names no speakers: Playback → Find speakers "
                            "labels its turns by voice", 12000)
            else:
                self.status("Transcript synced to the audio, word by word", 6000)

        def failed(message: str) -> None:
            self.show_error(f"Sync to audio failed: {message}", dialog=True)

        def cancelled() -> None:
            self.sync_cancelled.add(episode_id)  # not synced by itself again in this run
            self.status("Sync to audio cancelled", 4000)

        job = self.jobs.run("Syncing to audio", work, done, failed, cancelled)
        self._jobs["sync"] = job
        return job


def _words(transcript: Transcript) -> list[list[str]]:
    """Each turn's words: what a sync's times belong to."""
    return [[word.text for word in turn.words] for turn in transcript.turns]
