"""Words said while two people talk go to the voice saying them: the rules on speaker activity made
by hand, and the measured effect on the AMI minute's own transcript synced to its audio."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.speaker_scoring import ami_reference, overlapped_word_share
from podplayer.core.jobs import CancelToken
from podplayer.core.speaker_activity import Activity
from podplayer.core.speaker_activity.segmentation import FRAME_MS, FRAME_STEP_MS
from podplayer.core.speakers.diarization import Diarization
from podplayer.core.speakers.overlap import _nearer_word, _second_run, _tied
from podplayer.core.speakers.turns import keep_clear_interjections, speaker_turns, word_voices
from podplayer.core.transcribe.pipeline import decode_samples
from tests.conftest import shared

pytest.importorskip("onnxruntime", reason="the transcribe extra is not installed")


def _activity(talk: list[tuple[int, int, int]]) -> Activity:
    active = np.zeros((589, 3), dtype=bool)
    centres = np.arange(589) * FRAME_STEP_MS + FRAME_MS / 2
    for speaker, lo, hi in talk:
        active[(centres >= lo) & (centres < hi), speaker] = True
    return Activity(0, active)


def _diarization(voice_by_10ms: list[tuple[int, int, int]]) -> Diarization:
    frames = np.full(1_000, -1, dtype=np.int64)
    for voice, lo, hi in voice_by_10ms:
        frames[lo // 10 : hi // 10] = voice
    return Diarization([], {}, frames)


def test_a_voice_starting_under_another_is_a_second_voice_and_one_starting_alone_is_not() -> None:
    activity = _activity([(0, 0, 6_000), (1, 3_000, 3_500), (1, 7_000, 9_000)])
    run = _second_run(activity, 3_050)
    assert run is not None and run.speaker == 1
    assert _second_run(activity, 7_000) is None  # nobody else talks there
    assert _second_run(activity, 4_000) is None  # no voice starts there


def test_a_second_voice_is_tied_to_the_diarized_voice_heard_where_it_talks_alone() -> None:
    activity = _activity([(0, 0, 6_000), (1, 3_000, 3_500), (1, 7_000, 9_000)])
    diarization = _diarization([(4, 0, 6_000), (7, 7_000, 9_000)])
    assert _tied(activity, 1, diarization) == 7
    assert _tied(_activity([(0, 0, 6_000), (1, 3_000, 3_500)]), 1, diarization) is None  # never alone


def test_of_two_words_starting_at_a_second_voice_the_nearer_one_is_its() -> None:
    starts = [2_900, 3_010, 3_400]
    assert _nearer_word(starts, 2_900, 3_000)
    assert not _nearer_word(starts, 3_010, 3_000)


def test_on_the_meeting_more_words_said_over_another_go_to_their_speaker() -> None:
    """AMI minute, its own transcript synced: 35 of 57 such words with one voice per moment."""
    from podplayer.core.align import align_transcript
    from podplayer.core.speakers import diarize, label_words
    from tests.core.align.conversations import meeting

    folder = shared("real-conversation")
    samples = decode_samples(folder / "ami-es2004a-0750.flac", CancelToken())
    reference = ami_reference(folder / "ami-es2004a-0750.reference.json")
    diarization = diarize(samples)
    found = meeting()
    synced = align_transcript(found.transcript, found.audio, jobs=2)
    words = [w for t in synced.turns for w in t.words]
    one_voice = speaker_turns(words, keep_clear_interjections(words, word_voices(words, diarization), diarization, samples))
    before, count = overlapped_word_share(reference, synced, one_voice)
    after, _ = overlapped_word_share(reference, synced, label_words(words, diarization, samples))
    assert count >= 50
    assert after > before and after >= 0.65, (before, after)
