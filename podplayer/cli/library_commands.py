"""``podplayer import`` and ``podplayer episodes``: filling and listing the library."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from podplayer.cli.common import format_clock, open_library, print_table
from podplayer.core.model import Episode, Timing, Transcript
from podplayer.core.transcript_checks import check_against_audio, require_words


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


def run_import(args: argparse.Namespace) -> int:
    from podplayer.core.audio import probe_duration_ms
    from podplayer.core.chapters import read_embedded_chapters
    from podplayer.core.formats import read_transcript

    # Absolute paths: a file name starting with "-" must never reach ffprobe as an option.
    audio = Path(args.audio).expanduser().absolute()
    transcript_path = Path(args.transcript).expanduser()
    duration_ms = probe_duration_ms(audio)
    transcript = read_transcript(transcript_path)  # refuses binary and oversized files
    require_words(transcript, args.transcript)
    check_against_audio(transcript, duration_ms, transcript_path)
    if transcript.timing is Timing.NONE and not args.no_estimate:
        transcript = _estimate(transcript, audio)
    title = (args.title or "").strip() or transcript.title.strip() or audio.stem
    episode = Episode(title=title, transcript=transcript, audio_path=str(audio.resolve()), duration_ms=duration_ms)
    chapters = read_embedded_chapters(audio)  # ID3 or MP4 chapters inside the audio, if any
    with open_library(args) as library:
        episode_id = library.add_episode(episode, chapters)
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
                "podcast": e.podcast or None,
                "downloaded": e.downloaded,
                "transcript": e.transcript_format,
                "chapters": e.chapter_count,
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
