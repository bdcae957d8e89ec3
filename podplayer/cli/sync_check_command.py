"""``podplayer sync-check AUDIO TRANSCRIPT [--json]`` or ``podplayer sync-check EPISODE``.

Checks whether a timed transcript still fits its audio (ads inserted or removed since it was timed,
a constant offset) and prints the stretches found. Exit codes: 0 it fits, 3 it does not, 1 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from podplayer.cli.common import StderrProgress, open_library, print_json, resolve_episode
from podplayer.core.align.sync_report import SyncReport
from podplayer.core.clock import format_clock
from podplayer.core.formats import read_transcript
from podplayer.core.jobs import CancelToken
from podplayer.core.model import PodplayerError, Transcript

EXIT_DOES_NOT_FIT = 3


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync-check",
        help="check that a timed transcript fits its audio (ads inserted or removed, offsets)",
        description=(
            "Check a timed transcript against its audio by listening to short windows, and print the "
            "stretches where they disagree: start and end in the audio's time base, kind (inserted, "
            "removed or offset) and seconds (an inserted or removed stretch's length; for an offset, audio "
            "time minus transcript time, negative when the transcript is late). A removed stretch has "
            "start = end. Give AUDIO and TRANSCRIPT, or one library EPISODE. "
            "Exit code 0: the transcript fits; 3: it does not; 1: bad input."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="AUDIO TRANSCRIPT | EPISODE")
    parser.add_argument("--json", action="store_true", help="print JSON (times in seconds)")
    parser.add_argument("--jobs", type=int, default=2, metavar="N", help="worker processes (default: 2)")
    parser.set_defaults(func=run_sync_check)


def _inputs(args: argparse.Namespace) -> tuple[Path, Transcript]:
    if len(args.inputs) == 2:
        audio, text = args.inputs
        return Path(audio), read_transcript(text)
    if len(args.inputs) != 1:
        raise PodplayerError("give AUDIO TRANSCRIPT, or one library EPISODE")
    with open_library(args) as library:
        episode = library.episode(resolve_episode(library, args.inputs[0]))
    if not episode.audio_path:
        raise PodplayerError(f"episode {episode.id} ({episode.title}) has no audio file")
    return Path(episode.audio_path), episode.transcript


def run_sync_check(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise PodplayerError("--jobs must be at least 1")
    audio, transcript = _inputs(args)
    progress = StderrProgress()
    try:
        # Loaded by this command only, not by every `podplayer` run (the app starts faster).
        from podplayer.core.align.sync_check import check_sync

        report = check_sync(transcript, audio, jobs=args.jobs, progress=progress, cancel=CancelToken())
    finally:
        progress.finish()
    print_report(report, as_json=args.json)
    return 0 if report.fits else EXIT_DOES_NOT_FIT


def print_report(report: SyncReport, *, as_json: bool) -> None:
    if as_json:
        data = {
            "fits": report.fits,
            "duration": report.duration_ms / 1000,
            "stretches": [s.as_dict() for s in report.stretches],
        }
        print_json(data)
        return
    if report.fits:
        print(report.summary())
        return
    for s in report.stretches:
        span = (
            format_clock(s.start_ms)
            if s.start_ms == s.end_ms
            else f"{format_clock(s.start_ms)}-{format_clock(s.end_ms)}"
        )
        print(f"{s.kind:<9} {span:<15} {s.seconds:>7.1f} s  {s.describe()}")
    sys.stdout.flush()
