"""Feeds: refreshing 200 locally served feeds, parsing a 3,000-item feed, downloading over loopback.

The feeds are served by Python's own ``http.server`` in a separate process (so serving never shares
the measuring process's GIL); it answers ``If-Modified-Since`` with 304, as real feed servers do.

- ``feeds_refresh_200_s``: 200 subscribed podcasts of 300 items each; every feed gained one episode
  since the last refresh. Fetch, parse and store all 200 (the new episode inserted; the other 299
  are recognised as the items the library holds, and neither parsed nor written again).
- ``feeds_refresh_200_unchanged_s``: the same refresh again: every feed answers 304.
- ``feed_parse_3000_s`` / ``feed_parse_3000_peak_mb``: parse one 3,000-item (~5 MB) feed in a fresh
  process (peak RSS of that process).
- ``download_mb_s``: download a 200 MB enclosure from the loopback server with progress reporting.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from benchmarks import log, stopwatch

FEEDS = 200
ITEMS = 300
BIG_ITEMS = 3_000
DOWNLOAD_MB = 200
DESCRIPTION = (
    "<p>In this episode we talk about soil, compost and the winter garden: what to sow, what to cover, "
    "and how to keep a worm bin alive when it freezes. Our guest has run a community garden for twenty "
    "years and answers listener questions about raised beds, leaf mould and green manure.</p>"
    "<ul><li>Chapter one: the season</li><li>Chapter two: the questions</li></ul>"
    "<p>Links and show notes on our website. Support the show by telling a friend about it.</p>"
) * 2


def _item(feed: int, n: int, base: str) -> str:
    when = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=n)
    return (
        f"<item><title>Episode {n}: the garden in week {n % 52}</title>"
        f"<description><![CDATA[{DESCRIPTION}]]></description>"
        f"<link>{base}ep/{feed}/{n}</link><guid isPermaLink=\"false\">feed{feed}-ep{n}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate><itunes:duration>{n % 3}:{n % 60:02d}:17</itunes:duration>"
        f"<itunes:image href=\"{base}art/{feed}/{n}.jpg\"/><itunes:explicit>false</itunes:explicit>"
        f"<enclosure url=\"{base}media/{feed}/{n}.mp3\" length=\"{40_000_000 + n}\" type=\"audio/mpeg\"/>"
        f"<podcast:transcript url=\"{base}t/{feed}/{n}.json\" type=\"application/json\" language=\"en\"/>"
        f"<podcast:transcript url=\"{base}t/{feed}/{n}.vtt\" type=\"text/vtt\" rel=\"captions\"/>"
        f"<podcast:chapters url=\"{base}c/{feed}/{n}.json\" type=\"application/json+chapters\"/>"
        "</item>\n"
    )


def feed_xml(feed: int, items: int, base: str = "https://media.example.org/") -> bytes:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>'
        f"<title>Garden show {feed}</title><link>{base}</link><language>en</language>"
        f"<description>A show about gardens, number {feed}.</description>"
        f"<itunes:author>Gardener {feed}</itunes:author><itunes:image href=\"{base}art/{feed}.jpg\"/>\n"
    )
    body = "".join(_item(feed, n, base) for n in range(items, 0, -1))
    return (head + body + "</channel></rss>\n").encode()


def _data(cache_dir: Path) -> Path:
    return cache_dir / "feeds"


def prepare(cache_dir: Path) -> None:
    folder = _data(cache_dir)
    done = folder / ".complete"
    if done.exists():
        return
    (folder / "v1").mkdir(parents=True, exist_ok=True)
    (folder / "v2").mkdir(parents=True, exist_ok=True)
    for f in range(FEEDS):
        (folder / "v1" / f"{f}.xml").write_bytes(feed_xml(f, ITEMS - 1))
        (folder / "v2" / f"{f}.xml").write_bytes(feed_xml(f, ITEMS))
    (folder / "big.xml").write_bytes(feed_xml(9999, BIG_ITEMS))
    with open(folder / "enclosure.mp3", "wb") as fh:
        block = os.urandom(1024 * 1024)
        for _ in range(DOWNLOAD_MB):
            fh.write(block)
    done.touch()
    log(f"feeds: {FEEDS} x {ITEMS} items, big feed {(folder / 'big.xml').stat().st_size / 1e6:.1f} MB")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class StaticServer:
    """``python -m http.server`` on 127.0.0.1 in its own process."""

    def __init__(self, folder: Path) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)  # waiting for a process to listen, not a test delay
        raise RuntimeError("the static HTTP server did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _peak_mb() -> float:
    """This process's own peak RSS (VmHWM; ru_maxrss would carry the parent's peak across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _parse_big(path: str) -> None:
    """Child process: parse the big feed, print seconds, items and peak RSS."""
    from podplayer.core.feeds.parse import parse_feed

    data = Path(path).read_bytes()
    start = time.perf_counter()
    feed = parse_feed(data, "https://media.example.org/feed.xml")
    seconds = time.perf_counter() - start
    print(seconds, len(feed.items), _peak_mb())


def run(cache_dir: Path) -> dict[str, float]:
    from podplayer.core.feeds.download import download_file
    from podplayer.core.feeds.http import HttpClient
    from podplayer.core.feeds.refresh import FeedRequest, refresh_feeds
    from podplayer.store.repository import Library
    from podplayer.usecases.podcast_jobs import refresh

    folder = _data(cache_dir)
    figures: dict[str, float] = {}

    run_dir = Path(os.environ.get("TMPDIR", "/tmp")) / f"podplayer-bench-feeds-{os.getpid()}"
    serve = run_dir / "serve"
    serve.mkdir(parents=True)
    for f in range(FEEDS):
        os.link(folder / "v1" / f"{f}.xml", serve / f"{f}.xml")
    os.link(folder / "enclosure.mp3", serve / "enclosure.mp3")
    server = StaticServer(serve)
    try:
        library = Library(run_dir / "library.sqlite3")
        with HttpClient() as client:
            # Subscribe to all 200 (not timed): one refresh of fresh podcasts.
            outcomes = refresh_feeds(client, [FeedRequest(0, server.url(f"{f}.xml")) for f in range(FEEDS)])
            with stopwatch() as sub_watch:
                for outcome in outcomes:
                    library.podcasts.subscribe(outcome)
            log(f"subscribed {FEEDS} podcasts, {sum(p.episode_count for p in library.podcasts.podcasts())} episodes "
                f"(storing took {sub_watch.seconds:.1f} s)")
            # Every feed gains an episode (a newer file: a new Last-Modified).
            later = time.time() + 5
            for f in range(FEEDS):
                (serve / f"{f}.xml").unlink()
                os.link(folder / "v2" / f"{f}.xml", serve / f"{f}.xml")
                os.utime(serve / f"{f}.xml", (later, later))
            with stopwatch() as watch:
                reports = refresh(library, client)
            new = sum(r.new_episodes for r in reports)
            errors = [r.error for r in reports if r.error]
            if new != FEEDS or errors:
                raise RuntimeError(f"refresh found {new} new episodes, errors: {errors[:3]}")
            figures["feeds_refresh_200_s"] = watch.seconds
            log(f"refresh of {FEEDS} changed feeds: {watch.seconds:.2f} s")
            with stopwatch() as watch:
                reports = refresh(library, client)
            if not all(r.not_modified for r in reports):
                raise RuntimeError("the second refresh was not all 304")
            figures["feeds_refresh_200_unchanged_s"] = watch.seconds
            log(f"refresh of {FEEDS} unchanged feeds (304): {watch.seconds:.2f} s")

            target = run_dir / "download" / "episode.mp3"
            updates = 0

            def progress(done: float, total: float, message: str = "") -> None:
                nonlocal updates
                updates += 1

            with stopwatch() as watch:
                done = download_file(client, server.url("enclosure.mp3"), target, progress)
            if done.size != DOWNLOAD_MB * 1024 * 1024 or updates < 10:
                raise RuntimeError(f"download incomplete: {done.size} bytes, {updates} progress updates")
            figures["download_mb_s"] = done.size / 1024 / 1024 / watch.seconds
            log(f"download {DOWNLOAD_MB} MB: {watch.seconds:.2f} s, {updates} progress updates")
        library.close()
    finally:
        server.close()
        import shutil

        shutil.rmtree(run_dir, ignore_errors=True)

    out = subprocess.run(
        [sys.executable, "-c", f"from benchmarks.bench_feeds import _parse_big; _parse_big({str(folder / 'big.xml')!r})"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1],
    ).stdout.split()
    seconds, items, peak = float(out[0]), int(out[1]), float(out[2])
    if items != BIG_ITEMS:
        raise RuntimeError(f"the big feed gave {items} items")
    figures["feed_parse_3000_s"] = seconds
    figures["feed_parse_3000_peak_mb"] = peak
    log(f"parse {BIG_ITEMS} items ({(folder / 'big.xml').stat().st_size / 1e6:.1f} MB): {seconds:.2f} s, {peak:.0f} MB")
    return figures
