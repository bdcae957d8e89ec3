"""The seed episode page: speakers, turns, sections and title."""

from __future__ import annotations

import re
from pathlib import Path

from podplayer.core.formats import detect_format, read_transcript
from podplayer.core.model import Timing
from podplayer.paths import SEED_EPISODE


def _transcript_lines() -> list[str]:
    text = SEED_EPISODE.read_text(encoding="utf-8")
    body = text.split("Episode transcript", 1)[1].split("\nNext up\n", 1)[0]
    return [line for line in body.split("\n") if line.strip()]


def test_seed_is_detected_as_an_episode_page() -> None:
    assert detect_format(SEED_EPISODE.read_text(encoding="utf-8")) == "episode-page"


def test_seed_speakers_and_turns_follow_the_paragraphs() -> None:
    t = read_transcript(SEED_EPISODE)
    assert set(t.speakers) == {"JONAS", "AMY"}
    assert t.speakers == ["JONAS", "AMY"]  # order of first appearance
    lines = _transcript_lines()
    prefixed = [line for line in lines if re.match(r"[A-Z]+: ", line)]
    assert len(t.turns) == len(prefixed)
    for turn, line in zip(t.turns, prefixed, strict=True):
        speaker, text = line.split(": ", 1)
        assert turn.speaker == speaker
        assert turn.text == " ".join(text.replace('\\"', '"').split())
    assert t.timing is Timing.NONE
    assert all(turn.start_ms is None and turn.end_ms is None for turn in t.turns)


def test_seed_keeps_next_up_and_summary_as_metadata_only() -> None:
    t = read_transcript(SEED_EPISODE)
    assert t.metadata["next_up"].startswith("Next up, Jonas and Amy delve into Hugging Face")
    assert t.metadata["summary"].startswith("In Episode 67 of '100 Days of Data,'")
    whole = " ".join(turn.text for turn in t.turns)
    assert "delve into Hugging Face" not in whole
    assert "Next up" not in whole
    assert "Episode summary" not in whole and "Episode video" not in whole
    assert t.turns[-1].text == "Until tomorrow — stay curious, stay data-driven."


def test_seed_has_no_backslash_escapes() -> None:
    t = read_transcript(SEED_EPISODE)
    assert not any("\\" in turn.text for turn in t.turns)
    assert any('"dynamic' in turn.text for turn in t.turns)


def test_seed_title_comes_from_the_summary() -> None:
    t = read_transcript(SEED_EPISODE)
    assert t.title == "100 Days of Data — Episode 67"
    assert t.metadata["podcast"] == "100 Days of Data"
    assert t.metadata["episode"] == "67"
    assert t.metadata["source_format"] == "episode-page"


def test_seed_reads_the_same_in_utf16_with_crlf(tmp_path: Path) -> None:
    text = SEED_EPISODE.read_text(encoding="utf-8")
    copy = tmp_path / "seed.json"  # a misleading suffix: detection goes by content
    copy.write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    a, b = read_transcript(SEED_EPISODE), read_transcript(copy)
    assert [(t.speaker, t.text) for t in b.turns] == [(t.speaker, t.text) for t in a.turns]
    assert (b.title, b.metadata["next_up"]) == (a.title, a.metadata["next_up"])
