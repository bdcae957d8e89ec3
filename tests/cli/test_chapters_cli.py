"""``podplayer chapters`` and the chapter count in ``episodes --json``, with audio carrying real chapters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podplayer.cli import main
from tests.helpers_chapters import m4a_with_chapters, mp3_with_id3_chapters

TRANSCRIPT = {
    "version": "1.0.0",
    "segments": [
        {"speaker": "Alice", "startTime": 0.0, "endTime": 2.5, "body": "Welcome to the compost show."},
        {"speaker": "Bob", "startTime": 2.5, "endTime": 5.5, "body": "Thanks, winter composting is my topic."},
    ],
}
SPECS = [(0.0, 2.5, "Welcome"), (2.5, 6.0, "Winter composting")]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "episode.json"
    path.write_text(json.dumps(TRANSCRIPT), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".mp3", ".m4a"])
def test_import_reads_embedded_chapters_and_chapters_lists_them(
    tmp_path: Path, db_path: Path, transcript: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    make = mp3_with_id3_chapters if suffix == ".mp3" else m4a_with_chapters
    audio = make(tmp_path / f"episode{suffix}", SPECS)
    db = ["--db", str(db_path)]
    assert run(capsys, *db, "import", str(audio), str(transcript), "--title", "Compost")[:2] == (0, "1\n")

    code, out, err = run(capsys, *db, "chapters", "1", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [r["title"] for r in rows] == ["Welcome", "Winter composting"]
    assert [r["start"] for r in rows] == pytest.approx([0.0, 2.5], abs=0.001)
    assert all(isinstance(r["start"], float) for r in rows)

    code, out, _ = run(capsys, *db, "chapters", "Compost")
    assert code == 0
    header, first, second = out.splitlines()
    assert header.split() == ["#", "START", "END", "TITLE"]
    assert first.split() == ["1", "0:00", "0:02", "Welcome"]
    assert second.split() == ["2", "0:02", "0:06", "Winter", "composting"]

    code, out, _ = run(capsys, *db, "episodes", "--json")
    assert [e["chapters"] for e in json.loads(out)] == [2]


def test_an_episode_without_chapters(
    tmp_path: Path, db_path: Path, transcript: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audio = mp3_with_id3_chapters(tmp_path / "episode.mp3", [])
    db = ["--db", str(db_path)]
    run(capsys, *db, "import", str(audio), str(transcript))
    assert run(capsys, *db, "chapters", "1", "--json") == (0, "[]\n", "")
    assert run(capsys, *db, "chapters", "1") == (0, "Episode 1 has no chapters.\n", "")
    code, out, _ = run(capsys, *db, "episodes", "--json")
    assert json.loads(out)[0]["chapters"] == 0


def test_unknown_episode_is_one_line_and_exit_1(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "chapters", "7")
    assert (code, out) == (1, "")
    assert err == "podplayer: no episode matches '7' (see `podplayer episodes`)\n"


def test_missing_episode_argument_is_usage(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db_path), "chapters"])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_set_chapters_from_json_podlove_or_audio_and_clear(
    tmp_path: Path, db_path: Path, transcript: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import FIXTURES, shared

    audio = mp3_with_id3_chapters(tmp_path / "episode.mp3", [])
    db = ["--db", str(db_path)]
    run(capsys, *db, "import", str(audio), str(transcript))
    spec = shared("podcast-namespace") / "chapters-example.json"
    code, out, _ = run(capsys, *db, "chapters", "1", "--set", str(spec), "--json")
    assert code == 0 and [r["start"] for r in json.loads(out)][:3] == [0, 168, 260]
    code, out, _ = run(capsys, *db, "chapters", "1", "--set", str(FIXTURES / "chapters" / "podlove-item.xml"), "--json")
    assert code == 0 and json.loads(out)[1] == {
        "start": 187.0, "end": None, "title": "Introducing Podlove", "url": "http://podlove.org/", "image": None
    }
    chaptered = m4a_with_chapters(tmp_path / "other.m4a", SPECS)
    code, out, _ = run(capsys, *db, "chapters", "1", "--set", str(chaptered), "--json")
    assert code == 0 and [r["title"] for r in json.loads(out)] == ["Welcome", "Winter composting"]
    assert run(capsys, *db, "chapters", "1", "--clear", "--json") == (0, "[]\n", "")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"chapters": [{"title": "no start"}]}', "chapter 1 has no startTime"),
        (b"<rss><channel><item><title>x</title></item></channel></rss>", "no Podlove chapters"),
        (b"<rss><unclosed>", "not well-formed XML"),
        (b"plain words, not chapters\n" * 10, "not a readable audio file"),
    ],
)
def test_set_refuses_bad_files_and_keeps_the_chapters(
    tmp_path: Path, db_path: Path, transcript: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    audio = mp3_with_id3_chapters(tmp_path / "episode.mp3", SPECS)
    db = ["--db", str(db_path)]
    run(capsys, *db, "import", str(audio), str(transcript))
    bad = tmp_path / "bad.chapters"
    bad.write_bytes(content)
    code, out, err = run(capsys, *db, "chapters", "1", "--set", str(bad))
    assert (code, out) == (1, "")
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    code, out, _ = run(capsys, *db, "chapters", "1", "--json")
    assert [r["title"] for r in json.loads(out)] == ["Welcome", "Winter composting"]  # untouched


def test_set_and_clear_together_is_usage(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db_path), "chapters", "1", "--set", "x.json", "--clear"])
    assert info.value.code == 2
