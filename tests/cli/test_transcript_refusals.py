"""Every front end refuses the same bad transcripts: ``convert``, ``open`` and the window's import path
(``usecases/import_episode.import_episode``) share the checks in ``core/transcript_checks.py``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.core.model import PodplayerError
from podplayer.store.repository import Library
from podplayer.usecases.import_episode import import_episode
from tests.helpers_audio import silence, tone, write_audio

LATE_SRT = "1\n00:00:00,500 --> 00:00:02,000\nA: fine\n\n2\n01:00:00,000 --> 01:00:02,000\nB: an hour later\n"
GOOD_SRT = "1\n00:00:00,500 --> 00:00:02,000\nA: fine\n\n2\n00:00:02,500 --> 00:00:04,000\nB: still fine\n"


@pytest.fixture(scope="module")
def audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_audio(tone(2000) + silence(2000), tmp_path_factory.mktemp("media") / "episode.mp3")


def test_convert_refuses_an_audio_file(audio: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.srt"
    assert main(["convert", str(audio), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "episode.mp3" in captured.err and "MP3 audio" in captured.err
    assert not out.exists()


def test_convert_refuses_random_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(4096)))
    assert main(["convert", str(garbage), "-o", str(tmp_path / "out.md")]) == 1
    assert "binary data" in capsys.readouterr().err


def test_open_refuses_an_audio_file_as_transcript(audio: Path, db_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "podplayer", "--db", str(db_path), "open", str(audio), str(audio)],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "binary data" in result.stderr
    with Library(db_path) as library:
        assert all(e.audio_path != str(audio.resolve()) for e in library.episodes())


def test_window_import_checks_times_against_the_audio(audio: Path, db_path: Path) -> None:
    late, good = audio.parent / "late.srt", audio.parent / "good.srt"
    late.write_text(LATE_SRT, encoding="utf-8")
    good.write_text(GOOD_SRT, encoding="utf-8")
    with Library(db_path) as library:
        before = library.episodes()
        with pytest.raises(PodplayerError, match="late.srt: timestamps run to 1:00:02 but the audio is 0:04 long"):
            import_episode(library, audio, late)
        assert library.episodes() == before
        episode_id = import_episode(library, audio, good).episode_id
        assert [t.text for t in library.episode(episode_id).transcript.turns] == ["fine", "still fine"]


def test_window_import_refuses_binary_transcripts(audio: Path, db_path: Path) -> None:
    fake = audio.parent / "fake.vtt"
    fake.write_bytes(audio.read_bytes())
    with Library(db_path) as library:
        before = library.episodes()
        with pytest.raises(PodplayerError, match="fake.vtt: not a text transcript"):
            import_episode(library, audio, fake)
        assert library.episodes() == before
