"""``podplayer align``: a timed transcript out, progress on stderr, one-line errors with exit code 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.paths import SEED_EPISODE
from tests.conftest import real_speech
from tests.helpers_audio import DEMO_AUDIO


@pytest.mark.slow
def test_align_writes_word_level_podcast_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sonnet.json"
    audio, text = real_speech() / "sonnet001.mp3", real_speech() / "sonnet001.txt"
    assert main(["align", str(audio), str(text), "-o", str(out), "--words", "--jobs", "2"]) == 0
    segments = json.loads(out.read_text(encoding="utf-8"))["segments"]
    words = text.read_text(encoding="utf-8").split()
    assert [s["body"] for s in segments] == words
    starts = [s["startTime"] for s in segments]
    assert starts == sorted(starts)
    reference = json.loads((real_speech() / "sonnet001.reference.json").read_text())["lines"]
    assert abs(starts[0] - reference[0]["onset"]) <= 0.3
    assert abs(starts[1] - reference[1]["onset"]) <= 0.3  # "From", the first word of the first verse
    err = capsys.readouterr().err
    assert "%" in err and "words aligned" in err


@pytest.mark.slow
def test_align_writes_webvtt(tmp_path: Path) -> None:
    out = tmp_path / "sonnet.vtt"
    audio, text = real_speech() / "sonnet001.mp3", real_speech() / "sonnet001.txt"
    assert main(["align", str(audio), str(text), "-o", str(out), "--format", "vtt"]) == 0
    written = out.read_text(encoding="utf-8")
    assert written.startswith("WEBVTT") and "-->" in written and "fairest" in written and "niggarding" in written


def test_unreadable_audio_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(SEED_EPISODE), str(SEED_EPISODE), "-o", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and SEED_EPISODE.name in err and "audio" in err
    assert not (tmp_path / "x.json").exists()


def test_unreadable_transcript_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.srt"
    assert main(["align", str(DEMO_AUDIO), str(missing), "-o", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "missing.srt" in err


def test_bad_jobs_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["align", str(DEMO_AUDIO), str(SEED_EPISODE), "-o", str(tmp_path / "x.json"), "--jobs", "0"])
    assert exc.value.code == 2
