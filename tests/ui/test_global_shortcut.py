"""The global shortcut for mark through the freedesktop GlobalShortcuts portal, on a real private session bus.

This machine has no portal backend (xdg-desktop-portal with a KDE or GNOME implementation), so the test
itself serves ``org.freedesktop.portal.Desktop`` at ``/org/freedesktop/portal/desktop`` on the private
bus: a minimal GlobalShortcuts that records CreateSession and BindShortcuts, answers each through a
Request object's ``Response`` signal as the real portal does, and emits ``Activated`` when the test asks.
The app talks to it over the bus exactly as it would to the desktop's portal.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, HeaderFields, Message, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusConnection, ReceiveStopped, open_dbus_connection
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from podplayer.store.repository import Library
from podplayer.ui.app import marker, register_global_shortcut
from podplayer.ui.desktop import global_shortcut
from podplayer.ui.dialogs.preferences_dialog import PreferencesDialog
from podplayer.ui.window.main_window import MainWindow
from tests.helpers_bus import wait_for
from tests.ui.conftest import WORD_MS, open_and_wait


class Portal:
    """A minimal ``org.freedesktop.portal.GlobalShortcuts`` (version 1) served from a thread."""

    def __init__(self, address: str) -> None:
        self.conn: DBusConnection = open_dbus_connection(bus=address)
        self.sessions: list[tuple[str, str]] = []  # (owner's unique name, session handle)
        self.bound: list[tuple[str, str, Any]] = []  # (session handle, shortcut id, its options)
        self.conn.send(message_bus.RequestName(global_shortcut.PORTAL_NAME))
        self.named = threading.Event()  # the portal's name is ours
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def activate(self, shortcut_id: str, session: str | None = None) -> None:
        owner, ours = self.sessions[-1]
        session = session or ours
        signal = new_signal(DBusAddress(global_shortcut.PORTAL_PATH, interface=global_shortcut.INTERFACE),
                            "Activated", "osta{sv}", (session, shortcut_id, 0, {}))  # fmt: skip
        signal.header.fields[HeaderFields.destination] = owner  # as the portal does: to the session's owner
        self.conn.send(signal)

    def stop(self) -> None:
        self.conn.interrupt()
        self._thread.join(timeout=10)
        self.conn.close()

    def _serve(self) -> None:
        try:
            while True:
                message = self.conn.receive()
                if message.header.message_type == MessageType.method_call:
                    self._answer(message)
                elif message.header.fields.get(HeaderFields.member) == "NameAcquired" and message.body == (
                    global_shortcut.PORTAL_NAME,
                ):
                    self.named.set()
        except ReceiveStopped:
            pass

    def _answer(self, call: Message) -> None:
        fields = call.header.fields
        member, sender = fields.get(HeaderFields.member), str(fields.get(HeaderFields.sender))
        if member == "Get" and tuple(call.body) == (global_shortcut.INTERFACE, "version"):
            self.conn.send(new_method_return(call, "v", (("u", 1),)))
        elif member == "CreateSession":
            options = call.body[0]
            session = f"{global_shortcut.PORTAL_PATH}/session/{_escaped(sender)}/{options['session_handle_token'][1]}"
            self.sessions.append((sender, session))
            self._respond(call, options, {"session_handle": ("s", session)})
        elif member == "BindShortcuts":
            session, shortcuts, _parent, options = call.body
            self.bound += [(session, sid, {k: v[1] for k, v in opts.items()}) for sid, opts in shortcuts]
            described = [(sid, {"description": opts["description"], "trigger_description": ("s", "Ctrl+Alt+M")})
                         for sid, opts in shortcuts]  # fmt: skip
            self._respond(call, options, {"shortcuts": ("a(sa{sv})", described)})
        else:
            self.conn.send(new_error(call, "org.freedesktop.DBus.Error.UnknownMethod", "s", (f"no {member}",)))

    def _respond(self, call: Message, options: dict[str, Any], results: dict[str, Any]) -> None:
        """Reply with the Request object, then its Response (0: success) with ``results``."""
        sender = str(call.header.fields.get(HeaderFields.sender))
        request = f"{global_shortcut.PORTAL_PATH}/request/{_escaped(sender)}/{options['handle_token'][1]}"
        self.conn.send(new_method_return(call, "o", (request,)))
        response = new_signal(DBusAddress(request, interface=global_shortcut.REQUEST_INTERFACE), "Response",
                              "ua{sv}", (0, results))  # fmt: skip
        response.header.fields[HeaderFields.destination] = sender
        self.conn.send(response)


def _escaped(unique_name: str) -> str:
    return unique_name.lstrip(":").replace(".", "_")


@pytest.fixture
def private_bus(session_bus: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    yield session_bus


@pytest.fixture
def portal(private_bus: str, qtbot: QtBot) -> Iterator[Portal]:
    served = Portal(private_bus)
    qtbot.waitUntil(served.named.is_set, timeout=10000)
    yield served
    served.stop()


def test_the_app_binds_mark_and_the_shortcut_highlights_the_last_seconds(
    qtbot: QtBot, portal: Portal, window: MainWindow, library: Library, word_episode_id: int
) -> None:
    window.settings.mark_seconds = 5
    open_and_wait(qtbot, window, word_episode_id)
    window.controller.seek(6500)
    shortcut = register_global_shortcut(window, marker(window))
    assert shortcut is not None
    try:
        qtbot.waitUntil(shortcut.bound.is_set, timeout=10000)
        [(owner, session)] = portal.sessions
        assert portal.bound == [(session, "mark", {"description": "Mark the last moments in podplayer",
                                                   "preferred_trigger": "CTRL+ALT+M"})]  # fmt: skip

        panel = window.annotations.panel
        assert panel.model.rowCount() == 0
        portal.activate("mark")
        qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10000)
        [shown] = panel.model.highlights()
        assert shown.id is not None
        stored = library.highlight(shown.id)
        # The last 5 s before 6.5 s, as whole words: from about 1.5 s on, nothing from before.
        start, end = stored.start_ms, stored.end_ms
        assert start is not None and end is not None
        assert start >= 1500 - WORD_MS and end <= 6500 + WORD_MS and end - start >= 5000 - 2 * WORD_MS
        assert "alpha" not in stored.quote and (stored.tags, stored.note) == ([], "")
        assert shown.id in {h.id for h in window.transcript_view.transcript_model.highlights}

        # Another shortcut id, or another app's session, is not ours. The portal's signals arrive in order,
        # so once a later mark (at 3 s: from the start, "alpha" too) shows, those two were handled.
        portal.activate("something-else")
        portal.activate("mark", session=f"{session}_another_app")
        window.controller.seek(3000)
        portal.activate("mark")
        qtbot.waitUntil(lambda: any("alpha" in h.quote for h in panel.model.highlights()), timeout=10000)
        assert panel.model.rowCount() == 2
    finally:
        shortcut.close()


def test_without_a_portal_the_app_starts_and_registers_nothing(
    qtbot: QtBot, private_bus: str, window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=global_shortcut.__name__)
    shortcut = register_global_shortcut(window, marker(window))
    assert shortcut is not None
    try:
        qtbot.waitUntil(shortcut.done.is_set, timeout=10000)
        assert not shortcut.bound.is_set()
        assert caplog.records == []  # absent is the common case: not even a line in the log
        assert window.isVisible() and window.annotations.panel.model.rowCount() == 0
    finally:
        shortcut.close()


def test_the_preference_is_on_by_default_and_ok_saves_it_off(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    settings = window.settings
    assert settings.global_shortcut
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.global_shortcut.isChecked()
    dialog.grab().save(str(tmp_path / "preferences.png"))
    dialog.global_shortcut.setChecked(False)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not settings.global_shortcut
    assert register_global_shortcut(window, marker(window)) is None


def test_the_app_registers_the_shortcut_when_it_starts(private_bus: str, portal: Portal, tmp_path: Path) -> None:
    """The real ``podplayer`` process, started as the desktop starts it, binds ``mark`` by itself."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "PODPLAYER_DB": str(tmp_path / "library.sqlite3")}  # fmt: skip
    app = subprocess.Popen([sys.executable, "-m", "podplayer"], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        wait_for(lambda: len(portal.bound) == 1, "the app to bind its shortcut")
        [(_owner, session)] = portal.sessions
        assert [(s, sid) for s, sid, _opts in portal.bound] == [(session, "mark")]
        portal.activate("mark")  # nothing open: the window says so in its status bar, and carries on
        quit_call = ["gdbus", "call", "--session", "--dest", "org.mpris.MediaPlayer2.podplayer", "--object-path",
                     "/org/mpris/MediaPlayer2", "--method", "org.mpris.MediaPlayer2.Quit"]  # fmt: skip
        assert subprocess.run(quit_call, env=env, capture_output=True, timeout=30, check=False).returncode == 0
        _out, err = app.communicate(timeout=60)
        assert app.returncode == 0 and "Traceback" not in err and "global shortcut" not in err, err
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=30)
