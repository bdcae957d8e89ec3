"""The one background-job contract used by core work (alignment, waveform, clip export).

A core job is a plain function that takes a :class:`Progress` callback and a :class:`CancelToken`.
It never touches the UI; the UI runs it off the GUI thread and gets results back by signal.
"""

from __future__ import annotations

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


def no_progress(done: float, total: float, message: str = "") -> None:
    """A progress callback that ignores everything."""

