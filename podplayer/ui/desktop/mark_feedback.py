"""What confirms a mark made from outside the window: a short notification and, if wanted, a soft sound."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QSoundEffect

from podplayer.core.clock import format_clock
from podplayer.core.desktop_notify import notify
from podplayer.core.export.bundle import first_words
from podplayer.core.model import Highlight
from podplayer.paths import MARK_SOUND
from podplayer.ui.settings import Settings


class MarkFeedback(QObject):
    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._sound: QSoundEffect | None = None
        self.notified = 0  # notifications handed to the desktop (tests)

    def confirm(self, highlight: Highlight, episode_title: str) -> None:
        when = format_clock(highlight.start_ms, unknown="")
        body = f"“{first_words(highlight.quote, 12)}…”" + (f"\n{episode_title} · {when}" if when else "")
        if notify("Highlight saved", body):
            self.notified += 1
        if self.settings.mark_sound:
            self.sound().play()

    def sound(self) -> QSoundEffect:
        """The soft two-note chime (loaded on first use)."""
        if self._sound is None:
            self._sound = QSoundEffect(self)
            self._sound.setSource(QUrl.fromLocalFile(str(MARK_SOUND)))
            self._sound.setVolume(0.6)
        return self._sound
