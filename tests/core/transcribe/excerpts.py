"""Short excerpts of the generated episodes, and their truth, for transcription tests."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from benchmarks.transcribe_scoring import load_truth

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
THREE_VOICES = FIXTURES / "three-voices" / "three-voices.mp3"
THREE_VOICES_TRUTH: dict[str, Any] = load_truth(THREE_VOICES.with_name("three-voices.truth.json"))


def cut(audio: Path, start_ms: int, end_ms: int, out: Path) -> Path:
    """``audio`` from ``start_ms`` to ``end_ms`` as a 16 kHz mono wav (real ffmpeg)."""
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-ss", f"{start_ms / 1000:.3f}",
         "-t", f"{(end_ms - start_ms) / 1000:.3f}", "-i", str(audio), "-ac", "1", "-ar", "16000", str(out)],
        check=True,
    )
    return out


def turn_boundary_before(truth: dict[str, object], ms: int) -> int:
    """The middle of the pause before the first truth turn starting after ``ms`` (a clean cut point)."""
    turns = truth["turns"]
    assert isinstance(turns, list)
    for previous, turn in zip(turns, turns[1:], strict=False):
        if turn["start_ms"] >= ms:
            return (int(previous["end_ms"]) + int(turn["start_ms"])) // 2
    raise ValueError("no turn starts after that time")
