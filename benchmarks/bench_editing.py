"""Correcting the transcript in the window.

- ``edit_commit_ms``: median time from committing a one-word edit of a turn in the three-hour
  (~40,000-word) episode in the real main window (the edit planned, stored in SQLite, put on the undo
  stack, the new turns shown) until every pending paint is done, as the next frame would.
- ``edit_retime_s``: median time to re-time a one-word edit against the audio, what the background job
  does (a worker process started, the audio between the word's neighbours decoded and force-aligned),
  on the demo episode aligned to its audio (real speech). Cached with bench_correct's data.

The cached library is copied first, so the benchmark never changes shared data.

    python -m benchmarks.bench_editing
"""

from __future__ import annotations

import pickle
import random
from pathlib import Path

from benchmarks import log, median, stopwatch
from benchmarks.data import library_with_episode_3h
from benchmarks.window_3h import three_hour_window

COMMIT_REPEATS = 9
RETIME_REPEATS = 5


def prepare(cache_dir: Path) -> None:
    library_with_episode_3h(cache_dir)
    from benchmarks import bench_correct

    bench_correct.prepare(cache_dir)


def run(cache_dir: Path) -> dict[str, float]:
    prepare(cache_dir)
    return {"edit_commit_ms": _commit_ms(cache_dir), "edit_retime_s": _retime_s(cache_dir)}


def _commit_ms(cache_dir: Path) -> float:
    from PySide6.QtCore import QCoreApplication, QEvent

    from podplayer.core.correction.turn_edits import retyped

    times: list[float] = []
    with three_hour_window(cache_dir) as (app, window, library, episode_id):
        editing = window.annotations.editing
        editing.jobs = None  # the re-timing is measured apart (edit_retime_s); the audio is noise here
        rng = random.Random(5)
        for n in range(COMMIT_REPEATS):
            episode = window.session.episode
            assert episode is not None
            row = rng.randrange(len(episode.transcript.turns))
            turn = episode.transcript.turns[row]
            words = turn.text.split()
            words[len(words) // 2] = f"corrected{n}"
            window.transcript_view.scroll_to_turn(row)
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)  # start from a painted window
            with stopwatch() as watch:
                assert editing.apply(row, row, retyped(turn, " ".join(words)), "Edit turn")
                app.processEvents()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)
            times.append(watch.seconds * 1000)
            shown = window.session.episode
            assert shown is not None and f"corrected{n}" in shown.transcript.turns[row].text
        stored = " ".join(t.text for t in library.episode(episode_id).transcript.turns)
        assert f"corrected{COMMIT_REPEATS - 1}" in stored
        log(f"one-word edit, 3 h episode: {', '.join(f'{t:.1f}' for t in times)} ms")
    return median(times)


def _retime_s(cache_dir: Path) -> float:
    from benchmarks.bench_correct import _folder
    from podplayer.core.correction.turn_edits import retyped
    from podplayer.usecases.edit_turns import plan_turn_edit, retime_turn_edit

    section, aligned = pickle.loads((_folder(cache_dir) / "demo.pickle").read_bytes())
    rng = random.Random(8)
    times: list[float] = []
    errors: list[int] = []
    for _ in range(RETIME_REPEATS):
        row = rng.randrange(1, len(aligned.turns) - 1)
        turn = aligned.turns[row]
        k = rng.randrange(1, len(turn.words) - 1)
        words = [w.text for w in turn.words]
        truth_start = turn.words[k].start_ms
        words[k] = words[k] + "s" if not words[k].endswith("s") else words[k][:-1]  # a one-word correction
        edit = plan_turn_edit(1, aligned, [], row, row, retyped(turn, " ".join(words)))
        assert len(edit.diff.spans) == 1
        with stopwatch() as watch:
            turns = retime_turn_edit(edit, str(section.audio))
        times.append(watch.seconds)
        local = [w for t in turns for w in t.words]
        span = edit.diff.spans[0]
        errors.append(abs((local[span.first].start_ms or 0) - (truth_start or 0)))
    log(f"re-time one word: {', '.join(f'{t:.2f}' for t in times)} s; start moved from the aligned one by {errors} ms")
    return median(times)


if __name__ == "__main__":
    from benchmarks import DEFAULT_CACHE_DIR

    for key, value in run(DEFAULT_CACHE_DIR).items():
        print(f"{key}: {value:g}")
