"""Speaker turns from timed words and a diarization: each word takes the voice heard while it is said.

A speaker change therefore falls between two words, inside a sentence if need be. A short run of
words in another voice between two runs of one voice (a "yes", "mm-hmm", "right") stays a turn of its
own only where the voice is clear: its own embedding must be nearer its voice than the surrounding
voice by INTERJECTION_MARGIN; otherwise it joins the surrounding turn. Words with no time, or heard
where the diarization found no speech, take the voice of the nearest judged word.
"""

from __future__ import annotations

from collections.abc import Sequence

from podplayer.core.model import Turn, Word
from podplayer.core.speakers import embedding
from podplayer.core.speakers.cluster import Floats, normalise
from podplayer.core.speakers.diarization import Diarization
from podplayer.core.speakers.overlap import voices_in_overlap

SPEAKER_LABEL = "Speaker {}"
SHORT_RUN_MS = 1200  # runs shorter than this are checked as interjections
MIN_EMBED_MS = 250  # shorter runs cannot be judged by their own embedding and join their neighbours
INTERJECTION_MARGIN = 0.05


def word_voices(words: Sequence[Word], diarization: Diarization) -> list[int]:
    """A voice for every word (see the module docstring); all 0 when no word could be judged."""
    raw: list[int | None] = []
    for word in words:
        if word.start_ms is None:
            raw.append(None)
            continue
        end = word.end_ms if word.end_ms is not None and word.end_ms > word.start_ms else word.start_ms + 100
        raw.append(diarization.voice_at(word.start_ms, end))
    judged = [i for i, v in enumerate(raw) if v is not None]
    if not judged:
        return [0] * len(words)
    out: list[int] = []
    for i, voice in enumerate(raw):
        if voice is None:
            nearest = min(judged, key=lambda j: abs(j - i))
            voice = raw[nearest]
        assert voice is not None
        out.append(voice)
    return out


def _runs(voices: Sequence[int]) -> list[tuple[int, int, int]]:
    """(first, end, voice) of each run of words of one voice."""
    runs: list[tuple[int, int, int]] = []
    for i, voice in enumerate(voices):
        if runs and runs[-1][2] == voice:
            runs[-1] = (runs[-1][0], i + 1, voice)
        else:
            runs.append((i, i + 1, voice))
    return runs


def _span_ms(words: Sequence[Word], first: int, end: int) -> tuple[int, int]:
    return words[first].start_ms or 0, words[end - 1].end_ms or words[end - 1].start_ms or 0


def keep_clear_interjections(
    words: Sequence[Word], voices: list[int], diarization: Diarization, samples: Floats | None
) -> list[int]:
    """Fold short runs of another voice back into the surrounding voice unless that voice is clear."""
    voices = list(voices)
    runs = _runs(voices)
    for k in range(1, len(runs) - 1):
        first, end, voice = runs[k]
        around = runs[k - 1][2]
        if runs[k + 1][2] != around or voice == around:
            continue
        start_ms, end_ms = _span_ms(words, first, end)
        if end_ms - start_ms >= SHORT_RUN_MS:
            continue
        if not _clear(samples, start_ms, end_ms, diarization, voice, around):
            voices[first:end] = [around] * (end - first)
    return voices


def _clear(samples: Floats | None, start_ms: int, end_ms: int, diarization: Diarization, voice: int, around: int) -> bool:
    if samples is None or end_ms - start_ms < MIN_EMBED_MS:
        return False
    if voice not in diarization.voices or around not in diarization.voices:
        return False
    rate = embedding.RATE
    piece = samples[start_ms * rate // 1000 : end_ms * rate // 1000]
    own = normalise(embedding.embed_samples(piece)[None])[0]
    return float(own @ diarization.voices[voice]) - float(own @ diarization.voices[around]) >= INTERJECTION_MARGIN


def speaker_turns(words: Sequence[Word], voices: Sequence[int], names: dict[int, str] | None = None) -> list[Turn]:
    """Turns of consecutive words of one voice, labelled with ``names`` or Speaker 1, 2, … in order of
    first appearance."""
    numbers: dict[int, int] = {}
    names = names or {}
    turns: list[Turn] = []
    previous: int | None = None
    for word, voice in zip(words, voices, strict=True):
        if turns and voice == previous:
            turns[-1].words.append(word)
            turns[-1].end_ms = word.end_ms if word.end_ms is not None else turns[-1].end_ms
            continue
        if voice in names:
            label = names[voice]
        else:
            label = SPEAKER_LABEL.format(numbers.setdefault(voice, len(numbers) + 1))
        turns.append(Turn(label, [word], word.start_ms, word.end_ms))
        previous = voice
    return turns


def label_words(
    words: Sequence[Word], diarization: Diarization, samples: Floats | None, names: dict[int, str] | None = None
) -> list[Turn]:
    """Speaker turns for ``words`` (see the module docstring); words said over another voice go to
    the voice saying them (overlap.py)."""
    voices = keep_clear_interjections(words, word_voices(words, diarization), diarization, samples)
    if samples is not None:
        voices = voices_in_overlap(words, voices, diarization, samples)
    return speaker_turns(words, voices, names)
