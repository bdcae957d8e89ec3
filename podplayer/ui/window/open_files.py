"""Getting files into the main window: the Open dialog, drag and drop, the recent-episodes menu and
locating a moved audio file. Importing itself lives in ui/window/episode_import.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from podplayer.core.model import PodplayerError
from podplayer.ui.window.episode_import import (
    find_sidecar,
    import_episode,
    is_audio,
    is_transcript,
    split_dropped,
)

if TYPE_CHECKING:
    from podplayer.ui.window.main_window import MainWindow

AUDIO_PATTERNS = "*.mp3 *.m4a *.ogg *.opus *.wav *.flac"
TRANSCRIPT_PATTERNS = "*.vtt *.srt *.json *.txt *.html *.md"


class WindowFiles(QObject):
    """Turns chosen or dropped files into an opened episode (importing it first when it is new)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def open_dialog(self) -> None:
        window = self.window
        files, _ = QFileDialog.getOpenFileNames(
            window,
            "Open audio and transcript",
            window.settings.last_open_folder,
            f"Audio and transcripts ({AUDIO_PATTERNS} {TRANSCRIPT_PATTERNS});;All files (*)",
        )
        if files:
            window.settings.last_open_folder = str(Path(files[0]).parent)
            self.open_paths([Path(f) for f in files])

    def open_paths(self, paths: list[Path]) -> int | None:
        """Import (if needed) and open an audio file + transcript; an audio file alone uses its sidecar."""
        window = self.window
        audio, transcript = split_dropped(paths)
        if audio is not None and transcript is None:
            transcript = find_sidecar(audio)
            if transcript is None:
                chosen, _ = QFileDialog.getOpenFileName(
                    window, f"Transcript for {audio.name}", str(audio.parent),
                    f"Transcripts ({TRANSCRIPT_PATTERNS});;All files (*)",
                )
                if not chosen:
                    return None
                transcript = Path(chosen)
        if transcript is None:
            window.show_error("Choose an audio file and/or a transcript (.vtt, .srt, .json, .txt, .html).", dialog=True)
            return None
        try:
            episode_id = import_episode(window.library, audio, transcript)
        except PodplayerError as exc:
            window.show_error(str(exc), dialog=True)
            return None
        window.refresh_library()
        if window.open_episode(episode_id) and window.current_episode is not None:
            window.sync_offer.check(window.current_episode)  # does the transcript fit this audio?
        return episode_id

    def relink_audio(self) -> None:
        """Ask where the open episode's missing audio file is now, store it and reload."""
        window = self.window
        episode = window.current_episode
        if episode is None or episode.id is None:
            return
        start = os.path.dirname(episode.audio_path or "") or window.settings.last_open_folder
        chosen, _ = QFileDialog.getOpenFileName(window, "Locate the audio file", start,
                                                f"Audio ({AUDIO_PATTERNS});;All files (*)")
        if chosen:
            window.library.set_audio_path(episode.id, chosen)
            window.reload_episode()

    def fill_recent_menu(self) -> None:
        window = self.window
        menu = window.recent_menu
        menu.clear()
        titles = {e.id: e.title for e in window.library.episodes()}
        for episode_id in window.settings.recent_episodes:
            if episode_id in titles:
                act = menu.addAction(titles[episode_id])
                act.triggered.connect(lambda _=False, i=episode_id: window.open_episode(i))
        if not menu.actions():
            menu.addAction("No recent episodes").setEnabled(False)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if any(u.isLocalFile() and (is_audio(Path(u.toLocalFile())) or is_transcript(Path(u.toLocalFile())))
               for u in urls):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.open_paths(paths))
