"""``podplayer convert TRANSCRIPT -o OUT``: convert a transcript between formats (no GUI, no library)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from podplayer.core.atomic import TargetExistsError
from podplayer.core.formats import (
    FORMATS,
    WRITABLE_FORMATS,
    format_transcript,
    normalise_format,
    read_transcript,
    write_transcript,
)
from podplayer.core.formats.errors import UnknownFormatError
from podplayer.core.model import PodplayerError


def _format_name(value: str) -> str:
    try:
        return normalise_format(value)
    except UnknownFormatError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="convert a transcript to SRT, WebVTT, Podcasting 2.0 JSON, Markdown or text",
        description=(
            "Convert a transcript file. The input format is detected from the content "
            f"({', '.join(FORMATS)}); the output format from OUT's suffix "
            "(.srt, .vtt, .json, .md, .txt) unless --to is given."
        ),
    )
    parser.add_argument("transcript", metavar="TRANSCRIPT", help="the transcript file to read")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="output file, or - for stdout")
    parser.add_argument(
        "--from", dest="from_format", metavar="FORMAT", type=_format_name, help="input format"
    )
    parser.add_argument(
        "--to",
        dest="to_format",
        metavar="FORMAT",
        type=_format_name,
        help=f"output format ({', '.join(WRITABLE_FORMATS)}); default: from OUT's suffix",
    )
    parser.add_argument(
        "--words",
        action="store_true",
        help="word-level output where the format has it (JSON: a segment per word)",
    )
    parser.add_argument("-f", "--force", action="store_true", help="overwrite OUT if it exists")
    parser.set_defaults(func=run_convert)


def run_convert(args: argparse.Namespace) -> int:
    transcript = read_transcript(args.transcript, args.from_format)
    if args.output == "-":
        if not args.to_format:
            raise PodplayerError("writing to stdout needs --to FORMAT")
        sys.stdout.write(format_transcript(transcript, args.to_format, args.words))
        return 0
    out = Path(args.output)
    if out.exists() and not args.force:
        raise TargetExistsError(str(out))
    write_transcript(transcript, out, args.to_format, args.words)
    print(
        f"{out}: {len(transcript.turns)} turns, {len(transcript.speakers)} speakers, timing {transcript.timing}"
    )
    return 0
