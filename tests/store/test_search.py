"""Full-text search: prefixes, phrases, match times, and any user text is safe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podplayer.core.model import Highlight, WordRef
from podplayer.store import Library
from podplayer.store.search import fts_query
from tests.helpers_store import filled_library, sample_episode, sample_transcript


@pytest.fixture
def filled(db_path: Path) -> Iterator[tuple[Library, int]]:
    library, episode_id = filled_library(db_path)
    yield library, episode_id
    library.close()


def test_word_search_opens_at_the_matching_word(filled: tuple[Library, int]) -> None:
    library, episode_id = filled
    hits = [h for h in library.search("straw") if h.kind == "turn"]
    assert len(hits) == 1
    hit = hits[0]
    turn = sample_transcript().turns[4]
    straw = next(w for w in turn.words if w.text == "straw")
    assert (hit.episode_id, hit.episode_title, hit.speaker, hit.turn_index) == (episode_id, "Garden Hour 12", "Bob", 4)
    assert hit.start_ms == straw.start_ms
    assert "straw" in hit.context


def test_prefix_and_phrase(filled: tuple[Library, int]) -> None:
    library, _ = filled
    def turns_of(query: str) -> list[int]:
        return sorted(h.turn_index or 0 for h in library.search(query) if h.kind == "turn")

    assert turns_of("compost*") == [1, 2]  # composting x2
    assert turns_of("compost") == []  # whole words only without the star
    assert turns_of('"composting in winter"') == [2]
    assert turns_of('"winter composting"') == []
    assert turns_of("winter composting") == [1, 2]  # both words, any order
    assert turns_of('"kitchen scr*"') == [1]  # prefix on a phrase's last word
    assert turns_of("pile OR straw") == [2, 3, 4]
    assert turns_of("pile NOT freeze") == [3]


def test_diacritics_and_case_are_ignored(library: Library) -> None:
    episode = sample_episode()
    episode.transcript.turns[0].words[0].text = "Crème"
    library.add_episode(episode)
    assert [h.turn_index for h in library.search("CREME") if h.kind == "turn"] == [0]


def test_highlights_and_notes_are_searched(filled: tuple[Library, int]) -> None:
    library, episode_id = filled
    library.set_episode_note(episode_id, "Remember the insulation trick")
    by_kind = {h.kind: h for h in library.search("insulation")}
    assert set(by_kind) == {"note"}  # "Insulate" in the turn is a different word
    note_hit = by_kind["note"]
    assert (note_hit.episode_id, note_hit.start_ms) == (episode_id, None)
    [hl] = [h for h in library.search("try this") if h.kind == "highlight"]
    highlight = library.highlights(episode_id)[0]
    assert (hl.highlight_id, hl.start_ms, hl.speaker) == (highlight.id, highlight.start_ms, "Bob")
    # Edits and deletes are reflected at once.
    highlight.note = "different words"
    library.update_highlight(highlight)
    assert not [h for h in library.search("try this") if h.kind == "highlight"]
    library.delete_highlight(highlight.id or 0)
    assert not library.search("different")


def test_limit_and_ranking(library: Library) -> None:
    for i in range(30):
        library.add_episode(sample_episode(f"Episode {i}"))
    hits = library.search("winter", limit=7)
    assert len(hits) == 7
    bookmark = library.add_highlight(1, Highlight(WordRef(0, 0), WordRef(0, 0), "", note="winter winter winter"))
    hits = library.search("winter", limit=40)  # every sample episode's note mentions winter
    assert [h.kind for h in hits] == ["note"] * 30 + ["highlight"] + ["turn"] * 9
    assert hits[30].highlight_id == bookmark
    turn_hits = library.search("winter freeze")
    assert [h.turn_index for h in turn_hits] == [2] * 30  # only turn 2 has both words


def test_very_common_terms_rank_the_most_recent_matches(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    from podplayer.store import search

    for i in range(6):
        library.add_episode(sample_episode(f"Episode {i}"))
    all_hits = [h for h in library.search("composting") if h.kind == "turn"]
    assert len(all_hits) == 12
    monkeypatch.setattr(search, "RANK_WINDOW", 3)  # more matches than the window: rank the newest 4
    windowed = [h for h in library.search("composting") if h.kind == "turn"]
    assert sorted((h.episode_id, h.turn_index) for h in windowed) == [(5, 1), (5, 2), (6, 1), (6, 2)]
    turn = sample_transcript().turns[2]
    assert {h.start_ms for h in windowed if h.turn_index == 2} == {turn.words[0].start_ms}


HOSTILE = [
    '"', '""', '"""', "AND", "OR", "NOT", "AND OR NOT", "*", "**", "NEAR(", "NEAR(a b", "NEAR(winter, 5)",
    "-", "-winter", ":", "text:winter", "turns_fts:winter", "{text}: winter", "(", ")", "((winter)",
    "winter AND", "OR winter", "^winter", "winter*'", "'", "\\", "\x00", "%", "_", "winter NOT", "\"winter",
    "winter\"", "a\"b\"c", "ü*", "🎙", "    ", "", "rank", "'; DROP TABLE turns; --", "* winter", "+", "winter -",
]  # fmt: skip


# Hostile queries whose only real word is "winter" still find it.
FINDS_WINTER = {'"winter', 'winter"', "-winter", "((winter)", "winter AND", "OR winter", "^winter", "winter NOT",
                "* winter", "winter -", "winter*'"}  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_return_normally(filled: tuple[Library, int], query: str) -> None:
    library, _ = filled
    hits = library.search(query)
    assert isinstance(hits, list)
    if query in FINDS_WINTER:
        assert hits and all("winter" in h.context.lower() for h in hits), query


def test_fts_query_translation() -> None:
    assert fts_query("hello world") == '"hello" "world"'
    assert fts_query("compost*") == '"compost"*'
    assert fts_query('"a phrase" more') == '"a phrase" "more"'
    assert fts_query('"unbalanced phrase') == '"unbalanced phrase"'
    assert fts_query("cats AND dogs") == '"cats" "dogs"'
    assert fts_query("cats OR dogs") == '"cats" OR "dogs"'
    assert fts_query("OR OR cats OR") == '"cats"'
    assert fts_query("NOT cats NOT OR dogs NOT") == '"cats" NOT "dogs"'
    assert fts_query('NEAR(a b) -c col:d') == '"NEAR(a" "b)" "-c" "col:d"'
    for nothing in ("", "   ", '"', "*", "-", ":", "AND", "OR", "()"):
        assert fts_query(nothing) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_any_text_is_a_safe_query(library: Library, text: str) -> None:
    assert isinstance(library.search(text), list)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(['"', "*", "AND", "OR", "NOT", "NEAR(", "-", ":", "(", ")", "^", "x", "win"]), max_size=8))
def test_operator_soup_is_a_safe_query(library: Library, parts: list[str]) -> None:
    assert isinstance(library.search(" ".join(parts)), list)
    assert isinstance(library.search("".join(parts)), list)
