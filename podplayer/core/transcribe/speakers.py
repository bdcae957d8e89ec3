"""Who speaks when, computed locally from the audio with no downloaded model.

Method (classic clustering diarisation, chosen because it runs from PyPI alone with numpy, scipy and
scikit-learn, in well under a second per minute of audio): the timed words are cut into *units* at
sentence ends and pauses; each unit gets a voice summary (the mean of its MFCCs, see
voice_features, scaled by each coefficient's spread over the episode); the summaries are grouped by
agglomerative clustering: into N groups (Ward) when the number of speakers is known, otherwise
(average linkage) until groups are further apart than one voice ever is from itself; groups with too
little speech (a cough, an odd sentence) join the nearest big group. Neural speaker embeddings (resemblyzer, pyannote,
SpeechBrain) separate voices better but need torch and downloaded weights (hundreds of MB) — too heavy
for an optional extra that must work offline.

A speaker change is only ever placed between units, so a change inside a sentence with no pause is
missed; in podcasts nearly every change follows a pause or a sentence end. Measured figures: README.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from podplayer.core.model import Turn, Word
from podplayer.core.voice_features import Floats, mfcc_frames, span_summary

SENTENCE_PAUSE_MS = 150  # a sentence end followed by at least this much silence ends a unit
PAUSE_MS = 600  # any pause this long ends a unit
# Average distance (in per-coefficient spreads) above which two groups of units are different voices;
# measured on the generated episodes: one voice's units lie within 1.9 of each other (99th percentile),
# two voices' at least 2.3 apart.
SAME_VOICE_DISTANCE = 2.1
MIN_GROUP_UNITS = 2  # a group needs two units, or one long one
MIN_GROUP_MS = 4000
MIN_GROUP_SHARE = 0.04
SPEAKER_LABEL = "Speaker {}"


@dataclass(frozen=True, slots=True)
class Unit:
    """A run of words spoken without a likely speaker change: words[first:end], in milliseconds."""

    first: int
    end: int
    start_ms: int
    end_ms: int


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\"'”’)").endswith((".", "!", "?"))


def split_units(words: Sequence[Word], segment_starts: set[int]) -> list[Unit]:
    """Cut timed words into units at sentence ends or recognised segments followed by a pause, and at
    long pauses."""
    units: list[Unit] = []
    first = 0
    for i in range(1, len(words) + 1):
        if i < len(words):
            gap = (words[i].start_ms or 0) - (words[i - 1].end_ms or 0)
            boundary = _ends_sentence(words[i - 1].text) or i in segment_starts
            if not ((boundary and gap >= SENTENCE_PAUSE_MS) or gap >= PAUSE_MS):
                continue
        units.append(Unit(first, i, words[first].start_ms or 0, words[i - 1].end_ms or 0))
        first = i
    return units


def _cluster(features: Floats, weights: Floats, speakers: int | None) -> npt.NDArray[np.int64]:
    """Group unit summaries: into ``speakers`` groups (Ward), or by a voice-distance threshold."""
    from sklearn.cluster import AgglomerativeClustering

    n = len(features)
    if n < 2 or speakers == 1:
        return np.zeros(n, dtype=np.int64)
    if speakers is not None:
        k = min(speakers, n)
        return np.asarray(AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(features))
    labels = np.asarray(
        AgglomerativeClustering(n_clusters=None, distance_threshold=SAME_VOICE_DISTANCE, linkage="average")
        .fit_predict(features)
    )
    return _absorb_small(features, weights, labels)


def _absorb_small(features: Floats, weights: Floats, labels: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Fold groups holding too little speech (an odd sentence, a cough) into the nearest big group."""
    total = float(weights.sum())
    groups = sorted(set(labels.tolist()), key=lambda g: -float(weights[labels == g].sum()))
    big = [
        g
        for g in groups
        if weights[labels == g].sum() >= MIN_GROUP_SHARE * total
        and ((labels == g).sum() >= MIN_GROUP_UNITS or weights[labels == g].sum() >= MIN_GROUP_MS)
    ]
    if not big:
        return np.zeros(len(labels), dtype=np.int64)
    centres = np.stack([features[labels == g].mean(axis=0) for g in big])
    out = labels.copy()
    for i, label in enumerate(labels):
        if label not in big:
            out[i] = big[int(np.argmin(((centres - features[i]) ** 2).sum(axis=1)))]
    return out


def label_units(samples: npt.NDArray[np.float32], units: Sequence[Unit], speakers: int | None) -> list[int]:
    """A speaker number (0, 1, … in order of first appearance) for every unit."""
    if not units:
        return []
    ceps, energy = mfcc_frames(samples)
    # Cepstral mean normalisation over the episode, and one fixed scale per coefficient (its spread
    # over every frame), so distances mean the same thing in every episode whatever the speaker count.
    scale = ceps.std(axis=0)
    ceps = (ceps - ceps.mean(axis=0)) / np.where(scale > 0, scale, 1.0)
    summaries = [span_summary(ceps, energy, u.start_ms, u.end_ms) for u in units]
    known = [i for i, s in enumerate(summaries) if s is not None]
    raw = [0] * len(units)
    if known:
        matrix = np.stack([summaries[i] for i in known])  # type: ignore[misc]
        weights = np.array([units[i].end_ms - units[i].start_ms for i in known], dtype=np.float64)
        for i, label in zip(known, _cluster(matrix, weights, speakers), strict=True):
            raw[i] = int(label)
    # Units too short to judge take the label of the nearest judged unit before them (or after).
    judged = set(known)
    for i in range(len(units)):
        if i not in judged:
            before = [j for j in known if j < i]
            after = [j for j in known if j > i]
            raw[i] = raw[before[-1]] if before else (raw[after[0]] if after else 0)
    order: dict[int, int] = {}
    return [order.setdefault(label, len(order)) for label in raw]


def speaker_turns(words: Sequence[Word], units: Sequence[Unit], labels: Sequence[int]) -> list[Turn]:
    """Turns labelled ``Speaker 1``, ``Speaker 2``, …: consecutive units of one speaker make one turn."""
    turns: list[Turn] = []
    previous: int | None = None
    for unit, label in zip(units, labels, strict=True):
        unit_words = list(words[unit.first : unit.end])
        if turns and label == previous:
            turns[-1].words.extend(unit_words)
            turns[-1].end_ms = unit.end_ms
        else:
            turns.append(Turn(SPEAKER_LABEL.format(label + 1), unit_words, unit.start_ms, unit.end_ms))
        previous = label
    return turns
