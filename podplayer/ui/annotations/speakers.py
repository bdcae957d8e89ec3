"""Speakers of the open episode: rename or merge, colour, reassign a turn, show or hide.

Every change goes through the shared undo stack (ui/annotations/context.py); the transcript's context menu
(built here) offers the per-turn actions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu

from podplayer.ui.annotations import undo_commands as cmd
from podplayer.ui.annotations.context import AnnotationContext
from podplayer.ui.dialogs.speakers_dialog import SpeakersDialog


class SpeakerActions:
    def __init__(self, context: AnnotationContext, turn_actions: list[QAction]) -> None:
        """``turn_actions`` head the transcript's context menu (highlight, edit highlight)."""
        self.annotations = context
        self.turn_actions = turn_actions
        # Called with the rename's operation after a rename: the window learns the voice and hands it
        # to the operation, which keeps it while the rename stands (known voices).
        self.renamed: Callable[[cmd.RenameSpeakerCommand], object] | None = None
        view = context.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._transcript_menu)

    def rename_speaker(self, old: str, new: str) -> bool:
        """Rename (or merge into an existing) speaker everywhere in the open episode."""
        ann = self.annotations
        if ann.episode is None:
            return False
        new = " ".join(new.split())
        if not new or new == old:
            return False
        if old in ann.hidden_speakers:
            ann.hidden_speakers.discard(old)
            ann.hidden_speakers.add(new)
        command = cmd.RenameSpeakerCommand(ann.library, ann.episode, old, new)
        pushed = ann.push(command)
        if pushed and self.renamed is not None:
            self.renamed(command)
        return pushed

    def set_speaker_color(self, speaker: str, color: str) -> bool:
        ann = self.annotations
        if ann.episode is None:
            return False
        return ann.push(cmd.SpeakerColorCommand(ann.library, ann.episode, speaker, color))

    def reassign_turn(self, turn_index: int, speaker: str) -> bool:
        ann = self.annotations
        if ann.episode is None:
            return False
        return ann.push(cmd.ReassignTurnCommand(ann.library, ann.episode, turn_index, speaker))

    def set_hidden_speakers(self, hidden: set[str]) -> None:
        ann = self.annotations
        ann.hidden_speakers = set(hidden)
        ann.view.set_hidden_speakers(ann.hidden_speakers)

    def open_speakers(self) -> SpeakersDialog | None:
        ann = self.annotations
        if ann.episode is None:
            return None
        episode = ann.episode
        dialog = SpeakersDialog(episode.transcript.speakers, episode.speaker_colors, ann.hidden_speakers, ann.dialog_parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def refresh() -> None:
            if ann.episode is not None:
                dialog.set_speakers(ann.episode.transcript.speakers, ann.episode.speaker_colors, ann.hidden_speakers)

        def rename(old: str, new: str) -> None:
            self.rename_speaker(old, new)
            refresh()

        def recolor(name: str, color: str) -> None:
            self.set_speaker_color(name, color)
            refresh()

        dialog.renameRequested.connect(rename)
        dialog.colorRequested.connect(recolor)
        dialog.hiddenChanged.connect(self.set_hidden_speakers)
        ann.show_dialog(dialog)
        return dialog

    def _transcript_menu(self, pos: QPoint) -> None:
        ann = self.annotations
        view = ann.view
        if ann.episode is None:
            return
        index = view.indexAt(pos)
        menu = self.transcript_menu(index.row() if index.isValid() else None)
        menu.exec(view.viewport().mapToGlobal(pos))

    def transcript_menu(self, turn_index: int | None) -> QMenu:
        """The transcript's context menu for a turn: highlight, edit, speaker of this turn."""
        ann = self.annotations
        menu = QMenu(ann.dialog_parent)
        menu.addActions(self.turn_actions)
        if ann.episode is None or turn_index is None:
            return menu
        speaker = ann.episode.transcript.turns[turn_index].speaker
        menu.addSeparator()
        menu.addAction(f"Rename speaker “{speaker}”…", lambda: self._ask_rename_speaker(speaker))
        reassign = menu.addMenu("Speaker of this turn")
        for name in ann.episode.transcript.speakers:
            if name != speaker:
                reassign.addAction(name, functools.partial(self.reassign_turn, turn_index, name))
        reassign.addSeparator()
        reassign.addAction("New speaker…", lambda: self._ask_new_speaker(turn_index))
        visible = menu.addAction(f"Hide “{speaker}”")
        visible.triggered.connect(lambda: self.set_hidden_speakers(ann.hidden_speakers | {speaker}))
        if ann.hidden_speakers:
            menu.addAction("Show all speakers", lambda: self.set_hidden_speakers(set()))
        return menu

    def _ask_rename_speaker(self, speaker: str) -> None:
        new, ok = QInputDialog.getText(self.annotations.dialog_parent, "Rename speaker", "New name:", text=speaker)
        if ok:
            self.rename_speaker(speaker, new)

    def _ask_new_speaker(self, turn_index: int) -> None:
        name, ok = QInputDialog.getText(self.annotations.dialog_parent, "Speaker of this turn", "Speaker name:")
        if ok and name.strip():
            self.reassign_turn(turn_index, name)
