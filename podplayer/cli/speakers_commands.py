"""``podplayer speakers EPISODE`` and ``podplayer voices``: who speaks in an episode, and the voices
the library knows by name."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from podplayer.cli.common import StderrProgress, open_library, print_json, print_table
from podplayer.cli.transcribe_command import speaker_count
from podplayer.core.clock import format_clock
from podplayer.core.jobs import CancelToken
from podplayer.usecases.speakers import find_episode_speakers, forget_voice, rename_speaker, speaker_stats


def register(sub: Any) -> None:
    p = sub.add_parser(
        "speakers",
        help="list, find or rename the speakers of a library episode",
        description="List the episode's speakers (name, seconds spoken, turns). --find labels its turns "
        "from the audio (needs word times and the transcribe extra), splitting turns where the voice "
        "changes and naming voices the library knows. --rename renames a speaker and keeps their voice "
        "under the new name, so later episodes are labelled with it.",
    )
    p.add_argument("episode", metavar="EPISODE", help="an episode id or title (see `podplayer episodes`)")
    p.add_argument("--find", action="store_true", help="find the speakers from the audio")
    p.add_argument(
        "--speakers", type=speaker_count, default=None, metavar="N|auto", help="with --find: how many (default: auto)"
    )
    p.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"), help="rename speaker OLD to NEW and learn the voice")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=run_speakers)

    p = sub.add_parser(
        "voices",
        help="list the voices the library knows by name, or forget one",
        description="Voices are learnt when a speaker is renamed; transcriptions and --find label matching voices.",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--forget", metavar="NAME", help="delete the known voice NAME")
    p.set_defaults(func=run_voices)


def run_speakers(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        episode_id = library.resolve_episode(args.episode)
        if args.find:
            progress = StderrProgress()
            try:
                find_episode_speakers(library, episode_id, args.speakers, progress=progress, cancel=CancelToken())
            finally:
                progress.finish()
        if args.rename:
            old, new = args.rename
            voice = rename_speaker(library, episode_id, old, new)
            learnt = f"; voice kept ({voice.seconds:.0f} s of speech)" if voice else ""
            print(f"Renamed {old!r} to {new!r}{learnt}", file=sys.stderr)
        stats = speaker_stats(library.episode(episode_id, word_times=False).transcript)
    if args.json:
        print_json([{"name": s.name, "seconds": s.seconds, "turns": s.turns} for s in stats])
        return 0
    if not stats:
        print("No transcript yet. Transcribe it with: podplayer transcribe EPISODE")
        return 0
    rows = [[s.name, format_clock(int(s.seconds * 1000)), str(s.turns)] for s in stats]
    print_table(rows, ["SPEAKER", "SPOKEN", "TURNS"], right={1, 2})
    return 0


def run_voices(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        if args.forget is not None:
            forget_voice(library, args.forget)
            print(f"Forgot the voice {args.forget!r}", file=sys.stderr)
            return 0
        voices = library.voices()
    if args.json:
        rows = [{"name": v.name, "podcast": v.podcast or None, "seconds": round(v.seconds, 1)} for v in voices]
        print_json(rows)
        return 0
    if not voices:
        print("No known voices. Rename a speaker to teach one: podplayer speakers EPISODE --rename OLD NEW")
        return 0
    print_table([[v.name, v.podcast or "-", f"{v.seconds:.0f} s"] for v in voices], ["VOICE", "PODCAST", "LEARNT FROM"], right={2})
    return 0
