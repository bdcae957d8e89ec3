"""The processes a background job starts run below the window's CPU priority; the job's own threads do not.

Why not the job's thread itself: it shares the GIL with the window's thread. A thread at a lower priority
that waits for the GIL makes the window's thread hand the GIL over (after the switch interval) and then
wait until that thread gets a core, which on a busy machine took 100–300 ms at nice 10: a priority
inversion, seen as single long follow-scrolling frames while an alignment ran (the window's thread
waiting without using the CPU). Processes share no GIL, so lowering theirs (the aligner's and the feed
parser's workers, ffmpeg) only lets the window win a contended core.

A new process, or a new thread, takes the nice value of the thread that made it, so a job thread at the
window's priority starts its processes at that priority too. :class:`BackgroundProcesses` lowers them
instead: while it is active, a sweep a few times a second lowers every thread of each process this one
started since (children and theirs, found with psutil); what they start afterwards inherits the lower
value. Processes that already ran when it became active are left alone. Linux only: elsewhere a nice
value belongs to the whole process, and nothing happens.
"""

from __future__ import annotations

import os
import sys
import threading

import psutil

from podplayer.core.jobs import BACKGROUND_NICENESS

SWEEP_PERIOD_S = 0.25  # a worker runs at the window's priority for at most this long


def lower_thread(tid: int) -> bool:
    """Put one thread (or a process's main thread: its pid) at BACKGROUND_NICENESS; whether it changed."""
    try:
        if os.getpriority(os.PRIO_PROCESS, tid) < BACKGROUND_NICENESS:
            os.setpriority(os.PRIO_PROCESS, tid, BACKGROUND_NICENESS)
            return True
    except OSError:
        pass  # gone already, or a sandbox that forbids it: it runs at normal priority
    return False


def lower_process(pid: int) -> int:
    """Put every thread of process ``pid`` at BACKGROUND_NICENESS; how many changed."""
    try:
        tids = [int(tid) for tid in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        return 0
    return sum(lower_thread(tid) for tid in tids)


class BackgroundProcesses:
    """While active (``start`` and ``stop`` are counted), the processes this one starts run at
    BACKGROUND_NICENESS within ``SWEEP_PERIOD_S``. Safe to call from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._stop: threading.Event | None = None
        self._existing: set[int] = set()
        self._lowered: set[int] = set()

    @property
    def active(self) -> bool:
        return self._users > 0

    def start(self) -> None:
        if not sys.platform.startswith("linux"):
            return
        with self._lock:
            self._users += 1
            if self._users > 1:
                return
            self._existing = set(self._descendants())
            self._lowered = set()
            stop = self._stop = threading.Event()
        threading.Thread(target=self._run, args=(stop,), name="background-priority", daemon=True).start()

    def stop(self) -> None:
        if not sys.platform.startswith("linux"):
            return
        with self._lock:
            self._users = max(0, self._users - 1)
            if self._users == 0 and self._stop is not None:
                self._stop.set()
                self._stop = None

    def sweep(self) -> int:
        """Lower the processes started since ``start`` now; how many threads changed."""
        changed = 0
        for pid in self._descendants():
            if pid in self._existing or pid in self._lowered:
                continue
            changed += lower_process(pid)
            self._lowered.add(pid)
        return changed

    def _run(self, stop: threading.Event) -> None:
        while not stop.wait(SWEEP_PERIOD_S):
            self.sweep()

    @staticmethod
    def _descendants() -> list[int]:
        try:
            return [child.pid for child in psutil.Process().children(recursive=True)]
        except psutil.Error:
            return []
