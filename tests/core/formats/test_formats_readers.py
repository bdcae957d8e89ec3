"""Each reader on hand-written fixtures with the awkward cases real files have."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.formats import FORMATS, parse_transcript, read_transcript
from podplayer.core.model import Timing, Transcript, TranscriptParseError
from tests.conftest import FIXTURES

T = FIXTURES / "transcripts"


def speakers_and_texts(t: Transcript) -> list[tuple[str, str]]:
    return [(turn.speaker, turn.text) for turn in t.turns]


def starts(t: Transcript) -> list[int | None]:
    return [turn.start_ms for turn in t.turns]


def test_srt_carries_speakers_merges_cues_and_strips_tags() -> None:
    t = read_transcript(T / "carried_speakers.srt")
    assert t.metadata["source_format"] == "srt"
    assert speakers_and_texts(t) == [
        ("JONAS", "Welcome back to the show. Today we talk about tensors. They are everywhere."),
        ("AMY", "Everywhere, really? Even in spreadsheets."),
        ("JONAS", "Especially there."),
    ]
    assert [(turn.start_ms, turn.end_ms) for turn in t.turns] == [(1000, 5000), (5200, 9900), (10000, 12000)]
    # cue boundaries survive as word times
    jonas = t.turns[0].words
    assert (jonas[0].start_ms, jonas[9].end_ms, jonas[10].start_ms) == (1000, 3500, 3600)
    assert t.timing is Timing.TURN


@pytest.mark.parametrize("variant", ["crlf", "cr", "bom"])
def test_srt_line_ends_and_bom_read_the_same(variant: str) -> None:
    plain = read_transcript(T / "carried_speakers.srt")
    other = read_transcript(T / f"carried_speakers.{variant}.srt")
    assert speakers_and_texts(other) == speakers_and_texts(plain)
    assert starts(other) == starts(plain)


def test_srt_overlapping_and_empty_cues() -> None:
    t = read_transcript(T / "overlapping_empty.srt")
    assert t.speakers == ["Dr. Amy Lee", "Speaker 2"]
    assert speakers_and_texts(t)[1] == (
        "Speaker 2",
        "And I interrupt. After an empty cue. No blank line before this cue.",
    )
    assert [(turn.start_ms, turn.end_ms) for turn in t.turns] == [(500, 2000), (1500, 7000)]


def test_vtt_notes_styles_regions_entities_and_long_hours() -> None:
    t = read_transcript(T / "long_episode.vtt")
    assert speakers_and_texts(t) == [
        ("Host", "First words & more."),
        ("Guest Name", "Past the hundred-minute mark. still the guest, <carried> on — ok"),
    ]
    assert [(turn.start_ms, turn.end_ms) for turn in t.turns] == [
        (59_000, 62_500),
        (5_999_000, 101 * 3_600_000 + 2_000),
    ]
    assert "NOTE" not in " ".join(turn.text for turn in t.turns)
    assert "color" not in " ".join(turn.text for turn in t.turns)


def test_vtt_utf16_with_bom_reads_like_utf8() -> None:
    a = read_transcript(T / "long_episode.vtt")
    b = read_transcript(T / "long_episode.utf16.vtt")
    assert speakers_and_texts(a) == speakers_and_texts(b)
    assert starts(a) == starts(b)


def test_vtt_inline_timestamps_voice_changes_and_prefixes() -> None:
    t = read_transcript(T / "word_timestamps.vtt")
    assert [(turn.speaker, [(w.text, w.start_ms) for w in turn.words]) for turn in t.turns] == [
        ("Amy", [("Hello", 1000), ("world", 1400), ("again", 2100)]),
        ("Bob", [("Hi", 3200)]),
        ("Amy", [("Bye", 3200), ("now", 3600)]),
        ("Zoom Person", [("prefix", 5000), ("without", None), ("voice", None), ("span", None)]),
    ]
    assert t.turns[0].words[-1].end_ms == 3000


def _vtt(*cues: str) -> str:
    return "WEBVTT\n\n" + "".join(f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 1:02d}.500\n{c}\n\n" for i, c in enumerate(cues))


def test_vtt_a_capitalised_word_and_a_colon_in_speech_is_not_a_speaker() -> None:
    t = parse_transcript(_vtt("Bueno, empecemos.", "Digo: esto es importante.", "Y luego seguimos.", "Nada más."))
    assert [turn.speaker for turn in t.turns] == ["", "", "", ""]
    assert t.turns[1].text == "Digo: esto es importante."


def test_vtt_prefixes_used_consistently_name_the_speakers() -> None:
    every_cue = parse_transcript(_vtt("Amy: Hello there.", "Bob: Hi Amy.", "Amy: Shall we start?"))
    assert speakers_and_texts(every_cue) == [("Amy", "Hello there."), ("Bob", "Hi Amy."), ("Amy", "Shall we start?")]
    # Long turns: most cues continue the speaker without a prefix, but each name opens several cues.
    recurring = parse_transcript(_vtt("Amy: One.", "two", "three", "four", "Bob: Five.", "six", "seven", "Amy: Eight.",
                                      "nine", "Bob: Ten."))  # fmt: skip
    assert [turn.speaker for turn in recurring.turns] == ["Amy", "Bob", "Amy", "Bob"]
    # A label that cannot be a sentence's first word counts even once.
    labelled = parse_transcript(_vtt("Bueno, empecemos.", "SPEAKER_01: esto es importante.", "Y luego.", "Nada."))
    assert [turn.speaker for turn in labelled.turns][:2] == ["", "SPEAKER_01"]


def test_podcast_json_segments_carry_speakers_and_tolerate_missing_end() -> None:
    t = read_transcript(T / "segments.json")
    assert t.metadata["source_format"] == "podcast-json"
    assert t.metadata["granularity"] == "segment"
    assert speakers_and_texts(t) == [
        ("Alban", "Welcome to the podcast. It is a good one."),
        ("Kevin", "Thanks for having me. No end time on this one."),
        ("Alban", "Back to me."),
    ]
    assert [(turn.start_ms, turn.end_ms) for turn in t.turns] == [(0, 4250), (4300, 6000), (10000, 12000)]


def test_podcast_json_word_level_splits_paragraphs_and_keeps_word_times() -> None:
    t = read_transcript(T / "words.json")
    assert t.metadata["granularity"] == "word"
    assert t.timing is Timing.WORD
    assert speakers_and_texts(t) == [
        ("Alban", "Hello and welcome."),
        ("Alban", "New paragraph."),
        ("Kevin", "Hi there!"),
    ]
    assert [(w.start_ms, w.end_ms) for w in t.turns[0].words] == [(500, 900), (900, 1300), (1300, 1950)]
    assert (t.turns[1].start_ms, t.turns[1].end_ms) == (2500, 3400)


def test_whisper_json_words_and_confidence() -> None:
    t = read_transcript(T / "whisper.json")
    assert t.metadata["source_format"] == "whisper-json"
    assert t.metadata["language"] == "en"
    assert speakers_and_texts(t) == [("", "Hello there."), ("", "This is whisper.")]
    hello, there = t.turns[0].words
    assert (hello.start_ms, hello.end_ms, hello.confidence) == (0, 600, 0.98)
    assert (there.start_ms, there.end_ms) == (620, 1520)


def test_whisperx_speakers_merge_consecutive_segments() -> None:
    t = read_transcript(T / "whisperx.json")
    assert speakers_and_texts(t) == [
        ("SPEAKER_00", "Speaker labels here. More from zero."),
        ("SPEAKER_01", "And one."),
    ]
    assert t.turns[0].start_ms == 31
    assert t.turns[0].words[2].end_ms == 2000  # untimed word gets the segment end


def test_audacity_labels_skip_frequency_lines_and_empty_labels() -> None:
    t = read_transcript(T / "labels.txt")
    assert t.metadata["source_format"] == "audacity"
    assert speakers_and_texts(t) == [
        ("JONAS", "Hello from a label. continued without a name"),
        ("AMY", "A point label."),
    ]
    assert [(turn.start_ms, turn.end_ms) for turn in t.turns] == [(1000, 4000), (5000, 5000)]


def test_podcast_html_cite_time_and_paragraphs() -> None:
    t = read_transcript(T / "transcript.html")
    assert t.metadata["source_format"] == "podcast-html"
    assert t.title == "Episode 12 transcript"
    assert speakers_and_texts(t) == [
        ("Alban", "Welcome to the podcast & thanks for listening. Second paragraph, same speaker."),
        ("Kevin", "Over an hour in."),
    ]
    assert starts(t) == [0, 3_723_250]
    assert t.turns[0].words[8].start_ms == 5000


def test_plain_text_prefixes_continuations_paragraphs_and_stamps() -> None:
    t = read_transcript(T / "plain.txt")
    assert speakers_and_texts(t) == [
        ("HOST", "Welcome to the show. This line continues the host."),
        ("GUEST", "Thanks for having me."),
        ("GUEST", "A paragraph without a name belongs to the guest."),
        ("HOST", "A stamped line."),
        ("GUEST", "A stamped span."),
    ]
    assert [(turn.start_ms, turn.end_ms) for turn in t.turns][-2:] == [(62_500, None), (65_000, 69_250)]


def test_latin1_fallback() -> None:
    t = read_transcript(T / "latin1.txt")
    assert speakers_and_texts(t) == [("SPEAKER", "Café crème brûlée.")]


def test_markdown_headings_escapes_and_bold_prefix() -> None:
    t = read_transcript(T / "notes.md")
    assert t.title == "My episode notes"
    assert speakers_and_texts(t) == [
        ("JONAS", "Markdown *escapes* are removed and `code` stays."),
        ("AMY", "Second turn."),
        ("AMY", "Another paragraph of Amy."),
        ("Guest Star", "bold prefix style."),
    ]
    assert [(turn.start_ms, turn.end_ms) for turn in t.turns][:2] == [(1000, 4000), (4500, None)]


@pytest.mark.parametrize(
    ("fmt", "text", "message", "line"),
    [
        ("srt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:0x,000 --> 00:00:03,000\nyo\n", "cue 2", 6),
        ("srt", "hello there\n", "cue 1", 1),
        ("vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\nid\nnot a timing\n", "cue 2", 7),
        ("vtt", "00:01.000 --> 00:02.000\nhi\n", "WEBVTT", 1),
        (
            "podcast-json",
            '{"segments": [\n{"startTime": 1, "body": "a"},\n{"startTime": "x", "body": "b"}]}',
            "segment 2",
            None,
        ),
        ("podcast-json", '{"segments": [\n{"startTime": 1,, }]}', "invalid JSON", 2),
        ("whisper-json", '{"segments": [{"start": -1, "text": "a"}]}', "segment 1", None),
        ("audacity", "1.0\t2.0\tok\nbroken line\n", "start<TAB>end", 2),
        ("podcast-html", "<p>hi</p><time>soon</time><p>x</p>", "bad <time>", 1),
        ("text", "\n\n  \n", "no transcript text", None),
    ],
)
def test_broken_input_names_file_format_and_place(
    fmt: str, text: str, message: str, line: int | None
) -> None:
    with pytest.raises(TranscriptParseError) as info:
        parse_transcript(text, fmt, name="episode.in")
    error = info.value
    assert message in str(error)
    assert str(error).startswith(f"episode.in: {fmt}: ")
    assert error.line == line
    assert "\n" not in str(error)


def test_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(TranscriptParseError, match="file not found"):
        read_transcript(tmp_path / "nope.srt")


def test_every_format_has_a_fixture() -> None:
    seen = {read_transcript(p).metadata["source_format"] for p in T.iterdir()}
    assert seen | {"episode-page"} == set(FORMATS)
