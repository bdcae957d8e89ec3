"""How controllers talk to the user without holding the window: one status line and one way to show
an error. The window implements both (:class:`Feedback`); controllers receive the callables they use.
"""

from __future__ import annotations

from typing import Protocol

STATUS_MS = 6000  # how long a status message stays by default


class ShowStatus(Protocol):
    """A passing message in the status bar, for ``timeout_ms``."""

    def __call__(self, message: str, timeout_ms: int = STATUS_MS) -> None: ...


class ShowError(Protocol):
    """An error in the status bar, and in a dialog when it deserves one (a refused file, lost work)."""

    def __call__(self, message: str, dialog: bool = False) -> None: ...


class Feedback(Protocol):
    """What the window offers every controller: status messages and errors."""

    def show_status(self, message: str, timeout_ms: int = STATUS_MS) -> None: ...

    def show_error(self, message: str, dialog: bool = False) -> None: ...
