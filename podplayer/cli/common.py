"""Helpers shared by CLI command modules: open the library, find an episode by reference."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from podplayer.core.model import PodplayerError
from podplayer.paths import default_db_path
from podplayer.store.errors import LibraryError
from podplayer.store.repository import Library


def db_path_from_args(args: argparse.Namespace) -> Path:
    """``--db`` if given, else ``$PODPLAYER_DB`` or the user data folder."""
    given = getattr(args, "db", None)
    return Path(given).expanduser() if given else default_db_path()


def open_library(args: argparse.Namespace) -> Library:
    """Open (creating if needed) the library chosen by ``args``.

    Raises LibraryError (a PodplayerError), which the dispatcher turns into one line and exit 1.
    """
    path = db_path_from_args(args)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"{path.parent}: cannot create the library folder ({exc.strerror or exc})") from exc
    return Library(path)


def resolve_episode(library: Library, ref: str) -> int:
    """An episode id from a numeric id, an exact (case-insensitive) title or a unique title prefix."""
    return library.resolve_episode(ref)


def positive_int(value: str) -> int:
    """An argparse ``type`` for counts such as ``--jobs``: a whole number of at least 1 (else a usage error)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def check_output_folder(out: Path) -> None:
    """Fail before any long work when the folder for an output file does not exist."""
    if str(out.parent) and not out.parent.is_dir():
        raise PodplayerError(f"{out.parent}: no such folder for the output")


def print_json(data: object) -> None:
    """Print ``data`` as the commands' --json output: indented, non-ASCII kept as it is."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def print_table(rows: list[list[str]], headers: list[str], right: set[int] | None = None) -> None:
    """Print rows as aligned columns under ``headers`` (columns in ``right`` are right-aligned)."""
    right = right or set()
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        print("  ".join(cells).rstrip())


class StderrProgress:
    """The one progress printer of the CLI, on stderr (stdout stays the command's output).

    On a terminal it keeps one line up to date (the stage and a percentage); otherwise (a log, a
    script) it writes a line each 10 % or every few seconds, so a long job does not flood the log.
    """

    LOG_EVERY_S = 5.0

    def __init__(self, label: str = "") -> None:
        self._label = f"{label}: " if label else ""
        self._last = ""
        self._tty = sys.stderr.isatty()
        self._last_step = -1
        self._last_time = 0.0

    def __call__(self, done: float, total: float, message: str = "") -> None:
        fraction = done / total if total > 0 else 0.0
        line = f"{self._label}{message or 'Working'}: {100 * fraction:.0f}%"
        if line == self._last:
            return
        self._last = line
        if self._tty:
            print(f"\r{line}\033[K", end="", file=sys.stderr, flush=True)
            return
        step, now = int(fraction * 10), time.monotonic()
        if step != self._last_step or now - self._last_time > self.LOG_EVERY_S:
            self._last_step, self._last_time = step, now
            print(line, file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self._tty and self._last:
            print(file=sys.stderr)
