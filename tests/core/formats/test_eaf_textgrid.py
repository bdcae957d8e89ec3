"""ELAN EAF and Praat TextGrid as transcript formats: reading real-shaped files, writing what validates
(EAF against the published EAF 3.0 schema) or reads back with a second library (TextGrid with
pympi-ling's Praat reader, where praatio wrote it), and refusing broken files with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pympi import Praat

from podplayer.core.formats import detect_format, format_transcript, parse_transcript, read_transcript
from podplayer.core.model import Timing, Transcript, TranscriptParseError
from tests.helpers_schemas import validate_eaf
from tests.helpers_store import sample_transcript

T = Path(__file__).resolve().parents[2] / "fixtures" / "transcripts"


def test_elan_file_tiers_are_speakers_and_a_word_tier_times_words() -> None:
    t = read_transcript(T / "interview.eaf")
    assert t.metadata["source_format"] == "eaf"
    assert [(turn.speaker, turn.start_ms, turn.end_ms, turn.text) for turn in t.turns] == [
        ("Ann Lee", 500, 2100, "Where did you grow up?"),
        ("Ben", 2600, 4800, "In a small town by the sea."),
        ("Ann Lee", 5200, 7400, "Und dann? Café, natürlich."),
    ]  # the unaligned annotation and the translation tier are left out
    first = t.turns[0].words
    assert [(w.start_ms, w.end_ms) for w in first[:2]] == [(500, 900), (900, 1300)]
    assert first[2].start_ms == 1300 and first[-1].end_ms == 2100  # "you grow up?" shares its interval
    assert t.turns[1].words[0].start_ms is None


def test_utf16_textgrid_with_a_word_tier() -> None:
    data = (T / "interview.utf16.TextGrid").read_bytes()
    assert data[:2] == b"\xff\xfe"
    t = read_transcript(T / "interview.utf16.TextGrid")
    assert t.metadata["source_format"] == "textgrid"
    assert [(turn.speaker, turn.start_ms, turn.text) for turn in t.turns] == [
        ("Ann", 400, "Grüß dich, Jürgen!"),
        ("Jürgen", 2500, "Hallo Ann, schön dass du da bist."),
    ]
    assert [(w.text, w.start_ms, w.end_ms) for w in t.turns[0].words] == [
        ("Grüß", 400, 900), ("dich,", 900, 1300), ("Jürgen!", 1300, 2200),
    ]  # fmt: skip


def test_an_aligners_word_tier_alone_becomes_turns_split_at_pauses() -> None:
    t = read_transcript(T / "aligner.short.TextGrid")
    assert [(turn.speaker, turn.text, turn.start_ms, turn.end_ms) for turn in t.turns] == [
        ("speaker1", "good morning", 300, 1300),
        ("speaker1", "welcome", 2600, 3200),
    ]
    assert t.timing == Timing.WORD


def _assert_same_turns(a: Transcript, b: Transcript, *, words: bool) -> None:
    assert [(t.speaker, t.text, t.start_ms, t.end_ms) for t in a.turns] == [
        (t.speaker, t.text, t.start_ms, t.end_ms) for t in b.turns
    ]
    if words:
        assert [(w.start_ms, w.end_ms) for t in a.turns for w in t.words] == [
            (w.start_ms, w.end_ms) for t in b.turns for w in t.words
        ]


@pytest.mark.parametrize("words", [False, True], ids=["turns", "words"])
def test_eaf_written_validates_and_reads_back(tmp_path: Path, words: bool) -> None:
    t = sample_transcript()
    text = format_transcript(t, "eaf", words)
    out = tmp_path / "out.eaf"
    out.write_text(text, encoding="utf-8")
    validate_eaf(out)
    assert detect_format(text) == "eaf"
    _assert_same_turns(t, read_transcript(out), words=words)


@pytest.mark.parametrize("words", [False, True], ids=["turns", "words"])
def test_textgrid_written_reads_back_here_and_in_a_second_library(tmp_path: Path, words: bool) -> None:
    t = sample_transcript()
    out = tmp_path / "out.TextGrid"
    out.write_text(format_transcript(t, "textgrid", words), encoding="utf-8")
    _assert_same_turns(t, read_transcript(out), words=words)
    grid = Praat.TextGrid(str(out))  # pympi-ling's own reader
    names = [tier.name for tier in grid.get_tiers()]
    assert names == (["Alice", "Alice - words", "Bob", "Bob - words", "Carol", "Carol - words"] if words
                     else ["Alice", "Bob", "Carol"])  # fmt: skip
    bob = [(round(b * 1000), round(e * 1000), v) for b, e, v in grid.get_tier("Bob").get_all_intervals() if v]
    assert bob == [(t.turns[1].start_ms, t.turns[1].end_ms, t.turns[1].text), (t.turns[4].start_ms, t.turns[4].end_ms, t.turns[4].text)]
    if words:
        words_of_bob = [v for _, _, v in grid.get_tier("Bob - words").get_all_intervals() if v]
        assert words_of_bob == [w.text for turn in (t.turns[1], t.turns[4]) for w in turn.words]


OVERLAP_EAF = """<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">
  <HEADER TIME_UNITS="milliseconds"/>
  <TIME_ORDER>
    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="3000"/>
    <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="2000"/><TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="4000"/>
  </TIME_ORDER>
  <TIER LINGUISTIC_TYPE_REF="default" TIER_ID="Ann">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
      <ANNOTATION_VALUE>one two</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
      <ANNOTATION_VALUE>three</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="default" TIME_ALIGNABLE="true"/>
</ANNOTATION_DOCUMENT>
"""

UNSORTED_TEXTGRID = """File type = "ooTextFile"
Object class = "TextGrid"

xmin = 0
xmax = 5
tiers? <exists>
size = 1
item []:
    item [1]:
        class = "IntervalTier"
        name = "Ann"
        xmin = 0
        xmax = 5
        intervals: size = 2
        intervals [1]:
            xmin = 3
            xmax = 5
            text = "later"
        intervals [2]:
            xmin = 0
            xmax = 2
            text = "earlier"
"""

ENTITY_EAF = """<?xml version="1.0"?>
<!DOCTYPE ANNOTATION_DOCUMENT [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;">]>
<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0"><HEADER/><TIME_ORDER/></ANNOTATION_DOCUMENT>
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (OVERLAP_EAF, "eaf: tier 'Ann': annotations overlap (0.000 s-3.000 s and 2.000 s-4.000 s)"),
        (UNSORTED_TEXTGRID, "textgrid: tier 'Ann': intervals are not in time order (0.000 s after 3.000 s)"),
        (ENTITY_EAF, "eaf: XML with a DTD or entity declarations is refused"),
        ('File type = "ooTextFile"\nObject class = "TextGrid"\n\nxmin = 0\nxmax = oops\n', "textgrid: not a readable TextGrid"),
    ],
    ids=["eaf-overlap", "textgrid-unsorted", "eaf-entities", "textgrid-garbage"],
)
def test_broken_files_are_refused_with_one_line(text: str, message: str) -> None:
    with pytest.raises(TranscriptParseError) as info:
        parse_transcript(text, name="in.file")
    assert message in str(info.value) and "\n" not in str(info.value)


def test_an_untimed_transcript_cannot_be_written_as_tiers() -> None:
    from podplayer.core.formats.errors import TranscriptWriteError

    t = read_transcript(T / "plain.txt")
    for fmt in ("eaf", "textgrid"):
        with pytest.raises(TranscriptWriteError, match="needs a timed transcript"):
            format_transcript(t, fmt)


def test_an_interval_ending_before_it_starts_is_refused() -> None:
    backwards = UNSORTED_TEXTGRID.replace("xmin = 3\n            xmax = 5", "xmin = 3\n            xmax = 1")
    with pytest.raises(TranscriptParseError, match=r"tier 'Ann': an interval runs from 3.000 s to 1.000 s"):
        parse_transcript(backwards, name="in.TextGrid")
