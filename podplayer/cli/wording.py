"""How the command line words the library's errors: the domain's message plus the option or command
that helps (the app words the same errors for its dialogs without them)."""

from __future__ import annotations

from podplayer.core.atomic import TargetExistsError
from podplayer.core.export.errors import UnknownTagError
from podplayer.core.model import PodplayerError
from podplayer.core.refs import UnknownRef
from podplayer.usecases.correct import UnlikeTranscript
from podplayer.usecases.restore import AmbiguousRestoreTarget, NoRestoreTarget, OneEpisodeFileNeeded
from podplayer.usecases.transcribe import EpisodeHasTranscript

# What the command line adds to an error's own message, by the error's type.
HINTS: dict[type[PodplayerError], str] = {
    TargetExistsError: " (use --force to overwrite)",
    UnknownTagError: " (see `podplayer codes`)",
    AmbiguousRestoreTarget: "; choose one with --episode",
    NoRestoreTarget: "; import it first or pass --episode",
    EpisodeHasTranscript: " (give -o OUT to write a new one to a file)",
    UnlikeTranscript: " (--force applies it anyway)",
}


def for_the_command_line(exc: PodplayerError) -> str:
    if isinstance(exc, UnknownRef):
        return f"{exc} (see `podplayer {exc.kind}s`)"
    if isinstance(exc, OneEpisodeFileNeeded):
        return f"--episode needs a file with one episode; this one has {exc.episodes}"
    hint = next((h for kind, h in HINTS.items() if isinstance(exc, kind)), "")
    return f"{exc}{hint}"
