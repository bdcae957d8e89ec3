"""Library-list operations: rename, delete (undoable for the session), reveal, relink audio.

Attached to the library list's context menu; every change goes through the shared undo stack
(ui/annotations/context.py).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from podplayer.core.model import PodplayerError
from podplayer.ui.annotations import undo_commands as cmd
from podplayer.ui.annotations.context import AnnotationContext
from podplayer.ui.dialogs import library_ops
from podplayer.ui.library_list import EpisodeIdRole, LibraryList


class LibraryListActions:
    def __init__(self, context: AnnotationContext, library_list: LibraryList) -> None:
        self.annotations = context
        self.library_list = library_list
        library_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        library_list.customContextMenuRequested.connect(self._library_menu)

    def _episode_id_at(self, pos: QPoint) -> int | None:
        index = self.library_list.indexAt(pos)
        episode_id = index.data(EpisodeIdRole) if index.isValid() else None
        return int(episode_id) if episode_id is not None else None

    def _library_menu(self, pos: QPoint) -> None:
        episode_id = self._episode_id_at(pos)
        if episode_id is None:
            return
        menu = self.library_menu(episode_id)
        menu.exec(self.library_list.viewport().mapToGlobal(pos))

    def library_menu(self, episode_id: int) -> QMenu:
        """Context menu for one library entry: rename, delete, reveal file, relink audio."""
        ann = self.annotations
        summary = next((e for e in ann.library.episodes() if e.id == episode_id), None)
        menu = QMenu(ann.dialog_parent)
        if summary is None:
            return menu
        menu.addAction("Open", lambda: ann.session.open(episode_id))
        menu.addAction("Rename…", lambda: self._ask_rename_episode(episode_id, summary.title))
        menu.addAction("Delete…", lambda: self._ask_delete_episode(episode_id, summary.title))
        menu.addSeparator()
        missing = library_ops.audio_missing(summary.audio_path)
        reveal = menu.addAction("Show audio file in folder", lambda: library_ops.reveal_folder(summary.audio_path or ""))
        reveal.setEnabled(bool(summary.audio_path) and not missing)
        relink_label = "Audio missing — relink…" if missing else "Relink audio file…"
        menu.addAction(relink_label, lambda: self._ask_relink(episode_id, summary.audio_path))
        return menu

    def rename_episode(self, episode_id: int, title: str) -> bool:
        ann = self.annotations
        summary = next((e for e in ann.library.episodes() if e.id == episode_id), None)
        if summary is None or not title.strip():
            return False
        return ann.push(cmd.RenameEpisodeCommand(ann.library, episode_id, summary.title, title.strip()))

    def delete_episode(self, episode_id: int) -> bool:
        ann = self.annotations
        if ann.session.is_open(episode_id):
            ann.session.close()
        try:
            command = cmd.DeleteEpisodeCommand(ann.library, episode_id)
        except PodplayerError as exc:
            ann.report(str(exc))
            return False
        return ann.push(command)

    def relink_audio(self, episode_id: int, path: str | None) -> bool:
        ann = self.annotations
        summary = next((e for e in ann.library.episodes() if e.id == episode_id), None)
        if summary is None:
            return False
        return ann.push(cmd.RelinkAudioCommand(ann.library, episode_id, summary.audio_path, path))

    def _ask_rename_episode(self, episode_id: int, title: str) -> None:
        new = library_ops.ask_new_title(self.annotations.dialog_parent, title)
        if new:
            self.rename_episode(episode_id, new)

    def _ask_delete_episode(self, episode_id: int, title: str) -> None:
        if library_ops.confirm_delete(self.annotations.dialog_parent, title):
            self.delete_episode(episode_id)

    def _ask_relink(self, episode_id: int, old: str | None) -> None:
        path = library_ops.choose_audio(self.annotations.dialog_parent, old)
        if path:
            self.relink_audio(episode_id, path)

    def relink_current_audio(self) -> None:
        ann = self.annotations
        if ann.episode is not None and ann.episode.id is not None:
            self._ask_relink(ann.episode.id, ann.episode.audio_path)
