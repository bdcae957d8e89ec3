"""The one way the UI runs background work (Anki ``QueryOp``-style).

A core job is ``fn(progress, cancel_token) -> result`` (see podplayer.core.jobs). :meth:`JobRunner.run`
runs it on a QThreadPool thread — I/O-bound work (ffmpeg pipes, SQLite) and work that runs its own worker
processes (the aligner). :meth:`JobRunner.run_in_process` runs a picklable job in a separate worker
process instead, for CPU-bound code that holds the GIL (the GUI stays responsive); cancelling asks the
job to stop and terminates the process if it does not within a grace period. Either way progress, the
result or the error arrive back on the GUI thread by queued signals. Jobs never touch widgets. Every job that lasts more than a second shows in the status
bar (:class:`JobStatusWidget`: title, progress, time remaining, Cancel). Quitting cancels every job and
waits for the threads, so no thread outlives the application.

Background work yields to the window: with ``yield_to_foreground`` (the default; a preference) every
job thread, and so every worker process it starts, runs at a lower CPU priority than the GUI thread
(:func:`podplayer.core.jobs.yield_to_foreground`).

While any job runs, the objects the app held when it started are frozen out of the cyclic garbage
collector (:func:`gc.freeze`): a full collection would otherwise scan the whole long-lived heap (an open
3-hour episode is hundreds of thousands of objects), 100-300 ms with the GIL held, and when the job
thread's allocations trigger it the window waits for all of it. Each time a job reports progress, what was
made since is frozen too, so collections during the job scan only what was made since its last report;
when the last job ends the frozen objects go back to the collector.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue as queue_module
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from podplayer.core.jobs import Cancelled, CancelToken, Progress, yield_to_foreground
from podplayer.core.model import PodplayerError

T = TypeVar("T")
JobFn = Callable[[Progress, CancelToken], T]


@dataclass(frozen=True, slots=True)
class Succeeded(Generic[T]):
    value: T


@dataclass(frozen=True, slots=True)
class Failed:
    message: str  # one line for the user


@dataclass(frozen=True, slots=True)
class Stopped:
    """The job was cancelled and left no result."""


Outcome = Succeeded[T] | Failed | Stopped


@dataclass(frozen=True, slots=True)
class _Progressed:
    done: float
    total: float
    message: str

SHOW_AFTER_MS = 1000


class Job(QObject):
    """A running job. Signals arrive on the GUI thread."""

    progressed = Signal(float, float, str)  # done, total, message
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # after any of the three above

    # Emitted from the worker thread; queued to this object's (GUI) thread.
    _progress_from_worker = Signal(float, float, str)
    _result_from_worker = Signal(object)
    _error_from_worker = Signal(str)
    _cancel_from_worker = Signal()

    def __init__(self, title: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.token = CancelToken()
        self.started_at = time.monotonic()
        self.done = False
        self.fraction = 0.0
        self.message = ""
        self._progress_from_worker.connect(self._on_progress)
        self._result_from_worker.connect(self._on_result)
        self._error_from_worker.connect(self._on_error)
        self._cancel_from_worker.connect(self._on_cancelled)

    def cancel(self) -> None:
        self.token.cancel()

    def remaining_s(self) -> float | None:
        """A simple linear estimate of the seconds left, once there is enough progress to tell."""
        if self.fraction < 0.02:
            return None
        elapsed = time.monotonic() - self.started_at
        return elapsed * (1.0 - self.fraction) / self.fraction

    @Slot(float, float, str)
    def _on_progress(self, done: float, total: float, message: str) -> None:
        if self.done:
            return
        self.fraction = min(1.0, done / total) if total > 0 else 0.0
        self.message = message
        _refreeze_heap()
        self.progressed.emit(done, total, message)

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self.done = True
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self.done = True
        self.failed.emit(message)
        self.finished.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self.done = True
        self.cancelled.emit()
        self.finished.emit()


def _report(job: Job, outcome: Outcome[Any]) -> None:
    """Hand how a job ended to its Job, on the GUI thread (queued signals)."""
    if isinstance(outcome, Succeeded) and not job.token.cancelled:
        job._result_from_worker.emit(outcome.value)
    elif isinstance(outcome, Failed) and not job.token.cancelled:
        job._error_from_worker.emit(outcome.message)
    else:
        job._cancel_from_worker.emit()


class _JobRunnable(QRunnable):
    """A job on a pool thread; with ``yields`` the thread (and what it starts) yields to the window."""

    def __init__(self, job: Job, fn: JobFn[Any], yields: bool) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._fn = fn
        self._yields = yields

    def _start(self) -> None:
        if self._yields:
            yield_to_foreground()


class _Runnable(_JobRunnable):
    def run(self) -> None:
        self._start()
        job = self._job
        token = job.token

        def progress(done: float, total: float, message: str = "") -> None:
            if not token.cancelled:
                job._progress_from_worker.emit(float(done), float(total), message)

        _report(job, _run_job(self._fn, progress, token))


def _run_job(fn: JobFn[T], progress: Progress, token: CancelToken) -> Outcome[T]:
    """Run a job and say how it ended."""
    try:
        result = fn(progress, token)
    except Cancelled:
        return Stopped()
    except PodplayerError as exc:
        return Failed(str(exc))
    except Exception as exc:  # a bug in a job must reach the user as one line; the traceback goes to stderr
        traceback.print_exc()
        return Failed(f"{type(exc).__name__}: {exc}")
    return Stopped() if token.cancelled else Succeeded(result)


CANCEL_GRACE_S = 2.0
GIL_SWITCH_S = 0.0005  # how long a job thread may keep the GIL while the GUI thread waits for it


def _process_main(fn: JobFn[Any], messages: Any, cancel_event: Any, yields: bool) -> None:
    """Entry point of a worker process: run ``fn`` and report through ``messages``."""
    if yields:
        yield_to_foreground()  # inherited from the starting thread already; says so where it matters
    token = CancelToken()

    def watch() -> None:
        cancel_event.wait()
        token.cancel()

    threading.Thread(target=watch, daemon=True).start()

    def progress(done: float, total: float, message: str = "") -> None:
        messages.put(_Progressed(float(done), float(total), message))

    messages.put(_run_job(fn, progress, token))


class _ProcessRunnable(_JobRunnable):
    """Watches a worker process from a pool thread and relays its messages to the Job."""

    def run(self) -> None:
        self._start()  # the worker process started from this thread inherits its priority
        job = self._job
        ctx = multiprocessing.get_context("spawn")  # no fork of a process that runs Qt threads
        messages = ctx.Queue()
        cancel_event = ctx.Event()
        process = ctx.Process(target=_process_main, args=(self._fn, messages, cancel_event, self._yields), daemon=True)
        try:
            process.start()
        except Exception as exc:  # e.g. the job is not picklable
            job._error_from_worker.emit(f"could not start a worker process: {exc}")
            return
        cancel_requested_at: float | None = None
        final: Outcome[Any] | None = None
        while final is None:
            if job.token.cancelled and cancel_requested_at is None:
                cancel_event.set()
                cancel_requested_at = time.monotonic()
            if cancel_requested_at is not None and time.monotonic() - cancel_requested_at > CANCEL_GRACE_S:
                process.terminate()
                final = Stopped()
                break
            try:
                message = messages.get(timeout=0.05)
            except queue_module.Empty:
                if not process.is_alive() and messages.empty():
                    final = Failed(f"the worker process stopped unexpectedly (exit code {process.exitcode})")
                continue
            if isinstance(message, _Progressed):
                if not job.token.cancelled:
                    job._progress_from_worker.emit(message.done, message.total, message.message)
            else:
                final = message
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        _report(job, final)


_jobs_running = 0  # across every runner: the freeze is process-wide


def _freeze_heap() -> None:
    """A job starts: keep what exists now out of the collections it triggers (see the module docstring)."""
    global _jobs_running
    _jobs_running += 1
    gc.freeze()


def _refreeze_heap() -> None:
    """A job progressed: what it has built up so far joins the frozen heap (see the module docstring).

    An hour's alignment holds hundreds of thousands of tokens, times and heard words by its end; each
    full collection its allocations trigger would scan all of them again with the GIL held. Freezing
    costs nothing (the collector's lists are joined), and it is undone when the last job ends.
    """
    if _jobs_running:
        gc.freeze()


def _thaw_heap() -> None:
    """A job ended: when none is left, the frozen objects are collectable again."""
    global _jobs_running
    _jobs_running -= 1
    if _jobs_running == 0:
        gc.unfreeze()


class JobRunner(QObject):
    """Starts jobs on a private thread pool and keeps track of them until they finish."""

    jobStarted = Signal(object)  # Job
    jobFinished = Signal(object)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4, *, yield_to_foreground: bool = True) -> None:
        super().__init__(parent)
        self.yields = yield_to_foreground
        if yield_to_foreground and sys.getswitchinterval() > GIL_SWITCH_S:
            # A job thread that computes in Python holds the GIL for up to the switch interval each time
            # the GUI thread asks for it, and a repaint asks once per painted row: at the default 5 ms
            # a follow step could wait 200 ms. A shorter interval bounds each wait.
            sys.setswitchinterval(GIL_SWITCH_S)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._jobs: list[Job] = []

    @property
    def active_jobs(self) -> list[Job]:
        return list(self._jobs)

    def run(
        self,
        title: str,
        fn: JobFn[T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> Job:
        """Run ``fn(progress, cancel_token)`` on a pool thread; callbacks run on the GUI thread."""
        return self._start(title, fn, _Runnable, on_success, on_failure, on_cancel)

    def run_in_process(
        self,
        title: str,
        fn: JobFn[T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> Job:
        """Like :meth:`run`, but ``fn`` (picklable: a module-level function or a functools.partial of
        one) runs in a separate worker process — for CPU-bound code that holds the GIL."""
        return self._start(title, fn, _ProcessRunnable, on_success, on_failure, on_cancel)

    def _start(
        self,
        title: str,
        fn: JobFn[T],
        runnable: Callable[[Job, JobFn[Any], bool], QRunnable],
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[str], None] | None,
        on_cancel: Callable[[], None] | None,
    ) -> Job:
        job = Job(title, self)
        if on_success is not None:
            job.succeeded.connect(on_success)
        if on_failure is not None:
            job.failed.connect(on_failure)
        if on_cancel is not None:
            job.cancelled.connect(on_cancel)
        job.finished.connect(lambda: self._forget(job))
        self._jobs.append(job)
        _freeze_heap()
        self.jobStarted.emit(job)
        self._pool.start(runnable(job, fn, self.yields))
        return job

    def _forget(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
            _thaw_heap()
        self.jobFinished.emit(job)

    def cancel_all(self) -> None:
        for job in self._jobs:
            job.cancel()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Cancel every job and wait for the threads; True if all stopped within the timeout."""
        self.cancel_all()
        return bool(self._pool.waitForDone(timeout_ms))

    def wait(self, timeout_ms: int = 30000) -> bool:
        return bool(self._pool.waitForDone(timeout_ms))


def format_remaining(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(round(seconds))
    if seconds >= 60:
        return f"about {seconds // 60} min {seconds % 60:02d} s left"
    return f"about {seconds} s left"


class JobStatusWidget(QWidget):
    """Status-bar strip for the longest-running job: title, progress bar, time left, Cancel."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._job: Job | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setAccessibleName("Background job")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Background job progress")
        self.remaining = QLabel()
        self.remaining.setAccessibleName("Time remaining")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel background job")
        self.cancel_button.clicked.connect(self._cancel)
        for w in (self.label, self.bar, self.remaining, self.cancel_button):
            layout.addWidget(w)
        self.hide()
        runner.jobStarted.connect(self._on_started)
        runner.jobFinished.connect(self._on_finished)

    def _on_started(self, job: Job) -> None:
        job.progressed.connect(lambda *_: self._refresh())
        QTimer.singleShot(SHOW_AFTER_MS, self, lambda: self._show_if_running(job))

    def _show_if_running(self, job: Job) -> None:
        if not job.done and self._job is None:
            self._job = job
            self._refresh()
            self.show()

    def _on_finished(self, job: Job) -> None:
        if job is self._job:
            self._job = None
            remaining = [j for j in self._runner.active_jobs if not j.done]
            if remaining:
                self._job = remaining[0]
                self._refresh()
            else:
                self.hide()

    def _refresh(self) -> None:
        job = self._job
        if job is None:
            return
        self.label.setText(job.message or job.title)
        self.bar.setValue(int(job.fraction * 1000))
        self.remaining.setText(format_remaining(job.remaining_s()))

    def _cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.label.setText(f"Cancelling {self._job.title}…")
