"""SIGKILL while an alignment is being saved: the episode keeps all-old or all-new timings, never a mix."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from podplayer.core.model import Episode, Timing
from podplayer.store import Library
from tests.helpers_store import sample_highlight
from tests.store.sigkill import Worker
from tests.store.timings_worker import GENERATION_MS, WORD_MS, big_transcript

KILLS = 30
STATEMENTS_PER_SAVE = 6  # what Library.replace_timings runs for this episode (the worker reports each)


def _stored_generation(library: Library, episode_id: int) -> int:
    """The one generation every stored time belongs to (fails on a mix)."""
    episode = library.episode(episode_id)
    generations: set[int] = set()
    number = 0
    for turn in episode.transcript.turns:
        assert turn.start_ms is not None and turn.end_ms is not None
        for word in turn.words:
            assert word.start_ms is not None and word.end_ms is not None
            generation, offset = divmod(word.start_ms, GENERATION_MS)
            assert offset == number * WORD_MS, (number, word)
            assert word.end_ms == word.start_ms + WORD_MS // 2
            assert word.confidence == (generation % 100) / 100
            generations.add(generation)
            number += 1
        assert (turn.start_ms, turn.end_ms) == (turn.words[0].start_ms, turn.words[-1].end_ms)
    assert len(generations) == 1, f"timings from several saves in one episode: {sorted(generations)}"
    generation = generations.pop()
    summary = next(s for s in library.episodes() if s.id == episode_id)
    assert summary.timing is (Timing.ESTIMATED if generation % 2 else Timing.WORD), (generation, summary.timing)
    return generation


@pytest.mark.slow
def test_kill_while_saving_timings_never_leaves_a_mix(db_path: Path) -> None:
    with Library(db_path) as library:
        episode_id = library.add_episode(Episode(title="Long alignment", transcript=big_transcript()))
        highlight_id = library.add_highlight(episode_id, sample_highlight())
        assert _stored_generation(library, episode_id) == 0
    committed = 0
    mid_save_kills = 0
    rng = random.Random(7)
    with Worker("-m", "tests.store.timings_worker", str(db_path), str(episode_id)) as server:
        server.expect("loaded")
        for kill in range(1, KILLS + 1):
            pid = server.fork_child(kill)
            lines = _read_into_a_save(server, rng.randrange(3), rng.randint(0, STATEMENTS_PER_SAVE))
            lines += server.kill(pid)
            started: int | None = None
            for line in lines:
                if line == "sql":
                    continue
                word, number = line.split()
                if word == "start":
                    started = int(number)
                else:
                    assert int(number) == started
                    committed, started = started, None
            with Library(db_path) as library:
                assert library.integrity_check() == "ok"
                found = _stored_generation(library, episode_id)
                assert library.highlight(highlight_id).quote == sample_highlight().quote
            # The last reported save, or the one in flight if it committed before "done" was printed.
            assert found in {committed, started}, (kill, found, committed, started)
            mid_save_kills += started is not None
            committed = found
        server.finish()
    # Most kills must land inside a save, or the test proves nothing.
    assert mid_save_kills >= KILLS // 2, mid_save_kills
    assert committed > 0


def _read_into_a_save(server: Worker, saves: int, statements: int) -> list[str]:
    """The kill moment, chosen by observed progress: after ``saves`` whole saves, ``statements``
    statements into the next one (all of them: the commit may be under way)."""
    lines: list[str] = []
    for _ in range(saves + 1):
        lines += server.read_until(lambda line: line.startswith("start"))
    return lines + server.read_lines(statements)
