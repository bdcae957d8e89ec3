"""What the writers emit: cue layout, speaker marks, inline timestamps, JSON numbers, atomic files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from podplayer.core.formats import (
    TranscriptWriteError,
    UnknownFormatError,
    format_transcript,
    parse_transcript,
    read_transcript,
    write_transcript,
)
from podplayer.core.formats.cue_layout import LINE_CHARS
from podplayer.core.model import Transcript, Turn, Word
from podplayer.paths import SEED_EPISODE


def timed_seed() -> Transcript:
    """The seed with made-up turn times (60 ms per character, 500 ms gaps)."""
    t = read_transcript(SEED_EPISODE)
    pos = 0
    for turn in t.turns:
        turn.start_ms = pos
        pos += 60 * len(turn.text)
        turn.end_ms = pos
        pos += 500
    return t


def word_timed() -> Transcript:
    words = [Word("Hello", 1000, 1400), Word("big", 1500, 1800), Word("world", 2000, 2600)]
    return Transcript([Turn("AMY", words, 1000, 2600), Turn.from_text("BOB", "Yes indeed", 3000, 4000)])


def srt_cues(text: str) -> list[list[str]]:
    return [block.split("\n") for block in text.strip().split("\n\n")]


def test_srt_cues_have_at_most_two_short_lines_and_a_speaker_on_each_turn() -> None:
    t = timed_seed()
    cues = srt_cues(format_transcript(t, "srt"))
    assert len(cues) > len(t.turns)
    for number, cue in enumerate(cues, start=1):
        assert cue[0] == str(number)
        assert re.fullmatch(r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}", cue[1])
        assert 1 <= len(cue) - 2 <= 2
        assert all(len(line) <= LINE_CHARS for line in cue[2:])
    prefixed = [cue[2].split(":")[0] for cue in cues if re.match(r"(JONAS|AMY): ", cue[2])]
    assert prefixed == [turn.speaker for turn in t.turns]  # one prefix per turn (speaker change)


def test_srt_times_split_a_turn_in_proportion_to_characters() -> None:
    t = Transcript([Turn.from_text("AMY", " ".join(["word"] * 40), 0, 10_000)])
    cues = srt_cues(format_transcript(t, "srt"))
    times = [cue[1] for cue in cues]
    assert times[0].startswith("00:00:00,000 --> ")
    assert times[-1].endswith(" --> 00:00:10,000")
    bounds = [
        int(x.split(",")[1]) + 1000 * int(x.split(",")[0][-2:]) for x in " --> ".join(times).split(" --> ")
    ]
    assert bounds == sorted(bounds)


def test_srt_cue_times_follow_word_times() -> None:
    words = [Word(f"w{i}", i * 1000, i * 1000 + 900) for i in range(30)]
    t = Transcript([Turn("AMY", words, 0, 29_900)])
    cues = srt_cues(format_transcript(t, "srt"))
    second_start = cues[1][1].split(" --> ")[0]
    first_word = cues[1][2].split()[0]
    index = int(first_word[1:])
    assert second_start == f"00:00:{index:02d},000"


def test_srt_repeats_the_speaker_when_a_continuation_looks_like_a_name() -> None:
    text = "x " * 40 + "Note: this continues"
    t = Transcript([Turn.from_text("AMY", text.strip(), 0, 9000)])
    out = format_transcript(t, "srt")
    back = parse_transcript(out, "srt")
    assert [(turn.speaker, turn.text) for turn in back.turns] == [("AMY", t.turns[0].text)]


def test_vtt_voice_spans_and_inline_timestamps() -> None:
    out = format_transcript(word_timed(), "vtt")
    assert out.startswith("WEBVTT\n\n")
    assert "00:00:01.000 --> 00:00:02.600\n<v AMY>Hello <00:00:01.500>big <00:00:02.000>world" in out
    assert "<v BOB>Yes indeed" in out


def test_vtt_escapes_markup_characters() -> None:
    t = Transcript([Turn.from_text("A&B", "1 < 2 & 3 --> x", 0, 1000)])
    out = format_transcript(t, "vtt")
    assert "<v A&amp;B>1 &lt; 2 &amp; 3 --&gt; x" in out
    back = parse_transcript(out)
    assert (back.turns[0].speaker, back.turns[0].text) == ("A&B", "1 < 2 & 3 --> x")


def test_podcast_json_segment_and_word_level() -> None:
    seg = json.loads(format_transcript(word_timed(), "podcast-json"))
    assert seg["version"] == "1.0.0"
    assert seg["segments"][0] == {
        "speaker": "AMY",
        "startTime": 1.0,
        "endTime": 2.6,
        "body": "Hello big world",
    }
    words = json.loads(format_transcript(word_timed(), "json", words=True))["segments"]
    assert [s["body"] for s in words] == ["Hello", "big", "world", "Yes indeed"]
    assert words[1] == {"speaker": "AMY", "startTime": 1.5, "endTime": 1.8, "body": "big"}


def test_json_seconds_have_at_most_three_decimals() -> None:
    t = Transcript([Turn.from_text("AMY", "odd times", 1, 123_456_789)])
    text = format_transcript(t, "podcast-json")
    numbers = re.findall(r'"(?:startTime|endTime)": ([0-9.]+)', text)
    assert numbers == ["0.001", "123456.789"]


def test_untimed_transcripts_cannot_become_subtitles() -> None:
    t = read_transcript(SEED_EPISODE)
    for fmt in ("srt", "vtt", "podcast-json"):
        with pytest.raises(TranscriptWriteError, match="turn 1 has no start time"):
            format_transcript(t, fmt)
    assert format_transcript(t, "md").startswith("# 100 Days of Data — Episode 67\n\n## JONAS\n\nWelcome")
    assert format_transcript(t, "text").startswith("JONAS: Welcome to Episode 67")


def test_turn_without_end_gets_the_next_start() -> None:
    t = Transcript([Turn.from_text("A", "one", 0, None), Turn.from_text("B", "two", 5000, 6000)])
    assert "00:00:00,000 --> 00:00:05,000" in format_transcript(t, "srt")


def test_write_transcript_picks_format_from_suffix_and_replaces_atomically(tmp_path: Path) -> None:
    t = word_timed()
    out = tmp_path / "out.vtt"
    out.write_text("old")
    write_transcript(t, out)
    assert out.read_text(encoding="utf-8").startswith("WEBVTT")
    assert [p.name for p in tmp_path.iterdir()] == ["out.vtt"]  # no temp file left behind
    with pytest.raises(UnknownFormatError, match="cannot tell the output format"):
        write_transcript(t, tmp_path / "out.docx")
    with pytest.raises(UnknownFormatError, match="cannot write whisper-json"):
        write_transcript(t, tmp_path / "out.json", fmt="whisper-json")
