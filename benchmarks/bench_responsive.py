"""The window while a job runs: follow-mode scrolling and the playhead tick on the 3-hour episode in the
real main window (offscreen), while a 1-hour alignment runs in the background of the same app.

- ``scroll_during_align_max_ms``: the worst follow step (the position update that scrolls the view
  plus a synchronous repaint of the viewport) while the alignment runs; ``scroll_during_align_p99_ms``.
- ``tick_during_align_p99_ms``: one position update (as in bench_player) while the alignment runs;
  ``tick_during_align_median_ms``.
- ``scroll_during_align_blocked_max_ms`` / ``_p99_ms``: per follow step (with the events after it), the
  time the GUI thread was neither running nor waiting for a core (Linux schedstat): waiting for the
  GIL, mostly. ``scroll_during_align_core_wait_max_ms``: the longest it waited for a core in one step
  (the machine's load, which the app cannot change).
- ``scroll_idle_max_ms`` / ``scroll_idle_p99_ms``: the same follow steps just before, with no job
  running: what the machine itself costs (on a machine shared with other work its spikes show here
  too), to tell them from the alignment's.
- ``align_yielding_vs_normal_ratio``: the same 1-hour alignment as a job of the same app, with the
  background at a lower CPU priority (the default) over without it, the window idle; each way
  ``THROUGHPUT_ROUNDS`` times, alternated, the fastest of each way counts. Lower priority costs only when something else wants
  the cores; on an idle machine the ratio stays near 1 (floor 1.10). On a machine shared with other
  work it measures that work too, so the CPU seconds are reported beside it.

The alignment is ``align_transcript`` with two workers, started through ``MainWindow.jobs`` exactly as
the app starts a sync or an alignment; samples are taken from its first progress report to its end.
"""

from __future__ import annotations

import gc
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import log, median, percentile
from benchmarks.bench_align import _build_long_episode, _episode_paths
from benchmarks.bench_player import _process_until, follow_step
from benchmarks.data import library_with_episode_3h
from benchmarks.window_3h import three_hour_window

TICKS_PER_ROUND = 200
SCROLL_STEPS_PER_ROUND = 40
ALIGN_TIMEOUT_S = 900.0
IDLE_STEPS = 2000
THROUGHPUT_ROUNDS = 1  # a 1-hour alignment takes about a minute alone; more rounds damp a busy machine


def prepare(cache_dir: Path) -> None:
    library_with_episode_3h(cache_dir)
    audio, text = _episode_paths(cache_dir, "1h")
    if not (audio.exists() and text.exists()):
        _build_long_episode(audio, text, 1)


def _alignment_job(cache_dir: Path) -> Any:
    """A job function that aligns the 1-hour bench episode (what a sync or an alignment runs)."""
    from podplayer.core.align import align_transcript
    from podplayer.core.jobs import CancelToken, Progress
    from podplayer.core.model import Transcript, Turn

    audio, text = _episode_paths(cache_dir, "1h")
    script = json.loads(text.read_text(encoding="utf-8"))

    def work(progress: Progress, cancel: CancelToken) -> Transcript:
        transcript = Transcript([Turn.from_text(t["speaker"], t["text"]) for t in script["turns"]])
        return align_transcript(transcript, audio, jobs=2, progress=progress, cancel=cancel)

    return work


def _thread_clocks() -> dict[int, tuple[int, int]]:
    """Per thread of this process: (ns on a CPU, ns waiting for one while runnable), from Linux's
    schedstat; empty where there is none. A thread that waits for the GIL sleeps, so its wait shows
    in neither; one that waits for a core shows it in the second."""
    clocks: dict[int, tuple[int, int]] = {}
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return clocks
    for tid in tids:
        try:
            with open(f"/proc/self/task/{tid}/schedstat", encoding="ascii") as f:
                on_cpu, waiting, _slices = f.read().split()
        except (OSError, ValueError):
            continue
        clocks[int(tid)] = (int(on_cpu), int(waiting))
    return clocks


def _clock_deltas(before: dict[int, tuple[int, int]], after: dict[int, tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """ms on a CPU and ms waiting for one, per thread, between two ``_thread_clocks``."""
    return {
        tid: ((cpu - before[tid][0]) / 1e6, (wait - before[tid][1]) / 1e6)
        for tid, (cpu, wait) in after.items()
        if tid in before
    }


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children (the alignment workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _timed_alignment(app: Any, runner: Any, work: Any) -> tuple[float, float]:
    """Wall and CPU seconds of one alignment job on ``runner``, the GUI thread idle but responsive."""
    cpu = _cpu_s()
    start = time.perf_counter()
    job = runner.run("Aligning (bench)", work)
    if not _process_until(app, lambda: job.done, ALIGN_TIMEOUT_S):
        raise RuntimeError("the alignment did not finish")
    return time.perf_counter() - start, _cpu_s() - cpu


def run(cache_dir: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from podplayer.ui.jobs import JobRunner

    work = _alignment_job(cache_dir)
    with three_hour_window(cache_dir) as (app, window, _library, _episode_id):
        if not window.jobs.yields:
            raise RuntimeError("background work should yield to the window by default")
        window.transcript_view.doItemsLayout()
        figures = _during_alignment(app, window, work)

        normal = JobRunner(yield_to_foreground=False)
        walls: dict[bool, list[float]] = {True: [], False: []}
        cpus: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(THROUGHPUT_ROUNDS):
            for yields, runner in ((False, normal), (True, window.jobs)):
                wall, cpu = _timed_alignment(app, runner, work)
                walls[yields].append(wall)
                cpus[yields].append(cpu)
                log(f"alignment {'yielding' if yields else 'normal'}: {wall:.1f} s wall, {cpu:.1f} s CPU")
        normal.shutdown()
        figures["align_1h_yielding_s"] = min(walls[True])
        figures["align_1h_normal_s"] = min(walls[False])
        figures["align_yielding_vs_normal_ratio"] = min(walls[True]) / min(walls[False])
        figures["align_yielding_vs_normal_cpu_ratio"] = min(cpus[True]) / min(cpus[False])
    return figures


def _during_alignment(app: Any, window: Any, work: Any) -> dict[str, float]:
    view = window.transcript_view
    controller = window.controller
    handle = getattr(controller, "_emit_position", None) or controller._on_player_position
    timeline = controller.timeline
    end_ms = timeline.transcript.end_ms or 0
    if not view.follow:
        view.resume_follow()

    stride = max(1, len(timeline) // 600)
    # One untimed pass over the same follow steps first, as bench_player's ticks do before it times
    # scrolling: the first paint of a row lays it out once, which is opening's cost, not the job's.
    for turn in range(0, len(timeline), stride):
        follow_step(app, view, handle, timeline.turn_start(turn) + 1)

    idle_ms: list[float] = []
    for i in range(IDLE_STEPS):
        idle_ms.append(follow_step(app, view, handle, timeline.turn_start((i * stride) % len(timeline)) + 1)[0])

    started: list[bool] = []
    job = window.jobs.run("Aligning (bench)", work)
    job.progressed.connect(lambda *_: started.append(True))
    if not _process_until(app, lambda: bool(started) or job.done, 120):
        raise RuntimeError("the alignment never reported progress")
    tick_ms: list[float] = []
    frame_ms: list[float] = []
    scrolled = 0
    tick, turn = 0, 0
    # the worst follow step, the job's stage then, when, and the GUI thread's own CPU ms in it: far less
    # CPU than wall time means the thread waited (for the GIL or for a core), not that it worked; the
    # threads' schedstat tells which (time runnable without a core, and what the other threads ran)
    worst: tuple[float, str, float, float] = (0.0, "", 0.0, 0.0)
    worst_clocks: dict[int, tuple[float, float]] = {}
    gui_tid = threading.get_native_id()
    # per follow step, the GUI thread's time runnable without a core, and its time neither running nor
    # runnable (blocked: waiting for the GIL, mostly), from the thread's schedstat
    core_wait_ms: list[float] = []
    # the longest garbage collection while aligning (any thread's; it holds the GIL throughout)
    collections_ms: list[float] = []
    collecting: list[float] = []

    def on_collection(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collecting[:] = [time.perf_counter()]
        elif collecting:
            collections_ms.append((time.perf_counter() - collecting[0]) * 1000)

    gc.callbacks.append(on_collection)
    blocked_ms: list[float] = []
    deadline = time.monotonic() + ALIGN_TIMEOUT_S
    while not job.done and time.monotonic() < deadline:
        for _ in range(TICKS_PER_ROUND):
            pos = (tick * 1_117_000) % max(1, end_ms)  # positions all over the episode
            tick += 1
            start = time.perf_counter()
            handle(pos)
            tick_ms.append((time.perf_counter() - start) * 1000)
            app.processEvents()
        for _ in range(SCROLL_STEPS_PER_ROUND):
            turn = (turn + stride) % len(timeline)
            stage = job.message
            clocks = _thread_clocks()
            cpu = time.thread_time()
            began = time.perf_counter()
            ms, moved = follow_step(app, view, handle, timeline.turn_start(turn) + 1)
            whole_ms = (time.perf_counter() - began) * 1000  # with processing the events after it
            deltas = _clock_deltas(clocks, _thread_clocks())
            if gui_tid in deltas:
                ran, waited = deltas[gui_tid]
                core_wait_ms.append(waited)
                blocked_ms.append(max(0.0, whole_ms - ran - waited))
            if ms > worst[0]:
                worst = (ms, stage, time.perf_counter() - job.started_at, (time.thread_time() - cpu) * 1000)
                worst_clocks = deltas
            frame_ms.append(ms)
            scrolled += moved
    gc.callbacks.remove(on_collection)
    if not job.done:
        job.cancel()
        _process_until(app, lambda: job.done, 30)
        raise RuntimeError("the alignment did not finish in time")
    log(f"garbage collections while aligning: {len(collections_ms)}, the longest "
        f"{max(collections_ms, default=0.0):.1f} ms")
    if len(frame_ms) < 100 or scrolled < len(frame_ms) // 4:
        raise RuntimeError(f"too few follow steps while aligning ({len(frame_ms)}, {scrolled} scrolled)")
    log(f"worst follow step {worst[0]:.1f} ms at {worst[2]:.1f} s into the alignment ({worst[1] or 'starting'}); "
        f"the GUI thread's CPU in it {worst[3]:.1f} ms (with processing the events after it)")
    if gui_tid in worst_clocks:
        gui_cpu, gui_wait = worst_clocks.pop(gui_tid)
        others = ", ".join(f"{cpu:.1f}/{wait:.1f}" for cpu, wait in sorted(worst_clocks.values(), reverse=True)
                           if cpu + wait >= 1)
        log(f"in that step the GUI thread ran {gui_cpu:.1f} ms and waited {gui_wait:.1f} ms for a core; "
            f"the app's other threads ran/waited for a core {others or 'nothing'} ms; "
            f"load average {os.getloadavg()[0]:.1f}")
    log(f"while aligning: {len(tick_ms)} ticks (median {median(tick_ms):.3f} ms, p99 "
        f"{percentile(tick_ms, 0.99):.3f} ms), {len(frame_ms)} follow steps (max {max(frame_ms):.1f} ms)")
    waits: dict[str, float] = {}
    if blocked_ms:
        waits = {
            "scroll_during_align_blocked_max_ms": max(blocked_ms),
            "scroll_during_align_blocked_p99_ms": percentile(blocked_ms, 0.99),
            "scroll_during_align_core_wait_max_ms": max(core_wait_ms),
        }
        log(f"the GUI thread in a follow step: blocked (the GIL) at most {max(blocked_ms):.1f} ms, p99 "
            f"{percentile(blocked_ms, 0.99):.1f} ms; waiting for a core at most {max(core_wait_ms):.1f} ms")
    return waits | {
        "scroll_during_align_max_ms": max(frame_ms),
        "scroll_during_align_p99_ms": percentile(frame_ms, 0.99),
        "tick_during_align_p99_ms": percentile(tick_ms, 0.99),
        "tick_during_align_median_ms": median(tick_ms),
        "during_align_samples": len(tick_ms) + len(frame_ms),
        "scroll_idle_max_ms": max(idle_ms),
        "scroll_idle_p99_ms": percentile(idle_ms, 0.99),
    }
