"""Episodes, highlights, tags, speakers and notes survive a trip through a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from podplayer.core.model import Highlight, Timing, Transcript, Turn, Word, WordRef
from podplayer.core.palette import SPEAKER_PALETTE
from podplayer.core.refs import AmbiguousRef, UnknownRef
from podplayer.store import Library, LibraryError
from tests.helpers_store import filled_library, sample_episode, sample_highlight, sample_transcript


def test_episode_round_trip_after_reopen(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)
    library.set_position(episode_id, 12_345)
    library.set_episode_note(episode_id, "Listen again in March")
    library.close()

    with Library(db_path) as reopened:
        episode = reopened.episode(episode_id)
        expected = sample_transcript()
        assert episode.title == "Garden Hour 12"
        assert episode.audio_path == "/media/garden-hour-12.mp3"
        assert episode.duration_ms == 60_000
        assert episode.position_ms == 12_345
        assert episode.note == "Listen again in March"
        assert episode.created_at is not None and episode.created_at.tzinfo is not None
        assert episode.transcript.turns == expected.turns
        assert episode.transcript.metadata == expected.metadata
        assert episode.transcript.timing is Timing.WORD
        assert episode.speaker_colors["Carol"] == "#123456"
        assert episode.speaker_colors["Alice"] != episode.speaker_colors["Bob"]
        assert {episode.speaker_colors["Alice"], episode.speaker_colors["Bob"]} <= set(SPEAKER_PALETTE)

        [highlight] = reopened.highlights(episode_id)
        assert highlight.quote == "composting kitchen scraps"
        assert (highlight.start, highlight.end) == (WordRef(1, 8), WordRef(1, 10))
        assert highlight.tags == ["compost", "winter"]
        assert highlight.note == "try this"
        assert highlight.color == "green"
        assert highlight.speaker == "Bob"
        bob = expected.turns[1]
        assert highlight.start_ms == bob.words[8].start_ms
        assert highlight.end_ms == bob.words[10].end_ms

        [summary] = reopened.episodes()
        assert (summary.id, summary.highlight_count, summary.timing) == (episode_id, 1, Timing.WORD)
        assert [(t.name, t.count) for t in reopened.tags()] == [("compost", 1), ("winter", 1)]
        assert reopened.integrity_check() == "ok"


def test_untimed_and_odd_words_round_trip(library: Library) -> None:
    turns = [
        Turn.from_text("Host", "An untimed line with ünïcödé and emoji 🎙️"),
        Turn("Guest", [Word("two words"), Word("tab\tword"), Word("")]),
        Turn("Host", []),
    ]
    episode_id = library.add_episode(sample_episode().__class__(title="Odd", transcript=Transcript(turns)))
    back = library.episode(episode_id).transcript
    assert back.timing is Timing.NONE
    assert back.turns[0] == turns[0]
    # Whitespace inside a word cannot survive "words joined by spaces": it becomes a no-break space.
    assert [w.text for w in back.turns[1].words] == ["two\u00a0words", "tab\u00a0word", "_"]
    assert back.turns[2].words == []
    assert [t.speaker for t in back.turns] == ["Host", "Guest", "Host"]


def test_replace_timings_keeps_highlights_on_their_words(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)
    shifted = sample_transcript()
    for turn in shifted.turns:
        turn.start_ms = (turn.start_ms or 0) + 5_000
        turn.end_ms = (turn.end_ms or 0) + 5_000
        for word in turn.words:
            word.start_ms = (word.start_ms or 0) + 5_000
            word.end_ms = (word.end_ms or 0) + 5_000
    library.replace_timings(episode_id, shifted, estimated=True)

    [highlight] = library.highlights(episode_id)
    assert highlight.start == WordRef(1, 8)
    assert highlight.start_ms == shifted.turns[1].words[8].start_ms
    assert highlight.end_ms == shifted.turns[1].words[10].end_ms
    episode = library.episode(episode_id)
    assert episode.transcript.turns == shifted.turns
    assert episode.transcript.timing is Timing.ESTIMATED
    assert library.episodes()[0].timing is Timing.ESTIMATED

    wrong = Transcript(shifted.turns[:-1])
    with pytest.raises(LibraryError, match="turns"):
        library.replace_timings(episode_id, wrong, estimated=False)
    assert library.episode(episode_id).transcript.turns == shifted.turns  # nothing half-written
    library.close()


def test_highlight_times_fall_back_to_turn_times(library: Library) -> None:
    transcript = Transcript([Turn.from_text("A", "only turn times here", 1_000, 4_000)])
    episode_id = library.add_episode(sample_episode().__class__(title="Turns", transcript=transcript))
    hid = library.add_highlight(episode_id, Highlight(WordRef(0, 1), WordRef(0, 2), "turn times"))
    highlight = library.highlight(hid)
    assert (highlight.start_ms, highlight.end_ms, highlight.speaker) == (1_000, 4_000, "A")


def test_highlight_edit_delete_restore_and_bookmarks(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)
    [highlight] = library.highlights(episode_id)
    highlight.color = "blue"
    highlight.note = "edited"
    highlight.tags = ["Winter", "new tag"]
    highlight.end = WordRef(1, 12)
    library.update_highlight(highlight)
    edited = library.highlight(highlight.id or 0)
    assert (edited.color, edited.note, edited.end) == ("blue", "edited", WordRef(1, 12))
    assert edited.tags == ["winter", "new tag"]  # existing tag matched case-insensitively

    bookmark_id = library.add_highlight(episode_id, Highlight(WordRef(3, 0), WordRef(3, 0), "", note="mark"))
    assert library.highlight(bookmark_id).is_bookmark

    library.delete_highlight(edited.id or 0)
    assert [h.id for h in library.highlights(episode_id)] == [bookmark_id]
    restored_id = library.restore_highlight(edited)
    assert restored_id == edited.id
    restored = library.highlight(restored_id)
    assert (restored.tags, restored.note, restored.created_at) == (edited.tags, "edited", edited.created_at)
    assert [h.id for h in library.highlights(tag="WINTER")] == [restored_id]

    with pytest.raises(LibraryError, match="not in episode"):
        library.add_highlight(episode_id, Highlight(WordRef(99, 0), WordRef(99, 1), "x"))
    with pytest.raises(LibraryError, match="end before"):
        library.add_highlight(episode_id, Highlight(WordRef(2, 3), WordRef(2, 1), "x"))
    with pytest.raises(LibraryError, match="no highlight"):
        library.delete_highlight(123456)
    library.close()


def test_tags_rename_merge_and_color(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)
    other = library.add_highlight(episode_id, sample_highlight(["soil"]))
    library.set_tag_color("soil", "#00ff00")
    library.rename_tag("soil", "Dirt")
    assert library.highlight(other).tags == ["Dirt"]
    library.rename_tag("Dirt", "COMPOST")  # merges into the existing "compost"
    tags = {t.name: t for t in library.tags()}
    assert set(tags) == {"compost", "winter"}
    assert tags["compost"].count == 2
    with pytest.raises(LibraryError, match="no tag"):
        library.rename_tag("missing", "x")
    library.close()


def test_speakers_rename_merge_reassign(db_path: Path) -> None:
    library, episode_id = filled_library(db_path)
    library.rename_speaker(episode_id, "Carol", "Caroline")
    library.set_speaker_color(episode_id, "Caroline", "#abcdef")
    library.reassign_turn(episode_id, 0, "Dan")
    episode = library.episode(episode_id)
    assert [t.speaker for t in episode.transcript.turns] == ["Dan", "Bob", "Alice", "Caroline", "Bob"]
    assert episode.speaker_colors["Caroline"] == "#abcdef"
    assert episode.speaker_colors["Dan"] not in {episode.speaker_colors[s] for s in ("Alice", "Bob")}

    library.rename_speaker(episode_id, "Bob", "Alice")  # merge
    episode = library.episode(episode_id)
    assert [t.speaker for t in episode.transcript.turns] == ["Dan", "Alice", "Alice", "Caroline", "Alice"]
    assert "Bob" not in episode.speaker_colors
    assert library.highlights(episode_id)[0].speaker == "Alice"
    library.reassign_turn(episode_id, 0, "Alice")  # Dan's only turn: Dan is gone
    assert "Dan" not in library.episode(episode_id).speaker_colors
    with pytest.raises(LibraryError, match="no turn"):
        library.reassign_turn(episode_id, 40, "X")
    library.close()


def test_resolve_episode(library: Library) -> None:
    first = library.add_episode(sample_episode("Garden Hour 12"))
    second = library.add_episode(sample_episode("Garden Hour 13"))
    numeric = library.add_episode(sample_episode("1984"))
    assert library.resolve_episode(str(first)) == first
    assert library.resolve_episode("garden hour 13") == second
    assert library.resolve_episode("1984") == numeric  # no episode has id 1984: the title matches
    assert library.resolve_episode("19") == numeric  # a unique title prefix
    with pytest.raises(AmbiguousRef, match="several"):
        library.resolve_episode("garden")
    with pytest.raises(UnknownRef, match="no episode matches"):
        library.resolve_episode("cooking")
    assert library.resolve_episode("garden hour 12") == first


def test_episode_updates_and_delete(library: Library) -> None:
    episode_id = library.add_episode(sample_episode())
    library.add_highlight(episode_id, sample_highlight(["x"]))
    library.rename_episode(episode_id, "  Renamed   episode ")
    library.set_duration(episode_id, 61_000)
    library.set_audio_path(episode_id, None)
    summary = library.episodes()[0]
    assert (summary.title, summary.duration_ms, summary.audio_path) == ("Renamed episode", 61_000, None)
    library.delete_episode(episode_id)
    assert library.episodes() == []
    assert library.highlights() == []
    assert library.search("composting") == []
    with pytest.raises(LibraryError, match="no episode"):
        library.episode(episode_id)
    with pytest.raises(LibraryError, match="empty"):
        library.rename_episode(episode_id, "   ")
    assert library.integrity_check() == "ok"
