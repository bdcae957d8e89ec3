"""Alignment of conversation and of real speech: turn starts against exact truth and references.

- the pyannote sample (30 s of a real two-person telephone call, from the pyannote.audio wheel): turn
  starts against its hand-made speaker turns (sample.rttm), the text from sample.stm;
- the AMI meeting minute (shared fixtures, real-conversation, CC BY 4.0): all turns, the turns that do
  not overlap another speaker, and the overlapping ones apart;
- the generated conversations (tests/fixtures/conversation): fillers and repeats the transcript
  omits, backchannels mixed over long turns;
- short turns without overlap (tests/fixtures/conversation/short-turns): short answers, sign-offs and
  one-word replies after a pause of 1-1.7 s, each to start where it was said;
- the LibriVox reading (shared fixtures, real-speech): the signed median error of line starts (bias).

The real recordings are read from outside the repository; where they are absent the figures that need
them are reported as not measured, with the reason.

    python -m benchmarks.bench_conversation
"""

from __future__ import annotations

import statistics
from pathlib import Path

from benchmarks import DEFAULT_CACHE_DIR, not_measured
from benchmarks.real_data import PYANNOTE_MISSING, SHARED_MISSING, pyannote_sample, shared_fixture
from benchmarks.real_speech import sonnet_line_starts
from podplayer.core.align import align_transcript
from tests.core.align.conversations import generated, meeting, short_turns


def _share(errors: list[int], limit_ms: int) -> float:
    return sum(abs(e) <= limit_ms for e in errors) / len(errors) if errors else 1.0


def _meeting_figures() -> dict[str, float]:
    found = meeting()
    errors = found.start_errors_ms(align_transcript(found.transcript, found.audio, jobs=2))
    apart = [e for e, t in zip(errors, found.truth, strict=True) if not t.get("overlap")]
    overlapping = [e for e, t in zip(errors, found.truth, strict=True) if t.get("overlap")]
    return {
        "real_conv_turn_within_1s": _share(errors, 1000),
        "real_conv_turn_within_300ms": _share(errors, 300),
        "real_conv_turn_median_ms": float(statistics.median(abs(e) for e in errors)),
        "real_conv_nonoverlap_within_300ms": _share(apart, 300),
        "real_conv_overlap_within_1s": _share(overlapping, 1000),
    }


def _sample_figures(cache_dir: Path) -> dict[str, float]:
    sample = pyannote_sample(cache_dir)
    if sample is None:
        not_measured(["real_sample_turn_within_250ms", "real_sample_turn_median_ms"], PYANNOTE_MISSING)
        return {}
    aligned = align_transcript(sample.transcript(), sample.audio, jobs=2)
    errors = [int(a.start_ms or 0) - t.start_ms for a, t in zip(aligned.turns, sample.turns(), strict=True)]
    return {
        "real_sample_turn_within_250ms": _share(errors, 250),
        "real_sample_turn_median_ms": float(statistics.median(abs(e) for e in errors)),
    }


def _generated_figures() -> dict[str, float]:
    errors: list[int] = []
    backchannels: list[int] = []
    rest: list[int] = []
    for number in (1, 2):
        found = generated(number)
        got = found.start_errors_ms(align_transcript(found.transcript, found.audio, jobs=2))
        errors += got
        for error, truth in zip(got, found.truth, strict=True):
            (backchannels if truth.get("backchannel") else rest).append(error)
    return {
        "conv_generated_turn_within_250ms": _share(errors, 250),
        "conv_generated_turn_median_ms": float(statistics.median(abs(e) for e in errors)),
        "conv_generated_nonbackchannel_within_250ms": _share(rest, 250),
        "conv_generated_backchannel_within_1s": _share(backchannels, 1000),
    }


def _short_turn_figures() -> dict[str, float]:
    found = short_turns()
    errors = found.start_errors_ms(align_transcript(found.transcript, found.audio, jobs=2))
    return {
        "align_short_turns_within_250ms": _share(errors, 250),
        "align_short_turns_median_ms": float(statistics.median(abs(e) for e in errors)),
    }


def _real_speech_figures() -> dict[str, float]:
    signed = [start_ms - onset * 1000 for start_ms, onset in sonnet_line_starts()]
    median = float(statistics.median(signed))
    return {"real_speech_signed_median_ms": median, "real_speech_bias_abs_ms": abs(median)}


def run(cache_dir: Path = DEFAULT_CACHE_DIR) -> dict[str, float]:
    figures = _sample_figures(cache_dir)
    if shared_fixture("real-conversation") is None:
        not_measured(["real_conv_turn_within_1s", "real_conv_turn_within_300ms", "real_conv_nonoverlap_within_300ms"],
                     SHARED_MISSING)
    else:
        figures.update(_meeting_figures())
    figures.update(_generated_figures())
    figures.update(_short_turn_figures())
    if shared_fixture("real-speech") is None:
        not_measured(["real_speech_bias_abs_ms"], SHARED_MISSING)
    else:
        figures.update(_real_speech_figures())
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:44s} {value:10.4f}")
