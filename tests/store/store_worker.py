"""A separate process that writes to a library, for the crash-safety and concurrency tests.

    python -m tests.store.store_worker churn DB EPISODE_ID     # fork server for churning children
    python -m tests.store.store_worker burst DB EPISODE_ID NAME COUNT

``churn`` is a fork server (tests/store/sigkill.py): each child opens the library and creates/edits/
deletes highlights and episode notes in a tight loop, printing each change only after the call that
made it returned (i.e. after its commit), until the test SIGKILLs it. ``burst`` adds COUNT highlights
with notes "NAME-i", reading in between, and prints "done" at the end.
"""

from __future__ import annotations

import random
import sys

from podplayer.core.model import Highlight, WordRef
from podplayer.store import Library
from tests.store.sigkill import serve_forked_children


def _highlight(rng: random.Random, note: str) -> Highlight:
    turn = rng.randrange(5)
    return Highlight(WordRef(turn, 0), WordRef(turn, 1), f"quote {note}", note=note, tags=[rng.choice("abc")])


def churn(library: Library, episode_id: int, seed: int) -> None:
    rng = random.Random(seed)
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
        serve_forked_children(lambda seed: churn(Library(path), episode, seed))
        return
    burst(Library(path), episode, argv[3], int(argv[4]))


if __name__ == "__main__":
    main(sys.argv[1:])
