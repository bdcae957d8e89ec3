"""``podplayer chapters EPISODE [--json] [--set FILE | --clear]``: list, set or remove an episode's chapters."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from podplayer.cli.common import open_library, print_json, print_table, resolve_episode
from podplayer.core.chapters import (
    Chapter,
    ChapterError,
    ChapterSource,
    chapter_end,
    parse_json_chapters,
    parse_podlove_chapters,
    read_embedded_chapters,
)
from podplayer.core.clock import format_clock


def register(sub: Any) -> None:
    p = sub.add_parser("chapters", help="list an episode's chapters")
    p.add_argument("episode", help="episode id, title or unique title prefix")
    p.add_argument("--json", action="store_true", help="print JSON (start and end in seconds)")
    change = p.add_mutually_exclusive_group()
    change.add_argument(
        "--set",
        metavar="FILE",
        help="replace the chapters with those in FILE: Podcasting 2.0 JSON chapters, a feed item with "
        "Podlove Simple Chapters, or an audio file with embedded chapters",
    )
    change.add_argument("--clear", action="store_true", help="remove the episode's chapters")
    p.set_defaults(func=run_chapters)


def read_chapters_file(path: Path) -> tuple[list[Chapter], ChapterSource]:
    """Chapters from a file of any kind podplayer reads chapters from, told apart by content."""
    try:
        with path.open("rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise ChapterError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if head.startswith((b"{", b"[")):
        return parse_json_chapters(path.read_bytes(), source=str(path)), ChapterSource.JSON
    if head.startswith(b"<"):
        chapters = parse_podlove_chapters(path.read_bytes(), source=str(path))
        if not chapters:
            raise ChapterError(f"{path}: no Podlove chapters (<psc:chapter>) in this XML")
        return chapters, ChapterSource.PODLOVE
    chapters = read_embedded_chapters(path)
    if not chapters:
        raise ChapterError(f"{path}: this audio file has no embedded chapters")
    return chapters, ChapterSource.EMBEDDED


def run_chapters(args: argparse.Namespace) -> int:
    new: tuple[list[Chapter], ChapterSource] | None = None
    if args.set:
        new = read_chapters_file(Path(args.set).expanduser())  # before the library is touched
    with open_library(args) as library:
        episode_id = resolve_episode(library, args.episode)
        if new is not None:
            library.set_chapters(episode_id, *new)
        elif args.clear:
            library.set_chapters(episode_id, [], ChapterSource.EMBEDDED)
        chapters = library.chapters(episode_id)
        duration_ms = next((e.duration_ms for e in library.episodes() if e.id == episode_id), None)
    if args.json:
        rows = [
            {"start": c.start, "end": c.end, "title": c.title, "url": c.url, "image": c.image} for c in chapters
        ]
        print_json(rows)
        return 0
    if not chapters:
        print(f"Episode {episode_id} has no chapters.")
        return 0
    duration = None if duration_ms is None else duration_ms / 1000
    table = []
    for index, chapter in enumerate(chapters):
        end = chapter_end(chapters, index, duration)
        table.append(
            [
                str(index + 1),
                format_clock(chapter.start_ms),
                format_clock(None if end is None else round(end * 1000), unknown="-"),
                chapter.title,
            ]
        )
    print_table(table, ["#", "START", "END", "TITLE"], right={0, 1, 2})
    return 0
