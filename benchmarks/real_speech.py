"""The LibriVox reading (shared fixtures, real-speech) aligned from its plain text, against its reference onsets."""

from __future__ import annotations

import json

from benchmarks.real_data import SHARED_MISSING, shared_fixture
from podplayer.core.align import align_transcript
from podplayer.core.model import Transcript, Turn


def sonnet_line_starts() -> list[tuple[int, float]]:
    """For each line of the sonnet: (aligned start in ms, reference onset in seconds)."""
    folder = shared_fixture("real-speech")
    if folder is None:
        raise FileNotFoundError(f"{SHARED_MISSING}: no real-speech")
    lines = [x.strip() for x in (folder / "sonnet001.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    reference = json.loads((folder / "sonnet001.reference.json").read_text(encoding="utf-8"))["lines"]
    aligned = align_transcript(Transcript([Turn.from_text("Reader", x) for x in lines]), folder / "sonnet001.mp3")
    return [(t.start_ms or 0, float(r["onset"])) for t, r in zip(aligned.turns, reference, strict=True)]
