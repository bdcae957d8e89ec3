"""``podplayer import`` / ``episodes`` on a temp library with real audio decoded by ffmpeg."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.core.model import Timing
from podplayer.store import Library
from tests.conftest import real_speech

TIMED_JSON = {
    "version": "1.0.0",
    "segments": [
        {"speaker": "Alice", "startTime": 0.0, "endTime": 2.5, "body": "Welcome to the compost show."},
        {"speaker": "Bob", "startTime": 2.5, "endTime": 5.5, "body": "Thanks, winter composting is my topic."},
    ],
}


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("media")
    audio = folder / "episode.mp3"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=330:duration=6", str(audio)], check=True
    )
    transcript = folder / "episode.json"
    transcript.write_text(json.dumps(TIMED_JSON), encoding="utf-8")
    not_audio = folder / "notes.mp3"
    not_audio.write_text("this is not audio\n" * 20, encoding="utf-8")
    broken = folder / "broken.json"
    broken.write_text('{"version": "1.0.0", "segments": [{"speaker": ', encoding="utf-8")
    return {"audio": audio, "transcript": transcript, "not_audio": not_audio, "broken": broken}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_list(db_path: Path, media: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "import", str(media["audio"]), str(media["transcript"]),
                         "--title", "Compost Show")  # fmt: skip
    assert (code, out, err) == (0, "1\n", "")
    code, out, _ = run(capsys, "--db", str(db_path), "episodes")
    assert code == 0
    header, row = out.splitlines()
    assert header.split() == ["ID", "TITLE", "DURATION", "HIGHLIGHTS"]
    assert row.split() == ["1", "Compost", "Show", "0:06", "0"]
    assert header.index("DURATION") + len("DURATION") == row.index("0:06") + len("0:06")  # right-aligned column

    code, out, _ = run(capsys, "--db", str(db_path), "episodes", "--json")
    [episode] = json.loads(out)
    assert episode["title"] == "Compost Show" and episode["highlights"] == 0
    assert abs(episode["duration_ms"] - 6000) < 100
    assert episode["timing"] == "turn" and episode["audio_path"] == str(media["audio"].resolve())
    with Library(db_path) as library:
        turns = library.episode(1).transcript.turns
        assert [(t.speaker, t.start_ms, t.text) for t in turns] == [
            ("Alice", 0, "Welcome to the compost show."),
            ("Bob", 2500, "Thanks, winter composting is my topic."),
        ]


def test_untimed_transcript_is_estimated_or_kept_untimed(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    audio, text = real_speech() / "sonnet001.mp3", real_speech() / "sonnet001.txt"
    other_db = db_path.with_name("other.sqlite3")
    assert run(capsys, "--db", str(db_path), "import", str(audio), str(text))[:2] == (0, "1\n")
    assert run(capsys, "--db", str(other_db), "import", str(audio), str(text), "--no-estimate")[:2] == (0, "1\n")
    with Library(db_path) as library, Library(other_db) as other:
        [estimated], [untimed] = library.episodes(), other.episodes()
        assert estimated.title == "sonnet001" and estimated.timing is Timing.ESTIMATED
        assert untimed.timing is Timing.NONE
        assert abs((estimated.duration_ms or 0) - 53_316) < 200
        assert any("tender churl" in t.text for t in other.episode(untimed.id).transcript.turns)


def test_importing_the_same_episode_twice_adds_it_once(
    db_path: Path, media: dict[str, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The duplicate rule: same audio file (resolved path) + same words turn by turn = same episode."""
    audio, transcript = media["audio"], media["transcript"]
    assert run(capsys, "--db", str(db_path), "import", str(audio), str(transcript))[:3] == (0, "1\n", "")
    # The same pair again, the audio named through a symlink, and the same words as SRT with another title.
    link = tmp_path / "link.mp3"
    link.symlink_to(audio)
    as_srt = tmp_path / "same.srt"
    as_srt.write_text(
        "1\n00:00:00,000 --> 00:00:02,500\nCarol: Welcome to the compost show.\n\n"
        "2\n00:00:02,500 --> 00:00:05,500\nDan: Thanks, winter composting is my topic.\n",
        encoding="utf-8",
    )
    for pair in ([audio, transcript], [link, transcript], [audio, as_srt, "--title", "Another"]):
        code, out, err = run(capsys, "--db", str(db_path), "import", *map(str, pair))
        assert (code, out) == (0, "1\n")
        assert err == "podplayer: already in the library as episode 1 (same audio file and transcript)\n"
    # Different words are a different episode.
    edited = tmp_path / "edited.json"
    edited.write_text(transcript.read_text(encoding="utf-8").replace("compost show", "garden show"), encoding="utf-8")
    assert run(capsys, "--db", str(db_path), "import", str(audio), str(edited))[:3] == (0, "2\n", "")
    with Library(db_path) as library:
        assert [e.title for e in library.episodes()] == ["episode", "edited"]
        assert library.episode(1).transcript.speakers == ["Alice", "Bob"]  # the first import is untouched


@pytest.mark.parametrize(
    ("audio_key", "transcript_key", "message"),
    [
        ("missing", "transcript", "no such audio file"),
        ("not_audio", "transcript", "notes.mp3"),
        ("audio", "missing", "missing.json"),
        ("audio", "broken", "broken.json"),
    ],
)
def test_bad_input_is_one_line_and_adds_nothing(
    db_path: Path, media: dict[str, Path], capsys: pytest.CaptureFixture[str], audio_key: str, transcript_key: str,
    message: str,
) -> None:  # fmt: skip
    paths = {**media, "missing": media["audio"].parent / "missing.json"}
    if audio_key == "missing":
        paths["missing"] = media["audio"].parent / "missing.mp3"
    code, out, err = run(capsys, "--db", str(db_path), "import", str(paths[audio_key]), str(paths[transcript_key]))
    assert code == 1 and out == ""
    assert err.startswith("podplayer: ") and err.count("\n") == 1 and message in err
    with Library(db_path) as library:
        assert library.episodes() == []


def _segments(*spans: tuple[float, float, str]) -> str:
    return json.dumps({"version": "1.0.0", "segments": [
        {"speaker": "AB"[i % 2], "startTime": a, "endTime": b, "body": body}
        for i, (a, b, body) in enumerate(spans)]})  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("backwards.json", _segments((3.0, 4.0, "second"), (1.0, 2.0, "first")), "go backwards at turn 2"),
        ("late.json", _segments((1.0, 2.0, "fine"), (3600.0, 3605.0, "an hour later")), "audio is 0:06 long"),
        ("sound.srt", b"ID3\x04\x00\x00\x00\x00" + bytes(range(256)) * 8, "binary data"),
    ],
)
def test_impossible_transcripts_are_refused(
    db_path: Path, media: dict[str, Path], capsys: pytest.CaptureFixture[str], name: str, content: str | bytes,
    message: str,
) -> None:  # fmt: skip
    path = db_path.parent / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    code, out, err = run(capsys, "--db", str(db_path), "import", str(media["audio"]), str(path))
    assert (code, out) == (1, "")
    assert name in err and message in err and err.count("\n") == 1
    with Library(db_path) as library:
        assert library.episodes() == []


def test_small_overrun_and_utf16_are_accepted(
    db_path: Path, media: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = db_path.parent / "utf16.json"
    path.write_bytes(_segments((0.0, 3.0, "one"), (3.0, 8.0, "runs two seconds past the end")).encode("utf-16"))
    assert run(capsys, "--db", str(db_path), "import", str(media["audio"]), str(path))[:2] == (0, "1\n")


def test_oversized_transcript_is_refused_before_reading(
    db_path: Path, media: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from podplayer.core import transcript_checks

    monkeypatch.setattr(transcript_checks, "MAX_TRANSCRIPT_BYTES", 1000)
    path = db_path.parent / "big.txt"
    path.write_text("A: words words words\n" * 100, encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db_path), "import", str(media["audio"]), str(path))
    assert code == 1 and "big.txt" in err and "up to 0 MB" in err


def test_file_names_starting_with_a_dash(
    tmp_path: Path, media: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-a.mp3").write_bytes(media["audio"].read_bytes())
    (tmp_path / "-a.json").write_text(json.dumps(TIMED_JSON), encoding="utf-8")
    code, out, err = run(capsys, "--db", "lib.sqlite3", "import", "--", "-a.mp3", "-a.json")
    assert (code, out, err) == (0, "1\n", "")


def test_corrupt_library_is_one_line(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path.write_bytes(b"not a database at all" * 100)
    code, out, err = run(capsys, "--db", str(db_path), "episodes")
    assert (code, out) == (1, "")
    assert str(db_path) in err and err.count("\n") == 1 and "Traceback" not in err


def test_default_db_from_environment_and_folders_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "deep" / "er" / "lib.sqlite3"
    monkeypatch.setenv("PODPLAYER_DB", str(target))
    code, out, _ = run(capsys, "episodes")
    assert code == 0 and "empty" in out
    assert target.exists()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["import"])
    assert info.value.code == 2
