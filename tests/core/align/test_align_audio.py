"""Alignment on real decoded audio: the demo, real human speech, and a disturbed episode."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import psutil
import pytest

from podplayer.core.align import AlignError, align_transcript
from podplayer.core.jobs import Cancelled, CancelToken
from podplayer.core.model import AudioError, Timing, Transcript, Turn
from tests.conftest import real_speech
from tests.core.align.episodes import Episode, demo_section, disturbed_section
from tests.helpers_typing import present

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def section(tmp_path_factory: pytest.TempPathFactory) -> Episode:
    return demo_section(tmp_path_factory.mktemp("demo"), count=12)


@pytest.fixture(scope="module")
def section_aligned(section: Episode) -> Transcript:
    return align_transcript(section.transcript(), section.audio, jobs=2)


def test_demo_turn_and_sentence_starts(section: Episode, section_aligned: Transcript) -> None:
    turn_errors = [
        abs(present(a.start_ms) - present(t.start_ms)) for a, t in zip(section_aligned.turns, section.turns, strict=True)
    ]
    within = sum(e <= 250 for e in turn_errors) / len(turn_errors)
    assert within >= 0.98, turn_errors
    assert statistics.median(turn_errors) <= 50, turn_errors
    sentence_errors = [
        abs(present(aligned.words[index].start_ms) - start)
        for aligned, truth in zip(section_aligned.turns, section.turns, strict=True)
        for index, start in truth.sentence_starts
    ]
    assert statistics.median(sentence_errors) <= 80, sentence_errors


def test_every_word_is_timed_in_order_and_text_is_unchanged(
    section: Episode, section_aligned: Transcript
) -> None:
    original = section.transcript()
    assert [t.text for t in section_aligned.turns] == [t.text for t in original.turns]
    assert section_aligned.timing is Timing.WORD and not section_aligned.estimated
    words = [w for t in section_aligned.turns for w in t.words]
    starts = [present(w.start_ms) for w in words]
    assert starts == sorted(starts)
    assert all(w.end_ms is not None and w.start_ms is not None and w.end_ms >= w.start_ms for w in words)
    assert all(w.confidence is not None and 0.0 <= w.confidence <= 1.0 for w in words)
    for turn in section_aligned.turns:
        assert turn.start_ms == turn.words[0].start_ms and turn.end_ms == turn.words[-1].end_ms
    assert original.turns[0].words[0].start_ms is None  # the input was not modified


def test_real_speech_line_starts() -> None:
    lines = [
        line.strip() for line in (real_speech() / "sonnet001.txt").read_text().splitlines() if line.strip()
    ]
    reference = json.loads((real_speech() / "sonnet001.reference.json").read_text())["lines"]
    transcript = Transcript([Turn.from_text("Reader", line) for line in lines])
    aligned = align_transcript(transcript, real_speech() / "sonnet001.mp3", jobs=2)
    errors = [abs(present(t.start_ms) / 1000 - r["onset"]) for t, r in zip(aligned.turns, reference, strict=True)]
    assert sum(e <= 0.3 for e in errors) / len(errors) >= 0.90, errors
    signed = [present(t.start_ms) / 1000 - r["onset"] for t, r in zip(aligned.turns, reference, strict=True)]
    assert abs(statistics.median(signed)) <= 0.030, signed  # no systematic early (or late) bias


def test_disturbed_episode_recovers(tmp_path: Path) -> None:
    episode = disturbed_section(tmp_path, count=12, insert_after=4, no_audio=7, no_text=9)
    aligned = align_transcript(episode.transcript(), episode.audio, jobs=2)
    errors = [
        abs(present(a.start_ms) - present(t.start_ms))
        for i, (a, t) in enumerate(zip(aligned.turns, episode.turns, strict=True))
        if i not in episode.disturbed_turns
    ]
    assert sum(e <= 250 for e in errors) / len(errors) >= 0.95, errors
    # The words of the turn the audio lacks cannot be placed well, and say so.
    (lost,) = episode.disturbed_turns
    assert statistics.mean(w.confidence or 0.0 for w in aligned.turns[lost].words) < 0.5
    placed = [
        w.confidence or 0.0
        for i, t in enumerate(aligned.turns)
        if i not in episode.disturbed_turns
        for w in t.words
    ]
    assert statistics.mean(placed) > 0.7


def test_cancel_stops_workers_and_returns_nothing(section: Episode) -> None:
    token = CancelToken()
    seen: list[str] = []

    def progress(done: float, total: float, message: str = "") -> None:
        seen.append(message)
        if done > 0.1:
            token.cancel()

    with pytest.raises(Cancelled):
        align_transcript(section.transcript(), section.audio, jobs=2, progress=progress, cancel=token)
    assert seen
    assert _worker_processes() == []


def test_unreadable_audio_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.mp3"
    bad.write_text("not audio at all")
    with pytest.raises(AudioError, match="notes.mp3"):
        align_transcript(Transcript([Turn.from_text("A", "hello there")]), bad)


def test_transcript_without_words_is_a_clear_error(section: Episode) -> None:
    with pytest.raises(AlignError, match="no words"):
        align_transcript(Transcript([Turn.from_text("A", "— …")]), section.audio)


def _worker_processes() -> list[str]:
    """Live child processes other than multiprocessing's resource tracker (it serves the whole run)."""
    alive = []
    for child in psutil.Process().children(recursive=True):
        try:
            cmdline = " ".join(child.cmdline())
            if child.status() != psutil.STATUS_ZOMBIE and "resource_tracker" not in cmdline:
                alive.append(cmdline)
        except psutil.NoSuchProcess:
            continue
    return alive
