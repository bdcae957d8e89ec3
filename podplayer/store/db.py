"""Opening the SQLite file safely: pragmas, write transactions, version check, backup, errors.

Durability: WAL with ``synchronous=NORMAL``. A transaction is acknowledged only after its commit
record is in the WAL file, which lives in the OS page cache the moment ``write()`` returns, so every
acknowledged commit survives the *process* being killed (SIGKILL, crash). Only an OS crash or power
loss can drop the last few commits, and even then the database stays consistent.

Writers begin with ``BEGIN IMMEDIATE`` so they queue on the busy timeout instead of failing with
"database is locked" when a read transaction would need to upgrade to a write lock.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc

from podplayer.core.atomic import staged_file
from podplayer.store.errors import CorruptLibraryError, LibraryError, NewerLibraryError, ReadOnlyLibraryError

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"
# Execution option that makes a transaction start with BEGIN IMMEDIATE (see module docstring).
WRITE_OPTION = "podplayer_write"
ALEMBIC_TABLE = "alembic_version"


def _timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def create_library_engine(path: Path) -> Engine:
    """An engine whose every connection has WAL, foreign keys, a busy timeout and explicit BEGINs."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (the documented pysqlite recipe), so
        # DDL is transactional and writers can use BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        with closing(dbapi_connection.cursor()) as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _readonly_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def stored_revision(path: Path) -> str | None:
    """The Alembic revision recorded in ``path`` without modifying it; None for a new/empty file.

    Raises CorruptLibraryError for a file that is not SQLite and LibraryError for an SQLite file
    that belongs to some other program.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise LibraryError(f"{path}: cannot read the library ({exc.strerror or exc})") from exc
    if header != SQLITE_HEADER:
        raise CorruptLibraryError(path, "not an SQLite file")
    try:
        with closing(_readonly_connect(path)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return None
            if ALEMBIC_TABLE not in tables:
                raise LibraryError(f"{path}: this SQLite file is not a podplayer library; choose another file")
            row = conn.execute(f"SELECT version_num FROM {ALEMBIC_TABLE}").fetchone()
    except sqlite3.Error as exc:
        raise error_for(path, exc) from exc
    return str(row[0]) if row else None


def check_known(path: Path, revision: str | None, known: set[str]) -> None:
    if revision is not None and revision not in known:
        raise NewerLibraryError(path, revision)


def backup_file(path: Path, revision: str) -> Path:
    """Copy ``path`` to ``<name>.backup-<rev>-<timestamp>`` with SQLite's online backup (WAL-safe).

    The copy is written under a hidden ``.part`` name and renamed when complete, so a backup file that
    exists is always whole; partial copies left by a killed earlier attempt are removed first.
    """
    for stale in path.parent.glob(f".{path.name}.backup-*.part*"):
        stale.unlink(missing_ok=True)
    target = path.with_name(f"{path.name}.backup-{revision}-{_timestamp()}")
    try:
        with (
            staged_file(target) as partial,
            closing(_readonly_connect(path)) as src,
            closing(sqlite3.connect(partial)) as dst,  # closed before the rename
        ):
            src.backup(dst)
    except (sqlite3.Error, OSError) as exc:
        raise LibraryError(f"{path}: could not back up the library before upgrading it ({exc})") from exc
    return target


def move_aside(path: Path) -> Path:
    """Rename an unusable library (and its -wal/-shm files) to ``<name>.unusable-<timestamp>``."""
    path = Path(path)
    target = path.with_name(f"{path.name}.unusable-{_timestamp()}")
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise LibraryError(f"{path}: could not move the file aside ({exc.strerror or exc})") from exc
    return target


# Below this much free space a failed write is reported as a full disk.
LOW_SPACE_BYTES = 1 << 20


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _unwritable_reason(path: Path) -> str | None:
    """Why ``path`` (or the folder that must hold its -wal/-shm files) cannot be written, if so."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"{path}: the library is on a read-only disk; changes cannot be saved"
    except OSError:
        return None
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path}: the library file is read-only; changes cannot be saved"
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return f"{path}: the library folder {folder} is read-only; podplayer needs to write there"
    return None


def error_for(path: Path, error: BaseException) -> LibraryError:
    """Translate an SQLite/SQLAlchemy error into one clear LibraryError line."""
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    if "readonly" in text or "read-only" in text:
        reason = _unwritable_reason(path)
        return ReadOnlyLibraryError(reason or f"{path}: the library is read-only; changes cannot be saved")
    if "disk is full" in text or "disk full" in text:
        return LibraryError(f"{path}: the disk is full; the last change was not saved")
    if "disk i/o error" in text:
        # SQLite reports every failed write() alike; free space tells a full disk from the rest
        # (a file size limit, a failing or removed drive).
        free = _free_bytes(path.parent)
        if free is not None and free < LOW_SPACE_BYTES:
            return LibraryError(f"{path}: the disk is full; the last change was not saved")
        return LibraryError(
            f"{path}: could not write the library (disk I/O error: the disk may be full, failing or "
            "removed, or a file size limit was reached); the last change was not saved"
        )
    if "locked" in text or "busy" in text:
        return LibraryError(f"{path}: the library is busy (another podplayer is writing); try again")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return CorruptLibraryError(path, str(original))
    if "unable to open" in text:
        if not path.parent.is_dir():
            return LibraryError(f"{path}: cannot open the library file: the folder {path.parent} does not exist")
        reason = _unwritable_reason(path)
        if reason is not None:
            return ReadOnlyLibraryError(reason)
        return LibraryError(f"{path}: cannot open the library file (check the folder and permissions)")
    return LibraryError(f"{path}: database error: {original}")


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """Turn database errors raised inside the block into LibraryError."""
    try:
        yield
    except (sa_exc.DBAPIError, sqlite3.Error) as exc:
        raise error_for(path, exc) from exc
