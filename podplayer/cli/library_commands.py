"""``podplayer import`` and ``podplayer episodes``: filling and listing the library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from podplayer.cli.common import open_library, print_json, print_table
from podplayer.core.clock import format_clock
from podplayer.usecases.import_episode import import_audio_only, import_episode


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="add an episode (audio file, with or without a transcript) to the library",
        description="Add an episode and print its id. Importing the same audio file with a transcript of "
        "the same words again adds nothing and prints the existing episode's id. Without a transcript the "
        "episode is audio only, ready for `podplayer transcribe EPISODE`.",
    )
    p.add_argument("audio", help="the episode's audio file")
    p.add_argument("transcript", nargs="?", help="its transcript (any supported format, timed or not)")
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


def run_import(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        if args.transcript is None:
            result = import_audio_only(library, Path(args.audio), title=args.title)
        else:
            result = import_episode(
                library, Path(args.audio), Path(args.transcript), title=args.title, estimate=not args.no_estimate
            )
    if not result.created:
        same = "same audio file and transcript" if args.transcript else "same audio file, no transcript"
        print(f"podplayer: already in the library as episode {result.episode_id} ({same})", file=sys.stderr)
    print(result.episode_id)
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
        print_json(rows)
        return 0
    if not episodes:
        print("The library is empty. Add an episode with: podplayer import AUDIO TRANSCRIPT")
        return 0
    table = [[str(e.id), e.title, format_clock(e.duration_ms, unknown="-"), str(e.highlight_count)] for e in episodes]
    print_table(table, ["ID", "TITLE", "DURATION", "HIGHLIGHTS"], right={0, 2, 3})
    return 0
