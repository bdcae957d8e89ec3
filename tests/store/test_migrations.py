"""Opening old, new, newer, foreign and corrupt files: migrate after a backup, or refuse untouched."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from podplayer.core.model import WordRef
from podplayer.store import CorruptLibraryError, Library, LibraryError, NewerLibraryError
from podplayer.store.migrations import HEAD_REVISION, known_revisions, script_head
from tests.helpers_store import filled_library
from tests.store.rev1_library import make_rev1_library
from tests.store.sigkill import Worker


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_head_constant_matches_alembic_scripts() -> None:
    assert script_head() == HEAD_REVISION
    assert {"0001_initial", HEAD_REVISION} <= known_revisions()


def test_new_file_is_created_at_head_with_safe_pragmas(library: Library, db_path: Path) -> None:
    assert _revision(db_path) == HEAD_REVISION
    assert library.backup_path is None
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"episodes", "speakers", "turns", "words", "highlights", "tags", "highlight_tags", "meta"} <= tables
    assert {"turns_fts", "highlights_fts", "episodes_fts"} <= tables
    with library._engine.connect() as conn:  # the pragmas every connection gets
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_empty_existing_file_is_initialised(db_path: Path) -> None:
    db_path.touch()
    with Library(db_path) as library:
        assert library.episodes() == []
    assert _revision(db_path) == HEAD_REVISION


def test_upgrade_from_first_revision_keeps_all_data(db_path: Path) -> None:
    make_rev1_library(db_path)
    assert _revision(db_path) == "0001_initial"
    with Library(db_path) as library:
        assert _revision(db_path) == HEAD_REVISION
        backup = library.backup_path
        assert backup is not None and backup.name.startswith(f"{db_path.name}.backup-0001_initial-")
        assert _revision(backup) == "0001_initial"

        summaries = library.episodes()
        assert [(s.id, s.title, s.position_ms, s.highlight_count) for s in summaries] == [
            (1, "Old episode 1", 250, 1),
            (2, "Old episode 2", 250, 1),
        ]
        episode = library.episode(2)
        assert episode.note == "note 2 about compost"
        assert episode.transcript.metadata == {"podcast": "Old"}
        assert episode.transcript.turns[0].words[0].text == "unique2"
        assert episode.transcript.turns[2].words[5].start_ms == 20_500
        [highlight] = library.highlights(1)
        assert (highlight.start, highlight.end, highlight.tags) == (WordRef(0, 1), WordRef(0, 2), ["legacy"])
        assert (highlight.start_ms, highlight.end_ms) == (100, 290)
        # Data written before search existed is searchable after the upgrade.
        [hit] = library.search("unique2")
        assert (hit.episode_id, hit.kind, hit.start_ms) == (2, "turn", 0)
        assert {h.kind for h in library.search("compost")} >= {"turn", "note"}
        assert [h.highlight_id for h in library.search("old note")] == [1, 2]
        assert library.integrity_check() == "ok"
    with Library(db_path) as again:  # already current: no second backup
        assert again.backup_path is None


def test_newer_library_is_refused_untouched(db_path: Path) -> None:
    library, _ = filled_library(db_path)
    library.close()
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    before = db_path.read_bytes()
    with pytest.raises(NewerLibraryError, match="newer podplayer") as info:
        Library(db_path)
    assert str(db_path) in str(info.value)
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.backup-*"))


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database\n" * 50, b"", b"SQLite format 3\x00" + bytes(range(256)) * 40],
    ids=["text", "empty-header-only", "garbage-after-header"],
)
def test_corrupt_file_is_refused_and_can_be_moved_aside(db_path: Path, content: bytes) -> None:
    if not content:  # a zero-byte file is a valid new library, so test a truncated real one instead
        library, _ = filled_library(db_path)
        library.close()
        content = db_path.read_bytes()[:150] + b"\xff" * 4000
    db_path.write_bytes(content)
    with pytest.raises(CorruptLibraryError) as info:
        Library(db_path)
    message = str(info.value)
    assert str(db_path) in message and "move it aside" in message and "\n" not in message
    assert db_path.read_bytes() == content

    moved = Library.move_aside(db_path)
    assert moved.read_bytes() == content and not db_path.exists()
    with Library(db_path) as fresh:
        assert fresh.episodes() == []


def test_other_programs_sqlite_file_is_refused(db_path: Path) -> None:
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    before = db_path.read_bytes()
    with pytest.raises(LibraryError, match="not a podplayer library"):
        Library(db_path)
    assert db_path.read_bytes() == before


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="folder"):
        Library(tmp_path)


# Prints "begin" when the upgrade transaction starts (the first transaction on a rev-1 file), "sql"
# before each statement and "commit" when it commits.
MIGRATE_SCRIPT = """
import sys
from sqlalchemy import Engine, event
from podplayer.store import Library
from tests.store.sigkill import report_statements
event.listen(Engine, "begin", lambda conn: print("begin", flush=True))
event.listen(Engine, "commit", lambda conn: print("commit", flush=True))
report_statements()
Library(sys.argv[1])
"""


def _run_migration(path: Path, kill_after: int | None) -> int:
    """Open ``path`` in a worker; SIGKILL it once it started ``kill_after`` + 1 statements of the upgrade
    transaction (the kill lands inside the transaction unless it got to the end first).

    Returns how many statements the upgrade transaction ran when not killed.
    """
    with Worker("-c", MIGRATE_SCRIPT, str(path)) as worker:
        worker.read_until(lambda line: line == "begin")
        if kill_after is not None:
            worker.read_until(lambda line: line == "sql")  # the first statement is under way
            worker.read_lines(kill_after)
            worker.kill_process()
            return kill_after
        upgrade = worker.read_until(lambda line: line == "commit")
        worker.finish()  # the upgrade runs to its end
        return upgrade.count("sql")


@pytest.mark.slow
def test_kill_during_migration_rolls_back_cleanly(tmp_path: Path) -> None:
    """SIGKILL at random moments of an upgrade: the file is always at rev 1 or at head, never between,
    and the next start completes the upgrade."""
    template = tmp_path / "template.sqlite3"
    make_rev1_library(template, episodes=30, turns_per_episode=300, words_per_turn=30)
    with closing(sqlite3.connect(template)) as conn:
        turn_count = conn.execute("SELECT count(*) FROM turns").fetchone()[0]
    path = tmp_path / "library.sqlite3"

    def fresh_copy() -> None:
        for old in tmp_path.glob("library.sqlite3*"):
            old.unlink()
        path.write_bytes(template.read_bytes())

    fresh_copy()
    statements = _run_migration(path, None)  # how many statements the upgrade runs
    assert _revision(path) == HEAD_REVISION
    rng = random.Random(1234)
    interrupted = 0
    for _attempt in range(6):
        fresh_copy()
        _run_migration(path, rng.randrange(statements))
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            assert revision in {"0001_initial", HEAD_REVISION}
            assert conn.execute("SELECT count(*) FROM turns").fetchone()[0] == turn_count
        backups = [p for p in tmp_path.glob("library.sqlite3.backup-*") if not p.name.endswith(("partial", "journal"))]
        for backup in backups:  # a finished backup is always a whole rev-1 library
            assert _revision(backup) == "0001_initial"
        if revision == "0001_initial":  # killed inside the upgrade transaction: it rolled back
            assert backups
            interrupted += 1
        with Library(path) as library:  # the next start finishes the job
            assert len(library.episodes()) == 30
            assert library.search("unique7")[0].episode_id == 7
            assert library.integrity_check() == "ok"
        assert not list(tmp_path.glob(".*.part*"))
        if interrupted >= 3:
            break
    assert interrupted >= 2, "kills did not land inside the upgrade; make the test library bigger"
