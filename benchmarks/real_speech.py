"""The LibriVox reading (tests/fixtures/real-speech) aligned from its plain text, against its reference onsets."""

from __future__ import annotations

import json

from podplayer.core.align import align_transcript
from podplayer.core.model import Transcript, Turn
from tests.conftest import REAL_SPEECH


def sonnet_line_starts() -> list[tuple[int, float]]:
    """For each line of the sonnet: (aligned start in ms, reference onset in seconds)."""
    lines = [
        x.strip()
        for x in (REAL_SPEECH / "sonnet001.txt").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    reference = json.loads((REAL_SPEECH / "sonnet001.reference.json").read_text(encoding="utf-8"))["lines"]
    aligned = align_transcript(
        Transcript([Turn.from_text("Reader", x) for x in lines]), REAL_SPEECH / "sonnet001.mp3"
    )
    return [(t.start_ms or 0, float(r["onset"])) for t, r in zip(aligned.turns, reference, strict=True)]
