"""The episode on screen: opening, re-reading and closing it, and the signals that tell everyone.

The session reads episodes from the library and says what happened; it paints nothing. The window
wires the views to its signals, and controllers hold the session instead of the window:

- ``episodeOpened(int)``: a new episode is current (after ``episodeClosed`` for the one before).
- ``episodeReloaded(int, bool)``: the current episode was re-read (new timings, speakers, title);
  the flag says whether its audio file changed.
- ``episodeClosed()``: nothing is open any more.
- ``libraryChanged()``: the list of episodes or their summaries changed (titles, highlight counts).
- ``failed(str, bool)``: a message for the user, and whether it deserves a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from podplayer.core.model import Episode, PodplayerError, Transcript
from podplayer.store.repository import Library


class EpisodeSession(QObject):
    episodeOpened = Signal(int)
    episodeReloaded = Signal(int, bool)
    turnsEdited = Signal(int, int)  # first row, count: those turns of the open episode were retyped in place
    episodeClosed = Signal()
    libraryChanged = Signal()
    openFailed = Signal(int)  # the episode id that could not be read
    failed = Signal(str, bool)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._episode: Episode | None = None

    @property
    def episode(self) -> Episode | None:
        return self._episode

    @property
    def episode_id(self) -> int | None:
        return self._episode.id if self._episode is not None else None

    def is_open(self, episode_id: int | None) -> bool:
        return episode_id is not None and self.episode_id == episode_id

    def open(self, episode_id: int) -> bool:
        """Make ``episode_id`` current. False (after ``failed``) when it cannot be read."""
        if self.is_open(episode_id):
            return True
        try:
            episode = self.library.episode(episode_id)
        except PodplayerError as exc:
            self.failed.emit(str(exc), True)
            self.openFailed.emit(episode_id)
            return False
        self.close()
        self._episode = episode
        self.episodeOpened.emit(episode_id)
        return True

    def reload(self) -> None:
        """Re-read the current episode from the library (after its timings, speakers or title changed)."""
        if self._episode is None or self._episode.id is None:
            return
        episode_id = self._episode.id
        try:
            episode = self.library.episode(episode_id)
        except PodplayerError as exc:
            self.failed.emit(str(exc), False)
            return
        audio_changed = episode.audio_path != self._episode.audio_path
        self._episode = episode
        self.episodeReloaded.emit(episode_id, audio_changed)
        self.libraryChanged.emit()

    def close(self) -> None:
        if self._episode is None:
            return
        self._episode = None
        self.episodeClosed.emit()
        self.libraryChanged.emit()

    def show_transcript(self, transcript: Transcript, rows: tuple[int, int] | None = None) -> None:
        """The open episode's transcript was changed and stored by an edit: show it without reading the
        whole episode again. ``rows`` (first, count): only those turns changed, and no turn came or
        went (``turnsEdited``, cheap on a long episode); otherwise ``episodeReloaded``."""
        if self._episode is None or self._episode.id is None:
            return
        self._episode.transcript = transcript
        if rows is not None:
            self.turnsEdited.emit(*rows)
        else:
            self.episodeReloaded.emit(self._episode.id, False)

    def library_changed(self) -> None:
        """Say that episodes were added, renamed, deleted or re-counted."""
        self.libraryChanged.emit()
