"""A process that hits a real write limit (RLIMIT_FSIZE) while saving, then retries after lifting it.

    python -m tests.store.disk_limit_worker DB EPISODE_ID

SIGXFSZ is ignored, so a write past the limit fails with EFBIG like a full disk does, without root and
without touching the test process. Prints one JSON object: the error message, the episode titles
after the failure, and the id returned by the retry on the same Library instance.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
from pathlib import Path

from podplayer.store import Library, LibraryError
from tests.helpers_store import sample_episode


def main(path: Path, episode_id: int) -> None:
    library = Library(path)
    big = sample_episode("Too big")
    big.transcript.turns = big.transcript.turns * 400
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    largest = max(p.stat().st_size for p in path.parent.iterdir() if p.name.startswith(path.name))
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 4096, hard))
    result: dict[str, object] = {"error": None}
    try:
        library.add_episode(big)
    except LibraryError as exc:
        result["error"] = str(exc)
    result["titles_after_failure"] = [e.title for e in library.episodes()]
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    result["retry_id"] = library.add_episode(big)
    library.set_position(episode_id, 1234)
    result["position"] = next(e.position_ms for e in library.episodes() if e.id == episode_id)
    result["integrity"] = library.integrity_check()
    library.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
