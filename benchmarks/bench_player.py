"""The player on a three-hour episode (~40,000 words, ~3,000 turns) in the real main window, offscreen.

- ``open_3h_s``: from ``EpisodeSession.open`` to an interactive transcript (rows laid out, events
  processed, the visible rows painted); ``open_3h_rss_mb``: this process's peak RSS right after.
- ``tick_median_ms`` / ``tick_p99_ms``: one position update (the controller's position handler:
  timeline lookup, ``positionChanged`` to the controls and waveform, ``currentChanged`` to the view,
  the model's ``dataChanged`` and follow scrolling) for 10,000 positions played through the episode.
  Events are processed between ticks, untimed, as the event loop would between two timer ticks.
- ``scroll_max_frame_ms``: in follow mode, step through the episode (~600 turn starts spread over all
  of it) so the view scrolls each time, and time the update plus a synchronous viewport repaint; the
  worst step counts. Ticks and scroll steps each stop after a wall-clock budget (``tick_samples`` says
  how many ticks ran) so a slow build cannot stall ``make bench``.
- ``waveform_3h_s`` / ``ffmpeg_decode_3h_s`` / ``waveform_vs_ffmpeg_ratio``: the waveform envelope of
  the 3-hour mp3 (empty cache) against plain ``ffmpeg -i X -f null -``, alternated twice in the same
  run; the faster of each pair counts, to damp noise from other work on a shared machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import log, median, peak_rss_mb, percentile, stopwatch
from benchmarks.data import audio_3h, library_with_episode_3h

TICKS = 10_000
SCROLL_STEPS = 600  # follow steps spread over every part of the transcript
# Wall-clock budgets: a slow build must not turn `make bench` into an hour; the sample count is reported.
TICK_BUDGET_S = 120.0
SCROLL_BUDGET_S = 120.0


def prepare(cache_dir: Path) -> None:
    library_with_episode_3h(cache_dir)


def run(cache_dir: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    source_db, episode_id = library_with_episode_3h(cache_dir)
    with tempfile.TemporaryDirectory(prefix="podplayer-bench-player-") as tmp:
        db = Path(tmp) / "library.sqlite3"
        shutil.copyfile(source_db, db)  # the window saves positions; keep the cached library pristine
        figures = measure_window(db, episode_id, Path(tmp) / "settings.ini")
    figures.update(measure_waveform(audio_3h(cache_dir)))
    return figures


# --- the window -------------------------------------------------------------------------------------


def _process_until(app: Any, done: Any, timeout_s: float) -> bool:
    """Process events until ``done()`` or the timeout; returns whether ``done()`` became true."""
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.005)
    return True


def follow_step(app: Any, view: Any, handle: Any, position_ms: int) -> tuple[float, bool]:
    """One follow-mode step: the position update that scrolls the view plus a synchronous repaint of
    the viewport, timed in ms; and whether the view scrolled. Events are processed after, untimed."""
    before = view.verticalScrollBar().value()
    start = time.perf_counter()
    handle(position_ms)
    view.viewport().repaint()
    ms = (time.perf_counter() - start) * 1000
    scrolled = view.verticalScrollBar().value() != before
    app.processEvents()
    return ms, scrolled


def measure_window(db: Path, episode_id: int, settings_path: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from podplayer.store.repository import Library
    from podplayer.ui.settings import Settings
    from podplayer.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    library = Library(db)
    settings = Settings(settings_path)
    settings.sync_untimed_automatically = False  # the figures measure the player, not a sync
    window = MainWindow(library, settings)
    window.resize(1400, 900)
    window.show()
    _process_until(app, lambda: window.isVisible(), 5)
    app.processEvents()
    view = window.transcript_view

    with stopwatch() as opening:
        if not window.session.open(episode_id):
            raise RuntimeError(f"the window could not open episode {episode_id}")
        app.processEvents()
        view.doItemsLayout()  # make sure every row is laid out, not only the first batch
        app.processEvents()
        view.viewport().repaint()
    figures = {"open_3h_s": opening.seconds, "open_3h_rss_mb": peak_rss_mb()}
    rows = view.model().rowCount()
    log(f"opened {rows} turns in {opening.seconds:.3f} s, peak RSS {figures['open_3h_rss_mb']:.0f} MiB")
    if rows < 1000:
        raise RuntimeError(f"the transcript view shows only {rows} rows")

    # Let background work started by opening (waveform, media loading) finish before timing ticks.
    if not _process_until(app, lambda: not window.jobs.active_jobs, 180):
        log("background jobs still running after 180 s; measuring anyway")
    _process_until(app, lambda: False, 0.5)

    controller = window.controller
    # The controller's one position handler (player ticks and seeks both end here).
    handle = getattr(controller, "_emit_position", None) or controller._on_player_position
    timeline = controller.timeline
    end_ms = timeline.transcript.end_ms or 0

    tick_ms: list[float] = []
    budget_end = time.monotonic() + TICK_BUDGET_S
    for i in range(TICKS):
        pos = i * end_ms // TICKS
        start = time.perf_counter()
        handle(pos)
        tick_ms.append((time.perf_counter() - start) * 1000)
        app.processEvents()
        if time.monotonic() > budget_end:
            log(f"tick budget of {TICK_BUDGET_S:.0f} s used up after {len(tick_ms)} of {TICKS} ticks")
            break
    figures["tick_median_ms"] = median(tick_ms)
    figures["tick_p99_ms"] = percentile(tick_ms, 0.99)
    figures["tick_max_ms"] = max(tick_ms)
    figures["tick_samples"] = len(tick_ms)
    log(f"{len(tick_ms)} ticks: median {figures['tick_median_ms']:.3f} ms, p99 {figures['tick_p99_ms']:.3f} ms")

    if not view.follow:
        view.resume_follow()
    handle(0)
    app.processEvents()
    frame_ms: list[float] = []
    scrolled = 0
    budget_end = time.monotonic() + SCROLL_BUDGET_S
    stride = max(1, len(timeline) // SCROLL_STEPS)
    for turn in range(0, len(timeline), stride):
        ms, moved = follow_step(app, view, handle, timeline.turn_start(turn) + 1)
        frame_ms.append(ms)
        scrolled += moved
        if time.monotonic() > budget_end:
            log(f"scroll budget of {SCROLL_BUDGET_S:.0f} s used up at turn {turn} of {len(timeline)}")
            break
    figures["scroll_max_frame_ms"] = max(frame_ms)
    figures["scroll_p99_frame_ms"] = percentile(frame_ms, 0.99)
    log(f"{len(frame_ms)} follow steps ({scrolled} scrolled): max {max(frame_ms):.1f} ms, "
        f"median {median(frame_ms):.2f} ms")
    if scrolled < len(frame_ms) // 4:
        raise RuntimeError(f"follow mode scrolled only {scrolled} of {len(frame_ms)} steps")

    window.close()
    app.processEvents()
    library.close()
    return figures


# --- waveform vs plain decoding ---------------------------------------------------------------------


def _ffmpeg_decode_s(audio: Path) -> float:
    with stopwatch() as watch:
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(audio), "-f", "null", "-"], check=True)
    return watch.seconds


def _envelope_s(audio: Path) -> float:
    from podplayer.core.waveform import load_or_compute_envelope

    with tempfile.TemporaryDirectory(prefix="podplayer-bench-waveform-") as empty_cache, stopwatch() as watch:
        envelope = load_or_compute_envelope(audio, cache_dir=Path(empty_cache))
    if len(envelope) == 0:
        raise RuntimeError("empty waveform envelope")
    return watch.seconds


def measure_waveform(audio: Path) -> dict[str, float]:
    ffmpeg_runs: list[float] = []
    waveform_runs: list[float] = []
    for _ in range(2):
        ffmpeg_runs.append(_ffmpeg_decode_s(audio))
        waveform_runs.append(_envelope_s(audio))
    log("ffmpeg decode " + ", ".join(f"{s:.2f}" for s in ffmpeg_runs)
        + " s; envelope " + ", ".join(f"{s:.2f}" for s in waveform_runs) + " s")
    waveform_s, ffmpeg_s = min(waveform_runs), min(ffmpeg_runs)
    return {"waveform_3h_s": waveform_s, "ffmpeg_decode_3h_s": ffmpeg_s, "waveform_vs_ffmpeg_ratio": waveform_s / ffmpeg_s}
