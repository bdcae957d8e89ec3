"""Media keys, the desktop's media controls and ``playerctl``: MPRIS2 on the D-Bus session bus (QtDBus).

Publishes ``org.mpris.MediaPlayer2`` and ``org.mpris.MediaPlayer2.Player`` at ``/org/mpris/MediaPlayer2``
under the bus name ``org.mpris.MediaPlayer2.podplayer`` (``...podplayer.instance<pid>`` when another
podplayer already has it). Like the player controls, it only turns requests into the playback
controller's intents (play, pause, seek, rate, volume) and reports the controller's signals back as
``PropertiesChanged``/``Seeked``; it never touches the QMediaPlayer.

- Stop pauses and keeps the place (a podcast should not lose it), so the status becomes "Paused".
- Next/Previous do nothing (CanGoNext/CanGoPrevious are false): an episode is one track.
- Without a session bus (no desktop session, a server, a test run) :func:`publish` returns None and
  nothing else changes.

QtDBus marshals an adaptor's Qt properties and slots with their declared types (``qlonglong`` is
D-Bus ``x``, ``double`` is ``d``); values inside ``Metadata`` (``a{sv}``) take the type PySide gives the
Python value, so ``mpris:length`` is an ``int32`` for episodes under about 35 minutes and an ``int64``
above (clients read either as a number).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, cast
from urllib.parse import quote

from PySide6.QtCore import ClassInfo, Property, QElapsedTimer, QMetaType, QObject, Signal, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusArgument, QDBusConnection, QDBusMessage, QDBusObjectPath

from podplayer.core.model import Episode
from podplayer.ui.player.playback_controller import MAX_RATE, MIN_RATE, PlaybackController

OBJECT_PATH = "/org/mpris/MediaPlayer2"
BUS_NAME = "org.mpris.MediaPlayer2.podplayer"
ROOT_INTERFACE = "org.mpris.MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
SEEK_JUMP_MS = 1000  # a position this far from where playback would be is a seek (-> Seeked)

# PySide6's type stubs accept only Python types here; Qt also takes type names, which QtDBus needs to
# pick the D-Bus type ("qlonglong" -> x, "QStringList" -> as, "QVariantMap" -> a{sv}).
_Property = cast(Any, Property)
_Signal = cast(Any, Signal)
_class_info = cast(Any, ClassInfo)


def track_id(episode_id: int | None) -> str:
    return f"/org/podplayer/episode/{episode_id}" if episode_id is not None else NO_TRACK


@_class_info(**{"D-Bus Interface": ROOT_INTERFACE})
class _RootAdaptor(QDBusAbstractAdaptor):
    """org.mpris.MediaPlayer2: who we are, raise and quit."""

    def __init__(self, service: MprisService) -> None:
        super().__init__(service)
        self._service = service

    Identity = Property(str, lambda self: "podplayer", constant=True)
    DesktopEntry = Property(str, lambda self: "podplayer", constant=True)
    CanQuit = Property(bool, lambda self: True, constant=True)
    CanRaise = Property(bool, lambda self: True, constant=True)
    HasTrackList = Property(bool, lambda self: False, constant=True)
    SupportedUriSchemes = _Property("QStringList", lambda self: ["file"], constant=True)
    SupportedMimeTypes = _Property("QStringList", lambda self: [], constant=True)

    @Slot()
    def Raise(self) -> None:  # noqa: N802 (D-Bus names)
        self._service.raise_window()

    @Slot()
    def Quit(self) -> None:  # noqa: N802
        self._service.quit_app()


@_class_info(**{"D-Bus Interface": PLAYER_INTERFACE})
class _PlayerAdaptor(QDBusAbstractAdaptor):
    """org.mpris.MediaPlayer2.Player: requests become the playback controller's intents."""

    Seeked = _Signal("qlonglong")

    def __init__(self, service: MprisService) -> None:
        super().__init__(service)
        self._s = service

    # --- properties (read by QtDBus with their declared types) ---------------------------------
    PlaybackStatus = Property(str, lambda self: self._s.playback_status())
    Metadata = _Property("QVariantMap", lambda self: self._s.metadata())
    Position = _Property("qlonglong", lambda self: self._s.controller.position * 1000)
    MinimumRate = Property(float, lambda self: MIN_RATE, constant=True)
    MaximumRate = Property(float, lambda self: MAX_RATE, constant=True)
    CanGoNext = Property(bool, lambda self: False, constant=True)
    CanGoPrevious = Property(bool, lambda self: False, constant=True)
    CanPlay = Property(bool, lambda self: self._s.can_play())
    CanPause = Property(bool, lambda self: self._s.can_play())
    CanSeek = Property(bool, lambda self: self._s.can_seek())
    CanControl = Property(bool, lambda self: True, constant=True)

    def _get_rate(self) -> float:
        return float(self._s.controller.rate)

    def _set_rate(self, rate: float) -> None:
        if rate > 0:  # the spec: 0 would mean pause; clients should not send it
            self._s.controller.set_rate(rate)

    Rate = Property(float, _get_rate, _set_rate)

    def _get_volume(self) -> float:
        return self._s.controller.audio_output.volume()

    def _set_volume(self, volume: float) -> None:
        self._s.controller.set_volume(round(max(0.0, min(1.0, volume)) * 100))

    Volume = Property(float, _get_volume, _set_volume)

    # --- methods --------------------------------------------------------------------------------
    @Slot()
    def Play(self) -> None:  # noqa: N802
        self._s.controller.play()

    @Slot()
    def Pause(self) -> None:  # noqa: N802
        self._s.controller.pause()

    @Slot()
    def PlayPause(self) -> None:  # noqa: N802
        self._s.controller.toggle_play()

    @Slot()
    def Stop(self) -> None:  # noqa: N802
        self._s.controller.pause()

    @Slot()
    def Next(self) -> None:  # noqa: N802
        pass

    @Slot()
    def Previous(self) -> None:  # noqa: N802
        pass

    @Slot("qlonglong")
    def Seek(self, offset_us: int) -> None:  # noqa: N802
        if self._s.can_seek():
            self._s.controller.seek(self._s.controller.position + offset_us // 1000)

    @Slot(QDBusObjectPath, "qlonglong")
    def SetPosition(self, track: QDBusObjectPath, position_us: int) -> None:  # noqa: N802
        controller = self._s.controller
        # The spec: ignore a stale track id and positions outside the track.
        if track.path() != track_id(controller.episode_id) or not self._s.can_seek():
            return
        if 0 <= position_us <= controller.duration * 1000:
            controller.seek(position_us // 1000)

    @Slot(str)
    def OpenUri(self, uri: str) -> None:  # noqa: N802
        pass  # opening files goes through the window (it may need to ask for a transcript)


class MprisService(QObject):
    """The object exported at /org/mpris/MediaPlayer2, following one playback controller."""

    def __init__(
        self,
        controller: PlaybackController,
        raise_window: Callable[[], None],
        quit_app: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.raise_window = raise_window
        self.quit_app = quit_app
        self.episode: Episode | None = None
        self.bus: QDBusConnection | None = None
        self.bus_name = ""
        self._root = _RootAdaptor(self)
        self._player = _PlayerAdaptor(self)
        self._expected_ms = controller.position
        self._clock = QElapsedTimer()
        self._clock.start()
        controller.playingChanged.connect(lambda _playing: self._changed("PlaybackStatus"))
        controller.rateChanged.connect(lambda _rate: self._changed("Rate"))
        controller.volumeChanged.connect(lambda _volume: self._changed("Volume"))
        controller.durationChanged.connect(lambda _ms: self._changed("Metadata", "CanSeek"))
        controller.mediaReady.connect(lambda: self._changed("CanPlay", "CanPause", "CanSeek"))
        controller.mediaError.connect(lambda _message: self._changed("CanPlay", "CanPause", "CanSeek"))
        controller.positionChanged.connect(self._on_position)

    # --- what the properties say ----------------------------------------------------------------
    def playback_status(self) -> str:
        if self.controller.is_playing:
            return "Playing"
        return "Paused" if self.episode is not None else "Stopped"

    def can_play(self) -> bool:
        return self.episode is not None and self.controller.has_media

    def can_seek(self) -> bool:
        return self.can_play() and self.controller.duration > 0

    def metadata(self) -> dict[str, Any]:
        episode = self.episode
        data: dict[str, Any] = {"mpris:trackid": QDBusObjectPath(track_id(episode.id if episode else None))}
        if episode is None:
            return data
        data["xesam:title"] = episode.title
        podcast = str(episode.transcript.metadata.get("podcast", "")).strip()
        data["xesam:artist"] = [podcast] if podcast else list(episode.transcript.speakers) or ["podplayer"]
        if podcast:
            data["xesam:album"] = podcast
        duration = self.controller.duration or episode.duration_ms or 0
        if duration > 0:
            data["mpris:length"] = duration * 1000
        if episode.audio_path:
            data["xesam:url"] = "file://" + quote(os.path.abspath(episode.audio_path))
        return data

    # --- following the window ---------------------------------------------------------------------
    def set_episode(self, episode: Episode | None) -> None:
        self.episode = episode
        self._expected_ms = self.controller.position
        self._clock.restart()
        self._changed("Metadata", "PlaybackStatus", "CanPlay", "CanPause", "CanSeek")

    def _on_position(self, position_ms: int) -> None:
        """Report jumps (seeks from anywhere: the window, a media key, a client) as ``Seeked``."""
        elapsed = self._clock.restart()
        expected = self._expected_ms + (elapsed * self.controller.rate if self.controller.is_playing else 0)
        self._expected_ms = position_ms
        if abs(position_ms - expected) > SEEK_JUMP_MS:
            self._player.Seeked.emit(position_ms * 1000)

    def _changed(self, *names: str) -> None:
        if self.bus is None:
            return
        values = {name: self._player.property(name) for name in names}
        if "Metadata" in values:
            values["Metadata"] = self.metadata()  # typed values (the object path) as built here
        invalidated = QDBusArgument()  # an empty "as" (a plain [] would be sent as "av")
        invalidated.beginArray(QMetaType.Type.QString)
        invalidated.endArray()
        message = QDBusMessage.createSignal(OBJECT_PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged")
        message.setArguments([PLAYER_INTERFACE, values, invalidated])
        self.bus.send(message)

    # --- the bus ------------------------------------------------------------------------------------
    def register(self, bus: QDBusConnection) -> bool:
        if not bus.isConnected():
            return False
        if not bus.registerObject(OBJECT_PATH, self):
            return False
        for name in (BUS_NAME, f"{BUS_NAME}.instance{os.getpid()}"):
            if bus.registerService(name):
                self.bus, self.bus_name = bus, name
                return True
        bus.unregisterObject(OBJECT_PATH)
        return False

    def unregister(self) -> None:
        if self.bus is not None:
            self.bus.unregisterService(self.bus_name)
            self.bus.unregisterObject(OBJECT_PATH)
            self.bus = None


def publish(
    controller: PlaybackController, raise_window: Callable[[], None], quit_app: Callable[[], None],
    parent: QObject | None = None,
) -> MprisService | None:  # fmt: skip
    """Publish ``controller`` on the session bus; None (and nothing published) without a usable bus."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not os.environ.get("XDG_RUNTIME_DIR"):
        return None  # no session bus to look for: do not let QtDBus try to autolaunch one
    service = MprisService(controller, raise_window, quit_app, parent)
    if service.register(QDBusConnection.sessionBus()):
        return service
    service.deleteLater()
    return None
