"""Chapters on the three-hour episode (3,000 turns): do headings keep opening and playing fast?

- ``chapters_open_3h_s``: from ``session.open`` to an interactive transcript with 120 chapter headings
  (every 90 s), measured like ``open_3h_s`` (rows laid out, events processed, visible rows painted);
  ``chapters_open_3h_plain_s``: the same episode without chapters, opened in the same process
  (alternating, best of ``ROUNDS`` each), and ``chapters_open_3h_ratio`` the one over the other, so
  the cost of the headings shows even on a busy machine.
- ``chapters_set_3h_ms``: replacing those 120 chapters on the open episode (placement by binary search,
  only the heading rows re-measured, one relayout).
- ``chapters_next_ms``: median time of Playback → Next chapter (seek, list and playing-chapter update).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import log, median, stopwatch
from benchmarks.data import library_with_episode_3h

CHAPTER_EVERY_S = 90
NEXT_STEPS = 100
ROUNDS = 2


def prepare(cache_dir: Path) -> None:
    library_with_episode_3h(cache_dir)


def run(cache_dir: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    source_db, episode_id = library_with_episode_3h(cache_dir)
    with tempfile.TemporaryDirectory(prefix="podplayer-bench-chapters-") as tmp:
        return measure(source_db, episode_id, Path(tmp))


def _settle(app: Any, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)


def _open_s(app: Any, library: Any, episode_id: int, settings_path: Path) -> tuple[float, Any]:
    """Seconds from ``session.open`` to a laid-out, painted transcript; and the window (still open)."""
    from podplayer.ui.settings import Settings
    from podplayer.ui.window.main_window import MainWindow

    settings = Settings(settings_path)
    settings.sync_untimed_automatically = False  # the figures measure chapters, not a sync
    window = MainWindow(library, settings)
    window.resize(1400, 900)
    window.show()
    _settle(app, 0.2)
    view = window.transcript_view
    with stopwatch() as opening:
        if not window.session.open(episode_id):
            raise RuntimeError(f"the window could not open episode {episode_id}")
        app.processEvents()
        view.doItemsLayout()
        app.processEvents()
        view.viewport().repaint()
    return opening.seconds, window


def measure(source_db: Path, episode_id: int, tmp: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from podplayer.core.chapters import Chapter, ChapterSource
    from podplayer.store.repository import Library

    plain_db, chaptered_db = tmp / "plain.sqlite3", tmp / "chapters.sqlite3"
    for db in (plain_db, chaptered_db):
        shutil.copyfile(source_db, db)  # keep the cached library pristine
    plain, library = Library(plain_db), Library(chaptered_db)
    duration_s = (next(s.duration_ms for s in library.episodes() if s.id == episode_id) or 0) / 1000
    chapters = [Chapter(float(t), f"Chapter {n}: part {n} of the show") for n, t in
                enumerate(range(0, int(duration_s), CHAPTER_EVERY_S), start=1)]  # fmt: skip
    library.set_chapters(episode_id, chapters, ChapterSource.JSON)

    app = QApplication.instance() or QApplication([])
    plain_s: list[float] = []
    chapters_s: list[float] = []
    window: Any = None
    for round_ in range(ROUNDS):
        seconds, other = _open_s(app, plain, episode_id, tmp / f"plain-{round_}.ini")
        plain_s.append(seconds)
        other.close()
        seconds, window = _open_s(app, library, episode_id, tmp / f"chapters-{round_}.ini")
        chapters_s.append(seconds)
        if round_ + 1 < ROUNDS:
            window.close()
    view = window.transcript_view
    headed = sum(1 for row in range(view.model().rowCount()) if view.delegate.headings(row))
    log(f"opened {view.model().rowCount()} turns: {min(plain_s):.3f} s without chapters, "
        f"{min(chapters_s):.3f} s with {headed} chapter headings")  # fmt: skip
    if headed != len(chapters):
        raise RuntimeError(f"{headed} headings shown for {len(chapters)} chapters")

    shifted = [Chapter(c.start + 30, c.title) for c in chapters]
    with stopwatch() as replacing:
        view.set_chapters(shifted)
        view.doItemsLayout()
        view.viewport().repaint()

    step_ms: list[float] = []
    window.controller.seek(0)
    for _ in range(NEXT_STEPS):
        started = time.perf_counter()
        window.chapters.next_chapter()
        app.processEvents()
        step_ms.append((time.perf_counter() - started) * 1000)
    figures = {
        "chapters_open_3h_s": min(chapters_s),
        "chapters_open_3h_plain_s": min(plain_s),
        "chapters_open_3h_ratio": min(chapters_s) / min(plain_s),
        "chapters_set_3h_ms": replacing.seconds * 1000,
        "chapters_next_ms": median(step_ms),
    }
    log(f"replaced {len(shifted)} chapters in {figures['chapters_set_3h_ms']:.1f} ms; "
        f"next chapter median {figures['chapters_next_ms']:.2f} ms")  # fmt: skip
    window.close()
    library.close()
    plain.close()
    return figures
