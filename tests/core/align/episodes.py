"""Test episodes for alignment, built from the demo audio and its truth file with pydub.

A *section* is the first turns of the demo; a *disturbed* section adds noise before the speech,
music after it, 30 s of untranscribed speech between two turns, drops one turn's audio (the text
keeps it) and one turn's text (the audio keeps it). Each turn's true start moves with its audio.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydub import AudioSegment

from podplayer.core.model import Transcript, Turn
from tests.conftest import real_speech
from tests.helpers_audio import DEMO_AUDIO, DEMO_TRUTH, noise, write_audio

RATE = 16000


@dataclass
class TruthTurn:
    speaker: str
    text: str
    start_ms: int | None  # None: this turn's audio was removed
    sentence_starts: list[tuple[int, int]] = field(default_factory=list)  # (word index, start ms)


@dataclass
class Episode:
    audio: Path
    turns: list[TruthTurn]
    disturbed_turns: set[int] = field(default_factory=set)  # indexes whose audio was removed

    def transcript(self) -> Transcript:
        return Transcript([Turn.from_text(t.speaker, t.text) for t in self.turns])


def demo_turns(count: int) -> list[dict[str, object]]:
    turns: list[dict[str, object]] = json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))["turns"]
    return turns[:count]


def _truth_turn(raw: dict[str, object], shift_ms: int) -> TruthTurn:
    sentences = raw["sentences"]
    assert isinstance(sentences, list)
    starts: list[tuple[int, int]] = []
    index = 0
    for s in sentences:
        starts.append((index, int(s["start_ms"]) + shift_ms))
        index += len(str(s["text"]).split())
    text = " ".join(str(s["text"]) for s in sentences)
    return TruthTurn(str(raw["speaker"]), text, int(str(raw["start_ms"])) + shift_ms, starts)


def _turn_cuts(turns: list[dict[str, object]]) -> list[int]:
    """Audio cut points: the start, midway through each pause between turns, and after the last."""
    cuts = [0]
    for a, b in zip(turns, turns[1:], strict=False):
        cuts.append((int(str(a["end_ms"])) + int(str(b["start_ms"]))) // 2)
    cuts.append(int(str(turns[-1]["end_ms"])) + 600)
    return cuts


def demo_section(folder: Path, count: int) -> Episode:
    """The first ``count`` turns of the demo, cut after the last one."""
    turns = demo_turns(count)
    audio = AudioSegment.from_file(DEMO_AUDIO).set_channels(1).set_frame_rate(RATE)
    path = write_audio(audio[: _turn_cuts(turns)[-1]], folder / "section.mp3")
    return Episode(path, [_truth_turn(t, 0) for t in turns])


def music(ms: int, level_db: float = -18.0) -> AudioSegment:
    """Chords that change every half second over a soft beat: steady, pitched, speech-like in level."""
    t = np.arange(RATE * ms // 1000) / RATE
    roots = [220.0, 261.6, 196.0, 246.9]
    signal = np.zeros_like(t)
    for k, root in enumerate(roots * (ms // 2000 + 1)):
        part = (t >= k * 0.5) & (t < (k + 1) * 0.5)
        for ratio in (1.0, 1.26, 1.5, 2.0):
            signal[part] += np.sin(2 * np.pi * root * ratio * t[part])
    beat = np.exp(-((t % 0.5) * 30.0))
    signal = signal / 4 * (0.6 + 0.4 * beat)
    pcm = (signal * 32767 * 10 ** (level_db / 20)).astype("<i2")
    return AudioSegment(pcm.tobytes(), frame_rate=RATE, sample_width=2, channels=1)


def disturbed_section(folder: Path, count: int, insert_after: int, no_audio: int, no_text: int) -> Episode:
    """A demo section with noise, music, an untranscribed passage, a turn without audio or text."""
    turns = demo_turns(count)
    cuts = _turn_cuts(turns)
    demo = AudioSegment.from_file(DEMO_AUDIO).set_channels(1).set_frame_rate(RATE)
    chatter = AudioSegment.from_file(real_speech() / "sonnet001.mp3").set_channels(1).set_frame_rate(RATE)[:30_000]
    out = noise(10_000, level_db=-35.0, rate=RATE, seed=7)
    truth: list[TruthTurn] = []
    disturbed: set[int] = set()
    for i, raw in enumerate(turns):
        piece = demo[cuts[i] : cuts[i + 1]]
        shift = len(out) - cuts[i]
        if i == no_audio:
            turn = _truth_turn(raw, 0)
            turn.start_ms = None
            disturbed.add(len(truth))
        else:
            turn = _truth_turn(raw, shift)
            out += piece
        if i != no_text:
            truth.append(turn)
        if i == insert_after:
            out += chatter
    out += music(20_000)
    path = write_audio(out, folder / "disturbed.mp3")
    return Episode(path, truth, disturbed)
