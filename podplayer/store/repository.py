"""The library: everything the user made, behind one object that speaks core dataclasses.

CONTRACT STUB — the store implementation fills these in; the UI and CLI code against these names.
The UI never holds a Session: every method is one unit of work, committed before it returns.
"""

from __future__ import annotations

from pathlib import Path

from podplayer.core.model import Episode, EpisodeSummary, Highlight, SearchHit, Tag, Transcript


class Library:
    def __init__(self, path: str | Path) -> None:
        """Open (creating if needed) the SQLite library at ``path``; migrate after a backup.

        Raises LibraryError (a PodplayerError) with a clear message for a newer-version or corrupt file.
        """
        raise NotImplementedError

    def close(self) -> None: ...

    # --- episodes ---------------------------------------------------------------------------
    def add_episode(self, episode: Episode) -> int: ...
    def episodes(self) -> list[EpisodeSummary]: ...
    def episode(self, episode_id: int) -> Episode: ...  # KeyError-free: raises LibraryError if missing
    def resolve_episode(self, ref: str) -> int: ...  # an id, or a unique (case-insensitive) title/prefix
    def rename_episode(self, episode_id: int, title: str) -> None: ...
    def delete_episode(self, episode_id: int) -> None: ...
    def set_position(self, episode_id: int, position_ms: int) -> None: ...
    def set_duration(self, episode_id: int, duration_ms: int) -> None: ...
    def set_audio_path(self, episode_id: int, audio_path: str | None) -> None: ...
    def set_episode_note(self, episode_id: int, note: str) -> None: ...
    def replace_timings(self, episode_id: int, transcript: Transcript, *, estimated: bool) -> None:
        """Atomically replace every turn/word time (same words, new times); highlights stay on words."""

    # --- highlights -------------------------------------------------------------------------
    def add_highlight(self, episode_id: int, highlight: Highlight) -> int: ...
    def update_highlight(self, highlight: Highlight) -> None: ...  # colour, tags, note, range
    def delete_highlight(self, highlight_id: int) -> None: ...
    def restore_highlight(self, highlight: Highlight) -> int: ...  # undo of delete: same id if free
    def highlights(self, episode_id: int | None = None, *, tag: str | None = None) -> list[Highlight]: ...

    # --- tags & speakers ----------------------------------------------------------------------
    def tags(self) -> list[Tag]: ...
    def rename_tag(self, old: str, new: str) -> None: ...  # merges when ``new`` exists
    def set_tag_color(self, name: str, color: str) -> None: ...
    def rename_speaker(self, episode_id: int, old: str, new: str) -> None: ...  # merges when ``new`` exists
    def set_speaker_color(self, episode_id: int, speaker: str, color: str) -> None: ...
    def reassign_turn(self, episode_id: int, turn_index: int, speaker: str) -> None: ...

    # --- search -------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 100) -> list[SearchHit]:
        """FTS5 over turns, highlight quotes and notes; any user text is safe (never raises on syntax)."""
        raise NotImplementedError
