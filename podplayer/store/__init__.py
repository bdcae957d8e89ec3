"""The library store: SQLite via SQLAlchemy 2, Alembic migrations and FTS5 search."""

from podplayer.store.errors import CorruptLibraryError, LibraryError, NewerLibraryError
from podplayer.store.repository import Library

__all__ = ["CorruptLibraryError", "Library", "LibraryError", "NewerLibraryError"]
