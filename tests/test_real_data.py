"""The real-voice data kept outside the repository: the pyannote sample read out of its wheel, the shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.real_data import SHARED_ENV, PyannoteSample, shared_fixture, shared_fixtures_dir
from podplayer.core.audio import probe_duration_ms


def test_the_pyannote_sample_pairs_its_transcript_with_its_speaker_turns(pyannote: PyannoteSample) -> None:
    turns = pyannote.turns()
    assert [t.speaker for t in turns[:3]] == ["Diane", "Sheila", "Diane"]
    assert all(a.speaker != b.speaker for a, b in zip(turns, turns[1:], strict=False))
    starts = [t.start_ms for t in turns]
    assert starts == sorted(starts) and starts[0] == 6690  # the call opens with 6.7 s of silence
    assert turns[2].text == "Oh, hello. I didn't know you were there."
    assert abs(probe_duration_ms(pyannote.audio) - 30_000) < 100
    transcript = pyannote.transcript()
    assert [t.text for t in transcript.turns] == [t.text for t in turns]
    assert all(t.start_ms is None for t in transcript.turns)  # the aligner gets no times


def test_shared_fixtures_come_from_the_environment_or_next_to_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "real-speech").mkdir()
    monkeypatch.setenv(SHARED_ENV, str(tmp_path))
    assert shared_fixtures_dir() == tmp_path
    assert shared_fixture("real-speech") == tmp_path / "real-speech"
    assert shared_fixture("real-conversation") is None
    monkeypatch.setenv(SHARED_ENV, str(tmp_path / "absent"))
    assert shared_fixtures_dir() is None and shared_fixture("real-speech") is None
