"""Keep ``make bench`` from rotting: each data generator and the harness run here at a tiny size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks import FLOORS, Floor
from benchmarks.__main__ import discover, status_of
from benchmarks.bench_search import queries
from benchmarks.data import (
    build_library,
    library_episodes,
    sample_highlights,
    synthetic_audio,
    synthetic_transcript,
)
from podplayer.core.audio import probe_duration_ms
from podplayer.core.model import Timing, Transcript, Turn, Word
from podplayer.store.repository import Library
from tests.helpers_typing import present

REPO = Path(__file__).resolve().parents[1]


def test_synthetic_transcript_is_word_timed_ordered_and_deterministic() -> None:
    a = synthetic_transcript(seed=5, words=600, turns=40, duration_ms=180_000)
    b = synthetic_transcript(seed=5, words=600, turns=40, duration_ms=180_000)
    assert [t.text for t in a.turns] == [t.text for t in b.turns]
    assert a.word_count == 600
    assert len(a.turns) == 40
    assert a.timing is Timing.WORD
    assert set(a.speakers) == {"ALEX", "SAM"}
    words = [w for t in a.turns for w in t.words]
    assert all(w.start_ms is not None and w.end_ms is not None and w.start_ms < w.end_ms for w in words)
    assert all(present(x.end_ms) <= present(y.start_ms) for x, y in zip(words, words[1:], strict=False))
    assert a.end_ms is not None and 170_000 < a.end_ms <= 180_000
    other = synthetic_transcript(seed=6, words=600, turns=40, duration_ms=180_000)
    assert [t.text for t in other.turns] != [t.text for t in a.turns]


def test_synthetic_audio_has_the_requested_length(tmp_path: Path) -> None:
    # A one-second chunk repeated: exercises the encode-once, stream-copy path the 3-hour file uses.
    path = synthetic_audio(tmp_path / "noise.mp3", 3_500, chunk_s=1)
    assert abs(probe_duration_ms(path) - 3_500) < 150


def test_library_builder_stores_episodes_highlights_and_notes(tmp_path: Path) -> None:
    db = tmp_path / "bench.sqlite3"
    ids = build_library(db, library_episodes(3, 300), highlights_per_episode=2)
    library = Library(db)
    try:
        summaries = library.episodes()
        assert sorted(s.id for s in summaries) == sorted(ids)
        assert all(s.highlight_count == 2 for s in summaries)
        episode = library.episode(ids[0])
        assert 200 <= episode.transcript.word_count <= 400
        assert episode.note.startswith("Episode note")
        assert len(library.highlights()) == 6
    finally:
        library.close()


def test_sample_highlights_quote_the_words_they_cover() -> None:
    import random

    transcript = synthetic_transcript(seed=9, words=400, turns=30, duration_ms=120_000)
    for h in sample_highlights(transcript, random.Random(1), 20):
        words = transcript.turns[h.start.turn].words[h.start.word:h.end.word + 1]
        assert h.quote == " ".join(w.text for w in words)


def test_search_queries_cover_words_prefixes_and_phrases() -> None:
    qs = queries()
    assert len(qs) >= 45
    assert any(q.endswith("*") for q in qs)
    assert sum(q.startswith('"') for q in qs) >= 3
    assert len(set(qs)) > 40


def test_floor_status() -> None:
    assert status_of("open_3h_s", 0.5) == "pass"
    assert status_of("open_3h_s", 1.5) == "FAIL"
    assert status_of("align_demo_turn_within_250ms", 0.99) == "pass"
    assert status_of("align_demo_turn_within_250ms", 0.5) == "FAIL"
    assert status_of("tick_p99_ms", 3.0) == "over (report)"
    assert status_of("waveform_3h_s", 12.0) == "-"
    assert status_of("search_1000_median_ms", None) == "missing"
    assert str(Floor(0.9, at_most=False)) == "≥ 0.9"
    assert FLOORS["search_1000_median_ms"].limit == 50


def test_harness_lists_every_benchmark_module() -> None:
    out = subprocess.run([sys.executable, "-m", "benchmarks", "--list"], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    assert {"player", "search"} <= set(discover())
    for name in discover():
        assert name in out
    assert "open_3h_s" in out


def test_overlapped_words_are_scored_against_their_speaker() -> None:
    from benchmarks.speaker_scoring import overlapped_word_share

    # A speaks 0-3 s; B says "yeah" at 1.0-1.4 s, over A.
    reference = [("A", 0.0, 3.0), ("B", 1.0, 1.4)]
    said = Transcript([
        Turn("A", [Word("so", 0, 400), Word("we", 1000, 1200), Word("go", 2000, 2400)], 0, 2400),
        Turn("B", [Word("yeah", 1100, 1300)], 1100, 1300),
    ])
    # "so", "go" (not overlapped) are heard as voice x; "we" and "yeah" both as x: only "we" is right.
    found = [Turn("x", said.turns[0].words[:], 0, 2400), Turn("x", said.turns[1].words[:], 1100, 1300)]
    assert overlapped_word_share(reference, said, found) == (0.5, 2)
    found[1] = Turn("y", said.turns[1].words[:], 1100, 1300)
    assert overlapped_word_share(reference, said, found) == (1.0, 2)
