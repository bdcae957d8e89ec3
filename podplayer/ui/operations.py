"""One way to change the library from the app: operations on one undo stack, announced as typed changes.

In the manner of Anki's ``CollectionOp`` and ``OpChanges``: an :class:`Operation` applies a change to
the library and knows how to revert it; the :class:`OperationRunner` runs it (inline, or its slow part
as a job first), puts it on the one undo stack (Edit → Undo covers highlights, tags, speakers,
episodes, transcript corrections and re-syncs alike) and, after it is done, undone or redone, emits
one :class:`OpChanges` saying what kind of thing changed. Views subscribe to ``changed`` and skip
what does not concern them; nobody passes "changed" callbacks around.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from podplayer.core.jobs import CancelToken
from podplayer.core.model import PodplayerError
from podplayer.ui.jobs import Job, JobRunner

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OpChanges:
    """What an operation changed. ``episode_id``: the one episode concerned (None: several or none)."""

    highlights: bool = False  # highlights, bookmarks, their notes and anchors
    transcript: bool = False  # words, turns or their times
    speakers: bool = False  # speaker names, colours or which turn is whose
    tags: bool = False  # tag names, colours, descriptions
    episodes: bool = False  # what the library list shows: titles, counts, timing, episodes added or gone
    audio: bool = False  # an episode's audio file
    title: bool = False  # an episode's title
    podcasts: bool = False  # subscriptions and feed episodes
    # The operation already put the open episode's new state on screen (a transcript edit shows its
    # turns itself): nothing needs to read the episode again.
    shown: bool = False
    episode_id: int | None = None

    def __or__(self, other: OpChanges) -> OpChanges:
        flags = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self) if f.name != "episode_id"}
        same = self.episode_id if self.episode_id == other.episode_id else None
        return OpChanges(**flags, episode_id=same)

    def concerns(self, episode_id: int | None) -> bool:
        """Whether the change may touch ``episode_id`` (an operation on several episodes touches all)."""
        return self.episode_id is None or self.episode_id == episode_id


class Operation(QUndoCommand):
    """A change to the library: ``apply`` does it, ``revert`` undoes it; both may raise PodplayerError."""

    def __init__(self, text: str, changes: OpChanges) -> None:
        super().__init__(text)
        self.changes = changes
        self._runner: OperationRunner | None = None
        self._skip_redo = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_redo:  # applied by the runner before it was pushed
            self._skip_redo = False
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, action: Callable[[], None]) -> None:
        assert self._runner is not None
        try:
            action()
        except PodplayerError as exc:
            self._runner.report(str(exc))
        self._runner.changed.emit(self.changes)


class OperationRunner(QObject):
    changed = Signal(object)  # OpChanges, after every operation, undo and redo

    def __init__(self, report: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.report = report

    def run(self, operation: Operation) -> bool:
        """Apply ``operation`` now; a refusal is reported and nothing lands on the stack."""
        try:
            operation.apply()
        except PodplayerError as exc:
            self.report(str(exc))
            return False
        self._push_applied(operation)
        return True

    def run_as_job(
        self,
        jobs: JobRunner,
        title: str,
        prepare: Callable[[Any, CancelToken], T],
        operation: Callable[[T], Operation | None],
        failed: Callable[[str], None] | None = None,
    ) -> Job:
        """Do the slow part (``prepare``, off the GUI thread: decoding, aligning) as a job, then build
        the operation from its result and run it here. ``operation`` may return None: nothing to do."""

        def done(result: T) -> None:
            built = operation(result)
            if built is not None:
                self.run(built)

        return jobs.run(title, prepare, done, failed or self.report)

    def _push_applied(self, operation: Operation) -> None:
        operation._runner = self
        operation._skip_redo = True
        self.undo_stack.push(operation)
        self.changed.emit(operation.changes)
