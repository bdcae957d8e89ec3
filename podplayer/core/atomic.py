"""Write files so that a failure never leaves a half-written file under the final name.

The one home for it: exports, transcripts, the waveform cache, feed artwork, the library's backup
before a migration and OPML all write this way. The data goes to a temporary file in the destination
folder (same file system) and is moved into place with :func:`os.replace`, which is atomic on POSIX
and Windows; a failure removes the temporary file and leaves whatever was there before.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from podplayer.core.model import PodplayerError


class TargetExistsError(PodplayerError):
    """The destination exists and overwriting was not asked for."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} already exists")
        self.path = path


@contextlib.contextmanager
def staged_file(path: Path, *, exclusive: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write; when the block ends without an error it
    replaces ``path``, otherwise it is removed. ``exclusive``: raise TargetExistsError instead of
    replacing a file that is there (or appeared meanwhile)."""
    if exclusive and path.exists():
        raise TargetExistsError(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if exclusive and path.exists():
            raise TargetExistsError(str(path))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: str | bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to ``path`` atomically and durably: text as UTF-8 with ``\\n`` line endings on
    every platform, bytes as they are."""
    with staged_file(path, exclusive=exclusive) as tmp:
        if isinstance(data, str):
            data = data.encode("utf-8")
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
