"""``podplayer highlight add`` / ``highlights`` / ``search`` on a temp library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.core.model import Episode, Transcript, Turn
from podplayer.store import Library
from tests.helpers_store import sample_episode, sample_transcript


@pytest.fixture
def db(db_path: Path) -> Path:
    """Episode 1: word-timed sample (400 ms per word); episode 2: untimed."""
    with Library(db_path) as library:
        library.add_episode(sample_episode("Garden Hour 12"))
        library.add_episode(Episode("Untimed talk", Transcript([Turn.from_text("A", "no times here at all")])))
    return db_path


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_highlight_add_snaps_to_words(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bob = sample_transcript().turns[1]
    # From inside word 8 ("composting") to just after word 10 ("scraps") starts.
    start = (bob.words[8].start_ms or 0) + 150
    end = (bob.words[10].start_ms or 0) + 10
    code, out, err = run(capsys, db, "highlight", "add", "garden", "--from", str(start / 1000), "--to", str(end / 1000),
                         "--tag", "compost", "--tag", "kitchen", "--note", "try it", "--color", "Green")  # fmt: skip
    assert (code, err) == (0, "")
    highlight_id = int(out)
    with Library(db) as library:
        highlight = library.highlight(highlight_id)
    assert highlight.quote == "composting kitchen scraps"
    assert (highlight.start_ms, highlight.end_ms) == (bob.words[8].start_ms, bob.words[10].end_ms)
    assert (highlight.tags, highlight.note, highlight.color, highlight.speaker) == (
        ["compost", "kitchen"], "try it", "green", "Bob",
    )  # fmt: skip
    assert highlight.prefix.endswith("talk about") and "in winter" in highlight.suffix


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Untimed", "--from", "1", "--to", "2"], "no timings"),
        (["1", "--from", "3", "--to", "2"], "--to must be after --from"),
        (["1", "--from", "1", "--to", "2", "--color", "plaid"], "unknown colour"),
        (["nothing like it", "--from", "1", "--to", "2"], "no episode matches"),
        (["1", "--from", "500", "--to", "600"], "no words between"),
    ],
)
def test_highlight_add_errors_are_one_line(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, db, "highlight", "add", *argv)
    assert (code, out) == (1, "")
    assert err.startswith("podplayer: ") and err.count("\n") == 1 and message in err
    with Library(db) as library:
        assert library.highlights() == []


def test_negative_seconds_are_a_usage_error(db: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), "highlight", "add", "1", "--from", "-1", "--to", "2"])
    assert info.value.code == 2


def test_highlights_listing_and_filters(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for start, end, tag in ((0.1, 1.0, "intro"), (5.0, 6.0, "compost"), (13.0, 14.0, "compost")):
        assert run(capsys, db, "highlight", "add", "1", "--from", str(start), "--to", str(end), "--tag", tag)[0] == 0
    code, out, _ = run(capsys, db, "highlights")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["ID", "EPISODE", "TIME", "SPEAKER", "TAGS", "QUOTE"]
    assert [line.split()[0] for line in lines[1:]] == ["1", "2", "3"]
    assert lines[1].split()[2:5] == ["0:00", "Alice", "intro"]

    code, out, _ = run(capsys, db, "highlights", "garden hour", "--tag", "COMPOST", "--json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [2, 3] and all(r["tags"] == ["compost"] for r in rows)
    assert rows[0]["start_ms"] <= 5000 < rows[0]["end_ms"]
    assert run(capsys, db, "highlights", "Untimed")[:2] == (0, "")


def test_search_text_json_and_hostile(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, db, "search", "compost*")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["EPISODE", "TITLE", "TIME", "KIND", "SPEAKER", "CONTEXT"]
    assert len(rows) == 3  # the episode note and two turns
    code, out, _ = run(capsys, db, "search", '"composting in winter"', "--json")
    [hit] = json.loads(out)
    straw_turn = sample_transcript().turns[2]
    assert (hit["kind"], hit["turn_index"], hit["speaker"]) == ("turn", 2, "Alice")
    assert hit["start_ms"] == straw_turn.words[0].start_ms
    for hostile in ('"', "NEAR(", "AND", "*", "-", ":", "a OR"):
        assert run(capsys, db, "search", hostile)[0] == 0


def test_highlight_add_on_the_demo_keeps_to_the_speakers_turn(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """60-66 s on the demo: AMY's sentence; JONAS' reply starts ("To") a little before 66 s."""
    from podplayer.store.demo import ensure_demo_episode

    with Library(db_path) as library:
        demo_id = ensure_demo_episode(library)
        assert demo_id is not None
        transcript = library.episode(demo_id).transcript
    next_turn = next(t for t in transcript.turns if t.words[0].start_ms is not None and t.words[0].start_ms > 60000)
    assert next_turn.words[0].start_ms is not None and next_turn.words[0].start_ms < 66000  # the case at hand
    code, out, err = run(capsys, db_path, "highlight", "add", str(demo_id), "--from", "60", "--to", "66")
    assert (code, err) == (0, "")
    with Library(db_path) as library:
        highlight = library.highlight(int(out))
    assert highlight.start.turn == highlight.end.turn
    assert highlight.speaker == transcript.turns[highlight.end.turn].speaker != next_turn.speaker
    assert highlight.quote.endswith("healthcare diagnostics.")
    assert "\n" not in highlight.quote
