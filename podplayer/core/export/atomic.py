"""Write files so that a failure never leaves a half-written file under the final name.

Everything is written to a temporary file in the destination folder (same file system) and moved into
place with :func:`os.replace`, which is atomic on POSIX and Windows.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from podplayer.core.export.errors import ExportError, TargetExistsError


def check_target(path: Path, *, force: bool) -> None:
    """Refuse an existing destination unless ``force``; refuse a folder as a file destination."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise TargetExistsError(str(path))


@contextlib.contextmanager
def staged_file(path: Path, *, force: bool) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on error it is removed."""
    check_target(path, force=force)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        check_target(path, force=force)  # it may have appeared while we were writing
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (``\\n`` line endings on every platform)."""
    with staged_file(path, force=force) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
