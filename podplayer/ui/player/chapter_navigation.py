"""Chapters in the window: headings in the transcript, marks on the waveform, the chapter list, and
Playback → Previous / Next chapter.

Receives only what it uses: the library (to read an episode's chapters), the episode session (it
shows an episode's chapters when the session opens or re-reads it, after the window has shown the
transcript, and clears them when it closes), the playback controller, the transcript view, the
waveform, the chapter list and the Playback menu.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from podplayer.core.chapters import Chapter, chapter_index_at, next_chapter, previous_chapter
from podplayer.core.model import PodplayerError
from podplayer.store.repository import Library
from podplayer.ui.action_registry import ActionRegistry
from podplayer.ui.player.chapter_list import ChapterList
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.player.waveform_view import WaveformView
from podplayer.ui.session import EpisodeSession
from podplayer.ui.transcript.view import TranscriptView

PREVIOUS_SHORTCUT = "Alt+Left"
NEXT_SHORTCUT = "Alt+Right"


class ChapterNavigation(QObject):
    def __init__(
        self,
        *,
        library: Library,
        session: EpisodeSession,
        playback: PlaybackController,
        view: TranscriptView,
        waveform: WaveformView,
        chapter_list: ChapterList,
        actions: ActionRegistry,
        owner: QWidget,
    ) -> None:
        super().__init__(owner)
        self.library = library
        self.playback = playback
        self.view = view
        self.waveform = waveform
        self.chapter_list = chapter_list
        self._chapters: list[Chapter] = []

        # Beside Previous / Next turn when the menu has them, else at its end.
        after_turns = actions.after("playback", "next_turn")
        self.previous_action = actions.add("playback", "Previous chapter", self.previous_chapter, (PREVIOUS_SHORTCUT,),
                                           before=after_turns)  # fmt: skip
        self.next_action = actions.add("playback", "Next chapter", self.next_chapter, (NEXT_SHORTCUT,),
                                       before=after_turns)  # fmt: skip
        self._enable(False)
        chapter_list.hide()

        chapter_list.chapterActivated.connect(lambda i: self.play_chapter(i))
        view.chapterActivated.connect(lambda i: self.play_chapter(i))
        playback.positionChanged.connect(self._on_position)
        # Connected after the window's own handlers: the transcript is in the view when these run.
        session.episodeOpened.connect(self.show_episode)
        session.episodeReloaded.connect(lambda episode_id, _audio_changed: self.show_episode(episode_id))
        session.episodeClosed.connect(self.clear)

    def _enable(self, on: bool) -> None:
        self.previous_action.setEnabled(on)
        self.next_action.setEnabled(on)

    # --- episodes ------------------------------------------------------------------------------
    @property
    def chapters(self) -> list[Chapter]:
        return list(self._chapters)

    def show_episode(self, episode_id: int) -> None:
        """Read the episode's chapters and show them everywhere (after the transcript is set)."""
        try:
            chapters = self.library.chapters(episode_id)
        except PodplayerError:
            chapters = []  # the episode is shown without chapters; the window reports library errors
        self._show(chapters)

    def clear(self) -> None:
        self._show([])

    def _show(self, chapters: list[Chapter]) -> None:
        self._chapters = chapters
        self.view.set_chapters(chapters, self.playback.timeline)
        self.waveform.set_chapter_marks([(c.start_ms, c.title) for c in chapters])
        self.chapter_list.set_chapters(chapters)
        self.chapter_list.setVisible(bool(chapters))
        self._enable(bool(chapters))
        self._on_position(self.playback.position)

    # --- navigation ------------------------------------------------------------------------------
    def play_chapter(self, index: int) -> None:
        """Seek to a chapter's start and play (a click in the list or on a heading)."""
        if 0 <= index < len(self._chapters):
            self.playback.seek(self._chapters[index].start_ms)
            self.playback.play()

    def next_chapter(self) -> None:
        target = next_chapter(self._chapters, self.playback.position / 1000)
        if target is not None:
            self.playback.seek(self._chapters[target].start_ms)

    def previous_chapter(self) -> None:
        target = previous_chapter(self._chapters, self.playback.position / 1000)
        if target is not None:
            self.playback.seek(self._chapters[target].start_ms)

    def _on_position(self, position_ms: int) -> None:
        current = chapter_index_at(self._chapters, position_ms / 1000) if self._chapters else None
        self.chapter_list.set_current(current)
