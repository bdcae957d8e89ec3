"""The one background-job contract used by core work (alignment, waveform, clip export).

A core job is a plain function that takes a :class:`Progress` callback and a :class:`CancelToken`.
It never touches the UI; the UI runs it off the GUI thread and gets results back by signal.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised inside a job when its token was cancelled; the job leaves no partial result."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was requested."""
        if self._event.is_set():
            raise Cancelled()


Progress = Callable[[float, float, str], None]
"""How a job reports progress: ``progress(done, total, message)``; ``message`` names the stage."""


BACKGROUND_NICENESS = 10  # of 19: the window's thread (0) wins a contended core by a wide margin


def yield_to_foreground() -> None:
    """Lower the CPU priority of the calling thread, so that the window's thread wins when both want a
    core. On Linux the nice value belongs to the thread, and the worker processes it starts (the
    aligner's pool, ffmpeg) inherit it, so one call covers the whole job. Idempotent: a reused pool
    thread stays at the same level. Elsewhere nothing happens (lowering the whole process would slow
    the window too)."""
    if not sys.platform.startswith("linux"):
        return
    tid = threading.get_native_id()
    try:
        current = os.getpriority(os.PRIO_PROCESS, tid)
        if current < BACKGROUND_NICENESS:
            os.setpriority(os.PRIO_PROCESS, tid, BACKGROUND_NICENESS)
    except OSError:
        pass  # a sandbox that forbids it: the job runs at normal priority


def no_progress(done: float, total: float, message: str = "") -> None:
    """A progress callback that ignores everything."""

