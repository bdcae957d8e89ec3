"""The ``podplayer`` command line: one entry point, one module per command.

Exit codes are a public interface: 0 ok, 1 bad input (one line on stderr), 2 usage,
3 a check found a problem (``sync-check``: the transcript does not fit its audio).
Each command module exposes ``register(subparsers)``, which adds its parser and sets
``func`` to a callable taking the parsed args and returning an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from podplayer.core.model import PodplayerError

# Commands a keyboard shortcut or a click waits on: only their own module is loaded (the others bring
# the library's stack, over a second of imports), so `podplayer mark` answers at once.
QUICK_COMMANDS = {"mark": "podplayer.cli.mark_command"}


def command_modules() -> list[ModuleType]:
    """Command modules, in the order they appear in --help (imported here, on demand)."""
    from podplayer.cli import (
        align_command,
        chapters_command,
        codes_command,
        convert_command,
        correct_commands,
        desktop_command,
        export_commands,
        gui_commands,
        highlight_commands,
        library_commands,
        mark_command,
        podcast_commands,
        qda_import_commands,
        speakers_commands,
        sync_check_command,
        transcribe_command,
    )

    return [
        gui_commands,  # (no command) / open / screenshot
        library_commands,  # import / episodes
        export_commands,  # export
        convert_command,  # convert
        correct_commands,  # transcript / correct
        align_command,  # align
        transcribe_command,  # transcribe
        speakers_commands,  # speakers / voices
        highlight_commands,  # highlight add / highlights / search / import-annotations
        mark_command,  # mark (the running app's last seconds)
        codes_command,  # codes
        qda_import_commands,  # import-qdpx / import-qdc
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


def build_parser(modules: list[ModuleType] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podplayer",
        description="A transcript player and annotator. Without a command, opens the library.",
    )
    parser.add_argument("--version", action="version", version=f"podplayer {installed_version()}")
    parser.add_argument("--db", metavar="PATH", help="library database (default: $PODPLAYER_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules() if modules is None else modules:
        module.register(sub)
    return parser


def fail(message: str) -> int:
    """Print one line to stderr and return exit code 1."""
    print(f"podplayer: {message}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    from podplayer.cli.link_command import hand_to_running_app, link_argument

    link = link_argument(words)
    if link is not None:  # a clicked link: the running app takes it without the library's stack loading
        try:
            if hand_to_running_app(link):
                return 0
        except PodplayerError as exc:
            return fail(str(exc))
    quick = QUICK_COMMANDS.get(words[0]) if words else None
    parser = build_parser([importlib.import_module(quick)] if quick else None)
    args = parser.parse_args(words)
    func = getattr(args, "func", None)
    if func is None:
        from podplayer.cli.gui_commands import run_library

        func = run_library
    try:
        return int(func(args) or 0)
    except PodplayerError as exc:
        from podplayer.cli.wording import for_the_command_line

        return fail(for_the_command_line(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    except OSError as exc:
        return fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
