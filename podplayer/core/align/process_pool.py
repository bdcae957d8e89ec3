"""A small pool of spawned worker processes that reports progress and can be cancelled at any time.

multiprocessing.Pool (not ProcessPoolExecutor) because it can *terminate* its workers: a cancelled
alignment must not leave pocketsphinx running in the background.
"""

from __future__ import annotations

import functools
import multiprocessing
import queue
from collections.abc import Callable, Sequence
from multiprocessing.pool import Pool
from types import TracebackType
from typing import TypeVar, cast

from podplayer.core.align.worker import WorkerSetup, init_worker
from podplayer.core.jobs import CancelToken

T = TypeVar("T")
R = TypeVar("R")
POLL_S = 0.05


class WorkerPool:
    """``with WorkerPool(jobs, setup) as pool: pool.run(fn, items, on_done, cancel)``."""

    def __init__(self, jobs: int, setup: WorkerSetup) -> None:
        context = multiprocessing.get_context("spawn")  # safe next to Qt threads; no inherited state
        self._pool: Pool = context.Pool(max(1, jobs), initializer=init_worker, initargs=(setup,))

    def run(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        on_done: Callable[[int, R], None],
        cancel: CancelToken,
    ) -> list[R]:
        """Run ``fn`` on every item; results in item order. ``on_done(index, result)`` as each ends.

        Finished tasks arrive on a queue (filled by the pool's result thread), so waiting costs
        nothing however many tasks are pending; the cancel token is checked every ``POLL_S``.
        """
        finished: queue.SimpleQueue[tuple[int, bool, object]] = queue.SimpleQueue()
        for i, item in enumerate(items):
            self._pool.apply_async(
                fn,
                (item,),
                callback=functools.partial(_report, finished, i, True),
                error_callback=functools.partial(_report, finished, i, False),
            )
        results: list[R | None] = [None] * len(items)
        for _ in items:
            while True:
                cancel.check()
                try:
                    i, ok, value = finished.get(timeout=POLL_S)
                    break
                except queue.Empty:
                    continue
            if not ok:
                raise cast(BaseException, value)  # a worker's exception, re-raised here
            results[i] = cast(R, value)
            on_done(i, cast(R, value))
        return [cast(R, r) for r in results]

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self._pool.close()
        else:
            self._pool.terminate()  # cancelled or failed: stop the workers now
        self._pool.join()


def _report(
    finished: queue.SimpleQueue[tuple[int, bool, object]], index: int, ok: bool, value: object
) -> None:
    finished.put((index, ok, value))
