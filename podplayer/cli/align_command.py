"""``podplayer align AUDIO TRANSCRIPT -o OUT``: time every word of a transcript from its audio, offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from podplayer.cli.common import StderrProgress, check_output_folder, positive_int
from podplayer.core.formats import read_transcript, write_transcript
from podplayer.core.jobs import CancelToken
from podplayer.core.model import PodplayerError

OUTPUT_FORMATS = {"json": "podcast-json", "srt": "srt", "vtt": "vtt"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "align",
        help="align a transcript to its audio at word level (offline, pocketsphinx)",
        description=(
            "Time every word of TRANSCRIPT (any readable format; its own times are not trusted, so a transcript "
            "timed for another cut of the audio, with other ads, comes out corrected) from AUDIO "
            "with offline forced alignment, and write the timed transcript to OUT. Progress goes to stderr."
        ),
    )
    parser.add_argument("audio", metavar="AUDIO", help="the episode's audio file")
    parser.add_argument("transcript", metavar="TRANSCRIPT", help="the transcript file")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the timed transcript to write")
    parser.add_argument("--words", action="store_true", help="one segment/cue per word instead of per turn")
    parser.add_argument(
        "--format", choices=sorted(OUTPUT_FORMATS), default="json", help="output format (default: json)"
    )
    parser.add_argument("--jobs", type=positive_int, default=2, metavar="N", help="worker processes (default: 2)")
    parser.set_defaults(func=run_align)


def run_align(args: argparse.Namespace) -> int:
    transcript = read_transcript(args.transcript)
    if not transcript.turns:
        raise PodplayerError(f"{args.transcript}: the transcript has no text to align")
    out = Path(args.output)
    check_output_folder(out)
    progress = StderrProgress()
    try:
        # Loaded by this command only, not by every `podplayer` run (the app starts faster).
        from podplayer.core.align import align_transcript

        aligned = align_transcript(
            transcript, args.audio, jobs=args.jobs, progress=progress, cancel=CancelToken()
        )
    finally:
        progress.finish()
    write_transcript(aligned, out, OUTPUT_FORMATS[args.format], words=args.words)
    words = [w for t in aligned.turns for w in t.words]
    unsure = sum(1 for w in words if w.uncertain)
    print(
        f"{out}: {len(aligned.turns)} turns, {len(words)} words aligned ({unsure} uncertain)", file=sys.stderr
    )
    return 0
