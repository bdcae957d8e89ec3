"""Errors raised by the library store; each message is one clear line for the user."""

from __future__ import annotations

from pathlib import Path

from podplayer.core.model import PodplayerError


class LibraryError(PodplayerError):
    """The library database cannot be used as asked (missing item, corrupt, newer, read-only...)."""


class ReadOnlyLibraryError(LibraryError):
    """The library file, its folder or its disk cannot be written; reading may still work."""


class CorruptLibraryError(LibraryError):
    """The file is not a usable SQLite database; ``Library.move_aside(path)`` can set it aside."""

    def __init__(self, path: Path, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"{path}: not a usable podplayer library{extra}; move it aside to start a new library"
        )
        self.path = path


class NewerLibraryError(LibraryError):
    """The database was written by a newer podplayer (unknown schema revision); it is left untouched."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path}: library was created by a newer podplayer (schema {revision}); "
            "please upgrade podplayer — the file was not modified"
        )
        self.path = path
        self.revision = revision
