"""Preferences → Podcasts on real widgets: a real settings file, the address check, and the Add
podcast dialog searching the chosen directory on a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import configparser
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from podplayer.core.feeds.directory import Directory
from podplayer.ui.dialogs.preferences_dialog import PreferencesDialog
from podplayer.ui.podcasts.add_podcast_dialog import AddPodcastDialog
from podplayer.ui.settings import Settings
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_http import LocalServer

KEY, SECRET = "UXKCGDSYGUUEVQJSYDZH", "yzJe2eE7XV-3eY576dyRZ6wXyAbndh6LUrCZ8KN|"

APPLE_ANSWER = {"resultCount": 1, "results": [
    {"wrapperType": "track", "kind": "podcast", "collectionName": "Garden Hour (Apple)", "artistName": "Ann",
     "feedUrl": "https://feeds.example.org/garden.xml", "trackCount": 12}]}
INDEX_ANSWER = {"status": "true", "count": 1, "query": "garden", "description": "Found matching feeds", "feeds": [
    {"id": 920666, "title": "Garden Hour (Index)", "url": "https://feeds.example.org/garden-index.xml",
     "author": "Ann", "artwork": "", "episodeCount": 34}]}


def _open(qtbot: QtBot, settings: Settings) -> PreferencesDialog:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _ok(qtbot: QtBot, dialog: PreferencesDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _ini(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    return dict(parser["podcasts"]) if parser.has_section("podcasts") else {}


def test_podcast_preferences_round_trip_through_a_settings_file(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ui.ini"
    dialog = _open(qtbot, Settings(path))
    p = dialog.podcasts
    assert p.apple.isChecked() and not p.podcast_index.isEnabled()  # Apple by default; no key yet
    assert p.secret.echoMode() == QLineEdit.EchoMode.Password
    assert not p.addresses[Directory.APPLE].isVisible()  # advanced, folded away
    qtbot.keyClicks(p.key, KEY)
    qtbot.keyClicks(p.secret, SECRET)
    qtbot.mouseClick(p.podcast_index, Qt.MouseButton.LeftButton)
    assert p.podcast_index.isChecked()
    qtbot.mouseClick(p.advanced, Qt.MouseButton.LeftButton)
    assert p.addresses[Directory.PODCAST_INDEX].isVisible()
    _retype(qtbot, p.addresses[Directory.PODCAST_INDEX].edit, "http://127.0.0.1:8123/pi/")
    _ok(qtbot, dialog)
    assert not dialog.isVisible()

    Settings(path).sync()
    assert _ini(path) == {"podcast_index_key": KEY, "podcast_index_secret": SECRET, "directory_url": "",
                          "podcast_index_url": "http://127.0.0.1:8123/pi/", "directory": "podcast_index"}
    again = Settings(path)
    assert again.directory_choice().directory is Directory.PODCAST_INDEX
    assert again.directory_choice().base_url == "http://127.0.0.1:8123/pi/"
    reopened_dialog = _open(qtbot, again)
    reopened = reopened_dialog.podcasts
    assert reopened.podcast_index.isChecked() and reopened.podcast_index.isEnabled()
    assert (reopened.key.text(), reopened.secret.text()) == (KEY, SECRET)
    assert reopened.addresses[Directory.PODCAST_INDEX].isVisible()  # a changed address is never hidden
    assert reopened.addresses[Directory.PODCAST_INDEX].url() == "http://127.0.0.1:8123/pi/"
    assert reopened.addresses[Directory.APPLE].url() == "https://itunes.apple.com"


def test_podcast_index_is_only_offered_with_both_key_and_secret(qtbot: QtBot, settings: Settings) -> None:
    dialog = _open(qtbot, settings)
    p = dialog.podcasts
    assert 'href="https://api.podcastindex.org"' in p.key_hint.text() and p.key_hint.isVisible()
    assert p.key_hint.openExternalLinks()
    qtbot.keyClicks(p.key, KEY)
    assert not p.podcast_index.isEnabled() and "key and secret" in p.podcast_index.toolTip()
    qtbot.mouseClick(p.podcast_index, Qt.MouseButton.LeftButton)
    assert p.apple.isChecked()
    qtbot.keyClicks(p.secret, "   ")
    assert not p.podcast_index.isEnabled()  # blanks are not a secret
    qtbot.keyClicks(p.secret, SECRET)
    assert p.podcast_index.isEnabled()
    qtbot.mouseClick(p.podcast_index, Qt.MouseButton.LeftButton)
    assert p.podcast_index.isChecked()
    p.secret.clear()
    assert p.apple.isChecked() and not p.podcast_index.isEnabled()


def test_an_old_settings_file_with_a_key_keeps_searching_podcast_index(tmp_path: Path) -> None:
    path = tmp_path / "ui.ini"
    path.write_text(f"[podcasts]\npodcast_index_key={KEY}\npodcast_index_secret={SECRET}\n")
    assert Settings(path).podcast_directory is Directory.PODCAST_INDEX
    path.write_text(f"[podcasts]\npodcast_index_key={KEY}\n")
    assert Settings(path).podcast_directory is Directory.APPLE


@pytest.mark.parametrize("address, message", [
    ("itunes.apple.com", "Nothing was saved. The Apple Podcasts address must be a full http:// or https:// URL "
                         "such as https://itunes.apple.com, not “itunes.apple.com”."),
    ("ftp://mirror.example.org", "The Apple Podcasts address must be a full http:// or https:// URL"),
    ("https://mirror.example.org/?country=de", "The Apple Podcasts address must not have a ?query or #fragment"),
])
def test_a_wrong_address_says_why_and_saves_nothing(
    qtbot: QtBot, tmp_path: Path, address: str, message: str
) -> None:
    path = tmp_path / "ui.ini"
    dialog = _open(qtbot, Settings(path))
    p = dialog.podcasts
    dialog.skip_back.setValue(12)
    qtbot.keyClicks(p.key, KEY)
    qtbot.mouseClick(p.advanced, Qt.MouseButton.LeftButton)
    apple = p.addresses[Directory.APPLE]
    _retype(qtbot, apple.edit, address)
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert message in dialog.error.text()
    assert dialog.focusWidget() is apple.edit
    Settings(path).sync()
    assert not path.exists() or _ini(path) == {}
    assert Settings(path).skip_back_s == 5  # nothing at all was saved

    assert apple.reset.isEnabled()
    qtbot.mouseClick(apple.reset, Qt.MouseButton.LeftButton)
    assert apple.url() == "https://itunes.apple.com" and not apple.reset.isEnabled()
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    saved = Settings(path)
    assert saved.skip_back_s == 12 and saved.directory_base_url(Directory.APPLE) == ""
    assert saved.podcast_index_key == KEY and saved.podcast_directory is Directory.APPLE


def test_a_folded_away_wrong_address_is_shown_when_refused(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ui.ini"
    dialog = _open(qtbot, Settings(path))
    p = dialog.podcasts
    qtbot.mouseClick(p.advanced, Qt.MouseButton.LeftButton)
    _retype(qtbot, p.addresses[Directory.PODCAST_INDEX].edit, "mailto:someone@example.org")
    qtbot.mouseClick(p.advanced, Qt.MouseButton.LeftButton)
    assert not p.addresses[Directory.PODCAST_INDEX].isVisible()
    _ok(qtbot, dialog)
    assert dialog.isVisible() and "Podcast Index address must be a full http" in dialog.error.text()
    assert p.addresses[Directory.PODCAST_INDEX].isVisible()
    assert dialog.focusWidget() is p.addresses[Directory.PODCAST_INDEX].edit


def _search(qtbot: QtBot, window: MainWindow, term: str, directory: Directory) -> AddPodcastDialog:
    view = window.podcasts_view
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = view.add_dialog
    assert dialog is not None and dialog.isVisible()
    assert f"Search {directory.label} by name" in dialog.status.text()
    qtbot.keyClicks(dialog.query, term)
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.results.count() > 0 or "did not work" in dialog.status.text(), timeout=20000)
    return dialog


def _preferences(qtbot: QtBot, window: MainWindow) -> PreferencesDialog:
    action = window.findChild(QAction, "preferences")
    assert action is not None
    action.trigger()  # Edit → Preferences…
    dialog = window.preferences_dialog
    qtbot.waitExposed(dialog)
    if not dialog.podcasts.advanced_shown:
        qtbot.mouseClick(dialog.podcasts.advanced, Qt.MouseButton.LeftButton)
    return dialog


def test_add_podcast_searches_the_directory_chosen_in_preferences(
    qtbot: QtBot, make_window: Callable[[], MainWindow], server: LocalServer
) -> None:
    server.add("/apple/search", json.dumps(APPLE_ANSWER), content_type="text/javascript; charset=utf-8")
    server.add("/index/api/1.0/search/byterm", json.dumps(INDEX_ANSWER), content_type="application/json")
    window = make_window()
    window.show_podcasts()

    prefs = _preferences(qtbot, window)
    _retype(qtbot, prefs.podcasts.addresses[Directory.APPLE].edit, server.url("/apple"))
    _ok(qtbot, prefs)
    dialog = _search(qtbot, window, "garden", Directory.APPLE)
    assert [dialog.results.item(i).text().split("\n")[0] for i in range(dialog.results.count())] == ["Garden Hour (Apple)"]
    assert "12 episodes" in dialog.results.item(0).text()
    assert len(server.requests_for("/apple/search")) == 1 and not server.requests_for("/index/api/1.0/search/byterm")
    dialog.reject()

    # The same running window: choose Podcast Index with a key; the next "Add podcast…" searches it.
    prefs = _preferences(qtbot, window)
    p = prefs.podcasts
    qtbot.keyClicks(p.key, KEY)
    qtbot.keyClicks(p.secret, SECRET)
    qtbot.mouseClick(p.podcast_index, Qt.MouseButton.LeftButton)
    _retype(qtbot, p.addresses[Directory.PODCAST_INDEX].edit, server.url("/index"))
    _ok(qtbot, prefs)
    dialog = _search(qtbot, window, "garden", Directory.PODCAST_INDEX)
    assert dialog.results.count() == 1 and dialog.results.item(0).text().startswith("Garden Hour (Index)")
    assert "34 episodes" in dialog.results.item(0).text()
    [sent] = server.requests_for("/index/api/1.0/search/byterm")
    assert "q=garden" in sent.path and len(server.requests_for("/apple/search")) == 1
    headers = {k.lower(): v for k, v in sent.headers.items()}
    assert headers["x-auth-key"] == KEY
    assert headers["authorization"] == hashlib.sha1((KEY + SECRET + headers["x-auth-date"]).encode()).hexdigest()
    assert dialog.results.currentItem().toolTip() == "https://feeds.example.org/garden-index.xml"
    dialog.reject()

    # And back to Apple, without touching the key.
    prefs = _preferences(qtbot, window)
    qtbot.mouseClick(prefs.podcasts.apple, Qt.MouseButton.LeftButton)
    _ok(qtbot, prefs)
    dialog = _search(qtbot, window, "garden", Directory.APPLE)
    assert dialog.results.item(0).text().startswith("Garden Hour (Apple)")
    assert len(server.requests_for("/apple/search")) == 2 and len(server.requests_for("/index/api/1.0/search/byterm")) == 1
