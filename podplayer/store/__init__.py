"""The library store: SQLite via SQLAlchemy 2, Alembic migrations and FTS5 search.

Where to look:

- ``repository.py`` — :class:`Library`, the one API the UI and CLI use (core dataclasses in and out;
  every method is one committed unit of work).
- ``db.py`` — opening the file: pragmas (WAL, ``synchronous=NORMAL``, foreign keys, 5 s busy timeout),
  ``BEGIN IMMEDIATE`` writers, version check, pre-migration backup, error translation, move-aside.
- ``schema.py`` — the tables as typed ORM models; ``migrations/`` — Alembic revisions run at start-up.
- ``episode_io.py`` / ``highlight_io.py`` — bulk episode writes and fast loads; highlights and tags.
- ``search.py`` — safe user-text-to-FTS5 translation and the search queries.
"""

from podplayer.store.errors import CorruptLibraryError, LibraryError, NewerLibraryError, ReadOnlyLibraryError
from podplayer.store.repository import Library

__all__ = ["CorruptLibraryError", "Library", "LibraryError", "NewerLibraryError", "ReadOnlyLibraryError"]
