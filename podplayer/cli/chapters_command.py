"""``podplayer chapters EPISODE [--json]``: an episode's chapters."""

from __future__ import annotations

import argparse
import json
from typing import Any

from podplayer.cli.common import open_library, print_table, resolve_episode
from podplayer.core.chapters import chapter_end
from podplayer.core.clock import format_clock


def register(sub: Any) -> None:
    p = sub.add_parser("chapters", help="list an episode's chapters")
    p.add_argument("episode", help="episode id, title or unique title prefix")
    p.add_argument("--json", action="store_true", help="print JSON (start and end in seconds)")
    p.set_defaults(func=run_chapters)


def run_chapters(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        episode_id = resolve_episode(library, args.episode)
        chapters = library.chapters(episode_id)
        duration_ms = next((e.duration_ms for e in library.episodes() if e.id == episode_id), None)
    if args.json:
        rows = [
            {"start": c.start, "end": c.end, "title": c.title, "url": c.url, "image": c.image} for c in chapters
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
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
