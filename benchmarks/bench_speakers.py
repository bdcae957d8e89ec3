"""Who speaks when (core/speakers), scored with pyannote.metrics: no collar, overlapped speech scored.

- The AMI meeting minute (shared fixture, four people): diarization error rate, speakers found
  automatically, true changes between turns of at least 2 s with a found change within 1 s.
- The pyannote sample (a real two-person telephone call, from the pyannote.audio wheel): speakers
  found and diarization error rate.
- Speed (wall and CPU seconds) and peak memory of diarizing a 10-minute episode (the demo followed
  by the three-voice episode, as in bench_transcribe), decoding excluded.

    python -m benchmarks.bench_speakers
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks import TreeMemory, log, not_measured
from benchmarks.real_data import (
    PYANNOTE_MISSING,
    SHARED_MISSING,
    pyannote_sample,
    shared_fixture,
)
from benchmarks.speaker_scoring import ami_reference, change_recall, der, rttm_reference, span_turns
from podplayer.core.jobs import CancelToken
from podplayer.core.speakers import diarize
from podplayer.core.transcribe.pipeline import decode_samples

AMI = ["speakers_ami_der", "speakers_ami_count", "speakers_ami_count_max", "speakers_ami_change_recall"]


def prepare(cache_dir: Path) -> None:
    from benchmarks.bench_transcribe import prepare as ten_minutes

    ten_minutes(cache_dir)


def run(cache_dir: Path) -> dict[str, float]:
    from benchmarks.bench_transcribe import _ten_minutes

    figures: dict[str, float] = {}
    samples = decode_samples(_ten_minutes(cache_dir), CancelToken())
    with TreeMemory() as memory:
        start, cpu = time.perf_counter(), time.process_time()
        found = diarize(samples)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    log(f"10 min: {seconds:.1f} s ({cpu:.1f} CPU s), peak {memory.peak_mb:.0f} MiB, {found.count} voices")
    figures["speakers_10min_s"] = seconds
    # CPU seconds do not grow when other work shares the two cores, where the wall time does.
    figures["speakers_10min_cpu_s"] = cpu
    figures["speakers_peak_mb"] = memory.peak_mb

    folder = shared_fixture("real-conversation")
    if folder is None:
        not_measured(AMI, SHARED_MISSING)
    else:
        reference = ami_reference(folder / "ami-es2004a-0750.reference.json")
        ami = diarize(decode_samples(folder / "ami-es2004a-0750.flac", CancelToken()))
        figures["speakers_ami_der"] = der(reference, span_turns(ami.spans))
        figures["speakers_ami_count"] = figures["speakers_ami_count_max"] = ami.count
        figures["speakers_ami_change_recall"] = change_recall(reference, span_turns(ami.spans), min_turn_s=2.0)
        log(f"AMI: {ami.count} voices, DER {figures['speakers_ami_der']:.3f}")

    sample = pyannote_sample(cache_dir)
    if sample is None:
        not_measured(["speakers_sample_der", "speakers_sample_count", "speakers_sample_count_max"], PYANNOTE_MISSING)
    else:
        call = diarize(decode_samples(sample.audio, CancelToken()))
        figures["speakers_sample_der"] = der(rttm_reference(sample.rttm), span_turns(call.spans))
        figures["speakers_sample_count"] = figures["speakers_sample_count_max"] = call.count
        log(f"pyannote sample: {call.count} voices, DER {figures['speakers_sample_der']:.3f}")
    return figures


if __name__ == "__main__":
    from benchmarks import DEFAULT_CACHE_DIR

    for key, value in run(DEFAULT_CACHE_DIR).items():
        print(f"{key}: {value:.3f}")
