"""``podplayer transcript EPISODE`` (the current transcript, to read or to correct in any editor) and
``podplayer correct EPISODE FILE`` / ``--revert`` (apply a corrected transcript; usecases/correct.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from podplayer.cli.common import (
    StderrProgress,
    check_output_folder,
    open_library,
    print_json,
    resolve_episode,
)
from podplayer.core.formats import format_transcript, read_transcript, write_transcript
from podplayer.core.formats.detect import SUFFIX_FORMATS
from podplayer.core.jobs import no_progress
from podplayer.core.model import PodplayerError
from podplayer.usecases.correct import CorrectionReport, correct_episode, revert_episode

# The formats the command offers (the list), by the names users type.
TRANSCRIPT_FORMATS = {
    "json": "podcast-json", "vtt": "vtt", "srt": "srt", "txt": "text", "md": "md", "eaf": "eaf", "textgrid": "textgrid",
}


def register(subparsers: Any) -> None:
    out = subparsers.add_parser(
        "transcript",
        help="write an episode's current transcript (Podcasting 2.0 JSON by default)",
        description="Write the episode's transcript as it is now, timed and with speakers: to stdout, "
        "or to OUT. Edit it in any text editor and apply it with `podplayer correct`.",
    )
    out.add_argument("episode", metavar="EPISODE", help="episode id or title")
    out.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    out.add_argument("--format", choices=sorted(TRANSCRIPT_FORMATS), help="default: from OUT's suffix, else json")
    out.add_argument("--words", action="store_true", help="word-level output where the format has it")
    out.add_argument("-f", "--force", action="store_true", help="overwrite OUT if it exists")
    out.set_defaults(func=run_transcript)

    fix = subparsers.add_parser(
        "correct",
        help="apply a corrected transcript to an episode (timing and highlights kept)",
        description="Apply FILE (any transcript format podplayer reads; its times are ignored) to the "
        "episode: unchanged words keep their times, changed and inserted words are re-timed on the "
        "audio between their neighbours, highlights stay on their words (or are kept detached when "
        "all their words were deleted). The transcript as it was before the first correction is kept; "
        "--revert brings it back.",
    )
    fix.add_argument("episode", metavar="EPISODE", help="episode id or title")
    fix.add_argument("file", metavar="FILE", nargs="?", help="the corrected transcript")
    fix.add_argument("--revert", action="store_true", help="go back to the original transcript")
    fix.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
    fix.add_argument("--json", action="store_true", help="print what changed as JSON")
    fix.add_argument("--force", action="store_true", help="apply a text that matches little of the episode")
    fix.set_defaults(func=run_correct)


def _format_name(args: argparse.Namespace) -> str:
    if args.format:
        return TRANSCRIPT_FORMATS[args.format]
    if args.output:
        by_suffix = SUFFIX_FORMATS.get(Path(args.output).suffix.lower())
        if by_suffix in TRANSCRIPT_FORMATS.values():
            return str(by_suffix)
    return TRANSCRIPT_FORMATS["json"]


def run_transcript(args: argparse.Namespace) -> int:
    fmt = _format_name(args)
    with open_library(args) as library:
        episode = library.episode(resolve_episode(library, args.episode))
    transcript = episode.transcript
    if not transcript.turns:
        raise PodplayerError(f"episode {episode.id} has no transcript")
    if args.output is None:
        sys.stdout.write(format_transcript(transcript, fmt, args.words))
        return 0
    out = Path(args.output)
    check_output_folder(out)
    if out.exists() and not args.force:
        raise PodplayerError(f"{out}: already exists (use --force to overwrite)")
    write_transcript(transcript, out, fmt, args.words)
    print(f"{out}: {len(transcript.turns)} turns, {len(transcript.speakers)} speakers, timing {transcript.timing}")
    return 0


def run_correct(args: argparse.Namespace) -> int:
    if args.revert == bool(args.file):
        raise PodplayerError("give either FILE or --revert")
    corrected = read_transcript(args.file) if args.file else None
    with open_library(args) as library:
        episode_id = resolve_episode(library, args.episode)
        if corrected is None:
            report = revert_episode(library, episode_id, dry_run=args.dry_run)
        else:
            progress = StderrProgress() if sys.stderr.isatty() else no_progress
            report = correct_episode(
                library, episode_id, corrected, force=args.force, dry_run=args.dry_run, progress=progress
            )
    _print_report(report, as_json=args.json)
    return 0


def _print_report(report: CorrectionReport, *, as_json: bool) -> None:
    if as_json:
        print_json(report.as_dict())
    else:
        print("\n".join(report.summary()))
