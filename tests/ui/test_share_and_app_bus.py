"""In the window: Share → Video… / Card… on a highlight (a preview frame, a video rendered in the
background with progress and Cancel, a card), a link to a feed episode not downloaded yet (an offer to
download it, then it plays there), and a mark made through the app's own D-Bus interface
(a real private session bus, called with the same client `podplayer mark` uses) shown at once."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Generic, TypeVar

import pytest
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from podplayer.core import app_bus
from podplayer.core.feeds.http import HttpClient
from podplayer.core.links import MomentLink
from podplayer.core.model import Highlight, PodplayerError, WordRef
from podplayer.store.repository import Library
from podplayer.ui.app import link_opener, publish_app_service
from podplayer.ui.window.main_window import MainWindow
from podplayer.usecases.podcast_jobs import subscribe
from tests.helpers_http import LocalServer, serve_example_podcast
from tests.ui.conftest import open_and_wait

T = TypeVar("T")


@pytest.fixture
def shared(library: Library, word_episode_id: int) -> Highlight:
    highlight_id = library.add_highlight(word_episode_id, Highlight(WordRef(0, 0), WordRef(0, 3), "x"))
    return library.highlight(highlight_id)


def test_share_video_and_card_from_the_panel(
    qtbot: QtBot, window: MainWindow, word_episode_id: int, shared: Highlight, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, word_episode_id)
    panel = window.annotations.panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    # The panel's context menu has Share → Video…, which opens the dialog on that highlight.
    menu = panel.context_menu(panel.model.highlights()[0])
    [share] = [a.menu() for a in menu.actions() if a.text() == "Share"]
    assert isinstance(share, QMenu) and [a.text() for a in share.actions()] == ["Video…", "Card…"]
    share.actions()[0].trigger()
    dialog = window.share_dialog
    assert dialog.isVisible() and dialog.highlight.id == shared.id
    assert not dialog.cancel_button.isVisible() and not dialog.progress.isVisible()

    # The preview is a real frame of the video, at the chosen size's shape.
    qtbot.waitUntil(lambda: dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull(), timeout=30000)
    assert dialog.preview.pixmap().width() == dialog.preview.pixmap().height()
    portrait = dialog.frame_size.findData("1080x1920")
    dialog.frame_size.setCurrentIndex(portrait)
    qtbot.waitUntil(lambda: dialog.preview.pixmap().height() > dialog.preview.pixmap().width(), timeout=30000)
    dialog.grab().save(str(tmp_path / "share-dialog.png"))

    # Save video: progress shows, the file is an MP4 of the chosen size.
    target = tmp_path / "out" / "clip.mp4"
    target.parent.mkdir()
    job = dialog.save_video(target)
    assert job is not None and dialog.progress.isVisible() and dialog.cancel_button.isVisible()
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    assert dialog.status.text() == f"Saved {target}" and not dialog.progress.isVisible()
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "stream=width,height",
                            "-of", "json", str(target)], capture_output=True, text=True, check=True)  # fmt: skip
    assert json.loads(probe.stdout)["streams"][0] == {"width": 1080, "height": 1920}

    # Cancel stops ffmpeg and leaves nothing behind.
    second = tmp_path / "out" / "second.mp4"
    job = dialog.save_video(second)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60000):
        dialog.cancel_video()
    assert dialog.status.text() == "Cancelled; nothing was saved."
    assert sorted(p.name for p in target.parent.iterdir()) == ["clip.mp4"]

    card = dialog.save_card(tmp_path / "out" / "card.png")
    assert card is not None and card.stat().st_size > 10_000


@pytest.fixture
def private_bus(session_bus: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    yield session_bus


class ThreadCall(Generic[T]):
    """A call made on a thread (a D-Bus client waits for the app, whose event loop must keep running):
    its value, or the one-line error it raised."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self.value: T | None = None
        self.error: str | None = None
        self._fn = fn
        self.thread = threading.Thread(target=self._run)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.value = self._fn()
        except PodplayerError as exc:
            self.error = str(exc)


def test_a_mark_over_dbus_is_stored_and_shown_and_wrong_calls_are_refused(
    qtbot: QtBot, private_bus: str, window: MainWindow, library: Library, word_episode_id: int,
) -> None:  # fmt: skip
    from PySide6.QtDBus import QDBusConnection

    QDBusConnection.disconnectFromBus(QDBusConnection.sessionBus().name())  # reconnect to the private bus
    service = publish_app_service(window, link_opener(window))
    assert service is not None
    try:
        nothing = ThreadCall(lambda: app_bus.mark(5, [], ""))
        qtbot.waitUntil(lambda: not nothing.thread.is_alive(), timeout=10000)
        assert nothing.error == "nothing to mark: no episode is open in podplayer"

        open_and_wait(qtbot, window, word_episode_id)
        window.controller.seek(3000)
        call = ThreadCall(lambda: app_bus.mark(1.2, ["idea"], "remember"))
        qtbot.waitUntil(lambda: not call.thread.is_alive(), timeout=10000)
        highlight_id = call.value
        assert isinstance(highlight_id, int)
        stored = library.highlight(highlight_id)
        assert (stored.tags, stored.note) == (["idea"], "remember")
        # Shown: in the panel and painted in the transcript, without any further event.
        assert [h.id for h in window.annotations.panel.model.highlights()] == [highlight_id]
        assert highlight_id in {h.id for h in window.transcript_view.transcript_model.highlights}

        too_long = ThreadCall(lambda: app_bus.mark(601, [], ""))
        qtbot.waitUntil(lambda: not too_long.thread.is_alive(), timeout=10000)
        assert str(too_long.error).startswith("--last must be more than 0")
    finally:
        service.unregister()


def test_a_link_to_a_feed_episode_not_downloaded_offers_the_download_then_plays_there(
    qtbot: QtBot, window: MainWindow, library: Library, server: LocalServer, tone_audio: Path
) -> None:
    url = serve_example_podcast(server, tone_audio)
    with HttpClient() as client:
        podcast_id = subscribe(library, client, url).podcast_id
    episode = library.podcasts.podcast_episodes(podcast_id)[0]
    identity = library.episode_identity(episode.id)
    assert identity is not None and identity.kind == "guid"
    opener = link_opener(window)
    with qtbot.waitSignal(opener.downloadOffered) as offered:
        opener.open(MomentLink(identity, 3400).url)
    box = offered.args[0]
    assert isinstance(box, QMessageBox) and "not downloaded yet" in box.text() and "play from 0:03" in box.text()
    assert not library.podcasts.is_downloaded(episode.id)
    with qtbot.waitSignal(window.controller.mediaReady, timeout=30000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert window.session.episode_id == episode.id and library.podcasts.is_downloaded(episode.id)
    qtbot.waitUntil(lambda: window.controller.is_playing, timeout=10000)
    assert 3300 <= window.controller.position <= 5000
