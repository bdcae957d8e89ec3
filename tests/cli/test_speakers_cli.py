"""``podplayer import AUDIO``, ``podplayer speakers`` and ``podplayer voices`` on a real library file:
transcripts without speakers get them from the audio, and a voice named in one episode is labelled by
name in another (the known-voices floor: >= 95 % of its turns, no other voice takes the name)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.speaker_scoring import truth_reference, truth_sentence_turns
from podplayer.cli import main
from podplayer.core.formats import write_transcript
from podplayer.core.model import Transcript, Turn
from podplayer.store.repository import Library
from tests.conftest import FIXTURES, REPO

pytest.importorskip("onnxruntime", reason="the transcribe extra is not installed")

DEMO = REPO / "resources" / "demo" / "demo-episode.mp3"  # JONAS: flite voice rms, AMY: slt
THREE_VOICES = FIXTURES / "three-voices" / "three-voices.mp3"  # MARK: rms, ROSA: slt, IAIN: awb


def _without_speakers(truth: Path, out: Path) -> Path:
    """The episode's transcript, word-timed, with every turn given to one unnamed speaker."""
    write_transcript(Transcript(truth_sentence_turns(truth)), out, "podcast-json", words=True)
    return out


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def _true_speaker(turn: Turn, truth: list[tuple[str, float, float]]) -> str:
    middle = ((turn.start_ms or 0) + (turn.end_ms or 0)) / 2000
    return min(truth, key=lambda t: 0 if t[1] <= middle <= t[2] else min(abs(middle - t[1]), abs(middle - t[2])))[0]


@pytest.mark.slow
def test_a_named_voice_is_recognised_in_another_episode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "library.sqlite3")
    demo_json = _without_speakers(DEMO.with_name("demo-episode.truth.json"), tmp_path / "demo.json")
    demo_id = _run(capsys, "--db", db, "import", str(DEMO), str(demo_json)).strip()
    found = json.loads(_run(capsys, "--db", db, "speakers", demo_id, "--find", "--json"))
    assert [s["name"] for s in found] == ["Speaker 1", "Speaker 2"]
    _run(capsys, "--db", db, "speakers", demo_id, "--rename", "Speaker 1", "Jonas")
    voices = json.loads(_run(capsys, "--db", db, "voices", "--json"))
    assert [v["name"] for v in voices] == ["Jonas"] and voices[0]["seconds"] > 60

    three_truth = THREE_VOICES.with_name("three-voices.truth.json")
    three_json = _without_speakers(three_truth, tmp_path / "three.json")
    three_id = _run(capsys, "--db", db, "import", str(THREE_VOICES), str(three_json)).strip()
    listed = json.loads(_run(capsys, "--db", db, "speakers", three_id, "--find", "--json"))
    assert sorted(s["name"] for s in listed) == ["Jonas", "Speaker 1", "Speaker 2"]

    reference = truth_reference(three_truth)
    with Library(db) as library:
        turns = library.episode(int(three_id)).transcript.turns
    marks = [t for t in turns if _true_speaker(t, reference) == "MARK"]  # the voice named Jonas
    others = [t for t in turns if _true_speaker(t, reference) != "MARK"]
    assert sum(t.speaker == "Jonas" for t in marks) / len(marks) >= 0.95
    assert not any(t.speaker == "Jonas" for t in others)

    _run(capsys, "--db", db, "voices", "--forget", "Jonas")
    assert json.loads(_run(capsys, "--db", db, "voices", "--json")) == []


def test_import_audio_without_a_transcript_then_speakers_need_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "library.sqlite3")
    episode = _run(capsys, "--db", db, "import", str(THREE_VOICES), "--title", "Three")
    again = main(["--db", db, "import", str(THREE_VOICES)])
    assert again == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == episode.strip() and "already in the library" in captured.err
    with Library(db) as library:
        added = library.episode(int(episode))
    assert added.title == "Three" and added.transcript.word_count == 0 and added.audio_path
    assert main(["--db", db, "speakers", episode.strip(), "--find"]) == 1
    assert "no word times yet: transcribe it first" in capsys.readouterr().err


def test_bad_input_is_one_line_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "library.sqlite3")
    transcript = _without_speakers(THREE_VOICES.with_name("three-voices.truth.json"), tmp_path / "t.json")
    episode = _run(capsys, "--db", db, "import", str(THREE_VOICES), str(transcript)).strip()
    assert main(["--db", db, "speakers", episode, "--rename", "Nobody", "Jonas"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nobody" in err
    assert main(["--db", db, "voices", "--forget", "Jonas"]) == 1
    assert "no known voice" in capsys.readouterr().err
    assert main(["--db", db, "import", str(tmp_path / "missing.mp3")]) == 1
    assert capsys.readouterr().err.startswith("podplayer: ")
    assert json.loads(_run(capsys, "--db", db, "voices", "--json")) == []
    listed = json.loads(_run(capsys, "--db", db, "speakers", episode, "--json"))
    assert listed == [{"name": "Speaker 1", "seconds": listed[0]["seconds"], "turns": listed[0]["turns"]}]


def test_renaming_teaches_the_voice_of_every_turn_that_carries_the_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As in the app (where Edit → Undo takes the voice back): a "Speaker N" name teaches nothing, a
    name teaches the renamed turns' voice, and a merge into a name teaches the voice of both."""
    db = str(tmp_path / "library.sqlite3")
    truth = THREE_VOICES.with_name("three-voices.truth.json")
    reference = truth_reference(truth)
    numbers = {"MARK": 1, "ROSA": 2, "IAIN": 3}
    turns = truth_sentence_turns(truth)
    for turn in turns:
        turn.speaker = f"Speaker {numbers[_true_speaker(turn, reference)]}"
    write_transcript(Transcript(turns), tmp_path / "three.json", "podcast-json", words=True)
    episode = _run(capsys, "--db", db, "import", str(THREE_VOICES), str(tmp_path / "three.json")).strip()
    spoken = {s["name"]: s["seconds"] for s in json.loads(_run(capsys, "--db", db, "speakers", episode, "--json"))}
    assert sorted(spoken) == ["Speaker 1", "Speaker 2", "Speaker 3"]

    _run(capsys, "--db", db, "speakers", episode, "--rename", "Speaker 3", "Speaker 7")
    assert json.loads(_run(capsys, "--db", db, "voices", "--json")) == []
    _run(capsys, "--db", db, "speakers", episode, "--rename", "Speaker 1", "Mark")
    (mark,) = json.loads(_run(capsys, "--db", db, "voices", "--json"))
    assert mark["name"] == "Mark" and mark["seconds"] == pytest.approx(spoken["Speaker 1"], abs=0.2)
    _run(capsys, "--db", db, "speakers", episode, "--rename", "Speaker 2", "Mark")
    (merged,) = json.loads(_run(capsys, "--db", db, "voices", "--json"))
    assert merged["name"] == "Mark"
    assert merged["seconds"] == pytest.approx(spoken["Speaker 1"] + spoken["Speaker 2"], abs=0.2)
