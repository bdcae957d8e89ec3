"""``podplayer import`` and ``podplayer episodes``: filling and listing the library."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from podplayer.cli.common import format_clock, open_library, print_table
from podplayer.core.model import Episode, PodplayerError, Timing, Transcript


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="add an episode (audio file + transcript) to the library")
    p.add_argument("audio", help="the episode's audio file")
    p.add_argument("transcript", help="its transcript (any supported format, timed or not)")
    p.add_argument("--title", help="episode title (default: the transcript's title or the audio file name)")
    p.add_argument(
        "--no-estimate",
        action="store_true",
        help="store an untimed transcript untimed instead of estimating times from the audio",
    )
    p.set_defaults(func=run_import)

    p = sub.add_parser("episodes", help="list the episodes in the library")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=run_episodes)


def _estimate(transcript: Transcript, audio: Path) -> Transcript:
    """Estimated times for an untimed transcript, when the estimator is available."""
    try:
        from podplayer.core.timing_estimate import estimate_timings
    except ImportError:
        return transcript
    return estimate_timings(transcript, audio)


# Transcripts of even very long episodes with word timings stay far below this.
MAX_TRANSCRIPT_BYTES = 50 * 2**20
# Subtitles often end a little after the audio does; more than this is a mismatched pair.
END_TOLERANCE_MS = 5_000
_UNICODE_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def check_transcript_file(path: Path) -> None:
    """Refuse, before parsing, files that cannot be a transcript: too big, or binary (NUL bytes
    without a UTF-16/32 byte-order mark, e.g. an audio file given in the wrong place)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(65536)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return  # read_transcript reports these with its own clear message
    if size > MAX_TRANSCRIPT_BYTES:
        raise PodplayerError(
            f"{path}: transcript is {size / 2**20:.0f} MB; podplayer reads transcripts up to "
            f"{MAX_TRANSCRIPT_BYTES // 2**20} MB"
        )
    if b"\x00" in head and not head.startswith(_UNICODE_BOMS):
        raise PodplayerError(f"{path}: not a text transcript (the file contains binary data)")


def check_times(path: Path, transcript: Transcript, duration_ms: int) -> None:
    """Refuse timed transcripts whose turns go back in time or run far past the end of the audio."""
    previous: int | None = None
    for number, turn in enumerate(transcript.turns, 1):
        if turn.start_ms is None:
            continue
        if previous is not None and turn.start_ms < previous:
            raise PodplayerError(
                f"{path}: timestamps go backwards at turn {number} "
                f"({format_clock(previous)} then {format_clock(turn.start_ms)})"
            )
        previous = turn.start_ms
    end = transcript.end_ms
    if end is not None and end > duration_ms + END_TOLERANCE_MS:
        raise PodplayerError(
            f"{path}: timestamps run to {format_clock(end)} but the audio is {format_clock(duration_ms)} long"
        )


def run_import(args: argparse.Namespace) -> int:
    from podplayer.core.audio import probe_duration_ms
    from podplayer.core.formats import read_transcript

    # Absolute paths: a file name starting with "-" must never reach ffprobe as an option.
    audio = Path(args.audio).expanduser().absolute()
    transcript_path = Path(args.transcript).expanduser()
    duration_ms = probe_duration_ms(audio)
    check_transcript_file(transcript_path)
    transcript = read_transcript(transcript_path)
    if not transcript.turns or transcript.word_count == 0:
        raise PodplayerError(f"{args.transcript}: the transcript has no words")
    if transcript.timing is not Timing.NONE:
        check_times(transcript_path, transcript, duration_ms)
    if transcript.timing is Timing.NONE and not args.no_estimate:
        transcript = _estimate(transcript, audio)
    title = (args.title or "").strip() or transcript.title.strip() or audio.stem
    episode = Episode(title=title, transcript=transcript, audio_path=str(audio.resolve()), duration_ms=duration_ms)
    with open_library(args) as library:
        episode_id = library.add_episode(episode)
    print(episode_id)
    return 0


def run_episodes(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        episodes = library.episodes()
    if args.json:
        rows = [
            {
                "id": e.id,
                "title": e.title,
                "duration_ms": e.duration_ms,
                "highlights": e.highlight_count,
                "position_ms": e.position_ms,
                "timing": e.timing.value,
                "audio_path": e.audio_path,
            }
            for e in episodes
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not episodes:
        print("The library is empty. Add an episode with: podplayer import AUDIO TRANSCRIPT")
        return 0
    table = [[str(e.id), e.title, format_clock(e.duration_ms), str(e.highlight_count)] for e in episodes]
    print_table(table, ["ID", "TITLE", "DURATION", "HIGHLIGHTS"], right={0, 2, 3})
    return 0
