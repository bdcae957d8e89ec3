"""Shared transcript checks: binary/oversized files refused by ``read_transcript`` for every front end,
and timed transcripts checked against their audio's length."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from podplayer.core import transcript_checks
from podplayer.core.formats import read_transcript
from podplayer.core.model import PodplayerError, Transcript, TranscriptParseError, Turn, Word
from podplayer.core.transcript_checks import (
    END_TOLERANCE_MS,
    TranscriptMismatchError,
    check_against_audio,
    require_words,
)
from tests.helpers_audio import tone

GOOD_SRT = "1\n00:00:00,500 --> 00:00:03,000\nALEX: Hello and welcome.\n\n2\n00:00:03,500 --> 00:00:06,000\nSAM: Thanks.\n"


@pytest.fixture(scope="module")
def audio_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Real audio files written by ffmpeg, each named like a transcript (.srt)."""
    folder = tmp_path_factory.mktemp("audio")
    clip = tone(700)
    files = {}
    for fmt, codec in [("mp3", None), ("wav", None), ("ogg", "libvorbis"), ("flac", None), ("ipod", "aac")]:
        path = folder / f"{fmt}-audio.srt"
        clip.export(path, format=fmt, codec=codec)
        files[fmt] = path
    return files


@pytest.mark.parametrize("fmt", ["mp3", "wav", "ogg", "flac", "ipod"])
def test_real_audio_files_are_refused_as_transcripts(audio_files: dict[str, Path], fmt: str) -> None:
    with pytest.raises(TranscriptParseError) as info:
        read_transcript(audio_files[fmt])
    message = str(info.value)
    assert message.startswith(str(audio_files[fmt])) and "binary data" in message and "\n" not in message


def test_mp3_without_id3_tag_is_refused(audio_files: dict[str, Path], tmp_path: Path) -> None:
    data = audio_files["mp3"].read_bytes()
    assert data.startswith(b"ID3")
    size = 10 + int.from_bytes(bytes(b & 0x7F for b in data[6:10]), "big")  # ID3v2 syncsafe length
    bare = tmp_path / "bare.txt"
    bare.write_bytes(data[size:])
    assert bare.read_bytes()[0] == 0xFF
    with pytest.raises(TranscriptParseError, match="MPEG audio"):
        read_transcript(bare)


@pytest.mark.parametrize(
    "content",
    [
        bytes((i * 7919 + 13) % 256 for i in range(8192)),  # every byte value, NULs included
        bytes(range(1, 32)) * 200,  # control characters only, no NUL
        bytes((i * 31 + 7) % 96 + 128 for i in range(4000)),  # high bytes only: not UTF-8, C1 controls as latin-1
    ],
    ids=["random", "controls", "high-bytes"],
)
def test_binary_garbage_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "garbage.vtt"
    path.write_bytes(content)
    with pytest.raises(TranscriptParseError, match="binary data"):
        read_transcript(path)


@pytest.mark.parametrize(
    ("encoded", "needle"),
    [
        (GOOD_SRT.replace("welcome", "caf\u00e9").encode("latin-1"), "caf\u00e9"),
        (GOOD_SRT.replace("Thanks.", "\u201cThanks.\u201d").encode("cp1252"), "Thanks."),
        (GOOD_SRT.encode("utf-16"), "welcome"),
        (GOOD_SRT.encode("utf-32"), "welcome"),
        (GOOD_SRT.encode("utf-8-sig"), "welcome"),
        (GOOD_SRT.replace("\n", "\r\n").replace("Thanks", "Tab\there\fform").encode(), "here"),
    ],
    ids=["latin-1", "cp1252-quotes", "utf-16", "utf-32", "utf-8-bom", "crlf-tab-formfeed"],
)
def test_real_text_in_any_encoding_is_accepted(tmp_path: Path, encoded: bytes, needle: str) -> None:
    path = tmp_path / "ok.srt"
    path.write_bytes(encoded)
    transcript = read_transcript(path)
    assert len(transcript.turns) == 2 and needle in " ".join(t.text for t in transcript.turns)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: costs no disk and no time
        fh.truncate(transcript_checks.MAX_TRANSCRIPT_BYTES + 1)
    with pytest.raises(TranscriptParseError) as info:
        read_transcript(path)
    assert "huge.txt" in str(info.value) and "up to 50 MB" in str(info.value)


def test_size_limit_is_inclusive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "limit.srt"
    path.write_text(GOOD_SRT, encoding="utf-8")
    monkeypatch.setattr(transcript_checks, "MAX_TRANSCRIPT_BYTES", os.path.getsize(path))
    assert len(read_transcript(path).turns) == 2
    monkeypatch.setattr(transcript_checks, "MAX_TRANSCRIPT_BYTES", os.path.getsize(path) - 1)
    with pytest.raises(TranscriptParseError, match="MB"):
        read_transcript(path)


def _timed(*starts_ends: tuple[int | None, int | None]) -> Transcript:
    turns = [
        Turn(speaker="AB"[i % 2], words=[Word(f"w{i}", s, e)], start_ms=s, end_ms=e)
        for i, (s, e) in enumerate(starts_ends)
    ]
    return Transcript(turns=turns)


def test_times_going_backwards_are_refused() -> None:
    with pytest.raises(TranscriptMismatchError) as info:
        check_against_audio(_timed((3000, 4000), (1000, 2000)), 10_000, "order.srt")
    assert str(info.value) == "order.srt: timestamps go backwards at turn 2 (0:03 then 0:01)"


def test_untimed_turns_do_not_break_the_order() -> None:
    check_against_audio(_timed((1000, 2000), (None, None), (3000, 4000)), 10_000)
    with pytest.raises(TranscriptMismatchError, match="turn 3"):
        check_against_audio(_timed((5000, 6000), (None, None), (3000, 4000)), 10_000)


def test_running_past_the_audio_is_refused_beyond_the_tolerance() -> None:
    duration = 60_000
    check_against_audio(_timed((0, 1000), (2000, duration + END_TOLERANCE_MS)), duration)
    with pytest.raises(TranscriptMismatchError) as info:
        check_against_audio(_timed((0, 1000), (2000, duration + END_TOLERANCE_MS + 1)), duration, "late.vtt")
    assert str(info.value) == "late.vtt: timestamps run to 1:05 but the audio is 1:00 long"
    assert isinstance(info.value, PodplayerError)


def test_unknown_duration_checks_only_the_order() -> None:
    check_against_audio(_timed((0, 1000), (3_600_000, 3_601_000)), None)
    with pytest.raises(TranscriptMismatchError):
        check_against_audio(_timed((3_600_000, 3_601_000), (0, 1000)), None)


def test_a_transcript_without_words_is_refused() -> None:
    for empty in (Transcript(turns=[]), Transcript(turns=[Turn(speaker="A", words=[])])):
        with pytest.raises(TranscriptParseError, match="^blank.txt: the transcript has no words$"):
            require_words(empty, "blank.txt")
    require_words(_timed((0, 1000)), "fine.srt")
