"""``podplayer transcript`` and ``podplayer correct`` (and ``--revert``) on a real library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.core.formats import parse_transcript
from podplayer.core.highlight_anchor import make_highlight
from podplayer.core.model import WordRef
from podplayer.store import Library
from tests.helpers_store import sample_episode, sample_transcript


@pytest.fixture
def db(db_path: Path) -> Path:
    """Episode 1: the word-timed sample with a highlight on "composting kitchen scraps" and one on
    "Exactly. Insulate" (Bob's last turn)."""
    with Library(db_path) as library:
        eid = library.add_episode(sample_episode("Garden Hour 12"))
        transcript = library.episode(eid).transcript
        library.add_highlight(eid, make_highlight(transcript, WordRef(1, 8), WordRef(1, 10), tags=["compost"]))
        library.add_highlight(eid, make_highlight(transcript, WordRef(4, 0), WordRef(4, 1), note="straw"))
    return db_path


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def stored(db: Path) -> tuple[object, ...]:
    with Library(db) as library:
        episode = library.episode(1)
        return (
            [(t.speaker, [(w.text, w.start_ms, w.end_ms) for w in t.words]) for t in episode.transcript.turns],
            [(h.id, h.start, h.end, h.quote, h.detached) for h in library.highlights(1)],
        )


def test_transcript_goes_to_stdout_as_podcasting_json_by_default(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, db, "transcript", "garden")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["version"] == "1.0.0" and data["segments"][0]["speaker"] == "Alice"
    back = parse_transcript(out)
    assert [t.text for t in back.turns] == [t.text for t in sample_transcript().turns]
    code, out, _ = run(capsys, db, "transcript", "1", "--format", "json", "--words")
    assert code == 0 and len(json.loads(out)["segments"]) == sample_transcript().word_count


@pytest.mark.parametrize(("fmt", "marker"), [("srt", "-->"), ("vtt", "WEBVTT"), ("txt", "Alice"), ("md", "Alice")])
def test_transcript_formats_and_output_file(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, marker: str
) -> None:
    code, out, err = run(capsys, db, "transcript", "1", "--format", fmt)
    assert code == 0 and marker in out and err == ""
    target = tmp_path / f"episode.{fmt}"
    assert run(capsys, db, "transcript", "1", "-o", str(target))[0] == 0
    assert parse_transcript(target.read_text(encoding="utf-8"), name=target.name).turns[1].speaker == "Bob"
    code, _, err = run(capsys, db, "transcript", "1", "-o", str(target))
    assert code == 1 and "already exists" in err and err.count("\n") == 1


def test_correct_a_file_edited_by_hand_then_revert(db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    exported = tmp_path / "garden.txt"
    assert run(capsys, db, "transcript", "1", "-o", str(exported))[0] == 0
    text = exported.read_text(encoding="utf-8")
    edited = text.replace("kitchen scraps", "kitchen peelings").replace("Exactly. Insulate it", "It")
    assert edited != text
    exported.write_text(edited, encoding="utf-8")
    before = stored(db)

    code, out, err = run(capsys, db, "correct", "1", str(exported), "--dry-run", "--json")
    assert (code, err) == (0, "")
    dry = json.loads(out)
    assert dry["applied"] is False and (dry["words"]["replaced"], dry["words"]["deleted"]) == (1, 2)
    assert stored(db) == before

    code, out, err = run(capsys, db, "correct", "1", str(exported))
    assert (code, err) == (0, "")
    assert "replaced" in out and "highlights:" in out and "1 detached" in out
    code, out, _ = run(capsys, db, "highlights", "1", "--json")
    listed = {h["id"]: h for h in json.loads(out)}
    assert listed[1]["quote"] == "composting kitchen peelings" and listed[1]["detached"] is False
    assert listed[2]["detached"] is True and listed[2]["note"] == "straw" and listed[2]["quote"] == "Exactly. Insulate"
    code, out, _ = run(capsys, db, "transcript", "1", "--format", "txt")
    assert "kitchen peelings" in out and "Insulate" not in out
    backup = tmp_path / "backup.json"  # a backup carries the detached highlight and restores it
    assert run(capsys, db, "export", "1", "--format", "json", "-o", str(backup))[0] == 0
    other = tmp_path / "other.db"
    with Library(other) as fresh:
        fresh.add_episode(sample_episode("Garden Hour 12"))  # where its words are still there
    code, _, err = run(capsys, other, "import-annotations", str(backup))
    assert (code, err) == (0, "")
    with Library(other) as fresh:
        restored = {h.note: h for h in fresh.highlights()}["straw"]
    assert restored.quote == "Exactly. Insulate" and not restored.detached  # found again by its quote

    code, out, err = run(capsys, db, "correct", "1", "--revert")
    assert (code, err) == (0, "")
    assert stored(db)[0] == before[0]  # words and their times as before


def test_bad_input_is_one_line_and_changes_nothing(db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    no_words = tmp_path / "none.json"
    no_words.write_text('{"version": "1.0.0", "segments": []}', encoding="utf-8")
    unrelated = tmp_path / "other.txt"
    unrelated.write_text("Zed: an entirely unrelated shopping list of apples pears and milk\n", encoding="utf-8")
    unreadable = tmp_path / "locked.txt"
    unreadable.write_bytes(b"\x00\xff\x00binary\x00")
    before = stored(db)
    cases: list[tuple[list[str], str]] = [
        (["correct", "1", str(tmp_path / "missing.txt")], "not found"),
        (["correct", "1", str(tmp_path)], "directory"),
        (["correct", "1", str(empty)], "no transcript text"),
        (["correct", "1", str(no_words)], "no segment"),
        (["correct", "1", str(unrelated)], "% of its words match"),
        (["correct", "1", str(unreadable)], ""),
        (["correct", "1", "--revert"], "never corrected"),
        (["correct", "1"], "FILE or --revert"),
        (["correct", "99", str(unrelated)], "no episode"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, db, *argv)
        assert code == 1 and out == "", argv
        assert err.startswith("podplayer: ") and err.count("\n") == 1 and message in err, (argv, err)
        assert stored(db) == before
    code, _, err = run(capsys, db, "correct", "1", str(unrelated), "--force")
    assert (code, err) == (0, "")
    with Library(db) as library:
        assert library.episode(1).transcript.speakers == ["Zed"]
        assert all(h.detached for h in library.highlights(1))
