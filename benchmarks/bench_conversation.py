"""Alignment of conversation and of real speech: turn starts against exact truth and references.

- the AMI meeting minute (tests/fixtures/real-conversation, CC BY 4.0): all turns, the turns that do
  not overlap another speaker, and the overlapping ones apart;
- the generated conversations (tests/fixtures/conversation): fillers and repeats the transcript
  omits, backchannels mixed over long turns;
- the LibriVox reading (tests/fixtures/real-speech): the signed median error of line starts (bias).

    python -m benchmarks.bench_conversation
"""

from __future__ import annotations

import statistics

from benchmarks.real_speech import sonnet_line_starts
from podplayer.core.align import align_transcript
from tests.core.align.conversations import generated, meeting


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


def _real_speech_figures() -> dict[str, float]:
    signed = [start_ms - onset * 1000 for start_ms, onset in sonnet_line_starts()]
    median = float(statistics.median(signed))
    return {"real_speech_signed_median_ms": median, "real_speech_bias_abs_ms": abs(median)}


def run(cache_dir: object = None) -> dict[str, float]:
    figures = _meeting_figures()
    figures.update(_generated_figures())
    figures.update(_real_speech_figures())
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:44s} {value:10.4f}")
