"""The conversation fixtures: generated ones with exact truth, and a real meeting (AMI)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from podplayer.core.model import Transcript, Turn
from tests.conftest import FIXTURES, shared

GENERATED = FIXTURES / "conversation"


@dataclass(frozen=True)
class Conversation:
    audio: Path
    transcript: Transcript
    truth: list[dict[str, object]]  # per turn: start_ms, and flags (backchannel, overlap, ...)

    def start_errors_ms(self, aligned: Transcript) -> list[int]:
        """Signed error of each turn start (aligned minus true)."""
        return [
            int(a.start_ms or 0) - int(str(t["start_ms"]))
            for a, t in zip(aligned.turns, self.truth, strict=True)
        ]


def _turns(text_file: Path) -> Transcript:
    turns = []
    for line in text_file.read_text(encoding="utf-8").splitlines():
        speaker, _, text = line.partition(": ")
        turns.append(Turn.from_text(speaker, text))
    return Transcript(turns)


def generated(number: int) -> Conversation:
    stem = GENERATED / f"conv-{number}"
    truth = json.loads(Path(f"{stem}.truth.json").read_text(encoding="utf-8"))["turns"]
    return Conversation(Path(f"{stem}.mp3"), _turns(Path(f"{stem}.txt")), truth)


def meeting() -> Conversation:
    stem = shared("real-conversation") / "ami-es2004a-0750"
    reference = json.loads(Path(f"{stem}.reference.json").read_text(encoding="utf-8"))["turns"]
    truth = [{**t, "start_ms": round(float(t["start"]) * 1000)} for t in reference]
    return Conversation(Path(f"{stem}.flac"), _turns(Path(f"{stem}.txt")), truth)


def short_turns() -> Conversation:
    """Long turns answered after a pause of 1-1.7 s by short turns that overlap nothing."""
    stem = GENERATED / "short-turns"
    truth = json.loads(Path(f"{stem}.truth.json").read_text(encoding="utf-8"))["turns"]
    return Conversation(Path(f"{stem}.mp3"), _turns(Path(f"{stem}.txt")), truth)
