"""The one list of media suffixes and the sidecar rule (core/formats/media.py)."""

from __future__ import annotations

from pathlib import Path

from podplayer.core.formats.detect import SUFFIX_FORMATS
from podplayer.core.formats.media import (
    AUDIO_SUFFIXES,
    TRANSCRIPT_SUFFIXES,
    file_patterns,
    find_sidecar,
    is_audio,
    is_transcript,
    split_media,
)


def test_every_detected_transcript_suffix_is_offered_and_audio_includes_audiobooks() -> None:
    assert set(TRANSCRIPT_SUFFIXES) == set(SUFFIX_FORMATS)
    assert {".m4b", ".aac", ".mp3", ".opus", ".flac"} <= set(AUDIO_SUFFIXES)
    assert not set(AUDIO_SUFFIXES) & set(TRANSCRIPT_SUFFIXES)
    assert is_audio(Path("Book.M4B")) and is_transcript(Path("talk.VTT")) and not is_audio(Path("talk.vtt"))
    assert file_patterns([".mp3", ".m4b"]) == "*.mp3 *.m4b"


def test_sidecar_prefers_timed_formats_and_ignores_case(tmp_path: Path) -> None:
    audio = tmp_path / "talk.mp3"
    audio.write_bytes(b"")
    assert find_sidecar(audio) is None
    (tmp_path / "talk.txt").write_text("x", encoding="utf-8")
    assert find_sidecar(audio) == tmp_path / "talk.txt"
    (tmp_path / "talk.SRT").write_text("x", encoding="utf-8")
    assert find_sidecar(audio) == tmp_path / "talk.SRT"
    (tmp_path / "talk.vtt").write_text("x", encoding="utf-8")
    assert find_sidecar(audio) == tmp_path / "talk.vtt"


def test_split_media_takes_files_in_any_order() -> None:
    assert split_media([Path("a.srt"), Path("b.notes"), Path("a.m4b")]) == (Path("a.m4b"), Path("a.srt"))
    assert split_media([Path("a.vtt")]) == (None, Path("a.vtt"))
    assert split_media([Path("a.xyz")]) == (None, None)
