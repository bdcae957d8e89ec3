"""Words get the voice heard while they are said; turns change speaker between words."""

from __future__ import annotations

import numpy as np

from podplayer.core.model import Word
from podplayer.core.speakers.diarization import FRAME_MS, Diarization, Span
from podplayer.core.speakers.turns import label_words, speaker_turns, word_voices


def _diarization(*spans: tuple[int, int, int]) -> Diarization:
    end = max(s[1] for s in spans)
    frames = np.full(end // FRAME_MS, -1, dtype=np.int64)
    for start, stop, voice in spans:
        frames[start // FRAME_MS : stop // FRAME_MS] = voice
    return Diarization([Span(*s) for s in spans], {}, frames)


def test_a_change_inside_a_sentence_falls_between_words() -> None:
    words = [Word("so", 0, 300), Word("then", 300, 600), Word("right", 620, 900), Word("yes", 900, 1200)]
    diarization = _diarization((0, 610, 0), (610, 1300, 1))
    turns = label_words(words, diarization, None)
    assert [(t.speaker, t.text, t.start_ms, t.end_ms) for t in turns] == [
        ("Speaker 1", "so then", 0, 600),
        ("Speaker 2", "right yes", 620, 1200),
    ]


def test_untimed_and_unheard_words_take_the_nearest_voice() -> None:
    words = [Word("a", 0, 200), Word("b"), Word("c", 5000, 5200), Word("d", 9000, 9100)]
    diarization = _diarization((0, 300, 1), (4900, 5300, 0))
    assert word_voices(words, diarization) == [1, 1, 0, 0]


def test_a_short_run_without_audio_to_judge_joins_its_neighbours() -> None:
    words = [Word("one", 0, 1000), Word("mm", 1000, 1150), Word("two", 1200, 2000)]
    diarization = _diarization((0, 1000, 0), (1000, 1190, 1), (1190, 2000, 0))
    turns = label_words(words, diarization, None)
    assert [t.text for t in turns] == ["one mm two"]


def test_names_label_known_voices_and_others_are_numbered_in_order() -> None:
    words = [Word("a", 0, 100), Word("b", 100, 200), Word("c", 200, 300)]
    turns = speaker_turns(words, [2, 0, 2], {0: "Jonas"})
    assert [t.speaker for t in turns] == ["Speaker 1", "Jonas", "Speaker 1"]
