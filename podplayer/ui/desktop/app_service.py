"""The app's own D-Bus interface, ``org.podplayer.Podplayer`` (names and signatures: core/app_bus.py).

It sits beside MPRIS (``ui/player/mpris.py``) on the same session bus. Like MPRIS it only turns calls
into the window's intents, given as two callables: ``mark(seconds, tags, note) -> highlight id`` and
``open_link(url)``. A PodplayerError they raise goes back to the caller as the D-Bus error
``org.podplayer.Podplayer.Error`` with the message as its one line.

It is a QDBusVirtualObject rather than an adaptor: a virtual object answers each call itself, so a
refusal is a proper D-Bus error reply (PySide's QDBusContext.sendErrorReply is not usable from Python).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVirtualObject

from podplayer.core.app_bus import BUS_NAME, ERROR_NAME, INTERFACE, INTROSPECTION, OBJECT_PATH
from podplayer.core.model import PodplayerError

Mark = Callable[[float, list[str], str], int]
OpenLink = Callable[[str], None]
MAX_MARK_S = 600.0  # 0 means "the preference"


class AppService(QDBusVirtualObject):
    def __init__(self, mark: Mark, open_link: OpenLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mark = mark
        self._open_link = open_link
        self.bus: QDBusConnection | None = None

    def introspect(self, path: str) -> str:  # noqa: ARG002 (one object)
        return INTROSPECTION

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:  # noqa: N802 (Qt name)
        if message.interface() not in (INTERFACE, ""):
            return False
        args = list(message.arguments())
        try:
            if message.member() == "Mark" and message.signature() == "dass":
                seconds, tags, note = float(args[0]), [str(t) for t in args[1]], str(args[2])
                if not 0 <= seconds <= MAX_MARK_S:
                    raise PodplayerError(f"--last must be more than 0 and at most {MAX_MARK_S:g} seconds")
                result: list[object] = [self._mark(seconds, tags, note)]
            elif message.member() == "OpenLink" and message.signature() == "s":
                self._open_link(str(args[0]))
                result = []
            else:
                return False
        except PodplayerError as exc:
            connection.send(message.createErrorReply(ERROR_NAME, str(exc)))
            return True
        reply = message.createReply()
        reply.setArguments(result)
        connection.send(reply)
        return True

    def register(self, bus: QDBusConnection) -> bool:
        """Own the app's bus name (the first podplayer that starts keeps it) and publish the object."""
        if not bus.isConnected() or not bus.registerVirtualObject(OBJECT_PATH, self):
            return False
        if not bus.registerService(BUS_NAME):
            bus.unregisterObject(OBJECT_PATH)
            return False
        self.bus = bus
        return True

    def unregister(self) -> None:
        if self.bus is not None:
            self.bus.unregisterService(BUS_NAME)
            self.bus.unregisterObject(OBJECT_PATH)
            self.bus = None


def publish(mark: Mark, open_link: OpenLink, parent: QObject | None = None) -> AppService | None:
    """Publish the interface on the session bus; None without a usable bus or when another podplayer has it."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not os.environ.get("XDG_RUNTIME_DIR"):
        return None
    service = AppService(mark, open_link, parent)
    if service.register(QDBusConnection.sessionBus()):
        return service
    service.deleteLater()
    return None
