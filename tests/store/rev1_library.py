"""Build a library file at the FIRST schema revision with data in it, as podplayer 0001 wrote it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from podplayer.store import db
from podplayer.store.migrations import upgrade

WORDS = ["soil", "compost", "winter", "straw", "patience", "garden", "kitchen", "scraps", "heat", "pile"]


def make_rev1_library(path: Path, episodes: int = 2, turns_per_episode: int = 3, words_per_turn: int = 6) -> None:
    engine = db.create_library_engine(path)
    with engine.execution_options(**{db.WRITE_OPTION: True}).begin() as conn:
        upgrade(conn, "0001_initial")
    engine.dispose()
    now = "2024-01-02 03:04:05.000000"
    with closing(sqlite3.connect(path)) as raw, raw as rows:
        turn_id = 0
        for e in range(1, episodes + 1):
            rows.execute(
                "INSERT INTO episodes VALUES (?, ?, ?, 1000, 250, ?, ?, ?, '{\"podcast\": \"Old\"}', 'word', 0)",
                (e, f"Old episode {e}", f"/audio/{e}.mp3", f"note {e} about compost", now, now),
            )
            rows.execute("INSERT INTO speakers VALUES (?, ?, 'Host', '#2b7bd6')", (e, e))
            turn_rows: list[tuple[object, ...]] = []
            word_rows: list[tuple[object, ...]] = []
            for t in range(turns_per_episode):
                turn_id += 1
                words = [WORDS[(t + i) % len(WORDS)] for i in range(words_per_turn)]
                if t == 0:
                    words[0] = f"unique{e}"
                turn_rows.append((turn_id, e, t, e, t * 10_000, t * 10_000 + 9_000, " ".join(words)))
                word_rows.extend((turn_id, i, t * 10_000 + i * 100, t * 10_000 + i * 100 + 90, None) for i in range(words_per_turn))
            rows.executemany("INSERT INTO turns VALUES (?,?,?,?,?,?,?)", turn_rows)
            rows.executemany("INSERT INTO words VALUES (?,?,?,?,?)", word_rows)
            rows.execute(
                "INSERT INTO highlights VALUES (?, ?, 0, 1, 0, 2, 'quoted words', '', '', 'pink', 'old note', ?, ?)",
                (e, e, now, now),
            )
        rows.execute("INSERT INTO tags VALUES (1, 'legacy', '#ff0000')")
        rows.execute("INSERT INTO highlight_tags VALUES (1, 1)")
