"""``podplayer export`` and ``podplayer import-annotations``: highlights out to files, backups back in."""

from __future__ import annotations

import argparse
from pathlib import Path

from podplayer.cli.common import StderrProgress, open_library
from podplayer.core.export import CLIP_FORMATS, FORMATS, NEEDS_HIGHLIGHTS, ClipOptions, export_bundle
from podplayer.core.export.annotations_json import read_annotations
from podplayer.core.export.errors import ExportError
from podplayer.core.export.scope import episode_bundle, library_bundle, tag_bundle
from podplayer.core.export.video import SIZES as VIDEO_SIZES
from podplayer.core.export.video import VideoOptions
from podplayer.core.jobs import no_progress
from podplayer.usecases.restore import OneEpisodeFileNeeded, restore_annotations

MAX_PAD_S = 60.0
FOLDER_FORMATS = ("clips", "video", "card")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _register_export(sub)
    _register_import(sub)


def _register_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export highlights (or a whole transcript) to a file, or highlights to audio clips, videos or cards",
        description=(
            "Export one episode's highlights (or --all, or --tag T) as md, csv, readwise, json, html, srt, vtt, "
            "audio clips, captioned videos (MP4, --size), quote cards (PNG), or the full transcript with highlights "
            "marked; qdpx writes a REFI-QDA project for NVivo, "
            "ATLAS.ti, MAXQDA or QualCoder (transcripts with sync points, codings, codebook, notes, speakers as "
            "cases, audio packed in unless --no-audio) and qdc its codebook alone. CSV cells starting with = + - @ get a "
            "leading apostrophe so spreadsheets never run them as formulas. Existing files are kept unless --force."
        ),
    )
    p.add_argument("episode", nargs="?", metavar="EPISODE", help="episode id or title (or a unique title prefix)")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--all", action="store_true", help="every episode in the library")
    scope.add_argument("--tag", metavar="T", help="every highlight with this tag")
    p.add_argument(
        "--highlight", type=int, action="append", metavar="ID", help="only this highlight of EPISODE (repeatable)"
    )
    p.add_argument("--format", required=True, choices=list(FORMATS), metavar="FORMAT", help=", ".join(FORMATS))
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="file to write (a folder for clips)")
    p.add_argument("--template", metavar="FILE", help="Jinja2 template for the md format")
    p.add_argument("--pad", type=float, default=0.5, metavar="SEC", help="clips and video: seconds added before and after (0.5)")
    p.add_argument("--clip-format", default="mp3", choices=list(CLIP_FORMATS), help="clips: audio format (mp3)")
    p.add_argument("--combined", action="store_true", help="clips: also write one 'best of' file")
    p.add_argument("--size", default="1080x1080", choices=list(VIDEO_SIZES),
                   help="video and card: frame size (1080x1080; 1920x1080 landscape, 1080x1920 portrait)")
    p.add_argument(
        "--no-audio", action="store_true", help="qdpx: refer to the audio files by their path instead of packing them in"
    )
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=run_export)


def _register_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-annotations",
        help="restore highlights, notes and colours from an annotations JSON export",
        description=(
            "Restore a `podplayer export --format json` file into this library. Each episode is matched by "
            "its audio file (fingerprint), then by title, or created from the file's transcript when missing."
        ),
    )
    p.add_argument("file", metavar="FILE", help="the annotations JSON file")
    p.add_argument("--episode", metavar="EPISODE", help="put the highlights into this episode (one-episode files)")
    p.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    fmt: str = args.format
    if args.all + bool(args.tag) + bool(args.episode) != 1:
        raise ExportError("give exactly one of EPISODE, --all or --tag T")
    if args.highlight and not args.episode:
        raise ExportError("--highlight needs an EPISODE")
    if not 0 <= args.pad <= MAX_PAD_S:
        raise ExportError(f"--pad must be between 0 and {MAX_PAD_S:g} seconds")
    template = Path(args.template).expanduser() if args.template else None
    if template is not None and not template.is_file():
        raise ExportError(f"{template}: no such template file")
    library = open_library(args)
    progress = StderrProgress()
    try:
        if args.all:
            # qdpx reads the episodes one at a time while it writes (a large library never sits in memory).
            bundle = library_bundle(library, include_empty=fmt not in NEEDS_HIGHLIGHTS, streamed=fmt == "qdpx")
        elif args.tag:
            bundle = tag_bundle(library, args.tag)
        else:
            bundle = episode_bundle(library, library.resolve_episode(args.episode), args.highlight)
        options = ClipOptions(fmt=args.clip_format, pad_ms=round(args.pad * 1000), combined=args.combined)
        video = VideoOptions(size=VIDEO_SIZES[args.size], pad_ms=round(args.pad * 1000))
        renderer = None
        if fmt == "card":
            from podplayer.cli.gui_commands import card_renderer

            renderer = card_renderer()
        written = export_bundle(
            bundle,
            fmt,
            Path(args.output).expanduser(),
            force=args.force,
            template=template,
            clip_options=options,
            # Other formats take well under a second.
            progress=progress if fmt in (*FOLDER_FORMATS, "qdpx") else no_progress,
            embed_audio=not args.no_audio,
            video_options=video,
            card_renderer=renderer,
        )
    finally:
        progress.finish()
        library.close()
    if fmt in FOLDER_FORMATS:
        print(f"wrote {len(written)} files to {Path(args.output)}")
    else:
        print(f"wrote {written[0]}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    annotations = read_annotations(Path(args.file).expanduser())
    if args.episode and len(annotations.episodes) != 1:
        raise OneEpisodeFileNeeded(len(annotations.episodes))
    library = open_library(args)
    try:
        report = restore_annotations(
            library, annotations, episode_id=library.resolve_episode(args.episode) if args.episode else None
        )
    finally:
        library.close()
    for line in report.lines:
        print(line)
    print(
        f"restored {report.added} highlights ({report.duplicates} already present, "
        f"{report.unplaced} could not be placed, {report.created_episodes} episodes created)"
    )
    return 0
