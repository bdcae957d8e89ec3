"""ui/jobs.py: results, errors, progress and cancellation come back on the GUI thread."""

from __future__ import annotations

import gc
import os
import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QStatusBar
from pytestqt.qtbot import QtBot

from podplayer.core.jobs import BACKGROUND_NICENESS, CancelToken, Progress
from podplayer.core.model import PodplayerError
from podplayer.ui.jobs import JobRunner, JobStatusWidget


def test_result_and_progress_arrive_on_gui_thread(qtbot: QtBot) -> None:
    runner = JobRunner()
    gui = QThread.currentThread()
    worker_threads: list[int] = []
    progress_threads: list[bool] = []

    def work(progress: Progress, cancel: CancelToken) -> int:
        worker_threads.append(threading.get_ident())
        for i in range(5):
            progress(i + 1, 5, f"step {i + 1}")
        return 42

    results: list[object] = []
    job = runner.run("answer", work, results.append)
    job.progressed.connect(lambda *_: progress_threads.append(QThread.currentThread() is gui))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results == [42]
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert progress_threads and all(progress_threads)
    assert runner.active_jobs == []


def test_errors_become_one_line_messages(qtbot: QtBot) -> None:
    runner = JobRunner()

    def bad(progress: Progress, cancel: CancelToken) -> None:
        raise PodplayerError("episode.mp3: not audio")

    failures: list[str] = []
    job = runner.run("bad", bad, on_failure=failures.append)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert failures == ["episode.mp3: not audio"]


def test_cancel_and_shutdown_wait_for_threads(qtbot: QtBot) -> None:
    runner = JobRunner()
    started = threading.Event()

    def slow(progress: Progress, cancel: CancelToken) -> None:
        started.set()
        while True:
            cancel.check()
            time.sleep(0.01)

    cancelled: list[bool] = []
    job = runner.run("slow", slow, on_cancel=lambda: cancelled.append(True))
    assert started.wait(5)
    assert runner.shutdown(5000)  # True only once every thread has stopped
    QApplication.processEvents()
    assert cancelled == [True] and job.done


def test_status_widget_shows_long_jobs_and_cancels(qtbot: QtBot) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    runner = JobRunner()
    widget = JobStatusWidget(runner)
    bar.addPermanentWidget(widget)
    bar.show()

    def long(progress: Progress, cancel: CancelToken) -> None:
        for i in range(1000):
            cancel.check()
            progress(i, 1000, "Crunching")
            time.sleep(0.01)

    job = runner.run("long job", long)
    qtbot.waitUntil(widget.isVisible, timeout=3000)  # shown after a second
    qtbot.waitUntil(lambda: widget.bar.value() > 0 and "left" in widget.remaining.text(), timeout=3000)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        widget.cancel_button.click()
    qtbot.waitUntil(lambda: not widget.isVisible(), timeout=2000)
    runner.shutdown()


def count_primes(limit: int, progress: Progress, cancel: CancelToken) -> int:
    """CPU-bound, GIL-holding work for the worker-process tests (module level: picklable)."""
    found = 0
    for n in range(2, limit):
        if n % 5000 == 0:
            cancel.check()
            progress(n, limit, "counting")
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            found += 1
    return found


def spin_forever(progress: Progress, cancel: CancelToken) -> None:
    """Says it started, then ignores cancellation on purpose: the runner must terminate the process."""
    progress(0, 1, "spinning")
    while True:
        pass


def test_process_job_returns_result_and_progress(qtbot: QtBot) -> None:
    import functools

    runner = JobRunner()
    results: list[object] = []
    progress: list[float] = []
    job = runner.run_in_process("primes", functools.partial(count_primes, 30_000), results.append)
    job.progressed.connect(lambda done, total, _m: progress.append(done / total))
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert results == [3245]  # pi(30000)
    assert progress and progress == sorted(progress)


def test_process_job_that_ignores_cancel_is_terminated(qtbot: QtBot) -> None:
    runner = JobRunner()
    job = runner.run_in_process("spin", spin_forever)
    with qtbot.waitSignal(job.progressed, timeout=30_000):  # the worker process is running the job
        pass
    # Terminated after the grace period (CANCEL_GRACE_S, 2 s), well within this deadline.
    with qtbot.waitSignal(job.cancelled, timeout=6000):
        job.cancel()
    assert runner.shutdown(5000)


def thread_niceness(progress: Progress, cancel: CancelToken) -> int:
    """The CPU niceness of the thread that runs the job."""
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def process_niceness(progress: Progress, cancel: CancelToken) -> int:
    """The CPU niceness of the worker process that runs the job (module level: picklable)."""
    return os.getpriority(os.PRIO_PROCESS, 0)


def test_background_work_yields_to_the_window(qtbot: QtBot) -> None:
    """Job threads, and the worker processes they start, run below the window's priority; with the
    preference off they run at the window's own."""
    window_niceness = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert window_niceness < BACKGROUND_NICENESS  # else the test could not tell
    for yields, expected in ((True, BACKGROUND_NICENESS), (False, window_niceness)):
        runner = JobRunner(yield_to_foreground=yields)
        seen: list[int] = []
        for start in (runner.run, runner.run_in_process):
            job = start("niceness", thread_niceness if start == runner.run else process_niceness, seen.append)
            with qtbot.waitSignal(job.finished, timeout=30_000):
                pass
        assert seen == [expected, expected], yields
        assert runner.shutdown()
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == window_niceness  # the window's own


def test_collections_during_a_job_leave_the_apps_heap_alone(qtbot: QtBot) -> None:
    """What the app held when a job started (an open episode's words) is frozen out of the collections
    the job triggers, and collectable again once no job runs."""
    held = [[i] for i in range(50_000)]  # tracked by the collector, like an episode's rows
    assert gc.get_freeze_count() == 0
    runner = JobRunner()
    release = threading.Event()
    seen_frozen: list[int] = []

    def work(progress: Progress, cancel: CancelToken) -> None:
        gc.collect()  # a full collection from the job thread, as the job's allocations trigger one
        seen_frozen.append(gc.get_freeze_count())
        release.wait(10)

    first = runner.run("first", work)
    second = runner.run("second", lambda progress, cancel: release.wait(10))
    qtbot.waitUntil(lambda: bool(seen_frozen), timeout=5000)
    assert seen_frozen[0] >= len(held)
    with qtbot.waitSignal(first.finished, timeout=5000):
        release.set()
    qtbot.waitUntil(lambda: second.done, timeout=5000)
    assert runner.active_jobs == []
    assert gc.get_freeze_count() == 0
    assert len(held) == 50_000
