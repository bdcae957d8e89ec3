"""How well speakers were found: diarization error rate (pyannote.metrics), speakers counted, changes.

Shared by the speaker tests and ``benchmarks/bench_speakers.py``. References are (speaker, start_s,
end_s) triples; hypotheses are core Diarization spans or transcript turns.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from pyannote.core import Annotation, Segment
from pyannote.metrics.diarization import DiarizationErrorRate

from podplayer.core.model import Transcript, Turn, Word
from podplayer.core.speakers import Span

Reference = list[tuple[str, float, float]]
CHANGE_TOLERANCE_S = 1.0


def ami_reference(path: Path) -> Reference:
    """The AMI minute's turns (``*.reference.json`` of the shared real-conversation fixture)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(str(t["speaker"]), float(t["start"]), float(t["end"])) for t in data["turns"]]


def truth_reference(path: Path) -> Reference:
    """The turns of a generated episode's ``*.truth.json``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(str(t["speaker"]), t["start_ms"] / 1000, t["end_ms"] / 1000) for t in data["turns"]]


def rttm_reference(path: Path) -> Reference:
    """Speaker turns of an RTTM file (``SPEAKER file 1 start duration <NA> <NA> name <NA> <NA>``)."""
    out: Reference = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 8 and fields[0] == "SPEAKER":
            start, duration = float(fields[3]), float(fields[4])
            out.append((fields[7], start, start + duration))
    return out


def _annotation(turns: Iterable[tuple[str, float, float]]) -> Annotation:
    annotation = Annotation()
    for speaker, start, end in turns:
        if end > start:
            annotation[Segment(start, end)] = speaker
    return annotation


def span_turns(spans: Sequence[Span]) -> Reference:
    return [(f"voice {s.voice}", s.start_ms / 1000, s.end_ms / 1000) for s in spans]


def transcript_turns(transcript: Transcript) -> Reference:
    return [
        (t.speaker, (t.start_ms or 0) / 1000, (t.end_ms or t.start_ms or 0) / 1000)
        for t in transcript.turns
        if t.start_ms is not None
    ]


def der(reference: Reference, hypothesis: Reference) -> float:
    """Diarization error rate scoring overlapped speech, with no collar."""
    metric = DiarizationErrorRate(collar=0.0, skip_overlap=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "uem was approximated": the union of both is what we want
        return float(metric(_annotation(reference), _annotation(hypothesis)))


def changes(turns: Reference) -> list[float]:
    """Times where the speaker changes from one turn to the next."""
    ordered = sorted(turns, key=lambda t: t[1])
    return [b[1] for a, b in zip(ordered, ordered[1:], strict=False) if a[0] != b[0]]


def change_recall(reference: Reference, hypothesis: Reference, min_turn_s: float = 0.0) -> float:
    """Share of true speaker changes between turns of at least ``min_turn_s`` with a found change
    within 1 s."""
    ordered = sorted(reference, key=lambda t: t[1])
    wanted = [
        b[1]
        for a, b in zip(ordered, ordered[1:], strict=False)
        if a[0] != b[0] and a[2] - a[1] >= min_turn_s and b[2] - b[1] >= min_turn_s
    ]
    found = changes(hypothesis)
    hits = sum(any(abs(c - f) <= CHANGE_TOLERANCE_S for f in found) for c in wanted)
    return hits / len(wanted) if wanted else 1.0


def labels_per_voice(reference: Reference, hypothesis: Reference) -> dict[str, str]:
    """Each true speaker's most heard label (by overlapping time)."""
    heard: dict[str, dict[str, float]] = {}
    for speaker, start, end in reference:
        for label, h_start, h_end in hypothesis:
            overlap = min(end, h_end) - max(start, h_start)
            if overlap > 0:
                heard.setdefault(speaker, {}).setdefault(label, 0.0)
                heard[speaker][label] += overlap
    return {speaker: max(labels, key=labels.__getitem__) for speaker, labels in heard.items()}


def truth_sentence_turns(truth: Path, end_ms: int | None = None, speaker: str = "Speaker 1") -> list[Turn]:
    """A generated episode's sentences (ending by ``end_ms``) as turns of one unnamed speaker, their
    words spread evenly over the sentence: a synced published transcript without speaker names."""
    turns: list[Turn] = []
    for turn in json.loads(truth.read_text(encoding="utf-8"))["turns"]:
        for sentence in turn["sentences"]:
            if end_ms is not None and sentence["end_ms"] > end_ms:
                continue
            texts = sentence["text"].split()
            step = (sentence["end_ms"] - sentence["start_ms"]) / len(texts)
            words = [
                Word(t, int(sentence["start_ms"] + i * step), int(sentence["start_ms"] + (i + 1) * step))
                for i, t in enumerate(texts)
            ]
            turns.append(Turn(speaker, words, words[0].start_ms, words[-1].end_ms))
    return turns


def overlapped_word_share(reference: Reference, said: Transcript, found: Sequence[Turn]) -> tuple[float, int]:
    """Of the words said while another person speaks (``said``: the words with times and their true
    speakers; ``reference``: everyone's turns), the share whose label in ``found`` (the same words in
    the same order, labelled from the audio) is their speaker's, and how many such words there are.
    Each found label stands for the true speaker it shares most words with (one label a speaker)."""
    true = [(w, t.speaker) for t in said.turns for w in t.words]
    labels = [t.speaker for t in found for _ in t.words]
    if len(labels) != len(true):
        raise ValueError("the labelled turns do not hold the same words")
    pairs: dict[tuple[str, str], int] = {}
    for label, (_, speaker) in zip(labels, true, strict=True):
        pairs[label, speaker] = pairs.get((label, speaker), 0) + 1
    meaning: dict[str, str] = {}
    for (label, speaker), _ in sorted(pairs.items(), key=lambda kv: -kv[1]):
        if label not in meaning and speaker not in meaning.values():
            meaning[label] = speaker

    def over(word: Word, speaker: str) -> bool:
        start, end = (word.start_ms or 0) / 1000, (word.end_ms or word.start_ms or 0) / 1000
        return any(other != speaker and a < end and b > start for other, a, b in reference)

    judged = [meaning.get(label) == speaker for label, (w, speaker) in zip(labels, true, strict=True) if over(w, speaker)]
    return (sum(judged) / len(judged) if judged else 1.0), len(judged)

