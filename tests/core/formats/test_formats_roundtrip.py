"""Writer -> reader gives back the same speakers, text and times, for every writable format."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from pympi import Praat

from podplayer.core.formats import (
    WRITABLE_FORMATS,
    format_transcript,
    parse_transcript,
    read_transcript,
    write_transcript,
)
from podplayer.core.model import Transcript
from podplayer.paths import SEED_EPISODE
from tests.core.formats.strategies import transcripts
from tests.helpers_schemas import validate_eaf

LONG = os.environ.get("PODPLAYER_FUZZ") == "long"
PROPERTY = settings(
    max_examples=1000 if LONG else 25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SRT_UNSAFE = "<>{}"  # markup the SRT reader strips


def assert_same(
    original: Transcript,
    back: Transcript,
    *,
    turn_times: bool = True,
    word_starts: bool = False,
    word_ends: bool = False,
) -> None:
    assert [(t.speaker, t.text) for t in back.turns] == [(t.speaker, t.text) for t in original.turns]
    if turn_times:
        assert [(t.start_ms, t.end_ms) for t in back.turns] == [
            (t.start_ms, t.end_ms) for t in original.turns
        ]
    for a, b in zip(original.turns, back.turns, strict=True):
        if word_starts:
            assert [w.start_ms for w in b.words] == [w.start_ms for w in a.words]
        if word_ends:
            assert [w.end_ms for w in b.words] == [w.end_ms for w in a.words]


def round_trip(t: Transcript, fmt: str, words: bool = False) -> Transcript:
    return parse_transcript(format_transcript(t, fmt, words), name=f"roundtrip.{fmt}")


def timed_seed() -> Transcript:
    t = read_transcript(SEED_EPISODE)
    pos = 1_500
    for turn in t.turns:
        turn.start_ms = pos
        pos += 61 * len(turn.text) + 7
        turn.end_ms = pos
        pos += 733
    return t


def test_seed_round_trips_through_every_writable_format(tmp_path: Path) -> None:
    t = timed_seed()
    for fmt in WRITABLE_FORMATS:
        path = tmp_path / f"seed.{fmt}"
        write_transcript(t, path, fmt)
        if fmt == "eaf":
            validate_eaf(path)  # against the published EAF 3.0 schema
        if fmt == "textgrid":
            assert [tier.name for tier in Praat.TextGrid(str(path)).get_tiers()] == t.speakers  # a second library reads it
        back = read_transcript(path)  # detected from the content
        assert back.metadata["source_format"] == fmt
        assert_same(t, back)


def test_untimed_seed_round_trips_through_text_and_markdown() -> None:
    t = read_transcript(SEED_EPISODE)
    for fmt in ("text", "md"):
        assert_same(t, round_trip(t, fmt))
    assert round_trip(t, "md").title == t.title


@PROPERTY
@given(transcripts(exclude=SRT_UNSAFE, distinct_neighbours=True))
def test_srt_round_trip(t: Transcript) -> None:
    assert_same(t, round_trip(t, "srt"))


@PROPERTY
@given(transcripts(exclude=SRT_UNSAFE, word_times=True, distinct_neighbours=True))
def test_srt_round_trip_word_timed(t: Transcript) -> None:
    back = round_trip(t, "srt")
    assert_same(t, back)
    for a, b in zip(t.turns, back.turns, strict=True):  # cue starts are word starts
        assert all(wb.start_ms in (None, wa.start_ms) for wa, wb in zip(a.words, b.words, strict=True))


@PROPERTY
@given(transcripts(distinct_neighbours=True))
def test_vtt_round_trip(t: Transcript) -> None:
    assert_same(t, round_trip(t, "vtt"))


@PROPERTY
@given(transcripts(word_times=True, distinct_neighbours=True))
def test_vtt_round_trip_keeps_word_starts(t: Transcript) -> None:
    assert_same(t, round_trip(t, "vtt"), word_starts=True)


@PROPERTY
@given(transcripts())
def test_podcast_json_segment_round_trip(t: Transcript) -> None:
    assert_same(t, round_trip(t, "podcast-json"))


@PROPERTY
@given(transcripts(word_times=True))
def test_podcast_json_word_level_round_trip(t: Transcript) -> None:
    back = round_trip(t, "podcast-json", words=True)
    assert back.metadata["granularity"] == "word"
    assert_same(t, back, word_starts=True, word_ends=True)


@PROPERTY
@given(transcripts(timed=False))
def test_text_round_trip_untimed(t: Transcript) -> None:
    assert_same(t, round_trip(t, "text"))


@PROPERTY
@given(transcripts())
def test_text_round_trip_timed(t: Transcript) -> None:
    assert_same(t, round_trip(t, "text"))


@PROPERTY
@given(transcripts(timed=False))
def test_markdown_round_trip_untimed(t: Transcript) -> None:
    back = round_trip(t, "md")
    assert_same(t, back)
    assert back.title == (t.title or "roundtrip")


@PROPERTY
@given(transcripts())
def test_markdown_round_trip_timed(t: Transcript) -> None:
    assert_same(t, round_trip(t, "md"))
