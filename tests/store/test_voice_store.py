"""Known voices and re-labelled speaker turns in a real SQLite library."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.model import Episode, Highlight, Transcript, Turn, Word, WordRef
from podplayer.core.speakers.known import KnownVoice
from podplayer.store.errors import LibraryError
from podplayer.store.repository import Library


def _episode() -> Episode:
    words = [Word(t, i * 100, i * 100 + 90) for i, t in enumerate(["one", "two", "three", "four", "five", "six"])]
    return Episode(title="E", transcript=Transcript([Turn("Speaker 1", words, 0, 590)]))


def test_new_speaker_turns_keep_words_and_move_highlights(db_path: Path) -> None:
    with Library(db_path) as library:
        episode_id = library.add_episode(_episode())
        library.add_highlight(episode_id, Highlight(WordRef(0, 3), WordRef(0, 4), quote="four five"))
        words = library.episode(episode_id).transcript.turns[0].words
        split = Transcript([Turn("Ann", words[:3], 0, 290), Turn("Bo", words[3:], 300, 590)])
        library.replace_speaker_turns(episode_id, split)
        stored = library.episode(episode_id).transcript
        assert [(t.speaker, t.text) for t in stored.turns] == [("Ann", "one two three"), ("Bo", "four five six")]
        (highlight,) = library.highlights(episode_id)
        assert (highlight.start, highlight.end) == (WordRef(1, 0), WordRef(1, 1))
        assert library.search("five")[0].episode_id == episode_id


def test_other_words_are_refused_and_nothing_changes(db_path: Path) -> None:
    with Library(db_path) as library:
        episode_id = library.add_episode(_episode())
        with pytest.raises(LibraryError):
            library.replace_speaker_turns(episode_id, Transcript([Turn("Ann", [Word("other", 0, 10)], 0, 10)]))
        assert library.episode(episode_id).transcript.turns[0].text == "one two three four five six"


def test_voices_are_kept_replaced_by_name_and_forgotten(db_path: Path) -> None:
    with Library(db_path) as library:
        episode_id = library.add_episode(_episode())
        library.save_voice(KnownVoice("Jonas", (0.6, 0.8), None, 12.0), episode_id)
        library.save_voice(KnownVoice("jonas", (1.0, 0.0), None, 30.0), episode_id)
        library.save_voice(KnownVoice("Amy", (0.0, 1.0), None, 5.0))
        voices = library.voices()
        assert [(v.name, v.embedding, v.seconds) for v in voices] == [("Amy", (0.0, 1.0), 5.0), ("jonas", (1.0, 0.0), 30.0)]
        library.delete_episode(episode_id)  # the voice outlives the episode it was learnt from
        assert library.forget_voice("JONAS") == 1
        assert [v.name for v in library.voices()] == ["Amy"]


def test_a_kept_voice_is_taken_back_and_the_one_it_replaced_returns(db_path: Path) -> None:
    with Library(db_path) as library:
        episode_id = library.add_episode(_episode())
        first = library.save_voice(KnownVoice("Jonas", (0.75, 0.5), None, 12.0), episode_id)
        library.save_voice(KnownVoice("Amy", (0.0, 1.0), None, 5.0))
        second = library.save_voice(KnownVoice("jonas", (1.0, 0.0), None, 30.0), episode_id)
        assert [r.voice.seconds for r in second.replaced] == [12.0]
        library.take_back_voice(second)
        assert [(v.name, v.embedding, v.seconds) for v in library.voices()] == [("Amy", (0.0, 1.0), 5.0), ("Jonas", (0.75, 0.5), 12.0)]
        assert [v.id for v in library.voices()][1] == first.id  # put back as it was, id and all
        library.take_back_voice(first)
        assert [v.name for v in library.voices()] == ["Amy"]
