"""Voices learnt from a speaker's own turns find their short turns said over someone else."""

from __future__ import annotations

import subprocess
from pathlib import Path

from podplayer.core.align.voice_spotting import Voices, VoiceSpan
from tests.core.align.conversations import Conversation, generated, meeting


def _pcm(audio: Path, folder: Path) -> str:
    """The raw 16 kHz mono samples the aligner reads, decoded by ffmpeg."""
    out = folder / f"{audio.stem}.pcm"
    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-i",
            str(audio),
            "-ac",
            "1",
            "-ar",
            "16000",
            "-f",
            "s16le",
            str(out),
        ],
        check=True,
    )
    return str(out)


def _own_turns(found: Conversation) -> list[VoiceSpan]:
    return [
        VoiceSpan(str(t["speaker"]), int(str(t["start_ms"])), int(str(t["end_ms"])))
        for t in found.truth
        if not t.get("backchannel")
    ]


def test_backchannel_is_found_in_the_turn_it_was_said_over(tmp_path: Path) -> None:
    found = generated(2)
    spans = _own_turns(found)
    voices = Voices.learn(_pcm(found.audio, tmp_path), spans)
    errors = []
    for i, turn in enumerate(found.truth):
        if not turn.get("backchannel"):
            continue
        host = found.truth[i - 1]
        speaker = str(turn["speaker"])
        over = [s for s in spans if s.speaker != speaker]
        avoid = [(s.start_ms, s.end_ms) for s in spans if s.speaker == speaker]
        spotted = voices.spot(speaker, int(str(host["start_ms"])), int(str(host["end_ms"])), 500, over, avoid)
        assert spotted is not None
        errors.append(spotted.start_ms - int(str(turn["start_ms"])))
    assert errors and all(abs(e) <= 250 for e in errors), errors


def test_a_span_never_touches_what_it_must_avoid_nor_leaves_the_turns_it_was_said_over(
    tmp_path: Path,
) -> None:
    found = generated(2)
    spans = _own_turns(found)
    voices = Voices.learn(_pcm(found.audio, tmp_path), spans)
    host = spans[1]
    speaker = next(s.speaker for s in spans if s.speaker != host.speaker)
    middle = (host.start_ms + host.end_ms) // 2
    spotted = voices.spot(speaker, host.start_ms, host.end_ms, 500, [host], [(host.start_ms, middle)])
    assert spotted is not None and middle <= spotted.start_ms <= host.end_ms - 500
    assert voices.spot(speaker, host.start_ms, host.end_ms, 500, [], []) is None  # over nobody
    assert voices.spot("NOBODY", host.start_ms, host.end_ms, 500, [host], []) is None  # no model


def test_studio_voices_are_distinct_a_meeting_rooms_mostly_not(tmp_path: Path) -> None:
    studio = generated(1)
    voices = Voices.learn(_pcm(studio.audio, tmp_path), _own_turns(studio))
    assert all(voices.is_distinct(s.speaker) for s in _own_turns(studio))
    room = meeting()
    own = [
        VoiceSpan(str(t["speaker"]), int(str(t["start_ms"])), round(float(str(t["end"])) * 1000))
        for t in room.truth
        if not t.get("overlap")
    ]
    own += [
        VoiceSpan(str(t["speaker"]), int(str(t["start_ms"])), round(float(str(t["end"])) * 1000))
        for t in room.truth
        if t.get("overlap") and float(str(t["end"])) - float(str(t["start"])) > 5
    ]
    voices = Voices.learn(_pcm(room.audio, tmp_path), own)
    assert not all(voices.is_distinct(s.speaker) for s in own)
