"""Owns the QMediaPlayer and wires player ↔ transcript ↔ library.

- Turns the player's position into the playing turn/word through core.timeline (bisect) and emits
  ``currentChanged`` only when that changes. Inside audio the transcript lacks (an ad, see
  core.untranscribed) no word is current: ``stretchChanged`` says which stretch plays instead, and
  ``skip_untranscribed`` jumps to its end (by itself while playing, with the "skip ads" preference).
- Saves the listening position to the library while playing (at most every 5 s), on pause and when
  an episode is closed; an episode reopens where it was left.
- Media problems (missing file, unsupported codec) become one clear message naming the file; the
  transcript stays usable without audio (seeking then moves a virtual playhead).
- Loops: the current turn, or any (start, end) range such as a highlight.

Playback works without a sound server: Qt's FFmpeg backend drives the clock with no audio device, so
tests play real audio through QMediaPlayer under QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import contextlib
import os
import time

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from podplayer.core.model import Episode, PodplayerError, Transcript, WordRef
from podplayer.core.timeline import Location, Timeline
from podplayer.core.untranscribed import UntranscribedAudio, UntranscribedStretch
from podplayer.store.repository import Library
from podplayer.ui.settings import Settings

TICK_MS = 40  # position refresh while playing: smooth karaoke without waking the CPU needlessly
SAVE_EVERY_S = 5.0
REPLAY_MS = 5000
SKIP_SLACK_MS = 300  # this close to a skipped stretch's end, playing on is as good as a jump
MIN_RATE, MAX_RATE, RATE_STEP = 0.5, 3.0, 0.1


class PlaybackController(QObject):
    positionChanged = Signal(int)
    skipped = Signal(int, int)  # (from, to) ms: a stretch not in the transcript was skipped
    durationChanged = Signal(int)
    playingChanged = Signal(bool)
    currentChanged = Signal(object, object)  # turn index | None, word index | None
    stretchChanged = Signal(object)  # the UntranscribedStretch playing now | None
    rateChanged = Signal(float)
    volumeChanged = Signal(int)
    mutedChanged = Signal(bool)
    loopChanged = Signal(bool, bool)  # loop turn, loop range
    mediaError = Signal(str)
    mediaReady = Signal()  # audio loaded and seekable

    def __init__(self, library: Library, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.player = QMediaPlayer(self)
        self.audio_output = QAudioOutput(self)
        self.player.setAudioOutput(self.audio_output)
        self.episode_id: int | None = None
        self.timeline = Timeline(Transcript([]))
        self.media_error: str | None = None
        self._has_media = False
        self._position = 0  # the virtual playhead when there is no audio
        self._duration = 0
        self._pending_seek: int | None = None
        self._play_on_ready = False  # play once the loading audio is ready (play_when_ready)
        self._current: tuple[int | None, int | None] = (None, None)
        self._last_saved_at = 0.0
        self._last_saved_pos = -1
        self._paused_once = False
        self._loop_turn = False
        self._loop_range: tuple[int, int] | None = None
        self._untranscribed_spans: list[tuple[int, int]] = []
        self._untranscribed = UntranscribedAudio([], self.timeline)
        self._stretch: UntranscribedStretch | None = None
        self._rate = settings.speed
        self.persist_position = True  # False: never write the position back (screenshots, previews)

        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.positionChanged.connect(self._on_player_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)

        self.audio_output.setVolume(settings.volume / 100.0)
        self.audio_output.setMuted(settings.muted)
        self._enable_pitch_compensation()

    # --- loading ------------------------------------------------------------------------------
    def load(self, episode: Episode) -> None:
        """Show ``episode``'s timeline and load its audio at the saved position (paused)."""
        if episode.id != self.episode_id:
            self._untranscribed_spans = []  # another episode's ads (a reload keeps them)
        self.unload()
        self.episode_id = episode.id
        self._set_timeline(Timeline(episode.transcript))
        self._position = max(0, episode.position_ms)
        self._duration = episode.duration_ms or self.timeline.transcript.end_ms or 0
        self.media_error = None
        self._has_media = False
        self._paused_once = False
        self._last_saved_pos = self._position
        self._last_saved_at = time.monotonic()
        self.durationChanged.emit(self._duration)
        self._emit_position(self._position)
        path = episode.audio_path
        if not path:
            self.media_error = None
            return
        if not os.path.isfile(path):
            self._fail(f"Audio file not found: {os.path.basename(path)} (looked in {os.path.dirname(path) or '.'})")
            return
        self._has_media = True
        self._pending_seek = self._position
        self.player.setPlaybackRate(self._rate)
        self.player.setSource(QUrl.fromLocalFile(os.path.abspath(path)))

    def unload(self) -> None:
        """Save the position and release the audio file."""
        if self.episode_id is not None:
            self.save_position(force=True)
        self._tick.stop()
        # No player.stop() first: with Qt 6.11's FFmpeg backend, stop() after pause() sometimes
        # deadlocks (seen here about once in 40 tries); clearing the source stops playback safely.
        self.player.setSource(QUrl())
        self._has_media = False
        self._pending_seek = None
        self._play_on_ready = False
        self.episode_id = None
        self._loop_turn = False
        self._loop_range = None
        self._current = (None, None)
        self._stretch = None
        self._set_timeline(Timeline(Transcript([])))

    def set_transcript(self, transcript: Transcript) -> None:
        """New words or timings for the loaded episode (after estimating or syncing)."""
        self._set_timeline(Timeline(transcript))
        self._current = (None, None)
        self._stretch = None
        self._update_current(self.position)

    def turns_changed(self, transcript: Transcript, first: int, count: int) -> None:
        """Turns ``first``.. of the loaded episode were corrected in place (as many turns as before)."""
        self._set_timeline(self.timeline.with_turns_changed(transcript, first, count))
        self._current = (None, None)
        self._update_current(self.position)

    def set_untranscribed(self, spans: list[tuple[int, int]]) -> None:
        """The loaded episode's audio not in the transcript (ads): no word is current while it plays."""
        self._untranscribed_spans = list(spans)
        self._set_timeline(self.timeline)
        self._update_current(self.position)

    def _set_timeline(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self._untranscribed = UntranscribedAudio(self._untranscribed_spans, timeline)

    # --- state ---------------------------------------------------------------------------------
    @property
    def has_media(self) -> bool:
        return self._has_media and self.media_error is None

    @property
    def position(self) -> int:
        return self.player.position() if self.has_media and self._pending_seek is None else self._position

    @property
    def duration(self) -> int:
        return self._duration

    @property
    def is_playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def current(self) -> tuple[int | None, int | None]:
        return self._current

    @property
    def current_stretch(self) -> UntranscribedStretch | None:
        """The stretch of audio not in the transcript that the playhead is in, if any."""
        return self._stretch

    def pitch_preserved(self) -> bool | None:
        """True if speed changes keep the voice's pitch, False if not, None if unknown yet."""
        availability = self.player.pitchCompensationAvailability()
        if availability == QMediaPlayer.PitchCompensationAvailability.Unavailable:
            return False
        if availability == QMediaPlayer.PitchCompensationAvailability.AlwaysOn:
            return True
        return bool(self.player.pitchCompensation())

    def _enable_pitch_compensation(self) -> None:
        if self.player.pitchCompensationAvailability() == QMediaPlayer.PitchCompensationAvailability.Available:
            self.player.setPitchCompensation(True)

    # --- intents ---------------------------------------------------------------------------------
    def play(self) -> None:
        if not self.has_media:
            if self.media_error:
                self.mediaError.emit(self.media_error)
            return
        if self._paused_once and self.settings.auto_rewind_s > 0:
            self.seek(self.position - int(self.settings.auto_rewind_s * 1000))
        self.player.play()

    def pause(self) -> None:
        if self.is_playing:
            self._paused_once = True
            self.player.pause()
            self.save_position(force=True)

    def play_when_ready(self) -> None:
        """Play now if the audio is loaded, else as soon as it is (an episode opened to be played)."""
        if self.has_media and self._pending_seek is not None:
            self._play_on_ready = True
        else:
            self.play()

    def toggle_play(self) -> None:
        if self.is_playing:
            self.pause()
        else:
            self.play()

    def seek(self, position_ms: int) -> None:
        upper = self._duration if self._duration > 0 else max(position_ms, 0)
        position_ms = max(0, min(int(position_ms), upper))
        self._position = position_ms
        if self._loop_turn:
            self._loop_range = None  # re-anchored on the turn we land in
        if self.has_media:
            if self._pending_seek is not None:
                self._pending_seek = position_ms
            else:
                self.player.setPosition(position_ms)
        self._emit_position(position_ms)

    def skip(self, delta_ms: int) -> None:
        self.seek(self.position + delta_ms)

    def skip_back(self) -> None:
        self.skip(-self.settings.skip_back_s * 1000)

    def skip_forward(self) -> None:
        self.skip(self.settings.skip_forward_s * 1000)

    def skip_untranscribed(self) -> None:
        """Jump to the end of the stretch not in the transcript that is playing (nothing outside one)."""
        stretch = self._stretch
        if stretch is not None:
            self.seek(stretch.end_ms)
            self.skipped.emit(stretch.start_ms, stretch.end_ms)

    def replay_last(self, ms: int = REPLAY_MS) -> None:
        self.seek(self.position - ms)
        self.play()

    def seek_to_word(self, ref: WordRef, play: bool = True) -> None:
        if not self.timeline.is_timed:
            return
        self.seek(self.timeline.word_start(ref))
        if play:
            self.play()

    def seek_to_turn(self, turn: int, play: bool = True) -> None:
        if not self.timeline.is_timed or not 0 <= turn < len(self.timeline):
            return
        self.seek(self.timeline.turn_start(turn))
        if play:
            self.play()

    def set_rate(self, rate: float) -> None:
        rate = round(min(MAX_RATE, max(MIN_RATE, rate)), 1)
        self._rate = rate
        self.player.setPlaybackRate(rate)
        self.settings.speed = rate
        self.rateChanged.emit(rate)

    def faster(self) -> None:
        self.set_rate(self._rate + RATE_STEP)

    def slower(self) -> None:
        self.set_rate(self._rate - RATE_STEP)

    def set_volume(self, volume: int) -> None:
        volume = max(0, min(100, volume))
        self.audio_output.setVolume(volume / 100.0)
        self.settings.volume = volume
        self.volumeChanged.emit(volume)

    def set_muted(self, muted: bool) -> None:
        self.audio_output.setMuted(muted)
        self.settings.muted = muted
        self.mutedChanged.emit(muted)

    def set_loop_turn(self, enabled: bool) -> None:
        self._loop_turn = enabled
        self._loop_range = None
        if enabled:
            self._anchor_turn_loop(self.position)
        self.loopChanged.emit(self._loop_turn, False)

    def set_loop_range(self, span: tuple[int, int] | None) -> None:
        """Loop [start, end) (e.g. a highlight); None stops looping."""
        self._loop_turn = False
        self._loop_range = span if span and span[1] > span[0] else None
        if self._loop_range and not self._loop_range[0] <= self.position < self._loop_range[1]:
            self.seek(self._loop_range[0])
        self.loopChanged.emit(False, self._loop_range is not None)

    @property
    def loop_range(self) -> tuple[int, int] | None:
        return self._loop_range

    # --- persistence -----------------------------------------------------------------------------
    def save_position(self, force: bool = False) -> None:
        if self.episode_id is None or not self.persist_position:
            return
        pos = self.position
        now = time.monotonic()
        if not force and now - self._last_saved_at < SAVE_EVERY_S:
            return
        self._last_saved_at = now
        if pos == self._last_saved_pos:
            return
        try:
            self.library.set_position(self.episode_id, pos)
            self._last_saved_pos = pos
        except PodplayerError as exc:  # e.g. read-only library: keep playing, say it once
            self.mediaError.emit(f"Could not save the listening position: {exc}")

    # --- player callbacks --------------------------------------------------------------------------
    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        if playing:
            self._tick.start()
        else:
            self._tick.stop()
            self._on_tick()
        self.playingChanged.emit(playing)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia):
            if self._pending_seek is not None:
                target = self._pending_seek
                self._pending_seek = None
                if target > 0:
                    self.player.setPosition(target)
                self._enable_pitch_compensation()
                self.mediaReady.emit()
                if self._play_on_ready:
                    self._play_on_ready = False
                    self.play()
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._position = self._duration
            self.save_position(force=True)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self.media_error is None:
            self._fail(f"Cannot play {self._source_name()}: unsupported or damaged audio")

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        detail = message or error.name
        self._fail(f"Cannot play {self._source_name()}: {detail}")

    def _fail(self, message: str) -> None:
        self.media_error = message
        self._tick.stop()
        self.mediaError.emit(message)

    def _source_name(self) -> str:
        return os.path.basename(self.player.source().toLocalFile()) or "the audio file"

    def _on_duration(self, duration: int) -> None:
        if duration <= 0:
            return
        self._duration = duration
        self.durationChanged.emit(duration)
        if self.episode_id is not None:
            with contextlib.suppress(PodplayerError):  # a read-only library: the duration is only a cache
                self.library.set_duration(self.episode_id, duration)

    def _on_player_position(self, position: int) -> None:
        if self._pending_seek is None and not self.is_playing:
            self._position = position
            self._emit_position(position)

    def _on_tick(self) -> None:
        if not self.has_media or self._pending_seek is not None:
            return
        pos = self.player.position()
        if self._loop_turn and self._loop_range is None:
            self._anchor_turn_loop(pos)
        span = self._loop_range
        if span is not None and self.is_playing and pos >= span[1]:
            self.player.setPosition(span[0])
            pos = span[0]
        skip = self._skip_target(pos)
        if skip is not None:
            self.player.setPosition(skip[1])
            self.skipped.emit(skip[0], skip[1])
            pos = skip[1]
        self._position = pos
        self._emit_position(pos)
        self.save_position()

    def _skip_target(self, pos: int) -> tuple[int, int] | None:
        """The stretch to jump over now: playing, with the "skip ads" preference, not at its very end."""
        if not self.is_playing or not self.settings.skip_untranscribed:
            return None
        stretch = self._untranscribed.stretch_at(pos)
        if stretch is None or pos >= stretch.end_ms - SKIP_SLACK_MS:
            return None
        return stretch.start_ms, stretch.end_ms

    def _anchor_turn_loop(self, pos: int) -> None:
        turn = self.timeline.turn_at(pos)
        if turn is None and self.timeline.is_timed and len(self.timeline):
            turn = 0
        self._loop_range = self.timeline.turn_span(turn) if turn is not None else None

    def _emit_position(self, pos: int) -> None:
        self.positionChanged.emit(pos)
        self._update_current(pos)

    def _update_current(self, pos: int) -> None:
        place = self._untranscribed.locate(pos)
        current = (place.turn, place.word) if isinstance(place, Location) else (None, None)
        stretch = place if isinstance(place, UntranscribedStretch) else None
        # Leaving a stretch: its note stops being current before the next word is; entering one: after.
        if stretch is None:
            self._set_stretch(stretch)
        if current != self._current:
            self._current = current
            self.currentChanged.emit(*current)
        self._set_stretch(stretch)

    def _set_stretch(self, stretch: UntranscribedStretch | None) -> None:
        if stretch != self._stretch:
            self._stretch = stretch
            self.stretchChanged.emit(stretch)
