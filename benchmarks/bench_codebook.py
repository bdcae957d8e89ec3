"""The codebook over a coded library: 1,000 episodes (~1,500 words each), 5,000 highlights, 200 codes.

- ``code_report_ms``: median time of ``Library.code_report()`` (read every highlight with its tags,
  episode and speaker, count per code, episode and speaker, and the co-occurrence sweep).
- ``qdpx_export_1000_s`` / ``qdpx_export_1000_peak_mb``: exporting the whole library as a REFI-QDA
  project without audio (every transcript with its sync points, every coding, note and speaker),
  from reading the library to the finished archive; the peak is this process's resident memory.

The library is built once into the cache through the public Library API.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks import log, median, peak_rss_mb, stopwatch
from benchmarks.data import _cached_library, library_episodes, sample_highlights
from podplayer.core.model import Episode

EPISODES = 1_000
HIGHLIGHTS_PER_EPISODE = 5
WORDS_PER_EPISODE = 1_500
CODES = [f"Theme {t:02d}/Code {t:02d}.{c}" for t in range(20) for c in range(10)]  # 200 codes in 20 themes
REPORT_REPEATS = 7


def coded_library(cache_dir: Path) -> Path:
    def build(path: Path) -> list[int]:
        from podplayer.store.repository import Library

        rng = random.Random(24)
        library = Library(path)
        ids: list[int] = []
        try:
            for code in CODES[::7]:
                library.set_tag_description(code, f"When the speaker talks about {code.lower()}")
            episodes: Iterator[Episode] = library_episodes(EPISODES, WORDS_PER_EPISODE)
            for n, episode in enumerate(episodes, 1):
                episode_id = library.add_episode(episode)
                ids.append(episode_id)
                for highlight in sample_highlights(episode.transcript, rng, HIGHLIGHTS_PER_EPISODE):
                    highlight.tags = rng.sample(CODES, rng.randint(1, 3))
                    library.add_highlight(episode_id, highlight)
                if n % 10 == 1:
                    library.set_episode_note(episode_id, f"Episode note {n}: a memo about this interview")
                if n % 100 == 0:
                    log(f"{n} coded episodes")
        finally:
            library.close()
        return ids

    path, _ = _cached_library(cache_dir, "library_coded_1000.sqlite3", build)
    return path


def prepare(cache_dir: Path) -> None:
    coded_library(cache_dir)


def run(cache_dir: Path) -> dict[str, float]:
    from podplayer.core.export import export_bundle
    from podplayer.core.export.scope import library_bundle
    from podplayer.store.repository import Library

    source = coded_library(cache_dir)
    results: dict[str, float] = {}
    with Library(source) as library, tempfile.TemporaryDirectory() as tmp:
        # First, so that the process's peak memory is the export's.
        target = Path(tmp) / "library.qdpx"
        with stopwatch() as watch:
            bundle = library_bundle(library, include_empty=True, streamed=True)  # as `export --all` does
            export_bundle(bundle, "qdpx", target, embed_audio=False)
        results["qdpx_export_1000_s"] = watch.seconds
        results["qdpx_export_1000_peak_mb"] = peak_rss_mb()
        log(f"qdpx: {watch.seconds:.1f} s, {target.stat().st_size / 2**20:.1f} MB archive, {peak_rss_mb():.0f} MB peak")
        del bundle
        library.code_report()  # warm the page cache
        times = []
        for _ in range(REPORT_REPEATS):
            with stopwatch() as watch:
                report = library.code_report()
            times.append(watch.seconds * 1000)
        assert len(report.codes) == len(CODES) + 20, len(report.codes)
        results["code_report_ms"] = median(times)
        log(f"code report: {median(times):.0f} ms median, {len(report.cooccurrence)} code pairs")
    return results
