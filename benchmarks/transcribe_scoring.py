"""How good a transcription is, against a truth file: word error rate, speaker changes, turn starts.

Shared by the transcription tests and ``benchmarks/bench_transcribe.py``. Truth files have the demo
episode's shape: ``{"turns": [{"speaker", "start_ms", "end_ms", "sentences": [{"text", ...}]}]}``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import jiwer

from podplayer.core.align.normalize import normalize_words
from podplayer.core.model import Transcript

CHANGE_TOLERANCE_MS = 1000
TURN_START_TOLERANCE_MS = 250


def spoken_words(text: str) -> str:
    """Lower-case spoken words: numbers spelled out, punctuation dropped (the aligner's normaliser)."""
    return " ".join(t.text.rstrip(".") for t in normalize_words(text.split()))


def word_error_rate(reference: str, hypothesis: str) -> float:
    return float(jiwer.wer(spoken_words(reference), spoken_words(hypothesis)))


def load_truth(path: Path) -> dict[str, object]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def truth_text(truth: dict[str, object]) -> str:
    turns = truth["turns"]
    assert isinstance(turns, list)
    return " ".join(s["text"] for t in turns for s in t["sentences"])


@dataclass(frozen=True, slots=True)
class SpeakerScore:
    change_recall: float  # true speaker changes with a found change within 1 s
    change_precision: float  # found changes with a true change within 1 s
    label_consistency: float  # the worst speaker's share of words under its most common label
    distinct_labels: bool  # every true speaker's most common label differs
    turn_start_within_250ms: float  # true turns with a found turn starting within 250 ms


class TruthTurn(TypedDict):
    """A turn of a truth file (``*.truth.json``: made with the episode, so its times are exact)."""

    speaker: str
    start_ms: int
    end_ms: int


def _truth_turns(truth: dict[str, object], start_ms: int = 0, end_ms: int | None = None) -> list[TruthTurn]:
    turns = truth["turns"]
    assert isinstance(turns, list)
    return [t for t in turns if t["start_ms"] >= start_ms and (end_ms is None or t["end_ms"] <= end_ms)]


def speaker_score(
    transcript: Transcript, truth: dict[str, object], start_ms: int = 0, end_ms: int | None = None
) -> SpeakerScore:
    """Score the turns of ``transcript`` against the truth turns lying in [start_ms, end_ms]
    (``transcript`` times relative to ``start_ms``, as when an excerpt was transcribed)."""
    turns = _truth_turns(truth, start_ms, end_ms)
    shift = start_ms
    true_changes = [t["start_ms"] - shift for a, t in zip(turns, turns[1:], strict=False) if t["speaker"] != a["speaker"]]
    found_changes = [
        t.start_ms or 0 for a, t in zip(transcript.turns, transcript.turns[1:], strict=False) if t.speaker != a.speaker
    ]
    found_starts = [t.start_ms or 0 for t in transcript.turns]

    def near(value: int, candidates: list[int], tolerance: int) -> bool:
        return any(abs(value - c) <= tolerance for c in candidates)

    recall = sum(near(c, found_changes, CHANGE_TOLERANCE_MS) for c in true_changes) / max(1, len(true_changes))
    precision = sum(near(c, true_changes, CHANGE_TOLERANCE_MS) for c in found_changes) / max(1, len(found_changes))
    starts = [t["start_ms"] - shift for t in turns]
    within = sum(near(s, found_starts, TURN_START_TOLERANCE_MS) for s in starts) / max(1, len(starts))
    # Each found word belongs to the true turn its middle falls in (or the nearest one).
    labels: dict[str, Counter[str]] = {}
    for turn in transcript.turns:
        for word in turn.words:
            if word.start_ms is None:
                continue
            middle = (word.start_ms + (word.end_ms or word.start_ms)) // 2 + shift
            owner = min(
                turns,
                key=lambda t: 0 if t["start_ms"] <= middle <= t["end_ms"] else min(abs(middle - t["start_ms"]), abs(middle - t["end_ms"])),
            )
            labels.setdefault(str(owner["speaker"]), Counter())[turn.speaker] += 1
    consistency = min((c.most_common(1)[0][1] / sum(c.values()) for c in labels.values()), default=0.0)
    tops = [c.most_common(1)[0][0] for c in labels.values()]
    return SpeakerScore(recall, precision, consistency, len(set(tops)) == len(tops), within)
