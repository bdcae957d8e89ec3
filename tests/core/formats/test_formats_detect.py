"""Format detection from content, encodings, and format names."""

from __future__ import annotations

import codecs

import pytest

from podplayer.core.formats import (
    FORMATS,
    WRITABLE_FORMATS,
    UnknownFormatError,
    decode_bytes,
    detect_format,
    normalise_format,
    parse_transcript,
)
from tests.conftest import FIXTURES

T = FIXTURES / "transcripts"


@pytest.mark.parametrize(
    ("fixture", "fmt"),
    [
        ("carried_speakers.srt", "srt"),
        ("carried_speakers.crlf.srt", "srt"),
        ("long_episode.vtt", "vtt"),
        ("segments.json", "podcast-json"),
        ("words.json", "podcast-json"),
        ("whisper.json", "whisper-json"),
        ("whisperx.json", "whisper-json"),
        ("labels.txt", "audacity"),
        ("transcript.html", "podcast-html"),
        ("plain.txt", "text"),
        ("notes.md", "md"),
    ],
)
def test_detects_fixture_by_content_not_name(fixture: str, fmt: str) -> None:
    text = decode_bytes((T / fixture).read_bytes())
    assert detect_format(text) == fmt
    assert detect_format(text, name="misleading.txt") == fmt


def test_name_only_breaks_ties() -> None:
    assert detect_format("Just some words.\n", name="notes.md") == "md"
    assert detect_format("Just some words.\n", name="notes.txt") == "text"
    assert detect_format("1\n00:00:01,000 --> 00:00:02,000\nhi\n", name="x.md") == "srt"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "Ünïcode\r\nline".encode(), "Ünïcode\nline"),
        ("Ünïcode\rline".encode("utf-16"), "Ünïcode\nline"),
        (codecs.BOM_UTF16_BE + "BE text".encode("utf-16-be"), "BE text"),
        ("naïve".encode("latin-1"), "naïve"),
        (b"plain\n", "plain\n"),
        (b"", ""),
    ],
)
def test_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_format_names_and_aliases() -> None:
    assert normalise_format("JSON") == "podcast-json"
    assert normalise_format(".vtt") == "vtt"
    assert normalise_format("markdown") == "md"
    assert set(WRITABLE_FORMATS) <= set(FORMATS)
    with pytest.raises(UnknownFormatError, match="unknown transcript format 'docx'"):
        normalise_format("docx")


def test_explicit_format_overrides_detection() -> None:
    text = "1.0\t2.0\tAMY: hello\n"
    assert parse_transcript(text).metadata["source_format"] == "audacity"
    as_text = parse_transcript(text, "text")
    assert as_text.turns[0].text == "1.0 2.0 AMY: hello"
