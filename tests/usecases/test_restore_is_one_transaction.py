"""A restore killed part-way (SIGKILL, no chance to clean up) leaves the library exactly as it was."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from podplayer.core.export import export_bundle
from podplayer.core.export.scope import library_bundle
from podplayer.core.model import Episode, Highlight, Transcript, Turn, Word, WordRef
from podplayer.store import Library
from tests.store.sigkill import Worker

EPISODES = 12
TURNS = 40


def _episode(number: int) -> Episode:
    turns = [
        Turn("Ann" if t % 2 else "Ben", [Word(f"e{number}t{t}w{w}", t * 5000 + w * 400, t * 5000 + w * 400 + 300)
                                         for w in range(12)])
        for t in range(TURNS)
    ]
    for turn in turns:
        turn.start_ms, turn.end_ms = turn.words[0].start_ms, turn.words[-1].end_ms
    return Episode(f"Backed-up episode {number}", Transcript(turns), note=f"note {number}")


def _backup(tmp_path: Path) -> Path:
    """A backup of a library with EPISODES episodes, each with a highlight on every turn."""
    path = tmp_path / "backup.json"
    with Library(tmp_path / "source.sqlite3") as source:
        for number in range(EPISODES):
            episode_id = source.add_episode(_episode(number))
            for t in range(TURNS):
                words = source.episode(episode_id).transcript.turns[t].words
                source.add_highlight(episode_id, Highlight(
                    WordRef(t, 2), WordRef(t, 5), " ".join(w.text for w in words[2:6]), tags=[f"tag{t % 4}"],
                ))
        export_bundle(library_bundle(source, include_empty=True), "json", path)
    return path


def _dump(db: Path) -> list[str]:
    """Everything in the library file, row by row, in a fixed order."""
    with closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())


def _restore(db: Path, backup: Path, kill_after: int | None) -> int:
    """Restore in a worker; SIGKILL it after ``kill_after`` statements. The statements a whole restore ran."""
    with Worker("-m", "tests.usecases.restore_worker", str(db), str(backup)) as worker:
        worker.read_until(lambda line: line == "restoring")
        if kill_after is not None:
            worker.read_lines(kill_after + 1)  # the statement after the one counted is under way
            worker.kill_process()
            return kill_after
        lines = worker.read_until(lambda line: line == "restored")
        worker.finish()
        return lines.count("sql")


@pytest.mark.slow
def test_a_restore_killed_part_way_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    backup = _backup(tmp_path)
    template = tmp_path / "template.sqlite3"
    with Library(template) as library:  # the user's own library: one episode of theirs, one highlight
        own = library.add_episode(replace(_episode(99), title="My own episode"))
        library.add_highlight(own, Highlight(WordRef(0, 0), WordRef(0, 1), "e99t0w0 e99t0w1", note="mine"))
    before = _dump(template)
    db = tmp_path / "library.sqlite3"

    def fresh_copy() -> None:
        for old in tmp_path.glob("library.sqlite3*"):
            old.unlink()
        db.write_bytes(template.read_bytes())

    fresh_copy()
    statements = _restore(db, backup, None)
    with Library(db) as library:  # the whole restore, for comparison
        assert len(library.episodes()) == EPISODES + 1
        assert len(library.highlights()) == EPISODES * TURNS + 1
    assert statements > 100
    rng = random.Random(25)
    for kill_after in sorted(rng.sample(range(1, statements - 1), 5)):
        fresh_copy()
        _restore(db, backup, kill_after)
        with Library(db) as library:
            assert library.integrity_check() == "ok"
            assert [e.title for e in library.episodes()] == ["My own episode"], kill_after
        assert _dump(db) == before, f"killed after {kill_after} of {statements} statements"
