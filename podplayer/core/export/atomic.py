"""The export rule for destinations: an existing file is replaced only with ``force``, a folder never.

The writing itself is :mod:`podplayer.core.atomic` (temporary file beside the target, then a rename);
this module only adds the check before and, when not forcing, refuses a file that appeared meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from podplayer.core import atomic
from podplayer.core.export.errors import ExportError, TargetExistsError


def check_target(path: Path, *, force: bool) -> None:
    """Refuse an existing destination unless ``force``; refuse a folder as a file destination."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise TargetExistsError(str(path))


def write_text_atomic(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (``\\n`` line endings on every platform)."""
    write_bytes_atomic(path, text, force=force)


def write_bytes_atomic(path: Path, data: str | bytes, *, force: bool) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically, by the export rule for destinations."""
    check_target(path, force=force)
    atomic.write_atomic(path, data, exclusive=not force)
