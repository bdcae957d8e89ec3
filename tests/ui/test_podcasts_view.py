"""The Podcasts view in the real window, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from podplayer.core.feeds.directory import Directory
from podplayer.core.feeds.download import partial_path
from podplayer.store.podcast_store import TRANSCRIBE_NEW_EPISODES, VOICES_FROM_PODCAST_ONLY
from podplayer.store.repository import Library
from podplayer.ui.podcasts.add_podcast_dialog import AddPodcastDialog
from podplayer.ui.podcasts.episode_list import ProgressRole
from podplayer.ui.settings import Settings
from podplayer.ui.window.main_window import MainWindow
from podplayer.usecases.podcast_jobs import downloads_dir
from tests.helpers_http import LocalServer, example_feed, serve_example_podcast


def _podcasts_window(make_window: Callable[[], MainWindow]) -> MainWindow:
    window = make_window()
    window.show_podcasts()
    window.splitter.setSizes([460, 500, 240])
    return window


def _dismiss_next_message(found: list[str]) -> None:
    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            found.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, close)

    QTimer.singleShot(20, close)


def test_podcasts_tab_lists_podcast_and_episodes_and_downloads_one(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library, subscribed: int
) -> None:
    window = _podcasts_window(make_window)
    view = window.podcasts_view
    assert window.left_pane.currentWidget() is view
    assert view.podcast_model.rowCount() == 1 and view.episode_model.rowCount() == 3
    assert window.library_list.episode_model.rowCount() == 0  # feed episodes join the library once downloaded
    first = view.episode_model.episode(0)
    assert first.title == "Episode 3 - The Future" and not first.downloaded
    view.episode_list.setCurrentIndex(view.episode_model.index(0))
    assert view.download_button.isEnabled() and view.download_button.text() == "Download"

    seen: list[float] = []
    wanted: list[bool] = []
    view.transcriptionWanted.connect(lambda: wanted.append(True))
    qtbot.mouseClick(view.download_button, Qt.MouseButton.LeftButton)
    job = view.downloads[first.id]
    job.progressed.connect(lambda d, t, _m: seen.append(d / t))
    qtbot.waitUntil(lambda: first.id not in view.downloads, timeout=60000)
    row = view.episode_model.episode(view.episode_model.row_of(first.id) or 0)
    assert row.downloaded and row.transcript_format == "text" and row.chapter_count > 0
    assert view.episode_model.index(0).data(ProgressRole) is None
    assert seen and max(seen) <= 1.0
    assert wanted == [True]  # a new download is offered to the transcription queue
    assert "Downloaded" in window.statusBar().currentMessage() and "transcript: text" in window.statusBar().currentMessage().lower()
    assert [e.id for e in window.library_list.episode_model._rows] == [first.id]
    assert view.play_button.isEnabled() and view.play_button.text() == "Play"
    qtbot.mouseClick(view.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.episode_id == first.id, timeout=10000)
    episode = window.session.episode
    assert episode is not None and episode.transcript.word_count > 0
    assert window.transcript_view.transcript_model.rowCount() == 2
    qtbot.waitUntil(lambda: window.controller.is_playing, timeout=10000)  # Play plays
    window.controller.pause()


def test_play_on_an_episode_not_downloaded_downloads_it_then_plays_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library, subscribed: int
) -> None:
    window = _podcasts_window(make_window)
    view = window.podcasts_view
    episode = view.episode_model.episode(0)
    assert not episode.downloaded
    view.episode_list.setCurrentIndex(view.episode_model.index(0))
    assert view.play_button.isEnabled() and "Download this episode, then play it" in view.play_button.toolTip()
    qtbot.mouseClick(view.play_button, Qt.MouseButton.LeftButton)
    assert episode.id in view.downloads
    assert view.play_button.text() == "Plays when downloaded" and not view.play_button.isEnabled()
    assert view.download_button.text() == "Cancel download"
    qtbot.waitUntil(lambda: window.session.episode_id == episode.id, timeout=60000)
    qtbot.waitUntil(lambda: window.controller.is_playing, timeout=10000)
    window.controller.pause()
    assert library.podcasts.is_downloaded(episode.id)
    assert view.play_when_downloaded == set() and view.play_button.text() == "Play"


@pytest.mark.parametrize("started_by", ["download", "play"])
def test_download_progress_and_cancel_keep_the_partial_file(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    library: Library,
    server: LocalServer,
    subscribed: int,
    started_by: str,
) -> None:
    server.add("/file-02.mp3", b"\xff\xfb" * 2_000_000, content_type="audio/mpeg", trickle_s=0.02)
    window = _podcasts_window(make_window)
    view = window.podcasts_view
    episode = view.episode_model.episode(1)
    view.episode_list.setCurrentIndex(view.episode_model.index(1))
    button = view.download_button if started_by == "download" else view.play_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (view.episode_model.index(1).data(ProgressRole) or 0) > 0, timeout=20000)
    assert view.download_button.text() == "Cancel download"
    qtbot.mouseClick(view.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: episode.id not in view.downloads, timeout=20000)
    assert "cancelled" in window.statusBar().currentMessage()
    # A play that waited for the download is given up with it.
    assert view.play_when_downloaded == set()
    assert view.play_button.text() == "Play" and view.play_button.isEnabled()
    assert window.session.episode_id is None and not window.controller.is_playing
    assert not library.podcasts.is_downloaded(episode.id)
    partials = list(downloads_dir(library).rglob("*.partial"))
    assert len(partials) == 1 and partials[0].stat().st_size > 0
    assert partial_path(partials[0].with_suffix("")) == partials[0]


def test_add_podcast_by_name_from_the_directory_then_refresh(
    qtbot: QtBot, make_window: Callable[[], MainWindow], settings: Settings, server: LocalServer, subscribed: int
) -> None:
    second = server.add("/second.xml", example_feed(server).replace(b"Podcasting 2.0 Namespace Example", b"Garden Hour"))
    server.add("/search", json.dumps({"resultCount": 1, "results": [
        {"collectionName": "Garden Hour", "artistName": "Ann", "feedUrl": second, "trackCount": 3,
         "artworkUrl600": server.url("/art.png")}]}), content_type="application/json")
    settings.set_directory_base_url(Directory.APPLE, server.base)
    window = _podcasts_window(make_window)
    view = window.podcasts_view
    dialog = AddPodcastDialog(view.jobs, view.client, view.artwork, window.settings.directory_choice(), view)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.query, "garden")
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=20000)
    assert "Garden Hour" in dialog.results.item(0).text() and "3 episodes" in dialog.results.item(0).text()
    assert dialog.subscribe_button.isEnabled()
    qtbot.mouseClick(dialog.subscribe_button, Qt.MouseButton.LeftButton)
    assert dialog.feed_url == second
    view.subscribe(dialog.feed_url)
    qtbot.waitUntil(lambda: view.podcast_model.rowCount() == 2, timeout=20000)
    assert view.podcast_title.text().startswith("<b>Garden Hour</b>")

    server.add("/second.xml", "<html><body>gone</body></html>", content_type="text/html")
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.refresh_job is None and view.refresh_button.isEnabled(), timeout=20000)
    assert "2 feeds checked" in window.statusBar().currentMessage() and "1 failed" in window.statusBar().currentMessage()
    garden = next(view.podcast_model.podcast(r) for r in range(2) if view.podcast_model.podcast(r).title == "Garden Hour")
    assert "web page" in garden.last_error


def test_adding_a_web_page_says_why_and_adds_nothing(
    qtbot: QtBot, make_window: Callable[[], MainWindow], server: LocalServer, subscribed: int
) -> None:
    page = server.add("/page.html", "<!doctype html><html><body>Hi</body></html>", content_type="text/html")
    window = _podcasts_window(make_window)
    view = window.podcasts_view
    messages: list[str] = []
    _dismiss_next_message(messages)
    job = view.subscribe(page)
    qtbot.waitUntil(lambda: job.done and bool(messages), timeout=20000)
    assert "web page" in messages[0] and view.podcast_model.rowCount() == 1


def test_import_opml(qtbot: QtBot, make_window: Callable[[], MainWindow], server: LocalServer, tone_audio: Path,
                     tmp_path: Path) -> None:
    url = serve_example_podcast(server, tone_audio)
    opml = tmp_path / "subs.opml"
    opml.write_text(f'<opml version="2.0"><body><outline type="rss" text="Ex" xmlUrl="{url}"/>'
                    f'<outline type="rss" text="Gone" xmlUrl="{server.url("/gone.xml")}"/></body></opml>')
    window = _podcasts_window(make_window)
    view = window.podcasts_view
    job = view.import_opml(opml)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert view.podcast_model.rowCount() == 1 and view.episode_model.rowCount() == 3
    assert "Imported 1 podcasts" in window.statusBar().currentMessage() and "not found" in window.statusBar().currentMessage()


def test_transcribe_new_episodes_is_a_choice_per_podcast(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library, subscribed: int
) -> None:
    view = _podcasts_window(make_window).podcasts_view
    box = view.transcribe_new
    assert box.isEnabled() and not box.isChecked()
    with qtbot.waitSignal(view.transcriptionWanted, timeout=5000):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert library.podcasts.podcast(subscribed).preferences.get(TRANSCRIBE_NEW_EPISODES) is True
    assert view.transcribe_new.isChecked()
    assert _podcasts_window(make_window).podcasts_view.transcribe_new.isChecked()  # kept in the library
    with qtbot.assertNotEmitted(view.transcriptionWanted):
        qtbot.mouseClick(view.transcribe_new, Qt.MouseButton.LeftButton)
    assert library.podcasts.podcast(subscribed).preferences.get(TRANSCRIBE_NEW_EPISODES) is False
    assert not view.transcribe_new.isChecked()


def test_own_voices_only_is_a_choice_per_podcast(
    qtbot: QtBot, make_window: Callable[[], MainWindow], library: Library, subscribed: int
) -> None:
    view = _podcasts_window(make_window).podcasts_view
    box = view.own_voices
    assert box.isEnabled() and not box.isChecked()
    with qtbot.assertNotEmitted(view.transcriptionWanted):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert library.podcasts.podcast(subscribed).preferences.get(VOICES_FROM_PODCAST_ONLY) is True
    again = _podcasts_window(make_window)
    assert again.podcasts_view.own_voices.isChecked()  # kept in the library
    shots = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    again.grab().save(str(shots / "podcasts-own-voices.png"))
    assert not view.transcribe_new.isChecked()
