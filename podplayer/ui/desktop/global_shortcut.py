"""A global shortcut for ``mark`` through the freedesktop GlobalShortcuts portal, where the desktop has it.

At start the app asks the session bus for ``org.freedesktop.portal.GlobalShortcuts`` (its ``version``
property); where it is absent (the common case) nothing happens. Otherwise it creates a portal session
and binds one shortcut, ``mark`` (preferred trigger Ctrl+Alt+M; the desktop's settings may change it).
Each ``Activated`` for it calls ``mark`` on the GUI thread: the same callable the app's D-Bus ``Mark``
method uses. A failure of the portal only writes one line to the log.

The portal speaks through jeepney (already the ``podplayer mark`` client) on a thread rather than
QtDBus: ``BindShortcuts`` takes an array of structures, ``a(sa{sv})``, which PySide6's QDBusArgument
cannot write from Python. Portal calls answer with a Request object whose ``Response`` signal carries the
results; its path is predicted from the ``handle_token`` and watched before the call, as the portal
documentation advises.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable
from queue import Empty, Queue
from typing import Any

from PySide6.QtCore import QObject, Signal

SHORTCUT_ID = "mark"
DESCRIPTION = "Mark the last moments in podplayer"
PREFERRED_TRIGGER = "CTRL+ALT+M"
PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.GlobalShortcuts"
REQUEST_INTERFACE = "org.freedesktop.portal.Request"
SESSION_TIMEOUT_S = 30.0
BIND_TIMEOUT_S = 600.0  # the desktop may ask the user to confirm the shortcut first

log = logging.getLogger(__name__)


class PortalRefused(Exception):
    """The portal answered a request with a non-zero response (cancelled or failed)."""


class _Relay:
    """The filter queue for ``Activated``: hands each signal for ``mark`` to the GUI thread."""

    def __init__(self, heard: Callable[[], None]) -> None:
        self._heard = heard
        self.session = ""  # ours, once the portal has made it

    def put_nowait(self, message: Any) -> None:
        if tuple(message.body[:2]) == (self.session, SHORTCUT_ID):
            self._heard()


class GlobalShortcut(QObject):
    """Binds ``mark`` through the portal on a thread; ``bound`` tells whether the portal accepted it."""

    _heard = Signal()  # emitted on the jeepney thread, delivered on the GUI thread (this object's)

    def __init__(self, mark: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mark = mark
        self._heard.connect(self._on_heard)
        self._router: Any = None
        self._closing = threading.Event()
        self.bound = threading.Event()  # the portal accepted the shortcut
        self.done = threading.Event()  # the attempt is over, bound or not
        self._thread = threading.Thread(target=self._bind, name="global-shortcut", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._closing.set()
        router = self._router
        if router is not None:
            router.close()
            router.conn.close()

    def _on_heard(self) -> None:
        self._mark()

    # --- the portal thread ----------------------------------------------------------------------
    def _bind(self) -> None:
        try:
            self._bind_on_bus()
        except Exception as exc:  # noqa: BLE001 (whatever the portal does, the app goes on: one line at most)
            if not self._closing.is_set():
                log.warning("podplayer: the global shortcut was not registered: %s", exc or type(exc).__name__)
        finally:
            self.done.set()

    def _bind_on_bus(self) -> None:
        from jeepney import DBusAddress, DBusErrorResponse, MatchRule, Properties
        from jeepney.bus_messages import message_bus
        from jeepney.io.threading import DBusRouter, open_dbus_connection
        from jeepney.wrappers import unwrap_msg

        try:
            router = DBusRouter(open_dbus_connection(bus="SESSION"))
        except (OSError, KeyError, ValueError, RuntimeError):
            return  # no session bus: nothing to register with
        self._router = router
        portal = DBusAddress(PORTAL_PATH, bus_name=PORTAL_NAME, interface=INTERFACE)
        try:
            unwrap_msg(router.send_and_get_reply(Properties(portal).get("version"), timeout=SESSION_TIMEOUT_S))
        except (DBusErrorResponse, OSError, TimeoutError, RuntimeError):
            return  # the desktop offers no GlobalShortcuts portal (or no portal at all): quietly nothing
        activated = MatchRule(type="signal", interface=INTERFACE, member="Activated", path=PORTAL_PATH)
        unwrap_msg(router.send_and_get_reply(message_bus.AddMatch(activated), timeout=SESSION_TIMEOUT_S))
        relay = _Relay(self._heard.emit)
        router.filter(activated, queue=relay)
        results = self._request(router, portal, "CreateSession", "a{sv}",
                                lambda opts: (opts | {"session_handle_token": ("s", _token())},),
                                SESSION_TIMEOUT_S)  # fmt: skip
        session = relay.session = str(results["session_handle"][1])
        shortcut = (SHORTCUT_ID, {"description": ("s", DESCRIPTION), "preferred_trigger": ("s", PREFERRED_TRIGGER)})
        self._request(router, portal, "BindShortcuts", "oa(sa{sv})sa{sv}",
                      lambda opts: (session, [shortcut], "", opts), BIND_TIMEOUT_S)  # fmt: skip
        self.bound.set()

    def _request(self, router: Any, portal: Any, method: str, signature: str,
                 body: Callable[[dict[str, Any]], tuple[Any, ...]], timeout: float) -> dict[str, Any]:  # fmt: skip
        """Call a portal method that answers through a Request object; the results of its ``Response``."""
        from jeepney import MatchRule, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.wrappers import unwrap_msg

        token = _token()
        sender = str(router.unique_name).lstrip(":").replace(".", "_")
        path = f"{PORTAL_PATH}/request/{sender}/{token}"
        rule = MatchRule(type="signal", interface=REQUEST_INTERFACE, member="Response", path=path)
        unwrap_msg(router.send_and_get_reply(message_bus.AddMatch(rule), timeout=SESSION_TIMEOUT_S))
        responses: Queue[Any] = Queue(maxsize=1)
        with router.filter(rule, queue=responses):
            call = new_method_call(portal, method, signature, body({"handle_token": ("s", token)}))
            unwrap_msg(router.send_and_get_reply(call, timeout=SESSION_TIMEOUT_S))
            try:
                response, results = responses.get(timeout=timeout).body
            except Empty:
                raise TimeoutError(f"no answer to {method}") from None
        if response != 0:
            raise PortalRefused(f"{method} was {'cancelled' if response == 1 else 'refused'}")
        return dict(results)


def _token() -> str:
    return f"podplayer_{secrets.token_hex(6)}"


def register(mark: Callable[[], None], parent: QObject | None = None) -> GlobalShortcut:
    """Start binding ``mark`` as a global shortcut (quietly nothing where the portal is absent)."""
    shortcut = GlobalShortcut(mark, parent)
    shortcut.start()
    return shortcut
