"""UI state that is not user data: geometry, speed, skip lengths, font size... (typed QSettings).

Everything the user *made* lives in the library database; this is only how the window looks and
behaves. Each value has one typed property so callers never touch QSettings keys or conversions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from podplayer.core.feeds.directory import Directory, DirectoryChoice

MAX_RECENT = 10


class Settings:
    """A typed wrapper around QSettings. ``path`` selects an INI file (tests, portable use)."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._qs = QSettings("podplayer", "podplayer")
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    # --- low-level helpers ------------------------------------------------------------------
    def _get(self, key: str, default: Any, kind: type) -> Any:
        value = self._qs.value(key, default)
        if value is None:
            return default
        try:
            if kind is bool:
                if isinstance(value, str):
                    return value.lower() in ("1", "true", "yes")
                return bool(value)
            return kind(value)
        except (TypeError, ValueError):
            return default

    def _set(self, key: str, value: Any) -> None:
        self._qs.setValue(key, value)

    def sync(self) -> None:
        self._qs.sync()

    # --- window -----------------------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)

    @property
    def splitter_state(self) -> QByteArray | None:
        value = self._qs.value("window/splitter")
        return value if isinstance(value, QByteArray) else None

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self._set("window/splitter", value)

    # --- playback ---------------------------------------------------------------------------
    @property
    def speed(self) -> float:
        return min(3.0, max(0.5, float(self._get("playback/speed", 1.0, float))))

    @speed.setter
    def speed(self, value: float) -> None:
        self._set("playback/speed", round(float(value), 1))

    @property
    def skip_back_s(self) -> int:
        return max(1, int(self._get("playback/skip_back_s", 5, int)))

    @skip_back_s.setter
    def skip_back_s(self, value: int) -> None:
        self._set("playback/skip_back_s", int(value))

    @property
    def skip_forward_s(self) -> int:
        return max(1, int(self._get("playback/skip_forward_s", 15, int)))

    @skip_forward_s.setter
    def skip_forward_s(self, value: int) -> None:
        self._set("playback/skip_forward_s", int(value))

    @property
    def auto_rewind_s(self) -> float:
        """Seconds to step back when resuming after a pause (0 = off, 1–2 s recommended)."""
        return min(2.0, max(0.0, float(self._get("playback/auto_rewind_s", 0.0, float))))

    @auto_rewind_s.setter
    def auto_rewind_s(self, value: float) -> None:
        self._set("playback/auto_rewind_s", float(value))

    @property
    def skip_untranscribed(self) -> bool:
        """Skip audio the transcript lacks (ads found by the sync check) while playing."""
        return bool(self._get("playback/skip_untranscribed", False, bool))

    @skip_untranscribed.setter
    def skip_untranscribed(self, value: bool) -> None:
        self._set("playback/skip_untranscribed", bool(value))

    @property
    def background_yields(self) -> bool:
        """Background work (alignment, sync checks, transcription, feeds) runs at a lower CPU priority
        than the window (default: on). Read when the window starts."""
        return bool(self._get("jobs/background_yields", True, bool))

    @background_yields.setter
    def background_yields(self, value: bool) -> None:
        self._set("jobs/background_yields", bool(value))

    @property
    def resync_automatically(self) -> bool:
        """Re-sync a transcript that no longer fits its audio at once (default: ask once per episode)."""
        return bool(self._get("sync/resync_automatically", False, bool))

    @resync_automatically.setter
    def resync_automatically(self, value: bool) -> None:
        self._set("sync/resync_automatically", bool(value))

    @property
    def sync_untimed_automatically(self) -> bool:
        """Sync a transcript with only estimated (or no) timing to its audio in the background as soon
        as its episode is opened (default: on)."""
        return bool(self._get("sync/sync_untimed_automatically", True, bool))

    @sync_untimed_automatically.setter
    def sync_untimed_automatically(self, value: bool) -> None:
        self._set("sync/sync_untimed_automatically", bool(value))

    @property
    def pause_while_typing(self) -> bool:
        """Correcting a turn pauses playback at the first key and resumes a few seconds back after."""
        return bool(self._get("editing/pause_while_typing", True, bool))

    @pause_while_typing.setter
    def pause_while_typing(self, value: bool) -> None:
        self._set("editing/pause_while_typing", bool(value))

    @property
    def volume(self) -> int:
        return min(100, max(0, int(self._get("playback/volume", 80, int))))

    @volume.setter
    def volume(self, value: int) -> None:
        self._set("playback/volume", int(value))

    @property
    def muted(self) -> bool:
        return bool(self._get("playback/muted", False, bool))

    @muted.setter
    def muted(self, value: bool) -> None:
        self._set("playback/muted", bool(value))

    # --- view -------------------------------------------------------------------------------
    @property
    def font_size(self) -> float:
        return min(40.0, max(7.0, float(self._get("view/font_size", 11.0, float))))

    @font_size.setter
    def font_size(self, value: float) -> None:
        self._set("view/font_size", float(value))

    # --- annotations & export -----------------------------------------------------------------
    @property
    def mark_seconds(self) -> int:
        """How far back ``podplayer mark`` (and L) highlights: 5-600 s, default 30."""
        return min(600, max(5, int(self._get("annotate/mark_seconds", 30, int))))

    @mark_seconds.setter
    def mark_seconds(self, value: int) -> None:
        self._set("annotate/mark_seconds", int(value))

    @property
    def mark_sound(self) -> bool:
        """A soft sound confirms a mark made from outside the window (default off)."""
        return bool(self._get("annotate/mark_sound", False, bool))

    @mark_sound.setter
    def mark_sound(self, value: bool) -> None:
        self._set("annotate/mark_sound", bool(value))

    @property
    def global_shortcut(self) -> bool:
        """Register Ctrl+Alt+M for mark where the desktop offers the GlobalShortcuts portal (default on)."""
        return bool(self._get("annotate/global_shortcut", True, bool))

    @global_shortcut.setter
    def global_shortcut(self, value: bool) -> None:
        self._set("annotate/global_shortcut", bool(value))

    @property
    def last_highlight_color(self) -> str:
        return str(self._get("annotate/last_color", "yellow", str))

    @last_highlight_color.setter
    def last_highlight_color(self, value: str) -> None:
        self._set("annotate/last_color", value)

    @property
    def last_export_format(self) -> str:
        return str(self._get("export/format", "", str))

    @last_export_format.setter
    def last_export_format(self, value: str) -> None:
        self._set("export/format", value)

    @property
    def last_export_folder(self) -> str:
        return str(self._get("export/folder", "", str))

    @last_export_folder.setter
    def last_export_folder(self, value: str) -> None:
        self._set("export/folder", value)

    @property
    def last_open_folder(self) -> str:
        return str(self._get("files/open_folder", "", str))

    @last_open_folder.setter
    def last_open_folder(self, value: str) -> None:
        self._set("files/open_folder", value)

    # --- transcription ------------------------------------------------------------------------
    @property
    def transcribe_model(self) -> str:
        """A model name or folder; "" lets the app take the best model on this machine."""
        return str(self._get("transcribe/model", "", str))

    @transcribe_model.setter
    def transcribe_model(self, value: str) -> None:
        self._set("transcribe/model", value)

    @property
    def transcribe_language(self) -> str:
        """A language code, or "" to let a multilingual model detect it."""
        return str(self._get("transcribe/language", "en", str))

    @transcribe_language.setter
    def transcribe_language(self, value: str) -> None:
        self._set("transcribe/language", value)

    # --- open recent ------------------------------------------------------------------------
    @property
    def recent_episodes(self) -> list[int]:
        """Episode ids, most recent first."""
        raw: Any = self._qs.value("files/recent", [])
        values: list[Any] = ([raw] if raw else []) if isinstance(raw, str) else list(raw or [])
        out: list[int] = []
        for v in values:
            try:
                out.append(int(v))
            except (TypeError, ValueError):
                continue
        return out

    def add_recent_episode(self, episode_id: int) -> None:
        ids = [episode_id] + [i for i in self.recent_episodes if i != episode_id]
        self._set("files/recent", [str(i) for i in ids[:MAX_RECENT]])

    def remove_recent_episode(self, episode_id: int) -> None:
        self._set("files/recent", [str(i) for i in self.recent_episodes if i != episode_id])

    # --- podcasts -----------------------------------------------------------------------------
    @property
    def podcast_directory(self) -> Directory:
        """The directory "Add podcast…" searches by name.

        Settings files from before this was a choice searched Podcast Index whenever its key and
        secret were set; without a stored choice they keep doing so.
        """
        raw = self._qs.value("podcasts/directory")
        if raw is None or str(raw) == "":
            legacy = self.podcast_index_key and self.podcast_index_secret
            return Directory.PODCAST_INDEX if legacy else Directory.APPLE
        try:
            return Directory(str(raw))
        except ValueError:
            return Directory.APPLE

    @podcast_directory.setter
    def podcast_directory(self, value: Directory) -> None:
        self._set("podcasts/directory", value.value)

    def directory_base_url(self, directory: Directory) -> str:
        """The directory's base URL as the user set it; "" means the directory's own."""
        return str(self._get(_BASE_URL_KEYS[directory], "", str)).strip()

    def set_directory_base_url(self, directory: Directory, url: str) -> None:
        url = url.strip()
        self._set(_BASE_URL_KEYS[directory], "" if url == directory.default_base_url else url)

    @property
    def podcast_index_key(self) -> str:
        """Podcast Index API key and secret (the Podcast Index directory needs both)."""
        return str(self._get("podcasts/podcast_index_key", "", str)).strip()

    @podcast_index_key.setter
    def podcast_index_key(self, value: str) -> None:
        self._set("podcasts/podcast_index_key", value.strip())

    @property
    def podcast_index_secret(self) -> str:
        return str(self._get("podcasts/podcast_index_secret", "", str)).strip()

    @podcast_index_secret.setter
    def podcast_index_secret(self, value: str) -> None:
        self._set("podcasts/podcast_index_secret", value.strip())

    def directory_choice(self) -> DirectoryChoice:
        """What "Add podcast…" searches, read afresh each time so Preferences apply at once."""
        directory = self.podcast_directory
        return DirectoryChoice(directory, self.directory_base_url(directory), self.podcast_index_key,
                               self.podcast_index_secret)


# Apple's key predates the choice of directory; it keeps its name so existing settings still apply.
_BASE_URL_KEYS = {Directory.APPLE: "podcasts/directory_url", Directory.PODCAST_INDEX: "podcasts/podcast_index_url"}
