"""Sync check and re-sync on ad-shifted episodes: breaks found, turn accuracy after re-sync, and the
cost of checking one hour.

Variants (tests/core/align/ad_variants.py, exact truth): the demo (7 min) and a 20-minute program of
shuffled demo turns, each clean, with a pre-roll and mid-roll ads of 10-60 s (read speech over a tone
bed), the reverse (timed with the ads, audio without), and every time 2 s late; plus a 1-hour program
with three inserted ads, which is also timed (wall clock and peak memory of the process tree).

    python -m benchmarks.bench_resync
"""

from __future__ import annotations

import pickle
import resource
import time
from pathlib import Path

from benchmarks import TreeMemory, log, not_measured
from benchmarks.real_data import SHARED_MISSING, shared_fixture
from podplayer.core.align.resync import resync_transcript
from podplayer.core.align.sync_check import check_sync
from tests.core.align.ad_variants import Score, Variant, demo_program, long_program, score, variants

DATA_VERSION = 1
PROGRAMS = {
    "demo": (None, {-1: 15_000, 9: 25_000, 21: 40_000}),
    "20min": (20, {-1: 30_000, 20: 10_000, 45: 45_000, 70: 60_000}),
}
HOUR_ADS = {90: 30_000, 180: 45_000, 250: 60_000}


def _folder(cache_dir: Path) -> Path:
    return cache_dir / f"resync-v{DATA_VERSION}"


FIGURES = [
    "sync_check_1h_s", "sync_check_1h_peak_mb", "resync_breaks_found", "resync_false_breaks",
    "resync_turn_within_250ms", "resync_turn_median_ms",
]


def prepare(cache_dir: Path) -> None:
    folder = _folder(cache_dir)
    index = folder / "variants.pickle"
    if index.exists() or shared_fixture("real-speech") is None:  # the ads are the sonnet, read
        return
    out: dict[str, Variant] = {}
    for name, (minutes, ads) in PROGRAMS.items():
        log(f"building the {name} variants")
        program = demo_program() if minutes is None else long_program(minutes, seed=3)
        for kind, variant in variants(program, ads, folder / name).items():
            out[f"{name}-{kind}"] = variant
    log("building the 1-hour episode with three ads")
    hour = long_program(60, seed=5)
    out["1h-ads"] = variants(hour, HOUR_ADS, folder / "1h", ("ads",))["ads"]
    index.write_bytes(pickle.dumps(out))


def run(cache_dir: Path) -> dict[str, float]:
    prepare(cache_dir)
    if not (_folder(cache_dir) / "variants.pickle").exists():
        not_measured(FIGURES, SHARED_MISSING)
        return {}
    cuts: dict[str, Variant] = pickle.loads((_folder(cache_dir) / "variants.pickle").read_bytes())
    scores: dict[str, Score] = {}
    figures: dict[str, float] = {}
    for name, variant in cuts.items():
        started, cpu_before = time.perf_counter(), _cpu_s()
        with TreeMemory() as memory:
            report = check_sync(variant.transcript, variant.audio, jobs=2)
        seconds, cpu = time.perf_counter() - started, _cpu_s() - cpu_before
        found = [(str(s.kind), s.start_ms, s.end_ms, s.seconds) for s in report.stretches]
        scores[name] = score(variant, found, resync_transcript(variant.transcript, report))
        s = scores[name]
        log(
            f"{name}: {seconds:.1f} s ({cpu:.1f} s CPU), listened to {report.listened_ms / 1000:.0f} of "
            f"{report.duration_ms / 1000:.0f} s; found {s.found}/{len(variant.stretches)}, false {s.false}; "
            f"turns within 250 ms {100 * s.within_250:.1f} %, median {s.median_ms:.0f} ms"
        )
        if name == "1h-ads":
            figures["sync_check_1h_s"] = seconds
            figures["sync_check_1h_cpu_s"] = cpu  # all processes: what 2 idle cores would share
            figures["sync_check_1h_peak_mb"] = memory.peak_mb
            figures["sync_check_1h_listened_share"] = report.listened_ms / report.duration_ms
    true_total = sum(len(v.stretches) for v in cuts.values())
    figures["resync_breaks_found"] = sum(s.found for s in scores.values()) / true_total
    figures["resync_false_breaks"] = sum(len(s.false) for s in scores.values())
    figures["resync_turn_within_250ms"] = min(s.within_250 for s in scores.values())
    figures["resync_turn_median_ms"] = max(s.median_ms for s in scores.values())
    return figures


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children (the recognition workers, ffmpeg)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


if __name__ == "__main__":
    from benchmarks import DEFAULT_CACHE_DIR

    for key, value in run(DEFAULT_CACHE_DIR).items():
        print(f"{key}: {value:g}")
