"""A short desktop notification through org.freedesktop.Notifications, when the desktop has one.

Sent with jeepney and not waited for: the caller (a highlight just made) never blocks on a
notification daemon, and a desktop without one (a server, a bare window manager) simply shows nothing.
"""

from __future__ import annotations

import os

NOTIFY_NAME = "org.freedesktop.Notifications"
NOTIFY_PATH = "/org/freedesktop/Notifications"
EXPIRE_MS = 4000


def notify(summary: str, body: str, *, icon: str = "podplayer") -> bool:
    """Post a notification; False when no session bus could take it (nothing else happens)."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not os.environ.get("XDG_RUNTIME_DIR"):
        return False
    try:
        connection = open_dbus_connection(bus="SESSION")
    except (OSError, KeyError, ValueError):
        return False
    try:
        address = DBusAddress(NOTIFY_PATH, bus_name=NOTIFY_NAME, interface=NOTIFY_NAME)
        message = new_method_call(
            address, "Notify", "susssasa{sv}i", ("podplayer", 0, icon, summary, body, [], {}, EXPIRE_MS)
        )
        connection.send(message)
        return True
    except OSError:
        return False
    finally:
        connection.close()
