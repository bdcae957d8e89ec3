"""A separate process that writes to a library, for the crash-safety and concurrency tests.

    python -m tests.store.store_worker churn DB EPISODE_ID     # fork server for churning children
    python -m tests.store.store_worker burst DB EPISODE_ID NAME COUNT

``churn`` imports once, prints "loaded", then for each SEED line on stdin forks a child that opens the
library and creates/edits/deletes highlights and episode notes in a tight loop, printing "ready PID"
first and then each change only after the call that made it returned (i.e. after its commit). The
test SIGKILLs the child; the server then prints "exited". Forking spares 50 interpreter start-ups. ``burst`` adds COUNT highlights
with notes "NAME-i", reading in between, and prints "done" at the end.
"""

from __future__ import annotations

import os
import random
import sys

from podplayer.core.model import Highlight, WordRef
from podplayer.store import Library


def _highlight(rng: random.Random, note: str) -> Highlight:
    turn = rng.randrange(5)
    return Highlight(WordRef(turn, 0), WordRef(turn, 1), f"quote {note}", note=note, tags=[rng.choice("abc")])


def churn(library: Library, episode_id: int, seed: int) -> None:
    rng = random.Random(seed)
    print(f"ready {os.getpid()}", flush=True)
    counter = 0
    while True:
        counter += 1
        stamp = f"{seed}-{counter}"
        existing = [h.id for h in library.highlights(episode_id) if h.id is not None]
        op = rng.random()
        if op < 0.4 or not existing:
            hid = library.add_highlight(episode_id, _highlight(rng, f"new {stamp}"))
            print(f"add {hid} new {stamp}", flush=True)
        elif op < 0.7:
            target = library.highlight(rng.choice(existing))
            target.note = f"edit {stamp}"
            library.update_highlight(target)
            print(f"edit {target.id} edit {stamp}", flush=True)
        elif op < 0.85:
            hid = rng.choice(existing)
            library.delete_highlight(hid)
            print(f"del {hid}", flush=True)
        else:
            library.set_episode_note(episode_id, f"episode {stamp}")
            print(f"note episode {stamp}", flush=True)


def fork_server(path: str, episode_id: int) -> None:
    print("loaded", flush=True)
    for line in sys.stdin:
        if not line.strip():
            break
        pid = os.fork()
        if pid == 0:  # the child: no connection was opened before the fork
            try:
                churn(Library(path), episode_id, int(line))
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        print("exited", flush=True)


def burst(library: Library, episode_id: int, name: str, count: int) -> None:
    rng = random.Random(name)
    for i in range(count):
        library.add_highlight(episode_id, _highlight(rng, f"{name}-{i}"))
        if i % 10 == 0:
            library.highlights(episode_id)
            library.set_position(episode_id, i)
    print("done", flush=True)


def main(argv: list[str]) -> None:
    mode, path, episode = argv[0], argv[1], int(argv[2])
    if mode == "churn":
        fork_server(path, episode)
        return
    burst(Library(path), episode, argv[3], int(argv[4]))


if __name__ == "__main__":
    main(sys.argv[1:])
