"""``podplayer transcribe``: an audio file to a transcript file, a library episode to its transcript,
progress on stderr, one-line errors with exit code 1 (also when the optional extra is missing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.speaker_scoring import truth_sentence_turns
from podplayer.cli import main
from podplayer.core.formats import read_transcript, write_transcript
from podplayer.core.model import Episode, Timing, Transcript
from podplayer.store.repository import Library
from tests.conftest import REPO
from tests.core.transcribe.excerpts import THREE_VOICES, THREE_VOICES_TRUTH, cut, turn_boundary_before
from tests.core.transcribe.without_extra import BLOCK_FASTER_WHISPER


@pytest.fixture(scope="module")
def excerpt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-voice episode's first two turns (two voices, about 12 s)."""
    end = turn_boundary_before(THREE_VOICES_TRUTH, 10_000)
    return cut(THREE_VOICES, 0, end, tmp_path_factory.mktemp("cli") / "two-voices.wav")


@pytest.mark.slow
def test_audio_to_webvtt_with_speakers(excerpt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "two.vtt"
    assert main(["transcribe", str(excerpt), "-o", str(out), "--speakers", "2"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT") and "<v Speaker 1>" in text and "<v Speaker 2>" in text
    back = read_transcript(out)
    assert "welcome" in back.turns[0].text.lower()
    err = capsys.readouterr().err
    assert "Model: tiny.en" in err and "Recognising speech:" in err and "%" in err and "2 speakers" in err


@pytest.mark.slow
def test_a_library_episode_gets_its_transcript(
    excerpt: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library(db_path) as library:
        episode_id = library.add_episode(Episode("Two voices", Transcript([]), audio_path=str(excerpt)))
    out = tmp_path / "copy.json"
    assert main(["--db", str(db_path), "transcribe", "Two voices", "-o", str(out), "--speakers", "2", "--words"]) == 0
    with Library(db_path) as library:
        stored = library.episode(episode_id).transcript
    assert stored.timing is Timing.WORD and stored.word_count > 10
    assert stored.speakers == ["Speaker 1", "Speaker 2"]
    segments = json.loads(out.read_text(encoding="utf-8"))["segments"]  # one per word, with speakers
    assert [s["body"] for s in segments] == [w.text for t in stored.turns for w in t.words]
    assert {s["speaker"] for s in segments} == {"Speaker 1", "Speaker 2"}
    assert "Stored in the library" in capsys.readouterr().err
    # A second run would replace the words under any highlights: refused, library untouched.
    assert main(["--db", str(db_path), "transcribe", str(episode_id)]) == 1
    assert "already has a transcript" in capsys.readouterr().err
    with Library(db_path) as library:
        assert [t.text for t in library.episode(episode_id).transcript.turns] == [t.text for t in stored.turns]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["transcribe", "missing.mp3", "-o", "x.json"], "no such audio file"),
        (["transcribe", str(THREE_VOICES)], "needs -o OUT"),
        (["transcribe", str(THREE_VOICES), "-o", "x.json", "--model", "distil-large-v3"], "not on this machine"),
        (["transcribe", str(THREE_VOICES), "-o", "x.json", "--model", "./no-such-model"], "not a Whisper model folder"),
        (["transcribe", str(THREE_VOICES), "-o", "nowhere/x.json"], "no such folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err
    assert not (tmp_path / "x.json").exists()


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["transcribe", str(THREE_VOICES), "-o", "x.json", "--speakers", "0"])
    assert exc.value.code == 2


# Runs the real command in a fresh interpreter where faster-whisper cannot be imported.
_WITHOUT_EXTRA = BLOCK_FASTER_WHISPER + """
import sys
from podplayer.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_without_the_extra_the_command_says_how_to_enable_it(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_EXTRA, "transcribe", str(THREE_VOICES), "-o", str(tmp_path / "x.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "podplayer: transcription needs the optional extra (faster-whisper is not installed): "
        "pip install 'podplayer[transcribe]'"
    )
    assert not (tmp_path / "x.json").exists()


@pytest.mark.slow
def test_audio_outside_the_library_gets_the_names_of_known_voices(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Jonas, named in the demo episode (flite voice rms), is labelled by name where the same voice
    speaks in another recording transcribed to a file; the other voices are not; without a library
    file no name is given and no library is made."""
    demo = REPO / "resources" / "demo" / "demo-episode.mp3"
    truth = demo.with_name("demo-episode.truth.json")
    turns = truth_sentence_turns(truth)  # one turn a sentence, in the order of the truth's
    by = [t["speaker"] for t in json.loads(truth.read_text(encoding="utf-8"))["turns"] for _ in t["sentences"]]
    for turn, speaker in zip(turns, by, strict=True):
        turn.speaker = "Speaker 1" if speaker == "JONAS" else "Speaker 2"
    write_transcript(Transcript(turns), tmp_path / "demo.json", "podcast-json", words=True)
    db = ["--db", str(db_path)]
    assert main([*db, "import", str(demo), str(tmp_path / "demo.json")]) == 0
    demo_id = capsys.readouterr().out.strip()
    assert main([*db, "speakers", demo_id, "--rename", "Speaker 1", "Jonas"]) == 0
    capsys.readouterr()

    # ROSA, MARK, ROSA, MARK, IAIN: MARK is the voice Jonas was named in
    end = turn_boundary_before(THREE_VOICES_TRUTH, 37_300)
    audio = cut(THREE_VOICES, 0, end, tmp_path / "three.wav")
    out = tmp_path / "three.json"
    assert main([*db, "transcribe", str(audio), "-o", str(out)]) == 0
    said = read_transcript(out)
    truth_turns: list[tuple[str, int, int]] = [
        (str(t["speaker"]), int(t["start_ms"]), int(t["end_ms"])) for t in THREE_VOICES_TRUTH["turns"] if t["end_ms"] <= end
    ]

    def true_speaker(start_ms: int | None, end_ms: int | None) -> str:
        middle = ((start_ms or 0) + (end_ms or 0)) / 2
        return min(truth_turns, key=lambda t: 0 if t[1] <= middle <= t[2] else min(abs(middle - t[1]), abs(middle - t[2])))[0]

    marks = [t for t in said.turns if true_speaker(t.start_ms, t.end_ms) == "MARK"]
    others = [t for t in said.turns if true_speaker(t.start_ms, t.end_ms) != "MARK"]
    assert marks and others
    assert all(t.speaker == "Jonas" for t in marks)
    assert not any(t.speaker == "Jonas" for t in others)

    nowhere = tmp_path / "none" / "library.sqlite3"
    plain = tmp_path / "plain.json"
    assert main(["--db", str(nowhere), "transcribe", str(audio), "-o", str(plain)]) == 0
    assert "Jonas" not in read_transcript(plain).speakers and not nowhere.parent.exists()
