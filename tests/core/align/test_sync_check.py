"""Sync check and re-sync on ad-shifted cuts of the demo episode, against exact truth.

One program (the demo's 32 turns), four cuts: the clean audio (no break may be found), a 15 s
pre-roll and mid-rolls of 25 s and 40 s between turns, the reverse (the transcript timed for the cut
with ads, the audio without them), and every time 2 s late. Longer episodes are in the benchmarks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.align.resync import resync_transcript
from podplayer.core.align.sync_check import SyncCheckError, check_sync
from podplayer.core.align.sync_report import StretchKind, SyncReport
from podplayer.core.jobs import Cancelled, CancelToken
from podplayer.core.model import Transcript, Turn
from tests.core.align.ad_variants import Variant, demo_program, score, variants

ADS = {-1: 15_000, 9: 25_000, 21: 40_000}


@pytest.fixture(scope="module")
def cuts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Variant]:
    return variants(demo_program(), ADS, tmp_path_factory.mktemp("ads"))


@pytest.fixture(scope="module")
def reports(cuts: dict[str, Variant]) -> dict[str, SyncReport]:
    return {name: check_sync(v.transcript, v.audio) for name, v in cuts.items()}


def _found(report: SyncReport) -> list[tuple[str, int, int, float]]:
    return [(str(s.kind), s.start_ms, s.end_ms, s.seconds) for s in report.stretches]


@pytest.mark.parametrize("name", ["ads", "removed", "offset"])
def test_every_break_is_found_within_a_second_and_resync_puts_turns_back(
    name: str, cuts: dict[str, Variant], reports: dict[str, SyncReport]
) -> None:
    variant, report = cuts[name], reports[name]
    result = score(variant, _found(report), resync_transcript(variant.transcript, report))
    assert not result.missed, f"missed {result.missed}, found {_found(report)}"
    assert not result.false, f"false breaks {result.false}"
    assert not report.fits
    assert result.within_250 >= 0.98
    assert result.median_ms <= 50
    # It listened to windows, not to the whole episode.
    assert report.listened_ms < report.duration_ms * 0.7


def test_the_clean_cut_fits(cuts: dict[str, Variant], reports: dict[str, SyncReport]) -> None:
    report = reports["original"]
    assert report.fits, _found(report)
    assert report.summary() == "The transcript fits its audio."
    assert abs(report.offset_at(0)) < 100


def test_findings_read_as_sentences(reports: dict[str, SyncReport]) -> None:
    ads = reports["ads"].stretches
    assert [s.kind for s in ads] == [StretchKind.INSERTED] * 3
    assert ads[1].describe() == (
        "Audio has 25 s that the transcript lacks at 2:25 (likely an ad); the transcript is 40 s early after that"
    )
    assert (
        ads[0]
        .describe()
        .startswith("Audio has 15 s that the transcript lacks at 0:00 (likely a pre-roll ad)")
    )
    removed = reports["removed"].stretches[1]
    assert removed.start_ms == removed.end_ms
    assert removed.describe().startswith("Audio lacks 25 s that the transcript's times allow for at 2:10")
    assert reports["offset"].stretches[0].describe() == "The transcript is 2.0 s late throughout"
    assert (
        reports["offset"].headline()
        == "This transcript does not fit its audio: all its times are 2.0 s late."
    )
    assert (
        reports["removed"]
        .headline()
        .startswith(
            "This transcript does not fit its audio: time the audio lacks (ads cut out): 15 s at 0:00, 25 s at 2:10, "
        )
    )


def test_resync_keeps_every_word_and_turn(cuts: dict[str, Variant], reports: dict[str, SyncReport]) -> None:
    before = cuts["ads"].transcript
    after = resync_transcript(before, reports["ads"])
    assert [t.text for t in after.turns] == [t.text for t in before.turns]
    assert [t.speaker for t in after.turns] == [t.speaker for t in before.turns]
    starts = [t.start_ms or 0 for t in after.turns]
    assert starts == sorted(starts)
    assert before.turns[0].start_ms == 1500  # the input is not changed


def test_untimed_transcripts_are_refused(cuts: dict[str, Variant]) -> None:
    untimed = Transcript([Turn.from_text("A", "hello there")])
    with pytest.raises(SyncCheckError, match="no times"):
        check_sync(untimed, cuts["original"].audio)


def test_a_transcript_of_other_audio_is_an_error(tmp_path: Path) -> None:
    from tests.helpers_audio import tone, write_audio

    audio = write_audio(tone(40_000), tmp_path / "tone.mp3")
    transcript = Transcript([Turn.from_text("A", "nothing of this is in a plain tone at all", 1000, 5000)])
    with pytest.raises(SyncCheckError, match="right file"):
        check_sync(transcript, audio)


def test_cancel_stops_the_check(cuts: dict[str, Variant]) -> None:
    token = CancelToken()

    def cancel_when_listening(done: float, total: float, message: str = "") -> None:
        if message == "Listening":
            token.cancel()

    with pytest.raises(Cancelled):
        check_sync(cuts["ads"].transcript, cuts["ads"].audio, progress=cancel_when_listening, cancel=token)


def test_unreadable_audio_is_a_clear_error(tmp_path: Path, cuts: dict[str, Variant]) -> None:
    from podplayer.core.model import AudioError

    bad = tmp_path / "x.mp3"
    bad.write_bytes(b"not audio at all")
    with pytest.raises(AudioError):
        check_sync(cuts["ads"].transcript, bad)
