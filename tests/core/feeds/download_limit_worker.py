"""A process that downloads under a real write limit (RLIMIT_FSIZE), like a disk filling up.

    python -m tests.core.feeds.download_limit_worker URL TARGET LIMIT_BYTES

SIGXFSZ is ignored, so a write past the limit fails with EFBIG as a full disk fails with ENOSPC,
without root and without touching the test process. Prints one JSON object: the error message and
which files exist afterwards.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
from pathlib import Path

from podplayer.core.feeds.download import download_file, partial_path
from podplayer.core.feeds.errors import DownloadError
from podplayer.core.feeds.http import HttpClient


def main(url: str, target: Path, limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    result: dict[str, object] = {"error": None}
    with HttpClient() as client:
        try:
            download_file(client, url, target)
        except DownloadError as exc:
            result["error"] = str(exc)
    result["target_exists"] = target.exists()
    partial = partial_path(target)
    result["partial_size"] = partial.stat().st_size if partial.exists() else None
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))
