"""Library search over 1,000 episodes (~30 million words): median time of ~50 varied queries.

Queries mix frequent, mid-frequency and rare words, prefixes (``data*``), quoted phrases taken from
the library's own text, and two-word queries; each runs once through ``Library.search`` after one
warm-up query, as a user typing into the search box would.
"""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks import log, median, percentile, stopwatch
from benchmarks.data import library_1000, synthetic_transcript, vocabulary


def prepare(cache_dir: Path) -> None:
    library_1000(cache_dir)


def queries() -> list[str]:
    """About 50 deterministic queries of different shapes."""
    rng = random.Random(50)
    vocab = vocabulary()
    common = ["data", "pytorch", "models", "learning", "research"] + [vocab[r] for r in (12, 25, 40, 60, 90)]
    middle = [vocab[r] for r in rng.sample(range(200, 2_000), 10)]
    rare = [vocab[r] for r in rng.sample(range(10_000, len(vocab)), 10)]
    prefixes = ["data*", "learn*", "mod*", "pyt*", "res*"] + [f"{w[:3]}*" for w in rng.sample(middle + rare, 5)]
    # Phrases that really occur: consecutive words from one of the library's episodes (same generator).
    sample = synthetic_transcript(seed=10_000, words=2_000, turns=150, duration_ms=540_000)
    phrases = []
    for turn in rng.sample(sample.turns, 5):
        if len(turn.words) >= 2:
            i = rng.randrange(len(turn.words) - 1)
            pair = " ".join(w.text.strip(".,?").lower() for w in turn.words[i:i + 2])
            phrases.append(f'"{pair}"')
    pairs = [f"{a} {b}" for a, b in zip(rng.sample(common + middle, 5), rng.sample(middle + rare, 5), strict=True)]
    return common + middle + rare + prefixes + phrases + pairs


def run(cache_dir: Path) -> dict[str, float]:
    from podplayer.store.repository import Library

    library = Library(library_1000(cache_dir))
    try:
        library.search("warm up")
        times_ms: list[float] = []
        hits = 0
        for query in queries():
            with stopwatch() as watch:
                results = library.search(query)
            times_ms.append(watch.seconds * 1000)
            hits += len(results)
        slowest = sorted(zip(times_ms, queries(), strict=True), reverse=True)[:3]
        log("slowest queries: " + ", ".join(f"{q!r} {t:.1f} ms" for t, q in slowest))
        log(f"{len(times_ms)} queries, {hits} hits in total")
    finally:
        library.close()
    return {
        "search_1000_median_ms": median(times_ms),
        "search_1000_p90_ms": percentile(times_ms, 0.9),
        "search_1000_max_ms": max(times_ms),
    }
