"""The ``podplayer`` command line: one entry point, one module per command.

Exit codes are a public interface: 0 ok, 1 bad input (one line on stderr), 2 usage,
3 a check found a problem (``sync-check``: the transcript does not fit its audio).
Each command module exposes ``register(subparsers)``, which adds its parser and sets
``func`` to a callable taking the parsed args and returning an exit code.
"""

from __future__ import annotations

import argparse
import sys

from podplayer.cli import (
    align_command,
    chapters_command,
    convert_command,
    correct_commands,
    desktop_command,
    export_commands,
    gui_commands,
    highlight_commands,
    library_commands,
    podcast_commands,
    sync_check_command,
    transcribe_command,
)
from podplayer.core.model import PodplayerError

# Command modules, in the order they appear in --help.
COMMAND_MODULES = [
    gui_commands,  # (no command) / open / screenshot
    library_commands,  # import / episodes
    export_commands,  # export
    convert_command,  # convert
    correct_commands,  # transcript / correct
    align_command,  # align
    transcribe_command,  # transcribe
    highlight_commands,  # highlight add / highlights / search / import-annotations
    desktop_command,  # install-desktop
    chapters_command,  # chapters
    sync_check_command,  # sync-check
    podcast_commands,  # subscribe / podcasts / refresh / download / opml
]


def installed_version() -> str:
    """The version in the installed package's metadata (a plain checkout: the version it declares)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("podplayer")
    except PackageNotFoundError:
        from podplayer import __version__

        return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podplayer",
        description="A transcript player and annotator. Without a command, opens the library.",
    )
    parser.add_argument("--version", action="version", version=f"podplayer {installed_version()}")
    parser.add_argument("--db", metavar="PATH", help="library database (default: $PODPLAYER_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def fail(message: str) -> int:
    """Print one line to stderr and return exit code 1."""
    print(f"podplayer: {message}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        from podplayer.cli.gui_commands import run_library

        func = run_library
    try:
        return int(func(args) or 0)
    except PodplayerError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    except OSError as exc:
        return fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
