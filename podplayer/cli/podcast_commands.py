"""``subscribe``, ``podcasts``, ``refresh``, ``download`` and ``opml import|export``: podcasts from feeds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from podplayer.cli.common import StderrProgress, open_library, print_json, print_table
from podplayer.core.feeds.http import HttpClient
from podplayer.core.model import PodplayerError


def register(sub: Any) -> None:
    p = sub.add_parser("subscribe", help="add a podcast by its feed URL")
    p.add_argument("url", help="the feed's http(s) URL")
    p.add_argument("--json", action="store_true", help="print JSON instead of a line")
    p.set_defaults(func=run_subscribe)

    p = sub.add_parser("podcasts", help="list the podcasts you subscribe to")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=run_podcasts)

    p = sub.add_parser("refresh", help="check feeds for new episodes (all podcasts, or one)")
    p.add_argument("podcast", nargs="?", help="podcast id, title or feed URL (default: all)")
    p.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p.set_defaults(func=run_refresh)

    p = sub.add_parser("download", help="download feed episodes: audio, best transcript, chapters")
    p.add_argument("episodes", nargs="+", metavar="EPISODE", help="episode id or title")
    p.add_argument("--to", metavar="DIR", help="folder for the audio (default: 'Podcasts' beside the library)")
    p.add_argument("--language", help="preferred transcript language, e.g. en (default: from the locale)")
    p.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p.set_defaults(func=run_download)

    p = sub.add_parser("opml", help="import or export the subscription list (OPML)")
    opml_sub = p.add_subparsers(dest="opml_command", metavar="ACTION", required=True)
    q = opml_sub.add_parser("import", help="subscribe to every feed of an OPML file")
    q.add_argument("file", help="the OPML file")
    q.set_defaults(func=run_opml_import)
    q = opml_sub.add_parser("export", help="write your subscriptions as OPML")
    q.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the OPML")
    q.add_argument("--force", action="store_true", help="overwrite an existing file")
    q.set_defaults(func=run_opml_export)


def _warn(message: str) -> None:
    print(f"podplayer: {message}", file=sys.stderr)


def run_subscribe(args: argparse.Namespace) -> int:
    from podplayer.usecases.podcast_jobs import subscribe

    with open_library(args) as library, HttpClient() as client:
        done = subscribe(library, client, args.url)
    if args.json:
        print_json({"id": done.podcast_id, "title": done.title, "feed_url": done.feed_url, "episodes": done.episodes})
    else:
        print(f"{done.podcast_id}\t{done.title} ({done.episodes} episodes)")
    return 0


def run_podcasts(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        podcasts = library.podcasts.podcasts()
    if args.json:
        rows = [
            {
                "id": p.id,
                "title": p.title,
                "author": p.author,
                "feed_url": p.feed_url,
                "artwork": p.artwork,
                "episodes": p.episode_count,
                "unplayed": p.unplayed_count,
                "new": p.new_count,
                "downloaded": p.downloaded_count,
                "last_checked": p.last_checked.isoformat() if p.last_checked else None,
                "error": p.last_error or None,
            }
            for p in podcasts
        ]
        print_json(rows)
        return 0
    if not podcasts:
        print("No podcasts yet. Add one with: podplayer subscribe URL")
        return 0
    table = [[str(p.id), p.title, str(p.episode_count), str(p.new_count), str(p.downloaded_count)] for p in podcasts]
    print_table(table, ["ID", "TITLE", "EPISODES", "NEW", "DOWNLOADED"], right={0, 2, 3, 4})
    return 0


def run_refresh(args: argparse.Namespace) -> int:
    from podplayer.usecases.podcast_jobs import refresh

    with open_library(args) as library, HttpClient() as client:
        ids = [library.podcasts.resolve_podcast(args.podcast)] if args.podcast else None
        reports = refresh(library, client, ids)
    failed = [r for r in reports if r.error]
    for r in failed:
        _warn(r.error or "")
    if args.json:
        rows = [
            {"id": r.podcast_id, "title": r.title, "new": r.new_episodes, "not_modified": r.not_modified,
             "moved_to": r.moved_to, "error": r.error}
            for r in reports
        ]
        print_json(rows)
    else:
        for r in reports:
            if r.error:
                continue
            state = "unchanged" if r.not_modified else f"{r.new_episodes} new"
            moved = f" (moved to {r.moved_to})" if r.moved_to else ""
            print(f"{r.podcast_id}\t{r.title}: {state}{moved}")
    return 1 if failed else 0


def run_download(args: argparse.Namespace) -> int:
    from podplayer.usecases.podcast_jobs import download

    results: list[dict[str, object]] = []
    failures = 0
    with open_library(args) as library, HttpClient() as client:
        ids = [library.resolve_episode(ref) for ref in args.episodes]
        for episode_id in ids:
            try:
                progress = StderrProgress(f"episode {episode_id}")
                try:
                    done = download(
                        library, client, episode_id, progress,
                        folder=Path(args.to).expanduser() if args.to else None, language=args.language,
                    )
                finally:
                    progress.finish()
            except PodplayerError as exc:
                failures += 1
                _warn(str(exc))
                results.append({"id": episode_id, "error": str(exc)})
                continue
            for note in done.notes:
                print(f"episode {episode_id}: {note}", file=sys.stderr)
            results.append(
                {
                    "id": episode_id,
                    "audio_path": str(done.audio_path),
                    "duration_ms": done.duration_ms,
                    "transcript": done.choice.format,
                    "transcript_url": done.choice.link.url if done.choice.link else None,
                    "timing": done.transcript.timing.value if done.transcript else None,
                    "chapters": len(done.chapters),
                    "notes": done.notes,
                    "error": None,
                }
            )
    if args.json:
        print_json(results)
    else:
        for r in results:
            if r["error"] is None:
                print(f"{r['id']}\t{r['audio_path']}\ttranscript: {r['transcript'] or 'none'}")
    return 1 if failures else 0


def run_opml_import(args: argparse.Namespace) -> int:
    from podplayer.usecases.podcast_jobs import import_opml

    path = Path(args.file).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PodplayerError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    with open_library(args) as library, HttpClient() as client:
        result = import_opml(library, client, data, str(path))
    for url in result.skipped:
        _warn(f"{url}: refused (only http:// and https:// feeds are fetched)")
    for line in result.failed:
        _warn(line)
    for s in result.subscribed:
        print(f"{s.podcast_id}\t{s.title} ({s.episodes} episodes)")
    print(f"{len(result.subscribed)} subscribed, {len(result.failed)} failed", file=sys.stderr)
    return 1 if result.failed else 0


def run_opml_export(args: argparse.Namespace) -> int:
    from podplayer.usecases.podcast_jobs import export_opml

    out = Path(args.output).expanduser()
    with open_library(args) as library:
        export_opml(library, out, overwrite=args.force)
    return 0



