"""Known voices: a named speaker's voice, learnt from their turns, and matching it in other episodes.

A voice is the mean of unit-length CAM++ embeddings of 1 s windows over the speaker's turns (at most
MAX_WINDOWS, spread over the episode). A voice found in a new recording takes a known name when the
cosine similarity of the two voices reaches MATCH_COSINE: first against the voices of the same
podcast, then against all others (unless the podcast keeps to its own). Each name goes to one voice
at most, the most similar pair first.

MATCH_COSINE is measured (tools: benchmarks/bench_speakers.py, README "Known voices"): a voice
learnt in one generated episode against the voices found in the others scores 0.93 or more for the
same flite voice and at most 0.71 for another; two people of the AMI meeting score up to 0.76 against
each other. 0.85 sits between: a name goes only to a voice that is clearly the same, and a voice that
is not recognised keeps a "Speaker N" label rather than someone else's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from podplayer.core.speakers import embedding
from podplayer.core.speakers.cluster import Floats, normalise

MATCH_COSINE = 0.85
WINDOW_MS = 1000
MAX_WINDOWS = 240
MIN_SPEECH_MS = 2000  # less speech than this is too little to recognise a voice by


@dataclass(frozen=True, slots=True)
class KnownVoice:
    name: str
    embedding: tuple[float, ...]  # unit length
    podcast_id: int | None = None
    seconds: float = 0.0  # speech it was learnt from
    id: int | None = None
    podcast: str = ""  # the podcast's title, for lists


def voice_of(samples: Floats, spans: Sequence[tuple[int, int]]) -> tuple[Floats, float] | None:
    """The voice heard in ``spans`` (milliseconds) of 16 kHz ``samples`` and the seconds of speech it
    rests on; None when there is too little speech."""
    starts = [start for begin, end in spans for start in range(begin, end - WINDOW_MS + 1, WINDOW_MS)]
    total_ms = sum(max(0, end - begin) for begin, end in spans)
    if total_ms < MIN_SPEECH_MS or not starts:
        return None
    if len(starts) > MAX_WINDOWS:
        starts = [starts[int(i)] for i in np.linspace(0, len(starts) - 1, MAX_WINDOWS)]
    rate = embedding.RATE
    features = []
    for start in starts:
        piece = samples[start * rate // 1000 : (start + WINDOW_MS) * rate // 1000]
        if len(piece) < rate * WINDOW_MS // 1000:
            continue
        bank = embedding.filterbanks(piece)
        features.append(embedding.window_features(bank, 0, len(bank)))
    if not features:
        return None
    vectors = normalise(embedding.embed_features(features))
    centre = normalise(vectors.mean(axis=0, keepdims=True))[0]
    return centre, total_ms / 1000


def match_voices(
    found: dict[int, Floats],
    known: Sequence[KnownVoice],
    podcast_id: int | None,
    *,
    podcast_only: bool = False,
) -> dict[int, str]:
    """Names for found voices (voice number -> name), see the module docstring."""
    names: dict[int, str] = {}
    own = [v for v in known if podcast_id is not None and v.podcast_id == podcast_id]
    others = [] if podcast_only else [v for v in known if v not in own]
    for group in (own, others):
        pairs = []
        for voice, centre in found.items():
            for candidate in group:
                similarity = float(np.dot(centre, np.asarray(candidate.embedding, dtype=np.float32)))
                if similarity >= MATCH_COSINE:
                    pairs.append((similarity, voice, candidate.name))
        for _, voice, name in sorted(pairs, reverse=True):
            if voice not in names and name not in names.values():
                names[voice] = name
    return names
