"""Ad-shifted episodes with exact truth, for sync-check and re-sync tests and benchmarks.

A *program* is a list of spoken turns (the demo's flite voices) with the pauses between them. It is
rendered to audio with ads inserted midway through chosen pauses: an ad is read speech that is not in
the transcript (the LibriVox sonnet, another voice) over a two-tone bed. From one program come four
variants, each with the transcript a publisher would have and the truth in the audio's time base:

- ``original``: the clean audio and its own timings (nothing to find);
- ``ads``: the audio with a pre-roll and mid-roll ads, the transcript timed for the clean audio;
- ``removed``: the clean audio, the transcript timed for the audio with ads;
- ``offset``: the clean audio, every transcript time 2 s late.

``repeats_variants`` makes programs whose passages recur every loop, with and without a pre-roll,
for the aligner (given the text without times) rather than the sync check.
"""

from __future__ import annotations

import json
import random
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydub import AudioSegment
from pydub.generators import Sine

from podplayer.core.model import Transcript, Turn
from tests.conftest import real_speech

RATE = 16000
ROOT = Path(__file__).resolve().parents[3]
DEMO_AUDIO = ROOT / "resources" / "demo" / "demo-episode.mp3"
DEMO_TRUTH = ROOT / "resources" / "demo" / "demo-episode.truth.json"
LEAD_IN_MS = 1500
OFFSET_MS = 2000


@dataclass(frozen=True)
class ProgramTurn:
    speaker: str
    text: str
    pcm: np.ndarray  # int16 mono at RATE
    pause_after_ms: int


@dataclass(frozen=True)
class TrueStretch:
    kind: str  # "inserted", "removed" or "offset"
    start_ms: int
    end_ms: int
    seconds: float


@dataclass
class Variant:
    name: str
    audio: Path
    transcript: Transcript  # as published: turn-level times, maybe for another cut of the audio
    true_starts: list[int]  # where each transcript turn really starts in ``audio``
    stretches: list[TrueStretch] = field(default_factory=list)


def _pcm(segment: AudioSegment) -> np.ndarray:
    seg = segment.set_channels(1).set_frame_rate(RATE).set_sample_width(2)
    return np.frombuffer(seg.raw_data, dtype="<i2").copy()


def demo_program() -> list[ProgramTurn]:
    """The demo episode's 32 turns with their own pauses."""
    truth = json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))["turns"]
    pcm = _pcm(AudioSegment.from_file(DEMO_AUDIO))
    out: list[ProgramTurn] = []
    for i, t in enumerate(truth):
        clip = pcm[t["start_ms"] * RATE // 1000 : t["end_ms"] * RATE // 1000]
        pause = truth[i + 1]["start_ms"] - t["end_ms"] if i + 1 < len(truth) else 1500
        text = " ".join(s["text"] for s in t["sentences"])
        out.append(ProgramTurn(t["speaker"], text, clip, pause))
    return out


def long_program(
    minutes: float, seed: int = 1, lead_in_ms: int = 0, loop_turns: int | None = None
) -> list[ProgramTurn]:
    """Demo turns shuffled and repeated until ``minutes`` are filled, 0.6-0.9 s apart.

    The same text recurs every loop in another order, as recurring segments do in real shows. Each
    loop is the demo's first ``loop_turns`` turns (all 32, about 7 minutes, by default).
    ``lead_in_ms`` of silence before the first turn count towards the ``minutes``.
    """
    turns = demo_program()[:loop_turns]
    rng = random.Random(seed)
    out: list[ProgramTurn] = []
    total = lead_in_ms
    while total < minutes * 60_000:
        order = list(range(len(turns)))
        rng.shuffle(order)
        for i in order:
            turn = turns[i]
            pause = rng.randint(600, 900)
            out.append(ProgramTurn(turn.speaker, turn.text, turn.pcm, pause))
            total += len(turn.pcm) * 1000 // RATE + pause
            if total >= minutes * 60_000:
                break
    return out


def ad(ms: int, seed: int = 0) -> np.ndarray:
    """``ms`` of an ad: read speech (not in any transcript) over a soft two-tone bed."""
    speech = AudioSegment.from_file(real_speech() / "sonnet001.mp3").set_channels(1).set_frame_rate(RATE)
    start = random.Random(seed).randint(0, 20_000)
    voice = speech[start:]
    while len(voice) < ms:
        voice += speech
    bed = Sine(220, sample_rate=RATE).to_audio_segment(duration=ms, volume=-26.0)
    bed = bed.overlay(Sine(330, sample_rate=RATE).to_audio_segment(duration=ms, volume=-28.0))
    return _pcm(bed.set_channels(1).overlay(voice[:ms] - 2))


@dataclass
class Rendered:
    parts: list[np.ndarray]  # the audio in order (turns are views of the demo's samples)
    starts: list[int]
    ends: list[int]
    ads: list[tuple[int, int]]  # (start, end) of each ad in this audio
    ad_points: list[int]  # where each ad would sit in the audio without ads
    duration_ms: int


def render(program: list[ProgramTurn], ads: dict[int, int]) -> Rendered:
    """The program's audio with ``ads`` (turn index -> ad ms; -1 is a pre-roll) after those turns."""
    parts: list[np.ndarray] = []
    position = 0
    clean = 0  # the same moment in the audio without ads
    starts: list[int] = []
    ends: list[int] = []
    spans: list[tuple[int, int]] = []
    points: list[int] = []

    def add(pcm: np.ndarray) -> None:
        nonlocal position
        parts.append(pcm)
        position += len(pcm) * 1000 // RATE

    def silence(ms: int) -> None:
        nonlocal clean
        add(np.zeros(ms * RATE // 1000, dtype="<i2"))
        clean += ms

    def insert(index: int) -> None:
        if index in ads:
            points.append(clean)
            begin = position
            add(ad(ads[index], seed=index + 2))
            spans.append((begin, position))

    insert(-1)
    silence(LEAD_IN_MS)
    for i, turn in enumerate(program):
        starts.append(position)
        add(turn.pcm)
        clean += len(turn.pcm) * 1000 // RATE
        ends.append(position)
        half = turn.pause_after_ms // 2
        silence(half)
        insert(i)
        silence(turn.pause_after_ms - half)
    return Rendered(parts, starts, ends, spans, points, position)


def _transcript(program: list[ProgramTurn], rendered: Rendered, shift_ms: int = 0) -> Transcript:
    turns = [
        Turn.from_text(t.speaker, t.text, s + shift_ms, e + shift_ms)
        for t, s, e in zip(program, rendered.starts, rendered.ends, strict=True)
    ]
    return Transcript(turns, title="Ad test")


def encode(pcm: np.ndarray | Iterable[np.ndarray], path: Path, bitrate: str = "48k") -> Path:
    """Encode mono 16 kHz samples (one array or parts in order) to mp3 with ffmpeg, streamed: hours of
    audio never sit in memory at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    encoder = subprocess.Popen(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "pipe:0",
         "-c:a", "libmp3lame", "-b:a", bitrate, str(path)],
        stdin=subprocess.PIPE,
    )  # fmt: skip
    assert encoder.stdin is not None
    with encoder.stdin:
        for part in [pcm] if isinstance(pcm, np.ndarray) else pcm:
            encoder.stdin.write(part.astype("<i2").tobytes())
    if encoder.wait() != 0:
        raise RuntimeError(f"ffmpeg failed to encode {path.name}")
    return path


def variants(
    program: list[ProgramTurn], ads: dict[int, int], folder: Path, names: tuple[str, ...] | None = None
) -> dict[str, Variant]:
    """The four variants of ``program`` (or those named), audio written into ``folder``."""
    names = names or ("original", "ads", "removed", "offset")
    clean = render(program, {})
    shifted = render(program, ads)
    out: dict[str, Variant] = {}
    clean_audio = folder / "clean.mp3"
    if {"original", "removed", "offset"} & set(names):
        encode(clean.parts, clean_audio)
    if "original" in names:
        out["original"] = Variant("original", clean_audio, _transcript(program, clean), clean.starts)
    if "ads" in names:
        inserted = [TrueStretch("inserted", a, b, (b - a) / 1000) for a, b in shifted.ads]
        audio = encode(shifted.parts, folder / "ads.mp3")
        out["ads"] = Variant("ads", audio, _transcript(program, clean), shifted.starts, inserted)
    if "removed" in names:
        removed = [
            TrueStretch("removed", p, p, (b - a) / 1000)
            for p, (a, b) in zip(shifted.ad_points, shifted.ads, strict=True)
        ]
        out["removed"] = Variant("removed", clean_audio, _transcript(program, shifted), clean.starts, removed)
    if "offset" in names:
        offset = [TrueStretch("offset", 0, clean.duration_ms, -OFFSET_MS / 1000)]
        transcript = _transcript(program, clean, OFFSET_MS)
        out["offset"] = Variant("offset", clean_audio, transcript, clean.starts, offset)
    return out


@dataclass(frozen=True)
class Score:
    found: int  # true stretches found within TOLERANCE_MS
    missed: list[TrueStretch]
    false: list[tuple[str, int, int]]  # found stretches matching no true one
    within_250: float  # share of turn starts within 250 ms after re-sync
    median_ms: float  # median absolute turn-start error after re-sync


TOLERANCE_MS = 1000


def score(variant: Variant, stretches: list[tuple[str, int, int, float]], resynced: Transcript) -> Score:
    """Compare what a check found ((kind, start, end, seconds) each) and the re-synced times with truth."""
    unmatched = list(stretches)
    missed: list[TrueStretch] = []
    for true in variant.stretches:
        match = next(
            (
                s for s in unmatched
                if s[0] == true.kind
                and abs(s[1] - true.start_ms) <= TOLERANCE_MS
                and abs(s[2] - true.end_ms) <= TOLERANCE_MS
                and abs(s[3] - true.seconds) <= TOLERANCE_MS / 1000
            ),
            None,
        )  # fmt: skip
        if match is None:
            missed.append(true)
        else:
            unmatched.remove(match)
    errors = start_errors(variant, resynced)
    within = sum(1 for e in errors if e <= 250) / len(errors)
    median = float(np.median(errors))
    return Score(
        len(variant.stretches) - len(missed), missed, [(k, a, b) for k, a, b, _ in unmatched], within, median
    )


def start_errors(variant: Variant, timed: Transcript) -> list[int]:
    """How far each turn of ``timed`` starts from where it really starts in the variant's audio (ms)."""
    return [
        abs((turn.start_ms or 0) - true) for turn, true in zip(timed.turns, variant.true_starts, strict=True)
    ]


# Recurring passages: loops of the demo's first 18 turns (about 257 s each) in a new order every time.
REPEAT_LOOP_TURNS = 18
PRE_ROLL_MS = 15_000


def repeats_variants(minutes: float, seed: int, folder: Path, names: tuple[str, ...]) -> dict[str, Variant]:
    """A program whose passages recur every loop, without (``original``) and with a 15 s pre-roll ad
    (``ads``). Before anchors were chained over the whole episode, a pre-roll could make the aligner
    match a passage to its next repetition and stay one loop off."""
    program = long_program(minutes, seed, loop_turns=REPEAT_LOOP_TURNS)
    return variants(program, {-1: PRE_ROLL_MS}, folder, names)


def untimed(transcript: Transcript) -> Transcript:
    """The same turns without any time: what the aligner is given."""
    return Transcript([Turn.from_text(t.speaker, t.text) for t in transcript.turns], title=transcript.title)
