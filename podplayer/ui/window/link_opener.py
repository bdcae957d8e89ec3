"""Opening a ``podplayer://`` link in the window: go to its moment and play.

The link is read by core/links.py and found in the library by store/episode_links.py; this only acts
on the answer. An episode that is open is sought at once; another one opens there and plays once its
audio is ready. A feed episode the library knows but has not downloaded gets an offer to download it:
its listening position is set to the link's moment first, so it plays from there when it arrives.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from podplayer.core.clock import format_clock
from podplayer.core.links import parse_link
from podplayer.store.episode_links import LinkedEpisode
from podplayer.store.repository import Library
from podplayer.ui.player.playback_controller import PlaybackController
from podplayer.ui.session import EpisodeSession


class LinkOpener(QObject):
    downloadOffered = Signal(object)  # the offer's QMessageBox (tests answer it)

    def __init__(
        self,
        library: Library,
        session: EpisodeSession,
        controller: PlaybackController,
        download_and_play: Callable[[int], None],
        raise_window: Callable[[], None],
        dialog_parent: QWidget,
    ) -> None:
        super().__init__(dialog_parent)
        self.library = library
        self.session = session
        self.controller = controller
        self.download_and_play = download_and_play
        self.raise_window = raise_window
        self.dialog_parent = dialog_parent
        self.offer: QMessageBox | None = None

    def open(self, url: str) -> LinkedEpisode:
        """Go to the link's moment (PodplayerError, with nothing changed, when the link is wrong here)."""
        linked = self.library.find_linked_episode(parse_link(url))
        self.raise_window()
        if not linked.downloaded:
            self._offer_download(linked)
            return linked
        if self.session.open(linked.episode_id):
            self.controller.seek(linked.ms)
            self.controller.play_when_ready()
        return linked

    def _offer_download(self, linked: LinkedEpisode) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question, "Download the episode?",
            f"“{linked.title}” is in your podcasts but not downloaded yet.\n\n"
            f"Download it and play from {format_clock(linked.ms)}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.dialog_parent,
        )  # fmt: skip
        box.button(QMessageBox.StandardButton.Yes).setText("Download and play")

        def answered(_result: int) -> None:
            self.offer = None
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self.library.set_position(linked.episode_id, linked.ms)
                self.download_and_play(linked.episode_id)

        box.finished.connect(answered)
        self.offer = box
        box.open()
        self.downloadOffered.emit(box)
