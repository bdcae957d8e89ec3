"""``podplayer transcribe AUDIO -o OUT`` / ``podplayer transcribe EPISODE``: speech to a timed transcript.

Needs the optional extra (``pip install 'podplayer[transcribe]'``); without it, one line says how to
enable it and the exit code is 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from podplayer.cli.common import (
    StderrProgress,
    check_output_folder,
    db_path_from_args,
    open_library,
    positive_int,
)
from podplayer.core.formats import write_transcript
from podplayer.core.formats.media import is_audio
from podplayer.core.jobs import CancelToken
from podplayer.core.model import PodplayerError, Transcript
from podplayer.core.transcribe import (
    ModelChoice,
    Segment,
    TranscribeOptions,
    require_extra,
    transcribe_audio,
)
from podplayer.usecases.transcribe import EpisodeAudioMissing, transcribe_episode, with_known_voices

OUTPUT_FORMATS = {"json": "podcast-json", "vtt": "vtt", "srt": "srt", "txt": "text"}
SUFFIX_FORMATS = {".json": "json", ".vtt": "vtt", ".srt": "srt", ".txt": "txt"}


def speaker_count(value: str) -> int | None:
    if value == "auto":
        return None
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or 'auto', not {value!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return count


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "transcribe",
        help="transcribe audio (or a library episode without a transcript) offline, with speakers",
        description=(
            "Recognise the speech in AUDIO (faster-whisper), time every word with the aligner and split "
            "turns where the speaker changes (Speaker 1, Speaker 2, ...). With AUDIO, write the transcript "
            "to OUT; with EPISODE (an id or title from `podplayer episodes`), store it in the library. "
            "Needs the optional extra: pip install 'podplayer[transcribe]'. Progress goes to stderr."
        ),
    )
    parser.add_argument("source", metavar="AUDIO|EPISODE", help="an audio file, or a library episode")
    parser.add_argument("-o", "--output", metavar="OUT", help="the transcript to write (needed for AUDIO)")
    parser.add_argument(
        "--model",
        metavar="NAME|DIR",
        help="a model name (tiny.en, base.en, small.en, distil-large-v3) or a model folder "
        "(default: the best model on this machine that loads offline)",
    )
    parser.add_argument(
        "--download", action="store_true", help="fetch a named model that is not on this machine (needs a network)"
    )
    parser.add_argument("--language", default="en", metavar="CODE", help="spoken language, or 'auto' (default: en)")
    parser.add_argument(
        "--speakers", type=speaker_count, default=None, metavar="N|auto", help="number of speakers (default: auto)"
    )
    parser.add_argument(
        "--format", choices=sorted(OUTPUT_FORMATS), help="output format (default: from OUT's suffix, else json)"
    )
    parser.add_argument("--words", action="store_true", help="one segment/cue per word instead of per turn")
    parser.add_argument("--jobs", type=positive_int, default=2, metavar="N", help="CPU threads and worker processes (default: 2)")
    parser.set_defaults(func=run_transcribe)


def _output_format(args: argparse.Namespace, out: Path) -> str:
    if args.format:
        return str(OUTPUT_FORMATS[args.format])
    return OUTPUT_FORMATS[SUFFIX_FORMATS.get(out.suffix.lower(), "json")]


def _run(args: argparse.Namespace, transcribe: Callable[..., Transcript]) -> Transcript:
    """Run ``transcribe`` (a file's or an episode's) with the command's options and progress on stderr."""
    progress = StderrProgress()

    def said_model(model: ModelChoice) -> None:
        print(f"Model: {model.describe()}", file=sys.stderr, flush=True)

    def heard(_: Segment) -> None:
        """Text is shown as it comes in the app; here the percentage line is enough."""

    options = TranscribeOptions(
        model=args.model,
        language=None if args.language == "auto" else args.language,
        speakers=args.speakers,
        jobs=args.jobs,
        allow_download=args.download,
    )
    try:
        return transcribe(options=options, progress=progress, cancel=CancelToken(), on_segment=heard, on_model=said_model)
    finally:
        progress.finish()


def run_transcribe(args: argparse.Namespace) -> int:
    require_extra()  # the one line that explains how to enable transcription
    source = Path(args.source).expanduser()
    out = Path(args.output).expanduser() if args.output else None
    if out is not None:
        check_output_folder(out)
    if source.is_file() or os.sep in args.source or is_audio(source):  # else: a library episode
        if not source.exists():
            raise PodplayerError(f"{source}: no such audio file")
        if out is None:
            raise PodplayerError("transcribing an audio file needs -o OUT (or give a library episode)")
        transcript = _run(args, lambda options, **kw: transcribe_audio(str(source), _library_voices(args, options), **kw))
    else:
        transcript = _transcribe_episode(args, out)
    if out is not None:
        write_transcript(transcript, out, _output_format(args, out), words=args.words)
    words = transcript.word_count
    where = f"{out}: " if out is not None else ""
    print(f"{where}{len(transcript.turns)} turns, {words} words, {len(transcript.speakers)} speakers", file=sys.stderr)
    return 0


def _library_voices(args: argparse.Namespace, options: TranscribeOptions) -> TranscribeOptions:
    """Audio outside the library still gets the names of the voices the library knows (all of them:
    there is no podcast); without a library file there are none, and none is created."""
    if not db_path_from_args(args).is_file():
        return options
    with open_library(args) as library:
        return with_known_voices(library, options)


def _transcribe_episode(args: argparse.Namespace, out: Path | None) -> Transcript:
    with open_library(args) as library:
        episode_id = library.resolve_episode(args.source)
        episode = library.episode(episode_id)
        if episode.transcript.word_count and out is not None:  # a new transcript for the file only
            if not episode.audio_path or not Path(episode.audio_path).is_file():
                raise EpisodeAudioMissing(episode_id)
            return _run(
                args,
                lambda options, **kw: transcribe_audio(
                    episode.audio_path or "", with_known_voices(library, options, episode_id), **kw
                ),
            )
        transcript = _run(args, lambda **kw: transcribe_episode(library, episode_id, **kw))
        print(f"Stored in the library as episode {episode_id}'s transcript", file=sys.stderr)
    return transcript
