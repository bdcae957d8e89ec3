"""Where speech is: stretches that rise above the quiet around them, on raw 16 kHz PCM."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from podplayer.core.align.speech_activity import Speech, speech_in


def _pcm(tmp_path: Path, parts: list[tuple[int, float]]) -> str:
    """Raw s16le audio of (milliseconds, amplitude) parts: a 220 Hz tone, or quiet noise at 0."""
    rng = np.random.default_rng(3)
    chunks = []
    for ms, amplitude in parts:
        t = np.arange(16 * ms) / 16_000
        chunks.append(amplitude * np.sin(2 * np.pi * 220 * t) + rng.normal(0, 30, len(t)))
    path = tmp_path / "a.pcm"
    path.write_bytes(np.concatenate(chunks).astype("<i2").tobytes())
    return str(path)


def test_speech_stretches_and_the_quiet_between_them(tmp_path: Path) -> None:
    pcm = _pcm(tmp_path, [(2000, 0), (600, 8000), (120, 0), (300, 8000), (900, 0), (400, 6000), (2000, 0)])
    found = speech_in(pcm, 0, 6320)
    # The 120 ms stop inside the first stretch is no pause; the 900 ms one is.
    assert [(round(s.start_ms, -1), round(s.end_ms, -1)) for s in found] == [(2000, 3020), (3920, 4320)]


def test_a_stretch_keeps_its_true_start_when_it_runs_into_the_window(tmp_path: Path) -> None:
    pcm = _pcm(tmp_path, [(2000, 0), (1500, 8000), (2000, 0)])
    assert speech_in(pcm, 3000, 4000) == [Speech(2000, 3500)]
    assert speech_in(pcm, 3600, 5500) == []  # only quiet there
