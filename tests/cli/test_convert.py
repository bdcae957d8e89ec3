"""``podplayer convert``: real files in, real files out, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from podplayer.cli import main
from podplayer.core.formats import read_transcript
from podplayer.paths import SEED_EPISODE
from tests.conftest import FIXTURES, REPO

T = FIXTURES / "transcripts"


def test_convert_srt_to_json_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "carried.json"
    assert main(["convert", str(T / "carried_speakers.srt"), "-o", str(out)]) == 0
    assert "3 turns, 2 speakers" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s["speaker"] for s in data["segments"]] == ["JONAS", "AMY", "JONAS"]
    assert data["segments"][0]["startTime"] == 1.0
    back = tmp_path / "back.srt"
    assert main(["convert", str(out), "-o", str(back)]) == 0
    original, again = read_transcript(T / "carried_speakers.srt"), read_transcript(back)
    assert [(t.speaker, t.text, t.start_ms, t.end_ms) for t in again.turns] == [
        (t.speaker, t.text, t.start_ms, t.end_ms) for t in original.turns
    ]


def test_convert_words_writes_a_segment_per_word(tmp_path: Path) -> None:
    out = tmp_path / "w.json"
    assert main(["convert", str(T / "words.json"), "-o", str(out), "--words"]) == 0
    bodies = [s["body"] for s in json.loads(out.read_text(encoding="utf-8"))["segments"]]
    assert bodies == ["Hello", "and", "welcome.\n", "New", "paragraph.", "Hi", "there!"]


def test_convert_seed_to_markdown_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(SEED_EPISODE), "-o", "-", "--to", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 100 Days of Data — Episode 67\n\n## JONAS\n")
    assert "Next up" not in out


def test_convert_with_explicit_input_format(tmp_path: Path) -> None:
    out = tmp_path / "labels.txt"
    assert main(["convert", str(T / "labels.txt"), "--from", "text", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("1.000000 2.500000 JONAS: Hello")


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.count("\n") == 1, err
    return err


def test_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.vtt"
    out.write_text("keep me")
    assert main(["convert", str(T / "carried_speakers.srt"), "-o", str(out)]) == 1
    assert "already exists" in one_error_line(capsys)
    assert out.read_text() == "keep me"
    assert main(["convert", str(T / "carried_speakers.srt"), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("WEBVTT")


def test_broken_input_names_file_format_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.srt"
    bad.write_text("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:0x,000 --> 00:00:03,000\nno\n")
    assert main(["convert", str(bad), "-o", str(tmp_path / "out.vtt")]) == 1
    err = one_error_line(capsys)
    assert str(bad) in err and "srt" in err and "cue 2" in err and "(line 6)" in err
    assert not (tmp_path / "out.vtt").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.srt", "-o", "x.vtt"], "file not found"),
        ([str(SEED_EPISODE), "-o", "x.srt"], "no start time"),
        ([str(T / "plain.txt"), "-o", "x.docx"], "cannot tell the output format"),
        ([str(T / "plain.txt"), "-o", "-"], "needs --to"),
    ],
)
def test_bad_input_exits_1_with_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["convert", *args]) == 1
    assert message in one_error_line(capsys)
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["convert", str(T / "plain.txt"), "-o", "x.srt", "--from", "docx"])
    assert info.value.code == 2
    assert "unknown transcript format 'docx'" in capsys.readouterr().err


def test_installed_command_runs(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("podplayer")
    out = tmp_path / "seed.txt"
    done = subprocess.run(
        [str(exe), "convert", str(SEED_EPISODE), "-o", str(out)], capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("JONAS: Welcome to Episode 67")
