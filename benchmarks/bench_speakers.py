"""Who speaks when (core/speakers), scored with pyannote.metrics: no collar, overlapped speech scored.

- The AMI meeting minute (shared fixture, four people): diarization error rate, speakers found
  automatically, true changes between turns of at least 2 s with a found change within 1 s; and, for
  its own transcript synced to the audio and labelled as Find speakers does, the share of the words
  said while another person speaks that go to their speaker (reported, for work on overlap).
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
from benchmarks.speaker_scoring import (
    Reference,
    ami_reference,
    change_recall,
    der,
    overlapped_word_share,
    rttm_reference,
    span_turns,
)
from podplayer.core.jobs import CancelToken
from podplayer.core.speakers import Diarization, diarize, label_words
from podplayer.core.speakers.cluster import Floats
from podplayer.core.transcribe.pipeline import decode_samples

AMI = [
    "speakers_ami_der",
    "speakers_ami_count",
    "speakers_ami_count_max",
    "speakers_ami_change_recall",
    "speakers_ami_overlap_words",
]


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
        ami_samples = decode_samples(folder / "ami-es2004a-0750.flac", CancelToken())
        ami = diarize(ami_samples)
        figures["speakers_ami_der"] = der(reference, span_turns(ami.spans))
        figures["speakers_ami_count"] = figures["speakers_ami_count_max"] = ami.count
        figures["speakers_ami_change_recall"] = change_recall(reference, span_turns(ami.spans), min_turn_s=2.0)
        log(f"AMI: {ami.count} voices, DER {figures['speakers_ami_der']:.3f}")
        share, count = _overlapped_words(reference, ami, ami_samples)
        figures["speakers_ami_overlap_words"] = share
        log(f"AMI: {share:.0%} of {count} words said over another person go to their speaker")

    sample = pyannote_sample(cache_dir)
    if sample is None:
        not_measured(["speakers_sample_der", "speakers_sample_count", "speakers_sample_count_max"], PYANNOTE_MISSING)
    else:
        call = diarize(decode_samples(sample.audio, CancelToken()))
        figures["speakers_sample_der"] = der(rttm_reference(sample.rttm), span_turns(call.spans))
        figures["speakers_sample_count"] = figures["speakers_sample_count_max"] = call.count
        log(f"pyannote sample: {call.count} voices, DER {figures['speakers_sample_der']:.3f}")
    return figures


def _overlapped_words(reference: Reference, ami: Diarization, samples: Floats) -> tuple[float, int]:
    """The minute's transcript (its turns in order of onset, backchannels included) synced to the
    audio, its words labelled from the diarization as Find speakers labels them."""
    from podplayer.core.align import align_transcript
    from tests.core.align.conversations import meeting

    found = meeting()
    synced = align_transcript(found.transcript, found.audio, jobs=2)
    words = [w for t in synced.turns for w in t.words]
    return overlapped_word_share(reference, synced, label_words(words, ami, samples))


if __name__ == "__main__":
    from benchmarks import DEFAULT_CACHE_DIR

    for key, value in run(DEFAULT_CACHE_DIR).items():
        print(f"{key}: {value:.3f}")
