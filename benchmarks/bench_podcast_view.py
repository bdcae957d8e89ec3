"""Opening the episode list of a 3,000-episode podcast in the Podcasts view, until it is painted.

The library holds two podcasts (a small one shown first, and one with 3,000 episodes); the figure is
the time from selecting the big podcast in the list to its episode list painted (read from the
library, model reset, layout, first screen of rows drawn), median of five.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks import log, median, stopwatch
from benchmarks.bench_feeds import feed_xml

EPISODES = 3_000


def _library(cache_dir: Path) -> Path:
    return cache_dir / "podcast_view" / "library.sqlite3"


def prepare(cache_dir: Path) -> None:
    path = _library(cache_dir)
    if path.exists():
        return
    from podplayer.core.feeds.parse import parse_feed
    from podplayer.core.feeds.refresh import FeedOutcome
    from podplayer.store.repository import Library

    path.parent.mkdir(parents=True, exist_ok=True)
    with Library(path) as library:
        small = parse_feed(feed_xml(1, 20), "https://media.example.org/small.xml")
        library.podcasts.subscribe(FeedOutcome(0, "https://media.example.org/small.xml", feed=small))
        big = parse_feed(feed_xml(2, EPISODES), "https://media.example.org/big.xml")
        library.podcasts.subscribe(FeedOutcome(0, "https://media.example.org/big.xml", feed=big))


def run(cache_dir: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from podplayer.store.repository import Library
    from podplayer.ui.jobs import JobRunner
    from podplayer.ui.podcasts.podcasts_view import PodcastsView

    app = QApplication.instance() or QApplication([])
    library = Library(_library(cache_dir))
    jobs = JobRunner()
    view = PodcastsView(library, jobs)
    view.resize(520, 900)
    view.show()
    app.processEvents()
    rows = {view.podcast_model.podcast(r).episode_count: r for r in range(view.podcast_model.rowCount())}
    big, small = view.podcast_model.index(rows[EPISODES]), view.podcast_model.index(rows[20])
    times = []
    for _ in range(5):
        view.podcast_list.setCurrentIndex(small)
        app.processEvents()
        with stopwatch() as watch:
            view.podcast_list.setCurrentIndex(big)
            view.episode_list.viewport().repaint()  # paint now, not at the next event loop turn
        if view.episode_model.rowCount() != EPISODES:
            raise RuntimeError(f"the view shows {view.episode_model.rowCount()} episodes")
        times.append(watch.seconds)
    log(f"episode list of {EPISODES} episodes: " + ", ".join(f"{t * 1000:.0f} ms" for t in times))
    view.shutdown()
    jobs.shutdown()
    library.close()
    return {"podcast_view_3000_s": median(times)}
