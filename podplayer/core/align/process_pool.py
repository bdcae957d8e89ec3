"""A small pool of spawned worker processes that reports progress and can be cancelled at any time.

multiprocessing.Pool (not ProcessPoolExecutor) because it can *terminate* its workers: a cancelled
alignment must not leave pocketsphinx running in the background.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.pool import AsyncResult, Pool
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
        """Run ``fn`` on every item; results in item order. ``on_done(index, result)`` as each ends."""
        results: list[R | None] = [None] * len(items)
        pending: dict[int, AsyncResult[R]] = {
            i: self._pool.apply_async(fn, (item,)) for i, item in enumerate(items)
        }
        while pending:
            cancel.check()
            for i, handle in list(pending.items()):
                if handle.ready():
                    value = handle.get()  # re-raises a worker's exception
                    results[i] = value
                    del pending[i]
                    on_done(i, value)
            if pending:
                next(iter(pending.values())).wait(POLL_S)
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
