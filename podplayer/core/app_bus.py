"""The running app's own D-Bus interface (beside MPRIS): its names, and the client the CLI calls it with.

The app (``ui/desktop/app_service.py``) publishes ``org.podplayer.Podplayer`` at
``/org/podplayer/Podplayer`` on the session bus with two methods:

- ``Mark(d seconds, as tags, s note) -> i``: highlight the whole words of the last ``seconds`` of what
  is playing; returns the new highlight's id (``podplayer mark``).
- ``OpenLink(s url)``: go to a ``podplayer://`` link's moment and play (``podplayer open URL``).

A refusal comes back as the D-Bus error ``org.podplayer.Podplayer.Error`` whose message is the one
line the user reads. The client is jeepney (pure Python, no Qt), so ``podplayer mark`` answers without
loading a GUI toolkit.
"""

from __future__ import annotations

import os
from typing import Any

from podplayer.core.model import PodplayerError

BUS_NAME = "org.podplayer.Podplayer"
OBJECT_PATH = "/org/podplayer/Podplayer"
INTERFACE = "org.podplayer.Podplayer"
ERROR_NAME = f"{INTERFACE}.Error"
CALL_TIMEOUT_S = 10.0
# Errors meaning "no podplayer owns the name" (or the bus itself is gone).
_ABSENT = {
    "org.freedesktop.DBus.Error.ServiceUnknown",
    "org.freedesktop.DBus.Error.NameHasNoOwner",
    "org.freedesktop.DBus.Error.NoReply",
    "org.freedesktop.DBus.Error.Disconnected",
    "org.freedesktop.DBus.Error.UnknownObject",  # a podplayer closing its window, on its way out
}

INTROSPECTION = f"""<interface name="{INTERFACE}">
  <method name="Mark">
    <arg name="seconds" type="d" direction="in"/>
    <arg name="tags" type="as" direction="in"/>
    <arg name="note" type="s" direction="in"/>
    <arg name="highlight_id" type="i" direction="out"/>
  </method>
  <method name="OpenLink">
    <arg name="url" type="s" direction="in"/>
  </method>
</interface>
"""


class NotRunningError(PodplayerError):
    def __init__(self) -> None:
        super().__init__("podplayer is not running")


def _call(method: str, signature: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    from jeepney import DBusAddress, DBusErrorResponse, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not os.environ.get("XDG_RUNTIME_DIR"):
        raise NotRunningError()
    try:
        connection = open_dbus_connection(bus="SESSION")
    except (OSError, KeyError, ValueError) as exc:  # no session bus to reach
        raise NotRunningError() from exc
    address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)
    try:
        reply = connection.send_and_get_reply(new_method_call(address, method, signature, args), timeout=CALL_TIMEOUT_S)
        from jeepney.wrappers import unwrap_msg

        return tuple(unwrap_msg(reply))
    except DBusErrorResponse as exc:
        if exc.name in _ABSENT:
            raise NotRunningError() from exc
        message = str(exc.data[0]) if exc.data else exc.name
        raise PodplayerError(message) from exc
    except TimeoutError as exc:
        raise PodplayerError("podplayer did not answer (is a dialog open in it?)") from exc
    finally:
        connection.close()


def mark(seconds: float, tags: list[str], note: str) -> int:
    """Ask the running app to highlight the last ``seconds``; the new highlight's id."""
    (highlight_id,) = _call("Mark", "dass", (float(seconds), list(tags), note))
    return int(highlight_id)


def open_link(url: str) -> None:
    """Ask the running app to play a ``podplayer://`` link's moment (NotRunningError when none runs)."""
    _call("OpenLink", "s", (url,))
