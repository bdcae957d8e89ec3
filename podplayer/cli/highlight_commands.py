"""``podplayer highlight add``, ``podplayer highlights`` and ``podplayer search``."""

from __future__ import annotations

import argparse
import re
from typing import Any

from podplayer.cli.common import open_library, print_json, print_table, resolve_episode
from podplayer.core.clock import format_clock
from podplayer.core.model import PodplayerError, Transcript, WordRef
from podplayer.core.palette import HIGHLIGHT_COLORS

# Colour names every front end understands; "#rrggbb" is accepted too.
HIGHLIGHT_COLOR_NAMES = tuple(HIGHLIGHT_COLORS)
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"seconds must be a finite number >= 0: {text!r}")
    return value


def register(sub: Any) -> None:
    p = sub.add_parser("highlight", help="add a highlight to an episode")
    actions = p.add_subparsers(dest="highlight_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="highlight the words between two times (snapped to word boundaries)")
    add.add_argument("episode", help="episode id, title or unique title prefix")
    add.add_argument("--from", dest="from_sec", type=_seconds, required=True, metavar="SEC")
    add.add_argument("--to", dest="to_sec", type=_seconds, required=True, metavar="SEC")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeat for several)")
    add.add_argument("--note", default="", metavar="TEXT")
    add.add_argument("--color", default="yellow", metavar="NAME", help=f"{', '.join(HIGHLIGHT_COLOR_NAMES)} or #rrggbb")
    add.set_defaults(func=run_highlight_add)

    p = sub.add_parser("highlights", help="list highlights (of one episode, or all)")
    p.add_argument("episode", nargs="?", help="episode id, title or unique title prefix")
    p.add_argument("--tag", metavar="T", help="only highlights with this tag")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_highlights)

    p = sub.add_parser("search", help="full-text search over transcripts, highlights and notes")
    p.add_argument("query", help='words; "a phrase"; word* for a prefix')
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, default=50, help="at most this many results (default 50)")
    p.set_defaults(func=run_search)


def snap_to_words(transcript: Transcript, from_ms: int, to_ms: int) -> tuple[WordRef, WordRef]:
    """The words between two times (the rule lives in core: :meth:`Timeline.words_between`)."""
    from podplayer.core.timeline import Timeline

    found = Timeline(transcript).words_between(from_ms, to_ms)
    if found is None:
        raise PodplayerError(f"no words between {format_clock(from_ms)} and {format_clock(to_ms)}")
    return found


def _color(name: str) -> str:
    lowered = name.strip().lower()
    if lowered in HIGHLIGHT_COLOR_NAMES or _HEX_COLOR.fullmatch(lowered):
        return lowered
    raise PodplayerError(f"unknown colour {name!r}; use {', '.join(HIGHLIGHT_COLOR_NAMES)} or #rrggbb")


def run_highlight_add(args: argparse.Namespace) -> int:
    from podplayer.core.highlight_anchor import make_highlight
    from podplayer.core.model import Timing

    color = _color(args.color)
    if args.to_sec <= args.from_sec:
        raise PodplayerError("--to must be after --from")
    with open_library(args) as library:
        episode_id = resolve_episode(library, args.episode)
        transcript = library.episode(episode_id).transcript
        if transcript.timing is Timing.NONE:
            raise PodplayerError(
                f"episode {episode_id} has no timings yet; align it first (podplayer align) to highlight by time"
            )
        start, end = snap_to_words(transcript, round(args.from_sec * 1000), round(args.to_sec * 1000))
        highlight = make_highlight(transcript, start, end, color=color, tags=args.tag, note=args.note)
        print(library.add_highlight(episode_id, highlight))
    return 0


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def run_highlights(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        episode_id = resolve_episode(library, args.episode) if args.episode else None
        found = library.highlights(episode_id, tag=args.tag)
    if args.json:
        from podplayer.core.export.annotations_json import highlight_document

        print_json([highlight_document(h) for h in found])
        return 0
    rows = [
        [
            str(h.id),
            str(h.episode_id),
            format_clock(h.start_ms, unknown="-"),
            h.speaker,
            ",".join(h.tags),
            _short(h.quote) if h.quote else "(bookmark)",
        ]
        for h in found
    ]
    if rows:
        print_table(rows, ["ID", "EPISODE", "TIME", "SPEAKER", "TAGS", "QUOTE"], right={0, 1, 2})
    return 0


def run_search(args: argparse.Namespace) -> int:
    if args.limit <= 0:
        raise PodplayerError("--limit must be a positive number")
    with open_library(args) as library:
        hits = library.search(args.query, limit=args.limit)
    if args.json:
        rows = [
            {
                "episode_id": h.episode_id,
                "episode_title": h.episode_title,
                "kind": h.kind,
                "start_ms": h.start_ms,
                "speaker": h.speaker,
                "context": h.context,
                "turn_index": h.turn_index,
                "highlight_id": h.highlight_id,
            }
            for h in hits
        ]
        print_json(rows)
        return 0
    table = [
        [str(h.episode_id), _short(h.episode_title, 30), format_clock(h.start_ms, unknown="-"), h.kind, h.speaker, _short(h.context, 70)]
        for h in hits
    ]
    if table:
        print_table(table, ["EPISODE", "TITLE", "TIME", "KIND", "SPEAKER", "CONTEXT"], right={0, 2})
    return 0
