"""Chapters embedded in real audio: ID3 CHAP/CTOC written by mutagen, MP4 chapters written by ffmpeg."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from podplayer.core.chapters import (
    ChapterError,
    read_embedded_chapters,
    read_ffprobe_chapters,
    read_id3_chapters,
)
from tests.helpers_audio import tone_file
from tests.helpers_chapters import m4a_with_chapters, mp3_with_id3_chapters

SPECS = [(0.0, 2.0, "Cold open"), (2.0, 4.5, "Interview — part one"), (4.5, 6.0, "Outro")]


def test_id3_chapters_written_by_mutagen_are_read_with_titles_times_and_links(tmp_path: Path) -> None:
    path = mp3_with_id3_chapters(tmp_path / "ep.mp3", SPECS, urls={1: "https://example.com/interview"})
    chapters = read_id3_chapters(path)
    assert [(c.start, c.end, c.title) for c in chapters] == SPECS
    assert chapters[1].url == "https://example.com/interview"
    assert chapters[0].url is None
    assert read_embedded_chapters(path) == chapters


def test_id3_chapters_follow_the_table_of_contents_and_sort_by_time(tmp_path: Path) -> None:
    # The CTOC lists only two of the three chapters, in reverse order.
    path = mp3_with_id3_chapters(tmp_path / "ep.mp3", SPECS, toc_order=[2, 0])
    chapters = read_id3_chapters(path)
    assert [c.title for c in chapters] == ["Cold open", "Outro"]


def test_ffmpeg_reads_the_same_id3_chapters(tmp_path: Path) -> None:
    """An independent reader (ffmpeg's ID3 demuxer) agrees with ours on the file we wrote."""
    path = mp3_with_id3_chapters(tmp_path / "ep.mp3", SPECS)
    assert [c.title for c in read_ffprobe_chapters(path)] == [c.title for c in read_id3_chapters(path)]


def test_m4a_chapters_written_by_ffmpeg_are_read_back(tmp_path: Path) -> None:
    path = m4a_with_chapters(tmp_path / "ep.m4a", SPECS)
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(path)], capture_output=True, text=True
    )
    assert len(json.loads(probe.stdout)["chapters"]) == 3  # the file really carries them
    chapters = read_embedded_chapters(path)
    assert [c.title for c in chapters] == [s[2] for s in SPECS]
    for chapter, (start, end, _) in zip(chapters, SPECS, strict=True):
        assert chapter.start == pytest.approx(start, abs=0.001)
        assert chapter.end == pytest.approx(end, abs=0.001)


def test_audio_without_chapters_gives_an_empty_list(tmp_path: Path) -> None:
    assert read_embedded_chapters(tone_file(tmp_path / "plain.mp3")) == []
    assert read_embedded_chapters(tone_file(tmp_path / "plain.m4a")) == []
    assert read_id3_chapters(tone_file(tmp_path / "plain.wav")) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a readable audio file"),
        (b"this is a text file, not audio\n" * 20, "not a readable audio file"),
    ],
)
def test_files_that_are_not_audio_are_refused_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.m4a"
    path.write_bytes(content)
    with pytest.raises(ChapterError, match=message) as info:
        read_embedded_chapters(path)
    assert str(path) in str(info.value)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ChapterError, match="no such file"):
        read_embedded_chapters(tmp_path / "gone.mp3")
    with pytest.raises(ChapterError, match="is a folder"):
        read_embedded_chapters(tmp_path)


def test_a_damaged_id3_tag_is_refused_by_the_id3_reader(tmp_path: Path) -> None:
    path = tmp_path / "broken.mp3"
    # An ID3v2.3 header claiming a 1 MB tag that is not there, then garbage.
    path.write_bytes(b"ID3\x03\x00\x00\x00\x40\x00\x00" + b"\xff" * 64)
    with pytest.raises(ChapterError, match=str(path.name)):
        read_id3_chapters(path)
