"""Getting files into the main window: the Open dialog, drag and drop, the recent-episodes menu and
locating a moved audio file. Importing itself is usecases/import_episode.py; which files are media is
core/formats/media.py."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from podplayer.core.formats.media import (
    AUDIO_SUFFIXES,
    QDA_SUFFIXES,
    TRANSCRIPT_SUFFIXES,
    file_patterns,
    find_sidecar,
    is_media,
    is_qda_file,
    split_media,
)
from podplayer.core.model import PodplayerError
from podplayer.store.repository import Library
from podplayer.ui.feedback import ShowError
from podplayer.ui.session import EpisodeSession
from podplayer.ui.settings import Settings
from podplayer.usecases.import_episode import import_episode

AUDIO_PATTERNS = file_patterns(AUDIO_SUFFIXES)
TRANSCRIPT_PATTERNS = file_patterns(TRANSCRIPT_SUFFIXES)
QDA_PATTERNS = file_patterns(QDA_SUFFIXES)


class WindowFiles(QObject):
    """Turns chosen or dropped files into an opened episode (importing it first when it is new)."""

    episodeImported = Signal(int)  # a chosen or dropped pair was imported (or found) and opened

    def __init__(self, parent: QWidget, library: Library, settings: Settings, session: EpisodeSession,
                 show_error: ShowError) -> None:
        super().__init__(parent)
        self.parent_widget = parent  # parent of the file dialogs
        self.library = library
        self.settings = settings
        self.session = session
        self.show_error = show_error

    def open_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.parent_widget,
            "Open audio and transcript",
            self.settings.last_open_folder,
            f"Audio and transcripts ({AUDIO_PATTERNS} {TRANSCRIPT_PATTERNS} {QDA_PATTERNS});;"
            f"REFI-QDA projects and codebooks ({QDA_PATTERNS});;All files (*)",
        )
        if files:
            self.settings.last_open_folder = str(Path(files[0]).parent)
            self.open_paths([Path(f) for f in files])

    def open_paths(self, paths: list[Path]) -> int | None:
        """Import (if needed) and open an audio file + transcript; an audio file alone uses its sidecar.
        A REFI-QDA project or codebook is imported whole (its first episode opens)."""
        qda = next((p for p in paths if is_qda_file(p)), None)
        if qda is not None:
            return self.import_qda(qda)
        audio, transcript = split_media(paths)
        if audio is not None and transcript is None:
            transcript = find_sidecar(audio)
            if transcript is None:
                chosen, _ = QFileDialog.getOpenFileName(
                    self.parent_widget, f"Transcript for {audio.name}", str(audio.parent),
                    f"Transcripts ({TRANSCRIPT_PATTERNS});;All files (*)",
                )
                if not chosen:
                    return None
                transcript = Path(chosen)
        if transcript is None:
            self.show_error("Choose an audio file and/or a transcript (.vtt, .srt, .json, .txt, .html).", dialog=True)
            return None
        try:
            episode_id = import_episode(self.library, audio, transcript).episode_id
        except PodplayerError as exc:
            self.show_error(str(exc), dialog=True)
            return None
        self.session.library_changed()
        if self.session.open(episode_id):
            self.episodeImported.emit(episode_id)  # e.g. check that the transcript fits this audio
        return episode_id

    def import_qda(self, path: Path) -> int | None:
        """Import a ``.qdpx`` project or ``.qdc`` codebook (one transaction; bad input: a dialog, nothing changed)."""
        from podplayer.usecases.refiqda_import import import_qdc, import_qdpx

        try:
            if path.suffix.lower() == ".qdc":
                report = import_qdc(self.library, path)
            else:
                report = import_qdpx(self.library, path)
        except PodplayerError as exc:
            self.show_error(str(exc), dialog=True)
            return None
        self.session.library_changed()
        opened = bool(report.episode_ids) and self.session.open(report.episode_ids[0])
        self.show_error(f"Imported {path.name}: {report.summary()}")
        return report.episode_ids[0] if opened else None

    def relink_audio(self) -> None:
        """Ask where the open episode's missing audio file is now, store it and reload."""
        episode = self.session.episode
        if episode is None or episode.id is None:
            return
        start = os.path.dirname(episode.audio_path or "") or self.settings.last_open_folder
        chosen, _ = QFileDialog.getOpenFileName(self.parent_widget, "Locate the audio file", start,
                                                f"Audio ({AUDIO_PATTERNS});;All files (*)")
        if chosen:
            self.library.set_audio_path(episode.id, chosen)
            self.session.reload()

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        titles = {e.id: e.title for e in self.library.episodes()}
        for episode_id in self.settings.recent_episodes:
            if episode_id in titles:
                act = menu.addAction(titles[episode_id])
                act.triggered.connect(lambda _=False, i=episode_id: self.session.open(i))
        if not menu.actions():
            menu.addAction("No recent episodes").setEnabled(False)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if any(u.isLocalFile() and is_media(Path(u.toLocalFile()))
               for u in urls):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.open_paths(paths))
