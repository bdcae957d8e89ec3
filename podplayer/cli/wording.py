"""How the command line words the library's errors: the domain's message plus the option or command
that helps (the app words the same errors for its dialogs without them)."""

from __future__ import annotations

from podplayer.core.atomic import TargetExistsError
from podplayer.core.export.errors import UnknownTagError
from podplayer.core.model import PodplayerError
from podplayer.core.refs import UnknownRef
from podplayer.usecases.restore import AmbiguousRestoreTarget, NoRestoreTarget, OneEpisodeFileNeeded
from podplayer.usecases.transcribe import EpisodeHasTranscript


def for_the_command_line(exc: PodplayerError) -> str:
    message = str(exc)
    if isinstance(exc, UnknownRef):
        return f"{message} (see `podplayer {exc.kind}s`)"
    if isinstance(exc, TargetExistsError):
        return f"{message} (use --force to overwrite)"
    if isinstance(exc, UnknownTagError):
        return f"{message} (see `podplayer codes`)"
    if isinstance(exc, AmbiguousRestoreTarget):
        return f"{message}; choose one with --episode"
    if isinstance(exc, NoRestoreTarget):
        return f"{message}; import it first or pass --episode"
    if isinstance(exc, OneEpisodeFileNeeded):
        return f"--episode needs a file with one episode; this one has {exc.episodes}"
    if isinstance(exc, EpisodeHasTranscript):
        return f"{message} (give -o OUT to write a new one to a file)"
    return message
