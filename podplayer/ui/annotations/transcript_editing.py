"""Correcting the transcript while listening, keyboard first.

F2 (or Enter on a selection) edits the turn under the selection, else the playing turn; Enter or
clicking away commits, Escape cancels, Shift+Enter splits there. Split the turn at the selection,
merge a turn with the one before, give the selected words (or the turn) to a speaker, new or not.
Every edit is an operation on the one undo stack (usecases/edit_turns.py does the work): unchanged
words keep their times, highlights stay on their words, and changed words carry an estimate, marked,
until they are re-timed in the background against the audio between their neighbours. "Next
uncertain word" jumps to the next word the aligner was unsure of and plays from just before it;
"Revert to original transcript" brings back the transcript as first kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QInputDialog

from podplayer.core.correction.turn_edits import merged, retyped, split_at, with_speaker
from podplayer.core.model import Highlight, PodplayerError, Timing, Transcript, Turn, WordRef
from podplayer.store.repository import Library
from podplayer.ui.annotations.context import AnnotationContext
from podplayer.ui.jobs import Job, JobRunner
from podplayer.ui.operations import OpChanges, Operation
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.session import EpisodeSession
from podplayer.ui.settings import Settings
from podplayer.ui.transcript.turn_editor import TurnEditor
from podplayer.usecases.correct import revert_episode
from podplayer.usecases.edit_turns import (
    TurnEdit,
    apply_turn_edit,
    plan_turn_edit,
    retime_turn_edit,
    store_retimed,
    undo_turn_edit,
)

RESUME_BACK_MS = 3000  # after typing, playback resumes this far before where it paused
LEAD_IN_MS = 1000  # "Next uncertain word" plays from this much before the word


class TurnEditOperation(Operation):
    """A turn edit: stored, shown at once (no re-reading of the episode), undone exactly."""

    def __init__(self, library: Library, session: EpisodeSession, edit: TurnEdit, text: str,
                 highlights: list[Highlight]) -> None:
        super().__init__(text, OpChanges(transcript=True, highlights=True, speakers=True, shown=True,
                                         episode_id=edit.episode_id))
        self.library, self.session, self.edit = library, session, edit
        self.before_highlights = highlights

    def apply(self) -> None:
        apply_turn_edit(self.library, self.edit)
        self._show(self.edit.after)

    def revert(self) -> None:
        undo_turn_edit(self.library, self.edit)
        self._show(self.edit.before)

    def _show(self, transcript: Transcript) -> None:
        episode = self.session.episode
        if episode is not None and set(transcript.speakers) - set(episode.speaker_colors):
            self.session.reload()  # a new speaker: its colour is the library's to give
        else:
            self.session.show_transcript(transcript, self.edit.rows_in_place)


class RevertOperation(Operation):
    """Back to the transcript as first kept; undo stores the corrected one again, anchors and all."""

    def __init__(self, library: Library, episode_id: int) -> None:
        super().__init__("Revert to original transcript", OpChanges(transcript=True, highlights=True, speakers=True,
                                                                    episodes=True, episode_id=episode_id))
        self.library, self.episode_id = library, episode_id
        self.before = library.episode(episode_id).transcript
        self.before_highlights = library.highlights(episode_id)

    def apply(self) -> None:
        revert_episode(self.library, self.episode_id)

    def revert(self) -> None:
        self.library.corrections.apply(self.episode_id, self.before, self.before, self.before_highlights)


class TranscriptEditing(QObject):
    retimed = Signal()  # the words of an edit were re-timed from the audio and are shown

    def __init__(self, context: AnnotationContext, settings: Settings, playback: PlaybackController,
                 highlights: Callable[[], list[Highlight]], jobs: JobRunner | None) -> None:
        """``highlights``: the open episode's highlights as shown (they follow an edit's words)."""
        super().__init__(context)
        self.context, self.settings, self.playback, self.jobs = context, settings, playback, jobs
        self._highlights = highlights
        context.view.installEventFilter(self)  # Enter on a selection edits its turn
        self.editor = TurnEditor(context.view)
        self.editor.committed.connect(self._committed)
        self.editor.cancelled.connect(lambda _row: self._resume())
        self.editor.typed.connect(self._typing)
        self._paused_at: int | None = None
        self.retime_job: Job | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.context.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.context.view.selected_range() is not None
        ):
            return self.edit_turn()
        return super().eventFilter(watched, event)

    # --- which turn ------------------------------------------------------------------------------
    def target_turn(self) -> int | None:
        """The turn under the selection, else the playing turn, else the first."""
        episode = self.context.episode
        if episode is None or not episode.transcript.turns:
            return None
        selected = self.context.view.selected_range()
        if selected is not None:
            return selected[0].turn
        turn, _word = self.playback.current
        return turn if turn is not None else 0

    # --- typing ----------------------------------------------------------------------------------
    def edit_turn(self) -> bool:
        row = self.target_turn()
        episode = self.context.episode
        if row is None or episode is None:
            return False
        self.context.view.scroll_to_turn(row)
        self.editor.open(row, episode.transcript.turns[row].text)
        return True

    def _typing(self) -> None:
        if self._paused_at is None and self.settings.pause_while_typing and self.playback.is_playing:
            self._paused_at = self.playback.position
            self.playback.pause()

    def _resume(self) -> None:
        if self._paused_at is not None:
            position, self._paused_at = self._paused_at, None
            self.playback.seek(max(0, position - RESUME_BACK_MS))
            self.playback.play()

    def _committed(self, row: int, text: str) -> None:
        episode = self.context.episode
        if episode is not None and row < len(episode.transcript.turns):
            turn = episode.transcript.turns[row]
            if " ".join(text.split()) != turn.text or "\n" in text.strip():
                self.apply(row, row, retyped(turn, text), "Edit turn")
        self._resume()

    # --- turn structure --------------------------------------------------------------------------
    def split_turn(self) -> bool:
        """Split the turn at the selection's first word."""
        selected = self.context.view.selected_range()
        episode = self.context.episode
        if selected is None or episode is None:
            self.context.report("Select the word the new turn starts with, then split")
            return False
        start = selected[0]
        turn = episode.transcript.turns[start.turn]
        if start.word == 0:
            self.context.report("A turn cannot be split before its first word")
            return False
        return self.apply(start.turn, start.turn, split_at(turn, start.word), "Split turn")

    def merge_with_previous(self) -> bool:
        row = self.target_turn()
        episode = self.context.episode
        if row is None or episode is None or row == 0:
            self.context.report("The first turn has no turn before it to merge with")
            return False
        turns = episode.transcript.turns
        return self.apply(row - 1, row, merged(turns[row - 1], turns[row]), "Merge turns")

    def set_speaker(self, speaker: str | None = None) -> bool:
        """Give the selected words (or the whole turn) to ``speaker``; asks for one when None."""
        episode = self.context.episode
        row = self.target_turn()
        if episode is None or row is None:
            return False
        selected = self.context.view.selected_range()
        first, last = 0, len(episode.transcript.turns[row].words) - 1
        if selected is not None and selected[0].turn == selected[1].turn:
            first, last = selected[0].word, selected[1].word
        if speaker is None:
            names = episode.transcript.speakers
            speaker, ok = QInputDialog.getItem(self.context.dialog_parent, "Speaker", "Speaker (or type a new name):",
                                               names, 0, True)
            if not ok:
                return False
        speaker = " ".join(speaker.split())
        if not speaker:
            return False
        turn = episode.transcript.turns[row]
        return self.apply(row, row, with_speaker(turn, first, last, speaker), f"Words to “{speaker}”")

    # --- applying --------------------------------------------------------------------------------
    def apply(self, first: int, last: int, turns: list[Turn], text: str) -> bool:
        """Turns ``first``..``last`` become ``turns`` as one undoable step; changed words re-timed."""
        episode = self.context.episode
        if episode is None or episode.id is None:
            return False
        highlights = self._highlights()
        edit = plan_turn_edit(episode.id, episode.transcript, highlights, first, last, turns)
        if not edit.diff.changed:
            return False
        if not self.context.push(TurnEditOperation(self.context.library, self.context.session, edit, text, highlights)):
            return False
        self._retime(edit)
        return True

    def _retime(self, edit: TurnEdit) -> None:
        episode = self.context.episode
        if (self.jobs is None or episode is None or not edit.needs_retime or edit.before.timing is not Timing.WORD
                or not episode.audio_path or not os.path.isfile(episode.audio_path)):
            return
        audio = episode.audio_path

        def work(progress: object, cancel: object) -> list[Turn]:
            return retime_turn_edit(edit, audio)

        def done(turns: list[Turn]) -> None:
            if self.context.session.episode is None or self.context.session.episode.transcript is not edit.after:
                return  # undone or edited again meanwhile: those words are not on screen any more
            try:
                store_retimed(self.context.library, edit, turns)
            except PodplayerError as exc:
                self.context.report(str(exc))
                return
            self.context.session.show_transcript(edit.after, (edit.first, len(edit.after_turns)))
            self.retimed.emit()

        self.retime_job = self.jobs.run("Re-timing corrected words", work, done, self.context.report)

    # --- proofreading ----------------------------------------------------------------------------
    def next_uncertain(self) -> WordRef | None:
        """Select the next uncertain (or estimated) word after the selection or the playing word and
        play from just before it."""
        episode = self.context.episode
        if episode is None:
            return None
        selected = self.context.view.selected_range()
        turn, word = self.playback.current
        here = selected[0] if selected is not None else WordRef(turn or 0, word if word is not None else -1)
        found = _next_uncertain(episode.transcript, here)
        if found is None:
            self.context.report("No uncertain word after this one")
            return None
        self.context.view.set_selected_range(found, found)
        self.context.view.scroll_to_turn(found.turn)
        start = episode.transcript.turns[found.turn].words[found.word].start_ms
        if start is not None:
            self.playback.seek(max(0, start - LEAD_IN_MS))
            self.playback.play()
        return found

    def revert_to_original(self) -> bool:
        episode_id = self.context.session.episode_id
        if episode_id is None:
            return False
        if not self.context.library.corrections.has_original(episode_id):
            self.context.report("This transcript was never corrected: it is the original")
            return False
        try:
            operation = RevertOperation(self.context.library, episode_id)
        except PodplayerError as exc:
            self.context.report(str(exc))
            return False
        return self.context.push(operation)


def _next_uncertain(transcript: Transcript, after: WordRef) -> WordRef | None:
    for ti in range(max(after.turn, 0), len(transcript.turns)):
        words = transcript.turns[ti].words
        for wi in range(after.word + 1 if ti == after.turn else 0, len(words)):
            if words[wi].uncertain:
                return WordRef(ti, wi)
    return None
