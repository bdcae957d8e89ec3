"""What the playback menu, the player bar and the transcript ask of the player, checked first.

Play/pause explains why it cannot play (no episode, no audio, a media error); previous/next turn,
follow mode, loop the current turn or the selection (or the highlight under the playhead), and
auto-rewind. The loop actions and the player bar's loop buttons always show the controller's state.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from podplayer.core.model import WordRef
from podplayer.ui.feedback import ShowError, ShowStatus
from podplayer.ui.player.controls import PlayerControls
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.session import EpisodeSession
from podplayer.ui.settings import Settings
from podplayer.ui.transcript.view import TranscriptView


class PlaybackIntents(QObject):
    def __init__(
        self,
        *,
        playback: PlaybackController,
        view: TranscriptView,
        controls: PlayerControls,
        session: EpisodeSession,
        settings: Settings,
        status: ShowStatus,
        show_error: ShowError,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.playback = playback
        self.view = view
        self.controls = controls
        self.session = session
        self.settings = settings
        self.status = status
        self.show_error = show_error
        self._loop_turn: QAction | None = None
        self._loop_selection: QAction | None = None
        playback.loopChanged.connect(self._show_loop_states)
        view.wordActivated.connect(self.seek_word)
        view.turnActivated.connect(lambda turn: playback.seek_to_turn(turn, play=True))
        view.untranscribedActivated.connect(self.play_from)
        view.skipRequested.connect(playback.skip_untranscribed)

    def use_loop_actions(self, loop_turn: QAction, loop_selection: QAction) -> None:
        """The menu's checkable loop actions (built after this object, from the same table)."""
        self._loop_turn, self._loop_selection = loop_turn, loop_selection
        self.controls.loopTurnToggled.connect(loop_turn.setChecked)
        self.controls.loopHighlightToggled.connect(loop_selection.setChecked)

    def toggle_play(self) -> None:
        playback = self.playback
        if playback.media_error and not playback.is_playing:
            self.show_error(playback.media_error, dialog=True)
            return
        if self.session.episode is None:
            self.status("Open an episode first (File → Open…)", 4000)
            return
        if not playback.has_media:
            self.status("This episode has no audio file", 4000)
            return
        playback.toggle_play()

    def seek_word(self, turn: int, word: int) -> None:
        self.playback.seek_to_word(WordRef(turn, word), play=self.playback.has_media)

    def play_from(self, position_ms: int) -> None:
        self.playback.seek(position_ms)
        if self.playback.has_media:
            self.playback.play()

    def previous_turn(self) -> None:
        target = self.playback.timeline.previous_turn(self.playback.position)
        if target is not None:
            self.playback.seek_to_turn(target, play=False)

    def next_turn(self) -> None:
        target = self.playback.timeline.next_turn(self.playback.position)
        if target is not None:
            self.playback.seek_to_turn(target, play=False)

    def set_follow(self, on: bool) -> None:
        if on:
            self.view.resume_follow()
        elif self.view.follow:
            self.view.pause_follow()

    def set_loop_turn(self, on: bool) -> None:
        if on and self._loop_selection is not None:
            self._loop_selection.setChecked(False)
        self.playback.set_loop_turn(on)

    def set_loop_selection(self, on: bool) -> None:
        if not on:
            looping_turn = self._loop_turn is not None and self._loop_turn.isChecked()
            if self.playback.loop_range is not None and not looping_turn:
                self.playback.set_loop_range(None)
            return
        span = self.selection_span()
        if span is None:
            self.status("Select words or a highlight to loop", 4000)
            if self._loop_selection is not None:
                self._loop_selection.setChecked(False)
            return
        if self._loop_turn is not None:
            self._loop_turn.setChecked(False)
        self.playback.set_loop_range(span)

    def selection_span(self) -> tuple[int, int] | None:
        """The selected words' span in ms, else the highlight under the playhead's; None when untimed."""
        timeline = self.playback.timeline
        if not timeline.is_timed:
            return None
        selection = self.view.selected_range()
        if selection is not None:
            return timeline.word_start(selection[0]), timeline.word_end(selection[1])
        turn, word = self.playback.current
        if turn is not None:
            for h in self.view.transcript_model.highlights_at(WordRef(turn, word or 0)):
                return timeline.word_start(h.start), timeline.word_end(h.end)
        return None

    def _show_loop_states(self, turn: bool, span: bool) -> None:
        self.controls.set_loop_states(turn, span)
        for action, state in ((self._loop_turn, turn), (self._loop_selection, span)):
            if action is not None:
                action.blockSignals(True)
                action.setChecked(state)
                action.blockSignals(False)

    def set_auto_rewind(self, on: bool) -> None:
        self.settings.auto_rewind_s = (self.settings.auto_rewind_s or 2.0) if on else 0.0
